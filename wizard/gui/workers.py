"""Background work for the wizard: the UI thread never waits on the system.

Each job runs in a daemon Python thread (a check can take minutes; closing the window must
not wait for it, and Qt aborts the process when a running QThread is destroyed) and reports
through the signals of a parentless QObject that lives in the UI thread, so every slot runs
there (queued connections).
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import os
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from wizard.findings import Diagnosis, Goal
from wizard.gui.texts import failed_diagnosis
from wizard.i18n import text
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

    def emit_progress(line: str) -> None:
        with contextlib.suppress(RuntimeError):  # the window went away while we were working
            signals.progress.emit(line)

    def body() -> None:
        outcome = work(emit_progress)
        with contextlib.suppress(RuntimeError):
            signals.finished.emit(outcome)

    threading.Thread(target=body, name=name, daemon=True).start()
    return signals


def run_check(python: str, goal: Goal, collect: Collect, diagnose: Diagnose,
              progress: Callable[[str], None], cancel: threading.Event | None = None) -> CheckResult:
    """The checkup (wizard.checkup: collect → course smoke test → diagnose) in a worker; any exception becomes a
    visible 'the check itself failed' finding. ``cancel`` reaches the collector when it takes one (the default
    collector stops every probe it started when it is set)."""
    runner = cancelable_runner(cancel)
    try:
        snapshot = collect(python, progress, cancel=cancel) if takes_cancel(collect) else collect(python, progress)
    except Exception as exc:  # noqa: BLE001 - any collector failure must become a finding, never a crash
        return CheckResult(None, failed_diagnosis(text("gui.check.collect_failed", error=exc), traceback.format_exc()))
    snapshot = _with_course_smoke_test(snapshot, python, goal, progress, runner)
    try:
        diagnosis = diagnose(snapshot, goal)
    except Exception as exc:  # noqa: BLE001
        return CheckResult(snapshot, failed_diagnosis(text("gui.check.diagnose_failed", error=exc), traceback.format_exc()))
    return CheckResult(snapshot, diagnosis)


def takes_cancel(collect: Callable[..., object]) -> bool:
    try:
        return "cancel" in inspect.signature(collect).parameters
    except (TypeError, ValueError):
        return False


def cancelable_runner(cancel: threading.Event | None):  # -> Runner | None
    """The collectors' runner, stopping (with everything it started) once ``cancel`` is set."""
    if cancel is None:
        return None
    from wizard.facts.runner import run_command

    return functools.partial(run_command, cancel=cancel)


def _with_course_smoke_test(snapshot: Snapshot, python: str, goal: Goal, progress: Callable[[str], None],
                            runner=None) -> Snapshot:
    name = getattr(goal.profile, "smoke_test", "")
    if not name or not isinstance(snapshot, Snapshot):
        return snapshot
    from wizard.checkup import with_course_test

    progress(text("gui.check.course_test", name=name))
    return with_course_test(snapshot, python, goal, runner=runner)


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


def default_collect(python: str, progress: Callable[[str], None], cancel: threading.Event | None = None) -> Snapshot:
    """The checkup's collect step (wizard.checkup.collect, the CLI's), with the hang limit of TSW_IMPORT_TIMEOUT."""
    warm_up()  # instant once the Welcome page's warm-up is done; if it is still running, wait for its imports
    from wizard.checkup import collect

    return collect(python, None, progress=progress, runner=cancelable_runner(cancel), index=_index_request())


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
