"""Interpreters that are not there, not Pythons, or answer garbage: always a fact, never an exception."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from wizard.facts.python_env import collect_python, collect_torch
from wizard.facts.runner import CommandResult, ScriptedRunner
from wizard.probe import probe_script_path
from wizard.snapshot import FactStatus

COLLECTORS = [collect_python, collect_torch]


@pytest.mark.parametrize("collect", COLLECTORS)
def test_missing_path(collect, tmp_path: Path) -> None:
    missing = str(tmp_path / "no-such-python")
    fact = collect(missing, timeout=10)
    assert fact.problem.status is FactStatus.NOT_FOUND
    assert fact.problem.code == "python_unusable"
    assert fact.problem.reason == f"there is no program at {missing}"


@pytest.mark.parametrize("collect", COLLECTORS)
def test_a_folder_is_not_a_python(collect, tmp_path: Path) -> None:
    fact = collect(str(tmp_path), timeout=10)
    assert fact.problem.status is FactStatus.FAILED
    assert fact.problem.code == "python_unusable"
    assert "is a folder" in fact.problem.reason


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_a_file_that_is_not_executable(tmp_path: Path) -> None:
    plain = tmp_path / "python"
    plain.write_text("not a program\n")
    plain.chmod(0o644)
    fact = collect_python(str(plain), timeout=10)
    assert fact.problem.code == "python_unusable"
    assert "Permission denied" in fact.problem.reason


@pytest.mark.parametrize("collect", COLLECTORS)
def test_a_program_that_is_not_python(collect, fake_program) -> None:
    program = fake_program("python", "echo 'Hello, I am not Python'\nexit 1\n")
    fact = collect(program, timeout=10)
    assert fact.problem.status is FactStatus.FAILED
    assert fact.problem.code == "python_unusable"
    assert "did not answer like a Python interpreter" in fact.problem.reason
    assert "Hello, I am not Python" in fact.problem.reason
    assert fact.problem.exit_code == 1


@pytest.mark.parametrize("collect", COLLECTORS)
def test_partial_json_is_not_a_report(collect, fake_program) -> None:
    program = fake_program("python", 'echo \'{"probe_schema": 1, "version": "3.1\'\n')
    fact = collect(program, timeout=10)
    assert fact.problem.status is FactStatus.FAILED
    assert "probe_schema" in fact.problem.reason  # the excerpt of what it printed


def test_live_probe_started_but_printed_garbage(fake_program) -> None:
    program = fake_program("python", "echo 'tsw-probe: stage: import torch' >&2\necho '{\"probe_schema\": 1,'\n")
    fact = collect_torch(program, timeout=10)
    assert fact.problem.code == "probe_output_invalid"
    assert fact.problem.status is FactStatus.FAILED


def test_a_timeout_of_the_static_probe(fake_program) -> None:
    program = fake_program("python", "sleep 30\n")
    fact = collect_python(program, timeout=1)
    assert fact.problem.status is FactStatus.TIMED_OUT
    assert fact.problem.code == "probe_timeout"


def test_valid_json_with_wrong_types_is_read_tolerantly(fake_program) -> None:
    report = {
        "probe_schema": 1,
        "supported": True,
        "version": 3,
        "bits": "64",
        "env_kind": "venv",
        "sys_path": ["/a", 7, "/b"],
        "distributions": "not a list",
        "duplicates": [{"name": "torch", "locations": ["/a", "/b"]}, "junk"],
        "tags": {"value": 5},
        "pip_version": {"problem": {"status": "bogus", "reason": "odd"}},
        "torch_version_file": {"value": {"path": "/x/torch/version.py"}},
    }
    program = fake_program("python", f"cat <<'EOF'\n{json.dumps(report)}\nEOF\n")
    fact = collect_python(program, timeout=10)
    assert fact.ok, fact.problem
    facts = fact.value
    assert (facts.version, facts.bits, facts.env_kind, facts.executable) == ("", 64, "venv", program)
    assert facts.sys_path == ("/a", "/b")
    assert facts.distributions == ()
    assert [d.locations for d in facts.duplicates] == [("/a", "/b")]
    assert facts.tags.problem.status is FactStatus.UNKNOWN
    assert facts.pip_version.problem.status is FactStatus.UNKNOWN and facts.pip_version.problem.reason == "odd"
    assert facts.torch_version_file.problem.status is FactStatus.UNKNOWN
    assert facts.free_disk_bytes.problem.reason == "the probe did not report free_disk_bytes"


def test_live_report_with_a_bad_torch_record(fake_program) -> None:
    report = json.dumps({"probe_schema": 1, "supported": True, "torch_status": "ok", "torch": "nope"})
    fact = collect_torch(fake_program("python", f"echo '{report}'\n"), timeout=10)
    assert fact.problem.code == "probe_output_invalid"


def test_a_bug_inside_the_probe_is_reported_as_such(fake_program) -> None:
    report = json.dumps({"probe_schema": 1, "version": "3.12.0", "probe_error": "Traceback ...\nKeyError: 'x'"})
    for collect in COLLECTORS:
        fact = collect(fake_program("python", f"cat <<'EOF'\n{report}\nEOF\n"), timeout=10)
        assert fact.problem.code == "probe_failed"
        assert "KeyError" in fact.problem.stderr_tail


def test_a_crash_of_the_static_probe(fake_program) -> None:
    fact = collect_python(fake_program("python", "kill -SEGV $$\n"), timeout=10)
    assert fact.problem.code == "probe_crashed"
    assert fact.problem.signal == 11


def test_a_windows_crash_code_is_a_crash() -> None:
    """Windows has no signals: an illegal instruction (a CPU without AVX) ends with NTSTATUS 0xC000001D."""
    argv = ("C:\\env\\python.exe", "-B", str(probe_script_path()), "live")
    crashed = CommandResult(argv, 0xC000001D, stderr="tsw-probe: stage: import torch\n")
    fact = collect_torch("C:\\env\\python.exe", runner=ScriptedRunner({argv: crashed}), timeout=10)
    assert fact.problem.code == "torch_import_crashed"
    assert fact.problem.reason == (
        "the Python process crashed (exit code 0xC000001D, illegal instruction) during import torch"
    )
