"""Why: the sentences that explain a recommendation (which interpreter, which build, what to do first)."""

from __future__ import annotations

from packaging.version import Version

from wizard.findings import Goal
from wizard.i18n import join_sentences
from wizard.knowledge.model import PLATFORMS, THIRTY_TWO_BIT_ARM, Knowledge, Release, Variant
from wizard.policy.compat import covers_gpu
from wizard.policy.machine import Machine
from wizard.policy.words import say
from wizard.recommend.common import Choice, _major_minor, _parse, _platform_name, _preferred_cuda, _range


def _unsupported_python(target: Machine, knowledge: Knowledge) -> str:
    version = _parse(target.version)
    verified = [r for r in knowledge.releases if r.verified]
    wanted = _range(verified)
    if target.implementation and target.implementation.lower() != "cpython":
        return say("why.not_cpython", implementation=target.implementation, wanted=wanted)
    if version is not None and version.major < 3:
        return say("why.python2", python=target.version, wanted=wanted)
    if target.bits == 32 and not target.platform.endswith(tuple(THIRTY_TWO_BIT_ARM)):
        return say("why.bits32", wanted=wanted)  # (on a 32-bit ARM system no 64-bit Python exists: the platform answers)
    if not target.version or version is None:
        return ""
    on_platform = verified if target.platform_assumed else [r for r in verified if r.variants_for(target.platform)]
    platform = _platform_name(target.platform)
    if not on_platform:
        return say("why.no_platform_arm" if target.platform == "windows-arm64" else "why.no_platform", platform=platform)
    if any(r.supports_python(target.version) for r in on_platform):
        return ""
    newest = max(on_platform, key=lambda r: r.parsed)
    here = "_here" if len(on_platform) < len(verified) else ""
    oldest = min(on_platform, key=lambda r: r.parsed)
    key = "why.python_too_old" if version < Version(oldest.python_min) else "why.python_too_new"
    return say(key + here, python=_major_minor(target.version), platform=platform, wanted=_range(on_platform),
               newest=newest.version)


def _no_build_why(target: Machine) -> str:
    if target.musl:
        return say("why.musl")
    if target.platform not in PLATFORMS:  # (armv7l, ppc64le, …: no build at all, whatever its glibc)
        return say("why.no_platform", platform=_platform_name(target.platform))
    if not target.glibc:
        return say("why.no_wheel_glibc_unknown", platform=_platform_name(target.platform))
    return say("why.no_wheel", glibc=target.glibc, platform=_platform_name(target.platform))


def _unknown_driver_note(variant: Variant, target: Machine, gpus: Machine, knowledge: Knowledge) -> str:
    floor = knowledge.driver_floor(variant.cuda, target.os)
    if gpus.nvidia is None:
        return say("why.gpu_unknown", floor=floor)
    if not gpus.usable_driver and not gpus.driver_cuda:
        return say("why.driver_unknown", floor=floor)
    return ""


def _no_gpu_note(gpus: Machine, goal: Goal, target: Machine, knowledge: Knowledge) -> str:
    notes = [say("why.no_gpu_cuda_wanted" if goal.want == "cuda" else "why.no_gpu")]
    if "amd" in gpus.other_vendors and target.platform == "linux-x86_64":
        notes.append(say("why.amd_rocm_hint"))
    if "intel" in gpus.other_vendors and target.platform in knowledge.platforms.xpu_platforms:
        supported = any(knowledge.xpu_supports(g.name) for g in gpus.intel_gpus)
        named = any(g.name for g in gpus.intel_gpus)  # (pasted text may name the vendor only: no model to judge)
        notes.append(say("xpu", min_torch=knowledge.platforms.xpu_min_torch) if supported else
                     say("xpu_unsupported_gpu", gpu=gpus.intel_gpus[0].name) if named else say("xpu_gpu_not_shown"))
    return join_sentences(notes)


def _too_old_note(gpus: Machine, knowledge: Knowledge) -> str:
    lowest = min(gpus.capabilities, key=lambda c: _parse(c) or Version("0"))
    family = knowledge.family_for_capability(lowest)
    if family:
        return say("why.gpu_too_old_family", family=family.name, capability=lowest)
    return say("why.gpu_too_old", capability=lowest)


def _older_note(release: Release, variant: Variant, newest: Release, target: Machine, gpus: Machine,
                knowledge: Knowledge) -> str:
    if release is newest:
        preferred = _preferred_cuda(release, target.platform)
        if variant.name == preferred or not preferred:
            return ""
        floor = knowledge.driver_floor(release.variant(preferred).cuda, target.os)
        if gpus.usable_driver and floor and _parse(gpus.usable_driver) < _parse(floor):
            return say("why.driver_older_than_preferred", driver=gpus.usable_driver, preferred=preferred, floor=floor,
                       variant=variant.name)
        return say("why.default_no_kernels", preferred=preferred, variant=variant.name)
    newest_variants = [v for v in newest.variants_for(target.platform) if v.kind == "cuda"]
    covering = [v for v in newest_variants if covers_gpu(v, target.platform, gpus.capabilities)]
    if not covering:
        reason = say("why.newest_no_kernels", newest=newest.version,
                     capabilities=", ".join(sorted(set(gpus.capabilities))))
    else:
        floor = min((knowledge.driver_floor(v.cuda, target.os) or "0" for v in covering), key=_parse)
        if gpus.usable_driver:
            reason = say("why.newest_needs_driver", newest=newest.version, floor=floor, driver=gpus.usable_driver)
        else:
            reason = say("why.newest_needs_driver_cuda", newest=newest.version, floor=floor, cuda=gpus.driver_cuda)
    return say("why.older_release", reason=reason)


def _build_words(variant: Variant, target: Machine) -> str:
    if variant.kind == "cpu":
        return say("why.build.macos" if target.platform == "darwin-arm64" else "why.build.cpu")
    if variant.kind == "rocm":
        return say("why.build.rocm", rocm=variant.name[4:], variant=variant.name)
    if variant.kind == "xpu":
        return say("why.build.xpu")
    return say("why.build.cuda", cuda=variant.cuda, variant=variant.name)


def _why(choice: Choice, target: Machine, numpy_told: bool = False) -> str:
    release, variant = choice.release, choice.variant
    parts = [say("why.chosen", torch=release.version, build=_build_words(variant, target))]
    if choice.note:
        parts.append(choice.note)
    if numpy1_needed(release, target):
        parts.append(say("why.numpy1_course" if numpy_told else "why.numpy1", torch=release.version))
    if target.installer == "uv_pip":
        parts.append(say("why.uv_pip"))
    elif not target.python_known and target.installer != "uv_project":  # (a project: said in why.uv_project)
        parts.append(say("why.python_unknown"))
    if target.platform_assumed:  # the OS known and only the processor assumed, or nothing known at all
        parts.append(say("why.arch_assumed" if target.host_os else "why.os_assumed", platform=_platform_name(target.platform)))
    return join_sentences(parts)


def numpy1_needed(release: Release, target: Machine) -> bool:
    """This release was built for NumPy 1 on the target's OS, and pip could pick NumPy 2 there."""
    return target.os in release.numpy1_only and _numpy2_possible(target)


def _numpy2_possible(target: Machine) -> bool:
    # NumPy 2 needs Python 3.9 or newer: on an older Python pip cannot pick it, so "numpy<2" is noise there.
    version = _parse(target.version)
    return version is None or version >= Version("3.9")
