"""The validator every recommendation passes before it is shown: can this command work on this machine?

``problems`` names every reason a recommended build cannot work here (no wheel for this OS, CPU, Python or
bitness; a CUDA runtime the driver cannot run without a driver that exists; an arch list that misses the
GPU; the wrong index). ``vetted`` replaces an impossible recommendation by one that says so and what to do
instead. Whether the executor accepts each argv is asked where commands are run (wizard.engine), so the
core never imports wizard.actions."""

from __future__ import annotations

from wizard.findings import Recommendation
from wizard.i18n import join_sentences
from wizard.knowledge.model import Knowledge, Release, Variant
from wizard.policy.compat import (
    builds_for,
    covers_gpu,
    driver_runs,
    interpreter_problem,
    newer_driver_exists,
    wheel_exists,
)
from wizard.policy.machine import Machine
from wizard.policy.words import say

INSTALLS = ("install", "new_venv")


def problems(rec: Recommendation, machine: Machine, knowledge: Knowledge) -> tuple[str, ...]:
    """Why ``rec`` cannot work on ``machine`` (catalog keys); () when it can, or when it runs nothing."""
    if rec.kind not in INSTALLS:
        return ()
    release = knowledge.release(rec.torch) if rec.torch else None
    variant = release.variant(rec.variant) if release else None
    if release is None or variant is None:
        return ("unknown_build",)
    found = list(_wheel_problems(machine, release, variant))
    if variant.kind == "cuda":
        found += _cuda_problems(rec, machine, knowledge, variant)
    elif variant.kind == "rocm":
        found += _rocm_problems(machine, knowledge, variant)
    elif variant.kind == "xpu":
        found += _xpu_problems(machine, knowledge)
    found += _command_problems(rec, machine, variant)
    return tuple(dict.fromkeys(found))


def vetted(rec: Recommendation, machine: Machine, knowledge: Knowledge) -> Recommendation:
    """``rec`` when it can work here; otherwise a recommendation that says why not and what to do instead."""
    found = problems(rec, machine, knowledge)
    if not found:
        return rec
    reasons = join_sentences(say(f"impossible.{key}") for key in found)
    return Recommendation(kind="none", why=join_sentences([say("impossible", reasons=reasons), instead(machine, knowledge)]))


def instead(machine: Machine, knowledge: Knowledge) -> str:
    """What to do when no command can be offered for this interpreter."""
    if interpreter_problem(machine) or not builds_for(machine, knowledge):
        return say("instead.python")
    if machine.nvidia or machine.other_vendors:
        return say("instead.cpu_or_elsewhere")
    return say("instead.cpu")


def _wheel_problems(machine: Machine, release: Release, variant: Variant) -> list[str]:
    if wheel_exists(machine, release, variant):
        return []
    if interpreter_problem(machine):
        return [f"interpreter_{interpreter_problem(machine)}"]
    return ["no_wheel"]


def _cuda_problems(rec: Recommendation, machine: Machine, knowledge: Knowledge, variant: Variant) -> list[str]:
    found = []
    if machine.os == "darwin":
        found.append("cuda_on_mac")
    if machine.jetson:
        found.append("cuda_index_on_jetson")
    if machine.nvidia is False:
        found.append("cuda_without_nvidia")
    if machine.capabilities and not covers_gpu(variant, machine.platform, machine.capabilities):
        found.append("arch_not_covered")
    if driver_runs(variant, machine, knowledge) is False:
        floor = knowledge.driver_floor(variant.cuda, machine.driver_os) or ""
        if not rec.needs_driver:
            found.append("driver_too_old")
        elif not newer_driver_exists(machine, knowledge, floor):
            found.append("no_newer_driver")
    return found


def _rocm_problems(machine: Machine, knowledge: Knowledge, variant: Variant) -> list[str]:
    amd = machine.amd_gpus
    if not amd:
        return ["rocm_without_amd_gpu"]
    targets = knowledge.rocm_gfx(variant.name)
    if any(g.gfx not in targets for g in amd):  # an unknown gfx, or a build whose targets are unknown: no
        return ["rocm_gfx_not_covered"]
    return []


def _xpu_problems(machine: Machine, knowledge: Knowledge) -> list[str]:
    intel = machine.intel_gpus
    if not intel:
        return ["xpu_without_intel_gpu"]
    if not any(knowledge.xpu_supports(g.name) for g in intel):  # an unknown name counts as unsupported
        return ["xpu_gpu_not_supported"]
    return []


def _command_problems(rec: Recommendation, machine: Machine, variant: Variant) -> list[str]:
    steps = rec.steps if rec.kind == "new_venv" else (rec.argv,)
    if not steps or not rec.argv or rec.argv != steps[-1]:
        return ["no_command"]
    found = []
    if not rec.index_url.rstrip("/").endswith(f"/{variant.name}") or rec.index_url not in rec.argv:
        found.append("wrong_index")
    if not any(a.startswith(f"torch=={rec.torch}") for a in rec.argv):
        found.append("wrong_pin")
    uv_pip = machine.installer == "uv_pip" and steps[0][:3] == ("uv", "pip", "install")  # (uv installs into its env)
    if steps[0][0] != machine.python and not uv_pip:
        found.append("other_interpreter")
    return found
