"""When the installed torch stays: it works, or what blocks it lies outside PyTorch (driver, WSL, env)."""

from __future__ import annotations

import dataclasses

from packaging.version import InvalidVersion, Version

from wizard.evidence import established_causes, is_possible_cause
from wizard.findings import Goal
from wizard.i18n import join_sentences
from wizard.knowledge.model import Knowledge, Release, Variant, capability_covered
from wizard.policy.compat import (
    companion_problems,
    driver_below,
    driver_runs,
    glibc_ok,
    natively_covers_gpu,
    no_build_for_nvidia_gpus,
    supported_python,
    visible_device_count,
)
from wizard.policy.machine import Machine
from wizard.policy.words import say
from wizard.recommend.common import Choice, _cuda_number, _preferred_cuda
from wizard.snapshot import FactStatus, Snapshot, is_xpu_build


def _working_install(snapshot: Snapshot, gpus: Machine, goal: Goal, knowledge: Knowledge | None = None) -> str:
    """Why the installed torch stays: it is the right build as it is, or what blocks it lies outside PyTorch."""
    fine = _nothing_to_change(snapshot, gpus, goal, knowledge)
    if fine:
        return fine
    torch = snapshot.torch.get()
    if torch and gpus.jetson and not torch.cuda and goal.want != "cpu" and knowledge is not None:
        # (pip's builds for a Jetson are all CPU builds: another from pip changes nothing, NVIDIA's Jetson build does)
        return say("why.nothing_to_change_jetson", torch=torch.version, url=knowledge.platforms.jetson_url)
    blocker = _blocker_outside_torch(snapshot, gpus, knowledge) if torch and knowledge is not None else ""
    if blocker:
        return join_sentences([say("why.keep_fits", torch=torch.version), blocker])
    return ""


def _nothing_to_change(snapshot: Snapshot, gpus: Machine, goal: Goal, knowledge: Knowledge | None = None) -> str:
    """Why the installed torch is the right build as it is; "" when it is not (or not known to be)."""
    torch = snapshot.torch.get()
    if not torch or not torch.version:
        return ""
    if goal.want != "cpu" and knowledge is not None and (_rocm_would_help(gpus, torch.hip, goal, knowledge)
                                                         or _xpu_would_help(gpus, torch.version, goal, knowledge)):
        return ""
    if goal.want == "cpu" or gpus.nvidia is False:
        key = "why.nothing_to_change_cpu_asked" if goal.want == "cpu" else "why.nothing_to_change_no_nvidia"
        mps = say("mps") if gpus.platform == "darwin-arm64" and goal.want != "cpu" else ""
        return join_sentences([say(key, torch=torch.version), mps])
    if knowledge is not None and not torch.cuda and not torch.hip and no_build_for_nvidia_gpus(gpus, knowledge):
        return say("why.nothing_to_change_gpu_too_old", torch=torch.version)
    if snapshot.source == "text" and established_causes(snapshot.evidence):
        return ""  # (the text shows what fails with this torch, "no kernel image" beside is_available() True: not kept)
    cuda_op_failed = torch.cuda_op.problem is not None and torch.cuda_op.problem.status is not FactStatus.UNKNOWN
    if torch.cuda_available and not cuda_op_failed:
        return say("why.uses_gpu", torch=torch.version)
    return ""


def _rocm_would_help(machine: Machine, hip: str, goal: Goal, knowledge: Knowledge) -> bool:
    """An AMD GPU that PyTorch's ROCm builds cover, and a torch that is not a ROCm build (also where CUDA was asked for:
    with no NVIDIA GPU in the machine, the AMD GPU's own build is the only way onto a GPU there)."""
    if hip or machine.nvidia is not False or machine.platform != "linux-x86_64":
        return False
    targets = [g.gfx for g in machine.amd_gpus]
    covered = {gfx for r in knowledge.releases if r.verified for v in r.variants_for(machine.platform)
               if v.kind == "rocm" for gfx in knowledge.rocm_gfx(v.name)}
    return bool(targets) and all(t in covered for t in targets)


def _xpu_would_help(machine: Machine, version: str, goal: Goal, knowledge: Knowledge) -> bool:
    """An Intel GPU that PyTorch's XPU builds support, an XPU build for this platform, and a torch that is not one (also
    where CUDA was asked for: with no NVIDIA GPU in the machine, the Intel GPU's own build is the only way onto a GPU)."""
    if is_xpu_build(version) or machine.nvidia is not False or machine.amd_gpus:
        return False
    builds = any(v.kind == "xpu" and machine.platform in v.platforms
                 for r in knowledge.releases if r.verified for v in r.variants)
    return builds and any(knowledge.xpu_supports(g.name) for g in machine.intel_gpus)


def _blocker_outside_torch(snapshot: Snapshot, gpus: Machine, knowledge: Knowledge) -> str:
    """What keeps an installed CUDA build that fits the GPU from using it, when the fix is outside PyTorch
    (the driver, WSL, CUDA_VISIBLE_DEVICES); "" when none is known or the build itself is the problem."""
    torch = snapshot.torch.get()
    host = snapshot.host.get()
    if torch is None or not torch.cuda or host is None:
        return ""
    release = knowledge.release(torch.version)
    variant = release.variant(torch.version.partition("+")[2]) if release else None
    # get_arch_list() is empty while CUDA is unavailable: the knowledge base knows the build's list.
    archs = torch.arch_list or (variant.arch_list(gpus.platform) if variant else ())
    if not archs or not all(capability_covered(cap, archs) for cap in gpus.capabilities):
        return ""
    floor = knowledge.driver_floor(torch.cuda, gpus.driver_os) or ""
    if gpus.driver_pending_restart:
        return say("why.restart_after_driver")
    if driver_below(gpus, floor, torch.cuda):
        return ""  # the driver is too old: a build it can run is one of the two fixes
    with_floor = "_floor" if floor else ""
    nvml_problem = snapshot.gpu.nvml.problem
    driver_broken = (nvml_problem is not None and nvml_problem.status is not FactStatus.UNKNOWN) or any(
        e.cause == "DRIVER_MISSING" and not is_possible_cause(e) for e in snapshot.evidence)  # (a pasted text's finding)
    if host.is_wsl and driver_broken:
        return say(f"why.fix_wsl_driver{with_floor}", floor=floor)
    if gpus.nvidia and driver_broken:
        return say(f"why.fix_driver{with_floor}", floor=floor)
    return _hidden_by_visible_devices(snapshot)


def _hidden_by_visible_devices(snapshot: Snapshot) -> str:
    host = snapshot.host.get()
    nvml = snapshot.gpu.nvml.get()
    value = host.env_var("CUDA_VISIBLE_DEVICES") if host else None
    if value is None or not nvml or not nvml.gpus:
        return ""
    uuids = tuple(g.uuid for g in nvml.gpus if g.uuid)
    if visible_device_count(value, len(nvml.gpus), uuids) > 0:
        return ""
    return say("why.visible_devices")


def _repair_companions(snapshot: Snapshot, knowledge: Knowledge, target: Machine) -> Choice | None:
    """Keep a working torch and reinstall the torchvision/torchaudio that belong to it, when they don't."""
    torch = snapshot.torch.get()
    python = snapshot.python.get()
    if torch is None or python is None or target.externally_managed:
        return None
    release = knowledge.release(torch.version)
    dists = {d.name: d for d in python.distributions}
    if release is None or "torch" not in dists or not companion_problems(dists, release):
        return None
    variant = release.variant(torch.version.partition("+")[2] or "cpu")
    if variant is None or target.platform not in variant.platforms:
        return None
    public = Version(torch.version).public
    names = [n for n in ("torchvision", "torchaudio") if n in target.installed and getattr(release, n)]
    if not names:
        return None
    note = (say("why.keeps_companion", torch=public, package=names[0]) if len(names) == 1
            else say("why.keeps_companions", torch=public, first=names[0], second=names[1]))
    return Choice(dataclasses.replace(release, version=public), variant, note)


# Causes a pasted text may show that the installed build does not need changing for: the build is judged by the
# machine (a CPU build on a Mac is right), or the fix lies elsewhere (the variable that hides the GPU).
KEEP_DESPITE = frozenset({"CPU_ONLY_WHEEL", "NO_NVIDIA_GPU", "VISIBLE_DEVICES_MASK"})


def _installed_build_fits(snapshot: Snapshot, machine: Machine, goal: Goal, knowledge: Knowledge) -> str:
    """Why the installed torch stays though it was not imported here (--no-import, a pasted text): its build fits
    this machine and nothing shows the install itself is broken; "" otherwise (then the version may change)."""
    problem = snapshot.torch.problem
    if snapshot.torch.get() is not None or not machine.torch_version:
        return ""
    if problem is not None and problem.status is not FactStatus.UNKNOWN:
        return ""  # the import failed or hung: the install itself is in question
    if {e.cause for e in snapshot.evidence if not is_possible_cause(e)} - KEEP_DESPITE:  # (established causes only)
        return ""
    release = knowledge.release(machine.torch_version)
    if release is None or (machine.version and not supported_python(release, machine.version)):
        return ""
    if goal.want != "cpu" and (_rocm_would_help(machine, machine.torch_hip, goal, knowledge)
                               or _xpu_would_help(machine, machine.torch_version, goal, knowledge)):
        return ""
    reason = _why_the_build_fits(machine, goal, knowledge)
    if not reason:
        return ""
    mps = say("mps") if machine.platform == "darwin-arm64" and goal.want != "cpu" else ""
    return join_sentences([say("keep.fits", version=machine.torch_version, reason=reason), mps])


def _why_the_build_fits(machine: Machine, goal: Goal, knowledge: Knowledge) -> str:
    if machine.os == "darwin":
        return say("keep.reason.mac")
    if goal.want == "cpu":
        return say("keep.reason.cpu_wanted")
    if machine.nvidia is False and not machine.torch_hip:
        return say("keep.reason.no_nvidia")
    cpu_build = machine.torch_build_known and not machine.torch_cuda and not machine.torch_hip
    if cpu_build and no_build_for_nvidia_gpus(machine, knowledge):
        return say("keep.reason.gpu_too_old")
    # With an NVIDIA GPU only the live import tells whether the CUDA build works (its CUDA libraries load): a
    # build that was not imported is not called fitting here.
    return ""


def _prefer_installed_version(choice: Choice, machine: Machine, gpus: Machine, knowledge: Knowledge) -> Choice:
    """The chosen build at the installed torch's version when that version has a build that fits too: only the
    build changes then. When the version must change, the note says why (never a silent version change)."""
    if not machine.torch_version:
        return choice
    installed = Version(machine.torch_version).public if _valid(machine.torch_version) else ""
    if not installed or installed == Version(choice.release.version).public or Version(installed).is_prerelease:
        return choice  # (a nightly's or a source build's "2.2.0a0" is on no index to install again)
    release = knowledge.release(installed)
    variant = _fitting_variant(release, choice.variant, machine, gpus, knowledge) if release is not None and \
        supported_python(release, machine.version) and glibc_ok(machine, release) else None
    if variant is not None and variant.local_label(machine.platform) == machine.torch_version.partition("+")[2]:
        # that very build is installed and does not work: pip would count it installed and change nothing
        change = say("keep.same_build_broken", old=machine.torch_version, new=choice.release.version)
        return dataclasses.replace(choice, note=join_sentences([choice.note, change]))
    if release is None or variant is None:
        change = say("keep.version_change", old=installed, new=choice.release.version)
        return dataclasses.replace(choice, note=join_sentences([choice.note, change]))
    note = choice.note if choice.variant.kind not in ("cuda", "rocm") else ""  # those name the newest release's build
    if variant.kind == "rocm":
        note = say("rocm", rocm=variant.name[4:], gfx=", ".join(sorted({g.gfx for g in gpus.amd_gpus})))
    kept = say("keep.same_version", version=installed)
    return Choice(dataclasses.replace(release, version=installed), variant, join_sentences([note, kept]))


def _fitting_variant(release: Release, chosen: Variant, machine: Machine, gpus: Machine,
                     knowledge: Knowledge) -> Variant | None:
    """The installed release's build of the chosen kind for this machine (for CUDA: one that covers the GPUs and
    that the driver runs, the PyPI-default CUDA first), None when it has none."""
    options = [v for v in release.variants_for(machine.platform) if v.kind == chosen.kind]
    if chosen.kind == "rocm":
        targets = [g.gfx for g in gpus.amd_gpus]
        covering = [v for v in options if targets and all(t in knowledge.rocm_gfx(v.name) for t in targets)]
        return max(covering, key=lambda v: Version(v.name[4:]) if _valid(v.name[4:]) else Version("0"), default=None)
    if chosen.kind != "cuda":
        return next((v for v in options if v.name == chosen.name), None)
    preferred = _preferred_cuda(release, machine.platform)
    # (compiled kernels for the GPU, not only old PTX: keeping the version must not keep the problem)
    fitting = [v for v in options if natively_covers_gpu(v, machine.platform, gpus.capabilities)
               and driver_runs(v, gpus, knowledge) is not False]
    return min(fitting, key=lambda v: (v.name != preferred, -_cuda_number(v)), default=None)


def _valid(version: str) -> bool:
    try:
        Version(version)
    except InvalidVersion:
        return False
    return True
