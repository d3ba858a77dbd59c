"""Building blocks of the wizard's pages: status badges, finding cards, the busy panel, command boxes.

Colours come from the palette (light and dark themes both work); severity is always shown as
an icon *and* a word, never by colour alone.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6 import QtGui
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFont, QFontDatabase, QFontMetrics, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from wizard.actions.urls import is_allowed_url
from wizard.findings import Action, ActionKind, Finding, Severity
from wizard.gui.icons import status_pixmap
from wizard.gui.texts import SEVERITY_WORDS, format_command
from wizard.i18n import SOURCE_LOCALE, current_locale
from wizard.i18n import text as tr
from wizard.safe_text import clip

SELECTABLE = Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard


def make_label(text: str, *, selectable: bool = False, bold: bool = False, point_delta: float = 0.0,
               wrap: bool = True, accessible: str = "") -> QLabel:
    label = QLabel(clip(text))
    label.setWordWrap(wrap)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if selectable:
        label.setTextInteractionFlags(SELECTABLE)
    if bold or point_delta:
        font = QFont(label.font())
        font.setBold(bold)
        if point_delta:
            font.setPointSizeF(font.pointSizeF() + point_delta)
        label.setFont(font)
    label.setAccessibleName(accessible or text)
    return label


def plain_tooltip(text: str) -> str:
    """A tooltip that shows ``text`` as it is. Qt renders a tooltip as rich text whenever it *looks* like
    HTML, so text from a report, profile or another interpreter is escaped into a paragraph of its own."""
    return QtGui.Qt.convertFromPlainText(text) if text else ""


def warn_plain(parent: QWidget | None, title: str, text: str) -> None:
    """QMessageBox.warning, but ``text`` (often a file name or a message about outside data) is never rich text."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()


def make_button(text: str, accessible: str, on_click: Callable[[], None] | None = None,
                tooltip: str = "") -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(accessible)
    button.setAutoDefault(False)
    if tooltip:
        button.setToolTip(plain_tooltip(tooltip))
    if on_click is not None:
        button.clicked.connect(lambda _checked=False: on_click())
    return button


def monospace_font() -> QFont:
    return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)


def copy_to_clipboard(text: str) -> None:
    QGuiApplication.clipboard().setText(text)


def open_allowed_url(url: str) -> bool:
    """Open an allow-listed https URL in the browser; anything else is refused."""
    if not is_allowed_url(url):
        return False
    return QDesktopServices.openUrl(QUrl(url))


LINK_VERBS = frozenset({"open", "download", "read", "see", "get", "go", "visit", "view", "check", "install", "learn",
                        "find", "update", "ask"})
QUESTION_WORDS = frozenset({"what", "why", "how", "which", "when", "where"})


def link_button_text(label: str) -> str:
    """A web link's button: the label when it starts with a verb, else "Open <label>" (or "<question> (web page)")."""
    if current_locale() != SOURCE_LOCALE:
        return label  # translated action texts are whole button texts (docs/translating.md)
    first = label.split(maxsplit=1)[0].lower() if label.strip() else ""
    if first in LINK_VERBS:
        return label
    if first in QUESTION_WORDS:
        return tr("widgets.link_question", label=label)
    return tr("widgets.link_open", label=label)


ACTION_ROW_CHARS = 64  # a finding card's button row wraps beyond about this many average characters


def wrap_into_rows(widths: list[int], budget: int, spacing: int = 6) -> list[list[int]]:
    """Indexes of items with these widths, greedily in rows no wider than ``budget`` (an item never waits alone)."""
    rows: list[list[int]] = []
    used = 0
    for index, width in enumerate(widths):
        if rows and used + spacing + width <= budget:
            rows[-1].append(index)
            used += spacing + width
        else:
            rows.append([index])
            used = width
    return rows


def command_preview(text: str, accessible: str) -> QPlainTextEdit:
    """Read-only, selectable monospace text sized to its lines (what a Copy button copies)."""
    preview = QPlainTextEdit(text.strip())
    preview.setReadOnly(True)
    preview.setFont(monospace_font())
    preview.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
    preview.setTabChangesFocus(True)
    preview.setAccessibleName(accessible)
    fit_height_to_text(preview, 160)
    return preview


def fit_height_to_text(edit: QPlainTextEdit, max_height: int) -> None:
    """Keep a read-only text box exactly as tall as its wrapped lines (up to ``max_height``), as its width changes.

    Also sets it apart from a finding card's background (both are Base; in a dark theme the frame barely shows).
    """
    edit.viewport().setBackgroundRole(QPalette.ColorRole.AlternateBase)
    edit.installEventFilter(HeightFitter(edit, max_height))


class HeightFitter(QObject):
    """Refits its text box after each resize (Qt re-wraps the text then without any signal we could use)."""

    def __init__(self, edit: QPlainTextEdit, max_height: int) -> None:
        super().__init__(edit)
        self.edit, self.max_height = edit, max_height
        self.fit(edit.toPlainText().count("\n") + 2)  # until the first layout: one spare line for wrapping

    def fit(self, lines: float) -> None:
        edit = self.edit
        chrome = 2 * (edit.frameWidth() + edit.document().documentMargin()) + 2
        edit.setFixedHeight(min(int(max(1.0, lines) * edit.fontMetrics().lineSpacing() + chrome), self.max_height))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Resize:  # the new wrapping is known once the layout has run
            QTimer.singleShot(0, self, lambda: self.fit(self.edit.document().documentLayout().documentSize().height()))
        return False


class StatusBadge(QWidget):
    """Icon + word (OK / Problem / Warning / Note)."""

    def __init__(self, severity: Severity, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.severity = severity
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        icon = QLabel()
        size = max(16, self.fontMetrics().height())
        icon.setPixmap(status_pixmap(severity, size, self.devicePixelRatioF()))
        icon.setFixedSize(size, size)
        self.word = make_label(SEVERITY_WORDS[severity], bold=True, wrap=False)
        layout.addWidget(icon)
        layout.addWidget(self.word)
        self.setAccessibleName(SEVERITY_WORDS[severity])
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)


class CommandBox(QWidget):
    """A command in selectable monospace text with a Copy button beside it."""

    def __init__(self, command: str, accessible: str = "", copy_text: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        copy_text = copy_text or tr("gui.copy_command")
        accessible = accessible or tr("widgets.command_name")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.text = QPlainTextEdit(clip(command))  # Copy copies it whole; wrapping megabytes would freeze
        self.text.setReadOnly(True)
        self.text.setFont(monospace_font())
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.text.setAccessibleName(accessible)
        self.text.setTabChangesFocus(True)
        fit_height_to_text(self.text, 160)
        self.copy_button = make_button(copy_text, f"{copy_text}: {command}", lambda: copy_to_clipboard(command))
        layout.addWidget(self.text, 1)
        layout.addWidget(self.copy_button, 0, Qt.AlignmentFlag.AlignTop)


class DetailsExpander(QWidget):
    """A "Show details" toggle over read-only monospace text."""

    def __init__(self, details: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.toggle = make_button(tr("gui.show_details"), tr("widgets.details_tip"))
        self.toggle.setCheckable(True)
        self.toggle.toggled.connect(self._set_open)
        self.text = QPlainTextEdit(details)
        self.text.setReadOnly(True)
        self.text.setFont(monospace_font())
        self.text.setAccessibleName(tr("widgets.details_name"))
        self.text.setTabChangesFocus(True)
        lines = details.count("\n") + 2
        self.text.setFixedHeight(min(self.text.fontMetrics().lineSpacing() * lines + 12, 220))
        self.text.setVisible(False)
        layout.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.text)

    def _set_open(self, is_open: bool) -> None:
        self.text.setVisible(is_open)
        self.toggle.setText(tr("gui.hide_details") if is_open else tr("gui.show_details"))


class OkLine(QWidget):
    """A passed check: one compact line (icon + word + title)."""

    def __init__(self, finding: Finding, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.finding = finding
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(StatusBadge(finding.severity))
        self.title = make_label(finding.title, selectable=True)
        layout.addWidget(self.title, 1)
        self.setAccessibleName(f"{SEVERITY_WORDS[finding.severity]}: {finding.title}")
        self.setToolTip(plain_tooltip(finding.explanation))


class FindingCard(QFrame):
    """One finding: badge, title, explanation, details and its actions as buttons."""

    run_requested = Signal(object)  # the Action
    fresh_env_requested = Signal()  # "Create a new environment…" (the recommendation is a new venv)

    def __init__(self, finding: Finding, read_only: bool = False, parent: QWidget | None = None,
                 new_env_steps: tuple[tuple[str, ...], ...] = (), command_lead: str = "") -> None:
        super().__init__(parent)
        self.finding = finding
        self.command_lead = command_lead or tr("gui.command_lead.report")  # read-only: whose computer a command is for
        self.read_only = read_only
        self.new_env_steps = new_env_steps  # RUN actions among these become one "Create a new environment…"
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setAccessibleName(f"{SEVERITY_WORDS[finding.severity]}: {finding.title}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        header = QHBoxLayout()
        header.setSpacing(10)
        header.addWidget(StatusBadge(finding.severity), 0, Qt.AlignmentFlag.AlignTop)
        self.title = make_label(finding.title, selectable=True, bold=True)
        header.addWidget(self.title, 1)
        layout.addLayout(header)
        self.explanation = make_label(finding.explanation, selectable=True)
        layout.addWidget(self.explanation)
        self.action_buttons: list[QPushButton] = []
        self.command_boxes: list[CommandBox] = []
        self.fresh_env_button: QPushButton | None = None
        self.copy_previews: list[QPlainTextEdit] = []
        self._add_actions(layout)
        self.details: DetailsExpander | None = None
        self.highlighted = 0  # how many evidence ranges are marked in the details
        details = _details_text(finding)
        if details:
            self.details = DetailsExpander(details)
            layout.addWidget(self.details)
            if finding.evidence:  # show the student exactly which part of their text led here
                from wizard.gui.paste_dialog import highlight_evidence

                self.highlighted = highlight_evidence(self.details.text, finding.evidence)
                self.details.toggle.setChecked(True)

    def _add_actions(self, layout: QVBoxLayout) -> None:
        shown_commands = {format_command(a.argv) for a in self.finding.actions if a.kind is ActionKind.RUN}
        for action in self.finding.actions:
            if action.kind is ActionKind.COPY and self.read_only and action.text.strip() in shown_commands:
                continue  # the "Tell them to run" box above already shows it with its own Copy button
            if action.kind is ActionKind.COPY and action.text.strip():
                preview = command_preview(action.text, tr("widgets.copies_name", label=action.label))
                self.copy_previews.append(preview)
                layout.addWidget(preview)
            if action.kind is ActionKind.RUN and self.read_only:
                layout.addWidget(make_label(self.command_lead, bold=True))
                box = CommandBox(format_command(action.argv), accessible=tr("widgets.command_to_run", label=action.label))
                self.command_boxes.append(box)
                layout.addWidget(box)
                continue
            if action.kind is ActionKind.RUN and action.argv in self.new_env_steps:
                if self.fresh_env_button is None:
                    self.fresh_env_button = make_button(tr("widgets.new_env"), tr("widgets.new_env_name"),
                                                        self.fresh_env_requested.emit, tooltip=tr("widgets.new_env_tip"))
                    self.action_buttons.append(self.fresh_env_button)
                continue
            button = self._action_button(action)
            if button is not None:
                self.action_buttons.append(button)
        # Rows of buttons that fit beside the step list: one long row made the page scroll sideways.
        widths = [button.sizeHint().width() for button in self.action_buttons]
        for indexes in wrap_into_rows(widths, self.fontMetrics().averageCharWidth() * ACTION_ROW_CHARS):
            row = QHBoxLayout()
            for index in indexes:
                row.addWidget(self.action_buttons[index])
            row.addStretch(1)
            layout.addLayout(row)

    def _action_button(self, action: Action) -> QPushButton | None:
        if action.kind is ActionKind.OPEN_URL:
            if not is_allowed_url(action.url):
                return None  # never offer a link that is not on the allow-list
            text = link_button_text(action.label)
            button = make_button(text, text, lambda: open_allowed_url(action.url), tooltip=action.url)
            button.setAccessibleDescription(tr("widgets.opens_url", url=action.url))
            return button
        if action.kind is ActionKind.COPY:
            translated = current_locale() != SOURCE_LOCALE  # then the label is already the button's text
            text = action.label if translated or action.label.lower().startswith("copy") else tr("gui.copy_command")
            accessible = text if action.label == text else tr("widgets.named", button=text, label=action.label)
            return make_button(text, accessible, lambda: copy_to_clipboard(action.text), tooltip=action.text)
        return make_button(tr("gui.run_fix"), tr("widgets.named", button=tr("gui.run_fix").rstrip("…"), label=action.label), lambda: self.run_requested.emit(action),
                           tooltip=format_command(action.argv))


def _details_text(finding: Finding) -> str:
    parts = [finding.details.strip()] if finding.details.strip() else []
    if finding.evidence:
        parts.append(tr("widgets.quoted") + "\n" + "\n".join(finding.evidence))
    if parts:
        parts.append(tr("widgets.code", code=finding.code))
    return "\n\n".join(parts)


class BusyPanel(QWidget):
    """What is being checked, a busy bar and the current stage."""

    def __init__(self, checking: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 8)
        self.what = make_label(checking)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.bar.setTextVisible(False)
        self.bar.setAccessibleName(tr("widgets.checking_name"))
        self.stage = make_label(tr("widgets.starting"), accessible=tr("widgets.stage_name"))
        layout.addWidget(self.what)
        layout.addWidget(self.bar)
        layout.addWidget(self.stage)

    def set_stage(self, text: str) -> None:
        self.stage.setText(text)
        self.stage.setAccessibleDescription(text)


class Banner(QLabel):
    """A framed one-line notice (read-only mode) in palette colours."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(clip(text), parent)
        self.setTextFormat(Qt.TextFormat.PlainText)  # the banner names a report file, a course: outside text
        self.setWordWrap(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        self.setForegroundRole(QPalette.ColorRole.ToolTipText)
        self.setMargin(8)
        font = QFont(self.font())
        font.setBold(True)
        self.setFont(font)
        self.setAccessibleName(text)
        self.setTextInteractionFlags(SELECTABLE)


SIDE_TITLE_MAX_WIDTH = 170  # px: the side list stays narrow enough for the pages at the default window size


class StepList(QFrame):
    """The side list: Welcome, the five numbered steps with their status icons, Summary; the current one marked.

    A helpdesk on a call can say "go to step 3" and the student sees where that is.
    """

    def __init__(self, step_titles: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAccessibleName(tr("widgets.steps_name"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 8, 4)
        layout.setSpacing(2)
        self.icon_size = max(16, self.fontMetrics().height())
        names = [tr("gui.side.welcome"), *(f"{number}  {title}" for number, title in enumerate(step_titles, start=1)),
                 tr("gui.side.summary")]
        self.rows: list[tuple[QWidget, QLabel, QLabel]] = [self._row(name) for name in names]
        for row, _icon, _text in self.rows:
            layout.addWidget(row)
        layout.addStretch(1)
        self.step_titles = step_titles
        self.current = 0

    def _row(self, name: str) -> tuple[QWidget, QLabel, QLabel]:
        row = QWidget()
        row.setBackgroundRole(QPalette.ColorRole.Highlight)
        box = QHBoxLayout(row)
        box.setContentsMargins(6, 4, 10, 4)
        box.setSpacing(8)
        icon = QLabel()
        icon.setFixedSize(self.icon_size, self.icon_size)
        bold = QFont(self.font())
        bold.setBold(True)  # the current step is bold: reserve that width, or long titles are cut when current
        width = QFontMetrics(bold).horizontalAdvance(name) + 2
        # A title longer than the cap (other languages) wraps instead of widening the window past its size.
        text = make_label(name, wrap=width > SIDE_TITLE_MAX_WIDTH)
        text.setMinimumWidth(min(width, SIDE_TITLE_MAX_WIDTH))
        box.addWidget(icon)
        box.addWidget(text, 1)
        return row, icon, text

    def show_state(self, current: int, statuses: list[Severity | None], checking: bool = False) -> None:
        """``current``: row index (0 Welcome … 6 Summary); ``statuses``: each step's worst severity, None = unknown."""
        self.current = current
        for index, (row, icon, text) in enumerate(self.rows):
            is_current = index == current
            row.setAutoFillBackground(is_current)
            text.setForegroundRole(QPalette.ColorRole.HighlightedText if is_current else QPalette.ColorRole.WindowText)
            font = QFont(text.font())
            font.setBold(is_current)
            text.setFont(font)
            severity = statuses[index - 1] if 1 <= index <= len(statuses) else None
            if severity is None:
                icon.clear()
            else:
                icon.setPixmap(status_pixmap(severity, self.icon_size, self.devicePixelRatioF()))
            row.setAccessibleName(self._describe(index, severity, checking, is_current))
            row.setToolTip(plain_tooltip(row.accessibleName()))

    def _describe(self, index: int, severity: Severity | None, checking: bool, is_current: bool) -> str:
        if 1 <= index <= len(self.step_titles):
            name = tr("widgets.step_of", number=index, total=len(self.step_titles), title=self.step_titles[index - 1])
            state = SEVERITY_WORDS[severity] if severity is not None else (
                tr("gui.step_list.checking") if checking else tr("gui.step_list.not_checked"))
            name = tr("widgets.step_state", step=name, state=state)
        else:
            name = tr("widgets.welcome") if index == 0 else tr("widgets.summary")
        return tr("widgets.you_are_here", name=name) if is_current else name
