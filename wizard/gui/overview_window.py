"""The class overview window: one row per machine, one column per step, filter by code, counts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from wizard.findings import Step
from wizard.gui.widgets import make_label, plain_tooltip
from wizard.i18n import text
from wizard.overview import MachineRow, Overview, read_folder
from wizard.words import STEP_TITLES, status_label  # one definition each, in the user's language

SORT_RANK = {"error": 0, "warning": 1, "info": 2, "ok": 3, "": 4}
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2


def columns() -> tuple[str, ...]:
    """The table's headings, in the user's language."""
    return (text("overview.column.machine"), text("overview.column.root_cause"), *(STEP_TITLES[s] for s in Step),
            text("overview.column.torch"), text("overview.column.python"), text("overview.column.file"))


def all_codes() -> str:
    """The filter's first entry: every root cause."""
    return text("overview.all_codes")


class OverviewWindow(QWidget):
    """Shows an Overview. ``open_report`` is called with the row a user double-clicks."""

    def __init__(self, open_report: Callable[[MachineRow], None] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(text("overview.title"))
        self.open_report = open_report
        self.overview = Overview((), ())

        headings = columns()
        self.model = QStandardItemModel(0, len(headings), self)
        self.model.setHorizontalHeaderLabels(list(headings))
        self.proxy = _CodeFilter(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)

        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setVisible(False)
        self.table.setAccessibleName(text("overview.machines_name"))
        self.table.doubleClicked.connect(self._open_row)
        # Not `activated`: most styles emit it on a double-click as well, which opened every report twice.
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            QShortcut(QKeySequence(key), self.table, lambda: self._open_row(self.table.currentIndex()),
                      context=Qt.ShortcutContext.WidgetShortcut)

        self.code_filter = QComboBox(self)
        self.code_filter.setAccessibleName(text("overview.filter_name"))
        self.code_filter.currentTextChanged.connect(self._filter_changed)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(text("overview.search"))
        self.search.setAccessibleName(text("overview.search_name"))
        self.search.textChanged.connect(self.proxy.set_machine_text)
        open_button = QPushButton(text("overview.open"), self)
        open_button.setAccessibleName(text("overview.open_name"))
        open_button.clicked.connect(self.choose_folder)

        self.counts = QLabel(self)
        self.counts.setTextFormat(Qt.TextFormat.PlainText)
        self.counts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.counts.setAccessibleName(text("overview.counts_name"))
        self.skipped = QPlainTextEdit(self)
        self.skipped.setReadOnly(True)
        self.skipped.setMaximumHeight(70)
        self.skipped.setAccessibleName(text("overview.skipped_name"))

        controls = QHBoxLayout()
        controls.addWidget(open_button)
        controls.addWidget(make_label(text("overview.show"), wrap=False))
        controls.addWidget(self.code_filter)
        controls.addWidget(self.search, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.counts)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.skipped)
        self.resize(980, 600)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, text("overview.open_name"))
        if folder:
            self.load_folder(Path(folder))

    def load_folder(self, folder: Path) -> None:
        self.show_overview(read_folder(folder))

    def show_overview(self, overview: Overview) -> None:
        self.overview = overview
        self.model.removeRows(0, self.model.rowCount())
        for row in overview.rows:
            self.model.appendRow(_row_items(row))
        codes = sorted({row.root_cause for row in overview.rows})
        self.code_filter.blockSignals(True)
        self.code_filter.clear()
        self.code_filter.addItems([all_codes(), *codes])
        self.code_filter.blockSignals(False)
        self.proxy.set_code("")
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.counts.setText(text("overview.counts", count=len(overview.rows), counts=overview.counts_line()))
        self.skipped.setPlainText(
            "\n".join(text("overview.skipped", file=s.file, reason=s.reason) for s in overview.skipped)
            or text("overview.none_skipped")
        )

    def visible_machines(self) -> list[str]:
        return [self.proxy.index(r, 0).data() for r in range(self.proxy.rowCount())]

    def _filter_changed(self, chosen: str) -> None:
        self.proxy.set_code("" if chosen == all_codes() else chosen)

    def _open_row(self, index: QModelIndex) -> None:
        row = self.proxy.index(index.row(), 0).data(ROW_ROLE)
        if row is not None and self.open_report is not None:
            self.open_report(row)


def _row_items(row: MachineRow) -> list[QStandardItem]:
    cells = [(row.machine, row.machine), (row.root_cause, "" if row.root_cause == "OK" else row.root_cause)]
    for step in Step:
        status = row.step_status(step.value)
        cells.append((status_label(status, none_mark="–"), SORT_RANK[status]))
    cells += [(row.torch, row.torch), (row.python, row.python), (row.file, row.file)]
    items = []
    for cell, sort_key in cells:
        item = QStandardItem(cell)
        item.setData(sort_key, SORT_ROLE)
        item.setToolTip(plain_tooltip(cell))
        items.append(item)
    items[0].setData(row, ROW_ROLE)
    return items


class _CodeFilter(QSortFilterProxyModel):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.code = ""
        self.machine_text = ""

    def set_code(self, code: str) -> None:
        self._refilter(lambda: setattr(self, "code", code))

    def set_machine_text(self, text: str) -> None:
        self._refilter(lambda: setattr(self, "machine_text", text.strip().lower()))

    def _refilter(self, change: Callable[[], None]) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt >= 6.10 deprecates invalidateFilter()
            self.beginFilterChange()
            change()
            self.endFilterChange()
        else:
            change()
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:  # noqa: N802 - Qt override
        model = self.sourceModel()
        row: MachineRow = model.index(source_row, 0, source_parent).data(ROW_ROLE)
        if row is None:
            return False
        if self.code and self.code != row.root_cause and self.code not in row.error_codes:
            return False
        return not self.machine_text or self.machine_text in row.machine.lower()
