"""The registry: crash isolation, root cause first ordering, symptoms demoted; plus small pure helpers."""

from __future__ import annotations

import pytest

from tests.checks import make_scenarios as ms
from wizard.checks.context import version_tuple
from wizard.checks.cudnn import cudnn_from_torch
from wizard.checks.driver import visible_device_count
from wizard.checks.import_errors import classify_import_failure
from wizard.checks.registry import CHECKS, explain_symptoms, order_findings, run_checks
from wizard.findings import Finding, Goal, Recommendation, Severity, Step
from wizard.knowledge import load_knowledge
from wizard.recommend import recommend


def _run(snapshot, checks=CHECKS, want="auto"):
    goal = Goal(want=want)
    return run_checks(snapshot, load_knowledge(), goal, recommend(snapshot, load_knowledge(), goal), checks)


def test_a_crashing_check_becomes_a_visible_warning_and_the_others_still_run():
    def check_explodes(ctx):
        raise ZeroDivisionError("boom")

    def check_returns_garbage(ctx):
        return "not a list"

    snapshot = ms.snapshot(
        gpu_facts=ms.gpu((ms.nvidia_pci(ms.RTX4070),), ms.nvml_ok((ms.RTX4070,), "580.95.05", "13.0")),
        python_fact=ms.python(dists=(ms.dist("torch", "2.13.0+cpu"),)),
        torch=ms.torch_ok("2.13.0+cpu"),
    )
    findings = _run(snapshot, (check_explodes, *CHECKS, check_returns_garbage))
    crashed = [f for f in findings if f.code == "CHECK_CRASHED"]
    assert len(crashed) == 2 and all(f.severity is Severity.WARNING for f in crashed)
    assert "ZeroDivisionError: boom" in crashed[0].details and "check_explodes" in crashed[0].title
    assert "check_returns_garbage" in crashed[1].title
    assert "CPU_ONLY_WHEEL" in [f.code for f in findings]


def test_a_snapshot_with_every_fact_missing_gives_findings_not_exceptions():
    snapshot = ms.text_snapshot(())
    findings = _run(snapshot)
    assert "CHECK_CRASHED" not in [f.code for f in findings]


def _f(code: str, severity: Severity, step: Step = Step.WHEEL) -> Finding:
    return Finding(code, severity, step, code.title(), "explanation")


def test_order_is_severity_then_causal_then_step():
    findings = [
        _f("TORCH_OK", Severity.OK, Step.WHEEL),
        _f("CPU_ONLY_WHEEL", Severity.ERROR),
        _f("DRIVER_OK", Severity.OK, Step.DRIVER),
        _f("TOOLKIT_MISMATCH", Severity.WARNING, Step.TOOLKIT),
        _f("TORCH_MISSING", Severity.ERROR),
        _f("PYTHON_UNSUPPORTED", Severity.ERROR, Step.PYTHON),
        _f("DRIVER_MISSING", Severity.ERROR, Step.DRIVER),
    ]
    ordered = [f.code for f in order_findings(findings)]
    assert ordered == [
        "DRIVER_MISSING",
        "PYTHON_UNSUPPORTED",
        "TORCH_MISSING",
        "CPU_ONLY_WHEEL",
        "TOOLKIT_MISMATCH",
        "DRIVER_OK",
        "TORCH_OK",
    ]


def test_symptoms_are_demoted_to_info_with_caused_by():
    findings = explain_symptoms(
        [_f("TORCH_CUDA_UNAVAILABLE", Severity.ERROR), _f("DRIVER_MISSING", Severity.ERROR, Step.DRIVER)]
    )
    assert [(f.code, f.severity, f.caused_by) for f in findings] == [
        ("TORCH_CUDA_UNAVAILABLE", Severity.INFO, "DRIVER_MISSING"),
        ("DRIVER_MISSING", Severity.ERROR, ""),
    ]


def test_a_demoted_root_explains_nothing():
    findings = explain_symptoms(
        [
            _f("PLATFORM_UNSUPPORTED", Severity.ERROR, Step.PYTHON),
            _f("TORCH_MISSING", Severity.ERROR),
            _f("PYTHON_UNSUPPORTED", Severity.ERROR, Step.PYTHON),
        ]
    )
    assert {f.code: f.caused_by for f in findings} == {
        "PLATFORM_UNSUPPORTED": "PYTHON_UNSUPPORTED",
        "TORCH_MISSING": "PYTHON_UNSUPPORTED",
        "PYTHON_UNSUPPORTED": "",
    }


def test_evidence_is_attached_to_the_finding_of_its_code():
    from wizard.snapshot import Evidence

    snapshot = ms.snapshot(
        gpu_facts=ms.gpu((ms.nvidia_pci(ms.RTX4070),), ms.nvml_ok((ms.RTX4070,), "580.95.05", "13.0")),
        python_fact=ms.python(dists=(ms.dist("torch", "2.13.0+cpu"),)),
        torch=ms.torch_ok("2.13.0+cpu"),
        evidence=(Evidence("x", "CPU_ONLY_WHEEL", "Torch not compiled with CUDA enabled"),),
    )
    cpu = [f for f in _run(snapshot) if f.code == "CPU_ONLY_WHEEL"]
    assert len(cpu) == 1 and cpu[0].evidence == ("Torch not compiled with CUDA enabled",)


def test_driver_too_old_offers_both_ways_out():
    snapshot = ms.snapshot(
        gpu_facts=ms.gpu((ms.nvidia_pci(ms.RTX4070),), ms.nvml_ok((ms.RTX4070,), "535.183.01", "12.2")),
        python_fact=ms.python(dists=ms.cuda_dists("2.13.0+cu130")),
        torch=ms.torch_ok("2.13.0+cu130", "13.0", (), ms.CU130_ARCHS, "92000"),
    )
    finding = next(f for f in _run(snapshot) if f.code == "DRIVER_TOO_OLD")
    kinds = [a.kind.value for a in finding.actions]
    assert kinds[:1] == ["open_url"] and "run" in kinds and "copy" in kinds
    run = next(a for a in finding.actions if a.kind.value == "run")
    assert (
        any("+cu12" in arg for arg in run.argv) and "535.183.01" in finding.explanation and "580" in finding.explanation
    )


@pytest.mark.parametrize(
    "value, seen, expected",
    [
        ("", 1, 0),
        ("-1", 2, 0),
        ("1", 1, 0),
        ("0", 1, 1),
        ("0,1", 2, 2),
        ("1,0", 1, 0),
        ("0,5,1", 2, 1),
        ("GPU-0000", 1, 1),
        ("NoDevFiles", 1, 0),
    ],
)
def test_visible_device_count(value, seen, expected):
    assert visible_device_count(value, seen) == expected


@pytest.mark.parametrize(
    "value, expected",
    [("91002", "9.10.2"), ("90100", "9.1.0"), ("8902", "8.9.2"), ("7605", "7.6.5"), ("", ""), ("x", "")],
)
def test_cudnn_from_torch(value, expected):
    assert cudnn_from_torch(value) == expected


@pytest.mark.parametrize(
    "text, code, culprit",
    [
        (
            "OSError: libcudart.so.12: cannot open shared object file: No such file or directory",
            "CUDA_LIB_MISSING",
            "libcudart.so.12",
        ),
        (
            "ImportError: /usr/local/cuda/lib64/libcusparse.so.12: undefined symbol: __nvJitLinkAddData_12_1",
            "LIB_PATH_CONFLICT",
            "/usr/local/cuda/lib64/libcusparse.so.12",
        ),
        (
            'OSError: [WinError 126] The specified module could not be found. Error loading "C:\\x\\torch\\lib\\fbgemm.dll"',
            "VCREDIST_MISSING",
            "fbgemm.dll",
        ),
        ("A module that was compiled using NumPy 1.x cannot be run in\nNumPy 2.0.1 as it may crash.", "NUMPY_ABI", ""),
        ("ModuleNotFoundError: No module named 'typing_extensions'", "TORCH_IMPORT_FAILED", ""),
    ],
)
def test_classify_import_failure(text, code, culprit):
    assert classify_import_failure(text) == (code, culprit)


def test_version_tuple():
    assert (
        version_tuple("525.60.13") == (525, 60, 13)
        and version_tuple("12.4.1rc") == (12, 4, 1)
        and version_tuple("") == ()
    )


def test_recommendation_type_is_what_checks_expect():
    assert isinstance(recommend(ms.snapshot(), load_knowledge(), Goal()), Recommendation)
