"""The command shapes of issue #16 that the command policy (policy.approve) accepts, and what it refuses."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from wizard.actions.policy import ActionRefused, approve, target_interpreter

PY = sys.executable


@pytest.fixture
def uv(tmp_path: Path) -> str:
    program = tmp_path / "bin" / "uv"
    program.parent.mkdir()
    program.write_text("#!/bin/sh\n", encoding="utf-8")
    return str(program)


@pytest.mark.parametrize("argv", [
    (PY, "-m", "ipykernel", "install", "--user", "--name", "dl101"),
    (PY, "-m", "ipykernel", "install", "--user", "--name", "dl101", "--display-name", "DL 101 (torch)"),
    (PY, "-m", "ensurepip", "--upgrade"),
])
def test_kernel_and_ensurepip_shapes_are_allowed(argv: tuple[str, ...]) -> None:
    assert approve(argv, PY).argv == argv


@pytest.mark.parametrize("argv", [
    (PY, "-m", "ipykernel", "install", "--name", "x"),  # not --user: would write to the system folder
    (PY, "-m", "ipykernel", "install", "--user", "--name", "../../etc"),
    (PY, "-m", "ipykernel", "install", "--user", "--name", "x", "--prefix", "/usr"),
    (PY, "-m", "ipykernel", "install", "--user", "--name", "x", "--display-name", "--sys-prefix"),
    ("/usr/bin/other-python", "-m", "ipykernel", "install", "--user", "--name", "x"),
    (PY, "-m", "ensurepip", "--root", "/"),
])
def test_other_kernel_shapes_are_refused(argv: tuple[str, ...]) -> None:
    with pytest.raises(ActionRefused):
        approve(argv, PY)


def test_uv_pip_install_for_this_python_only(uv: str) -> None:
    argv = (uv, "pip", "install", "--python", PY, "torch==2.13.0+cpu", "--index-url", "https://download.pytorch.org/whl/cpu")
    assert approve(argv, PY).argv == argv
    with pytest.raises(ActionRefused):
        approve((uv, "pip", "install", "--python", "/usr/bin/python3", "torch"), PY)
    with pytest.raises(ActionRefused):
        approve((uv, "pip", "install", "--python", PY, "torch", "--break-system-packages"), PY)
    assert target_interpreter(argv) == PY


def test_uv_sync_only_for_the_project_of_this_environment(uv: str, tmp_path: Path) -> None:
    project = tmp_path / "thesis"
    python = str(project / ".venv" / "bin" / "python")
    assert approve((uv, "sync", "--project", str(project)), python).kind == "uv-sync"
    assert approve((uv, "sync", "--project", str(project)), target_interpreter((uv, "sync", "--project", str(project))))
    with pytest.raises(ActionRefused):
        approve((uv, "sync", "--project", str(tmp_path / "other")), python)
    with pytest.raises(ActionRefused):
        approve((uv, "sync", "--project", str(project), "--python", "/usr/bin/python3"), python)
