"""The overview window (pytest-qt, offscreen): sorting, filtering, counts, opening a row."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.overview.reports import write_class_folder
from wizard.gui.overview_window import OverviewWindow, all_codes


@pytest.fixture
def window(qtbot, tmp_path: Path):
    write_class_folder(tmp_path)
    opened = []
    win = OverviewWindow(open_report=opened.append)
    qtbot.addWidget(win)
    win.load_folder(tmp_path)
    win.opened = opened
    return win


def test_counts_and_skipped_are_shown(window) -> None:
    assert window.counts.text() == "52 machines: 37 machines OK, 6 CPU_ONLY_WHEEL, 4 TORCH_MISSING, 3 NUMPY_ABI, 2 DRIVER_TOO_OLD"
    assert "Skipped truncated.json" in window.skipped.toPlainText()
    assert window.proxy.rowCount() == 52


def test_filter_by_code_and_by_name(window) -> None:
    window.code_filter.setCurrentText("DRIVER_TOO_OLD")
    assert window.proxy.rowCount() == 2
    window.code_filter.setCurrentText(all_codes())
    window.search.setText("lab-pc-0")
    assert sorted(window.visible_machines()) == [f"lab-pc-0{i}" for i in range(1, 10)]


def test_sorting_by_a_step_puts_problems_first(window) -> None:
    driver_column = 2
    window.table.sortByColumn(driver_column, Qt.SortOrder.AscendingOrder)
    first_two = [window.proxy.index(r, driver_column).data() for r in range(3)]
    assert first_two[:2] == ["✗ Problem", "✗ Problem"] and first_two[2] != "✗ Problem"


def test_double_click_opens_that_machines_report(window, qtbot) -> None:
    window.code_filter.setCurrentText("NUMPY_ABI")
    index = window.proxy.index(0, 0)
    window.table.doubleClicked.emit(index)
    assert len(window.opened) == 1
    assert window.opened[0].root_cause == "NUMPY_ABI"
    assert window.opened[0].diagnosis.errors[0].code == "NUMPY_ABI"


def test_window_renders(window, tmp_path: Path) -> None:
    window.show()
    image = window.grab()
    assert image.width() > 600 and image.height() > 300
    assert image.save(str(tmp_path / "overview.png"))
