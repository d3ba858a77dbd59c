"""Runs the commands that change an environment: pip install/uninstall and venv creation, nothing else.

Every command is an argv list (never a shell), built by the recommendation or the knowledge base,
and approved by the one command policy (wizard.actions.policy.approve) before it runs: only an
ApprovedCommand runs here. The interpreter must exist, run, and be the one the snapshot was taken
from. Output streams line by line; cancel stops the whole process tree.
"""

from __future__ import annotations

import json
import os
import subprocess
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from packaging.version import InvalidVersion, Version

from wizard import i18n
from wizard.actions.policy import ActionRefused, ApprovedCommand, approve, same_path
from wizard.facts.runner import Runner, kill_process_tree, process_group_kwargs, run_command
from wizard.snapshot import Snapshot

RAW_PROGRESS_PIP = Version("24.1")  # first pip with --progress-bar raw ("Progress CURRENT of TOTAL" lines)
REPORT_PIP = Version("22.2")  # first pip with install --dry-run --report
OUTPUT_TAIL_LINES = 200

LineHandler = Callable[[str], None]

_IDENTITY_CODE = """
import json, os, sys, sysconfig
try:
    from importlib.metadata import version
    pip = version("pip")
except Exception:
    try:  # Python < 3.8 has no importlib.metadata
        import pip as _pip
        pip = _pip.__version__
    except Exception:
        pip = ""
print(json.dumps({
    "executable": sys.executable,
    "base_executable": getattr(sys, "_base_executable", sys.executable),
    "prefix": sys.prefix,
    "base_prefix": getattr(sys, "base_prefix", sys.prefix),
    "purelib": sysconfig.get_paths()["purelib"],
    "version": "%d.%d.%d" % sys.version_info[:3],
    "pip": pip,
}))
"""


@dataclass(frozen=True)
class Identity:
    """Who the target interpreter says it is."""

    executable: str
    base_executable: str
    prefix: str
    base_prefix: str
    purelib: str
    version: str
    pip_version: str  # "" when pip is missing

    @property
    def in_venv(self) -> bool:
        return not _same_path(self.prefix, self.base_prefix)

    def pip_at_least(self, minimum: Version) -> bool:
        return _parse_version(self.pip_version) >= minimum


def _parse_version(text: str) -> Version:
    try:
        return Version(text)
    except InvalidVersion:
        return Version("0")


_same_path = same_path


def probe_identity(python: str, runner: Runner = run_command, timeout: float = 30.0) -> Identity:
    """Ask the interpreter who it is. Raises ActionRefused when it is missing or does not run."""
    if not os.path.isfile(python):
        raise ActionRefused("refused.no_interpreter", python=python)
    result = runner([python, "-I", "-c", _IDENTITY_CODE], timeout=timeout)
    if not result.ok:
        why = result.start_error or result.stderr.strip()[-300:]  # the OS's or Python's own words: data
        if not why:
            raise ActionRefused("refused.interpreter_exit_code", python=python, code=result.exit_code)
        raise ActionRefused("refused.interpreter_does_not_run", python=python, why=why)
    try:
        data = json.loads(result.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        raise ActionRefused("refused.interpreter_unreadable", python=python) from None
    return Identity(
        executable=data["executable"],
        base_executable=data["base_executable"],
        prefix=data["prefix"],
        base_prefix=data["base_prefix"],
        purelib=data["purelib"],
        version=data["version"],
        pip_version=data["pip"],
    )


def check_same_interpreter(identity: Identity, snapshot: Snapshot) -> None:
    """Refuse when the interpreter is not the one the snapshot (and so the recommendation) describes."""
    facts = snapshot.python.get()
    if facts is None:
        raise ActionRefused("refused.not_looked_inside")
    if not _same_path(facts.prefix or identity.prefix, identity.prefix) or not _same_path(
        facts.executable, identity.executable
    ):
        raise ActionRefused("refused.interpreter_changed", before=facts.executable, before_prefix=facts.prefix,
                            now=identity.executable, now_prefix=identity.prefix)


def prepare_pip_argv(command: ApprovedCommand, pip_version: str) -> ApprovedCommand:
    """Add what makes an unattended pip run readable: no prompts, and raw progress lines where pip has them."""
    if not isinstance(command, ApprovedCommand):
        raise ActionRefused("refused.not_approved")
    if not command.is_pip:
        return command
    argv = command.argv
    head, subcommand, rest = argv[:3], argv[3], argv[4:]
    extra: list[str] = []
    if "--no-input" not in rest:
        extra.append("--no-input")
    if subcommand == "uninstall" and "-y" not in rest and "--yes" not in rest:
        extra.append("--yes")
    if (
        subcommand == "install"
        and _parse_version(pip_version) >= RAW_PROGRESS_PIP
        and not any(a.startswith("--progress-bar") for a in rest)
    ):
        extra += ["--progress-bar", "raw"]
    return approve((*head, subcommand, *extra, *rest), command.python)


def child_env(env: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment for pip: the user's own (proxies, certs, pip config untouched), unbuffered output."""
    result = dict(os.environ if env is None else env)
    result["PYTHONUNBUFFERED"] = "1"
    result["PYTHONIOENCODING"] = "utf-8"
    return result


@dataclass(frozen=True)
class RunResult:
    argv: tuple[str, ...]
    exit_code: int | None  # None: could not start
    cancelled: bool = False
    output_tail: tuple[str, ...] = ()
    seconds: float = 0.0
    start_error: str = ""

    @property
    def ok(self) -> bool:
        return self.exit_code == 0 and not self.cancelled

    @property
    def error_summary(self) -> str:
        """pip's own ERROR lines (the reason it failed), or the last lines of output."""
        if self.start_error:
            return i18n.text("executor.could_not_start", program=self.argv[0], error=self.start_error)
        errors = [line.strip() for line in self.output_tail if line.lstrip().startswith("ERROR:")]
        return "\n".join(errors) if errors else "\n".join(self.output_tail[-5:])


def run_streaming(
    command: ApprovedCommand,
    on_line: LineHandler | None = None,
    *,
    env: Mapping[str, str] | None = None,
    cancel: threading.Event | None = None,
    timeout: float | None = None,
) -> RunResult:
    """Run an approved command (no shell), calling on_line for every output line (stdout and stderr merged)."""
    if not isinstance(command, ApprovedCommand):
        raise ActionRefused("refused.not_approved")
    argv = command.argv
    started = time.monotonic()
    popen_kwargs = process_group_kwargs()  # its own process group: cancel stops the whole tree
    try:
        proc = subprocess.Popen(
            argv,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env=child_env(env),
            **popen_kwargs,
        )
    except OSError as exc:
        return RunResult(argv, None, start_error=exc.strerror or str(exc))
    tail: list[str] = []
    stop = cancel or threading.Event()
    watcher = threading.Thread(target=_watch, args=(proc, stop, started, timeout), daemon=True)
    watcher.start()
    assert proc.stdout is not None
    try:
        for raw in proc.stdout:
            line = raw.decode("utf-8", errors="replace").rstrip("\r\n")
            tail.append(line)
            del tail[:-OUTPUT_TAIL_LINES]
            if on_line is not None:
                on_line(line)
    except BaseException:  # Ctrl+C or a failing callback: never leave pip running behind our back
        stop.set()
        kill_process_tree(proc.pid)
        proc.wait()
        raise
    code = proc.wait()
    cancelled = stop.is_set()
    watcher.join()  # it ends by itself once the process has; setting ``stop`` here would cancel the caller's next run
    return RunResult(argv, code, cancelled=cancelled, output_tail=tuple(tail), seconds=time.monotonic() - started)


def _watch(proc: subprocess.Popen, stop: threading.Event, started: float, timeout: float | None) -> None:
    while proc.poll() is None:
        if stop.wait(0.1):
            if proc.poll() is None:
                kill_process_tree(proc.pid)
            return
        if timeout is not None and time.monotonic() - started > timeout:
            stop.set()
            kill_process_tree(proc.pid)
            return
