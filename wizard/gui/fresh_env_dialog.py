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
from wizard.shell_text import command_text, local_os_name

TITLE = "Create a new environment with the right PyTorch"
VENV_HINT = "On Debian or Ubuntu this usually means the python3-venv package is missing: sudo apt install python3-venv"


def suggest_folder(base: Path | None = None) -> Path:
    """~/torch-env, or ~/torch-env-2, -3 … when that one is already taken."""
    first = Path(base or fresh_env.default_env_folder())
    candidates = [first, *(first.with_name(f"{first.name}-{n}") for n in range(2, 100))]
    for candidate in candidates:
        if not candidate.exists() or (candidate.is_dir() and not any(candidate.iterdir())):
            return candidate
    return first


def folder_problem(text: str) -> str:
    """"" when a new environment can be made at ``text``; otherwise why not, in plain words."""
    text = text.strip()
    if not text:
        return "Enter the folder for the new environment."
    folder = Path(text).expanduser()
    if not folder.is_absolute():
        return f"Enter a full path, for example {fresh_env.default_env_folder()}."
    if folder.exists() and not folder.is_dir():
        return f"{folder} is a file. Choose a new or empty folder."
    if folder.is_dir() and any(folder.iterdir()):
        return (f"{folder} is not empty. Choose a new or empty folder: the wizard never puts an environment "
                f"over existing files (for example {folder / fresh_env.DEFAULT_FOLDER_NAME}).")
    existing = next((p for p in (folder, *folder.parents) if p.exists()), None)
    if existing is None or not os.access(existing, os.W_OK):
        return f"You cannot create folders in {existing or folder.anchor}. Choose a folder in your home folder."
    return ""


def build_words(rec: Recommendation) -> str:
    """'PyTorch 2.13.0 (CUDA 13.0 build)' — what goes into the new environment."""
    if rec.variant.startswith("cu") and rec.variant[2:].isdigit():
        build = f"CUDA {rec.variant[2:-1]}.{rec.variant[-1]} build"
    elif rec.variant == "cpu":
        build = "CPU build"
    else:
        build = f"{rec.variant} build" if rec.variant else "recommended build"
    return f"PyTorch {rec.torch} ({build})" if rec.torch else f"PyTorch ({build})"


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
        self.setWindowTitle(TITLE)
        self.setAccessibleName(TITLE)
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
        layout.addWidget(make_label(TITLE, bold=True, point_delta=2))
        self.intro = make_label(
            f"The wizard makes a new, separate Python environment (a folder), installs {build_words(self.recommendation)} "
            f"into it and checks that it works. Your current environment ({self.python}) is not changed.",
            selectable=True)
        layout.addWidget(self.intro)
        if self.recommendation.kind == "new_venv" and self.recommendation.why:
            layout.addWidget(make_label(self.recommendation.why, selectable=True, accessible="Why a new environment"))
        self.folder_box = self._folder_box(folder)
        layout.addWidget(self.folder_box)
        self.python_label = make_label("Looking at your Python…", selectable=True, accessible="Python used")
        layout.addWidget(self.python_label)
        self.blocked_label = make_label("", selectable=True, accessible="Why it cannot be created")
        self.blocked_label.setStyleSheet("color: #a15c00;")
        self.blocked_label.hide()
        layout.addWidget(self.blocked_label)
        self.get_python_button = make_button("Get a supported Python", "Open the Python download page",
                                             lambda: open_allowed_url(self.recommendation.url))
        self.get_python_button.hide()
        layout.addWidget(self.get_python_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.commands_label = make_label("The wizard will run:")
        layout.addWidget(self.commands_label)
        self.commands_view = QPlainTextEdit()
        self.commands_view.setReadOnly(True)
        self.commands_view.setFont(monospace_font())
        self.commands_view.setAccessibleName("The commands the wizard will run")
        self.commands_view.setMaximumHeight(self.commands_view.fontMetrics().lineSpacing() * 4 + 14)
        layout.addWidget(self.commands_view)
        self.panel = CommandPanel(self)
        layout.addWidget(self.panel, 1)
        self.show_log_button = make_button("Show what was run", "Show what the commands printed", self._toggle_log)
        self.show_log_button.hide()
        layout.addWidget(self.show_log_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.result_label = make_label("", selectable=True, accessible="Result")
        self.result_label.hide()
        layout.addWidget(self.result_label)
        self.usage_box = QGroupBox("How to use your new environment")
        self.usage_box.hide()
        layout.addWidget(self.usage_box)
        layout.addLayout(self._buttons())
        self.resize(780, 600)
        self._folder_changed()

    def _folder_box(self, folder: Path) -> QGroupBox:
        box = QGroupBox("&Folder for the new environment")
        column = QVBoxLayout(box)
        row = QHBoxLayout()
        self.folder_edit = QLineEdit(str(folder))
        self.folder_edit.setAccessibleName("Folder for the new environment")
        self.folder_edit.textChanged.connect(self._folder_changed)
        self.choose_button = make_button("C&hoose…", "Choose the folder", self.choose_folder)
        row.addWidget(self.folder_edit, 1)
        row.addWidget(self.choose_button)
        column.addLayout(row)
        self.folder_problem_label = make_label("", accessible="Problem with the folder")
        self.folder_problem_label.setStyleSheet("color: #b00020;")
        self.folder_problem_label.hide()
        column.addWidget(self.folder_problem_label)
        return box

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.create_button = make_button("&Create environment", "Create the new environment", self.create)
        self.create_button.setEnabled(False)
        self.cancel_button = make_button("Cancel", "Stop creating the environment", self.cancel)
        self.cancel_button.hide()
        self.check_button = make_button("Check the &new environment", "Check the new environment in the wizard",
                                        self.check_new_environment)
        self.check_button.hide()
        self.close_button = make_button("C&lose", "Close", self._close)
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
            return _Ready(blocked=f"{rec.why} Install a supported Python, then choose it in the wizard.")
        try:
            args = fresh_env.install_args(rec)
        except ActionRefused:
            reason = rec.why or "the check found no PyTorch build to install."
            return _Ready(blocked=f"There is nothing to put into a new environment: {reason}")
        try:
            identity = probe_identity(self.python)
        except ActionRefused as exc:
            return _Ready(blocked=f"The wizard cannot use this Python to create an environment: {exc}.")
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
            self.python_label.setText(f"It is made with Python {ready.python_version} ({ready.base_python}).")
        self._folder_changed()

    def choose_folder(self) -> None:
        start = str(Path(self.folder_edit.text()).expanduser().parent)
        chosen = QFileDialog.getExistingDirectory(self, "Choose an empty folder for the new environment", start)
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
            self.folder_problem_label.setText(f"{exc}.")
            self.folder_problem_label.show()
            return
        self.folder = folder
        self._running(True)
        self.panel.set_stage("Creating the environment…")
        self.panel.start(create, "", self._venv_created)

    def _running(self, running: bool) -> None:
        self.create_button.setEnabled(False)
        self.folder_edit.setReadOnly(running)
        self.choose_button.setEnabled(not running)
        self.cancel_button.setVisible(running)
        self.close_button.setEnabled(not running)

    def _venv_created(self, ok: bool) -> None:
        if not ok:
            hint = f" {VENV_HINT}." if sys.platform.startswith("linux") else " See the log for pip's or venv's message."
            self._failed("Creating the environment failed." + hint)
            return
        self.panel.busy("The environment is ready. Looking at its pip…")
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
            self._failed(f"The install command was refused: {exc}.")
            return
        version = pip_version if isinstance(pip_version, str) else ""
        self.panel.set_stage(f"Installing {build_words(self.recommendation)}…")
        self.panel.start(install, version, self._installed)

    def _installed(self, ok: bool) -> None:
        if not ok:
            error = self.panel.tracker.state.error
            self._failed("Installing PyTorch failed" + (f": {error}" if error else "; see the log."))
            return
        self.panel.busy("Installed. Checking that PyTorch imports in the new environment…")
        result = fresh_env.FreshEnvResult(self.folder, str(fresh_env.venv_python(self.folder)), ())
        self._job(lambda _p: _safe(lambda: fresh_env.verify_fresh_env(result)), self._verified)

    def _failed(self, why: str) -> None:
        self._running(False)
        stopped = self.panel.cancelled
        self.panel.set_stage("You stopped it." if stopped else why)
        self.result_label.setText(
            f"The folder {self.folder} may hold a half-made environment: delete it, or choose another folder, "
            f"before trying again. Your current environment was not changed.")
        self.result_label.show()
        self.folder_edit.setReadOnly(False)
        self._folder_changed()

    def _verified(self, sentence: object) -> None:
        self._running(False)
        self.panel.finish(True)
        text = str(sentence)
        self.succeeded = "imports correctly" in text
        self.panel.set_stage("Done." if self.succeeded else "The environment was created, but PyTorch does not work in it.")
        self.result_label.setText(text)
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
            box = CommandBox(command, accessible=what, copy_text="Copy")
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
        self.show_log_button.setText("Hide what was run" if visible else "Show what was run")

    # ------------------------------------------------------------------ closing
    def cancel(self) -> None:
        if self.panel.cancel():
            self.panel.set_stage("Stopping…")

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
    return run_reporting_errors(work, prefix="The check failed: ")
