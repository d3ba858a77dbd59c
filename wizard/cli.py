"""Command line: ``torch-setup-wizard [gui|check|diagnose|fix|facts|overview] ...`` (see docs/cli.md).

Exit codes: 0 no error finding, 1 at least one error finding, 2 the command could not run
(bad arguments, unusable interpreter, unreadable input) with one line on stderr.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from wizard import __version__
from wizard.safe_text import for_terminal

DEFAULT_TORCH_INDEX = "https://download.pytorch.org/whl"
EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
EXIT_CANNOT_TELL = 3  # check / diagnose: the evidence does not settle it (wizard.verdict)


class UsageError(Exception):
    """Raised by a command for a problem the user can fix; printed as one line, exit 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one clear line, exit 2, no usage dump
        raise UsageError(f"{message} (see: {self.prog} --help)")  # prog: "torch-setup-wizard [command]"


def version_text() -> str:
    try:
        from wizard.knowledge import load_knowledge

        checked = load_knowledge().checked_on
    except Exception:  # noqa: BLE001 - --version must work even with broken knowledge files
        checked = "unknown"
    return f"torch-setup-wizard {__version__} (knowledge checked {checked})"


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="torch-setup-wizard", description="Why PyTorch won't install or won't see the GPU, and the fix.")
    parser.add_argument("--version", action="store_true", help="print the version and the date the knowledge was checked")
    parser.add_argument(
        "--lang",
        metavar="CODE",
        help="language of the output: en, zh_CN, es, pt_BR, ja, ko, de, fr (default: $TSW_LANG, then the system's)",
    )
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    def add_python(p: argparse.ArgumentParser) -> None:
        p.add_argument("--python", metavar="PATH", help="the interpreter to check (default: python3/python on PATH)")

    def add_kernel(p: argparse.ArgumentParser) -> None:
        p.add_argument("--kernel", metavar="NAME", help="check the Python a Jupyter notebook kernel runs (see: facts)")

    def add_want(p: argparse.ArgumentParser) -> None:
        p.add_argument("--want", choices=("auto", "cuda", "cpu"), default="auto", help="what you need (default: auto)")

    def add_index(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--torch-index",
            metavar="URL",
            default=os.environ.get("TSW_TORCH_INDEX") or DEFAULT_TORCH_INDEX,
            help=f"base of PyTorch index URLs, for mirrors (default: $TSW_TORCH_INDEX or {DEFAULT_TORCH_INDEX})",
        )
        p.add_argument(
            "--offline",
            action="store_true",
            help="do not read the package index; use the cached answer or the bundled tables (also: TSW_OFFLINE=1)",
        )

    def add_profile(p: argparse.ArgumentParser) -> None:
        p.add_argument("--profile", metavar="FILE", help="a course profile (TOML) to check against")

    gui = sub.add_parser("gui", help="open the wizard (the default)")
    add_python(gui)
    add_kernel(gui)
    add_want(gui)
    add_index(gui)
    add_profile(gui)
    gui.add_argument("--open", metavar="REPORT", help="walk a saved report read-only")

    check = sub.add_parser("check", help="diagnose this machine for an interpreter")
    add_python(check)
    add_kernel(check)
    add_want(check)
    add_index(check)
    add_profile(check)
    check.add_argument("--json", action="store_true", help="print the report as JSON")
    check.add_argument("--no-import", action="store_true", help="do not import torch (static facts only)")
    check.add_argument("--timeout", type=float, default=None, metavar="S",
                       help="limit for the live import (seconds; default 25, or TSW_IMPORT_TIMEOUT)")
    check.add_argument("--output", metavar="FILE", help="also write the JSON report to FILE (a folder: <host>.json in it)")

    diagnose = sub.add_parser("diagnose", help="diagnose pasted text: collect_env output, tracebacks, a saved report")
    diagnose.add_argument("file", metavar="FILE|-", help="the text file, or - for standard input")
    add_want(diagnose)
    add_index(diagnose)
    diagnose.add_argument("--json", action="store_true", help="print the report as JSON")

    fix = sub.add_parser("fix", help="apply the recommendation (asks first, backs up, verifies)")
    add_python(fix)
    add_kernel(fix)
    add_want(fix)
    add_index(fix)
    add_profile(fix)
    fix.add_argument("--dry-run", action="store_true", help="print the plan only")
    fix.add_argument("--yes", action="store_true", help="do not ask")
    fix.add_argument("--undo", action="store_true", help="restore the state saved before the last fix")
    fix.add_argument("--code", metavar="CODE", default="", help="apply only the remedy of this finding (e.g. NUMPY_ABI)")
    fix.add_argument("--env-folder", metavar="FOLDER", help="where a new environment goes (default: ~/torch-env)")
    fix.add_argument(
        "--register-kernel", action="store_true",
        help="with --kernel NAME: make the Python that has PyTorch that notebook kernel (instead of installing into it)",
    )

    facts = sub.add_parser("facts", help="print the raw snapshot")
    add_python(facts)
    add_kernel(facts)
    facts.add_argument("--json", action="store_true", help="print JSON")
    facts.add_argument("--no-import", action="store_true", help="do not import torch")
    facts.add_argument("--timeout", type=float, default=None, metavar="S",
                       help="limit for the live import (seconds; default 25, or TSW_IMPORT_TIMEOUT)")

    overview = sub.add_parser("overview", help="one table of many saved reports")
    overview.add_argument("folder", metavar="FOLDER")
    fmt = overview.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true")
    fmt.add_argument("--csv", action="store_true")
    for command_parser in sub.choices.values():  # --lang also after the command (`check --lang de`)
        command_parser.add_argument("--lang", metavar="CODE", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        args = build_parser().parse_args(args_list)
        if args.version:
            print(version_text())
            return EXIT_OK
        command = args.command or "gui"
        if command == "gui" and args.command is None:
            args = build_parser().parse_args(["gui", *args_list])
        _choose_language(args)
        return _dispatch(command, args)
    except UsageError as exc:
        print(f"torch-setup-wizard: {for_terminal(str(exc))}", file=sys.stderr)  # often names an outside file
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("torch-setup-wizard: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # e.g. `torch-setup-wizard check | head`: the reader left, nothing to report
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK


def _choose_language(args: argparse.Namespace) -> None:
    """--lang, else TSW_LANG, else the OS (the GUI adds its saved preference); an unknown --lang is a usage error."""
    from wizard import i18n

    if args.lang and i18n.normalize_locale(args.lang) is None:
        raise UsageError(i18n.text("command.unknown_language", name=repr(args.lang), codes=", ".join(i18n.LANGUAGES)))
    i18n.choose_locale(args.lang)


def gui_main() -> int:
    """Entry point of the gui-script (no console window on Windows)."""
    return main(["gui", *sys.argv[1:]])


def _dispatch(command: str, args: argparse.Namespace) -> int:
    import importlib

    module = importlib.import_module(f"wizard.commands.{command}")
    return module.run(args)
