"""Snapshot × Knowledge × Goal → Diagnosis: the one entry point the CLI, GUI and reports use."""

from __future__ import annotations

import dataclasses
import traceback

from wizard.findings import ActionKind, Diagnosis, Finding, Goal, Recommendation, Severity
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
        from wizard.policy.words import say

        recommendation = Recommendation(kind="none", why=say("why.crashed"))
        crash = crashed_finding("recommendation", traceback.format_exc())
    recommendation = _runnable(recommendation, snapshot, knowledge)
    findings = run_checks(snapshot, knowledge, goal, recommendation)
    if crash is not None:
        findings = (crash, *findings)
    findings = tuple(_shown_actions(f, snapshot) for f in findings)
    return Diagnosis(findings=findings, recommendation=_agreeing(recommendation, findings))


def executor_accepts(argv: tuple[str, ...]) -> bool:
    """Whether wizard.actions would run this argv: the one place the core asks the executor (the argv's own
    interpreter is the target here; which interpreter is being fixed is checked again when it runs)."""
    from wizard.actions.policy import ActionRefused, approve, target_interpreter

    try:
        approve(argv, target_interpreter(argv))  # argv[0], or the Python a uv command names
    except ActionRefused:
        return False
    return True


def _runnable(rec: Recommendation, snapshot: Snapshot, knowledge: Knowledge) -> Recommendation:
    """The recommendation, unless the executor would refuse one of its commands: then why, and what instead."""
    steps = rec.steps or ((rec.argv,) if rec.argv else ())
    if all(executor_accepts(_as_the_executor_would_run(step, snapshot)) for step in steps):
        return rec
    from wizard.i18n import join_sentences
    from wizard.policy.machine import machine_of
    from wizard.policy.validate import instead
    from wizard.policy.words import say

    reasons = say("impossible.executor")
    why = join_sentences([say("impossible", reasons=reasons), instead(machine_of(snapshot, knowledge), knowledge)])
    return Recommendation(kind="none", why=why)


def _as_the_executor_would_run(argv: tuple[str, ...], snapshot: Snapshot) -> tuple[str, ...]:
    """A pasted text's `uv pip install ARGS` (run where the text ran it: uv finds that environment itself) is checked as
    the executor runs uv, `uv pip install --python PYTHON ARGS`, so its packages and options pass the same allow-list."""
    if snapshot.source == "text" and argv[:3] == ("uv", "pip", "install") and "--python" not in argv:
        return (*argv[:3], "--python", "python", *argv[3:])
    return argv


def _shown_actions(finding: Finding, snapshot: Snapshot) -> Finding:
    """A finding without the RUN actions the executor would refuse (their copy actions stay) and without
    links off the allow-list."""
    from wizard.urls import is_allowed_url

    kept = tuple(a for a in finding.actions
                 if (a.kind is not ActionKind.RUN or executor_accepts(_as_the_executor_would_run(a.argv, snapshot)))
                 and (a.kind is not ActionKind.OPEN_URL or is_allowed_url(a.url)))
    return finding if kept == finding.actions else dataclasses.replace(finding, actions=kept)


def _agreeing(rec: Recommendation, findings: tuple[Finding, ...]) -> Recommendation:
    """"Nothing to change" never stands beside an error: the installed build is kept, the errors are the fix."""
    from wizard.policy.words import say

    if rec.kind != "none" or not rec.keeps or not any(f.severity is Severity.ERROR for f in findings):
        return rec
    return dataclasses.replace(rec, why=say("keep_fix_above", torch=rec.keeps))
