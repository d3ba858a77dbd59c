"""The one checkup use case: collect → course smoke test → diagnose. ``check``, the fix's verification and
the GUI use it, so "fixed" means the same thing everywhere (a fix is verified with the same smoke test
the check ran)."""

from __future__ import annotations

from dataclasses import dataclass

from wizard.findings import Diagnosis, Goal
from wizard.snapshot import Snapshot

DEFAULT_TIMEOUT = 120.0


@dataclass(frozen=True)
class Checkup:
    snapshot: Snapshot
    diagnosis: Diagnosis


def collect(python: str, goal: Goal | None = None, *, live_import: bool = True, timeout: float = DEFAULT_TIMEOUT) -> Snapshot:
    """The snapshot of ``python``; with a course profile that names a smoke test, its result is appended as
    evidence (only when torch can be imported: otherwise the import findings say why)."""
    from wizard.facts.collect import collect_snapshot

    snapshot = collect_snapshot(python, live_import=live_import, timeout=timeout)
    if goal is not None and goal.profile is not None and live_import:
        from wizard.facts.smoke import with_course_smoke_test

        snapshot = with_course_smoke_test(snapshot, python, goal.profile, timeout=timeout)
    return snapshot


def run_checkup(python: str, goal: Goal, *, live_import: bool = True, timeout: float = DEFAULT_TIMEOUT) -> Checkup:
    from wizard.engine import diagnose

    snapshot = collect(python, goal, live_import=live_import, timeout=timeout)
    return Checkup(snapshot, diagnose(snapshot, goal=goal))
