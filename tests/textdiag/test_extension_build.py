"""Building a CUDA extension against torch: torch.utils.cpp_extension refuses when nvcc's CUDA major differs from
torch.version.cuda. The finding names the mismatch; a reinstall is offered only when the recommended build has the
toolkit's CUDA major (any other build would fail the same check)."""

from __future__ import annotations

import pytest

from tests.textdiag.pasted import diagnosis_of, findings_of, first_error
from wizard.findings import Severity, Step

MISMATCH = ("      RuntimeError:\n"
            "      The detected CUDA version ({toolkit}) mismatches the version that was used to compile\n"
            "      PyTorch (11.7). Please make sure to use the same CUDA versions.")


def _error(text: str):
    return next(f for f in findings_of(text) if f.severity is Severity.ERROR)


def test_the_cpp_extension_refusal_is_a_toolkit_mismatch_in_its_own_words() -> None:
    error = _error(MISMATCH.format(toolkit="12.2"))
    assert error.code == "TOOLKIT_MISMATCH"
    assert error.title_message is not None and error.title_message.key == "TOOLKIT_MISMATCH.pasted.title"


def test_no_install_is_offered_that_would_fail_the_same_check() -> None:
    error = _error(MISMATCH.format(toolkit="12.2"))  # the recommended build is cu130 (13.x) in the shipped knowledge
    assert not any(action.argv for action in error.actions)


def test_the_minor_version_warning_is_not_a_mismatch() -> None:
    text = ("UserWarning: The detected CUDA version (12.1) has a minor version mismatch with the version that was used "
            "to compile PyTorch (12.4). Most likely this shouldn't be a problem.")
    assert "TOOLKIT_MISMATCH" not in {f.code for f in findings_of(text) if f.severity is Severity.ERROR}


EXTENSION = ("ImportError: /usr/local/lib/python3.10/dist-packages/vllm/_C.cpython-310-x86_64-linux-gnu.so: undefined "
             "symbol: _ZN2at4_ops15to_dtype_layout4callERKNS_6TensorE\ntorch : 2.2.1\n")


def test_another_packages_extension_missing_a_torch_symbol_was_built_for_another_torch_and_offers_no_reinstall() -> None:
    first = next(f for f in findings_of(EXTENSION) if f.severity is Severity.ERROR)
    assert first.code == "PACKAGE_CONFLICT"
    assert first.title_message is not None and first.title_message.key == "PACKAGE_CONFLICT.pasted.extension.title"
    assert first.actions == ()  # the newest torch is no fix for an extension built for 2.1: its own build is


def test_torchs_own_library_missing_a_symbol_is_no_other_packages_extension() -> None:
    text = ("ImportError: /home/u/py27/lib/python2.7/site-packages/torch/_C.so: undefined symbol: "
            "_ZN5torch3jit5Value13setUniqueNameERKNSt7__cxx1112basic_stringIcSt11char_traitsIcESa\n")
    assert all(f.title_message is None or "extension" not in f.title_message.key for f in findings_of(text))


@pytest.mark.parametrize("text", [
    "unable to execute '/usr/local/cuda-10.0:/usr/local/cuda-10.0:/bin/nvcc': No such file or directory\n"
    "error: command '/usr/local/cuda-10.0:/usr/local/cuda-10.0:/bin/nvcc' failed with exit status 1",
    "building 'deform_conv_cuda' extension\nerror: command '/usr/local/cuda/bin/nvcc' failed: No such file or directory",
])
def test_nvcc_missing_where_cuda_home_points_is_cuda_home_not_a_reinstall(text: str) -> None:
    error = first_error(text)
    assert error.code == "CUDA_HOME_MISSING" and error.step is Step.TOOLKIT
    assert "CUDA_HOME" in error.title and not error.actions  # (setting the variable is the fix, not an install)


def test_cuda_home_without_nvcc_gets_no_install_command() -> None:
    recommendation = diagnosis_of("error: command '/usr/local/cuda/bin/nvcc' failed: No such file or directory").recommendation
    assert recommendation is not None and recommendation.kind == "none" and not recommendation.argv
