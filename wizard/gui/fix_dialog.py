"""The dialog that fixes: every planned step first, then pip with a real progress bar, then verification.

It drives one :class:`wizard.actions.session.FixSession`, the same step machine as ``fix`` on the terminal
(plan → confirm → backup → run each step → verify through the checkup → restore on failure): for a remedy,
every runnable remedy of the diagnosis in causal order; for the recommendation the user chose, that command.
Each step's command runs in a QProcess (the session's QProcess adapter: never a shell, never blocking the
UI thread) in its own session so Cancel stops the whole process tree. Everything slow that is not pip
(planning, backup, restore, the re-check) runs in a worker thread. ``exec()`` returns Accepted when the fix
changed the environment, so the wizard looks again.
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
from wizard.actions.plan import Plan, format_bytes, render_plan
from wizard.actions.policy import ActionRefused, ApprovedCommand, approve
from wizard.actions.progress import ProgressState, ProgressTracker
from wizard.actions.runner import RunResult, child_env, kill_process_tree, prepare_pip_argv
from wizard.actions.session import FixSession, FixStep, runnable_findings
from wizard.actions.verify import Verification, verify_fix
from wizard.findings import Action, Diagnosis, Goal
from wizard.gui.preferences import torch_index_preference
from wizard.gui.widgets import make_label
from wizard.gui.workers import default_collect, default_diagnose, start_job
from wizard.i18n import text as tr
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
        self.progress_bar.setAccessibleName(tr("gui.fix.progress"))
        self.progress_bar.hide()
        self.log_view = QPlainTextEdit()
        self.log_view.setReadOnly(True)
        self.log_view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.log_view.setAccessibleName(tr("gui.fix.log"))
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
            self.log(tr("gui.fix.could_not_start", program=program))
            self.process = None
            self.finish(False)
            on_done(False)


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


@dataclass(frozen=True)
class _Prepared:
    session: FixSession | None = None
    refused: str = ""


def session_for(action: Action, python: str, snapshot: Snapshot, diagnosis: Diagnosis, goal: Goal) -> FixSession:
    """A remedy's command: one session for every runnable remedy of the diagnosis, root causes first (as ``fix``
    applies them). Any other command (the recommendation the user chose): a session for that command alone."""
    remedy_steps = [tuple(argv) for f in runnable_findings(diagnosis) if f.remedy is not None for argv in f.remedy.steps]
    if tuple(action.argv) in remedy_steps:
        return FixSession(python, snapshot, diagnosis, goal)
    return FixSession(python, snapshot, diagnosis, goal, command=tuple(action.argv), command_title=action.label)


def describe_steps(session: FixSession) -> str:
    """Every planned step (what pip will change, or the command when pip comes with an earlier step) and the
    total download, as plain text."""
    parts = []
    for number, step in enumerate(session.steps, 1):
        lines = [tr("gui.fix.step", number=number, count=len(session.steps), title=step.title or step.command.argv[-1])]
        lines += [step.note] if step.note else []
        lines += [step.version_change] if step.version_change else []
        if step.plan is not None:
            lines.append(render_plan(step.plan))
        else:
            lines.append(command_text(step.command.argv, local_os_name()))
            if session.deferred(step):
                lines.append(tr("gui.fix.deferred"))
        parts.append("\n".join(lines))
    if len(session.steps) > 1:
        key = "gui.fix.total_download_so_far" if any(session.deferred(s) for s in session.steps) else "gui.fix.total_download"
        parts.append(tr(key, size=format_bytes(session.download_bytes)))
    return "\n\n".join(parts)


class FixDialog(CloseGuard, QDialog):
    """Plan, confirm, run, verify (and undo) a fix of the interpreter ``python`` through one FixSession."""

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
        self.setWindowTitle(tr("gui.fix.title"))
        self.action, self.python, self.torch_index = action, python, torch_index
        session_state = getattr(parent, "session", None)  # the wizard's WizardSession: reuse its check
        self.goal = goal or getattr(session_state, "goal", None) or Goal(torch_index=torch_index)
        last_check = getattr(session_state, "result", None)
        if snapshot is None and getattr(last_check, "snapshot", None) is not None:
            snapshot, diagnosis = last_check.snapshot, diagnosis or last_check.diagnosis
        self.snapshot, self.diagnosis = snapshot, diagnosis
        self._collect, self._diagnose = collect, diagnose
        self.session: FixSession | None = None
        self.plan: Plan | None = None  # the first step's plan, once planned (what Run and "Upgrade pip first" use)
        self.verification: Verification | None = None
        self.applied = False
        self._working = False  # a worker (plan, backup, restore, re-check) is busy
        self._deferred: list[bool] = []  # per step: planned only when reached (pip comes with an earlier step)
        self._waiting: tuple[int, FixStep, str] | None = None  # a step planned late, shown, waiting for Continue
        self._declined = False
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

    @property
    def backup_path(self) -> Path | None:
        return self.session.backup_path if self.session is not None else None

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        layout = QVBoxLayout(self)
        layout.addWidget(make_label(self.action.label or tr("gui.fix.title"), bold=True))
        layout.addWidget(make_label(tr("gui.fix.exact_command")))
        self.command_view = QPlainTextEdit(command_text(self.action.argv, local_os_name()))
        self.command_view.setReadOnly(True)
        self.command_view.setFont(mono)
        self.command_view.setMaximumHeight(60)
        layout.addWidget(self.command_view)
        self.env_label = QLabel(tr("gui.fix.changes_env", python=self.python))
        self.env_label.setTextFormat(Qt.TextFormat.PlainText)
        self.env_label.setWordWrap(True)
        self.env_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.env_label)
        self.plan_view = QPlainTextEdit(tr("gui.fix.planning"))
        self.plan_view.setReadOnly(True)
        self.plan_view.setAccessibleName(tr("gui.fix.plan_name"))
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
        self.upgrade_pip_button = QPushButton(tr("gui.fix.upgrade_pip"))
        self.upgrade_pip_button.hide()
        self.run_button = QPushButton(tr("gui.fix.run"))
        self.run_button.setEnabled(False)
        self.cancel_button = QPushButton(tr("gui.fix.cancel"))
        self.undo_button = QPushButton(tr("gui.fix.undo"))
        self.undo_button.hide()
        self.close_button = QPushButton(tr("gui.fix.close"))
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
        self._working = True

        def finished(outcome: object) -> None:
            self._working = False
            done(outcome)

        self._jobs.append(start_job(work, progress, finished, name="fix-dialog"))

    # ------------------------------------------------------------------ 1. every step, before anything runs
    def _prepare(self) -> None:
        self._job(self._prepare_work, self._prepared)

    def _prepare_work(self, _progress: Callable[[str], None]) -> _Prepared:
        try:
            approve(self.action.argv, self.python)  # a command the wizard never runs is refused before anything else
            snapshot = self.snapshot or self._collect(self.python, lambda _s: None)
            diagnosis = self.diagnosis or self._diagnose(snapshot, self.goal)
            session = session_for(self.action, self.python, snapshot, diagnosis, self.goal)
            session.verify = self._verifier()
            session.plan()
            return _Prepared(session)
        except ActionRefused as exc:
            return _Prepared(refused=str(exc))
        except Exception as exc:  # noqa: BLE001 - the dialog must say what went wrong, never crash
            return _Prepared(refused=tr("gui.fix.preview_failed", error=exc))

    def _verifier(self) -> Callable[[str, Snapshot, Diagnosis, Goal], Verification]:
        """The checkup (collect → course smoke test → diagnose), as ``fix`` verifies; a wizard that looks with
        its own collector (a test's, a screenshot's) verifies with that one."""
        if self._collect is default_collect and self._diagnose is default_diagnose:
            return verify_fix
        collect, diagnose = self._collect, self._diagnose

        def verify(python: str, before_snapshot: Snapshot, before: Diagnosis, goal: Goal) -> Verification:
            return verify_fix(python, before_snapshot, before, goal, collect=lambda p: collect(p, lambda _s: None),
                              diagnose=diagnose)

        return verify

    def _prepared(self, prepared: object) -> None:
        assert isinstance(prepared, _Prepared)
        if prepared.refused or prepared.session is None:
            self.plan_view.setPlainText(tr("gui.fix.refused", why=prepared.refused))
            return
        session = self.session = prepared.session
        self.snapshot, self.diagnosis = session.snapshot, session.diagnosis
        self.plan = next((s.plan for s in session.steps if s.plan is not None), None)
        self.env_label.setText(tr("gui.fix.changes_this_env", python=self.python,
                                  kind=session.env_kind or tr("gui.fix.unknown_kind")))
        self.plan_view.setPlainText(describe_steps(session) if session.steps else tr("gui.fix.nothing"))
        if not session.steps:
            return
        plan = self.plan
        if plan is not None and plan.pip_too_old:
            self._warn(tr("gui.fix.pip_too_old", version=plan.pip_version or tr("gui.fix.unknown_version")))
            self.upgrade_pip_button.setEnabled(True)
            self.upgrade_pip_button.show()
            self.run_button.setEnabled(True)
        elif any(s.plan is not None and s.plan.problem for s in session.steps):
            self._warn(tr("gui.fix.will_not_work"))
        elif session.blocked:
            self._warn(tr("gui.fix.no_disk", download=format_bytes(session.download_bytes),
                          free=format_bytes(min((s.plan.free_bytes or 0) for s in session.steps if s.plan))))
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
        self.panel.start(approve(self.plan.pip_upgrade_argv, self.python), self.plan.pip_version, self._pip_upgraded)

    def _pip_upgraded(self, ok: bool) -> None:
        if ok:
            self.upgrade_pip_button.hide()
            self.warning_label.hide()
            self.panel.set_stage(tr("gui.fix.pip_upgraded"))
            self.plan_view.setPlainText(tr("gui.fix.pip_upgraded_planning"))
            self._prepare()
        else:
            self._warn(tr("gui.fix.pip_upgrade_failed"))
            self.upgrade_pip_button.setEnabled(True)
            self.run_button.setEnabled(True)

    def run_fix(self) -> None:
        if self._waiting is not None:
            self._continue_waiting_step()
            return
        if self.session is None:
            return
        self._deferred = [self.session.deferred(step) for step in self.session.steps]
        self.run_button.setEnabled(False)
        self.upgrade_pip_button.setEnabled(False)
        self.panel.busy(tr("gui.fix.saving"))
        session = self.session
        self._job(lambda _p: run_reporting_errors(session.save), self._saved)

    def _saved(self, saved: object) -> None:
        if not isinstance(saved, Path):
            self.panel.finish(False)
            self.stage_label.setText(tr("gui.fix.not_saved", why=saved))
            return
        self.panel.log(tr("gui.fix.saved", path=saved))
        self.cancel_button.setText(tr("gui.fix.cancel"))
        self._start_step(0)

    def _start_step(self, index: int) -> None:
        """Step ``index``: planned (when pip came with an earlier step) in a worker, then run in the QProcess."""
        assert self.session is not None
        session = self.session
        self._job(lambda _p: run_reporting_errors(lambda: session.prepare_step(index) or tr("gui.fix.deferred_blocked")),
                  lambda ready: self._step_ready(index, ready))

    def _step_ready(self, index: int, ready: object) -> None:
        if not isinstance(ready, tuple):
            self.panel.log(str(ready))
            self._fix_finished(False)
            return
        step, pip_version = ready
        assert isinstance(step, FixStep) and self.session is not None
        if len(self.session.steps) > 1:
            self.panel.log(tr("gui.fix.step", number=index + 1, count=len(self.session.steps),
                              title=step.title or step.command.argv[-1]))
        if self._deferred[index] and step.plan is not None:  # planned only now that pip is there: say what it
            self.panel.log(render_plan(step.plan))  # does, and run it only when the person agrees (as `fix` asks)
            self._waiting = (index, step, pip_version)
            self.panel.set_stage(tr("gui.fix.confirm_step", number=index + 1))
            self.run_button.setText(tr("gui.fix.continue"))
            self.run_button.setEnabled(True)
            return
        self._run_step(index, step, pip_version)

    def _run_step(self, index: int, step: FixStep, pip_version: str) -> None:
        planned = step.plan.download_bytes if step.plan is not None else 0
        self.panel.start(step.command, pip_version, lambda ok: self._step_done(index, step, ok), planned)

    def _continue_waiting_step(self) -> None:
        assert self._waiting is not None
        index, step, pip_version = self._waiting
        self._waiting = None
        self.run_button.setEnabled(False)
        self.run_button.setText(tr("gui.fix.run"))
        self._run_step(index, step, pip_version)

    def _decline_waiting_step(self) -> None:
        """Cancel (or Close) while a late-planned step waits: it does not run; Undo is offered for the earlier ones."""
        assert self._waiting is not None and self.session is not None
        index = self._waiting[0]
        self._waiting = None
        self._declined = True
        self.run_button.setEnabled(False)
        self.run_button.setText(tr("gui.fix.run"))
        self.session.decline(index)
        self._fix_finished(False)

    def _step_done(self, index: int, step: FixStep, ok: bool) -> None:
        assert self.session is not None
        result = RunResult(step.command.argv, 0 if ok else 1, cancelled=self.cancelled,
                           output_tail=tuple(self.log_view.toPlainText().splitlines()[-40:]))
        if not self.session.record(index, result):
            self._fix_finished(False)
        elif index + 1 < len(self.session.steps):
            self._start_step(index + 1)
        else:
            self._fix_finished(True)

    def cancel(self) -> None:
        if self._waiting is not None:
            self._decline_waiting_step()
            return
        if not self.panel.cancel():
            self.reject()
            return
        self.stage_label.setText(tr("gui.fix.stopping"))

    # ------------------------------------------------------------------ 3. after
    def _fix_finished(self, ok: bool) -> None:
        assert self.session is not None
        session = self.session
        if not ok:
            self._job(lambda _p: run_reporting_errors(session.changed_since_backup), self._failed)
            return
        self.applied = True
        self.panel.busy(tr("gui.fix.checking_again"))
        self._job(self._verify_work, self._verified)

    def _failed(self, changed: object) -> None:
        error = self.panel.tracker.state.error
        if self._declined:
            what = tr("gui.fix.declined")
        elif self.cancelled:
            what = tr("gui.fix.you_stopped")
        else:
            what = tr("gui.fix.failed", error=error or tr("gui.fix.see_log"))
        if changed is True:
            self.applied = True  # partly changed: the wizard looks again when the dialog closes
            state = tr("gui.fix.partly_changed")
        elif changed is False:
            state = tr("gui.fix.unchanged")
        else:
            state = tr("gui.fix.state_unknown", why=changed)
        self.stage_label.setText(what)
        self.result_label.setText(state)
        self.undo_button.show()
        self.cancel_button.hide()  # nothing runs any more: Close (beside Undo) is the way out

    def _verify_work(self, _progress: Callable[[str], None]) -> object:
        assert self.session is not None
        try:
            return self.session.check_again()
        except Exception as exc:  # noqa: BLE001 - a failed re-check is shown, never a crash
            return tr("gui.fix.recheck_failed", error=exc)

    def _verified(self, outcome: object) -> None:
        self.panel.finish(True)
        self.cancel_button.hide()
        if isinstance(outcome, Verification):
            self.verification = outcome
            self.stage_label.setText(tr("gui.fix.done"))
            self.result_label.setText(tr("gui.fix.before_after", change=outcome.before_after, sentence=outcome.sentence))
        else:
            self.stage_label.setText(tr("gui.fix.pip_finished"))
            self.result_label.setText(str(outcome))
        self.undo_button.show()

    def undo(self) -> None:
        if self.session is None or self.session.backup_path is None:
            return
        self.undo_button.setEnabled(False)
        self.panel.busy(tr("gui.fix.restoring"))
        session = self.session
        self._job(lambda progress: run_reporting_errors(lambda: session.restore(on_line=progress)),
                  self._restored, self.panel.feed)

    def _restored(self, result: object) -> None:
        self.panel.finish(True)
        if isinstance(result, backup.RestoreResult):
            self.stage_label.setText(result.summary)
            self.applied = False
            self.verification = None
        else:
            self.stage_label.setText(tr("gui.fix.restore_failed", error=result))
            self.undo_button.setEnabled(True)

    def _log(self, line: str) -> None:
        self.panel.log(line)

    def _close(self) -> None:
        self.reject()

    def reject(self) -> None:
        """Close, Esc and the window's close box: never while pip or a step of the session runs (Cancel first);
        Accepted once the fix changed the environment, so the wizard looks again."""
        if self.is_busy():
            return
        if self._waiting is not None:  # closing while a step waits declines it first (Undo is then offered)
            self._decline_waiting_step()
            return
        if self.applied:
            self.accept()
        else:
            super().reject()

    def is_busy(self) -> bool:
        return self.panel.running or self._working


def run_reporting_errors(work: Callable[[], object], prefix: str = "") -> object:
    """Run work in a worker; an exception comes back as its message (shown to the user)."""
    try:
        return work()
    except Exception as exc:  # noqa: BLE001
        return f"{prefix}{exc}"
