"""Where the user's code runs: the terminal's Python, notebook kernels, conda envs, uv venvs and projects, VS Code.

Files are read directly (bounded, regular files only); every interpreter found is asked one small
stdlib question (its version, torch's version from the dist-info names, whether ipykernel is there),
in parallel threads with a short timeout. Nothing is imported from those environments.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import sys
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from wizard.facts.conda_envs import find_conda_envs
from wizard.facts.discover import QUESTION_TIMEOUT, folder_candidates
from wizard.facts.kernels import find_kernels, kernel_folders
from wizard.facts.runner import Runner, run_command
from wizard.facts.uv import find_uv_project, read_uv_venv
from wizard.facts.vscode import editor_choices
from wizard.snapshot import RunPlaces, TorchAnswer

MAX_THREADS = 8
ANSWER_PREFIX = "tsw-places "

# Runs on Python 2.7 and every Python 3: no f-strings.
# Prints "tsw-places <version> <torch or -> <ipykernel 0/1> <sys.prefix>".
QUESTION = r"""
import os, sys
version = "%d.%d.%d" % tuple(sys.version_info[:3])
torch = "-"
ipykernel = 0
for entry in sys.path:
    try:
        names = os.listdir(entry or ".")
    except Exception:
        continue
    for n in sorted(names):
        low = n.lower()
        if torch == "-" and low.startswith("torch-") and low.endswith((".dist-info", ".egg-info")):
            torch = n[len("torch-"):].rsplit(".", 1)[0].split("-")[0]
        if low == "ipykernel" or (low.startswith("ipykernel-") and low.endswith(".dist-info")):
            ipykernel = 1
sys.stdout.write("tsw-places %s %s %d %s\n" % (version, torch, ipykernel, os.path.realpath(sys.prefix)))
"""


def parse_answer(stdout: str) -> TorchAnswer | None:
    for line in stdout.splitlines():
        if line.startswith(ANSWER_PREFIX):
            parts = line[len(ANSWER_PREFIX) :].strip().split(None, 3)
            if len(parts) == 4:
                return TorchAnswer(True, parts[0], "" if parts[1] == "-" else parts[1], parts[2] == "1", prefix=parts[3])
    return None


def ask(python: str, runner: Runner = run_command) -> TorchAnswer:
    """One interpreter's answer; answered=False with the reason when it could not be asked."""
    if not python:
        return TorchAnswer(why_not="no interpreter")
    result = runner([python, "-c", QUESTION], timeout=QUESTION_TIMEOUT)
    answer = parse_answer(result.stdout) if result.ok else None
    if answer is not None:
        return answer
    if result.start_error:
        return TorchAnswer(why_not=result.start_error[:200])
    if result.timed_out:
        return TorchAnswer(why_not="it did not answer in time")
    return TorchAnswer(why_not=f"exit code {result.exit_code}")


def terminal_python(env: Mapping[str, str]) -> str:
    """What `python` in a terminal runs: python3, else python, on PATH (python first on Windows)."""
    names = ("python", "python3") if os.name == "nt" else ("python3", "python")
    for name in names:
        found = shutil.which(name, path=env.get("PATH", ""))
        if found:
            return found
    return ""


def _prefix_of(python: str) -> str:
    """The environment folder an interpreter path sits in (<prefix>/bin/python, <prefix>\\python.exe)."""
    folder = Path(python).parent
    return str(folder.parent if folder.name.lower() in ("bin", "scripts") else folder)


def host_os() -> str:
    return {"win32": "windows", "darwin": "darwin"}.get(sys.platform, "linux")


def collect_places(
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    runner: Runner = run_command,
    checked_kernel: str = "",
    os_name: str = "",
    ask_interpreters: bool = True,
    checked_python: str = "",
) -> RunPlaces:
    """Every place code may run on this machine, each interpreter asked about torch (unless told not to)."""
    env = dict(os.environ if env is None else env)
    here = cwd or Path.cwd()
    os_name = os_name or host_os()
    terminal = terminal_python(env)
    conda_envs = find_conda_envs(env, extra=[Path(_prefix_of(checked_python))] if checked_python else [])
    project = find_uv_project(here)
    venv_folders = [Path(_prefix_of(checked_python))] if checked_python else []  # the Python checked, wherever it is
    venv_folders += [Path(env["VIRTUAL_ENV"])] if env.get("VIRTUAL_ENV") else []
    venv_folders += [_candidate_folder(c.path) for c in folder_candidates(env, here)]
    if project is not None and project.venv:
        venv_folders.append(Path(project.venv))
    uv_venvs = _unique([v for v in (read_uv_venv(folder) for folder in venv_folders) if v is not None], "prefix")
    editor = editor_choices(here)
    prefixes = [e.prefix for e in conda_envs] + [v.prefix for v in uv_venvs] + [str(f) for f in venv_folders]
    prefixes += [_prefix_of(p) for p in (terminal, sys.executable) if p]
    folders = kernel_folders(env, os_name, prefixes)
    kernels = find_kernels(folders)
    interpreters = {terminal, *(k.python for k in kernels), *(e.python for e in conda_envs),
                    *(v.python for v in uv_venvs), *(c.python for c in editor)} - {""}
    if not ask_interpreters:
        interpreters = set()
    with ThreadPoolExecutor(max_workers=MAX_THREADS, thread_name_prefix="places") as pool:
        answers = dict(zip(interpreters, pool.map(lambda p: ask(p, runner), interpreters)))
    return RunPlaces(
        terminal_python=terminal,
        terminal=answers.get(terminal, TorchAnswer(why_not="no python3 or python on PATH")),
        kernels=tuple(_with_answer(k, answers) for k in kernels),
        kernel_folders=tuple(str(f) for f in folders),
        conda_envs=tuple(_with_answer(e, answers) for e in conda_envs),
        uv_venvs=tuple(_with_answer(v, answers) for v in uv_venvs),
        uv_projects=(project,) if project is not None else (),
        editor=tuple(_with_answer(c, answers) for c in editor),
        uv=shutil.which("uv", path=env.get("PATH", "")) or "",
        checked_kernel=checked_kernel,
    )


def _candidate_folder(python: str) -> Path:
    return Path(_prefix_of(python))


def _unique(items: list, attribute: str) -> list:
    seen: set[str] = set()
    unique = []
    for item in items:
        key = os.path.normcase(os.path.realpath(getattr(item, attribute)))
        if key not in seen:
            seen.add(key)
            unique.append(item)
    return unique


def _with_answer(item, answers: Mapping[str, TorchAnswer]):  # noqa: ANN001, ANN202 - any place record
    answer = answers.get(item.python) if item.python else None
    return dataclasses.replace(item, answer=answer) if answer is not None else item


def kernel_by_name(
    name: str, env: Mapping[str, str] | None = None, os_name: str = "", cwd: Path | None = None
) -> tuple[str, list[str], str]:
    """For --kernel: (the interpreter of the kernel called ``name``, every kernel name found, and when the
    kernel is there but its interpreter cannot be told, how it runs); ('', names, '') when there is no such kernel."""
    places = collect_places(env, cwd=cwd, checked_kernel=name, os_name=os_name, ask_interpreters=False)
    spec = places.kernel(name.lower())
    if spec is None:
        return "", [k.name for k in places.kernels], ""
    return spec.python, [k.name for k in places.kernels], "" if spec.python else spec.python_note


