"""Linux bundle figures: build time, bundle and tarball size, start-up time of the frozen app.

    .venv/bin/python benchmarks/bench_bundle.py [--build] [--bundle DIR] [--runs 5] [--python PATH]

--build (or a missing bundle) runs packaging/build_linux.sh first and times it. Start-up is the
median of --runs runs after one warm-up: `torch-setup-wizard --version`, and process start to the
first painted Welcome page of `torch-setup-wizard-gui` (offscreen, TSW_BENCH_FIRST_PAINT=1: the
app prints time.monotonic() at first paint, which is system-wide, so it compares with our clock).
The same figures from the source checkout (`python -m wizard`) are printed beside them.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DIST = REPO / "dist"
DEFAULT_TORCH_PYTHON = Path.home() / ".cache" / "tsw-tests" / "torch-2.13.0" / "bin" / "python"


def machine_line() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return f"{platform.node()}: {cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, load {load}"


def tree_bytes(folder: Path) -> int:
    """Apparent size of the files under folder; symbolic links count as links, not as their targets."""
    total = 0
    for root, _dirs, files in os.walk(folder):
        for name in files:
            total += os.lstat(os.path.join(root, name)).st_size
    return total


def largest_parts(folder: Path, count: int = 6) -> list[tuple[str, int]]:
    internal = folder / "_internal"
    parts = []
    for child in internal.iterdir():
        size = tree_bytes(child) if child.is_dir() and not child.is_symlink() else os.lstat(child).st_size
        parts.append((child.name, size))
    qt_lib = internal / "PySide6" / "Qt" / "lib"
    if qt_lib.is_dir():
        parts += [(f"PySide6/Qt/lib/{p.name}", p.stat().st_size) for p in qt_lib.iterdir() if p.is_file()]
        parts = [(name, size) for name, size in parts if name != "PySide6"]
    return sorted(parts, key=lambda item: -item[1])[:count]


def mib(size: int) -> str:
    return f"{size / 2**20:.1f} MiB"


def build() -> float:
    started = time.monotonic()
    subprocess.run(["bash", str(REPO / "packaging" / "build_linux.sh")], cwd=REPO, check=True,
                   stdout=subprocess.DEVNULL)
    return time.monotonic() - started


def newest_tarball() -> Path | None:
    found = sorted(DIST.glob("torch-setup-wizard-*-linux-*.tar.gz"), key=lambda p: p.stat().st_mtime)
    return found[-1] if found else None


def gui_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("LD_LIBRARY_PATH", "QT_PLUGIN_PATH")}
    env.update(QT_QPA_PLATFORM="offscreen", TSW_BENCH_FIRST_PAINT="1")
    return env


def seconds_to_exit(argv: list[str]) -> float:
    started = time.monotonic()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, timeout=60)
    return time.monotonic() - started


def seconds_to_first_paint(argv: list[str]) -> float:
    started = time.monotonic()
    done = subprocess.run(argv, env=gui_env(), capture_output=True, text=True, timeout=60, cwd=REPO)
    for line in done.stdout.splitlines():
        if line.startswith("first-paint "):
            return float(line.split()[1]) - started
    raise RuntimeError(f"no first-paint line (exit {done.returncode}): {done.stderr[-500:]}")


def median_ms(measure: Callable[[list[str]], float], argv: list[str], runs: int) -> str:
    measure(argv)  # warm the page cache
    times = [measure(argv) for _ in range(runs)]
    return f"median {statistics.median(times) * 1000:5.0f} ms (min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=DIST / "torch-setup-wizard")
    parser.add_argument("--build", action="store_true", help="build the bundle first (timed)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--python", default=str(DEFAULT_TORCH_PYTHON), help="interpreter the GUI is pointed at")
    args = parser.parse_args()
    print(f"machine: {machine_line()}")
    if args.build or not (args.bundle / "torch-setup-wizard").is_file():
        print(f"build (packaging/build_linux.sh, --clean, build venv present): {build():.1f} s")
    bundle = args.bundle
    print(f"bundle:  {bundle}  {mib(tree_bytes(bundle))}")
    for name, size in largest_parts(bundle):
        print(f"           {name:40s} {mib(size)}")
    tarball = newest_tarball()
    print(f"tarball: {tarball.name}  {mib(tarball.stat().st_size)}" if tarball else "tarball: none in dist/")
    cli, gui = str(bundle / "torch-setup-wizard"), str(bundle / "torch-setup-wizard-gui")
    source = [sys.executable, "-m", "wizard"]
    print(f"--version, frozen:             {median_ms(seconds_to_exit, [cli, '--version'], args.runs)}")
    print(f"--version, source checkout:    {median_ms(seconds_to_exit, [*source, '--version'], args.runs)}")
    gui_args = ["--python", args.python] if Path(args.python).is_file() else []
    print(f"first painted page, frozen:    {median_ms(seconds_to_first_paint, [gui, *gui_args], args.runs)}")
    print(f"first painted page, source:    "
          f"{median_ms(seconds_to_first_paint, [*source, 'gui', *gui_args], args.runs)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
