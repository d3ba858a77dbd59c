"""Round 55's review: a helper invented pastes around this session's readings (an Intel GPU through XPU, ROCm's HIP,
the newer CUDA libraries, DGL's GraphBolt, cpp_extension's unknown arch, Windows' ERROR_PROC_NOT_FOUND in other
languages) and near-misses that must not trigger them; the engine's wrong answers among them, fixed. The texts are
invented (tests/textdiag/review55/), never corpus texts."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.textdiag.pasted import diagnosis_of, verdict_of

TEXTS = Path(__file__).resolve().parent / "review55"


def _text(name: str) -> str:
    return (TEXTS / f"{name}.txt").read_text(encoding="utf-8")


def _errors(name: str) -> list[str]:
    return [f.code for f in diagnosis_of(_text(name)).findings if f.severity.value == "error"]


def _argv(name: str) -> str:
    return " ".join(diagnosis_of(_text(name)).recommendation.argv)


@pytest.mark.parametrize("name", ["02-xpu-print-line-windows", "04-xpu-tensor-printed", "05-xpu-oom"])
def test_a_working_intel_gpu_is_ready_with_nothing_to_install(name: str) -> None:
    verdict = verdict_of(_text(name))
    assert verdict.kind.value == "ready" and "Intel GPU (XPU)" in verdict.headline
    assert _argv(name) == ""


def test_comfyuis_hip_out_of_memory_is_the_programs_on_a_working_amd_gpu() -> None:
    verdict = verdict_of(_text("20-hip-oom-comfyui"))
    assert verdict.kind.value == "ready" and "AMD GPU (ROCm)" in verdict.headline


@pytest.mark.parametrize("name", ["87-hip-oom-in-question-amd-none", "36-libcufile-question", "42-dgl-question",
                                  "53-unknown-arch-question"])
def test_a_message_only_asked_about_is_neither_a_cause_nor_a_working_gpu(name: str) -> None:
    assert _errors(name) == [] and verdict_of(_text(name)).kind.value != "ready"


def test_an_arch_list_set_by_hand_is_the_variables_fault_with_no_install() -> None:
    first = diagnosis_of(_text("51-torch-cuda-arch-list-bad-value")).findings
    assert any("TORCH_CUDA_ARCH_LIST" in f.title for f in first if f.severity.value == "error")
    assert _argv("51-torch-cuda-arch-list-bad-value") == ""


def test_libcudss_is_installed_on_its_own_never_by_reinstalling_torch() -> None:
    first = next(f for f in diagnosis_of(_text("32-libcudss-jetson")).findings if f.code == "CUDA_LIB_MISSING")
    assert "cudss" in first.explanation and _argv("32-libcudss-jetson") == ""


@pytest.mark.parametrize("name", ["40-dgl-cannot-load", "65-dll-ko-procedure", "73-dll-pt-procedimento",
                                  "60-dll-zh-torch-scatter"])
def test_another_packages_build_for_another_torch_is_that_packages_fix_not_a_torch_install(name: str) -> None:
    assert _errors(name)[:1] == ["PACKAGE_CONFLICT"] and _argv(name) == ""


@pytest.mark.parametrize("name", ["61-dll-de-prozedur", "66-dll-fr-procedure"])
def test_torchvisions_or_torchaudios_own_library_built_for_another_torch_is_the_pair(name: str) -> None:
    assert _errors(name)[:1] == ["PACKAGE_CONFLICT"]


def test_an_arc_owner_with_a_cuda_build_gets_the_xpu_build_never_a_cuda_one() -> None:
    assert _errors("82-arc-with-cuda-build")[:1] == ["NO_NVIDIA_GPU"]
    argv = _argv("82-arc-with-cuda-build")
    assert "+xpu" in argv and "+cu" not in argv


def test_cuda_asked_of_an_xpu_build_on_an_arc_card_is_no_nvidia_gpu_not_a_cpu_build() -> None:
    assert _errors("84-xpu-build-cuda-code")[:1] == ["NO_NVIDIA_GPU"] and "+cu" not in _argv("84-xpu-build-cuda-code")
