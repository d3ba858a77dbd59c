"""Hand-built machines and course profiles for the course-profile tests."""

from __future__ import annotations

import dataclasses

from wizard.profile import CourseProfile, parse_profile
from wizard.snapshot import (
    Distribution,
    Fact,
    FactStatus,
    GpuFacts,
    HostInfo,
    NvmlGpu,
    NvmlInfo,
    PciDevice,
    PythonFacts,
    Snapshot,
    ToolkitFacts,
    TorchRuntime,
)

PY = "/home/ana/venv/bin/python"
INDEX = "https://download.pytorch.org/whl"
EXAMPLE = """
[course]
name = "Deep Learning 101"
contact = "dl101-help@example.edu"
[python]
versions = ">=3.11,<3.13"
[torch]
version = ">=2.4,<3"
cuda = "{cuda}"
[packages]
torchvision = "*"
numpy = ">=1.26"
"""


def course(cuda: str = "preferred", **changes: object) -> CourseProfile:
    return dataclasses.replace(parse_profile(EXAMPLE.format(cuda=cuda)), **changes)


def python_facts(version: str = "3.12.3", **kw: object) -> PythonFacts:
    defaults: dict = dict(executable=PY, version=version, os="linux", machine="x86_64", libc="glibc 2.36",
                          env_kind="venv", user_site="/home/ana/.local/lib/python3.12/site-packages")
    defaults.update(kw)
    return PythonFacts(**defaults)


def nvml(driver: str, name: str, capability: str, memory_mib: int = 0) -> Fact[NvmlInfo]:
    gpu = NvmlGpu(0, name, capability, memory_total_mib=memory_mib)
    return Fact.found(NvmlInfo(driver_version=driver, cuda_driver_version="", gpus=(gpu,)))


NO_NVML = Fact.missing(FactStatus.NOT_FOUND, "libnvidia-ml.so.1 not found", code="nvml_library_not_found")
INTEL_ONLY = Fact.found((PciDevice("0000:00:02.0", 0x8086, 0x46A6, 0x030000, "intel", "Intel UHD Graphics"),))


def snapshot(python: PythonFacts | None = None, nvml_fact: Fact = NO_NVML, pci_fact: Fact = INTEL_ONLY,
             torch: Fact | None = None) -> Snapshot:
    python = python or python_facts()
    return Snapshot(
        tool_version="0.1.0", created_at="2026-11-24T00:00:00Z", source="live",
        host=Fact.found(HostInfo(os="linux", machine="x86_64", libc="glibc 2.36")),
        gpu=GpuFacts(pci=pci_fact, nvml=nvml_fact, kernel_modules=Fact.unknown()),
        toolkit=ToolkitFacts(toolkits=Fact.unknown(), search_path_libraries=Fact.unknown(), system_cudnn=Fact.unknown()),
        python=Fact.found(python),
        torch=torch if torch is not None else Fact.missing(FactStatus.NOT_FOUND, "No module named 'torch'"),
    )


def installed(version: str, cuda: str = "", available: bool = False, python_version: str = "3.12.3",
              **others: str) -> tuple[PythonFacts, Fact[TorchRuntime]]:
    """A working torch ``version`` plus other distributions given as name=version."""
    dists = (Distribution("torch", version), *(Distribution(name, v) for name, v in others.items()))
    python = python_facts(python_version, distributions=dists)
    return python, Fact.found(TorchRuntime(version=version, cuda=cuda, cuda_available=available,
                                           cuda_op=Fact.found("ok") if available else Fact.unknown()))


RTX_4070_580 = nvml("580.65.06", "NVIDIA GeForce RTX 4070", "8.9")
