"""The live probe: import torch in THIS process and record what happens (stdlib only, Python 3.6+).

The wizard runs this in its own subprocess, so a segfault or a hang here becomes a fact.
Before each risky step a stage line goes to stderr, so the wizard can say where it died.
"""

import importlib
import re
import sys
import traceback
import warnings

STAGE_PREFIX = "tsw-probe: stage: "
TRACEBACK_LIMIT = 20000
_CUDA_LIBRARY = re.compile(r"lib(cudart|cudnn|cublas|nccl|nvrtc)[^/]*\.(so|dylib)|libcuda\.so")
_TRIGGERED_INTERNALLY = " (Triggered internally at"


def stage(name):
    sys.stderr.write(STAGE_PREFIX + name + "\n")
    sys.stderr.flush()


def found(value):
    return {"value": value}


def missing(status, reason, code="", stderr_tail=""):
    return {"problem": {"status": status, "reason": reason, "code": code, "stderr_tail": stderr_tail}}


def error_text(exc):
    return f"{type(exc).__name__}: {exc}"


def traceback_text():
    return traceback.format_exc()[-TRACEBACK_LIMIT:]


def is_missing_module(exc, name):
    """True when the ImportError says `name` itself is absent (not one of its dependencies)."""
    return isinstance(exc, ImportError) and getattr(exc, "name", None) == name


def warning_messages(records):
    return [str(record.message) for record in records]


def numpy_warning_in(messages):
    for message in messages:
        if "NumPy" in message or "numpy" in message:
            return message.split(_TRIGGERED_INTERNALLY)[0].strip()
    return ""


def loaded_libraries(maps_path="/proc/self/maps"):
    """CUDA / cuDNN / NCCL libraries mapped into this process (Linux), each path once, in map order."""
    paths = []
    try:
        with open(maps_path, encoding="utf-8", errors="replace") as handle:
            for line in handle:
                fields = line.split(None, 5)
                if len(fields) < 6:
                    continue
                path = fields[5].strip()
                if _CUDA_LIBRARY.search(path.rsplit("/", 1)[-1]) and path not in paths:
                    paths.append(path)
    except OSError:
        return []
    return paths


def optional_import(name):
    """Version of an optional package (torchvision, torchaudio), or why it is not there."""
    stage("import " + name)
    try:
        module = importlib.import_module(name)
    except Exception as exc:  # any failure to import is the fact we want
        if is_missing_module(exc, name):
            return missing("not_found", f"{name} is not installed", f"{name}_not_installed")
        return missing("failed", f"import {name} failed: {error_text(exc)}", f"{name}_import_failed", traceback_text())
    return found(str(getattr(module, "__version__", "")))


def import_torch():
    """(torch module or None, import failure dict or None, warnings emitted during the import)."""
    stage("import torch")
    with warnings.catch_warnings(record=True) as records:
        warnings.simplefilter("always")
        try:
            import torch
        except (Exception, SystemExit) as exc:
            status = "not_installed" if is_missing_module(exc, "torch") else "import_failed"
            return None, {"status": status, "error": error_text(exc), "traceback": traceback_text()}, []
    return torch, None, warning_messages(records)


def arch_list(torch, errors):
    try:
        archs = list(torch.cuda.get_arch_list())
    except Exception as exc:
        errors.append("torch.cuda.get_arch_list(): " + error_text(exc))
        archs = []
    if archs:
        return archs
    # get_arch_list() answers [] whenever CUDA is unavailable; the build's list is still useful then.
    flags = getattr(getattr(torch, "_C", None), "_cuda_getArchFlags", None)
    try:
        return (flags() or "").split() if flags is not None else []
    except Exception:
        return []


def devices(torch, count, errors):
    found_devices = []
    for index in range(count):
        try:
            major, minor = torch.cuda.get_device_capability(index)
            name = torch.cuda.get_device_name(index)
        except Exception as exc:
            errors.append(f"device {index}: {error_text(exc)}")
            continue
        found_devices.append({"index": index, "name": str(name), "capability": f"{major}.{minor}"})
    return found_devices


def tiny_cuda_op(torch, available):
    if not available:
        return missing(
            "not_applicable", "CUDA is not available to torch, so no CUDA operation was tried", "cuda_unavailable"
        )
    stage("tiny CUDA operation")
    try:
        return found(str((torch.ones(2, device="cuda") * 2).sum().item()))
    except Exception as exc:
        return missing("failed", f"a tiny CUDA operation failed: {error_text(exc)}", "cuda_op_failed", traceback_text())


def numpy_facts(torch, import_warnings):
    """(numpy version fact, the 'Failed to initialize NumPy' warning or bridge error, '' if none)."""
    warning = numpy_warning_in(import_warnings)
    stage("import numpy")
    try:
        import numpy
    except Exception as exc:
        if is_missing_module(exc, "numpy"):
            return missing("not_found", "numpy is not installed", "numpy_not_installed"), warning
        return missing(
            "failed", f"import numpy failed: {error_text(exc)}", "numpy_import_failed", traceback_text()
        ), warning
    with warnings.catch_warnings(record=True) as records:
        warnings.simplefilter("always")
        try:
            torch.zeros(1).numpy()
        except Exception as exc:  # "Numpy is not available": torch was built against another NumPy ABI
            warning = warning or error_text(exc)
    warning = warning or numpy_warning_in(warning_messages(records))
    return found(str(numpy.__version__)), warning


def mps_state(torch):
    """Whether torch can use the Mac's own GPU through Metal ("mps"); asked on macOS only."""
    if sys.platform != "darwin":
        return missing("not_applicable", "not macOS", "mps_not_applicable")
    backend = getattr(getattr(torch, "backends", None), "mps", None)
    if backend is None:
        return missing("not_found", "this torch build has no MPS backend", "mps_not_built")
    stage("torch.backends.mps.is_available()")
    try:
        return found(bool(backend.is_available()))
    except Exception as exc:
        return missing("failed", "torch.backends.mps.is_available(): " + error_text(exc), "mps_check_failed")


def xpu_state(torch):
    """Whether torch can use an Intel GPU through its XPU backend (the +xpu builds); torch.xpu exists from torch 2.4."""
    if sys.platform == "darwin":
        return missing("not_applicable", "macOS", "xpu_not_applicable")
    backend = getattr(torch, "xpu", None)
    if backend is None or not hasattr(backend, "is_available"):
        return missing("not_found", "this torch build has no XPU backend", "xpu_not_built")
    stage("torch.xpu.is_available()")
    try:
        return found(bool(backend.is_available()))
    except Exception as exc:
        return missing("failed", "torch.xpu.is_available(): " + error_text(exc), "xpu_check_failed")


def runtime(torch, import_warnings):
    errors = []
    version_module = getattr(torch, "version", None)
    info = {
        "version": str(getattr(torch, "__version__", "")),
        "cuda": str(getattr(version_module, "cuda", None) or ""),
        "hip": str(getattr(version_module, "hip", None) or ""),
        "file": str(getattr(torch, "__file__", "") or ""),
    }
    stage("torch.cuda.is_available()")
    with warnings.catch_warnings(record=True) as records:
        warnings.simplefilter("always")
        try:
            available = bool(torch.cuda.is_available())
        except Exception as exc:
            errors.append("torch.cuda.is_available(): " + error_text(exc))
            available = False
    info["cuda_available"] = available
    info["cuda_warnings"] = warning_messages(records)
    try:
        count = int(torch.cuda.device_count())
    except Exception as exc:
        errors.append("torch.cuda.device_count(): " + error_text(exc))
        count = 0
    info["device_count"] = count
    info["devices"] = devices(torch, count, errors) if available else []
    info["arch_list"] = arch_list(torch, errors)
    stage("torch.backends.cudnn.version()")
    try:
        cudnn = torch.backends.cudnn.version()
    except Exception as exc:  # e.g. "cuDNN version incompatibility": a fact for the cuDNN check
        errors.append("torch.backends.cudnn.version(): " + error_text(exc))
        cudnn = None
    info["cudnn_version"] = "" if cudnn is None else str(cudnn)
    info["cuda_op"] = tiny_cuda_op(torch, available)
    info["numpy_version"], info["numpy_warning"] = numpy_facts(torch, import_warnings)
    info["torchvision"] = optional_import("torchvision")
    info["torchaudio"] = optional_import("torchaudio")
    info["loaded_libraries"] = loaded_libraries() if sys.platform.startswith("linux") else []
    info["mps_available"] = mps_state(torch)
    info["xpu_available"] = xpu_state(torch)
    info["step_errors"] = errors
    return info


def collect(identity):
    result = dict(identity)
    torch, failure, import_warnings = import_torch()
    if failure is not None:
        result["torch_status"] = failure["status"]
        result["error"] = failure["error"]
        result["traceback"] = failure["traceback"]
        return result
    result["torch_status"] = "ok"
    result["torch"] = runtime(torch, import_warnings)
    stage("done")
    return result
