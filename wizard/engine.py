"""Snapshot × Knowledge × Goal → Diagnosis: the one entry point the CLI, GUI and reports use."""

from __future__ import annotations

import traceback

from wizard.findings import Diagnosis, Goal, Recommendation
from wizard.knowledge.model import Knowledge
from wizard.snapshot import Snapshot


def diagnose(snapshot: Snapshot, knowledge: Knowledge | None = None, goal: Goal | None = None) -> Diagnosis:
    """Run the recommendation and every check. Never raises on odd snapshots: a check or a
    recommendation that crashes becomes a visible CHECK_CRASHED finding (see wizard.checks.registry)."""
    from wizard.checks.registry import crashed_finding, run_checks
    from wizard.index.merge import knowledge_with_index
    from wizard.knowledge import load_knowledge
    from wizard.recommend import recommend

    # The package index's answer (when the snapshot carries one) decides which releases exist for this interpreter.
    goal = goal or Goal()
    knowledge = knowledge_with_index(knowledge or load_knowledge(), snapshot, goal.torch_index)
    try:
        recommendation = recommend(snapshot, knowledge, goal)
        crash = None
    except Exception:  # noqa: BLE001 - a bug in the recommendation must not hide the findings
        recommendation = Recommendation(kind="none", why="The wizard could not work out which PyTorch build fits (a bug).")
        crash = crashed_finding("recommendation", traceback.format_exc())
    findings = run_checks(snapshot, knowledge, goal, recommendation)
    if crash is not None:
        findings = (crash, *findings)
    return Diagnosis(findings=findings, recommendation=recommendation)
