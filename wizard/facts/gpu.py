"""GPU and driver facts: the PCI scan, NVML, Linux kernel modules and the WSL 2 driver folder."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path

from wizard.facts.host import is_wsl, os_key
from wizard.facts.nvml import NVML_TIMEOUT_S, collect_nvml
from wizard.facts.pci import nvidia_capability, scan_linux, scan_macos, scan_windows
from wizard.facts.reasons import because
from wizard.facts.runner import Runner, run_command
from wizard.snapshot import Fact, FactStatus, GpuFacts, KernelModules, NvmlInfo, PciDevice

WSL_LIB_DIR = "usr/lib/wsl/lib"


def collect_gpu(
    env: Mapping[str, str], root: Path = Path("/"), runner: Runner = run_command, sys_platform: str = sys.platform
) -> GpuFacts:
    """Everything about the GPUs and the NVIDIA driver. ``env`` is unused: NVML reads no variables we pass it."""
    os_name = os_key(sys_platform)
    return GpuFacts(
        pci=scan_pci(os_name, root, runner),
        nvml=_nvml(os_name),
        kernel_modules=read_kernel_modules(root) if os_name == "linux" else _not_on(os_name),
        wsl_driver_libs=read_wsl_driver_libs(root) if os_name == "linux" else _not_on(os_name),
        amd_gfx=read_kfd_gfx(root) if os_name == "linux" else _not_on(os_name),
    )


def scan_pci(os_name: str, root: Path, runner: Runner) -> Fact[tuple[PciDevice, ...]]:
    if os_name == "windows":
        return scan_windows(runner)
    if os_name == "darwin":
        return scan_macos(runner)
    return scan_linux(root)


def _nvml(os_name: str) -> Fact[NvmlInfo]:
    if os_name == "darwin":
        return Fact.missing(FactStatus.NOT_APPLICABLE, because("reason.macos_no_cuda_driver"))
    return collect_nvml(timeout=NVML_TIMEOUT_S, pci_lookup=nvidia_capability)


def _not_on(os_name: str) -> Fact:
    return Fact.missing(FactStatus.NOT_APPLICABLE, because("reason.linux_only", os=os_name))


# --------------------------------------------------------------------------- Linux kernel modules


def read_kernel_modules(root: Path) -> Fact[KernelModules]:
    """Which GPU kernel modules are loaded (nvidia vs nouveau), the driver version and Secure Boot."""
    modules = root / "sys/module"
    if not modules.is_dir():
        return Fact.missing(FactStatus.NOT_FOUND, because("reason.modules_unreadable", folder=modules))
    nvidia = modules / "nvidia"
    return Fact.found(
        KernelModules(
            nvidia_loaded=nvidia.is_dir(),
            nvidia_version=_first_line(nvidia / "version"),
            nouveau_loaded=(modules / "nouveau").is_dir(),
            proc_driver_version=_first_line(root / "proc/driver/nvidia/version"),
            secure_boot=read_secure_boot(root),
        )
    )


def read_secure_boot(root: Path) -> str:
    """ "enabled" / "disabled" from the SecureBoot EFI variable (its last byte), "" when it cannot be read."""
    efivars = root / "sys/firmware/efi/efivars"
    try:
        candidates = sorted(efivars.glob("SecureBoot-*"))
    except OSError:
        return ""
    for candidate in candidates:
        try:
            data = candidate.read_bytes()
        except OSError:
            continue
        if data:
            return "enabled" if data[-1] == 1 else "disabled"
    return ""


def _first_line(path: Path) -> str:
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            return handle.readline().strip()
    except OSError:
        return ""


# --------------------------------------------------------------------------- WSL 2


def read_wsl_driver_libs(root: Path) -> Fact[tuple[str, ...]]:
    """The Windows driver's libraries that WSL 2 mounts (libcuda.so*, libnvidia-ml.so.1, ...)."""
    if not is_wsl(root):
        return Fact.missing(FactStatus.NOT_APPLICABLE, because("reason.not_wsl"))
    lib_dir = root / WSL_LIB_DIR
    try:
        names = sorted(entry.name for entry in lib_dir.iterdir())
    except OSError:
        return Fact.missing(
            FactStatus.NOT_FOUND, because("reason.wsl_without_lib", folder="/" + WSL_LIB_DIR),
        )
    return Fact.found(tuple(names))


# --------------------------------------------------------------------------- AMD (ROCm's kernel driver)

KFD_NODES = "sys/class/kfd/kfd/topology/nodes"
KFD_PROPERTIES_BYTES = 16384


def read_kfd_gfx(root: Path) -> Fact[tuple[str, ...]]:
    """The gfx target of every GPU node the amdgpu kernel driver (KFD) lists: ``gfx_target_version 110000``
    → "gfx1100" (major, minor and stepping; minor and stepping as hex digits, as LLVM spells them)."""
    nodes = root / KFD_NODES
    try:
        entries = sorted(nodes.iterdir(), key=lambda p: int(p.name) if p.name.isdigit() else 0)
    except OSError:
        return Fact.missing(FactStatus.NOT_FOUND, because("reason.no_kfd", folder="/" + KFD_NODES))
    found = []
    for entry in entries:
        target = gfx_from_properties(_bounded_text(entry / "properties"))
        if target:
            found.append(target)
    return Fact.found(tuple(found))


def gfx_from_properties(text: str) -> str:
    for line in text.splitlines():
        key, _, value = line.partition(" ")
        if key == "gfx_target_version" and value.strip().isdigit():
            number = int(value.strip())
            if number == 0:
                return ""  # a CPU node
            major, minor, stepping = number // 10000, number // 100 % 100, number % 100
            return f"gfx{major}{minor:x}{stepping:x}"
    return ""


def _bounded_text(path: Path) -> str:
    try:
        if not path.is_file():
            return ""
        with path.open("rb") as handle:
            return handle.read(KFD_PROPERTIES_BYTES).decode("ascii", "replace")
    except OSError:
        return ""
