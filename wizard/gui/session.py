"""The wizard's state apart from its view (napari's ViewerModel beside its QtViewer).

One :class:`WizardSession` per window: which interpreter and goal, the last check's result, whether a check
runs (and its stage), whether it was stopped, and whether the window only shows a saved report. Pages read
it and listen to its signals; only the controller (wizard.gui.controller) changes it.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from wizard.findings import Diagnosis, Goal
from wizard.gui.texts import report_origin
from wizard.gui.workers import CheckResult
from wizard.i18n import localized_diagnosis
from wizard.profile import CourseProfile
from wizard.safe_text import map_every_string, scrub_secrets
from wizard.snapshot import Snapshot


def localized_result(result: CheckResult) -> CheckResult:
    """The result with every finding in the user's language (rendered from the stored message keys)."""
    return dataclasses.replace(result, diagnosis=localized_diagnosis(result.diagnosis))


class WizardSession(QObject):
    state_changed = Signal()  # a check started, finished or was stopped
    stage_changed = Signal(str)  # what the running check does (or, after a few seconds, what it waits for)

    def __init__(self, python: str, goal: Goal, *, report: tuple[Snapshot, Diagnosis] | None = None,
                 origin: str = "", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.python = python
        self.goal = goal
        self.read_only = report is not None
        if report is not None:  # shown, copied and saved again: never with a credential a stranger's file carried
            report = (map_every_string(report[0], scrub_secrets), map_every_string(report[1], scrub_secrets))
        self.origin = origin or (report_origin(report[0]) if report is not None else "")  # from the scrubbed report
        self.result: CheckResult | None = localized_result(CheckResult(*report)) if report is not None else None
        self.checking = False
        self.stopped = False  # the user pressed Cancel during the last check
        self.stage = ""

    # -- what pages read -----------------------------------------------------------------------------

    @property
    def profile(self) -> CourseProfile | None:
        return self.goal.profile if isinstance(self.goal.profile, CourseProfile) else None

    @property
    def snapshot(self) -> Snapshot | None:
        return self.result.snapshot if self.result is not None else None

    @property
    def diagnosis(self) -> Diagnosis | None:
        return self.result.diagnosis if self.result is not None else None

    @property
    def has_result(self) -> bool:
        """A finished check (or a report) is on screen."""
        return self.result is not None and not self.checking

    def new_environment_steps(self) -> tuple[tuple[str, ...], ...]:
        """The commands of a new_venv recommendation (its findings offer "Create a new environment…"), else ()."""
        rec = self.result.diagnosis.recommendation if self.result is not None else None
        return tuple(rec.steps) if rec is not None and rec.kind == "new_venv" else ()

    def last_backup(self) -> Path | None:
        """The newest saved state of the target's environment (what "Undo last fix…" restores), or None."""
        if self.read_only or not self.python:
            return None
        from wizard.actions.backup import latest_backup

        return latest_backup(self.python)

    # -- what the controller changes -------------------------------------------------------------------

    def begin_check(self, stage: str) -> None:
        self.checking, self.stopped, self.result, self.stage = True, False, None, stage
        self.state_changed.emit()

    def show_stage(self, text: str, *, remember: bool = True) -> None:
        if remember:
            self.stage = text
        self.stage_changed.emit(text)

    def finish_check(self, result: CheckResult) -> None:
        self.checking, self.result = False, localized_result(result)
        self.state_changed.emit()

    def stop_check(self) -> None:
        self.checking, self.stopped, self.result = False, True, None
        self.state_changed.emit()
