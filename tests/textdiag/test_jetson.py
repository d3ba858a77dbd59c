"""A Jetson named in pasted text (by name, JetPack or L4T): PyTorch's own builds from pip never use its GPU, so CUDA
being unusable there is the platform (PLATFORM_UNSUPPORTED, NVIDIA's JetPack builds), never a CUDA build from
PyTorch's index to install."""

from __future__ import annotations

import pytest

from tests.textdiag.pasted import diagnosis_of, facts_of, findings_of
from wizard.findings import Severity

NOT_COMPILED = "AssertionError: Torch not compiled with CUDA enabled\n"


@pytest.mark.parametrize("board", ["Jetson Orin Nano, JetPack 6.1\n", "Nvidia Jetsons with Jetpack 6.1\n",
                                   "docker run --runtime nvidia dustynv/l4t-pytorch:r35.2.1\n"])
def test_a_jetson_is_read_by_name_sdk_or_image(board: str) -> None:
    assert facts_of(board).get("platform_board") == "jetson"


def test_torch_without_cuda_on_a_jetson_is_the_platform_with_nvidias_builds_and_no_cuda_index() -> None:
    text = "Jetson Orin Nano, JetPack 6.1\n" + NOT_COMPILED
    first = next(f for f in findings_of(text) if f.severity is Severity.ERROR)
    assert first.code == "PLATFORM_UNSUPPORTED"
    assert first.title_message is not None and first.title_message.key == "PLATFORM_UNSUPPORTED.pasted.jetson.title"
    commands = [" ".join(a.argv) + a.text for f in findings_of(text) for a in f.actions]
    recommended = diagnosis_of(text).recommendation
    assert not any("/whl/cu" in command for command in commands)  # no CUDA build of PyTorch's runs on a Jetson
    assert "/whl/cu" not in recommended.index_url and not any("/whl/cu" in arg for arg in recommended.argv)


def test_torch_without_cuda_off_a_jetson_stays_the_cpu_only_build() -> None:
    first = next(f for f in findings_of("GPU: RTX 3060\n" + NOT_COMPILED) if f.severity is Severity.ERROR)
    assert first.code == "CPU_ONLY_WHEEL"


@pytest.mark.parametrize("named", ["My platform is Nvidia TX2", "on a Jetson Xavier NX board", "AGX Xavier, JetPack"])
def test_the_jetson_modules_by_name_are_a_jetson(named: str) -> None:
    assert facts_of(named).get("platform_board") == "jetson"


def test_torchs_xavier_initialisation_is_no_board() -> None:
    assert "platform_board" not in facts_of("nn.init.xavier_uniform_(layer.weight)")
