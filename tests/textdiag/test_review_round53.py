"""A review of rounds 52-53's readings with invented texts (never corpus texts): the cases it found wrong and that are
fixed, kept as tests. Each text is the reviewer's; the expectation is what a careful helpdesk expert answers."""

from __future__ import annotations

from tests.textdiag.pasted import diagnosis_of, errors_of, facts_of, first_error, verdict_of


def test_a_rocm_builds_none_for_torch_version_cuda_is_no_cpu_build() -> None:
    text = ("$ python -c \"import torch; print(torch.__version__, torch.version.cuda)\"\n2.4.1+rocm6.1 None\n"
            "Radeon RX 7900 XTX, ubuntu 22.04. torch.cuda.is_available() False\n")
    assert facts_of(text).get("torch_build") != "cpu"


def test_a_cuda_nightly_asked_on_a_mac_is_the_platform_not_a_night_gone() -> None:
    text = ("MacBook Pro M3\npip install --pre torch==2.7.0.dev20250110+cu126 --index-url "
            "https://download.pytorch.org/whl/nightly/cu126\nERROR: Could not find a version that satisfies the "
            "requirement torch==2.7.0.dev20250110+cu126 (from versions: none)\n")
    assert errors_of(text)[:1] == ["PLATFORM_UNSUPPORTED"]


def test_a_nightly_index_offering_nothing_at_all_is_not_called_a_night_gone() -> None:
    text = ("pip install --pre torch==2.6.0.dev20241217+cu124 --index-url https://download.pytorch.org/whl/nightly/cu124\n"
            "ERROR: Could not find a version that satisfies the requirement torch==2.6.0.dev20241217+cu124 (from "
            "versions: none)\nERROR: No matching distribution found for torch==2.6.0.dev20241217+cu124\n")
    assert "no longer on the nightly index" not in first_error(text).title


def test_an_intel_gpu_named_without_arc_is_named_where_xpu_builds_do_not_support_it() -> None:
    text = "Laptop with Intel(R) UHD Graphics 620, Windows 10\n>>> torch.cuda.is_available()\nFalse\n"
    why = diagnosis_of(text).recommendation.why
    assert "Intel UHD" in why and "was not shown" not in why


def test_conda_finding_no_cuda_virtual_package_is_no_working_driver() -> None:
    text = ("UnsatisfiableError: The following specifications were found to be incompatible with your system:\n\n"
            "  - pytorch-cuda=12.1 -> __cuda[version='>=12.1']\n\nYour installed version is: not available\n")
    assert errors_of(text)[:1] == ["DRIVER_MISSING"]


def test_a_working_rocm_build_is_ready_on_the_amd_gpu_with_no_cpu_words() -> None:
    text = ("$ python -c \"import torch; print(torch.__version__, torch.cuda.is_available())\"\n2.4.1+rocm6.1 True\n"
            "Radeon RX 7900 XTX, ubuntu 22.04\n")
    verdict = verdict_of(text)
    assert verdict.kind.value == "ready" and "AMD GPU" in verdict.headline and "NVIDIA" not in verdict.headline
    assert "NO_NVIDIA_GPU" not in [f.code for f in diagnosis_of(text).findings]


def test_a_driver_api_symbol_in_wsl_is_the_windows_drivers_update_never_a_linux_driver() -> None:
    text = ("WSL2 Ubuntu 22.04 on Windows 11, driver 536.23\nImportError: /home/me/.venv/lib/python3.11/site-packages/"
            "sgl_kernel/common_ops.abi3.so: undefined symbol: cuGreenCtxDestroy\ntorch 2.7.1+cu126\n")
    first = first_error(text)
    assert first.code == "DRIVER_TOO_OLD"
    assert "on Windows" in first.explanation and "distribution's driver package" not in first.explanation
