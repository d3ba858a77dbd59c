"""Pure compatibility predicates: can this build run on this machine? One answer for the checks and the
recommendation alike (versions are compared with packaging.Version everywhere)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import date

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

from wizard.knowledge.model import Knowledge, Release, Variant, capability_covered, cubin_covers
from wizard.policy.machine import Machine
from wizard.snapshot import Distribution


def parse_version(text: str) -> Version | None:
    try:
        return Version(text.strip())
    except (InvalidVersion, AttributeError):
        return None


def interpreter_problem(machine: Machine) -> str:
    """Why no PyTorch wheel can ever fit this interpreter: "implementation", "python2", "bits32" or ""."""
    if machine.implementation and machine.implementation.lower() != "cpython":
        return "implementation"
    version = parse_version(machine.version)
    if version is not None and version.major < 3:
        return "python2"
    if machine.bits == 32:
        return "bits32"
    return ""


def outdated_python(machine: Machine, knowledge: Knowledge) -> str:
    """The last torch for this Python when that release is more than two years older than the knowledge
    (Python 3.8: "2.4.1"); "" for a current Python."""
    version = parse_version(machine.version)
    checked = _date(knowledge.checked_on)
    if version is None or checked is None:
        return ""
    for python, torch, released in knowledge.platforms.python_last_torch:
        day = _date(released)
        same = parse_version(python) == Version(f"{version.major}.{version.minor}")
        if same and day is not None and (checked.year - day.year) * 12 + checked.month - day.month > 24:
            return torch
    return ""


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except (TypeError, ValueError):
        return None


def supported_python(release: Release, version: str) -> bool:
    """Whether ``release`` has wheels for this Python ("" or unparsable: assumed yes, the caller asks)."""
    return not version or parse_version(version) is None or release.supports_python(version)


def glibc_ok(machine: Machine, release: Release) -> bool:
    """Whether the Linux wheels of ``release`` load with this C library (musl never; unknown glibc: yes)."""
    if machine.os != "linux":
        return True
    if machine.musl:
        return False
    ours, needed = parse_version(machine.glibc), parse_version(release.min_glibc)
    return ours is None or needed is None or ours >= needed


def wheel_exists(machine: Machine, release: Release, variant: Variant) -> bool:
    """Whether PyTorch publishes this build for this OS, CPU architecture, Python and bitness."""
    return (
        release.verified
        and not interpreter_problem(machine)
        and machine.platform in variant.platforms
        and variant in release.variants
        and supported_python(release, machine.version)
        and glibc_ok(machine, release)
    )


def builds_for(machine: Machine, knowledge: Knowledge) -> list[Release]:
    """Verified releases with a wheel for this interpreter on this platform, newest first."""
    fitting = [
        r for r in knowledge.releases
        if r.verified and r.variants_for(machine.platform) and supported_python(r, machine.version)
        and glibc_ok(machine, r)
    ]
    return sorted(fitting, key=lambda r: r.parsed, reverse=True)


def covers_gpu(variant: Variant, platform: str, capabilities: tuple[str, ...]) -> bool:
    """Whether the build has kernels (cubin, or PTX it can JIT) for every one of these GPUs."""
    archs = variant.arch_list(platform)
    return all(capability_covered(cap, archs) for cap in capabilities)


def natively_covers_gpu(variant: Variant, platform: str, capabilities: tuple[str, ...]) -> bool:
    """Whether the build has compiled kernels (a cubin) for every one of these GPUs: only PTX of an older architecture
    leaves the GPU to JIT compilation and to CUDA libraries (cuBLAS, cuDNN) of a release that may not know it."""
    archs = variant.arch_list(platform)
    return all(cubin_covers(cap, archs) for cap in capabilities)


def cuda_arch_lists(knowledge: Knowledge, platform: str = "") -> list[tuple[str, ...]]:
    """The arch list of every CUDA build the knowledge lists for ``platform`` (for every platform when "")."""
    return [variant.arch_list(key) for release in knowledge.releases for variant in release.variants
            if variant.kind == "cuda" for key in variant.platforms if not platform or key == platform]


def first_release_with_native_kernels(capability: str, knowledge: Knowledge) -> Release | None:
    """The oldest release with a CUDA build holding compiled kernels (a cubin, not only PTX to JIT) that run on a GPU
    of this capability."""
    for release in reversed(knowledge.releases):  # (newest first in the knowledge)
        if any(variant.kind == "cuda" and cubin_covers(capability, variant.arch_list(key))
               for variant in release.variants for key in variant.platforms):
            return release
    return None


def no_build_covers(capability: str, knowledge: Knowledge, platform: str = "") -> bool:
    """Whether every CUDA build the knowledge lists for ``platform`` lacks kernels for a GPU of this capability
    (False where the platform has no CUDA build at all: that is the platform's problem, not the GPU's)."""
    arch_lists = cuda_arch_lists(knowledge, platform)
    return bool(arch_lists) and not any(capability_covered(capability, archs) for archs in arch_lists)


def no_build_for_nvidia_gpus(machine: Machine, knowledge: Knowledge) -> bool:
    """Every NVIDIA GPU of the machine has a known compute capability no CUDA build for its platform covers (a
    Kepler GT 730, a Fermi GTX 670M): the CPU build is then the right one, whatever the GPU."""
    gpus = machine.nvidia_gpus
    return bool(gpus) and all(g.capability and no_build_covers(g.capability, knowledge, machine.platform) for g in gpus)


def driver_runs(variant: Variant, machine: Machine, knowledge: Knowledge) -> bool | None:
    """Whether the NVIDIA driver runs this CUDA build (minor-version compatibility); None when unknown."""
    if variant.kind != "cuda":
        return True
    floor = knowledge.driver_floor(variant.cuda, machine.driver_os)
    driver = parse_version(machine.usable_driver)
    if driver is not None and floor:
        if driver < Version(floor):
            return False
        return _ptx_driver_ok(variant, machine, knowledge)
    driver_cuda = parse_version(machine.driver_cuda)
    if driver_cuda is not None and variant.cuda.split(".")[0].isdigit():
        # The driver's "CUDA Version" must reach the variant's major (x.0); before CUDA 11 the exact toolkit.
        major = variant.cuda.split(".")[0]
        needed = variant.cuda if int(major) < 11 else f"{major}.0"
        return driver_cuda >= Version(needed)
    return None


def _ptx_driver_ok(variant: Variant, machine: Machine, knowledge: Knowledge) -> bool:
    """A GPU covered only by PTX needs the toolkit's own driver to JIT-compile that PTX (NV-MVC caveat)."""
    cubins = tuple(entry.replace("+PTX", "") for entry in variant.arch_list(machine.platform))
    if all(capability_covered(cap, cubins) for cap in machine.capabilities):
        return True
    needed = knowledge.toolkit_driver(variant.cuda, machine.driver_os)
    return needed is None or Version(machine.usable_driver) >= Version(needed)


def driver_below(machine: Machine, floor: str, cuda: str) -> bool:
    """Whether the known driver is older than ``floor`` (or, by its CUDA version, than CUDA ``cuda``'s major)."""
    driver, needed = parse_version(machine.usable_driver), parse_version(floor)
    if driver is not None and needed is not None:
        return driver < needed
    driver_major, cuda_major = machine.driver_cuda.split(".")[0], cuda.split(".")[0]
    return driver_major.isdigit() and cuda_major.isdigit() and int(driver_major) < int(cuda_major)


def last_driver_branch(machine: Machine, knowledge: Knowledge) -> str:
    """The newest driver branch NVIDIA ships for the oldest GPU here ("470" for Kepler), "" when current."""
    branches = [knowledge.last_driver_for(cap) for cap in machine.capabilities]
    known = [b for b in branches if b]
    return min(known, key=lambda b: parse_version(b) or Version("0")) if known else ""


def newer_driver_exists(machine: Machine, knowledge: Knowledge, floor: str) -> bool:
    """Whether a driver at or above ``floor`` exists for every NVIDIA GPU here (an old GPU's last branch may be older)."""
    last = parse_version(last_driver_branch(machine, knowledge))
    needed = parse_version(floor)
    return last is None or needed is None or last.major >= needed.major


COMPANIONS = ("torchvision", "torchaudio")


def companion_problems(dists: Mapping[str, Distribution], release: Release | None) -> list[str]:
    """Why the installed torchvision / torchaudio don't belong to the installed torch ([] when they do)."""
    torch = dists.get("torch")
    if torch is None:
        return []
    problems = []
    torch_local = torch.version.partition("+")[2]
    for name in COMPANIONS:
        dist = dists.get(name)
        if dist is None:
            continue
        expected = getattr(release, name) if release else ""
        public, _, local = dist.version.partition("+")
        if expected and _public(public) != _public(expected) and _minor(public) != _minor(expected):
            problems.append(
                f"{name} {dist.version} belongs to another torch (torch {torch.version} pairs with {expected})"
            )
        elif local and torch_local and local != torch_local:
            problems.append(f"{name} {dist.version} is a {local} build, torch {torch.version} a {torch_local} build")
        problems += unmet_torch_requirement(name, dist.requires, torch.version)
    return problems


def parsed_requirements(lines: Iterable[str]) -> Iterator[tuple[str, Requirement]]:
    """Each Requires-Dist line with its parsed requirement; lines that are not valid PEP 508 are skipped."""
    for line in lines:
        try:
            yield line, Requirement(line)
        except InvalidRequirement:
            continue


def unmet_torch_requirement(name: str, requires: tuple[str, ...], torch_version: str) -> list[str]:
    problems = []
    for _line, req in parsed_requirements(requires):
        if canonicalize_name(req.name) != "torch" or (req.marker is not None and "extra" in str(req.marker)):
            continue
        try:
            ok = req.specifier.contains(Version(torch_version), prereleases=True)
        except InvalidVersion:
            continue
        if not ok:
            problems.append(f"{name} requires torch{req.specifier}, but torch {torch_version} is installed")
    return problems


def _public(version: str) -> str:
    return version.partition("+")[0]


def _minor(version: str) -> tuple[str, ...]:
    return tuple(version.split(".")[:2])


def visible_device_count(value: str, seen: int, uuids: tuple[str, ...] = ()) -> int:
    """How many GPUs CUDA exposes for a CUDA_VISIBLE_DEVICES value: entries up to the first invalid one."""
    count = 0
    used: set[str] = set()
    for raw in value.split(","):
        entry = raw.strip()
        if entry.isdigit() or (entry.startswith("-") and entry[1:].isdigit()):
            if not 0 <= int(entry) < seen or entry in used:
                break
        elif entry.startswith(("GPU-", "MIG-")):
            if uuids and entry.startswith("GPU-") and not any(u.startswith(entry) for u in uuids):
                break
        else:
            break
        used.add(entry)
        count += 1
    return count


