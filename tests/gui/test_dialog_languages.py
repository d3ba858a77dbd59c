"""The dialogs besides the wizard's pages speak the user's language: in pseudo-localisation every word they
show (titles, labels, buttons, placeholders, accessible names, tooltips) is accented, so no sentence is
left in code. Data (paths, versions, commands, format names) stays as it is."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QLineEdit, QPlainTextEdit, QWidget

from wizard import i18n
from wizard.engine import diagnose
from wizard.findings import Recommendation
from wizard.snapshot import Snapshot, from_data

SCENARIOS = Path(__file__).resolve().parents[1] / "checks" / "scenarios"
ENGLISH_WORDS = re.compile(r"\b[A-Za-z]{3,}\b")


@pytest.fixture
def pseudo():
    i18n.set_locale(i18n.PSEUDO_LOCALE)
    yield
    i18n.set_locale(i18n.SOURCE_LOCALE)


def _scenario(name: str):
    data = json.loads((SCENARIOS / f"{name}.json").read_text(encoding="utf-8"))
    snapshot = from_data(Snapshot, data["snapshot"])
    return snapshot, diagnose(snapshot)


def _shown_texts(dialog: QWidget) -> list[str]:
    """Every word a user can meet in the dialog, visible or not (a hidden label shows later). The shared
    CommandPanel (pip's progress and log) belongs to wizard/gui/fix_dialog.py and is checked with it."""
    from wizard.gui.fix_dialog import CommandPanel

    panels = dialog.findChildren(CommandPanel)
    texts = [dialog.windowTitle(), dialog.accessibleName()]
    for widget in [dialog, *dialog.findChildren(QWidget)]:
        if any(widget is panel or panel.isAncestorOf(widget) for panel in panels):
            continue
        texts += [widget.accessibleName(), widget.toolTip(), widget.accessibleDescription()]
        if isinstance(widget, (QLabel, QAbstractButton)):
            texts.append(widget.text())
        if isinstance(widget, QGroupBox):
            texts.append(widget.title())
        if isinstance(widget, (QLineEdit, QPlainTextEdit)):
            texts.append(widget.placeholderText())
    return [t for t in texts if t.strip()]


def _left_in_code(texts: list[str], data: tuple[str, ...]) -> list[str]:
    """Texts with English words that were not pseudo-localised (data values removed first)."""
    unaccented = []
    for shown in texts:
        rest = shown
        for value in data:
            rest = rest.replace(value, "")
        if "~" in rest or "[" in rest:  # pseudo: "[Åççéñtéd … ~~~~]"
            continue
        if len(ENGLISH_WORDS.findall(rest)) >= 2:
            unaccented.append(shown)
    return unaccented


def test_the_share_dialog_has_no_word_left_in_code(qtbot, pseudo) -> None:
    from wizard.gui.export_dialog import ExportDialog

    snapshot, diagnosis = _scenario("driver_not_installed")
    dialog = ExportDialog(None, snapshot, diagnosis, live=True)
    qtbot.addWidget(dialog)
    dialog.copy_for_helpdesk()
    assert _left_in_code(_shown_texts(dialog), ("Markdown", "HTML", "JSON")) == []
    assert dialog.status_label.text() == i18n.text("export.copied_hidden", "pseudo")


def test_the_new_environment_dialog_has_no_word_left_in_code(qtbot, pseudo, tmp_path: Path) -> None:
    from wizard.gui.fresh_env_dialog import FreshEnvDialog

    rec = Recommendation("install", "", "2.13.0", variant="cu130", index_url="https://download.pytorch.org/whl/cu130",
                         argv=(sys.executable, "-m", "pip", "install", "torch==2.13.0+cu130"))
    dialog = FreshEnvDialog(None, sys.executable, rec, folder=tmp_path / "torch-env")
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.ready is not None, timeout=30_000)
    texts = _shown_texts(dialog)
    assert _left_in_code(texts, (sys.executable, str(tmp_path))) == []
    assert i18n.text("fresh_env.build.cuda", "pseudo", torch="2.13.0", cuda="13.0") in dialog.intro.text()


def test_the_undo_and_paste_dialogs_have_no_word_left_in_code(qtbot, pseudo, tmp_path: Path) -> None:
    from wizard.gui.paste_dialog import PasteDialog
    from wizard.gui.undo_dialog import UndoDialog

    undo = UndoDialog(None, sys.executable, tmp_path / "no-backup.json")
    qtbot.addWidget(undo)
    qtbot.waitUntil(lambda: undo.preview is not None, timeout=60_000)
    paste = PasteDialog()
    qtbot.addWidget(paste)
    paste.start_diagnosis()  # nothing pasted: the status says so
    assert _left_in_code(_shown_texts(undo) + _shown_texts(paste), (sys.executable, str(tmp_path))) == []
    assert paste.status.text() == i18n.text("paste.empty", "pseudo")


def test_the_class_overview_has_no_word_left_in_code(qtbot, pseudo, tmp_path: Path) -> None:
    from wizard.gui.overview_window import OverviewWindow
    from wizard.report.json_report import report_json

    snapshot, diagnosis = _scenario("driver_not_installed")
    (tmp_path / "lab-01.json").write_text(report_json(snapshot, diagnosis), encoding="utf-8")
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    window = OverviewWindow()
    qtbot.addWidget(window)
    window.load_folder(tmp_path)
    headings = [window.model.horizontalHeaderItem(c).text() for c in range(window.model.columnCount())]
    assert all("~" in heading for heading in headings), headings
    assert _left_in_code(_shown_texts(window), ()) == []
    assert window.skipped.toPlainText().startswith("[Škîppéd")
