"""Causes weighed, not looked up: a message is evidence for a set of causes; the rest of the text chooses.

Each catalogue entry names its main cause (prior weight 1.0) and, under ``causes``, the other causes
the same message is known to come from, with smaller priors. Context rules then multiply a
candidate's weight with what the text shows about the machine: the platform, the GPU vendor, the
driver, the torch build, the interpreter. A rule is a small pure function that returns
``(cause, factor, reason)`` triples; a factor > 1 supports a cause, < 1 speaks against it, and a
rule may introduce a cause the catalogue did not list (a "not compiled with CUDA" on a Mac is
evidence that no NVIDIA GPU is there at all). The score of a cause is its best weighted candidate
plus a small bonus for every further message that supports it. docs/architecture.md explains the
scale; tests/textdiag/test_weigh.py holds one case per rule.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import InvalidVersion, Version

from wizard.snapshot import Distribution
from wizard.textdiag.signatures import Match
from wizard.textdiag.vocabulary import covered_beyond_range

AGREEMENT_BONUS = 0.1  # per further message supporting the same cause
NEW_CAUSE_PRIOR = 0.5  # the prior of a cause a context rule introduces
CUDA_DLL = re.compile(r"^(?:cu|nv|zlibwapi|caffe2_nvrtc|c10_cuda|torch_cuda)", re.IGNORECASE)
EXOTIC_MACHINES = frozenset({"armv7l", "armv6l", "riscv64", "ppc64le", "s390x", "i686"})
# Causes that only make sense when CUDA was wanted: seeing them proves the person wanted the GPU.
CUDA_CAUSES = frozenset({
    "DRIVER_MISSING", "DRIVER_TOO_OLD", "CUDA_LIB_MISSING", "LIB_PATH_CONFLICT", "CUDNN_MISMATCH", "CPU_ONLY_WHEEL",
    "GPU_ARCH_UNSUPPORTED", "VISIBLE_DEVICES_MASK", "WSL_DRIVER", "CUDA_OP_FAILED",
})


@dataclass(frozen=True)
class Weighed:
    """The cause chosen for one message, with its score and the reasons that moved it."""

    match: Match
    cause: str
    score: float
    reasons: tuple[str, ...]
    # The other causes the message is known to come from, best first, while nothing in the text chose
    # between them (no context rule spoke): the causes a helpdesk would still name as possible.
    others: tuple[tuple[str, float], ...] = ()


Facts = dict[str, str]
ContextRule = Callable[[Match, Facts, list[Distribution]], Iterable[tuple[str, float, str]]]


def candidates(found: Match) -> dict[str, float]:
    """The causes a message is evidence for, with the catalogue's prior weights."""
    result = {found.signature.cause: 1.0} if found.signature.cause else {}
    for cause, weight in found.signature.alternatives:
        result.setdefault(cause, weight)
    return result


def weigh_match(found: Match, facts: Facts, dists: list[Distribution], rules: tuple[ContextRule, ...] | None = None) -> Weighed:
    """The best-supported cause of one message in the context of the whole text."""
    weights = candidates(found)
    reasons: list[str] = []
    context_decided = False
    for rule in rules if rules is not None else CONTEXT_RULES:
        for cause, factor, reason in rule(found, {**facts, **dict(found.facts)}, dists):
            if cause in weights:
                weights[cause] *= factor
            elif factor > 1:
                weights[cause] = NEW_CAUSE_PRIOR * factor  # a cause the catalogue did not list for this message
            reasons.append(f"{cause} x{factor:g}: {reason}")
            context_decided = context_decided or rule not in NEUTRAL_RULES
    if not weights:
        return Weighed(found, "", 0.0, tuple(reasons))
    cause = max(weights, key=lambda code: (weights[code], code == found.signature.cause))
    others = () if context_decided else tuple(
        sorted(((code, weight) for code, weight in weights.items() if code != cause), key=lambda pair: -pair[1]))
    return Weighed(found, cause, weights[cause], tuple(reasons), others)


def rank_causes(weighed: list[Weighed]) -> list[tuple[str, float]]:
    """Causes by score: the best message for each, plus a bonus for every other message agreeing."""
    best: dict[str, float] = {}
    support: dict[str, int] = {}
    for item in weighed:
        if not item.cause or item.score <= 0:
            continue
        best[item.cause] = max(best.get(item.cause, 0.0), item.score)
        support[item.cause] = support.get(item.cause, 0) + 1
    scored = {cause: score + AGREEMENT_BONUS * (support[cause] - 1) for cause, score in best.items()}
    return sorted(scored.items(), key=lambda pair: -pair[1])


def wanted_cuda(causes: Iterable[str], facts: Facts) -> bool:
    """Whether the text proves the person wanted CUDA: a CUDA error, a CUDA build asked for, a CUDA index."""
    if any(cause in CUDA_CAUSES for cause in causes):
        return True
    if facts.get("os") == "darwin":
        return False  # no CUDA build exists for macOS: a +cuNNN build or CUDA index there is a command copied from elsewhere
    variant = facts.get("torch_variant", "") or facts.get("index_variant", "")
    return variant.startswith("cu") or bool(facts.get("driver_cuda"))


# ------------------------------------------------------------------ context rules


def nvidia_named(facts: Facts, also: tuple[str, ...] = ()) -> bool:
    """Whether the text names an NVIDIA GPU or its driver (its vendor, a GPU name, a driver version), or shows one of
    the further facts ``also`` (nvidia-smi's CUDA version, an NVML error): then "no NVIDIA GPU" is ruled out."""
    return facts.get("gpu_vendor") == "nvidia" or any(facts.get(key) for key in ("gpu_name", "driver_version", *also))




def no_nvidia_hardware(found: Match, facts: Facts, _dists: list[Distribution]) -> Iterable[tuple[str, float, str]]:
    """A Mac, only an AMD / Intel / Apple GPU named, or the text saying there is no GPU: CUDA messages mean
    "no NVIDIA GPU", not a missing driver or a wrong build. That includes torch's "driver too old (found version …)":
    a leftover NVIDIA driver answers cudaDriverGetVersion, but no driver update makes CUDA run on the GPU named."""
    mac = facts.get("os") == "darwin" or facts.get("gpu_vendor") == "apple"
    if mac and found.signature.cause == "CUDA_HOME_MISSING" and facts.get("linux_also_named") != "true":
        # (a package that builds CUDA code, "Cannot find CUDA_HOME. CUDA must be available to build the package":
        # no CUDA toolkit exists for macOS since 10.2, nor an NVIDIA GPU in today's Macs)
        yield "NO_NVIDIA_GPU", 2.0, "macOS has no CUDA toolkit to build with"
        yield found.signature.cause, 0.3, "on macOS no CUDA toolkit exists"
        return
    if found.signature.cause not in ("CPU_ONLY_WHEEL", "DRIVER_MISSING", "DRIVER_TOO_OLD", "VISIBLE_DEVICES_MASK"):
        return
    named = nvidia_named(facts)
    if mac:
        yield "NO_NVIDIA_GPU", 2.0, "macOS has no CUDA at all"
        yield found.signature.cause, 0.3, "on macOS no CUDA build or driver exists"
    elif facts.get("gpu_vendor") in ("amd", "intel") and not named:
        yield "NO_NVIDIA_GPU", 1.9, f"only an {facts['gpu_vendor'].upper()} GPU is named"
        yield found.signature.cause, 0.4, "no NVIDIA GPU is named"
    elif facts.get("no_nvidia_gpu") == "true" and not named:
        yield "NO_NVIDIA_GPU", 1.9, "the text says the machine has no (NVIDIA) GPU"
        yield found.signature.cause, 0.4, "the text says there is no NVIDIA GPU"


def driver_answered(found: Match, facts: Facts, _dists: list[Distribution]) -> Iterable[tuple[str, float, str]]:
    """A driver read as missing or failing ("CUDA driver initialization failed") where the text shows the driver
    answering with the CUDA version it supports (torch's "too old (found version 10010)", nvidia-smi's header): the
    driver is there, and a torch build for a newer CUDA than that is what it cannot run (DRIVER_TOO_OLD)."""
    if (found.signature.cause != "DRIVER_MISSING" or not facts.get("driver_cuda")
            or facts.get("container_without_gpus") == "true"):  # (the host's driver: the container's is what failed)
        return
    yield "DRIVER_MISSING", 0.5, "a driver answered with the CUDA version it supports"
    built = variant_cuda(facts.get("torch_variant", ""))
    if built and driver_cuda_below(facts["driver_cuda"], built):
        yield "DRIVER_TOO_OLD", 1.8, f"the build needs CUDA {built}, the driver supports {facts['driver_cuda']}"


def variant_cuda(variant: str) -> str:
    """The CUDA of a build's variant: "cu121" → "12.1", "cu90" → "9.0"; "" for any other variant."""
    found = re.fullmatch(r"cu(\d{1,2})(\d)", variant)
    return f"{found.group(1)}.{found.group(2)}" if found else ""


def driver_cuda_below(driver_cuda: str, build: str) -> bool:
    """Whether a driver whose newest CUDA is ``driver_cuda`` (nvidia-smi's "CUDA Version") cannot run a build for
    ``build``: from CUDA 11 a driver runs every minor of its major (minor-version compatibility), before it every
    toolkit needed its own driver, so 10.0 cannot run 10.2."""
    driver, wanted = cuda_tuple(driver_cuda), cuda_tuple(build)
    if driver is None or wanted is None:
        return False
    return wanted[0] > driver[0] or (wanted[0] < 11 and wanted > driver)


def cuda_tuple(version: str) -> tuple[int, int] | None:
    found = re.match(r"(\d{1,2})\.(\d)", version or "")
    return (int(found.group(1)), int(found.group(2))) if found else None


def no_driver_nothing_nvidia_named(found: Match, facts: Facts, _dists: list[Distribution]
                                   ) -> Iterable[tuple[str, float, str]]:
    """torch's "Found no NVIDIA driver on your system" where nothing in the text is NVIDIA's (no GPU name, driver
    version, nvidia-smi output) and the machine is not known to run Linux: the likelier reading is no NVIDIA GPU. On
    Windows an NVIDIA GPU gets its driver from Windows Update or the computer's maker, while a Linux install often lacks
    it; the message itself asks to check that there is an NVIDIA GPU. The missing driver stays possible."""
    if found.signature.id not in ("found_no_nvidia_driver", "found_no_nvidia_driver_retold") or nvidia_named(
            facts, also=("driver_cuda", "nvml_error")):
        return
    if facts.get("os") in ("linux", "darwin") or facts.get("is_wsl") == "true" or facts.get("gpu_vendor"):
        return  # (Linux: a missing driver is common; a Mac or another vendor's GPU: no_nvidia_hardware decides)
    yield "NO_NVIDIA_GPU", 2.0, "nothing NVIDIA is named, and off Linux an NVIDIA GPU comes with its driver"
    yield found.signature.cause, 0.9, "nothing NVIDIA is named"


# a cuDNN library at a path outside any Python environment: /usr/local/cuda-12.3/lib64/libcudnn_cnn_train.so.8,
# /usr/lib/x86_64-linux-gnu/libcudnn.so.8 (the wheels' own are in site-packages/nvidia/cudnn, conda's in the env's lib)
_SYSTEM_CUDNN = re.compile(r"(?:^|[\s:'\"(])/(?:usr|opt)/(?![^\s:'\"]{0,200}(?:site|dist)-packages)"
                           r"(?![^\s:'\"]{0,200}/(?:envs|conda|anaconda\d?|miniconda\d?|miniforge\d?)/)[^\s:'\"]{0,200}/libcudnn")


def system_cudnn_loaded(found: Match, facts: Facts, _dists: list[Distribution]) -> Iterable[tuple[str, float, str]]:
    """A cuDNN library failing to load (or missing a symbol) from a system folder, not from the Python environment:
    that system copy was found first on the library path and shadows the cuDNN that came with torch (CUDNN_MISMATCH,
    its `system` reading; pytorch/pytorch#119989: unset LD_LIBRARY_PATH)."""
    if found.signature.cause not in ("CUDA_LIB_MISSING", "LIB_PATH_CONFLICT"):
        return
    where = f"{facts.get('library', '')} {facts.get('cuda_error', '')} {found.excerpt}"
    if "libcudnn" in where and _SYSTEM_CUDNN.search(where):
        yield "CUDNN_MISMATCH", 2.4, "a system cuDNN is loaded instead of the one that came with torch"


def devices_busy_beside_cuda_available(found: Match, facts: Facts, _dists: list[Distribution]) -> Iterable[tuple[str, float, str]]:
    """"All CUDA-capable devices are busy or unavailable" after is_available() printed True: the driver answered and
    counted the GPU, so it is not missing; what keeps the device is left open (a compute mode, another process, a
    system bug)."""
    if found.signature.id == "cuda_devices_busy_or_unavailable" and facts.get("cuda_available") == "true":
        yield "DRIVER_MISSING", 0.0, "is_available() printed True: the driver answered"


def cuda_extension_module_fails_to_load(found: Match, facts: Facts, _dists: list[Distribution]) -> Iterable[tuple[str, float, str]]:
    """Windows: "DLL load failed while importing flash_attn_2_cuda" (another package's CUDA module, not torch's own):
    it links torch's CUDA libraries (torch_cuda.dll, c10_cuda.dll), which only PyTorch's CUDA build has in torch/lib;
    with no CUDA build of torch shown the CPU build is the likeliest reason; with one shown, the package was built for
    another torch (or CUDA) than the one installed."""
    module = facts.get("module", "")
    if found.signature.id != "dll_load_failed_while_importing" or "cuda" not in module.lower():
        return
    if module.split(".")[0] in ("torch", "_C"):
        return
    if _procedure_not_found(facts) or "+cu" in facts.get("torch_version", "") or facts.get("torch_variant", "").startswith("cu"):
        # (WinError 127, "the specified procedure could not be found": the DLL loaded and lacks a symbol, a build for
        # another torch; a CPU build of torch gives 126, "module could not be found")
        yield "PACKAGE_CONFLICT", 2.2, f"{module} was built for another torch than the one installed"
    else:
        yield "CPU_ONLY_WHEEL", 2.2, f"{module} links torch's CUDA libraries, which the CPU build lacks"
    yield "VCREDIST_MISSING", 0.5, f"{module} is a CUDA extension's module"


def _procedure_not_found(facts: Facts) -> bool:
    """Windows' "The specified procedure could not be found" (WinError 127): the DLL loaded and lacks a function; also
    in the words of a localized Windows (its message for ERROR_PROC_NOT_FOUND) and the English people retell the
    Chinese one in ("the specified program could not be found", from "找不到指定的程序")."""
    message = facts.get("cuda_error", "").lower()
    return any(word in message for word in _PROC_NOT_FOUND_WORDS) or facts.get("win_error") == "127"


# ERROR_PROC_NOT_FOUND as Windows words it in English, French, Spanish, Portuguese, German, Russian, Japanese, Korean and
# Chinese ("La procédure spécifiée est introuvable", "No se encontró el proceso especificado", "Não foi possível
# encontrar o procedimento especificado", "Die angegebene Prozedur wurde nicht gefunden", "Не найдена указанная
# процедура", "指定されたプロシージャが見つかりません", "지정된 프로시저를 찾을 수 없습니다", "找不到指定的程序"); the module's
# ERROR_MOD_NOT_FOUND (126) says "module", "modul", "モジュール", "모듈", "模块" instead
_PROC_NOT_FOUND_WORDS = ("procedure", "procédure", "proceso especificado", "procedimento", "prozedur", "процедура",
                         "プロシージャ", "프로시저", "指定的程序", "specified program")


# Python's own packages and torch's: their DLLs fail for other reasons (the interpreter, the VC++ runtime, torch itself)
_NOT_AN_EXTENSION_OF_ANOTHER_PACKAGE = re.compile(r"^(?:(?:torch|_C|_ctypes|_ssl|_sqlite3|_socket|_lzma|_bz2|_hashlib|"
                                                  r"_decimal|_elementtree|pyexpat|select|unicodedata|numpy)$|_multiarray)")


def extension_procedure_not_found(found: Match, facts: Facts, _dists: list[Distribution]) -> Iterable[tuple[str, float, str]]:
    """Windows: another package's compiled module fails with "The specified procedure could not be found" (WinError
    127, ERROR_PROC_NOT_FOUND): the DLLs it links were found and loaded, and one lacks a function the module was
    linked against; such modules link torch's own DLLs (torch_cpu.dll, c10.dll), so the module was built for another
    torch release than the one installed (its CUDA twin is cuda_extension_module_fails_to_load)."""
    torch_shown = any(facts.get(key) for key in ("torch_version", "torch_named", "torch_installed"))
    if found.signature.id == "dll_load_failed_old" and facts.get("extension_import") and torch_shown and (
            _procedure_not_found(facts)):  # (the old wording names no module: the traceback's import line does)
        yield "PACKAGE_CONFLICT", 2.2, f"{facts['extension_import']} links a function this torch's DLLs lack"
        return
    module = facts.get("module", "")
    if found.signature.id != "dll_load_failed_while_importing" or not module or "cuda" in module.lower():
        return
    # (a module named _C is torch's own unless the traceback's import line names another package's: "from detectron2
    # import _C")
    another_package = (module == "_C" and _another_packages_c(facts)) or not _NOT_AN_EXTENSION_OF_ANOTHER_PACKAGE.match(module)
    if _procedure_not_found(facts) and torch_shown and _BUILT_ON_TORCH.search(module) and another_package:
        yield "PACKAGE_CONFLICT", 2.2, f"{module} links a function this torch's DLLs lack: built for another torch"


def _another_packages_c(facts: Facts) -> bool:
    """The traceback's import line names the _C being loaded as another package's ("from torchvision import _C")."""
    package, _, module = facts.get("extension_import", "").rpartition(".")
    return module == "_C" and bool(package) and package.split(".")[0] != "torch"


# the names torch extensions give their compiled modules (exllamav2_ext, *_ops, *_kernels, a package's _C, xformers' _C_flashattention)
_BUILT_ON_TORCH = re.compile(r"_ext$|_ops$|kernels?$|^_C(?:_\w+)?$|torch", re.I)


def replaced_gpu_build_decides(found: Match, facts: Facts, _dists: list[Distribution]) -> Iterable[tuple[str, float, str]]:
    """pip replaced an installed GPU build of torch while installing: a GPU build installed in its place was the wish
    (an upgrade); a CPU build in its place (``+cpu``, or on Windows PyPI's torch, which is CPU-only there: its wheels
    carry no local version and pip's success line names them bare) is why CUDA is gone."""
    if found.signature.id != "pip_replaces_gpu_build_of_torch":
        return
    installed = facts.get("torch_installed", "")
    replaced = facts.get("torch_replaced", "")
    plain_same = installed == replaced.split("+")[0] and facts.get("os") != "windows"  # (PyPI's Linux torch: CUDA too)
    if re.search(r"\+(?:cu|rocm)\d", installed) or plain_same or facts.get("cuda_available") == "true":
        yield "PACKAGE_CONFLICT", 0.0, f"a GPU build ({installed or 'CUDA shown working'}) is in its place"
    elif installed.endswith("+cpu") or (facts.get("os") == "windows" and "+cu" in replaced):
        yield "CPU_ONLY_WHEEL", 2.2, "the CUDA build was replaced by a CPU build (PyPI's torch is CPU-only on Windows)"


def cpu_build_lacks_its_cuda_library(found: Match, facts: Facts, _dists: list[Distribution]) -> Iterable[tuple[str, float, str]]:
    """One of torch's CUDA libraries (libc10_cuda.so, libtorch_cuda*.so) asked for by name where the torch shown is a
    CPU build: only PyTorch's CUDA builds ship them in torch/lib, so a package built for the CUDA build finds the CPU
    build in its place (collect_env's "CUDA used to build PyTorch: None" / "Could not collect" beside an imported
    torch is torch.version.cuda None)."""
    if found.signature.id != "torch_library_name_missing" or "cuda" not in facts.get("library", ""):
        return
    version = facts.get("torch_version", "") or facts.get("torch_installed", "")
    if version.endswith("+cpu") or facts.get("torch_build") == "cpu" or collect_env_shows_cpu_build(facts, version):
        yield "CPU_ONLY_WHEEL", 2.4, f"{facts['library']} exists only in torch's CUDA builds, and this torch is a CPU build"


def collect_env_shows_cpu_build(facts: Facts, version: str) -> bool:
    """collect_env's "CUDA used to build PyTorch: None" (or "Could not collect") beside an imported torch whose
    version carries no local label: torch.version.cuda is None, a CPU build (nor ROCm's, with no HIP version)."""
    return (facts.get("torch_build_known") == "true" and "+" not in version and not facts.get("torch_cuda")
            and not facts.get("torch_hip"))


def cuda_error_code_decides(found: Match, facts: Facts, _dists: list[Distribution]) -> Iterable[tuple[str, float, str]]:
    """cudaGetDeviceCount()'s own error inside torch's "Unexpected error from cudaGetDeviceCount()": 804
    (cudaErrorCompatNotSupportedOnDevice: CUDA's forward-compatibility libraries on a GPU they do not support, because
    the driver is older than the runtime) is the driver's age, not a missing driver (CUDA runtime API, error types)."""
    if found.signature.id == "cuda_get_device_count_error" and facts.get("errno") == "804":
        yield "DRIVER_TOO_OLD", 2.5, "error 804: the driver is older than the CUDA runtime of this build"


_COMPANION_DIR = re.compile(r"[\\/](?:torchvision|torchaudio|torchtext)[\\/]", re.I)


def companion_library_decides(found: Match, facts: Facts, _dists: list[Distribution]) -> Iterable[tuple[str, float, str]]:
    """A Windows load failure of torchvision's or torchaudio's own library (WinError 127, "the specified procedure could
    not be found", or the DLL load error naming it): that package was built for another torch version."""
    if found.signature.family not in ("dll", "loader", "os", "") or not _COMPANION_DIR.search(found.excerpt):
        return
    dll = facts.get("dll", "").lower()
    if "127" in found.signature.id or dll.endswith(".pyd") or dll.startswith(("libtorchaudio", "_c")):
        yield "PACKAGE_CONFLICT", 2.4, "torchvision's or torchaudio's own library does not fit this torch"


def extension_library_procedure_not_found(found: Match, facts: Facts,
                                          _dists: list[Distribution]) -> Iterable[tuple[str, float, str]]:
    """Windows' WinError 127 while a package loads its compiled library through torch.ops.load_library (how PyG's
    torch_scatter / torch_sparse and other torch extensions load theirs): the library links a function this torch's
    DLLs lack, so that package was built for another torch release, not an older DLL first on PATH."""
    package = facts.get("ops_library_package", "")
    if found.signature.id == "windows_winerror_127" and package and package.split(".")[0] != "torch":
        yield "PACKAGE_CONFLICT", 2.4, f"{package}'s library, loaded by torch.ops.load_library, was built for another torch"


def no_pip_in_a_uv_environment(found: Match, facts: Facts,
                                _dists: list[Distribution]) -> Iterable[tuple[str, float, str]]:
    """"No module named pip" where the text shows uv at work (a uv project or uv's pip interface): uv makes its
    environments without pip (uv venv seeds none), so a missing pip there is how uv works, not the failure."""
    if found.signature.cause == "PIP_TOO_OLD" and "pip" in found.excerpt.lower() and (
            facts.get("uv_project_ran") == "true" or facts.get("uv_pip_ran") == "true"):
        yield "PIP_TOO_OLD", 0.0, "uv's environments have no pip of their own"


def library_decides_dll(found: Match, facts: Facts, _dists: list[Distribution]) -> Iterable[tuple[str, float, str]]:
    """A Windows DLL error: a CUDA/cuDNN DLL is a CUDA library problem; torch's own DLLs need the VC++ runtime, unless
    the text tells a CUDA library missing (they load it in turn)."""
    dll = facts.get("dll", "")
    if not dll or found.signature.family not in ("dll", "loader", "os", ""):
        return
    if not found.signature.family and "dll" not in dict(found.facts):
        return  # (a message of no family is read by the DLL it names itself, not by another message's DLL)
    if CUDA_DLL.match(dll):
        yield "CUDA_LIB_MISSING", 2.2, f"{dll} is a CUDA library"
        yield "VCREDIST_MISSING", 0.4, f"{dll} is a CUDA library"
    elif facts.get("cuda_lib_told_missing") == "true" and not _cpu_build(facts):  # ("cuDNN DLLs are missing")
        yield "CUDA_LIB_MISSING", 2.2, "a CUDA library is told missing: torch's own DLL needs it"


def _cpu_build(facts: Facts) -> bool:
    """A CPU build of torch shown: it loads no CUDA library at all."""
    return facts.get("torch_version", "").endswith("+cpu") or facts.get("torch_build") == "cpu"


def dll_without_nvidia_gpu(found: Match, facts: Facts, _dists: list[Distribution]) -> Iterable[tuple[str, float, str]]:
    """A DLL or loader failure of a CUDA build on a machine the text says has no NVIDIA GPU: the build cannot work there.

    caffe2_nvrtc.dll (and torch's CUDA libraries generally) import the driver's nvcuda.dll, which only the NVIDIA
    driver installs; with no NVIDIA GPU there is no such driver, and the remedy is the CPU build.
    """
    if found.signature.family not in ("dll", "loader"):
        return
    dll = facts.get("dll", "").lower()
    only_other_vendor = facts.get("gpu_vendor") in ("amd", "intel") and not facts.get("gpu_name")
    if facts.get("no_nvidia_gpu") == "true" or (only_other_vendor and dll.startswith("caffe2_nvrtc")):
        yield "NO_NVIDIA_GPU", 2.6, "no NVIDIA GPU is there, so a CUDA build's libraries cannot load"
        yield found.signature.cause, 0.5, "no NVIDIA GPU is there for a CUDA build"


def bitness_decides(found: Match, facts: Facts, _dists: list[Distribution]) -> Iterable[tuple[str, float, str]]:
    """A 32-bit Python gets no torch wheel at all: DLL and no-wheel errors then mean an unsupported Python."""
    if facts.get("python_bits") == "32" and found.signature.family in ("dll", "loader", "resolver", "pip", ""):
        if facts.get("arm32_shown") == "true":  # (a 32-bit ARM system has no 64-bit Python to install)
            yield "PLATFORM_UNSUPPORTED", 2.6, "a 32-bit ARM system: PyTorch publishes no wheel for it"
            return
        yield "PYTHON_UNSUPPORTED", 2.2, "the Python is 32-bit"


def old_libstdcxx_platform(found: Match, facts: Facts, _dists: list[Distribution]) -> Iterable[tuple[str, float, str]]:
    """GLIBCXX/GLIBC not found: on an exotic CPU or a Jetson the platform is the problem, else a library path."""
    if found.signature.id not in ("glibcxx_version_not_found", "glibc_version_not_found"):
        return
    machine = facts.get("machine", "")
    if machine in EXOTIC_MACHINES or facts.get("platform_board") == "jetson":
        yield "PLATFORM_UNSUPPORTED", 2.0, f"no official torch wheels for {machine or 'this board'}"
    elif facts.get("ld_library_path") or "conda" in facts.get("python_path", "") + facts.get("library", ""):
        yield "LIB_PATH_CONFLICT", 1.3, "a library path or a conda environment is involved"


def no_wheel_context(found: Match, facts: Facts, _dists: list[Distribution]) -> Iterable[tuple[str, float, str]]:
    """No wheel found (pip, poetry, uv): this Python, this platform, or a variant the index does not publish."""
    if not _no_wheel_message(found) or found.signature.id == "conda_cuda_virtual_package":
        return
    from wizard.textdiag.build import definite_no_wheel_cause  # the shared no-wheel reasoning (knowledge-based)

    if facts.get("index_ignored") == "true":
        yield "INDEX_VARIANT_MISSING", 3.0, "pip ignored the index it was told to use, so it found nothing there"
        return
    hinted = {"platform": "PLATFORM_UNSUPPORTED", "python": "PYTHON_UNSUPPORTED"}.get(facts.get("uv_hint", ""))
    if hinted:  # uv's own hint names what the wheels it found lack: this platform, or this Python's tags
        yield hinted, 2.8, "uv's hint says which tags the wheels lack"
        return
    requested = re.sub(r"^torch \((.{1,40}?)\)?$", r"torch==\1", _requested_or_pinned(facts))  # poetry's "torch (2.5.1)"
    cause = definite_no_wheel_cause({**facts, "requested": requested})
    if cause:
        yield cause, 2.5, "the Python, platform and requested build in the text decide"


def local_version_needs_its_index(found: Match, facts: Facts, _dists: list[Distribution]) -> Iterable[tuple[str, float, str]]:
    """No wheel for a torch pinned with a local version ("torch==2.1.2+cu121", "+cpu") where nothing shows an index
    other than PyPI: PyPI never carries local versions (PEP 440 keeps local version labels off public index servers, and
    PyPI rejects such uploads), so only PyTorch's own index has that build. Only where pip's "from versions" list is
    not shown and the release still serves today's Pythons; left alone when the Python or platform already decide,
    and where the text shows another index was searched."""
    if not _no_wheel_message(found) or found.signature.id == "conda_cuda_virtual_package":
        return
    requested = _requested_or_pinned(facts)  # (pip's own requirement, or the build the text pins where it is retold)
    if not re.search(r"\btorch\s{0,2}==\s{0,2}\d{1,2}\.\d{1,3}(?:\.\d{1,3})?\+(?:cu\d{2,3}|cpu|rocm[\d.]{1,8})\b", requested, re.I):
        return
    if facts.get("index_variant") or facts.get("other_index_shown") == "true":
        return
    if facts.get("available_versions"):
        return  # pip's "(from versions: …)": none at all means no torch for this Python or platform on any index
        # searched (PyPI has many); a list is read by listed_versions_cause
    from wizard.textdiag.build import definite_no_wheel_cause, serves_current_pythons  # (knowledge-based)

    asked = {**facts, "requested": requested}
    if definite_no_wheel_cause(asked) in ("PYTHON_UNSUPPORTED", "PLATFORM_UNSUPPORTED"):
        return
    if not serves_current_pythons(asked):
        return  # an old release served only old Pythons: today's Python is the likelier reason
    yield "INDEX_VARIANT_MISSING", 2.3, "a +local build exists only on PyTorch's own index, never on PyPI"


def jetson_board(found: Match, facts: Facts, _dists: list[Distribution]) -> Iterable[tuple[str, float, str]]:
    """On a Jetson, torch comes from NVIDIA's JetPack builds: no PyPI or download.pytorch.org wheel fits it."""
    if facts.get("platform_board") != "jetson" or found.signature.cause == "DISK_OR_NETWORK":
        return  # pip running out of memory or network on a Jetson says nothing about which wheel fits it
    if found.signature.family in ("resolver", "pip") or found.signature.id.startswith(("pip_no_matching", "pip_could_not")):
        yield "PLATFORM_UNSUPPORTED", 2.5, "a Jetson needs NVIDIA's JetPack builds of torch"
    elif found.signature.cause == "CPU_ONLY_WHEEL":  # "Torch not compiled with CUDA enabled" on the board
        # PyPI's aarch64 torch has no CUDA for the Jetson's integrated GPU (PyTorch's aarch64 CUDA wheels are for
        # server GPUs): no build from PyPI or PyTorch's index fixes it, NVIDIA's JetPack build does
        yield "PLATFORM_UNSUPPORTED", 2.5, "only NVIDIA's JetPack builds of torch use a Jetson's GPU"


def arch_already_covered(found: Match, facts: Facts, _dists: list[Distribution]) -> Iterable[tuple[str, float, str]]:
    """"no kernel image" although the build's arch list covers the GPU: not an architecture problem."""
    if found.signature.cause != "GPU_ARCH_UNSUPPORTED":
        return
    capability = facts.get("capability", "")
    arches = facts.get("arch_list", "").split()
    if capability and arches and f"sm_{capability.replace('.', '')}" in arches:
        yield "GPU_ARCH_UNSUPPORTED", 0.3, "the build's arch list already covers this GPU"
        yield "PACKAGE_CONFLICT", 1.6, "an extension (torchvision, a custom op) was built without this GPU"


def capability_inside_build_family(found: Match, facts: Facts, _dists: list[Distribution]) -> Iterable[tuple[str, float, str]]:
    """torch's capability-range warning for a GPU above the build's highest capability in the same major: the build's
    kernels run there (CUDA's binary compatibility), so the warning names no problem."""
    if found.signature.id != "gpu_capability_outside_build_range":
        return
    if covered_beyond_range(facts.get("capability", ""), facts.get("capability_range", "")):
        yield "GPU_ARCH_UNSUPPORTED", 0.0, "the build's kernels of the same major run on this GPU"
    elif facts.get("tensor_on_gpu") == "true":
        # (a tensor computed on the GPU in the same text: a kernel ran there, so the warning is of another run)
        yield "GPU_ARCH_UNSUPPORTED", 0.0, "a tensor was computed on the GPU"


def driver_trouble_hides_gpus(found: Match, facts: Facts, _dists: list[Distribution]) -> Iterable[tuple[str, float, str]]:
    """"No CUDA GPUs are available" with a driver error beside it is the driver; with CUDA_VISIBLE_DEVICES set, the mask."""
    if found.signature.cause != "VISIBLE_DEVICES_MASK":
        return
    if facts.get("nvml_error"):
        yield "DRIVER_MISSING", 2.5, "the driver itself failed"
    if facts.get("cuda_visible_devices"):
        yield "VISIBLE_DEVICES_MASK", 1.3, "CUDA_VISIBLE_DEVICES is set"


def torch_found_elsewhere(found: Match, facts: Facts, dists: list[Distribution]) -> Iterable[tuple[str, float, str]]:
    """"No module named 'torch'" while pip says torch is installed: another interpreter, not a missing torch; raised by a
    package's setup.py in the isolated environment pip builds it in: that environment, not the person's."""
    if found.signature.id != "no_module_named_torch":
        return
    if facts.get("isolated_build") == "true":
        yield "ENV_MISMATCH", 2.5, "a package's setup.py ran in the isolated build environment, which has no torch"
    elif (facts.get("torch_installed_at") or facts.get("torch_version") or facts.get("torch_installed")
            or any(d.name == "torch" for d in dists)):
        yield "ENV_MISMATCH", 2.5, "torch is installed, in another environment"
    elif len(set(facts.get("python_path", "").split("\n"))) > 1:
        yield "ENV_MISMATCH", 2.0, "several interpreters are listed"


def shadowing_script(found: Match, facts: Facts, _dists: list[Distribution]) -> Iterable[tuple[str, float, str]]:
    """A traceback frame in a file named torch.py outside site-packages proves the script shadows torch; a frame of the
    person's own file that Python imported for a module torch or Python needed (module_shadowed_by_script) explains
    every error of the import that follows it ("module 'torch' has no attribute 'Tensor'", a circular import)."""
    if found.signature.family != "python":
        return
    if facts.get("shadow_path") and found.signature.id != "module_shadowed_by_script":
        reason = f"{facts['shadow_path']} hides the module {facts.get('shadowed_module', '')}"
        for cause in candidates(found):
            if cause != "LOCAL_TORCH_SHADOW":
                yield cause, 0.3, reason  # (the import failed because of that file, not for the message's usual cause)
        yield "LOCAL_TORCH_SHADOW", 2.0, reason
        return
    if "LOCAL_TORCH_SHADOW" not in candidates(found):
        return
    path = facts.get("torch_installed_at", "")
    if path.endswith("torch.py") and "site-packages" not in path:
        yield "LOCAL_TORCH_SHADOW", 1.5, "a file named torch.py shadows the package"


def importing_python_is_served(found: Match, facts: Facts, _dists: list[Distribution]) -> Iterable[tuple[str, float, str]]:
    """torch imported in this interpreter (collect_env shows it): that Python is not "unsupported"."""
    if facts.get("torch_build_known") == "true" and found.signature.family in ("dll", "loader", "resolver", "pip"):
        yield "PYTHON_UNSUPPORTED", 0.2, "torch imports in this Python"


def skipped_wheels_decide(found: Match, facts: Facts, _dists: list[Distribution]) -> Iterable[tuple[str, float, str]]:
    """pip -v's skipped wheels: one for the running Python's version means its platform does not fit (the operating
    system, the machine, 32 bits); none means PyTorch published no wheel for that Python."""
    if found.signature.id != "pip_wheel_tags_skipped":
        return
    python = re.match(r"(\d)\.(\d{1,2})", facts.get("python_version", ""))
    tags = facts.get("wheel_python_tags", "").split()
    if not python or not tags:
        return
    running = f"cp{python.group(1)}{python.group(2)}"
    if running in tags:
        yield "PLATFORM_UNSUPPORTED", 2.0, f"pip skipped a {running} wheel: the Python fits, the platform does not"
        yield "PYTHON_UNSUPPORTED", 0.3, f"wheels for {running} exist"
    else:
        yield "PYTHON_UNSUPPORTED", 1.5, f"no skipped wheel is for {running}"


def another_python_ran(found: Match, facts: Facts, _dists: list[Distribution]) -> Iterable[tuple[str, float, str]]:
    """The text shows the command ran another Python than the environment's: `which pip` in an activated environment
    answering a pip outside it (pip's "no matching distribution" or a torch missing after its install say nothing of the
    environment's), or Windows' py launcher beside a conda environment ("No module named 'torch'": the launcher starts
    python.org's Python, never the environment's: Python's docs, "Python Launcher for Windows")."""
    no_torch = found.signature.id == "no_module_named_torch"
    if facts.get("pip_outside_env") == "true" and (no_torch or _no_wheel_message(found)):
        yield "ENV_MISMATCH", 2.6, "the pip that ran is not the activated environment's"
    elif facts.get("py_launcher_beside_conda") == "true" and no_torch:
        yield "ENV_MISMATCH", 2.6, "the py launcher does not start a conda environment's Python"


def xformers_build_decides(found: Match, facts: Facts, _dists: list[Distribution]) -> Iterable[tuple[str, float, str]]:
    """xFormers' "built for PyTorch X (you have Y)": a CPU torch installed is the problem itself; a ROCm torch never
    loads xFormers' CUDA extensions (a harmless warning there); the same torch build means something else failed."""
    if found.signature.id != "xformers_built_for_other_torch":
        return
    own = dict(found.facts)
    have, built = own.get("torch_version", ""), own.get("torch_named", "")
    if have.endswith("+cpu"):
        yield "CPU_ONLY_WHEEL", 2.0, f"the torch installed ({have}) is a CPU build"
        yield "PACKAGE_CONFLICT", 0.3, "xFormers is not what keeps CUDA away"
    elif "+rocm" in have or have == built:
        yield "PACKAGE_CONFLICT", 0.0, "not a torch xFormers was built for a CUDA of"
    elif facts.get("cuda_available") == "false":
        # (a CUDA torch that cannot reach the GPU: xFormers' extensions failing to load never makes is_available()
        # False, so something else does)
        yield "PACKAGE_CONFLICT", 0.0, "xFormers does not decide whether torch reaches the GPU"


def network_explains_no_wheel(found: Match, facts: Facts, _dists: list[Distribution]) -> Iterable[tuple[str, float, str]]:
    """pip failed to reach the index (a network message in the same text): the empty "no version" follows from that.

    pip prints "Could not find a version that satisfies the requirement" after it gave up fetching the
    index page; with nothing fetched the list of versions is empty, whatever the Python or platform.
    """
    if not facts.get("network_failure") or not _no_wheel_message(found):
        return
    listed = facts.get("available_versions", "").strip().lower()
    if listed and listed != "none":
        return  # pip did reach an index that listed versions: the network is not why this build was missing
    yield "DISK_OR_NETWORK", 2.7, "pip could not reach the index, so it found no version at all"
    for cause in ("PYTHON_UNSUPPORTED", "PLATFORM_UNSUPPORTED", "INDEX_VARIANT_MISSING"):
        yield cause, 0.3, "an index that could not be reached says nothing about the Python, platform or build"


def wsl_driver_side(found: Match, facts: Facts, _dists: list[Distribution]) -> Iterable[tuple[str, float, str]]:
    """On WSL 2 the GPU driver is the Windows one, exposed in /usr/lib/wsl/lib (NVIDIA's CUDA on WSL guide).

    A driver error inside WSL means the Windows driver is missing or too old, WSL 1 (no GPU at all), or a Linux
    driver installed inside WSL; a missing libcuda.so means the stub directory is not on the library search path.
    """
    if facts.get("is_wsl") != "true" and facts.get("wsl_version") != "1" and facts.get("windows_container") != "true":
        return  # (a container on Windows runs in Docker Desktop's WSL 2: the same driver path)
    if (facts.get("is_wsl") != "true" and facts.get("windows_container") == "true"
            and found.signature.id.startswith("found_no_nvidia_driver")):
        return  # (no driver at all in the container: it was started without the GPU, _started_without_gpu's words)
    cuda_message = found.signature.cause in CUDA_CAUSES or found.signature.family == "nvml"
    if facts.get("wsl_version") == "1" and (cuda_message or found.signature.cause == "NO_NVIDIA_GPU"):
        yield "WSL_DRIVER", 2.6, "WSL 1 has no GPU access at all; CUDA needs WSL 2"
    elif "libcuda" in facts.get("library", ""):
        yield "CUDA_LIB_MISSING", 2.2, "on WSL, libcuda.so is the Windows driver's stub in /usr/lib/wsl/lib"
    elif found.signature.cause in ("DRIVER_MISSING", "DRIVER_TOO_OLD") or found.signature.family == "nvml":
        yield "WSL_DRIVER", 2.2, "on WSL the driver is the Windows driver (WSL 2 only)"


def retold_in_prose(found: Match, _facts: Facts, _dists: list[Distribution]) -> Iterable[tuple[str, float, str]]:
    """A message retold in prose ("my driver seems too old") weighs less than a tool's own message beside it."""
    if found.signature.id.endswith("_prose") and found.signature.cause:
        yield found.signature.cause, 0.8, "told in prose, not a tool's own message"


_CONDA_CUDA_PACKAGE = re.compile(r"(?:cudatoolkit|pytorch-cuda|cuda-toolkit|cuda-runtime|cuda-cudart|cuda-nvcc|cudnn)\b")


def conda_cuda_package_missing(found: Match, facts: Facts, _dists: list[Distribution]) -> Iterable[tuple[str, float, str]]:
    """conda's PackagesNotFoundError naming a CUDA runtime package (cudatoolkit=11.1, pytorch-cuda=12.1): that package
    is not on the channels conda searched. PyTorch's own conda commands add the channel that carries it (-c nvidia for
    pytorch-cuda; -c conda-forge for cudatoolkit 11.1 and later), so the variant's channel is what is missing, not a
    platform or Python without PyTorch. Not on a Mac or beside only another vendor's GPU (no CUDA package fits)."""
    missing = facts.get("conda_missing", "")
    if (found.signature.id not in ("conda_packages_not_found", "conda_resolve_package_not_found")
            or not _CONDA_CUDA_PACKAGE.match(missing)):
        return
    if facts.get("os") == "darwin" or (facts.get("gpu_vendor") in ("amd", "intel", "apple") and not nvidia_named(facts)):
        return
    if facts.get("machine", "x86_64") not in ("x86_64", "amd64") or facts.get("python_bits") == "32":
        return  # (conda's subdir is linux-aarch64 / win-32: no such CUDA package for this platform at all)
    channels = facts.get("conda_channels", "").split()
    if ("nvidia" in channels and missing.startswith("pytorch-cuda")) or "conda-forge" in channels:
        return  # the channel that carries it was searched: not a channel missing from the command
    yield "INDEX_VARIANT_MISSING", 2.4, "the CUDA package asked of conda is not on the channels it searched"


def dxcore_outside_wsl(found: Match, facts: Facts, _dists: list[Distribution]) -> Iterable[tuple[str, float, str]]:
    """nvidia-container-cli's "dxcore initialization failed, continuing assuming a non-WSL environment" is logged on
    every host that is not WSL (libnvidia-container nvc.c tries dxcore first): a cause only where the text shows WSL."""
    if found.signature.id == "wsl_dxcore_initialization_failed" and facts.get("is_wsl") != "true":
        yield "WSL_DRIVER", 0.0, "logged on every host that is not WSL"


def cuda_index_on_macos(found: Match, facts: Facts, _dists: list[Distribution]) -> Iterable[tuple[str, float, str]]:
    """No wheel on macOS from a CUDA or ROCm index: those indexes publish Linux and Windows wheels only.

    download.pytorch.org/whl/cuNNN/torch/ and /whl/rocmX.Y/torch/ list linux and win_amd64 files; macOS builds (CPU
    and MPS) live on PyPI and /whl/cpu. So pip, uv or poetry find nothing there for a Mac, whatever the Python: the
    index (or the +cuNNN build asked for) does not exist for this platform. Left alone when the Python or the
    platform already decide (an Intel Mac's 2.2.x ceiling, a Python no release served).
    """
    if not _no_wheel_message(found) or facts.get("os") != "darwin":
        return
    variant = _requested_variant(facts.get("requested", "")) or facts.get("index_variant", "")
    if not variant.startswith(("cu", "rocm")):
        return
    listed = facts.get("available_versions", "").strip().lower()
    if listed and listed != "none":
        return  # pip found installable versions, so some index searched did carry macOS wheels
    from wizard.textdiag.build import definite_no_wheel_cause  # the shared no-wheel reasoning (knowledge-based)

    if definite_no_wheel_cause(facts) in ("PYTHON_UNSUPPORTED", "PLATFORM_UNSUPPORTED"):
        return
    yield "INDEX_VARIANT_MISSING", 2.6, f"the {variant} builds of torch exist for Linux and Windows only, not macOS"
    yield "PYTHON_UNSUPPORTED", 0.4, "a CUDA index has no macOS wheel for any Python"


def _requested_variant(requested: str) -> str:
    """The local version asked for: "torch==2.0.1+cu118" -> "cu118"."""
    found = re.search(r"\+(cu\d{2,3}|rocm[\d.]{1,8})\b", requested)
    return found.group(1).lower() if found else ""


def memory_error_needs_an_install(found: Match, facts: Facts, _dists: list[Distribution]) -> Iterable[tuple[str, float, str]]:
    """A MemoryError named in prose is pip's only where the text shows an install (a pip, uv or poetry request).

    pip raises a bare MemoryError while it buffers or unpacks the torch wheel (pytorch/pytorch#25164); the same name
    beside training or inference is the running code's memory, which no install step fixes: the text then says too
    little, and the message weighs nothing.
    """
    if found.signature.id == "memory_error_prose" and not facts.get("requested"):
        yield "DISK_OR_NETWORK", 0.0, "no install is shown, so the MemoryError is the running code's, not pip's"


def _requested_or_pinned(facts: Facts) -> str:
    """What pip was asked for: its own requirement, else a torch build the text pins ("torch==2.6.0+cu121") where pip's
    message was retold without it."""
    named = facts.get("torch_named", "")
    if facts.get("requested") or not re.fullmatch(r"\d{1,2}\.\d{1,3}(?:\.\d{1,3})?\+[a-z]{2,5}[\d.]{0,8}", named):
        return facts.get("requested", "")
    return f"torch=={named}"


def _no_wheel_message(found: Match) -> bool:
    return found.signature.family == "resolver" or found.signature.id.startswith(("pip_no_matching", "pip_could_not_find"))


def nvidia_gpu_named(found: Match, facts: Facts, _dists: list[Distribution]) -> Iterable[tuple[str, float, str]]:
    """An NVIDIA GPU or its driver named in the text: "there is no NVIDIA GPU" is no longer a reading of a message
    that only lists it among its possible causes (torch's "Found no NVIDIA driver ... check that you have an
    NVIDIA GPU and installed a driver")."""
    if found.signature.cause == "NO_NVIDIA_GPU" or "NO_NVIDIA_GPU" not in candidates(found):
        return
    if nvidia_named(facts):
        yield "NO_NVIDIA_GPU", 0.2, "an NVIDIA GPU or driver is named"


WINDOWS_MAX_PATH = 260  # MAX_PATH, the null included: 260 visible characters already fail (pip hints from 261)


def path_past_windows_limit(found: Match, facts: Facts, _dists: list[Distribution]) -> Iterable[tuple[str, float, str]]:
    """pip could not create a file whose path is longer than 260 characters: Windows' path limit, as pip reasons.

    pip (21.2 on) prints "HINT: ... does not have Windows Long Path support enabled" for an ENOENT or EINVAL on
    Windows whose filename is longer than 260 characters; older pips print the bare error with the same path. The
    path is printed as Python's repr, so its backslashes are doubled; they are counted once, as pip counts them.
    Windows' MAX_PATH (260) counts the terminating null character (Microsoft's "Maximum Path Length Limitation"), so
    a path of 260 characters already fails, though pip's hint starts at 261.
    """
    if found.signature.id != "pip_oserror_windows_path":
        return
    length = len(facts.get("missing_path", "").replace("\\\\", "\\"))
    if length >= WINDOWS_MAX_PATH:
        yield "LONG_PATHS_DISABLED", 2.4, f"the path pip could not create is {length} characters, past Windows' 260"


def raised_in_a_notebook(found: Match, facts: Facts, _dists: list[Distribution]) -> Iterable[tuple[str, float, str]]:
    """"No module named 'torch'" in Jupyter or IPython: the kernel is a Python of its own, often not the one the
    install went to (ipykernel's docs: a kernel must be installed for each environment it should run)."""
    if found.signature.id == "no_module_named_torch" and facts.get("runs_in_notebook") == "true":
        yield "ENV_MISMATCH", 2.2, "raised in a notebook, whose kernel may be another Python than the install's"


def raised_under_sudo(found: Match, facts: Facts, _dists: list[Distribution]) -> Iterable[tuple[str, float, str]]:
    """"No module named 'torch'" from a command run with sudo: root's Python runs with root's home, so the packages
    pip installed for the user (~/.local, site.USER_SITE) and the user's virtual environment on PATH are not its own."""
    if found.signature.id == "no_module_named_torch" and facts.get("sudo_python") == "true":
        yield "ENV_MISMATCH", 2.2, "run with sudo, whose Python does not see the user's packages"


PYTHON_C_API_SYMBOL = re.compile(r"^_{1,2}Py")  # the C API's names all start with Py / _Py (macOS adds one "_")


def symbol_names_its_library(found: Match, facts: Facts, _dists: list[Distribution]) -> Iterable[tuple[str, float, str]]:
    """dyld's "Symbol not found" names the symbol: only a Python C API symbol (_Py…) points to the interpreter.

    dyld prints the symbol it could not bind. Symbols the interpreter exports are the C API's (Py…/_Py…, with the
    underscore macOS prefixes), missing when a wheel built for a newer Python is loaded by an older one; a mangled
    C++ symbol (__ZN2at…, __ZN3c10…) belongs to torch's own libraries, so the library that needs it was built for
    another torch (macos_symbol_not_found's note). Another symbol that a library of macOS itself was expected to hold
    ("Expected in: /usr/lib/libSystem.B.dylib") came with a newer macOS than this one: the build needs a newer system.
    """
    if found.signature.id != "macos_symbol_not_found":
        return
    symbol = facts.get("symbol", "")
    if symbol and not PYTHON_C_API_SYMBOL.match(symbol):
        yield "PYTHON_UNSUPPORTED", 0.3, f"{symbol[:40]} is not a Python C API symbol"
        if facts.get("dyld_system_library") == "true":  # ("Expected in: /usr/lib/libSystem.B.dylib")
            yield "PLATFORM_UNSUPPORTED", 2.5, "a library of macOS itself lacks it: built for a newer macOS"
    outside_torch = not re.search(r"[\\/]torch[\\/]", facts.get("library", ""))  # (torch's own: two torch installs mixed)
    if TORCH_CPP_SYMBOL.match(symbol) and outside_torch:
        yield "PACKAGE_CONFLICT", 2.0, f"{symbol[:40]} is torch's own C++ symbol: the library was built for another torch"


# torch's C++ namespaces as the Itanium ABI mangles them, with the underscore macOS prefixes: at::, c10::, torch::,
# caffe2::, and the Python binding's THP* functions
TORCH_CPP_SYMBOL = re.compile(r"^__Z(?:TV|TI|TS)?NK?(?:2at|3c10|5torch|6caffe2)|^__Z\d{1,3}THP")


PYTORCH_INDEX = re.compile(r"download\.pytorch\.org/whl", re.IGNORECASE)


def windows_x64_has_pytorch_wheels(found: Match, facts: Facts, _dists: list[Distribution]) -> Iterable[tuple[str, float, str]]:
    """No wheel on 64-bit Windows although pip searched download.pytorch.org: that index serves the platform, so the
    Python is what no wheel fits.

    download.pytorch.org's pages (torch_stable.html, /whl/cpu, /whl/cuNNN) have carried win_amd64 wheels of every
    release since torch 1.0 (pytorch.org's previous-versions page gives a Windows pip command for each). pip lists
    every version it could install; when it found only PyPI's 0.1.2 placeholders or nothing there on x86-64 Windows,
    no wheel fitted this interpreter (its version, 32 bits or implementation). ROCm indexes have no Windows wheels.
    """
    if not (_no_wheel_message(found) or found.signature.id.startswith("pypi_placeholder")):
        return
    if facts.get("os") != "windows" or facts.get("machine") not in ("x86_64", "amd64", "AMD64"):
        return
    requested = facts.get("requested", "")
    if not PYTORCH_INDEX.search(requested) or "rocm" in requested.lower() or facts.get("index_variant", "").startswith("rocm"):
        return
    listed = [v.strip() for v in facts.get("available_versions", "").split(",") if v.strip()]
    if any(v.lower() != "none" and not v.startswith("0.1.2") for v in listed):
        return  # pip found real versions: a Python it serves, some other reason (the +variant, the version asked)
    yield "PYTHON_UNSUPPORTED", 2.2, "download.pytorch.org has 64-bit Windows wheels, none for this Python"
    yield "PLATFORM_UNSUPPORTED", 0.4, "64-bit Windows is a platform download.pytorch.org serves"


COMPANIONS = frozenset({"torchvision", "torchaudio"})


def companion_import_needs_it(found: Match, facts: Facts, _dists: list[Distribution]) -> Iterable[tuple[str, float, str]]:
    """A CUDA library missing for torchvision's or torchaudio's compiled part, not for torch: torch imported first.

    torchvision/__init__ and torchaudio/__init__ import torch before their own extension, so torch's CUDA libraries
    loaded; a library their extension still cannot open belongs to another torch build than the installed one
    (companion_extension_library_missing's note).
    """
    if found.signature.cause != "CUDA_LIB_MISSING" or facts.get("failing_import") not in COMPANIONS:
        return
    yield "CUDA_LIB_MISSING", 0.5, f"torch imported; {facts['failing_import']}'s own extension needs the library"


def torch_outside_required_range(found: Match, facts: Facts, _dists: list[Distribution]
                                 ) -> Iterable[tuple[str, float, str]]:
    """A package declares a torch range (pip's "facenet-pytorch 2.6.0 requires torch<2.3.0,>=2.2.0"): a conflict only
    where the torch installed lies outside that range: the one the same message names ("but you have torch 2.3.1",
    "uninstalling torch 2.3.1", kaolin's "but found version 1.13.1"), else the one a tool shows installed. A torch only
    named (had before, tried, asked about) says nothing: inside the range, or with no installed torch shown, no conflict."""
    own = dict(found.facts)  # (the range of this message, not of another one in the text)
    required = own.get("torch_required", "").rstrip(",.")
    if not required or found.signature.cause != "PACKAGE_CONFLICT":
        return
    installed = own.get("torch_version") or facts.get("torch_pip_installed") or facts.get("torch_installed", "")
    if not installed or not _outside(installed, required):
        yield "PACKAGE_CONFLICT", 0.0, f"no torch shown installed outside torch{required}"
    else:
        yield "PACKAGE_CONFLICT", 1.0, f"torch {installed} is outside torch{required}"


# a local version label of a source build (PEP 440): setup.py of torch, torchvision and torchaudio version a build from a
# git checkout "<version>a0+git<sha>" or "<version>a0+<sha>"; no index serves them
SOURCE_BUILD_LABEL = re.compile(r"\+(?:git)?[0-9a-f]{7,40}\b")
TORCHAUDIO_FIRST_WINDOWS = (0, 7)  # torchaudio 0.7.0 (with torch 1.7, October 2020) was its first Windows wheel
# Windows wheels of torchvision and torchaudio were on PyTorch's index only, not on PyPI (its size limits), up to at
# least these releases (pytorch/vision#1774: "the windows version of torchvision … were never uploaded to PyPI";
# pytorch/vision#3436 and pytorch/audio#1320, February 2021: 0.8.2 and 0.7.2 missing there)
LAST_WITHOUT_PYPI_WINDOWS = {"torchvision": (0, 8), "torchaudio": (0, 7)}


def release_tuple(version: str) -> tuple[int, int] | None:
    """A release's major and minor as numbers ("0.11.2" → (0, 11)); None where the text has none."""
    found = re.match(r"(\d{1,3})\.(\d{1,3})", version or "")
    return (int(found.group(1)), int(found.group(2))) if found else None


def triton_wheels_are_linux_only(found: Match, facts: Facts, _dists: list[Distribution]
                                 ) -> Iterable[tuple[str, float, str]]:
    """pip found no triton at all on Windows or a Mac: triton's wheels on PyPI are Linux's only (manylinux)."""
    if found.signature.id == "pip_no_triton_wheel" and facts.get("os") in ("windows", "darwin") and facts.get(
            "linux_also_named") != "true" and facts.get("is_wsl") != "true":
        yield "PLATFORM_UNSUPPORTED", 3.0, "triton publishes wheels for Linux only"


def companion_no_wheel_context(found: Match, facts: Facts, _dists: list[Distribution]) -> Iterable[tuple[str, float, str]]:
    """No wheel for torchvision or torchaudio: a source build's version, or one newer than any release, is on no index;
    a torchaudio before 0.7 had no Windows wheel at all, and Windows companions of that time were on PyTorch's index
    only; pip's list of older releases than the one asked is this Python's ceiling."""
    if found.signature.id not in ("pip_no_matching_companion", "pip_could_not_find_companion"):
        return
    asked = dict(found.facts).get("companion_requested", "")
    if SOURCE_BUILD_LABEL.search(asked):
        yield "INDEX_VARIANT_MISSING", 3.0, f"{asked} is a source build's version: no index serves it"
        return
    version = release_tuple(asked.lstrip("=<>!~ ").partition("+")[0])
    package = dict(found.facts).get("package", "")
    if package == "torchaudio" and facts.get("os") == "windows" and version and version < TORCHAUDIO_FIRST_WINDOWS:
        yield "PLATFORM_UNSUPPORTED", 3.0, "torchaudio had no Windows wheels before 0.7.0"
        return
    if (facts.get("os") == "windows" and version and version <= LAST_WITHOUT_PYPI_WINDOWS.get(package, (0, 0))
            and facts.get("pytorch_index_shown") != "true"):
        yield "INDEX_VARIANT_MISSING", 3.0, f"{package}'s Windows wheels of that time were on PyTorch's index only"
        return
    from wizard.textdiag.build import newest_companion  # (knowledge-based)

    newest_released = release_tuple(newest_companion(package))
    if version and newest_released and version > newest_released:
        yield "INDEX_VARIANT_MISSING", 3.0, f"no {package} {asked.lstrip('=<>!~ ')} was ever released"
        return
    offered = dict(found.facts).get("companion_versions", "")
    if offered.strip() == "none":
        # (nothing at all for this interpreter, where the package publishes wheels for the usual systems: its Python)
        yield "PYTHON_UNSUPPORTED", 2.0, f"pip finds no {package} at all for this Python"
        return
    listed = [release_tuple(item.strip()) for item in offered.split(",")]
    newest = max((item for item in listed if item), default=None)
    if version and newest and newest < version and asked.startswith("=="):
        # (pip lists what this Python and platform get: all older than the version asked, that one has no wheel here;
        # an Intel Mac's releases end with torch 2.2's companions, whatever its Python)
        if facts.get("os") == "darwin" and facts.get("machine") == "x86_64":
            yield "PLATFORM_UNSUPPORTED", 2.5, f"an Intel Mac gets releases up to {newest[0]}.{newest[1]} only"
        else:
            yield "PYTHON_UNSUPPORTED", 2.5, f"this Python gets releases up to {newest[0]}.{newest[1]} only"


def built_without_cuda_decides(found: Match, facts: Facts, _dists: list[Distribution]) -> Iterable[tuple[str, float, str]]:
    """'Not compiled with GPU support': on a machine without an NVIDIA GPU (a Mac) nothing could have been built with
    CUDA, so no NVIDIA GPU is the cause; a CPU build of torchvision shown beside a CUDA torch is a companion of another
    build (its prebuilt ops raise the same words), not a package built here without the toolkit."""
    if found.signature.id != "extension_not_compiled_with_gpu_support":
        return
    if facts.get("os") == "darwin" or facts.get("no_nvidia_gpu") == "true":
        yield "NO_NVIDIA_GPU", 4.0, "no NVIDIA GPU here: nothing was built with CUDA"
    elif facts.get("torchvision_version", "").endswith("+cpu") and not facts.get("torch_version", "").endswith("+cpu"):
        yield "PACKAGE_CONFLICT", 4.0, "a CPU torchvision beside another torch build"


def cuda_home_unset_decides(found: Match, facts: Facts, _dists: list[Distribution]) -> Iterable[tuple[str, float, str]]:
    """cpp_extension looks for the toolkit only in a CUDA build (CUDA_HOME = _find_cuda_home() if
    torch.cuda._is_compiled() else None): beside a CPU build shown, "CUDA_HOME environment variable is not set" is that
    build's, whatever the toolkit; on a Mac no CUDA extension builds at all."""
    if found.signature.id != "cpp_extension_cuda_home_not_set":
        return
    if facts.get("os") == "darwin":
        yield "NO_NVIDIA_GPU", 4.0, "a Mac: no CUDA, so no CUDA extension builds"
    elif facts.get("torch_build") == "cpu" or facts.get("torch_version", "").endswith("+cpu"):
        yield "CPU_ONLY_WHEEL", 4.0, "a CPU build never looks for a CUDA toolkit"


def driver_api_symbol_beside_driver(found: Match, facts: Facts, _dists: list[Distribution]) -> Iterable[tuple[str, float, str]]:
    """A driver-API function (cu + a capital) that cannot be resolved, beside the driver and the build the text shows:
    a driver older than the one that came with the build's CUDA toolkit lacks the APIs of that CUDA release (new driver
    APIs come with a CUDA minor release: minor-version compatibility does not bring them to an older driver); one at or
    above it has them all, so another libcuda (a stub, an old CUDA's on the library path) was loaded."""
    if found.signature.id != "cuda_driver_symbol_undefined" or not facts.get("driver_version"):
        return
    label = facts.get("torch_variant", "") or facts.get("torch_version", "").partition("+")[2]
    built = variant_cuda(label) or facts.get("torch_cuda", "")
    from wizard.textdiag.era import knowledge_or_none  # (the knowledge base, loaded once)

    knowledge = knowledge_or_none()
    shipped = knowledge.toolkit_driver(built, "linux") if knowledge is not None and built else None
    try:
        driver, floor = Version(facts["driver_version"]), Version(shipped or "")
    except InvalidVersion:
        return
    if driver < floor:
        yield "DRIVER_TOO_OLD", 4.0, f"driver {driver} predates CUDA {built}'s ({floor}): it lacks that release's APIs"
    else:
        yield "DRIVER_TOO_OLD", 0.0, f"driver {driver} has every API of CUDA {built} (its driver is {floor})"


def oom_kill_of_a_working_run(found: Match, facts: Facts, _dists: list[Distribution]) -> Iterable[tuple[str, float, str]]:
    """The kernel's "Out of memory: Killed process N (python)" is an install's failure only where an install ran:
    beside CUDA shown working, the process killed is the program's run (a DataLoader worker), not pip."""
    if found.signature.id != "oom_kernel_log" or dict(found.facts).get("package", "").lower() not in ("python", "python3"):
        return
    if "true" in (facts.get("cuda_available"), facts.get("cuda_works")):
        yield "DISK_OR_NETWORK", 0.0, "the program killed beside CUDA working: its own memory, not an install"


def _outside(version: str, required: str) -> bool:
    """Whether a torch version (its local build dropped) lies outside a requirement's range; False where unreadable."""
    try:
        return not SpecifierSet(required).contains(Version(version).public, prereleases=True)
    except (InvalidSpecifier, InvalidVersion):
        return False


def ngc_banner_within_cuda_major(found: Match, facts: Facts, _dists: list[Distribution]) -> Iterable[tuple[str, float, str]]:
    """NVIDIA's NGC images print "built for NVIDIA Driver Release X or later, but version Y was detected" for any host
    driver below the image's own toolkit driver, but from CUDA 11 on a driver runs every toolkit of its CUDA major
    (minor-version compatibility; NVIDIA's CUDA Compatibility guide): the banner is the cause only where the host's
    driver is below the floor of the image's CUDA major, and never where the container shows CUDA working."""
    if found.signature.id != "ngc_container_driver_below_release":
        return
    if "true" in (facts.get("cuda_available"), facts.get("cuda_works"), facts.get("gpu_memory_exhausted")):
        yield "DRIVER_TOO_OLD", 0.0, "CUDA is shown working in the container"
        return
    required = re.search(r"Release (\d{3}\.\d{1,3}(?:\.\d{1,3})?)", found.excerpt)
    needs = _cuda_major_of_driver(required.group(1)) if required else None
    has = _cuda_major_of_driver(facts.get("driver_version", ""))
    if needs is not None and has is not None and needs == has:
        yield "DRIVER_TOO_OLD", 0.0, f"the host's driver runs CUDA {has}.x, the image's CUDA major"


def _cuda_major_of_driver(version: str) -> int | None:
    """The newest CUDA major a driver runs by minor-version compatibility (the knowledge's floors: 525.60.13 for 12,
    580 for 13); None where unknown or below every floor listed."""
    from wizard.textdiag.era import knowledge_or_none  # (the knowledge base, loaded once)

    knowledge = knowledge_or_none()
    try:
        driver = Version(version)
    except InvalidVersion:
        return None
    if knowledge is None:
        return None
    majors = [floor.cuda_major for floor in knowledge.driver_floors
              if floor.linux and _at_least(driver, floor.linux) and floor.cuda_major >= 11]
    return max(majors, default=None)


def _at_least(driver: Version, floor: str) -> bool:
    try:
        return driver >= Version(floor)
    except InvalidVersion:
        return False


CONTEXT_RULES: tuple[ContextRule, ...] = (
    torch_outside_required_range,
    built_without_cuda_decides,
    cuda_home_unset_decides,
    oom_kill_of_a_working_run,
    driver_api_symbol_beside_driver,
    companion_no_wheel_context,
    triton_wheels_are_linux_only,
    no_nvidia_hardware,
    cuda_extension_module_fails_to_load,
    replaced_gpu_build_decides,
    extension_procedure_not_found,
    cpu_build_lacks_its_cuda_library,
    devices_busy_beside_cuda_available,
    library_decides_dll,
    dll_without_nvidia_gpu,
    bitness_decides,
    old_libstdcxx_platform,
    no_wheel_context,
    jetson_board,
    arch_already_covered,
    capability_inside_build_family,
    driver_trouble_hides_gpus,
    torch_found_elsewhere,
    shadowing_script,
    importing_python_is_served,
    skipped_wheels_decide,
    xformers_build_decides,
    another_python_ran,
    network_explains_no_wheel,
    wsl_driver_side,
    retold_in_prose,
    nvidia_gpu_named,
    cuda_index_on_macos,
    memory_error_needs_an_install,
    path_past_windows_limit,
    raised_in_a_notebook,
    raised_under_sudo,
    driver_answered,
    symbol_names_its_library,
    windows_x64_has_pytorch_wheels,
    companion_import_needs_it,
    local_version_needs_its_index,
    no_driver_nothing_nvidia_named,
    system_cudnn_loaded,
    cuda_error_code_decides,
    companion_library_decides,
    extension_library_procedure_not_found,
    no_pip_in_a_uv_environment,
    conda_cuda_package_missing,
    dxcore_outside_wsl,
    ngc_banner_within_cuda_major,
)
# they weigh a message but leave its other causes possible (a reading that is likelier, not established)
NEUTRAL_RULES: tuple[ContextRule, ...] = (retold_in_prose, no_driver_nothing_nvidia_named)
