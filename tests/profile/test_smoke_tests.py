"""The course smoke tests, run with real interpreters: the CPU torch venv, a venv without torch, odd outputs."""

from __future__ import annotations

import dataclasses
import sys

from tests.conftest import TORCH_CPU_VERSION
from wizard.facts.runner import CommandResult, ScriptedRunner, run_command
from wizard.facts.smoke import (
    FAILED_CODE,
    run_smoke_test,
    smoke_evidence,
    smoke_results,
    smoke_script_path,
    with_smoke_test,
)
from wizard.snapshot import Evidence, Fact, FactStatus, GpuFacts, Snapshot, ToolkitFacts, TorchRuntime


def empty_snapshot(*evidence: Evidence) -> Snapshot:
    return Snapshot(
        tool_version="0.1.0", created_at="2026-11-24T00:00:00Z", source="live", host=Fact.unknown(),
        gpu=GpuFacts(pci=Fact.unknown(), nvml=Fact.unknown(), kernel_modules=Fact.unknown()),
        toolkit=ToolkitFacts(toolkits=Fact.unknown(), search_path_libraries=Fact.unknown(), system_cudnn=Fact.unknown()),
        python=Fact.unknown(), torch=Fact.unknown(), evidence=evidence,
    )


def test_import_reports_the_torch_version(torch_python):
    outcome = run_smoke_test(torch_python, "import", run_command, timeout=120)
    assert outcome.ok and outcome.value == f"torch {TORCH_CPU_VERSION} imported"


def test_cpu_matmul_passes_with_the_checksum_python_computed_too(torch_python):
    outcome = run_smoke_test(torch_python, "cpu_matmul", run_command, timeout=120)
    assert outcome.ok, outcome.problem
    assert outcome.value == "256x256 matmul on cpu: checksum 22195200 (correct)"


def test_gpu_matmul_fails_cleanly_on_a_cpu_build_without_gpu(torch_python):
    outcome = run_smoke_test(torch_python, "gpu_matmul", run_command, timeout=120)
    assert not outcome.ok and outcome.problem.status is FactStatus.FAILED
    assert outcome.problem.reason == ("the gpu_matmul smoke test failed: no CUDA device: torch.cuda.is_available() "
                                      "is False (this torch is a CPU-only build)")
    assert outcome.problem.exit_code == 1 and not outcome.problem.stderr_tail


def test_an_interpreter_without_torch_fails_the_import(plain_venv_python):
    outcome = run_smoke_test(plain_venv_python, "import", run_command, timeout=60)
    assert not outcome.ok
    assert outcome.problem.reason == "the import smoke test failed: ModuleNotFoundError: No module named 'torch'"


def test_unknown_test_name_is_refused_by_the_script():
    outcome = run_smoke_test(sys.executable, "train_resnet", run_command, timeout=60)
    assert not outcome.ok and "unknown smoke test (known: import, cpu_matmul, gpu_matmul)" in outcome.problem.reason


def test_a_crash_without_json_keeps_stderr_for_the_report():
    argv = ("/venv/bin/python", str(smoke_script_path()), "cpu_matmul")
    runner = ScriptedRunner({argv: CommandResult(argv, None, "", "Illegal instruction (core dumped)", signal=4)})
    outcome = run_smoke_test("/venv/bin/python", "cpu_matmul", runner, timeout=5)
    assert outcome.problem.reason == "the cpu_matmul smoke test was killed by signal 4"
    evidence = smoke_evidence("cpu_matmul", outcome)
    assert evidence.cause == FAILED_CODE and evidence.excerpt.endswith("Illegal instruction (core dumped)")


def test_timeout_and_missing_interpreter_are_failures_not_crashes():
    argv = ("/venv/bin/python", str(smoke_script_path()), "import")
    hung = ScriptedRunner({argv: CommandResult(argv, None, timed_out=True)})
    assert run_smoke_test("/venv/bin/python", "import", hung, timeout=7).problem.status is FactStatus.TIMED_OUT
    gone = run_smoke_test("/nonexistent/python", "import", ScriptedRunner(), timeout=7)
    assert gone.problem.status is FactStatus.NOT_FOUND


def test_results_travel_as_evidence_and_survive_the_json_round_trip(torch_python):
    snapshot = with_smoke_test(empty_snapshot(), torch_python, "cpu_matmul", timeout=120)
    snapshot = with_smoke_test(snapshot, torch_python, "gpu_matmul", timeout=120)
    again = with_smoke_test(snapshot, torch_python, "gpu_matmul", timeout=120)  # re-running replaces, never piles up
    assert len(again.evidence) == 2
    results = smoke_results(Snapshot.from_json(again.to_json()))
    assert results["cpu_matmul"].cause == "" and "checksum 22195200" in results["cpu_matmul"].excerpt
    assert results["gpu_matmul"].cause == FAILED_CODE and "no CUDA device" in results["gpu_matmul"].excerpt


def test_script_runs_on_python_38_and_says_torch_is_missing(require_pyenv):
    outcome = run_smoke_test(require_pyenv("3.8"), "cpu_matmul", run_command, timeout=60)
    assert outcome.problem.reason == "the cpu_matmul smoke test failed: ModuleNotFoundError: No module named 'torch'"


def test_the_course_smoke_test_runs_only_when_a_profile_names_one_and_torch_imported():
    from wizard.facts.smoke import with_course_smoke_test
    from wizard.profile import parse_profile

    profile = parse_profile('[course]\nname = "c"\n[smoke_test]\nname = "import"\n')
    runner = ScriptedRunner()
    assert with_course_smoke_test(empty_snapshot(), "/venv/bin/python", profile, runner) == empty_snapshot()
    assert runner.calls == []  # torch did not import: TORCH_MISSING / TORCH_IMPORT_FAILED say why, no test needed
    imported = dataclasses.replace(empty_snapshot(), torch=Fact.found(TorchRuntime(version="2.13.0+cpu")))
    assert with_course_smoke_test(imported, "/venv/bin/python", parse_profile('[course]\nname = "c"\n'), runner) == imported
    ran = with_course_smoke_test(imported, "/venv/bin/python", profile, runner)
    assert runner.calls == [("/venv/bin/python", str(smoke_script_path()), "import")]
    assert smoke_results(ran)["import"].cause == FAILED_CODE
