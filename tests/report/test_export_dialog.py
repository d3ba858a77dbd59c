"""The export dialog: the preview is exactly what is shared, redaction is on and visible, save and copy work."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QPoint, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402

from tests.report.fixtures import PLANTED, USER, planted_diagnosis, planted_snapshot  # noqa: E402
from wizard.gui.export_dialog import ExportDialog  # noqa: E402
from wizard.i18n import text  # noqa: E402
from wizard.report.export import render_export  # noqa: E402
from wizard.report.json_report import load_report  # noqa: E402


@pytest.fixture
def dialog(qtbot) -> ExportDialog:
    widget = ExportDialog(None, planted_snapshot(), planted_diagnosis())
    qtbot.addWidget(widget)
    widget.show()
    return widget


def choose_format(dialog: ExportDialog, name: str) -> None:
    dialog.format_choice.setCurrentIndex(dialog.format_choice.findText(name))


def click_checkbox(qtbot, dialog: ExportDialog) -> None:
    """Click on the box itself (the middle of a wide QCheckBox is empty space, not a hit)."""
    box = dialog.hide_personal
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def leaked(text: str) -> list[str]:
    return [value for value in PLANTED if value.casefold() in text.casefold()]


def test_opens_with_redaction_on_and_a_markdown_preview(dialog: ExportDialog) -> None:
    assert dialog.hide_personal.text() == text("export.hide")
    assert dialog.hide_personal.isChecked() and dialog.hide_personal.isVisible()
    assert dialog.preview.isReadOnly()
    assert dialog.format_choice.currentText() == "Markdown"
    assert dialog.preview.toPlainText() == render_export(planted_snapshot(), planted_diagnosis(), "md").text
    assert leaked(dialog.preview.toPlainText()) == []
    assert dialog.summary_label.text() == (
        "2 user names, 1 host name, 2 GPU ids, 1 serial number, 1 e-mail address, 1 MAC address, 2 IP addresses hidden"
    )


def test_unticking_shows_the_personal_data_and_says_so(dialog: ExportDialog, qtbot) -> None:
    click_checkbox(qtbot, dialog)
    assert not dialog.hide_personal.isChecked()
    assert USER in dialog.preview.toPlainText()
    assert dialog.summary_label.text() == text("export.not_hidden")
    click_checkbox(qtbot, dialog)
    assert leaked(dialog.preview.toPlainText()) == []


@pytest.mark.parametrize(("name", "start"), [("HTML", "<!DOCTYPE html>"), ("JSON", "{"), ("Markdown", "# Torch")])
def test_preview_follows_the_format(dialog: ExportDialog, name: str, start: str) -> None:
    choose_format(dialog, "JSON" if name != "JSON" else "HTML")
    choose_format(dialog, name)
    assert dialog.preview.toPlainText().startswith(start)
    assert leaked(dialog.preview.toPlainText()) == []


def test_copy_for_helpdesk_puts_the_markdown_on_the_clipboard(dialog: ExportDialog, qtbot) -> None:
    choose_format(dialog, "HTML")  # the copy is Markdown whatever the preview shows
    QGuiApplication.clipboard().setText("")
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert copied == render_export(planted_snapshot(), planted_diagnosis(), "md").text
    assert leaked(copied) == []
    assert "Copied the Markdown report" in dialog.status_label.text()


@pytest.mark.parametrize("name", ["Markdown", "HTML", "JSON"])
def test_save_writes_exactly_the_preview(dialog: ExportDialog, qtbot, tmp_path: Path, name: str) -> None:
    suggested: list[str] = []
    dialog.choose_path = lambda default: suggested.append(default) or tmp_path / "report"
    choose_format(dialog, name)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    fmt = {"Markdown": "md", "HTML": "html", "JSON": "json"}[name]
    saved = tmp_path / f"report.{fmt}"
    assert suggested == [f"torch-setup-report.{fmt}"]
    assert saved.read_text(encoding="utf-8") == dialog.preview.toPlainText()
    assert dialog.status_label.text() == f"Saved to {saved}"
    if fmt == "json":
        assert load_report(saved.read_text(encoding="utf-8"))[1].findings[0].code == "CPU_ONLY_WHEEL"


def test_save_unredacted_when_the_user_chose_so(dialog: ExportDialog, qtbot, tmp_path: Path) -> None:
    dialog.choose_path = lambda default: tmp_path / "full.md"
    dialog.hide_personal.setChecked(False)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert USER in (tmp_path / "full.md").read_text(encoding="utf-8")


def test_cancelled_save_writes_nothing(dialog: ExportDialog, qtbot, tmp_path: Path) -> None:
    dialog.choose_path = lambda default: None
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert list(tmp_path.iterdir()) == []
    assert dialog.status_label.text() == ""


def test_a_failed_save_is_a_message_not_a_crash(dialog: ExportDialog, qtbot, tmp_path: Path) -> None:
    dialog.choose_path = lambda default: tmp_path / "no-such-folder" / "r.md"
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.status_label.text().startswith(f"Could not save to {tmp_path / 'no-such-folder' / 'r.md'}")
