"""The one way collectors run programs: argv in, a CommandResult out, never a shell.

Tests hand collectors a :class:`ScriptedRunner` with canned results keyed by argv.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from wizard.snapshot import Fact, FactStatus

STDERR_TAIL_CHARS = 2000
KILL_WAIT_SECONDS = 5.0  # how long a killed tree may take to let go of its pipes (and taskkill to answer)


@dataclass(frozen=True)
class CommandResult:
    argv: tuple[str, ...]
    exit_code: int | None  # None: did not start or timed out
    stdout: str = ""
    stderr: str = ""
    timed_out: bool = False
    start_error: str = ""  # "No such file or directory" when the program could not start
    signal: int | None = None  # POSIX: the signal that killed it
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.exit_code == 0 and not self.timed_out and not self.start_error

    def as_problem_fact(self, what: str) -> Fact:
        """A failed Fact describing why this command gave nothing (call only when not ok)."""
        tail = self.stderr[-STDERR_TAIL_CHARS:]
        if self.start_error:
            status = FactStatus.NOT_FOUND if "No such file" in self.start_error else FactStatus.FAILED
            return Fact.missing(status, f"{what}: could not start {self.argv[0]} ({self.start_error})", argv=self.argv)
        if self.timed_out:
            return Fact.missing(
                FactStatus.TIMED_OUT, f"{what}: {self.argv[0]} did not finish in time", argv=self.argv, stderr_tail=tail
            )
        if self.signal:
            return Fact.missing(
                FactStatus.FAILED,
                f"{what}: {self.argv[0]} was killed by signal {self.signal}",
                argv=self.argv,
                signal=self.signal,
                stderr_tail=tail,
            )
        return Fact.missing(
            FactStatus.FAILED,
            f"{what}: {self.argv[0]} exited with code {self.exit_code}",
            argv=self.argv,
            exit_code=self.exit_code,
            stderr_tail=tail,
        )


Runner = Callable[..., CommandResult]


def run_command(
    argv: Sequence[str],
    timeout: float = 30.0,
    env: Mapping[str, str] | None = None,
    cwd: str | None = None,
    stdin_text: str | None = None,
) -> CommandResult:
    """Run argv (no shell), decode output as UTF-8 with replacement, kill the whole tree on timeout."""
    argv = tuple(str(a) for a in argv)
    started = time.monotonic()
    popen_kwargs = process_group_kwargs()
    try:
        proc = subprocess.Popen(
            argv,
            stdin=subprocess.PIPE if stdin_text is not None else subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=dict(env) if env is not None else None,
            cwd=cwd,
            **popen_kwargs,
        )
    except OSError as exc:
        return CommandResult(argv, None, start_error=exc.strerror or str(exc), seconds=time.monotonic() - started)
    try:
        out, err = proc.communicate(input=stdin_text.encode() if stdin_text is not None else None, timeout=timeout)
    except subprocess.TimeoutExpired:
        kill_process_tree(proc.pid)
        out, err = _drain_after_kill(proc)
        return CommandResult(
            argv, None, _decode(out), _decode(err), timed_out=True, seconds=time.monotonic() - started
        )
    code = proc.returncode
    killed_by = -code if (os.name == "posix" and code < 0) else None
    return CommandResult(argv, code, _decode(out), _decode(err), signal=killed_by, seconds=time.monotonic() - started)


def process_group_kwargs() -> dict:
    """Popen arguments that give the child its own process group, so that a timeout or a Cancel can
    stop it and everything it started (pip's build subprocesses, torch's workers)."""
    if os.name == "posix":
        return {"start_new_session": True}
    return {
        "creationflags": getattr(subprocess, "CREATE_NO_WINDOW", 0) | getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)
    }


def kill_process_tree(pid: int) -> None:
    """Stop a process and everything it started (it must lead its own process group on POSIX)."""
    try:
        if os.name == "posix":
            os.killpg(pid, signal.SIGKILL)
        else:
            subprocess.run(
                ["taskkill", "/F", "/T", "/PID", str(pid)], capture_output=True, check=False, timeout=KILL_WAIT_SECONDS
            )
    except (OSError, subprocess.TimeoutExpired):
        pass


def _drain_after_kill(proc: subprocess.Popen) -> tuple[bytes, bytes]:
    """The output a killed process left in its pipes. A grandchild that escaped the process group still
    holds them open; then waiting for end-of-file would hang, so make sure of the process itself and give up on them."""
    try:
        return proc.communicate(timeout=KILL_WAIT_SECONDS)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        return b"", b""


def _decode(data: bytes | None) -> str:
    return (data or b"").decode("utf-8", errors="replace")


class ScriptedRunner:
    """A runner for tests: returns canned results keyed by argv (or by argv[0]'s basename + rest)."""

    def __init__(self, results: Mapping[tuple[str, ...], CommandResult] | None = None) -> None:
        self.results = dict(results or {})
        self.calls: list[tuple[str, ...]] = []

    def __call__(self, argv: Sequence[str], timeout: float = 30.0, **_: object) -> CommandResult:
        key = tuple(str(a) for a in argv)
        self.calls.append(key)
        if key in self.results:
            return self.results[key]
        return CommandResult(key, None, start_error="No such file or directory")
