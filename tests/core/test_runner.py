"""The command runner: argv only, exit codes, signals, timeouts that kill the whole tree."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import time
from pathlib import Path

import pytest

from wizard.facts import runner as runner_module
from wizard.facts.runner import CommandResult, ScriptedRunner, run_command
from wizard.snapshot import FactStatus


def test_success_and_decoding() -> None:
    result = run_command([sys.executable, "-c", "import sys; sys.stdout.buffer.write(b'caf\\xc3\\xa9 \\xff')"])
    assert result.ok and result.stdout == "café \ufffd"


def test_failure_becomes_a_fact_with_exit_code_and_stderr() -> None:
    result = run_command([sys.executable, "-c", "import sys; sys.stderr.write('boom'); sys.exit(3)"])
    fact = result.as_problem_fact("probe")
    assert fact.problem.status is FactStatus.FAILED
    assert fact.problem.exit_code == 3 and fact.problem.stderr_tail == "boom"


def test_missing_program_is_not_found() -> None:
    fact = run_command(["/no/such/program"]).as_problem_fact("nvcc")
    assert fact.problem.status is FactStatus.NOT_FOUND


def test_signal_is_recorded() -> None:
    result = run_command([sys.executable, "-c", "import os, signal; os.kill(os.getpid(), signal.SIGSEGV)"])
    assert result.signal == 11
    assert "signal 11" in result.as_problem_fact("import torch").problem.reason


def test_timeout_kills_grandchildren_too() -> None:
    # The child starts a grandchild that would keep the pipes open for 60 s.
    code = "import subprocess, sys, time; subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)']); time.sleep(60)"
    started = time.monotonic()
    result = run_command([sys.executable, "-c", code], timeout=1.5)
    assert result.timed_out and time.monotonic() - started < 15
    assert result.as_problem_fact("probe").problem.status is FactStatus.TIMED_OUT


def test_timeout_does_not_wait_for_a_grandchild_that_left_the_process_group(tmp_path: Path, monkeypatch) -> None:
    # A grandchild in its own session survives the group kill and keeps the pipes open for 60 s.
    monkeypatch.setattr(runner_module, "KILL_WAIT_SECONDS", 0.5)
    pid_file = tmp_path / "grandchild.pid"
    code = (
        "import pathlib, subprocess, sys, time; "
        "p = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'], start_new_session=True); "
        f"pathlib.Path({str(pid_file)!r}).write_text(str(p.pid)); time.sleep(60)"
    )
    started = time.monotonic()
    try:
        result = run_command([sys.executable, "-c", code], timeout=1.5)
        assert result.timed_out and time.monotonic() - started < 10
        if sys.platform.startswith("linux"):  # the kill reaches it (found by the run's id, adopted as subreaper)
            assert not is_running(int(pid_file.read_text()))
    finally:
        if pid_file.exists():
            with contextlib.suppress(ProcessLookupError):
                os.kill(int(pid_file.read_text()), signal.SIGKILL)


def is_running(pid: int) -> bool:
    """Alive and not a zombie waiting to be reaped."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the subreaper and /proc are Linux")
def test_a_finished_run_leaves_no_daemon_holding_its_pipes(tmp_path: Path, monkeypatch) -> None:
    # The program exits at once but a setsid'ed double-fork daemon keeps stdout open and would run for 60 s.
    monkeypatch.setattr(runner_module, "KILL_WAIT_SECONDS", 0.5)
    pid_file = tmp_path / "daemon.pid"
    code = (
        "import os, pathlib, sys, time\n"
        "if os.fork() == 0:\n"
        "    os.setsid()\n"
        "    if os.fork() == 0:\n"
        f"        pathlib.Path({str(pid_file)!r}).write_text(str(os.getpid())); time.sleep(60)\n"
        "    os._exit(0)\n"
        "time.sleep(0.3); print('parent done')\n"
    )
    started = time.monotonic()
    result = run_command([sys.executable, "-c", code], timeout=20)
    assert result.ok and result.stdout.strip() == "parent done"
    assert time.monotonic() - started < 10
    assert not is_running(int(pid_file.read_text()))


def test_a_flood_of_output_is_capped_and_stopped(monkeypatch) -> None:
    monkeypatch.setattr(runner_module, "MAX_STDOUT_BYTES", 1024 * 1024)
    code = "import sys\nwhile True: sys.stdout.write('x' * 65536)"
    started = time.monotonic()
    result = run_command([sys.executable, "-c", code], timeout=30)
    assert result.output_too_large and not result.ok
    assert len(result.stdout) == 1024 * 1024 and time.monotonic() - started < 10
    assert "printed more than" in result.as_problem_fact("probe").problem.reason


def test_a_flood_on_stderr_keeps_only_its_tail() -> None:
    code = "import sys\nfor i in range(40): sys.stderr.write(str(i % 10) * 65536)\nsys.stderr.write('END')"
    result = run_command([sys.executable, "-c", code], timeout=30)
    assert result.ok and len(result.stderr) == runner_module.MAX_STDERR_BYTES and result.stderr.endswith("END")


def test_arguments_are_not_interpreted_by_a_shell() -> None:
    result = run_command([sys.executable, "-c", "import sys; print(sys.argv[1])", "$(echo hacked); ls"])
    assert result.stdout.strip() == "$(echo hacked); ls"


def test_scripted_runner_answers_by_argv() -> None:
    runner = ScriptedRunner({("nvcc", "--version"): CommandResult(("nvcc", "--version"), 0, "release 12.4")})
    assert runner(["nvcc", "--version"]).stdout == "release 12.4"
    assert runner(["other"]).start_error
    assert runner.calls == [("nvcc", "--version"), ("other",)]
