"""The step indicator, the finding cards' layout helpers, the warm-up, and the screenshot script."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent.parent


def test_step_pages_say_which_step_they_are(checked_wizard):
    from wizard.findings import Step

    window = checked_wizard("healthy_cuda_linux")
    titles = [window.step_pages[step].title() for step in Step]
    assert titles == ["Step 1 of 5 · GPU and driver", "Step 2 of 5 · CUDA toolkit", "Step 3 of 5 · cuDNN",
                      "Step 4 of 5 · Python environment", "Step 5 of 5 · PyTorch"]


def test_step_list_marks_the_current_page_and_each_steps_status(checked_wizard):
    window = checked_wizard("cpu_wheel_on_rtx4070")
    names = [row.accessibleName() for row, _icon, _text in window.step_list.rows]
    assert names == [
        "Welcome",
        "Step 1 of 5: GPU and driver — OK (you are here)",
        "Step 2 of 5: CUDA toolkit — OK",
        "Step 3 of 5: cuDNN — OK",
        "Step 4 of 5: Python environment — OK",
        "Step 5 of 5: PyTorch — Problem",
        "Summary",
    ]
    icons = [icon.pixmap().isNull() for _row, icon, _text in window.step_list.rows]
    assert icons == [True, False, False, False, False, False, True]  # icons for the five steps only
    for _ in range(5):
        window.next()
    assert window.step_list.rows[6][0].accessibleName() == "Summary (you are here)"
    assert window.step_list.rows[6][0].autoFillBackground() and not window.step_list.rows[1][0].autoFillBackground()


def test_step_list_says_checking_while_the_check_runs(qtbot):
    import threading

    from tests.gui_polish.situations import load_scenario, real_diagnose
    from wizard.gui.wizard import SetupWizard

    snapshot, goal = load_scenario("healthy_cuda_linux")
    release = threading.Event()

    def slow_collect(_python, _progress):
        release.wait(10)
        return snapshot

    window = SetupWizard(python=sys.executable, goal=goal, collect=slow_collect, diagnose=real_diagnose, discover=None)
    qtbot.addWidget(window)
    window.show()
    window.next()
    assert window.step_list.rows[2][0].accessibleName() == "Step 2 of 5: CUDA toolkit — checking…"
    assert not window.button(window.WizardButton.NextButton).isEnabled()
    release.set()
    qtbot.waitUntil(lambda: window.result is not None, timeout=10_000)
    assert window.step_list.rows[2][0].accessibleName() == "Step 2 of 5: CUDA toolkit — OK"


@pytest.mark.parametrize(("widths", "budget", "rows"), [
    ([100, 100, 100], 400, [[0, 1, 2]]),
    ([100, 100, 100], 210, [[0, 1], [2]]),
    ([300, 50], 200, [[0], [1]]),  # an item wider than the budget still gets a row of its own
    ([], 100, []),
])
def test_wrap_into_rows(widths, budget, rows):
    from wizard.gui.widgets import wrap_into_rows

    assert wrap_into_rows(widths, budget, spacing=6) == rows


@pytest.mark.parametrize(("label", "text"), [
    ("Download the NVIDIA driver", "Download the NVIDIA driver"),
    ("PyTorch install selector", "Open PyTorch install selector"),
    ("What 'externally managed' means", "What 'externally managed' means (web page)"),
    ("Open the docs", "Open the docs"),
])
def test_link_buttons_read_as_plain_english(label, text):
    from wizard.gui.widgets import link_button_text

    assert link_button_text(label) == text


def test_a_card_shows_the_command_its_copy_button_copies(checked_wizard, qtbot):
    from wizard.findings import Step
    from wizard.gui.widgets import FindingCard

    window = checked_wizard("ubuntu_system_python_with_gpu")
    while window.currentPage() is not window.step_pages[Step.PYTHON]:
        window.next()
    (card,) = [w for w in window.step_pages[Step.PYTHON].finding_widgets if isinstance(w, FindingCard)]
    (preview,) = card.copy_previews
    copy = next(a for a in card.finding.actions if a.label == "Copy the commands")
    assert preview.toPlainText() == copy.text.strip()
    assert "-m venv" in preview.toPlainText() and "pip install" in preview.toPlainText()
    qtbot.waitUntil(lambda: preview.verticalScrollBar().maximum() == 0)  # every wrapped line visible


def test_a_saved_report_shows_a_command_once(qtbot):
    from tests.gui_polish.situations import load_scenario, real_diagnose
    from wizard.findings import Step
    from wizard.gui.widgets import FindingCard
    from wizard.gui.wizard import SetupWizard

    snapshot, goal = load_scenario("cpu_wheel_on_rtx4070")
    window = SetupWizard(report=(snapshot, real_diagnose(snapshot, goal)), discover=None)
    qtbot.addWidget(window)
    (card,) = [w for w in window.step_pages[Step.WHEEL].finding_widgets if isinstance(w, FindingCard)]
    (box,) = card.command_boxes
    assert "torch==2.13.0+cu130" in box.text.toPlainText()  # the installed version, as a CUDA build
    assert card.copy_previews == [] and all("Copy" not in b.text() for b in card.action_buttons)


def test_the_summary_command_box_grows_to_its_wrapped_lines(checked_wizard, qtbot):
    window = checked_wizard("ubuntu_system_python_with_gpu")
    window.resize(760, 560)
    for _ in range(5):
        window.next()
    box = window.summary.command_box.text
    qtbot.waitUntil(lambda: box.verticalScrollBar().maximum() == 0)
    assert box.document().documentLayout().documentSize().height() >= 3  # two commands, wrapped


def test_the_window_fits_760_pixels_beside_the_step_list(checked_wizard):
    window = checked_wizard("ubuntu_system_python_with_gpu")
    for _ in range(5):
        window.next()
    assert window.minimumSizeHint().width() <= 760
    assert window.welcome.minimumSizeHint().width() + window.step_list.sizeHint().width() < 740


def test_warm_up_imports_everything_a_check_needs():
    from wizard.gui.workers import WARM_UP_MODULES, warm_up

    assert warm_up() == []
    assert all(name in sys.modules for name in WARM_UP_MODULES)


def test_screenshot_script_renders_every_picture_from_real_diagnoses(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, str(REPO / "tools" / "render_screenshots.py"), "--out", str(tmp_path)],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    pictures = sorted(p.name for p in tmp_path.glob("*.png"))
    expected = {f"{name}-{page}.png" for name in ("cpu-build-on-gpu", "no-driver", "healthy")
                for page in ("welcome", "driver", "toolkit", "cudnn", "python", "pytorch", "summary")}
    expected |= {"system-python-python.png", "system-python-summary.png", "pasted-error-summary.png",
                 "course-welcome.png", "overview.png", "dark-pytorch.png", "dark-summary.png", "checking-driver.png"}
    assert expected <= set(pictures), expected - set(pictures)
    for name in ("healthy-summary.png", "dark-summary.png"):
        data = (tmp_path / name).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert struct.unpack(">II", data[16:24]) == (900, 680)
