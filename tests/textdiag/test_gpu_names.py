"""A GPU named the way people write it ("gt730", "GTX960M", "MX 150", "1050ti") reaches the knowledge's name table in
the form NVIDIA writes it, gets the compute capability of its architecture, and an old GPU no PyTorch build supports
is the finding: GPU_ARCH_UNSUPPORTED, not a CPU build or a driver to fix."""

from __future__ import annotations

import pytest

from tests.textdiag.pasted import facts_of, findings_of, first_error
from wizard.findings import Severity
from wizard.textdiag import snapshot_from_text


@pytest.mark.parametrize(("written", "name"), [
    ("gt730", "NVIDIA GeForce GT 730"),
    ("gt-1030", "NVIDIA GeForce GT 1030"),
    ("GTX960M", "NVIDIA GeForce GTX 960M"),
    ("gtx 680mx", "NVIDIA GeForce GTX 680MX"),
    ("MX 150", "NVIDIA GeForce MX150"),
    ("mx450", "NVIDIA GeForce MX450"),
    ("1050ti", "NVIDIA GeForce GTX 1050 Ti"),
    ("980ti", "NVIDIA GeForce GTX 980 Ti"),
    ("3060 Ti", "NVIDIA GeForce RTX 3060 Ti"),
    ("2060 super", "NVIDIA GeForce RTX 2060 SUPER"),
    ("gtx1660s", "NVIDIA GeForce GTX 1660 SUPER"),
    ("two RTX 3090s", "NVIDIA GeForce RTX 3090"),  # a plural, no RTX 3090 SUPER was made
    ("rtx3060m", "NVIDIA GeForce RTX 3060 Laptop GPU"),
    ("GTX 1060M", "NVIDIA GeForce GTX 1060 Laptop GPU"),
    ("GeForce 940MX", "NVIDIA GeForce 940MX"),
    ("940mx", "NVIDIA GeForce 940MX"),
    ("geforce 840m", "NVIDIA GeForce 840M"),
    ("GTX 3090", "NVIDIA GeForce RTX 3090"),  # every GeForce numbered 20xx to 50xx is an RTX
    ("GTX Titan X", "NVIDIA GeForce GTX Titan X"),  # the Maxwell one, not the Pascal "NVIDIA TITAN X"
])
def test_an_informal_name_is_written_as_nvidia_writes_it(written, name):
    assert facts_of(f"my laptop has a {written} and pytorch does not use it")["gpu_name"] == name


@pytest.mark.parametrize("text", [
    "the video is 1080p",
    "it took 1080 seconds on the CPU",
    "epoch 3060/5000, loss 0.12",
    "pip install torch==2.1050",
    "the loss fell from 950 super fast",
])
def test_a_number_alone_is_no_gpu(text):
    assert "gpu_name" not in facts_of(text)


@pytest.mark.parametrize(("written", "capability"), [
    ("gt730", "3.5"),
    ("GTX960M", "5.0"),
    ("GTX 960", "5.2"),  # the desktop card of the same number
    ("MX 150", "6.1"),
    ("1050ti", "6.1"),
    ("GeForce 920M", "3.5"),
    ("Quadro K620", "5.0"),
    ("GTX Titan X", "5.2"),
    ("Titan X", "6.1"),
])
def test_an_informal_name_reaches_its_compute_capability(written, capability):
    (gpu,) = snapshot_from_text(f"I have a {written}, torch.cuda.is_available() returns False").gpu.nvml.get().gpus
    assert gpu.compute_capability == capability


@pytest.mark.parametrize("text", [
    "I have a GeForce GT 730 and torch.cuda.is_available() is False",
    "my gtx 670m, torch 2.3.1+cpu, cuda is not available",
    "Quadro K4000 and torch 2.4.0: pytorch won't use the gpu",
    "Windows 10 laptop, GeForce 920M, the GPU is not used, training runs on the cpu",
    "GT 730\n>>> torch.__version__\n'2.3.1+cpu'\n>>> torch.cuda.is_available()\nFalse",  # the CPU build shown
    "Windows 10, GeForce GT 730. torch.cuda.is_available() returns False",  # where the CPU build is the likely cause
])
def test_a_gpu_no_build_supports_is_the_cause_and_the_cpu_build_none(text):
    error = first_error(text)
    assert error.code == "GPU_ARCH_UNSUPPORTED"
    assert error.title_message.key == "GPU_ARCH_UNSUPPORTED.no_build.title"
    flagged = [f.code for f in findings_of(text) if f.severity in (Severity.ERROR, Severity.WARNING)]
    assert "CPU_ONLY_WHEEL" not in flagged  # not even as a possible cause: a CUDA build would not help


def test_a_gpu_some_build_supports_keeps_the_cpu_build_as_the_cause():
    assert first_error("GTX960M, torch 2.3.1+cpu, torch.cuda.is_available() False").code == "CPU_ONLY_WHEEL"


def test_a_cuda_build_without_kernels_for_the_gpu_is_too_old_for_that_build():
    error = first_error("GT 730\n>>> torch.__version__\n'2.3.1+cu121'\n"
                        "RuntimeError: CUDA error: no kernel image is available for execution on the device")
    assert error.code == "GPU_ARCH_UNSUPPORTED"
    assert error.title_message.key != "GPU_ARCH_UNSUPPORTED.no_build.title"  # that build, not every build


@pytest.mark.parametrize("text", [
    "Quadro K4000 with torch 1.4.0, the GPU is not used",  # an old post: torch 1.4 had builds for older GPUs
    "GT 730: torch.cuda.is_available() True, tensor([1.], device='cuda:0')",  # shown working
])
def test_no_build_is_not_claimed_where_the_text_shows_one_that_worked_then(text):
    assert not any(f.code == "GPU_ARCH_UNSUPPORTED" for f in findings_of(text))
