"""Runs the commands that change an environment: pip install/uninstall and venv creation, nothing else.

Every command is an argv list (never a shell), built by the recommendation or the knowledge base,
and checked here before it runs: the interpreter exists, runs, and is the one the snapshot was
taken from; the command is ``python -m pip install|uninstall ...`` or ``python -m venv FOLDER``;
no ``sudo``, no ``--break-system-packages``. Output streams line by line; cancel stops the whole
process tree.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from packaging.version import InvalidVersion, Version

from wizard.facts.runner import Runner, kill_process_tree, process_group_kwargs, run_command
from wizard.snapshot import Snapshot

RAW_PROGRESS_PIP = Version("24.1")  # first pip with --progress-bar raw ("Progress CURRENT of TOTAL" lines)
REPORT_PIP = Version("22.2")  # first pip with install --dry-run --report
FORBIDDEN_ARGS = ("--break-system-packages", "sudo", "runas", "doas", "su", "pkexec")
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


class ActionRefused(Exception):
    """The wizard will not run this command; the message says why in plain words."""


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


def _same_path(a: str, b: str) -> bool:
    return os.path.normcase(os.path.abspath(a)) == os.path.normcase(os.path.abspath(b))


def probe_identity(python: str, runner: Runner = run_command, timeout: float = 30.0) -> Identity:
    """Ask the interpreter who it is. Raises ActionRefused when it is missing or does not run."""
    if not os.path.isfile(python):
        raise ActionRefused(f"there is no Python interpreter at {python}")
    result = runner([python, "-I", "-c", _IDENTITY_CODE], timeout=timeout)
    if not result.ok:
        why = result.start_error or result.stderr.strip()[-300:] or f"exit code {result.exit_code}"
        raise ActionRefused(f"the interpreter {python} does not run ({why})")
    try:
        data = json.loads(result.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        raise ActionRefused(f"the interpreter {python} gave an answer the wizard cannot read") from None
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
        raise ActionRefused("the check could not look inside this Python environment, so the wizard will not change it")
    if not _same_path(facts.prefix or identity.prefix, identity.prefix) or not _same_path(
        facts.executable, identity.executable
    ):
        raise ActionRefused(
            f"the interpreter changed since the check: it was {facts.executable} ({facts.prefix}), "
            f"now it is {identity.executable} ({identity.prefix}); run the check again"
        )


def validate_argv(argv: Sequence[str], python: str) -> tuple[str, ...]:
    """The argv if it is an allowed command for this interpreter; raises ActionRefused otherwise."""
    argv = tuple(str(a) for a in argv)
    if len(argv) >= 3 and environment_way_argv(argv, python) and not any(bad in argv for bad in FORBIDDEN_ARGS):
        return argv  # the notebook-kernel, ensurepip and uv shapes (wizard/checks/environments.py)
    if len(argv) < 4:
        raise ActionRefused(f"not a command the wizard runs: {' '.join(argv) or '(empty)'}")
    lowered = [os.path.basename(a).lower() for a in argv]
    for bad in FORBIDDEN_ARGS:
        if bad in lowered or bad in argv:
            raise ActionRefused(f"the wizard never runs commands with {bad!r}")
    if not _same_path(argv[0], python):
        raise ActionRefused(f"the command runs {argv[0]}, not the interpreter being fixed ({python})")
    if argv[1:3] == ("-m", "pip") and argv[3] in ("install", "uninstall"):
        return argv
    if argv[1:3] == ("-m", "venv") and len(argv) >= 4:
        return argv
    raise ActionRefused(f"the wizard only runs pip install/uninstall and venv creation, not: {' '.join(argv[1:4])}")


# Issue #16's command shapes, until the allow-list policy (approve()) carries them:
#   python -m ipykernel install --user --name NAME [--display-name TEXT]   (register a notebook kernel)
#   python -m ensurepip                                                   (pip for a uv venv without uv)
#   uv pip install --python PYTHON ...        uv sync --project FOLDER     (uv venvs and projects)
ENSUREPIP = (("-m", "ensurepip"),)
_KERNEL_NAME = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


def target_interpreter(argv: Sequence[str]) -> str:
    """The interpreter whose environment argv changes: argv[0], uv's --python, or a uv project's .venv Python."""
    argv = tuple(str(a) for a in argv)
    if argv and os.path.basename(argv[0]).lower() in ("uv", "uv.exe"):
        if argv[1:4] == ("pip", "install", "--python") and len(argv) > 4:
            return argv[4]
        if argv[1:3] == ("sync", "--project") and len(argv) == 4:
            return os.path.join(argv[3], ".venv", "Scripts" if os.name == "nt" else "bin", "python")
    return argv[0] if argv else ""


def environment_way_argv(argv: tuple[str, ...], python: str) -> bool:
    """Whether argv is one of issue #16's shapes for this interpreter."""
    if argv[1:] in ENSUREPIP:
        return _same_path(argv[0], python)
    if argv[1:5] == ("-m", "ipykernel", "install", "--user"):
        rest = argv[5:]
        shape = rest[:1] == ("--name",) and len(rest) in (2, 4) and bool(_KERNEL_NAME.match(rest[1]))
        if len(rest) == 4:
            shape = shape and rest[2] == "--display-name" and bool(rest[3].strip()) and not rest[3].startswith("-")
        return shape and _same_path(argv[0], python)
    if os.path.basename(argv[0]).lower() not in ("uv", "uv.exe"):
        return False
    if argv[1:4] == ("pip", "install", "--python") and len(argv) > 5:
        return _same_path(argv[4], python)
    if argv[1:3] == ("sync", "--project") and len(argv) == 4:
        folder = os.path.realpath(argv[3])
        return os.path.realpath(os.path.dirname(os.path.dirname(os.path.abspath(python)))).startswith(folder + os.sep)
    return False


def prepare_pip_argv(argv: Sequence[str], pip_version: str) -> tuple[str, ...]:
    """Add what makes an unattended pip run readable: no prompts, and raw progress lines where pip has them."""
    argv = tuple(argv)
    if argv[1:3] != ("-m", "pip"):
        return argv
    head, command, rest = argv[:3], argv[3], argv[4:]
    extra: list[str] = []
    if "--no-input" not in rest:
        extra.append("--no-input")
    if command == "uninstall" and "-y" not in rest and "--yes" not in rest:
        extra.append("--yes")
    if (
        command == "install"
        and _parse_version(pip_version) >= RAW_PROGRESS_PIP
        and not any(a.startswith("--progress-bar") for a in rest)
    ):
        extra += ["--progress-bar", "raw"]
    return (*head, command, *extra, *rest)


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
            return f"could not start {self.argv[0]}: {self.start_error}"
        errors = [line.strip() for line in self.output_tail if line.lstrip().startswith("ERROR:")]
        return "\n".join(errors) if errors else "\n".join(self.output_tail[-5:])


def run_streaming(
    argv: Sequence[str],
    on_line: LineHandler | None = None,
    *,
    env: Mapping[str, str] | None = None,
    cancel: threading.Event | None = None,
    timeout: float | None = None,
) -> RunResult:
    """Run argv (no shell), calling on_line for every output line (stdout and stderr merged)."""
    argv = tuple(str(a) for a in argv)
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
