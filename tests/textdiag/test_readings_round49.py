"""Readings of round 49's session, each written from a tool's own output or a documented format, not from the
corpus."""

from __future__ import annotations

import pytest

from tests.textdiag.pasted import errors_of, facts_of, first_error

NO_WHEEL = "ERROR: Could not find a version that satisfies the requirement torch (from versions: none)\n" \
           "ERROR: No matching distribution found for torch\n"


@pytest.mark.parametrize("check", [
    ">>> import platform\n>>> platform.architecture()\n('32bit', 'WindowsPE')\n",
    "C:\\> python -c \"import struct; print(struct.calcsize('P') * 8)\"\n32\n",
    ">>> import struct\n>>> struct.calcsize(\"P\")*8\n32\n",
])
def test_what_the_usual_is_my_python_64_bit_checks_print_for_a_32_bit_python(check: str) -> None:
    assert facts_of(check + NO_WHEEL).get("python_bits") == "32"
    assert errors_of(check + NO_WHEEL)[:1] == ["PYTHON_UNSUPPORTED"]


@pytest.mark.parametrize("check", [
    ">>> platform.architecture()\n('64bit', 'WindowsPE')\n",
    "C:\\> python -c \"import struct; print(struct.calcsize('P') * 8)\"\n64\n",
    "python -c \"import struct; print(struct.calcsize('P') * 8)\"\n32 GB of RAM, RTX 3060\n",
])
def test_a_64_bit_answer_or_another_number_tells_no_32_bit_python(check: str) -> None:
    assert facts_of(check + NO_WHEEL).get("python_bits") != "32"


@pytest.mark.parametrize("binding", ["_cuda_setDevice", "_cuda_getDeviceCount", "_cuda_init", "_CudaDeviceProperties"])
def test_torch_c_without_its_cuda_bindings_is_a_cpu_only_build(binding: str) -> None:
    text = f"    torch.cuda.set_device(0)\nAttributeError: module 'torch._C' has no attribute '{binding}'\n"
    assert errors_of(text)[:1] == ["CPU_ONLY_WHEEL"]


def test_on_a_mac_the_missing_cuda_binding_names_no_nvidia_gpu() -> None:
    text = "MacBook Air M2, macOS 14\nAttributeError: module 'torch._C' has no attribute '_cuda_setDevice'\n"
    assert errors_of(text)[:1] == ["NO_NVIDIA_GPU"]


def test_a_cuda_binding_added_in_a_later_release_is_not_read_as_a_cpu_build() -> None:
    text = "AttributeError: module 'torch._C' has no attribute '_cuda_getCurrentRawStream'\n"
    assert "CPU_ONLY_WHEEL" not in errors_of(text)


UV_ONLY = ("  × No solution found when resolving dependencies:\n  ╰─▶ Because only torch<=2.6.0+cu124 is available and "
           "myapp==6.0.0 depends on torch>=2.7, we can conclude that myapp==6.0.0 cannot be used.\n")


def test_uv_saying_only_older_builds_of_a_cuda_variant_are_available_names_the_index() -> None:
    first = first_error("uv pip install myapp==6.0.0 --index=https://download.pytorch.org/whl/cu124\n" + UV_ONLY)
    assert first.code == "INDEX_VARIANT_MISSING"
    assert not first.actions  # (no pip install beside uv: the index uv is given is the fix, in the words)
    assert "uv" in first.title


@pytest.mark.parametrize("plain", [
    "Because only torch<=2.2.2 is available and myapp depends on torch>=2.4, we can conclude that myapp cannot be used.",
    "Because only numpy<=1.26.4 is available and myapp depends on numpy>=2, we can conclude …",
])
def test_a_range_without_a_variant_label_does_not_name_the_variant_index(plain: str) -> None:
    assert "INDEX_VARIANT_MISSING" not in errors_of(plain)


@pytest.mark.parametrize("told", [
    "Installing lightning caused a forced update on torch from 1.9.0 to 2.2.0 and broke CUDA.",
    "When installing the package the torch will be automatically upgraded, resulting in a version mismatch.",
    "pip install xformers: an automatic downgrade of my torch happens every time.",
])
def test_an_install_replacing_torch_told_as_a_noun_or_in_the_future_is_a_package_conflict(told: str) -> None:
    assert errors_of(told)[:1] == ["PACKAGE_CONFLICT"]


@pytest.mark.parametrize("not_told", [
    "If you install it this way, will torch be upgraded?",
    "I did a forced update on my drivers and torch still does not see the GPU.",
])
def test_a_question_or_another_thing_updated_is_no_replacement_told(not_told: str) -> None:
    assert "PACKAGE_CONFLICT" not in errors_of(not_told)
