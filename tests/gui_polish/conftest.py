"""Fixtures for the polish tests: offscreen Qt, a private settings folder, wizards over real diagnoses of scenarios."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.gui_polish.situations import load_scenario, real_diagnose


@pytest.fixture(autouse=True)
def temp_settings(tmp_path: Path, qapp):
    from PySide6.QtCore import QCoreApplication, QSettings

    QCoreApplication.setOrganizationName("TorchSetupWizard")
    QCoreApplication.setApplicationName("torch-setup-wizard")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    yield tmp_path / "settings"


@pytest.fixture
def checked_wizard(qtbot):
    """checked_wizard(scenario) -> a shown wizard on its first step page, after a check of that scenario."""
    from wizard.gui.wizard import SetupWizard

    def _make(scenario: str):
        snapshot, goal = load_scenario(scenario)
        window = SetupWizard(python=sys.executable, goal=goal, collect=lambda _python, _progress: snapshot,
                             diagnose=real_diagnose, discover=None)
        qtbot.addWidget(window)
        window.resize(900, 680)
        window.show()
        qtbot.waitExposed(window)
        window.next()
        qtbot.waitUntil(lambda: window.result is not None and not window.checking, timeout=10_000)
        return window

    return _make
