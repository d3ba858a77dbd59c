"""Course profiles in the wizard (pytest-qt, offscreen): opening one, the course on every page, broken files."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from tests.profile.machines import installed, snapshot
from wizard.engine import diagnose
from wizard.findings import Goal, Severity, Step
from wizard.gui.widgets import FindingCard, OkLine
from wizard.gui.wizard import SetupWizard
from wizard.knowledge import load_knowledge
from wizard.profile import load_profile

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "course-profile.toml"
COURSE_LINE = "Course: Deep Learning 101 (Winter 2026) — questions: dl101-help@example.edu"


@pytest.fixture(autouse=True)
def temp_settings(tmp_path: Path, qapp):
    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))


@pytest.fixture
def make_wizard(qtbot):
    """A shown wizard whose check returns a hand-built machine (torch 2.3.0, CPU) diagnosed by the real engine."""
    knowledge = load_knowledge()
    python, torch = installed("2.3.0+cpu", torchvision="0.18.0+cpu")
    machine = snapshot(python, torch=torch)
    goals: list[Goal] = []

    def run_diagnosis(snap, goal):
        goals.append(goal)
        return diagnose(snap, knowledge, goal)

    def _make(**kwargs) -> SetupWizard:
        window = SetupWizard(python=sys.executable, collect=lambda _python, _progress: machine,
                             diagnose=run_diagnosis, discover=None, **kwargs)
        window.goals = goals
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    return _make


def all_pages(window: SetupWizard) -> list:
    return [window.welcome, *window.step_pages.values(), window.summary]


def answer_next_message_box(seen: list[str]) -> None:
    """Read and close the next modal message box (QMessageBox.warning blocks until it is closed)."""

    def close() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.close()
        else:
            QTimer.singleShot(20, close)

    QTimer.singleShot(20, close)


def test_opening_a_profile_names_the_course_on_every_page_and_checks_against_it(make_wizard, qtbot):
    window = make_wizard()
    assert all("Course:" not in page.subTitle() for page in all_pages(window))
    assert not window.welcome.course_banner.isVisibleTo(window)
    assert window.open_profile(str(EXAMPLE)) == ""
    for page in all_pages(window):
        assert page.subTitle().endswith("\n" + COURSE_LINE), page.title()
    banner = window.welcome.course_banner.text()
    assert window.welcome.course_banner.isVisibleTo(window)
    assert banner.startswith("Course: Deep Learning 101 (Winter 2026)\nChecking against what the course needs: "
                             "Python >=3.11,<3.13, PyTorch >=2.4,<3, a GPU if this computer has one, torchvision (the version "
                             "matching PyTorch), "
                             "numpy >=1.26")
    window.next()
    qtbot.waitUntil(lambda: window.result is not None and not window.checking, timeout=10000)
    assert window.goals[-1].profile.name == "Deep Learning 101 (Winter 2026)"
    wheel_cards = [w.finding for w in window.step_pages[Step.WHEEL].finding_widgets if isinstance(w, FindingCard)]
    torch_finding = next(f for f in wheel_cards if f.code == "COURSE_TORCH_VERSION")
    assert torch_finding.severity is Severity.ERROR and "needs PyTorch >=2.4,<3" in torch_finding.title
    # the example's smoke test (gpu_matmul) really ran, with this test's own Python, which has no torch
    smoke = next(f for f in wheel_cards if f.code == "COURSE_SMOKE_TEST")
    assert smoke.severity is Severity.ERROR
    assert smoke.explanation.endswith("The gpu_matmul smoke test failed: ModuleNotFoundError: No module named 'torch'.")
    python_lines = [w for w in window.step_pages[Step.PYTHON].finding_widgets if isinstance(w, OkLine)]
    assert "Python 3.12.3 is one Deep Learning 101 (Winter 2026) supports" in [line.title.text() for line in python_lines]


def test_open_course_profile_button_loads_the_chosen_file(make_wizard, qtbot, monkeypatch, tmp_path):
    profile = tmp_path / "gpu-course.toml"
    profile.write_text('[course]\nname = "GPU course"\n[torch]\ncuda = "required"\n', encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_args, **_kw: (str(profile), ""))
    window = make_wizard()
    assert window.welcome.profile_button.isVisible() and window.welcome.profile_button.text() == "Open course &profile…"
    qtbot.mouseClick(window.welcome.profile_button, Qt.MouseButton.LeftButton)
    assert window.profile is not None and window.profile.name == "GPU course"
    assert window.welcome.want_buttons["cuda"].isChecked()  # cuda = "required" picks "My NVIDIA GPU"
    assert window.welcome.subTitle().endswith("\nCourse: GPU course")


def test_a_broken_profile_is_a_plain_message_and_changes_nothing(make_wizard, qtbot, monkeypatch, tmp_path):
    broken = tmp_path / "course.toml"
    broken.write_text('[course]\nname = "x"\n[torch]\ncuda = "maybe"\n', encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_args, **_kw: (str(broken), ""))
    window = make_wizard()
    seen: list[str] = []
    answer_next_message_box(seen)
    qtbot.mouseClick(window.welcome.profile_button, Qt.MouseButton.LeftButton)
    assert seen == [f"{broken}, line 4: cuda = 'maybe' must be one of required, preferred, not_needed"]
    assert window.profile is None and "Course:" not in window.welcome.subTitle()


def test_a_wizard_started_with_a_profile_shows_it_from_the_start(make_wizard):
    # what `torch-setup-wizard gui --profile FILE` does: the command loads the profile into the Goal
    window = make_wizard(goal=Goal(profile=load_profile(EXAMPLE)))
    assert all(page.subTitle().endswith(COURSE_LINE) for page in all_pages(window))
    assert window.welcome.course_banner.isVisibleTo(window)


def test_read_only_reports_offer_no_profile_button(qtbot):
    python, torch = installed("2.13.0+cpu")
    machine = snapshot(python, torch=torch)
    window = SetupWizard(report=(machine, diagnose(machine)), discover=None)
    qtbot.addWidget(window)
    assert not window.welcome.profile_button.isVisibleTo(window)
