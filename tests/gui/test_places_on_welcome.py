"""Welcome lists where code runs (notebook kernels, conda environments, uv projects) from the real discovery."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QLabel

from tests.conda_layouts import make_env, make_installation, pytorch_channel_cpu_records
from wizard.facts.places import collect_places
from wizard.gui.wizard import PythonChoice, SetupWizard


def layout(root: Path) -> tuple[dict[str, str], Path]:
    home = root / "home"
    kernel_env = home / "venvs" / "dl101"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(kernel_env)], check=True, timeout=120)
    spec = home / ".local/share/jupyter/kernels/dl101/kernel.json"
    spec.parent.mkdir(parents=True)
    spec.write_text(json.dumps({"argv": [str(kernel_env / "bin/python3"), "-m", "ipykernel_launcher", "-f",
                                         "{connection_file}"], "display_name": "DL 101", "language": "python"}))
    make_env(make_installation(home), "old", pytorch_channel_cpu_records(), with_python=False, home=home)
    project = home / "thesis"
    project.mkdir()
    (project / "pyproject.toml").write_text('[project]\nname = "thesis"\ndependencies = ["torch"]\n[tool.uv]\n')
    return {"HOME": str(home), "PATH": str(Path(sys.executable).parent)}, project


def labels(widget) -> list[str]:
    return [label.text() for label in widget.findChildren(QLabel)]


def test_welcome_lists_kernels_conda_envs_and_a_uv_project_under_headings(qtbot, tmp_path: Path) -> None:
    env, project = layout(tmp_path)
    places = collect_places(env=env, cwd=project, os_name="linux")
    choice = PythonChoice(path=sys.executable, version="3.12.3", label="this Python", has_torch=False)
    wizard = SetupWizard(discover=lambda: [choice], places=lambda: places)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitUntil(lambda: wizard.welcome.places_box.isVisible(), timeout=10_000)
    assert wizard.welcome.places_box.title() == "Where your code runs"
    texts = labels(wizard.welcome.places_box)
    for heading in ("The terminal's Python", "Notebook kernels", "Conda environments", "uv projects and environments"):
        assert heading in texts
    kernel_line = next(t for t in texts if t.startswith('the notebook kernel "DL 101" (dl101) runs'))
    assert kernel_line.endswith("- no torch")
    assert any(t.startswith("old (") for t in texts)
    assert any("cpuonly 2.0 (0, pytorch)" in t for t in texts)
    assert any(t.startswith("project thesis in") and "torch from PyPI" in t for t in texts)


def test_welcome_stays_usable_when_looking_fails(qtbot) -> None:
    def broken() -> object:
        raise OSError("unreadable kernels folder")

    choice = PythonChoice(path=sys.executable, version="3.12.3", label="this Python", has_torch=False)
    wizard = SetupWizard(discover=lambda: [choice], places=broken)
    qtbot.addWidget(wizard)
    qtbot.waitUntil(lambda: wizard.welcome.python_combo.itemText(0).startswith("this Python")
                    or "3.12.3" in wizard.welcome.python_combo.itemText(0), timeout=10_000)
    assert not wizard.welcome.places_box.isVisible()
