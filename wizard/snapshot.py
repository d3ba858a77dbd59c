"""The Snapshot: every fact the wizard gathered about one machine, frozen.

Nothing downstream of the collectors touches the system again: checks, the GUI,
the CLI and reports read a Snapshot. A fact that could not be gathered is never
``None``: it is a :class:`Fact` whose ``problem`` says why (not found, command
failed with exit code and stderr tail, timed out, not applicable, unknown).

Conventions
-----------
* Plain string fields use ``""`` for "unknown" only inside records that came
  from pasted text (``Snapshot.source == "text"``), where a field the text did
  not mention stays unknown. Live collectors fill them or wrap the record in a
  failed :class:`Fact`.
* Versions are strings as the tool printed them ("550.127.08", "12.4",
  "2.13.0+cpu"); compute capabilities are "M.m" strings ("8.6").
* ``to_json`` / ``from_json`` round-trip exactly (``from_json(to_json(s)) == s``).
"""

from __future__ import annotations

import dataclasses
import enum
import json
import types
import typing
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from wizard.messages import Message

SNAPSHOT_SCHEMA = "torch-setup-wizard/snapshot@1"

T = TypeVar("T")


class FactStatus(str, enum.Enum):
    OK = "ok"
    NOT_FOUND = "not_found"  # looked, it is not there (not installed, no such file)
    FAILED = "failed"  # a command or call failed; argv / exit_code / stderr_tail say how
    TIMED_OUT = "timed_out"
    NOT_APPLICABLE = "not_applicable"  # e.g. /sys on Windows
    UNKNOWN = "unknown"  # not gathered (pasted text did not mention it, step skipped)


@dataclass(frozen=True)
class Problem:
    """Why a fact has no value."""

    status: FactStatus
    reason: str
    code: str = ""  # machine-readable cause, e.g. "nvml_driver_not_loaded"
    argv: tuple[str, ...] = ()
    exit_code: int | None = None
    signal: int | None = None
    stderr_tail: str = ""
    # The reason as catalog messages (resources/texts/facts.json) when a collector wrote it with
    # wizard.i18n.message: `facts` and reports show it in the reader's language. ``reason`` keeps the English text
    # that checks read and that older wizards show; () for a reason written in code or an older snapshot.
    reason_messages: tuple[Message, ...] = field(default=(), compare=False,  # the same problem either way
                                                  metadata={"omit_when_empty": True})

    def __post_init__(self) -> None:
        messages = getattr(self.reason, "messages", ())  # a wizard.i18n.RenderedText: keep its messages as data
        if messages and not self.reason_messages:
            object.__setattr__(self, "reason_messages", tuple(messages))
        if type(self.reason) is not str:
            object.__setattr__(self, "reason", str(self.reason))


@dataclass(frozen=True)
class Fact(Generic[T]):
    """A value, or the reason there is none."""

    value: T | None = None
    problem: Problem | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None

    @classmethod
    def found(cls, value: T) -> Fact[T]:
        return cls(value=value)

    @classmethod
    def missing(cls, status: FactStatus, reason: str, **details: Any) -> Fact[T]:
        return cls(problem=Problem(status=status, reason=reason, **details))

    @classmethod
    def unknown(cls, reason: str = "not gathered") -> Fact[T]:  # wizard.facts.reasons shows it translated
        return cls(problem=Problem(status=FactStatus.UNKNOWN, reason=reason))

    def get(self, default: Any = None) -> Any:
        return self.value if self.problem is None else default


# --------------------------------------------------------------------------- host


@dataclass(frozen=True)
class HostInfo:
    os: str  # "linux" | "windows" | "darwin" | "" (unknown)
    os_release: str = ""  # "Debian GNU/Linux 12 (bookworm)", "Windows 11 23H2"
    kernel: str = ""
    machine: str = ""  # normalised: "x86_64" | "aarch64" | "arm64" | "x86"
    hostname: str = ""
    is_wsl: bool = False
    libc: str = ""  # "glibc 2.36"
    # Environment variables that matter to the checks (CUDA_VISIBLE_DEVICES,
    # LD_LIBRARY_PATH, PATH, CUDA_HOME, CUDA_PATH*, CONDA_PREFIX, VIRTUAL_ENV ...).
    env: tuple[tuple[str, str], ...] = ()
    device_model: str = ""  # Linux device tree model ("NVIDIA Jetson AGX Orin Developer Kit"); "" elsewhere

    def env_var(self, name: str) -> str | None:
        for key, value in self.env:
            if key == name:
                return value
        return None


# --------------------------------------------------------------------------- GPU


@dataclass(frozen=True)
class PciDevice:
    address: str  # "0000:01:00.0" (Linux) or the PNPDeviceID (Windows)
    vendor_id: int  # 0x10DE NVIDIA, 0x1002 AMD, 0x8086 Intel
    device_id: int
    class_code: int = 0  # 0x030000 VGA, 0x030200 3D controller
    vendor: str = ""  # "nvidia" | "amd" | "intel" | "apple" | "other"
    name: str = ""  # model from the table or the OS ("NVIDIA GeForce RTX 3060")
    compute_capability: str = ""  # from the table for NVIDIA ids; "" if unknown
    # Linux: bound driver ("nvidia", "nouveau", "amdgpu", "i915"); Windows: the vendor key when the
    # vendor's driver is installed, "basic_display" when Windows fell back to its Basic Display Adapter.
    kernel_driver: str = ""
    # Windows only: the display driver's version, NVIDIA's own form for NVIDIA cards ("560.94"
    # from "32.0.15.6094"), as the OS reports it for others; "" elsewhere or when none is installed.
    driver_version: str = ""


@dataclass(frozen=True)
class NvmlGpu:
    index: int
    name: str
    compute_capability: str  # "8.6"
    memory_total_mib: int = 0
    pci_bus_id: str = ""
    pci_device_id: int = 0  # combined id as NVML reports it (0x220410DE)
    uuid: str = ""


@dataclass(frozen=True)
class NvmlInfo:
    driver_version: str  # "550.127.08"
    cuda_driver_version: str  # highest CUDA the driver supports, "12.4"
    gpus: tuple[NvmlGpu, ...] = ()
    nvml_version: str = ""
    # NVML functions this driver lacks (too old), e.g. ("nvmlSystemGetCudaDriverVersion_v2",);
    # the fields they would have filled are "" unless a fallback (v1 call, PCI id table) filled them.
    missing_functions: tuple[str, ...] = ()


@dataclass(frozen=True)
class KernelModules:
    """Linux only: which GPU kernel modules are loaded."""

    nvidia_loaded: bool = False
    nvidia_version: str = ""  # /sys/module/nvidia/version
    nouveau_loaded: bool = False
    proc_driver_version: str = ""  # first line of /proc/driver/nvidia/version
    secure_boot: str = ""  # "enabled" | "disabled" | "" (unknown)


@dataclass(frozen=True)
class GpuFacts:
    pci: Fact[tuple[PciDevice, ...]]
    nvml: Fact[NvmlInfo]
    kernel_modules: Fact[KernelModules]
    wsl_driver_libs: Fact[tuple[str, ...]] = field(
        default_factory=lambda: Fact.missing(FactStatus.NOT_APPLICABLE, "not WSL")
    )  # files under /usr/lib/wsl/lib (WSL 2 only)
    amd_gfx: Fact[tuple[str, ...]] = field(
        default_factory=lambda: Fact.missing(FactStatus.NOT_APPLICABLE, "not read")
    )  # gfx targets of the AMD GPUs the kernel's KFD driver lists ("gfx1100"), Linux only


# --------------------------------------------------------------------------- toolkit


@dataclass(frozen=True)
class CudaToolkit:
    root: str  # "/usr/local/cuda-13.0"
    version: str  # "13.0.48" / "13.0"
    version_source: str = ""  # "version.json" | "version.txt" | "nvcc --version"
    found_via: tuple[str, ...] = ()  # ("PATH", "CUDA_HOME", "/usr/local/cuda*", "CUDA_PATH_V12_4")
    nvcc: str = ""  # path to nvcc, "" when the toolkit has none
    active: bool = False  # the one a build of an extension would use


@dataclass(frozen=True)
class LibraryCopy:
    path: str  # full path of the file
    family: str  # "cudart" | "cudnn" | "cublas" | "nccl" | "nvrtc" | "cufft" | ...
    version: str = ""  # "12.4.127", "9.1.0" or just the soname major "12"
    search_path: str = ""  # which variable put it in reach: "LD_LIBRARY_PATH" | "PATH" | "ldconfig" | ""


@dataclass(frozen=True)
class ExtensionCudaHome:
    """The folder torch.utils.cpp_extension would use as CUDA_HOME to build CUDA extensions."""

    path: str
    source: str  # "CUDA_HOME" | "CUDA_PATH" | "nvcc on PATH" | "default folder"
    is_toolkit: bool  # whether it holds a toolkit (bin/nvcc and include/cuda_runtime.h)
    exists: bool = True  # False: the variable names a folder that is not there


@dataclass(frozen=True)
class ToolkitFacts:
    toolkits: Fact[tuple[CudaToolkit, ...]]
    search_path_libraries: Fact[tuple[LibraryCopy, ...]]  # CUDA/cuDNN/NCCL libs on LD_LIBRARY_PATH / PATH
    system_cudnn: Fact[tuple[LibraryCopy, ...]]  # cuDNN copies in system locations
    extension_cuda_home: Fact[ExtensionCudaHome] = field(default_factory=Fact.unknown)


# --------------------------------------------------------------------------- Python


@dataclass(frozen=True)
class Distribution:
    name: str  # canonical (PEP 503) name: "torch", "nvidia-cudnn-cu12"
    version: str
    location: str = ""  # the sys.path entry it lives in
    installer: str = ""  # contents of INSTALLER: "pip", "conda", "uv", ""
    requires: tuple[str, ...] = ()  # Requires-Dist lines
    damaged: tuple[str, ...] = ()  # RECORD files missing or of another size (first 20): a damaged install


@dataclass(frozen=True)
class DuplicateDistribution:
    name: str
    locations: tuple[str, ...]  # one entry per copy, first = the one that wins
    versions: tuple[str, ...] = ()


@dataclass(frozen=True)
class TorchVersionFile:
    """torch/version.py read as text, without importing torch."""

    path: str
    version: str  # "2.13.0+cpu"
    cuda: str = ""  # "" means None (a CPU or ROCm build)
    hip: str = ""
    git_version: str = ""


@dataclass(frozen=True)
class PythonFacts:
    executable: str
    version: str  # "3.11.7"
    implementation: str = "cpython"  # sys.implementation.name
    bits: int = 64
    os: str = ""  # as seen by the interpreter: "linux" | "windows" | "darwin"
    machine: str = ""  # platform.machine(), normalised like HostInfo.machine
    libc: str = ""  # "glibc 2.36"
    env_kind: str = ""  # "venv" | "virtualenv" | "conda" | "system" | "store" | "pyenv" | "other"
    prefix: str = ""
    base_prefix: str = ""
    conda_env: str = ""  # name of the conda env, "" if not conda
    externally_managed: bool = False  # PEP 668 marker present (and not inside a venv)
    user_site: str = ""
    user_site_enabled: bool = False
    site_packages: tuple[str, ...] = ()
    sys_path: tuple[str, ...] = ()
    supported_by_probe: bool = True  # False: Python 2 / < 3.6, only identity facts are filled
    pip_version: Fact[str] = field(default_factory=Fact.unknown)
    tags: Fact[tuple[str, ...]] = field(default_factory=Fact.unknown)  # wheel tags, most preferred first
    tags_source: str = ""  # "packaging" | "pip._vendor.packaging" | ""
    distributions: tuple[Distribution, ...] = ()
    duplicates: tuple[DuplicateDistribution, ...] = ()
    cwd_shadows: tuple[str, ...] = ()  # torch.py / torch/ (or numpy...) in the working folder, loaded before the package
    torch_version_file: Fact[TorchVersionFile] = field(default_factory=Fact.unknown)
    free_disk_bytes: Fact[int] = field(default_factory=Fact.unknown)  # where packages would be installed
    long_paths_enabled: Fact[bool] = field(
        default_factory=lambda: Fact.missing(FactStatus.NOT_APPLICABLE, "not Windows")
    )
    vc_runtime: Fact[str] = field(
        default_factory=lambda: Fact.missing(FactStatus.NOT_APPLICABLE, "not Windows")
    )  # version of the VC++ x64 runtime ("14.40.33810"), Windows only

    def distribution(self, name: str) -> Distribution | None:
        for dist in self.distributions:
            if dist.name == name:
                return dist
        return None


@dataclass(frozen=True)
class TorchDevice:
    index: int
    name: str
    capability: str  # "8.6"


def is_xpu_build(version: str) -> bool:
    """PyTorch's build for Intel GPUs: its local version names it ("2.7.0+xpu"), as on PyTorch's xpu index."""
    return version.partition("+")[2].startswith("xpu")


@dataclass(frozen=True)
class TorchRuntime:
    """What happened when the target interpreter imported torch (the live probe)."""

    version: str  # torch.__version__
    cuda: str = ""  # torch.version.cuda, "" for None
    hip: str = ""
    file: str = ""  # torch.__file__
    cuda_available: bool = False
    cuda_warnings: tuple[str, ...] = ()  # every warning is_available() emitted
    device_count: int = 0
    devices: tuple[TorchDevice, ...] = ()
    arch_list: tuple[str, ...] = ()  # torch.cuda.get_arch_list()
    cudnn_version: str = ""  # "90100" as torch reports it, "" if none
    cuda_op: Fact[str] = field(default_factory=Fact.unknown)  # result of one tiny CUDA op
    numpy_version: Fact[str] = field(default_factory=Fact.unknown)
    numpy_warning: str = ""  # e.g. "Failed to initialize NumPy: _ARRAY_API not found"
    torchvision: Fact[str] = field(default_factory=Fact.unknown)  # version, or why it failed
    torchaudio: Fact[str] = field(default_factory=Fact.unknown)
    loaded_libraries: tuple[str, ...] = ()  # CUDA/cuDNN libs mapped into the process (Linux)
    step_errors: tuple[str, ...] = ()  # probe steps that raised after a good import ("torch.backends.cudnn.version(): …")
    mps_available: Fact[bool] = field(default_factory=Fact.unknown)  # torch.backends.mps.is_available() (macOS only)
    xpu_available: Fact[bool] = field(default_factory=Fact.unknown)  # torch.xpu.is_available() (an Intel GPU, +xpu builds)


# --------------------------------------------------------------------------- evidence


@dataclass(frozen=True)
class Evidence:
    """A piece of pasted text that revealed something (filled by textdiag)."""

    signature: str  # id of the matched error signature, "collect_env:<field>" for parsed fields
    cause: str  # the diagnosis code this points to, "" if it only reveals facts
    excerpt: str  # the matched text, verbatim
    facts: tuple[tuple[str, str], ...] = ()  # what it revealed: ("driver_cuda", "11.4"), ("sm", "sm_120")


# --------------------------------------------------------------------------- where code runs


@dataclass(frozen=True)
class TorchAnswer:
    """What one interpreter said when asked (discover.QUESTION): its version and torch's, without importing torch."""

    answered: bool = False  # False: it could not be asked (missing, broken, timed out)
    python_version: str = ""
    torch_version: str = ""  # "" no torch (when answered)
    has_ipykernel: bool = False
    why_not: str = ""  # when not answered: the reason in a few words
    prefix: str = ""  # its sys.prefix (real path): two paths with one prefix are one environment


@dataclass(frozen=True)
class KernelSpec:
    """One Jupyter kernel (a kernel.json in a Jupyter data folder's kernels/)."""

    name: str  # the folder name: what `jupyter kernelspec list` and --kernel use
    display_name: str  # what the notebook's kernel menu shows
    spec_file: str  # the kernel.json read
    language: str = ""
    argv0: str = ""  # the program as written in argv[0]
    python: str = ""  # the interpreter it runs, "" when argv[0] cannot be resolved (not a Python kernel, bare name)
    python_note: str = ""  # how python was found: "argv", "the Python of <prefix>" ...
    answer: TorchAnswer = field(default_factory=TorchAnswer)


@dataclass(frozen=True)
class CondaPackage:
    """One conda-installed package record (conda-meta/<name>-<version>-<build>.json)."""

    name: str  # "pytorch", "pytorch-cuda", "cpuonly", "pytorch-mutex", "torchvision"
    version: str
    build: str = ""  # "py3.11_cpu_0", "py3.11_cuda12.1_cudnn8.9.2_0", "cpu"
    channel: str = ""  # the channel name: "pytorch", "conda-forge", "pkgs/main", "nvidia"


@dataclass(frozen=True)
class CondaEnvironment:
    prefix: str
    name: str  # "base" for the installation itself, else the folder name
    python: str  # the interpreter inside, "" when it has none
    torch_packages: tuple[CondaPackage, ...] = ()  # the PyTorch-related conda records
    pip_torch: str = ""  # version of a torch installed by pip (or uv) into the same env, "" none
    answer: TorchAnswer = field(default_factory=TorchAnswer)


@dataclass(frozen=True)
class UvVenv:
    """A venv made by uv (its pyvenv.cfg has a `uv = x.y.z` line)."""

    prefix: str
    python: str
    uv_version: str
    has_pip: bool = False  # uv venvs have no pip unless asked (--seed)
    answer: TorchAnswer = field(default_factory=TorchAnswer)


@dataclass(frozen=True)
class UvProject:
    """A project uv manages: pyproject.toml with [tool.uv] settings or a uv.lock beside it."""

    folder: str
    name: str = ""
    torch_requirement: str = ""  # the dependency as written ("torch>=2.5"), "" when torch is not a dependency
    sources: tuple[tuple[str, str], ...] = ()  # [tool.uv.sources]: (package, index name or url) for torch packages
    indexes: tuple[tuple[str, str], ...] = ()  # [[tool.uv.index]]: (name, url)
    locked: tuple[tuple[str, str, str], ...] = ()  # uv.lock: (package, version, registry url) for torch packages
    has_lock: bool = False
    has_sources_table: bool = False  # pyproject.toml has a [tool.uv.sources] table (for any package)
    venv: str = ""  # the project's .venv, "" when not created yet
    problem: str = ""  # why pyproject.toml / uv.lock could not be read


@dataclass(frozen=True)
class EditorChoice:
    """VS Code's interpreter for a folder (.vscode/settings.json python.defaultInterpreterPath) or its .venv."""

    folder: str
    source: str  # "settings.json" | ".venv"
    setting: str  # the value as written
    python: str  # resolved interpreter path, "" when it does not exist
    answer: TorchAnswer = field(default_factory=TorchAnswer)


@dataclass(frozen=True)
class RunPlaces:
    """Where the user's code may run: the terminal's Python, notebook kernels, conda envs, uv, the editor."""

    terminal_python: str = ""  # python3/python on PATH, "" when none
    terminal: TorchAnswer = field(default_factory=TorchAnswer)
    kernels: tuple[KernelSpec, ...] = ()
    kernel_folders: tuple[str, ...] = ()  # every Jupyter kernels/ folder looked in, in Jupyter's order
    conda_envs: tuple[CondaEnvironment, ...] = ()
    uv_venvs: tuple[UvVenv, ...] = ()
    uv_projects: tuple[UvProject, ...] = ()
    editor: tuple[EditorChoice, ...] = ()
    uv: str = ""  # the uv program on PATH, "" when none
    checked_kernel: str = ""  # the kernel named with --kernel, "" when none

    def kernel(self, name: str) -> KernelSpec | None:
        for spec in self.kernels:
            if spec.name == name:
                return spec
        return None


# --------------------------------------------------------------------------- the snapshot


# --------------------------------------------------------------------------- package index


@dataclass(frozen=True)
class IndexFile:
    """One file listed on a simple-repository project page (the wheel filename carries version and tags)."""

    filename: str
    requires: tuple[str, ...] = ()  # Requires-Dist of its PEP 658 metadata, where it was read


@dataclass(frozen=True)
class IndexPage:
    """``<base>/<variant>/<project>/`` as the index answered it."""

    variant: str  # "cu130" | "cpu"
    project: str  # "torch" | "torchvision" | "torchaudio"
    status: str  # "ok" | "missing" (HTTP 404: the index has no such variant) | "failed"
    files: tuple[IndexFile, ...] = ()


@dataclass(frozen=True)
class IndexListing:
    """What the PyTorch package index (or a mirror) offers, read live or from the cache. Never holds credentials."""

    base: str  # "https://download.pytorch.org/whl", user:password removed
    source: str  # "index" (read now) | "cache" (an earlier answer, see fetched_at)
    fetched_at: str  # ISO 8601 UTC of the network answer
    pages: tuple[IndexPage, ...] = ()
    note: str = ""  # why the cache was used ("offline", "the index did not answer in 4 s")


@dataclass(frozen=True)
class Snapshot:
    tool_version: str
    created_at: str  # ISO 8601, UTC
    source: str  # "live" | "text" | "report"
    host: Fact[HostInfo]
    gpu: GpuFacts
    toolkit: ToolkitFacts
    python: Fact[PythonFacts]
    torch: Fact[TorchRuntime]  # problem: not installed, import failed (traceback), signal, timeout, skipped
    evidence: tuple[Evidence, ...] = ()
    schema: str = SNAPSHOT_SCHEMA
    # The PyTorch package index's answer (wizard.index); a problem says why none (offline, unreachable, not read).
    index: Fact[IndexListing] = field(default_factory=lambda: Fact.unknown("the package index was not read"))
    places: Fact[RunPlaces] = field(default_factory=Fact.unknown)  # where code runs (kernels, conda, uv, editor)

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(to_data(self), indent=indent, sort_keys=False)

    @classmethod
    def from_json(cls, text: str) -> Snapshot:
        return from_data(cls, json.loads(text))


# --------------------------------------------------------------------------- codec


class SnapshotFormatError(ValueError):
    """The JSON does not describe a snapshot of a schema this version reads."""


def to_data(obj: Any) -> Any:
    """Turn snapshot dataclasses into JSON-ready data (dicts, lists, scalars)."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_data(getattr(obj, f.name)) for f in dataclasses.fields(obj)
                if not (f.metadata.get("omit_when_empty") and not getattr(obj, f.name))}  # older JSON, unchanged
    if isinstance(obj, enum.Enum):
        return obj.value
    if isinstance(obj, tuple):
        return [to_data(item) for item in obj]
    return obj


def from_data(cls: Any, data: Any, path: str = "$") -> Any:
    """Rebuild a value of type ``cls`` from :func:`to_data` output.

    Raises :class:`SnapshotFormatError` naming the JSON path of the first bad value.
    """
    if cls is Snapshot and isinstance(data, dict):
        schema = data.get("schema", SNAPSHOT_SCHEMA)
        if schema != SNAPSHOT_SCHEMA:
            raise SnapshotFormatError(f"unsupported snapshot schema {schema!r} (this version reads {SNAPSHOT_SCHEMA})")
    return _decode(cls, data, path)


def _decode(tp: Any, data: Any, path: str) -> Any:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = typing.get_args(tp)
        if data is None and type(None) in args:
            return None
        non_none = [a for a in args if a is not type(None)]
        return _decode(non_none[0], data, path)
    if tp is Any:
        return data
    if origin is tuple:
        args = typing.get_args(tp)
        if not isinstance(data, list):
            raise SnapshotFormatError(f"{path}: expected a list, got {type(data).__name__}")
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_decode(args[0], item, f"{path}[{i}]") for i, item in enumerate(data))
        if len(args) != len(data):
            raise SnapshotFormatError(f"{path}: expected {len(args)} items, got {len(data)}")
        return tuple(_decode(a, item, f"{path}[{i}]") for i, (a, item) in enumerate(zip(args, data)))
    if origin is not None and dataclasses.is_dataclass(origin):  # Fact[X]
        return _decode_dataclass(origin, data, path, typing.get_args(tp))
    if dataclasses.is_dataclass(tp):
        return _decode_dataclass(tp, data, path, ())
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        try:
            return tp(data)
        except ValueError as exc:
            raise SnapshotFormatError(f"{path}: {exc}") from None
    if tp is bool:
        if not isinstance(data, bool):
            raise SnapshotFormatError(f"{path}: expected true/false, got {data!r:.60}")
        return data
    if tp is int:
        if isinstance(data, bool) or not isinstance(data, int):
            raise SnapshotFormatError(f"{path}: expected an integer, got {data!r:.60}")
        return data
    if tp is float:
        if isinstance(data, bool) or not isinstance(data, (int, float)):
            raise SnapshotFormatError(f"{path}: expected a number, got {data!r:.60}")
        return float(data)
    if tp is str:
        if not isinstance(data, str):
            raise SnapshotFormatError(f"{path}: expected a string, got {data!r:.60}")
        return data
    raise SnapshotFormatError(f"{path}: cannot decode type {tp!r}")


def _decode_dataclass(cls: Any, data: Any, path: str, type_args: tuple[Any, ...]) -> Any:
    if not isinstance(data, dict):
        raise SnapshotFormatError(f"{path}: expected an object, got {type(data).__name__}")
    hints = _hints(cls)
    if type_args:  # substitute T in Fact[T]
        params = getattr(cls, "__parameters__", ())
        mapping = dict(zip(params, type_args))
        hints = {name: _substitute(hint, mapping) for name, hint in hints.items()}
    kwargs = {}
    for f in dataclasses.fields(cls):
        if f.name in data:
            kwargs[f.name] = _decode(hints[f.name], data[f.name], f"{path}.{f.name}")
        elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            raise SnapshotFormatError(f"{path}: missing field {f.name!r}")
    return cls(**kwargs)


def _substitute(hint: Any, mapping: dict[Any, Any]) -> Any:
    if hint in mapping:
        return mapping[hint]
    origin = typing.get_origin(hint)
    if origin is None:
        return hint
    args = tuple(_substitute(a, mapping) for a in typing.get_args(hint))
    if origin in (typing.Union, types.UnionType):
        return typing.Union[args]  # noqa: UP007 - built at run time from a tuple
    return origin[args] if origin is not tuple else tuple[args]


_HINT_CACHE: dict[Any, dict[str, Any]] = {}


def _hints(cls: Any) -> dict[str, Any]:
    if cls not in _HINT_CACHE:
        _HINT_CACHE[cls] = typing.get_type_hints(cls)
    return _HINT_CACHE[cls]
