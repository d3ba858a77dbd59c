"""Preferences: the PyTorch index base for mirrors and proxies (QSettings key "torch_index")."""

from __future__ import annotations

from urllib.parse import urlsplit

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from wizard.findings import Goal

SETTINGS_KEY = "torch_index"
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
        return "Enter a web address starting with https:// (or http:// for a mirror inside your network)."
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


class PreferencesDialog(QDialog):
    """One field: where PyTorch packages come from. pip's own proxy and certificate settings are untouched."""

    def __init__(self, parent: QWidget | None = None, settings: QSettings | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self._settings = settings
        layout = QVBoxLayout(self)
        explanation = QLabel(
            "PyTorch index (for mirrors and proxies). It replaces "
            f"{DEFAULT_TORCH_INDEX} in every PyTorch install command. Leave empty for the default."
        )
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
        self.accept()
