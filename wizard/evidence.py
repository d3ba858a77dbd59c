"""How evidence travels in ``Snapshot.evidence`` between its writers and the checks that read it.

A course's smoke test (written by wizard.facts.smoke) and pasted text's possible causes (written by
wizard.textdiag.build): a cause the text supports but does not establish.
"""

from __future__ import annotations

from wizard.snapshot import Evidence, Snapshot

SIGNATURE_PREFIX = "smoke_test:"
FAILED_CODE = "COURSE_SMOKE_TEST"
POSSIBLE_FACT = "possible_cause"  # an Evidence fact: the cause is possible, not established (a warning, no remedy)


def smoke_results(snapshot: Snapshot) -> dict[str, Evidence]:
    """The smoke tests recorded in a snapshot, by name."""
    return {e.signature[len(SIGNATURE_PREFIX):]: e for e in snapshot.evidence if e.signature.startswith(SIGNATURE_PREFIX)}


def is_possible_cause(evidence: Evidence) -> bool:
    """Whether pasted text only made this cause possible (another cause came first)."""
    return dict(evidence.facts).get(POSSIBLE_FACT) == "true"
