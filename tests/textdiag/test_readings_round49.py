"""Readings of round 49's session, each written from a tool's own output or a documented format, not from the
corpus."""

from __future__ import annotations

import pytest

from tests.textdiag.pasted import errors_of, facts_of, first_error, verdict_of

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
           "your project depends on torch>=2.7, we can conclude that your project's requirements are unsatisfiable.\n")


def test_uv_saying_only_older_builds_of_a_cuda_variant_are_available_names_the_index() -> None:
    first = first_error("$ uv sync\n" + UV_ONLY)
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


CUDA_HOME_NOT_SET = ("  File \"/opt/venv/lib/python3.11/site-packages/torch/utils/cpp_extension.py\", line 2525, in "
                     "_join_cuda_home\n    raise OSError('CUDA_HOME environment variable is not set. '\n"
                     "OSError: CUDA_HOME environment variable is not set. Please set it to your CUDA install root.\n")


def test_cpp_extension_finding_no_toolkit_is_cuda_home_missing_in_words_of_no_toolkit() -> None:
    first = first_error(CUDA_HOME_NOT_SET)
    assert first.code == "CUDA_HOME_MISSING"
    assert "no CUDA toolkit" in first.title
    assert not first.actions  # (installing PyTorch again brings no compiler)


def test_conda_saying_the_drivers_cuda_is_below_a_packages_constraint_is_an_old_driver() -> None:
    text = ("Encountered problems while solving:\n  - package cudatoolkit-11.6.0-habf752d_9 has constraint "
            "__cuda >=11.6.0 conflicting with __cuda-10.2-0\n")
    first = first_error(text)
    assert first.code == "DRIVER_TOO_OLD"
    assert "driver_cuda: 10.2" in first.details  # (the __cuda detected: the CUDA the driver supports)


@pytest.mark.parametrize("pin", ["torch==1.13.0.dev20220921+cu116", "torch==2.6.0.dev20241217"])
def test_a_nights_build_pinned_and_not_found_is_gone_from_the_nightly_index(pin: str) -> None:
    text = f"ERROR: Could not find a version that satisfies the requirement {pin}\n" \
           f"ERROR: No matching distribution found for {pin}\n"
    first = first_error(text)
    assert first.code == "INDEX_VARIANT_MISSING"
    assert "nightly" in first.title


def test_a_32_bit_python_still_comes_first_for_a_missing_nightly() -> None:
    text = ("Python 3.11.4 (tags/v3.11.4:d2340ef, Jun  7 2023) [MSC v.1934 32 bit (Intel)] on win32\n"
            "ERROR: No matching distribution found for torch==2.6.0.dev20241217\n")
    assert errors_of(text)[:1] == ["PYTHON_UNSUPPORTED"]


ALLOCATOR = "CUDA out of memory. Tried to allocate 4.00 GiB (GPU 0; 10.73 GiB total capacity; 4.41 GiB already allocated)"


@pytest.mark.parametrize("text", [
    "CUDA out of memory.\n\nI began to run the code with 1 gpu and when training started i had the following error:\n\n"
    + ALLOCATOR,
    ALLOCATOR + "\nany idea?",
    "torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 20.00 MiB. GPU 0 has a total capacity of 8.00 GiB "
    "of which 0 bytes is free.",
])
def test_cuda_allocators_own_message_is_the_programs_error_on_a_working_gpu(text: str) -> None:
    assert verdict_of(text).kind.value == "ready"


@pytest.mark.parametrize("text", [
    "torch.cuda.is_available() returns False on my gpu and I get the following error:\n"
    "RuntimeError: No CUDA GPUs are available",
    "the driver crashed with the gpu at 100 % and I got this error:\n" + ALLOCATOR,
])
def test_a_setup_failure_told_before_the_error_is_still_read(text: str) -> None:
    assert verdict_of(text).kind.value != "ready"


@pytest.mark.parametrize("text", [
    "RuntimeError: nvrtc: error: failed to open libnvrtc-builtins.so.11.1.\n"
    "  Make sure that libnvrtc-builtins.so.11.1 is installed correctly.\nnvrtc compilation failed:",
    "RuntimeError: nvrtc: error: failed to open nvrtc-builtins64_121.dll.\n"
    "  Make sure that nvrtc-builtins64_121.dll is installed correctly.",
])
def test_nvrtc_failing_to_open_its_builtins_is_a_cuda_library_missing(text: str) -> None:
    assert errors_of(text)[:1] == ["CUDA_LIB_MISSING"]


@pytest.mark.parametrize("symbol", ["cuGreenCtxDestroy", "cuTensorMapEncodeTiled", "cuGetProcAddress_v2"])
def test_a_driver_api_symbol_beside_a_driver_older_than_the_builds_cuda_is_a_driver_too_old(symbol: str) -> None:
    text = (f"ImportError: /venv/lib/python3.11/site-packages/sgl_kernel/common_ops.abi3.so: undefined symbol: {symbol}\n"
            "CUDA Driver Version: 535.86.10\nPyTorch: 2.7.1+cu126\n")
    first = first_error(text)
    assert first.code == "DRIVER_TOO_OLD"
    assert not first.actions  # (the module's call into the driver: no torch install fixes it)


def test_a_driver_api_symbol_beside_a_driver_that_has_the_builds_apis_is_another_libcuda() -> None:
    text = ("ImportError: /venv/lib/python3.11/site-packages/myext/_C.so: undefined symbol: cuModuleLoadData\n"
            "Driver Version: 560.35.03\ntorch 2.5.1+cu124\n")
    assert errors_of(text)[:1] != ["DRIVER_TOO_OLD"]


@pytest.mark.parametrize("told", ["xformers installs overwrites torch with 2.2.1",
                                  "This results in xformers replacing torch with the latest version."])
def test_a_package_replacing_torch_in_the_present_is_a_replacement_told(told: str) -> None:
    assert errors_of(told)[:1] == ["PACKAGE_CONFLICT"]


@pytest.mark.parametrize("not_told", ["I am replacing torch with the cu121 build now",
                                      "try replacing torch with the nightly",
                                      "the script replaces torch-tensorrt with a newer one"])
def test_the_persons_own_step_advice_or_another_package_is_no_replacement_told(not_told: str) -> None:
    assert "PACKAGE_CONFLICT" not in errors_of(not_told)
