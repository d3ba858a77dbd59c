"""The plain-language texts: valid, complete, and every field a template names is supplied by the code."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

import wizard.checks
from wizard.checks.texts import TextError, load_texts, load_texts_file, parse_texts, render, template_fields
from wizard.findings import Severity, Step

CHECKS_DIR = Path(wizard.checks.__file__).parent
DOCS = Path(__file__).resolve().parents[2] / "docs" / "diagnosis-codes.md"


KEY = re.compile(r"^[A-Z][A-Z_]+(\.[a-z0-9_]+)?$")


def _key_constants(node: ast.AST) -> list[str]:
    return [
        n.value
        for n in ast.walk(node)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and KEY.match(n.value)
    ]


def _assigned_keys(function: ast.AST) -> dict[str, list[tuple[str, str]]]:
    """name → (key, match) assigned to it in a function (key = "A" if x else f"{code}.import")."""
    assigned: dict[str, list[tuple[str, str]]] = {}
    for node in ast.walk(function):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    found = [(k, "exact") for k in _key_constants(node.value)]
                    found += [
                        (j.values[-1].value, "suffix")
                        for j in ast.walk(node.value)
                        if isinstance(j, ast.JoinedStr) and isinstance(j.values[-1], ast.Constant)
                    ]
                    assigned.setdefault(target.id, []).extend(found)
    return assigned


def _wrappers(tree: ast.AST) -> dict[str, tuple[int, set[str]]]:
    """Helpers that pass one of their parameters as the key to finding(): name → (parameter index, fields they add)."""
    wrappers = {}
    for function in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)):
        params = [a.arg for a in function.args.args]
        for call in (n for n in ast.walk(function) if isinstance(n, ast.Call)):
            if isinstance(call.func, ast.Name) and call.func.id == "finding" and call.args:
                key = call.args[0]
                if isinstance(key, ast.Name) and key.id in params:
                    added = {k.arg for k in call.keywords if k.arg}
                    wrappers[function.name] = (params.index(key.id), added)
    return wrappers


def finding_calls() -> list[tuple[str, str, set[str], str]]:
    """(key, match, keyword fields, where) for every finding(...) / render(...) call in wizard/checks, match being
    "exact", "prefix" or "suffix". Keys in a variable resolve to the constants assigned to it in the same function;
    helpers that forward a key to finding() count as finding calls."""
    calls = []
    for path in sorted(CHECKS_DIR.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        functions = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)]
        wrappers = _wrappers(tree)
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            name = node.func.id
            fields: set[str] = {k.arg for k in node.keywords if k.arg}
            if name == "finding" and node.args:
                key_node = node.args[0]
            elif name == "render" and node.args:
                key_node = node.args[0]
                fields = (
                    {k.value for k in node.args[1].keys if isinstance(k, ast.Constant)}
                    if len(node.args) > 1 and isinstance(node.args[1], ast.Dict)
                    else set()
                )
            elif name in wrappers and len(node.args) > wrappers[name][0]:
                key_node = node.args[wrappers[name][0]]
                fields |= wrappers[name][1]
            else:
                continue
            fields -= {"details", "actions", "evidence", "caused_by"}
            where = f"{path.name}:{node.lineno}"
            if isinstance(key_node, ast.Name):
                owner = [f for f in functions if f.lineno <= node.lineno <= (f.end_lineno or f.lineno)][-1]
                keys = _assigned_keys(owner).get(key_node.id, [])
                calls.extend((key, match, fields, where) for key, match in keys)
            elif isinstance(key_node, ast.JoinedStr):
                first, last = key_node.values[0], key_node.values[-1]
                if isinstance(first, ast.Constant):
                    calls.append((first.value, "prefix", fields, where))
                elif isinstance(last, ast.Constant):
                    calls.append((last.value, "suffix", fields, where))
            else:
                calls.extend((key, "exact", fields, where) for key in _key_constants(key_node))
    return calls


def _matches(key: str, pattern: str, match: str) -> bool:
    return (
        key.startswith(pattern) if match == "prefix" else key.endswith(pattern) if match == "suffix" else key == pattern
    )


def test_shipped_texts_load():
    texts = load_texts()
    assert len(texts) > 60
    for text in texts.values():
        assert len(text.title) <= 130 and not text.title.endswith("."), text.key
        sentences = text.explanation.count(". ") + 1
        assert sentences <= 6, f"{text.key}: keep explanations short ({sentences} sentences)"


def test_every_call_supplies_every_field_of_its_texts():
    texts = load_texts()
    problems = []
    calls = finding_calls()
    assert len(calls) > 40
    for key, match, fields, where in calls:
        matching = [t for k, t in texts.items() if _matches(k, key, match)]
        if not matching:
            problems.append(f"{where}: no text for {key!r}")
        for text in matching:
            missing = text.fields - fields
            if missing:
                problems.append(f"{where}: {text.key} needs {sorted(missing)}")
    assert problems == []


def test_every_text_is_used():
    texts = load_texts()
    calls = finding_calls()
    unused = [
        key
        for key in texts
        if not key.endswith(".pasted")
        and ".pasted." not in key and ".likely." not in key  # (variants chosen by the evidence's "wording" fact)
        and key != "PASTED_ERROR"
        and not any(_matches(key, k, m) for k, m, _, _ in calls)
    ]
    assert unused == []


def test_every_code_is_documented():
    documented = DOCS.read_text(encoding="utf-8")
    for key in load_texts():
        code = key.split(".")[0]
        if code not in ("ADVICE", "PASTED_ERROR", "CAUSED_BY", "POSSIBLE_CAUSE", "POSSIBLE_CAUSE_OF"):
            assert f"`{code}`" in documented, f"{code} is not in docs/diagnosis-codes.md"


def test_render_fills_fields_and_refuses_missing_ones():
    texts = parse_texts({"X": {"title": "Driver {driver}", "explanation": "Needs {needed}. {{literal}}"}})
    assert render("X", {"driver": "535", "needed": ["580", "590"]}, texts) == (
        "Driver 535",
        "Needs 580, 590. {literal}",
    )
    with pytest.raises(TextError, match="needed"):
        render("X", {"driver": "535"}, texts)
    with pytest.raises(TextError, match="no text"):
        render("Y", {}, texts)


def test_values_with_braces_are_not_reformatted():
    texts = parse_texts({"X": {"title": "{path}", "explanation": "ok"}})
    assert render("X", {"path": "C:\\{weird}"}, texts)[0] == "C:\\{weird}"


@pytest.mark.parametrize(
    "data, message",
    [
        ([], "expected an object"),
        ({"X": {"title": "t"}}, "X: needs a 'title' and an 'explanation'"),
        ({"X": {"title": "", "explanation": "e"}}, "X: empty"),
        ({"X": {"title": "{}", "explanation": "e"}}, "X: positional field"),
        ({"X": {"title": "{a", "explanation": "e"}}, "X:"),
    ],
)
def test_bad_texts_are_rejected_with_the_entry_named(data, message):
    with pytest.raises(TextError, match=message):
        parse_texts(data)


def test_unreadable_file_names_the_file(tmp_path):
    broken = tmp_path / "findings.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(TextError, match="findings.json: cannot read"):
        load_texts_file(broken)


def test_template_fields():
    assert template_fields("{a} and {b.c} and {{x}}") == {"a", "b"}


def test_finding_builds_code_from_key():
    from wizard.checks.texts import finding

    item = finding("DRIVER_MISSING.nouveau", Severity.ERROR, Step.DRIVER, gpu="RTX 3060")
    assert item.code == "DRIVER_MISSING" and "RTX 3060" in item.explanation


def test_shipped_file_is_plain_json_with_titles_and_explanations():
    data = json.loads((CHECKS_DIR.parent.parent / "resources" / "texts" / "findings.json").read_text(encoding="utf-8"))
    assert all(set(v) == {"title", "explanation"} for k, v in data.items() if not k.startswith("_"))
