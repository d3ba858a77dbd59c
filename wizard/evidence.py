"""How a course's smoke test travels in ``Snapshot.evidence``: read by the checks, written by wizard.facts.smoke."""

from __future__ import annotations

from wizard.snapshot import Evidence, Snapshot

SIGNATURE_PREFIX = "smoke_test:"
FAILED_CODE = "COURSE_SMOKE_TEST"


def smoke_results(snapshot: Snapshot) -> dict[str, Evidence]:
    """The smoke tests recorded in a snapshot, by name."""
    return {e.signature[len(SIGNATURE_PREFIX):]: e for e in snapshot.evidence if e.signature.startswith(SIGNATURE_PREFIX)}
