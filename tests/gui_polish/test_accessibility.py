"""Every control on every page has a name a screen reader can say, and Tab reaches every action button."""

from __future__ import annotations

import pytest

from tests.gui_polish.situations import SITUATIONS


def visible_controls(window, page):
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit, QWizard

    buttons = [window.button(which) for which in (QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton,
                                                   QWizard.WizardButton.FinishButton, QWizard.WizardButton.CancelButton)]
    found = [*page.findChildren(QAbstractButton), *page.findChildren(QComboBox), *page.findChildren(QLineEdit),
             *page.findChildren(QPlainTextEdit), *buttons]
    return [w for w in found if w.isVisible()]


def spoken_name(widget) -> str:
    from PySide6.QtWidgets import QAbstractButton

    text = widget.text().replace("&", "") if isinstance(widget, QAbstractButton) else ""
    return (widget.accessibleName() or text).strip()


def tab_stops(qtbot, window, presses: int = 80) -> list:
    """The widgets focus visits while pressing Tab, starting from the Next button.

    Reads the window's own focus widget: window activation is asynchronous and sometimes never comes offscreen,
    and until it does QApplication.focusWidget() is None although Tab moves focus inside the window all the same."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QWizard

    window.activateWindow()
    window.button(QWizard.WizardButton.NextButton).setFocus()
    visited = []
    for _ in range(presses):
        focused = window.focusWidget()
        if focused is None:
            break
        visited.append(focused)
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    return visited


def walk_pages(window):
    """Yield each page from Welcome to Summary (the wizard is on the first step page after its check)."""
    window.back()
    yield window.currentPage()
    while True:
        window.next()
        yield window.currentPage()
        if window.currentPage() is window.summary:
            return


@pytest.mark.parametrize("situation", sorted(SITUATIONS))
def test_every_control_on_every_page_has_an_accessible_name(checked_wizard, situation):
    window = checked_wizard(SITUATIONS[situation])
    checked_controls = 0
    for page in walk_pages(window):
        for control in visible_controls(window, page):
            assert spoken_name(control), f"{type(control).__name__} without a name on {page.title()!r}"
            checked_controls += 1
    assert checked_controls > 30  # Welcome's choices, each page's wizard buttons, the cards' actions


@pytest.mark.parametrize("situation", sorted(SITUATIONS))
def test_tab_reaches_every_action_button(qtbot, checked_wizard, situation):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractButton, QRadioButton

    window = checked_wizard(SITUATIONS[situation])
    for page in walk_pages(window):
        qtbot.wait(10)
        stops = tab_stops(qtbot, window)
        expected = [w for w in visible_controls(window, page)
                    if isinstance(w, QAbstractButton) and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus
                    and not (isinstance(w, QRadioButton) and not w.isChecked())]  # a radio group is one Tab stop
        missing = [spoken_name(w) for w in expected if w not in stops]
        assert not missing, f"Tab never reaches {missing} on {page.title()!r}"
        assert len(expected) >= 3


def test_the_action_buttons_on_a_problem_card_are_tab_stops(checked_wizard, qtbot):
    """The CPU-build card: the preview of the command, then Run this fix, Copy, the link and Show details."""
    from wizard.findings import Step
    from wizard.gui.widgets import FindingCard

    window = checked_wizard("cpu_wheel_on_rtx4070")
    while window.currentPage() is not window.step_pages[Step.WHEEL]:
        window.next()
    qtbot.wait(10)
    (card,) = [w for w in window.step_pages[Step.WHEEL].finding_widgets if isinstance(w, FindingCard)]
    names = [spoken_name(w) for w in tab_stops(qtbot, window) if card.isAncestorOf(w)]
    assert names[:5] == [
        "Copy the command: the text it copies",
        "Run this fix: Install PyTorch 2.13.0 (CUDA 13.0)",  # the installed version, another build
        "Copy the command",
        "Open PyTorch install selector",
        "Show technical details",
    ]
