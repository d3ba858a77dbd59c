"""The fresh-environment dialog: folder rules, blocked situations, usage texts, and cancel with real pip."""

from __future__ import annotations

import os
from pathlib import Path, PureWindowsPath

import pytest
from fixing_envs import freeze
from local_index import LocalIndex

from wizard.actions.fresh_env import usage_steps
from wizard.findings import Recommendation
from wizard.gui.fresh_env_dialog import FreshEnvDialog, build_words, folder_problem, suggest_folder


def cu130(python: str, index: LocalIndex) -> Recommendation:
    url = f"{index.torch_base}/cu130"
    argv = (python, "-m", "pip", "install", "torch==2.13.0+cu130", "--index-url", url)
    return Recommendation("install", "torch 2.13.0, CUDA 13.0 build (cu130).", "2.13.0", variant="cu130",
                          index_url=url, argv=argv)


def open_dialog(qtbot, python: str, rec: Recommendation, folder: Path) -> FreshEnvDialog:
    dialog = FreshEnvDialog(None, python, rec, folder=folder)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.ready is not None, timeout=30_000)
    return dialog


def test_folder_rules(tmp_path: Path) -> None:
    assert folder_problem(str(tmp_path / "new" / "torch-env")) == ""
    assert folder_problem(str(tmp_path)) == ""  # empty folders are fine
    assert "Enter the folder" in folder_problem("  ")
    assert "full path" in folder_problem("torch-env")
    (tmp_path / "a-file").write_text("x")
    assert "is a file" in folder_problem(str(tmp_path / "a-file"))
    assert "is not empty" in folder_problem(str(tmp_path)) and "never puts an environment" in folder_problem(str(tmp_path))
    if os.name == "posix" and os.geteuid() != 0:  # root may write anywhere; /proc is Linux's
        assert "cannot create folders" in folder_problem("/proc/torch-env")


def test_suggested_folder_skips_taken_ones(tmp_path: Path) -> None:
    base = tmp_path / "torch-env"
    assert suggest_folder(base) == base
    base.mkdir()
    assert suggest_folder(base) == base  # empty: usable
    (base / "pyvenv.cfg").write_text("home = /usr/bin\n")
    assert suggest_folder(base) == tmp_path / "torch-env-2"


def test_usage_steps_for_both_systems() -> None:
    linux = dict(usage_steps(Path("/home/ana/torch-env"), "posix"))
    assert linux["Use it in a terminal: activate it"] == "source /home/ana/torch-env/bin/activate"
    assert linux["Jupyter: install the kernel package into it"] == "/home/ana/torch-env/bin/python -m pip install ipykernel"
    assert linux["Jupyter: register it as a kernel (once)"].endswith("-m ipykernel install --user --name torch-env")
    windows = usage_steps(PureWindowsPath("C:\\Users\\Ana Lee\\torch-env"), "nt")
    commands = [command for _what, command in windows]
    assert commands[0] == '"C:\\Users\\Ana Lee\\torch-env\\Scripts\\activate.bat"'
    assert commands[1] == '& "C:\\Users\\Ana Lee\\torch-env\\Scripts\\Activate.ps1"'
    assert any("Python: Select Interpreter" in what for what, _command in windows)
    assert commands[2] == '"C:\\Users\\Ana Lee\\torch-env\\Scripts\\python.exe"'


def test_build_words() -> None:
    assert build_words(Recommendation("install", "", "2.13.0", variant="cu130")) == "PyTorch 2.13.0 (CUDA 13.0 build)"
    assert build_words(Recommendation("install", "", "2.13.0", variant="cpu")) == "PyTorch 2.13.0 (CPU build)"


def test_non_empty_folder_is_refused_in_plain_words(qtbot, cpu_env, index: LocalIndex, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    dialog = open_dialog(qtbot, cpu_env.python, cu130(cpu_env.python, index), tmp_path)
    assert not dialog.create_button.isEnabled()
    assert dialog.folder_problem_label.isVisible() and "is not empty" in dialog.folder_problem_label.text()
    dialog.folder_edit.setText(str(tmp_path / "torch-env"))
    assert dialog.create_button.isEnabled() and not dialog.folder_problem_label.isVisible()
    assert "It is made with Python 3." in dialog.python_label.text()
    commands = dialog.commands_view.toPlainText().splitlines()
    assert commands[0].endswith(f"-m venv {tmp_path / 'torch-env'}")
    assert commands[1].startswith(f"{tmp_path / 'torch-env' / 'bin' / 'python'} -m pip install torch==2.13.0+cu130")


def test_unsupported_python_says_which_to_install(qtbot, cpu_env, tmp_path: Path) -> None:
    rec = Recommendation("python", "Python 3.7 is far too old for PyTorch. Install Python 3.10–3.14 from python.org.",
                         url="https://www.python.org/downloads/")
    dialog = open_dialog(qtbot, cpu_env.python, rec, tmp_path / "env")
    assert "Install Python 3.10–3.14" in dialog.blocked_label.text()
    assert dialog.get_python_button.isVisibleTo(dialog) and not dialog.create_button.isEnabled()


def test_nothing_recommended_cannot_create(qtbot, cpu_env, tmp_path: Path) -> None:
    rec = Recommendation("none", "torch 2.13.0 is installed and imports fine; you asked for CPU.")
    dialog = open_dialog(qtbot, cpu_env.python, rec, tmp_path / "env")
    assert "nothing to put into a new environment" in dialog.blocked_label.text()
    assert not dialog.create_button.isEnabled()


def test_cancel_while_installing_leaves_the_old_environment_alone(qtbot, cpu_env, index: LocalIndex,
                                                                   tmp_path: Path) -> None:
    index.fail_download("torch-2.13.0+cu130-py3-none-any.whl", mode="stall")
    folder = tmp_path / "torch-env"
    dialog = open_dialog(qtbot, cpu_env.python, cu130(cpu_env.python, index), folder)
    dialog.create_button.click()
    assert not dialog.close_button.isEnabled() and dialog.cancel_button.isVisible()
    qtbot.waitUntil(lambda: "Downloading torch 2.13.0+cu130" in dialog.panel.stage_label.text(), timeout=60_000)
    assert (folder / "pyvenv.cfg").is_file()  # the venv step ran
    dialog.reject()  # Esc while pip runs does nothing
    assert dialog.isVisible()
    dialog.cancel_button.click()
    qtbot.waitUntil(lambda: dialog.panel.stage_label.text() == "You stopped it.", timeout=30_000)
    index.heal()
    assert "half-made environment" in dialog.result_label.text() and dialog.close_button.isEnabled()
    assert "is not empty" in dialog.folder_problem_label.text() and not dialog.create_button.isEnabled()
    assert freeze(cpu_env.python) == cpu_env.baseline
    assert not dialog.check_button.isVisible()


@pytest.mark.parametrize("os_name", ["posix", "nt"])
def test_usage_steps_quote_spaces(os_name: str) -> None:
    folder = Path("/home/ana/my env") if os_name == "posix" else PureWindowsPath("C:\\Users\\ana\\my env")
    kernel = dict(usage_steps(folder, os_name))["Jupyter: register it as a kernel (once)"]
    assert kernel.endswith("'my env'" if os_name == "posix" else '"my env"')
