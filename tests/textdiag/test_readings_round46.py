"""Readings of round 46's session: a driver number NVIDIA gives only to Windows drivers tells the system, and an
install failure told in words is weighed with the facts beside it, as pip's "No matching distribution" is. Each case
is written from NVIDIA's numbering, the launchers' and the languages' own wording, not taken from the corpus."""

from __future__ import annotations

import pytest

from tests.textdiag.pasted import errors_of, facts_of, first_error, verdict_of
from wizard.textdiag import snapshot_from_text
from wizard.textdiag.build import windows_driver_number
from wizard.verdict import VerdictKind


@pytest.mark.parametrize("version", ["536.23", "572.16", "452.39", "528.33", "411.63", "581.57"])
def test_a_driver_number_between_the_linux_branches_is_a_windows_drivers(version: str) -> None:
    assert windows_driver_number(version)


@pytest.mark.parametrize("version", ["535.54.03", "550.67", "470.74", "560.94", "565.77", "418.67", "390.87", "536",
                                     "12.4", ""])
def test_a_linux_branch_or_a_three_part_number_tells_no_system(version: str) -> None:
    assert not windows_driver_number(version)


def _os_of(text: str) -> str:
    host = snapshot_from_text(text).host
    return host.value.os if host.value is not None else ""


def test_a_windows_drivers_number_with_nothing_of_linux_is_a_windows_computer() -> None:
    assert _os_of("RTX 3060 laptop, nvidia driver: 536.23, the program never uses the GPU") == "windows"


@pytest.mark.parametrize("linux", [
    "Ubuntu 22.04 in WSL, nvidia driver: 536.23, the program never uses the GPU",
    "nvidia driver: 536.23, docker run --gpus all my-image, the program never uses the GPU",
    "nvidia driver: 536.23\nFile \"/home/me/app/run.py\", line 3\nthe program never uses the GPU",
])
def test_wsl_a_container_or_a_linux_path_beside_it_keeps_the_system_open(linux: str) -> None:
    assert _os_of(linux) != "windows"


def test_a_gpu_unused_beside_a_windows_drivers_number_names_the_cpu_only_build_most_likely() -> None:
    text = "GPU not used\n\npytorch: 2.0.1\nnvidia driver: 536.23\nmy rtx 3060 laptop is never used, only the cpu"
    assert errors_of(text)[:1] == ["CPU_ONLY_WHEEL"]


@pytest.mark.parametrize("told", [
    "I can't install pytorch with this Python",
    "It could not find the correct version of torch, torchvision and torchaudio.",
    "torch installation fails every time",
    "RuntimeError: Couldn't install torch.",
    "无法安装torch",
    "pytorch安装失败了",
    "torchがインストールできない",
    "no puedo instalar torch en Windows",
    "não consigo instalar o torch",
    "Ich kann torch nicht installieren",
    "impossible d'installer torch",
    "не могу установить torch",
])
def test_an_install_failure_told_in_words_is_a_fact(told: str) -> None:
    assert facts_of(told).get("torch_install_failed_told") == "true"


@pytest.mark.parametrize("not_told", [
    "If you can't install torch, use the conda command instead",  # (a hypothesis, an advice)
    "Why can't I install torch?",
    "I installed torch and it works",
    "pip install torch",
])
def test_a_hypothesis_a_question_or_a_success_is_no_install_failure(not_told: str) -> None:
    assert "torch_install_failed_told" not in facts_of(not_told)


def test_an_install_failure_told_with_a_python_the_pinned_release_never_served_is_that_python() -> None:
    text = ("venv \"C:\\sd\\venv\\Scripts\\Python.exe\"\nPython 3.11.0 (main, Oct 24 2022) [MSC v.1933 64 bit (AMD64)]\n"
            "Installing torch and torchvision\nRuntimeError: Couldn't install torch.\nCommand: \"python.exe\" -m pip "
            "install torch==1.12.1+cu113 torchvision==0.13.1+cu113 --extra-index-url https://download.pytorch.org/whl/cu113")
    found = first_error(text)
    assert found.code == "PYTHON_UNSUPPORTED"
    assert any("install torch" in line for line in found.evidence)


def test_an_install_failure_told_with_a_python_the_release_served_names_nothing() -> None:
    text = ("Python 3.10.6 (main) [MSC v.1933 64 bit (AMD64)]\nRuntimeError: Couldn't install torch.\n"
            "Command: pip install torch==2.1.2+cu121 --extra-index-url https://download.pytorch.org/whl/cu121")
    assert "PYTHON_UNSUPPORTED" not in errors_of(text)
    assert verdict_of(text).kind is not VerdictKind.READY


def test_a_windows_drivers_number_is_compared_with_the_windows_floor() -> None:
    # 526.47 is a Windows release of the R525 branch (Linux: 525.xx): below 528.33, which CUDA 12.1 needs on Windows
    text = "torch 2.1.0+cu121, driver 526.47\n>>> torch.cuda.is_available()\nFalse\n"
    assert errors_of(text)[:1] == ["DRIVER_TOO_OLD"]


def test_cuda_unusable_beside_a_windows_drivers_number_is_answered_as_on_windows() -> None:
    text = "NVIDIA driver 551.23\n>>> torch.cuda.is_available()\nFalse\n"
    assert errors_of(text)[:1] == ["CPU_ONLY_WHEEL"]


@pytest.mark.parametrize("text", [
    "RTX 50xx requires sm_120\nPyTorch version: 2.7.0+cu126\nCUDA version: 12.6\nit fails on my card",
    "Dockerfile: RUN pip install torch==2.5.1 --index-url https://download.pytorch.org/whl/cu124\n"
    "this build does not support our RTX 50 series GPU, the container crashes",
])
def test_a_geforce_generation_named_by_its_series_is_judged_against_the_build_shown(text: str) -> None:
    assert errors_of(text)[:1] == ["GPU_ARCH_UNSUPPORTED"]


def test_a_series_the_build_covers_is_no_architecture_problem() -> None:
    text = "RTX 30 series card\nPyTorch version: 2.7.0+cu126\nthe training loss is nan after two epochs"
    assert "GPU_ARCH_UNSUPPORTED" not in errors_of(text)


def test_a_pinned_version_from_a_cuda_index_is_that_build_unless_it_is_advice() -> None:
    advice = ("my RTX 5090 does not work with this program\n"
              "you could try pip install torch==2.5.1 --index-url https://download.pytorch.org/whl/cu124")
    assert "GPU_ARCH_UNSUPPORTED" not in errors_of(advice)  # (the advice is not what runs)


def test_a_pinned_version_from_a_cuda_index_that_covers_the_gpu_is_no_architecture_problem() -> None:
    text = ("pip install torch==2.5.1 --index-url https://download.pytorch.org/whl/cu124\n"
            "my RTX 3060 runs out of memory in the second epoch")
    assert "GPU_ARCH_UNSUPPORTED" not in errors_of(text)
