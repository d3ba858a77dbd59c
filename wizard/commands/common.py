"""What several commands share: resolving the target interpreter and collecting its snapshot."""

from __future__ import annotations

import argparse

from wizard.cli import UsageError
from wizard.facts.interpreter import InterpreterError, resolve_target_python
from wizard.findings import Goal
from wizard.snapshot import Snapshot


def target_python(args: argparse.Namespace) -> str:
    try:
        return resolve_target_python(getattr(args, "python", None))
    except InterpreterError as exc:
        raise UsageError(str(exc)) from None


def collect_for_args(args: argparse.Namespace, goal: Goal | None = None, progress=None) -> Snapshot:
    """The snapshot of the target interpreter; with a ``goal`` whose course profile names a smoke test, the
    test's result is appended as evidence (only when torch imported: otherwise the import findings say why)."""
    from wizard.checkup import collect

    live_import = not getattr(args, "no_import", False)
    return collect(target_python(args), goal, live_import=live_import, timeout=getattr(args, "timeout", None),
                   progress=progress)


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
