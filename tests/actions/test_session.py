"""The fix session's order is enforced: nothing runs before a plan was shown and the state was saved."""

from __future__ import annotations

import pytest

from tests.conftest import refused
from wizard.actions.session import FixSession, State, instruction_findings, runnable_findings
from wizard.findings import Diagnosis, Finding, Goal, Recommendation, Remedy, Severity, Step

PY = "/envs/a/bin/python"


def session() -> FixSession:
    return FixSession(PY, snapshot=None, diagnosis=Diagnosis((), Recommendation("none", "")), goal=Goal())  # type: ignore[arg-type]


@pytest.mark.parametrize("step", ["save", "run", "check_again"])
def test_steps_out_of_order_are_refused(step: str) -> None:
    fix = session()
    with refused("refused.wrong_step"):
        getattr(fix, step)()
    assert fix.state is State.NEW and fix.backup_path is None and not fix.runs


def test_declining_a_step_is_refused_before_the_state_was_saved() -> None:
    fix = session()
    with refused("refused.wrong_step"):
        fix.decline(0)
    assert fix.state is State.NEW


def _finding(code: str, severity: Severity, remedy: Remedy | None, caused_by: str = "") -> Finding:
    return Finding(code, severity, Step.PYTHON, code.lower(), "", remedy=remedy, caused_by=caused_by)


def test_which_remedies_run_and_which_are_by_hand() -> None:
    run = Remedy(steps=((PY, "-m", "pip", "install", "numpy<2"),))
    by_hand = Remedy(instructions="rename torch.py")
    diagnosis = Diagnosis((
        _finding("TORCH_DAMAGED", Severity.ERROR, run),
        _finding("NUMPY_ABI", Severity.INFO, run, caused_by="TORCH_DAMAGED"),  # a symptom: its cause's remedy runs
        _finding("LOCAL_TORCH_SHADOW", Severity.ERROR, by_hand),
        _finding("PIP_TOO_OLD", Severity.WARNING, run),
        _finding("TORCH_OK", Severity.OK, run),
    ), Recommendation("none", ""))
    assert [f.code for f in runnable_findings(diagnosis)] == ["TORCH_DAMAGED", "PIP_TOO_OLD"]
    assert [f.code for f in runnable_findings(diagnosis, "PIP_TOO_OLD")] == ["PIP_TOO_OLD"]
    assert [f.code for f in instruction_findings(diagnosis)] == ["LOCAL_TORCH_SHADOW"]
