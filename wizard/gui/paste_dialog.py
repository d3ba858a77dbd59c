"""The "Paste an error" dialog: plain text in, a partial Snapshot out (via wizard.textdiag).

Pasted text is shown as plain text only (QPlainTextEdit never renders HTML), and large pastes
are read in a QThreadPool worker so the window stays responsive.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from wizard.i18n import text
from wizard.snapshot import Snapshot
from wizard.textdiag import evidence_excerpts, snapshot_from_text

BACKGROUND_FROM_CHARS = 100_000  # smaller pastes are read at once: it takes milliseconds
MAX_HIGHLIGHTS = 200
HIGHLIGHT_COLOR = QColor(255, 230, 140)
HIGHLIGHT_TEXT_COLOR = QColor(0, 0, 0)


class _ParseSignals(QObject):
    done = Signal(object)  # the Snapshot


class _ParseJob(QRunnable):
    def __init__(self, text: str, signals: _ParseSignals) -> None:
        super().__init__()
        self._text = text
        self._signals = signals

    def run(self) -> None:
        self._signals.done.emit(snapshot_from_text(self._text))


class PasteDialog(QDialog):
    """Paste collect_env output or an error; "Diagnose" reads it and accepts the dialog.

    After acceptance ``snapshot`` holds the partial Snapshot and ``evidence_excerpts`` the
    verbatim pieces of text that were recognised.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(text("paste.title"))
        self.snapshot: Snapshot | None = None
        self.evidence_excerpts: tuple[str, ...] = ()
        self._signals = _ParseSignals(self)
        self._signals.done.connect(self._on_parsed)

        intro = QLabel(text("paste.intro"))
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        self.text_edit = QPlainTextEdit(self)
        self.text_edit.setPlaceholderText(text("paste.placeholder"))
        self.text_edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.status = QLabel("", self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, parent=self)
        self.diagnose_button = QPushButton(text("paste.diagnose"), self)
        self.diagnose_button.setDefault(True)
        self.buttons.addButton(self.diagnose_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.start_diagnosis)  # accept() only once the text has been read
        self.buttons.rejected.connect(self.reject)
        self.text_edit.textChanged.connect(self._update_button)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.text_edit, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.resize(760, 520)
        self._update_button()

    def start_diagnosis(self) -> None:
        """Read the pasted text; large pastes in a worker thread, then accept()."""
        pasted = self.text_edit.toPlainText()
        if not pasted.strip():
            self.status.setText(text("paste.empty"))
            return
        self.diagnose_button.setEnabled(False)
        self.text_edit.setReadOnly(True)
        if len(pasted) < BACKGROUND_FROM_CHARS:
            self._on_parsed(snapshot_from_text(pasted))
            return
        self.status.setText(text("paste.reading"))
        QThreadPool.globalInstance().start(_ParseJob(pasted, self._signals))

    def _on_parsed(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        self.evidence_excerpts = evidence_excerpts(snapshot)
        self.text_edit.setReadOnly(False)
        highlight_evidence(self.text_edit, self.evidence_excerpts)
        self.accept()

    def _update_button(self) -> None:
        self.diagnose_button.setEnabled(bool(self.text_edit.toPlainText().strip()))


def highlight_evidence(text_edit: QPlainTextEdit, excerpts: Iterable[str]) -> int:
    """Mark every occurrence of each excerpt (line by line, as pasted) with an ExtraSelection.

    Returns the number of marked ranges. The document itself is not changed.
    """
    selections: list[QTextEdit.ExtraSelection] = []
    highlight = QTextCharFormat()
    highlight.setBackground(HIGHLIGHT_COLOR)
    highlight.setForeground(HIGHLIGHT_TEXT_COLOR)  # dark text on the yellow mark, in light and dark palettes
    document = text_edit.document()
    for line in _excerpt_lines(excerpts):
        cursor = QTextCursor(document)
        while len(selections) < MAX_HIGHLIGHTS:
            cursor = document.find(line, cursor, QTextDocument.FindFlag(0))
            if cursor.isNull():
                break
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format = highlight
            selections.append(selection)
    text_edit.setExtraSelections(selections)
    return len(selections)


def _excerpt_lines(excerpts: Iterable[str]) -> list[str]:
    """Excerpts may span lines; QTextDocument.find matches within one block, so search line by line."""
    lines: list[str] = []
    for excerpt in excerpts:
        for line in excerpt.split("\n"):
            line = line.strip()
            if len(line) >= 4 and line not in lines:
                lines.append(line)
    return lines
