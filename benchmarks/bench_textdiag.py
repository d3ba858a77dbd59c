"""Time snapshot_from_text on ordinary and hostile inputs; prints figures (no pass/fail).

    .venv/bin/python benchmarks/bench_textdiag.py
"""

from __future__ import annotations

import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from wizard.textdiag import default_signatures, snapshot_from_text  # noqa: E402

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "textdiag" / "corpus"


def _corpus() -> list[str]:
    return [p.read_text(encoding="utf-8").partition("# ---\n")[2] for p in sorted(CORPUS.glob("*.txt"))]


def _inputs() -> dict[str, str]:
    texts = _corpus()
    log_line = "epoch 3 step 1200 loss 0.2345 lr 0.0001 grad_norm 1.02\n"
    needles = " ".join(s.needle for s in default_signatures())
    rng = random.Random(1)
    return {
        "one collect_env output": next(t for t in texts if "PyTorch version:" in t),
        "whole corpus (48 texts) joined": "\n".join(texts),
        "10 MB training log + error at the end": log_line * (10_000_000 // len(log_line)) + texts[0],
        "10 MB single line": "x" * 10_000_000,
        "10 MB of every needle repeated": (needles + "\n") * (10_000_000 // (len(needles) + 1)),
        "10 MB needles, no newlines": needles * (10_000_000 // len(needles)),
        "4 MB random bytes (latin-1)": os.urandom(4_000_000).decode("latin-1"),
        "2 MB random printable": "".join(rng.choice("abc (){}[]<>:=._-0123456789 \n") for _ in range(2_000_000)),
    }


def main() -> None:
    print(f"{'input':45} {'size':>12} {'seconds':>8}")
    for name, text in _inputs().items():
        start = time.perf_counter()
        snapshot = snapshot_from_text(text)
        elapsed = time.perf_counter() - start
        print(f"{name:45} {len(text):>12,} {elapsed:8.3f}   evidence={len(snapshot.evidence)}")


if __name__ == "__main__":
    main()
