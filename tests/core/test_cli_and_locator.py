"""The command line's contract: --version, exit 2 with one line for bad input, resources located."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from wizard import __version__
from wizard.cli import UsageError, build_parser
from wizard.facts.interpreter import InterpreterError, resolve_target_python
from wizard.resources_path import resources_dir


def run_cli(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "wizard", *args], capture_output=True, text=True, timeout=120, **kwargs)


def test_version_names_tool_and_knowledge_date() -> None:
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.startswith(f"torch-setup-wizard {__version__} (knowledge checked ")


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["check", "--want", "gpu"], "invalid choice: 'gpu'"),
        (["facts", "--python", "/nonexistent/python3"], "no Python interpreter at '/nonexistent/python3'"),
        (["nonsense"], "invalid choice: 'nonsense'"),
        (["check", "--timeout", "soon"], "invalid float value"),
    ],
)
def test_bad_arguments_give_one_line_and_exit_2(args, fragment) -> None:
    result = run_cli(*args)
    assert result.returncode == 2
    assert fragment in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("args", "hint"),
    [(["--bogus"], "(see: torch-setup-wizard --help)"), (["check", "--want", "gpu"], "(see: torch-setup-wizard check --help)")],
)
def test_usage_error_points_at_the_right_help(args, hint) -> None:
    with pytest.raises(UsageError) as raised:
        build_parser().parse_args(args)
    assert str(raised.value).endswith(hint)


def test_not_executable_interpreter_is_rejected(tmp_path: Path) -> None:
    fake = tmp_path / "python3"
    fake.write_text("not a program")
    with pytest.raises(InterpreterError) as raised:
        resolve_target_python(str(fake))
    assert raised.value.key == "interpreter.not_executable" and repr(str(fake)) in str(raised.value)


def test_env_folder_is_accepted_in_place_of_its_interpreter(plain_venv_python: str) -> None:
    venv = Path(plain_venv_python).parent.parent
    assert Path(resolve_target_python(str(venv))).name.startswith("python")


def test_resources_found_from_source_checkout() -> None:
    assert (resources_dir() / "knowledge").is_dir()


def test_resources_override_by_environment(tmp_path: Path) -> None:
    (tmp_path / "knowledge").mkdir()
    code = "from wizard.resources_path import resources_dir; print(resources_dir())"
    env = {**os.environ, "TSW_RESOURCES": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout
    assert out.strip() == str(tmp_path)


def test_closed_pipe_is_not_a_traceback() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "wizard", "overview", "--csv", str(Path(__file__).parent)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    proc.stdout.close()  # the reader goes away before the writer writes
    _, err = proc.communicate(timeout=60)
    assert b"Traceback" not in err
