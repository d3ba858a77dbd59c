"""Which torch build fits this machine, as an exact pip command (Snapshot × Knowledge × Goal → Recommendation).

Pure: reads the snapshot and the knowledge base, touches nothing. The rule, in order:

1. a working installed torch (CUDA works where an NVIDIA GPU is wanted) → ``none``;
2. an interpreter no release supports (Python 2, 32-bit, not CPython, too old/new, no build for the
   platform) → ``python``;
3. the newest *verified* release for this interpreter whose CUDA variant this driver runs
   (driver ≥ the minor-version floor of the variant's CUDA major) and whose arch list covers every
   NVIDIA GPU; the PyPI-default CUDA variant is preferred, else the newest CUDA that fits; older
   releases are considered only when the newest has no fitting variant, and ``why`` says so;
4. the CPU build when there is no NVIDIA GPU, the GPU is too old for every build, or CPU is wanted.
   ROCm and XPU builds are mentioned, never picked;
5. a PEP 668 externally managed Python gets the command inside a new venv (``new_venv``).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from packaging.specifiers import SpecifierSet
from packaging.version import InvalidVersion, Version

from wizard.findings import Goal, Recommendation
from wizard.knowledge.model import Knowledge, Release, Variant, capability_covered, platform_key
from wizard.profile import CourseProfile
from wizard.snapshot import FactStatus, PythonFacts, Snapshot

DEFAULT_PLATFORM = "linux-x86_64"
PYTHON_DOWNLOADS = "https://www.python.org/downloads/"
PYPI_SIMPLE = "https://pypi.org/simple"
TORCH_FAMILY = ("torch", "torchvision", "torchaudio")  # pinned from the release; never from PyPI
VENV_NAME = "torch-env"

_PLATFORM_NAMES = {
    "linux-x86_64": "Linux (x86_64)",
    "linux-aarch64": "Linux (ARM64)",
    "windows-x86_64": "Windows (x64)",
    "windows-arm64": "Windows on Arm",
    "darwin-arm64": "macOS (Apple silicon)",
    "darwin-x86_64": "macOS (Intel)",
}


@dataclass(frozen=True)
class Target:
    """What the recommendation needs to know about the interpreter and the machine ("" = unknown)."""

    python: str  # argv[0] of the commands: the target interpreter, or "python" when unknown
    python_known: bool
    version: str
    implementation: str
    bits: int  # 0 = unknown
    os: str
    platform: str  # a model.PLATFORMS key, or "<os>-<machine>" for platforms without builds
    platform_assumed: bool
    glibc: str  # "2.36", "" unknown or not glibc
    musl: bool
    externally_managed: bool
    installed: frozenset[str]  # torchvision / torchaudio when present in the target
    home: str  # the user's home folder when it can be told from the snapshot


@dataclass(frozen=True)
class Gpus:
    nvidia: bool | None  # None: the snapshot does not say
    capabilities: tuple[str, ...]  # of every NVIDIA GPU whose capability is known
    names: tuple[str, ...]
    driver: str  # "550.127.08", "" unknown
    driver_cuda: str  # highest CUDA the driver supports ("12.4"), "" unknown
    other_vendors: tuple[str, ...]  # "amd", "intel" GPUs present


@dataclass(frozen=True)
class Choice:
    release: Release
    variant: Variant
    note: str  # why this one, when it is not simply the newest default


def recommend(snapshot: Snapshot, knowledge: Knowledge, goal: Goal, venv_dir: str | None = None) -> Recommendation:
    """The torch build that fits the snapshot's target interpreter and GPUs, as an exact command.

    With a course profile (``goal.profile``) only the releases, Python versions and builds the course
    allows are considered, and the course's extra packages join the pip command."""
    course = course_of(goal)
    if course is not None:
        return _recommend_for_course(snapshot, knowledge, goal, course, venv_dir)
    target = target_of(snapshot)
    gpus = gpus_of(snapshot, knowledge)
    working = _working_install(snapshot, gpus, goal, knowledge)
    if working:
        repair = _repair_companions(snapshot, knowledge, target)
        if repair is not None:
            return _command(repair, target, goal, venv_dir)
        return Recommendation(kind="none", why=working)
    unsupported = _unsupported_python(target, knowledge)
    if unsupported:
        return Recommendation(kind="python", why=unsupported, url=PYTHON_DOWNLOADS)
    releases = _releases_for(target, knowledge)
    if not releases:
        return Recommendation(kind="none", why=_no_build_why(target))
    choice = _choose(releases, target, gpus, goal, knowledge)
    return _command(choice, target, goal, venv_dir)


# --------------------------------------------------------------------------- facts


def target_of(snapshot: Snapshot) -> Target:
    python: PythonFacts | None = snapshot.python.get()
    host = snapshot.host.get()
    os_name = (python.os if python and python.os else "") or (host.os if host else "")
    machine = (python.machine if python and python.machine else "") or (host.machine if host else "")
    platform, assumed = _platform(os_name, machine)
    libc = (python.libc if python and python.libc else "") or (host.libc if host else "")
    installed = frozenset(
        name for name in ("torchvision", "torchaudio") if _installed(snapshot, python, name)
    )
    return Target(
        python=(python.executable if python and python.executable else "python"),
        python_known=bool(python and python.executable),
        version=python.version if python else "",
        implementation=python.implementation if python else "",
        bits=python.bits if python else 0,
        os=platform.split("-")[0],
        platform=platform,
        platform_assumed=assumed,
        glibc=_glibc(libc, python),
        musl=libc.lower().startswith("musl"),
        externally_managed=bool(python and python.externally_managed),
        installed=installed,
        home=_home(python),
    )


def gpus_of(snapshot: Snapshot, knowledge: Knowledge) -> Gpus:
    nvml = snapshot.gpu.nvml.get()
    pci = snapshot.gpu.pci.get()
    torch = snapshot.torch.get()
    caps: list[str] = []
    names: list[str] = []
    if nvml and nvml.gpus:
        for gpu in nvml.gpus:
            caps.append(gpu.compute_capability or _capability_from_name(gpu.name, knowledge))
            names.append(gpu.name)
    elif torch and torch.devices:
        caps += [d.capability for d in torch.devices]
        names += [d.name for d in torch.devices]
    elif pci:
        for device in pci:
            if device.vendor == "nvidia" or device.vendor_id == 0x10DE:
                caps.append(device.compute_capability or _capability_from_name(device.name, knowledge))
                names.append(device.name)
    driver = (nvml.driver_version if nvml else "") or _kernel_driver(snapshot)
    driver = driver or evidence_fact(snapshot, "driver_version")
    driver_cuda = (nvml.cuda_driver_version if nvml else "") or evidence_fact(snapshot, "driver_cuda")
    others = tuple(sorted({d.vendor for d in pci or () if d.vendor in ("amd", "intel") and d.class_code >> 16 == 0x03}))
    return Gpus(
        nvidia=_nvidia_present(snapshot, bool(names), driver or driver_cuda),
        capabilities=tuple(c for c in caps if c),
        names=tuple(names),
        driver=driver,
        driver_cuda=driver_cuda,
        other_vendors=others,
    )


def _platform(os_name: str, machine: str) -> tuple[str, bool]:
    """The platform key and whether any of it was assumed (an unknown machine is taken as x86_64)."""
    if not os_name:
        return DEFAULT_PLATFORM, True
    return platform_key(os_name, machine or "x86_64"), not machine


def _glibc(libc: str, python: PythonFacts | None) -> str:
    match = re.match(r"glibc\s+(\d+\.\d+)", libc.strip(), re.IGNORECASE)
    if match:
        return match.group(1)
    tags = python.tags.get(()) if python else ()
    levels = [(int(m.group(1)), int(m.group(2))) for m in (re.search(r"manylinux_(\d+)_(\d+)_", t) for t in tags) if m]
    return "{}.{}".format(*max(levels)) if levels else ""


def _installed(snapshot: Snapshot, python: PythonFacts | None, name: str) -> bool:
    if python and python.distribution(name):
        return True
    torch = snapshot.torch.get()
    return bool(torch and getattr(torch, name).ok)


def _home(python: PythonFacts | None) -> str:
    """The home folder, read off the user site-packages path (the snapshot does not carry $HOME)."""
    site = python.user_site if python else ""
    for marker in ("/.local/", "\\AppData\\", "/Library/Python/"):
        if marker in site:
            return site.split(marker, 1)[0]
    return ""


def _capability_from_name(name: str, knowledge: Knowledge) -> str:
    model = knowledge.gpu_model(name) if name else None
    return model.capability if model else ""


def _kernel_driver(snapshot: Snapshot) -> str:
    modules = snapshot.gpu.kernel_modules.get()
    if _driver_updated_not_loaded(snapshot):
        return ""  # the running module is the old driver: after the restart another one loads
    return modules.nvidia_version if modules and modules.nvidia_loaded else ""


def _driver_updated_not_loaded(snapshot: Snapshot) -> bool:
    problem = snapshot.gpu.nvml.problem
    return problem is not None and problem.code == "nvml_rm_version_mismatch"


def evidence_fact(snapshot: Snapshot, name: str) -> str:
    """A fact pasted text revealed ("driver_cuda" from 'found version 11040'), "" when none did."""
    for evidence in snapshot.evidence:
        for key, value in evidence.facts:
            if key == name and value:
                return value
    return ""


def _nvidia_present(snapshot: Snapshot, found: bool, driver: str) -> bool | None:
    if found or driver:
        return True
    host = snapshot.host.get()
    if host and host.os == "darwin":
        return False  # no Mac PyTorch supports has an NVIDIA GPU, and there is no CUDA build for macOS
    if host and host.is_wsl:
        return None  # WSL shows no PCI GPU: the GPU is reached through the Windows driver
    # The PCI scan (or NVML answering with no GPUs) settles it; NVML missing alone does not: no driver ≠ no GPU.
    return False if snapshot.gpu.pci.ok or snapshot.gpu.nvml.ok else None


# --------------------------------------------------------------------------- "nothing to do"


def _working_install(snapshot: Snapshot, gpus: Gpus, goal: Goal, knowledge: Knowledge | None = None) -> str:
    torch = snapshot.torch.get()
    if not torch or not torch.version:
        return ""
    if goal.want == "cpu" or gpus.nvidia is False:
        reason = "you asked for CPU" if goal.want == "cpu" else "without an NVIDIA GPU a CUDA build cannot help"
        return f"torch {torch.version} is installed and imports fine; {reason}, so there is nothing to change."
    cuda_op_failed = torch.cuda_op.problem is not None and torch.cuda_op.problem.status is not FactStatus.UNKNOWN
    if torch.cuda_available and not cuda_op_failed:
        return f"torch {torch.version} is installed and uses your NVIDIA GPU: nothing to change."
    blocker = _blocker_outside_torch(snapshot, gpus, knowledge) if knowledge is not None else ""
    if blocker:
        keep = f"Keep torch {torch.version}: it is a CUDA build that fits your GPU, so reinstalling it would not help."
        return f"{keep} {blocker}"
    return ""


def _blocker_outside_torch(snapshot: Snapshot, gpus: Gpus, knowledge: Knowledge) -> str:
    """What keeps an installed CUDA build that fits the GPU from using it, when the fix is outside PyTorch
    (the driver, WSL, CUDA_VISIBLE_DEVICES); "" when none is known or the build itself is the problem."""
    torch = snapshot.torch.get()
    host = snapshot.host.get()
    if torch is None or not torch.cuda or host is None:
        return ""
    release = knowledge.release(torch.version)
    variant = release.variant(torch.version.partition("+")[2]) if release else None
    platform, _ = _platform(host.os, host.machine)
    # get_arch_list() is empty while CUDA is unavailable: the knowledge base knows the build's list.
    archs = torch.arch_list or (variant.arch_list(platform) if variant else ())
    if not archs or not all(capability_covered(cap, archs) for cap in gpus.capabilities):
        return ""
    floor = knowledge.driver_floor(torch.cuda, "windows" if host.is_wsl else host.os) or ""
    if _driver_updated_not_loaded(snapshot):
        return "The driver was just updated: restart the computer, then run the check again."
    if _driver_below(gpus, floor, torch.cuda):
        return ""  # the driver is too old: a build it can run is one of the two fixes
    needs = f" (version {floor} or newer)" if floor else ""
    nvml_problem = snapshot.gpu.nvml.problem
    driver_broken = nvml_problem is not None and nvml_problem.status is not FactStatus.UNKNOWN
    if host.is_wsl and driver_broken:
        return f"Fix the Windows NVIDIA driver for WSL{needs} as described above, and it will use the GPU."
    if gpus.nvidia and driver_broken:
        return f"It needs a working NVIDIA driver{needs}: fix the driver problem above, and it will use the GPU."
    return _hidden_by_visible_devices(snapshot)


def _driver_below(gpus: Gpus, floor: str, cuda: str) -> bool:
    if gpus.driver and floor and _parse(gpus.driver) is not None:
        return _parse(gpus.driver) < _parse(floor)
    driver_major, cuda_major = gpus.driver_cuda.split(".")[0], cuda.split(".")[0]
    return driver_major.isdigit() and cuda_major.isdigit() and int(driver_major) < int(cuda_major)


def _hidden_by_visible_devices(snapshot: Snapshot) -> str:
    from wizard.checks.driver import visible_device_count

    host = snapshot.host.get()
    nvml = snapshot.gpu.nvml.get()
    value = host.env_var("CUDA_VISIBLE_DEVICES") if host else None
    if value is None or not nvml or not nvml.gpus:
        return ""
    uuids = tuple(g.uuid for g in nvml.gpus if g.uuid)
    if visible_device_count(value, len(nvml.gpus), uuids) > 0:
        return ""
    return ("The environment variable CUDA_VISIBLE_DEVICES hides every GPU: remove it as described above, "
            "and PyTorch will use the GPU.")


def _repair_companions(snapshot: Snapshot, knowledge: Knowledge, target: Target) -> Choice | None:
    """Keep a working torch and reinstall the torchvision/torchaudio that belong to it, when they don't."""
    from wizard.checks.wheel import companion_problems

    torch = snapshot.torch.get()
    python = snapshot.python.get()
    if torch is None or python is None or target.externally_managed:
        return None
    release = knowledge.release(torch.version)
    dists = {d.name: d for d in python.distributions}
    if release is None or "torch" not in dists or not companion_problems(dists, release):
        return None
    variant = release.variant(torch.version.partition("+")[2] or "cpu")
    if variant is None or target.platform not in variant.platforms:
        return None
    public = Version(torch.version).public
    names = " and ".join(n for n in ("torchvision", "torchaudio") if n in target.installed and getattr(release, n))
    if not names:
        return None
    note = f"This keeps torch {public} and installs the matching {names}."
    return Choice(dataclasses.replace(release, version=public), variant, note)


# --------------------------------------------------------------------------- which interpreter


def _unsupported_python(target: Target, knowledge: Knowledge) -> str:
    version = _parse(target.version)
    verified = [r for r in knowledge.releases if r.verified]
    wanted = _range(verified)
    if target.implementation and target.implementation.lower() != "cpython":
        return (f"PyTorch publishes wheels only for CPython (the standard python.org Python); this interpreter is "
                f"{target.implementation}. Install CPython {wanted} and use it.")
    if version is not None and version.major < 3:
        return f"Python {target.version} is far too old for PyTorch. Install Python {wanted} from python.org."
    if target.bits == 32:
        return (f"This is a 32-bit Python; PyTorch only publishes 64-bit builds. Install the 64-bit Python "
                f"{wanted} (on Windows: the 'Windows installer (64-bit)').")
    if not target.version or version is None:
        return ""
    on_platform = verified if target.platform_assumed else [r for r in verified if r.variants_for(target.platform)]
    if not on_platform:
        return (f"PyTorch publishes no build for {_platform_name(target.platform)}."
                + (" Install the x64 Python from python.org: it runs emulated on Windows on Arm."
                   if target.platform == "windows-arm64" else ""))
    if any(r.supports_python(target.version) for r in on_platform):
        return ""
    newest = max(on_platform, key=lambda r: r.parsed)
    where = f" on {_platform_name(target.platform)}" if len(on_platform) < len(verified) else ""
    oldest = min(on_platform, key=lambda r: r.parsed)
    if version < Version(oldest.python_min):
        return (f"PyTorch no longer publishes packages for Python {_major_minor(target.version)}{where}. Install "
                f"Python {_range(on_platform)}: the newest torch{where}, {newest.version}, supports those.")
    return (f"No PyTorch release supports Python {_major_minor(target.version)}{where}{'' if where else ' yet'}. "
            f"Install Python {_range(on_platform)}: the newest torch{where}, {newest.version}, supports those.")


def _releases_for(target: Target, knowledge: Knowledge) -> list[Release]:
    """Verified releases with a wheel for this interpreter, newest first."""
    fitting = []
    for release in knowledge.releases:
        if not release.verified or not release.variants_for(target.platform):
            continue
        if target.version and _parse(target.version) and not release.supports_python(target.version):
            continue
        if target.os == "linux" and not _glibc_ok(target, release):
            continue
        fitting.append(release)
    return sorted(fitting, key=lambda r: r.parsed, reverse=True)


def _glibc_ok(target: Target, release: Release) -> bool:
    if target.musl:
        return False
    if not target.glibc or not release.min_glibc:
        return True
    return _parse(target.glibc) >= _parse(release.min_glibc)


def _no_build_why(target: Target) -> str:
    if target.musl:
        return ("PyTorch publishes no wheels for musl-based Linux (Alpine). Use a glibc-based distribution or container "
                "(Debian, Ubuntu, Fedora).")
    return (f"No PyTorch wheel fits this system (glibc {target.glibc or 'unknown'} on "
            f"{_platform_name(target.platform)}): the oldest supported builds need glibc 2.17.")


# --------------------------------------------------------------------------- which build


def _choose(releases: list[Release], target: Target, gpus: Gpus, goal: Goal, knowledge: Knowledge) -> Choice:
    newest = releases[0]
    if goal.want == "cpu":
        return _cpu_choice(releases, target, "You asked for the CPU build.")
    if gpus.nvidia is False:
        return _cpu_choice(releases, target, _no_gpu_note(gpus, goal, target))
    candidates = [(r, v) for r in releases for v in _cuda_variants(r, target, knowledge)]
    if not candidates:
        return _cpu_choice(releases, target, f"PyTorch has no CUDA build for {_platform_name(target.platform)}.")
    covering = [(r, v) for r, v in candidates if _covers(v, target.platform, gpus.capabilities)]
    if not covering:
        return _cpu_choice(releases, target, _too_old_note(gpus, knowledge))
    runnable = [(r, v) for r, v in covering if _driver_fits(v, target.platform, gpus, knowledge) is not False]
    if not runnable:
        release, variant = _best_of(covering, target, knowledge)
        floor = knowledge.driver_floor(variant.cuda, target.os)
        return Choice(release, variant, (f"Update the NVIDIA driver first: every torch build for your GPU needs a newer "
                                         f"driver than {gpus.driver or gpus.driver_cuda} ({variant.name} needs ≥ {floor})."))
    release, variant = _best_of(runnable, target, knowledge)
    note = _older_note(release, variant, newest, target, gpus, knowledge)
    return Choice(release, variant, " ".join(filter(None, (note, _unknown_driver_note(variant, target, gpus, knowledge)))))


def _unknown_driver_note(variant: Variant, target: Target, gpus: Gpus, knowledge: Knowledge) -> str:
    floor = knowledge.driver_floor(variant.cuda, target.os)
    if gpus.nvidia is None:
        return (f"The GPU and driver were not known: this build needs an NVIDIA GPU with driver ≥ {floor}; "
                "without one, use the CPU build (index …/whl/cpu).")
    if not gpus.driver and not gpus.driver_cuda:
        return f"It needs NVIDIA driver ≥ {floor}: install or update the driver if yours is older."
    return ""


def _cuda_variants(release: Release, target: Target, knowledge: Knowledge) -> list[Variant]:
    """CUDA variants of one release on this platform, preferred first: the PyPI-default CUDA build, then newest CUDA."""
    variants = [v for v in release.variants_for(target.platform) if v.kind == "cuda"]
    preferred = _preferred_cuda(release, target.platform)
    return sorted(variants, key=lambda v: (v.name != preferred, -_cuda_number(v)))


def _preferred_cuda(release: Release, platform: str) -> str:
    # Windows' PyPI default is the CPU build; pytorch.org then suggests the Linux default CUDA build.
    for key in (platform, DEFAULT_PLATFORM):
        name = release.default_variant(key)
        variant = release.variant(name)
        if variant and variant.kind == "cuda":
            return name
    return ""


def _best_of(pairs: list[tuple[Release, Variant]], target: Target, knowledge: Knowledge) -> tuple[Release, Variant]:
    newest = max(pairs, key=lambda pair: pair[0].parsed)[0]
    ordered = _cuda_variants(newest, target, knowledge)
    options = [v for r, v in pairs if r is newest]
    return newest, min(options, key=ordered.index)


def _covers(variant: Variant, platform: str, capabilities: tuple[str, ...]) -> bool:
    archs = variant.arch_list(platform)
    return all(capability_covered(cap, archs) for cap in capabilities)


def _driver_fits(variant: Variant, platform: str, gpus: Gpus, knowledge: Knowledge) -> bool | None:
    """Whether the driver runs this variant (minor-version compatibility); None when the driver is unknown."""
    os_name = platform.split("-")[0]
    floor = knowledge.driver_floor(variant.cuda, os_name)
    if gpus.driver and floor and _parse(gpus.driver) is not None:
        if _parse(gpus.driver) < _parse(floor):
            return False
        return _ptx_driver_ok(variant, platform, gpus, knowledge)
    if gpus.driver_cuda and _parse(gpus.driver_cuda) is not None:
        # The driver's "CUDA Version" must reach the variant's major (x.0); before CUDA 11 the exact toolkit.
        major = variant.cuda.split(".")[0]
        needed = variant.cuda if int(major) < 11 else f"{major}.0"
        return _parse(gpus.driver_cuda) >= _parse(needed)
    return None


def _ptx_driver_ok(variant: Variant, platform: str, gpus: Gpus, knowledge: Knowledge) -> bool:
    """A GPU covered only by PTX needs the toolkit's own driver to JIT-compile that PTX (NV-MVC caveat)."""
    cubins = tuple(entry.replace("+PTX", "") for entry in variant.arch_list(platform))
    if all(capability_covered(cap, cubins) for cap in gpus.capabilities):
        return True
    needed = knowledge.toolkit_driver(variant.cuda, platform.split("-")[0])
    return needed is None or _parse(gpus.driver) >= _parse(needed)


def _cpu_choice(releases: list[Release], target: Target, note: str) -> Choice:
    for release in releases:
        variant = release.variant("cpu")
        if variant and target.platform in variant.platforms:
            return Choice(release, variant, note)
    return Choice(releases[0], releases[0].variants_for(target.platform)[0], note)  # data without a CPU build


def _no_gpu_note(gpus: Gpus, goal: Goal, target: Target) -> str:
    if target.os == "darwin":
        mps = " It can use the Mac's own GPU through the \"mps\" device." if target.platform == "darwin-arm64" else ""
        return f"PyTorch has no CUDA build for {_platform_name(target.platform)}.{mps}"
    if goal.want == "cuda":
        note = "No NVIDIA GPU was found, so a CUDA build cannot help: this is the CPU build."
    else:
        note = "No NVIDIA GPU was found: the CPU build is the right one."
    if "amd" in gpus.other_vendors and target.platform == "linux-x86_64":
        note += " For the AMD GPU, PyTorch's ROCm builds (index …/whl/rocmX.Y) exist for supported Radeon/Instinct cards."
    if "intel" in gpus.other_vendors and target.os in ("linux", "windows"):
        note += " For an Intel GPU, PyTorch's XPU build (index …/whl/xpu) may work."
    return note


def _too_old_note(gpus: Gpus, knowledge: Knowledge) -> str:
    lowest = min(gpus.capabilities, key=lambda c: _parse(c) or Version("0"))
    family = knowledge.family_for_capability(lowest)
    name = f"{family.name} GPU (compute capability {lowest})" if family else f"GPU (compute capability {lowest})"
    return (f"Your {name} is too old for every PyTorch CUDA build that fits this Python: "
            "the CPU build is what works.")


def _older_note(release: Release, variant: Variant, newest: Release, target: Target, gpus: Gpus,
                knowledge: Knowledge) -> str:
    if release is newest:
        preferred = _preferred_cuda(release, target.platform)
        if variant.name == preferred or not preferred:
            return ""
        floor = knowledge.driver_floor(release.variant(preferred).cuda, target.os)
        if gpus.driver and floor and _parse(gpus.driver) < _parse(floor):
            return (f"Your driver {gpus.driver} is older than the {preferred} build needs (≥ {floor}), so this is "
                    f"the {variant.name} build; a driver update would allow {preferred}.")
        return f"The default {preferred} build has no kernels for your GPU; the {variant.name} build has."
    reasons = []
    newest_variants = [v for v in newest.variants_for(target.platform) if v.kind == "cuda"]
    covering = [v for v in newest_variants if _covers(v, target.platform, gpus.capabilities)]
    if not covering:
        reasons.append(f"no build of torch {newest.version} has kernels for your GPU "
                       f"(compute capability {', '.join(sorted(set(gpus.capabilities)))})")
    else:
        floor = min((knowledge.driver_floor(v.cuda, target.os) or "0" for v in covering), key=_parse)
        yours = f"yours is {gpus.driver}" if gpus.driver else f"yours supports only CUDA {gpus.driver_cuda}"
        reasons.append(f"torch {newest.version} needs driver ≥ {floor} for your GPU and {yours}; "
                       f"updating the driver would allow {newest.version}")
    return f"It is the newest torch that fits: {'; '.join(reasons)}."


# --------------------------------------------------------------------------- the command


def _command(choice: Choice, target: Target, goal: Goal, venv_dir: str | None,
             course: CourseProfile | None = None) -> Recommendation:
    release, variant = choice.release, choice.variant
    index_url = f"{goal.torch_index.rstrip('/')}/{variant.name}"
    packages = _pins(release, variant, target, course)
    sources = ("--index-url", index_url, *_extra_index(course))
    why = _why(choice, target)
    if target.externally_managed:
        folder = venv_dir or _venv_folder(target)
        venv_python = _venv_python(folder, target.os)
        install = (venv_python, "-m", "pip", "install", *packages, *sources)
        why = (f"This Python is managed by the operating system (PEP 668), so pip must not change it: create your own "
               f"environment in {folder} and install there, then run your code with {venv_python}. "
               f"(If creating it fails on Debian/Ubuntu, install the python3-venv package.) {why}")
        return Recommendation(
            kind="new_venv", why=why.strip(), torch=release.version, torchvision=_pinned(packages, "torchvision"),
            torchaudio=_pinned(packages, "torchaudio"), variant=variant.name, index_url=index_url, argv=install,
            steps=((target.python, "-m", "venv", folder), install),
        )
    argv = (target.python, "-m", "pip", "install", *packages, *sources)
    return Recommendation(
        kind="install", why=why, torch=release.version, torchvision=_pinned(packages, "torchvision"),
        torchaudio=_pinned(packages, "torchaudio"), variant=variant.name, index_url=index_url, argv=argv,
    )


def _pins(release: Release, variant: Variant, target: Target, course: CourseProfile | None = None) -> tuple[str, ...]:
    # Pin the local label ("==2.13.0+cu130"): under PEP 440 a specifier without a local label ignores the
    # candidates' labels, so "torch==2.13.0" counts an installed 2.13.0+cpu as satisfying it and pip changes
    # nothing (https://peps.python.org/pep-0440/#version-matching). macOS wheels carry no label.
    label = variant.local_label(target.platform)
    suffix = f"+{label}" if label else ""
    # torchvision/torchaudio wheels for Linux ARM64 carry no label, not even on the CUDA indexes (pytorch/vision#9330).
    companion_suffix = "" if target.platform == "linux-aarch64" else suffix
    pins = [f"torch=={release.version}{suffix}"]
    for name in ("torchvision", "torchaudio"):
        version = getattr(release, name)
        wanted = course is not None and course.package_spec(name) is not None
        if (name in target.installed or wanted) and version:
            pins.append(f"{name}=={version}{companion_suffix}")
    return (*pins, *_course_extras(course))


def _pinned(packages: tuple[str, ...], name: str) -> str:
    for pin in packages:
        if pin.startswith(f"{name}=="):
            return pin.split("==", 1)[1].split("+", 1)[0]
    return ""


def _why(choice: Choice, target: Target) -> str:
    release, variant = choice.release, choice.variant
    build = "CPU build" if variant.kind == "cpu" else f"CUDA {variant.cuda} build ({variant.name})"
    parts = [f"torch {release.version}, {build}."]
    if choice.note:
        parts.append(choice.note)
    if target.os in release.numpy1_only and _numpy2_possible(target):
        parts.append(f'torch {release.version} needs NumPy 1: also run pip install "numpy<2".')
    if not target.python_known:
        parts.append("Run it with the Python of the environment that showed the error.")
    if target.platform_assumed:
        parts.append(f"The operating system was not known: this assumes {_platform_name(target.platform)}.")
    return " ".join(parts)


def _numpy2_possible(target: Target) -> bool:
    # NumPy 2 needs Python 3.9 or newer: on an older Python pip cannot pick it, so "numpy<2" is noise there.
    version = _parse(target.version)
    return version is None or version >= Version("3.9")


def _venv_folder(target: Target) -> str:
    if target.os == "windows":
        return f"{target.home}\\{VENV_NAME}" if target.home else VENV_NAME
    return f"{target.home}/{VENV_NAME}" if target.home else VENV_NAME


def _venv_python(folder: str, os_name: str) -> str:
    return f"{folder}\\Scripts\\python.exe" if os_name == "windows" else f"{folder}/bin/python"


# --------------------------------------------------------------------------- a course profile


def course_of(goal: Goal) -> CourseProfile | None:
    return goal.profile if isinstance(goal.profile, CourseProfile) else None


def course_allows(release: Release, course: CourseProfile) -> bool:
    """Whether a release is in the course's torch range and has the torchvision/torchaudio the course names."""
    if not version_in(release.version, course.torch_spec):
        return False
    for name in ("torchvision", "torchaudio"):
        spec = course.package_spec(name)
        if spec is None:
            continue
        version = getattr(release, name)
        if not version or not version_in(version, SpecifierSet(spec)):
            return False
    return True


def version_in(version: str, spec: SpecifierSet) -> bool:
    """Whether a version ("2.13.0+cpu", "3.11.9") is in a range; the local label does not count, "" = any."""
    if not str(spec):
        return True
    parsed = _parse(version)
    return parsed is not None and spec.contains(parsed.public, prereleases=True)


def course_pythons(course: CourseProfile, releases: list[Release] | tuple[Release, ...]) -> list[str]:
    """The Python versions ("3.11", "3.12") the course allows and at least one of ``releases`` supports."""
    minors = {f"3.{m}" for m in range(0, 30) for r in releases if r.supports_python(f"3.{m}")}
    fitting = [m for m in minors if any(version_in(f"{m}.{patch}", course.python_spec) for patch in (0, 99))]
    return sorted(fitting, key=Version)


def no_cuda_advice(course: CourseProfile) -> str:
    """What a student does when the course needs a CUDA GPU and this machine cannot give one."""
    contact = f", or ask {course.contact}" if course.contact else ""
    return (f"{course.name} needs an NVIDIA GPU with CUDA, which this machine cannot provide: for the GPU parts use "
            f"the course's lab machines or a cloud notebook with a GPU (e.g. Google Colab: Runtime → Change runtime "
            f"type → GPU){contact}.")


def _recommend_for_course(snapshot: Snapshot, knowledge: Knowledge, goal: Goal, course: CourseProfile,
                          venv_dir: str | None) -> Recommendation:
    goal = dataclasses.replace(goal, want=course.want if goal.want == "auto" else goal.want)
    target = target_of(snapshot)
    gpus = gpus_of(snapshot, knowledge)
    allowed = dataclasses.replace(knowledge, releases=tuple(r for r in knowledge.releases if course_allows(r, course)))
    if not any(r.verified for r in allowed.releases):
        return Recommendation(kind="none", why=_no_course_release_why(course))
    working = _course_working_install(snapshot, target, gpus, goal, course)
    if working:
        cpu_only = course.cuda == "required" and goal.want == "cuda" and gpus.nvidia is False
        kept = _keep_torch_add_packages(snapshot, allowed, target, course, no_cuda_advice(course) if cpu_only else "")
        if kept is None:
            return Recommendation(kind="none", why=working)
        return _command(kept, target, goal, venv_dir, course)
    wrong_python = _course_python_why(target, allowed, course)
    if wrong_python:
        return Recommendation(kind="python", why=wrong_python, url=PYTHON_DOWNLOADS)
    unsupported = _unsupported_python(target, allowed)
    if unsupported:
        return Recommendation(kind="python", why=f"{course.name}: {unsupported}", url=PYTHON_DOWNLOADS)
    releases = _releases_for(target, allowed)
    if not releases:
        return Recommendation(kind="none", why=_no_build_why(target))
    choice = _choose(releases, target, gpus, goal, allowed)
    if course.cuda == "required" and goal.want == "cuda" and choice.variant.kind != "cuda":
        note = f"{choice.note} {no_cuda_advice(course)}".strip()
        installed = _working_in_range(snapshot, course)
        if installed:
            return Recommendation(kind="none", why=f"torch {installed} is installed and works on the CPU. {note}")
        choice = dataclasses.replace(choice, note=f"{note} Until then this CPU build lets you follow along.")
    return _command(choice, target, goal, venv_dir, course)


def _working_in_range(snapshot: Snapshot, course: CourseProfile) -> str:
    """The installed torch's version when it imports and is in the course's range, else ""."""
    torch = snapshot.torch.get()
    if torch and torch.version and version_in(torch.version, course.torch_spec):
        return torch.version
    return ""


def _keep_torch_add_packages(snapshot: Snapshot, allowed: Knowledge, target: Target, course: CourseProfile,
                             advice: str) -> Choice | None:
    """The installed (working, in-range) torch kept as it is, when only the course's packages are missing."""
    torch = snapshot.torch.get()
    release = allowed.release(torch.version) if torch else None
    if release is None or release not in allowed.releases:
        return None
    unmet = _unmet_packages(snapshot.python.get(), release, course)
    local = torch.version.partition("+")[2]
    variant = release.variant(local or "cpu")
    if not unmet or variant is None or target.platform not in variant.platforms:
        return None
    note = f"It is already installed and fits {course.name}: this keeps it and adds {', '.join(unmet)}. {advice}"
    return Choice(dataclasses.replace(release, version=Version(torch.version).public), variant, note.strip())


def _unmet_packages(python: PythonFacts | None, release: Release, course: CourseProfile) -> list[str]:
    """The course's packages that are missing, outside their range, or not the torchvision/torchaudio of ``release``."""
    if python is None:
        return []
    unmet = []
    for name, spec in course.packages:
        if name == "torch":
            continue
        dist = python.distribution(name)
        paired = getattr(release, name, "") if name in ("torchvision", "torchaudio") and not spec else ""
        if (dist is None or (spec and not version_in(dist.version, SpecifierSet(spec)))
                or (paired and _parse(dist.version) is not None and _parse(dist.version).public != paired)):
            unmet.append(name)
    return unmet


def _course_working_install(snapshot: Snapshot, target: Target, gpus: Gpus, goal: Goal, course: CourseProfile) -> str:
    installed = _working_in_range(snapshot, course)
    if not installed or (target.version and not version_in(target.version, course.python_spec)):
        return ""
    if course.cuda == "required" and gpus.nvidia is False and goal.want == "cuda":
        return f"torch {installed} is installed and works, but only on the CPU: no NVIDIA GPU was found. " + no_cuda_advice(
            course)
    if course.cuda == "not_needed" and goal.want == "cpu":
        return f"torch {installed} is installed and imports fine, and {course.name} does not need a GPU: nothing to change."
    return _working_install(snapshot, gpus, goal)


def _course_python_why(target: Target, allowed: Knowledge, course: CourseProfile) -> str:
    """Why this interpreter cannot be used for the course, naming a Python that can; "" when it can."""
    if not target.version or _parse(target.version) is None:
        return ""
    on_platform = [r for r in allowed.releases
                   if r.verified and (target.platform_assumed or r.variants_for(target.platform))]
    fits_course = version_in(target.version, course.python_spec)
    fits_torch = any(r.supports_python(target.version) for r in on_platform)
    if fits_course and (fits_torch or not (course.python or course.torch)):
        return ""  # fine, or a problem the general rule explains better (no build for this platform at all)
    pythons = course_pythons(course, on_platform)
    contact = f" Ask {course.contact}." if course.contact else ""
    if not pythons:
        return (f"{course.name} allows Python {course.python} and torch {course.torch or '(any)'}, but no PyTorch "
                f"release in that range supports such a Python: the course profile needs fixing.{contact}")
    needs = " or ".join(pythons) if len(pythons) <= 3 else f"{pythons[0]} to {pythons[-1]}"
    return (f"{course.name} needs Python {needs}; this environment has Python {target.version}. Install Python "
            f"{pythons[-1]} from python.org, create a new environment with it (python -m venv) and check that one.")


def _no_course_release_why(course: CourseProfile) -> str:
    packages = ", ".join(f"{name} {spec or '(matching)'}" for name, spec in course.packages
                         if name in ("torchvision", "torchaudio"))
    contact = f" Ask {course.contact}." if course.contact else ""
    return (f"No PyTorch release the wizard knows fits {course.name}'s range (torch {course.torch or 'any'}"
            f"{', ' + packages if packages else ''}): the course may need a newer wizard, or the profile a "
            f"correction.{contact}")


def _course_extras(course: CourseProfile | None) -> tuple[str, ...]:
    """The course's other packages as pip requirements ("numpy>=1.26"); torch's family is pinned separately."""
    if course is None:
        return ()
    return tuple(f"{name}{spec}" for name, spec in course.packages if name not in TORCH_FAMILY)


def _extra_index(course: CourseProfile | None) -> tuple[str, ...]:
    # PyTorch's index carries torch and its own dependencies, not every package a course lists, so PyPI
    # joins as an extra index; the local-label pins keep torch itself from coming from PyPI.
    return ("--extra-index-url", PYPI_SIMPLE) if _course_extras(course) else ()


# --------------------------------------------------------------------------- small helpers


def _parse(text: str) -> Version | None:
    try:
        return Version(text)
    except InvalidVersion:
        return None


def _major_minor(version: str) -> str:
    return ".".join(version.split(".")[:2])


def _cuda_number(variant: Variant) -> int:
    return int(variant.name[2:]) if variant.kind == "cuda" else 0


def _range(releases: list[Release]) -> str:
    """The Python versions the newest of ``releases`` supports ("3.10–3.14")."""
    if not releases:
        return "3"
    newest = max(releases, key=lambda r: r.parsed)
    return f"{newest.python_min}–{newest.python_max}"


def _platform_name(platform: str) -> str:
    return _PLATFORM_NAMES.get(platform, platform)
