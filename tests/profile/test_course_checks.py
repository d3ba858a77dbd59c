"""check_course(): the course findings on hand-built machines, and their texts."""

from __future__ import annotations

import dataclasses

import pytest

from tests.profile.machines import RTX_4070_580, course, installed, nvml, python_facts, snapshot
from wizard.checks.context import build_context
from wizard.checks.course import check_course, course_texts
from wizard.findings import ActionKind, Finding, Goal, Severity, Step
from wizard.recommend import recommend
from wizard.snapshot import Evidence, Fact, Snapshot


@pytest.fixture(scope="module")
def kb(frozen_knowledge):
    return frozen_knowledge


def course_findings(kb, snap: Snapshot, goal: Goal) -> list[Finding]:
    return check_course(build_context(snap, kb, goal, recommend(snap, kb, goal)))


def findings(kb, snap: Snapshot, goal: Goal) -> dict[str, Finding]:
    """The first finding of each code."""
    by_code: dict[str, Finding] = {}
    for finding in course_findings(kb, snap, goal):
        by_code.setdefault(finding.code, finding)
    return by_code


def run_argv(finding: Finding) -> tuple[str, ...]:
    return next(a.argv for a in finding.actions if a.kind is ActionKind.RUN)


def test_without_a_profile_there_is_nothing_to_say(kb):
    python, torch = installed("2.3.0+cpu", python_version="3.9.1")
    assert findings(kb, snapshot(python, torch=torch), Goal()) == {}


def test_a_machine_that_meets_the_course_gets_ok_lines_in_the_right_steps(kb):
    python, torch = installed("2.13.0+cu130", cuda="13.0", available=True, torchvision="0.28.0+cu130", numpy="2.1.0")
    snap = snapshot(python, nvml_fact=nvml("580.65.06", "NVIDIA GeForce RTX 4070", "8.9", 12282), torch=torch)
    result = findings(kb, snap, Goal(want="cuda", profile=course("required", min_gpu_memory_gb=6)))
    assert {code: (f.severity, f.step) for code, f in result.items()} == {
        "COURSE_PYTHON_VERSION": (Severity.OK, Step.PYTHON),
        "COURSE_PACKAGE": (Severity.OK, Step.PYTHON),
        "COURSE_CUDA_REQUIRED": (Severity.OK, Step.DRIVER),
        "COURSE_GPU_MEMORY": (Severity.OK, Step.DRIVER),
        "COURSE_TORCH_VERSION": (Severity.OK, Step.WHEEL),
    }
    assert result["COURSE_PACKAGE"].explanation == "Found: torchvision 0.28.0+cu130, numpy 2.1.0."
    assert result["COURSE_GPU_MEMORY"].title == (
        "NVIDIA GeForce RTX 4070 has 12 GB of memory (Deep Learning 101 asks for 6 GB)")


def test_python_outside_the_range_is_an_error_naming_the_python_to_install(kb):
    python, torch = installed("2.13.0+cpu", python_version="3.10.12")
    result = findings(kb, snapshot(python, torch=torch), Goal(profile=course()))
    python_finding = result["COURSE_PYTHON_VERSION"]
    assert python_finding.severity is Severity.ERROR
    assert python_finding.title == "Deep Learning 101 needs Python 3.11 or 3.12; this environment has Python 3.10.12"
    assert "Install Python 3.12 from python.org" in python_finding.explanation
    assert python_finding.actions[0].url == "https://www.python.org/downloads/"


def test_torch_outside_the_range_is_an_error_with_the_recommended_install(kb):
    python, torch = installed("2.13.0+cpu", torchvision="0.28.0+cpu", numpy="2.1.0")
    result = findings(kb, snapshot(python, torch=torch), Goal(profile=course(torch=">=2.14")))
    torch_finding = result["COURSE_TORCH_VERSION"]
    assert (torch_finding.severity, torch_finding.step) == (Severity.ERROR, Step.WHEEL)
    assert torch_finding.title == "Deep Learning 101 needs PyTorch >=2.14; this environment has 2.13.0+cpu"
    assert run_argv(torch_finding)[4] == "torch==2.14.1+cpu"


def test_missing_and_mismatched_packages_get_exact_install_commands(kb):
    python, torch = installed("2.13.0+cpu", torchvision="0.27.0+cpu", numpy="1.24.4")
    profile = course(packages=(("torchvision", ""), ("numpy", ">=1.26"), ("matplotlib", "")))
    every = course_findings(kb, snapshot(python, torch=torch), Goal(profile=profile))
    packages = [f for f in every if f.code == "COURSE_PACKAGE"]
    assert [f.title for f in packages] == [
        "torchvision 0.27.0+cpu does not belong to PyTorch 2.13.0+cpu",
        "numpy 1.24.4 is outside Deep Learning 101's range >=1.26",
        "matplotlib is not installed, and Deep Learning 101 needs it",
    ]
    assert all(f.severity is Severity.ERROR and f.step is Step.PYTHON for f in packages)
    assert run_argv(packages[0])[4:] == ("torchvision==0.28.0+cpu", "--index-url", "https://download.pytorch.org/whl/cpu")
    assert run_argv(packages[1])[4:] == ("numpy>=1.26",) and run_argv(packages[2])[4:] == ("matplotlib",)


def test_required_cuda_on_a_machine_without_nvidia_gpu(kb):
    python, torch = installed("2.13.0+cpu", torchvision="0.28.0+cpu", numpy="2.1.0")
    result = findings(kb, snapshot(python, torch=torch), Goal(want="cuda", profile=course("required")))
    cuda = result["COURSE_CUDA_REQUIRED"]
    assert (cuda.severity, cuda.step) == (Severity.ERROR, Step.DRIVER)
    assert cuda.title == "Deep Learning 101 needs an NVIDIA GPU, and this computer has none"
    assert "lab machines" in cuda.explanation and "dl101-help@example.edu" in cuda.explanation


def test_required_cuda_on_a_gpu_too_old_for_every_allowed_build(kb):
    snap = snapshot(nvml_fact=nvml("470.256.02", "NVIDIA GeForce GTX 780", "3.5"))
    cuda = findings(kb, snap, Goal(want="cuda", profile=course("required")))["COURSE_CUDA_REQUIRED"]
    assert cuda.severity is Severity.ERROR
    assert cuda.title == "Deep Learning 101 needs CUDA, which this computer cannot provide"
    assert cuda.explanation.startswith("No PyTorch CUDA build in the course's range (torch >=2.4,<3) runs on "
                                       "NVIDIA GeForce GTX 780 (compute capability 3.5)")


def test_required_cuda_with_a_fixable_cpu_build_leaves_it_to_the_pytorch_step(kb):
    python, torch = installed("2.13.0+cpu")
    result = findings(kb, snapshot(python, nvml_fact=RTX_4070_580, torch=torch), Goal(want="cuda",
                                                                                     profile=course("required")))
    assert "COURSE_CUDA_REQUIRED" not in result  # CPU_ONLY_WHEEL explains it and the recommendation fixes it


def test_small_gpu_memory_is_a_warning(kb):
    snap = snapshot(nvml_fact=nvml("580.65.06", "NVIDIA GeForce GTX 1650", "7.5", 4096))
    memory = findings(kb, snap, Goal(profile=course(min_gpu_memory_gb=6)))["COURSE_GPU_MEMORY"]
    assert (memory.severity, memory.step) == (Severity.WARNING, Step.DRIVER)
    assert memory.title == "NVIDIA GeForce GTX 1650 has 4 GB of memory; Deep Learning 101 asks for at least 6 GB"


def test_a_6_gb_card_reporting_a_little_less_meets_a_6_gb_minimum(kb):
    snap = snapshot(nvml_fact=nvml("580.65.06", "NVIDIA GeForce RTX 2060", "7.5", 5926))
    assert findings(kb, snap, Goal(profile=course(min_gpu_memory_gb=6)))["COURSE_GPU_MEMORY"].severity is Severity.OK


SMOKE_FAILED = Evidence("smoke_test:cpu_matmul", "COURSE_SMOKE_TEST",
                        "the cpu_matmul smoke test failed: RuntimeError: illegal instruction")
SMOKE_NO_GPU = Evidence("smoke_test:gpu_matmul", "COURSE_SMOKE_TEST", "the gpu_matmul smoke test failed: no CUDA "
                        "device: torch.cuda.is_available() is False (this torch is a CPU-only build)")


def with_evidence(snap: Snapshot, *evidence: Evidence) -> Snapshot:
    return dataclasses.replace(snap, evidence=evidence)


def test_smoke_test_results(kb):
    python, torch = installed("2.13.0+cpu")
    working = snapshot(python, torch=torch)
    passed = Evidence("smoke_test:cpu_matmul", "", "256x256 matmul on cpu: checksum 22195200 (correct)")
    ok = findings(kb, with_evidence(working, passed), Goal(profile=course()))["COURSE_SMOKE_TEST"]
    assert (ok.severity, ok.title) == (Severity.OK, "The course's test 'cpu_matmul' passed")
    failed = findings(kb, with_evidence(working, SMOKE_FAILED), Goal(profile=course()))["COURSE_SMOKE_TEST"]
    assert (failed.severity, failed.step) == (Severity.ERROR, Step.WHEEL)
    assert failed.explanation.endswith("it did not work. The cpu_matmul smoke test failed: RuntimeError: illegal "
                                       "instruction.")


def test_a_failed_smoke_test_is_a_symptom_when_torch_is_missing(kb):
    failed = findings(kb, with_evidence(snapshot(), SMOKE_FAILED), Goal(profile=course()))["COURSE_SMOKE_TEST"]
    assert (failed.severity, failed.caused_by) == (Severity.INFO, "TORCH_MISSING")


def test_gpu_smoke_test_without_gpu_is_fine_when_cuda_is_only_preferred(kb):
    python, torch = installed("2.13.0+cpu")
    snap = with_evidence(snapshot(python, torch=torch), SMOKE_NO_GPU)
    preferred = findings(kb, snap, Goal(profile=course("preferred")))["COURSE_SMOKE_TEST"]
    assert preferred.severity is Severity.INFO and "could not run" in preferred.title
    required = findings(kb, snap, Goal(want="cuda", profile=course("required")))["COURSE_SMOKE_TEST"]
    assert (required.severity, required.caused_by) == (Severity.INFO, "COURSE_CUDA_REQUIRED")
    with_gpu = with_evidence(snapshot(python, nvml_fact=RTX_4070_580, torch=torch), SMOKE_NO_GPU)
    fixable = findings(kb, with_gpu, Goal(want="cuda", profile=course("required")))["COURSE_SMOKE_TEST"]
    assert fixable.severity is Severity.ERROR and fixable.actions


def test_every_course_text_uses_only_fields_the_check_supplies():
    texts = course_texts()
    assert {key.split(".")[0] for key in texts} == {
        "COURSE_PYTHON_VERSION", "COURSE_TORCH_VERSION", "COURSE_CUDA_REQUIRED", "COURSE_GPU_MEMORY",
        "COURSE_PACKAGE", "COURSE_SMOKE_TEST"}
    supplied = {"course", "needs", "version", "suggest", "range", "torch", "advice", "reason", "gpu", "memory",
                "needed", "package", "range_words", "wanted", "packages", "test", "description", "result"}
    for text in texts.values():
        assert text.fields <= supplied, text.key


def test_codes_are_documented():
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "diagnosis-codes.md").read_text(encoding="utf-8")
    section = doc.split("## Course profile", 1)[1]
    for code in ("COURSE_PYTHON_VERSION", "COURSE_TORCH_VERSION", "COURSE_CUDA_REQUIRED", "COURSE_GPU_MEMORY",
                 "COURSE_PACKAGE", "COURSE_SMOKE_TEST"):
        assert f"`{code}`" in section


def test_python_facts_missing_skips_python_and_package_checks(kb):
    snap = dataclasses.replace(snapshot(python_facts()), python=Fact.unknown("the probe did not run"))
    result = findings(kb, snap, Goal(profile=course()))
    assert "COURSE_PYTHON_VERSION" not in result and "COURSE_PACKAGE" not in result


def test_the_engine_runs_the_course_checks_and_keeps_smoke_output_on_the_course_finding(kb):
    from wizard.engine import diagnose

    python, torch = installed("2.13.0+cpu", torchvision="0.28.0+cpu", numpy="2.1.0")
    snap = with_evidence(snapshot(python, torch=torch), SMOKE_FAILED)
    diagnosis = diagnose(snap, kb, Goal(profile=course(torch=">=2.14")))
    codes = [f.code for f in diagnosis.errors]
    assert "COURSE_TORCH_VERSION" in codes and "COURSE_SMOKE_TEST" in codes
    assert "PASTED_ERROR" not in codes and codes.count("COURSE_SMOKE_TEST") == 1
    smoke = next(f for f in diagnosis.findings if f.code == "COURSE_SMOKE_TEST")
    assert smoke.evidence == (SMOKE_FAILED.excerpt,)
    assert diagnosis.recommendation.torch == "2.14.1"
