"""Shared builders for the pasted-text tests: a text through the same path as `diagnose` (snapshot, goal, engine,
verdict), and the facts prose reveals."""

from __future__ import annotations

from wizard.engine import diagnose
from wizard.findings import Diagnosis, Finding, Goal, Severity
from wizard.textdiag import goal_for_text, snapshot_from_text
from wizard.textdiag.clean import clean_text
from wizard.textdiag.evidence import best_facts, extract_facts
from wizard.verdict import Verdict, verdict_for


def diagnosis_of(text: str) -> Diagnosis:
    snapshot = snapshot_from_text(text)
    return diagnose(snapshot, goal=goal_for_text(snapshot, Goal()))


def findings_of(text: str) -> tuple[Finding, ...]:
    return diagnosis_of(text).findings


def errors_of(text: str) -> list[str]:
    """The codes of the errors, root cause first."""
    return [f.code for f in findings_of(text) if f.severity is Severity.ERROR]


def first_error(text: str) -> Finding:
    return next(f for f in findings_of(text) if f.severity is Severity.ERROR)


def verdict_of(text: str) -> Verdict:
    snapshot = snapshot_from_text(text)
    goal = goal_for_text(snapshot, Goal())
    return verdict_for(snapshot, diagnose(snapshot, goal=goal), goal, text)


def facts_of(raw: str) -> dict[str, str]:
    """The most confident value of every fact prose and tools' formats reveal."""
    return {key: fact.value for key, fact in best_facts(extract_facts(clean_text(raw))).items()}
