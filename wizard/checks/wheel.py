"""Step "PyTorch": is torch installed, does it import, is it the right build for this GPU, do the packages fit?"""

from __future__ import annotations

from wizard.checks.common import (
    build_words,
    gpu_names,
    recommendation_actions,
    search_path_actions,
    url_action,
    wants_gpu,
)
from wizard.checks.context import CheckContext, Gpu, version_tuple
from wizard.checks.import_errors import classify_import_failure, last_line
from wizard.checks.texts import finding
from wizard.evidence import cuda_build_ran, working_shown
from wizard.findings import Finding, Severity, Step
from wizard.knowledge.model import capability_covered
from wizard.policy.compat import (
    COMPANIONS,
    companion_problems,
    cuda_arch_lists,
    no_build_covers,
    parse_version,
    unmet_torch_requirement,
)
from wizard.policy.machine import evidence_fact, platform_of
from wizard.snapshot import FactStatus

STEP = Step.WHEEL
# Where each import-failure cause is shown (its spec step).
IMPORT_CAUSE_STEPS = {
    "CUDA_LIB_MISSING": Step.TOOLKIT,
    "LIB_PATH_CONFLICT": Step.TOOLKIT,
    "VCREDIST_MISSING": Step.PYTHON,
    "NUMPY_ABI": Step.PYTHON,
    "TORCH_IMPORT_FAILED": Step.WHEEL,
}

__all__ = ["classify_import_failure", "check_wheel"]


def check_torch_missing(ctx: CheckContext) -> list[Finding]:
    """TORCH_MISSING: no torch in the target interpreter."""
    if ctx.python is None or ctx.torch_installed or ctx.snapshot.source == "text":
        return []
    problem = ctx.torch_problem
    if problem is not None and problem.status is FactStatus.FAILED:
        return []  # an import failure is not "missing"; the import check explains it
    return [
        finding(
            "TORCH_MISSING",
            Severity.ERROR,
            STEP,
            details=f"no torch distribution in {ctx.python.executable}" + (f" ({problem.reason})" if problem else ""),
            actions=recommendation_actions(ctx),
            python=ctx.python.executable,
        )
    ]


def check_import(ctx: CheckContext) -> list[Finding]:
    """A failed `import torch`, filed under its root cause (missing library, DLL, symbol, NumPy)."""
    problem = ctx.torch_problem
    if problem is None or problem.code == "torch_not_installed":
        return []
    text = problem.stderr_tail or problem.reason
    details = text if text == problem.reason else f"{problem.reason}\n{text}"
    if problem.status is FactStatus.TIMED_OUT:
        return [
            finding("TORCH_IMPORT_FAILED.timeout", Severity.ERROR, STEP, details=details, seconds=_seconds(problem))
        ]
    if problem.status is not FactStatus.FAILED:
        return []
    if problem.signal:
        return [
            finding(
                "TORCH_IMPORT_FAILED.crashed",
                Severity.ERROR,
                STEP,
                details=details,
                actions=recommendation_actions(ctx, "Reinstall PyTorch"),
                signal=problem.signal,
            )
        ]
    code, culprit = classify_import_failure(text)
    actions = recommendation_actions(ctx, "Reinstall PyTorch")
    if code == "LIB_PATH_CONFLICT":  # the search path is the cause: change it, the installed torch is fine
        actions = search_path_actions(ctx) or actions
    elif code == "VCREDIST_MISSING":
        actions = url_action(ctx, "vc_redist", "Download the Visual C++ Redistributable (x64)") + actions
    elif code == "NUMPY_ABI":
        from wizard.checks.common import pip_actions

        actions = pip_actions(ctx, 'Install NumPy 1 ("numpy<2")', "numpy<2") + actions
    key = code if code == "TORCH_IMPORT_FAILED" else f"{code}.import"
    return [
        finding(
            key,
            Severity.ERROR,
            IMPORT_CAUSE_STEPS[code],
            details=details,
            actions=actions,
            culprit=culprit or "a library",
            error=last_line(text) or problem.reason,
        )
    ]


def _seconds(problem: object) -> str:
    import re

    match = re.search(r"(\d+(?:\.\d+)?)\s*s", getattr(problem, "reason", ""))
    return match.group(1) if match else "the time limit"


def check_build_matches_gpu(ctx: CheckContext) -> list[Finding]:
    """CPU_ONLY_WHEEL: a CPU (or ROCm) build on a machine with an NVIDIA GPU."""
    if not ctx.torch_build_known or ctx.torch_cuda or not ctx.gpus or not wants_gpu(ctx):
        return []
    if not ctx.torch_hip and _no_build_for_any_gpu(ctx):
        return []  # no CUDA build would use these GPUs either: GPU_ARCH_UNSUPPORTED.no_build says so
    if cuda_build_ran(ctx.snapshot):
        return []  # (pasted: torch's CUDA code reported the GPU's architecture; the CPU build shown is another Python's)
    if ctx.torch_hip:
        key = "CPU_ONLY_WHEEL.rocm"
    elif ctx.os == "windows":
        key = "CPU_ONLY_WHEEL.windows"
    else:
        key = "CPU_ONLY_WHEEL"
    rec = ctx.recommendation
    actions = recommendation_actions(ctx) if rec.variant.startswith("cu") else []
    actions += url_action(ctx, "pytorch_get_started", "PyTorch install selector")
    return [
        finding(
            key,
            Severity.ERROR,
            STEP,
            details=f"torch {ctx.torch_version} ({build_words(ctx)}); NVIDIA GPU(s): "
            + ", ".join(f"{g.name} ({g.capability or '?'}, from {g.source})" for g in ctx.gpus),
            actions=actions,
            torch=ctx.torch_version,
            gpu=gpu_names(ctx),
        )
    ]


def check_gpu_arch(ctx: CheckContext) -> list[Finding]:
    """GPU_ARCH_UNSUPPORTED: the build has no kernels for this GPU's compute capability."""
    if not ctx.gpus:
        return []
    if not ctx.torch_cuda:
        return _no_build_for_gpus(ctx)
    archs = _arch_list(ctx)
    op_error = ctx.torch.cuda_op.problem.reason if ctx.torch and ctx.torch.cuda_op.problem else ""
    warnings = " ".join(ctx.torch.cuda_warnings) if ctx.torch else ""
    no_kernel = "no kernel image" in op_error or "not compatible with the current PyTorch" in warnings
    uncovered = [g for g in ctx.gpus if g.capability and archs and not capability_covered(g.capability, archs)]
    if not uncovered and no_kernel:
        uncovered = list(ctx.gpus)
    if not uncovered:
        return []
    gpu = uncovered[0]
    too_old = bool(archs) and _older_than_all(gpu, archs)
    key = "GPU_ARCH_UNSUPPORTED.too_old" if too_old else "GPU_ARCH_UNSUPPORTED"
    return [
        finding(
            key,
            Severity.ERROR if wants_gpu(ctx) else Severity.INFO,
            STEP,
            details=f"GPU {gpu.name}: compute capability {gpu.capability or '?'}; torch {ctx.torch_version} "
            f"has kernels for {' '.join(archs) or 'unknown'}" + (f"\n{op_error}" if op_error else ""),
            actions=recommendation_actions(ctx),
            gpu=gpu.name,
            capability=gpu.capability or "?",
            torch=ctx.torch_version,
            archs=" ".join(archs) or "unknown",
        )
    ]


NO_BUILD_KEY = "GPU_ARCH_UNSUPPORTED.no_build"


def rules_out_cpu_build(item: Finding) -> bool:
    """Whether a finding says no CUDA build supports the GPUs: a CPU build is then the right build, not a cause."""
    return item.title_message is not None and item.title_message.key == f"{NO_BUILD_KEY}.title"


def _no_build_for_gpus(ctx: CheckContext) -> list[Finding]:
    """GPU_ARCH_UNSUPPORTED.no_build: a CPU build installed (or a paste that shows no build), and every NVIDIA GPU is
    older than anything the CUDA builds the knowledge lists for this platform contain kernels for (a Kepler GT 730, a
    Fermi GTX 670M): installing a CUDA build cannot make PyTorch use them."""
    if ctx.torch_hip or ctx.machine_facts.jetson or not (ctx.is_cpu_build or _build_not_shown(ctx)):
        return []
    if not _no_build_for_any_gpu(ctx):
        return []
    gpu = min(ctx.gpus, key=lambda g: version_tuple(g.capability))
    oldest = _oldest_build_capability(ctx)
    return [
        finding(
            "GPU_ARCH_UNSUPPORTED.no_build",  # NO_BUILD_KEY, written out: tests/checks/test_texts.py reads the calls
            Severity.ERROR if wants_gpu(ctx) else Severity.INFO,
            STEP,
            details=f"GPU {gpu.name}: compute capability {gpu.capability} (from {gpu.source}); the oldest compute "
            f"capability any CUDA build has kernels for{' on ' + ctx.platform if ctx.platform else ''}: {oldest}",
            actions=recommendation_actions(ctx),
            gpu=gpu.name,
            capability=gpu.capability,
            oldest=oldest,
        )
    ]


def _build_not_shown(ctx: CheckContext) -> bool:
    """A paste that shows no torch build, and no torch version older than the knowledge's releases: the builds to
    judge by are the knowledge's (a torch older than those, named in an old post, had builds for older GPUs then)."""
    if ctx.snapshot.source != "text" or ctx.torch_build_known or working_shown(ctx.snapshot) == "cuda":
        return False  # (CUDA shown working: the build in use had kernels for this GPU)
    oldest = min((v for v in (parse_version(r.version) for r in ctx.knowledge.releases) if v), default=None)
    shown = (ctx.torch_version, *(evidence_fact(ctx.snapshot, key) for key in ("torch_installed", "torch_named")))
    versions = [parse_version(v.partition("+")[0]) for v in shown if v]
    return oldest is not None and not any(v is not None and v < oldest for v in versions)


def _no_build_for_any_gpu(ctx: CheckContext) -> bool:
    """Every NVIDIA GPU here has a known compute capability that no CUDA build for this platform covers."""
    return bool(ctx.gpus) and all(g.capability and no_build_covers(g.capability, ctx.knowledge, ctx.platform)
                                  for g in ctx.gpus)


def _oldest_build_capability(ctx: CheckContext) -> str:
    entries = {entry.replace("+PTX", "") for archs in cuda_arch_lists(ctx.knowledge, ctx.platform) for entry in archs}
    return min(entries, key=version_tuple, default="?")


def _arch_list(ctx: CheckContext) -> tuple[str, ...]:
    if ctx.torch is not None and ctx.torch.arch_list:
        return ctx.torch.arch_list
    if ctx.release is None:
        return ()
    platform = ctx.platform or platform_of(ctx.os, ctx.machine)[0]  # (pasted text may not say: x86_64 is assumed)
    local = ctx.torch_version.partition("+")[2] or "cu" + ctx.torch_cuda.replace(".", "")
    variant = ctx.release.variant(local)
    return variant.arch_list(platform) if variant else ()


def _older_than_all(gpu: Gpu, archs: tuple[str, ...]) -> bool:
    have = version_tuple(gpu.capability)
    numbers = []
    for arch in archs:
        digits = arch.split("_")[-1].replace("+PTX", "").rstrip("af")
        parsed = (
            version_tuple(digits) if "." in digits else (int(digits[:-1]), int(digits[-1])) if digits.isdigit() else ()
        )
        if parsed:
            numbers.append(parsed)
    return bool(have and numbers) and have < min(numbers)


_AVAILABILITY_FACTS = frozenset({"cuda_available", "cuda_works", "gpu_unused"})


def _unavailability_shown(ctx: CheckContext) -> bool:
    """Whether CUDA being unusable was seen: always by the live probe; in pasted text only where it shows
    is_available() (or CUDA working, or the person saying the GPU goes unused): a version alone says nothing of it."""
    if ctx.snapshot.source != "text":
        return True
    return any(key in _AVAILABILITY_FACTS for item in ctx.snapshot.evidence for key, _ in item.facts)


def check_cuda_runtime(ctx: CheckContext) -> list[Finding]:
    """A CUDA build that still cannot use the GPU (CUDA unavailable, or the tiny CUDA op failed)."""
    torch = ctx.torch
    if torch is None or not ctx.torch_cuda or not ctx.usable_gpus or not wants_gpu(ctx):
        return []
    if not torch.cuda_available and _unavailability_shown(ctx):
        return [
            finding(
                "TORCH_CUDA_UNAVAILABLE",
                Severity.ERROR,
                STEP,
                details="torch.cuda.is_available() returned False"
                + ("; warnings: " + " | ".join(torch.cuda_warnings) if torch.cuda_warnings else ""),
                torch=torch.version,
            )
        ]
    problem = torch.cuda_op.problem
    if problem is not None and problem.status in (FactStatus.FAILED, FactStatus.TIMED_OUT):
        if "no kernel image" in problem.reason:
            return []  # GPU_ARCH_UNSUPPORTED says it
        return [
            finding(
                "CUDA_OP_FAILED",
                Severity.ERROR,
                STEP,
                details=f"{problem.reason}\n{problem.stderr_tail}".strip(),
                error=last_line(problem.reason) or "an error",
            )
        ]
    return []


def check_packages(ctx: CheckContext) -> list[Finding]:
    """PACKAGE_CONFLICT: torchvision / torchaudio that don't belong to this torch, broken requirements."""
    torch = ctx.dists.get("torch")
    if torch is None:
        return []
    problems = companion_problems(ctx.dists, ctx.release)
    for dist in ctx.dists.values():
        if dist.name not in COMPANIONS:
            problems += unmet_torch_requirement(dist.name, dist.requires, torch.version)
    for name in ("torchvision", "torchaudio"):
        fact = getattr(ctx.torch, name) if ctx.torch else None
        if (
            fact is not None
            and not fact.ok
            and fact.problem
            and fact.problem.status is FactStatus.FAILED
            and name in ctx.dists
        ):
            problems.append(f"import {name} failed: {last_line(fact.problem.stderr_tail or fact.problem.reason)}")
    if not problems:
        return []
    unique = list(dict.fromkeys(problems))
    return [
        finding(
            "PACKAGE_CONFLICT",
            Severity.ERROR,
            STEP,
            details="\n".join(unique),
            actions=recommendation_actions(ctx, "Reinstall matching versions"),
            torch=torch.version,
        )
    ]


def check_torch_ok(ctx: CheckContext) -> list[Finding]:
    """The ok line: what works."""
    torch = ctx.torch
    if ctx.evidence_causes:
        return []  # pasted text shows an error: "works" would contradict it
    if torch is None:
        if ctx.torch_installed and ctx.torch_problem and ctx.torch_problem.status is FactStatus.UNKNOWN:
            return [
                finding("TORCH_OK.not_imported", Severity.INFO, STEP, version=ctx.torch_version, build=build_words(ctx))
            ]
        return []
    if torch.cuda and torch.cuda_available and torch.device_count > 0:
        if torch.cuda_op.problem is not None and torch.cuda_op.problem.status is FactStatus.FAILED:
            return []
        names = [d.name for d in torch.devices] or [g.name for g in ctx.gpus]
        return [
            finding(
                "TORCH_OK",
                Severity.OK,
                STEP,
                details=f"{torch.file}; arch list {' '.join(torch.arch_list)}",
                version=torch.version.partition("+")[0],
                build=build_words(ctx),
                gpu=" and ".join(dict.fromkeys(names)) or "the GPU",
            )
        ]
    if torch.xpu_available.value is True and not (ctx.gpus and wants_gpu(ctx)):
        return [finding("TORCH_OK.xpu", Severity.OK, STEP, details=torch.file, version=torch.version.partition("+")[0],
                        build=build_words(ctx))]
    if not torch.cuda and not (ctx.gpus and wants_gpu(ctx)):
        return [
            finding(
                "TORCH_OK.cpu",
                Severity.OK,
                STEP,
                details=torch.file,
                version=torch.version.partition("+")[0],
                build=build_words(ctx),
            )
        ]
    return []


CHECKS = (
    check_torch_missing,
    check_import,
    check_build_matches_gpu,
    check_gpu_arch,
    check_cuda_runtime,
    check_packages,
    check_torch_ok,
)


def check_wheel(ctx: CheckContext) -> list[Finding]:
    return [f for check in CHECKS for f in check(ctx)]
