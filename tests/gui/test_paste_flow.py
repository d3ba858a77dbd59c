"""Paste → diagnosis → the wizard opens at the root cause's step with the matched text highlighted
(real PasteDialog, real text diagnosis, real engine)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from wizard.findings import Step
from wizard.gui.paste_dialog import PasteDialog
from wizard.gui.widgets import FindingCard
from wizard.gui.wizard import STEP_PAGES, SetupWizard

CORPUS = Path(__file__).resolve().parents[1] / "textdiag" / "corpus"


def _corpus_text(prefix: str) -> str:
    path = next(CORPUS.glob(f"{prefix}-*.txt"))
    return path.read_text(encoding="utf-8").split("# ---\n", 1)[1]


def _paste_into_dialog(qtbot, text: str, tries: int = 100) -> None:
    """Once the modal paste dialog is up (polling, as a person waits for it), paste and press Diagnose."""

    def fill() -> None:
        # the visible paste dialog itself, not "the active modal widget", which another test's leftover could be
        shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, PasteDialog) and w.isVisible()]
        dialog = shown[-1] if shown else None
        if dialog is None:
            if tries > 0:
                _paste_into_dialog(qtbot, text, tries - 1)
            return
        dialog.text_edit.setPlainText(text)
        dialog.start_diagnosis()

    QTimer.singleShot(50, fill)


def test_pasted_error_opens_at_the_root_cause_with_evidence_highlighted(qtbot) -> None:
    wizard = SetupWizard(discover=None)
    qtbot.addWidget(wizard)
    wizard.show()
    _paste_into_dialog(qtbot, _corpus_text("008"))
    wizard.open_paste_dialog()
    qtbot.waitUntil(lambda: len(wizard.other_windows) == 1, timeout=10000)
    pasted = wizard.other_windows[0]
    qtbot.addWidget(pasted)
    assert pasted.read_only and "pasted" in pasted.windowTitle()
    assert pasted.result.diagnosis.errors[0].code == "GPU_ARCH_UNSUPPORTED"
    assert pasted.currentId() == STEP_PAGES[Step.WHEEL]
    cards = [c for c in pasted.currentPage().findChildren(FindingCard) if c.finding.code == "GPU_ARCH_UNSUPPORTED"]
    assert cards and cards[0].highlighted >= 1
    assert cards[0].details.text.isVisible()
    assert "sm_120 is not compatible" in cards[0].details.text.toPlainText()
    pasted.back()  # the walk keeps its history: Back goes to the step before
    assert pasted.currentId() == STEP_PAGES[Step.PYTHON]


def test_pasted_text_is_described_as_pasted_not_as_a_saved_report(qtbot) -> None:
    wizard = SetupWizard(discover=None)
    qtbot.addWidget(wizard)
    wizard.show()
    _paste_into_dialog(qtbot, _corpus_text("038"))
    wizard.open_paste_dialog()
    qtbot.waitUntil(lambda: len(wizard.other_windows) == 1, timeout=10000)
    pasted = wizard.other_windows[0]
    qtbot.addWidget(pasted)
    intro = pasted.welcome.intro.text()
    assert "text you pasted" in intro and "saved report" not in intro
    assert "(CUDA none)" not in intro


def test_the_summary_of_an_unplaced_paste_says_cannot_tell_and_what_to_run(qtbot) -> None:
    from wizard.gui.wizard import PAGE_SUMMARY

    wizard = SetupWizard(discover=None)
    qtbot.addWidget(wizard)
    wizard.show()
    _paste_into_dialog(qtbot, "I installed torch yesterday and something is wrong when I train, it fails.")
    wizard.open_paste_dialog()
    qtbot.waitUntil(lambda: len(wizard.other_windows) == 1, timeout=10000)
    pasted = wizard.other_windows[0]
    qtbot.addWidget(pasted)
    while pasted.currentId() not in (PAGE_SUMMARY, -1):
        pasted.next()
    summary = pasted.currentPage()
    text = summary.verdict.text()
    assert text.startswith("Cannot tell yet") and "python -m torch.utils.collect_env" in text
