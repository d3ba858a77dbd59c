"""Peak memory (RSS high-water mark) of the wizard during a full check, GUI and CLI.

    .venv/bin/python benchmarks/bench_memory.py [--python PATH] [--bundle DIR]

Each case runs as its own process; this script polls /proc/<pid>/status (VmHWM) of that process
and of every program it starts, every 10 ms, so the wizard's own peak is told apart from the
target interpreter's (which imports torch in the live probe). Cases:
  GUI, full check   the wizard window offscreen, Welcome → check → result page (source checkout:
                    the frozen GUI has no hook to press Next; same code, same Python version)
  GUI, frozen       the frozen windowed app up to its first painted page (TSW_BENCH_FIRST_PAINT)
  CLI, frozen       torch-setup-wizard check --json from the bundle
  CLI, source       python -m wizard check --json
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_TORCH_PYTHON = Path.home() / ".cache" / "tsw-tests" / "torch-2.13.0" / "bin" / "python"
POLL_S = 0.01


@dataclass
class Peaks:
    own_kib: int = 0
    children_kib: dict[str, int] = field(default_factory=dict)  # "pid command" → peak
    wall_s: float = 0.0
    exit_code: int | None = None


def status_kib(pid: int, key: str = "VmHWM") -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except (OSError, ValueError):
        return None
    return None


def descendants(pid: int) -> list[int]:
    found, pending = [], [pid]
    while pending:
        parent = pending.pop()
        try:
            tasks = os.listdir(f"/proc/{parent}/task")
        except OSError:
            continue
        for task in tasks:
            try:
                children = Path(f"/proc/{parent}/task/{task}/children").read_text().split()
            except OSError:
                continue
            for child in map(int, children):
                found.append(child)
                pending.append(child)
    return found


def command_name(pid: int) -> str:
    try:
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return "?"
    words = [a.decode(errors="replace") for a in argv if a]
    return " ".join(Path(w).name if i == 0 else w for i, w in enumerate(words[:3]))


def measure(argv: list[str], env: dict[str, str], timeout: float = 300) -> Peaks:
    peaks = Peaks()
    started = time.monotonic()
    process = subprocess.Popen(argv, env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    while process.poll() is None:
        own = status_kib(process.pid)
        if own:
            peaks.own_kib = max(peaks.own_kib, own)
        for child in descendants(process.pid):
            peak = status_kib(child)
            if peak:
                key = f"{child} {command_name(child)}"
                peaks.children_kib[key] = max(peaks.children_kib.get(key, 0), peak)
        if time.monotonic() - started > timeout:
            process.kill()
        time.sleep(POLL_S)
    peaks.wall_s = time.monotonic() - started
    peaks.exit_code = process.returncode
    if process.returncode not in (0, 1):
        stderr = process.stderr.read().decode(errors="replace") if process.stderr else ""
        raise RuntimeError(f"{argv[:3]} exited {process.returncode}: {stderr[-600:]}")
    return peaks


def base_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("LD_LIBRARY_PATH", "QT_PLUGIN_PATH")}
    env.update(extra)
    return env


def report(label: str, peaks: Peaks) -> None:
    largest = max(peaks.children_kib.items(), key=lambda item: item[1], default=None)
    child = f"; largest child {largest[1] / 1024:.0f} MiB ({largest[0].split(' ', 1)[1]})" if largest else ""
    print(f"{label:22s} wizard process peak {peaks.own_kib / 1024:5.0f} MiB{child}; {peaks.wall_s:.1f} s, "
          f"{len(peaks.children_kib)} programs started")


def gui_full_check(python: str) -> int:
    """Child mode: drive the wizard offscreen through one full check, then exit."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer

    from wizard.gui.app import make_application
    from wizard.gui.wizard import SetupWizard

    app = make_application()
    window = SetupWizard(python=python, discover=None)
    window.show()

    def finished() -> None:
        if window.result is not None and not window.checking:
            QTimer.singleShot(300, app.quit)  # let the result page render

    window.state_changed.connect(finished)
    QTimer.singleShot(50, window.next)  # leave Welcome: starts the real check
    QTimer.singleShot(240_000, app.quit)
    app.exec()
    done = window.result is not None and window.result.snapshot is not None
    print(json.dumps({"checked": done}), flush=True)
    return 0 if done else 3


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", default=str(DEFAULT_TORCH_PYTHON), help="interpreter with torch to check")
    parser.add_argument("--bundle", type=Path, default=REPO / "dist" / "torch-setup-wizard")
    parser.add_argument("--gui-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.gui_child:
        return gui_full_check(args.python)
    if not Path(args.python).is_file():
        print(f"no interpreter at {args.python} (create it by running the tests once, or pass --python)")
        return 2
    print(f"machine: {platform.node()} {platform.machine()}, {os.cpu_count()} cores; target {args.python}")
    check_args = ["check", "--python", args.python, "--json"]
    report("GUI, full check", measure([sys.executable, __file__, "--gui-child", "--python", args.python],
                                      base_env(QT_QPA_PLATFORM="offscreen")))
    frozen_gui = args.bundle / "torch-setup-wizard-gui"
    if frozen_gui.is_file():
        report("GUI, frozen, 1st page", measure([str(frozen_gui), "--python", args.python],
                                                base_env(QT_QPA_PLATFORM="offscreen", TSW_BENCH_FIRST_PAINT="1")))
        report("CLI, frozen", measure([str(args.bundle / "torch-setup-wizard"), *check_args], base_env()))
    else:
        print(f"(no bundle at {args.bundle}: build it with bash packaging/build_linux.sh for the frozen figures)")
    report("CLI, source", measure([sys.executable, "-m", "wizard", *check_args], base_env()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
