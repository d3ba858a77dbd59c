"""Find user-visible English prose written in code instead of the text catalogs (resources/texts/).

    .venv/bin/python tools/i18n_prose.py            # list the offenders
    .venv/bin/python tools/i18n_prose.py --update   # rewrite tests/core/prose_allowlist.txt

A string literal (or the literal parts of an f-string) with two or more words, passed to a call that
shows text to the user (QLabel, make_label, make_button, setText, setToolTip, print, UsageError, console.say,
the ActionRefused, BackupError and InterpreterError reasons, …) in wizard/gui, wizard/commands, wizard/actions or
wizard/facts, is prose that a translator cannot reach. The modules that build sentences
from the catalogs (the recommendation, the policy's verdicts, the places and remedy texts, the engine) may hold
no sentence at all: there any literal of three or more words outside a docstring is prose. tests/core/test_prose_guard.py
fails for any such literal that is not on the allow-list, and for allow-list lines that no longer occur:
the list only shrinks. Move the text into a catalog and call wizard.i18n.text instead.
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SCANNED = ("wizard/gui", "wizard/commands", "wizard/actions", "wizard/facts")
ALLOWLIST = REPO / "tests" / "core" / "prose_allowlist.txt"
SINKS = frozenset({
    "QLabel", "make_label", "make_button", "QPushButton", "QGroupBox", "QRadioButton", "QCheckBox", "Banner",
    "BusyPanel", "QAction", "setText", "setToolTip", "setWindowTitle", "setTitle", "setSubTitle", "setPlaceholderText",
    "setAccessibleName", "setStatusTip", "setButtonText", "setLabelText", "addItem", "information", "warning",
    "critical", "question", "print", "UsageError", "warn_plain", "say", "confirm",
    "ActionRefused", "BackupError", "InterpreterError",  # reasons: a catalog key and data, never a sentence
})
# Modules whose every sentence comes from resources/texts: any literal of PROSE_WORDS words is an offender.
CATALOG_ONLY = (
    "wizard/recommend/__init__.py", "wizard/recommend/choose.py", "wizard/recommend/command.py",
    "wizard/recommend/course.py", "wizard/recommend/explain.py", "wizard/recommend/keep.py",
    "wizard/policy/validate.py", "wizard/policy/words.py", "wizard/places_text.py", "wizard/remedy_texts.py",
    "wizard/engine.py",
)
PROSE_WORDS = 3
WORD = re.compile(r"[A-Za-z]{2,}")


def literal_text(node: ast.AST) -> str:
    """The text a literal expression contributes (f-string fields as {}), '' when there is none."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(literal_text(v) if isinstance(v, ast.Constant) else "{}" for v in node.values)
    if isinstance(node, ast.BinOp):
        return " ".join(t for t in (literal_text(node.left), literal_text(node.right)) if t)
    if isinstance(node, ast.IfExp):
        return " / ".join(t for t in (literal_text(node.body), literal_text(node.orelse)) if t)
    return ""


def is_prose(text: str) -> bool:
    return sentence_words(text) >= 2


def _sink_name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def offenders_in(path: Path) -> Iterator[str]:
    relative = path.relative_to(REPO).as_posix()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if not isinstance(node, ast.Call) or _sink_name(node) not in SINKS:
            continue
        for argument in [*node.args, *(k.value for k in node.keywords)]:
            text = " ".join(literal_text(argument).split())
            if is_prose(text):
                yield f"{relative}: {_sink_name(node)}: {text[:80]}"


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def sentence_words(text: str) -> int:
    """Words a reader reads: whitespace-separated tokens with two letters or more ('why.course.ask' is one)."""
    return sum(1 for token in text.split() if WORD.search(token))


def literals_in(path: Path) -> Iterator[str]:
    """Every string literal of three or more words outside docstrings (for the CATALOG_ONLY modules)."""
    relative = path.relative_to(REPO).as_posix()
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    skipped = _docstrings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            skipped.update(id(value) for value in node.values)
        elif not (isinstance(node, ast.Constant) and isinstance(node.value, str)) or id(node) in skipped:
            continue
        text = " ".join(literal_text(node).split())
        if sentence_words(text) >= PROSE_WORDS:
            yield f"{relative}: literal: {text[:80]}"


def scan(root: Path = REPO) -> set[str]:
    found: set[str] = set()
    for folder in SCANNED:
        for path in sorted((root / folder).rglob("*.py")):
            found.update(offenders_in(path))
    for name in CATALOG_ONLY:
        if (root / name).is_file():
            found.update(literals_in(root / name))
    return found


def read_allowlist(path: Path = ALLOWLIST) -> set[str]:
    if not path.is_file():
        return set()
    return {line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="rewrite the allow-list to today's offenders")
    args = parser.parse_args(argv)
    found = scan()
    if args.update:
        header = ("# User-visible prose still written in code (tools/i18n_prose.py). This list may only shrink:\n"
                  "# move a text into resources/texts/ and delete its line. Never add lines by hand.\n")
        ALLOWLIST.write_text(header + "".join(f"{line}\n" for line in sorted(found)), encoding="utf-8")
        print(f"{len(found)} lines in {ALLOWLIST.relative_to(REPO)}")
        return 0
    print("\n".join(sorted(found)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
