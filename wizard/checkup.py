"""The one checkup use case: collect → course smoke test → diagnose. ``check``, the fix's verification and
the GUI use it, so "fixed" means the same thing everywhere (a fix is verified with the same smoke test
the check ran)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from wizard.facts.runner import Runner
from wizard.findings import Diagnosis, Goal
from wizard.snapshot import Snapshot

# A hung import (a driver that never answers, a network filesystem) is diagnosed within this by default;
# --timeout (or TSW_IMPORT_TIMEOUT) raises it for machines where a cold import of torch is slower.
DEFAULT_TIMEOUT = 25.0


def default_timeout() -> float:
    import os

    try:
        value = float(os.environ.get("TSW_IMPORT_TIMEOUT", ""))
    except ValueError:
        return DEFAULT_TIMEOUT
    return value if 0 < value <= 3600 else DEFAULT_TIMEOUT


@dataclass(frozen=True)
class Checkup:
    snapshot: Snapshot
    diagnosis: Diagnosis


def collect(python: str, goal: Goal | None = None, *, live_import: bool = True, timeout: float | None = None,
            progress: Callable[[str], None] | None = None, runner: Runner | None = None,
            **collector_options: Any) -> Snapshot:
    """The snapshot of ``python``; with a course profile that names a smoke test, its result is appended as
    evidence (only when torch can be imported: otherwise the import findings say why). ``collector_options``
    go to collect_snapshot as they are (the package ``index`` to read, the ``checked_kernel``). ``runner``
    runs every probe (the wizard's runner stops them all when the user presses Cancel)."""
    from wizard.facts.collect import collect_snapshot

    timeout = timeout or default_timeout()
    if runner is not None:
        collector_options["runner"] = runner
    snapshot = collect_snapshot(python, live_import=live_import, timeout=timeout, progress=progress, **collector_options)
    if live_import:
        snapshot = with_course_test(snapshot, python, goal, timeout=timeout, runner=runner)
    return snapshot


def with_course_test(snapshot: Snapshot, python: str, goal: Goal | None, *, timeout: float | None = None,
                     runner: Runner | None = None) -> Snapshot:
    """The course profile's smoke test appended to ``snapshot`` (unchanged without a profile that names one)."""
    if goal is None or goal.profile is None or not isinstance(snapshot, Snapshot):
        return snapshot
    from wizard.facts.smoke import with_course_smoke_test

    options: dict[str, Any] = {"runner": runner} if runner is not None else {}
    return with_course_smoke_test(snapshot, python, goal.profile, timeout=timeout or default_timeout(), **options)


def run_checkup(python: str, goal: Goal, *, live_import: bool = True, timeout: float | None = None,
                progress: Callable[[str], None] | None = None, runner: Runner | None = None) -> Checkup:
    from wizard.engine import diagnose

    snapshot = collect(python, goal, live_import=live_import, timeout=timeout, progress=progress, runner=runner)
    return Checkup(snapshot, diagnose(snapshot, goal=goal))
