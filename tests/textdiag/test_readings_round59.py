"""Readings of round 59's session, each written from PyTorch's published builds (the knowledge base's platforms of
every release's variants), not from the corpus."""

from __future__ import annotations

import pytest

from tests.textdiag.pasted import diagnosis_of, errors_of
from wizard.textdiag import snapshot_from_text
from wizard.textdiag.build import gpu_build_never_published_for_os


def _pip(prompt: str, index: str, requirement: str = "torch torchvision") -> str:
    first = requirement.split()[0]  # (pip names the first requirement it could not find, as asked)
    return (f"{prompt} pip install {requirement} --index-url https://download.pytorch.org/whl/{index}\n"
            f"Looking in indexes: https://download.pytorch.org/whl/{index}\n"
            f"ERROR: Could not find a version that satisfies the requirement {first} (from versions: none)\n"
            f"ERROR: No matching distribution found for {first}\n")


@pytest.mark.parametrize("text", [
    _pip("PS C:\\Users\\me>", "rocm6.2") + "Radeon RX 7900 XTX, Windows 11, Python 3.11\n",
    _pip("PS C:\\Users\\me>", "rocm6.2"),  # (no GPU named: a ROCm build is asked for an AMD GPU)
])
def test_a_rocm_index_asked_on_windows_is_a_build_pytorch_never_published_there(text: str) -> None:
    # (PyTorch's ROCm builds are manylinux x86_64 wheels only; the Python 3.11 shown is served)
    assert errors_of(text)[:1] == ["INDEX_VARIANT_MISSING"]
    recommendation = diagnosis_of(text).recommendation
    assert recommendation is not None and "cu1" not in " ".join(recommendation.argv)  # (no CUDA build for an AMD GPU)
    assert "/whl/rocm" not in " ".join(recommendation.argv)  # (nor the index that has nothing for Windows)


def test_a_pinned_rocm_build_on_windows_is_the_platform() -> None:
    text = _pip("C:\\Users\\me>", "rocm6.1", "torch==2.4.1+rocm6.1") + "Windows 10\n"
    assert errors_of(text)[:1] == ["PLATFORM_UNSUPPORTED"]


def test_an_xpu_index_asked_on_a_mac_is_a_build_pytorch_never_published_there() -> None:
    text = _pip("(base) me@MacBook-Air ~ %", "xpu") + "macOS 14.5 on an M2\n"
    assert errors_of(text)[:1] == ["INDEX_VARIANT_MISSING"]


@pytest.mark.parametrize(("facts", "never"), [
    ({"os": "windows", "index_variant": "rocm6.2"}, True),
    ({"os": "darwin", "requested": "torch==2.5.1+cu121"}, True),
    ({"os": "darwin", "index_variant": "xpu"}, True),
    ({"os": "linux", "index_variant": "rocm6.2"}, False),  # (Linux gets ROCm builds: another reason)
    ({"os": "windows", "index_variant": "cu121"}, False),  # (CUDA builds exist for Windows)
    ({"os": "windows", "index_variant": "xpu"}, False),
    ({"os": "windows", "index_variant": "rocm6.2", "linux_also_named": "true"}, False),  # (a container or WSL too)
    ({"os": "windows", "index_variant": "cpu"}, False),
    ({"index_variant": "rocm6.2"}, False),  # (no OS shown)
])
def test_a_kind_of_build_is_never_published_for_an_os_by_every_releases_platforms(facts: dict, never: bool) -> None:
    assert gpu_build_never_published_for_os(facts) is never


@pytest.mark.parametrize(("text", "amd"), [
    (_pip("$", "rocm6.2"), True),
    (_pip("$", "rocm6.2") + "GPU 0: NVIDIA GeForce RTX 3060\n", False),  # (an NVIDIA GPU named: the index is a mistake)
])
def test_a_rocm_build_asked_names_an_amd_gpu_only_where_no_nvidia_gpu_is_named(text: str, amd: bool) -> None:
    devices = snapshot_from_text(text).gpu.pci.get()
    assert (devices is not None and [device.vendor for device in devices] == ["amd"]) is amd
