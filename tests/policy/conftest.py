"""Builders for generated machines: one snapshot from a handful of choices (platform, GPU vendor and model,
driver, Python, installed build), made from the scenario builders so they stay the shared test vocabulary."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from tests.checks import make_scenarios as ms
from wizard.snapshot import Fact, FactStatus, HostInfo, KernelModules, Snapshot

PLATFORMS = (
    ("linux", "x86_64", False), ("linux", "x86_64", True),  # WSL 2
    ("linux", "aarch64", False), ("windows", "x86_64", False), ("windows", "arm64", False),
    ("darwin", "arm64", False), ("darwin", "x86_64", False), ("linux", "ppc64le", False),
)
NVIDIA = (
    ("NVIDIA GeForce GTX 780", "3.5", 0x1004), ("NVIDIA GeForce GTX 1080", "6.1", 0x1B80),
    ("Tesla V100-SXM2-16GB", "7.0", 0x1DB1), ("NVIDIA GeForce RTX 2080", "7.5", 0x1E87),
    ("NVIDIA GeForce RTX 3060", "8.6", 0x2503), ("NVIDIA GeForce RTX 4070", "8.9", 0x2786),
    ("NVIDIA GeForce RTX 5090", "12.0", 0x2B85), ("NVIDIA H100 80GB HBM3", "9.0", 0x2330),
    ("Orin (nvgpu)", "8.7", 0x0000),
)
AMD = ("AMD Radeon RX 7900 XTX", "AMD Radeon RX 6600", "AMD Radeon RX 580", "AMD Instinct MI300X")
INTEL = ("Intel(R) Arc(TM) A770 Graphics", "Intel(R) UHD Graphics 770", "Meteor Lake-P [Intel Arc Graphics]")
DRIVERS = ("", "390.157", "470.256.02", "525.60.13", "535.183.01", "566.36", "580.95.05")
DRIVER_CUDA = {"390.157": "11.4", "470.256.02": "11.4", "525.60.13": "12.0", "535.183.01": "12.2",
               "566.36": "12.7", "580.95.05": "13.0"}
PYTHONS = ("2.7.18", "3.6.15", "3.7.16", "3.8.18", "3.9.19", "3.10.12", "3.11.9", "3.12.3", "3.13.1", "3.14.0",
           "3.15.0")
LIBCS = ("glibc 2.36", "glibc 2.28", "glibc 2.17", "musl 1.2.4", "")
INSTALLED = ("", "2.13.0+cpu", "2.13.0+cu130", "2.13.0+cu126", "2.4.1+cu121", "2.13.0+rocm7.2", "2.13.0+xpu", "2.2.2")
GOALS = ("auto", "cuda", "cpu")


@dataclass(frozen=True)
class MachineSpec:
    platform: tuple[str, str, bool]
    vendor: str  # "none" | "nvidia" | "amd" | "intel"
    model: int  # index into the vendor's list
    driver: str  # NVIDIA driver, "" none
    python: str
    bits: int
    implementation: str
    libc: str
    externally_managed: bool
    installed: str
    cuda_works: bool
    goal: str
    jetson: bool


def build(spec: MachineSpec) -> Snapshot:
    os_name, arch, wsl = spec.platform
    host = ms.host(os_name, arch, is_wsl=wsl, libc=spec.libc)
    if spec.jetson and os_name == "linux" and arch == "aarch64":
        host = Fact.found(dataclasses.replace(host.value, device_model="NVIDIA Jetson AGX Orin Developer Kit"))
    dists = (ms.dist("torch", spec.installed),) if spec.installed else ()
    python = ms.python(spec.python, os_name, arch, dists, bits=spec.bits, implementation=spec.implementation,
                       libc=spec.libc if os_name == "linux" else "", externally_managed=spec.externally_managed)
    gpu = _gpu(spec, os_name, wsl)
    return ms.snapshot(host_fact=host, gpu_facts=gpu, python_fact=python, torch=_torch(spec, gpu))


def _gpu(spec: MachineSpec, os_name: str, wsl: bool):
    if spec.vendor == "amd":
        return ms.gpu((ms.other_pci("amd", AMD[spec.model % len(AMD)]),))
    if spec.vendor == "intel":
        return ms.gpu((ms.other_pci("intel", INTEL[spec.model % len(INTEL)]),))
    if spec.vendor != "nvidia" or os_name == "darwin":
        return ms.gpu(())
    model = NVIDIA[spec.model % len(NVIDIA)]
    pci = () if wsl else (ms.nvidia_pci(model),)
    if not spec.driver:
        kernel = KernelModules()
        nvml = ms.nvml_missing("nvml_library_not_found", "libnvidia-ml.so.1 not found", FactStatus.NOT_FOUND)
        return ms.gpu(pci, nvml, kernel=kernel)
    return ms.gpu(pci, ms.nvml_ok((model,), spec.driver, DRIVER_CUDA[spec.driver]))


def _torch(spec: MachineSpec, gpu) -> Fact:
    if not spec.installed:
        return ms.TORCH_NOT_INSTALLED
    local = spec.installed.partition("+")[2]
    cuda = f"{local[2:-1]}.{local[-1]}" if local.startswith("cu") else ""
    nvml = gpu.nvml.get()
    models = tuple((g.name, g.compute_capability, 0) for g in nvml.gpus) if nvml and spec.cuda_works else ()
    hip = local[4:] if local.startswith("rocm") else ""
    return ms.torch_ok(spec.installed, cuda, models if cuda else (), hip=hip)


def host_info(snapshot: Snapshot) -> HostInfo:
    return snapshot.host.get()
