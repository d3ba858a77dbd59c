"""The facts every check needs, derived once from the snapshot (pure, never raises on missing facts)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from wizard.evidence import established_causes
from wizard.findings import Goal, Recommendation
from wizard.knowledge.model import Knowledge, Release, platform_key
from wizard.policy.machine import Machine, machine_of, vendor_of
from wizard.snapshot import (
    CudaToolkit,
    Distribution,
    HostInfo,
    KernelModules,
    NvmlInfo,
    PciDevice,
    Problem,
    PythonFacts,
    Snapshot,
    TorchRuntime,
    is_xpu_build,
)

NVIDIA_VENDOR_ID = 0x10DE


@dataclass(frozen=True)
class Gpu:
    """One NVIDIA GPU as best we know it."""

    name: str
    capability: str  # "8.6", "" when unknown
    source: str  # "nvml" | "torch" | "pci" | "text"


@dataclass(frozen=True)
class CheckContext:
    snapshot: Snapshot
    machine_facts: Machine  # the one reading of the machine the recommendation used too
    knowledge: Knowledge
    goal: Goal
    recommendation: Recommendation
    os: str  # "linux" | "windows" | "darwin" | ""
    machine: str
    host: HostInfo | None
    python: PythonFacts | None
    torch: TorchRuntime | None  # the live import worked
    torch_problem: Problem | None  # why there is no TorchRuntime
    nvml: NvmlInfo | None
    nvml_problem: Problem | None
    kernel: KernelModules | None
    pci: tuple[PciDevice, ...] | None  # None: the PCI scan did not work
    nvidia_pci: tuple[PciDevice, ...]
    other_gpus: tuple[PciDevice, ...]  # AMD / Intel / Apple display devices
    gpus: tuple[Gpu, ...]  # NVIDIA GPUs: NVML, else torch, else the PCI table
    driver_version: str  # "" unknown
    driver_cuda: str  # highest CUDA the driver supports, "" unknown
    torch_version: str  # installed torch ("2.13.0+cpu"), "" when not installed / unknown
    torch_cuda: str  # CUDA of the installed build ("13.0"), "" for CPU/ROCm builds or unknown
    torch_hip: str
    torch_build_known: bool  # whether torch_cuda/torch_hip are known (runtime or version.py)
    release: Release | None  # the knowledge entry of the installed torch
    dists: dict[str, Distribution]
    evidence_causes: frozenset[str]  # causes pasted text established (not those it only made possible)

    @property
    def platform(self) -> str:
        return platform_key(self.os, self.machine) if self.os and self.machine else ""

    @property
    def usable_gpus(self) -> tuple[Gpu, ...]:
        """NVIDIA GPUs a working driver (or torch) reports."""
        return tuple(g for g in self.gpus if g.source in ("nvml", "torch", "text"))

    @property
    def torch_installed(self) -> bool:
        return bool(self.torch_version) or self.torch is not None

    @property
    def is_cpu_build(self) -> bool:
        return self.torch_build_known and not self.torch_cuda and not self.torch_hip and not self.is_xpu_build

    @property
    def is_xpu_build(self) -> bool:
        return is_xpu_build(self.torch_version)

    def env(self, name: str) -> str | None:
        return self.host.env_var(name) if self.host else None

    def inside_environment(self, path: str) -> bool:
        """Whether a file lives in the target environment (its prefix, site-packages or user site)."""
        if self.python is None:
            return False
        roots = (self.python.prefix, self.python.user_site, *self.python.site_packages)
        return any(root and path.startswith(root.rstrip("/\\") + sep) for root in roots for sep in ("/", "\\"))

    def pip_command(self, *packages: str) -> tuple[str, ...]:
        return self.machine_facts.pip_install(*packages)


def build_context(snapshot: Snapshot, knowledge: Knowledge, goal: Goal, recommendation: Recommendation) -> CheckContext:
    machine = machine_of(snapshot, knowledge)
    python = snapshot.python.get()
    pci = snapshot.gpu.pci.get()
    pci_devices = tuple(pci) if pci is not None else ()
    return CheckContext(
        snapshot=snapshot,
        machine_facts=machine,
        knowledge=knowledge,
        goal=goal,
        recommendation=recommendation,
        os=machine.host_os,
        machine=machine.host_arch,
        host=snapshot.host.get(),
        python=python,
        torch=snapshot.torch.get(),
        torch_problem=snapshot.torch.problem,
        nvml=snapshot.gpu.nvml.get(),
        nvml_problem=snapshot.gpu.nvml.problem,
        kernel=snapshot.gpu.kernel_modules.get(),
        pci=pci_devices if pci is not None else None,
        nvidia_pci=tuple(d for d in pci_devices if vendor_of(d) == "nvidia"),
        other_gpus=tuple(d for d in pci_devices if vendor_of(d) in ("amd", "intel", "apple")),
        gpus=tuple(Gpu(g.name, g.capability, g.source) for g in machine.nvidia_gpus),
        driver_version=machine.driver,
        driver_cuda=machine.driver_cuda,
        torch_version=machine.torch_version,
        torch_cuda=machine.torch_cuda,
        torch_hip=machine.torch_hip,
        torch_build_known=machine.torch_build_known,
        release=_safe_release(knowledge, machine.torch_version),
        dists={d.name: d for d in python.distributions} if python else {},
        evidence_causes=frozenset(established_causes(snapshot.evidence)),
    )


def _safe_release(knowledge: Knowledge, version: str) -> Release | None:
    if not version:
        return None
    try:
        return knowledge.release(version)
    except Exception:  # noqa: BLE001 - odd version strings from pasted text mean "unknown release"
        return None


def version_tuple(version: str) -> tuple[int, ...]:
    """'525.60.13' → (525, 60, 13); non-numeric parts end the tuple ('12.4.1rc' → (12, 4))."""
    parts: list[int] = []
    for piece in version.strip().split("."):
        match = re.match(r"\d+", piece)
        if not match:
            break
        parts.append(int(match.group()))
        if match.group() != piece:
            break
    return tuple(parts)


def active_toolkit(ctx: CheckContext) -> CudaToolkit | None:
    """The CUDA toolkit an extension build would use (nvcc on PATH / CUDA_HOME), None when none is active."""
    toolkits = ctx.snapshot.toolkit.toolkits.get() or ()
    active = [t for t in toolkits if t.active]
    return active[0] if active else None


def major(version: str) -> int | None:
    parsed = version_tuple(version)
    return parsed[0] if parsed else None


def major_minor(version: str) -> str:
    parsed = version_tuple(version)
    return ".".join(str(p) for p in parsed[:2]) if parsed else ""
