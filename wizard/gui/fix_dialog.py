"""The dialog that runs one fix: what will change, then pip with a real progress bar, then verification.

pip runs in a QProcess (never a shell, never blocking the UI thread) in its own session so Cancel
stops the whole process tree. Everything slow that is not pip (preview, backup, restore, the
re-check) runs in a worker thread (wizard.gui.workers.start_job). ``exec()`` returns Accepted
when the fix was applied and the re-check ran, so the wizard looks again.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QProcess, QProcessEnvironment, Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wizard.actions import backup
from wizard.actions.plan import Plan, format_bytes, make_plan, render_plan
from wizard.actions.policy import ActionRefused, ApprovedCommand, approve
from wizard.actions.progress import ProgressState, ProgressTracker
from wizard.actions.runner import (
    Identity,
    check_same_interpreter,
    child_env,
    kill_process_tree,
    prepare_pip_argv,
    probe_identity,
)
from wizard.actions.verify import Verification, compare
from wizard.findings import Action, Diagnosis, Goal
from wizard.gui.preferences import torch_index_preference
from wizard.gui.widgets import make_label
from wizard.gui.workers import default_collect, default_diagnose, start_job
from wizard.shell_text import command_text, local_os_name
from wizard.snapshot import Snapshot

Collect = Callable[[str, Callable[[str], None]], Snapshot]
Diagnose = Callable[[Snapshot, Goal], Diagnosis]

__all__ = ["CloseGuard", "CommandPanel", "FixDialog", "run_reporting_errors", "torch_index_preference"]


class CommandPanel(QWidget):
    """Runs one command at a time in a QProcess and shows it: a stage in plain words, a progress bar, the log.

    Shared by every dialog that changes an environment (fix, fresh environment, undo). The process runs
    in its own session so cancel() stops pip and anything it started; ``on_done(ok)`` runs in the UI thread.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.stage_label = QLabel("")
        self.stage_label.setTextFormat(Qt.TextFormat.PlainText)
        self.stage_label.setWordWrap(True)
        self.stage_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 1000)
        self.progress_bar.setAccessibleName("Progress")
        self.progress_bar.hide()
        self.log_view = QPlainTextEdit()
        self.log_view.setReadOnly(True)
        self.log_view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.log_view.setAccessibleName("What the command printed")
        self.log_view.hide()
        for widget in (self.stage_label, self.progress_bar, self.log_view):
            layout.addWidget(widget)
        self.process: QProcess | None = None
        self.cancelled = False
        self.tracker = ProgressTracker()
        self._partial = ""

    @property
    def running(self) -> bool:
        return self.process is not None

    def log(self, line: str) -> None:
        self.log_view.show()
        self.log_view.appendPlainText(line)

    def set_stage(self, text: str) -> None:
        self.stage_label.setText(text)

    def busy(self, text: str) -> None:
        """A stage without a figure: the bar turns into a busy indicator."""
        self.set_stage(text)
        self.progress_bar.show()
        self.progress_bar.setRange(0, 0)

    def finish(self, ok: bool) -> None:
        self.progress_bar.setRange(0, 1000)
        if ok:
            self.progress_bar.setValue(1000)

    def feed(self, line: str) -> None:
        """One output line (from the process or from a worker running pip): log it and move the progress."""
        self.log(line)
        self._show_state(self.tracker.feed(line))

    def start(self, command: ApprovedCommand, pip_version: str, on_done: Callable[[bool], None],
              planned_bytes: int = 0) -> None:
        """Run an approved command (pip gets --no-input and raw progress where it has them); on_done(ok) when it ends."""
        full = prepare_pip_argv(command, pip_version).argv
        self.cancelled = False
        self._partial = ""
        self.tracker = ProgressTracker(planned_bytes)
        self.progress_bar.show()
        self.progress_bar.setRange(0, 0)
        self.log("$ " + command_text(full, local_os_name()))
        process = QProcess(self)
        process.setProgram(full[0])
        process.setArguments(list(full[1:]))
        process.setProcessChannelMode(QProcess.ProcessChannelMode.MergedChannels)
        environment = QProcessEnvironment()
        for key, value in child_env().items():
            environment.insert(key, value)
        process.setProcessEnvironment(environment)
        if os.name == "posix":  # its own session: Cancel can stop pip and anything it started
            process.setUnixProcessParameters(QProcess.UnixProcessFlag.CreateNewSession)
        process.readyReadStandardOutput.connect(self._read_output)
        process.finished.connect(lambda code, status: self._finished(code, status, on_done))
        process.errorOccurred.connect(lambda error: self._error(error, full[0], on_done))
        self.process = process
        process.start()

    def cancel(self) -> bool:
        """Stop the running command and everything it started; False when nothing runs."""
        if self.process is None:
            return False
        self.cancelled = True
        pid = self.process.processId()
        if pid:
            kill_process_tree(pid)
        else:
            self.process.kill()
        return True

    def _read_output(self) -> None:
        if self.process is None:
            return
        self._partial += bytes(self.process.readAllStandardOutput().data()).decode("utf-8", errors="replace")
        *lines, self._partial = self._partial.replace("\r\n", "\n").split("\n")
        for line in lines:
            self.feed(line)

    def _show_state(self, state: ProgressState) -> None:
        self.stage_label.setText(state.stage)
        if state.fraction is None:
            self.progress_bar.setRange(0, 0)  # busy
        else:
            self.progress_bar.setRange(0, 1000)
            self.progress_bar.setValue(int(state.fraction * 1000))

    def _finished(self, code: int, status: QProcess.ExitStatus, on_done: Callable[[bool], None]) -> None:
        self._read_output()
        if self._partial:
            self.feed(self._partial)
            self._partial = ""
        self.process = None
        ok = code == 0 and status == QProcess.ExitStatus.NormalExit and not self.cancelled
        self.finish(ok)
        on_done(ok)

    def _error(self, error: QProcess.ProcessError, program: str, on_done: Callable[[bool], None]) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            self.log(f"could not start {program}")
            self.process = None
            self.finish(False)
            on_done(False)


@dataclass(frozen=True)
class _Prepared:
    identity: Identity | None = None
    command: ApprovedCommand | None = None
    plan: Plan | None = None
    snapshot: Snapshot | None = None
    diagnosis: Diagnosis | None = None
    refused: str = ""


class CloseGuard:
    """For dialogs that run a command: the window's close box does nothing while it runs (Cancel first).
    Mix in before QDialog and define is_busy()."""

    def is_busy(self) -> bool:
        raise NotImplementedError

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt naming
        if self.is_busy():
            event.ignore()
            return
        super().closeEvent(event)


class FixDialog(CloseGuard, QDialog):
    """Confirm, run, verify (and undo) one RUN action for the interpreter ``python``."""

    def __init__(
        self,
        parent: QWidget | None,
        action: Action,
        python: str,
        torch_index: str,
        *,
        snapshot: Snapshot | None = None,
        diagnosis: Diagnosis | None = None,
        goal: Goal | None = None,
        collect: Collect = default_collect,
        diagnose: Diagnose = default_diagnose,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Run this fix")
        self.action, self.python, self.torch_index = action, python, torch_index
        self.goal = goal or getattr(parent, "goal", None) or Goal(torch_index=torch_index)
        last_check = getattr(parent, "result", None)  # the wizard's CheckResult: reuse it instead of checking twice
        if snapshot is None and getattr(last_check, "snapshot", None) is not None:
            snapshot, diagnosis = last_check.snapshot, diagnosis or last_check.diagnosis
        self.snapshot, self.diagnosis = snapshot, diagnosis
        self._collect, self._diagnose = collect, diagnose
        self.identity: Identity | None = None
        self.command: ApprovedCommand | None = None
        self.plan: Plan | None = None
        self.backup_path: Path | None = None
        self.verification: Verification | None = None
        self.applied = False
        self._jobs: list[object] = []  # keep worker signal objects alive
        self._build()
        self._prepare()

    # The running command lives in the shared panel; these names are what callers and tests read.
    @property
    def process(self) -> QProcess | None:
        return self.panel.process

    @property
    def cancelled(self) -> bool:
        return self.panel.cancelled

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        layout = QVBoxLayout(self)
        layout.addWidget(make_label(self.action.label or "Run this fix", bold=True))
        layout.addWidget(make_label("The exact command:"))
        self.command_view = QPlainTextEdit(command_text(self.action.argv, local_os_name()))
        self.command_view.setReadOnly(True)
        self.command_view.setFont(mono)
        self.command_view.setMaximumHeight(60)
        layout.addWidget(self.command_view)
        self.env_label = QLabel(f"It changes the environment of {self.python}")
        self.env_label.setTextFormat(Qt.TextFormat.PlainText)
        self.env_label.setWordWrap(True)
        self.env_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.env_label)
        self.plan_view = QPlainTextEdit("Working out what pip will do… (pip may download the packages into its cache)")
        self.plan_view.setReadOnly(True)
        layout.addWidget(self.plan_view)
        self.warning_label = QLabel("")
        self.warning_label.setTextFormat(Qt.TextFormat.PlainText)
        self.warning_label.setWordWrap(True)
        self.warning_label.setStyleSheet("color: #a15c00;")
        self.warning_label.hide()
        layout.addWidget(self.warning_label)
        self.panel = CommandPanel(self)
        self.stage_label, self.progress_bar, self.log_view = self.panel.stage_label, self.panel.progress_bar, self.panel.log_view
        layout.addWidget(self.panel)
        self.result_label = QLabel("")
        self.result_label.setTextFormat(Qt.TextFormat.PlainText)
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.result_label)
        buttons = QHBoxLayout()
        self.upgrade_pip_button = QPushButton("Upgrade pip first")
        self.upgrade_pip_button.hide()
        self.run_button = QPushButton("Run")
        self.run_button.setEnabled(False)
        self.cancel_button = QPushButton("Cancel")
        self.undo_button = QPushButton("Undo (restore previous state)")
        self.undo_button.hide()
        self.close_button = QPushButton("Close")
        for button in (self.upgrade_pip_button, self.run_button, self.cancel_button, self.undo_button, self.close_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.upgrade_pip_button.clicked.connect(self.upgrade_pip)
        self.run_button.clicked.connect(self.run_fix)
        self.cancel_button.clicked.connect(self.cancel)
        self.undo_button.clicked.connect(self.undo)
        self.close_button.clicked.connect(self._close)
        self.resize(760, 560)

    def _job(self, work: Callable[[Callable[[str], None]], object], done: Callable[[object], None],
             progress: Callable[[str], None] | None = None) -> None:
        self._jobs.append(start_job(work, progress, done, name="fix-dialog"))

    # ------------------------------------------------------------------ 1. what will change
    def _prepare(self) -> None:
        self._job(self._prepare_work, self._prepared)

    def _prepare_work(self, _progress: Callable[[str], None]) -> _Prepared:
        try:
            command = approve(self.action.argv, self.python)
            identity = probe_identity(self.python)
            snapshot = self.snapshot or self._collect(self.python, lambda _s: None)
            check_same_interpreter(identity, snapshot)
            diagnosis = self.diagnosis or self._diagnose(snapshot, self.goal)
            env_kind = snapshot.python.get().env_kind if snapshot.python.ok else ""
            return _Prepared(identity, command, make_plan(command.argv, identity, env_kind=env_kind), snapshot, diagnosis)
        except ActionRefused as exc:
            return _Prepared(refused=str(exc))
        except Exception as exc:  # noqa: BLE001 - the dialog must say what went wrong, never crash
            return _Prepared(refused=f"The preview failed: {exc}")

    def _prepared(self, prepared: object) -> None:
        assert isinstance(prepared, _Prepared)
        if prepared.refused:
            self.plan_view.setPlainText(f"The wizard will not run this command: {prepared.refused}")
            return
        self.identity, self.command, self.plan = prepared.identity, prepared.command, prepared.plan
        self.snapshot, self.diagnosis = prepared.snapshot, prepared.diagnosis
        plan = prepared.plan
        self.env_label.setText(f"It changes this environment: {self.python} ({plan.env_kind or 'unknown kind'})")
        self.plan_view.setPlainText(render_plan(plan))
        if plan.pip_too_old:
            self._warn(f"Your pip ({plan.pip_version or 'unknown'}) is too old to show what will change and to report "
                       "progress well. Upgrade pip first (recommended).")
            self.upgrade_pip_button.setEnabled(True)
            self.upgrade_pip_button.show()
            self.run_button.setEnabled(True)
        elif plan.problem:
            self._warn("pip says this will not work, so the fix cannot run. Nothing was changed.")
        elif not plan.enough_disk:
            self._warn(f"Not enough free disk space: {format_bytes(plan.download_bytes)} to download, "
                       f"{format_bytes(plan.free_bytes or 0)} free.")
        else:
            self.warning_label.hide()
            self.run_button.setEnabled(True)

    def _warn(self, text: str) -> None:
        self.warning_label.setText(text)
        self.warning_label.show()

    # ------------------------------------------------------------------ 2. run
    def upgrade_pip(self) -> None:
        if self.plan is None or not self.plan.pip_upgrade_argv:
            return
        self.upgrade_pip_button.setEnabled(False)
        self.run_button.setEnabled(False)
        self.panel.start(approve(self.plan.pip_upgrade_argv, self.python), self._pip_version(), self._pip_upgraded)

    def _pip_upgraded(self, ok: bool) -> None:
        if ok:
            self.upgrade_pip_button.hide()
            self.warning_label.hide()
            self.panel.set_stage("pip was upgraded.")
            self.plan_view.setPlainText("pip was upgraded. Working out what pip will do…")
            self._prepare()
        else:
            self._warn("Upgrading pip failed; see the log. Nothing else was changed.")
            self.upgrade_pip_button.setEnabled(True)
            self.run_button.setEnabled(True)

    def _pip_version(self) -> str:
        return self.identity.pip_version if self.identity else ""

    def run_fix(self) -> None:
        self.run_button.setEnabled(False)
        self.upgrade_pip_button.setEnabled(False)
        self.panel.busy("Saving the current state of the environment…")
        sources = backup.restore_sources(self.action.argv, self.snapshot, self.torch_index)
        self._job(lambda _p: run_reporting_errors(lambda: backup.save_state(self.python, sources=sources)), self._saved)

    def _saved(self, saved: object) -> None:
        if not isinstance(saved, Path):
            self.panel.finish(False)
            self.stage_label.setText(f"The current state could not be saved, so nothing was run: {saved}")
            return
        self.backup_path = saved
        self.panel.log(f"Saved the current state to {saved}")
        self.cancel_button.setText("Cancel")
        planned = self.plan.download_bytes if self.plan else 0
        assert self.command is not None  # Run is enabled only after the command was approved
        self.panel.start(self.command, self._pip_version(), self._fix_finished, planned)

    def cancel(self) -> None:
        if not self.panel.cancel():
            self.reject()
            return
        self.stage_label.setText("Stopping pip…")

    # ------------------------------------------------------------------ 3. after
    def _fix_finished(self, ok: bool) -> None:
        if not ok:
            self._job(lambda _p: run_reporting_errors(lambda: self._changed_since_backup()), self._failed)
            return
        self.applied = True
        self.panel.busy("pip finished. Checking again…")
        self._job(self._verify_work, self._verified)

    def _changed_since_backup(self) -> bool:
        return backup.freeze(self.python) != backup.load_backup(self.backup_path)["freeze"]

    def _failed(self, changed: object) -> None:
        error = self.panel.tracker.state.error
        what = "You stopped the fix." if self.cancelled else "The fix failed: " + (error or "see the log.")
        if changed is True:
            state = "The environment was partly changed. Undo puts back exactly what was there before."
        elif changed is False:
            state = "pip stopped before changing anything: the environment is as it was."
        else:
            state = f"The wizard could not tell what state the environment is in ({changed})."
        self.stage_label.setText(what)
        self.result_label.setText(state)
        self.undo_button.show()
        self.cancel_button.setText("Close")

    def _verify_work(self, progress: Callable[[str], None]) -> object:
        try:
            after = self._collect(self.python, progress)
            return compare(self.snapshot, self.diagnosis, after, self._diagnose(after, self.goal))
        except Exception as exc:  # noqa: BLE001 - a failed re-check is shown, never a crash
            return f"The re-check failed: {exc}"

    def _verified(self, outcome: object) -> None:
        self.panel.finish(True)
        self.cancel_button.hide()
        if isinstance(outcome, Verification):
            self.verification = outcome
            self.stage_label.setText("Done.")
            self.result_label.setText(f"Before → after: {outcome.before_after}\n{outcome.sentence}")
        else:
            self.stage_label.setText("pip finished.")
            self.result_label.setText(str(outcome))
        self.undo_button.show()

    def undo(self) -> None:
        if self.backup_path is None:
            return
        self.undo_button.setEnabled(False)
        self.panel.busy("Restoring the previous state…")
        path = self.backup_path
        self._job(lambda progress: run_reporting_errors(lambda: backup.restore_state(self.python, path, on_line=progress)),
                  self._restored, self.panel.feed)

    def _restored(self, result: object) -> None:
        self.panel.finish(True)
        if isinstance(result, backup.RestoreResult):
            self.stage_label.setText(result.summary)
            self.applied = False
            self.verification = None
        else:
            self.stage_label.setText(f"Restoring failed: {result}")
            self.undo_button.setEnabled(True)

    def _log(self, line: str) -> None:
        self.panel.log(line)

    def _close(self) -> None:
        self.reject()

    def reject(self) -> None:
        """Close, Esc and the window's close box: never while pip runs (Cancel first); Accepted once the
        fix changed the environment, so the wizard looks again."""
        if self.panel.running:
            return
        if self.applied:
            self.accept()
        else:
            super().reject()

    def is_busy(self) -> bool:
        return self.panel.running


def run_reporting_errors(work: Callable[[], object], prefix: str = "") -> object:
    """Run work in a worker; an exception comes back as its message (shown to the user)."""
    try:
        return work()
    except Exception as exc:  # noqa: BLE001
        return f"{prefix}{exc}"
