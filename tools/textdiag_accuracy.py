"""Print the corpus figures of docs/textdiag-accuracy.md: ``python -m tools.textdiag_accuracy [--misses]``.

--misses lists the TUNING half's misses only (the held-out half's are never listed: that is the point).
--confusion prints the held-out confusion between codes (for the closing report, not for tuning).
--tuning-only computes the tuning half alone (what to run while changing signatures or rules).
Each half is also reported for the texts added in each round from 3 on alone (``# round:`` in the header),
so the figure on texts nobody saw while tuning can be told apart.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.textdiag.accuracy import Figures, figures  # noqa: E402
from tests.textdiag.corpus_io import HELD_OUT, REPORTED_ROUNDS, TUNING, load_corpus  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--misses", action="store_true", help="list the tuning half's misses")
    parser.add_argument("--confusion", action="store_true", help="print the held-out confusion between codes")
    parser.add_argument("--cannot-tell", action="store_true",
                        help="list the tuning half's cannot_tell verdicts with the question asked")
    parser.add_argument("--tuning-only", action="store_true", help="while tuning: do not even compute the held-out half")
    args = parser.parse_args()
    corpus = load_corpus()
    for half in (TUNING,) if args.tuning_only else (TUNING, HELD_OUT):
        items = [c for c in corpus if c.half == half]
        _print_figures(half, figures(items), args)
        for round_ in REPORTED_ROUNDS:
            new = [c for c in items if c.round == round_]
            if new:
                _print_figures(f"{half}, new in round {round_}", figures(new), args, misses=False)
    return 0


def _print_figures(half: str, result: Figures, args: argparse.Namespace, misses: bool = True) -> None:
    healthy = result.healthy
    print(f"{half}: {result.total} texts; top-1 {result.top1}/{result.total} ({100 * result.top1 / result.total:.1f} %), "
          f"in errors/warnings {result.top_any}/{result.total} ({100 * result.top_any / result.total:.1f} %), "
          f"failures called ready {result.failures_called_ready}, "
          f"healthy ready {sum(o.verdict == 'ready' for o in healthy)}/{len(healthy)}")
    if half == TUNING and args.misses and misses:
        for o in result.outcomes:
            if not o.top1:
                print(f"  miss {o.item.name}: want {o.item.cause}, got {o.first} (flagged {', '.join(o.flagged)})")
    if half == TUNING and args.cannot_tell and misses:
        for o in result.outcomes:
            if o.verdict == "cannot_tell":
                print(f"  cannot_tell {o.item.name} (established {o.item.cause}): {o.question}")
    if half == HELD_OUT and args.confusion:
        for (want, got), count in sorted(result.confusion().items()):
            print(f"  {want} -> {got}: {count}")


if __name__ == "__main__":
    raise SystemExit(main())
