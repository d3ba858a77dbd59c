"""Step "Python environment": can this interpreter get a torch wheel, and is its environment sane?"""

from __future__ import annotations

import dataclasses
import re

from wizard.checks.common import pip_actions, recommendation_actions, url_action, vc_runtime_actions, wants_gpu
from wizard.checks.context import CheckContext, major, major_minor, version_tuple
from wizard.checks.import_errors import import_failure_code
from wizard.checks.remedies import user_site_copy
from wizard.checks.texts import finding, phrase
from wizard.findings import Finding, Severity, Step
from wizard.knowledge.model import PLATFORMS, THIRTY_TWO_BIT_ARM, Release
from wizard.policy.compat import glibc_ok, outdated_python
from wizard.policy.machine import apple_chip_named, evidence_fact
from wizard.snapshot import FactStatus

STEP = Step.PYTHON
GIB = 1024**3
# Free space a fresh install needs in site-packages (download cache + unpacked wheels + deps): a CUDA
# build on Linux is ~2.5 GB of torch wheel plus ~3 GB of nvidia-* / cuda-toolkit wheels; a CPU build < 1 GB.
DISK_NEEDED_CUDA = 6 * GIB
DISK_NEEDED_CPU = 1 * GIB
# pip learned manylinux2014 in 19.3 (PEP 599) and PEP 600 manylinux_x_y tags (torch >= 2.7 is manylinux_2_28)
# in 20.3 (pypa/pip#9077); an older pip silently skips those wheels ("from versions: none").
PIP_FOR_MANYLINUX_2_28 = "20.3"
PIP_FOR_MANYLINUX2014 = "19.3"
NUMPY_ABI_MESSAGE = re.compile(r"_ARRAY_API not found|compiled using NumPy 1\.x|multiarray failed to import")
ENV_WORDS = {
    "venv": "a virtual environment (venv)",
    "virtualenv": "a virtual environment (virtualenv)",
    "conda": "a conda environment",
    "system": "the system Python",
    "store": "the Microsoft Store Python",
    "pyenv": "a pyenv Python",
}


def supported_releases(ctx: CheckContext, python_version: str | None = None) -> list[Release]:
    """Verified releases with a wheel for this interpreter's version and platform (newest first)."""
    version = python_version or (ctx.python.version if ctx.python else "")
    return [
        r
        for r in ctx.knowledge.releases
        if r.verified and r.supports_python(version) and (not ctx.platform or r.variants_for(ctx.platform))
    ]


def check_python_facts(ctx: CheckContext) -> list[Finding]:
    """An honest line when the interpreter could not be inspected at all."""
    if ctx.python is not None or ctx.snapshot.source == "text":
        return []
    problem = ctx.snapshot.python.problem
    return [finding("PYTHON_FACTS_MISSING", Severity.WARNING, STEP, details=problem.reason if problem else "")]


def check_python_supported(ctx: CheckContext) -> list[Finding]:
    """PYTHON_UNSUPPORTED: Python 2 / too old / too new / 32-bit / not CPython."""
    python = ctx.python
    if python is None or not (python.version or python.bits == 32):
        return []
    variant = _unsupported_variant(ctx)
    if variant == "unknown":
        return []  # (its bits told alone on a 32-bit ARM system: the platform's own finding says what is wrong)
    releases = [r for r in ctx.knowledge.releases if r.verified]
    last = outdated_python(ctx.machine_facts, ctx.knowledge)
    if variant is None and last:
        variant = "outdated"  # a warning: the old build installs, but a current Python is the way forward
    if variant is None:
        newest_ok = supported_releases(ctx)
        if newest_ok and releases and newest_ok[0].parsed < ctx.knowledge.newest_release().parsed:
            newest = ctx.knowledge.newest_release()
            if newest.variants_for(ctx.platform) or not ctx.platform:
                return [
                    finding(
                        "PYTHON_LIMITS_TORCH",
                        Severity.INFO,
                        STEP,
                        details=f"Python {python.version}; newest torch {newest.version} needs "
                        f"{newest.python_min}-{newest.python_max}",
                        python=major_minor(python.version),
                        best=newest_ok[0].version,
                        newest=newest.version,
                        range=f"{newest.python_min}–{newest.python_max}",  # (a dash reads in every language)
                    )
                ]
        return []
    newest = ctx.knowledge.newest_release() if releases else None
    supported = f"{newest.python_min}–{newest.python_max}" if newest else "a supported version"
    # torch imports, or a torch wheel is installed in this Python: a build existed for it (pasted text shows this)
    works_anyway = ctx.torch is not None or any(d.name == "torch" for d in python.distributions)
    works_anyway = works_anyway or _served_in_pasted_texts_era(ctx, variant)
    # "outdated" warns that only old builds install; a pasted failure that itself blames this Python (no wheel
    # found for it, weighed in wizard/textdiag/weigh.py) shows that no build installed at the text's time
    blamed_by_text = ctx.snapshot.source == "text" and "PYTHON_UNSUPPORTED" in ctx.evidence_causes
    return [
        finding(
            f"PYTHON_UNSUPPORTED.{variant}",
            Severity.WARNING if works_anyway or (variant == "outdated" and not blamed_by_text) else Severity.ERROR,
            STEP,
            details=f"{python.implementation} {python.version}, {python.bits}-bit at {python.executable}",
            actions=recommendation_actions(ctx) or url_action(ctx, "python_downloads", "Get a supported Python"),
            version=python.version,
            supported=supported,
            implementation=python.implementation,
            python=major_minor(python.version),
            last=last,
        )
    ]


def _served_in_pasted_texts_era(ctx: CheckContext, variant: str) -> bool:
    """Pasted text: the Python was served by the torch of the text's own era, or the era is unknown and some
    torch release served it (wizard/textdiag/era.py judged it). Old posts name old Pythons; today's range
    is not the cause then. 32-bit and non-CPython interpreters never had wheels; and when a message in the
    text itself blames this Python (weighed in wizard/textdiag/weigh.py), the finding stays an error."""
    if ctx.snapshot.source != "text" or variant in ("bits32", "implementation"):
        return False
    if "PYTHON_UNSUPPORTED" in ctx.evidence_causes:
        return False
    judged = [dict(e.facts).get("python_served_then") for e in ctx.snapshot.evidence]
    return any(value in ("true", "unknown") for value in judged)


def _unsupported_variant(ctx: CheckContext) -> str | None:
    python = ctx.python
    assert python is not None
    if not python.version:  # (pasted text told the bits only: a 32-bit Python never had wheels; else nothing judged)
        return "bits32" if python.bits == 32 and ctx.machine not in THIRTY_TWO_BIT_ARM else "unknown"
    if python.version.startswith("2."):
        return "python2"
    if not python.supported_by_probe or version_tuple(python.version)[:2] < (3, 6):
        return "too_old"
    if python.implementation and python.implementation != "cpython":
        return "implementation"
    if python.bits == 32 and ctx.machine not in THIRTY_TWO_BIT_ARM:
        return "bits32"  # (on a 32-bit system, armv7l, no 64-bit Python exists: the platform is the answer)
    releases = [r for r in ctx.knowledge.releases if r.verified]
    if releases and not any(r.supports_python(python.version) for r in releases):
        newest = ctx.knowledge.newest_release()
        return "too_new" if version_tuple(python.version)[:2] > version_tuple(newest.python_max)[:2] else "too_old"
    return None


def check_platform(ctx: CheckContext) -> list[Finding]:
    """PLATFORM_UNSUPPORTED: no torch wheel (or no CUDA wheel) for this OS / CPU / C library."""
    python = ctx.python
    if python is None or not ctx.platform or not python.supported_by_probe or _unsupported_variant(ctx):
        return []
    details = f"platform {ctx.platform}, {python.libc or ctx.host.libc if ctx.host else python.libc}"
    if ctx.platform not in PLATFORMS or not supported_releases(ctx):
        return [_platform("PLATFORM_UNSUPPORTED", Severity.ERROR, ctx, details)]
    releases = supported_releases(ctx)
    glibc = _glibc(ctx)
    if ctx.os == "linux" and glibc:
        fitting = [r for r in releases if glibc_ok(ctx.machine_facts, r)]
        if not fitting:
            return [_platform("PLATFORM_UNSUPPORTED.glibc", Severity.ERROR, ctx, details, glibc=glibc, best="none")]
        if fitting[0] is not releases[0]:
            needs = releases[0].min_glibc
            return [
                _platform(
                    "PLATFORM_UNSUPPORTED.glibc_old",
                    Severity.WARNING,
                    ctx,
                    details,
                    glibc=glibc,
                    best=fitting[0].version,
                    needs=needs,
                    newest=releases[0].version,
                )
            ]
    newest = ctx.knowledge.newest_release()
    if ctx.platform == "darwin-x86_64" and releases[0].parsed < newest.parsed:
        # a ceiling is a warning while nothing failed; with an install failure that shows it, it is the cause
        failed_on_it = "PLATFORM_UNSUPPORTED" in ctx.evidence_causes
        # (an Apple chip the text names beside an x86_64 Python: an Intel build running under Rosetta, whose packages
        # are the Intel Mac's; a native arm64 Python gets every release, and MPS, which the Intel build never has)
        rosetta = apple_chip_named(ctx.snapshot)
        mps_missed = rosetta and evidence_fact(ctx.snapshot, "mps_available") == "false"
        severity = Severity.ERROR if failed_on_it or mps_missed else Severity.WARNING
        key = "PLATFORM_UNSUPPORTED.rosetta" if rosetta else "PLATFORM_UNSUPPORTED.intel_mac"
        made = _platform(key, severity, ctx, details, best=releases[0].version)
        return [dataclasses.replace(made, actions=()) if rosetta else made]  # (no install into that Python helps)
    if wants_gpu(ctx) and ctx.gpus:  # without an NVIDIA GPU, NO_NVIDIA_GPU already says it
        cuda_releases = [r for r in releases if any(v.kind == "cuda" for v in r.variants_for(ctx.platform))]
        if not cuda_releases:
            severity = Severity.ERROR if ctx.goal.want == "cuda" else Severity.WARNING
            return [_platform("PLATFORM_UNSUPPORTED.no_cuda", severity, ctx, details)]
    return []


def _platform(key: str, severity: Severity, ctx: CheckContext, details: str, **fields: str) -> Finding:
    words = {"linux": "Linux", "windows": "Windows", "darwin": "macOS"}.get(ctx.os, ctx.os)
    return finding(
        key,
        severity,
        STEP,
        details=details,
        actions=recommendation_actions(ctx),
        platform=f"{words} on {ctx.machine}",
        python=major_minor(ctx.python.version) if ctx.python else "?",
        **fields,
    )


def _glibc(ctx: CheckContext) -> str:
    # the policy's one reading (libc, else the interpreter's manylinux tags), so the check and the recommendation agree
    return ctx.machine_facts.glibc


def check_externally_managed(ctx: CheckContext) -> list[Finding]:
    """EXTERNALLY_MANAGED: pip may not install into this system Python (PEP 668); a venv is the fix."""
    python = ctx.python
    if python is None or not python.externally_managed:
        return []
    actions = recommendation_actions(ctx) + url_action(ctx, "pep668", "What 'externally managed' means")
    if ctx.torch_installed:
        return [
            finding("EXTERNALLY_MANAGED.installed", Severity.INFO, STEP, details=python.executable, actions=actions)
        ]
    return [
        finding(
            "EXTERNALLY_MANAGED",
            Severity.ERROR,
            STEP,
            details=f"{python.executable}: EXTERNALLY-MANAGED marker present (PEP 668)",
            actions=actions,
            python=python.executable,
        )
    ]


def check_env_mismatch(ctx: CheckContext) -> list[Finding]:
    """ENV_MISMATCH: another torch than pip's is imported, duplicate copies, conda and pip mixed."""
    python = ctx.python
    if python is None:
        return []
    findings = []
    dist = ctx.dists.get("torch")
    if ctx.torch is not None and ctx.torch.file and dist is not None and dist.location:
        location = dist.location.rstrip("/\\")
        if not ctx.torch.file.startswith(location):
            findings.append(
                finding(
                    "ENV_MISMATCH.other_copy",
                    Severity.ERROR,
                    STEP,
                    details=f"imported: {ctx.torch.file} ({ctx.torch.version}); pip's torch {dist.version} in {location}",
                    imported=ctx.torch.file,
                    installed=location,
                )
            )
    important = ("torch", "torchvision", "torchaudio", "numpy")
    duplicates = [d for d in python.duplicates if d.name in important]
    user_copy = user_site_copy(ctx)
    if user_copy:
        torch_copies = next(d for d in duplicates if d.name == "torch")
        versions = (*torch_copies.versions, "?", "?")
        findings.append(
            finding(
                "ENV_MISMATCH.user_site",
                Severity.ERROR,
                STEP,
                details="; ".join(f"torch {v or '?'} in {loc}" for loc, v in zip(torch_copies.locations, versions)),
                folder=user_copy,
                user_version=versions[0] or "?",
                env_version=versions[1] or "?",
            )
        )
    elif duplicates:
        findings.append(
            finding(
                "ENV_MISMATCH.duplicates",
                Severity.WARNING,
                STEP,
                details="\n".join(
                    f"{d.name}: "
                    + "; ".join(f"{v or '?'} in {loc}" for loc, v in zip(d.locations, d.versions or ("",) * 9))
                    for d in duplicates
                ),
                packages=[d.name for d in duplicates],
                winner=duplicates[0].locations[0] if duplicates[0].locations else "?",
            )
        )
    installers = {ctx.dists[n].installer for n in ("torch", "torchvision", "torchaudio") if n in ctx.dists}
    if python.env_kind == "conda" and "conda" in installers and installers & {"pip", "uv"}:
        findings.append(
            finding(
                "ENV_MISMATCH.conda_mixed",
                Severity.WARNING,
                STEP,
                details=", ".join(
                    f"{n} via {ctx.dists[n].installer}"
                    for n in ("torch", "torchvision", "torchaudio")
                    if n in ctx.dists
                ),
                env=python.conda_env or python.prefix,
            )
        )
    return findings


def check_numpy_abi(ctx: CheckContext) -> list[Finding]:
    """NUMPY_ABI: NumPy 2 with a torch built against NumPy 1."""
    if ctx.python is None or not ctx.torch_version:
        return []
    numpy = (ctx.torch.numpy_version.get("") if ctx.torch else "") or (
        ctx.dists["numpy"].version if "numpy" in ctx.dists else ""
    )
    warning = ctx.torch.numpy_warning if ctx.torch else ""
    if not NUMPY_ABI_MESSAGE.search(warning):
        warning = ""  # e.g. "No module named 'numpy'": torch works without NumPy
    numpy1_only = ctx.release is not None and ctx.os in ctx.release.numpy1_only
    if not warning and not (numpy1_only and (major(numpy) or 0) >= 2):
        return []
    actions = pip_actions(ctx, 'Install NumPy 1 ("numpy<2")', "numpy<2")
    if ctx.recommendation.kind == "install":
        actions += recommendation_actions(ctx, "Or upgrade PyTorch")
    return [
        finding(
            "NUMPY_ABI",
            Severity.ERROR,
            STEP,
            details=f"numpy {numpy or 'unknown'}; torch {ctx.torch_version}"
            + (f"; warning: {warning}" if warning else "")
            + (f"; torch {ctx.release.version} on {ctx.os} needs numpy<2" if numpy1_only and ctx.release else ""),
            actions=actions,
            numpy=numpy or "2.x",
            torch=ctx.torch_version,
        )
    ]


def check_vcredist(ctx: CheckContext) -> list[Finding]:
    """VCREDIST_MISSING (Windows): the VC++ runtime torch's DLLs need is absent or too old."""
    python = ctx.python
    if python is None or ctx.os != "windows" or ctx.torch is not None:
        return []
    if import_failure_code(ctx) == "VCREDIST_MISSING":
        return []  # the import-failure finding already says it, with the traceback
    needed = _min_vc_runtime(ctx)
    fact = python.vc_runtime
    if fact.ok and fact.value and needed and version_tuple(fact.value) >= version_tuple(needed):
        return []
    if fact.ok and fact.value and not needed:
        return []
    if not fact.ok and fact.problem and fact.problem.status is not FactStatus.NOT_FOUND:
        return []
    severity = Severity.ERROR if ctx.torch_installed else Severity.WARNING
    key = "VCREDIST_MISSING.old" if fact.ok and fact.value else "VCREDIST_MISSING"
    return [
        finding(
            key,
            severity,
            STEP,
            details=f"VC++ runtime: {fact.value if fact.ok else fact.problem.reason if fact.problem else '?'}; "
            f"needed: {needed or 'any'}",
            actions=vc_runtime_actions(ctx),
            found=fact.value or "none",
            needed=needed or "the latest",
        )
    ]


def _min_vc_runtime(ctx: CheckContext) -> str:
    if ctx.release is not None and ctx.release.min_vc_runtime:
        return ctx.release.min_vc_runtime
    if ctx.recommendation.torch:
        release = ctx.knowledge.release(ctx.recommendation.torch)
        if release is not None:
            return release.min_vc_runtime
    return ""


def check_disk(ctx: CheckContext) -> list[Finding]:
    """DISK_OR_NETWORK: not enough free space for the recommended install."""
    python = ctx.python
    rec = ctx.recommendation
    if python is None or rec.kind not in ("install", "new_venv") or not python.free_disk_bytes.ok:
        return []
    free = python.free_disk_bytes.value or 0
    needed = DISK_NEEDED_CUDA if rec.variant.startswith("cu") else DISK_NEEDED_CPU
    if free >= needed:
        return []
    return [
        finding(
            "DISK_OR_NETWORK.disk",
            Severity.ERROR,
            STEP,
            details=f"free: {free} bytes where packages go ({python.site_packages[0] if python.site_packages else '?'}); "
            f"needed about {needed} bytes for {rec.variant or 'the'} build",
            free=f"{free / GIB:.1f} GB",
            needed=f"{needed / GIB:.0f} GB",
        )
    ]


def check_pip(ctx: CheckContext) -> list[Finding]:
    """PIP_TOO_OLD: pip missing, or too old to see the wheel tags torch uses."""
    python = ctx.python
    if python is None or not python.supported_by_probe or python.externally_managed or ctx.os != "linux":
        return []
    fact = python.pip_version
    if not fact.ok:
        if fact.problem and fact.problem.status is FactStatus.NOT_FOUND and not ctx.torch_installed:
            from wizard.checks.environments import in_uv_environment

            if in_uv_environment(ctx):
                return []  # uv venvs have no pip by design: UV_ENVIRONMENT gives uv's command (or ensurepip first)
            argv = (python.executable, "-m", "ensurepip", "--upgrade")
            from wizard.checks.common import command_text
            from wizard.findings import Action

            return [
                finding(
                    "PIP_TOO_OLD.missing",
                    Severity.WARNING,
                    STEP,
                    details=fact.problem.reason,
                    actions=[
                        Action.run("Install pip", argv),
                        Action.copy("Copy the command", command_text(argv, ctx.os)),
                    ],
                )
            ]
        return []
    release = ctx.knowledge.release(ctx.recommendation.torch) if ctx.recommendation.torch else None
    release = release or (supported_releases(ctx) or [None])[0]
    if release is None:
        return []
    needed = PIP_FOR_MANYLINUX_2_28 if version_tuple(release.min_glibc or "0") >= (2, 28) else PIP_FOR_MANYLINUX2014
    if version_tuple(fact.value or "0") >= version_tuple(needed):
        return []
    from wizard.checks.common import command_text

    upgrade = ctx.pip_command("--upgrade", "pip")
    return [
        finding(
            "PIP_TOO_OLD",
            Severity.WARNING,
            STEP,
            details=f"pip {fact.value}; torch {release.version} wheels need pip >= {needed}",
            actions=pip_actions(ctx, "Upgrade pip", "--upgrade", "pip"),
            command=command_text(upgrade, ctx.os),
            pip=fact.value,
            needed=needed,
            torch=release.version,
        )
    ]


def check_long_paths(ctx: CheckContext) -> list[Finding]:
    """LONG_PATHS_DISABLED (Windows): deep paths inside the wheels make pip fail."""
    if ctx.python is None or ctx.os != "windows":
        return []
    fact = ctx.python.long_paths_enabled
    if not fact.ok or fact.value is not False:
        return []
    return [
        finding(
            "LONG_PATHS_DISABLED",
            Severity.WARNING,
            STEP,
            details="HKLM\\SYSTEM\\CurrentControlSet\\Control\\FileSystem\\LongPathsEnabled = 0",
            actions=url_action(ctx, "long_paths", "How to enable long paths"),
        )
    ]


def check_python_ok(ctx: CheckContext) -> list[Finding]:
    python = ctx.python
    if python is None or not python.version or _unsupported_variant(ctx):
        return []
    where = phrase(f"phrase.env.{python.env_kind}" if python.env_kind in ENV_WORDS else "phrase.env.unknown")
    if python.env_kind == "conda" and python.conda_env:
        where = phrase("phrase.env.conda_named", name=python.conda_env)
    return [
        finding(
            "PYTHON_OK",
            Severity.OK,
            STEP,
            details=f"{python.executable} ({python.bits}-bit {python.implementation}, prefix {python.prefix})",
            version=python.version,
            where=where,
        )
    ]


CHECKS = (
    check_python_facts,
    check_python_supported,
    check_platform,
    check_externally_managed,
    check_env_mismatch,
    check_numpy_abi,
    check_vcredist,
    check_disk,
    check_pip,
    check_long_paths,
    check_python_ok,
)


def check_python(ctx: CheckContext) -> list[Finding]:
    return [f for check in CHECKS for f in check(ctx)]
