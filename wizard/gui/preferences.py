"""Preferences: the PyTorch index base for mirrors and proxies (QSettings key "torch_index") and the
wizard's language (key "language"; empty: the system's)."""

from __future__ import annotations

from urllib.parse import urlsplit

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from wizard import i18n
from wizard.findings import Goal
from wizard.i18n import text

SETTINGS_KEY = "torch_index"
LANGUAGE_KEY = "language"
DEFAULT_TORCH_INDEX = Goal().torch_index


def _settings() -> QSettings:
    """The wizard's own settings file (window geometry lives there too)."""
    from wizard.gui.wizard import settings

    return settings()


def torch_index_preference(settings: QSettings | None = None) -> str:
    """The saved index base, or https://download.pytorch.org/whl."""
    value = (settings or _settings()).value(SETTINGS_KEY, "")
    return str(value).rstrip("/") if value else DEFAULT_TORCH_INDEX


def index_url_problem(url: str) -> str:
    """'' when url can be an index base; otherwise why not, in plain words."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return text("prefs.bad_url")
    return ""


def set_torch_index_preference(url: str, settings: QSettings | None = None) -> None:
    """Save the base ('' resets to the default). Raises ValueError with a plain message for a bad URL."""
    store = settings or _settings()
    url = url.strip().rstrip("/")
    if not url or url == DEFAULT_TORCH_INDEX:
        store.remove(SETTINGS_KEY)
        return
    problem = index_url_problem(url)
    if problem:
        raise ValueError(problem)
    store.setValue(SETTINGS_KEY, url)


def language_preference(settings: QSettings | None = None) -> str:
    """The saved language code ('' when the system's language is used, or the saved value is not shipped)."""
    value = (settings or _settings()).value(LANGUAGE_KEY, "")
    code = i18n.normalize_locale(str(value)) if value else None
    return code if code in i18n.LANGUAGES else ""


def set_language_preference(code: str, settings: QSettings | None = None) -> None:
    """Save a shipped language code; '' goes back to the system's language."""
    store = settings or _settings()
    if code in i18n.LANGUAGES:
        store.setValue(LANGUAGE_KEY, code)
    else:
        store.remove(LANGUAGE_KEY)


class PreferencesDialog(QDialog):
    """One field: where PyTorch packages come from. pip's own proxy and certificate settings are untouched."""

    def __init__(self, parent: QWidget | None = None, settings: QSettings | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(text("prefs.title"))
        self._settings = settings
        layout = QVBoxLayout(self)
        explanation = QLabel(text("prefs.index_explanation", default=DEFAULT_TORCH_INDEX))
        explanation.setTextFormat(Qt.TextFormat.PlainText)
        explanation.setWordWrap(True)
        layout.addWidget(explanation)
        current = torch_index_preference(settings)
        self.url_edit = QLineEdit("" if current == DEFAULT_TORCH_INDEX else current)
        self.url_edit.setPlaceholderText(DEFAULT_TORCH_INDEX)
        layout.addWidget(self.url_edit)
        self.error_label = QLabel("")
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setStyleSheet("color: #b00020;")
        layout.addWidget(self.error_label)
        self.language_combo = self._language_combo()
        language_label = QLabel(text("prefs.language"))
        language_label.setTextFormat(Qt.TextFormat.PlainText)
        language_label.setBuddy(self.language_combo)
        layout.addWidget(language_label)
        layout.addWidget(self.language_combo)
        note = QLabel(text("prefs.language_note"))
        note.setTextFormat(Qt.TextFormat.PlainText)
        note.setWordWrap(True)
        layout.addWidget(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def save(self) -> None:
        try:
            set_torch_index_preference(self.url_edit.text(), self._settings)
        except ValueError as exc:
            self.error_label.setText(str(exc))
            return
        set_language_preference(str(self.language_combo.currentData() or ""), self._settings)
        self.accept()

    def _language_combo(self) -> QComboBox:
        """The system's language first, then every shipped language named in itself."""
        combo = QComboBox()
        system = i18n.LANGUAGES.get(i18n.os_locale(), i18n.LANGUAGES[i18n.SOURCE_LOCALE])
        combo.addItem(text("prefs.language_system", language=system), "")
        for code, name in i18n.LANGUAGES.items():
            combo.addItem(name, code)
        index = combo.findData(language_preference(self._settings))
        combo.setCurrentIndex(max(index, 0))
        return combo
