"""Snapshot × Knowledge × Goal → Diagnosis: the one entry point the CLI, GUI and reports use."""

from __future__ import annotations

from wizard.findings import Diagnosis, Goal
from wizard.knowledge.model import Knowledge
from wizard.snapshot import Snapshot


def diagnose(snapshot: Snapshot, knowledge: Knowledge | None = None, goal: Goal | None = None) -> Diagnosis:
    """Run every check and the recommendation. Never raises on odd snapshots: a check that
    crashes becomes a visible finding (see wizard.checks.registry)."""
    from wizard.checks.registry import run_checks
    from wizard.knowledge import load_knowledge
    from wizard.recommend import recommend

    knowledge = knowledge or load_knowledge()
    goal = goal or Goal()
    recommendation = recommend(snapshot, knowledge, goal)
    findings = run_checks(snapshot, knowledge, goal, recommendation)
    return Diagnosis(findings=findings, recommendation=recommendation)
