"""Readings of round 43's session: a console's cut told from lines of one width by chance, an action done told in the
passive after "when", an install that replaced torch told in words, and a warning record that is no failure report. Each case is written from the grammar or the
tool's behaviour, not taken from the corpus."""

from __future__ import annotations

import pytest

from tests.textdiag.pasted import diagnosis_of, facts_of, first_error, verdict_of
from wizard.findings import Severity
from wizard.verdict import VerdictKind


@pytest.mark.parametrize("told", [
    "When I install torch-directml, it removed torch-2.0.0 and installed torch-1.13.1",
    "pip install xformers always re-installs torch 2.0.1 over the container's",
    "Installing Ax keeps upgrading the torch version, which I would like to avoid",
    "pip install -r requirements.txt overrides pytorch version and cuda version",
    "the installer first removes PyTorch that I built for my GPU",
    "torch was downgraded to 1.13.1 after installing the requirements",
    "安装依赖时会自动卸载torch",
    "安装requirements之后把torch覆盖了",
    "torch版本被改了",
])
def test_an_install_that_replaced_torch_told_in_words_is_a_fact(told: str) -> None:
    assert facts_of(told).get("torch_replaced_told") == "true"


@pytest.mark.parametrize("not_told", [
    "I upgraded torch to 2.1 and now the extension fails",  # (the person's own choice)
    "pip uninstall torch\nWARNING: Skipping torch as it is not installed.",  # (a command the person ran)
    "Next, uninstall torch: pip uninstall torch",
    "How do I stop pip from replacing torch?",  # (a question)
    "于是再次卸载torch",  # (the person's own step)
    "我把torch升级到2.1了",
    "torch was upgraded by me to 2.1",
])
def test_the_persons_own_change_a_command_or_a_question_is_no_such_fact(not_told: str) -> None:
    assert "torch_replaced_told" not in facts_of(not_told)


def test_an_install_that_replaced_torch_is_a_package_conflict_whose_words_are_the_fix() -> None:
    text = ("PyTorch 2.0 support\n\nWhen I try to install torch-directml, it removed torch-2.0.0 and installed "
            "torch-1.13.1. Can you support torch 2.0?")
    found = first_error(text)
    assert (found.code, found.severity) == ("PACKAGE_CONFLICT", Severity.ERROR)
    assert found.title_message is not None and found.title_message.key == "PACKAGE_CONFLICT.pasted.replaced.title"
    assert found.actions == ()  # (reinstalling another torch would meet the same requirement again)


def test_an_install_that_replaced_torch_and_lost_cuda_is_left_to_the_build_that_came_in() -> None:
    text = ("After installing the package it replaced my torch, and now torch.cuda.is_available() returns False on my "
            "RTX 3060.\n>>> torch.__version__\n'2.5.1+cpu'")
    codes = [f.code for f in diagnosis_of(text).errors]
    assert codes[:1] == ["CPU_ONLY_WHEEL"]


def test_when_and_an_action_done_in_the_passive_is_what_happened_if_stays_a_hypothesis() -> None:
    assert facts_of("When suite2p is installed, it installs pytorch with CPU support only").get(
        "torch_build_told") == "cpu"
    assert "torch_build_told" not in facts_of("If suite2p is installed, it installs pytorch with CPU support only")


WORKING = ("Collecting environment information...\nPyTorch version: 2.5.1+cu124\nCUDA used to build PyTorch: 12.4\n"
           "OS: Ubuntu 22.04.4 LTS (x86_64)\nPython version: 3.10.12 (64-bit runtime)\nIs CUDA available: True\n"
           "GPU models and configuration: GPU 0: NVIDIA GeForce RTX 4090\nNvidia driver version: 550.54.14\n")


@pytest.mark.parametrize("record", [
    # a log record at warning level (Python logging's level name first, glog's "W<mmdd> <time> <thread>")
    "WARNING 12-04 08:26:48 cuda.py:30] You are using a deprecated `pynvml` package; when both are installed it "
    "will cause errors.",
    "Warning: Your installation of OpenCV appears to be broken: module 'cv2.dnn' has no attribute 'DictValue'.",
    "[WARNING] the tokenizer failed to load its fast version, falling back",
    "W0601 10:54:51.761023 7588 torch\\_dynamo\\convert_frame.py:824] won't convert forward: graph break",
])
def test_a_warning_record_beside_cuda_shown_working_is_no_failure_report(record: str) -> None:
    verdict = verdict_of(f"{record}\n{WORKING}")
    assert verdict.kind is VerdictKind.READY


@pytest.mark.parametrize("record", [
    "ERROR 12-04 08:26:48 engine.py:30] the engine failed to start",
    "[ERROR] loading the CUDA kernels of the extension failed",
])
def test_an_error_record_beside_cuda_shown_working_still_reports_a_failure(record: str) -> None:
    assert verdict_of(f"{record}\n{WORKING}").kind is not VerdictKind.READY
