"""Pasted text → a partial Snapshot: collect_env output of every era, error signatures, nvidia-smi.

``snapshot_from_text(text)`` is the entry point; the checks then run on the result exactly as
on a live snapshot (wizard.engine.diagnose).
"""

from wizard.textdiag.build import (
    evidence_excerpts,
    goal_for_text,
    no_wheel_cause,
    snapshot_from_text,
    textdiag_notes,
    wanted_from_text,
)
from wizard.textdiag.signatures import Signature, SignatureError, default_signatures, load_signatures

__all__ = [
    "snapshot_from_text",
    "textdiag_notes",
    "goal_for_text",
    "wanted_from_text",
    "evidence_excerpts",
    "no_wheel_cause",
    "Signature",
    "SignatureError",
    "default_signatures",
    "load_signatures",
]
