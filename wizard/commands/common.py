"""What several commands share: resolving the target interpreter and collecting its snapshot."""

from __future__ import annotations

import argparse

from wizard.cli import UsageError
from wizard.facts.interpreter import InterpreterError, resolve_target_python
from wizard.snapshot import Snapshot


def target_python(args: argparse.Namespace) -> str:
    try:
        return resolve_target_python(getattr(args, "python", None))
    except InterpreterError as exc:
        raise UsageError(str(exc)) from None


def collect_for_args(args: argparse.Namespace) -> Snapshot:
    from wizard.facts.collect import collect_snapshot

    return collect_snapshot(
        target_python(args),
        live_import=not getattr(args, "no_import", False),
        timeout=getattr(args, "timeout", 120.0),
    )
