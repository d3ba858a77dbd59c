"""Find the Python interpreters on this machine the user might mean (the GUI's Welcome page list).

Each one is asked ONE tiny stdlib question (its version and whether a torch dist-info is on
its sys.path; torch is never imported), all in parallel threads with a short timeout.
An interpreter that does not answer is still listed, with the reason in its label.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from wizard.facts.interpreter import env_python
from wizard.facts.runner import CommandResult, Runner, run_command

QUESTION_TIMEOUT = 10.0  # seconds for one interpreter to say its version (a cold start on Windows is slow)
LISTING_TIMEOUT = 15.0  # seconds for `conda env list` / `py -0p`
MAX_THREADS = 8
ANSWER_PREFIX = "tsw-discover "

# Runs on Python 2.7 and every Python 3: no f-strings.
# Prints "tsw-discover <version> <torch version or -> <sys.prefix>".
QUESTION = r"""
import os, sys
version = "%d.%d.%d" % tuple(sys.version_info[:3])
torch = "-"
for entry in sys.path:
    try:
        names = sorted(os.listdir(entry or "."))
    except Exception:
        continue
    hits = [n for n in names if n.lower().startswith("torch-") and n.endswith((".dist-info", ".egg-info"))]
    if hits:
        torch = hits[0][len("torch-"):].rsplit(".", 1)[0].split("-")[0]
        break
sys.stdout.write("tsw-discover %s %s %s\n" % (version, torch, os.path.realpath(sys.prefix)))
"""

# Where a discovered interpreter came from, most likely meant first.
KIND_ORDER = ("venv", "conda", "PATH", "py launcher", "folder", "pyenv", "this app")
# `py -0p` lines: " -V:3.12 *        C:\\...\\python.exe" (the default starred), "  *    C:\\venv\\Scripts\\python.exe"
# (the active venv), " -3.9-64        C:\\..." (launchers before 3.11); a registration's ExecutableArguments follow the path.
_PY_LAUNCHER_LINE = re.compile(r"^\s*(?:-\S+(?:\s+\*)?|\*)\s+(?P<path>\S.*?)\s*$")
_EXECUTABLE_THEN_ARGUMENTS = re.compile(r"^(?P<exe>.+?\.exe)\s+\S.*$", re.IGNORECASE)


@dataclass(frozen=True)
class InterpreterChoice:
    path: str
    version: str  # "3.11.7"; "" when the interpreter did not answer
    label: str  # one line for a list: version, where it came from, path, torch
    kind: str  # "this app" | "PATH" | "py launcher" | "venv" | "conda" | "pyenv" | "folder"
    has_torch: bool | None  # None: could not ask
    torch_version: str = ""


@dataclass(frozen=True)
class _Candidate:
    path: str
    kind: str


def discover_interpreters(
    env: Mapping[str, str] | None = None, runner: Runner = run_command
) -> list[InterpreterChoice]:
    """Interpreters found on this machine, deduplicated, the most likely meant first."""
    env = dict(os.environ if env is None else env)
    with ThreadPoolExecutor(max_workers=MAX_THREADS, thread_name_prefix="discover") as pool:
        listed = [pool.submit(py_launcher_candidates, env, runner), pool.submit(conda_candidates, env, runner)]
        candidates = [*active_env_candidates(env), *path_candidates(env)]
        candidates += listed[0].result() + listed[1].result()
        candidates += [*folder_candidates(env), *pyenv_candidates(env), *this_app_candidates()]
        unique = dedupe(sorted(candidates, key=lambda c: KIND_ORDER.index(c.kind)))
        answers = list(pool.map(lambda candidate: ask(candidate, runner), unique))
    return same_environment_once(answers)


# --------------------------------------------------------------------------- sources


def home_folder(env: Mapping[str, str]) -> Path:
    home = env.get("HOME") or env.get("USERPROFILE")
    return Path(home) if home else Path.home()


def _in_folders(folders: Iterable[Path], kind: str) -> list[_Candidate]:
    found = []
    for folder in folders:
        python = env_python(folder)
        if python is not None:
            found.append(_Candidate(str(python), kind))
    return found


def active_env_candidates(env: Mapping[str, str]) -> list[_Candidate]:
    found = []
    if env.get("VIRTUAL_ENV"):
        found += _in_folders([Path(env["VIRTUAL_ENV"])], "venv")
    if env.get("CONDA_PREFIX"):
        found += _in_folders([Path(env["CONDA_PREFIX"])], "conda")
    return found


def path_candidates(env: Mapping[str, str]) -> list[_Candidate]:
    search = env.get("PATH", "")
    names = ("python",) if os.name == "nt" else ("python3", "python")
    return [_Candidate(found, "PATH") for name in names if (found := shutil.which(name, path=search))]


def parse_py_launcher(output: str) -> list[str]:
    """Interpreter paths from `py -0p` (' -V:3.12 *  C:\\...\\python.exe', older ' -3.9-64  C:\\...', '  *  <venv>')."""
    paths = []
    for line in output.splitlines():
        match = _PY_LAUNCHER_LINE.match(line)
        if match and ("\\" in match["path"] or "/" in match["path"]):
            with_arguments = _EXECUTABLE_THEN_ARGUMENTS.match(match["path"])
            paths.append(with_arguments["exe"] if with_arguments else match["path"])
    return paths


def py_launcher_candidates(env: Mapping[str, str], runner: Runner) -> list[_Candidate]:
    launcher = shutil.which("py", path=env.get("PATH", ""))
    if not launcher:
        return []
    result = runner([launcher, "-0p"], timeout=LISTING_TIMEOUT)
    if not result.ok:
        return []
    paths = parse_py_launcher(result.stdout + "\n" + result.stderr)
    return [_Candidate(path, "py launcher") for path in paths if os.path.isfile(path)]


def parse_conda_envs(output: str) -> list[str]:
    """Env folders from `conda env list --json` ({"envs": [...]}); [] for anything else."""
    try:
        data = json.loads(output)
    except ValueError:
        return []
    envs = data.get("envs") if isinstance(data, dict) else None
    return [item for item in envs if isinstance(item, str)] if isinstance(envs, list) else []


def conda_candidates(env: Mapping[str, str], runner: Runner) -> list[_Candidate]:
    conda = shutil.which("conda", path=env.get("PATH", "")) or env.get("CONDA_EXE", "")
    if not conda:
        return []
    result = runner([conda, "env", "list", "--json"], timeout=LISTING_TIMEOUT)
    if not result.ok:
        return []
    return _in_folders([Path(folder) for folder in parse_conda_envs(result.stdout)], "conda")


def _version_key(folder: Path) -> tuple:
    return tuple(int(part) if part.isdigit() else -1 for part in re.split(r"[.\-]", folder.name))


def _subfolders(folder: Path) -> list[Path]:
    try:
        return [child for child in folder.iterdir() if child.is_dir()]
    except OSError:
        return []


def pyenv_candidates(env: Mapping[str, str]) -> list[_Candidate]:
    home = home_folder(env)
    roots = [Path(env["PYENV_ROOT"])] if env.get("PYENV_ROOT") else [home / ".pyenv"]
    roots.append(home / ".pyenv" / "pyenv-win")  # pyenv-win keeps versions one level deeper
    versions = [v for root in roots for v in _subfolders(root / "versions")]
    return _in_folders(sorted(versions, key=_version_key, reverse=True), "pyenv")


def folder_candidates(env: Mapping[str, str], cwd: Path | None = None) -> list[_Candidate]:
    """Venvs in the usual places: ~/.venv, ~/venv, ./.venv, ~/.virtualenvs/*, ~/envs/*."""
    home = home_folder(env)
    here = cwd or Path.cwd()
    folders = [home / ".venv", home / "venv", here / ".venv"]
    for parent in (home / ".virtualenvs", home / "envs"):
        folders += sorted(_subfolders(parent))
    return _in_folders(folders, "folder")


def this_app_candidates() -> list[_Candidate]:
    if getattr(sys, "frozen", False) or not sys.executable:
        return []  # a frozen bundle's executable is the wizard, not a Python
    return [_Candidate(sys.executable, "this app")]


# --------------------------------------------------------------------------- dedupe and describe


def identity(path: str) -> str:
    """What makes two paths the same interpreter.

    A venv's python is often a symlink to its base interpreter, so plain realpath would merge
    the venv into its base: inside a venv the environment folder is the identity instead.
    """
    folder = os.path.dirname(os.path.abspath(path))
    for env_root in (os.path.dirname(folder), folder):
        if os.path.isfile(os.path.join(env_root, "pyvenv.cfg")):
            return "env:" + os.path.normcase(os.path.realpath(env_root))
    return "exe:" + os.path.normcase(os.path.realpath(path))


def dedupe(candidates: Iterable[_Candidate]) -> list[_Candidate]:
    seen: set[str] = set()
    unique = []
    for candidate in candidates:
        key = identity(candidate.path)
        if key not in seen:
            seen.add(key)
            unique.append(candidate)
    return unique


def parse_answer(stdout: str) -> tuple[str, str, str] | None:
    """(version, torch version or '', sys.prefix) from the QUESTION's output line, None if it is not there."""
    for line in stdout.splitlines():
        if line.startswith(ANSWER_PREFIX):
            parts = line[len(ANSWER_PREFIX) :].strip().split(None, 2)
            if len(parts) == 3:
                return parts[0], "" if parts[1] == "-" else parts[1], parts[2]
    return None


def ask(candidate: _Candidate, runner: Runner = run_command) -> tuple[InterpreterChoice, str]:
    """The choice for one interpreter, and the environment it runs in ('' when it did not answer)."""
    result = runner([candidate.path, "-c", QUESTION], timeout=QUESTION_TIMEOUT)
    answer = parse_answer(result.stdout) if result.ok else None
    if answer is None:
        why = _failure_reason(result)
        label = f"{candidate.path} ({candidate.kind}): could not ask it ({why})"
        return InterpreterChoice(candidate.path, "", label, candidate.kind, None), ""
    version, torch_version, prefix = answer
    torch_text = f"torch {torch_version}" if torch_version else "no torch"
    label = f"Python {version} ({candidate.kind}) {candidate.path} - {torch_text}"
    choice = InterpreterChoice(candidate.path, version, label, candidate.kind, bool(torch_version), torch_version)
    return choice, f"{os.path.normcase(prefix)}|{version}"


def describe_interpreter(path: str, kind: str = "chosen", runner: Runner = run_command) -> InterpreterChoice:
    """One interpreter named by the user (--python, Browse…) described like the discovered ones."""
    return ask(_Candidate(path, kind), runner)[0]


def same_environment_once(answers: Iterable[tuple[InterpreterChoice, str]]) -> list[InterpreterChoice]:
    """Drop a later path to an environment already listed (pyenv's shims, two launchers of one install).

    sys.prefix plus the version names an environment: /usr/bin/python3.11 and python3.12 share /usr.
    """
    seen: set[str] = set()
    choices = []
    for choice, environment in answers:
        if environment and environment in seen:
            continue
        seen.add(environment)
        choices.append(choice)
    return choices


def _failure_reason(result: CommandResult) -> str:
    if result.start_error:
        return result.start_error
    if result.timed_out:
        return "it did not answer in time"
    if result.signal:
        return f"it crashed with signal {result.signal}"
    if result.exit_code not in (0, None):
        tail = result.stderr.strip().splitlines()
        return f"exit code {result.exit_code}" + (f": {tail[-1][:120]}" if tail else "")
    return "it did not answer like a Python interpreter"
