"""Share a report with a helpdesk: preview exactly what is shared, hide personal data, save or copy.

The preview shows the very text that "Save…" writes, so the user can check it before it leaves
the machine. Personal data is hidden by default and the checkbox says what was hidden.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from wizard.findings import Diagnosis
from wizard.gui.widgets import copy_to_clipboard, make_button, make_label, monospace_font
from wizard.i18n import text
from wizard.report.export import DEFAULT_FILE_NAMES, FORMAT_NAMES, RenderedExport, render_export, save_rendered
from wizard.snapshot import Snapshot

# Given the suggested file name, returns where to save, or None when the user cancelled.
PathChooser = Callable[[str], Path | None]


class ExportDialog(QDialog):
    def __init__(self, parent: QWidget | None, snapshot: Snapshot, diagnosis: Diagnosis, live: bool | None = None):
        super().__init__(parent)
        self.setWindowTitle(text("export.title"))
        self.snapshot = snapshot
        self.diagnosis = diagnosis
        self.live = live
        self.choose_path: PathChooser = self._ask_path  # tests put their own here
        self._cache: dict[tuple[str, bool], RenderedExport] = {}

        intro = make_label(text("export.intro"))
        self.hide_personal = QCheckBox(text("export.hide"))
        self.hide_personal.setChecked(True)
        self.hide_personal.setAccessibleName(text("export.hide"))
        self.summary_label = make_label("", selectable=True)
        self.format_choice = QComboBox()
        self.format_choice.setAccessibleName(text("export.format_name"))
        for fmt, name in FORMAT_NAMES.items():
            self.format_choice.addItem(name, fmt)
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.preview.setFont(monospace_font())
        self.preview.setAccessibleName(text("export.preview_name"))
        self.status_label = make_label("", selectable=True)
        self.save_button = make_button(text("export.save"), text("export.save_tip"), self.save)
        self.copy_button = make_button(
            text("export.copy"), text("export.copy_name"), self.copy_for_helpdesk, tooltip=text("export.copy_tip"),
        )  # fmt: skip
        close_button = make_button(text("export.close"), text("export.close_tip"), self.accept)

        format_row = QHBoxLayout()
        format_row.addWidget(make_label(text("export.format"), wrap=False))
        format_row.addWidget(self.format_choice)
        format_row.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.copy_button)
        buttons.addStretch(1)
        buttons.addWidget(close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.hide_personal)
        layout.addWidget(self.summary_label)
        layout.addLayout(format_row)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.status_label)
        layout.addLayout(buttons)
        self.resize(820, 640)

        self.hide_personal.toggled.connect(self.refresh)
        self.format_choice.currentIndexChanged.connect(self.refresh)
        self.refresh()

    # ---------------------------------------------------------------- state

    @property
    def fmt(self) -> str:
        return self.format_choice.currentData()

    @property
    def redact(self) -> bool:
        return self.hide_personal.isChecked()

    def rendered(self, fmt: str | None = None) -> RenderedExport:
        """What would be shared now in ``fmt`` (default: the chosen format)."""
        key = (fmt or self.fmt, self.redact)
        if key not in self._cache:
            self._cache[key] = render_export(self.snapshot, self.diagnosis, key[0], key[1], live=self.live)
        return self._cache[key]

    def refresh(self) -> None:
        current = self.rendered()
        self.preview.setPlainText(current.text)
        self.summary_label.setText(current.summary.describe() if current.redacted else text("export.not_hidden"))
        self.status_label.setText("")

    # ---------------------------------------------------------------- actions

    def copy_for_helpdesk(self) -> None:
        copy_to_clipboard(self.rendered("md").text)
        self.status_label.setText(text("export.copied_hidden" if self.redact else "export.copied_not_hidden"))

    def save(self) -> Path | None:
        chosen = self.choose_path(DEFAULT_FILE_NAMES[self.fmt])
        if chosen is None:
            return None
        path = Path(chosen)
        if not path.suffix:
            path = path.with_suffix("." + self.fmt)
        try:
            save_rendered(self.rendered(), path)
        except OSError as exc:
            self.status_label.setText(text("export.save_failed", path=path, error=exc.strerror or exc))
            return None
        self.status_label.setText(text("export.saved", path=path))
        return path

    def _ask_path(self, suggested: str) -> Path | None:
        name, _filter = QFileDialog.getSaveFileName(self, text("export.save_title"), suggested, text(f"export.filter.{self.fmt}"))
        return Path(name) if name else None
