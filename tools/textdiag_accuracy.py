"""Print the corpus figures of docs/textdiag-accuracy.md: ``python -m tools.textdiag_accuracy [--misses]``.

--misses lists the TUNING half's misses only (the held-out half's are never listed: that is the point).
--confusion prints the held-out confusion between codes (for the closing report, not for tuning).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.textdiag.accuracy import figures  # noqa: E402
from tests.textdiag.corpus_io import HELD_OUT, TUNING, load_corpus  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--misses", action="store_true", help="list the tuning half's misses")
    parser.add_argument("--confusion", action="store_true", help="print the held-out confusion between codes")
    args = parser.parse_args()
    corpus = load_corpus()
    for half in (TUNING, HELD_OUT):
        result = figures([c for c in corpus if c.half == half])
        healthy = result.healthy
        print(f"{half}: {result.total} texts; top-1 {result.top1}/{result.total} ({100 * result.top1 / result.total:.1f} %), "
              f"in errors/warnings {result.top_any}/{result.total} ({100 * result.top_any / result.total:.1f} %), "
              f"failures called ready {result.failures_called_ready}, "
              f"healthy ready {sum(o.verdict == 'ready' for o in healthy)}/{len(healthy)}")
        if half == TUNING and args.misses:
            for o in result.outcomes:
                if not o.top1:
                    print(f"  miss {o.item.name}: want {o.item.cause}, got {o.first} (flagged {', '.join(o.flagged)})")
        if half == HELD_OUT and args.confusion:
            for (want, got), count in sorted(result.confusion().items()):
                print(f"  {want} -> {got}: {count}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
