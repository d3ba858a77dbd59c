"""When the installed torch stays: it works, or what blocks it lies outside PyTorch (driver, WSL, env)."""

from __future__ import annotations

import dataclasses

from packaging.version import Version

from wizard.findings import Goal
from wizard.knowledge.model import Knowledge, capability_covered
from wizard.policy.compat import companion_problems, driver_below, visible_device_count
from wizard.policy.machine import Machine
from wizard.policy.words import say
from wizard.recommend.common import Choice
from wizard.snapshot import FactStatus, Snapshot


def _working_install(snapshot: Snapshot, gpus: Machine, goal: Goal, knowledge: Knowledge | None = None) -> str:
    """Why the installed torch stays: it is the right build as it is, or what blocks it lies outside PyTorch."""
    fine = _nothing_to_change(snapshot, gpus, goal, knowledge)
    if fine:
        return fine
    torch = snapshot.torch.get()
    blocker = _blocker_outside_torch(snapshot, gpus, knowledge) if torch and knowledge is not None else ""
    if blocker:
        keep = f"Keep torch {torch.version}: it is a CUDA build that fits your GPU, so reinstalling it would not help."
        return f"{keep} {blocker}"
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
        reason = "you asked for CPU" if goal.want == "cpu" else "without an NVIDIA GPU a CUDA build cannot help"
        mps = f" {say('mps')}" if gpus.platform == "darwin-arm64" and goal.want != "cpu" else ""
        return f"torch {torch.version} is installed and imports fine; {reason}, so there is nothing to change.{mps}"
    cuda_op_failed = torch.cuda_op.problem is not None and torch.cuda_op.problem.status is not FactStatus.UNKNOWN
    if torch.cuda_available and not cuda_op_failed:
        return f"torch {torch.version} is installed and uses your NVIDIA GPU: nothing to change."
    return ""


def _rocm_would_help(machine: Machine, hip: str, goal: Goal, knowledge: Knowledge) -> bool:
    """An AMD GPU that PyTorch's ROCm builds cover, and a torch that is not a ROCm build."""
    if hip or goal.want == "cuda" or machine.nvidia is not False or machine.platform != "linux-x86_64":
        return False
    targets = [g.gfx for g in machine.amd_gpus]
    covered = {gfx for r in knowledge.releases if r.verified for v in r.variants_for(machine.platform)
               if v.kind == "rocm" for gfx in knowledge.rocm_gfx(v.name)}
    return bool(targets) and all(t in covered for t in targets)


def _xpu_would_help(machine: Machine, version: str, goal: Goal, knowledge: Knowledge) -> bool:
    """An Intel GPU that PyTorch's XPU builds support, an XPU build for this platform, and a torch that is not one."""
    if version.endswith("+xpu") or goal.want == "cuda" or machine.nvidia is not False or machine.amd_gpus:
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
        return "The driver was just updated: restart the computer, then run the check again."
    if driver_below(gpus, floor, torch.cuda):
        return ""  # the driver is too old: a build it can run is one of the two fixes
    needs = f" (version {floor} or newer)" if floor else ""
    nvml_problem = snapshot.gpu.nvml.problem
    driver_broken = nvml_problem is not None and nvml_problem.status is not FactStatus.UNKNOWN
    if host.is_wsl and driver_broken:
        return f"Fix the Windows NVIDIA driver for WSL{needs} as described above, and it will use the GPU."
    if gpus.nvidia and driver_broken:
        return f"It needs a working NVIDIA driver{needs}: fix the driver problem above, and it will use the GPU."
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
    return ("The environment variable CUDA_VISIBLE_DEVICES hides every GPU: remove it as described above, "
            "and PyTorch will use the GPU.")


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
    names = " and ".join(n for n in ("torchvision", "torchaudio") if n in target.installed and getattr(release, n))
    if not names:
        return None
    note = f"This keeps torch {public} and installs the matching {names}."
    return Choice(dataclasses.replace(release, version=public), variant, note)
