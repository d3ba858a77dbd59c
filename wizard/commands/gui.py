"""``torch-setup-wizard gui``: open the wizard (or walk a saved report read-only with --open)."""

from __future__ import annotations

import argparse
import os
import sys

from wizard.cli import EXIT_USAGE, UsageError
from wizard.commands.common import goal_for_args
from wizard.gui.display_check import display_problem
from wizard.i18n import text

PROG = "torch-setup-wizard"  # the program name prefixes its own error lines, in every language


def run(args: argparse.Namespace) -> int:
    problem = display_problem(os.environ, sys.platform)
    if problem:
        print(f"{PROG}: {problem}", file=sys.stderr)
        return EXIT_USAGE
    report = _load_report(args.open) if getattr(args, "open", None) else None
    python = _python(args) if report is None else None
    goal = goal_for_args(args)  # --profile: loaded here, so a broken file is a one-line error before any window
    _index_settings_for_the_window(args, goal)
    from wizard.gui.app import run_app  # PySide6 is imported only now, after the display check

    return run_app(python, goal, report)


def _index_settings_for_the_window(args: argparse.Namespace, goal) -> None:
    """The window's collector reads the package index named by these (wizard.gui.workers)."""
    from wizard.findings import Goal

    if getattr(args, "offline", False):
        os.environ["TSW_OFFLINE"] = "1"
    if goal.torch_index != Goal().torch_index:
        os.environ["TSW_TORCH_INDEX"] = goal.torch_index


def _python(args: argparse.Namespace) -> str | None:
    if getattr(args, "kernel", None):
        from wizard.commands.common import kernel_python

        return kernel_python(args.kernel, getattr(args, "python", None))
    if not getattr(args, "python", None):
        return None  # the user picks one on the Welcome page
    from wizard.facts.interpreter import InterpreterError, resolve_target_python

    try:
        return resolve_target_python(args.python)
    except InterpreterError as exc:
        raise UsageError(str(exc)) from None


def _load_report(path: str):  # -> tuple[Snapshot, Diagnosis]
    from wizard.report.json_report import ReportFormatError, load_report
    from wizard.safe_read import UnreadableFile, read_text_capped

    try:
        content = read_text_capped(path, "report")
    except UnreadableFile as exc:
        raise UsageError(str(exc)) from None
    except OSError as exc:
        raise UsageError(text("command.cannot_read", path=path, error=exc.strerror or exc)) from None
    try:
        return load_report(content)
    except ReportFormatError as exc:
        raise UsageError(f"{path}: {exc}") from None
