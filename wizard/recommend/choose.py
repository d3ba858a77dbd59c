"""Choose the build: the newest verified release and variant this machine can run (or the CPU build)."""

from __future__ import annotations

from packaging.version import Version

from wizard.findings import Goal
from wizard.i18n import join_sentences
from wizard.knowledge.model import Knowledge, Release, Variant
from wizard.policy.compat import covers_gpu, driver_runs, last_driver_branch, newer_driver_exists, parse_version
from wizard.policy.machine import Machine
from wizard.policy.words import say
from wizard.recommend.common import Choice, _cuda_number, _platform_name, _preferred_cuda
from wizard.recommend.explain import _no_gpu_note, _older_note, _too_old_note, _unknown_driver_note


def _choose(releases: list[Release], target: Machine, gpus: Machine, goal: Goal, knowledge: Knowledge) -> Choice:
    newest = releases[0]
    if goal.want == "cpu":
        return _cpu_choice(releases, target, say("why.cpu_asked"))
    if target.os == "darwin":
        return _cpu_choice(releases, target, _mac_note(target, knowledge))
    if target.jetson:
        return _cpu_choice(releases, target, say("jetson", url=knowledge.platforms.jetson_url))
    if gpus.nvidia is False:  # (CUDA asked for or not: no NVIDIA GPU here, so the GPU's own build is the way onto it)
        if gpus.amd_gpus:
            return _amd_choice(releases, target, knowledge) or _cpu_choice(releases, target, _amd_note(target, knowledge))
        if gpus.intel_gpus:
            return _intel_choice(releases, target, gpus, knowledge) or _cpu_choice(
                releases, target, _no_gpu_note(gpus, goal, target, knowledge))
        return _cpu_choice(releases, target, _no_gpu_note(gpus, goal, target, knowledge))
    candidates = [(r, v) for r in releases for v in _cuda_variants(r, target, knowledge)]
    if not candidates:
        return _cpu_choice(releases, target, say("why.no_cuda_build", platform=_platform_name(target.platform)))
    covering = [(r, v) for r, v in candidates if covers_gpu(v, target.platform, gpus.capabilities)]
    if not covering:
        return _cpu_choice(releases, target, _too_old_note(gpus, knowledge))
    runnable = [(r, v) for r, v in covering if driver_runs(v, gpus, knowledge) is not False]
    if not runnable:
        return _driver_first(covering, releases, target, knowledge)
    release, variant = _best_of(runnable, target, knowledge)
    note = _older_note(release, variant, newest, target, gpus, knowledge)
    return Choice(release, variant, join_sentences([note, _unknown_driver_note(variant, target, gpus, knowledge)]))


def _driver_first(covering: list[tuple[Release, Variant]], releases: list[Release], machine: Machine,
                  knowledge: Knowledge) -> Choice:
    """Every build for the GPU needs a newer driver: that update first, when NVIDIA publishes one for this GPU."""
    runnable_after_update = [(r, v) for r, v in covering
                             if newer_driver_exists(machine, knowledge, knowledge.driver_floor(v.cuda, machine.driver_os)
                                                    or "")]
    if not runnable_after_update:
        lowest = min(machine.capabilities, key=lambda c: parse_version(c) or Version("0"))
        family = knowledge.family_for_capability(lowest)
        family_name = family.name if family else say("why.family_unknown", capability=lowest)
        note = say("old_gpu_last_driver", family=family_name, branch=last_driver_branch(machine, knowledge))
        return _cpu_choice(releases, machine, note)
    release, variant = _best_of(runnable_after_update, machine, knowledge)
    floor = knowledge.driver_floor(variant.cuda, machine.driver_os) or ""
    note = say("driver_first", floor=floor, driver=machine.usable_driver or f"CUDA {machine.driver_cuda}")
    return Choice(release, variant, note, needs_driver=floor)


def _amd_choice(releases: list[Release], machine: Machine, knowledge: Knowledge) -> Choice | None:
    """The newest ROCm build whose kernels cover every AMD GPU here (Linux x86_64 only), None when none does."""
    targets = [g.gfx for g in machine.amd_gpus]
    if not all(targets):
        return None
    for release in releases:
        rocm = sorted((v for v in release.variants_for(machine.platform) if v.kind == "rocm"),
                      key=lambda v: parse_version(v.name[4:]) or Version("0"), reverse=True)
        for variant in rocm:
            if all(t in knowledge.rocm_gfx(variant.name) for t in targets):
                note = say("rocm", rocm=variant.name[4:], gfx=", ".join(sorted(set(targets))))
                return Choice(release, variant, note)
    return None


def _intel_choice(releases: list[Release], machine: Machine, gpus: Machine, knowledge: Knowledge) -> Choice | None:
    """The newest XPU build for this platform when an Intel GPU here is one the XPU builds support."""
    supported = [g.name for g in gpus.intel_gpus if knowledge.xpu_supports(g.name)]
    if not supported:
        return None
    for release in releases:
        variant = release.variant("xpu")
        if variant is not None and machine.platform in variant.platforms:
            return Choice(release, variant, say("xpu_chosen", gpu=supported[0]))
    return None


def _amd_note(machine: Machine, knowledge: Knowledge) -> str:
    gpu = machine.amd_gpus[0]
    if machine.os == "windows":
        return say("amd_windows")
    if machine.platform != "linux-x86_64":
        return say("why.no_rocm_build", platform=_platform_name(machine.platform))
    if not gpu.gfx:
        rocm = max((v.name for r in knowledge.releases if r.verified for v in r.variants if v.kind == "rocm"),
                   key=lambda n: parse_version(n[4:]) or Version("0"), default="rocm")
        return say("rocm_unknown_gfx", name=gpu.name or "AMD GPU", targets=", ".join(knowledge.rocm_gfx(rocm)),
                   variant=rocm)
    return say("rocm_unsupported_gfx", gfx=gpu.gfx)


def _mac_note(machine: Machine, knowledge: Knowledge) -> str:
    if machine.platform == "darwin-arm64":
        return say("mps")
    last = knowledge.release(knowledge.platforms.intel_mac_last)
    if machine.platform == "darwin-x86_64" and last is not None:
        return say("intel_mac", last=last.version, python_min=last.python_min, python_max=last.python_max)
    return say("why.no_cuda_build", platform=_platform_name(machine.platform))


def _cuda_variants(release: Release, target: Machine, knowledge: Knowledge) -> list[Variant]:
    """CUDA variants of one release on this platform, preferred first: the PyPI-default CUDA build, then newest CUDA."""
    variants = [v for v in release.variants_for(target.platform) if v.kind == "cuda"]
    preferred = _preferred_cuda(release, target.platform)
    return sorted(variants, key=lambda v: (v.name != preferred, -_cuda_number(v)))


def _best_of(pairs: list[tuple[Release, Variant]], target: Machine, knowledge: Knowledge) -> tuple[Release, Variant]:
    newest = max(pairs, key=lambda pair: pair[0].parsed)[0]
    ordered = _cuda_variants(newest, target, knowledge)
    options = [v for r, v in pairs if r is newest]
    return newest, min(options, key=ordered.index)


def _cpu_choice(releases: list[Release], target: Machine, note: str) -> Choice:
    for release in releases:
        variant = release.variant("cpu")
        if variant and target.platform in variant.platforms:
            return Choice(release, variant, note)
    return Choice(releases[0], releases[0].variants_for(target.platform)[0], note)  # data without a CPU build
