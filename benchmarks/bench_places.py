"""Wall time of looking where code runs (wizard.facts.places.collect_places) on this machine.

    python benchmarks/bench_places.py [--runs N]

Every interpreter found (terminal, kernels, conda envs, uv venvs, VS Code) is asked one question in
parallel threads; the collector runs beside the torch import in `check`, so the goal is to stay well
under one `import torch` (about 2 s): at most 1.0 s median here.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
GOAL = 1.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs after one warm-up (default: %(default)s)")
    args = parser.parse_args(argv)
    if args.runs < 1:
        print("--runs must be at least 1", file=sys.stderr)
        return 2
    from wizard.facts.places import collect_places

    places = collect_places()  # warm-up: file cache and __pycache__
    times = []
    for _ in range(args.runs):
        started = time.perf_counter()
        collect_places()
        times.append(time.perf_counter() - started)
    median = statistics.median(times)
    asked = 1 + len(places.kernels) + len(places.conda_envs) + len(places.uv_venvs) + len(places.editor)
    print(f"places found:  {len(places.kernels)} kernels, {len(places.conda_envs)} conda envs, "
          f"{len(places.uv_venvs)} uv venvs, {len(places.uv_projects)} uv projects, {len(places.editor)} editor")
    print(f"interpreters:  up to {asked} asked in parallel")
    print(f"collect_places: median {median:.3f} s  ({', '.join(f'{t:.3f}' for t in times)})")
    print(f"goal <= {GOAL} s: {'OK' if median <= GOAL else 'OVER GOAL'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
