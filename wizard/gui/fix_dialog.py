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
from wizard.actions.progress import ProgressTracker
from wizard.actions.runner import (
    ActionRefused,
    Identity,
    check_same_interpreter,
    child_env,
    kill_process_tree,
    prepare_pip_argv,
    probe_identity,
    validate_argv,
)
from wizard.actions.verify import Verification, compare
from wizard.findings import Action, Diagnosis, Goal
from wizard.gui.preferences import torch_index_preference
from wizard.gui.workers import default_collect, default_diagnose, start_job
from wizard.snapshot import Snapshot

Collect = Callable[[str, Callable[[str], None]], Snapshot]
Diagnose = Callable[[Snapshot, Goal], Diagnosis]

__all__ = ["FixDialog", "torch_index_preference"]


@dataclass(frozen=True)
class _Prepared:
    identity: Identity | None = None
    plan: Plan | None = None
    snapshot: Snapshot | None = None
    diagnosis: Diagnosis | None = None
    refused: str = ""


class FixDialog(QDialog):
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
        self.plan: Plan | None = None
        self.backup_path: Path | None = None
        self.verification: Verification | None = None
        self.process: QProcess | None = None
        self.cancelled = False
        self.applied = False
        self._tracker = ProgressTracker()
        self._partial = ""
        self._jobs: list[object] = []  # keep worker signal objects alive
        self._build()
        self._prepare()

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"<b>{self.action.label or 'Run this fix'}</b>"))
        layout.addWidget(QLabel("The exact command:"))
        self.command_view = QPlainTextEdit(" ".join(self.action.argv))
        self.command_view.setReadOnly(True)
        self.command_view.setFont(mono)
        self.command_view.setMaximumHeight(60)
        layout.addWidget(self.command_view)
        self.env_label = QLabel(f"It changes the environment of {self.python}")
        self.env_label.setWordWrap(True)
        self.env_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.env_label)
        self.plan_view = QPlainTextEdit("Working out what pip will do… (pip may download the packages into its cache)")
        self.plan_view.setReadOnly(True)
        layout.addWidget(self.plan_view)
        self.warning_label = QLabel("")
        self.warning_label.setWordWrap(True)
        self.warning_label.setStyleSheet("color: #a15c00;")
        self.warning_label.hide()
        layout.addWidget(self.warning_label)
        self.stage_label = QLabel("")
        layout.addWidget(self.stage_label)
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 1000)
        self.progress_bar.hide()
        layout.addWidget(self.progress_bar)
        self.log_view = QPlainTextEdit()
        self.log_view.setReadOnly(True)
        self.log_view.setFont(mono)
        self.log_view.hide()
        layout.addWidget(self.log_view)
        self.result_label = QLabel("")
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
            argv = validate_argv(self.action.argv, self.python)
            identity = probe_identity(self.python)
            snapshot = self.snapshot or self._collect(self.python, lambda _s: None)
            check_same_interpreter(identity, snapshot)
            diagnosis = self.diagnosis or self._diagnose(snapshot, self.goal)
            env_kind = snapshot.python.get().env_kind if snapshot.python.ok else ""
            return _Prepared(identity, make_plan(argv, identity, env_kind=env_kind), snapshot, diagnosis)
        except ActionRefused as exc:
            return _Prepared(refused=str(exc))
        except Exception as exc:  # noqa: BLE001 - the dialog must say what went wrong, never crash
            return _Prepared(refused=f"The preview failed: {exc}")

    def _prepared(self, prepared: object) -> None:
        assert isinstance(prepared, _Prepared)
        if prepared.refused:
            self.plan_view.setPlainText(f"The wizard will not run this command: {prepared.refused}")
            return
        self.identity, self.plan = prepared.identity, prepared.plan
        self.snapshot, self.diagnosis = prepared.snapshot, prepared.diagnosis
        plan = prepared.plan
        self.env_label.setText(f"It changes this environment: {self.python} ({plan.env_kind or 'unknown kind'})")
        self.plan_view.setPlainText(render_plan(plan))
        self._tracker = ProgressTracker(plan.download_bytes)
        if plan.pip_too_old:
            self._warn(f"Your pip ({plan.pip_version or 'unknown'}) is too old to show what will change and to report "
                       "progress well. Upgrade pip first (recommended).")
            self.upgrade_pip_button.show()
            self.run_button.setEnabled(True)
        elif plan.problem:
            self._warn("pip says this will not work, so the fix cannot run. Nothing was changed.")
        elif not plan.enough_disk:
            self._warn(f"Not enough free disk space: {format_bytes(plan.download_bytes)} to download, "
                       f"{format_bytes(plan.free_bytes or 0)} free.")
        else:
            self.run_button.setEnabled(True)

    def _warn(self, text: str) -> None:
        self.warning_label.setText(text)
        self.warning_label.show()

    # ------------------------------------------------------------------ 2. run
    def upgrade_pip(self) -> None:
        if self.plan is None or not self.plan.pip_upgrade_argv:
            return
        self.upgrade_pip_button.setEnabled(False)
        self._start_process(self.plan.pip_upgrade_argv, self._pip_upgraded)

    def _pip_upgraded(self, ok: bool) -> None:
        self.upgrade_pip_button.hide()
        if ok:
            self.warning_label.hide()
            self.plan_view.setPlainText("pip was upgraded. Working out what pip will do…")
            self.run_button.setEnabled(False)
            self._prepare()
        else:
            self._warn("Upgrading pip failed; see the log. Nothing else was changed.")

    def run_fix(self) -> None:
        self.run_button.setEnabled(False)
        self.upgrade_pip_button.setEnabled(False)
        self.stage_label.setText("Saving the current state of the environment…")
        sources = backup.restore_sources(self.action.argv, self.snapshot, self.torch_index)
        self._job(lambda _p: _safe(lambda: backup.save_state(self.python, sources=sources)), self._saved)

    def _saved(self, saved: object) -> None:
        if not isinstance(saved, Path):
            self.stage_label.setText(f"The current state could not be saved, so nothing was run: {saved}")
            return
        self.backup_path = saved
        self._log(f"Saved the current state to {saved}")
        self._start_process(self.action.argv, self._fix_finished)

    def _start_process(self, argv: tuple[str, ...], on_done: Callable[[bool], None]) -> None:
        pip_version = self.identity.pip_version if self.identity else ""
        full = prepare_pip_argv(argv, pip_version)
        self.cancelled = False
        self._partial = ""
        self.progress_bar.show()
        self.progress_bar.setRange(0, 0)
        self.log_view.show()
        self._log("$ " + " ".join(full))
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
        process.finished.connect(lambda code, status: self._process_finished(code, status, on_done))
        process.errorOccurred.connect(lambda error: self._process_error(error, on_done))
        self.process = process
        self.cancel_button.setText("Cancel")
        process.start()

    def _read_output(self) -> None:
        if self.process is None:
            return
        self._partial += bytes(self.process.readAllStandardOutput().data()).decode("utf-8", errors="replace")
        *lines, self._partial = self._partial.replace("\r\n", "\n").split("\n")
        for line in lines:
            self._log(line)
            self._show_state(self._tracker.feed(line))

    def _show_state(self, state) -> None:
        self.stage_label.setText(state.stage)
        if state.fraction is None:
            self.progress_bar.setRange(0, 0)  # busy
        else:
            self.progress_bar.setRange(0, 1000)
            self.progress_bar.setValue(int(state.fraction * 1000))

    def _process_finished(self, code: int, status: QProcess.ExitStatus, on_done: Callable[[bool], None]) -> None:
        self._read_output()
        self.process = None
        ok = code == 0 and status == QProcess.ExitStatus.NormalExit and not self.cancelled
        self.progress_bar.setRange(0, 1000)
        self.progress_bar.setValue(1000 if ok else self.progress_bar.value())
        on_done(ok)

    def _process_error(self, error: QProcess.ProcessError, on_done: Callable[[bool], None]) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            self._log(f"could not start {self.action.argv[0]}")
            self.process = None
            on_done(False)

    def cancel(self) -> None:
        if self.process is None:
            self.reject()
            return
        self.cancelled = True
        self.stage_label.setText("Stopping pip…")
        pid = self.process.processId()
        if pid:
            kill_process_tree(pid)
        else:
            self.process.kill()

    # ------------------------------------------------------------------ 3. after
    def _fix_finished(self, ok: bool) -> None:
        if not ok:
            self._job(lambda _p: _safe(lambda: self._changed_since_backup()), self._failed)
            return
        self.applied = True
        self.stage_label.setText("pip finished. Checking again…")
        self._job(self._verify_work, self._verified)

    def _changed_since_backup(self) -> bool:
        return backup.freeze(self.python) != backup.load_backup(self.backup_path)["freeze"]

    def _failed(self, changed: object) -> None:
        what = "You stopped the fix." if self.cancelled else "The fix failed: " + (self._tracker.state.error or "see the log.")
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
        self.cancel_button.hide()
        if isinstance(outcome, Verification):
            self.verification = outcome
            self.stage_label.setText("Done.")
            self.result_label.setText(f"Before → after: {outcome.before_after}\n{outcome.sentence}")
        else:
            self.result_label.setText(str(outcome))
        self.undo_button.show()

    def undo(self) -> None:
        if self.backup_path is None:
            return
        self.undo_button.setEnabled(False)
        self.stage_label.setText("Restoring the previous state…")
        self.progress_bar.setRange(0, 0)
        path = self.backup_path
        self._job(lambda progress: _safe(lambda: backup.restore_state(self.python, path, on_line=progress)),
                  self._restored, self._log)

    def _restored(self, result: object) -> None:
        self.progress_bar.setRange(0, 1000)
        self.progress_bar.setValue(1000)
        if isinstance(result, backup.RestoreResult):
            self.stage_label.setText(result.summary)
            self.applied = False
            self.verification = None
        else:
            self.stage_label.setText(f"Restoring failed: {result}")
            self.undo_button.setEnabled(True)

    def _log(self, line: str) -> None:
        self.log_view.appendPlainText(line)

    def _close(self) -> None:
        if self.process is not None:
            return  # Cancel first: closing must not leave pip running unseen
        if self.applied and self.verification is not None:
            self.accept()
        else:
            self.reject()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt naming
        if self.process is not None:
            event.ignore()
            return
        super().closeEvent(event)


def _safe(work: Callable[[], object]) -> object:
    """Run work in a worker; an exception comes back as its message (shown to the user)."""
    try:
        return work()
    except Exception as exc:  # noqa: BLE001
        return str(exc)
