"""A course profile narrows the releases, Python versions and builds, and adds the course's packages."""

from __future__ import annotations

import dataclasses

from packaging.specifiers import SpecifierSet
from packaging.version import Version

from wizard.findings import Goal, Recommendation
from wizard.i18n import join_sentences
from wizard.knowledge.model import Knowledge, Release
from wizard.policy.compat import builds_for
from wizard.policy.machine import Machine, machine_of
from wizard.policy.words import say
from wizard.profile import CourseProfile
from wizard.recommend.choose import _choose
from wizard.recommend.command import _command
from wizard.recommend.common import PYTHON_DOWNLOADS, Choice, _parse
from wizard.recommend.explain import _no_build_why, _unsupported_python
from wizard.recommend.keep import _working_install
from wizard.snapshot import PythonFacts, Snapshot


def course_of(goal: Goal) -> CourseProfile | None:
    return goal.profile if isinstance(goal.profile, CourseProfile) else None


def course_allows(release: Release, course: CourseProfile) -> bool:
    """Whether a release is in the course's torch range and has the torchvision/torchaudio the course names."""
    if not version_in(release.version, course.torch_spec):
        return False
    for name in ("torchvision", "torchaudio"):
        spec = course.package_spec(name)
        if spec is None:
            continue
        version = getattr(release, name)
        if not version or not version_in(version, SpecifierSet(spec)):
            return False
    return True


def version_in(version: str, spec: SpecifierSet) -> bool:
    """Whether a version ("2.13.0+cpu", "3.11.9") is in a range; the local label does not count, "" = any."""
    if not str(spec):
        return True
    parsed = _parse(version)
    return parsed is not None and spec.contains(parsed.public, prereleases=True)


def course_pythons(course: CourseProfile, releases: list[Release] | tuple[Release, ...]) -> list[str]:
    """The Python versions ("3.11", "3.12") the course allows and at least one of ``releases`` supports."""
    minors = {f"3.{m}" for m in range(0, 30) for r in releases if r.supports_python(f"3.{m}")}
    fitting = [m for m in minors if any(version_in(f"{m}.{patch}", course.python_spec) for patch in (0, 99))]
    return sorted(fitting, key=Version)


def no_cuda_advice(course: CourseProfile) -> str:
    """What a student does when the course needs a CUDA GPU and this machine cannot give one."""
    if course.contact:
        return say("why.course.no_cuda_contact", course=course.name, contact=course.contact)
    return say("why.course.no_cuda", course=course.name)


def _recommend_for_course(snapshot: Snapshot, knowledge: Knowledge, goal: Goal, course: CourseProfile,
                          venv_dir: str | None) -> Recommendation:
    goal = dataclasses.replace(goal, want=course.want if goal.want == "auto" else goal.want)
    target = gpus = machine_of(snapshot, knowledge)
    allowed = dataclasses.replace(knowledge, releases=tuple(r for r in knowledge.releases if course_allows(r, course)))
    if not any(r.verified for r in allowed.releases):
        return Recommendation(kind="none", why=_no_course_release_why(course))
    working = _course_working_install(snapshot, target, gpus, goal, course)
    if working:
        cpu_only = course.cuda == "required" and goal.want == "cuda" and gpus.nvidia is False
        kept = _keep_torch_add_packages(snapshot, allowed, target, course, no_cuda_advice(course) if cpu_only else "")
        if kept is None:
            return Recommendation(kind="none", why=working, keeps=_working_in_range(snapshot, course))
        return _command(kept, target, goal, venv_dir, course)
    wrong_python = _course_python_why(target, allowed, course)
    if wrong_python:
        return Recommendation(kind="python", why=wrong_python, url=PYTHON_DOWNLOADS)
    unsupported = _unsupported_python(target, allowed)
    if unsupported:
        return Recommendation(kind="python", why=say("why.course.prefixed", course=course.name, why=unsupported),
                              url=PYTHON_DOWNLOADS)
    releases = builds_for(target, allowed)
    if not releases:
        return Recommendation(kind="none", why=_no_build_why(target))
    choice = _choose(releases, target, gpus, goal, allowed)
    if course.cuda == "required" and goal.want == "cuda" and choice.variant.kind != "cuda":
        note = join_sentences([choice.note, no_cuda_advice(course)])
        installed = _working_in_range(snapshot, course)
        if installed:
            return Recommendation(kind="none", why=join_sentences([say("why.course.works_on_cpu", torch=installed), note]),
                                  keeps=installed)
        choice = dataclasses.replace(choice, note=join_sentences([note, say("why.course.cpu_until_then")]))
    return _command(choice, target, goal, venv_dir, course)


def _working_in_range(snapshot: Snapshot, course: CourseProfile) -> str:
    """The installed torch's version when it imports and is in the course's range, else ""."""
    torch = snapshot.torch.get()
    if torch and torch.version and version_in(torch.version, course.torch_spec):
        return torch.version
    return ""


def _keep_torch_add_packages(snapshot: Snapshot, allowed: Knowledge, target: Machine, course: CourseProfile,
                             advice: str) -> Choice | None:
    """The installed (working, in-range) torch kept as it is, when only the course's packages are missing."""
    torch = snapshot.torch.get()
    release = allowed.release(torch.version) if torch else None
    if release is None or release not in allowed.releases:
        return None
    unmet = _unmet_packages(snapshot.python.get(), release, course)
    local = torch.version.partition("+")[2]
    variant = release.variant(local or "cpu")
    if not unmet or variant is None or target.platform not in variant.platforms:
        return None
    note = join_sentences([say("why.course.keeps_adds", course=course.name, packages=", ".join(unmet)), advice])
    return Choice(dataclasses.replace(release, version=Version(torch.version).public), variant, note)


def _unmet_packages(python: PythonFacts | None, release: Release, course: CourseProfile) -> list[str]:
    """The course's packages that are missing, outside their range, or not the torchvision/torchaudio of ``release``."""
    if python is None:
        return []
    unmet = []
    for name, spec in course.packages:
        if name == "torch":
            continue
        dist = python.distribution(name)
        paired = getattr(release, name, "") if name in ("torchvision", "torchaudio") and not spec else ""
        if (dist is None or (spec and not version_in(dist.version, SpecifierSet(spec)))
                or (paired and _parse(dist.version) is not None and _parse(dist.version).public != paired)):
            unmet.append(name)
    return unmet


def _course_working_install(snapshot: Snapshot, target: Machine, gpus: Machine, goal: Goal, course: CourseProfile) -> str:
    installed = _working_in_range(snapshot, course)
    if not installed or (target.version and not version_in(target.version, course.python_spec)):
        return ""
    if course.cuda == "required" and gpus.nvidia is False and goal.want == "cuda":
        return join_sentences([say("why.course.cpu_only", torch=installed), no_cuda_advice(course)])
    if course.cuda == "not_needed" and goal.want == "cpu":
        return say("why.course.no_gpu_needed", torch=installed, course=course.name)
    return _working_install(snapshot, gpus, goal)


def _course_python_why(target: Machine, allowed: Knowledge, course: CourseProfile) -> str:
    """Why this interpreter cannot be used for the course, naming a Python that can; "" when it can."""
    if not target.version or _parse(target.version) is None:
        return ""
    on_platform = [r for r in allowed.releases
                   if r.verified and (target.platform_assumed or r.variants_for(target.platform))]
    fits_course = version_in(target.version, course.python_spec)
    fits_torch = any(r.supports_python(target.version) for r in on_platform)
    if fits_course and (fits_torch or not (course.python or course.torch)):
        return ""  # fine, or a problem the general rule explains better (no build for this platform at all)
    pythons = course_pythons(course, on_platform)
    contact = say("why.course.ask", contact=course.contact) if course.contact else ""
    if not pythons:
        broken = (say("why.course.profile_broken", course=course.name, python=course.python, torch=course.torch)
                  if course.torch else say("why.course.profile_broken_any_torch", course=course.name, python=course.python))
        return join_sentences([broken, contact])
    if len(pythons) <= 3:
        needs = say(f"why.course.pythons_{len(pythons)}", **dict(zip(("first", "second", "third"), pythons)))
    else:
        needs = say("why.course.pythons_range", first=pythons[0], last=pythons[-1])
    return say("why.course.needs_python", course=course.name, pythons=needs, python=target.version, newest=pythons[-1])


def _no_course_release_why(course: CourseProfile) -> str:
    packages = "".join(f", {name} {spec or say('why.course.matching')}" for name, spec in course.packages
                       if name in ("torchvision", "torchaudio"))
    contact = say("why.course.ask", contact=course.contact) if course.contact else ""
    no_release = (say("why.course.no_release", course=course.name, torch=course.torch, packages=packages)
                  if course.torch else say("why.course.no_release_any", course=course.name, packages=packages))
    return join_sentences([no_release, contact])
