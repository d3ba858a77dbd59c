"""Shared builders for the pasted-text tests: a text through the same path as `diagnose` (snapshot, goal, engine,
verdict), and the facts prose reveals."""

from __future__ import annotations

import pytest

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


def review_params(cases: list) -> list:
    """A review's cases, (id, text, first error or None, verdict or None) or a pytest.param of that with marks, as
    pytest parameters with the id taken from the case."""
    return [pytest.param(*case.values[1:], id=case.values[0], marks=case.marks) if hasattr(case, "values")
            else pytest.param(*case[1:], id=case[0]) for case in cases]


def assert_answer(text: str, first: str | None, verdict: str | None) -> None:
    """The first error is ``first`` (None: any answer without an error where no verdict is asked) and the verdict's
    kind is ``verdict`` where one is given."""
    errors = errors_of(text)
    assert (errors[0] if errors else None) == first or (first is None and verdict is None and not errors)
    if verdict is not None:
        assert verdict_of(text).kind.value == verdict
