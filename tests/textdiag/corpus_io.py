"""Reading the corpus of real pasted texts (tests/textdiag/corpus/NNN-name.txt).

Each file starts with a header block ("# source:", "# cause:", "# note:", optional
"# via: facts" for texts whose cause follows from parsed facts, not from one error line),
optional "# round: N" for texts added in round N (3 onwards), closed by "# ---"; the verbatim excerpt follows. ``# cause: HEALTHY`` marks the paste of a
working setup (it must get the verdict ``ready``).

The corpus is split ONCE, by a hash of the source URL, into a tuning half and a held-out half
(:func:`split_of`): signatures are changed while looking at tuning misses only; the held-out
half's figures measure how well the catalogue generalizes (docs/textdiag-accuracy.md).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "corpus"
HEALTHY = "HEALTHY"
TUNING, HELD_OUT = "tuning", "held-out"
NEWEST_ROUND = 60  # texts added in round N (3 onwards) carry "# round: N"; earlier texts have no round field (round 2)
REPORTED_ROUNDS = (3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 55, 56, 57, 58, 59, 60)  # rounds whose texts are also reported on their own (figures on texts nobody tuned on)


@dataclass(frozen=True)
class CorpusText:
    name: str
    source: str
    cause: str
    note: str
    via_facts: bool
    text: str
    round: int = 2

    @property
    def half(self) -> str:
        return split_of(self.source)

    @property
    def healthy(self) -> bool:
        return self.cause == HEALTHY


def split_of(source_url: str) -> str:
    """The half a report belongs to: the parity of the first 8 hex digits of SHA-256(source URL).

    Fixed once; never change it to move a text between halves.
    """
    digest = hashlib.sha256(source_url.strip().encode("utf-8")).hexdigest()
    return HELD_OUT if int(digest[:8], 16) % 2 else TUNING


def load_corpus() -> list[CorpusText]:
    return [read_corpus_file(path) for path in sorted(CORPUS.glob("*.txt"))]


def read_corpus_file(path: Path) -> CorpusText:
    raw = path.read_bytes().decode("utf-8")
    header, _, text = raw.partition("# ---\n")
    fields = {}
    for line in header.splitlines():
        key, _, value = line.removeprefix("# ").partition(":")
        fields[key.strip()] = value.strip()
    return CorpusText(
        name=path.stem,
        source=fields["source"],
        cause=fields["cause"],
        note=fields["note"],
        via_facts=fields.get("via") == "facts",
        text=text,
        round=int(fields.get("round") or 2),
    )
