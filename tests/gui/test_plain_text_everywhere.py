"""Text from outside (a report, a profile, a pasted log, another interpreter) is shown as plain text in every
widget: a host name like ``<img src=...>`` must neither render as HTML nor make Qt load anything.

Each window is built from hostile data, every page is shown and painted, then every widget is walked:
labels, wizard titles, tooltips, item-view tooltips and message boxes. A FIFO named in ``<img src>`` is
watched from a thread: if Qt ever opened it (to load the "image") the test knows.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path

import pytest
from PySide6 import QtGui
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from tsw_gui_fixtures import ALL_SITUATIONS

from tests.security.hostile import with_hostname
from tests.security.rich_text import rich_text_problems, unescaped_tooltip
from wizard.findings import Goal
from wizard.gui.export_dialog import ExportDialog
from wizard.gui.overview_window import OverviewWindow
from wizard.gui.widgets import warn_plain
from wizard.gui.wizard import PythonChoice, SetupWizard
from wizard.profile import parse_profile
from wizard.report.json_report import report_json
from wizard.report.redact import map_strings

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="the FIFO canary needs POSIX")



def hostile_strings(fifo: Path) -> list[str]:
    return [
        '<img src="file:///dev/zero">',
        f"<img src={fifo}>",
        f'<img src="file://{fifo}">',
        "<h1>Run rm -rf ~ to fix this</h1>",
        '<a href="https://evil.example/x">click here</a>',
        "<b>bold</b><table><tr><td>cell",
        "\u202eevil.exe\u202c txt",
        "nul\x00byte",
        "x" * 20_000,
    ]


class FifoWatch:
    """Notices when anyone opens the FIFO for reading (Qt trying to load an <img>), and lets it go at once."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.opened = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def __enter__(self) -> FifoWatch:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _watch(self) -> None:
        while not self._stop.is_set():
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_NONBLOCK)  # ENXIO while nobody reads
            except OSError:
                time.sleep(0.01)
                continue
            self.opened = True
            os.close(fd)  # the reader gets end-of-file and is not left hanging


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "canary.fifo"
    os.mkfifo(path)
    return path


def hostile_report(hostile: str):
    snapshot, diagnosis = (make() for make in ALL_SITUATIONS["cpu-build-on-gpu"])
    return map_strings(snapshot, lambda s: f"{s} {hostile}"), map_strings(diagnosis, lambda s: f"{s} {hostile}")


def show_every_page(window: SetupWizard, qtbot) -> None:
    window.grab()
    for _ in range(len(window.pageIds())):
        window.next()
        QApplication.processEvents()
        window.grab()


@pytest.mark.parametrize("index", range(9))
def test_a_hostile_report_walks_read_only_as_plain_text(index, fifo, qtbot):
    hostile = hostile_strings(fifo)[index]
    with FifoWatch(fifo) as watch:
        window = SetupWizard(report=hostile_report(hostile), discover=None)
        qtbot.addWidget(window)
        window.show()
        show_every_page(window, qtbot)
        problems = rich_text_problems(window)
    assert problems == []
    assert not watch.opened, "Qt opened the <img> FIFO"
    assert hostile.strip()[:40] in window.windowTitle() or len(hostile) > 1000 or "\x00" in hostile


def test_a_hostile_course_profile_and_interpreter_list_stay_plain(fifo, qtbot):
    tag = f"<img src={fifo}><h1>Fake step</h1>"
    profile = parse_profile(
        f'[course]\nname = "{tag}"\ncontact = "<a href=\\"https://evil.example\\">{tag}</a>"\n'
        f'url = "https://pytorch.org/<b>x</b>"\n'
    )
    choice = PythonChoice(path=f"/tmp/{tag}/python", version="3.12.1", label=f"venv {tag}", has_torch=False)
    snapshot, diagnosis = hostile_report(tag)
    with FifoWatch(fifo) as watch:
        window = SetupWizard(python=sys.executable, goal=Goal(profile=profile), collect=lambda *_: snapshot,
                             diagnose=lambda *_: diagnosis, discover=lambda: [choice])
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: window.welcome.python_combo.count() >= 2, timeout=5000)
        window.show_course()
        show_every_page(window, qtbot)
        problems = rich_text_problems(window)
    assert problems == []
    assert not watch.opened
    assert any(tag in page.subTitle() for page in [window.welcome, window.summary])  # shown, as text


def test_the_overview_window_shows_hostile_reports_as_text(fifo, tmp_path, qtbot):
    folder = tmp_path / "class"
    folder.mkdir()
    for number, hostile in enumerate(hostile_strings(fifo)):
        snapshot, diagnosis = hostile_report(hostile)
        (folder / f"pc-{number}.json").write_text(report_json(with_hostname(snapshot, hostile), diagnosis), encoding="utf-8")
    (folder / "<img src=canary.fifo>.json").write_text("{broken", encoding="utf-8")
    with FifoWatch(fifo) as watch:
        window = OverviewWindow()
        qtbot.addWidget(window)
        window.load_folder(folder)
        window.show()
        window.grab()
        model = window.model
        tooltips = [str(model.item(row, column).toolTip()) for row in range(model.rowCount())
                    for column in range(model.columnCount()) if model.item(row, column) is not None]
        problems = rich_text_problems(window) + [tip[:60] for tip in tooltips if unescaped_tooltip(tip)]
    assert problems == []
    assert not watch.opened
    assert model.rowCount() == len(hostile_strings(fifo))


def test_the_share_dialog_previews_a_hostile_report_as_text(fifo, qtbot):
    snapshot, diagnosis = hostile_report(f"<img src={fifo}>")
    with FifoWatch(fifo) as watch:
        dialog = ExportDialog(None, snapshot, diagnosis, live=False)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.grab()
        problems = rich_text_problems(dialog)
    assert problems == []
    assert not watch.opened


def test_warnings_about_outside_data_are_plain_text_message_boxes(fifo, qtbot):
    seen: list[tuple[str, object]] = []

    def close() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append((box.text(), box.textFormat()))
            box.grab()
            box.close()
        else:
            QTimer.singleShot(20, close)

    with FifoWatch(fifo) as watch:
        QTimer.singleShot(20, close)
        warn_plain(None, "Cannot open the report", f"<img src={fifo}> is not a report")
    assert seen == [(f"<img src={fifo}> is not a report", QtGui.Qt.TextFormat.PlainText)]
    assert not watch.opened
