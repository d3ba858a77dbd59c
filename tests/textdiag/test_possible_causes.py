"""Possible causes: a message known to come from several causes, with nothing in the text choosing between them,
names the likelier cause first (an error) and the other as a warning that has no remedy of its own."""

from __future__ import annotations

import pytest

from tests.textdiag.pasted import facts_of, findings_of, verdict_of
from wizard.evidence import is_possible_cause as evidence_is_possible
from wizard.findings import Severity, is_possible_cause
from wizard.i18n import render_message
from wizard.textdiag import snapshot_from_text
from wizard.textdiag.clean import clean_text
from wizard.textdiag.signatures import match_all
from wizard.textdiag.weigh import nvidia_gpu_named, weigh_match
from wizard.verdict import VerdictKind

NO_DRIVER = ("UserWarning: CUDA initialization: Found no NVIDIA driver on your system. Please check that you have an "
             "NVIDIA GPU and installed a driver from http://www.nvidia.com/Download/index.aspx")



def possible(text: str) -> list[str]:
    return [e.cause for e in snapshot_from_text(text).evidence if evidence_is_possible(e)]


def test_a_message_of_two_causes_names_the_likelier_first_and_the_other_as_possible() -> None:
    findings = findings_of("Ubuntu 22.04\n" + NO_DRIVER)  # (on Linux the driver is the likelier: weigh.py)
    errors = [f for f in findings if f.severity is Severity.ERROR]
    warnings = [f for f in findings if is_possible_cause(f)]
    assert errors[0].code == "DRIVER_MISSING"
    assert [f.code for f in warnings] == ["NO_NVIDIA_GPU"]
    assert warnings[0].severity is Severity.WARNING
    assert warnings[0].remedy is None and warnings[0].actions == ()
    assert "Found no NVIDIA driver on your system" in warnings[0].evidence[0]


@pytest.mark.parametrize("context", [
    "NVIDIA GeForce RTX 3060 Laptop GPU\n",  # a GPU named
    "Driver Version: 550.54.14\n",  # a driver named
])
def test_the_text_naming_an_nvidia_gpu_rules_out_no_gpu(context: str) -> None:
    assert possible(context + NO_DRIVER) == []
    assert all(f.code != "NO_NVIDIA_GPU" for f in findings_of(context + NO_DRIVER))


def test_a_context_rule_that_chose_the_cause_leaves_nothing_possible() -> None:
    # On a Mac the same CUDA message means no NVIDIA GPU at all: the context decided, nothing else is "possible".
    assert possible("MacBook Pro M2\nAssertionError: Torch not compiled with CUDA enabled") == []
    # pip's version list ends at the Intel-Mac ceiling: the platform, not the Python, even though the
    # catalogue lists an unsupported Python as the message's main cause.
    text = ("macOS 13 Intel x86_64, Python 3.11\nERROR: Could not find a version that satisfies the requirement "
            "torch==2.4.1 (from versions: 2.0.0, 2.0.1, 2.1.0, 2.1.1, 2.1.2, 2.2.0, 2.2.1, 2.2.2)\n"
            "ERROR: No matching distribution found for torch==2.4.1")
    assert possible(text) == []


def test_nvidia_gpu_named_only_speaks_about_messages_that_list_no_gpu_as_a_cause() -> None:
    found = match_all(clean_text(NO_DRIVER))[0]
    assert list(nvidia_gpu_named(found, {"gpu_name": "NVIDIA GeForce RTX 3060"}, [])) == [
        ("NO_NVIDIA_GPU", 0.2, "an NVIDIA GPU or driver is named")]
    assert list(nvidia_gpu_named(found, {}, [])) == []
    weighed = weigh_match(found, {"gpu_name": "NVIDIA GeForce RTX 3060"}, [])
    assert weighed.cause == "DRIVER_MISSING" and weighed.others == ()
    assert dict(weigh_match(found, {"os": "linux"}, []).others) == {"NO_NVIDIA_GPU": 0.6}
    # with nothing NVIDIA named off Linux the two swap places, and the driver stays possible
    assert dict(weigh_match(found, {}, []).others) == {"DRIVER_MISSING": 0.9}


def test_the_possible_cause_reads_in_another_language_from_its_stored_message() -> None:
    warning = next(f for f in findings_of(NO_DRIVER) if is_possible_cause(f))
    german = render_message(warning.title_message, "de")
    assert german.startswith("Ebenfalls möglich: ")
    assert german != warning.title



def test_a_cpu_build_that_reports_cuda_unavailable_is_the_cpu_build_and_maybe_no_gpu() -> None:
    text = ">>> torch.__version__\n'2.6.0+cpu'\n>>> torch.cuda.is_available()\nFalse\n"
    findings = findings_of(text)
    assert [f.code for f in findings if f.severity is Severity.ERROR] == ["CPU_ONLY_WHEEL"]
    assert [f.code for f in findings if is_possible_cause(f)] == ["NO_NVIDIA_GPU"]
    named = findings_of("RTX 3060 laptop\n" + text)  # an NVIDIA GPU named: the CPU build alone
    assert [f.code for f in named if f.severity is Severity.ERROR] == ["CPU_ONLY_WHEEL"]
    assert not [f for f in named if is_possible_cause(f)]
    assert not possible("AMD Radeon RX 6600\n" + text)  # no NVIDIA GPU shown: that is the answer, nothing possible


@pytest.mark.parametrize(("text", "possible_codes"), [
    # is_available() False on Linux with nothing else told: the CPU-only build or the driver, and the verdict asks
    # (on Windows, or with nothing about the setup told, the CPU-only build is the likelier: test_likely_cause.py)
    ("Ubuntu 22.04\n>>> import torch\n>>> torch.cuda.is_available()\nFalse\n", {"CPU_ONLY_WHEEL", "DRIVER_MISSING"}),
    # a CUDA build shown: the driver, missing or older than the build
    (">>> torch.__version__\n'2.5.1+cu121'\n>>> torch.cuda.is_available()\nFalse\n", {"DRIVER_MISSING", "DRIVER_TOO_OLD"}),
    # nvidia-smi shows a driver: not missing; the build is what is left to check
    ("| NVIDIA-SMI 550.54.14    Driver Version: 550.54.14    CUDA Version: 12.4     |\n"
     ">>> torch.cuda.is_available()\nFalse\n", {"CPU_ONLY_WHEEL"}),
])
def test_cuda_unavailable_with_nothing_placing_it_names_what_is_possible_and_asks(text: str, possible_codes: set[str]) -> None:
    findings = findings_of(text)
    assert not [f for f in findings if f.severity is Severity.ERROR]
    possible_findings = [f for f in findings if is_possible_cause(f)]
    assert {f.code for f in possible_findings} == possible_codes
    assert all(f.title.startswith("Possible cause: ") and f.remedy is None and not f.actions for f in possible_findings)
    assert verdict_of(text).kind is VerdictKind.CANNOT_TELL


SMI_525 = "| NVIDIA-SMI 525.147.05   Driver Version: 525.147.05   CUDA Version: 12.0     |\n"


def test_on_linux_a_plain_torch_version_is_pypis_cuda_build_so_the_cpu_build_is_not_possible() -> None:
    text = "Ubuntu 22.04\n$ pip list | grep torch\ntorch                    2.4.0\n" + SMI_525 + (
        ">>> torch.cuda.is_available()\nFalse\n")
    findings = findings_of(text)
    assert "CPU_ONLY_WHEEL" not in {f.code for f in findings if f.severity in (Severity.ERROR, Severity.WARNING)}
    assert verdict_of(text).kind is VerdictKind.CANNOT_TELL  # (its CUDA 12.1 runs on a CUDA 12.0 driver)
    conda = findings_of("conda install pytorch\n" + text)  # conda's builds carry no local version: either kind
    assert "CPU_ONLY_WHEEL" in {f.code for f in conda if is_possible_cause(f)}


def test_nvidia_smis_cuda_version_is_never_read_as_the_toolkit() -> None:
    assert "toolkit_version" not in facts_of(SMI_525)
