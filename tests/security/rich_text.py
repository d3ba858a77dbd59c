"""One detector for "would Qt render this outside text as rich text?", shared by the GUI plain-text tests."""

from __future__ import annotations

# Markers the hostile strings carry; a widget showing one of them as markup is a defect.
RICH_MARKERS = ("<img", "<h1", "<a href", "<b>", "<script")


def renders_rich(widget) -> list[str]:
    """What in this one widget Qt would render as rich text while it holds a hostile marker."""
    from PySide6 import QtGui
    from PySide6.QtWidgets import QComboBox, QLabel, QWizard

    problems = []
    if isinstance(widget, QLabel) and _rich(widget.text(), widget.textFormat()):
        problems.append(f"label {widget.text()[:60]!r}")
    if isinstance(widget, QWizard):
        for page_id in widget.pageIds():
            page = widget.page(page_id)
            if _rich(page.title(), widget.titleFormat()) or _rich(page.subTitle(), widget.subTitleFormat()):
                problems.append(f"wizard title/subtitle {page.subTitle()[:60]!r}")
    if unescaped_tooltip(widget.toolTip()):
        problems.append(f"tooltip of {type(widget).__name__}: {widget.toolTip()[:60]!r}")
    if isinstance(widget, QComboBox):
        for index in range(widget.count()):
            if unescaped_tooltip(str(widget.itemData(index, QtGui.Qt.ItemDataRole.ToolTipRole) or "")):
                problems.append(f"combo item tooltip {widget.itemText(index)[:60]!r}")
    return problems


def rich_text_problems(window) -> list[str]:
    """renders_rich over a window and every widget in it."""
    from PySide6.QtWidgets import QWidget

    return [problem for widget in [window, *window.findChildren(QWidget)] for problem in renders_rich(widget)]


def unescaped_tooltip(tooltip: str) -> bool:
    from PySide6 import QtGui

    return QtGui.Qt.mightBeRichText(tooltip) and any(marker in tooltip for marker in RICH_MARKERS)


def _rich(text: str, text_format) -> bool:
    from PySide6 import QtGui

    if not any(marker in text for marker in RICH_MARKERS):
        return False
    auto = text_format == QtGui.Qt.TextFormat.AutoText and QtGui.Qt.mightBeRichText(text)
    return text_format == QtGui.Qt.TextFormat.RichText or auto
