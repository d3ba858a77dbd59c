"""CUDA toolkits, and the CUDA / cuDNN / NCCL libraries on the library search path and in system folders.

A pip wheel of torch needs none of these; they matter because a toolkit decides how extensions
are built, and a library on LD_LIBRARY_PATH / PATH can shadow the copy the wheel brings.
Programs run only through the runner, files are read only under ``root``, variables only from ``env``.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from wizard.facts.host import os_key
from wizard.facts.reasons import because
from wizard.facts.runner import Runner, run_command
from wizard.snapshot import CudaToolkit, ExtensionCudaHome, Fact, FactStatus, LibraryCopy, ToolkitFacts

NVCC_TIMEOUT_S = 30.0
WRAPPER_MAX_BYTES = 64 * 1024
WINDOWS_TOOLKIT_FOLDER = "NVIDIA GPU Computing Toolkit/CUDA"

_LINUX_LIBRARY = re.compile(
    r"^lib(?P<family>cudart|cudnn(?:_[a-z_]+)?|cublasLt|cublas|nccl|nvrtc|cufft|curand|cusparse|cusolver|nvJitLink|"
    r"cupti|cuda)\.so(?:\.(?P<version>\d+(?:\.\d+)*))?$"
)
_WINDOWS_LIBRARY = re.compile(
    r"^(?P<family>cudart|cudnn(?:_[a-z_]+)?|cublasLt|cublas|nvrtc|cufft|curand|cusparse|cusolver|nvJitLink|cupti)"
    r"64_(?P<version>\d+)(?:_\d+)?\.dll$",
    re.IGNORECASE,
)
_NVCC_RELEASE = re.compile(r"release (\d+\.\d+), V(\d+(?:\.\d+)+)")
_NVCC_RELEASE_SHORT = re.compile(r"release (\d+\.\d+)")
_CUDNN_DEFINE = re.compile(r"#define\s+CUDNN_(MAJOR|MINOR|PATCHLEVEL)\s+(\d+)")
# Folders the Linux loader searches without LD_LIBRARY_PATH (besides /etc/ld.so.conf.d entries).
_LOADER_DEFAULT_DIRS = (
    "/lib",
    "/usr/lib",
    "/lib64",
    "/usr/lib64",
    "/lib/x86_64-linux-gnu",
    "/usr/lib/x86_64-linux-gnu",
    "/lib/aarch64-linux-gnu",
    "/usr/lib/aarch64-linux-gnu",
)
_LINUX_SYSTEM_LIB_DIRS = ("usr/lib/x86_64-linux-gnu", "usr/lib/aarch64-linux-gnu", "usr/lib64", "usr/lib")


def collect_toolkit(
    env: Mapping[str, str], root: Path = Path("/"), runner: Runner = run_command, sys_platform: str = sys.platform
) -> ToolkitFacts:
    os_name = os_key(sys_platform)
    if os_name == "darwin":
        not_here = Fact.missing(FactStatus.NOT_APPLICABLE, because("reason.macos_no_toolkit"))
        return ToolkitFacts(toolkits=not_here, search_path_libraries=not_here, system_cudnn=not_here)
    system = System(root=root, env=env, windows=os_name == "windows")
    toolkits = find_toolkits(system, runner)
    return ToolkitFacts(
        toolkits=Fact.found(toolkits),
        search_path_libraries=Fact.found(find_search_path_libraries(system)),
        system_cudnn=Fact.found(find_system_cudnn(system, toolkits)),
        extension_cuda_home=extension_cuda_home(system),
    )


def extension_cuda_home(system: System) -> Fact[ExtensionCudaHome]:
    """CUDA_HOME as torch.utils.cpp_extension._find_cuda_home() works it out: CUDA_HOME or CUDA_PATH; else
    the folder above the first nvcc on PATH, NOT following links or wrapper scripts (a /usr/local/bin/nvcc
    wrapper gives /usr/local); else the default folder. It is what an extension build would use."""
    for name in ("CUDA_HOME", "CUDA_PATH"):
        if system.var(name):
            return Fact.found(_cuda_home(system.var(name), name, system))
    on_path = _nvcc_on_path(system)
    if on_path:
        native = _native(on_path[0], system)
        return Fact.found(_cuda_home(native.rsplit("/", 2)[0] if "/" in native else native, "nvcc on PATH", system))
    defaults = _default_folders(system)
    if defaults and defaults[0][0].exists():
        return Fact.found(_cuda_home(_native(defaults[0][0], system), "default folder", system))
    return Fact.missing(FactStatus.NOT_FOUND, because("reason.no_cuda_home"))


def _native(path: Path, system: System) -> str:
    """The path as the user's system names it (without the stand-in root used by tests)."""
    if system.is_real_root:
        return str(path).replace("\\", "/") if system.windows else str(path)
    return "/" + str(path.relative_to(system.root)).replace("\\", "/")


def _cuda_home(native: str, source: str, system: System) -> ExtensionCudaHome:
    folder = system.path(native)
    has_toolkit = (folder / "bin" / system.nvcc_name).is_file() and (folder / "include" / "cuda_runtime.h").is_file()
    return ExtensionCudaHome(path=native, source=source, is_toolkit=has_toolkit, exists=folder.is_dir())


# --------------------------------------------------------------------------- where things are


@dataclass(frozen=True)
class System:
    """The filesystem root, the environment and the OS flavour the collector looks at."""

    root: Path
    env: Mapping[str, str]
    windows: bool = False

    def var(self, name: str) -> str:
        """An environment variable, "" when unset (case-insensitive on Windows, as the OS is)."""
        if name in self.env:
            return self.env[name]
        if self.windows:
            for key, value in self.env.items():
                if key.upper() == name.upper():
                    return value
        return ""

    def var_names(self, prefix: str) -> list[str]:
        names = [key for key in self.env if (key.upper() if self.windows else key).startswith(prefix)]
        return sorted(names)

    def search_path(self, name: str) -> list[str]:
        separator = ";" if self.windows else ":"
        return [entry.strip().strip('"') for entry in self.var(name).split(separator) if entry.strip().strip('"')]

    @property
    def is_real_root(self) -> bool:
        return str(self.root) in ("/", "\\")

    def path(self, native: str) -> Path:
        """The file a native path names, under ``root`` (drive letters drop off when root stands in for it).

        Under a stand-in root, symlinks on the way are followed inside it (an absolute link target
        such as /usr/local/cuda -> /usr/local/cuda-12.4 means root/usr/local/cuda-12.4).
        """
        if self.is_real_root:
            return Path(native)
        return self.resolve(self.root / self._relative(native))

    def _relative(self, native: str) -> str:
        rest = re.sub(r"^[A-Za-z]:", "", native).replace("\\", "/") if self.windows else native
        return rest.lstrip("/")

    def resolve(self, path: Path) -> Path:
        """Follow symlinks; under a stand-in root, absolute link targets are read inside it."""
        if self.is_real_root:
            return Path(os.path.realpath(path))
        try:
            pending = list(path.relative_to(self.root).parts)
        except ValueError:
            return Path(os.path.realpath(path))
        current, hops = self.root, 0
        while pending:
            part = pending.pop(0)
            if part == "..":
                current = current.parent if current != self.root else current
                continue
            candidate = current / part
            if candidate.is_symlink() and hops < 40:
                hops += 1
                target = os.readlink(candidate)
                if os.path.isabs(target):
                    current = self.root
                    target = self._relative(target)
                pending[:0] = [piece for piece in Path(target).parts if piece not in ("", ".")]
                continue
            current = candidate
        return current

    def key(self, path: Path) -> str:
        return os.path.normcase(str(self.resolve(path)))

    @property
    def nvcc_name(self) -> str:
        return "nvcc.exe" if self.windows else "nvcc"


# --------------------------------------------------------------------------- toolkits


@dataclass
class _Candidate:
    root: Path
    labels: list[str] = field(default_factory=list)
    nvcc: Path | None = None  # the nvcc that led here (PATH), when the root's own bin has none


def find_toolkits(system: System, runner: Runner) -> tuple[CudaToolkit, ...]:
    """Every toolkit reachable through PATH, CUDA_HOME/CUDA_PATH(_V*) and the default folders, deduplicated."""
    candidates: dict[str, _Candidate] = {}
    for folder, label, nvcc in _toolkit_sightings(system):
        if not system.resolve(folder).is_dir():
            continue
        entry = candidates.setdefault(system.key(folder), _Candidate(root=system.resolve(folder)))
        if label not in entry.labels:
            entry.labels.append(label)
        entry.nvcc = entry.nvcc or nvcc
    active = _active_key(system)
    return tuple(_describe(key, candidate, key == active, system, runner) for key, candidate in candidates.items())


def _toolkit_sightings(system: System) -> Iterable[tuple[Path, str, Path | None]]:
    for nvcc in _nvcc_on_path(system):
        yield _toolkit_root_of_nvcc(nvcc, system), "PATH", nvcc
    for name in ("CUDA_HOME", "CUDA_PATH", *system.var_names("CUDA_PATH_V")):
        if system.var(name):
            yield system.path(system.var(name)), name, None
    for folder, label in _default_folders(system):
        yield folder, label, None


def _nvcc_on_path(system: System) -> list[Path]:
    found = []
    for entry in system.search_path("PATH"):
        nvcc = system.path(entry) / system.nvcc_name
        if system.resolve(nvcc).is_file():
            found.append(nvcc)
    return found


def _default_folders(system: System) -> list[tuple[Path, str]]:
    if system.windows:
        program_files = system.path(system.var("ProgramFiles") or "C:\\Program Files")
        base = program_files / WINDOWS_TOOLKIT_FOLDER
        return [(folder, "Program Files") for folder in _sorted_glob(base, "v*")]
    local = system.path("/usr/local")
    folders = [(local / "cuda", "/usr/local/cuda")]
    folders += [(folder, f"/usr/local/{folder.name}") for folder in _sorted_glob(local, "cuda-*")]
    folders.append((system.path("/opt/cuda"), "/opt/cuda"))
    return folders


def _sorted_glob(folder: Path, pattern: str) -> list[Path]:
    try:
        return sorted(folder.glob(pattern))
    except OSError:
        return []


def _toolkit_root_of_nvcc(nvcc: Path, system: System) -> Path:
    """The toolkit an nvcc belongs to, seeing through symlinks and small exec wrappers (/usr/local/bin/nvcc)."""
    real = system.resolve(nvcc)
    folder = real.parent.parent
    if _looks_like_toolkit(folder):
        return folder
    target = _wrapper_target(real, system)
    return system.resolve(target).parent.parent if target else folder


def _looks_like_toolkit(folder: Path) -> bool:
    markers = ("version.json", "version.txt", "include/cuda_runtime.h", "include/cuda.h")
    return any((folder / marker).is_file() for marker in markers)


def _wrapper_target(script: Path, system: System) -> Path | None:
    """The real nvcc a shell wrapper execs ("exec /usr/local/cuda-13.0/bin/nvcc "$@"")."""
    try:
        if script.stat().st_size > WRAPPER_MAX_BYTES:
            return None
        data = script.read_bytes()
    except OSError:
        return None
    if not data.startswith(b"#!"):
        return None
    text = data.decode(errors="replace")
    for match in re.finditer(r"(/[^\s\"';$]+/bin/nvcc)(?![\w.])", text):
        target = system.path(match.group(1))
        if target.is_file() and system.resolve(target) != script:
            return target
    return None


def _active_key(system: System) -> str | None:
    """The toolkit torch.utils.cpp_extension would build with: CUDA_HOME, CUDA_PATH, nvcc on PATH, default."""
    home = system.var("CUDA_HOME") or system.var("CUDA_PATH")
    if home:
        folder = system.path(home)
        return system.key(folder) if folder.is_dir() else None
    on_path = _nvcc_on_path(system)
    if on_path:
        return system.key(_toolkit_root_of_nvcc(on_path[0], system))
    defaults = _default_folders(system)
    if defaults and system.resolve(defaults[0][0]).is_dir():
        return system.key(defaults[0][0])
    return None


def _describe(key: str, candidate: _Candidate, active: bool, system: System, runner: Runner) -> CudaToolkit:
    own_nvcc = candidate.root / "bin" / system.nvcc_name
    nvcc = own_nvcc if system.resolve(own_nvcc).is_file() else candidate.nvcc
    version, source = toolkit_version(candidate.root, nvcc, runner)
    return CudaToolkit(
        root=str(candidate.root),
        version=version,
        version_source=source,
        found_via=tuple(candidate.labels),
        nvcc=str(nvcc) if nvcc else "",
        active=active,
    )


def toolkit_version(folder: Path, nvcc: Path | None, runner: Runner) -> tuple[str, str]:
    """(version, where it came from): version.json, version.txt, else ``nvcc --version``; ("", "") if none."""
    from_json = _version_from_json(folder / "version.json")
    if from_json:
        return from_json, "version.json"
    from_txt = _version_from_txt(folder / "version.txt")
    if from_txt:
        return from_txt, "version.txt"
    if nvcc is not None:
        result = runner([str(nvcc), "--version"], timeout=NVCC_TIMEOUT_S)
        if result.ok:
            version = parse_nvcc_version(result.stdout)
            if version:
                return version, "nvcc --version"
    return "", ""


def _version_from_json(path: Path) -> str:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        version = data["cuda"]["version"]
    except (OSError, ValueError, KeyError, TypeError):
        return ""
    return version if isinstance(version, str) else ""


def _version_from_txt(path: Path) -> str:
    try:
        match = re.search(r"CUDA Version\s+(\d+(?:\.\d+)+)", path.read_text(errors="replace"))
    except OSError:
        return ""
    return match.group(1) if match else ""


def parse_nvcc_version(text: str) -> str:
    """ "Cuda compilation tools, release 13.0, V13.0.88" -> "13.0.88" ("13.0" without the V part)."""
    match = _NVCC_RELEASE.search(text)
    if match:
        return match.group(2)
    short = _NVCC_RELEASE_SHORT.search(text)
    return short.group(1) if short else ""


# --------------------------------------------------------------------------- libraries


def library_from_name(name: str, windows: bool) -> tuple[str, str] | None:
    """(family, version from the file name) for a CUDA/cuDNN/NCCL library file name, None for other files.

    "libcudnn_ops.so.9.1.0" -> ("cudnn", "9.1.0"); "cudart64_110.dll" -> ("cudart", "11.0").
    """
    match = (_WINDOWS_LIBRARY if windows else _LINUX_LIBRARY).match(name)
    if not match:
        return None
    family = match.group("family").lower()
    family = {"cublaslt": "cublas"}.get(family, family)
    if family.startswith("cudnn"):
        family = "cudnn"
    version = match.group("version") or ""
    if windows and len(version) == 3:  # cudart64_110.dll is CUDA 11.0, nvrtc64_120_0.dll 12.0
        version = f"{version[:2]}.{version[2]}"
    return family, version


def find_search_path_libraries(system: System) -> tuple[LibraryCopy, ...]:
    """CUDA/cuDNN/NCCL libraries in the folders of LD_LIBRARY_PATH (Linux) or PATH (Windows)."""
    variable = "PATH" if system.windows else "LD_LIBRARY_PATH"
    copies: list[LibraryCopy] = []
    for entry in system.search_path(variable):
        copies += libraries_in(system.path(entry), system, search_path=variable)
    return tuple(copies)


def find_system_cudnn(system: System, toolkits: Iterable[CudaToolkit] = ()) -> tuple[LibraryCopy, ...]:
    """cuDNN copies in system folders: the distribution's lib dirs and toolkit lib folders (bin on Windows)."""
    loader_dirs = set() if system.windows else _loader_dirs(system)
    copies: list[LibraryCopy] = []
    seen: set[str] = set()
    for folder in map(system.resolve, _system_library_folders(system, toolkits)):
        if not folder.is_dir() or system.key(folder) in seen:
            continue
        seen.add(system.key(folder))
        label = "ldconfig" if system.key(folder) in loader_dirs else ""
        copies += [copy for copy in libraries_in(folder, system, search_path=label) if copy.family == "cudnn"]
    return tuple(copies)


def _system_library_folders(system: System, toolkits: Iterable[CudaToolkit]) -> list[Path]:
    toolkit_roots = [Path(toolkit.root) for toolkit in toolkits]
    if system.windows:
        program_files = system.path(system.var("ProgramFiles") or "C:\\Program Files")
        cudnn_installs = _sorted_glob(program_files / "NVIDIA" / "CUDNN", "v*")
        folders = [root / "bin" for root in toolkit_roots]
        for install in cudnn_installs:  # cuDNN 9 installer: CUDNN\v9.x\bin\12.x\cudnn64_9.dll
            folders += [install / "bin", *_sorted_glob(install / "bin", "*")]
        return folders
    folders = [system.path("/" + folder) for folder in _LINUX_SYSTEM_LIB_DIRS]
    local = system.path("/usr/local")
    for toolkit_root in [*toolkit_roots, *_sorted_glob(local, "cuda*"), system.path("/opt/cuda")]:
        folders += [toolkit_root / "lib64", toolkit_root / "lib", *_sorted_glob(toolkit_root / "targets", "*/lib")]
    return folders


def _loader_dirs(system: System) -> set[str]:
    """Keys of the folders the Linux loader searches by default or through /etc/ld.so.conf.d."""
    native = list(_LOADER_DEFAULT_DIRS)
    for conf in _sorted_glob(system.path("/etc/ld.so.conf.d"), "*.conf"):
        try:
            lines = conf.read_text(errors="replace").splitlines()
        except OSError:
            continue
        native += [line.strip() for line in lines if line.strip().startswith("/")]
    return {system.key(system.path(entry)) for entry in native if system.path(entry).is_dir()}


def libraries_in(folder: Path, system: System, search_path: str = "") -> list[LibraryCopy]:
    """The CUDA-family libraries in one folder, one entry per real file (symlinked sonames folded in)."""
    try:
        names = sorted(entry.name for entry in folder.iterdir())
    except OSError:
        return []
    best: dict[str, tuple[Path, str, str]] = {}
    for name in names:
        parsed = library_from_name(name, system.windows)
        if parsed is None:
            continue
        family, version = parsed
        path = folder / name
        real = os.path.normcase(os.path.realpath(path))
        current = best.get(real)
        if current is None or version.count(".") > current[2].count(".") or (current[2] == "" and version):
            best[real] = (path, family, version)
    copies = [
        LibraryCopy(path=str(path), family=family, version=version, search_path=search_path)
        for path, family, version in best.values()
    ]
    return [_with_cudnn_header_version(copy) for copy in copies]


def _with_cudnn_header_version(copy: LibraryCopy) -> LibraryCopy:
    """cuDNN's full version from cudnn_version.h next to the library, when its major matches the file's."""
    if copy.family != "cudnn":
        return copy
    header_version = cudnn_header_version(Path(copy.path).parent)
    if not header_version:
        return copy
    file_major = copy.version.split(".")[0]
    if file_major and file_major != header_version.split(".")[0]:
        return copy
    if copy.version.count(".") >= header_version.count("."):
        return copy
    return replace(copy, version=header_version)


def cudnn_header_version(library_folder: Path) -> str:
    """ "9.1.0" from the cudnn_version*.h (or cuDNN 7's cudnn.h) beside the library or in ../include."""
    includes = (
        library_folder,
        library_folder.parent / "include",
        library_folder.parent.parent / "include",
        library_folder.parent.parent / "include" / library_folder.name,  # Debian: /usr/include/x86_64-linux-gnu
    )
    for include in includes:
        for header in (*_sorted_glob(include, "cudnn_version*.h"), include / "cudnn.h"):
            version = _cudnn_version_from_header(header)
            if version:
                return version
    return ""


def _cudnn_version_from_header(header: Path) -> str:
    try:
        text = header.read_text(errors="replace")
    except OSError:
        return ""
    parts = dict(_CUDNN_DEFINE.findall(text))
    if "MAJOR" not in parts:
        return ""
    return f"{parts['MAJOR']}.{parts.get('MINOR', '0')}.{parts.get('PATCHLEVEL', '0')}"
