"""The QWizard: Welcome → GPU & driver → CUDA toolkit → cuDNN → Python → PyTorch → Summary.

One check (a full Snapshot + Diagnosis) runs in the background when the user leaves Welcome;
every step page renders its part of that one result. In read-only mode the wizard walks a
saved report from another machine and never collects.
"""

from __future__ import annotations

import dataclasses
import shutil
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt, SignalInstance
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget, QWizard

from wizard.facts.interpreter import InterpreterError, resolve_target_python
from wizard.findings import Action, Diagnosis, Goal, Severity, Step
from wizard.gui.controller import WizardController, read_report
from wizard.gui.export_dialog import ExportDialog
from wizard.gui.fix_dialog import FixDialog
from wizard.gui.icons import app_icon
from wizard.gui.pages import StepPage, SummaryPage, WelcomePage
from wizard.gui.paste_dialog import PasteDialog
from wizard.gui.session import WizardSession, localized_result
from wizard.gui.texts import STEP_TITLES, findings_for_step, report_origin
from wizard.gui.widgets import StepList, copy_to_clipboard, warn_plain
from wizard.gui.workers import (
    CheckResult,
    Collect,
    Diagnose,
    default_collect,
    default_diagnose,
    start_job,
    warm_up,
)
from wizard.i18n import text as tr
from wizard.profile import CourseProfile, ProfileError, load_profile
from wizard.snapshot import Snapshot

__all__ = ["CheckResult", "SetupWizard", "localized_result"]

WINDOW_TITLE = "Torch Setup Wizard"
SETTINGS_ORG, SETTINGS_APP = "TorchSetupWizard", "torch-setup-wizard"
DEFAULT_SIZE = (900, 680)
PAGE_WELCOME, PAGE_SUMMARY = 0, 6
STEP_PAGES = {step: index + 1 for index, step in enumerate(Step)}  # driver=1 … wheel=5
FIRST_STEP_PAGE = STEP_PAGES[Step.DRIVER]


@dataclass(frozen=True)
class PythonChoice:
    """One interpreter to offer on Welcome (the discovery module's InterpreterChoice has these fields)."""

    path: str
    version: str = ""
    label: str = ""
    kind: str = ""
    has_torch: bool | None = None
    torch_version: str = ""


Discover = Callable[[], Sequence[PythonChoice]]
Places = Callable[[], object]  # () -> RunPlaces: where code runs (kernels, conda, uv, VS Code)


def _looked_up_places(places: Places | None) -> object:
    """Where code runs, or None: looking is a convenience and never breaks Welcome."""
    if places is None:
        return None
    try:
        return places()
    except Exception:  # noqa: BLE001 - a broken kernel folder must not stop the wizard
        return None


def default_places() -> object:
    from wizard.facts.places import collect_places

    return collect_places()


def with_saved_mirror(goal: Goal) -> Goal:
    """--torch-index / TSW_TORCH_INDEX win; otherwise the mirror saved in Preferences replaces the default."""
    if goal.torch_index.rstrip("/") != Goal().torch_index:
        return goal
    from wizard.gui.preferences import torch_index_preference

    return dataclasses.replace(goal, torch_index=torch_index_preference())


def settings() -> QSettings:
    """The wizard's settings (an INI file in the user's config folder on every OS)."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, SETTINGS_ORG, SETTINGS_APP)


def course_subtitle(base: str, profile: CourseProfile | None) -> str:
    """A page's subtitle, with the course and its contact under it while a course profile is active."""
    if profile is None:
        return base
    if profile.contact:
        return base + "\n" + tr("gui.course.subtitle_contact", name=profile.name, contact=profile.contact)
    return base + "\n" + tr("gui.course.subtitle", name=profile.name)


SEVERITY_RANK = {Severity.ERROR: 3, Severity.WARNING: 2, Severity.INFO: 1, Severity.OK: 0}


def step_severity(diagnosis: Diagnosis, step: Step) -> Severity | None:
    """The worst severity among a step's findings; None when the step has none."""
    findings = findings_for_step(diagnosis, step)
    return max((f.severity for f in findings), key=SEVERITY_RANK.__getitem__) if findings else None


def choice_text(choice: PythonChoice) -> str:
    """One line for the list: the label, plus the version and torch status when the label lacks them."""
    text = choice.label or choice.path
    parts = [text]
    if choice.version and choice.version not in text:
        parts.append(f"Python {choice.version}")
    if "torch" not in text.lower():
        if choice.has_torch is True:
            parts.append(f"PyTorch {choice.torch_version}".strip())
        elif choice.has_torch is False:
            parts.append(tr("gui.python.no_torch"))
    return " — ".join(parts)


def fallback_interpreters() -> list[PythonChoice]:
    """When interpreter discovery fails: python3/python on PATH, and the wizard's own Python."""
    found: list[PythonChoice] = []
    for name in ("python3", "python"):
        path = shutil.which(name)
        if path and all(c.path != path for c in found):
            found.append(PythonChoice(path=path, label=tr("gui.python.on_path", name=name, path=path)))
    if not getattr(sys, "frozen", False) and all(c.path != sys.executable for c in found):
        found.append(PythonChoice(path=sys.executable, label=tr("gui.python.own", path=sys.executable)))
    return found


def default_discover() -> Sequence[PythonChoice]:
    from wizard.facts.discover import discover_interpreters  # in the worker: it imports the probes

    return list(discover_interpreters()) or fallback_interpreters()


def describe_chosen(path: str) -> PythonChoice:
    """An interpreter named with --python, described (version, torch) like the discovered ones."""
    from wizard.facts.discover import describe_interpreter

    choice = describe_interpreter(path, kind="chosen")
    return PythonChoice(choice.path, choice.version, choice.label, choice.kind, choice.has_torch, choice.torch_version)


class SetupWizard(QWizard):
    """The view: window, pages and dialogs. Its state is ``self.session`` (WizardSession) and what it does
    is ``self.controller`` (WizardController); the pages read the session and call the methods below."""

    def __init__(
        self,
        python: str | None = None,
        goal: Goal | None = None,
        *,
        collect: Collect = default_collect,
        diagnose: Diagnose = default_diagnose,
        discover: Discover | None = default_discover,
        places: Places | None = None,  # the app passes default_places; tests and screenshots their own
        report: tuple[Snapshot, Diagnosis] | None = None,
        origin: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = WizardSession(python or "", with_saved_mirror(goal or Goal()), report=report, origin=origin,
                                     parent=self)
        self.controller = WizardController(self.session, collect, diagnose, parent=self)
        self._jobs: list[object] = []  # keeps each job's signal object alive until it reports
        self.other_windows: list[QWidget] = []  # read-only wizards and overview windows opened from here
        self._setup_window()
        self.welcome = WelcomePage(self.session, self)
        self.step_pages = {step: StepPage(self.session, self, step) for step in Step}
        self.summary = SummaryPage(self.session, self)
        self.setPage(PAGE_WELCOME, self.welcome)
        for step, page in self.step_pages.items():
            self.setPage(STEP_PAGES[step], page)
        self.setPage(PAGE_SUMMARY, self.summary)
        self.setStartId(PAGE_WELCOME)
        self.step_list = StepList([STEP_TITLES[step] for step in Step])
        self.setSideWidget(self.step_list)
        self.currentIdChanged.connect(lambda _page_id: self.update_step_list())
        self.state_changed.connect(self.update_step_list)
        self.update_step_list()
        QShortcut(QKeySequence(QKeySequence.StandardKey.Open), self, self.open_report_dialog)  # File→Open habit
        QShortcut(QKeySequence("Ctrl+Shift+O"), self, self.open_overview_dialog)
        self.show_course()
        if not self.read_only:
            self._offer_interpreters([PythonChoice(path=self.python, label=self.python)] if self.python else [])
            self._start_discovery(discover, places if discover is not None else None)

    # -- the session's state, read through the view (the app, tests and benchmarks use these names) --------

    @property
    def python(self) -> str:
        return self.session.python

    @python.setter
    def python(self, value: str) -> None:
        self.session.python = value

    @property
    def goal(self) -> Goal:
        return self.session.goal

    @goal.setter
    def goal(self, value: Goal) -> None:
        self.session.goal = value

    @property
    def result(self) -> CheckResult | None:
        return self.session.result

    @property
    def checking(self) -> bool:
        return self.session.checking

    @property
    def stage(self) -> str:
        return self.session.stage

    @property
    def read_only(self) -> bool:
        return self.session.read_only

    @property
    def origin(self) -> str:
        return self.session.origin

    @property
    def state_changed(self) -> SignalInstance:
        return self.session.state_changed

    @property
    def stage_changed(self) -> SignalInstance:
        return self.session.stage_changed

    @property
    def _collect(self) -> Collect:
        return self.controller.collect

    @property
    def _diagnose(self) -> Diagnose:
        return self.controller.diagnose

    # -- window ------------------------------------------------------------------------------------

    def _setup_window(self) -> None:
        title = WINDOW_TITLE if not self.read_only else f"{WINDOW_TITLE} — {self.origin}"
        self.setWindowTitle(title)
        self.setTitleFormat(Qt.TextFormat.PlainText)  # subtitles carry the course name and contact from a profile
        self.setSubTitleFormat(Qt.TextFormat.PlainText)
        self.setWindowIcon(app_icon())
        self.setAccessibleName(title)
        if sys.platform == "win32":
            self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        elif sys.platform == "darwin":
            self.setWizardStyle(QWizard.WizardStyle.MacStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setButtonText(QWizard.WizardButton.CancelButton, tr("gui.close"))
        for which, name in ((QWizard.WizardButton.BackButton, "Back"), (QWizard.WizardButton.NextButton, "Next"),
                            (QWizard.WizardButton.FinishButton, "Finish"), (QWizard.WizardButton.CancelButton, "Close")):
            self.button(which).setAccessibleName(name)
        geometry = settings().value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty() and self.restoreGeometry(geometry):
            return
        self.resize(*DEFAULT_SIZE)

    def done(self, result: int) -> None:
        settings().setValue("window/geometry", self.saveGeometry())
        super().done(result)

    def update_step_list(self) -> None:
        """Mark the current page in the side list and show each step's status once the check is done."""
        result = None if self.checking else self.result
        statuses = [step_severity(result.diagnosis, step) if result else None for step in Step]
        self.step_list.show_state(max(self.currentId(), PAGE_WELCOME), statuses, checking=self.checking)

    # -- interpreters ------------------------------------------------------------------------------

    def _offer_interpreters(self, choices: Sequence[PythonChoice]) -> None:
        pairs = [(choice_text(c), c.path) for c in choices]
        if self.python and all(path != self.python for _text, path in pairs):
            pairs.insert(0, (self.python, self.python))
        self.welcome.set_interpreters(pairs, selected=self.python)

    def _start_discovery(self, discover: Discover | None, places: Places | None = None) -> None:
        """In one background thread: warm up the check's imports, then list the interpreters (when asked to).

        One after the other, not in two threads: together they held the GIL long enough to stall Welcome by 30-50 ms.
        """

        def work(_progress: Callable[[str], None]) -> object:
            warm_up()
            if discover is None:
                return None
            try:
                found = list(discover())
            except Exception:  # noqa: BLE001 - discovery is a convenience: fall back, never crash
                return fallback_interpreters(), _looked_up_places(places)
            if discover is default_discover and self.python and all(c.path != self.python for c in found):
                found.insert(0, describe_chosen(self.python))  # --python: shown with version and torch too
            return found, _looked_up_places(places)

        def found(result: object) -> None:
            if discover is not None and isinstance(result, tuple):
                choices, where = result
                self._interpreters_found(choices)
                self.show_places(where)

        self._jobs.append(start_job(work, None, found, name="discover-interpreters"))

    def show_places(self, places: object) -> None:
        """Where code runs, on Welcome under headings (nothing when it could not be looked up)."""
        from wizard.snapshot import RunPlaces

        if isinstance(places, RunPlaces):
            from wizard.places_text import places_sections, say

            self.welcome.show_places(places_sections(places), say("heading.places"))

    def _interpreters_found(self, choices: object) -> None:
        found = list(choices) if isinstance(choices, list) else []
        selected = self.welcome.chosen_python() or self.python
        pairs = [(choice_text(c), c.path) for c in found]
        if selected and all(path != selected for _text, path in pairs):
            pairs.insert(0, (self.welcome.python_combo.currentText() or selected, selected))
        self.welcome.set_interpreters(pairs, selected=selected)

    def browse_python(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, tr("gui.dialog.choose_python"))
        if path:
            self.choose_python(path)

    def choose_python(self, path: str) -> bool:
        """Validate and select an interpreter the user picked; says what is wrong otherwise."""
        try:
            resolved = resolve_target_python(path)
        except InterpreterError as exc:
            self.welcome.show_error(tr("gui.welcome.unusable", error=exc))
            return False
        self.welcome.show_error("")
        combo = self.welcome.python_combo
        if combo.findData(resolved) < 0:
            combo.addItem(resolved, resolved)
        combo.setCurrentIndex(combo.findData(resolved))
        return True

    # -- course profile --------------------------------------------------------------------------------

    @property
    def profile(self) -> CourseProfile | None:
        return self.goal.profile if isinstance(self.goal.profile, CourseProfile) else None

    def open_preferences(self) -> None:
        """Preferences (the PyTorch mirror), on Welcome: the check that starts on Next uses the new mirror."""
        from wizard.gui.preferences import PreferencesDialog, torch_index_preference

        dialog = PreferencesDialog(self)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        if accepted:
            self.set_torch_index(torch_index_preference())

    def set_torch_index(self, torch_index: str) -> None:
        self.goal = dataclasses.replace(self.goal, torch_index=torch_index)

    def open_profile_dialog(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, tr("gui.dialog.open_profile"), "",
                                                    tr("gui.dialog.profile_filter"))
        if path:
            problem = self.open_profile(path)
            if problem:
                warn_plain(self, tr("gui.dialog.profile_unusable"), problem)

    def open_profile(self, path: str) -> str:
        """Check against the course profile at ``path`` from now on; returns "" or what is wrong with the file."""
        try:
            profile = load_profile(path)
        except ProfileError as exc:
            return str(exc)
        self.set_profile(profile)
        return ""

    def set_profile(self, profile: CourseProfile | None) -> None:
        want = profile.want if profile is not None else self.goal.want
        self.goal = Goal(want=want, torch_index=self.goal.torch_index, profile=profile)
        self.welcome.select_want(want)
        self.show_course()

    def show_course(self) -> None:
        """Name the course (and whom to ask) under every page's title while a profile is active."""
        for page in (self.welcome, *self.step_pages.values(), self.summary):
            page.setSubTitle(course_subtitle(page.base_subtitle, self.profile))
        self.welcome.show_course(self.profile)

    # -- checking ----------------------------------------------------------------------------------

    def welcome_done(self) -> bool:
        """Leaving Welcome: validate the choices and start the check (read-only: nothing to start)."""
        if self.read_only:
            return True
        chosen = self.welcome.chosen_python()
        if not chosen:
            self.welcome.show_error(tr("gui.welcome.choose_first"))
            return False
        try:
            self.python = resolve_target_python(chosen)
        except InterpreterError as exc:
            self.welcome.show_error(tr("gui.welcome.unusable", error=exc))
            return False
        self.welcome.show_error("")
        self.goal = Goal(want=self.welcome.chosen_want(), torch_index=self.goal.torch_index, profile=self.goal.profile)
        self.start_check()
        return True

    def start_check(self) -> None:
        self.controller.start_check()

    def cancel_check(self) -> None:
        """The busy page's Stop button: the probes are killed, the pages say the check was stopped."""
        self.controller.cancel_check()

    def check_again(self) -> None:
        """Re-collect and return to the first step page."""
        if self.read_only or self.checking:
            return
        self.start_check()
        while self.currentId() > FIRST_STEP_PAGE:
            self.back()

    # -- actions -----------------------------------------------------------------------------------

    def request_run(self, action: Action) -> None:
        if self.new_environment_steps() and action.argv in self.new_environment_steps():
            self.request_fresh_env()  # a new_venv step is never run on its own: the dialog does all of them
            return
        from wizard.gui.environment_dialog import is_environment_command

        if is_environment_command(action.argv, self.python) and not self.read_only:
            self.run_environment_command(action)
            return
        self.run_fix(action)  # the fix dialog shows the exact command and its plan before anything runs

    def run_environment_command(self, action: Action) -> None:
        """A notebook-kernel, ensurepip or uv command (issue #16): its own small dialog, then check again."""
        from wizard.gui.environment_dialog import EnvironmentRunDialog

        dialog = EnvironmentRunDialog(self, action, self.python)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        if accepted:
            self.start_check()

    def new_environment_steps(self) -> tuple[tuple[str, ...], ...]:
        return self.session.new_environment_steps()

    def request_fresh_env(self) -> None:
        """The "Create a new environment…" dialog; afterwards the wizard can check the new environment."""
        if self.read_only or self.result is None:
            return
        from wizard.gui.fresh_env_dialog import FreshEnvDialog

        dialog = FreshEnvDialog(self, self.python, self.result.diagnosis.recommendation)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        new_python = dialog.new_python
        dialog.deleteLater()
        if accepted and new_python:
            self.switch_python(new_python)

    def switch_python(self, python: str) -> None:
        """Make ``python`` the target (it joins the Welcome list) and check it from the first step."""
        if not self.choose_python(python):
            return
        self.python = self.welcome.chosen_python() or python
        self.check_again()

    def last_backup(self) -> Path | None:
        return self.session.last_backup()

    def request_undo(self) -> None:
        """The "Undo last fix…" dialog; the wizard checks again when it restored something."""
        from wizard.gui.undo_dialog import UndoDialog

        dialog = UndoDialog(self, self.python, self.last_backup())
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        if accepted:
            self.start_check()

    def run_fix(self, action: Action) -> None:
        dialog = FixDialog(self, action, self.python, self.goal.torch_index, collect=self._collect,
                            diagnose=self._diagnose)  # the re-check looks the same way the wizard does
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        if accepted:
            self.start_check()  # the fix changed the machine: look again

    def report_text(self) -> str:
        return self.controller.report_text()

    def save_report(self, path: str) -> str:
        """Write the report JSON to ``path``; returns "" or a one-line reason it failed."""
        return self.controller.save_report(path)

    def copy_report(self) -> None:
        copy_to_clipboard(self.report_text())

    def share_report(self) -> None:
        if self.result is not None and self.result.snapshot is not None:
            ExportDialog(self, self.result.snapshot, self.result.diagnosis, live=not self.read_only).exec()

    def ask_and_save_report(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(self, tr("gui.dialog.save_report"), "torch-setup-report.json",
                                                    tr("gui.dialog.report_filter"))
        if path:
            problem = self.save_report(path)
            if problem:
                warn_plain(self, tr("gui.dialog.report_not_saved"), tr("gui.dialog.report_not_saved_why", why=problem))

    # -- other sources: saved reports, pasted text ---------------------------------------------------

    def open_report_dialog(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, tr("gui.dialog.open_report"), "", tr("gui.dialog.report_filter"))
        if path:
            problem = self.open_report(path)
            if problem:
                warn_plain(self, tr("gui.dialog.cannot_open_report"), problem)

    def open_report(self, path: str) -> str:
        """Show a saved report in a new read-only window; returns "" or why it could not be opened."""
        loaded = read_report(path)
        if isinstance(loaded, str):
            return loaded
        snapshot, diagnosis = loaded
        self.show_other_window(SetupWizard(report=(snapshot, diagnosis), collect=self._collect,
                                           diagnose=self._diagnose, discover=None))
        return ""

    def open_overview_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("gui.dialog.open_folder"))
        if folder:
            self.open_overview(folder)

    def open_overview(self, folder: str) -> QWidget:
        """The class overview of every report in ``folder``; double-clicking a machine walks its report."""
        from wizard.gui.overview_window import OverviewWindow

        window = OverviewWindow(open_report=self.open_machine)
        window.load_folder(Path(folder))
        self.show_other_window(window)
        return window

    def open_machine(self, row: object) -> None:
        """One machine of the overview (an overview.MachineRow) in a read-only wizard."""
        origin = f"{report_origin(row.snapshot)} — {row.file}"
        self.show_other_window(SetupWizard(report=(row.snapshot, row.diagnosis), origin=origin,
                                           collect=self._collect, diagnose=self._diagnose, discover=None))

    def open_paste_dialog(self) -> None:
        dialog = PasteDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted or getattr(dialog, "snapshot", None) is None:
            return
        snapshot = dialog.snapshot
        from wizard.textdiag import goal_for_text

        goal = goal_for_text(snapshot, self.goal)  # a CUDA error in the text proves CUDA was wanted
        try:
            diagnosis = self._diagnose(snapshot, goal)
        except Exception as exc:  # noqa: BLE001 - show it, never crash
            warn_plain(self, tr("gui.dialog.cannot_read_text"), tr("gui.dialog.text_not_diagnosed", error=exc))
            return
        window = SetupWizard(report=(snapshot, diagnosis), origin=tr("gui.origin.pasted"),
                             collect=self._collect, diagnose=self._diagnose, discover=None)
        self.show_other_window(window)
        window.go_to_root_cause()

    def go_to_root_cause(self) -> int:
        """Walk forward (keeping Back working) to the step page of the first error; returns that page's id."""
        if self.result is None or not self.result.diagnosis.errors:
            return self.currentId()
        target = STEP_PAGES.get(self.result.diagnosis.errors[0].step, PAGE_SUMMARY)
        if self.currentId() == -1:
            self.restart()
        while self.currentId() not in (target, PAGE_SUMMARY, -1):
            before = self.currentId()
            self.next()
            if self.currentId() == before:  # a page refused to move on
                break
        return self.currentId()

    def show_other_window(self, window: QWidget) -> None:
        self.other_windows.append(window)
        window.show()
