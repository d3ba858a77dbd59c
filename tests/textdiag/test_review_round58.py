"""Round 58's review: a helper invented pastes around the uv commands, the AMD/Intel GPU's own build where CUDA was
asked for, messages only asked about and lines that introduce the error below them; the engine's wrong answers
among them, fixed. The texts are invented (tests/textdiag/review58/), never corpus texts."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.textdiag.pasted import diagnosis_of

TEXTS = Path(__file__).resolve().parent / "review58"


def _diagnosis(name: str):
    return diagnosis_of((TEXTS / f"{name}.txt").read_text(encoding="utf-8"))


def _errors(name: str) -> list[str]:
    return [f.code for f in _diagnosis(name).findings if f.severity.value == "error"]


def _argv(name: str) -> tuple[str, ...]:
    return _diagnosis(name).recommendation.argv


def test_a_uv_project_gets_the_projects_own_way_never_a_pip_command() -> None:
    recommendation = _diagnosis("02-uv-add-project-cpu").recommendation
    assert recommendation.argv == () and "tool.uv.sources" in recommendation.why
    assert "download.pytorch.org/whl/cu" in recommendation.why


def test_no_pip_in_a_uv_project_is_how_uv_works_not_the_cause() -> None:
    assert _errors("44-uv-run-with-pip-missing")[:1] == ["CPU_ONLY_WHEEL"]


def test_uv_only_named_in_prose_keeps_pips_command() -> None:
    assert _argv("08-uv-prose-pip-actually")[1:4] == ("-m", "pip", "install")


@pytest.mark.parametrize("name", ["05-uv-pip-install-cuda-mismatch-companion", "46-ja-arc-uvpip-cuda"])
def test_uv_pip_told_as_done_gets_uvs_command(name: str) -> None:
    assert _argv(name)[:3] == ("uv", "pip", "install")


def test_uv_with_pypi_as_an_extra_index_merges_the_indexes_as_pip_does() -> None:
    argv = _argv("54-uv-pip-numpy1-extra-index")
    assert "--extra-index-url" in argv and argv[argv.index("--index-strategy") + 1] == "unsafe-best-match"


@pytest.mark.parametrize("name", ["14-amd-only-cuda-error", "46-ja-arc-uvpip-cuda", "53-arc-a770-says-no-nvidia"])
def test_no_nvidia_gpu_beside_an_amd_or_intel_card_never_gets_a_cuda_build(name: str) -> None:
    assert _errors(name)[:1] == ["NO_NVIDIA_GPU"] and not any("+cu" in arg for arg in _argv(name))


@pytest.mark.parametrize("name", ["46-ja-arc-uvpip-cuda", "53-arc-a770-says-no-nvidia"])
def test_an_arc_owner_who_says_there_is_no_nvidia_gpu_gets_the_xpu_build(name: str) -> None:
    assert any(arg.endswith("+xpu") for arg in _argv(name))


def test_a_laptop_with_an_intel_igpu_and_an_nvidia_gpu_still_gets_cuda() -> None:
    assert any("+cu" in arg for arg in _argv("17-laptop-igpu-and-nvidia"))


def test_a_message_the_person_got_is_theirs_even_where_they_say_nothing_was_installed_before() -> None:
    assert _errors("59-havent-installed-quoted-i-got-no-32bit")[:1] == ["PYTHON_UNSUPPORTED"]


def test_a_real_failure_quoted_in_a_question_is_still_read() -> None:
    assert _errors("22-quoted-question-real-failure") != []


def test_a_one_line_check_of_three_values_is_read_value_by_value() -> None:
    assert _errors("03-uv-sync-lock-cpu")[:1] == ["CPU_ONLY_WHEEL"]


def test_a_companion_listed_by_conda_is_replaced_with_torchs_build() -> None:
    argv = _argv("41-conda-nvidia-cpu")
    assert any(arg.startswith("torchvision==") and arg.endswith("+cu121") for arg in argv)


@pytest.mark.parametrize("name", ["38-intel-uhd-only-cuda-error", "60-amd-cpu-user-unrelated-error"])
def test_a_machine_told_to_have_no_nvidia_gpu_beside_its_integrated_graphics_gets_no_cuda_build(name: str) -> None:
    assert not any("+cu" in arg for arg in _argv(name))


def test_an_intel_igpu_beside_an_nvidia_gpu_still_gets_cuda() -> None:
    assert any("+cu" in arg for arg in _argv("18-laptop-iris-xe-plus-cuda-error"))
