"""Step "CUDA toolkit": the three CUDA versions, toolkits that don't match, shadowing and missing libraries."""

from __future__ import annotations

from packaging.markers import InvalidMarker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

from wizard.checks.common import build_words, recommendation_actions, search_path_actions
from wizard.checks.context import CheckContext, active_toolkit, major, major_minor, version_tuple
from wizard.checks.import_errors import import_failure_code
from wizard.checks.texts import finding
from wizard.findings import Action, Finding, Severity, Step
from wizard.policy.compat import parsed_requirements
from wizard.snapshot import LibraryCopy

STEP = Step.TOOLKIT
# Libraries whose soname carries the CUDA major (libcudart.so.12): a same-major copy on the search path
# is found before the wheel's own copy (LD_LIBRARY_PATH is searched before torch's RUNPATH).
CUDA_FAMILIES = (
    "cudart",
    "cublas",
    "cublaslt",
    "nvrtc",
    "cufft",
    "curand",
    "cusolver",
    "cusparse",
    "nvjitlink",
    "cupti",
)


def check_cuda_versions(ctx: CheckContext) -> list[Finding]:
    """An info line separating the three "CUDA versions", or an ok line that no toolkit is needed."""
    toolkits = ctx.snapshot.toolkit.toolkits.get() or ()
    wheel = f"CUDA {ctx.torch_cuda}" if ctx.torch_cuda else build_words(ctx) if ctx.torch_installed else "not installed"
    if not toolkits:
        if ctx.snapshot.source == "text" and not ctx.snapshot.toolkit.toolkits.ok:
            return []
        return [finding("TOOLKIT_NOT_NEEDED", Severity.OK, STEP)]
    tool = active_toolkit(ctx) or toolkits[0]
    details = "; ".join(f"{t.version} at {t.root} (via {', '.join(t.found_via) or '?'})" for t in toolkits)
    if not _nvidia_gpu_possible(ctx):
        # Without an NVIDIA GPU the three versions explain nothing: one quiet line that PyTorch ignores the toolkit.
        version = major_minor(tool.version) or tool.version
        return [
            finding("TOOLKIT_NOT_NEEDED.present", Severity.OK, STEP, details=f"toolkits: {details}", toolkit=version)
        ]
    driver_cuda = ctx.driver_cuda or ("unknown" if ctx.driver_version else "unknown (no working NVIDIA driver)")
    return [
        finding(
            "CUDA_VERSIONS",
            Severity.INFO,
            STEP,
            details=f"toolkits: {details}",
            driver_cuda=driver_cuda,
            toolkit=major_minor(tool.version) or tool.version,
            wheel=wheel,
        )
    ]


def _nvidia_gpu_possible(ctx: CheckContext) -> bool:
    """Whether this machine may have an NVIDIA GPU (found, a driver, WSL, or the GPU list is unknown)."""
    if ctx.gpus or ctx.driver_version or ctx.driver_cuda or ctx.goal.want == "cuda":
        return True
    if ctx.host is not None and ctx.host.is_wsl:
        return True
    return ctx.pci is None and ctx.os != "darwin"


def check_toolkit_mismatch(ctx: CheckContext) -> list[Finding]:
    """TOOLKIT_MISMATCH (warning only): extensions won't build when nvcc's major differs from the wheel's."""
    tool = active_toolkit(ctx)
    if tool is None or not ctx.torch_cuda or major(tool.version) is None:
        return []
    if major(tool.version) == major(ctx.torch_cuda):
        return []
    return [
        finding(
            "TOOLKIT_MISMATCH" if tool.root else "TOOLKIT_MISMATCH.unknown_root",  # (pasted text names no folder)
            Severity.WARNING,
            STEP,
            details=f"active toolkit {tool.version} at {tool.root} (via {', '.join(tool.found_via)}); "
            f"torch {ctx.torch_version} built with CUDA {ctx.torch_cuda}",
            toolkit=major_minor(tool.version),
            wheel=ctx.torch_cuda,
            root=tool.root,
        )
    ]


def check_extension_cuda_home(ctx: CheckContext) -> list[Finding]:
    """CUDA_HOME_NOT_TOOLKIT (warning): with a CUDA build of torch, the folder an extension build would use as
    CUDA_HOME holds no toolkit (an nvcc wrapper in /usr/local/bin makes it /usr/local), so building fails."""
    home = ctx.snapshot.toolkit.extension_cuda_home.get()
    if home is None or home.is_toolkit or not ctx.torch_cuda:
        return []
    tool = active_toolkit(ctx)
    if tool is None:
        return []
    return [
        finding(
            "CUDA_HOME_NOT_TOOLKIT",
            Severity.WARNING,
            STEP,
            details=f"CUDA_HOME as torch.utils.cpp_extension finds it: {home.path} (from {home.source}); "
            f"the toolkit nvcc runs is at {tool.root}",
            actions=[Action.copy("Copy the command that sets CUDA_HOME", _set_cuda_home(ctx.os, tool.root))],
            home=home.path,
            source=home.source,
            root=tool.root,
        )
    ]


def _set_cuda_home(os_name: str, root: str) -> str:
    if os_name == "windows":
        return f'setx CUDA_HOME "{root}"'
    return f"export CUDA_HOME={root}"


def check_lib_path_conflict(ctx: CheckContext) -> list[Finding]:
    """LIB_PATH_CONFLICT: an older same-soname CUDA/NCCL copy on LD_LIBRARY_PATH/PATH is found before the wheel's."""
    if not ctx.torch_cuda or import_failure_code(ctx) == "LIB_PATH_CONFLICT":
        return []
    copies = ctx.snapshot.toolkit.search_path_libraries.get() or ()
    shadowing = [c for c in copies if _shadows(ctx, c)]
    if not shadowing:
        return []
    loaded = set(ctx.torch.loaded_libraries) if ctx.torch else set()
    used = [c for c in shadowing if c.path in loaded]
    broken = ctx.torch is not None and (not ctx.torch.cuda_available or ctx.torch.cuda_op.problem is not None)
    severity = Severity.ERROR if used and broken and ctx.usable_gpus else Severity.WARNING
    folders = sorted({c.path.rsplit("/", 1)[0].rsplit("\\", 1)[0] for c in shadowing})
    variable = shadowing[0].search_path or ("PATH" if ctx.os == "windows" else "LD_LIBRARY_PATH")
    return [
        finding(
            "LIB_PATH_CONFLICT",
            severity,
            STEP,
            details="\n".join(
                f"{c.path} ({c.family} {c.version or '?'}, via {c.search_path or '?'})"
                + (" — loaded by torch" if c.path in loaded else "")
                for c in shadowing
            ),
            actions=search_path_actions(ctx, folders),
            variable=variable,
            folders=folders,
            wheel=ctx.torch_cuda,
        )
    ]


def _shadows(ctx: CheckContext, copy: LibraryCopy) -> bool:
    if ctx.inside_environment(copy.path):
        return False
    family = copy.family.lower()
    if family in CUDA_FAMILIES:
        if major(copy.version) != major(ctx.torch_cuda):
            return False  # another soname major: torch never loads it
        # a bare soname major ("12") says nothing about the minor: older than the wheel's is possible
        return (
            len(version_tuple(copy.version)) < 2 or version_tuple(copy.version)[:2] < version_tuple(ctx.torch_cuda)[:2]
        )
    if family == "nccl":
        wheel_nccl = _dist_version(ctx, "nvidia-nccl-cu")
        return (
            bool(wheel_nccl)
            and len(version_tuple(copy.version)) >= 2
            and (version_tuple(copy.version) < version_tuple(wheel_nccl)[: len(version_tuple(copy.version))])
        )
    return False  # cuDNN copies are judged by the cuDNN step


def _dist_version(ctx: CheckContext, prefix: str) -> str:
    for name, dist in ctx.dists.items():
        if name.startswith(prefix):
            return dist.version
    return ""


def check_required_cuda_dists(ctx: CheckContext) -> list[Finding]:
    """CUDA_LIB_MISSING: nvidia-* / cuda-toolkit packages that torch's Requires-Dist names are missing or wrong."""
    if ctx.snapshot.source == "text" or ctx.python is None:
        return []
    torch = ctx.dists.get("torch")
    if torch is None or not ctx.torch_cuda or import_failure_code(ctx) == "CUDA_LIB_MISSING":
        return []
    problems = unmet_cuda_requirements(ctx, torch.requires)
    if not problems:
        return []
    import_failed = ctx.torch_problem is not None and ctx.torch_problem.code != "torch_not_installed"
    severity = Severity.ERROR if import_failed or ctx.torch is None else Severity.WARNING
    return [
        finding(
            "CUDA_LIB_MISSING.dists",
            severity,
            STEP,
            details="\n".join(problems),
            actions=recommendation_actions(ctx, "Reinstall PyTorch with its CUDA libraries"),
            packages=[p.split(" ", 1)[0] for p in problems],
        )
    ]


def unmet_cuda_requirements(ctx: CheckContext, requires: tuple[str, ...]) -> list[str]:
    """'name: why' for each nvidia-*/cuda-* requirement of torch (for this platform) that is not satisfied.
    nvidia-cudnn version differences are left to the cuDNN step."""
    environment = marker_environment(ctx)
    problems = []
    for line, req in parsed_requirements(requires):
        name = canonicalize_name(req.name)
        if not name.startswith(("nvidia-", "cuda-")):
            continue
        try:
            if req.marker is not None and not req.marker.evaluate(environment):
                continue
        except (InvalidMarker, KeyError, ValueError):
            continue
        dist = ctx.dists.get(name)
        if dist is None:
            problems.append(f"{name} is not installed (torch requires {line.split(';')[0].strip()})")
        elif not name.startswith("nvidia-cudnn") and not _satisfies(req, dist.version):
            problems.append(f"{name} {dist.version} does not satisfy {req.specifier}")
    return problems


def _satisfies(req: Requirement, version: str) -> bool:
    try:
        return req.specifier.contains(Version(version), prereleases=True)
    except InvalidVersion:
        return True


def marker_environment(ctx: CheckContext) -> dict[str, str]:
    python = ctx.python
    version = python.version if python else "3.12.0"
    system = {"linux": "Linux", "windows": "Windows", "darwin": "Darwin"}.get(ctx.os, "Linux")
    machine = {"windows": {"x86_64": "AMD64", "arm64": "ARM64"}}.get(ctx.os, {}).get(ctx.machine, ctx.machine)
    return {
        "python_version": major_minor(version),
        "python_full_version": version,
        "platform_system": system,
        "platform_machine": machine,
        "sys_platform": {"linux": "linux", "windows": "win32", "darwin": "darwin"}.get(ctx.os, "linux"),
        "os_name": "nt" if ctx.os == "windows" else "posix",
        "implementation_name": python.implementation if python else "cpython",
        "platform_python_implementation": "CPython" if not python or python.implementation == "cpython" else "PyPy",
        "extra": "",
    }


CHECKS = (
    check_cuda_versions,
    check_toolkit_mismatch,
    check_extension_cuda_home,
    check_lib_path_conflict,
    check_required_cuda_dists,
)


def check_toolkit(ctx: CheckContext) -> list[Finding]:
    return [f for check in CHECKS for f in check(ctx)]
