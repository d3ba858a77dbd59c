"""A review of round 49's readings with invented texts (never corpus texts): the cases it found wrong and that are
fixed, kept as tests. Each text is the reviewer's; the expectation is what a careful helpdesk expert answers."""

from __future__ import annotations

import pytest

from tests.textdiag.pasted import diagnosis_of, errors_of, facts_of, first_error

NO_WHEEL = "ERROR: No matching distribution found for torch\n"


@pytest.mark.parametrize("check", [
    ">>> import platform\n>>> platform.architecture()\n('32bit', 'WindowsPE')\n",
    ">>> import struct\n>>> struct.calcsize('P') * 8\n32\n",
    ">>> 8 * struct.calcsize('P')\n32\n",
    "python -c \"import sys; print(sys.maxsize > 2**32)\"\nFalse\n",
])
def test_the_interpreters_own_32_bit_answer_tells_it_without_a_version(check: str) -> None:
    first = first_error(check + NO_WHEEL)
    assert first.code == "PYTHON_UNSUPPORTED"
    assert "32-bit" in first.title
    assert not any(action.argv for action in first.actions)  # (no pip install: it cannot work in a 32-bit Python)


def test_quoted_advice_naming_a_32_bit_answer_is_not_the_persons_python() -> None:
    text = ("The FAQ says: \"if platform.architecture() prints ('32bit', 'WindowsPE') you must install the 64-bit "
            "Python\". I checked, mine prints ('64bit', 'WindowsPE')\nERROR: Could not find a version that satisfies "
            "the requirement torch==2.1.2 (from versions: 2.6.0, 2.7.0, 2.7.1, 2.8.0)\nPython 3.13.1\n")
    assert facts_of(text).get("python_bits") != "32"


def test_a_linux_32_bit_answer_is_not_read_as_a_windows_python_to_replace() -> None:
    text = ">>> platform.architecture()\n('32bit', 'ELF')\n" + NO_WHEEL
    assert facts_of(text).get("python_bits_checked") != "true"


@pytest.mark.parametrize("told", [
    "I did an automatic upgrade of torch-tensorrt and now libnvinfer.so.10 is missing",
    "an unexpected upgrade of pytorch-lightning (1.9 -> 2.2) broke the import of pytorch_lightning.utilities",
    "the docs say torch will be upgraded if I don't pass --no-deps. Is that a problem?",
])
def test_another_package_upgraded_or_a_warning_of_what_may_happen_is_no_replacement_told(told: str) -> None:
    assert "PACKAGE_CONFLICT" not in errors_of(told)


def test_a_replacement_told_beside_a_working_gpu_is_not_the_problem() -> None:
    text = ("M1 Mac: pip install diffusers caused a forced update on torch from 2.1.0 to 2.5.1.\n"
            ">>> torch.backends.mps.is_available()\nTrue\neverything works, just asking if that is expected")
    assert "PACKAGE_CONFLICT" not in errors_of(text)


def test_uvs_pip_interface_gets_the_install_with_another_index_not_the_projects_words() -> None:
    text = ("uv pip install \"torch>=2.7\" --index-url https://download.pytorch.org/whl/cu124\n  x No solution found "
            "when resolving dependencies:\n  Because only torch<=2.6.0+cu124 is available and you require torch>=2.7, "
            "we can conclude that your requirements are unsatisfiable.\nRTX 4070, Windows 11, driver 566.36\n")
    first = first_error(text)
    assert first.code == "INDEX_VARIANT_MISSING"
    assert "pyproject" not in first.explanation
    assert any(action.argv for action in first.actions)


@pytest.mark.parametrize("label", ["2.4.1+rocm6.0", "2.7.1+cpu"])
def test_a_rocm_or_cpu_index_ceiling_is_not_read_in_words_of_cuda_indexes(label: str) -> None:
    text = f"Because only torch<={label} is available and your project depends on torch>=2.8, we can conclude …\n"
    assert "INDEX_VARIANT_MISSING" not in errors_of(text)


def test_uv_saying_only_older_torchvision_builds_are_on_the_index_names_the_index() -> None:
    text = ("Because only torchvision<=0.21.0+cu124 is available and your project depends on torchvision>=0.22.0, "
            "we can conclude that your project's requirements are unsatisfiable.\n")
    assert errors_of(text)[:1] == ["INDEX_VARIANT_MISSING"]


@pytest.mark.parametrize("mac", ["on my MacBook Pro M2 the script fails", "Mac mini M4, macOS 15"])
def test_a_macs_name_before_its_chip_is_apple_silicon(mac: str) -> None:
    assert facts_of(mac).get("machine") == "arm64"


def test_a_cpu_build_found_by_another_message_is_not_said_to_have_printed_not_compiled_with_cuda() -> None:
    first = first_error("AttributeError: module 'torch._C' has no attribute '_cuda_setDevice'\n")
    assert "PyTorch says so with" not in first.explanation


def test_an_arc_cards_model_named_gets_the_xpu_build_named() -> None:
    text = "Intel Arc A770, Windows 11\n>>> torch.cuda.is_available()\nFalse\n"
    assert facts_of(text).get("intel_gpu_name") == "Intel Arc A770"
    why = diagnosis_of(text).recommendation.why
    assert "XPU build" in why and "not this Intel GPU" not in why


def test_an_intel_gpu_without_its_model_is_not_called_unsupported() -> None:
    recommendation = diagnosis_of("Intel graphics on my laptop, Windows 11\n>>> torch.cuda.is_available()\nFalse\n"
                                  ).recommendation
    assert "not this Intel GPU" not in recommendation.why
    assert recommendation.variant == "cpu"
