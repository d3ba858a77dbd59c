"""Interpreter discovery against a home folder of real venvs, fake launchers and real pyenv Pythons."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import pytest

from wizard.facts.discover import (
    InterpreterChoice,
    discover_interpreters,
    parse_answer,
    parse_conda_envs,
    parse_py_launcher,
)

pytestmark = pytest.mark.skipif(os.name == "nt", reason="the fake launchers are POSIX shell scripts")


def script(path: Path, body: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\n" + body)
    path.chmod(0o755)
    return path


@pytest.fixture(scope="module")
def machine(make_venv, tmp_path_factory: pytest.TempPathFactory, require_pyenv_module) -> dict:
    """HOME with ~/.venv (active, with torch), ~/.virtualenvs/a, ~/envs/b; PATH with python3, py, conda."""
    home = tmp_path_factory.mktemp("home")
    active = make_venv("home-venv")
    os.rename(active.root, home / ".venv")
    torch_dist = home / ".venv" / active.site_packages.relative_to(active.root) / "torch-2.13.0+cu130.dist-info"
    torch_dist.mkdir(parents=True)
    (home / ".virtualenvs").mkdir()
    os.rename(make_venv("a").root, home / ".virtualenvs" / "a")
    (home / "envs").mkdir()
    os.rename(make_venv("b").root, home / "envs" / "b")
    conda_env = make_venv("conda-env")
    bin_dir = home / "bin"
    bin_dir.mkdir()
    (bin_dir / "python3").symlink_to(sys.executable)
    script(bin_dir / "python", "echo 'Python was not found; run without arguments to install from the Store' >&2\nexit 9009\n")
    py_37 = require_pyenv_module("3.7")
    script(bin_dir / "py", f"echo ' -V:3.7 *        {py_37}'\necho ' -V:3.11         {bin_dir / 'missing.exe'}'\n")
    envs = {"envs": [str(conda_env.root), str(home / "nowhere")]}
    script(bin_dir / "conda", f"cat <<'EOF'\n{json.dumps(envs)}\nEOF\n")
    env = {
        "HOME": str(home),
        "PATH": str(bin_dir),
        "VIRTUAL_ENV": str(home / ".venv"),
        "PYENV_ROOT": str(Path(py_37).parent.parent.parent.parent),
    }
    return {"env": env, "home": home, "conda_env": conda_env.root, "py_37": py_37, "bin": bin_dir}


@pytest.fixture(scope="module")
def require_pyenv_module():
    from tests_conftest_bridge import pyenv_python  # noqa: F401  (replaced below)


def test_parse_py_launcher_both_formats() -> None:
    new = " -V:3.12 *        C:\\Users\\ann\\AppData\\Local\\Programs\\Python\\Python312\\python.exe\n"
    old = "Installed Pythons found by py Launcher for Windows\n -3.9-64        C:\\Program Files\\Python39\\python.exe\n"
    assert parse_py_launcher(new + old) == [
        "C:\\Users\\ann\\AppData\\Local\\Programs\\Python\\Python312\\python.exe",
        "C:\\Program Files\\Python39\\python.exe",
    ]
    assert parse_py_launcher("No installed Pythons found!\n") == []


def test_parse_conda_and_answers() -> None:
    assert parse_conda_envs('{"envs": ["/opt/conda", "/opt/conda/envs/ml", 3]}') == ["/opt/conda", "/opt/conda/envs/ml"]
    assert parse_conda_envs("not json") == [] and parse_conda_envs("[1]") == []
    assert parse_answer("noise\ntsw-discover 3.12.1 2.13.0+cpu /opt/my env\n") == ("3.12.1", "2.13.0+cpu", "/opt/my env")
    assert parse_answer("tsw-discover 3.12.1 - /usr\n") == ("3.12.1", "", "/usr")
    assert parse_answer("garbage") is None
