"""Step "cuDNN": is the cuDNN torch loads the one its build expects?"""

from __future__ import annotations

from wizard.checks.common import recommendation_actions
from wizard.checks.context import CheckContext, version_tuple
from wizard.checks.texts import finding, phrase
from wizard.findings import Finding, Severity, Step

STEP = Step.CUDNN


def cudnn_from_torch(value: str) -> str:
    """torch.backends.cudnn.version() as a dotted version: 91002 → '9.10.2', 8902 → '8.9.2', 90100 → '9.1.0'."""
    if not value.strip().isdigit():
        return ""
    number = int(value)
    if number >= 9_0000:  # cuDNN 9 encodes major*10000 + minor*100 + patch
        return f"{number // 10000}.{number % 10000 // 100}.{number % 100}"
    return f"{number // 1000}.{number % 1000 // 100}.{number % 100}"  # cuDNN <= 8: major*1000 + minor*100 + patch


def check_cudnn(ctx: CheckContext) -> list[Finding]:
    if not ctx.torch_cuda:
        if ctx.torch_installed and ctx.is_xpu_build:
            return [finding("CUDNN_NOT_NEEDED", Severity.OK, STEP, reason=phrase("phrase.reason.xpu_build"))]
        if ctx.torch_installed and ctx.is_cpu_build:
            return [finding("CUDNN_NOT_NEEDED", Severity.OK, STEP, reason=phrase("phrase.reason.cpu_build"))]
        if _no_nvidia_gpu(ctx):
            return [finding("CUDNN_NOT_NEEDED", Severity.OK, STEP, reason=phrase("phrase.reason.no_nvidia_gpu"))]
        return [finding("CUDNN_NOT_NEEDED.bundled", Severity.OK, STEP)]
    loaded = cudnn_from_torch(ctx.torch.cudnn_version) if ctx.torch else ""
    dist_name, dist_version = _cudnn_dist(ctx)
    expected = _expected_cudnn(ctx)
    system = _system_cudnn_loaded(ctx)
    details = (
        f"torch reports cuDNN {loaded or 'unknown'}; {dist_name or 'nvidia-cudnn package'} "
        f"{dist_version or 'not installed'}; this build was released with cuDNN {expected or 'unknown'}"
    )
    if system:
        details += "\nloaded from outside the environment: " + ", ".join(system)
        return [
            finding(
                "CUDNN_MISMATCH.system",
                Severity.ERROR if _older(loaded, expected or dist_version) else Severity.WARNING,
                STEP,
                details=details,
                path=system[0],
                version=loaded or "unknown",
            )
        ]
    wanted = dist_version or expected
    if loaded and wanted and _older(loaded, wanted):
        return [_mismatch(ctx, "CUDNN_MISMATCH", details, found=loaded, needed=wanted)]
    if dist_version and expected and _older(dist_version, expected):
        return [_mismatch(ctx, "CUDNN_MISMATCH.package", details, found=dist_version, needed=expected)]
    version = loaded or dist_version
    if not version:
        return [finding("CUDNN_UNKNOWN", Severity.INFO, STEP, details=details)]
    source = phrase("phrase.cudnn.package", package=dist_name) if dist_name else phrase("phrase.cudnn.wheel")
    return [finding("CUDNN_OK", Severity.OK, STEP, details=details, version=version, source=source)]


def _mismatch(ctx: CheckContext, key: str, details: str, found: str, needed: str) -> Finding:
    package = _cudnn_dist(ctx)[0] or "nvidia-cudnn"
    actions = recommendation_actions(ctx, "Reinstall PyTorch with the cuDNN it expects")
    have, want = version_tuple(found)[:1], version_tuple(needed)[:1]
    if have and want and have != want:  # cuDNN 9 vs 8 is another major, not "older": neither loads the other's code
        key = "CUDNN_MISMATCH.major" if key == "CUDNN_MISMATCH" else "CUDNN_MISMATCH.package_major"
    return finding(
        key, Severity.ERROR, STEP, details=details, actions=actions, found=found, needed=needed, package=package
    )


def _no_nvidia_gpu(ctx: CheckContext) -> bool:
    """Known for sure: the GPU list was read, shows no NVIDIA GPU, and no NVIDIA driver answers (not WSL)."""
    wsl = ctx.host is not None and ctx.host.is_wsl
    listed = ctx.pci is not None or ctx.os == "darwin"  # no Mac PyTorch runs on has an NVIDIA GPU
    return listed and not ctx.gpus and not (ctx.driver_version or ctx.driver_cuda or wsl)


def _older(found: str, needed: str) -> bool:
    """cuDNN checks majors exactly and wants the runtime minor >= the build's minor."""
    have, want = version_tuple(found)[:2], version_tuple(needed)[:2]
    if not have or not want:
        return False
    return have[0] != want[0] or have < want


def _cudnn_dist(ctx: CheckContext) -> tuple[str, str]:
    for name, dist in ctx.dists.items():
        if name.startswith("nvidia-cudnn-cu"):
            return name, dist.version
    return "", ""


def _expected_cudnn(ctx: CheckContext) -> str:
    if ctx.release is None:
        return ""
    local = ctx.torch_version.partition("+")[2]
    variant = ctx.release.variant(local) if local else None
    if variant is None:
        wanted = "cu" + ctx.torch_cuda.replace(".", "")
        variant = ctx.release.variant(wanted)
    return variant.cudnn if variant else ""


def _system_cudnn_loaded(ctx: CheckContext) -> list[str]:
    if ctx.torch is None or ctx.python is None or not ctx.python.prefix:
        return []
    return [
        path
        for path in ctx.torch.loaded_libraries
        if "cudnn" in path.lower().rsplit("/", 1)[-1] and not ctx.inside_environment(path)
    ]


CHECKS = (check_cudnn,)
