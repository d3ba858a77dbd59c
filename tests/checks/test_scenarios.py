"""Table-driven: every snapshot under scenarios/ → the expected findings, order, severities and recommendation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.checks import make_scenarios
from wizard.actions.urls import is_allowed_url
from wizard.engine import diagnose
from wizard.findings import SPEC_CODES, ActionKind, Diagnosis, Goal, Severity
from wizard.knowledge import load_knowledge
from wizard.report.json_report import load_report, report_json
from wizard.snapshot import Snapshot, from_data

SCENARIOS = sorted(make_scenarios.SCENARIOS_DIR.glob("*.json"))


def load(path: Path) -> tuple[dict, Snapshot, Goal]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return data, from_data(Snapshot, data["snapshot"]), Goal(want=data.get("goal", {}).get("want", "auto"))


def codes(diagnosis: Diagnosis, severity: Severity) -> list[str]:
    return [f.code for f in diagnosis.findings if f.severity is severity]


def test_there_are_at_least_forty_scenarios():
    assert len(SCENARIOS) >= 40


def test_generated_scenarios_are_up_to_date():
    for scenario in make_scenarios.scenarios():
        path = make_scenarios.SCENARIOS_DIR / f"{scenario['name']}.json"
        assert path.is_file(), f"run python tests/checks/make_scenarios.py ({path.name} missing)"
        assert json.loads(path.read_text(encoding="utf-8")) == json.loads(json.dumps(scenario)), path.name


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_scenario(path: Path):
    data, snapshot, goal = load(path)
    expect = data["expect"]
    diagnosis = diagnose(snapshot, load_knowledge(), goal)
    summary = [(f.severity.value, f.code, f.caused_by) for f in diagnosis.findings]
    assert "CHECK_CRASHED" not in [f.code for f in diagnosis.findings], [f.details for f in diagnosis.findings]
    if "errors" in expect:
        assert codes(diagnosis, Severity.ERROR) == expect["errors"], summary
    if "warnings" in expect:
        assert codes(diagnosis, Severity.WARNING) == expect["warnings"], summary
    for code in expect.get("infos", []):
        assert code in codes(diagnosis, Severity.INFO), summary
    for code in expect.get("oks", []):
        assert code in codes(diagnosis, Severity.OK), summary
    for code in expect.get("absent", []):
        assert code not in codes(diagnosis, Severity.ERROR) + codes(diagnosis, Severity.WARNING), summary
    for code, root in expect.get("caused_by", {}).items():
        assert any(
            f.code == code and f.severity is Severity.INFO and f.caused_by == root for f in diagnosis.findings
        ), summary
    for key, value in expect.get("recommendation", {}).items():
        assert getattr(diagnosis.recommendation, key) == value, diagnosis.recommendation


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_findings_are_well_formed(path: Path):
    _, snapshot, goal = load(path)
    diagnosis = diagnose(snapshot, load_knowledge(), goal)
    ranks = [f.severity.rank for f in diagnosis.findings]
    assert ranks == sorted(ranks), "errors, then warnings, then info, then ok"
    allowed_argv = {diagnosis.recommendation.argv, *diagnosis.recommendation.steps}
    python = snapshot.python.get()
    for item in diagnosis.findings:
        assert item.title.strip() and item.explanation.strip() and "{" not in item.title
        assert item.code == item.code.upper() and " " not in item.code
        for action in item.actions:
            assert action.label
            if action.kind is ActionKind.OPEN_URL:
                assert is_allowed_url(action.url), action.url
            elif action.kind is ActionKind.RUN:
                assert "sudo" not in action.argv and action.argv
                own_pip = python is not None and action.argv[:3] == (python.executable, "-m", "pip")
                own_ensurepip = python is not None and action.argv[:3] == (python.executable, "-m", "ensurepip")
                assert action.argv in allowed_argv or own_pip or own_ensurepip, action.argv
            else:
                assert action.text
    assert load_report(report_json(snapshot, diagnosis))[1] == diagnosis


def test_every_spec_code_is_covered_by_two_scenarios():
    seen: dict[str, int] = {code: 0 for code in SPEC_CODES}
    for path in SCENARIOS:
        expect = json.loads(path.read_text(encoding="utf-8"))["expect"]
        for code in set(expect.get("errors", []) + expect.get("warnings", []) + expect.get("infos", [])):
            if code in seen:
                seen[code] += 1
    assert {code: n for code, n in seen.items() if n < 2} == {}


@pytest.mark.parametrize(
    "path", [p for p in SCENARIOS if json.loads(p.read_text())["expect"].get("errors") == []], ids=lambda p: p.stem
)
def test_healthy_setups_have_no_error(path: Path):
    _, snapshot, goal = load(path)
    diagnosis = diagnose(snapshot, load_knowledge(), goal)
    assert diagnosis.errors == ()


def test_spec_codes_are_exactly_the_specs_table() -> None:
    spec = Path(__file__).resolve().parents[3] / "shared" / "spec" / "diagnosis-codes.md"
    if not spec.is_file():
        pytest.skip(f"the shared spec is not beside the checkout ({spec})")
    import re

    table = re.findall(r"^\| ([A-Z][A-Z_]+) \| [a-z]+ \|", spec.read_text(encoding="utf-8"), flags=re.MULTILINE)
    assert tuple(table) == SPEC_CODES
