"""The facts pasted text can reveal: one flat vocabulary of keys, each with its normaliser.

Signatures name these keys as regex groups ("(?P<driver_cuda>\\d+)") or as constant facts;
the collect_env parser fills the same keys. The snapshot builder reads only these keys.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from wizard.findings import SPEC_CODES
from wizard.knowledge.model import cubin_covers

# Diagnosis codes of the spec a signature may point to.
SPEC_CAUSES = frozenset(SPEC_CODES)
# Codes added by the checks engineer that pasted text can also point to.
EXTRA_CAUSES = frozenset({"TORCH_IMPORT_FAILED", "CUDA_OP_FAILED", "LONG_PATHS_DISABLED", "LOCAL_TORCH_SHADOW",
                          "TOOLKIT_MISMATCH", "TORCH_DAMAGED", "CUDA_HOME_MISSING", "PIP_TOO_OLD"})
KNOWN_CAUSES = SPEC_CAUSES | EXTRA_CAUSES


def _strip(value: str) -> str:
    return value.strip().strip(".,;:'\"`()[]")


def cuda_version(value: str) -> str:
    """"11040" (the integer CUDA reports) → "11.4"; "12.4" stays "12.4"; "9000" → "9.0"."""
    value = _strip(value)
    if re.fullmatch(r"\d{1,3},\d{3}", value):
        value = value.replace(",", "")  # ("11,060": digits grouped by a translation)
    if value.isdigit() and len(value) >= 4:
        number = int(value)
        return f"{number // 1000}.{(number % 1000) // 10}"
    return value


def capability_from_sm(value: str) -> str:
    """"sm_120" → "12.0", "sm_86" → "8.6", "8.6" stays."""
    value = _strip(value).lower()
    digits = value.removeprefix("sm_").removeprefix("compute_").rstrip("af")
    if digits.isdigit() and len(digits) >= 2:
        return f"{int(digits[:-1])}.{digits[-1]}"
    return value if re.fullmatch(r"\d{1,2}\.\d", value) else ""


def capability_range(value: str) -> str:
    """"(8.0) - (12.0)" (torch's "Minimum and Maximum cuda capability supported") → "8.0-12.0"."""
    bounds = re.findall(r"\d{1,2}\.\d", value)
    return "-".join(bounds) if len(bounds) == 2 else ""


def covered_beyond_range(capability: str, supported: str) -> bool:
    """Whether a GPU of ``capability`` that torch's capability warning put outside the build's range ``supported``
    ("8.0-12.0") runs the build's kernels all the same: above the highest, in the same major (a cubin for sm_XY runs on
    every sm_XZ with Z >= Y: CUDA's binary compatibility; torch 2.9's warning said so of a GB10, 12.1, fixed later)."""
    highest = supported.rpartition("-")[2]
    return bool(capability and highest) and cubin_covers(capability, (highest,))


def arch_list(value: str) -> str:
    """"sm_50 sm_60, sm_86." → "sm_50 sm_60 sm_86" (space separated, as torch prints it)."""
    return " ".join(re.findall(r"(?:sm|compute)_\d{2,3}[af]?", value.lower()))


def python_version(value: str) -> str:
    """"312" (from "Python312" / "cp312") → "3.12"; "3.12.1" stays."""
    value = _strip(value)
    if value.isdigit() and len(value) in (2, 3) and value.startswith("3"):
        return f"3.{value[1:]}"
    return value


def library_major(value: str) -> str:
    """The soname / DLL major of a library name: "libcudart.so.12" → "12", "cudnn64_8.dll" → "8"."""
    value = _strip(value)
    match = re.search(r"\.so\.(\d+)", value) or re.search(r"(?:64|_)(\d+)(?:_\d+)?\.dll$", value, re.IGNORECASE)
    return match.group(1) if match else ""


def torch_cuda(value: str) -> str:
    """torch.version.cuda as printed: "None" means a CPU build, kept as ""."""
    value = _strip(value)
    return "" if value.lower() in ("none", "n/a", "could not collect") else value


def lower(value: str) -> str:
    return _strip(value).lower()


# key → normaliser. Values are strings; lists (arch_list) are space separated.
FACT_KEYS: dict[str, Callable[[str], str]] = {
    "os": lower,  # linux | windows | darwin
    "machine": lower,
    "os_release": _strip,
    "kernel": _strip,
    "libc": _strip,
    "is_wsl": lower,  # "true"
    "driver_version": _strip,
    "driver_cuda": cuda_version,  # highest CUDA the driver supports
    "nvml_error": lower,  # nvml_driver_not_loaded | nvml_rm_version_mismatch | nvml_library_not_found
    "gpu_name": _strip,
    "sm": lower,  # "sm_120"; the builder derives the capability
    "capability": capability_from_sm,
    "arch_list": arch_list,
    "wheel_python_tags": lower,  # "cp36 cp37 cp38": the Pythons of every wheel pip skipped (space separated)
    "py_launcher": lower,  # "true": a script or pip run with Windows' py launcher
    "py_launcher_beside_conda": lower,  # "true": ... where the text installs into a conda environment
    "tensor_on_gpu": lower,  # "true": a tensor printed on a cuda device (a kernel ran on the GPU)
    "pip_outside_env": lower,  # "true": `which pip` in an activated environment answered a pip outside it
    "capability_range": capability_range,  # "8.0-12.0": the lowest and highest capability torch's warning names
    "toolkit_version": _strip,
    "library": _strip,  # "libcudart.so.12"
    "lib_major": _strip,
    "symbol": _strip,  # an undefined symbol
    "symbol_version": _strip,  # the version of a symbol the loader could not find ("libcublasLt.so.11")
    "dll": _strip,  # "fbgemm.dll"
    "win_error": _strip,  # "126"
    "python_version": python_version,
    "python_bits": _strip,
    "amd_gpu_name": _strip,  # "AMD Radeon RX 7900 XTX": a Radeon card's model (its gfx target: knowledge.amd_gfx)
    "amd_gfx": lower,  # "gfx1100": the target rocminfo (or a ROCm message) names for the AMD GPU
    "intel_gpu_name": _strip,  # "Intel Arc A770": an Arc card's model (XPU builds support the A and B series)
    "uv_project_ran": lower,  # "true": a uv project's commands shown running (uv add / sync / run), or its resolver
    "uv_pip_ran": lower,  # "true": uv's pip interface shown running (its command on its own line, or its output)
    "uv_pip_interface": lower,  # "true": uv's pip interface ran ("uv pip install", "and you require"), not a project
    "python_bits_checked": lower,  # "true": the interpreter's own 64-bit check printed 32 (platform, struct, sys)
    "requested": _strip,  # what pip was asked for: "torch==2.0.1+cu118"
    "available_versions": _strip,  # pip's "(from versions: ...)" list, "none" when empty
    "wheels_skipped_tags": _strip,
    "torch_replaced": _strip,  # the GPU build of torch pip uninstalled while installing something else ("2.3.1+cu121")
    "torchvision_installed": _strip,  # the torchvision pip's "Successfully installed" line names ("0.15.1+cu118")
    "torchaudio_installed": _strip,  # the torchaudio pip's "Successfully installed" line names
    "companion_requested": _strip,  # the torchvision / torchaudio requirement pip found no wheel for ("==0.6.0a0+82fd1c8")
    "companion_versions": _strip,  # pip's "(from versions: …)" list for that torchvision / torchaudio requirement
    "torch_pip_installed": _strip,  # the torch pip's "Successfully installed" line names without a local version
    "torch_cpu_wheel": _strip,  # the version of a PyPI torch wheel for Windows/macOS (CPU-only builds there)  # poetry: how many wheels it skipped because no tag fits this environment
    "module": _strip,  # the module that could not be imported
    "torch_version": _strip,
    "torch_cuda": torch_cuda,
    "cuda_available": lower,  # "true" | "false"
    "torch_build": lower,  # "cpu" when the text proves a CPU-only build
    "torch_imported": lower,  # "true": a message only an imported torch prints (torch.cuda's lazy-init assertion)
    "numpy_version": _strip,
    "operator": _strip,  # "torchvision::nms"
    "package": _strip,
    "index_ignored": lower,  # "true": pip ignored the index it was given (a plain-http host not trusted)
    "index_host": _strip,
    "runs_in_editor": lower,  # "true": the code runs from VS Code, PyCharm or Spyder (each picks its own interpreter)
    "import_works_in_terminal": lower,  # "true": torch imports in the terminal, not in a notebook or an editor
    "linux_also_named": lower,  # "true": beside a Mac, the text names Linux (a server, an ssh session)
    "hosted_notebook": lower,  # "colab" | "kaggle": a hosted notebook, whose image ships PyTorch's CUDA build
    "first_torch": _strip,  # the first torch release with compiled kernels for the GPU the text names ("2.7.0")
    "container_toolkit_missing": lower,  # "true": Docker was asked for GPUs and has no NVIDIA runtime to give them
    "job_without_gpus": lower,  # "true": a Slurm job (srun, sbatch) that asked for no GPU
    "container_without_gpus": lower,  # "true": a container started without --gpus (or the nvidia runtime)
    "desktop_vm": lower,  # "true": VMware Workstation/Player or VirtualBox (no GPU passthrough for CUDA)
    "uv_hint": lower,  # "platform" | "python": what uv's own hint says the wheels lack (uv_wheel_hint_*)
    "bundled_cuda_build": lower,  # "true": the program runs its own bundled Python with PyTorch's CUDA build
    "gpu_load_seen": lower,  # "task_manager": the GPU's load was read in Windows' Task Manager (no CUDA graph by default)
    "worked_before": lower,  # "true": the person says the program worked on this machine before ("yesterday it worked")
    "app_installs_cuda_build": lower,  # "true": the program that printed it installs PyTorch's CUDA build itself
    "driver_below_told": lower,  # "true": the person says the driver is below what the CUDA build needs
    "installed_elsewhere_told": lower,  # "true": the person says the install went into another Python (the system one)
    "torch_missing_told": lower,  # "true": the person says torch is not installed ("torch was missing")
    "linux_driver_in_wsl": lower,  # "true": the person installed NVIDIA's Linux driver inside WSL 2
    "linux_driver_installed": lower,  # "true": apt installed an nvidia-driver-NNN package (a Linux driver)
    "wording": lower,  # which variant of a cause's words fits (wizard.evidence.WORDING_FACT): "extension", ...
    "shadow_path": _strip,  # a file of the user's that Python imported in place of a module of the same name
    "shadowed_module": _strip,  # the module it hides ("dis", "inspect", "typing")
    "torch_required": _strip,  # the torch range an installed package declares: "<2.3.0,>=2.2.0" (pip's "requires torch<…")
    "torch_satisfied": _strip,  # the version pip's "Requirement already satisfied: torch in <path> (<version>)" names
    "torch_installed_at": _strip,  # pip says "Requirement already satisfied: torch in <path>"
    "errno": _strip,
    "cuda_error": _strip,  # "no kernel image is available for execution on the device"
    "other_index_shown": lower,  # "true": the text shows pip searched an index besides PyPI (or a links page)
    "pytorch_index_shown": lower,  # "true": PyTorch's own wheel index or links page (download.pytorch.org/whl) is named
    "index_variant": lower,  # the download.pytorch.org index the text names: "cu131", "cpu"
    # Facts that prose and other tools' output reveal (wizard.textdiag.evidence):
    "gpu_vendor": lower,
    "discrete_gpu_named": lower,  # "true": an AMD Radeon RX or Intel Arc card named by its model (the machine's GPU)  # nvidia | amd | intel | apple
    "torch_variant": lower,  # the local version of the torch named: "cu121", "cpu", "rocm6.2"
    "torchvision_version": _strip,
    "torchaudio_version": _strip,
    "network_failure": _strip,  # the network message (signature id) or "prose" that shows pip could not reach an index
    "proxy_set": lower,  # "true" when a proxy variable is set (its value is never kept)
    "ld_library_path": _strip,
    "cuda_visible_devices": _strip,
    "pythonpath": _strip,
    "cuda_home": _strip,
    "torch_cuda_arch_list": _strip,
    "ops_library_package": _strip,  # the package whose __init__ called torch.ops.load_library in the traceback  # TORCH_CUDA_ARCH_LIST as set: the arches an extension build compiles for
    "python_path": _strip,  # an interpreter `where python` / `which python` printed
    "platform_board": lower,  # "jetson"
    "gpu_text": _strip,  # the GPU field of an issue template, as written
    "torch_installed": _strip,
    "mps_available": lower,  # "true" | "false": torch.backends.mps.is_available() as printed
    "rocm_works": lower,  # "true": torch.cuda shown working through ROCm (HIP's allocator out of memory on the AMD GPU)
    "xpu_available": lower,  # "true" | "false": torch.xpu.is_available() as printed (an Intel GPU, +xpu builds)
    "working_told": lower,  # "true": CUDA working is told in words ("runs fine on the GPU"), not shown by a tool
    "program_chose_cpu": lower,  # "true": a program logged the CPU as the device it picked ("Chosen device: cpu")
    "gpu_memory_exhausted": lower,  # "true": PyTorch's CUDA allocator ran out of GPU memory (CUDA itself works)
    "cuda_works": lower,  # "true": the text shows CUDA working (a tensor on a cuda device, "runs on the GPU")
    "wsl_version": _strip,  # "1" | "2": which WSL (WSL 1 has no GPU access at all)
    "no_nvidia_gpu": lower,  # "true": the text says the machine has no (CUDA-capable) NVIDIA GPU
    "missing_path": _strip,  # the file pip could not create or open (its OSError's filename, as printed)
    "failing_import": lower,  # the package whose import statement raised, as the traceback shows: "torchvision"
    "runs_in_notebook": lower,  # "true": the text comes from Jupyter or IPython (an .ipynb, a notebook cell, a kernel)
    "wheel_page_torch": lower,  # the torch build a companion's wheel page is for ("2.4.0+cu121": PyG's, DGL's pages)
    "arm32_shown": lower,  # "true": a 32-bit ARM system shown (armv7l, armhf, pip's linux_armv7l tag, or "32-bit" on one)
    "windows_container": lower,  # "true": Docker or Podman named on Windows (its containers reach the GPU through WSL 2)
    "torch_replaced_told": lower,  # "true": the person says installing a package replaced the torch that was there
    "torch_build_told": lower,  # "cpu": the person says the torch that got installed is a CPU build
    "conda_cpu_build": lower,  # "true": conda's build string or packages of a CPU build (py3.8_cpu_0, cpuonly, mutex cpu)
    "conda_channels": lower,  # the channels a conda command names, space separated: "pytorch nvidia"
    "conda_missing": lower,  # the first spec conda's PackagesNotFoundError lists: "cudatoolkit=11.1", "torchaudio"
    "conda_cuda": _strip,  # the CUDA asked of conda: "cudatoolkit=11.3", "pytorch-cuda=11.8"
    "cuda_build_named": lower,  # "true": a CUDA (or ROCm) build of torch is named somewhere (+cuNNN, a /whl/cuNNN index)
    "gpu_unused": lower,  # "true": the person says the program runs on the CPU instead of the GPU
    "user_site_package": _strip,  # "numpy": a package a traceback loads from the user site-packages under torch
    "cuda_lost": lower,  # "true": the person says CUDA stopped working ("not available anymore", "no longer detected")
    "gpu_works_elsewhere": lower,  # "true": the person says CUDA works on this machine for another program or env
    "torch_named": _strip,  # a torch version the text names (a pin, a request, a wheel), not necessarily installed  # a torch version the text shows installed (pip's success line, pip list, conda list)
}


def normalise(key: str, value: str) -> str:
    return FACT_KEYS[key](value)


def derived_facts(facts: dict[str, str]) -> dict[str, str]:
    """Facts that follow from others: a library's major version, a GPU's capability from its sm_XY."""
    extra = {}
    library = facts.get("library") or facts.get("dll")
    if library and "lib_major" not in facts and library_major(library):
        extra["lib_major"] = library_major(library)
    if facts.get("sm") and "capability" not in facts and capability_from_sm(facts["sm"]):
        extra["capability"] = capability_from_sm(facts["sm"])
    if facts.get("capability_range") and covered_beyond_range(facts.get("capability", ""), facts["capability_range"]):
        extra["cuda_works"] = "true"  # (torch prints the warning once CUDA found the GPU; its kernels run there)
    return extra
