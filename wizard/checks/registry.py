"""Runs every check, keeps one broken check from stopping the report, and orders findings root cause first."""

from __future__ import annotations

import dataclasses
import traceback
from collections.abc import Callable, Iterable

from wizard.checks import course, cudnn, driver, environments, index_source, paths, python_env, toolkit, wheel
from wizard.checks.context import CheckContext, build_context
from wizard.checks.remedies import attach_remedies
from wizard.checks.texts import TextError, finding, load_texts, messages_of, render, text_of
from wizard.evidence import (
    LIKELY_FACT,
    NO_CUDA_BUILD_HERE,
    NOT_A_TORCH_INSTALL_WORDINGS,
    POSSIBLE_FACT,
    WORDING_FACT,
    is_likely_cause,
    is_possible_cause,
)
from wizard.findings import ActionKind, Finding, Goal, Recommendation, Severity, Step
from wizard.knowledge.model import Knowledge
from wizard.snapshot import Evidence, Snapshot

Check = Callable[[CheckContext], list[Finding]]

# Every check, in causal order: driver → toolkit → cuDNN → Python → PyTorch.
CHECKS: tuple[Check, ...] = (
    *driver.CHECKS,
    *toolkit.CHECKS,
    *cudnn.CHECKS,
    *python_env.CHECKS,
    *environments.CHECKS,  # where code runs: notebook kernels, uv, conda
    *paths.CHECKS,
    *wheel.CHECKS,
    *course.CHECKS,  # course-profile findings; each names its own step
    *index_source.CHECKS,  # where the release tables came from (package index, cache, bundled)
)

# Within one severity, root causes before what they cause (earlier in this list = listed first).
CAUSAL_ORDER = (
    "CHECK_CRASHED",
    "NO_NVIDIA_GPU",
    "WSL_DRIVER",
    "DRIVER_MISSING",
    "DRIVER_TOO_OLD",
    "VISIBLE_DEVICES_MASK",
    "TORCH_DAMAGED",  # missing or truncated files explain every library-level symptom after it
    "LIB_PATH_CONFLICT",
    "CUDA_LIB_MISSING",
    "TOOLKIT_MISMATCH",
    "CUDA_HOME_MISSING",
    "CUDNN_MISMATCH",
    "PYTHON_UNUSABLE",
    "PYTHON_FACTS_MISSING",
    "PYTHON_UNSUPPORTED",
    "PLATFORM_UNSUPPORTED",
    "EXTERNALLY_MANAGED",
    "LOCAL_TORCH_SHADOW",
    "ENV_MISMATCH",
    "CONDA_TORCH",
    "UV_ENVIRONMENT",
    "VCREDIST_MISSING",
    "NUMPY_ABI",
    "DISK_OR_NETWORK",
    "PIP_TOO_OLD",
    "LONG_PATHS_DISABLED",
    "TORCH_MISSING",
    "TORCH_IMPORT_FAILED",
    "INDEX_VARIANT_MISSING",
    "CPU_ONLY_WHEEL",
    "GPU_ARCH_UNSUPPORTED",
    "TORCH_CUDA_UNAVAILABLE",
    "CUDA_OP_FAILED",
    "PACKAGE_CONFLICT",
)

# A root cause (an error) → the symptoms it explains. A symptom present beside its root cause is
# kept only as an info line with caused_by set, never as a second error.
EXPLAINS: dict[str, tuple[str, ...]] = {
    "NO_NVIDIA_GPU": ("TORCH_CUDA_UNAVAILABLE", "CUDA_OP_FAILED", "VISIBLE_DEVICES_MASK", "COURSE_CUDA_REQUIRED"),
    "WSL_DRIVER": ("DRIVER_MISSING", "TORCH_CUDA_UNAVAILABLE", "CUDA_OP_FAILED", "NO_NVIDIA_GPU"),
    "DRIVER_MISSING": ("TORCH_CUDA_UNAVAILABLE", "CUDA_OP_FAILED", "VISIBLE_DEVICES_MASK", "DRIVER_TOO_OLD"),
    "DRIVER_TOO_OLD": ("TORCH_CUDA_UNAVAILABLE", "CUDA_OP_FAILED", "VISIBLE_DEVICES_MASK"),
    "VISIBLE_DEVICES_MASK": ("TORCH_CUDA_UNAVAILABLE", "CUDA_OP_FAILED"),
    "LIB_PATH_CONFLICT": ("TORCH_CUDA_UNAVAILABLE", "CUDA_OP_FAILED", "CUDNN_MISMATCH"),
    "CUDA_LIB_MISSING": ("TORCH_CUDA_UNAVAILABLE", "CUDA_OP_FAILED"),
    "CUDNN_MISMATCH": ("CUDA_OP_FAILED",),
    "PYTHON_UNSUPPORTED": ("TORCH_MISSING", "PLATFORM_UNSUPPORTED", "PIP_TOO_OLD", "INDEX_VARIANT_MISSING"),
    "PLATFORM_UNSUPPORTED": ("TORCH_MISSING", "INDEX_VARIANT_MISSING"),
    "EXTERNALLY_MANAGED": ("TORCH_MISSING", "PIP_TOO_OLD"),
    "TORCH_MISSING": ("PACKAGE_CONFLICT",),
    "CPU_ONLY_WHEEL": ("TORCH_CUDA_UNAVAILABLE", "CUDA_OP_FAILED", "GPU_ARCH_UNSUPPORTED"),
    "GPU_ARCH_UNSUPPORTED": ("TORCH_CUDA_UNAVAILABLE", "CUDA_OP_FAILED"),
    "ENV_MISMATCH": ("PACKAGE_CONFLICT", "NUMPY_ABI", "TORCH_IMPORT_FAILED"),
    "PYTHON_UNUSABLE": ("PYTHON_FACTS_MISSING", "TORCH_IMPORT_FAILED", "TORCH_MISSING", "PACKAGE_CONFLICT"),
    "LOCAL_TORCH_SHADOW": ("TORCH_IMPORT_FAILED", "ENV_MISMATCH", "NUMPY_ABI", "TORCH_MISSING"),
    "TORCH_DAMAGED": ("TORCH_IMPORT_FAILED", "CUDA_LIB_MISSING", "CUDNN_MISMATCH", "LIB_PATH_CONFLICT",
                      "TORCH_CUDA_UNAVAILABLE", "CUDA_OP_FAILED", "NUMPY_ABI"),
}

# The step of every code a finding can be built from pasted evidence alone.
CODE_STEPS: dict[str, Step] = {
    "NO_NVIDIA_GPU": Step.DRIVER,
    "DRIVER_MISSING": Step.DRIVER,
    "DRIVER_TOO_OLD": Step.DRIVER,
    "WSL_DRIVER": Step.DRIVER,
    "VISIBLE_DEVICES_MASK": Step.DRIVER,
    "CUDA_LIB_MISSING": Step.TOOLKIT,
    "LIB_PATH_CONFLICT": Step.TOOLKIT,
    "TOOLKIT_MISMATCH": Step.TOOLKIT,
    "CUDA_HOME_MISSING": Step.TOOLKIT,
    "CUDNN_MISMATCH": Step.CUDNN,
    "PYTHON_UNSUPPORTED": Step.PYTHON,
    "PLATFORM_UNSUPPORTED": Step.PYTHON,
    "ENV_MISMATCH": Step.PYTHON,
    "LOCAL_TORCH_SHADOW": Step.PYTHON,
    "NUMPY_ABI": Step.PYTHON,
    "VCREDIST_MISSING": Step.PYTHON,
    "EXTERNALLY_MANAGED": Step.PYTHON,
    "DISK_OR_NETWORK": Step.PYTHON,
    "PIP_TOO_OLD": Step.PYTHON,
    "LONG_PATHS_DISABLED": Step.PYTHON,
    "CPU_ONLY_WHEEL": Step.WHEEL,
    "GPU_ARCH_UNSUPPORTED": Step.WHEEL,
    "PACKAGE_CONFLICT": Step.WHEEL,
    "TORCH_MISSING": Step.WHEEL,
    "TORCH_IMPORT_FAILED": Step.WHEEL,
    "INDEX_VARIANT_MISSING": Step.WHEEL,
    "CUDA_OP_FAILED": Step.WHEEL,
    "TORCH_CUDA_UNAVAILABLE": Step.WHEEL,
}


def run_checks(
    snapshot: Snapshot,
    knowledge: Knowledge,
    goal: Goal,
    recommendation: Recommendation,
    checks: Iterable[Check] = CHECKS,
) -> tuple[Finding, ...]:
    """Every finding for this snapshot, root cause first, ok findings last. Never raises."""
    try:
        ctx = build_context(snapshot, knowledge, goal, recommendation)
    except Exception:  # noqa: BLE001 - an odd snapshot must still produce a report
        return (_crashed("build_context", traceback.format_exc()),)
    findings: list[Finding] = []
    for check in checks:
        findings.extend(run_one(check, ctx))
    findings = _with_evidence(ctx, findings)
    return tuple(attach_remedies(ctx, order_findings(explain_symptoms(findings))))


def run_one(check: Check, ctx: CheckContext) -> list[Finding]:
    """One check's findings; a check that raises becomes a visible CHECK_CRASHED warning."""
    try:
        result = check(ctx)
        if not isinstance(result, list) or not all(isinstance(f, Finding) for f in result):
            raise TypeError(f"{check.__name__} returned {type(result).__name__}, not a list of findings")
        return result
    except Exception:  # noqa: BLE001 - the point: one broken check never stops the report
        return [_crashed(getattr(check, "__name__", repr(check)), traceback.format_exc(), _step_of(check))]


def _step_of(check: Check) -> Step:
    module = getattr(check, "__module__", "")
    for step_module, step in (
        (driver, Step.DRIVER),
        (toolkit, Step.TOOLKIT),
        (cudnn, Step.CUDNN),
        (python_env, Step.PYTHON),
        (wheel, Step.WHEEL),
    ):
        if module == step_module.__name__:
            return step
    return Step.WHEEL


def crashed_finding(name: str, trace: str, step: Step = Step.WHEEL) -> Finding:
    """The visible finding for a part of the engine that raised (a check, or the recommendation)."""
    return _crashed(name, trace, step)


def _crashed(name: str, trace: str, step: Step = Step.DRIVER) -> Finding:
    try:
        return finding("CHECK_CRASHED", Severity.WARNING, step, details=trace, check=name)
    except (TextError, OSError):  # the texts themselves are broken: still say something
        return Finding(
            "CHECK_CRASHED",
            Severity.WARNING,
            step,
            f"The check '{name}' crashed",
            "This is a bug in the wizard; the other results are still valid.",
            details=trace,
        )


# Checks that warn of a risk for building extensions (a live machine has built nothing yet), or note that CUDA cannot
# run here (no NVIDIA GPU: fine for the CPU); a pasted failure the text pins on the same cause is that risk met, so the
# finding is the failure's error.
_RISKS_A_PASTED_FAILURE_MEETS = {"TOOLKIT_MISMATCH": Severity.WARNING, "CUDA_HOME_NOT_TOOLKIT": Severity.WARNING,
                                 "NO_NVIDIA_GPU": Severity.INFO}


def _with_evidence(ctx: CheckContext, findings: list[Finding]) -> list[Finding]:
    """Honour pasted-text evidence: attach the excerpt to the finding of that code, or add one."""
    result = list(findings)
    no_build_for_gpu = any(wheel.rules_out_cpu_build(f) for f in findings)
    for evidence in ctx.snapshot.evidence:
        code = evidence.cause
        if not code or (no_build_for_gpu and _answered_by_no_build(code, evidence)):
            continue
        index = next((i for i, f in enumerate(result) if f.code == code and f.severity is not Severity.OK), None)
        if index is not None:
            current = result[index]
            if evidence.excerpt.strip() and evidence.excerpt not in current.evidence:
                current = dataclasses.replace(current, evidence=(*current.evidence, evidence.excerpt))
            if _RISKS_A_PASTED_FAILURE_MEETS.get(code) is current.severity and not is_possible_cause(
                    evidence) and evidence.excerpt.strip():
                current = dataclasses.replace(current, severity=Severity.ERROR)
            result[index] = current
            continue
        if is_possible_cause(evidence):
            result.append(_possible_finding(code, evidence.excerpt, alone=not ctx.evidence_causes))
        else:
            result.append(_evidence_finding(ctx, code, evidence.excerpt, evidence.facts, is_likely_cause(evidence)))
    return result


def _answered_by_no_build(code: str, evidence: Evidence) -> bool:
    """Where no CUDA build supports the GPU, the CPU build is the right one, and the driver only guessed at for CUDA
    being unusable (a possible or likely cause) would not make any build use the GPU either."""
    guessed = is_possible_cause(evidence) or is_likely_cause(evidence)
    return code == "CPU_ONLY_WHEEL" or (guessed and code in ("DRIVER_MISSING", "DRIVER_TOO_OLD"))


def _excerpts(excerpt: str) -> tuple[str, ...]:
    """The quoted text of a finding from pasted evidence; none when the evidence was derived from facts."""
    return (excerpt,) if excerpt.strip() else ()


def _possible_finding(code: str, excerpt: str, alone: bool) -> Finding:
    """A cause the pasted text supports but does not establish: a warning that names it, with no remedy of its own
    (a remedy fixes an established cause; this one is settled by checking on that computer). ``alone``: no cause is
    established at all ("Possible cause: …", the verdict asks the question), else beside the first ("Also possible")."""
    texts = load_texts()  # a cause's own words, what it would be and what tells, where it has them
    if alone and f"POSSIBLE_CAUSE_OF.{code}" in texts:
        title, explanation = render(f"POSSIBLE_CAUSE_OF.{code}", {})
    elif not alone and f"POSSIBLE_CAUSE_OF.{code}.also" in texts:
        title, explanation = render(f"POSSIBLE_CAUSE_OF.{code}.also", {})
    else:
        key = f"{code}.pasted" if f"{code}.pasted" in load_texts() else "PASTED_ERROR"
        cause_title, cause_explanation = render(key, {"code": code})
        if alone:
            title, explanation = render("POSSIBLE_CAUSE.alone", {"cause": cause_title, "explanation": cause_explanation})
        else:
            title, explanation = render("POSSIBLE_CAUSE", {"cause": cause_title, "explanation": cause_explanation})
    return Finding(code, Severity.WARNING, CODE_STEPS.get(code, Step.WHEEL), title, explanation,
                   evidence=_excerpts(excerpt), **messages_of(title, explanation))


# Wordings whose fix is in the words, not a recommended install: those whose fix is not another PyTorch at all
# (wizard.evidence.NOT_A_TORCH_INSTALL_WORDINGS: a container or job without the GPU, a package built for another torch,
# pip, ...), and those whose install the words name better than a remedy could: no CUDA build for this computer (the
# plain build, on a system the recommendation can only guess), musl, ROCm's builds, a program's own kernels
WORDS_ARE_THE_FIX = NOT_A_TORCH_INSTALL_WORDINGS | {"no_cuda_build", "musl", "rocm", "rocm_code_object", "program_kernels"}


def _evidence_finding(ctx: CheckContext, code: str, excerpt: str, facts: tuple[tuple[str, str], ...],
                      likely: bool = False) -> Finding:
    """The finding of a cause pasted text established; ``likely``: the likeliest of the causes it leaves, in words that
    say so and name the check that confirms it (its remedy stays: it is the fix once the check confirms)."""
    from wizard.checks.common import cause_actions

    step = CODE_STEPS.get(code, Step.WHEEL)
    texts = load_texts()
    key = f"{code}.pasted" if f"{code}.pasted" in texts else "PASTED_ERROR"
    if ctx.machine_facts.jetson and f"{key}.jetson" in texts:  # (a Jetson's own reason: pip's builds never fit it)
        key = f"{key}.jetson"
    if likely and f"{code}.likely" in texts:
        key = f"{code}.likely"
    wording = dict(facts).get(WORDING_FACT, "")  # the words of what the text showed ("a Linux driver inside WSL")
    if wording and f"{key}.{wording}" in texts:
        key = f"{key}.{wording}"
    markers = (LIKELY_FACT, POSSIBLE_FACT, WORDING_FACT, NO_CUDA_BUILD_HERE)
    details = "\n".join(f"{k}: {v}" for k, v in facts if k not in markers)  # (markers, no facts)
    made = finding(
        key,
        Severity.ERROR,
        step,
        details=details,
        evidence=_excerpts(excerpt),
        actions=[] if wording in WORDS_ARE_THE_FIX else _jetson_links(ctx) if key.endswith(".jetson") else cause_actions(
            ctx, code),
        code=code,
    )
    return dataclasses.replace(made, code=code)  # (PASTED_ERROR's words, the cause's own code)


def _jetson_links(ctx: CheckContext) -> list:
    """On a Jetson only NVIDIA's JetPack builds give torch the GPU: the link to them, no pip install."""
    from wizard.checks.common import cause_actions

    return [a for a in cause_actions(ctx, "PLATFORM_UNSUPPORTED") if a.kind is ActionKind.OPEN_URL]


def explain_symptoms(findings: list[Finding]) -> list[Finding]:
    """Demote symptoms of an error root cause to info lines with caused_by (never a second error).

    The symptom's explanation then points at its cause and its actions go (the root's actions are the fix).
    Roots are taken in causal order, so a finding demoted by an earlier root explains nothing itself."""
    roots: list[Finding] = []
    demoted: dict[int, Finding] = {}
    for index, item in sorted(enumerate(findings), key=lambda pair: _causal_rank(pair[1].code)):
        root = next((r for r in roots if r.code != item.code and item.code in EXPLAINS.get(r.code, ())), None)
        if root is not None and item.severity in (Severity.ERROR, Severity.WARNING):
            _, explanation = render("CAUSED_BY", {"cause": text_of(root)})
            demoted[index] = dataclasses.replace(
                item, severity=Severity.INFO, caused_by=root.code, explanation=explanation, actions=(),
                explanation_message=messages_of(root.title, explanation).get("explanation_message"),
            )
        elif item.severity is Severity.ERROR:
            roots.append(item)
    return [demoted.get(index, item) for index, item in enumerate(findings)]


def _causal_rank(code: str) -> int:
    return CAUSAL_ORDER.index(code) if code in CAUSAL_ORDER else len(CAUSAL_ORDER)


def order_findings(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """errors, warnings, info, ok; within a severity by causal order, then step, then check order."""
    indexed = list(enumerate(findings))

    def key(pair: tuple[int, Finding]) -> tuple[int, int, int, int]:
        position, item = pair
        cause = _causal_rank(item.code)
        return item.severity.rank, item.step.order if item.severity is Severity.OK else cause, item.step.order, position

    return tuple(item for _, item in sorted(indexed, key=key))
