"""CUDA unusable inside a container started without the GPU: `docker run` (or podman) with nothing that hands it the
host's GPU (--gpus, the nvidia runtime, nvidia-docker, a CDI device) has no NVIDIA driver inside, whatever the host has."""

from __future__ import annotations

import pytest

from tests.textdiag.pasted import first_error, verdict_of
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


@pytest.mark.parametrize("options", ["--gpus all ", "--runtime=nvidia ", "--device nvidia.com/gpu=all "])
def test_a_container_given_the_gpu_is_not_that_reading(options: str) -> None:
    text = INSIDE.format(options=options)
    assert verdict_of(text).kind is not VerdictKind.READY
    errors = [first_error(text).title] if verdict_of(text).kind is VerdictKind.NOT_READY else []
    assert "The container was started without access to the GPU" not in errors
