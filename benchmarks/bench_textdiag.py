"""Time pasted-text diagnosis on ordinary and hostile inputs; prints figures (no pass/fail).

    .venv/bin/python benchmarks/bench_textdiag.py

"snapshot" is snapshot_from_text alone; "diagnose" adds the engine and the verdict, as the
`diagnose` command does (docs/textdiag-accuracy.md quotes the figures; the target is < 0.5 s
for 10 MB of any shape). The last block checks linearity: the same shape at 2.5, 5 and 10 MB.
"""

from __future__ import annotations

import json
import os
import random
import string
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from wizard.engine import diagnose  # noqa: E402
from wizard.findings import Goal  # noqa: E402
from wizard.knowledge import load_knowledge  # noqa: E402
from wizard.textdiag import default_signatures, goal_for_text, snapshot_from_text  # noqa: E402
from wizard.verdict import verdict_for  # noqa: E402

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
        f"whole corpus ({len(texts)} texts) joined": "\n".join(texts),
        # real reports, dense with every kind of fact and message: the costliest realistic shape
        "10 MB of the corpus repeated": _repeated("\n".join(texts) + "\n", 10_000_000),
        "10 MB training log + error at the end": log_line * (10_000_000 // len(log_line)) + texts[0],
        "10 MB single line": "x" * 10_000_000,
        "10 MB of every needle repeated": (needles + "\n") * (10_000_000 // (len(needles) + 1)),
        "10 MB needles, no newlines": needles * (10_000_000 // len(needles)),
        "4 MB random bytes (latin-1)": os.urandom(4_000_000).decode("latin-1"),
        "2 MB random printable": "".join(rng.choice("abc (){}[]<>:=._-0123456789 \n") for _ in range(2_000_000)),
        # every printable ASCII character (markup, quotes, "](", "> ", tabs): the head and tail that are examined
        "10 MB random ASCII printable": "".join(rng.choices(string.printable, k=10_000_000)),
        "10 MB prose (forum-like sentences)": _prose(10_000_000),
        "10 MB binary (NUL-padded bytes)": (b"\x00\x01\x7fELF\x02" * (10_000_000 // 8)).decode("latin-1"),
        "collect_env with 30,000 GPU lines": _collect_env_many_gpus(30_000),
        # (a review's shapes: a million Markdown code blocks of one short line; a page source of character references)
        "10 MB one-line indented paragraphs": "\n\n    x" * 1_700_000,
        "10 MB HTML character references": "&#10;" * 2_000_000,
        # string literals: the corpus as one JSON-escaped line, and as an .ipynb's lines of JSON strings
        "10 MB of the corpus as one escaped literal": json.dumps(_repeated("\n".join(texts) + "\n", 9_000_000)),
        "10 MB of the corpus as JSON string lines": _json_lines(_repeated("\n".join(texts) + "\n", 8_000_000)),
        "10 MB of escaped breaks": "\\n" * 5_000_000,
        # collect_env's fields run together (a page that lost its line breaks), on one line and on many
        "10 MB of joined collect_env on one line": _joined_collect_env(1, 10_000_000),
        "10 MB of joined collect_env, 5 per line": _joined_collect_env(5, 10_000_000),
    }


def _joined_collect_env(per_line: int, size: int) -> str:
    report = ("PyTorch version: 2.1.0+cu121 Is debug build: False CUDA used to build PyTorch: 12.1 OS: Ubuntu 22.04.3 LTS "
              "Python version: 3.10.12 Is CUDA available: True GPU models and configuration: GPU 0: NVIDIA A100 "
              "Nvidia driver version: 535.104 Versions of relevant libraries: [pip3] torch==2.1.0 ")
    line = report * per_line
    return ("\n" if per_line > 1 else "").join([line] * (size // len(line)))


def _json_lines(text: str) -> str:
    return "[\n" + ",\n".join("  " + json.dumps(line + "\n") for line in text.split("\n")) + "\n]"


def _repeated(text: str, size: int) -> str:
    return (text * (size // len(text) + 1))[:size]


def _prose(size: int) -> str:
    sentence = ("I installed torch with pip on my Windows 11 laptop (RTX 3060, driver 546.33, Python 3.11) and "
                "it says CUDA is not available; I tried conda too. ")
    return sentence * (size // len(sentence))


def _collect_env_many_gpus(count: int) -> str:
    gpus = "".join(f"GPU {i}: NVIDIA H100 80GB HBM3\n" for i in range(count))
    return ("PyTorch version: 2.5.1+cu124\nIs debug build: False\nCUDA used to build PyTorch: 12.4\n"
            "OS: Ubuntu 22.04.4 LTS (x86_64)\nPython version: 3.11.9 (64-bit runtime)\nIs CUDA available: True\n"
            f"GPU models and configuration: \n{gpus}\nNvidia driver version: 550.54.15\n")


def clear_text_caches() -> None:
    from wizard import verdict

    verdict._failure_scan.cache_clear()


def _diagnose(text: str) -> float:
    """CPU seconds of the whole diagnose path (CPU time: on a shared machine wall time mostly measures the others)."""
    clear_text_caches()  # (nothing read before counts: the snapshot row above read the same text)
    start = time.process_time()
    snapshot = snapshot_from_text(text)
    goal = goal_for_text(snapshot, Goal())
    verdict_for(snapshot, diagnose(snapshot, goal=goal), goal, text)
    return time.process_time() - start


def main() -> None:
    load_knowledge()  # loaded once per process, as in the CLI; not part of any figure below
    snapshot_from_text("warm up")
    print(f"{'input':45} {'size':>12} {'snapshot s':>10} {'diagnose s':>10}   (CPU seconds)")
    for name, text in _inputs().items():
        start = time.process_time()
        snapshot = snapshot_from_text(text)
        elapsed = time.process_time() - start
        print(f"{name:45} {len(text):>12,} {elapsed:10.3f} {_diagnose(text):10.3f}   evidence={len(snapshot.evidence)}")
    print("\nlinearity (diagnose, CPU seconds):")
    for shape, make in (("prose", _prose), ("training log", lambda n: "epoch 1 loss 0.5 lr 0.1\n" * (n // 24))):
        figures = [(size, _diagnose(make(size))) for size in (2_500_000, 5_000_000, 10_000_000)]
        print(f"  {shape:14} " + "  ".join(f"{size / 1e6:4.1f} MB: {seconds:.3f}" for size, seconds in figures))


if __name__ == "__main__":
    main()
