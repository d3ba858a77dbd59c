"""Full `check` (with the live import) vs `python -c "import torch"` vs `python -m torch.utils.collect_env`.

    python benchmarks/bench_check.py [--python PATH] [--runs N]

Runs the three commands interleaved (A B C A B C …) against the same target interpreter and
prints each median and the ratios. Goals: check/import ≤ 1.15, check/collect_env ≤ 0.8.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

DEFAULT_PYTHON = Path.home() / ".cache" / "tsw-tests" / "torch-2.13.0" / "bin" / "python"


def timed(argv: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    result = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, timeout=600)
    elapsed = time.perf_counter() - started
    if result.returncode not in (0, 1):  # check exits 1 when it finds problems; that is a normal run
        raise SystemExit(f"{argv[:4]} failed with exit code {result.returncode}: {result.stderr.decode()[-500:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", default=str(DEFAULT_PYTHON), help="target interpreter with torch installed")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    commands = {
        "check": [sys.executable, "-m", "wizard", "check", "--json", "--python", args.python],
        "import torch": [args.python, "-c", "import torch"],
        "collect_env": [args.python, "-m", "torch.utils.collect_env"],
    }
    for argv in commands.values():  # warm the page cache once
        timed(argv, env)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, argv in commands.items():
            times[name].append(timed(argv, env))
    medians = {name: statistics.median(values) for name, values in times.items()}
    print(f"machine: {platform.node()} {platform.machine()}, {os.cpu_count()} cores; target {args.python}")
    for name, value in medians.items():
        spread = ", ".join(f"{t:.2f}" for t in times[name])
        print(f"{name:13s} median {value:6.2f} s   (runs: {spread})")
    print(f"check / import torch = {medians['check'] / medians['import torch']:.2f}   (goal ≤ 1.15)")
    print(f"check / collect_env  = {medians['check'] / medians['collect_env']:.2f}   (goal ≤ 0.80)")


if __name__ == "__main__":
    main()
