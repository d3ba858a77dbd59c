"""Fixes in the environment's own way (issue #16): register a Python as a notebook kernel, install with uv.

The commands come from the findings of wizard/checks/environments.py as RUN actions; each is checked by
policy.approve against the interpreter it changes, shown, confirmed, and run without a shell.
conda commands are never here: the wizard only shows them.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from wizard.actions.backup import SavedFiles
from wizard.actions.policy import approve
from wizard.actions.runner import RunResult, run_streaming
from wizard.facts.runner import run_command
from wizard.findings import Action, ActionKind, Diagnosis
from wizard.shell_text import command_text

Say = Callable[[str], None]


@dataclass(frozen=True)
class Way:
    code: str  # the finding's code and what it does: "register" | "uv"
    steps: tuple[tuple[str, ...], ...]
    changes: str  # the interpreter whose environment the commands change


def _run_actions(diagnosis: Diagnosis, code: str) -> list[Action]:
    return [a for f in diagnosis.findings if f.code == code for a in f.actions if a.kind is ActionKind.RUN and a.argv]


def register_way(diagnosis: Diagnosis) -> Way | None:
    """The commands that register the working Python as the notebook kernel (ENV_MISMATCH's second fix)."""
    actions = _run_actions(diagnosis, "ENV_MISMATCH")
    register = [a for a in actions if a.argv[1:4] == ("-m", "ipykernel", "install")]
    if not register:
        return None
    python = register[0].argv[0]
    first = [a.argv for a in actions if a.argv[0] == python and a.argv[1:5] == ("-m", "pip", "install", "ipykernel")]
    return Way("register", (*first[:1], register[0].argv), python)


def uv_way(diagnosis: Diagnosis, python: str) -> Way | None:
    """uv's command for this environment (UV_ENVIRONMENT): uv pip install, uv sync, or ensurepip before pip."""
    actions = _run_actions(diagnosis, "UV_ENVIRONMENT")
    if not actions:
        return None
    return Way("uv", tuple(a.argv for a in actions), python)


def conda_first(diagnosis: Diagnosis) -> str:
    """The conda command to run by hand before pip may install (CONDA_TORCH's first step), '' when none."""
    for finding in diagnosis.findings:
        if finding.code == "CONDA_TORCH":
            return next((a.text for a in finding.actions if a.kind is ActionKind.COPY), "")
    return ""


def fix_commands(diagnosis: Diagnosis) -> frozenset[tuple[str, ...]]:
    """The commands a plain ``torch-setup-wizard fix`` runs for this diagnosis, decided the way fix decides
    (wizard.commands.fix.run): nothing when conda goes first or a cause must be fixed by hand, uv's way in a
    uv environment, every runnable remedy, else the recommendation. ``check`` promises "fix runs it for you"
    only for these."""
    from wizard.actions.session import instruction_findings, runnable_findings
    from wizard.findings import Severity

    if conda_first(diagnosis):
        return frozenset()
    way = uv_way(diagnosis, "")
    if way is not None:
        return frozenset(way.steps)
    if any(f.severity is Severity.ERROR for f in instruction_findings(diagnosis)):
        return frozenset()
    remedies = runnable_findings(diagnosis)
    if remedies:
        return frozenset(step for f in remedies if f.remedy is not None for step in f.remedy.steps)
    rec = diagnosis.recommendation
    if rec.kind not in ("install", "new_venv"):
        return frozenset()
    return frozenset(tuple(step) for step in (rec.argv, *rec.steps) if step)


def backup_targets(way: Way) -> tuple[str, tuple[SavedFiles, ...]]:
    """(the uv program whose environment the way changes, or ""; the files it changes) — what a backup saves
    before the way runs: a uv project's pyproject.toml and uv.lock, the kernelspec folder ipykernel writes."""
    uv = next((argv[0] for argv in way.steps if _is_uv(argv[0])), "")
    files = []
    for argv in way.steps:
        if _is_uv(argv[0]) and argv[1:3] == ("sync", "--project"):
            files.append(SavedFiles(argv[3], ("pyproject.toml", "uv.lock")))
        if argv[1:4] == ("-m", "ipykernel", "install") and kernel_name(way):
            folder = kernels_folder(argv[0])
            if folder:
                files.append(SavedFiles(os.path.join(folder, kernel_name(way).lower())))
    return uv, tuple(files)


def _is_uv(program: str) -> bool:
    return os.path.basename(program).lower() in ("uv", "uv.exe")


def kernels_folder(python: str) -> str:
    """Where ``ipykernel install --user`` writes kernelspecs for this Python: jupyter_core's own answer
    (JUPYTER_DATA_DIR, else the platform's data folder) + kernels; "" when that Python cannot say."""
    code = "import os, jupyter_core.paths as p; print(os.path.join(p.jupyter_data_dir(), 'kernels'))"
    result = run_command([python, "-c", code], timeout=60)
    lines = result.stdout.strip().splitlines() if result.ok else []
    return lines[-1] if lines and os.path.isabs(lines[-1]) else ""


def save_before(way: Way, sources: Sequence[str] = ()) -> Path:
    """The backup of everything the way changes (``fix --undo`` restores it)."""
    from wizard.actions import backup

    uv, files = backup_targets(way)
    return backup.save_way_state(way.changes, uv=uv, files=files, sources=sources)


def kernel_name(way: Way) -> str:
    argv = way.steps[-1]
    return argv[argv.index("--name") + 1] if "--name" in argv else ""


def run_way(way: Way, say: Say, run: Callable[..., RunResult] = run_streaming) -> RunResult | None:
    """Run every step in order, each validated first; stop at the first failure. None when there were no steps."""
    result = None
    for argv in way.steps:
        checked = approve(argv, way.changes)
        say("$ " + command_text(checked.argv, os.name))
        result = run(checked, lambda line: _echo(line, say))
        if not result.ok:
            return result
    return result


def _echo(line: str, say: Say) -> None:
    stripped = line.strip()
    if stripped.startswith(("ERROR", "error:", "Installed", "Resolved", "Successfully", "Audited")) or "Installed kernelspec" in stripped:
        say(stripped)


def steps_text(steps: Sequence[Sequence[str]]) -> str:
    return "\n".join("  " + " ".join(step) for step in steps)
