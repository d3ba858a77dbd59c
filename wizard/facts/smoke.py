"""A course's smoke test, run WITH the target interpreter (wizard/probe/smoke.py), kept as snapshot evidence.

The result travels in ``Snapshot.evidence`` (signature ``smoke_test:<name>``, cause "" when it passed and
``COURSE_SMOKE_TEST`` when it failed), so reports carry it without a new Snapshot field.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from wizard.evidence import FAILED_CODE, SIGNATURE_PREFIX, smoke_results
from wizard.facts.reasons import because
from wizard.facts.runner import CommandResult, Runner, run_command
from wizard.snapshot import Evidence, Fact, FactStatus, Snapshot

SMOKE_SCRIPT = "smoke.py"
OUTPUT_CHARS = 600
__all__ = ["FAILED_CODE", "SIGNATURE_PREFIX", "smoke_results"]  # re-exported: callers import them from here


def smoke_script_path() -> Path:
    """smoke.py lies beside the probe scripts (a checkout, a wheel and the frozen bundle ship them alike)."""
    from wizard.probe import probe_script_path

    return probe_script_path().parent / SMOKE_SCRIPT


def run_smoke_test(python: str, name: str, runner: Runner = run_command, timeout: float = 120.0) -> Fact[str]:
    """What the smoke test ``name`` printed when it passed, or why it failed (the Problem's reason)."""
    result = runner([python, str(smoke_script_path()), name], timeout=timeout)
    if result.start_error:
        return result.as_problem_fact(because("reason.what.smoke_test", name=name))
    if result.timed_out:
        return Fact.missing(FactStatus.TIMED_OUT, because("reason.smoke.timed_out", name=name, seconds=f"{timeout:g}"),
                            argv=result.argv, stderr_tail=_tail(result.stderr))
    report = _last_json_line(result.stdout)
    if report is None:
        return Fact.missing(FactStatus.FAILED, _how_it_ended(name, result),
                            argv=result.argv, stderr_tail=_tail(result.stderr))
    if report.get("ok") is True and result.exit_code == 0:
        return Fact.found(str(report.get("result", "passed")))
    error = report.get("error") if "error" in report else because("reason.smoke.no_reason")
    return Fact.missing(FactStatus.FAILED, because("reason.smoke.failed", name=name, error=error),
                        argv=result.argv, exit_code=result.exit_code)


def smoke_evidence(name: str, outcome: Fact[str]) -> Evidence:
    """The outcome as evidence: passed → cause ""; failed → cause COURSE_SMOKE_TEST with the reason."""
    if outcome.ok:
        return Evidence(signature=SIGNATURE_PREFIX + name, cause="", excerpt=str(outcome.value))
    problem = outcome.problem
    reason = problem.reason if problem else "failed"
    tail = problem.stderr_tail if problem else ""  # only a crash without a JSON result keeps stderr
    excerpt = reason if not tail else f"{reason}\n{tail.strip()[-OUTPUT_CHARS:]}"
    return Evidence(signature=SIGNATURE_PREFIX + name, cause=FAILED_CODE, excerpt=excerpt)


def with_smoke_test(snapshot: Snapshot, python: str, name: str, runner: Runner = run_command,
                    timeout: float = 120.0) -> Snapshot:
    """The snapshot with the smoke test's evidence appended (any earlier result of that test replaced)."""
    evidence = smoke_evidence(name, run_smoke_test(python, name, runner, timeout))
    kept = tuple(e for e in snapshot.evidence if e.signature != evidence.signature)
    return dataclasses.replace(snapshot, evidence=(*kept, evidence))


def with_course_smoke_test(snapshot: Snapshot, python: str, profile: object | None, runner: Runner = run_command,
                           timeout: float = 120.0) -> Snapshot:
    """Run the smoke test a course profile names, when torch imported (else the import findings say why)."""
    name = getattr(profile, "smoke_test", "")
    if not name or not snapshot.torch.ok:
        return snapshot
    return with_smoke_test(snapshot, python, name, runner, timeout)


def _last_json_line(stdout: str) -> dict | None:
    for line in reversed(stdout.strip().splitlines()):
        try:
            data = json.loads(line)
        except ValueError:
            continue
        return data if isinstance(data, dict) else None
    return None


def _how_it_ended(name: str, result: CommandResult) -> str:
    if result.signal:
        return because("reason.smoke.killed", name=name, signal=result.signal)
    return because("reason.smoke.no_result", name=name, code=result.exit_code)


def _tail(text: str) -> str:
    return text[-OUTPUT_CHARS:]
