"""Ask the NVIDIA driver through NVML (the real ``pynvml``): driver version, CUDA it supports, each GPU.

NVML runs in-process (it is fast), but a wedged driver can block ``nvmlInit`` for minutes, so
:func:`collect_nvml` runs the query in a daemon thread and gives up after a timeout. Which
``libnvidia-ml.so.1`` / ``nvml.dll`` is loaded is decided by this process's own loader
environment (LD_LIBRARY_PATH at start-up, the Windows system folder), never by an injected env.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import Any

from wizard.facts.reasons import because, stored_reason
from wizard.snapshot import Fact, FactStatus, NvmlGpu, NvmlInfo, Problem

NVML_TIMEOUT_S = 10.0

# pynvml's NVML_ERROR_* values (nvml.h); kept here so the mapping works without importing pynvml.
NVML_ERROR_NO_PERMISSION = 4
NVML_ERROR_DRIVER_NOT_LOADED = 9
NVML_ERROR_LIBRARY_NOT_FOUND = 12
NVML_ERROR_FUNCTION_NOT_FOUND = 13
NVML_ERROR_GPU_IS_LOST = 15
NVML_ERROR_LIB_RM_VERSION_MISMATCH = 18

CODE_BY_NVML_ERROR = {
    NVML_ERROR_LIBRARY_NOT_FOUND: "nvml_library_not_found",
    NVML_ERROR_DRIVER_NOT_LOADED: "nvml_driver_not_loaded",
    NVML_ERROR_NO_PERMISSION: "nvml_no_permission",
    NVML_ERROR_FUNCTION_NOT_FOUND: "nvml_function_not_found",
    NVML_ERROR_LIB_RM_VERSION_MISMATCH: "nvml_rm_version_mismatch",
    NVML_ERROR_GPU_IS_LOST: "nvml_gpu_lost",
}

REASON_CODES = ("nvml_library_not_found", "nvml_driver_not_loaded", "nvml_no_permission", "nvml_function_not_found",
                "nvml_rm_version_mismatch", "nvml_gpu_lost", "nvml_unknown", "nvml_timeout")


def reason_for(code: str) -> str:
    """The reason an NVML code stands for (resources/texts/facts.json, reason.nvml.<code>)."""
    return because(f"reason.nvml.{code}")


def nvml_error_code(error: BaseException) -> str:
    """The wizard's code for an exception raised by pynvml (or by importing it)."""
    if type(error).__name__ == "NVMLLibraryMismatchError":  # pynvml's wrapper around FUNCTION_NOT_FOUND
        return "nvml_function_not_found"
    value = getattr(error, "value", None)
    if isinstance(value, int):
        return CODE_BY_NVML_ERROR.get(value, "nvml_unknown")
    return "nvml_unknown"


def problem_from_nvml_error(error: BaseException, during: str = "") -> Problem:
    """A Problem for a pynvml exception; ``during`` names the call that failed ("nvmlInit")."""
    code = nvml_error_code(error)
    value = getattr(error, "value", None)
    if code == "nvml_unknown":
        # Not str(error) for NVMLError: it calls back into the library, which may be the thing that is broken.
        detail = f"NVML error {value}" if isinstance(value, int) else f"{type(error).__name__}: {error}"
        reason = because("reason.nvml.detail", reason=reason_for(code), detail=detail)
    else:
        reason = reason_for(code)
    if during:
        reason = because("reason.nvml.during", during=during, reason=reason)
    status = FactStatus.NOT_FOUND if code == "nvml_library_not_found" else FactStatus.FAILED
    return Problem(status=status, reason=reason, code=code)


def cuda_version_from_int(value: int) -> str:
    """NVML's CUDA version integer as "major.minor": 12040 -> "12.4", 13000 -> "13.0"."""
    return f"{value // 1000}.{(value % 1000) // 10}"


def _text(value: Any) -> str:
    return value.decode(errors="replace") if isinstance(value, bytes) else str(value)


class _Query:
    """One NVML session: calls that fail because the driver lacks the function are noted, not fatal."""

    def __init__(self, nvml: Any) -> None:
        self.nvml = nvml
        self.missing: list[str] = []

    def optional(self, function: str, *args: Any) -> Any:
        """Call ``nvml.<function>``; None (and noted) when the driver does not have it."""
        if not hasattr(self.nvml, function):  # an older pynvml that does not know the function either
            self.missing.append(function)
            return None
        try:
            return getattr(self.nvml, function)(*args)
        except Exception as exc:
            if nvml_error_code(exc) != "nvml_function_not_found":
                raise _CallFailed(exc, function) from exc
            self.missing.append(function)
            return None

    def required(self, function: str, *args: Any) -> Any:
        try:
            return getattr(self.nvml, function)(*args)
        except Exception as exc:
            raise _CallFailed(exc, function) from exc


class _CallFailed(Exception):
    def __init__(self, error: BaseException, function: str) -> None:
        super().__init__(function)
        self.error = error
        self.function = function


def query_nvml(pci_lookup: Callable[[int], str] | None = None) -> Fact[NvmlInfo]:
    """Ask NVML (synchronously) for the driver, the CUDA version it supports and every GPU.

    ``pci_lookup`` maps a PCI device id (0x2204) to a compute capability; it fills the capability
    when an old driver lacks nvmlDeviceGetCudaComputeCapability.
    """
    try:
        import pynvml
    except ImportError as exc:
        return Fact.missing(
            FactStatus.FAILED, because("reason.nvml.no_pynvml", error=exc), code="nvml_unknown"
        )
    query = _Query(pynvml)
    try:
        query.required("nvmlInit")
    except _CallFailed as failed:
        return Fact(problem=_problem_for(failed))
    try:
        return Fact.found(_read_everything(query, pci_lookup))
    except _CallFailed as failed:
        return Fact(problem=_problem_for(failed))
    finally:
        with contextlib.suppress(Exception):  # a failing shutdown must not hide what the query found
            pynvml.nvmlShutdown()


def _problem_for(failed: _CallFailed) -> Problem:
    problem = problem_from_nvml_error(failed.error, failed.function)
    if problem.code == "nvml_function_not_found":
        reason = because("reason.nvml.detail", reason=stored_reason(problem), detail=failed.function)
        return Problem(status=problem.status, reason=reason, code=problem.code)
    return problem


def _read_everything(query: _Query, pci_lookup: Callable[[int], str] | None) -> NvmlInfo:
    driver = query.optional("nvmlSystemGetDriverVersion")
    nvml_version = query.optional("nvmlSystemGetNVMLVersion")
    cuda = query.optional("nvmlSystemGetCudaDriverVersion_v2")
    if cuda is None:
        cuda = query.optional("nvmlSystemGetCudaDriverVersion")
    count = query.required("nvmlDeviceGetCount")
    gpus = tuple(_read_gpu(query, index, pci_lookup) for index in range(count))
    return NvmlInfo(
        driver_version=_text(driver) if driver is not None else "",
        cuda_driver_version=cuda_version_from_int(cuda) if isinstance(cuda, int) and cuda > 0 else "",
        gpus=gpus,
        nvml_version=_text(nvml_version) if nvml_version is not None else "",
        missing_functions=tuple(dict.fromkeys(query.missing)),
    )


def _read_gpu(query: _Query, index: int, pci_lookup: Callable[[int], str] | None) -> NvmlGpu:
    handle = query.required("nvmlDeviceGetHandleByIndex", index)
    name = query.optional("nvmlDeviceGetName", handle)
    capability = query.optional("nvmlDeviceGetCudaComputeCapability", handle)
    memory = query.optional("nvmlDeviceGetMemoryInfo", handle)
    pci = query.optional("nvmlDeviceGetPciInfo", handle)
    uuid = query.optional("nvmlDeviceGetUUID", handle)
    pci_device_id = int(pci.pciDeviceId) if pci is not None else 0
    if capability is not None:
        capability_text = f"{capability[0]}.{capability[1]}"
    elif pci_lookup is not None and pci_device_id:
        capability_text = pci_lookup(pci_device_id >> 16)
    else:
        capability_text = ""
    return NvmlGpu(
        index=index,
        name=_text(name) if name is not None else "",
        compute_capability=capability_text,
        memory_total_mib=int(memory.total) // (1024 * 1024) if memory is not None else 0,
        pci_bus_id=_text(pci.busId) if pci is not None else "",
        pci_device_id=pci_device_id,
        uuid=_text(uuid) if uuid is not None else "",
    )


def collect_nvml(timeout: float = NVML_TIMEOUT_S, pci_lookup: Callable[[int], str] | None = None) -> Fact[NvmlInfo]:
    """:func:`query_nvml` in a daemon thread; a TIMED_OUT fact when the driver does not answer in time."""
    outcome: list[Fact[NvmlInfo]] = []

    def work() -> None:
        try:
            outcome.append(query_nvml(pci_lookup))
        except Exception as exc:  # noqa: BLE001 - a pynvml bug becomes a fact, not a crash
            outcome.append(Fact(problem=problem_from_nvml_error(exc, "NVML query")))

    worker = threading.Thread(target=work, name="nvml-query", daemon=True)
    worker.start()
    worker.join(timeout)
    if outcome:
        return outcome[0]
    return Fact.missing(
        FactStatus.TIMED_OUT, because("reason.nvml.within", reason=reason_for("nvml_timeout"), seconds=f"{timeout:g}"),
        code="nvml_timeout",
    )
