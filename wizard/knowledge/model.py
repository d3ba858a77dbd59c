"""Typed tables of the knowledge base (filled from resources/knowledge/*.json).

Every entry carries ``source``: the key of a source in ``Knowledge.sources`` or a URL (several are
joined with ", "; ``Knowledge.sources_for`` resolves them).
The loader (wizard.knowledge.loader) validates the files and builds these objects once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from packaging.version import InvalidVersion, Version

# Platform keys used throughout: "<os>-<machine>" with os in linux/windows/darwin and
# machine normalised ("x86_64", "aarch64", "arm64").
PLATFORMS = ("linux-x86_64", "linux-aarch64", "windows-x86_64", "windows-arm64", "darwin-arm64", "darwin-x86_64")
# 32-bit ARM machines (a 32-bit operating system): no PyTorch wheel exists for any Python there, and no 64-bit Python
# can be installed on them (a 64-bit OS is the way)
THIRTY_TWO_BIT_ARM = frozenset({"armv7l", "armv6l"})


def platform_key(os_name: str, machine: str) -> str:
    """The "<os>-<machine>" key of an OS and a CPU name as any source spells it ("AMD64", "ARM64", "aarch64"):
    ARM is "aarch64" on Linux and "arm64" elsewhere, as PyTorch names its wheels."""
    machine = machine.lower()
    if machine in ("amd64", "x64"):
        machine = "x86_64"
    elif machine in ("arm64", "aarch64"):
        machine = "aarch64" if os_name == "linux" else "arm64"
    return f"{os_name}-{machine}"


@dataclass(frozen=True)
class Source:
    key: str
    title: str
    url: str


@dataclass(frozen=True)
class DriverFloor:
    """Minimum driver for a CUDA major under minor-version compatibility (what pip wheels need)."""

    cuda_major: int
    linux: str  # "525.60.13"
    windows: str  # "528.33"
    source: str


@dataclass(frozen=True)
class ToolkitDriver:
    """The driver bundled with a toolkit release (NV-RN Table 3): full features incl. PTX JIT."""

    cuda: str  # "12.8" (GA) or "12.8.1" (update)
    linux: str
    windows: str  # "" when NVIDIA lists N/A
    source: str


@dataclass(frozen=True)
class Variant:
    """One build of one torch release: cpu, cu126, rocm7.2 ..."""

    name: str  # "cu126" | "cpu" | "rocm7.2" | "xpu"
    kind: str  # "cuda" | "cpu" | "rocm" | "xpu"
    cuda: str = ""  # "12.6" for cuda variants
    platforms: tuple[str, ...] = ()  # where this variant is published (PLATFORMS keys)
    # Compute capabilities with kernels, per platform: ("5.0", "6.0", ..., "12.0+PTX")
    arch_lists: tuple[tuple[str, tuple[str, ...]], ...] = ()
    cudnn: str = ""  # "9.10.2.21"
    source: str = ""
    # Platforms whose wheels carry no "+<name>" local version label (macOS; aarch64 CPU wheels before 2.6).
    unlabelled_platforms: tuple[str, ...] = ()

    def local_label(self, platform: str) -> str:
        """The local version label pip must be asked for on ``platform`` ("cu130"), "" where wheels have none."""
        return "" if platform in self.unlabelled_platforms else self.name

    def arch_list(self, platform: str) -> tuple[str, ...]:
        for key, archs in self.arch_lists:
            if key == platform:
                return archs
        for key, archs in self.arch_lists:  # fall back to the same OS on another machine
            if key.split("-")[0] == platform.split("-")[0]:
                return archs
        return ()


@dataclass(frozen=True)
class Release:
    version: str  # "2.13.0"
    date: str  # "2026-06-10" or "" if unknown
    python_min: str  # "3.10"
    python_max: str  # "3.14"
    variants: tuple[Variant, ...]
    pypi_default: tuple[tuple[str, str], ...] = ()  # (platform, variant name) of `pip install torch` from PyPI
    torchvision: str = ""  # the matching version, "" when none
    torchaudio: str = ""  # "" when no torchaudio exists for this release (>= 2.12)
    numpy1_only: tuple[str, ...] = ()  # OS names ("linux", "windows", "darwin") where it needs numpy<2
    min_glibc: str = ""  # "2.28" for manylinux_2_28 wheels
    min_vc_runtime: str = ""  # Windows: msvcp140.dll version needed ("14.40")
    verified: bool = True  # False for entries the fact sheet marks unverified
    source: str = ""

    @property
    def parsed(self) -> Version:
        return Version(self.version)

    def variant(self, name: str) -> Variant | None:
        for variant in self.variants:
            if variant.name == name:
                return variant
        return None

    def variants_for(self, platform: str) -> tuple[Variant, ...]:
        return tuple(v for v in self.variants if platform in v.platforms)

    def supports_python(self, python_version: str) -> bool:
        major_minor = _major_minor(python_version)
        return major_minor is not None and _major_minor(self.python_min) <= major_minor <= _major_minor(self.python_max)

    def default_variant(self, platform: str) -> str:
        for key, name in self.pypi_default:
            if key == platform:
                return name
        return ""


@dataclass(frozen=True)
class GpuFamily:
    name: str  # "Ampere"
    capabilities: tuple[str, ...]  # ("8.0", "8.6", "8.7")
    examples: str  # "RTX 3050-3090 Ti, A100, A40"
    source: str


@dataclass(frozen=True)
class GpuModel:
    """Name patterns → compute capability, for GPUs named in pasted text or found on PCI without a driver."""

    pattern: str  # case-insensitive regular expression matched against a GPU name
    capability: str
    family: str
    source: str


@dataclass(frozen=True)
class WindowsPrerequisite:
    key: str  # "vc_redist_x64"
    name: str  # "Microsoft Visual C++ Redistributable (x64)"
    url: str
    min_version: str  # "14.40"
    applies_from_torch: str  # "2.9.0"
    source: str


@dataclass(frozen=True)
class KnownIssue:
    """A known problem of some releases on one OS (windows.json known_issues)."""

    key: str  # "win_libomp_2_4_0"
    os: str  # "windows"
    torch: str  # PEP 440 specifier of the affected torch versions ("==2.4.0"), "" = any
    fixed_in: str  # first torch version without it, "" = not a torch bug
    summary: str
    source: str


@dataclass(frozen=True)
class IndexNote:
    """Where the package index and the bundled knowledge differ (wizard.index.merge)."""

    kind: str  # "newer" | "confirmed" | "missing_wheel" | "missing_variant"
    version: str  # torch version ("2.17.0"); "" for a whole variant
    variant: str = ""


@dataclass(frozen=True)
class IndexSummary:
    """Which source the release tables came from for this diagnosis, and how old it is."""

    source: str  # "index" (read now) | "cache" | "bundled"
    base: str  # the index base read (without credentials)
    fetched_at: str = ""  # ISO 8601 of the index answer, "" for bundled
    reason: str = ""  # why the cache or the bundled tables were used (English, for logs and details)
    reason_key: str = ""  # the same as a catalog phrase ("phrase.index_reason.offline"), "" when none fits
    reason_fields: tuple[tuple[str, str], ...] = ()  # the phrase's data fields
    provenance: tuple[tuple[str, str], ...] = ()  # (torch version, "index" | "bundled") for the releases that matter
    notes: tuple[IndexNote, ...] = ()


@dataclass(frozen=True)
class DriverBranch:
    """The newest NVIDIA driver branch that still supports an architecture (platforms.json)."""

    family: str
    capabilities: tuple[str, ...]
    last_branch: str  # "470"
    source: str


@dataclass(frozen=True)
class PlatformFacts:
    """platforms.json: what exists per platform and vendor beyond the release table."""

    driver_branches: tuple[DriverBranch, ...] = ()
    rocm_archs: tuple[tuple[int, tuple[str, ...]], ...] = ()  # (ROCm major, gfx targets of PyTorch's wheels)
    amd_gpus: tuple[tuple[str, str], ...] = ()  # (name pattern, gfx target)
    python_last_torch: tuple[tuple[str, str, str], ...] = ()  # (python "3.8", last torch "2.4.1", its date)
    intel_mac_last: str = ""  # "2.2.2"
    jetson_url: str = ""
    xpu_min_torch: str = ""
    xpu_platforms: tuple[str, ...] = ()
    xpu_gpus: tuple[str, ...] = ()  # name patterns of the Intel GPU families the XPU builds support
    mps_min_torch: str = ""


@dataclass(frozen=True)
class Knowledge:
    checked_on: str  # date the data was last checked against its sources ("2026-11-24")
    sources: tuple[Source, ...]
    driver_floors: tuple[DriverFloor, ...]
    toolkit_drivers: tuple[ToolkitDriver, ...]
    releases: tuple[Release, ...]  # newest first
    gpu_families: tuple[GpuFamily, ...]
    gpu_models: tuple[GpuModel, ...]
    windows_prerequisites: tuple[WindowsPrerequisite, ...] = ()
    url_allow_list: tuple[str, ...] = ()  # URL prefixes the GUI may open
    urls: tuple[tuple[str, str], ...] = field(default=())  # named URLs: ("driver_download", "https://...")
    known_issues: tuple[KnownIssue, ...] = ()
    index: IndexSummary | None = None  # set when the package index's answer was merged in (wizard.index.merge)
    platforms: PlatformFacts = field(default_factory=PlatformFacts)

    # ------------------------------------------------------------------ queries

    def release(self, version: str) -> Release | None:
        """The release entry for a torch version; local parts ("+cu126") and patch levels are ignored
        when there is no exact entry (2.9.1 falls back to 2.9.0's entry)."""
        wanted = _public(version)
        if wanted is None:
            return None
        exact = [r for r in self.releases if Version(r.version) == wanted]
        if exact:
            return exact[0]
        same_minor = [r for r in self.releases if Version(r.version).release[:2] == wanted.release[:2]]
        return max(same_minor, key=lambda r: Version(r.version), default=None)

    def newest_release(self, verified_only: bool = True) -> Release:
        candidates = [r for r in self.releases if r.verified or not verified_only]
        return max(candidates, key=lambda r: Version(r.version))

    def driver_floor(self, cuda_version: str, os_name: str) -> str | None:
        """Minimum driver for a wheel built with ``cuda_version`` ("12.8") on ``os_name``."""
        major = _cuda_major(cuda_version)
        for floor in self.driver_floors:
            if floor.cuda_major == major:
                return floor.windows if os_name == "windows" else floor.linux
        return None

    def toolkit_driver(self, cuda_version: str, os_name: str) -> str | None:
        """The GA driver bundled with toolkit ``cuda_version`` (needed for PTX JIT of its PTX)."""
        wanted = _major_minor(cuda_version)
        for entry in self.toolkit_drivers:
            if _major_minor(entry.cuda) == wanted and entry.cuda.count(".") == 1:
                value = entry.windows if os_name == "windows" else entry.linux
                return value or None
        return None

    def family_for_capability(self, capability: str) -> GpuFamily | None:
        for family in self.gpu_families:
            if capability in family.capabilities:
                return family
        return None

    def gpu_model(self, name: str) -> GpuModel | None:
        """The first model pattern matching a GPU name ("NVIDIA GeForce RTX 4070 Laptop GPU"), case-insensitive.
        A pattern that is not a valid regular expression (only a hand-built Knowledge can hold one) matches nothing."""
        for model in self.gpu_models:
            try:
                if re.search(model.pattern, name, re.IGNORECASE):
                    return model
            except re.error:
                continue
        return None

    def sources_for(self, source: str) -> tuple[Source, ...]:
        """Resolve an entry's ``source`` field: keys (and https URLs) separated by ", "."""
        by_key = {s.key: s for s in self.sources}
        resolved = []
        for item in (part.strip() for part in source.split(", ")):
            if item in by_key:
                resolved.append(by_key[item])
            elif item.startswith("https://"):
                resolved.append(Source(key=item, title=item, url=item))
        return tuple(resolved)

    def last_driver_for(self, capability: str) -> str:
        """The newest driver branch for a GPU of this compute capability, "" when current drivers support it."""
        for branch in self.platforms.driver_branches:
            if capability in branch.capabilities:
                return branch.last_branch
        return ""

    def amd_gfx(self, name: str, device_id: int = 0) -> str:
        """The gfx target of an AMD GPU from its name ("AMD Radeon RX 7900 XTX" → "gfx1100"), "" unknown."""
        for pattern, gfx in self.platforms.amd_gpus:
            try:
                if name and re.search(pattern, name, re.IGNORECASE):
                    return gfx
            except re.error:
                continue
        return ""

    def xpu_supports(self, name: str) -> bool:
        """Whether an Intel GPU of this name is in a family PyTorch's XPU builds are validated on."""
        return bool(name) and any(re.search(p, name, re.IGNORECASE) for p in self.platforms.xpu_gpus)

    def rocm_gfx(self, variant: str) -> tuple[str, ...]:
        """The gfx targets a ROCm build ("rocm7.1") has kernels for; () when unknown."""
        match = re.match(r"rocm(\d+)", variant)
        major = int(match.group(1)) if match else -1
        return next((gfx for rocm_major, gfx in self.platforms.rocm_archs if rocm_major == major), ())

    def url(self, name: str) -> str:
        for key, value in self.urls:
            if key == name:
                return value
        raise KeyError(f"no URL named {name!r} in the knowledge base")


def _public(version: str) -> Version | None:
    try:
        return Version(Version(version).public)
    except InvalidVersion:
        return None


def _major_minor(version: str) -> tuple[int, int] | None:
    parts = version.strip().split(".")
    try:
        return int(parts[0]), int(parts[1]) if len(parts) > 1 else 0
    except (ValueError, IndexError):
        return None


def _cuda_major(version: str) -> int | None:
    parsed = _major_minor(version)
    return parsed[0] if parsed else None


def capability_covered(capability: str, arch_list: tuple[str, ...] | list[str]) -> bool:
    """Whether kernels for a GPU of ``capability`` ("8.9") exist in ``arch_list``.

    Accepts both the knowledge form ("8.6", "12.0+PTX") and torch's get_arch_list() form
    ("sm_86", "compute_120"). A cubin sm_XY runs on same-major GPUs with minor >= Y; PTX
    compute_XY (or "X.Y+PTX") JIT-compiles for any GPU with capability >= X.Y.
    """
    gpu = _major_minor(capability)
    if gpu is None:
        return False
    for entry in arch_list:
        cubin, ptx = _parse_arch(entry)
        if _cubin_runs_on(cubin, gpu):
            return True
        if ptx and ptx <= gpu:
            return True
    return False


def cubin_covers(capability: str, arch_list: tuple[str, ...] | list[str]) -> bool:
    """Whether compiled kernels (a cubin, not only PTX to JIT) for a GPU of ``capability`` exist in ``arch_list``."""
    gpu = _major_minor(capability)
    return gpu is not None and any(_cubin_runs_on(_parse_arch(entry)[0], gpu) for entry in arch_list)


def _cubin_runs_on(cubin: tuple[int, int] | None, gpu: tuple[int, int]) -> bool:
    return cubin is not None and cubin[0] == gpu[0] and cubin[1] <= gpu[1]  # (binary compatibility within a major)


def _parse_arch(entry: str) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    entry = entry.strip()
    if entry.startswith("sm_") or entry.startswith("compute_"):
        digits = entry.split("_", 1)[1].rstrip("a").rstrip("f")
        if not digits.isdigit() or len(digits) < 2:
            return None, None
        value = (int(digits[:-1]), int(digits[-1]))
        return (value, None) if entry.startswith("sm_") else (None, value)
    ptx = entry.endswith("+PTX")
    parsed = _major_minor(entry.replace("+PTX", ""))
    if parsed is None:
        return None, None
    return parsed, (parsed if ptx else None)
