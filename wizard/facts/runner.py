"""The one way collectors run programs: argv in, a CommandResult out, never a shell.

Tests hand collectors a :class:`ScriptedRunner` with canned results keyed by argv.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import secrets
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from wizard.facts.reasons import because
from wizard.snapshot import Fact, FactStatus

STDERR_TAIL_CHARS = 2000
MAX_STDOUT_BYTES = 16 * 1024 * 1024  # the probe's JSON is ~0.2 MB; more means a flood: the program is stopped
MAX_STDERR_BYTES = 1024 * 1024  # only the tail is kept (the end of a traceback is what explains it)
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
    output_too_large: bool = False  # stopped after MAX_STDOUT_BYTES of output

    @property
    def ok(self) -> bool:
        return self.exit_code == 0 and not self.timed_out and not self.start_error

    def as_problem_fact(self, what: str) -> Fact:
        """A failed Fact describing why this command gave nothing (call only when not ok)."""
        tail = self.stderr[-STDERR_TAIL_CHARS:]
        if self.start_error:
            status = FactStatus.NOT_FOUND if "No such file" in self.start_error else FactStatus.FAILED
            return Fact.missing(status, because("reason.run.could_not_start", what=what, program=self.argv[0],
                                                error=self.start_error), argv=self.argv)
        if self.output_too_large:
            return Fact.missing(
                FactStatus.FAILED,
                because("reason.run.too_much_output", what=what, program=self.argv[0],
                        megabytes=MAX_STDOUT_BYTES // (1024 * 1024)),
                argv=self.argv,
                stderr_tail=tail,
            )
        if self.timed_out:
            return Fact.missing(
                FactStatus.TIMED_OUT, because("reason.run.timed_out", what=what, program=self.argv[0]), argv=self.argv,
                stderr_tail=tail,
            )
        if self.signal:
            return Fact.missing(
                FactStatus.FAILED,
                because("reason.run.killed", what=what, program=self.argv[0], signal=self.signal),
                argv=self.argv,
                signal=self.signal,
                stderr_tail=tail,
            )
        return Fact.missing(
            FactStatus.FAILED,
            because("reason.run.exit_code", what=what, program=self.argv[0], code=self.exit_code),
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
    cancel: threading.Event | None = None,
) -> CommandResult:
    """Run argv (no shell), decode output as UTF-8 with replacement, kill the whole tree on timeout
    (or as soon as ``cancel`` is set: the wizard's Cancel; the result then reads as timed out).

    At most MAX_STDOUT_BYTES of stdout are kept (more stops the program: an interpreter that floods its
    output must not take the wizard's memory) and the last MAX_STDERR_BYTES of stderr. The kill reaches
    descendants that left the process group (see :func:`kill_escaped`)."""
    argv = tuple(str(a) for a in argv)
    started = time.monotonic()
    run_id = secrets.token_hex(8)
    child_env = dict(os.environ if env is None else env)
    child_env[RUN_ID_VARIABLE] = run_id  # inherited by every descendant, so an escaped one can still be found
    become_subreaper()
    try:
        proc = subprocess.Popen(
            argv,
            stdin=subprocess.PIPE if stdin_text is not None else subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=child_env,
            cwd=cwd,
            **process_group_kwargs(),
        )
    except OSError as exc:
        return CommandResult(argv, None, start_error=exc.strerror or str(exc), seconds=time.monotonic() - started)
    job = windows_job_for(proc)
    overflow = threading.Event()
    out = _CappedReader(proc.stdout, MAX_STDOUT_BYTES, keep="head", overflow=overflow)
    err = _CappedReader(proc.stderr, MAX_STDERR_BYTES, keep="tail")
    if stdin_text is not None:
        threading.Thread(target=_feed, args=(proc.stdin, stdin_text.encode()), daemon=True).start()
    timed_out = not _wait(proc, timeout, overflow, cancel)
    if timed_out or overflow.is_set():
        kill_process_tree(proc.pid, run_id, job)
        proc.wait()
    finished = out.join(KILL_WAIT_SECONDS) and err.join(KILL_WAIT_SECONDS)
    if not finished:  # a descendant still holds the pipes: stop it, and stop waiting for it
        kill_escaped(run_id)
        out.join(KILL_WAIT_SECONDS)
        err.join(KILL_WAIT_SECONDS)
    close_job(job)
    seconds = time.monotonic() - started
    if timed_out:
        return CommandResult(argv, None, out.text(), err.text(), timed_out=True, seconds=seconds)
    if overflow.is_set():
        return CommandResult(argv, None, out.text(), err.text(), output_too_large=True, seconds=seconds)
    code = proc.returncode
    killed_by = -code if (os.name == "posix" and code < 0) else None
    return CommandResult(argv, code, out.text(), err.text(), signal=killed_by, seconds=seconds)


def _wait(proc: subprocess.Popen, timeout: float, overflow: threading.Event,
          cancel: threading.Event | None = None) -> bool:
    """True when the process ended by itself within ``timeout``; False on timeout, cancel or too much output."""
    deadline = time.monotonic() + timeout
    while not overflow.is_set():
        remaining = deadline - time.monotonic()
        if remaining <= 0 or (cancel is not None and cancel.is_set()):
            return False
        try:
            proc.wait(timeout=min(remaining, 0.05))
            return True
        except subprocess.TimeoutExpired:
            continue
    return True


class _CappedReader:
    """Reads one pipe to its end in a thread, keeping at most ``cap`` bytes (the head or the tail)."""

    def __init__(self, stream, cap: int, keep: str, overflow: threading.Event | None = None) -> None:
        self.stream, self.cap, self.keep, self.overflow = stream, cap, keep, overflow
        self.data = bytearray()
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        try:
            while chunk := self.stream.read1(65536) if hasattr(self.stream, "read1") else self.stream.read(65536):
                self.data += chunk
                if len(self.data) > self.cap:
                    if self.keep == "tail":
                        del self.data[: len(self.data) - self.cap]
                    else:
                        del self.data[self.cap :]
                        if self.overflow is not None:
                            self.overflow.set()
                        return
        except (OSError, ValueError):
            return

    def join(self, timeout: float) -> bool:
        self.thread.join(timeout)
        return not self.thread.is_alive()

    def text(self) -> str:
        return _decode(bytes(self.data))


def _feed(stream, data: bytes) -> None:
    try:
        stream.write(data)
        stream.close()
    except (OSError, ValueError):  # the child exited without reading it all
        pass


def process_group_kwargs() -> dict:
    """Popen arguments that give the child its own process group, so that a timeout or a Cancel can
    stop it and everything it started (pip's build subprocesses, torch's workers)."""
    if os.name == "posix":
        return {"start_new_session": True}
    return {
        "creationflags": getattr(subprocess, "CREATE_NO_WINDOW", 0) | getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)
    }


def kill_process_tree(pid: int, run_id: str = "", job: object = None) -> None:
    """Stop a process and everything it started (it must lead its own process group on POSIX); with the
    run's id, also the descendants that left the group (setsid), and on Windows the run's job object."""
    try:
        if os.name == "posix":
            os.killpg(pid, signal.SIGKILL)
        elif job is not None:
            _terminate_job(job)
        else:
            subprocess.run(
                ["taskkill", "/F", "/T", "/PID", str(pid)], capture_output=True, check=False, timeout=KILL_WAIT_SECONDS
            )
    except (OSError, subprocess.TimeoutExpired):
        pass
    if run_id:
        kill_escaped(run_id)


# ---------------------------------------------------------------- escaped descendants (Linux)

RUN_ID_VARIABLE = "TSW_RUN_ID"
PR_SET_CHILD_SUBREAPER = 36
_subreaper = {"asked": False}


def become_subreaper() -> bool:
    """Linux: orphaned descendants of our children are re-parented to the wizard instead of init, so they
    stay ours to find and reap (prctl PR_SET_CHILD_SUBREAPER). A no-op elsewhere."""
    if _subreaper["asked"] or not sys.platform.startswith("linux"):
        return False
    _subreaper["asked"] = True
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def kill_escaped(run_id: str, rounds: int = 5) -> list[int]:
    """SIGKILL every process that carries this run's id in its environment (they may have called setsid and
    left the process group), a few rounds in case one forks while we look; reap those re-parented to us."""
    killed: list[int] = []
    if not sys.platform.startswith("linux"):
        return killed
    marker = f"{RUN_ID_VARIABLE}={run_id}".encode() + b"\0"
    for _ in range(rounds):
        found = [pid for pid in _process_ids() if pid != os.getpid() and marker in _environ_of(pid)]
        if not found:
            break
        for pid in found:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        killed.extend(found)
        time.sleep(0.02)
    for pid in killed:  # ours only if the subreaper adopted it; anything else is somebody else's child
        with contextlib.suppress(ChildProcessError, OSError):
            os.waitpid(pid, os.WNOHANG)
    return killed


def _process_ids() -> list[int]:
    try:
        return [int(name) for name in os.listdir("/proc") if name.isdigit()]
    except OSError:
        return []


def _environ_of(pid: int) -> bytes:
    try:
        with open(f"/proc/{pid}/environ", "rb") as stream:
            return stream.read(1 << 20) + b"\0"
    except OSError:  # gone, or another user's
        return b""


# ---------------------------------------------------------------- Windows job object

_JOB_OBJECT_EXTENDED_LIMIT_INFORMATION = 9
_JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE = 0x2000


def windows_job_for(proc: subprocess.Popen) -> object:
    """Windows: put the process in a job object that takes every descendant with it when it is terminated or
    closed (a child cannot slip away as it can from taskkill /T). None elsewhere or when Windows refuses."""
    if os.name != "nt":
        return None
    try:
        from ctypes import wintypes

        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
        kernel32.CreateJobObjectW.restype = wintypes.HANDLE
        job = kernel32.CreateJobObjectW(None, None)
        if not job:
            return None

        class _Limits(ctypes.Structure):
            _fields_ = [("PerProcessUserTimeLimit", ctypes.c_int64), ("PerJobUserTimeLimit", ctypes.c_int64),
                        ("LimitFlags", wintypes.DWORD), ("MinimumWorkingSetSize", ctypes.c_size_t),
                        ("MaximumWorkingSetSize", ctypes.c_size_t), ("ActiveProcessLimit", wintypes.DWORD),
                        ("Affinity", ctypes.c_size_t), ("PriorityClass", wintypes.DWORD),
                        ("SchedulingClass", wintypes.DWORD)]

        class _Extended(ctypes.Structure):
            _fields_ = [("BasicLimitInformation", _Limits), ("IoInfo", ctypes.c_uint64 * 6),
                        ("ProcessMemoryLimit", ctypes.c_size_t), ("JobMemoryLimit", ctypes.c_size_t),
                        ("PeakProcessMemoryUsed", ctypes.c_size_t), ("PeakJobMemoryUsed", ctypes.c_size_t)]

        info = _Extended()
        info.BasicLimitInformation.LimitFlags = _JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE
        kernel32.SetInformationJobObject(job, _JOB_OBJECT_EXTENDED_LIMIT_INFORMATION, ctypes.byref(info),
                                         ctypes.sizeof(info))
        if not kernel32.AssignProcessToJobObject(job, wintypes.HANDLE(int(proc._handle))):  # noqa: SLF001
            kernel32.CloseHandle(job)
            return None
        return job
    except (OSError, AttributeError, ValueError):
        return None


def _terminate_job(job: object) -> None:
    ctypes.WinDLL("kernel32").TerminateJobObject(job, 1)


def close_job(job: object) -> None:
    """Closing the job kills what is still in it (KILL_ON_JOB_CLOSE): no descendant outlives the run."""
    if job is not None:
        with contextlib.suppress(OSError, AttributeError):
            ctypes.WinDLL("kernel32").CloseHandle(job)


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
