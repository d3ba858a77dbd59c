"""SVG icons from resources/icons (sharp at any DPI), with a drawn fallback if a file is missing."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from wizard.findings import Severity
from wizard.resources_path import resource

APP_ICON = "torch-setup-wizard.svg"
STATUS_ICONS = {
    Severity.OK: "status-ok.svg",
    Severity.ERROR: "status-problem.svg",
    Severity.WARNING: "status-warning.svg",
    Severity.INFO: "status-note.svg",
}
_FALLBACK_COLOURS = {Severity.OK: "#1e8e3e", Severity.ERROR: "#c5221f", Severity.WARNING: "#e8a600", Severity.INFO: "#1a73e8"}


@cache
def svg_icon(name: str) -> QIcon:
    """The icon resources/icons/<name>; an empty QIcon when the resources folder is incomplete."""
    try:
        path = resource("icons", name)
    except FileNotFoundError:
        return QIcon()
    return QIcon(str(path)) if path.is_file() else QIcon()


def app_icon() -> QIcon:
    return svg_icon(APP_ICON)


def status_icon(severity: Severity) -> QIcon:
    icon = svg_icon(STATUS_ICONS[severity])
    return icon if not icon.isNull() else _dot_icon(_FALLBACK_COLOURS[severity])


def status_pixmap(severity: Severity, size: int, device_pixel_ratio: float) -> QPixmap:
    return status_icon(severity).pixmap(QSize(size, size), device_pixel_ratio)


@cache
def _dot_icon(colour: str) -> QIcon:
    pixmap = QPixmap(32, 32)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(colour))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(2, 2, 28, 28)
    painter.end()
    return QIcon(pixmap)
