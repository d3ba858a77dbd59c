"""A review of rounds 50-51's readings with invented texts (never corpus texts): the cases it found wrong and that are
fixed, kept as tests. Each text is the reviewer's; the expectation is what a careful helpdesk expert answers."""

from __future__ import annotations

import pytest

from tests.textdiag.pasted import diagnosis_of, errors_of, facts_of, findings_of, first_error, verdict_of


@pytest.mark.parametrize("oom", [
    "I get this error:\nCUDA out of memory. Tried to allocate 1.50 GiB. GPU 0 has a total capacity of 11.99 GiB of "
    "which 0 bytes is free. Of the allocated memory 10.2 GiB is allocated by PyTorch.",
    "Training crashes with this error:\nCUDA out of memory. Tried to allocate 224.00 MiB. GPU 0 has a total capacty of "
    "14.75 GiB of which 11.06 MiB is free. Process 3258 has 14.73 GiB memory in use.",
])
def test_torch_2_1s_allocator_message_is_the_programs_memory_on_a_working_gpu(oom: str) -> None:
    verdict = verdict_of(oom)
    assert verdict.kind.value == "ready"
    assert "memory" in verdict.headline


def test_a_32_bit_arm_boards_own_check_does_not_crash_nor_advise_a_64_bit_python() -> None:
    text = ("Raspberry Pi 3B+, Raspberry Pi OS (armv7l)\n$ python3 -c \"import struct; print(struct.calcsize('P') * 8)\"\n"
            "32\nERROR: Could not find a version that satisfies the requirement torch (from versions: none)\n")
    diagnosis = diagnosis_of(text)
    assert not [f for f in diagnosis.findings if "crashed" in f.title]
    assert "64-bit Python" not in diagnosis.recommendation.why
    assert errors_of(text)[:1] == ["PLATFORM_UNSUPPORTED"]


def test_cuda_home_not_set_beside_a_cpu_build_is_that_build() -> None:
    text = ("$ echo $CUDA_HOME\n/usr/local/cuda-12.1\n$ python -c \"import torch; print(torch.__version__, "
            "torch.version.cuda)\"\n2.2.1+cpu None\n$ pip install -e .\n"
            "OSError: CUDA_HOME environment variable is not set. Please set it to your CUDA install root.\n")
    assert errors_of(text)[:1] == ["CPU_ONLY_WHEEL"]


def test_cuda_home_not_set_on_a_mac_is_no_toolkit_to_install() -> None:
    text = ("MacBook Pro M2, macOS 14.4, trying to install groundingdino:\n"
            "OSError: CUDA_HOME environment variable is not set. Please set it to your CUDA install root.\n")
    assert "CUDA_HOME_MISSING" not in [f.code for f in findings_of(text)]


@pytest.mark.parametrize(("printed", "expected"), [
    ("2.2.1+cpu None", {"torch_version": "2.2.1+cpu", "torch_build": "cpu"}),
    ("2.3.1+cu121 12.1", {"torch_version": "2.3.1+cu121", "torch_cuda": "12.1"}),
])
def test_the_one_line_check_of_version_and_cuda_is_read(printed: str, expected: dict[str, str]) -> None:
    facts = facts_of(f"$ python -c \"import torch; print(torch.__version__, torch.version.cuda)\"\n{printed}\n")
    assert {key: facts.get(key) for key in expected} == expected


def test_conda_classic_unsatisfiable_error_on_cuda_is_an_old_driver() -> None:
    text = ("UnsatisfiableError: The following specifications were found to be incompatible with your system:\n\n"
            "  - feature:/linux-64::__cuda==11.2=0\n  - pytorch-cuda=11.8 -> __cuda[version='>=11.8']\n\n"
            "Your installed version is: 11.2\n")
    assert errors_of(text)[:1] == ["DRIVER_TOO_OLD"]


def test_a_nightly_asked_without_the_nightly_index_gets_words_of_that_index() -> None:
    text = ("pip install torch==2.15.0.dev20261201\nERROR: Could not find a version that satisfies the requirement "
            "torch==2.15.0.dev20261201 (from versions: 2.10.0, 2.11.0, 2.12.0, 2.13.0, 2.14.0, 2.14.1)\n"
            "ERROR: No matching distribution found for torch==2.15.0.dev20261201\n")
    first = first_error(text)
    assert first.code == "INDEX_VARIANT_MISSING"
    assert "only on PyTorch's nightly index" in first.title


def test_a_nightly_range_on_a_nightly_index_with_nothing_is_gone_not_the_python() -> None:
    text = ("pip install \"torch>=2.1.0.dev20230501\" --index-url https://download.pytorch.org/whl/nightly/cu118\n"
            "ERROR: Could not find a version that satisfies the requirement torch>=2.1.0.dev20230501 (from versions: "
            "none)\nPython 3.10.12\n")
    assert errors_of(text)[:1] == ["INDEX_VARIANT_MISSING"]


def test_the_kernel_killing_a_training_run_is_no_failed_install() -> None:
    text = ("RuntimeError: DataLoader worker (pid 31544) is killed by signal: Killed.\ndmesg:\n[12345.678] Out of "
            "memory: Killed process 31544 (python) total-vm:40123456kB\nGPU is an A100, torch.cuda.is_available() True.")
    assert "DISK_OR_NETWORK" not in errors_of(text)


def test_the_mps_allocator_out_of_memory_is_the_programs_memory_on_a_working_mac_gpu() -> None:
    text = ("M1 Pro 16GB, running stable diffusion via diffusers on mps:\n\nRuntimeError: MPS backend out of memory "
            "(MPS allocated: 17.00 GB, other allocations: 1.23 GB, max allowed: 18.13 GB). Tried to allocate 256.00 MB "
            "on private pool. Use PYTORCH_MPS_HIGH_WATERMARK_RATIO=0.0 to disable upper limit for memory allocations "
            "(may cause system failure).")
    verdict = verdict_of(text)
    assert verdict.kind.value == "ready"
    assert "MPS" in verdict.headline and "memory" in verdict.headline
