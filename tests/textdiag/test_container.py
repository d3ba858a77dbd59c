"""CUDA unusable inside a container started without the GPU: `docker run` (or podman) with nothing that hands it the
host's GPU (--gpus, the nvidia runtime, nvidia-docker, a CDI device) has no NVIDIA driver inside, whatever the host has."""

from __future__ import annotations

import pytest

from tests.textdiag.pasted import diagnosis_of, first_error, verdict_of
from wizard.verdict import VerdictKind

INSIDE = "$ sudo docker run {options}-it floydhub/pytorch:latest-gpu-py3 ipython\nIn [1]: import torch\n" \
         "In [2]: torch.cuda.is_available()\nOut[2]: False\n"
HOST_SMI = "| NVIDIA-SMI 535.54.03    Driver Version: 535.54.03    CUDA Version: 12.2     |\n"


@pytest.mark.parametrize("text", [INSIDE.format(options=""), HOST_SMI + INSIDE.format(options="--rm ")])
def test_a_container_started_without_the_gpu_has_no_driver_inside_even_where_the_host_shows_one(text: str) -> None:
    finding = first_error(text)
    assert finding.code == "DRIVER_MISSING"
    assert finding.title == "The container was started without access to the GPU"
    assert "--gpus all" in finding.explanation
    assert not finding.actions  # (not a driver download: the words give the option)
    assert "NVIDIA Container Toolkit" in finding.explanation  # (the Linux host's part)


def test_on_windows_the_words_name_docker_desktops_wsl_2_backend_not_the_linux_toolkit() -> None:
    finding = first_error("Windows 11 with Docker Desktop\nPS C:\\> " + INSIDE.format(options="--rm ").lstrip("$ "))
    assert finding.code == "DRIVER_MISSING"
    assert "WSL 2" in finding.explanation and "Container Toolkit" not in finding.explanation
    assert not finding.actions


@pytest.mark.parametrize("text", [INSIDE.format(options=""), "Windows 10\n" + INSIDE.format(options="")])
def test_no_install_command_where_the_container_was_started_without_the_gpu(text: str) -> None:
    recommendation = diagnosis_of(text).recommendation
    assert recommendation is not None and recommendation.kind == "none" and not recommendation.argv
    assert "--gpus all" in recommendation.why  # (torch inside the container is not what fails)


@pytest.mark.parametrize("options", ["--gpus all ", "--runtime=nvidia ", "--device nvidia.com/gpu=all "])
def test_a_container_given_the_gpu_is_not_that_reading(options: str) -> None:
    text = INSIDE.format(options=options)
    assert verdict_of(text).kind is not VerdictKind.READY
    errors = [first_error(text).title] if verdict_of(text).kind is VerdictKind.NOT_READY else []
    assert "The container was started without access to the GPU" not in errors


def test_torchs_own_no_driver_warning_inside_a_container_started_without_the_gpu_is_the_container() -> None:
    text = ("Windows 11 with Docker Desktop, RTX 4070.\n"
            'docker run -it --rm pytorch/pytorch:2.3.0-cuda12.1-cudnn8-runtime python -c "import torch; '
            'print(torch.cuda.is_available())"\n'
            "/opt/conda/lib/python3.10/site-packages/torch/cuda/__init__.py:118: UserWarning: CUDA initialization: "
            "Found no NVIDIA driver on your system. Please check that you have an NVIDIA GPU and installed a driver "
            "from http://www.nvidia.com/Download/index.aspx\nFalse\n")
    finding = first_error(text)
    assert finding.code == "DRIVER_MISSING" and "WSL 2" in finding.explanation and not finding.actions
    recommendation = diagnosis_of(text).recommendation
    assert recommendation is not None and recommendation.kind == "none"  # (no Windows wheel for a Linux container)
