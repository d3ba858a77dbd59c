"""Wall time of `torch-setup-wizard facts --json --python P` against a bare `P -c "import torch"`.

    python benchmarks/bench_facts.py [--python PATH] [--runs N]

Runs are interleaved (wizard, import, wizard, import, ...) so background load hits both alike.
Prints each median and the median of the per-pair ratios; the goal is a ratio of at most 1.15
(a full check should cost about one `import torch`).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

DEFAULT_PYTHON = Path.home() / ".cache" / "tsw-tests" / "torch-2.13.0" / "bin" / "python"
GOAL = 1.15
REPO = Path(__file__).resolve().parent.parent


def timed(argv: list[str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=REPO)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        tail = done.stderr.decode(errors="replace").strip()[-400:]
        raise SystemExit(f"{' '.join(argv)} exited with code {done.returncode}: {tail}")
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", default=str(DEFAULT_PYTHON), help="interpreter with torch (default: %(default)s)")
    parser.add_argument("--runs", type=int, default=7, help="interleaved runs of each (default: %(default)s)")
    args = parser.parse_args(argv)
    if not os.access(args.python, os.X_OK):
        print(f"no interpreter at {args.python}; name one with --python", file=sys.stderr)
        return 2
    if args.runs < 1:
        print("--runs must be at least 1", file=sys.stderr)
        return 2
    wizard = [sys.executable, "-m", "wizard", "facts", "--json", "--python", args.python]
    bare = [args.python, "-c", "import torch"]
    timed(wizard)  # warm-up: file cache and __pycache__ for both
    timed(bare)
    wizard_times, bare_times = [], []
    for _ in range(args.runs):
        wizard_times.append(timed(wizard))
        bare_times.append(timed(bare))
    ratios = [w / b for w, b in zip(wizard_times, bare_times)]
    ratio = statistics.median(ratios)
    print(f"interpreter:           {args.python}")
    print(f"runs:                  {args.runs} interleaved, after one warm-up each")
    print(f"wizard facts --json:   median {statistics.median(wizard_times):.3f} s  ({_list(wizard_times)})")
    print(f"python -c import torch: median {statistics.median(bare_times):.3f} s  ({_list(bare_times)})")
    print(f"median ratio:          {ratio:.2f}  (goal <= {GOAL}) {'OK' if ratio <= GOAL else 'OVER GOAL'}")
    return 0


def _list(times: list[float]) -> str:
    return " ".join(f"{t:.2f}" for t in times)


if __name__ == "__main__":
    sys.exit(main())
