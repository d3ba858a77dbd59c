"""Runs one of issue #16's commands from the wizard: register a notebook kernel (ipykernel), ensurepip, uv.

The pip-centred fix dialog previews with `pip install --dry-run`, which these commands don't have; this
dialog shows the exact command, runs it in the shared CommandPanel after policy.approve, and says
how it ended. Texts: resources/texts/environments.json ("gui.*").
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from PySide6.QtWidgets import QDialog, QHBoxLayout, QVBoxLayout, QWidget

from wizard.actions.policy import ActionRefused, approve
from wizard.findings import Action
from wizard.gui.fix_dialog import CommandPanel
from wizard.gui.widgets import CommandBox, make_button, make_label
from wizard.shell_text import command_text


def is_environment_command(argv: Sequence[str], python: str) -> bool:
    """Whether argv is one of the commands this dialog runs (not a pip command for the checked Python)."""
    if len(argv) < 3:
        return False
    if tuple(argv[1:3]) in (("-m", "ipykernel"), ("-m", "ensurepip")):
        return True
    if os.path.basename(argv[0]).lower() in ("uv", "uv.exe"):
        return True
    return tuple(argv[1:5]) == ("-m", "pip", "install", "ipykernel") and argv[0] != python


def changed_python(argv: Sequence[str], python: str) -> str:
    """The interpreter whose environment the command changes: the kernel commands' own Python, else the checked one."""
    if tuple(argv[1:3]) == ("-m", "ipykernel") or tuple(argv[1:5]) == ("-m", "pip", "install", "ipykernel"):
        return argv[0]
    return python


def _text(key: str, **fields: object) -> str:
    from wizard.checks.environments import label

    return label(key, **fields)


class EnvironmentRunDialog(QDialog):
    def __init__(self, parent: QWidget | None, action: Action, python: str) -> None:
        super().__init__(parent)
        self.action = action
        self.changes = changed_python(action.argv, python)
        self.ok = False
        self.setWindowTitle(_text("gui.title"))
        self.setAccessibleName(_text("gui.title"))
        layout = QVBoxLayout(self)
        layout.addWidget(make_label(action.label, bold=True, selectable=True))
        layout.addWidget(make_label(_text("gui.lead", python=self.changes), selectable=True))
        layout.addWidget(CommandBox(command_text(action.argv, "windows" if os.name == "nt" else "linux"),
                                    accessible=_text("gui.command_accessible")))
        self.panel = CommandPanel(self)
        layout.addWidget(self.panel, 1)
        self.result_label = make_label("", selectable=True, accessible=_text("gui.result_accessible"))
        layout.addWidget(self.result_label)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.run_button = make_button(_text("gui.run"), _text("gui.run_accessible"), self.run)
        self.close_button = make_button(_text("gui.close"), _text("gui.close_accessible"), self.finish)
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.resize(720, 420)

    def run(self) -> None:
        try:
            argv = approve(self.action.argv, self.changes)
        except ActionRefused as exc:
            self.result_label.setText(_text("gui.refused", reason=str(exc)))
            return
        self.run_button.setEnabled(False)
        self.panel.start(argv, "", self._done)

    def _done(self, ok: bool) -> None:
        self.ok = ok
        self.panel.finish(ok)
        self.result_label.setText(_text("gui.done") if ok else _text("gui.failed"))
        self.run_button.setEnabled(not ok)

    def finish(self) -> None:
        if self.panel.running:
            self.panel.cancel()
        self.done(QDialog.DialogCode.Accepted if self.ok else QDialog.DialogCode.Rejected)
