"""The live package index end to end: the figures of issue #15's "done when".

    python benchmarks/bench_index.py [--python PATH] [--runs N]

1. A local mirror (127.0.0.1) with stand-in releases newer than the bundled knowledge: what `check` recommends,
   then `fix --yes` in a fresh venv: exit code, the torch it installed, and the verdict of a `check` after it.
2. The network down: `check` with the default index unreachable (no route / no DNS on this machine), with a
   dead local port, and with a mirror that never answers, each beside `check --offline` (median of N runs,
   interleaved): the time the fallback costs and which source the report names.
Uses a fresh cache folder for every run, so nothing is answered from an earlier run.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.index.mirrors import newer_mirror  # noqa: E402
from tests.local_index import LocalIndex, pip_env  # noqa: E402

DEFAULT_PYTHON = Path.home() / ".cache" / "tsw-tests" / "torch-2.13.0" / "bin" / "python"


def wizard(args: list[str], cache: Path, timeout: float = 900) -> tuple[subprocess.CompletedProcess, float]:
    env = pip_env(TSW_CACHE_DIR=str(cache))
    env.pop("TSW_OFFLINE", None)
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "wizard", *args], capture_output=True, text=True, env=env,
                            cwd=REPO, timeout=timeout)
    return result, time.perf_counter() - started


def source_line(report: dict) -> str:
    found = next((f for f in report["findings"] if f["code"] == "INDEX_SOURCE"), None)
    return found["title"] if found else "(no INDEX_SOURCE finding)"


def dead_port() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}/whl"


def newer_release(folder: Path) -> None:
    with LocalIndex(newer_mirror(), folder / "wheels") as index:
        subprocess.run([sys.executable, "-m", "venv", str(folder / "venv")], check=True)
        python = str(folder / "venv" / "bin" / "python")
        result, seconds = wizard(["check", "--json", "--python", python, "--torch-index", index.torch_base],
                                 folder / "c1")
        report = json.loads(result.stdout)
        print(f"1. check, mirror with 2.16.0/2.17.0 ({seconds:.1f} s): recommends torch {report['recommendation']['torch']}"
              f" {report['recommendation']['variant']}; {source_line(report)}")
        print(f"   command: {' '.join(report['recommendation']['argv'][1:])}")
        result, seconds = wizard(["fix", "--yes", "--python", python, "--torch-index", index.torch_base], folder / "c2")
        installed = subprocess.run([python, "-c", "import torch; print(torch.__version__)"], capture_output=True,
                                   text=True).stdout.strip()
        verdict = [line for line in result.stdout.splitlines() if line.strip()][-1:]
        print(f"   fix --yes ({seconds:.1f} s): exit {result.returncode}, torch {installed}; last line: {verdict}")
        result, _ = wizard(["check", "--python", python, "--torch-index", index.torch_base], folder / "c2")
        print(f"   check after the fix: exit {result.returncode}; {result.stdout.strip().splitlines()[-1]}")


def network_down(python: str, runs: int, folder: Path) -> None:
    with LocalIndex(newer_mirror(variants=("cpu",)), folder / "slow", delay=60.0) as slow:
        cases = {
            "offline": ["--offline"],
            "default index, no network": [],
            "dead port": ["--torch-index", dead_port()],
            "mirror never answers": ["--torch-index", slow.torch_base],
        }
        times: dict[str, list[float]] = {name: [] for name in cases}
        lines: dict[str, str] = {}
        for run in range(runs):
            for name, extra in cases.items():
                result, seconds = wizard(["check", "--json", "--python", python, *extra], folder / f"{name}-{run}")
                times[name].append(seconds)
                lines[name] = source_line(json.loads(result.stdout))
        slow.delay = 0.0
    print(f"2. network down, check --json --python {python} (median of {runs}, interleaved, busy shared machine):")
    for name, values in times.items():
        spread = ", ".join(f"{t:.2f}" for t in values)
        print(f"   {name:26s} {statistics.median(values):5.2f} s (runs: {spread})  → {lines[name]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", default=str(DEFAULT_PYTHON), help="target interpreter for the network-down runs")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"machine: {os.uname().nodename}, {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as folder:
        newer_release(Path(folder))
        network_down(args.python, args.runs, Path(folder))


if __name__ == "__main__":
    main()
