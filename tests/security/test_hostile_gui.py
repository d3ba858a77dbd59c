"""A hostile report walked read-only in the wizard, and a folder of them in the overview window: every page
shown and painted, nothing rendered as rich text, the FIFO named in an <img> never opened."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from tests.security.hostile import hostile_report, hostile_strings, with_hostname
from tests.security.referee import SECRET, hostile_case
from tests.security.rich_text import rich_text_problems

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="the FIFO canary needs POSIX")
NAMES = list(hostile_strings(Path("/x")))


class FifoWatch:
    """Set when anyone opens the FIFO for reading (Qt loading an <img>); the reader is let go at once."""

    def __init__(self, path: Path) -> None:
        os.mkfifo(path)
        self.path, self.opened, self._stop = path, False, threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        while not self._stop.is_set():
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_NONBLOCK)
            except OSError:
                time.sleep(0.01)
                continue
            self.opened = True
            os.close(fd)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)


def walk_report_read_only(text: str, qtbot, out) -> None:
    from PySide6.QtWidgets import QApplication

    from wizard.gui.wizard import SetupWizard

    window = SetupWizard(report=hostile_report(text), discover=None)
    qtbot.addWidget(window)
    window.show()
    for _ in range(len(window.pageIds())):
        window.grab()
        window.next()
        QApplication.processEvents()
    out.output(window.windowTitle(), *(page.subTitle() for page in map(window.page, window.pageIds())))
    assert rich_text_problems(window) == []
    window.close()


def walk_overview(text: str, folder: Path, qtbot, out) -> None:
    from wizard.gui.overview_window import OverviewWindow
    from wizard.report.json_report import report_json

    snapshot, diagnosis = hostile_report(text)
    (folder / "pc.json").write_text(report_json(with_hostname(snapshot, text), diagnosis), encoding="utf-8")
    (folder / "broken.json").write_text("{" + text[:1000], encoding="utf-8", errors="replace")
    window = OverviewWindow()
    qtbot.addWidget(window)
    window.load_folder(folder)
    window.show()
    window.grab()
    model = window.model
    cells = [model.item(row, column) for row in range(model.rowCount()) for column in range(model.columnCount())]
    out.output(*(cell.text() for cell in cells if cell is not None), window.skipped.toPlainText())
    assert rich_text_problems(window) == []
    assert model.rowCount() == 1 and "broken.json" in window.skipped.toPlainText()
    window.close()


@pytest.mark.parametrize("where", ["report-gui", "overview-gui"])
@pytest.mark.parametrize("name", NAMES)
def test_hostile_reports_stay_plain_text_in_the_windows(name: str, where: str, tmp_path: Path, canary: Path,
                                                        qtbot) -> None:
    text = hostile_strings(canary)[name]
    watch = FifoWatch(canary.parent / "fifo")
    folder = tmp_path / "class"
    folder.mkdir()
    try:
        body = (lambda out: walk_report_read_only(text, qtbot, out)) if where == "report-gui" else (
            lambda out: walk_overview(text, folder, qtbot, out))
        hostile_case(f"gui:{name}:{where}", where, body, canary=canary, secrets=(SECRET,), in_thread=False)
    finally:
        watch.stop()
    assert not watch.opened, "Qt opened the FIFO named in an <img>"
