"""Why: the sentences that explain a recommendation (which interpreter, which build, what to do first)."""

from __future__ import annotations

from packaging.version import Version

from wizard.findings import Goal
from wizard.knowledge.model import Knowledge, Release, Variant
from wizard.policy.compat import covers_gpu
from wizard.policy.machine import Machine
from wizard.policy.words import say
from wizard.recommend.common import Choice, _major_minor, _parse, _platform_name, _preferred_cuda, _range


def _unsupported_python(target: Machine, knowledge: Knowledge) -> str:
    version = _parse(target.version)
    verified = [r for r in knowledge.releases if r.verified]
    wanted = _range(verified)
    if target.implementation and target.implementation.lower() != "cpython":
        return (f"PyTorch publishes wheels only for CPython (the standard python.org Python); this interpreter is "
                f"{target.implementation}. Install CPython {wanted} and use it.")
    if version is not None and version.major < 3:
        return f"Python {target.version} is far too old for PyTorch. Install Python {wanted} from python.org."
    if target.bits == 32:
        return (f"This is a 32-bit Python; PyTorch only publishes 64-bit builds. Install the 64-bit Python "
                f"{wanted} (on Windows: the 'Windows installer (64-bit)').")
    if not target.version or version is None:
        return ""
    on_platform = verified if target.platform_assumed else [r for r in verified if r.variants_for(target.platform)]
    if not on_platform:
        return (f"PyTorch publishes no build for {_platform_name(target.platform)}."
                + (" Install the x64 Python from python.org: it runs emulated on Windows on Arm."
                   if target.platform == "windows-arm64" else ""))
    if any(r.supports_python(target.version) for r in on_platform):
        return ""
    newest = max(on_platform, key=lambda r: r.parsed)
    where = f" on {_platform_name(target.platform)}" if len(on_platform) < len(verified) else ""
    oldest = min(on_platform, key=lambda r: r.parsed)
    if version < Version(oldest.python_min):
        return (f"PyTorch no longer publishes packages for Python {_major_minor(target.version)}{where}. Install "
                f"Python {_range(on_platform)}: the newest torch{where}, {newest.version}, supports those.")
    return (f"No PyTorch release supports Python {_major_minor(target.version)}{where}{'' if where else ' yet'}. "
            f"Install Python {_range(on_platform)}: the newest torch{where}, {newest.version}, supports those.")


def _no_build_why(target: Machine) -> str:
    if target.musl:
        return ("PyTorch publishes no wheels for musl-based Linux (Alpine). Use a glibc-based distribution or container "
                "(Debian, Ubuntu, Fedora).")
    return (f"No PyTorch wheel fits this system (glibc {target.glibc or 'unknown'} on "
            f"{_platform_name(target.platform)}): the oldest supported builds need glibc 2.17.")


def _unknown_driver_note(variant: Variant, target: Machine, gpus: Machine, knowledge: Knowledge) -> str:
    floor = knowledge.driver_floor(variant.cuda, target.os)
    if gpus.nvidia is None:
        return (f"The GPU and driver were not known: this build needs an NVIDIA GPU with driver ≥ {floor}; "
                "without one, use the CPU build (index …/whl/cpu).")
    if not gpus.usable_driver and not gpus.driver_cuda:
        return f"It needs NVIDIA driver ≥ {floor}: install or update the driver if yours is older."
    return ""


def _no_gpu_note(gpus: Machine, goal: Goal, target: Machine, knowledge: Knowledge) -> str:
    if goal.want == "cuda":
        note = "No NVIDIA GPU was found, so a CUDA build cannot help: this is the CPU build."
    else:
        note = "No NVIDIA GPU was found: the CPU build is the right one."
    if "amd" in gpus.other_vendors and target.platform == "linux-x86_64":
        note += " For the AMD GPU, PyTorch's ROCm builds (index …/whl/rocmX.Y) exist for supported Radeon/Instinct cards."
    if "intel" in gpus.other_vendors and target.platform in knowledge.platforms.xpu_platforms:
        supported = any(knowledge.xpu_supports(g.name) for g in gpus.intel_gpus)
        note += " " + (say("xpu", min_torch=knowledge.platforms.xpu_min_torch) if supported else
                       say("xpu_unsupported_gpu", gpu=gpus.intel_gpus[0].name or "Intel GPU"))
    return note


def _too_old_note(gpus: Machine, knowledge: Knowledge) -> str:
    lowest = min(gpus.capabilities, key=lambda c: _parse(c) or Version("0"))
    family = knowledge.family_for_capability(lowest)
    name = f"{family.name} GPU (compute capability {lowest})" if family else f"GPU (compute capability {lowest})"
    return (f"Your {name} is too old for every PyTorch CUDA build that fits this Python: "
            "the CPU build is what works.")


def _older_note(release: Release, variant: Variant, newest: Release, target: Machine, gpus: Machine,
                knowledge: Knowledge) -> str:
    if release is newest:
        preferred = _preferred_cuda(release, target.platform)
        if variant.name == preferred or not preferred:
            return ""
        floor = knowledge.driver_floor(release.variant(preferred).cuda, target.os)
        if gpus.usable_driver and floor and _parse(gpus.usable_driver) < _parse(floor):
            return (f"Your driver {gpus.usable_driver} is older than the {preferred} build needs (≥ {floor}), so this is "
                    f"the {variant.name} build; a driver update would allow {preferred}.")
        return f"The default {preferred} build has no kernels for your GPU; the {variant.name} build has."
    reasons = []
    newest_variants = [v for v in newest.variants_for(target.platform) if v.kind == "cuda"]
    covering = [v for v in newest_variants if covers_gpu(v, target.platform, gpus.capabilities)]
    if not covering:
        reasons.append(f"no build of torch {newest.version} has kernels for your GPU "
                       f"(compute capability {', '.join(sorted(set(gpus.capabilities)))})")
    else:
        floor = min((knowledge.driver_floor(v.cuda, target.os) or "0" for v in covering), key=_parse)
        yours = f"yours is {gpus.usable_driver}" if gpus.usable_driver else f"yours supports only CUDA {gpus.driver_cuda}"
        reasons.append(f"torch {newest.version} needs driver ≥ {floor} for your GPU and {yours}; "
                       f"updating the driver would allow {newest.version}")
    return f"It is the newest torch that fits: {'; '.join(reasons)}."


def _why(choice: Choice, target: Machine) -> str:
    release, variant = choice.release, choice.variant
    cpu = "macOS build" if target.platform == "darwin-arm64" else "CPU build"
    build = {"cpu": cpu, "rocm": f"ROCm {variant.name[4:]} build ({variant.name})",
             "xpu": "Intel XPU build (xpu)"}.get(
        variant.kind, f"CUDA {variant.cuda} build ({variant.name})")
    parts = [f"torch {release.version}, {build}."]
    if choice.note:
        parts.append(choice.note)
    if target.os in release.numpy1_only and _numpy2_possible(target):
        parts.append(f'torch {release.version} needs NumPy 1: also run pip install "numpy<2".')
    if not target.python_known:
        parts.append("Run it with the Python of the environment that showed the error.")
    if target.platform_assumed:
        parts.append(f"The operating system was not known: this assumes {_platform_name(target.platform)}.")
    return " ".join(parts)


def _numpy2_possible(target: Machine) -> bool:
    # NumPy 2 needs Python 3.9 or newer: on an older Python pip cannot pick it, so "numpy<2" is noise there.
    version = _parse(target.version)
    return version is None or version >= Version("3.9")
