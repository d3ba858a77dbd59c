"""The wizard's pages, driven with pytest-qt offscreen; the collector is scripted, the system untouched."""

from __future__ import annotations

import json
import sys

import pytest
from PySide6.QtCore import QObject, Qt, QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QPlainTextEdit, QWizard
from tsw_gui_fixtures import INSTALL_CU130, SITUATIONS

from wizard.findings import Action, Finding, Goal, Severity, Step
from wizard.gui.texts import COLLECTION_FAILED, format_command
from wizard.gui.widgets import FindingCard, OkLine
from wizard.gui.wizard import FIRST_STEP_PAGE, PAGE_SUMMARY, STEP_PAGES
from wizard.report.json_report import load_report, report_json


def next_button(window: QWizard) -> QAbstractButton:
    return window.button(QWizard.WizardButton.NextButton)


def start_and_finish(window, qtbot) -> None:
    window.next()
    qtbot.waitUntil(lambda: window.result is not None and not window.checking, timeout=5000)


def cards(page) -> list[FindingCard]:
    return [w for w in page.finding_widgets if isinstance(w, FindingCard)]


def ok_lines(page) -> list[OkLine]:
    return [w for w in page.finding_widgets if isinstance(w, OkLine)]


def button_texts(card: FindingCard) -> list[str]:
    return [b.text() for b in card.action_buttons]


class UrlCatcher(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url.toString())


@pytest.fixture
def url_catcher():
    catcher = UrlCatcher()
    QDesktopServices.setUrlHandler("https", catcher, "open")
    yield catcher
    QDesktopServices.unsetUrlHandler("https")


def test_welcome_lists_discovered_interpreters_and_maps_the_need_to_a_goal(make_wizard, scripted, qtbot):
    check = scripted()
    window = make_wizard(check)
    combo = window.welcome.python_combo
    qtbot.waitUntil(lambda: "dev venv" in combo.itemText(0), timeout=5000)
    assert combo.itemText(0) == "dev venv — Python 3.11.2 — no PyTorch"
    assert combo.currentData() == sys.executable
    window.welcome.want_buttons["cpu"].setChecked(True)
    start_and_finish(window, qtbot)
    assert check.goals[-1].want == "cpu"
    assert check.calls == [sys.executable]


def test_a_slow_check_says_what_it_waits_for(make_wizard, scripted, qtbot):
    check = scripted(wait=True)
    window = make_wizard(check)
    window.next()
    page = window.step_pages[Step.DRIVER]
    qtbot.waitUntil(lambda: page.busy is not None and "Still waiting" in page.busy.stage.text(), timeout=8000)
    assert "Asking the NVIDIA driver" in page.busy.stage.text() and "gives up after" in page.busy.stage.text()
    check.release.set()
    qtbot.waitUntil(lambda: next_button(window).isEnabled(), timeout=5000)


def test_browse_choice_is_validated(make_wizard, tmp_path):
    window = make_wizard()
    not_python = tmp_path / "notes.txt"
    not_python.write_text("hello")
    assert not window.choose_python(str(tmp_path / "missing" / "python"))
    assert window.welcome.error_label.isVisibleTo(window.welcome)
    assert "cannot be used" in window.welcome.error_label.text()
    assert not window.choose_python(str(not_python))  # not executable
    assert window.choose_python(sys.executable)
    assert window.welcome.chosen_python() == sys.executable
    assert not window.welcome.error_label.isVisibleTo(window.welcome)


def test_next_is_gated_while_collecting(make_wizard, scripted, qtbot):
    check = scripted(wait=True)
    window = make_wizard(check)
    window.next()
    page = window.step_pages[Step.DRIVER]
    assert window.currentId() == FIRST_STEP_PAGE
    qtbot.waitUntil(lambda: page.busy is not None and page.busy.stage.text() == "Asking the NVIDIA driver…", timeout=5000)
    assert not page.isComplete()
    assert not next_button(window).isEnabled()
    assert page.busy.bar.maximum() == 0  # an indeterminate busy bar
    check.release.set()
    qtbot.waitUntil(lambda: next_button(window).isEnabled(), timeout=5000)
    assert page.busy is None
    assert page.isComplete()


@pytest.mark.parametrize("situation", sorted(SITUATIONS))
def test_every_step_page_renders_its_findings(make_wizard, scripted, qtbot, situation):
    check = scripted(situation)
    window = make_wizard(check)
    start_and_finish(window, qtbot)
    for step, page in window.step_pages.items():
        expected = [f for f in check.diagnosis.findings if f.step is step]
        assert [c.finding for c in cards(page)] == [f for f in expected if f.severity is not Severity.OK]
        assert [line.finding for line in ok_lines(page)] == [f for f in expected if f.severity is Severity.OK]
        if not expected:
            assert page.note is not None and page.note.text()
    summary_findings = [w.finding for w in window.summary.finding_widgets]
    assert sorted(f.code for f in summary_findings) == sorted(f.code for f in check.diagnosis.findings)


def test_navigation_back_and_forth(make_wizard, qtbot):
    window = make_wizard()
    start_and_finish(window, qtbot)
    visited = [window.currentId()]
    while window.currentId() != PAGE_SUMMARY:
        assert next_button(window).isEnabled()
        window.next()
        visited.append(window.currentId())
    assert visited == [*STEP_PAGES.values(), PAGE_SUMMARY]
    assert window.button(QWizard.WizardButton.FinishButton).isVisible()
    for _ in range(3):
        window.back()
    assert window.currentId() == STEP_PAGES[Step.CUDNN]
    window.next()
    assert window.currentId() == STEP_PAGES[Step.PYTHON]
    assert window.result is not None  # going back and forth never re-collects


def test_cards_offer_the_findings_actions(make_wizard, qtbot, url_catcher):
    window = make_wizard()
    start_and_finish(window, qtbot)
    (card,) = cards(window.step_pages[Step.WHEEL])
    assert button_texts(card) == ["Run this fix…", "Open PyTorch install selector"]
    assert card.title.text() == "PyTorch was installed without GPU support"
    assert card.details is not None and not card.details.text.isVisibleTo(card)
    card.details.toggle.click()
    assert card.details.text.isVisibleTo(card)
    assert "torch.version.cuda = None" in card.details.text.toPlainText()
    assert card.details.text.isReadOnly()
    card.action_buttons[1].click()
    assert url_catcher.urls == ["https://pytorch.org/get-started/locally/"]


def test_a_url_off_the_allow_list_gets_no_button(qtbot, url_catcher):
    finding = Finding("X", Severity.WARNING, Step.DRIVER, "t", "e",
                      actions=(Action.open_url("evil", "http://example.com/"), Action.open_url("Docs", "https://pip.pypa.io/en/stable/")))
    card = FindingCard(finding)
    qtbot.addWidget(card)
    assert button_texts(card) == ["Open Docs"]


def test_copy_buttons_fill_the_clipboard(make_wizard, scripted, qtbot):
    window = make_wizard(scripted("no-driver"))
    start_and_finish(window, qtbot)
    (card,) = cards(window.step_pages[Step.DRIVER])
    assert button_texts(card) == ["Open NVIDIA driver downloads", "Copy command"]
    card.action_buttons[1].click()
    assert QGuiApplication.clipboard().text() == "sudo ubuntu-drivers install"


def test_summary_of_a_cpu_build_on_a_gpu_machine(make_wizard, qtbot):
    window = make_wizard()
    start_and_finish(window, qtbot)
    summary = window.summary
    assert summary.verdict.text() == "1 problem found — fix it and check again"
    assert summary.command_box.text.toPlainText() == format_command(INSTALL_CU130)
    summary.command_box.copy_button.click()
    assert QGuiApplication.clipboard().text() == format_command(INSTALL_CU130)
    assert isinstance(summary.finding_widgets[0], FindingCard)  # root cause first, ok lines last
    assert isinstance(summary.finding_widgets[-1], OkLine)
    summary.copy_report_button.click()
    report = QGuiApplication.clipboard().text()
    assert "PyTorch was installed without GPU support" in report and "whl/cu130" in report


@pytest.mark.parametrize(("situation", "expected"), [
    ("healthy", "PyTorch can use your NVIDIA GeForce RTX 4070"),
    ("no-driver", "1 problem found — fix it and check again"),
])
def test_summary_verdicts(make_wizard, scripted, qtbot, situation, expected):
    window = make_wizard(scripted(situation))
    start_and_finish(window, qtbot)
    assert window.summary.verdict.text() == expected


def test_save_report_writes_a_report_the_wizard_can_read_back(make_wizard, qtbot, tmp_path):
    window = make_wizard()
    start_and_finish(window, qtbot)
    target = tmp_path / "report.json"
    assert window.save_report(str(target)) == ""
    snapshot, diagnosis = load_report(target.read_text())
    assert snapshot == window.result.snapshot
    assert diagnosis == window.result.diagnosis
    assert "could not write" in window.save_report(str(tmp_path / "no-such-folder" / "r.json"))


def test_check_again_recollects_and_returns_to_the_first_step(make_wizard, scripted, qtbot):
    check = scripted()
    window = make_wizard(check)
    start_and_finish(window, qtbot)
    while window.currentId() != PAGE_SUMMARY:
        window.next()
    check.release.clear()
    window.summary.check_again_button.click()
    assert window.currentId() == FIRST_STEP_PAGE
    assert window.checking and not next_button(window).isEnabled()
    check.release.set()
    qtbot.waitUntil(lambda: not window.checking, timeout=5000)
    assert len(check.calls) == 2


def test_a_collector_that_raises_becomes_a_finding(make_wizard, scripted, qtbot):
    window = make_wizard(scripted(error=RuntimeError("nvml exploded")))
    start_and_finish(window, qtbot)
    for page in window.step_pages.values():
        (card,) = cards(page)
        assert card.finding.code == COLLECTION_FAILED
        assert "nvml exploded" in card.finding.details
    assert window.summary.verdict.text() == "The check could not run — see the details"
    assert not window.summary.save_report_button.isEnabled()


def test_pages_that_do_not_apply_say_why(make_wizard, scripted, qtbot):
    window = make_wizard(scripted("cpu-machine"))
    start_and_finish(window, qtbot)
    cudnn, toolkit = window.step_pages[Step.CUDNN], window.step_pages[Step.TOOLKIT]
    assert cudnn.note.text() == "Not needed here: cuDNN only matters with an NVIDIA GPU, and none was found."
    assert toolkit.note.text().startswith("Not needed here: a CUDA toolkit only matters with an NVIDIA GPU")
    assert window.summary.verdict.text() == "PyTorch works on the CPU; no NVIDIA GPU found"


def test_read_only_mode_walks_a_report_without_collecting(make_wizard, scripted, qtbot):
    check = scripted(error=AssertionError("read-only mode must never collect"))
    snapshot, diagnosis = SITUATIONS["cpu-build-on-gpu"][0](), SITUATIONS["cpu-build-on-gpu"][1]()
    window = make_wizard(check, report=(snapshot, diagnosis), python=None)
    origin = "Report from another machine (lab-pc-07, 2026-11-03)"
    assert window.origin == origin
    assert origin in window.windowTitle()
    window.next()
    assert window.currentId() == FIRST_STEP_PAGE and next_button(window).isEnabled()
    for page in [*window.step_pages.values(), window.summary]:
        banners = [w for w in page.findChildren(type(window.welcome.intro)) if w.text() == origin]
        assert banners, f"no origin banner on {page.title()}"
    (card,) = cards(window.step_pages[Step.WHEEL])
    assert "Run this fix…" not in button_texts(card)
    (box,) = card.command_boxes
    assert box.text.toPlainText() == format_command(INSTALL_CU130)
    assert not window.summary.check_again_button.isVisibleTo(window.summary)
    assert check.calls == []


def test_open_report_opens_a_read_only_window(make_wizard, qtbot, tmp_path):
    window = make_wizard()
    good = tmp_path / "r.json"
    good.write_text(report_json(SITUATIONS["healthy"][0](), SITUATIONS["healthy"][1]()))
    assert window.open_report(str(good)) == ""
    (other,) = window.other_windows
    qtbot.addWidget(other)
    assert other.read_only and other.result.diagnosis == SITUATIONS["healthy"][1]()
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"schema": "something-else"}))
    assert "not a report this wizard can read" in window.open_report(str(bad))
    assert "Could not read" in window.open_report(str(tmp_path / "missing.json"))


def test_run_goes_straight_to_the_fix_dialog_with_no_second_confirmation(make_wizard, qtbot, monkeypatch):
    """The fix dialog shows the exact command and its plan before its own Run: it is the one confirmation
    (tests/gui_fixing/test_wizard_fixing.py drives the real dialog against a local package index)."""
    window = make_wizard()
    start_and_finish(window, qtbot)
    (card,) = cards(window.step_pages[Step.WHEEL])
    opened: list[tuple[str, ...]] = []
    monkeypatch.setattr(window, "run_fix", lambda action: opened.append(action.argv))
    card.action_buttons[0].click()
    assert opened == [INSTALL_CU130]
    assert QApplication.activeModalWidget() is None  # no dialog of its own came first


def test_window_geometry_is_remembered(make_wizard, temp_settings):
    first = make_wizard()
    first.resize(760, 560)
    first.done(0)
    assert (temp_settings / "TorchSetupWizard" / "torch-setup-wizard.ini").is_file()
    second = make_wizard()
    assert (second.width(), second.height()) == (760, 560)


def test_every_control_has_an_accessible_name(make_wizard, qtbot):
    window = make_wizard()
    start_and_finish(window, qtbot)
    controls = window.findChildren(QAbstractButton) + window.findChildren(QComboBox) + window.findChildren(QPlainTextEdit)
    unnamed = [c for c in controls if not c.accessibleName() and c.isVisibleTo(window)]
    assert controls and not unnamed, [type(c).__name__ + ":" + getattr(c, "text", lambda: "")() for c in unnamed]


def test_keyboard_mnemonics_choose_what_you_need(make_wizard, qtbot):
    window = make_wizard()
    with qtbot.waitActive(window):
        window.activateWindow()
    window.welcome.python_combo.setFocus()
    qtbot.keyClick(window.welcome.python_combo, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(window.welcome.want_buttons["cpu"].isChecked, timeout=2000)  # a mnemonic "animates" the click
    focus_chain = []
    widget = window.welcome.python_combo
    for _ in range(6):
        widget = widget.nextInFocusChain()
        focus_chain.append(widget)
    assert window.welcome.browse_button in focus_chain


def test_goal_keeps_the_torch_index(make_wizard, scripted, qtbot):
    check = scripted()
    window = make_wizard(check, goal=Goal(want="cuda", torch_index="https://mirror.example/whl"))
    assert window.welcome.want_buttons["cuda"].isChecked()
    start_and_finish(window, qtbot)
    assert check.goals[-1] == Goal(want="cuda", torch_index="https://mirror.example/whl")


def test_share_report_opens_the_export_dialog(make_wizard, qtbot):
    window = make_wizard()
    assert window.summary.share_button.isVisible() or not window.summary.isVisible()
    start_and_finish(window, qtbot)
    opened: list[str] = []
    attempts: list[int] = []

    def inspect_and_close() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is not None and type(dialog).__name__ == "ExportDialog":
            opened.append(type(dialog).__name__)
            dialog.reject()
        elif len(attempts) < 100:
            attempts.append(1)
            QTimer.singleShot(20, inspect_and_close)

    QTimer.singleShot(0, inspect_and_close)
    window.summary.share_button.click()
    assert opened == ["ExportDialog"]
