"""A fresh virtual environment with the recommended PyTorch: the fix for an externally managed system
Python and for tangled environments. The old environment is never touched."""

from __future__ import annotations

import os
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from wizard.actions.policy import approve
from wizard.actions.runner import (
    ActionRefused,
    LineHandler,
    RunResult,
    prepare_pip_argv,
    probe_identity,
    run_streaming,
)
from wizard.findings import Recommendation
from wizard.remedy_texts import remedy_text
from wizard.shell_text import command_text, local_os_name

DEFAULT_FOLDER_NAME = "torch-env"


def default_env_folder() -> Path:
    """~/torch-env (on Windows %USERPROFILE%\\torch-env)."""
    return Path.home() / DEFAULT_FOLDER_NAME


def venv_python(folder: Path, os_name: str = os.name) -> Path:
    return folder / ("Scripts/python.exe" if os_name == "nt" else "bin/python")


def check_target_folder(folder: Path) -> None:
    """Refuse an existing file or non-empty folder: a new environment never overwrites anything."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise ActionRefused("refused.folder_not_empty", folder=folder)


def install_args(recommendation: Recommendation) -> tuple[str, ...]:
    """The pip install arguments of the recommendation (after ``-m pip install``), wherever it put them."""
    for argv in (recommendation.argv, *reversed(recommendation.steps)):
        argv = tuple(argv)
        if len(argv) > 4 and argv[1:4] == ("-m", "pip", "install"):
            return argv[4:]
    raise ActionRefused("refused.no_install_command")


def fresh_env_steps(base_python: str, folder: Path, args: Sequence[str]) -> tuple[tuple[str, ...], ...]:
    """venv creation, then the install with the new environment's own pip."""
    python = str(venv_python(folder))
    return ((base_python, "-m", "venv", str(folder)), (python, "-m", "pip", "install", *args))


def usage_text(folder: Path, os_name: str = os.name) -> str:
    """How to use the new environment: activate it, and point VS Code / Jupyter at it."""
    python = venv_python(folder, os_name)
    shell = "windows" if os_name == "nt" else "linux"
    if os_name == "nt":
        scripts = str(folder) + "\\Scripts\\"
        activate = (command_text([scripts + "activate"], shell)
                    + "   (PowerShell: " + command_text([scripts + "Activate.ps1"], shell) + ")")
    else:
        activate = command_text(["source", f"{folder}/bin/activate"], shell)
    install_kernel = command_text([str(python), "-m", "pip", "install", "ipykernel"], shell)
    register = command_text([str(python), "-m", "ipykernel", "install", "--user", "--name", folder.name], shell)
    return "\n".join(
        [
            f"Your new environment is in {folder}.",
            f"Use it in a terminal:  {activate}",
            f"Or run its Python directly:  {command_text([str(python)], shell)}",
            f"VS Code: Ctrl+Shift+P → 'Python: Select Interpreter' → Enter interpreter path → {python}",
            "Jupyter: register it as a kernel once:",
            f"  {install_kernel} && {register}",
            "Your old environment was not changed.",
        ]
    )


@dataclass(frozen=True)
class FreshEnvResult:
    folder: Path
    python: str
    runs: tuple[RunResult, ...]

    @property
    def ok(self) -> bool:
        return bool(self.runs) and all(r.ok for r in self.runs) and len(self.runs) == 2


def create_fresh_env(
    target_python: str,
    recommendation: Recommendation,
    folder: Path | None = None,
    *,
    on_line: LineHandler | None = None,
    env: Mapping[str, str] | None = None,
    cancel: threading.Event | None = None,
) -> FreshEnvResult:
    """Create the venv with the target's base interpreter and install the recommended build into it."""
    folder = Path(folder or default_env_folder()).expanduser().absolute()
    check_target_folder(folder)
    base_python = probe_identity(target_python).base_executable
    create, install = fresh_env_steps(base_python, folder, install_args(recommendation))
    approved_create = approve(create, base_python)
    runs: list[RunResult] = []
    for step_index in range(2):
        if step_index == 0:
            command = approved_create
        else:
            identity = probe_identity(str(venv_python(folder)))
            command = prepare_pip_argv(approve(install, str(venv_python(folder))), identity.pip_version)
        if on_line is not None:
            on_line("$ " + command_text(command.argv, local_os_name()))
        result = run_streaming(command, on_line, env=env, cancel=cancel)
        runs.append(result)
        if not result.ok:
            break
    return FreshEnvResult(folder, str(venv_python(folder)), tuple(runs))


_IMPORT_CHECK = "import torch, sys; sys.stdout.write('%s\\n%s\\n' % (torch.__version__, torch.version.cuda or ''))"


@dataclass(frozen=True)
class FreshEnvCheck:
    """Whether torch imports in the new environment, and the sentence that says so."""

    works: bool
    sentence: str


def verify_fresh_env(result: FreshEnvResult, timeout: float = 300.0) -> FreshEnvCheck:
    """Import torch in the new environment (in its own process) and say what it is, in one sentence."""
    from wizard.facts.runner import run_command

    check = run_command([result.python, "-c", _IMPORT_CHECK], timeout=timeout)
    if not check.ok:
        why = check.stderr.strip().splitlines()[-1:] or [check.start_error or f"exit code {check.exit_code}"]
        return FreshEnvCheck(False, remedy_text("fresh_env.does_not_import", error=why[0]))
    version, _, cuda = check.stdout.partition("\n")
    version, cuda = version.strip(), cuda.strip()
    if cuda:
        return FreshEnvCheck(True, remedy_text("fresh_env.imports_cuda", version=version, cuda=cuda))
    return FreshEnvCheck(True, remedy_text("fresh_env.imports_cpu", version=version))


def _shell_word(text: str, os_name: str) -> str:
    """A path as one word of a typed command (quoted when it holds a space)."""
    if not text or any(c in text for c in " \t&()'\""):
        return f'"{text}"' if os_name == "nt" else "'" + text.replace("'", "'\\''") + "'"
    return text


def usage_steps(folder: Path, os_name: str = os.name) -> tuple[tuple[str, str], ...]:
    """(what it is for, the command to copy) for using the new environment: terminal, VS Code, Jupyter."""
    python = _shell_word(str(venv_python(folder, os_name)), os_name)
    if os_name == "nt":
        activate: tuple[tuple[str, str], ...] = (
            ("Use it in a terminal: activate it (Command Prompt)", _shell_word(f"{folder}\\Scripts\\activate.bat", os_name)),
            ("… or in PowerShell", "& " + _shell_word(f"{folder}\\Scripts\\Activate.ps1", os_name)),
        )
    else:
        activate = (("Use it in a terminal: activate it", f"source {_shell_word(f'{folder}/bin/activate', os_name)}"),)
    return (
        *activate,
        ("Or run its Python directly", python),
        ("VS Code: Ctrl+Shift+P → “Python: Select Interpreter” → “Enter interpreter path…”, then paste",
         str(venv_python(folder, os_name))),
        ("Jupyter: install the kernel package into it", f"{python} -m pip install ipykernel"),
        ("Jupyter: register it as a kernel (once)",
         f"{python} -m ipykernel install --user --name {_shell_word(folder.name, os_name)}"),
    )
