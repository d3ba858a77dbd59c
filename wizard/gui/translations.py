"""Qt's own words (standard buttons, dialogs, QWizard's Back/Next) in the wizard's language.

PySide6-Essentials ships Qt's qtbase_<locale>.qm catalogs (PySide6/Qt/translations); one QTranslator
with the chosen locale's catalog is installed on the application. The wizard's own texts come from
wizard.i18n.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from wizard import i18n

_installed: list[QTranslator] = []  # the application does not own the translator: keep it alive here


def qt_translations_dir() -> str:
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


def install_qt_translator(app: QCoreApplication, locale: str) -> bool:
    """Replace the installed qtbase translator by ``locale``'s; False when Qt ships none (English, pseudo)."""
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    if locale in (i18n.SOURCE_LOCALE, i18n.PSEUDO_LOCALE):
        return False
    translator = QTranslator(app)
    if not translator.load(QLocale(locale), "qtbase", "_", qt_translations_dir()):
        return False
    app.installTranslator(translator)
    _installed.append(translator)
    return True


def desktop_language() -> str | None:
    """The desktop's UI language when no locale variable says it (a macOS app started from the Finder
    gets no LANG); None when the variables decide or Qt names no shipped language."""
    if any(os.environ.get(name) for name in i18n.OS_VARIABLES):
        return None
    for name in QLocale.system().uiLanguages():
        code = i18n.normalize_locale(name)
        if code is not None and code != i18n.PSEUDO_LOCALE:
            return code
    return None


def apply_language(app: QCoreApplication, preference: str | None) -> str:
    """Choose the GUI's language (--lang, TSW_LANG, Preferences, OS) and install Qt's catalog for it."""
    code = i18n.gui_locale(preference or desktop_language())
    if code != i18n.PSEUDO_LOCALE:
        QLocale.setDefault(QLocale(code))
    install_qt_translator(app, code)
    return code
