"""A machine whose NVIDIA GPUs are all older than every CUDA build (a Kepler GT 730, a Fermi GTX 670M), seen only on
the PCI bus (no driver): with a CPU build installed the finding is that no PyTorch build supports the GPU
(GPU_ARCH_UNSUPPORTED), not the CPU build, which is the right build there and is kept. The capability comes from
the PCI id table, or from the GPU's name where the id is not in it."""

from __future__ import annotations

import pytest

from tests.checks import make_scenarios as ms
from tests.textdiag.pasted import diagnosis_of
from wizard.engine import diagnose
from wizard.findings import Finding, Goal, Severity

GT_730 = ("NVIDIA GeForce GT 730", "3.5", 0x1287)  # GK208B in resources/gpu/nvidia-pci-ids.json
GTX_670M = ("NVIDIA GeForce GTX 670M", "", 0x1213)  # Fermi: not in the id table, named by Windows
GTX_1080 = ("NVIDIA GeForce GTX 1080", "6.1", 0x1B80)
RTX_3060 = ("NVIDIA GeForce RTX 3060", "8.6", 0x2503)


def _errors(models: tuple[tuple[str, str, int], ...], installed: str = "2.13.0+cpu", os_name: str = "linux",
            goal: Goal | None = None) -> list[Finding]:
    pci = tuple(ms.nvidia_pci(model, driver="") for model in models)
    python = ms.python("3.11.7", os=os_name, dists=(ms.dist("torch", installed),))
    snapshot = ms.snapshot(host_fact=ms.host(os_name), gpu_facts=ms.gpu(pci), python_fact=python,
                           torch=ms.torch_ok(installed))
    return [f for f in diagnose(snapshot, goal=goal).findings if f.severity is Severity.ERROR]


@pytest.mark.parametrize(("model", "os_name", "capability"), [(GT_730, "linux", "3.5"), (GTX_670M, "windows", "2.1")])
def test_a_cpu_build_beside_a_gpu_no_build_supports_is_not_the_problem(model, os_name, capability):
    codes = {f.code: f for f in _errors((model,), os_name=os_name)}
    assert "CPU_ONLY_WHEEL" not in codes
    arch = codes["GPU_ARCH_UNSUPPORTED"]
    assert arch.title_message.key == "GPU_ARCH_UNSUPPORTED.no_build.title"
    params = {p.name: p.value for p in arch.title_message.params}
    assert (params["gpu"], params["capability"]) == (model[0], capability)


def test_a_gpu_the_cu126_builds_support_still_calls_the_cpu_build_the_problem():
    codes = [f.code for f in _errors((GTX_1080,))]
    assert "CPU_ONLY_WHEEL" in codes and "GPU_ARCH_UNSUPPORTED" not in codes


def test_one_supported_gpu_beside_an_old_one_keeps_the_cpu_build_the_problem():
    codes = [f.code for f in _errors((GT_730, RTX_3060))]
    assert "CPU_ONLY_WHEEL" in codes and "GPU_ARCH_UNSUPPORTED" not in codes


def test_nothing_is_said_when_the_cpu_is_what_was_wanted():
    assert not any(f.code == "GPU_ARCH_UNSUPPORTED" for f in _errors((GT_730,), goal=Goal(want="cpu")))


def _recommendation(models: tuple[tuple[str, str, int], ...], installed: str = "2.13.0+cpu"):
    pci = tuple(ms.nvidia_pci(model, driver="") for model in models)
    python = ms.python("3.11.7", dists=(ms.dist("torch", installed),))
    snapshot = ms.snapshot(gpu_facts=ms.gpu(pci), python_fact=python, torch=ms.torch_ok(installed))
    return diagnose(snapshot).recommendation


def test_the_installed_cpu_build_is_kept_where_no_cuda_build_supports_the_gpu():
    kept = _recommendation((GT_730,))
    assert (kept.kind, kept.keeps) == ("none", "2.13.0+cpu")  # not "reinstall the CPU build it already has"


def test_a_cuda_build_is_still_recommended_where_one_supports_the_gpu():
    assert _recommendation((GTX_1080,)).variant.startswith("cu")


def test_a_pasted_cpu_build_is_kept_too():
    text = "GT 730\n>>> torch.__version__\n'2.3.1+cpu'\n>>> torch.cuda.is_available()\nFalse"
    assert diagnosis_of(text).recommendation.keeps == "2.3.1+cpu"


def test_a_pasted_old_gpu_leaves_no_driver_guess_beside_it():
    """CUDA unusable beside a GT 730: no build supports it, so the driver guessed at would not help either."""
    text = "Windows 10, GeForce GT 730. torch.cuda.is_available() returns False"
    findings = [f for f in diagnosis_of(text).findings if f.severity is not Severity.OK]
    assert [f.code for f in findings if f.code in ("GPU_ARCH_UNSUPPORTED", "DRIVER_MISSING", "CPU_ONLY_WHEEL")] == [
        "GPU_ARCH_UNSUPPORTED"]
