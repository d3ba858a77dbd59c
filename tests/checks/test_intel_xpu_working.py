"""PyTorch's XPU build working on an Intel GPU (torch.xpu.is_available() True): ready on that GPU, in words that name
it, never "CPU only" or an NVIDIA GPU; the live probe and pasted text read it the same way."""

from __future__ import annotations

import dataclasses

from tests.gui.fixtures import host, toolkit_none
from tests.textdiag.pasted import diagnosis_of, facts_of, verdict_of
from wizard.engine import diagnose
from wizard.findings import Goal, Severity
from wizard.snapshot import (
    Fact,
    FactStatus,
    GpuFacts,
    KernelModules,
    PciDevice,
    PythonFacts,
    Snapshot,
    TorchRuntime,
    TorchVersionFile,
)
from wizard.textdiag import snapshot_from_text
from wizard.verdict import VerdictKind, verdict_for
from wizard.words import torch_build_words, torch_uses_gpu

ARC_A770 = PciDevice("0000:03:00.0", 0x8086, 0x56A0, 0x030000, "intel", "Intel Arc A770 Graphics", "", "xe")
NVML_NOT_FOUND = Fact.missing(FactStatus.NOT_FOUND, "no NVIDIA driver library", code="nvml_library_not_found")
REPL = (">>> import torch\n>>> torch.__version__\n'2.7.0+xpu'\n>>> torch.xpu.is_available()\nTrue\n"
        ">>> torch.xpu.get_device_name(0)\n'Intel(R) Arc(TM) A770 Graphics'\n")


def live_snapshot(xpu_available: bool) -> Snapshot:
    version_file = TorchVersionFile(path="/home/me/venv/lib/python3.12/site-packages/torch/version.py",
                                    version="2.7.0+xpu")
    python = PythonFacts(executable="/home/me/venv/bin/python", version="3.12.3", os="linux", machine="x86_64",
                         env_kind="venv", torch_version_file=Fact.found(version_file))
    return Snapshot(tool_version="0.1.0", created_at="2026-12-07T10:00:00+00:00", source="live", host=host(),
                    gpu=GpuFacts(pci=Fact.found((ARC_A770,)), nvml=NVML_NOT_FOUND,
                                 kernel_modules=Fact.found(KernelModules(nvidia_loaded=False))), toolkit=toolkit_none(), python=Fact.found(python),
                    torch=Fact.found(TorchRuntime(version="2.7.0+xpu", xpu_available=Fact.found(xpu_available))))


def test_a_live_xpu_build_that_reaches_the_intel_gpu_is_ready_on_it() -> None:
    snapshot = live_snapshot(True)
    diagnosis = diagnose(snapshot)
    codes = [f.code for f in diagnosis.findings]
    assert "TORCH_OK" in codes and "NO_NVIDIA_GPU" not in codes
    ok = next(f for f in diagnosis.findings if f.code == "TORCH_OK")
    assert "Intel GPU" in ok.title and "CPU" not in ok.title
    cudnn = next(f for f in diagnosis.findings if f.code == "CUDNN_NOT_NEEDED")
    assert "XPU" in cudnn.title and "CPU build" not in cudnn.title
    verdict = verdict_for(snapshot, diagnosis)
    assert verdict.kind is VerdictKind.READY and "Intel GPU (XPU)" in verdict.headline
    assert "NVIDIA" not in verdict.headline and "processor" not in verdict.headline


def test_a_live_xpu_build_that_does_not_reach_the_gpu_is_never_told_it_uses_it() -> None:
    snapshot = live_snapshot(False)
    diagnosis = diagnose(snapshot)
    assert not any(f.code.startswith("TORCH_OK") and "uses the Intel GPU" in f.title for f in diagnosis.findings)
    assert "Intel GPU" not in verdict_for(snapshot, diagnosis).headline


def test_when_cuda_is_wanted_a_working_xpu_still_says_there_is_no_nvidia_gpu() -> None:
    diagnosis = diagnose(live_snapshot(True), goal=Goal(want="cuda"))
    assert any(f.code == "NO_NVIDIA_GPU" and f.severity is Severity.ERROR for f in diagnosis.findings)


def test_the_pasted_repl_check_of_an_xpu_build_is_ready_on_the_intel_gpu() -> None:
    assert facts_of(REPL).get("xpu_available") == "true" and facts_of(REPL).get("cuda_available") is None
    verdict = verdict_of(REPL)
    assert verdict.kind is VerdictKind.READY and "Intel GPU (XPU)" in verdict.headline
    assert "NO_NVIDIA_GPU" not in [f.code for f in diagnosis_of(REPL).findings]


def test_collect_env_is_xpu_available_and_a_tensor_on_xpu_read_as_the_intel_gpu_working() -> None:
    collect_env = ("PyTorch version: 2.8.0+xpu\nOS: Microsoft Windows 11 Pro\nIs CUDA available: False\n"
                   "Is XPU available: True\n")
    assert snapshot_from_text(collect_env).torch.get().xpu_available.value is True
    assert verdict_of(collect_env).kind is VerdictKind.READY
    assert facts_of("tensor([1., 2.], device='xpu:0')\n").get("xpu_available") == "true"


def test_the_xpu_allocator_out_of_memory_is_the_programs_on_a_working_intel_gpu() -> None:
    text = ("torch 2.8.0+xpu on an Arc B580\nTraceback (most recent call last):\n  File \"train.py\", line 40\n"
            "torch.OutOfMemoryError: XPU out of memory. Tried to allocate 2.00 GiB. GPU 0 has a total capacity of "
            "11.60 GiB of which 1.02 GiB is free.\n")
    verdict = verdict_of(text)
    assert verdict.kind is VerdictKind.READY and verdict.key == "ready.gpu_out_of_memory"
    assert "Intel GPU (XPU)" in verdict.headline


def test_an_xpu_build_is_worded_as_such_in_reports_and_the_gui() -> None:
    runtime = TorchRuntime(version="2.7.0+xpu", xpu_available=Fact.found(True))
    assert "XPU" in torch_build_words(runtime) and torch_uses_gpu(runtime)
    cpu = dataclasses.replace(runtime, version="2.7.0+cpu", xpu_available=Fact.found(False))
    assert "XPU" not in torch_build_words(cpu) and not torch_uses_gpu(cpu)
