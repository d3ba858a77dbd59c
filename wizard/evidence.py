"""How evidence travels in ``Snapshot.evidence`` between its writers and the checks that read it.

A course's smoke test (written by wizard.facts.smoke) and pasted text's possible and likely causes (written by
wizard.textdiag.build): a cause the text supports but does not establish, and the likeliest of such causes.
"""

from __future__ import annotations

from wizard.snapshot import Evidence, Snapshot

SIGNATURE_PREFIX = "smoke_test:"
FAILED_CODE = "COURSE_SMOKE_TEST"
POSSIBLE_FACT = "possible_cause"  # an Evidence fact: the cause is possible, not established (a warning, no remedy)
LIKELY_FACT = "likely_cause"  # an Evidence fact: the likeliest of the causes the text leaves, named first as "most likely"


def smoke_results(snapshot: Snapshot) -> dict[str, Evidence]:
    """The smoke tests recorded in a snapshot, by name."""
    return {e.signature[len(SIGNATURE_PREFIX):]: e for e in snapshot.evidence if e.signature.startswith(SIGNATURE_PREFIX)}


def is_likely_cause(evidence: Evidence) -> bool:
    """Whether pasted text made this cause the likeliest of several without showing it (the finding says so)."""
    return dict(evidence.facts).get(LIKELY_FACT) == "true"


def is_possible_cause(evidence: Evidence) -> bool:
    """Whether pasted text only made this cause possible (another cause came first)."""
    return dict(evidence.facts).get(POSSIBLE_FACT) == "true"
