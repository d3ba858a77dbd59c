"""Property: over generated machines (platform × GPU vendor × driver × Python × installed build × goal) the
recommendation is never a command that cannot work there, every command the wizard would run is one the
executor accepts, and the findings and the recommendation never contradict each other."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.policy.conftest import (
    DRIVERS,
    GOALS,
    INSTALLED,
    LIBCS,
    PLATFORMS,
    PYTHONS,
    MachineSpec,
    build,
)
from wizard.engine import diagnose, executor_accepts
from wizard.findings import ActionKind, Goal, Severity
from wizard.knowledge import load_knowledge
from wizard.policy.compat import driver_runs
from wizard.policy.machine import machine_of
from wizard.policy.validate import problems
from wizard.policy.words import say
from wizard.recommend import unvetted

KNOWLEDGE = load_knowledge()
NOTHING_TO_CHANGE = "nothing to change"

machines = st.builds(
    MachineSpec,
    platform=st.sampled_from(PLATFORMS),
    vendor=st.sampled_from(("none", "nvidia", "nvidia", "amd", "intel")),
    model=st.integers(0, 8),
    driver=st.sampled_from(DRIVERS),
    python=st.sampled_from(PYTHONS),
    bits=st.sampled_from((64, 64, 64, 32)),
    implementation=st.sampled_from(("cpython", "cpython", "cpython", "pypy")),
    libc=st.sampled_from(LIBCS),
    externally_managed=st.booleans(),
    installed=st.sampled_from(INSTALLED),
    cuda_works=st.booleans(),
    goal=st.sampled_from(GOALS),
    jetson=st.booleans(),
)


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(machines)
def test_no_impossible_recommendation_and_no_contradiction(spec: MachineSpec):
    snapshot = build(spec)
    goal = Goal(want=spec.goal)
    machine = machine_of(snapshot, KNOWLEDGE)
    raw = unvetted(snapshot, KNOWLEDGE, goal)
    assert problems(raw, machine, KNOWLEDGE) == (), (spec, raw)

    diagnosis = diagnose(snapshot, KNOWLEDGE, goal)
    rec = diagnosis.recommendation
    codes = {f.code for f in diagnosis.findings}
    assert "CHECK_CRASHED" not in codes, [f.details for f in diagnosis.findings if f.code == "CHECK_CRASHED"]
    assert problems(rec, machine, KNOWLEDGE) == ()
    for step in rec.steps or ((rec.argv,) if rec.argv else ()):
        assert executor_accepts(step), step
    for finding in diagnosis.findings:
        for action in finding.actions:
            if action.kind is ActionKind.RUN:
                assert executor_accepts(action.argv), (finding.code, action.argv)

    errors = [f.code for f in diagnosis.findings if f.severity is Severity.ERROR]
    assert not (errors and NOTHING_TO_CHANGE in rec.why), (errors, rec.why)
    cuda_build = rec.variant.startswith("cu")
    if cuda_build:
        assert "NO_NVIDIA_GPU" not in codes and machine.os != "darwin" and not machine.jetson
        variant = KNOWLEDGE.release(rec.torch).variant(rec.variant)
        assert driver_runs(variant, machine, KNOWLEDGE) is not False or rec.needs_driver, rec
    if machine.is_wsl:
        assert not any("install the Linux NVIDIA driver" in f.explanation for f in diagnosis.findings)


def test_the_fallback_names_a_way_forward():
    assert "python.org" in say("instead.python") and "cpu" in say("instead.cpu_or_elsewhere")
