"""Reading the corpus of real pasted texts (tests/textdiag/corpus/NNN-name.txt).

Each file starts with a header block ("# source:", "# cause:", "# note:", optional
"# via: facts" for texts whose cause follows from parsed facts, not from one error line),
closed by "# ---"; the verbatim excerpt follows.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "corpus"


@dataclass(frozen=True)
class CorpusText:
    name: str
    source: str
    cause: str
    note: str
    via_facts: bool
    text: str


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
    )
