"""is_available() False with a CUDA build the driver the text shows cannot run: DRIVER_TOO_OLD (no collect_env).

nvidia-smi's "CUDA Version" below the build's CUDA major is proof by itself; a driver version alone is compared with
NVIDIA's floor for the build's CUDA major (resources/knowledge/drivers.json: minor-version compatibility from CUDA 11,
the toolkit's own driver before), on both Windows and Linux when the text does not say which.
"""

from __future__ import annotations

import pytest

from tests.textdiag.pasted import errors_of
from wizard.textdiag.era import pypi_linux_cuda


@pytest.mark.parametrize(
    "text",
    [
        "torch==2.1.0+cu121\nDriver Version: 470.82.01    CUDA Version: 11.4\n>>> torch.cuda.is_available()\nFalse\n",
        "I installed torch 1.13.1+cu117 with pip. My GPU is a GTX 1060 with driver 391.35 on Windows 10. "
        "torch.cuda.is_available() returns False.",
        "torch 2.1.0+cu121 on Ubuntu 22.04, NVIDIA driver 470.82.01\n>>> torch.cuda.is_available()\nFalse\n",
    ],
)
def test_a_driver_below_the_builds_floor_is_driver_too_old(text: str) -> None:
    assert errors_of(text) == ["DRIVER_TOO_OLD"]


@pytest.mark.parametrize(
    "text",
    [
        # 516.94 runs CUDA 11.x builds on Windows (floor 452.39)
        "torch 1.13.1+cu117, GTX 1060, driver 516.94 on Windows 10. torch.cuda.is_available() returns False.",
        # before CUDA 11 the toolkit's own driver is the floor: 430.26 runs a CUDA 10.1 build (418.39)
        "torch 1.4.0+cu101, driver 430.26, Ubuntu. torch.cuda.is_available() returns False.",
        # a driver above the Linux floor but below the Windows one, the OS not said and the number a Linux branch's
        # (Windows releases share some: 560.94): not certain, nothing said
        "torch 2.1.0+cu121, driver 525.89\n>>> torch.cuda.is_available()\nFalse\n",
        # nothing printed False: the driver is not shown failing anything
        "torch 2.1.0+cu121, NVIDIA driver 470.82.01, training is slow",
    ],
)
def test_a_driver_at_the_floor_or_no_failure_is_not_driver_too_old(text: str) -> None:
    assert "DRIVER_TOO_OLD" not in errors_of(text)


@pytest.mark.parametrize(
    "text",
    [
        # nvidia-container-cli refuses an image whose CUDA the host driver does not support: nvidia-smi shows a
        # working driver, yet the container cannot start until the driver is newer (or the image older)
        "nvidia-container-cli: requirement error: unsatisfied condition: cuda>=12.8, please update your driver to a "
        "newer version, or use an earlier cuda container: unknown\n"
        "| NVIDIA-SMI 550.144.03             Driver Version: 550.144.03     CUDA Version: 12.4     |\n",
        # cudaErrorUnsupportedPtxVersion: code built by a newer CUDA than the driver can JIT
        "cupy_backends.cuda.api.driver.CUDADriverError: CUDA_ERROR_UNSUPPORTED_PTX_VERSION: the provided PTX was "
        "compiled with an unsupported toolchain.\nNVIDIA-SMI 455.23.04 Driver Version: 455.23.04 CUDA Version: 11.1\n",
    ],
)
def test_code_built_for_a_newer_cuda_than_the_driver_is_driver_too_old(text: str) -> None:
    assert errors_of(text) == ["DRIVER_TOO_OLD"]


@pytest.mark.parametrize("torch_shown", [
    "$ pip list | grep torch\ntorch                    2.1.0\n",
    "my pytorch version is 2.1.0\n",
])
def test_on_linux_a_torch_without_a_local_version_is_pypis_cuda_build_and_is_compared_with_the_driver(
        torch_shown: str) -> None:
    # PyPI's Linux wheel of torch 2.1.0 is its CUDA 12.1 build (PyTorch's own index would have said "+cu121");
    # a driver of CUDA 11.4 runs no CUDA 12 build
    text = (f"Ubuntu 22.04\n{torch_shown}| NVIDIA-SMI 470.82.01    Driver Version: 470.82.01    CUDA Version: 11.4     |\n"
            ">>> torch.cuda.is_available()\nFalse\n")
    assert errors_of(text) == ["DRIVER_TOO_OLD"]


@pytest.mark.parametrize("where", [
    "Windows 11",  # PyPI's Windows wheel is a CPU build
    "Ubuntu 22.04, installed with conda",  # conda's builds carry no local version either: which one is unknown
])
def test_a_torch_without_a_local_version_off_linux_or_from_conda_is_no_known_cuda_build(where: str) -> None:
    text = (f"{where}\ntorch 2.1.0\n| NVIDIA-SMI 470.82.01    Driver Version: 470.82.01    CUDA Version: 11.4     |\n"
            ">>> torch.cuda.is_available()\nFalse\n")
    assert "DRIVER_TOO_OLD" not in errors_of(text)


OLD_LINUX = ("Ubuntu 18.04\n$ pip list\ntorch        1.7.1\n"
             "| NVIDIA-SMI {driver}       Driver Version: {driver}       CUDA Version: {cuda}     |\n"
             ">>> torch.cuda.is_available()\nFalse\n")


def test_an_old_plain_torch_on_linux_is_pypis_cuda_10_2_build_which_a_cuda_10_0_driver_cannot_run() -> None:
    # (before CUDA 11 each toolkit needed its own driver: no minor-version compatibility)
    assert pypi_linux_cuda("1.7.1") == "10.2"
    assert errors_of(OLD_LINUX.format(driver="410.48", cuda="10.0")) == ["DRIVER_TOO_OLD"]
    assert "DRIVER_TOO_OLD" not in errors_of(OLD_LINUX.format(driver="440.33.01", cuda="10.2"))


def test_from_cuda_11_a_driver_runs_every_minor_of_its_major() -> None:
    text = "torch==2.4.0+cu124\nDriver Version: 525.60.13    CUDA Version: 12.0\n>>> torch.cuda.is_available()\nFalse\n"
    assert "DRIVER_TOO_OLD" not in errors_of(text)


def test_a_release_the_previous_versions_page_shows_no_plain_build_for_is_not_guessed() -> None:
    assert pypi_linux_cuda("1.10.2") == "" and pypi_linux_cuda("1.3.0") == ""
