"""The engine never lets one broken part hide the rest of the diagnosis."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wizard import engine
from wizard.findings import Goal
from wizard.snapshot import Snapshot

SCENARIOS = Path(__file__).resolve().parents[1] / "checks" / "scenarios"


def _any_scenario() -> Snapshot:
    path = sorted(SCENARIOS.glob("*.json"))[0]
    data = json.loads(path.read_text())
    return Snapshot.from_json(json.dumps(data.get("snapshot", data)))


def test_crashing_recommendation_becomes_a_visible_finding(monkeypatch: pytest.MonkeyPatch) -> None:
    import wizard.recommend

    def broken(*_args, **_kwargs):
        raise ZeroDivisionError("bug in recommend")

    monkeypatch.setattr(wizard.recommend, "recommend", broken)
    diagnosis = engine.diagnose(_any_scenario(), goal=Goal())
    assert diagnosis.findings[0].code == "CHECK_CRASHED"
    assert "ZeroDivisionError: bug in recommend" in diagnosis.findings[0].details
    assert diagnosis.recommendation.kind == "none"
    assert len(diagnosis.findings) > 1  # the checks still ran
