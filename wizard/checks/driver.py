"""Step "GPU & driver": is there an NVIDIA GPU, a working driver, new enough for the torch build, visible?"""

from __future__ import annotations

from wizard.checks.common import build_words, gpu_names, recommendation_actions, url_action, variant_words, wants_gpu
from wizard.checks.context import CheckContext, major, version_tuple
from wizard.checks.texts import finding, join_sentences, render
from wizard.evidence import working_through_rocm
from wizard.findings import Action, Finding, Severity, Step
from wizard.policy.compat import driver_runs, last_driver_branch, newer_driver_exists, visible_device_count
from wizard.policy.machine import apple_chip_named
from wizard.remedy_texts import remedy_text
from wizard.snapshot import FactStatus

STEP = Step.DRIVER
# NVIDIA's 470 driver branch is the last for Kepler GPUs (compute capability 3.x): "Support plan for
# Kepler-series GeForce GPUs", https://nvidia.custhelp.com/app/answers/detail/a_id/5202 (R470 is also the
# last data-centre branch for the Tesla K80). Such a GPU can never get the driver a current CUDA build needs.


def check_gpu_presence(ctx: CheckContext) -> list[Finding]:
    """NO_NVIDIA_GPU: none in the machine (naming AMD / Intel / Apple and what PyTorch offers for them)."""
    if ctx.gpus or _is_wsl(ctx):
        return []
    if (ctx.torch is not None and ctx.torch.cuda_available and ctx.torch.hip) or working_through_rocm(ctx.snapshot):
        return []  # (a ROCm build answering torch.cuda on an AMD GPU: the GPU is used, no NVIDIA one is needed)
    if ctx.torch is not None and ctx.torch.xpu_available.value is True and ctx.goal.want != "cuda":
        return []  # (an XPU build on an Intel GPU: the GPU is used through torch.xpu)
    if _kernel_has_nvidia(ctx):
        return []  # a loaded nvidia module means a GPU the PCI scan missed; driver checks handle it
    severity = Severity.ERROR if ctx.goal.want == "cuda" else Severity.INFO
    if ctx.pci is None and ctx.os != "darwin":
        if ctx.snapshot.source == "text" and ctx.snapshot.gpu.nvml.problem and not ctx.driver_version:
            return [finding("GPU_UNKNOWN", Severity.INFO, STEP, details=_gpu_details(ctx))]
        if ctx.nvml_problem is None or ctx.nvml_problem.code not in ("nvml_library_not_found", ""):
            return []  # NVML failed for another reason: DRIVER_MISSING explains it
        key = "NO_NVIDIA_GPU.unsure"
    else:
        key = "NO_NVIDIA_GPU.wanted" if ctx.goal.want == "cuda" else "NO_NVIDIA_GPU"
    others = _other_gpu_words(ctx)
    return [
        finding(
            key,
            severity,
            STEP,
            details=_gpu_details(ctx),
            others=f" (it has: {others})" if others else "",
            advice=_vendor_advice(ctx),
        )
    ]


def check_driver_missing(ctx: CheckContext) -> list[Finding]:
    """DRIVER_MISSING: an NVIDIA GPU is there but no working driver talks to it."""
    if ctx.usable_gpus or ctx.nvml is not None or _is_wsl(ctx):
        return []
    broken_driver = ctx.nvml_problem is not None and ctx.nvml_problem.code in _BROKEN_DRIVER_CODES
    if not ctx.nvidia_pci and not _kernel_has_nvidia(ctx) and not broken_driver:
        return []
    if ctx.snapshot.source == "text":
        return []  # pasted text that does not mention the driver says nothing about it
    variant = _missing_variant(ctx)
    severity = Severity.ERROR if wants_gpu(ctx) else Severity.INFO
    actions = (
        []
        if variant in ("reboot", "permission", "secure_boot")
        else url_action(ctx, "driver_download", "Download the NVIDIA driver")
    )
    problem = ctx.nvml_problem
    reason = problem.reason if problem else "unknown"
    return [
        finding(
            f"DRIVER_MISSING.{variant}",
            severity,
            STEP,
            details=f"NVML: {reason} ({problem.code if problem else '-'}); {_gpu_details(ctx)}",
            actions=actions,
            gpu=gpu_names(ctx),
        )
    ]


_BROKEN_DRIVER_CODES = ("nvml_driver_not_loaded", "nvml_no_permission", "nvml_rm_version_mismatch", "nvml_gpu_lost")


def _missing_variant(ctx: CheckContext) -> str:
    code = ctx.nvml_problem.code if ctx.nvml_problem else ""
    kernel = ctx.kernel
    if code == "nvml_rm_version_mismatch":
        return "reboot"
    if code == "nvml_no_permission":
        return "permission"
    if (kernel and kernel.nouveau_loaded) or any(d.kernel_driver == "nouveau" for d in ctx.nvidia_pci):
        return "nouveau"
    if code == "nvml_gpu_lost":
        return "gpu_lost"
    if code == "nvml_driver_not_loaded" or (kernel and not kernel.nvidia_loaded and code != "nvml_library_not_found"):
        if kernel and kernel.secure_boot == "enabled":
            return "secure_boot"
        return "not_loaded"
    return "not_installed"


def check_driver_version(ctx: CheckContext) -> list[Finding]:
    """DRIVER_TOO_OLD for the installed build's CUDA, or an ok line naming the driver."""
    if not ctx.usable_gpus or not (ctx.driver_version or ctx.driver_cuda):
        return []
    floor_os = "windows" if _is_wsl(ctx) else ctx.os
    floor = ctx.knowledge.driver_floor(ctx.torch_cuda, floor_os) if ctx.torch_cuda else None
    too_old = False
    if floor and ctx.driver_version:
        too_old = version_tuple(ctx.driver_version) < version_tuple(floor)
    elif ctx.torch_cuda and ctx.driver_cuda:
        too_old = (major(ctx.driver_cuda) or 0) < (major(ctx.torch_cuda) or 0)
    if too_old:
        needed = floor or f"one supporting CUDA {major(ctx.torch_cuda)}"
        if floor and not newer_driver_exists(ctx.machine_facts, ctx.knowledge, floor):
            return [_no_newer_driver(ctx, needed, last_driver_branch(ctx.machine_facts, ctx.knowledge))]
        return [_too_old(ctx, needed)]
    driver = ctx.driver_version or "(version unknown)"
    supports = f"CUDA {ctx.driver_cuda}" if ctx.driver_cuda else "CUDA (version unknown)"
    details = f"driver {driver}, highest CUDA it supports {ctx.driver_cuda or 'unknown'}"
    if floor:
        details += f"; the installed torch ({build_words(ctx)}) needs at least {floor}"
    return [finding("DRIVER_OK", Severity.OK, STEP, details=details, driver=driver, supports=supports)]


def _too_old(ctx: CheckContext, needed: str) -> Finding:
    actions = url_action(ctx, "driver_download", "Update the NVIDIA driver")
    rec = ctx.recommendation
    runnable = rec.kind in ("install", "new_venv") and rec.variant.startswith("cu") and _driver_runs(ctx, rec.variant)
    if runnable:
        actions += recommendation_actions(ctx, f"Install the build this driver can run ({variant_words(rec.variant)})")
    key = "DRIVER_TOO_OLD" if runnable else "DRIVER_TOO_OLD.update_only"
    return finding(
        key,
        Severity.ERROR,
        STEP,
        details=(
            f"driver {ctx.driver_version or 'unknown'} (supports CUDA {ctx.driver_cuda or 'unknown'}); "
            f"torch {ctx.torch_version} is built with CUDA {ctx.torch_cuda} and needs driver >= {needed}"
        ),
        actions=actions,
        driver=ctx.driver_version or f"supporting CUDA {ctx.driver_cuda}",
        torch=ctx.torch_version,
        cuda=ctx.torch_cuda,
        needed=needed,
        variant=variant_words(rec.variant),
    )


def _no_newer_driver(ctx: CheckContext, needed: str, branch: str) -> Finding:
    """DRIVER_TOO_OLD for a GPU whose driver cannot be updated further: a note, the GPU's age is the problem."""
    return finding(
        "DRIVER_TOO_OLD.no_newer_driver",
        Severity.INFO,
        STEP,
        details=(
            f"driver {ctx.driver_version or 'unknown'} (supports CUDA {ctx.driver_cuda or 'unknown'}); "
            f"torch {ctx.torch_version} (CUDA {ctx.torch_cuda}) needs driver >= {needed}; "
            f"the last driver branch for compute capability {', '.join(g.capability for g in ctx.usable_gpus)} "
            f"is {branch}"
        ),
        driver=ctx.driver_version or f"one supporting CUDA {ctx.driver_cuda}",
        torch=ctx.torch_version,
        needed=needed,
        branch=branch,
        gpu=gpu_names(ctx),
    )


def _driver_runs(ctx: CheckContext, variant: str) -> bool:
    release = ctx.knowledge.release(ctx.recommendation.torch) if ctx.recommendation.torch else None
    build = release.variant(variant) if release else None
    return build is not None and driver_runs(build, ctx.machine_facts, ctx.knowledge) is True


# NVIDIA's CUDA on WSL guide: no Linux NVIDIA driver inside WSL 2 (the Windows driver is stubbed in as libcuda.so).
# The removal is NVIDIA's own, from the CUDA Installation Guide for Linux, "Removing CUDA Toolkit and Driver"
# (Ubuntu and Debian); the first line only lists what is installed. Copied, never run: it needs sudo.
WSL_APT_REMOVAL = (
    'dpkg -l "*nvidia*" "libxnvctrl*"\n'
    'sudo apt-get --purge remove "*nvidia*" "libxnvctrl*"\n'
    "sudo apt-get autoremove"
)
WSL_RUNFILE_REMOVAL = "sudo /usr/bin/nvidia-uninstall"  # a driver installed from NVIDIA's .run file
WSL_RESTART = "wsl --shutdown"  # in Windows (PowerShell or cmd), then open WSL again


def wsl_linux_driver_removal() -> list[Action]:
    """The copyable steps that remove a Linux NVIDIA driver from inside WSL and restart WSL."""
    return [
        Action.copy(remedy_text("label.wsl_driver_apt"), WSL_APT_REMOVAL),
        Action.copy(remedy_text("label.wsl_driver_runfile"), WSL_RUNFILE_REMOVAL),
        Action.copy(remedy_text("label.wsl_restart"), WSL_RESTART),
    ]


def check_wsl_driver(ctx: CheckContext) -> list[Finding]:
    """WSL_DRIVER: WSL 2 needs the Windows driver's libraries in /usr/lib/wsl/lib and no Linux driver inside."""
    if not _is_wsl(ctx):
        return []
    kernel = ctx.kernel
    actions = url_action(ctx, "wsl_cuda", "NVIDIA's CUDA on WSL guide")
    if kernel and (kernel.nvidia_loaded or kernel.proc_driver_version or kernel.nvidia_version):
        return [
            finding(
                "WSL_DRIVER.linux_driver",
                Severity.ERROR if wants_gpu(ctx) else Severity.WARNING,
                STEP,
                details=f"inside WSL: nvidia module {kernel.nvidia_version or kernel.proc_driver_version or 'present'}",
                actions=wsl_linux_driver_removal() + actions,
            )
        ]
    libs = ctx.snapshot.gpu.wsl_driver_libs
    missing = (libs.ok and not any("libcuda" in name for name in libs.value or ())) or (
        libs.problem is not None and libs.problem.status is FactStatus.NOT_FOUND
    )
    if missing and ctx.nvml is None:
        severity = Severity.ERROR if wants_gpu(ctx) else Severity.INFO
        return [
            finding(
                "WSL_DRIVER.no_windows_driver",
                severity,
                STEP,
                details=f"/usr/lib/wsl/lib: {', '.join(libs.value or ()) or libs.problem.reason if libs.problem else 'empty'}",
                actions=actions + url_action(ctx, "driver_download", "Download the Windows NVIDIA driver"),
            )
        ]
    return []


def check_visible_devices(ctx: CheckContext) -> list[Finding]:
    """VISIBLE_DEVICES_MASK: CUDA_VISIBLE_DEVICES hides GPUs the driver sees."""
    value = ctx.env("CUDA_VISIBLE_DEVICES")
    seen = len(ctx.nvml.gpus) if ctx.nvml else 0
    if value is None or seen == 0:
        return []
    uuids = tuple(g.uuid for g in ctx.nvml.gpus if g.uuid) if ctx.nvml else ()
    visible = visible_device_count(value, seen, uuids)
    hidden_by_torch = ctx.torch is not None and ctx.torch_cuda and ctx.torch.device_count == 0
    if visible > 0 and not (hidden_by_torch and visible < seen):
        if visible < seen:
            return [
                finding(
                    "VISIBLE_DEVICES_MASK.partial",
                    Severity.INFO,
                    STEP,
                    details=f"CUDA_VISIBLE_DEVICES={value!r}; NVML sees {seen} GPU(s)",
                    value=value,
                    visible=visible,
                    seen=seen,
                )
            ]
        return []
    severity = Severity.ERROR if wants_gpu(ctx) else Severity.INFO
    command, where = _unset_words(ctx.os)
    return [
        finding(
            "VISIBLE_DEVICES_MASK",
            severity,
            STEP,
            details=f"CUDA_VISIBLE_DEVICES={value!r}; NVML sees {seen} GPU(s); torch device_count "
            f"{ctx.torch.device_count if ctx.torch else 'unknown'}",
            actions=[Action.copy("Copy the command that removes it", _unset_command(ctx.os))],
            value=f"\"{value}\"" if value else "an empty value",
            seen=seen,
            command=command,
            where=where,
        )
    ]


def _unset_command(os_name: str) -> str:
    # Command Prompt's `set NAME=` removes the variable; PowerShell needs Remove-Item (shown in the text too).
    return "set CUDA_VISIBLE_DEVICES=" if os_name == "windows" else "unset CUDA_VISIBLE_DEVICES"


def _unset_words(os_name: str) -> tuple[str, str]:
    """(how to remove the variable in a terminal, where else it is usually set) for the explanation."""
    if os_name == "windows":
        return (
            "`set CUDA_VISIBLE_DEVICES=` in Command Prompt or `Remove-Item Env:CUDA_VISIBLE_DEVICES` in PowerShell",
            "your notebook, your script and your account's environment variables (Windows Settings)",
        )
    return "`unset CUDA_VISIBLE_DEVICES`", "your notebook, your job script and ~/.bashrc"


def _is_wsl(ctx: CheckContext) -> bool:
    return bool(ctx.host and ctx.host.is_wsl)


def _kernel_has_nvidia(ctx: CheckContext) -> bool:
    return bool(ctx.kernel and (ctx.kernel.nvidia_loaded or ctx.kernel.proc_driver_version))


def _other_gpu_words(ctx: CheckContext) -> str:
    names = [d.name or f"{(d.vendor or 'unknown').upper()} graphics" for d in ctx.other_gpus]
    if ctx.os == "darwin" and ctx.machine == "arm64" and not names:
        names = ["Apple silicon GPU"]
    return ", ".join(names)


def _vendor_advice(ctx: CheckContext) -> str:
    vendors = {d.vendor for d in ctx.other_gpus}
    sentences = []
    if ctx.goal.want == "cuda":
        sentences.append(render("ADVICE.elsewhere", {})[1])
    if ctx.os == "darwin":
        # (an Apple chip named beside an x86_64 Python is Rosetta's: the Mac is Apple silicon, the Python is not native)
        apple_chip = ctx.machine == "arm64" or apple_chip_named(ctx.snapshot)
        key = "ADVICE.apple_mps" if apple_chip else "ADVICE.intel_mac"
        sentences.append(render(key, {})[1])
    rocm = ctx.recommendation.variant.startswith("rocm")
    if "amd" in vendors and ctx.os != "darwin":  # (a Mac's AMD GPU: the Mac sentence says it, ROCm is for Linux)
        key = "ADVICE.amd_rocm_recommended" if rocm else "ADVICE.amd_rocm" if ctx.os == "linux" else "ADVICE.amd_other"
        sentences.append(render(key, {})[1])
    if "intel" in vendors and any("arc" in d.name.lower() for d in ctx.other_gpus if d.vendor == "intel"):
        sentences.append(render("ADVICE.intel_xpu", {})[1])
    if not ctx.is_cpu_build and not rocm and ctx.recommendation.argv:  # ("the recommended command": where there is one)
        sentences.append(render("ADVICE.cpu_build", {})[1])
    return join_sentences(sentences)  # keeps each sentence's message for rendering in other languages


def _gpu_details(ctx: CheckContext) -> str:
    pci = ctx.snapshot.gpu.pci
    if pci.ok:
        listed = "; ".join(f"{d.vendor or hex(d.vendor_id)} {d.name or hex(d.device_id)}" for d in pci.value or ())
        return f"PCI display devices: {listed or 'none'}"
    return f"PCI scan: {pci.problem.reason if pci.problem else 'unknown'}"


CHECKS = (check_gpu_presence, check_driver_missing, check_wsl_driver, check_driver_version, check_visible_devices)


def check_driver(ctx: CheckContext) -> list[Finding]:
    return [f for check in CHECKS for f in check(ctx)]
