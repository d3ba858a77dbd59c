"""Build the command: the exact pip (and venv) argv for a chosen release and variant."""

from __future__ import annotations

from wizard.findings import Goal, Recommendation
from wizard.i18n import join_sentences
from wizard.knowledge.model import Release, Variant
from wizard.policy.machine import Machine
from wizard.policy.words import say
from wizard.profile import CourseProfile
from wizard.recommend.common import PYPI_SIMPLE, TORCH_FAMILY, VENV_NAME, Choice
from wizard.recommend.explain import _why, numpy1_needed


def _command(choice: Choice, target: Machine, goal: Goal, venv_dir: str | None,
             course: CourseProfile | None = None) -> Recommendation:
    release, variant = choice.release, choice.variant
    index_url = f"{goal.torch_index.rstrip('/')}/{variant.name}"
    packages = _pins(release, variant, target, course)
    sources = ("--index-url", index_url, *_extra_index(packages))
    why = _why(choice, target, numpy_told=_course_names(course, "numpy"))
    if target.externally_managed:
        folder = venv_dir or _venv_folder(target)
        venv_python = _venv_python(folder, target.os)
        install = (venv_python, "-m", "pip", "install", *packages, *sources)
        why = join_sentences([say("why.pep668", folder=folder, python=venv_python), why])
        return Recommendation(
            kind="new_venv", why=why, torch=release.version, torchvision=_pinned(packages, "torchvision"),
            torchaudio=_pinned(packages, "torchaudio"), variant=variant.name, index_url=index_url, argv=install, needs_driver=choice.needs_driver,
            steps=((target.python, "-m", "venv", folder), install),
        )
    if target.installer == "uv_project":  # (the project's pyproject.toml decides: said in words, as uv's guide does)
        return Recommendation(kind="none", why=join_sentences([why, say("why.uv_project", index_url=index_url)]),
                              torch=release.version, variant=variant.name, index_url=index_url)
    argv = target.pip_install(*packages, *sources)
    return Recommendation(
        kind="install", why=why, torch=release.version, torchvision=_pinned(packages, "torchvision"),
        torchaudio=_pinned(packages, "torchaudio"), variant=variant.name, index_url=index_url, argv=argv,
        needs_driver=choice.needs_driver,
    )


def _pins(release: Release, variant: Variant, target: Machine, course: CourseProfile | None = None) -> tuple[str, ...]:
    # Pin the local label ("==2.13.0+cu130"): under PEP 440 a specifier without a local label ignores the
    # candidates' labels, so "torch==2.13.0" counts an installed 2.13.0+cpu as satisfying it and pip changes
    # nothing (https://peps.python.org/pep-0440/#version-matching). macOS wheels carry no label.
    label = variant.local_label(target.platform)
    suffix = f"+{label}" if label else ""
    # torchvision/torchaudio wheels for Linux ARM64 carry no label, not even on the CUDA indexes (pytorch/vision#9330).
    companion_suffix = "" if target.platform == "linux-aarch64" else suffix
    pins = [f"torch=={release.version}{suffix}"]
    for name in ("torchvision", "torchaudio"):
        version = getattr(release, name)
        if (name in target.installed or _course_names(course, name)) and version:
            pins.append(f"{name}=={version}{companion_suffix}")
    # (a course that names NumPy decides its range: the course check reports a clash with this release)
    numpy1 = ("numpy<2",) if numpy1_needed(release, target) and not _course_names(course, "numpy") else ()
    return (*pins, *_course_extras(course), *numpy1)


def _course_names(course: CourseProfile | None, name: str) -> bool:
    return course is not None and course.package_spec(name) is not None


def _pinned(packages: tuple[str, ...], name: str) -> str:
    for pin in packages:
        if pin.startswith(f"{name}=="):
            return pin.split("==", 1)[1].split("+", 1)[0]
    return ""


def _venv_folder(target: Machine) -> str:
    if target.os == "windows":
        return f"{target.home}\\{VENV_NAME}" if target.home else VENV_NAME
    return f"{target.home}/{VENV_NAME}" if target.home else VENV_NAME


def _venv_python(folder: str, os_name: str) -> str:
    return f"{folder}\\Scripts\\python.exe" if os_name == "windows" else f"{folder}/bin/python"


def _course_extras(course: CourseProfile | None) -> tuple[str, ...]:
    """The course's other packages as pip requirements ("numpy>=1.26"); torch's family is pinned separately."""
    if course is None:
        return ()
    return tuple(f"{name}{spec}" for name, spec in course.packages if name not in TORCH_FAMILY)


def _extra_index(packages: tuple[str, ...]) -> tuple[str, ...]:
    # PyTorch's index carries torch and its own dependencies, not every package a course lists (nor a NumPy range),
    # so PyPI joins as an extra index; the local-label pins keep torch itself from coming from PyPI.
    others = [pin for pin in packages if pin.split("==", 1)[0] not in TORCH_FAMILY]
    return ("--extra-index-url", PYPI_SIMPLE) if others else ()
