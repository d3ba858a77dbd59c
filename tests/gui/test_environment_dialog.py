"""The wizard runs a notebook-kernel command (real ipykernel) in its own dialog; a bad shape is refused, not run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import add_site
from wizard.findings import Action
from wizard.gui.environment_dialog import EnvironmentRunDialog, is_environment_command


def test_which_commands_go_to_this_dialog() -> None:
    assert is_environment_command(("/k/python", "-m", "ipykernel", "install", "--user", "--name", "x"), "/c/python")
    assert is_environment_command(("/home/s/.local/bin/uv", "pip", "install", "--python", "/c/python", "torch"), "/c/python")
    assert is_environment_command(("/w/python", "-m", "pip", "install", "ipykernel"), "/c/python")
    assert not is_environment_command(("/c/python", "-m", "pip", "install", "torch"), "/c/python")


@pytest.mark.slow
def test_registering_a_kernel_from_the_dialog(qtbot, tmp_path: Path, ipykernel_site: Path, monkeypatch) -> None:
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "jupyter"))
    working = tmp_path / "working"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(working)], check=True, timeout=120)
    python = str(working / "bin" / "python3")
    add_site(python, ipykernel_site)
    argv = (python, "-m", "ipykernel", "install", "--user", "--name", "course", "--display-name", "Course")
    dialog = EnvironmentRunDialog(None, Action.run("Make this Python the notebook kernel", argv), "/checked/python")
    qtbot.addWidget(dialog)
    assert dialog.changes == python  # the kernel command changes its own Python's registration
    dialog.run_button.click()
    qtbot.waitUntil(lambda: dialog.ok, timeout=60_000)
    spec = json.loads((tmp_path / "jupyter" / "kernels" / "course" / "kernel.json").read_text())
    assert spec["argv"][0] == python and spec["display_name"] == "Course"
    assert dialog.result_label.text().startswith("Done.")


def test_a_bad_kernel_name_is_refused_and_nothing_runs(qtbot, tmp_path: Path) -> None:
    argv = (sys.executable, "-m", "ipykernel", "install", "--user", "--name", "../../escape")
    dialog = EnvironmentRunDialog(None, Action.run("Register", argv), sys.executable)
    qtbot.addWidget(dialog)
    dialog.run_button.click()
    assert dialog.result_label.text().startswith("The wizard will not run this command:")
    assert not dialog.panel.running and dialog.run_button.isEnabled()
