"""One error catalogue for every reader: ``classify_text(text)`` names the causes any output points to.

The same catalogue (resources/textdiag/signatures.json) and the same weighing (wizard.textdiag.weigh)
serve pasted text, the live probe's failed ``import torch`` (wizard.checks.import_errors) and the
stderr of a failed fix step (wizard.actions): so all three agree on what a message means.

Stable API (documented in docs/architecture.md, "Pasted text: evidence, catalogue, weighing, verdict"):

    classify_text(text: str) -> list[TextCause]     # best-supported first; [] when nothing is recognised

A TextCause carries the diagnosis code, a score (1.0 = the catalogue's main cause, context moves it),
the catalogue entry's id, its family ("dll", "loader", "resolver", "network", "os", …), the OS
message's language ("" for English), the verbatim excerpt and the facts the message revealed.
Pure and bounded: never raises, linear in the text (the same caps as pasted text).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from wizard.textdiag.clean import clean_text
from wizard.textdiag.evidence import best_facts, extract_facts
from wizard.textdiag.signatures import match_all
from wizard.textdiag.weigh import rank_causes, weigh_match


@dataclass(frozen=True)
class TextCause:
    code: str  # diagnosis code (docs/diagnosis-codes.md)
    score: float
    signature: str  # the catalogue entry's id
    family: str
    lang: str
    excerpt: str
    facts: dict[str, str] = field(default_factory=dict)
    reasons: tuple[str, ...] = ()  # what the context rules said, for details views and logs


def classify_text(text: str) -> list[TextCause]:
    """The causes ``text`` is evidence for, best-supported first (one entry per cause)."""
    if not isinstance(text, str) or not text:
        return []
    clean = clean_text(text)
    if clean.binary:
        return []
    matches = match_all(clean)
    if not matches:
        return []
    facts: dict[str, str] = {}
    for found in matches:
        for key, value in found.facts:
            facts.setdefault(key, value)
    for key, fact in best_facts(extract_facts(clean)).items():
        facts.setdefault(key, fact.value)
    weighed = [weigh_match(found, facts, []) for found in matches]
    best_of: dict[str, object] = {}
    for item in sorted(weighed, key=lambda w: -w.score):
        best_of.setdefault(item.cause, item)
    result = []
    for code, score in rank_causes(weighed):
        item = best_of[code]
        signature = item.match.signature  # type: ignore[attr-defined]
        result.append(
            TextCause(
                code=code,
                score=round(score, 3),
                signature=signature.id,
                family=signature.family,
                lang=signature.lang,
                excerpt=item.match.excerpt,  # type: ignore[attr-defined]
                facts=dict(item.match.facts),  # type: ignore[attr-defined]
                reasons=item.reasons,  # type: ignore[attr-defined]
            )
        )
    return result
