"""The wizard in other languages: Qt's own words through QTranslator, the wizard's own words through the
catalogs, and layouts that survive 40 % longer text (pseudo-localisation)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QAbstractButton, QApplication, QGroupBox, QLabel, QWidget, QWizard

from wizard import i18n
from wizard.engine import diagnose
from wizard.gui.translations import install_qt_translator, qt_translations_dir
from wizard.gui.wizard import DEFAULT_SIZE
from wizard.snapshot import Snapshot, from_data

SCENARIO = Path(__file__).resolve().parents[1] / "checks" / "scenarios" / "driver_not_installed.json"
SHIPPED = [code for code in i18n.LANGUAGES if code != i18n.SOURCE_LOCALE]


@pytest.fixture
def language(qapp):
    """language(code): the wizard's and Qt's words in ``code`` for this test; English again afterwards."""

    def _set(code: str) -> None:
        i18n.set_locale(code)
        install_qt_translator(qapp, code)

    yield _set
    i18n.set_locale(i18n.SOURCE_LOCALE)
    install_qt_translator(qapp, i18n.SOURCE_LOCALE)


@pytest.fixture
def no_driver(scripted):
    """A scripted check returning the real engine's diagnosis of an NVIDIA GPU without a driver."""
    data = json.loads(SCENARIO.read_text(encoding="utf-8"))
    check = scripted()
    check.snapshot = from_data(Snapshot, data["snapshot"])
    check.diagnosis = diagnose(check.snapshot)
    return check


def _walk_to_summary(window, qtbot) -> list[QWidget]:
    """Every page from Welcome to the Summary (the check runs on leaving Welcome)."""
    pages = [window.currentPage()]
    window.next()
    qtbot.waitUntil(lambda: window.result is not None and not window.checking, timeout=10_000)
    while window.currentPage() is not window.summary:
        pages.append(window.currentPage())
        window.next()
    return [*pages, window.summary]


@pytest.mark.parametrize("locale", SHIPPED)
def test_pyside6_ships_qts_own_catalog_for_every_language(locale: str) -> None:
    """PySide6-Essentials carries qtbase_<locale>.qm; the translator loads it for each shipped language."""
    translator = QTranslator()
    assert translator.load(QLocale(locale), "qtbase", "_", qt_translations_dir()), locale
    assert not translator.isEmpty()


def test_qt_buttons_and_the_wizards_words_change_language_together(make_wizard, no_driver, language, qtbot) -> None:
    language("de")
    window = make_wizard(no_driver)
    assert window.button(QWizard.WizardButton.NextButton).text().replace("&", "") == "Weiter >"
    assert window.welcome.title() == "Willkommen"
    assert window.welcome.paste_button.text() == i18n.text("gui.welcome.paste", "de")
    pages = _walk_to_summary(window, qtbot)
    driver_page = pages[1]
    card_titles = [label.text() for label in driver_page.findChildren(QLabel)]
    assert i18n.text("DRIVER_MISSING.not_installed.title", "de") in card_titles
    assert window.button(QWizard.WizardButton.BackButton).text().replace("&", "") == "< Zurück"
    assert window.summary.verdict.text() == i18n.text("verdict.one_problem_live", "de")


def test_a_report_saved_in_german_opens_in_spanish(make_wizard, no_driver, language, qtbot) -> None:
    from wizard.report.json_report import load_report, report_json

    language("de")
    german = make_wizard(no_driver)
    _walk_to_summary(german, qtbot)
    saved = report_json(german.result.snapshot, german.result.diagnosis)
    language("es")
    spanish = make_wizard(report=load_report(saved))
    titles = [f.title for f in spanish.result.diagnosis.findings]
    assert i18n.text("DRIVER_MISSING.not_installed.title", "es") in titles
    assert i18n.text("DRIVER_MISSING.not_installed.title", "de") not in titles


# --------------------------------------------------------------------------- pseudo-localisation


def clipped(widget: QWidget) -> str:
    """Why ``widget``'s text does not fit its geometry (elided, cut off or outside the window); '' if it fits."""
    window = widget.window()
    right = widget.mapTo(window, widget.rect().topRight()).x()
    if right > window.width():
        return f"reaches x={right}, past the window's {window.width()}"
    if isinstance(widget, QLabel):
        if widget.wordWrap():
            needed = widget.heightForWidth(widget.width())
            return f"needs height {needed}, has {widget.height()}" if needed > widget.height() else ""
        needed = widget.sizeHint().width()
        return f"needs width {needed}, has {widget.width()}" if needed > widget.width() else ""
    if isinstance(widget, QAbstractButton):
        needed = widget.sizeHint().width()
        return f"needs width {needed}, has {widget.width()}" if needed > widget.width() + 1 else ""
    if isinstance(widget, QGroupBox):
        needed = widget.fontMetrics().horizontalAdvance(widget.title()) + 16
        return f"title needs {needed}, has {widget.width()}" if needed > widget.width() else ""
    return ""


def texts_that_do_not_fit(window: QWizard) -> list[str]:
    """Every visible label, button and group box of the current page, the side list and the wizard's buttons."""
    found = []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, (QLabel, QAbstractButton, QGroupBox)) or not widget.isVisible():
            continue
        why = clipped(widget)
        text = widget.title() if isinstance(widget, QGroupBox) else widget.text()
        if why and text:
            found.append(f"{type(widget).__name__} {text[:40]!r}: {why}")
    return found


def test_pseudo_localised_pages_show_every_label_whole(make_wizard, no_driver, language, qtbot) -> None:
    """40 % longer, accented text on Welcome, every step page and the Summary at the default window size."""
    language(i18n.PSEUDO_LOCALE)
    window = make_wizard(no_driver)
    assert window.welcome.title().startswith("[")  # the pseudo texts are really in use
    problems: dict[str, list[str]] = {}
    checked = 0
    while True:
        qtbot.waitUntil(lambda: not window.checking, timeout=10_000)
        QApplication.processEvents()
        found = texts_that_do_not_fit(window)
        if window.width() > DEFAULT_SIZE[0]:  # long text must wrap, not widen the window past the screen
            found.append(f"the window grew to {window.width()} px wide")
        checked += len([w for w in window.currentPage().findChildren(QLabel) if w.isVisible()])
        if found:
            problems[window.currentPage().title()] = found
        if window.currentPage() is window.summary:
            break
        window.next()
    assert checked >= 20
    assert problems == {}


def test_the_fit_check_sees_text_cut_off_in_a_window_too_small(make_wizard, no_driver, language, qtbot) -> None:
    """The check above is not vacuous: squeezed below its minimum, the same Welcome page reports cut text."""
    language(i18n.PSEUDO_LOCALE)
    window = make_wizard(no_driver)
    window.setMinimumSize(0, 0)
    window.resize(360, 300)
    QApplication.processEvents()
    assert texts_that_do_not_fit(window)


def test_the_bundle_keeps_qts_catalog_of_every_shipped_language() -> None:
    import re

    spec = (Path(__file__).resolve().parents[2] / "packaging" / "torch-setup-wizard.spec").read_text(encoding="utf-8")
    listed = re.search(r'QT_TRANSLATIONS_KEPT = .*?\(([^()]*)\)\)', spec).group(1)
    assert sorted(re.findall(r'"([A-Za-z_]+)"', listed)) == sorted(SHIPPED)


# --------------------------------------------------------------------------- the Preferences choice


def test_the_language_chosen_in_preferences_is_used_at_the_next_start(qtbot, qapp, monkeypatch) -> None:
    from wizard.gui.preferences import PreferencesDialog, language_preference
    from wizard.gui.translations import apply_language

    dialog = PreferencesDialog()
    qtbot.addWidget(dialog)
    combo = dialog.language_combo
    assert combo.itemData(0) == "" and combo.currentIndex() == 0  # the system's language until one is chosen
    assert [combo.itemText(i) for i in range(1, combo.count())] == list(i18n.LANGUAGES.values())
    combo.setCurrentIndex(combo.findData("ko"))
    dialog.save()
    assert language_preference() == "ko"
    monkeypatch.delenv("TSW_LANG", raising=False)
    try:
        i18n.choose_locale(None)  # the command line gave no --lang
        assert apply_language(qapp, language_preference()) == "ko"
        assert i18n.text("severity.error") == "문제"
        monkeypatch.setenv("TSW_LANG", "fr")  # TSW_LANG still wins over the saved choice
        assert apply_language(qapp, language_preference()) == "fr"
        i18n.choose_locale("es")  # and --lang over both
        assert apply_language(qapp, language_preference()) == "es"
    finally:
        i18n.choose_locale("en")
        install_qt_translator(qapp, "en")


def test_a_saved_language_that_is_not_shipped_means_the_systems(qtbot) -> None:
    from wizard.gui.preferences import LANGUAGE_KEY, _settings, language_preference, set_language_preference

    _settings().setValue(LANGUAGE_KEY, "tlh")
    assert language_preference() == ""
    set_language_preference("de")
    set_language_preference("")
    assert language_preference() == ""


def test_the_desktop_language_only_speaks_when_no_locale_variable_does(monkeypatch) -> None:
    from wizard.gui.translations import desktop_language

    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    assert desktop_language() is None  # the variables decide (i18n.os_locale)
    for name in i18n.OS_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    assert desktop_language() in (None, *i18n.LANGUAGES)
