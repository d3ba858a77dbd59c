"""The undo dialog: what a restore changes (pure), then the real restore of a real venv with progress."""

from __future__ import annotations

import datetime
import subprocess
import sys

from fixing_envs import freeze
from local_index import LocalIndex, pip_env
from PySide6.QtWidgets import QDialog

from wizard.actions import backup
from wizard.gui.undo_dialog import UndoDialog, describe_restore, saved_when

SAVED = "numpy==1.26.4\npip==24.2\ntorch==2.13.0+cpu\ntyping-extensions==4.12.2\n"
NOW = "-e git+https://example.org/x.git#egg=x\nnumpy==2.1.0\nnvidia-cudnn-cu13==9.13.0.50\npip==24.2\ntorch==2.13.0+cpu\n"


def test_describe_restore_names_every_difference() -> None:
    lines = describe_restore(SAVED, NOW)
    assert lines == [
        "To be removed (the fix added them):",
        "  nvidia-cudnn-cu13 9.13.0.50",
        "To be put back:",
        "  numpy 2.1.0 → 1.26.4",
        "  typing-extensions 4.12.2 (was removed)",
    ]
    assert describe_restore(SAVED, SAVED) == []
    saved_editable = "-e git+https://example.org/x.git#egg=x\n" + SAVED
    assert describe_restore(saved_editable, SAVED)[-2:] == [
        "Cannot be put back automatically (reinstall these yourself):",
        "  -e git+https://example.org/x.git#egg=x",
    ]


def test_saved_when_is_local_time() -> None:
    moment = datetime.datetime(2025, 3, 4, 5, 6, 7, tzinfo=datetime.timezone.utc)
    assert saved_when(moment.isoformat()) == moment.astimezone().strftime("%Y-%m-%d %H:%M")
    assert saved_when("garbage") == "garbage" and saved_when("") == "an unknown time"


def open_dialog(qtbot, python: str, path=None) -> UndoDialog:
    dialog = UndoDialog(None, python, path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=60_000)
    return dialog


def test_nothing_saved_nothing_to_undo(qtbot, cpu_env) -> None:
    dialog = open_dialog(qtbot, cpu_env.python)
    assert "There is no saved state" in dialog.about_label.text() and not dialog.restore_button.isEnabled()
    dialog.close_button.click()
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_backup_of_another_environment_is_refused(qtbot, cpu_env) -> None:
    other = backup.save_state(sys.executable)
    dialog = open_dialog(qtbot, cpu_env.python, other)
    assert "belongs to another environment" in dialog.about_label.text() and not dialog.restore_button.isEnabled()


def test_preview_confirm_restore(qtbot, cpu_env, index: LocalIndex) -> None:
    saved = backup.save_state(cpu_env.python, sources=[f"{index.torch_base}/cpu"])
    subprocess.run([cpu_env.python, "-m", "pip", "install", "-q", "numpy==2.1.0", "nvidia-cudnn-cu13"], check=True,
                   env=pip_env(PIP_INDEX_URL=index.simple_url), timeout=300)
    dialog = open_dialog(qtbot, cpu_env.python)
    assert dialog.backup_path == saved
    assert saved_when(backup.load_backup(saved)["created_at"]) in dialog.about_label.text()
    changes = dialog.changes_view.toPlainText()
    assert "nvidia-cudnn-cu13 9.13.0.50" in changes and "numpy 2.1.0 → 1.26.4" in changes
    assert dialog.restore_button.isEnabled() and freeze(cpu_env.python) != cpu_env.baseline  # nothing ran yet
    dialog.restore_button.click()
    assert not dialog.close_button.isEnabled()
    dialog.reject()  # Esc while restoring does nothing
    assert dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.result_of_restore is not None, timeout=120_000)
    assert dialog.result_of_restore.identical, dialog.panel.log_view.toPlainText()
    assert "back exactly as it was" in dialog.panel.stage_label.text()
    assert f"$ {cpu_env.python} -m pip uninstall --no-input --yes nvidia-cudnn-cu13" in dialog.panel.log_view.toPlainText()
    assert freeze(cpu_env.python) == cpu_env.baseline
    dialog.close_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted  # the wizard checks again
