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
LANGUAGE_CODES = ("en", "zh_CN", "es", "pt_BR", "ja", "ko", "de", "fr")  # wizard.i18n.LANGUAGES, without importing it
PROG = "torch-setup-wizard"  # the program's name starts its error lines in every language


class UsageError(Exception):
    """Raised by a command for a problem the user can fix; printed as one line, exit 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one clear line, exit 2, no usage dump
        raise UsageError(_help("help.see_help", message=message, command=f"{self.prog} --help"))  # prog: "torch-setup-wizard [command]"


def version_text() -> str:
    try:
        from wizard.knowledge import load_knowledge

        checked = load_knowledge().checked_on
    except Exception:  # noqa: BLE001 - --version must work even with broken knowledge files
        checked = "?"
    return _help("help.version_text", version=__version__, checked=checked)


def _help(key: str, **params: object) -> str:
    """A --help or usage text in the user's language (main chooses it before the parser is built)."""
    from wizard import i18n

    return i18n.text(key, **params)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description=_help("help.description"))
    parser.add_argument("--version", action="store_true", help=_help("help.version"))
    parser.add_argument(
        "--lang",
        metavar="CODE",
        help=_help("help.lang", codes=", ".join(LANGUAGE_CODES), variable="$TSW_LANG"),
    )
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    def add_python(p: argparse.ArgumentParser) -> None:
        p.add_argument("--python", metavar="PATH", help=_help("help.python", names="python3/python", path="PATH"))

    def add_kernel(p: argparse.ArgumentParser) -> None:
        p.add_argument("--kernel", metavar="NAME", help=_help("help.kernel", command="facts"))

    def add_want(p: argparse.ArgumentParser) -> None:
        p.add_argument("--want", choices=("auto", "cuda", "cpu"), default="auto", help=_help("help.want", default="auto"))

    def add_index(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--torch-index",
            metavar="URL",
            default=os.environ.get("TSW_TORCH_INDEX") or DEFAULT_TORCH_INDEX,
            help=_help("help.torch_index", variable="$TSW_TORCH_INDEX", default=DEFAULT_TORCH_INDEX),
        )
        p.add_argument(
            "--offline",
            action="store_true",
            help=_help("help.offline", variable="TSW_OFFLINE=1"),
        )

    def add_profile(p: argparse.ArgumentParser) -> None:
        p.add_argument("--profile", metavar="FILE", help=_help("help.profile", format="TOML"))

    gui = sub.add_parser("gui", help=_help("help.gui"))
    add_python(gui)
    add_kernel(gui)
    add_want(gui)
    add_index(gui)
    add_profile(gui)
    gui.add_argument("--open", metavar="REPORT", help=_help("help.open"))

    check = sub.add_parser("check", help=_help("help.check"))
    add_python(check)
    add_kernel(check)
    add_want(check)
    add_index(check)
    add_profile(check)
    check.add_argument("--json", action="store_true", help=_help("help.json"))
    check.add_argument("--no-import", action="store_true", help=_help("help.no_import_static"))
    check.add_argument("--timeout", type=float, default=None, metavar="S",
                       help=_help("help.timeout", default=25, variable="TSW_IMPORT_TIMEOUT"))
    check.add_argument("--output", metavar="FILE", help=_help("help.output", file="FILE", name="<host>.json"))

    diagnose = sub.add_parser("diagnose", help=_help("help.diagnose", collect_env="collect_env"))
    diagnose.add_argument("file", metavar="FILE|-", help=_help("help.file", dash="-"))
    add_want(diagnose)
    add_index(diagnose)
    diagnose.add_argument("--json", action="store_true", help=_help("help.json"))

    fix = sub.add_parser("fix", help=_help("help.fix"))
    add_python(fix)
    add_kernel(fix)
    add_want(fix)
    add_index(fix)
    add_profile(fix)
    fix.add_argument("--dry-run", action="store_true", help=_help("help.dry_run"))
    fix.add_argument("--yes", action="store_true", help=_help("help.yes"))
    fix.add_argument("--undo", action="store_true", help=_help("help.undo"))
    fix.add_argument("--code", metavar="CODE", default="", help=_help("help.code", example="NUMPY_ABI"))
    fix.add_argument("--env-folder", metavar="FOLDER", help=_help("help.env_folder", default="~/torch-env"))
    fix.add_argument(
        "--register-kernel", action="store_true",
        help=_help("help.register_kernel", option="--kernel NAME"),
    )

    facts = sub.add_parser("facts", help=_help("help.facts"))
    add_python(facts)
    add_kernel(facts)
    facts.add_argument("--json", action="store_true", help=_help("help.facts_json"))
    facts.add_argument("--no-import", action="store_true", help=_help("help.no_import"))
    facts.add_argument("--timeout", type=float, default=None, metavar="S",
                       help=_help("help.timeout", default=25, variable="TSW_IMPORT_TIMEOUT"))

    overview = sub.add_parser("overview", help=_help("help.overview"))
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
        _language_before_parsing(args_list)
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
        print(f"{PROG}: {for_terminal(str(exc))}", file=sys.stderr)  # often names an outside file
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(f"{PROG}: {_help('help.interrupted')}", file=sys.stderr)
        return 130
    except BrokenPipeError:  # e.g. `torch-setup-wizard check | head`: the reader left, nothing to report
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK


def _language_before_parsing(args_list: list[str]) -> None:
    """--help, usage errors and --version already speak the chosen language: --lang (any position), TSW_LANG,
    the OS. An unknown --lang is reported after parsing (_choose_language)."""
    from wizard import i18n

    chosen = None
    for index, arg in enumerate(args_list):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(args_list):
            chosen = args_list[index + 1]
        elif arg.startswith("--lang="):
            chosen = arg.partition("=")[2]
    i18n.set_locale(i18n.resolve_locale(chosen))


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
