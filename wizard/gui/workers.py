"""Background work for the wizard: the UI thread never waits on the system.

Each job runs in a daemon Python thread (a check can take minutes; closing the window must
not wait for it, and Qt aborts the process when a running QThread is destroyed) and reports
through the signals of a parentless QObject that lives in the UI thread, so every slot runs
there (queued connections).
"""

from __future__ import annotations

import contextlib
import os
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from wizard.findings import Diagnosis, Goal
from wizard.gui.texts import failed_diagnosis
from wizard.snapshot import Snapshot

Collect = Callable[[str, Callable[[str], None]], Snapshot]
Diagnose = Callable[[Snapshot, Goal], Diagnosis]


@dataclass(frozen=True)
class CheckResult:
    """What one check produced; ``snapshot`` is None when collecting failed."""

    snapshot: Snapshot | None
    diagnosis: Diagnosis


class JobSignals(QObject):
    progress = Signal(str)
    finished = Signal(object)


def start_job(work: Callable[[Callable[[str], None]], object], on_progress: Callable[[str], None] | None,
              on_finished: Callable[[object], None], name: str = "wizard-job") -> JobSignals:
    """Run ``work(progress)`` in a daemon thread; ``on_progress`` / ``on_finished`` run in the UI thread."""
    signals = JobSignals()
    if on_progress is not None:
        signals.progress.connect(on_progress)
    signals.finished.connect(on_finished)

    def emit_progress(text: str) -> None:
        with contextlib.suppress(RuntimeError):  # the window went away while we were working
            signals.progress.emit(text)

    def body() -> None:
        outcome = work(emit_progress)
        with contextlib.suppress(RuntimeError):
            signals.finished.emit(outcome)

    threading.Thread(target=body, name=name, daemon=True).start()
    return signals


def run_check(python: str, goal: Goal, collect: Collect, diagnose: Diagnose,
              progress: Callable[[str], None]) -> CheckResult:
    """Collect and diagnose; any exception becomes a visible 'the check itself failed' finding."""
    try:
        snapshot = collect(python, progress)
    except Exception as exc:  # noqa: BLE001 - any collector failure must become a finding, never a crash
        return CheckResult(None, failed_diagnosis(f"Collecting the facts failed: {exc}", traceback.format_exc()))
    snapshot = _with_course_smoke_test(snapshot, python, goal, progress)
    try:
        diagnosis = diagnose(snapshot, goal)
    except Exception as exc:  # noqa: BLE001
        return CheckResult(snapshot, failed_diagnosis(f"Diagnosing the facts failed: {exc}", traceback.format_exc()))
    return CheckResult(snapshot, diagnosis)


def _with_course_smoke_test(snapshot: Snapshot, python: str, goal: Goal, progress: Callable[[str], None]) -> Snapshot:
    name = getattr(goal.profile, "smoke_test", "")
    if not name or not isinstance(snapshot, Snapshot):
        return snapshot
    from wizard.facts.smoke import with_course_smoke_test

    progress(f"Running the course's test ({name})…")
    return with_course_smoke_test(snapshot, python, goal.profile)


# What a check imports and loads. PySide6's import hook reads the source of every module imported after it
# (shibokensupport feature_imported), holding the GIL: importing these during the check stalled the UI thread
# by 20-40 ms, so the wizard loads them in the background while the user is still on the Welcome page.
WARM_UP_MODULES = (
    "wizard.facts.collect", "wizard.facts.gpu", "wizard.facts.nvml", "wizard.facts.pci", "wizard.facts.host",
    "wizard.facts.python_env", "wizard.facts.toolkit", "wizard.facts.smoke", "wizard.probe", "pynvml",
    "wizard.engine", "wizard.recommend", "wizard.checks.registry", "wizard.checks.common", "wizard.checks.context",
    "wizard.checks.driver", "wizard.checks.toolkit", "wizard.checks.cudnn", "wizard.checks.python_env",
    "wizard.checks.wheel", "wizard.checks.course", "wizard.checks.import_errors", "wizard.checks.texts",
    "wizard.commands.check", "wizard.report.json_report",
)


def warm_up(_progress: Callable[[str], None] | None = None) -> list[str]:
    """Import what a check needs and load the knowledge base; returns the modules that could not be imported."""
    missing = []
    for name in WARM_UP_MODULES:
        try:
            # __import__ with a fromlist, like the check's own "from x import y", so PySide's hook sees it now
            __import__(name, fromlist=["__name__"])
        except Exception:  # noqa: BLE001 - a missing optional module shows up in the check itself, not here
            missing.append(name)
    try:
        from wizard.knowledge import load_knowledge

        load_knowledge()
    except Exception:  # noqa: BLE001 - a broken knowledge base is reported by the check's own finding
        missing.append("wizard.knowledge")
    return missing


def default_collect(python: str, progress: Callable[[str], None]) -> Snapshot:
    warm_up()  # instant once the Welcome page's warm-up is done; if it is still running, wait for its imports
    from wizard.checkup import default_timeout
    from wizard.facts.collect import collect_snapshot

    return collect_snapshot(python, live_import=True, timeout=default_timeout(), progress=progress, index=_index_request())


def _index_request():  # -> IndexRequest | None
    """The package index the wizard's goal uses (TSW_TORCH_INDEX, set by --torch-index, else Preferences); read
    beside the probes unless TSW_OFFLINE=1 (--offline). None when it cannot be worked out: the bundled tables answer."""
    try:
        from wizard.gui.preferences import torch_index_preference
        from wizard.index.request import index_request
        from wizard.knowledge import load_knowledge

        base = os.environ.get("TSW_TORCH_INDEX", "").strip() or torch_index_preference()
        return index_request(load_knowledge(), base, offline=os.environ.get("TSW_OFFLINE", "").strip() == "1")
    except Exception:  # noqa: BLE001 - the check goes on without the index
        return None


def default_diagnose(snapshot: Snapshot, goal: Goal) -> Diagnosis:
    from wizard.engine import diagnose

    return diagnose(snapshot, goal=goal)
