"""The wizard's pages: Welcome, one page per step, Summary.

Pages only render the wizard's state (SetupWizard.result / .checking); they never touch the
system. A step page is complete (Next enabled) once the check has produced its findings.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from wizard.findings import Finding, Severity, Step
from wizard.gui.texts import (
    STEP_CHECKING,
    STEP_SUBTITLES,
    command_lead,
    empty_step_note,
    findings_for_step,
    machine_lines,
    not_applicable_reason,
    recommendation_command,
    verdict,
)
from wizard.gui.widgets import (
    Banner,
    BusyPanel,
    CommandBox,
    FindingCard,
    OkLine,
    make_button,
    make_label,
    plain_tooltip,
)
from wizard.i18n import text as tr
from wizard.profile import CourseProfile
from wizard.words import step_page_title as _step_page_title

if TYPE_CHECKING:
    from wizard.findings import Action
    from wizard.gui.session import WizardSession


class PageActions(Protocol):
    """What a page may ask the window to do (the view opens the dialogs; the controller does the work).
    Everything a page shows it reads from the WizardSession."""

    def welcome_done(self) -> bool: ...
    def browse_python(self) -> None: ...
    def open_paste_dialog(self) -> None: ...
    def open_report_dialog(self) -> None: ...
    def open_overview_dialog(self) -> None: ...
    def open_profile_dialog(self) -> None: ...
    def open_preferences(self) -> None: ...
    def check_again(self) -> None: ...
    def cancel_check(self) -> None: ...
    def copy_report(self) -> None: ...
    def ask_and_save_report(self) -> None: ...
    def share_report(self) -> None: ...
    def request_run(self, action: Action) -> None: ...
    def request_fresh_env(self) -> None: ...
    def request_undo(self) -> None: ...

# Mnemonics avoid the wizard buttons' letters (Back, Next, Finish, cLose). Texts: resources/texts/words.json.
WANT_CHOICES = ("cuda", "cpu", "auto")  # labels: gui.want.<choice>


def course_summary(profile: CourseProfile) -> str:
    """'Course: name' and what the wizard checks against, for the Welcome page's banner."""
    wants = [f"Python {profile.python}" if profile.python else "", f"PyTorch {profile.torch}" if profile.torch else "",
             tr(f"gui.course.cuda.{profile.cuda}")]
    wants += [f"{name} {spec}" if spec else tr("gui.course.matching", name=name)
              if name in ("torchvision", "torchaudio") else name for name, spec in profile.packages]
    lines = [tr("gui.course.name", name=profile.name), tr("gui.course.needs", needs=", ".join(w for w in wants if w))]
    if profile.contact:
        lines.append(tr("gui.course.questions", contact=profile.contact))
    return "\n".join(lines)


def step_page_title(step: Step) -> str:
    """ "Step 2 of 5 · CUDA toolkit": the number a helpdesk can name on a call."""
    return _step_page_title(step)


def clear_layout(layout: QVBoxLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget()
        if widget is not None:
            widget.hide()
            widget.deleteLater()
        elif item.layout() is not None:
            clear_layout(item.layout())  # type: ignore[arg-type]
            item.layout().deleteLater()


def scrolling_column(page: QWizardPage) -> tuple[QVBoxLayout, QVBoxLayout]:
    """(page layout, column): a vertical layout inside a frameless scroll area filling ``page``."""
    outer = QVBoxLayout(page)
    outer.setContentsMargins(0, 0, 0, 0)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    inner = QWidget()
    column = QVBoxLayout(inner)
    column.setContentsMargins(2, 2, 8, 2)
    column.setSpacing(10)
    scroll.setWidget(inner)
    outer.addWidget(scroll, 1)
    return outer, column


def add_findings(column: QVBoxLayout, findings: Sequence[Finding], session: WizardSession,
                 actions: PageActions) -> list[QWidget]:
    """Cards for problems (in the given order, root cause first), then compact lines for passed checks."""
    widgets: list[QWidget] = []
    for finding in findings:
        if finding.severity is Severity.OK:
            continue
        read_only = session.read_only
        card = FindingCard(finding, read_only=read_only, new_env_steps=() if read_only else session.new_environment_steps(),
                           command_lead=command_lead(session.snapshot, read_only))
        card.run_requested.connect(actions.request_run)
        card.fresh_env_requested.connect(actions.request_fresh_env)
        widgets.append(card)
    widgets += [OkLine(f) for f in findings if f.severity is Severity.OK]
    for widget in widgets:
        column.addWidget(widget)
    return widgets


def add_busy(column: QVBoxLayout, session: WizardSession, actions: PageActions, what: str) -> tuple[BusyPanel, QPushButton]:
    """While the check runs: what is checked, its stage (after 3 s: what it waits for) and a button that stops it."""
    busy = BusyPanel(what)
    busy.set_stage(session.stage)
    column.addWidget(busy)
    label = tr("gui.check.cancel")
    stop = make_button(label, label.replace("&", ""), actions.cancel_check)
    column.addWidget(stop, 0, Qt.AlignmentFlag.AlignLeft)
    return busy, stop


def stopped_note() -> QLabel:
    return make_label(tr("gui.check.stopped"), selectable=True, accessible=tr("gui.check.stopped"))


class WelcomePage(QWizardPage):
    def __init__(self, session: WizardSession, actions: PageActions) -> None:
        super().__init__()
        self.session, self.actions = session, actions
        self.setTitle(tr("gui.welcome.title"))
        self.base_subtitle = tr("gui.welcome.subtitle")
        self.setSubTitle(self.base_subtitle)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        self.course_banner = Banner("")
        self.course_banner.setVisible(False)
        layout.addWidget(self.course_banner)
        if session.read_only:
            layout.addWidget(Banner(session.origin))
            about = "\n".join(machine_lines(session.result.snapshot if session.result else None))
            pasted = session.result is not None and session.result.snapshot.source == "text"
            intro = tr("gui.welcome.pasted" if pasted else "gui.welcome.read_only")
            self.intro = make_label(intro + ("\n\n" + about if about else ""),
                                    selectable=True, accessible=tr("gui.a11y.about_report"))
        else:
            self.intro = make_label(tr("gui.welcome.intro"), selectable=True, accessible=tr("gui.a11y.what_wizard_does"))
        layout.addWidget(self.intro)
        self.python_combo = QComboBox()
        self.want_buttons: dict[str, QRadioButton] = {}
        self.error_label = make_label("", accessible=tr("gui.a11y.python_problem"))
        self.error_label.setForegroundRole(self.palette().ColorRole.BrightText)
        self.error_label.setVisible(False)
        self.places_box = QGroupBox()  # filled by show_places once discovery has looked (hidden until then)
        self.places_box.setVisible(False)
        if not session.read_only:
            layout.addWidget(self._python_box())
            layout.addWidget(self.error_label)
            layout.addWidget(self.places_box)
            layout.addWidget(self._want_box())
        layout.addLayout(self._extra_buttons())
        layout.addStretch(1)

    # -- choosing the interpreter -------------------------------------------------------------

    def _python_box(self) -> QGroupBox:
        box = QGroupBox(tr("gui.welcome.python_box"))
        row = QHBoxLayout(box)
        self.python_combo.setAccessibleName(tr("gui.a11y.python_to_check"))
        self.python_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.python_combo.setMinimumContentsLength(30)
        self.browse_button = make_button(tr("gui.welcome.browse"), tr("gui.a11y.browse"), self.actions.browse_python)
        row.addWidget(self.python_combo, 1)
        row.addWidget(self.browse_button)
        return box

    def set_interpreters(self, choices: Sequence[tuple[str, str]], selected: str = "") -> None:
        """(label, path) pairs; keeps the current selection when it is still listed."""
        current = selected or self.chosen_python()
        self.python_combo.clear()
        for label, path in choices:
            self.python_combo.addItem(label, path)
            self.python_combo.setItemData(self.python_combo.count() - 1, plain_tooltip(path), Qt.ItemDataRole.ToolTipRole)
        index = self.python_combo.findData(current)
        self.python_combo.setCurrentIndex(max(index, 0))

    def chosen_python(self) -> str:
        data = self.python_combo.currentData()
        return data if isinstance(data, str) else ""

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setAccessibleName(message)
        self.error_label.setVisible(bool(message))

    def show_places(self, sections: Sequence[tuple[str, Sequence[str]]], title: str) -> None:
        """Where code runs, under headings (Notebook kernels, Conda environments, uv projects, …), in plain text."""
        old = self.places_box.layout()
        if old is not None:
            clear_layout(old)  # type: ignore[arg-type]
            QWidget().setLayout(old)  # the old layout goes away with a throwaway widget
        column = QVBoxLayout(self.places_box)
        column.setSpacing(2)
        self.places_box.setTitle(title)
        self.places_box.setAccessibleName(title)
        for heading, lines in sections:
            column.addWidget(make_label(heading, bold=True, accessible=heading))
            for line in lines:
                label = make_label(line, selectable=True, accessible=f"{heading}: {line}")
                label.setIndent(12)
                column.addWidget(label)
        self.places_box.setVisible(bool(sections))

    # -- what the user needs ---------------------------------------------------------------------

    def _want_box(self) -> QGroupBox:
        box = QGroupBox(tr("gui.welcome.want_box"))
        column = QVBoxLayout(box)
        group = QButtonGroup(box)
        for want in WANT_CHOICES:
            text = tr(f"gui.want.{want}")
            button = QRadioButton(text)
            button.setAccessibleName(text.replace("&", ""))
            group.addButton(button)
            column.addWidget(button)
            self.want_buttons[want] = button
        self.want_buttons.get(self.session.goal.want, self.want_buttons["auto"]).setChecked(True)
        return box

    def select_want(self, want: str) -> None:
        button = self.want_buttons.get(want)
        if button is not None:
            button.setChecked(True)

    def show_course(self, profile: CourseProfile | None) -> None:
        """The active course profile in a banner at the top (hidden without one)."""
        text = course_summary(profile) if profile is not None else ""
        self.course_banner.setText(text)
        self.course_banner.setAccessibleName(text or tr("gui.a11y.no_course"))
        self.course_banner.setVisible(bool(text))

    def chosen_want(self) -> str:
        for want, button in self.want_buttons.items():
            if button.isChecked():
                return want
        return self.session.goal.want

    def _extra_buttons(self) -> QVBoxLayout:
        rows = QVBoxLayout()  # two short rows, not one long one: the window stays usable at 760 px beside the steps
        row, second = QHBoxLayout(), QHBoxLayout()
        self.paste_button = make_button(tr("gui.welcome.paste"), tr("gui.a11y.paste"),
                                        self.actions.open_paste_dialog)
        self.open_button = make_button(tr("gui.welcome.open_report"), tr("gui.a11y.open_report"), self.actions.open_report_dialog)
        self.overview_button = make_button(tr("gui.welcome.open_folder"), tr("gui.a11y.open_folder"),
                                           self.actions.open_overview_dialog)
        self.profile_button = make_button(tr("gui.welcome.open_profile"), tr("gui.a11y.open_profile"),
                                          self.actions.open_profile_dialog)
        self.preferences_button = make_button(tr("gui.welcome.preferences"), tr("gui.a11y.preferences"),
                                              self.actions.open_preferences)
        self.preferences_button.setVisible(not self.session.read_only)
        self.paste_button.setVisible(not self.session.read_only)
        self.open_button.setVisible(True)
        self.overview_button.setVisible(True)
        self.profile_button.setVisible(not self.session.read_only)
        row.addWidget(self.profile_button)
        row.addWidget(self.paste_button)
        row.addStretch(1)
        second.addWidget(self.open_button)
        second.addWidget(self.overview_button)
        second.addWidget(self.preferences_button)
        second.addStretch(1)
        rows.addLayout(row)
        rows.addLayout(second)
        return rows

    def validatePage(self) -> bool:  # noqa: N802 - Qt API
        return self.actions.welcome_done()


class StepPage(QWizardPage):
    """One step (driver, toolkit, cuDNN, Python, PyTorch): busy while checking, then its findings."""

    def __init__(self, session: WizardSession, actions: PageActions, step: Step) -> None:
        super().__init__()
        self.session, self.actions = session, actions
        self.step = step
        self.setTitle(step_page_title(step))
        self.base_subtitle = STEP_SUBTITLES[step]
        self.setSubTitle(self.base_subtitle)
        _outer, self.column = scrolling_column(self)
        self.busy: BusyPanel | None = None
        self.stop_button: QPushButton | None = None
        self.finding_widgets: list[QWidget] = []
        self.note: QLabel | None = None
        session.state_changed.connect(self.refresh)
        session.stage_changed.connect(self._show_stage)
        self.refresh()

    def isComplete(self) -> bool:  # noqa: N802 - Qt API
        return self.session.result is not None and not self.session.checking

    def refresh(self) -> None:
        clear_layout(self.column)
        self.busy, self.stop_button, self.note, self.finding_widgets = None, None, None, []
        if self.session.read_only:
            self.column.addWidget(Banner(self.session.origin))
        if self.session.checking:
            self.busy, self.stop_button = add_busy(self.column, self.session, self.actions, STEP_CHECKING[self.step])
        elif self.session.stopped:
            self.note = stopped_note()
            self.column.addWidget(self.note)
        elif self.session.result is not None:
            self._show_findings()
        self.column.addStretch(1)
        self.completeChanged.emit()

    def _show_findings(self) -> None:
        result = self.session.result
        assert result is not None
        findings = findings_for_step(result.diagnosis, self.step)
        reason = not_applicable_reason(self.step, result.snapshot, self.session.goal)
        if reason or not findings:
            self.note = make_label(reason or empty_step_note(self.step, result.diagnosis), selectable=True)
            self.column.addWidget(self.note)
        self.finding_widgets = add_findings(self.column, findings, self.session, self.actions)

    def _show_stage(self, text: str) -> None:
        if self.busy is not None:
            self.busy.set_stage(text)


class SummaryPage(QWizardPage):
    def __init__(self, session: WizardSession, actions: PageActions) -> None:
        super().__init__()
        self.session, self.actions = session, actions
        self.setTitle(tr("gui.summary.title"))
        self.base_subtitle = tr("gui.summary.subtitle")
        self.setSubTitle(self.base_subtitle)
        self.setFinalPage(True)
        outer, self.column = scrolling_column(self)
        self.verdict: QLabel | None = None
        self.command_box: CommandBox | None = None
        self.finding_widgets: list[QWidget] = []
        self.busy: BusyPanel | None = None
        self.stop_button: QPushButton | None = None
        self.check_again_button = make_button(tr("gui.summary.check_again"), tr("gui.a11y.check_again"), actions.check_again)
        self.copy_report_button = make_button(tr("gui.summary.copy_report"), tr("gui.a11y.copy_report"), actions.copy_report)
        self.save_report_button = make_button(tr("gui.summary.save_report"), tr("gui.a11y.save_report"), actions.ask_and_save_report)
        self.share_button = make_button(tr("gui.summary.share_report"), tr("gui.a11y.share_report"), actions.share_report)
        self.check_again_button.setVisible(not session.read_only)
        self.create_env_button: QPushButton | None = None  # under a new_venv recommendation
        self.fresh_env_button = make_button(tr("gui.summary.new_env"), tr("gui.a11y.fresh_env"), actions.request_fresh_env,
                                            tooltip=tr("gui.summary.new_env_tip"))
        self.undo_button = make_button(tr("gui.summary.undo"), tr("gui.a11y.undo"), actions.request_undo,
                                       tooltip=tr("gui.summary.undo_tip"))
        self.fresh_env_button.setVisible(not session.read_only)
        self.undo_button.setVisible(False)
        outer.addLayout(self._buttons_row())
        session.state_changed.connect(self.refresh)
        session.stage_changed.connect(self._show_stage)
        self.refresh()

    def isComplete(self) -> bool:  # noqa: N802 - Qt API
        return self.session.result is not None and not self.session.checking

    def refresh(self) -> None:
        clear_layout(self.column)
        self.verdict, self.command_box, self.finding_widgets, self.busy = None, None, [], None
        self.create_env_button, self.stop_button = None, None
        if self.session.read_only:
            self.column.addWidget(Banner(self.session.origin))
        result = self.session.result
        if self.session.stopped and not self.session.checking:
            self.column.addWidget(stopped_note())
        elif self.session.checking or result is None:
            self.busy, self.stop_button = add_busy(self.column, self.session, self.actions, tr("gui.summary.checking"))
        else:
            self.verdict = make_label(verdict(result.snapshot, result.diagnosis, self.session.goal), selectable=True,
                                      bold=True, point_delta=3, accessible=tr("gui.a11y.verdict"))
            self.column.addWidget(self.verdict)
            self._show_recommendation()
            if result.diagnosis.findings:
                self.column.addWidget(make_label(tr("gui.summary.everything"), bold=True))
            self.finding_widgets = add_findings(self.column, result.diagnosis.findings, self.session, self.actions)
        self.column.addStretch(1)
        self.copy_report_button.setEnabled(result is not None and not self.session.checking)
        self.save_report_button.setEnabled(result is not None and result.snapshot is not None and not self.session.checking)
        self.share_button.setEnabled(self.save_report_button.isEnabled())
        self.check_again_button.setEnabled(not self.session.checking)
        self.fresh_env_button.setEnabled(result is not None and not self.session.checking)
        has_problem = result is not None and bool(result.diagnosis.errors)  # a healthy machine needs no new env
        self.fresh_env_button.setVisible(not self.session.read_only and self.create_env_button is None and has_problem)
        self.undo_button.setVisible(not self.session.read_only and self.session.last_backup() is not None)
        self.undo_button.setEnabled(not self.session.checking)
        self.completeChanged.emit()

    def _show_recommendation(self) -> None:
        result = self.session.result
        assert result is not None
        recommendation = result.diagnosis.recommendation
        command = recommendation_command(recommendation)
        if not command:
            return
        lead = command_lead(result.snapshot, self.session.read_only)
        self.column.addWidget(make_label(lead, bold=True))
        if recommendation.why.strip():  # the reasoning in normal weight: a long bold paragraph is hard to read
            self.column.addWidget(make_label(recommendation.why.strip(), selectable=True, accessible=tr("gui.a11y.why_command")))
        self.command_box = CommandBox(command, accessible=tr("gui.a11y.recommended_command"))
        self.column.addWidget(self.command_box)
        if recommendation.kind == "new_venv" and not self.session.read_only:
            self.create_env_button = make_button(tr("gui.summary.create_env"), tr("gui.a11y.create_env"),
                                                 self.actions.request_fresh_env)
            self.column.addWidget(self.create_env_button, 0, Qt.AlignmentFlag.AlignLeft)

    def _buttons_row(self) -> QVBoxLayout:
        """The report buttons, and under them (right-aligned, when shown) the fix buttons: one row was too wide."""
        rows, row, fixes = QVBoxLayout(), QHBoxLayout(), QHBoxLayout()
        row.addWidget(self.check_again_button)
        row.addWidget(self.copy_report_button)
        row.addWidget(self.save_report_button)
        row.addWidget(self.share_button)
        row.addStretch(1)
        fixes.addStretch(1)
        fixes.addWidget(self.undo_button)
        fixes.addWidget(self.fresh_env_button)
        rows.addLayout(row)
        rows.addLayout(fixes)
        return rows

    def _show_stage(self, text: str) -> None:
        if self.busy is not None:
            self.busy.set_stage(text)
