"""Which root cause an ``import torch`` traceback points to.

The error catalogue shared with pasted text (wizard.textdiag.classify) decides first, so the live
probe and a pasted traceback name the same cause; the patterns below are the fallback for the
few shapes the catalogue leaves to context (a bare "undefined symbol", "DLL load failed" alone).
"""

from __future__ import annotations

import re

from wizard.checks.context import CheckContext
from wizard.snapshot import FactStatus

# (code, pattern) in the order they are tried: the first match names the cause. The library group, when
# present, says which file was at fault.
SIGNATURES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("VCREDIST_MISSING", re.compile(r"WinError (?:126|1114)\][^\n]*?(?P<library>[\w.-]+\.dll)", re.IGNORECASE)),
    ("VCREDIST_MISSING", re.compile(r"WinError (?:126|1114)|DLL load failed", re.IGNORECASE)),
    (
        "CUDA_LIB_MISSING",
        re.compile(
            r"(?P<library>lib(?:cudart|cudnn|cublas|cufft|curand|cusolver|cusparse|nccl|nvrtc|nvJitLink|cupti|"
            r"nvToolsExt|cuda)[\w.]*\.so[\w.]*): cannot open shared object file"
        ),
    ),
    ("CUDA_LIB_MISSING", re.compile(r"Could not load library (?P<library>\S*(?:cudnn|cublas|cudart)\S*)")),
    ("CUDA_LIB_MISSING", re.compile(r"(?P<library>(?:cudnn|cudart|cublas|nvrtc)\w*\.dll)\W.*not (?:be )?found", re.I)),
    ("LIB_PATH_CONFLICT", re.compile(r"(?P<library>[^\s:'\"]+\.so[\w.]*): undefined symbol: (?P<symbol>\S+)")),
    ("LIB_PATH_CONFLICT", re.compile(r"undefined symbol: (?P<symbol>\S+)")),
    (
        "NUMPY_ABI",
        re.compile(
            r"compiled using NumPy 1\.x cannot be run in\s+NumPy 2|_ARRAY_API not found|"
            r"numpy\.core\.multiarray failed to import"
        ),
    ),
)


# The causes a failed ``import torch`` is explained with (each has an "<CODE>.import" text and a step).
IMPORT_CODES = frozenset({"VCREDIST_MISSING", "CUDA_LIB_MISSING", "LIB_PATH_CONFLICT", "NUMPY_ABI"})


def classify_import_failure(text: str) -> tuple[str, str]:
    """(code, library or symbol) for a traceback; ("TORCH_IMPORT_FAILED", "") when no signature matches."""
    from wizard.textdiag.classify import classify_text

    for cause in classify_text(text or ""):
        if cause.code in IMPORT_CODES:
            facts = cause.facts
            return cause.code, facts.get("library") or facts.get("dll") or facts.get("symbol") or ""
    for code, pattern in SIGNATURES:
        match = pattern.search(text)
        if match:
            groups = match.groupdict()
            return code, groups.get("library") or groups.get("symbol") or ""
    return "TORCH_IMPORT_FAILED", ""


def import_failure_code(ctx: CheckContext) -> str:
    """The classified cause of a failed live import of torch, "" when it did not fail."""
    problem = ctx.torch_problem
    if problem is None or problem.status is not FactStatus.FAILED or problem.code == "torch_not_installed":
        return ""
    return classify_import_failure(problem.stderr_tail or problem.reason)[0]


def last_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else ""
