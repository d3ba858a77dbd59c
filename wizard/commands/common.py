"""What several commands share: resolving the target interpreter and collecting its snapshot."""

from __future__ import annotations

import argparse

from wizard.cli import UsageError
from wizard.facts.interpreter import InterpreterError, resolve_target_python
from wizard.findings import Goal
from wizard.snapshot import Snapshot


def target_python(args: argparse.Namespace) -> str:
    kernel = getattr(args, "kernel", None)
    if kernel:
        return kernel_python(kernel, getattr(args, "python", None))
    try:
        return resolve_target_python(getattr(args, "python", None))
    except InterpreterError as exc:
        raise UsageError(str(exc)) from None


def kernel_python(name: str, python: str | None = None) -> str:
    """The interpreter the notebook kernel ``name`` runs (--kernel); a UsageError saying why when there is none."""
    from wizard.facts.places import kernel_by_name
    from wizard.places_text import say

    if python:
        raise UsageError(say("error.kernel_and_python"))
    found, names, how = kernel_by_name(name)
    if found:
        return found
    if how:
        raise UsageError(say("error.kernel_python_unknown", name=name, how=how))
    raise UsageError(say("error.no_kernel", name=name, names=", ".join(names) or "-"))


def collect_for_args(args: argparse.Namespace, goal: Goal | None = None, progress=None) -> Snapshot:
    """The snapshot of the target interpreter; with a ``goal`` whose course profile names a smoke test, the
    test's result is appended as evidence (only when torch imported: otherwise the import findings say why)."""
    from wizard.checkup import collect

    live_import = not getattr(args, "no_import", False)
    index = index_request_for_args(args, goal) if goal is not None else None
    return collect(target_python(args), goal, live_import=live_import, timeout=getattr(args, "timeout", None),
                   progress=progress, index=index, checked_kernel=(getattr(args, "kernel", None) or "").lower())


def index_request_for_args(args: argparse.Namespace, goal: Goal):  # -> IndexRequest
    """What to read from the PyTorch package index (``goal.torch_index``): ``--offline`` / TSW_OFFLINE=1 read none."""
    import os

    from wizard.index.request import index_request
    from wizard.knowledge import load_knowledge

    offline = bool(getattr(args, "offline", False)) or os.environ.get("TSW_OFFLINE", "").strip() == "1"
    return index_request(load_knowledge(), goal.torch_index, offline=offline)


def profile_for_args(args: argparse.Namespace):  # -> CourseProfile | None
    """The course profile named by ``--profile``, loaded and validated (a bad one is a one-line usage error)."""
    path = getattr(args, "profile", None)
    if not path:
        return None
    from wizard.profile import ProfileError, load_profile

    try:
        return load_profile(path)
    except ProfileError as exc:
        raise UsageError(str(exc)) from None


def goal_for_args(args: argparse.Namespace) -> Goal:
    """What the user needs: ``--want`` and ``--torch-index``, and the course profile's CUDA policy when
    ``--want`` was left at "auto" (an explicit --want cuda/cpu wins over the profile)."""
    profile = profile_for_args(args)
    want = getattr(args, "want", None) or "auto"
    if profile is not None and want == "auto":
        want = profile.want
    torch_index = (getattr(args, "torch_index", None) or Goal().torch_index).rstrip("/")
    return Goal(want=want, torch_index=torch_index, profile=profile)
