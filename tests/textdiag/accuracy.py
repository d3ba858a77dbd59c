"""How well pasted-text diagnosis names the established cause, on each half of the corpus.

Top-1: the first error names the cause (healthy pastes: the verdict is ``ready``).
Top-any: the cause is among the errors and warnings (healthy pastes: ``ready``).
Also: how many failure reports got ``ready`` (must be 0), and the confusion between codes.
Used by tests/textdiag/test_corpus.py and by tools/textdiag_accuracy.py (which writes the figures
of docs/textdiag-accuracy.md).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from tests.textdiag.corpus_io import CorpusText
from wizard.engine import diagnose
from wizard.findings import Goal, Severity
from wizard.textdiag import goal_for_text, snapshot_from_text
from wizard.verdict import VerdictKind, verdict_for


@dataclass(frozen=True)
class Outcome:
    item: CorpusText
    first: str  # first error's code, or the verdict for a healthy paste
    flagged: tuple[str, ...]  # codes of errors and warnings
    verdict: str
    question: str = ""  # cannot_tell: the one question or command the verdict asks for

    @property
    def top1(self) -> bool:
        if self.item.healthy:
            return self.verdict == VerdictKind.READY.value
        return self.first == self.item.cause

    @property
    def top_any(self) -> bool:
        if self.item.healthy:
            return self.verdict == VerdictKind.READY.value
        return self.item.cause in self.flagged

    @property
    def failure_called_ready(self) -> bool:
        return not self.item.healthy and self.verdict == VerdictKind.READY.value


@dataclass
class Figures:
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.outcomes)

    @property
    def top1(self) -> int:
        return sum(o.top1 for o in self.outcomes)

    @property
    def top_any(self) -> int:
        return sum(o.top_any for o in self.outcomes)

    @property
    def failures_called_ready(self) -> int:
        return sum(o.failure_called_ready for o in self.outcomes)

    @property
    def healthy(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.item.healthy]

    def confusion(self) -> Counter[tuple[str, str]]:
        """(established cause, first code named) for every top-1 miss."""
        return Counter((o.item.cause, o.first or "(none)") for o in self.outcomes if not o.top1)


def outcome(item: CorpusText) -> Outcome:
    snapshot = snapshot_from_text(item.text)
    goal = goal_for_text(snapshot, Goal())  # as `diagnose` does
    diagnosis = diagnose(snapshot, goal=goal)
    verdict = verdict_for(snapshot, diagnosis, goal, item.text)
    flagged = tuple(f.code for f in diagnosis.findings if f.severity in (Severity.ERROR, Severity.WARNING))
    errors = diagnosis.errors
    first = errors[0].code if errors else verdict.kind.report_value
    asked = f"{verdict.question} {verdict.command}".strip()
    return Outcome(item, first, flagged, verdict.kind.report_value, asked)


def figures(items: list[CorpusText]) -> Figures:
    return Figures([outcome(item) for item in items])
