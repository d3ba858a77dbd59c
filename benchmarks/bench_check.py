"""Full `check` (with the live import) vs `python -c "import torch"` vs `python -m torch.utils.collect_env`.

    python benchmarks/bench_check.py [--python PATH] [--runs N] [--torch-index URL | --local-mirror]
                                     [--compare-with CHECKOUT]

Runs the three commands interleaved (A B C A B C …) against the same target interpreter and
prints each median and the ratios. Goals: check/import ≤ 1.15, check/collect_env ≤ 0.8.

With ``--torch-index URL`` (or ``--local-mirror``: a mirror of stand-in wheels from tests/ on 127.0.0.1),
``check`` is run twice per round: ``--offline`` (no index read: the figure before the live index existed) and
reading the index (an empty cache folder each run, so every run asks the index), and with the index's answer
cached by the warm-up run (what a second check within 6 hours does). Goal: index/offline ≈ 1.

With ``--compare-with CHECKOUT`` (another checkout of the wizard, e.g. ``git worktree add /tmp/before HEAD~1``)
its ``check`` joins every round as "check (other)": before/after figures from one run on a loaded machine.
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


CPU_SECONDS: dict[str, list[float]] = {}  # user+sys of each run's process tree, by command name


def _children_cpu() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(argv: list[str], env: dict[str, str], name: str = "", cwd: str | None = None) -> float:
    started, cpu_before = time.perf_counter(), _children_cpu()
    result = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, timeout=600, cwd=cwd)
    elapsed = time.perf_counter() - started
    if name:
        CPU_SECONDS.setdefault(name, []).append(_children_cpu() - cpu_before)
    if result.returncode not in (0, 1):  # check exits 1 when it finds problems; that is a normal run
        raise SystemExit(f"{argv[:4]} failed with exit code {result.returncode}: {result.stderr.decode()[-500:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", default=str(DEFAULT_PYTHON), help="target interpreter with torch installed")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--torch-index", metavar="URL", help="also time check reading this index (vs --offline)")
    parser.add_argument("--local-mirror", action="store_true", help="like --torch-index, with a mirror on 127.0.0.1")
    parser.add_argument("--compare-with", metavar="CHECKOUT", help="also time `check` of this other wizard checkout")
    args = parser.parse_args()
    if args.local_mirror:
        with _local_mirror() as base:
            _run(args, base)
    else:
        _run(args, args.torch_index)


def _local_mirror():
    import contextlib
    import tempfile

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from tests.index.mirrors import newer_mirror
    from tests.local_index import LocalIndex

    @contextlib.contextmanager
    def serving():
        with tempfile.TemporaryDirectory() as folder, LocalIndex(newer_mirror(), Path(folder)) as index:
            yield index.torch_base

    return serving()


def _run(args: argparse.Namespace, index: str | None) -> None:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    check = [sys.executable, "-m", "wizard", "check", "--json", "--python", args.python]
    if index:
        import tempfile

        cache_root = tempfile.mkdtemp(prefix="bench-index-cache-")
        env.pop("TSW_OFFLINE", None)
        commands = {
            "check offline": [*check, "--torch-index", index, "--offline"],
            "check + index": [*check, "--torch-index", index],
            "check + cached": [*check, "--torch-index", index],
            "import torch": [args.python, "-c", "import torch"],
            "collect_env": [args.python, "-m", "torch.utils.collect_env"],
        }
    else:
        commands = {
            "check": check,
            "import torch": [args.python, "-c", "import torch"],
            "collect_env": [args.python, "-m", "torch.utils.collect_env"],
        }
    def env_for(name: str, run: int) -> dict[str, str]:
        if name == "check + cached":  # the answer of the warm-up run, younger than the cache's 6 hours
            return {**env, "TSW_CACHE_DIR": os.path.join(cache_root, "warm")}
        if name != "check + index":
            return env
        return {**env, "TSW_CACHE_DIR": os.path.join(cache_root, str(run))}  # a cold cache: the index is read

    cwd: dict[str, str | None] = {name: None for name in commands}
    if args.compare_with:  # `python -m wizard` imports the wizard of its working folder first
        other = os.path.abspath(args.compare_with)
        commands["check (other)"] = list(commands["check offline" if index else "check"])
        cwd = {**cwd, "check (other)": other}
        cwd.update({name: str(Path(__file__).resolve().parent.parent) for name in commands if name.startswith("check")
                    and name != "check (other)"})
    for name, argv in commands.items():  # warm the page cache once
        timed(argv, env_for(name, -1), cwd=cwd[name])
    times: dict[str, list[float]] = {name: [] for name in commands}
    for run in range(args.runs):
        for name, argv in commands.items():
            times[name].append(timed(argv, env_for(name, run), name, cwd=cwd[name]))
    medians = {name: statistics.median(values) for name, values in times.items()}
    print(f"machine: {platform.node()} {platform.machine()}, {os.cpu_count()} cores; target {args.python}")
    for name, value in medians.items():
        spread = ", ".join(f"{t:.2f}" for t in times[name])
        cpu = statistics.median(CPU_SECONDS[name]) if CPU_SECONDS.get(name) else 0.0
        print(f"{name:14s} median {value:6.2f} s   CPU {cpu:5.2f} s   (runs: {spread})")
    if index:
        print(f"check + index / check offline = {medians['check + index'] / medians['check offline']:.2f}   (goal ≈ 1)")
        print(f"check + cached / check offline = {medians['check + cached'] / medians['check offline']:.2f}")
        medians["check"] = medians["check + index"]
    print(f"check / import torch = {medians['check'] / medians['import torch']:.2f}   (goal ≤ 1.15)")
    print(f"check / collect_env  = {medians['check'] / medians['collect_env']:.2f}   (goal ≤ 0.80)")
    if "check (other)" in medians:
        print(f"check (other) / import torch = {medians['check (other)'] / medians['import torch']:.2f}   ({args.compare_with})")


if __name__ == "__main__":
    main()
