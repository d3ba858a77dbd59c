"""Course-profile checks: the course's Python, torch and package ranges, its CUDA policy, GPU memory and smoke test.

Each finding goes in the step it concerns (Python: versions and packages; driver: CUDA and GPU memory;
PyTorch: the torch version and the smoke test). Without a profile only a recorded smoke test is reported.
Texts: resources/texts/course.json.
"""

from __future__ import annotations

import dataclasses
from functools import cache

from packaging.specifiers import SpecifierSet
from packaging.version import InvalidVersion, Version

from wizard.checks.common import gpu_names, pip_actions, recommendation_actions
from wizard.checks.context import CheckContext
from wizard.checks.texts import Text, load_texts_file, messages_of, render
from wizard.evidence import FAILED_CODE, smoke_results
from wizard.findings import Action, Finding, Severity, Step
from wizard.profile import SMOKE_TESTS, CourseProfile
from wizard.recommend import (
    PYTHON_DOWNLOADS,
    course_allows,
    course_of,
    course_pythons,
    no_cuda_advice,
    recommend,
    version_in,
)
from wizard.resources_path import resource

# NVML reports a little less than the marketing size (memory the driver reserves): a "6 GB" card may
# show 5.8 GiB, so a card within this fraction of the course's minimum counts as meeting it.
MEMORY_TOLERANCE = 0.95
NO_CUDA_DEVICE = "no CUDA device"  # how wizard/probe/smoke.py words a gpu_matmul without a GPU


@cache
def course_texts() -> dict[str, Text]:
    return load_texts_file(resource("texts", "course.json"))


def course_finding(key: str, severity: Severity, step: Step, *, details: str = "", actions: tuple[Action, ...] = (),
                   caused_by: str = "", **fields: object) -> Finding:
    title, explanation = render(key, fields, course_texts())
    return Finding(code=key.split(".", 1)[0], severity=severity, step=step, title=title, explanation=explanation,
                   details=details, actions=tuple(actions), caused_by=caused_by, **messages_of(title, explanation))


def check_course(ctx: CheckContext) -> list[Finding]:
    """Every course finding; none without a profile (except a smoke test the snapshot recorded)."""
    course = course_of(ctx.goal)
    if course is None:
        return _smoke_findings(ctx, None)
    return [
        *_python_findings(ctx, course),
        *_package_findings(ctx, course),
        *_cuda_findings(ctx, course),
        *_memory_findings(ctx, course),
        *_torch_findings(ctx, course),
        *_smoke_findings(ctx, course),
    ]


CHECKS = (check_course,)


# --------------------------------------------------------------------------- Python


def _python_findings(ctx: CheckContext, course: CourseProfile) -> list[Finding]:
    if not course.python or ctx.python is None or not ctx.python.version:
        return []
    allowed = [r for r in ctx.knowledge.releases if r.verified and course_allows(r, course)]
    pythons = course_pythons(course, allowed) or course_pythons(course, ctx.knowledge.releases)
    needs = _python_words(pythons) or course.python
    fields = dict(course=course.name, needs=needs, version=ctx.python.version)
    if version_in(ctx.python.version, course.python_spec):
        return [course_finding("COURSE_PYTHON_VERSION.ok", Severity.OK, Step.PYTHON, **fields)]
    suggest = pythons[-1] if pythons else course.python
    actions = (Action.open_url("Get Python from python.org", PYTHON_DOWNLOADS),)
    return [course_finding("COURSE_PYTHON_VERSION", Severity.ERROR, Step.PYTHON, suggest=suggest, actions=actions,
                           details=f"course range: Python {course.python}", **fields)]


def _python_words(pythons: list[str]) -> str:
    if len(pythons) > 3:
        return f"{pythons[0]} to {pythons[-1]}"
    return " or ".join(pythons)


# --------------------------------------------------------------------------- packages


def _package_findings(ctx: CheckContext, course: CourseProfile) -> list[Finding]:
    if ctx.python is None or not course.packages:
        return []
    problems: list[Finding] = []
    found: list[str] = []
    for name, spec in course.packages:
        if name == "torch":
            continue
        problem = _package_problem(ctx, course, name, spec)
        if problem is None:
            found.append(f"{name} {ctx.dists[name].version}")
        else:
            problems.append(problem)
    if found and not problems:
        return [course_finding("COURSE_PACKAGE.ok", Severity.OK, Step.PYTHON, course=course.name, packages=found)]
    return problems


def _package_problem(ctx: CheckContext, course: CourseProfile, name: str, spec: str) -> Finding | None:
    dist = ctx.dists.get(name)
    fields = dict(course=course.name, package=name, range=spec or "(any)")
    companion = name in ("torchvision", "torchaudio")
    wanted = getattr(ctx.release, name, "") if companion and ctx.release is not None and ctx.torch_version else ""
    if dist is None:
        range_words = f" {spec}" if spec else (f" {wanted} (the one for PyTorch {ctx.torch_version})" if wanted else "")
        return course_finding("COURSE_PACKAGE.missing", Severity.ERROR, Step.PYTHON, range_words=range_words,
                              actions=_install_actions(ctx, name, spec, wanted), **fields)
    if spec and not version_in(dist.version, SpecifierSet(spec)):
        return course_finding("COURSE_PACKAGE.version", Severity.ERROR, Step.PYTHON, version=dist.version,
                              actions=_install_actions(ctx, name, spec, wanted), **fields)
    if not spec and wanted and _public(dist.version) != _public(wanted):
        return course_finding("COURSE_PACKAGE.mismatch", Severity.ERROR, Step.PYTHON, version=dist.version,
                              torch=ctx.torch_version, wanted=wanted, actions=_install_actions(ctx, name, spec, wanted),
                              **fields)
    return None


def _install_actions(ctx: CheckContext, name: str, spec: str, wanted: str) -> tuple[Action, ...]:
    label = f"Install {name}"
    if name in ("torchvision", "torchaudio"):
        if not wanted or (spec and not version_in(wanted, SpecifierSet(spec))):
            return tuple(recommendation_actions(ctx))  # a different torch is needed: the recommendation has the pair
        local = ctx.torch_version.partition("+")[2]
        pin = f"{name}=={wanted}+{local}" if local else f"{name}=={wanted}"
        index = f"{ctx.goal.torch_index.rstrip('/')}/{local or 'cpu'}"
        return tuple(pip_actions(ctx, label, pin, "--index-url", index))
    return tuple(pip_actions(ctx, label, f"{name}{spec}"))


def _public(version: str) -> str:
    try:
        return Version(version).public
    except InvalidVersion:
        return version


# --------------------------------------------------------------------------- CUDA and GPU memory


def _cuda_findings(ctx: CheckContext, course: CourseProfile) -> list[Finding]:
    if course.cuda != "required":
        return []
    fields = dict(course=course.name, advice=no_cuda_advice(course))
    if _cuda_works(ctx):
        return [course_finding("COURSE_CUDA_REQUIRED.ok", Severity.OK, Step.DRIVER, course=course.name,
                               gpu=gpu_names(ctx))]
    if not ctx.gpus and (ctx.pci is not None or ctx.nvml is not None):
        return [course_finding("COURSE_CUDA_REQUIRED.no_gpu", Severity.ERROR, Step.DRIVER, **fields)]
    if not ctx.gpus:
        return []  # whether there is a GPU is unknown: the driver checks say why
    best = _best_for_cuda(ctx)
    if best.kind == "python" or (best.variant and best.variant != "cpu"):
        return []  # a CUDA build can be installed here (maybe after a driver update): other steps say how
    if best.kind == "none" and not best.variant and _cuda_works(ctx):
        return []
    capabilities = ", ".join(sorted({g.capability for g in ctx.gpus if g.capability})) or "unknown"
    reason = (f"No PyTorch CUDA build in the course's range (torch {course.torch or 'any'}) runs on "
              f"{gpu_names(ctx)} (compute capability {capabilities}): the GPU is too old for them.")
    return [course_finding("COURSE_CUDA_REQUIRED.cannot", Severity.ERROR, Step.DRIVER, reason=reason,
                           details=f"GPU: {gpu_names(ctx)}; driver: {ctx.driver_version or 'unknown'}", **fields)]


def _cuda_works(ctx: CheckContext) -> bool:
    torch = ctx.torch
    return bool(torch and torch.cuda_available and torch.cuda_op.ok)


def _best_for_cuda(ctx: CheckContext):  # -> Recommendation
    """What the recommendation would be if the user wanted CUDA (they may have picked CPU)."""
    if ctx.goal.want == "cuda":
        return ctx.recommendation
    return recommend(ctx.snapshot, ctx.knowledge, dataclasses.replace(ctx.goal, want="cuda"))


def _memory_findings(ctx: CheckContext, course: CourseProfile) -> list[Finding]:
    if course.min_gpu_memory_gb <= 0 or ctx.nvml is None:
        return []
    sized = [g for g in ctx.nvml.gpus if g.memory_total_mib > 0]
    if not sized:
        return []
    biggest = max(sized, key=lambda g: g.memory_total_mib)
    memory_gb = biggest.memory_total_mib / 1024
    fields = dict(course=course.name, gpu=biggest.name, memory=f"{memory_gb:.1f}".rstrip("0").rstrip("."),
                  needed=f"{course.min_gpu_memory_gb:g}")
    if memory_gb >= course.min_gpu_memory_gb * MEMORY_TOLERANCE:
        return [course_finding("COURSE_GPU_MEMORY.ok", Severity.OK, Step.DRIVER, **fields)]
    return [course_finding("COURSE_GPU_MEMORY", Severity.WARNING, Step.DRIVER,
                           details=f"{biggest.name}: {biggest.memory_total_mib} MiB", **fields)]


# --------------------------------------------------------------------------- torch and the smoke test


def _torch_findings(ctx: CheckContext, course: CourseProfile) -> list[Finding]:
    if not course.torch or not ctx.torch_version:
        return []
    fields = dict(course=course.name, range=course.torch, torch=ctx.torch_version)
    if version_in(ctx.torch_version, course.torch_spec):
        return [course_finding("COURSE_TORCH_VERSION.ok", Severity.OK, Step.WHEEL, **fields)]
    return [course_finding("COURSE_TORCH_VERSION", Severity.ERROR, Step.WHEEL,
                           actions=tuple(recommendation_actions(ctx)), **fields)]


def _smoke_findings(ctx: CheckContext, course: CourseProfile | None) -> list[Finding]:
    findings = []
    for name, evidence in smoke_results(ctx.snapshot).items():
        fields = dict(test=name, description=SMOKE_TESTS.get(name, f"the test '{name}'"))
        if evidence.cause != FAILED_CODE:
            findings.append(course_finding("COURSE_SMOKE_TEST.ok", Severity.OK, Step.WHEEL, result=evidence.excerpt,
                                           **fields))
            continue
        reason = _sentence(evidence.excerpt)
        cause = _smoke_failure_cause(ctx)
        if cause:
            findings.append(course_finding("COURSE_SMOKE_TEST", Severity.INFO, Step.WHEEL, reason=reason,
                                           caused_by=cause, **fields))
        elif NO_CUDA_DEVICE in reason and (course is None or course.cuda != "required"):
            findings.append(course_finding("COURSE_SMOKE_TEST.no_gpu", Severity.INFO, Step.WHEEL, reason=reason,
                                           **fields))
        elif NO_CUDA_DEVICE in reason and not ctx.gpus and (ctx.pci is not None or ctx.nvml is not None):
            findings.append(course_finding("COURSE_SMOKE_TEST", Severity.INFO, Step.WHEEL, reason=reason,
                                           caused_by="COURSE_CUDA_REQUIRED", **fields))
        else:
            findings.append(course_finding("COURSE_SMOKE_TEST", Severity.ERROR, Step.WHEEL, reason=reason,
                                           actions=tuple(recommendation_actions(ctx)), **fields))
    return findings


def _sentence(text: str) -> str:
    """'the test failed: x' → 'The test failed: x.' (the first line; details stay in the evidence)."""
    line = text.strip().splitlines()[0] if text.strip() else "no reason was given"
    line = line[0].upper() + line[1:]
    return line if line.endswith((".", "!", "?", ")")) else line + "."


def _smoke_failure_cause(ctx: CheckContext) -> str:
    """The root cause a failed smoke test is a symptom of, when the snapshot already shows one."""
    if ctx.torch is not None:
        return ""
    return "TORCH_IMPORT_FAILED" if ctx.torch_installed else "TORCH_MISSING"
