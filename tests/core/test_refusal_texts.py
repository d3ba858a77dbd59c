"""Why the executor refuses (ActionRefused), cannot save a state (BackupError) or cannot use the interpreter it was
given (InterpreterError) is a catalog text (resources/texts/actions.json, facts.json): every raise names an English
text and gives exactly its fields, and the reason reads in the user's language with its data left as it is."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from wizard import i18n
from wizard.actions import backup
from wizard.actions.policy import ActionRefused, approve

REPO = Path(__file__).resolve().parents[2]
EXCEPTIONS = {"ActionRefused": "refused.", "BackupError": "backup_error.", "InterpreterError": "interpreter."}


def raised_reasons() -> Iterator[tuple[str, str, ast.Call]]:
    """(where, exception name, call) for every ActionRefused(...) / BackupError(...) made in wizard/."""
    for path in sorted((REPO / "wizard").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Call):
                name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                if name in EXCEPTIONS:
                    yield f"{path.relative_to(REPO).as_posix()}:{node.lineno}", name, node


def test_the_scan_sees_every_refusal() -> None:
    counts = {name: sum(1 for _where, found, _call in raised_reasons() if found == name) for name in EXCEPTIONS}
    assert counts["ActionRefused"] >= 40 and counts["BackupError"] >= 8 and counts["InterpreterError"] >= 4, counts


def test_every_refusal_names_an_english_text_and_gives_exactly_its_fields() -> None:
    english = i18n.catalog(i18n.SOURCE_LOCALE)
    wrong = []
    for where, name, call in raised_reasons():
        first = call.args[0] if len(call.args) == 1 else None
        if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
            wrong.append(f"{where}: {name} takes one literal catalog key, then data as keywords")
            continue
        key = first.value
        if not key.startswith(EXCEPTIONS[name]) or key not in english:
            wrong.append(f"{where}: {key!r} is no {EXCEPTIONS[name]}* text in resources/texts")
            continue
        given = {keyword.arg for keyword in call.keywords}
        if None in given or given != set(i18n.template_fields(english[key])):
            wrong.append(f"{where}: {key} needs {sorted(i18n.template_fields(english[key]))}, gets {sorted(given - {None})}")
    assert wrong == []


def test_every_reason_text_is_used() -> None:
    used = {call.args[0].value for _where, _name, call in raised_reasons() if call.args
            and isinstance(call.args[0], ast.Constant)}
    texts = {key for key in i18n.catalog(i18n.SOURCE_LOCALE) if key.startswith(tuple(EXCEPTIONS.values()))}
    assert sorted(texts - used - {"refused.empty"}) == []  # refused.empty stands for an empty argv inside a reason


def test_a_refusal_reads_in_the_users_language_and_keeps_its_data(german: None) -> None:
    with pytest.raises(ActionRefused) as caught:
        approve(("/usr/bin/python3", "-m", "pip", "install", "--tar", "/tmp/x", "torch"), "/usr/bin/python3")
    assert caught.value.key == "refused.option_unknown" and caught.value.params == {"option": "--tar"}
    assert str(caught.value) == i18n.text("refused.option_unknown", "de", option="--tar")
    assert "'--tar'" in str(caught.value) and "Assistent" in str(caught.value)
    with pytest.raises(ActionRefused) as empty:
        approve(("/usr/bin/python3", "-m", "ensurepip"), "/usr/bin/python3")  # no arguments: said in German too
    assert empty.value.key == "refused.ensurepip_shape" and str(empty.value).endswith("nicht: (leer)")


def test_a_backup_error_reads_in_the_users_language(german: None, tmp_path: Path) -> None:
    junk = tmp_path / "junk.json"
    junk.write_text('{"kind": "not ours"}', encoding="utf-8")
    with pytest.raises(backup.BackupError) as caught:
        backup.load_backup(junk)
    assert caught.value.key == "backup_error.not_a_backup"
    assert str(caught.value) == f"{junk} ist kein von diesem Programm gespeicherter Zustand"
