"""Texts that read like a cause but are not one (found in review): each must not name that cause."""

from __future__ import annotations

import pytest

from tests.textdiag.pasted import errors_of, findings_of, verdict_of
from wizard.findings import is_possible_cause
from wizard.verdict import VerdictKind


@pytest.mark.parametrize(("text", "not_this"), [
    # a CPU build told of, then replaced: CUDA works now / a CUDA build runs
    ("At first pip installed the CPU version, so I reinstalled from the cu121 index and now:\n"
     ">>> torch.cuda.is_available()\nTrue", "CPU_ONLY_WHEEL"),
    (">>> torch.__version__\n'2.1.0+cu121'\nBefore, pip installed the CPU version.\n>>> torch.cuda.is_available()\nFalse",
     "CPU_ONLY_WHEEL"),
    # what CUDA sees, retold: not the owner saying the machine has no NVIDIA GPU
    ("PyTorch findet keine NVIDIA GPU", "NO_NVIDIA_GPU"),
    ("torch ne trouve pas de GPU NVIDIA", "NO_NVIDIA_GPU"),
    ("CUDA GPU가 없다고 나옵니다", "NO_NVIDIA_GPU"),
    # ipython / jupyter as package names are no notebook
    ("ModuleNotFoundError: No module named 'torch'\nipython 8.12.0\njupyter 1.0.0", "ENV_MISMATCH"),
    # a package's own torch.py in site-packages is no script hiding torch
    ('  File "/home/u/.venv/lib/python3.11/site-packages/safetensors/torch.py", line 308, in load_file\n'
     "safetensors_rust.SafetensorError: Error while deserializing header: HeaderTooLarge", "LOCAL_TORCH_SHADOW"),
    # torchvision's cpu build string beside pytorch's own CUDA one
    ("pytorch                   1.12.1          py3.8_cuda11.3_cudnn8_0    pytorch\n"
     "torchvision               0.13.1               py38_cpu    pytorch\n>>> torch.cuda.is_available()\nFalse",
     "CPU_ONLY_WHEEL"),
])
def test_a_look_alike_is_not_the_cause(text: str, not_this: str) -> None:
    assert not_this not in errors_of(text)


def test_the_owner_saying_there_is_no_nvidia_gpu_still_counts() -> None:
    assert errors_of("Ich habe keine NVIDIA GPU. torch.cuda.is_available() gibt False") == ["NO_NVIDIA_GPU"]


def test_another_accelerator_in_the_hugging_face_env_says_nothing_about_cuda() -> None:
    text = "- PyTorch version (accelerator?): 2.5.1+xpu (XPU)\nTraining is slow, why?"
    assert not [f for f in findings_of(text) if is_possible_cause(f)]


def test_a_log_saying_no_gpu_beside_an_unrelated_error_lists_no_cuda_causes() -> None:
    text = "GPU available: False, used: False\nValueError: could not convert string to float: 'abc'"
    assert not [f for f in findings_of(text) if is_possible_cause(f)]
    assert verdict_of(text).kind is not VerdictKind.READY
