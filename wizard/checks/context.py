"""The facts every check needs, derived once from the snapshot (pure, never raises on missing facts)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from wizard.findings import Goal, Recommendation
from wizard.knowledge.model import Knowledge, Release, platform_key
from wizard.recommend import evidence_fact
from wizard.snapshot import (
    Distribution,
    HostInfo,
    KernelModules,
    NvmlInfo,
    PciDevice,
    Problem,
    PythonFacts,
    Snapshot,
    TorchRuntime,
)

NVIDIA_VENDOR_ID = 0x10DE
VENDOR_IDS = {0x10DE: "nvidia", 0x1002: "amd", 0x8086: "intel", 0x106B: "apple"}


@dataclass(frozen=True)
class Gpu:
    """One NVIDIA GPU as best we know it."""

    name: str
    capability: str  # "8.6", "" when unknown
    source: str  # "nvml" | "torch" | "pci" | "text"


@dataclass(frozen=True)
class CheckContext:
    snapshot: Snapshot
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
    evidence_causes: frozenset[str]

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
        return self.torch_build_known and not self.torch_cuda and not self.torch_hip

    def env(self, name: str) -> str | None:
        return self.host.env_var(name) if self.host else None

    def inside_environment(self, path: str) -> bool:
        """Whether a file lives in the target environment (its prefix, site-packages or user site)."""
        if self.python is None:
            return False
        roots = (self.python.prefix, self.python.user_site, *self.python.site_packages)
        return any(root and path.startswith(root.rstrip("/\\") + sep) for root in roots for sep in ("/", "\\"))

    def pip_command(self, *packages: str) -> tuple[str, ...]:
        python = self.python.executable if self.python and self.python.executable else "python"
        return (python, "-m", "pip", "install", *packages)


def build_context(snapshot: Snapshot, knowledge: Knowledge, goal: Goal, recommendation: Recommendation) -> CheckContext:
    host = snapshot.host.get()
    python = snapshot.python.get()
    torch = snapshot.torch.get()
    nvml = snapshot.gpu.nvml.get()
    pci = snapshot.gpu.pci.get()
    os_name = (host.os if host and host.os else "") or (python.os if python else "")
    machine = (host.machine if host and host.machine else "") or (python.machine if python else "")
    pci_devices = tuple(pci) if pci is not None else ()
    nvidia_pci = tuple(d for d in pci_devices if _vendor(d) == "nvidia")
    other = tuple(d for d in pci_devices if _vendor(d) in ("amd", "intel", "apple"))
    torch_version, torch_cuda, torch_hip, build_known = _torch_build(snapshot, python, torch)
    dists = {d.name: d for d in python.distributions} if python else {}
    return CheckContext(
        snapshot=snapshot,
        knowledge=knowledge,
        goal=goal,
        recommendation=recommendation,
        os=os_name,
        machine=machine,
        host=host,
        python=python,
        torch=torch,
        torch_problem=snapshot.torch.problem,
        nvml=nvml,
        nvml_problem=snapshot.gpu.nvml.problem,
        kernel=snapshot.gpu.kernel_modules.get(),
        pci=pci_devices if pci is not None else None,
        nvidia_pci=nvidia_pci,
        other_gpus=other,
        gpus=_nvidia_gpus(snapshot, nvml, torch, nvidia_pci, knowledge),
        driver_version=_driver_version(snapshot, nvml),
        driver_cuda=_driver_cuda(snapshot, nvml),
        torch_version=torch_version,
        torch_cuda=torch_cuda,
        torch_hip=torch_hip,
        torch_build_known=build_known,
        release=_safe_release(knowledge, torch_version),
        dists=dists,
        evidence_causes=frozenset(e.cause for e in snapshot.evidence if e.cause),
    )


def _vendor(device: PciDevice) -> str:
    return device.vendor or VENDOR_IDS.get(device.vendor_id, "other")


def _torch_build(
    snapshot: Snapshot, python: PythonFacts | None, torch: TorchRuntime | None
) -> tuple[str, str, str, bool]:
    if torch is not None:
        return torch.version, torch.cuda, torch.hip, True
    version_file = python.torch_version_file.get() if python else None
    if version_file is not None:
        return version_file.version, version_file.cuda, version_file.hip, True
    dist = python.distribution("torch") if python else None
    if dist is not None:
        local = dist.version.partition("+")[2]
        cuda = _cuda_from_local(local)
        known = bool(local)
        return dist.version, cuda, local[4:] if local.startswith("rocm") else "", known
    return "", "", "", False


def _cuda_from_local(local: str) -> str:
    match = re.fullmatch(r"cu(\d+)(\d)", local)
    return f"{match.group(1)}.{match.group(2)}" if match else ""


def _nvidia_gpus(
    snapshot: Snapshot,
    nvml: NvmlInfo | None,
    torch: TorchRuntime | None,
    pci: tuple[PciDevice, ...],
    knowledge: Knowledge,
) -> tuple[Gpu, ...]:
    source = "text" if snapshot.source == "text" else "nvml"
    if nvml is not None and nvml.gpus:
        return tuple(
            Gpu(g.name, g.compute_capability or _capability_from_name(g.name, knowledge), source) for g in nvml.gpus
        )
    if torch is not None and torch.devices:
        return tuple(Gpu(d.name, d.capability, "torch") for d in torch.devices)
    return tuple(Gpu(d.name or f"NVIDIA GPU {d.device_id:#06x}", d.compute_capability, "pci") for d in pci)


def _capability_from_name(name: str, knowledge: Knowledge) -> str:
    model = knowledge.gpu_model(name)
    return model.capability if model else ""


def _driver_version(snapshot: Snapshot, nvml: NvmlInfo | None) -> str:
    if nvml is not None and nvml.driver_version:
        return nvml.driver_version
    kernel = snapshot.gpu.kernel_modules.get()
    if kernel is not None and kernel.nvidia_loaded and kernel.nvidia_version:
        return kernel.nvidia_version
    return evidence_fact(snapshot, "driver_version")


def _driver_cuda(snapshot: Snapshot, nvml: NvmlInfo | None) -> str:
    if nvml is not None and nvml.cuda_driver_version:
        return nvml.cuda_driver_version
    return evidence_fact(snapshot, "driver_cuda")


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


def major(version: str) -> int | None:
    parsed = version_tuple(version)
    return parsed[0] if parsed else None


def major_minor(version: str) -> str:
    parsed = version_tuple(version)
    return ".".join(str(p) for p in parsed[:2]) if parsed else ""
