"""The fix, new-environment and undo dialogs ignore the window's close box while their command runs."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from wizard.gui.fix_dialog import CloseGuard, FixDialog
from wizard.gui.fresh_env_dialog import FreshEnvDialog
from wizard.gui.undo_dialog import UndoDialog


class BusyDialog(CloseGuard, QDialog):
    busy = True

    def is_busy(self) -> bool:
        return self.busy


def test_close_box_is_ignored_while_busy_and_works_after(qtbot) -> None:
    dialog = BusyDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.close()
    assert dialog.isVisible()
    dialog.busy = False
    dialog.close()
    assert not dialog.isVisible()


def test_every_command_dialog_uses_the_guard() -> None:
    for dialog_class in (FixDialog, FreshEnvDialog, UndoDialog):
        assert issubclass(dialog_class, CloseGuard) and dialog_class.is_busy is not CloseGuard.is_busy
