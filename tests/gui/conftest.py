"""GUI test fixtures: offscreen Qt, settings in a temp folder, the fixture situations, a controllable collector."""

from __future__ import annotations

import importlib.util
import sys
import threading
from pathlib import Path

import pytest

# tests/ is not a package (pytest runs with --import-mode=importlib): load fixtures.py under a unique name.
_spec = importlib.util.spec_from_file_location("tsw_gui_fixtures", Path(__file__).with_name("fixtures.py"))
gui_fixtures = importlib.util.module_from_spec(_spec)
sys.modules["tsw_gui_fixtures"] = gui_fixtures
_spec.loader.exec_module(gui_fixtures)


@pytest.fixture(autouse=True)
def temp_settings(tmp_path: Path, qapp):
    """Every test gets its own settings folder, so remembered window geometry never leaks."""
    from PySide6.QtCore import QCoreApplication, QSettings

    QCoreApplication.setOrganizationName("TorchSetupWizard")
    QCoreApplication.setApplicationName("torch-setup-wizard")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    yield tmp_path / "settings"


class ScriptedCheck:
    """A collector + diagnose pair: returns a fixture situation, optionally waiting on an Event first."""

    def __init__(self, situation: str = "cpu-build-on-gpu", *, wait: bool = False, error: Exception | None = None):
        make_snapshot, make_diagnosis = gui_fixtures.ALL_SITUATIONS[situation]
        self.snapshot, self.diagnosis = make_snapshot(), make_diagnosis()
        self.release = threading.Event()
        if not wait:
            self.release.set()
        self.error = error
        self.calls: list[str] = []
        self.goals: list[object] = []

    def collect(self, python: str, progress):
        self.calls.append(python)
        progress("Asking the NVIDIA driver…")
        if not self.release.wait(timeout=30):
            raise TimeoutError("the test never released the collector")
        progress("done:gpu")
        if self.error is not None:
            raise self.error
        return self.snapshot

    def diagnose(self, snapshot, goal):
        self.goals.append(goal)
        return self.diagnosis


@pytest.fixture
def make_wizard(qtbot):
    """make_wizard(check=None, **kwargs) -> a shown SetupWizard whose collector is scripted."""
    from wizard.gui.wizard import PythonChoice, SetupWizard

    def _make(check: ScriptedCheck | None = None, **kwargs):
        check = check or ScriptedCheck()
        kwargs.setdefault("python", sys.executable)
        kwargs.setdefault("discover", lambda: [PythonChoice(path=sys.executable, version="3.11.2", label="dev venv",
                                                            has_torch=False)])
        window = SetupWizard(collect=check.collect, diagnose=check.diagnose, **kwargs)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    return _make


@pytest.fixture
def scripted():
    return ScriptedCheck
