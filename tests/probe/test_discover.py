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


STORE_ALIAS_MESSAGE = (
    "Python was not found; run without arguments to install from the Microsoft Store, or disable this shortcut "
    "from Settings > Apps > Advanced app settings > App execution aliases."
)


def script(path: Path, body: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\n" + body)
    path.chmod(0o755)
    return path


@pytest.fixture
def machine(make_venv, tmp_path: Path, require_pyenv, monkeypatch: pytest.MonkeyPatch) -> dict:
    """HOME with ~/.venv (active, with torch), ~/.virtualenvs/a, ~/envs/b; PATH with python3, python, py, conda."""
    monkeypatch.chdir(tmp_path)  # no ./.venv here
    home = tmp_path / "home"
    home.mkdir()
    active = make_venv("home-venv")
    os.rename(active.root, home / ".venv")
    site_packages = home / ".venv" / active.site_packages.relative_to(active.root)
    (site_packages / "torch-2.13.0+cu130.dist-info").mkdir()
    (home / ".virtualenvs").mkdir()
    os.rename(make_venv("a").root, home / ".virtualenvs" / "a")
    (home / "envs").mkdir()
    os.rename(make_venv("b").root, home / "envs" / "b")
    conda_env = make_venv("conda-env")
    bin_dir = home / "bin"
    bin_dir.mkdir()
    (bin_dir / "python3").symlink_to(sys.executable)
    # What the Microsoft Store's python.exe alias prints when no Store Python is behind it (on Windows with exit
    # code 9009, which a POSIX script cannot return): https://github.com/microsoft/pylance-release/issues/8050
    script(bin_dir / "python", f"echo '{STORE_ALIAS_MESSAGE}' >&2\nexit 3\n")
    py_37 = require_pyenv("3.7")
    script(bin_dir / "py", f"echo ' -V:3.7 *        {py_37}'\necho ' -V:3.11         {bin_dir / 'missing.exe'}'\n")
    envs = {"envs": [str(conda_env.root), str(home / "nowhere")]}
    script(bin_dir / "conda", f"cat <<'EOF'\n{json.dumps(envs)}\nEOF\n")
    env = {
        "HOME": str(home),
        "PATH": str(bin_dir),
        "VIRTUAL_ENV": str(home / ".venv"),
        "PYENV_ROOT": str(Path(py_37).parents[3]),
    }
    return {"env": env, "home": home, "conda_env": conda_env.root, "py_37": py_37, "bin": bin_dir}


def by_path(choices: list[InterpreterChoice]) -> dict[str, InterpreterChoice]:
    return {choice.path: choice for choice in choices}


def test_every_source_is_found_once(machine: dict) -> None:
    home, bin_dir = machine["home"], machine["bin"]
    started = time.monotonic()
    choices = discover_interpreters(env=machine["env"])
    assert time.monotonic() - started < 10
    found = by_path(choices)

    active = choices[0]
    assert (active.path, active.kind) == (str(home / ".venv" / "bin" / "python3"), "venv")
    assert (active.has_torch, active.torch_version) == (True, "2.13.0+cu130")
    assert "torch 2.13.0+cu130" in active.label and active.version in active.label
    assert not any(path.startswith(str(home / ".venv")) for path in found if path != active.path)

    on_path = found[str(bin_dir / "python3")]
    assert on_path.kind == "PATH" and on_path.version == ".".join(map(str, sys.version_info[:3]))
    stub = found[str(bin_dir / "python")]
    assert (stub.version, stub.has_torch) == ("", None)
    assert "exit code 3" in stub.label and "Python was not found" in stub.label

    assert found[machine["py_37"]].kind == "py launcher"  # listed by py first, so not again under pyenv
    assert found[machine["py_37"]].version.startswith("3.7.")
    assert not any("missing.exe" in path for path in found)

    assert found[str(machine["conda_env"] / "bin" / "python3")].kind == "conda"
    assert found[str(home / ".virtualenvs" / "a" / "bin" / "python3")].kind == "folder"
    assert found[str(home / "envs" / "b" / "bin" / "python3")].has_torch is False

    kinds = [choice.kind for choice in choices]
    assert "pyenv" in kinds and "this app" in kinds
    assert kinds == sorted(kinds, key=["venv", "conda", "PATH", "py launcher", "folder", "pyenv", "this app"].index)
    assert len(found) == len(choices)
    answered = [(c.version, c.path) for c in choices if c.version]
    assert all(version.count(".") == 2 for version, _ in answered)


def test_a_frozen_wizard_does_not_list_itself(machine: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    env = dict(machine["env"], PATH="", PYENV_ROOT=str(machine["home"] / "no-pyenv"))
    choices = discover_interpreters(env=env)
    assert [c.kind for c in choices] == ["venv", "folder", "folder"]


def test_nothing_to_find(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert discover_interpreters(env={"HOME": str(tmp_path), "PATH": ""}) == []


def test_parse_py_launcher_formats() -> None:
    # The 3.11+ launcher and the Python install manager print "-V:<tag>" padded to 17 columns, "*" after the default
    # and "  *" for an active venv; a registration's ExecutableArguments follow its path. Sources:
    # CPython Lib/test/test_launcher.py (test_list_paths, test_virtualenv_in_list) and python/pymanager
    # src/manage/list_command.py (format_legacy).
    new = (
        " -V:3.12 *        C:\\Users\\ann\\AppData\\Local\\Programs\\Python\\Python312\\python.exe\n"
        " -V:ContinuumAnalytics/Anaconda39-64 C:\\ProgramData\\Anaconda3\\python.exe\n"
        " -V:Company/3.100-arm64 C:\\Company\\X.Y-arm64.exe -X fake_arg_for_test\n"
        "  *               C:\\Users\\ann\\project\\.venv\\Scripts\\python.exe\n"
    )
    # Launchers before 3.11: "Installed Pythons found by py Launcher for Windows" (stderr), then "-X.Y-BB" lines
    # (python/cpython PR 1578, PC/launcher.c).
    old = (
        "Installed Pythons found by py Launcher for Windows\n -3.9-64        C:\\Program Files\\Python39\\python.exe\n"
    )
    assert parse_py_launcher(new + old) == [
        "C:\\Users\\ann\\AppData\\Local\\Programs\\Python\\Python312\\python.exe",
        "C:\\ProgramData\\Anaconda3\\python.exe",
        "C:\\Company\\X.Y-arm64.exe",
        "C:\\Users\\ann\\project\\.venv\\Scripts\\python.exe",
        "C:\\Program Files\\Python39\\python.exe",
    ]
    assert parse_py_launcher("No installed Pythons found!\n") == []
    assert parse_py_launcher("  *               Active venv\n -V:3.12 *        Python 3.12 (64-bit)\n") == []  # py -0


def test_parse_conda_and_answers() -> None:
    assert parse_conda_envs('{"envs": ["/opt/conda", "/opt/conda/envs/ml", 3]}') == ["/opt/conda", "/opt/conda/envs/ml"]
    assert parse_conda_envs("not json") == [] and parse_conda_envs("[1]") == []
    assert parse_answer("noise\ntsw-discover 3.12.1 2.13.0+cpu /opt/my env\n") == (
        "3.12.1",
        "2.13.0+cpu",
        "/opt/my env",
    )
    assert parse_answer("tsw-discover 3.12.1 - /usr\n") == ("3.12.1", "", "/usr")
    assert parse_answer("garbage") is None
