"""Helpers the step modules share: actions built from knowledge and the recommendation."""

from __future__ import annotations

import re
import shlex
from collections.abc import Sequence

from wizard.checks.context import CheckContext, active_toolkit, major
from wizard.checks.texts import phrase
from wizard.findings import Action
from wizard.i18n import message
from wizard.shell_text import command_text
from wizard.urls import is_allowed_url

WANTS_GPU = ("auto", "cuda")


def url_action(ctx: CheckContext, name: str, label: str) -> list[Action]:
    """An open_url action for a named knowledge URL; none when it is missing or not allow-listed."""
    try:
        url = ctx.knowledge.url(name)
    except KeyError:
        return []
    return [Action.open_url(label, url)] if is_allowed_url(url) else []


def recommendation_actions(ctx: CheckContext, label: str = "") -> list[Action]:
    """Run + copy actions for the recommended command (a new venv: every step in order)."""
    rec = ctx.recommendation
    if rec.kind == "install" and rec.argv:
        if not label:
            label = (message("action.install_build", torch=rec.torch, build=variant_words(rec.variant)) if rec.torch
                     else message("action.install_recommended"))
        return [Action.run(label, rec.argv), Action.copy(message("action.copy_command"), command_text(rec.argv, ctx.os))]
    if rec.kind == "new_venv" and rec.steps:
        actions = [Action.run(_step_label(i, step), step) for i, step in enumerate(rec.steps)]
        script = "\n".join(command_text(step, ctx.os) for step in rec.steps)
        return [*actions, Action.copy(message("action.copy_commands"), script)]
    if rec.kind == "python" and rec.url and is_allowed_url(rec.url):
        return [Action.open_url(message("action.get_python"), rec.url)]
    return []


def _step_label(index: int, step: Sequence[str]) -> str:
    if "venv" in step[:3]:
        return message("action.create_venv")
    return message("action.install_into_venv") if "pip" in step else message("action.step", number=index + 1)


def pip_actions(ctx: CheckContext, label: str, *packages: str) -> list[Action]:
    """Run + copy actions for ``python -m pip install <packages>`` in the target interpreter."""
    argv = ctx.pip_command(*packages)
    return [Action.run(label, argv), Action.copy(message("action.copy_command"), command_text(argv, ctx.os))]


def variant_words(variant: str) -> str:
    if variant.startswith("cu") and variant[2:].isdigit() and len(variant) >= 4:
        digits = variant[2:]
        return f"CUDA {digits[:-1]}.{digits[-1]}"
    if variant == "cpu":
        return phrase("phrase.build.cpu_only")
    if variant.startswith("rocm"):
        return f"ROCm {variant[4:]}"
    return variant or phrase("phrase.build.unknown")


def build_words(ctx: CheckContext) -> str:
    """'CUDA 13.0', 'CPU only', 'ROCm 6.2' for the installed torch."""
    if ctx.torch_cuda:
        return f"CUDA {ctx.torch_cuda}"
    if ctx.torch_hip:
        return f"ROCm {ctx.torch_hip}"
    if ctx.is_xpu_build:
        return phrase("phrase.build.xpu")
    return phrase("phrase.build.cpu_only") if ctx.torch_build_known else phrase("phrase.build.not_known")


def gpu_names(ctx: CheckContext) -> str:
    names = [g.name for g in ctx.gpus]
    return " and ".join(sorted(set(names), key=names.index)) if names else "your NVIDIA GPU"


def wants_gpu(ctx: CheckContext) -> bool:
    return ctx.goal.want in WANTS_GPU


def cause_actions(ctx: CheckContext, code: str) -> list[Action]:
    """The actions that fix a cause, when the finding only names the cause (pasted text, an import error):
    a driver cause gets driver actions, a search-path cause the environment change, never a reinstall by default."""
    if code == "DRIVER_TOO_OLD":
        rec = ctx.recommendation
        driver_known = bool(ctx.driver_version or ctx.driver_cuda)  # ("this driver can run" needs the driver shown)
        runs = driver_known and rec.kind in ("install", "new_venv") and rec.variant.startswith("cu") and not rec.needs_driver
        label = f"Install the build this driver can run ({variant_words(rec.variant)})"
        return url_action(ctx, "driver_download", "Update the NVIDIA driver") + (
            recommendation_actions(ctx, label) if runs else [])
    if code == "DRIVER_MISSING":
        return url_action(ctx, "driver_download", "Download the NVIDIA driver")
    if code == "WSL_DRIVER":
        return url_action(ctx, "wsl_cuda", "NVIDIA's CUDA on WSL guide") + url_action(
            ctx, "driver_download", "Download the Windows NVIDIA driver")
    if code == "LIB_PATH_CONFLICT":
        return search_path_actions(ctx)
    if code == "VCREDIST_MISSING":
        return vc_runtime_actions(ctx)  # a missing runtime is not fixed by reinstalling torch
    if code == "PLATFORM_UNSUPPORTED" and ctx.machine_facts.jetson and ctx.knowledge.platforms.jetson_url:
        url = ctx.knowledge.platforms.jetson_url  # NVIDIA's JetPack builds are the fix, the CPU build only a stopgap
        return ([Action.open_url("NVIDIA's PyTorch for Jetson", url)] if is_allowed_url(url) else []) + (
            recommendation_actions(ctx))
    if code == "NO_NVIDIA_GPU" and ctx.recommendation.variant.startswith("cu"):
        return []  # a CUDA build is no fix without an NVIDIA GPU (the words say what is: another vendor's build, CPU)
    if code in ("LOCAL_TORCH_SHADOW", "VISIBLE_DEVICES_MASK", "CUDA_HOME_MISSING"):
        return []  # renaming the file, or changing CUDA_VISIBLE_DEVICES or CUDA_HOME, is the fix the words give; a
        # reinstall changes nothing
    if code == "TOOLKIT_MISMATCH" and not _recommended_build_fits_toolkit(ctx):
        return []  # a build for another CUDA major would fail the same check: the explanation says what to change
    return recommendation_actions(ctx)


def _recommended_build_fits_toolkit(ctx: CheckContext) -> bool:
    """Whether the recommended CUDA build has the CUDA major of the active toolkit (nvcc), as extension builds need."""
    tool = active_toolkit(ctx)
    rec = ctx.recommendation
    release = ctx.knowledge.release(rec.torch) if rec.torch else None
    variant = release.variant(rec.variant) if release is not None else None
    if tool is None or variant is None or not variant.cuda:
        return False
    return major(tool.version) is not None and major(tool.version) == major(variant.cuda)


def vc_runtime_actions(ctx: CheckContext) -> list[Action]:
    """Microsoft's VC++ runtime download (the knowledge URL, else the Windows prerequisite's own link)."""
    actions = url_action(ctx, "vc_redist", "Download the Visual C++ Redistributable (x64)")
    if actions:
        return actions
    for prerequisite in ctx.knowledge.windows_prerequisites:
        if prerequisite.key.startswith("vc_redist") and is_allowed_url(prerequisite.url):
            return [Action.open_url(f"Download the {prerequisite.name}", prerequisite.url)]
    return []


def search_path_actions(ctx: CheckContext, folders: Sequence[str] = ()) -> list[Action]:
    """A copy action that sets LD_LIBRARY_PATH (PATH on Windows) without the folders whose older CUDA
    libraries shadow the wheel's; none when the variable's value is not known."""
    variable = "PATH" if ctx.os == "windows" else "LD_LIBRARY_PATH"
    value = ctx.env(variable)
    if not value:
        return []
    separator = ";" if ctx.os == "windows" else ":"
    # Without the exact folders (an import error names only the library): the CUDA-looking folders outside
    # the environment, which is where an older libcudart/libcublas comes from.
    drop = {f.rstrip("/\\") for f in folders} or {
        p.rstrip("/\\") for p in value.split(separator)
        if p and re.search(r"cuda|nvidia", p, re.IGNORECASE) and not ctx.inside_environment(p + "/x")}
    kept = [p for p in value.split(separator) if p and p.rstrip("/\\") not in drop]
    if ctx.os == "windows":
        command = f'set "{variable}={separator.join(kept)}"'
    else:
        command = f"export {variable}={shlex.quote(separator.join(kept))}" if kept else f"unset {variable}"
    return [Action.copy(f"Copy the command that removes them from {variable}", command)]
