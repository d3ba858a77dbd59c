"""CUDA wanted where the text says there is no NVIDIA GPU: NO_NVIDIA_GPU, even with no error message recognised.

A helpdesk reads "torch.cuda.is_available(): False" beside "Radeon GPU", or "my GPU is not by nvidia" in a question
about CUDA, as the answer. An NVIDIA GPU, driver or nvidia-smi output in the text, or another vendor's GPU stack
(ROCm, ZLUDA, DirectML), rules that reading out.
"""

from __future__ import annotations

import pytest

from tests.textdiag.pasted import errors_of, facts_of, first_error


@pytest.mark.parametrize(
    "text",
    [
        "Radeon GPU here.\ntorch.cuda.is_available(): False\ntorch.cuda.device_count(): 0\n",
        "Laptop with Intel Iris Xe graphics\n>>> torch.cuda.is_available()\nFalse\n",
        "My GPU is unfortunately not by nvidia, so it is not possible to use torch with cuda. Any alternative?",
        "I don't have an NVIDIA GPU.\n>>> torch.cuda.is_available()\nFalse\n",
        "AMD Radeon RX 6600\n>>> torch.cuda.device_count()\n0\n",  # no CUDA device, as is_available() False says
        # torch.load of a GPU checkpoint on a Mac, and the web UI's start check beside an AMD card: both say only
        # that CUDA is unusable (resources/textdiag/signatures.json), the machine says why
        "On my MacBook Pro:\nRuntimeError: Attempting to deserialize object on a CUDA device but "
        "torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with "
        "map_location=torch.device('cpu') to map your storages to the CPU.\n",
        "GPU: AMD Radeon RX 580\nRuntimeError: Torch is not able to use GPU; add --skip-torch-cuda-test to "
        "COMMANDLINE_ARGS variable to disable this check\n",
    ],
)
def test_cuda_wanted_without_an_nvidia_gpu_is_no_nvidia_gpu(text: str) -> None:
    assert errors_of(text) == ["NO_NVIDIA_GPU"]


@pytest.mark.parametrize(
    "text",
    [
        # an NVIDIA GPU or driver in the text: the vendor words are not the whole machine
        "Intel UHD 630 and an RTX 3060 laptop GPU\n>>> torch.cuda.is_available()\nFalse\n",
        "AMD Radeon iGPU, driver 546.33\n>>> torch.cuda.is_available()\nFalse\n",
        # torch on the AMD GPU through ROCm: its failure is that stack's own
        "RX 7900 XTX with torch from the ROCm index\n>>> torch.cuda.is_available()\nFalse\n",
        # no sign CUDA was wanted or shown unusable: too little to say
        "I don't have an NVIDIA GPU. Which torch should I install?",
        # naming an AMD GPU alone is no statement that CUDA failed
        "AMD Radeon RX 6600, how do I use cuda here?",
        # a Mac whose MPS works: nothing is broken there
        "MacBook Air M2\n>>> torch.backends.mps.is_available()\nTrue\n>>> torch.cuda.is_available()\nFalse\n",
        # the web UI's start check beside an NVIDIA GPU: the driver or the build, not a missing GPU
        "GPU: RTX 3060\nRuntimeError: Torch is not able to use GPU; add --skip-torch-cuda-test to COMMANDLINE_ARGS "
        "variable to disable this check\n",
    ],
)
def test_no_such_reading_without_both_halves_or_with_nvidia_named(text: str) -> None:
    assert "NO_NVIDIA_GPU" not in errors_of(text)


def test_cuda_unusable_beside_a_driver_below_the_build_stays_driver_too_old() -> None:
    text = (
        "torch==2.1.0+cu121\n| NVIDIA-SMI 470.86       Driver Version: 470.86       CUDA Version: 11.4     |\n"
        "RuntimeError: Torch is not able to use GPU; add --skip-torch-cuda-test to COMMANDLINE_ARGS variable to "
        "disable this check\n"
    )
    assert errors_of(text) == ["DRIVER_TOO_OLD"]


@pytest.mark.parametrize("text", [
    "最后一步运行报错了，本人是windows系统，AMD显卡以及驱动。\n报错：没有找到英伟达的驱动。",
    "My laptop has Intel Iris Xe graphics. The program crashes with an error about CUDA, help!",
    "GPU: AMD Radeon RX 6700 XT\nIt fails at startup with some NVIDIA error and closes.",
])
def test_a_failure_about_cuda_on_a_machine_with_only_another_vendors_gpu_is_answered_by_that_gpu(text: str) -> None:
    assert errors_of(text)[:1] == ["NO_NVIDIA_GPU"]


@pytest.mark.parametrize("text", [
    # the failure is not about CUDA: the GPU does not answer it
    "GPU: AMD Radeon RX 6700 XT\npip install fails: error: Microsoft Visual C++ 14.0 or greater is required.",
    # no failure reported: a question about another vendor's GPU is no complaint
    "I have an AMD Radeon RX 6700 XT. Which PyTorch should I install, the CUDA one?",
])
def test_another_vendors_gpu_beside_text_that_reports_no_cuda_failure_names_no_missing_nvidia_gpu(text: str) -> None:
    assert "NO_NVIDIA_GPU" not in errors_of(text)


def test_the_web_uis_own_check_alone_names_no_nvidia_gpu_as_most_likely_and_the_driver_as_possible() -> None:
    """The web UI installs PyTorch's CUDA build itself (launch_utils.py's TORCH_COMMAND): when its check fails and
    nothing NVIDIA is in the text, no NVIDIA GPU is the likeliest reading, said as such, with no CUDA build offered."""
    from tests.textdiag.pasted import findings_of
    from wizard.findings import Severity, is_possible_cause

    findings = findings_of("RuntimeError: Torch is not able to use GPU; add --skip-torch-cuda-test to COMMANDLINE_ARGS "
                           "variable to disable this check\n")
    first = next(f for f in findings if f.severity is Severity.ERROR)
    assert first.code == "NO_NVIDIA_GPU" and first.title_message.key == "NO_NVIDIA_GPU.likely.title"
    assert first.actions == ()  # a CUDA build is no fix without an NVIDIA GPU
    assert [f.code for f in findings if is_possible_cause(f)] == ["DRIVER_MISSING"]


@pytest.mark.parametrize("place", [
    "from google.colab import drive\n",
    'File "/content/MFNet/test/evaluate_video.py", line 40, in <module>\n',
    "I run it on Kaggle notebook\n",
])
def test_cuda_unusable_in_a_hosted_notebook_is_a_runtime_without_a_gpu(place: str) -> None:
    text = place + "AssertionError: CUDA is not available\n>>> torch.cuda.is_available()\nFalse\n"
    finding = first_error(text)
    assert finding.code == "NO_NVIDIA_GPU"
    assert finding.title == "The notebook's runtime has no GPU"


def test_a_hosted_notebook_showing_an_nvidia_driver_is_not_that_reading() -> None:
    text = ("from google.colab import drive\nRuntimeError: The NVIDIA driver on your system is too old "
            "(found version 10010).\n")
    assert first_error(text).code == "DRIVER_TOO_OLD"


def test_torch_without_cuda_on_a_laptop_with_intel_graphics_told_loosely_is_no_nvidia_gpu() -> None:
    text = 'i get an error saying "Torch not compiled with CUDA enabled", i\'m using a Laptop with Intel i5 Graphics card'
    assert errors_of(text)[:1] == ["NO_NVIDIA_GPU"]
    assert errors_of("Intel i7 with NVIDIA graphics\nAssertionError: Torch not compiled with CUDA enabled")[:1] == [
        "CPU_ONLY_WHEEL"]


def test_torchs_no_driver_message_retold_reordered_beside_an_amd_gpu_is_no_nvidia_gpu() -> None:
    text = "I'm trying to use the install.sh script for my RX 7900 XTX.\nAfterwards it gives me the \"No Nvidia drivers " \
           "found on your system\" error."
    assert errors_of(text)[:1] == ["NO_NVIDIA_GPU"]
    assert errors_of("Ubuntu 22.04\nNo NVIDIA driver found on your system")[:1] == ["DRIVER_MISSING"]  # (Linux)


@pytest.mark.parametrize("text", [
    "Run on GPU\n\nI'm running on windows machine with GPU Model: Intel(R) HD Graphics 520 how do I make the audio-text "
    "use this GPU instead of CPU?",
    "Sorry I have a problem for intel R lris R Xe Graphics\nAssertionError: Torch not compiled with CUDA enabled",
])
def test_the_gpus_use_asked_or_cuda_failing_with_only_an_intel_gpu_named_is_no_nvidia_gpu(text: str) -> None:
    assert errors_of(text)[:1] == ["NO_NVIDIA_GPU"]


def test_a_title_or_a_wish_to_run_on_the_gpu_is_not_the_gpu_working() -> None:
    assert "cuda_works" not in facts_of("Run on GPU\n\nhow do I make it use this GPU instead of CPU?")
    assert "cuda_works" not in facts_of("does it work on the GPU?")
    assert facts_of("it runs fine on the GPU").get("cuda_works") == "true"
