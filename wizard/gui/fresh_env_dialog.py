"""The dialog that builds a fresh environment with the recommended PyTorch; the old environment is never touched.

Choose a folder (new or empty), then: ``python -m venv FOLDER`` with the target's own base interpreter, the
recommended ``pip install`` with the new environment's pip (both in the shared CommandPanel: QProcess, progress,
cancel), an ``import torch`` in the new environment, and how to use it (terminal, VS Code, Jupyter) with copy
buttons. "Check the new environment" closes the dialog with ``new_python`` set, so the wizard checks that one.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from wizard.actions import fresh_env
from wizard.actions.policy import ActionRefused, approve
from wizard.actions.runner import probe_identity
from wizard.findings import Recommendation
from wizard.gui.fix_dialog import CloseGuard, CommandPanel, run_reporting_errors
from wizard.gui.widgets import CommandBox, make_button, make_label, monospace_font, open_allowed_url
from wizard.gui.workers import start_job
from wizard.i18n import text
from wizard.shell_text import command_text, local_os_name


def suggest_folder(base: Path | None = None) -> Path:
    """~/torch-env, or ~/torch-env-2, -3 … when that one is already taken."""
    first = Path(base or fresh_env.default_env_folder())
    candidates = [first, *(first.with_name(f"{first.name}-{n}") for n in range(2, 100))]
    for candidate in candidates:
        if not candidate.exists() or (candidate.is_dir() and not any(candidate.iterdir())):
            return candidate
    return first


def folder_problem(entered: str) -> str:
    """"" when a new environment can be made at ``entered``; otherwise why not, in plain words."""
    entered = entered.strip()
    if not entered:
        return text("fresh_env.folder.empty")
    folder = Path(entered).expanduser()
    if not folder.is_absolute():
        return text("fresh_env.folder.relative", example=fresh_env.default_env_folder())
    if folder.exists() and not folder.is_dir():
        return text("fresh_env.folder.is_file", folder=folder)
    if folder.is_dir() and any(folder.iterdir()):
        return text("fresh_env.folder.not_empty", folder=folder, example=folder / fresh_env.DEFAULT_FOLDER_NAME)
    existing = next((p for p in (folder, *folder.parents) if p.exists()), None)
    if existing is None or not os.access(existing, os.W_OK):
        return text("fresh_env.folder.not_writable", folder=existing or folder.anchor)
    return ""


def build_words(rec: Recommendation) -> str:
    """'PyTorch 2.13.0 (CUDA 13.0 build)' — what goes into the new environment."""
    any_version = "" if rec.torch else "_any"
    if rec.variant.startswith("cu") and rec.variant[2:].isdigit():
        return text(f"fresh_env.build.cuda{any_version}", torch=rec.torch, cuda=f"{rec.variant[2:-1]}.{rec.variant[-1]}")
    if rec.variant == "cpu":
        return text(f"fresh_env.build.cpu{any_version}", torch=rec.torch)
    if rec.variant:
        return text(f"fresh_env.build.other{any_version}", torch=rec.torch, variant=rec.variant)
    return text(f"fresh_env.build.recommended{any_version}", torch=rec.torch)


@dataclass(frozen=True)
class _Ready:
    base_python: str = ""
    python_version: str = ""
    install_args: tuple[str, ...] = ()
    blocked: str = ""  # why nothing can be created (unsupported Python, nothing recommended, ...)


class FreshEnvDialog(CloseGuard, QDialog):
    """Create a venv in a chosen folder with the recommended PyTorch, verify it, show how to use it."""

    def __init__(self, parent: QWidget | None, python: str, recommendation: Recommendation,
                 *, folder: Path | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(text("fresh_env.title"))
        self.setAccessibleName(text("fresh_env.title"))
        self.python, self.recommendation = python, recommendation
        self.ready: _Ready | None = None
        self.folder: Path | None = None
        self.new_python = ""  # set when the environment works and the user wants it checked
        self.succeeded = False
        self._jobs: list[object] = []
        self._build(folder or suggest_folder())
        self._job(self._prepare_work, self._prepared)

    # ------------------------------------------------------------------ layout
    def _build(self, folder: Path) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(make_label(text("fresh_env.title"), bold=True, point_delta=2))
        self.intro = make_label(
            text("fresh_env.intro", build=build_words(self.recommendation), python=self.python), selectable=True)
        layout.addWidget(self.intro)
        if self.recommendation.kind == "new_venv" and self.recommendation.why:
            layout.addWidget(make_label(self.recommendation.why, selectable=True, accessible=text("fresh_env.why_name")))
        self.folder_box = self._folder_box(folder)
        layout.addWidget(self.folder_box)
        self.python_label = make_label(text("fresh_env.looking"), selectable=True, accessible=text("fresh_env.python_name"))
        layout.addWidget(self.python_label)
        self.blocked_label = make_label("", selectable=True, accessible=text("fresh_env.blocked_name"))
        self.blocked_label.setStyleSheet("color: #a15c00;")
        self.blocked_label.hide()
        layout.addWidget(self.blocked_label)
        self.get_python_button = make_button(text("fresh_env.get_python"), text("fresh_env.get_python_tip"),
                                             lambda: open_allowed_url(self.recommendation.url))
        self.get_python_button.hide()
        layout.addWidget(self.get_python_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.commands_label = make_label(text("fresh_env.will_run"))
        layout.addWidget(self.commands_label)
        self.commands_view = QPlainTextEdit()
        self.commands_view.setReadOnly(True)
        self.commands_view.setFont(monospace_font())
        self.commands_view.setAccessibleName(text("fresh_env.commands_name"))
        self.commands_view.setMaximumHeight(self.commands_view.fontMetrics().lineSpacing() * 4 + 14)
        layout.addWidget(self.commands_view)
        self.panel = CommandPanel(self)
        layout.addWidget(self.panel, 1)
        self.show_log_button = make_button(text("fresh_env.show_log"), text("fresh_env.show_log_tip"), self._toggle_log)
        self.show_log_button.hide()
        layout.addWidget(self.show_log_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.result_label = make_label("", selectable=True, accessible=text("fresh_env.result_name"))
        self.result_label.hide()
        layout.addWidget(self.result_label)
        self.usage_box = QGroupBox(text("fresh_env.usage"))
        self.usage_box.hide()
        layout.addWidget(self.usage_box)
        layout.addLayout(self._buttons())
        self.resize(780, 600)
        self._folder_changed()

    def _folder_box(self, folder: Path) -> QGroupBox:
        box = QGroupBox(text("fresh_env.folder_box"))
        column = QVBoxLayout(box)
        row = QHBoxLayout()
        self.folder_edit = QLineEdit(str(folder))
        self.folder_edit.setAccessibleName(text("fresh_env.folder_name"))
        self.folder_edit.textChanged.connect(self._folder_changed)
        self.choose_button = make_button(text("fresh_env.choose"), text("fresh_env.choose_tip"), self.choose_folder)
        row.addWidget(self.folder_edit, 1)
        row.addWidget(self.choose_button)
        column.addLayout(row)
        self.folder_problem_label = make_label("", accessible=text("fresh_env.folder_problem_name"))
        self.folder_problem_label.setStyleSheet("color: #b00020;")
        self.folder_problem_label.hide()
        column.addWidget(self.folder_problem_label)
        return box

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.create_button = make_button(text("fresh_env.create"), text("fresh_env.create_tip"), self.create)
        self.create_button.setEnabled(False)
        self.cancel_button = make_button(text("fresh_env.cancel"), text("fresh_env.cancel_tip"), self.cancel)
        self.cancel_button.hide()
        self.check_button = make_button(text("fresh_env.check"), text("fresh_env.check_tip"),
                                        self.check_new_environment)
        self.check_button.hide()
        self.close_button = make_button(text("gui.close"), text("fresh_env.close_tip"), self._close)
        row.addStretch(1)
        for button in (self.create_button, self.cancel_button, self.check_button, self.close_button):
            row.addWidget(button)
        return row

    def _job(self, work: Callable[[Callable[[str], None]], object], done: Callable[[object], None]) -> None:
        self._jobs.append(start_job(work, None, done, name="fresh-env-dialog"))

    # ------------------------------------------------------------------ 1. which Python, which folder
    def _prepare_work(self, _progress: Callable[[str], None]) -> _Ready:
        rec = self.recommendation
        if rec.kind == "python":
            return _Ready(blocked=text("fresh_env.blocked.python", why=rec.why))
        try:
            args = fresh_env.install_args(rec)
        except ActionRefused:
            if not rec.why:
                return _Ready(blocked=text("fresh_env.blocked.nothing_found"))
            return _Ready(blocked=text("fresh_env.blocked.nothing", why=rec.why))
        try:
            identity = probe_identity(self.python)
        except ActionRefused as exc:
            return _Ready(blocked=text("fresh_env.blocked.python_unusable", error=exc))
        return _Ready(identity.base_executable, identity.version, args)

    def _prepared(self, ready: object) -> None:
        assert isinstance(ready, _Ready)
        self.ready = ready
        if ready.blocked:
            self.python_label.hide()
            self.blocked_label.setText(ready.blocked)
            self.blocked_label.show()
            self.get_python_button.setVisible(self.recommendation.kind == "python" and bool(self.recommendation.url))
            for widget in (self.folder_box, self.commands_label, self.commands_view, self.panel):
                widget.hide()  # nothing will be created: only the reason and what to do
        else:
            self.python_label.setText(text("fresh_env.made_with", version=ready.python_version, python=ready.base_python))
        self._folder_changed()

    def choose_folder(self) -> None:
        start = str(Path(self.folder_edit.text()).expanduser().parent)
        chosen = QFileDialog.getExistingDirectory(self, text("fresh_env.choose_title"), start)
        if chosen:
            self.folder_edit.setText(chosen)

    def _folder_changed(self) -> None:
        problem = folder_problem(self.folder_edit.text())
        self.folder_problem_label.setText(problem)
        self.folder_problem_label.setVisible(bool(problem))
        ready = self.ready
        can_create = ready is not None and not ready.blocked and not problem and not self.panel.running
        self.create_button.setEnabled(can_create and not self.succeeded)
        if ready is not None and not ready.blocked:
            folder = Path(self.folder_edit.text().strip() or ".").expanduser()
            steps = fresh_env.fresh_env_steps(ready.base_python, folder, ready.install_args)
            self.commands_view.setPlainText("\n".join(command_text(step, local_os_name()) for step in steps))

    # ------------------------------------------------------------------ 2. create and install
    def create(self) -> None:
        if self.ready is None or self.ready.blocked or folder_problem(self.folder_edit.text()):
            return
        folder = Path(self.folder_edit.text().strip()).expanduser().absolute()
        try:
            fresh_env.check_target_folder(folder)
            create_argv, _install = fresh_env.fresh_env_steps(self.ready.base_python, folder, self.ready.install_args)
            create = approve(create_argv, self.ready.base_python)
        except ActionRefused as exc:
            self.folder_problem_label.setText(text("fresh_env.refused", error=exc))
            self.folder_problem_label.show()
            return
        self.folder = folder
        self._running(True)
        self.panel.set_stage(text("fresh_env.creating"))
        self.panel.start(create, "", self._venv_created)

    def _running(self, running: bool) -> None:
        self.create_button.setEnabled(False)
        self.folder_edit.setReadOnly(running)
        self.choose_button.setEnabled(not running)
        self.cancel_button.setVisible(running)
        self.close_button.setEnabled(not running)

    def _venv_created(self, ok: bool) -> None:
        if not ok:
            hint = text("fresh_env.venv_hint") if sys.platform.startswith("linux") else text("fresh_env.see_log")
            self._failed(f"{text('fresh_env.create_failed')} {hint}")
            return
        self.panel.busy(text("fresh_env.looking_at_pip"))
        python = str(fresh_env.venv_python(self.folder))
        self._job(lambda _p: _safe(lambda: probe_identity(python).pip_version), self._install)

    def _install(self, pip_version: object) -> None:
        python = str(fresh_env.venv_python(self.folder))
        _create, install_argv = fresh_env.fresh_env_steps(self.ready.base_python, self.folder, self.ready.install_args)
        if self.panel.cancelled:
            self._failed("")
            return
        try:
            install = approve(install_argv, python)
        except ActionRefused as exc:
            self._failed(text("fresh_env.install_refused", error=exc))
            return
        version = pip_version if isinstance(pip_version, str) else ""
        self.panel.set_stage(text("fresh_env.installing", build=build_words(self.recommendation)))
        self.panel.start(install, version, self._installed)

    def _installed(self, ok: bool) -> None:
        if not ok:
            error = self.panel.tracker.state.error
            self._failed(text("fresh_env.install_failed", error=error) if error else text("fresh_env.install_failed_log"))
            return
        self.panel.busy(text("fresh_env.verifying"))
        result = fresh_env.FreshEnvResult(self.folder, str(fresh_env.venv_python(self.folder)), ())
        self._job(lambda _p: _safe(lambda: fresh_env.verify_fresh_env(result)), self._verified)

    def _failed(self, why: str) -> None:
        self._running(False)
        stopped = self.panel.cancelled
        self.panel.set_stage(text("fresh_env.stopped") if stopped else why)
        self.result_label.setText(text("fresh_env.half_made", folder=self.folder))
        self.result_label.show()
        self.folder_edit.setReadOnly(False)
        self._folder_changed()

    def _verified(self, verified: object) -> None:
        self._running(False)
        self.panel.finish(True)
        if isinstance(verified, fresh_env.FreshEnvCheck):
            self.succeeded, verdict = verified.works, verified.sentence
        else:  # the job failed before it could check: _safe hands back the error text
            self.succeeded, verdict = False, str(verified)
        self.panel.set_stage(text("fresh_env.done") if self.succeeded else text("fresh_env.not_working"))
        self.result_label.setText(verdict)
        self.result_label.show()
        self.folder_edit.setReadOnly(True)
        self.choose_button.setEnabled(False)
        self.create_button.setEnabled(False)
        self._show_usage()
        self.check_button.show()
        self.check_button.setDefault(True)

    def _show_usage(self) -> None:
        column = QVBoxLayout(self.usage_box)
        column.setSpacing(2)
        self.usage_boxes: list[CommandBox] = []
        for what, command in fresh_env.usage_steps(self.folder):
            box = CommandBox(command, accessible=what, copy_text=text("fresh_env.copy"))
            self.usage_boxes.append(box)
            column.addWidget(make_label(what + ":", accessible=what))
            column.addWidget(box)
            column.addSpacing(4)
        column.addStretch(1)
        # Room for the instructions: what ran is still one click away.
        self.commands_label.hide()
        self.commands_view.hide()
        self.panel.log_view.hide()
        self.show_log_button.show()
        self.usage_box.show()
        self.layout().setStretchFactor(self.panel, 0)
        self.resize(self.width(), max(self.height(), self.sizeHint().height()))

    def _toggle_log(self) -> None:
        visible = not self.panel.log_view.isVisible()
        self.panel.log_view.setVisible(visible)
        self.show_log_button.setText(text("fresh_env.hide_log") if visible else text("fresh_env.show_log"))

    # ------------------------------------------------------------------ closing
    def cancel(self) -> None:
        if self.panel.cancel():
            self.panel.set_stage(text("fresh_env.stopping"))

    def check_new_environment(self) -> None:
        if self.folder is not None:
            self.new_python = str(fresh_env.venv_python(self.folder))
            self.accept()

    def _close(self) -> None:
        self.reject()

    def reject(self) -> None:
        """Close, Esc and the window's close box: never while a command runs (Cancel first)."""
        if not self.panel.running:
            super().reject()

    def is_busy(self) -> bool:
        return self.panel.running


def _safe(work: Callable[[], object]) -> object:
    return run_reporting_errors(work, prefix=text("fresh_env.check_failed") + " ")
