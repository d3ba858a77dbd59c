"""Causes no reinstall fixes and damage pip cannot see: a torch.py in the working folder, a damaged
install (files missing or truncated while pip still counts the package installed), CUDA_HOME naming a
folder that is not there. Each finding's remedy is attached by wizard.checks.remedies."""

from __future__ import annotations

import os

from wizard.checks.context import CheckContext
from wizard.checks.remedies import damaged_distributions
from wizard.checks.texts import finding
from wizard.findings import Finding, Severity, Step
from wizard.i18n import RenderedText


def check_local_shadow(ctx: CheckContext) -> list[Finding]:
    """LOCAL_TORCH_SHADOW: torch.py / torch/ (or numpy...) in the working folder is imported instead of the package."""
    python = ctx.python
    if python is None or not python.cwd_shadows:
        return []
    first = python.cwd_shadows[0]
    return [
        finding(
            "LOCAL_TORCH_SHADOW",
            Severity.ERROR,
            Step.PYTHON,
            details="\n".join(python.cwd_shadows),
            path=first,
            name=os.path.basename(first.rstrip("/\\")),
            folder=os.path.dirname(first.rstrip("/\\")),
        )
    ]


def check_damaged_install(ctx: CheckContext) -> list[Finding]:
    """TORCH_DAMAGED: files of torch (or its nvidia-*, torchvision, ...) listed in the wheel's RECORD are missing or truncated."""
    damaged = damaged_distributions(ctx)
    if not damaged or ctx.python is None:
        return []
    files = [f"{d.name}: {path}" for d in ctx.python.distributions if d.damaged for path in d.damaged]
    return [
        finding(
            "TORCH_DAMAGED",
            Severity.ERROR,
            Step.WHEEL,
            details="\n".join(files[:20]),
            packages=", ".join(f"{name} {version}" for name, version in damaged),
            count=len(files),
        )
    ]


def check_cuda_home_missing(ctx: CheckContext) -> list[Finding]:
    """CUDA_HOME_MISSING (warning): CUDA_HOME / CUDA_PATH names a folder that does not exist."""
    home = ctx.snapshot.toolkit.extension_cuda_home.get()
    if home is None or home.exists or home.source not in ("CUDA_HOME", "CUDA_PATH"):
        return []
    return [
        finding(
            "CUDA_HOME_MISSING",
            Severity.WARNING,
            Step.TOOLKIT,
            details=f"{home.source}={home.path}: no such folder",
            variable=home.source,
            path=home.path,
        )
    ]


def check_not_python(ctx: CheckContext) -> list[Finding]:
    """PYTHON_UNUSABLE: the chosen --python is not a Python that runs (a folder, another program, a broken one).
    Everything about torch follows from that, so nothing else may suggest reinstalling PyTorch."""
    problem = ctx.snapshot.python.problem
    if ctx.snapshot.source == "text" or problem is None or problem.code != "python_unusable":
        return []
    reason = RenderedText(problem.reason, problem.reason_messages)  # a report reader sees it in their language
    return [finding("PYTHON_UNUSABLE", Severity.ERROR, Step.PYTHON, details=problem.reason, reason=reason)]


CHECKS = (check_not_python, check_local_shadow, check_damaged_install, check_cuda_home_missing)
