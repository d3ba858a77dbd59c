"""Start the Qt application and show the wizard (or a saved report, read-only)."""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from wizard.findings import Diagnosis, Goal
from wizard.gui.icons import app_icon
from wizard.gui.preferences import language_preference
from wizard.gui.translations import apply_language
from wizard.gui.wizard import SETTINGS_APP, SETTINGS_ORG, WINDOW_TITLE, SetupWizard, default_places
from wizard.snapshot import Snapshot

BENCH_FIRST_PAINT = "TSW_BENCH_FIRST_PAINT"
FIRST_PAINT_MARK = "first-paint"  # read by benchmarks/, never by a user


class FirstPaintProbe(QObject):
    """Benchmark hook: print time.monotonic() at the Welcome page's first paint, then quit."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            print(f"{FIRST_PAINT_MARK} {time.monotonic():.6f}", flush=True)
            QTimer.singleShot(0, QApplication.quit)
        return False


def make_application() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication([sys.argv[0]])
    app.setOrganizationName(SETTINGS_ORG)
    app.setApplicationName(SETTINGS_APP)
    app.setApplicationDisplayName(WINDOW_TITLE)
    app.setWindowIcon(app_icon())
    return app


def run_app(python: str | None, goal: Goal, report: tuple[Snapshot, Diagnosis] | None = None) -> int:
    """Show the wizard and run the event loop; returns the process exit status."""
    app = make_application()
    apply_language(app, language_preference())
    window = SetupWizard(python=python, goal=goal, report=report, places=default_places)
    probe = None
    if os.environ.get(BENCH_FIRST_PAINT):
        probe = FirstPaintProbe()
        window.welcome.installEventFilter(probe)
    window.show()
    status = app.exec()
    del probe
    return 0 if status == 0 else 2
