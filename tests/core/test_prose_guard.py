"""No new user-visible English prose in code: it goes into resources/texts/ (tools/i18n_prose.py).

Today's offenders are listed in tests/core/prose_allowlist.txt; the list may only shrink."""

from __future__ import annotations

import importlib.util
import sys
from functools import cache
from pathlib import Path

TOOL = Path(__file__).resolve().parents[2] / "tools" / "i18n_prose.py"
_spec = importlib.util.spec_from_file_location("tsw_i18n_prose", TOOL)
prose = importlib.util.module_from_spec(_spec)
sys.modules["tsw_i18n_prose"] = prose
_spec.loader.exec_module(prose)


@cache
def scanned() -> frozenset[str]:
    return frozenset(prose.scan())


def test_no_new_prose_in_gui_or_command_code() -> None:
    new = sorted(scanned() - prose.read_allowlist())
    assert new == [], (
        "user-visible prose written in code: put it into resources/texts/*.json (all languages) and use "
        "wizard.i18n.text(key). New lines:\n" + "\n".join(new)
    )


def test_the_allowlist_only_shrinks() -> None:
    stale = sorted(prose.read_allowlist() - scanned())
    assert stale == [], (
        "these texts left the code (well done): delete their lines from tests/core/prose_allowlist.txt, or run "
        "`.venv/bin/python tools/i18n_prose.py --update` when only these changed:\n" + "\n".join(stale)
    )


def _offenders(source: str, tmp_path: Path) -> list[str]:
    path = tmp_path / "wizard" / "gui" / "sample.py"
    path.parent.mkdir(parents=True)
    path.write_text(source, encoding="utf-8")
    original = prose.REPO
    prose.REPO = tmp_path
    try:
        return sorted(prose.offenders_in(path))
    finally:
        prose.REPO = original


def test_the_scanner_finds_prose_in_literals_f_strings_and_branches(tmp_path: Path) -> None:
    found = _offenders(
        'label.setText("Checking your machine")\n'
        'make_button(f"Open {name} now", tooltip="Opens the report")\n'
        'print("Saved" if ok else "Could not save the file")\n'
        'QLabel(text("gui.welcome.title"))\n'
        'label.setText("")\n'
        'label.setText("✓ OK")\n'
        'other_call("Not a sink for text")\n',
        tmp_path,
    )
    assert found == [
        "wizard/gui/sample.py: make_button: Open {} now",
        "wizard/gui/sample.py: make_button: Opens the report",
        "wizard/gui/sample.py: print: Saved / Could not save the file",
        "wizard/gui/sample.py: setText: Checking your machine",
    ]



def test_catalog_only_modules_may_hold_no_sentence_at_all(tmp_path: Path) -> None:
    """In the modules that build sentences from the catalogs any literal of three words is prose, wherever it
    goes (a returned f-string, a note); message keys, docstrings and short names are not."""
    path = tmp_path / "wizard" / "recommend" / "sample.py"
    path.parent.mkdir(parents=True)
    path.write_text(
        '"""Module docstring with many words in it."""\n'
        'def note(torch):\n'
        '    """A docstring is for developers."""\n'
        '    key = say("why.course.no_release_any", torch=torch)\n'
        '    short = "CPU build"\n'
        '    return f"Keep torch {torch}: it fits your GPU."\n',
        encoding="utf-8",
    )
    original = prose.REPO
    prose.REPO = tmp_path
    try:
        assert sorted(prose.literals_in(path)) == ["wizard/recommend/sample.py: literal: Keep torch {}: it fits your GPU."]
    finally:
        prose.REPO = original


def test_console_lines_and_questions_count_as_shown_text(tmp_path: Path) -> None:
    found = _offenders('console.say("Nothing was changed.")\nconsole.confirm("Restore it now?", False)\n'
                       'console.say(text("command.fix.proceed"))\n', tmp_path)
    assert found == ["wizard/gui/sample.py: confirm: Restore it now?", "wizard/gui/sample.py: say: Nothing was changed."]


def test_the_executors_reasons_are_keys_not_sentences(tmp_path: Path) -> None:
    """wizard/actions is scanned too: a refusal or backup error written as a sentence is prose."""
    assert "wizard/actions" in prose.SCANNED
    found = _offenders('raise ActionRefused(f"the command runs {argv[0]}, not {python}")\n'
                       'raise backup.BackupError("the backup cannot be read")\n'
                       'raise ActionRefused("refused.other_program", program=argv[0], python=python)\n', tmp_path)
    assert found == ["wizard/gui/sample.py: ActionRefused: the command runs {}, not {}",
                     "wizard/gui/sample.py: BackupError: the backup cannot be read"]
