"""Readings of round 49's session, each written from a tool's own output or a documented format, not from the
corpus."""

from __future__ import annotations

import pytest

from tests.textdiag.pasted import errors_of, facts_of

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
