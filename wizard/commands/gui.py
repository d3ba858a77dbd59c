"""``torch-setup-wizard gui``: open the wizard (or walk a saved report read-only with --open)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from wizard.cli import EXIT_USAGE, UsageError
from wizard.findings import Goal
from wizard.gui.display_check import display_problem


def run(args: argparse.Namespace) -> int:
    problem = display_problem(os.environ, sys.platform)
    if problem:
        print(f"torch-setup-wizard: {problem}", file=sys.stderr)
        return EXIT_USAGE
    report = _load_report(args.open) if getattr(args, "open", None) else None
    python = _python(args) if report is None else None
    goal = Goal(want=getattr(args, "want", "auto"), torch_index=args.torch_index, profile=_profile(args))
    from wizard.gui.app import run_app  # PySide6 is imported only now, after the display check

    return run_app(python, goal, report)


def _python(args: argparse.Namespace) -> str | None:
    if not getattr(args, "python", None):
        return None  # the user picks one on the Welcome page
    from wizard.facts.interpreter import InterpreterError, resolve_target_python

    try:
        return resolve_target_python(args.python)
    except InterpreterError as exc:
        raise UsageError(str(exc)) from None


def _profile(args: argparse.Namespace) -> object | None:
    if not getattr(args, "profile", None):
        return None
    from wizard.profile import ProfileError, load_profile

    try:
        return load_profile(args.profile)
    except ProfileError as exc:
        raise UsageError(str(exc)) from None


def _load_report(path: str):  # -> tuple[Snapshot, Diagnosis]
    from wizard.report.json_report import ReportFormatError, load_report

    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        return load_report(text)
    except ReportFormatError as exc:
        raise UsageError(f"{path}: {exc}") from None
