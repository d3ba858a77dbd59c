"""The class overview opened from the wizard's Welcome page, and a machine walked read-only from it (offscreen)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from tests.overview.reports import write_class_folder
from wizard.gui.overview_window import OverviewWindow
from wizard.gui.wizard import SetupWizard


@pytest.fixture(autouse=True)
def temp_settings(tmp_path: Path, qapp):
    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))


@pytest.fixture
def class_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    write_class_folder(folder)
    return folder


@pytest.fixture
def wizard_window(qtbot, class_folder, monkeypatch) -> SetupWizard:
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_args, **_kw: str(class_folder))
    window = SetupWizard(python=sys.executable, discover=None, collect=lambda *_: None, diagnose=lambda *_: None)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def overviews(window: SetupWizard) -> list[OverviewWindow]:
    return [w for w in window.other_windows if isinstance(w, OverviewWindow)]


def test_welcome_button_opens_the_overview_of_the_chosen_folder(wizard_window, qtbot):
    button = wizard_window.welcome.overview_button
    assert button.isVisible() and button.text() == "Open fol&der of reports…"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    (overview,) = overviews(wizard_window)
    assert overview.isVisible() and overview.proxy.rowCount() == 52
    assert overview.counts.text().startswith("52 machines: 37 machines OK, 6 CPU_ONLY_WHEEL")


def test_ctrl_shift_o_opens_the_overview(wizard_window, qtbot):
    wizard_window.activateWindow()
    qtbot.waitUntil(lambda: wizard_window.isActiveWindow(), timeout=3000)
    qtbot.keyClick(wizard_window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert len(overviews(wizard_window)) == 1


def test_double_clicking_a_machine_walks_its_report_read_only(wizard_window, qtbot, class_folder):
    overview = wizard_window.open_overview(str(class_folder))
    qtbot.waitExposed(overview)
    overview.code_filter.setCurrentText("DRIVER_TOO_OLD")
    index = overview.proxy.index(0, 0)
    machine = index.data()
    rect = overview.table.visualRect(index)
    qtbot.mouseClick(overview.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(overview.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    (report,) = [w for w in wizard_window.other_windows if isinstance(w, SetupWizard)]
    assert report.read_only and report.isVisible()
    assert report.origin == f"Report from another machine ({machine}, 2026-11-20) — {machine}.json"
    assert report.windowTitle().endswith(report.origin)
    assert report.result.diagnosis.errors[0].code == "DRIVER_TOO_OLD"
    assert report.result.snapshot.host.value.hostname == machine
    assert not report.welcome.python_combo.isVisibleTo(report)  # nothing is collected on this computer
    report.next()
    assert report.currentPage().step.value == "driver"


def test_enter_on_a_selected_machine_opens_it_once(wizard_window, qtbot, class_folder):
    overview = wizard_window.open_overview(str(class_folder))
    overview.activateWindow()
    qtbot.waitUntil(lambda: overview.isActiveWindow(), timeout=3000)
    overview.table.setFocus()
    overview.table.selectRow(3)
    qtbot.keyClick(overview.table, Qt.Key.Key_Return)
    (report,) = [w for w in wizard_window.other_windows if isinstance(w, SetupWizard)]
    assert report.result.snapshot.host.value.hostname == overview.proxy.index(3, 0).data()
