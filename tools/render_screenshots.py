"""Render every wizard page for three situations to docs/screenshots/<situation>-<page>.png (offscreen).

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/render_screenshots.py [--out docs/screenshots]

The situations are the GUI tests' fixtures (tests/gui/fixtures.py): a CPU build of torch on a
GPU machine, a GPU without a working driver, and a healthy machine. Also renders the page
shown while a check runs, a saved report opened read-only, the Welcome page with the example
course profile (course-welcome.png) and the class overview of a folder of reports (overview.png).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
import threading
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
SIZE = (900, 680)
PAGE_NAMES = ("welcome", "driver", "toolkit", "cudnn", "python", "pytorch", "summary")


def load_fixtures(name: str = "tsw_gui_fixtures", path: Path = REPO / "tests" / "gui" / "fixtures.py"):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def wait_until(app, condition, seconds: float = 10.0) -> None:
    import time

    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the wizard did not finish in time")
        app.processEvents()
        time.sleep(0.005)


def grab(window, path: Path, app) -> None:
    for _ in range(5):
        app.processEvents()
    window.grab().save(str(path))
    print(path.relative_to(REPO) if path.is_relative_to(REPO) else path)


def render_situation(name: str, make_snapshot, make_diagnosis, out: Path, app) -> None:
    from wizard.gui.wizard import PythonChoice, SetupWizard

    snapshot, diagnosis = make_snapshot(), make_diagnosis()
    choices = [PythonChoice(path=sys.executable, version="3.12.3", label="~/venv (venv)", has_torch=True,
                            torch_version=snapshot.python.value.distributions[0].version)]
    window = SetupWizard(python=sys.executable, collect=lambda _python, _progress: snapshot,
                         diagnose=lambda _snapshot, _goal: diagnosis, discover=lambda: choices)
    window.resize(*SIZE)
    window.show()
    wait_until(app, lambda: window.welcome.python_combo.count() > 0 and "venv" in window.welcome.python_combo.itemText(0))
    grab(window, out / f"{name}-welcome.png", app)
    window.next()
    wait_until(app, lambda: window.result is not None and not window.checking)
    for page_name in PAGE_NAMES[1:]:
        grab(window, out / f"{name}-{page_name}.png", app)
        window.next()
    window.close()


def render_checking(fixtures, out: Path, app) -> None:
    from wizard.gui.wizard import SetupWizard

    release = threading.Event()

    def slow_collect(_python, progress):
        progress("Importing PyTorch in your environment…")
        release.wait(30)
        return fixtures.snapshot_healthy()

    window = SetupWizard(python=sys.executable, collect=slow_collect,
                         diagnose=lambda _s, _g: fixtures.diagnosis_healthy(), discover=None)
    window.resize(*SIZE)
    window.show()
    window.next()
    page = window.currentPage()
    wait_until(app, lambda: page.busy is not None and page.busy.stage.text().startswith("Importing"))
    grab(window, out / "checking-driver.png", app)
    release.set()
    window.close()


def render_read_only(fixtures, out: Path, app) -> None:
    from wizard.gui.wizard import SetupWizard

    window = SetupWizard(report=(fixtures.snapshot_cpu_build_on_gpu(), fixtures.diagnosis_cpu_build_on_gpu()),
                         discover=None)
    window.resize(*SIZE)
    window.show()
    grab(window, out / "report-welcome.png", app)
    for _ in range(5):
        window.next()
    grab(window, out / "report-pytorch.png", app)
    window.next()
    grab(window, out / "report-summary.png", app)
    window.close()


def render_course_welcome(out: Path, app) -> None:
    from wizard.findings import Goal
    from wizard.gui.wizard import PythonChoice, SetupWizard
    from wizard.profile import load_profile

    profile = load_profile(REPO / "docs" / "examples" / "course-profile.toml")
    choices = [PythonChoice(path=sys.executable, version="3.12.3", label="~/dl101 (venv)", has_torch=False)]
    window = SetupWizard(python=sys.executable, goal=Goal(want=profile.want, profile=profile), discover=lambda: choices)
    window.resize(*SIZE)
    window.show()
    wait_until(app, lambda: "dl101" in window.welcome.python_combo.itemText(0))
    grab(window, out / "course-welcome.png", app)
    window.close()


def render_overview(out: Path, app) -> None:
    import tempfile

    from PySide6.QtCore import Qt

    from wizard.gui.overview_window import OverviewWindow

    reports = load_fixtures("tsw_overview_reports", REPO / "tests" / "overview" / "reports.py")
    with tempfile.TemporaryDirectory() as folder:
        reports.write_class_folder(Path(folder))
        window = OverviewWindow()
        window.load_folder(Path(folder))
        window.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)  # machines with a root cause first
        window.show()
        grab(window, out / "overview.png", app)
        window.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    args = parser.parse_args(argv)
    from PySide6.QtCore import QSettings

    from wizard.gui.app import make_application

    app = make_application()
    settings_dir = args.out / ".settings"  # never read or write the user's real settings
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(settings_dir))
    args.out.mkdir(parents=True, exist_ok=True)
    fixtures = load_fixtures()
    for name, (make_snapshot, make_diagnosis) in fixtures.SITUATIONS.items():
        render_situation(name, make_snapshot, make_diagnosis, args.out, app)
    render_checking(fixtures, args.out, app)
    render_read_only(fixtures, args.out, app)
    render_course_welcome(args.out, app)
    render_overview(args.out, app)
    import shutil

    shutil.rmtree(settings_dir, ignore_errors=True)
    for window in app.topLevelWidgets():
        window.deleteLater()
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
