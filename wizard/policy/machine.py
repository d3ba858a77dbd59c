"""The machine as the compatibility policy sees it, derived once from a Snapshot (pure, never raises).

Both the recommendation and the checks read these facts from here, so they cannot disagree about the
platform, the interpreter, the GPUs or the driver."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from wizard.knowledge.model import Knowledge, platform_key
from wizard.snapshot import PciDevice, PythonFacts, Snapshot, TorchRuntime

DEFAULT_PLATFORM = "linux-x86_64"
NVIDIA_VENDOR_ID = 0x10DE
VENDOR_IDS = {0x10DE: "nvidia", 0x1002: "amd", 0x8086: "intel", 0x106B: "apple"}
DISPLAY_CLASS = 0x03
GPU_VENDORS = ("amd", "intel", "apple")


@dataclass(frozen=True)
class GpuInfo:
    """One GPU as best we know it."""

    vendor: str  # "nvidia" | "amd" | "intel" | "apple"
    name: str
    capability: str = ""  # NVIDIA compute capability ("8.6"), "" unknown
    gfx: str = ""  # AMD LLVM target ("gfx1100"), "" unknown
    source: str = ""  # "nvml" | "torch" | "pci" | "text"


@dataclass(frozen=True)
class Machine:
    """Platform, interpreter, GPUs, driver and installed build ("" / 0 / None = unknown)."""

    # platform: the interpreter's view first (a wheel must fit the interpreter), then the host's
    os: str  # "linux" | "windows" | "darwin" (or what the OS calls itself)
    arch: str  # "x86_64" | "aarch64" | "arm64" | "x86" | ...
    platform: str  # a model.PLATFORMS key, or "<os>-<machine>" for platforms without builds
    platform_assumed: bool
    host_os: str  # the host's view first (commands are shown for the shell the user types into)
    host_arch: str
    is_wsl: bool
    jetson: bool  # an NVIDIA Jetson (L4T): integrated GPU, its own PyTorch builds
    libc: str  # "glibc 2.36", "musl 1.2", ""
    glibc: str  # "2.36", "" unknown or not glibc
    musl: bool
    # the interpreter
    python: str  # argv[0] of commands: the target interpreter, or "python" when unknown
    python_known: bool
    version: str
    implementation: str
    bits: int
    externally_managed: bool
    installed: frozenset[str]  # torchvision / torchaudio present in the target
    home: str
    # GPUs and the NVIDIA driver
    gpus: tuple[GpuInfo, ...]  # NVIDIA first (NVML, else torch, else PCI), then other vendors' display devices
    nvidia: bool | None  # None: the snapshot does not say
    driver: str  # the running NVIDIA driver ("550.127.08"), "" unknown
    driver_cuda: str  # the highest CUDA it supports ("12.4"), "" unknown
    driver_pending_restart: bool  # a newer driver is installed but the old kernel module still runs
    # the installed torch
    torch_version: str
    torch_cuda: str
    torch_hip: str
    torch_build_known: bool
    # how the packages went in, where pasted text shows it: "uv_pip" (uv's pip interface, whose environments have no
    # pip of their own), "uv_project" (a uv project), "" otherwise (the live checks say it in UV_ENVIRONMENT)
    installer: str = ""

    def pip_install(self, *args: str) -> tuple[str, ...]:
        """`python -m pip install ARGS` for this interpreter; `uv pip install ARGS` where pasted text shows uv's pip
        interface (run where the text ran it: uv finds that environment, which has no pip of its own)."""
        if self.installer in ("uv_pip", "uv_project"):  # (a project's .venv has no pip either)
            return ("uv", "pip", "install", *args, *uv_index_strategy(args))
        return (self.python, "-m", "pip", "install", *args)

    @property
    def nvidia_gpus(self) -> tuple[GpuInfo, ...]:
        return tuple(g for g in self.gpus if g.vendor == "nvidia")

    @property
    def capabilities(self) -> tuple[str, ...]:
        """Compute capabilities of every NVIDIA GPU whose capability is known."""
        return tuple(g.capability for g in self.nvidia_gpus if g.capability)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(g.name for g in self.nvidia_gpus)

    @property
    def other_vendors(self) -> tuple[str, ...]:
        """"amd", "intel" (sorted) when such display devices are present."""
        return tuple(sorted({g.vendor for g in self.gpus if g.vendor in ("amd", "intel")}))

    @property
    def amd_gpus(self) -> tuple[GpuInfo, ...]:
        return tuple(g for g in self.gpus if g.vendor == "amd")

    @property
    def intel_gpus(self) -> tuple[GpuInfo, ...]:
        return tuple(g for g in self.gpus if g.vendor == "intel")

    @property
    def usable_driver(self) -> str:
        """The driver a build will meet: unknown while an update waits for the restart."""
        return "" if self.driver_pending_restart else self.driver

    @property
    def driver_os(self) -> str:
        """Whose driver table applies: inside WSL the Windows driver is the only driver."""
        return "windows" if self.is_wsl else self.os


def machine_of(snapshot: Snapshot, knowledge: Knowledge) -> Machine:
    host = snapshot.host.get()
    python = snapshot.python.get()
    torch = snapshot.torch.get()
    os_name = _first(python.os if python else "", host.os if host else "")
    arch = _first(python.machine if python else "", host.machine if host else "")
    platform, assumed = platform_of(os_name, arch)
    libc = _first(python.libc if python else "", host.libc if host else "")
    nvidia = _nvidia_gpus(snapshot, knowledge)
    driver = _driver(snapshot)
    driver_cuda = _driver_cuda(snapshot)
    torch_version, torch_cuda, torch_hip, build_known = installed_build(python, torch)
    return Machine(
        os=platform.split("-")[0],
        arch=arch,
        platform=platform,
        platform_assumed=assumed,
        host_os=_first(host.os if host else "", python.os if python else ""),
        host_arch=_first(host.machine if host else "", python.machine if python else ""),
        is_wsl=bool(host and host.is_wsl),
        jetson=_jetson(snapshot, platform),
        libc=libc,
        glibc=_glibc(libc, python),
        musl=libc.lower().startswith("musl"),
        python=(python.executable if python and python.executable else "python"),
        python_known=bool(python and python.executable),
        version=python.version if python else "",
        implementation=python.implementation if python else "",
        bits=python.bits if python else 0,
        externally_managed=bool(python and python.externally_managed),
        installed=frozenset(n for n in ("torchvision", "torchaudio") if _installed(python, torch, n)
                            or _companion_in_text(snapshot, n)),
        home=_home(python),
        gpus=(*nvidia, *_other_gpus(snapshot, knowledge)),
        nvidia=_nvidia_present(snapshot, bool(nvidia), driver or driver_cuda),
        driver=driver,
        driver_cuda=driver_cuda,
        driver_pending_restart=driver_updated_not_loaded(snapshot),
        torch_version=torch_version,
        torch_cuda=torch_cuda,
        torch_hip=torch_hip,
        torch_build_known=build_known,
        installer=_installer_in_text(snapshot),
    )


def _installer_in_text(snapshot: Snapshot) -> str:
    """How pasted text shows the packages going in: "uv_project" (a uv project's add / sync / run: its pyproject.toml
    decides, and `uv run` undoes anything installed beside it), "uv_pip" (uv's pip interface), "" (pip, or not shown)."""
    if evidence_fact(snapshot, "uv_project_ran") == "true":
        return "uv_project"
    return "uv_pip" if evidence_fact(snapshot, "uv_pip_ran") == "true" else ""


def uv_index_strategy(args: tuple[str, ...]) -> tuple[str, ...]:
    """uv's options that make pip's index options mean what they mean to pip: uv searches an --extra-index-url before
    the --index-url and, by default ("first-index"), takes a package only from the first index that has it, so torch
    pinned to a +cuNNN build would be looked for on PyPI alone; pip merges the indexes, as uv's "unsafe-best-match"."""
    return ("--index-strategy", "unsafe-best-match") if "--extra-index-url" in args else ()


def _companion_in_text(snapshot: Snapshot, name: str) -> bool:
    """Pasted text shows the companion beside torch: an install request that names both ("pip install torch
    torchvision"), or its version listed or printed (conda list, pip list, a one-line check): a command that replaces
    torch's build must replace its build too."""
    if snapshot.source != "text":
        return False
    requested = evidence_fact(snapshot, "requested")
    named = re.search(rf"(?<![\w-]){name}(?![\w-])", requested) is not None and (
        re.search(r"(?<![\w-])torch(?![\w-])", requested) is not None)
    return named or bool(evidence_fact(snapshot, f"{name}_version"))


def platform_of(os_name: str, arch: str) -> tuple[str, bool]:
    """The platform key and whether any of it was assumed (an unknown machine is taken as x86_64)."""
    if not os_name:
        return DEFAULT_PLATFORM, True
    return platform_key(os_name, arch or "x86_64"), not arch


def apple_chip_named(snapshot: Snapshot) -> bool:
    """Whether pasted text names the Mac's Apple chip ("Apple M1 Pro"); beside an x86_64 Python, Rosetta's."""
    return evidence_fact(snapshot, "gpu_vendor") == "apple"


def evidence_fact(snapshot: Snapshot, name: str) -> str:
    """A fact pasted text revealed ("driver_cuda" from 'found version 11040'), "" when none did."""
    for evidence in snapshot.evidence:
        for key, value in evidence.facts:
            if key == name and value:
                return value
    return ""


def driver_updated_not_loaded(snapshot: Snapshot) -> bool:
    problem = snapshot.gpu.nvml.problem
    return problem is not None and problem.code == "nvml_rm_version_mismatch"


def vendor_of(device: PciDevice) -> str:
    return device.vendor or VENDOR_IDS.get(device.vendor_id, "other")


def installed_build(python: PythonFacts | None, torch: TorchRuntime | None) -> tuple[str, str, str, bool]:
    """(version, CUDA, HIP, whether CUDA/HIP are known) of the installed torch: runtime, version.py, then the
    distribution's local label."""
    if torch is not None:
        return torch.version, torch.cuda, torch.hip, True
    version_file = python.torch_version_file.get() if python else None
    if version_file is not None:
        return version_file.version, version_file.cuda, version_file.hip, True
    dist = python.distribution("torch") if python else None
    if dist is not None:
        local = dist.version.partition("+")[2]
        # (a label that names the build: cpu, cuNNN, rocmX, xpu; a source build's "+81ea7a4" or "+git…" names a commit,
        # as NVIDIA's NGC images and distributions build torch, and says nothing of CUDA)
        named = re.match(r"(?:cpu|cu\d|rocm\d|xpu)", local) is not None
        return dist.version, cuda_from_label(local), local[4:] if local.startswith("rocm") else "", named
    return "", "", "", False


def cuda_from_label(local: str) -> str:
    """"cu130" → "13.0", "" for other labels."""
    match = re.fullmatch(r"cu(\d+)(\d)", local)
    return f"{match.group(1)}.{match.group(2)}" if match else ""


def _first(*values: str) -> str:
    return next((v for v in values if v), "")


def _nvidia_gpus(snapshot: Snapshot, knowledge: Knowledge) -> tuple[GpuInfo, ...]:
    nvml = snapshot.gpu.nvml.get()
    torch = snapshot.torch.get()
    if nvml is not None and nvml.gpus:
        source = "text" if snapshot.source == "text" else "nvml"
        return tuple(GpuInfo("nvidia", g.name, g.compute_capability or _capability_from_name(g.name, knowledge), "",
                             source) for g in nvml.gpus)
    if torch is not None and torch.devices and not torch.hip:
        return tuple(GpuInfo("nvidia", d.name, d.capability, "", "torch") for d in torch.devices)
    devices = snapshot.gpu.pci.get() or ()
    return tuple(
        GpuInfo("nvidia", d.name or f"NVIDIA GPU {d.device_id:#06x}",
                d.compute_capability or _capability_from_name(d.name, knowledge), "", "pci")
        for d in devices if vendor_of(d) == "nvidia"
    )


def _other_gpus(snapshot: Snapshot, knowledge: Knowledge) -> tuple[GpuInfo, ...]:
    devices = snapshot.gpu.pci.get() or ()
    found = []
    for device in devices:
        vendor = vendor_of(device)
        if vendor not in GPU_VENDORS or (device.class_code and device.class_code >> 16 != DISPLAY_CLASS):
            continue
        gfx = knowledge.amd_gfx(device.name, device.device_id) if vendor == "amd" else ""
        found.append(GpuInfo(vendor, device.name, "", gfx, "pci"))
    return _with_kfd_targets(tuple(found), snapshot.gpu.amd_gfx.get(()))


def _with_kfd_targets(gpus: tuple[GpuInfo, ...], targets: tuple[str, ...]) -> tuple[GpuInfo, ...]:
    """The kernel's own gfx targets win over the name table: in order when they pair up one to one, or for
    every AMD GPU when all report the same target."""
    amd = [i for i, g in enumerate(gpus) if g.vendor == "amd"]
    if not targets or not amd:
        return gpus
    if len(set(targets)) == 1:
        chosen = {i: targets[0] for i in amd}
    elif len(targets) == len(amd):
        chosen = dict(zip(amd, targets, strict=True))
    else:
        return gpus
    return tuple(dataclasses.replace(g, gfx=chosen[i]) if i in chosen else g for i, g in enumerate(gpus))


def _capability_from_name(name: str, knowledge: Knowledge) -> str:
    model = knowledge.gpu_model(name) if name else None
    return model.capability if model else ""


def _driver(snapshot: Snapshot) -> str:
    nvml = snapshot.gpu.nvml.get()
    if nvml is not None and nvml.driver_version:
        return nvml.driver_version
    kernel = snapshot.gpu.kernel_modules.get()
    if kernel is not None and kernel.nvidia_loaded and kernel.nvidia_version:
        return kernel.nvidia_version
    return evidence_fact(snapshot, "driver_version")


def _driver_cuda(snapshot: Snapshot) -> str:
    nvml = snapshot.gpu.nvml.get()
    return (nvml.cuda_driver_version if nvml else "") or evidence_fact(snapshot, "driver_cuda")


def _nvidia_present(snapshot: Snapshot, found: bool, driver: str) -> bool | None:
    if found or driver:
        return True
    if snapshot.source == "text" and evidence_fact(snapshot, "no_nvidia_gpu") == "true":
        return False  # (the text says the machine has none, and names no NVIDIA GPU or driver)
    host = snapshot.host.get()
    if host and host.os == "darwin":
        return False  # no Mac PyTorch supports has an NVIDIA GPU, and there is no CUDA build for macOS
    if host and host.is_wsl:
        return None  # WSL shows no PCI GPU: the GPU is reached through the Windows driver
    # The PCI scan (or NVML answering with no GPUs) settles it; NVML missing alone does not: no driver ≠ no GPU.
    return False if snapshot.gpu.pci.ok or snapshot.gpu.nvml.ok else None


def _jetson(snapshot: Snapshot, platform: str) -> bool:
    if platform != "linux-aarch64":
        return False
    host = snapshot.host.get()
    model = host.device_model if host else ""
    names = " ".join(g.name for g in snapshot.gpu.nvml.get().gpus) if snapshot.gpu.nvml.get() else ""
    return bool(re.search(r"jetson|tegra|\borin\b|xavier", f"{model} {names}", re.IGNORECASE))


def _glibc(libc: str, python: PythonFacts | None) -> str:
    match = re.match(r"glibc\s+(\d+\.\d+)", libc.strip(), re.IGNORECASE)
    if match:
        return match.group(1)
    tags = python.tags.get(()) if python else ()
    levels = [(int(m.group(1)), int(m.group(2))) for m in (re.search(r"manylinux_(\d+)_(\d+)_", t) for t in tags) if m]
    return "{}.{}".format(*max(levels)) if levels else ""


def _installed(python: PythonFacts | None, torch: TorchRuntime | None, name: str) -> bool:
    if python and python.distribution(name):
        return True
    return bool(torch and getattr(torch, name).ok)


def _home(python: PythonFacts | None) -> str:
    """The home folder, read off the user site-packages path (the snapshot does not carry $HOME)."""
    site = python.user_site if python else ""
    for marker in ("/.local/", "\\AppData\\", "/Library/Python/"):
        if marker in site:
            return site.split(marker, 1)[0]
    return ""
