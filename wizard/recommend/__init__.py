"""Which torch build fits this machine, as an exact pip command (Snapshot × Knowledge × Goal → Recommendation).

Pure: reads the snapshot and the knowledge base, touches nothing. The rule, in order:

1. a working installed torch (CUDA works where an NVIDIA GPU is wanted; not a CPU build beside an AMD GPU
   a ROCm build covers) → ``none``, with ``keeps`` naming it;
2. an interpreter no release supports (Python 2, 32-bit, not CPython, too old/new, no build for the
   platform) → ``python``; a Python whose last torch is more than two years old → ``python`` too, the old
   build named as the alternative;
3. macOS: the macOS wheel (MPS on Apple silicon; 2.2.2 on Intel Macs); a Jetson: the CPU build and NVIDIA's
   Jetson builds; no NVIDIA GPU but an AMD GPU on Linux x86_64: the newest ROCm build whose gfx targets
   cover it;
4. NVIDIA: the newest *verified* release for this interpreter whose CUDA variant this driver runs
   (driver ≥ the minor-version floor of the variant's CUDA major) and whose arch list covers every
   NVIDIA GPU; the PyPI-default CUDA variant is preferred, else the newest CUDA that fits; older
   releases are considered only when the newest has no fitting variant, and ``why`` says so; "update the
   driver first" (``needs_driver``) only when NVIDIA ships a new enough driver for the GPU;
5. the CPU build otherwise (no GPU, a GPU too old for every build, CPU wanted); XPU builds are named;
6. a PEP 668 externally managed Python gets the command inside a new venv (``new_venv``).

The package splits the job: keep.py (nothing to change), choose.py (which build), command.py (the argv),
explain.py (why), course.py (a course profile); wizard.policy holds the machine and the predicates, and
wizard.policy.validate vets the result before it is shown.
"""

from __future__ import annotations

from wizard.evidence import (
    NO_CUDA_BUILD_HERE,
    NOT_A_TORCH_INSTALL_WORDINGS,
    WORDING_FACT,
    established_causes,
    is_possible_cause,
    working_only_told,
    working_shown,
)
from wizard.findings import Goal, Recommendation
from wizard.knowledge.model import Knowledge
from wizard.policy.compat import builds_for, outdated_python
from wizard.policy.machine import Machine, apple_chip_named, evidence_fact, machine_of
from wizard.policy.validate import vetted
from wizard.policy.words import say
from wizard.recommend.choose import _choose
from wizard.recommend.command import _command
from wizard.recommend.common import PYPI_SIMPLE, PYTHON_DOWNLOADS, TORCH_FAMILY, VENV_NAME, Choice
from wizard.recommend.course import (
    _recommend_for_course,
    course_allows,
    course_of,
    course_pythons,
    no_cuda_advice,
    version_in,
)
from wizard.recommend.explain import _no_build_why, _unsupported_python
from wizard.recommend.keep import (
    _installed_build_fits,
    _nothing_to_change,
    _prefer_installed_version,
    _repair_companions,
    _working_install,
)
from wizard.shell_text import command_text
from wizard.snapshot import Snapshot
from wizard.verdict import error_reported, program_error_recorded

__all__ = ["PYPI_SIMPLE", "PYTHON_DOWNLOADS", "TORCH_FAMILY", "VENV_NAME", "Choice", "course_allows", "course_of",
           "course_pythons", "evidence_fact", "no_cuda_advice", "recommend", "unvetted", "version_in"]


def recommend(snapshot: Snapshot, knowledge: Knowledge, goal: Goal, venv_dir: str | None = None) -> Recommendation:
    """The torch build that fits the snapshot's target interpreter and GPUs, as an exact command, vetted by
    wizard.policy.validate (an impossible command becomes "nothing can work here, do this instead").

    With a course profile (``goal.profile``) only the releases, Python versions and builds the course
    allows are considered, and the course's extra packages join the pip command."""
    machine = machine_of(snapshot, knowledge)
    return vetted(unvetted(snapshot, knowledge, goal, venv_dir), machine, knowledge)


def unvetted(snapshot: Snapshot, knowledge: Knowledge, goal: Goal, venv_dir: str | None = None) -> Recommendation:
    """The recommendation as the rules choose it, before the validator sees it (the property test's subject)."""
    if _not_a_python(snapshot):
        return Recommendation(kind="none", why=say("why.python_unusable"))  # no pip command for a program that isn't Python
    course = course_of(goal)
    if course is not None:
        return _recommend_for_course(snapshot, knowledge, goal, course, venv_dir)
    machine = machine_of(snapshot, knowledge)
    if machine.platform == "darwin-x86_64" and apple_chip_named(snapshot):
        return Recommendation(kind="none", why=say("why.rosetta"))  # (an Intel Python under Rosetta: another Python)
    working = _working_install(snapshot, machine, goal, knowledge)
    if working:
        repair = _repair_companions(snapshot, knowledge, machine)
        if repair is not None:
            return _command(repair, machine, goal, venv_dir)
        fine = bool(_nothing_to_change(snapshot, machine, goal, knowledge))  # else its why already says keep + fix
        return Recommendation(kind="none", why=working, keeps=snapshot.torch.get().version if fine else "")
    if _text_cause_not_fixed_by_an_install(snapshot):
        return Recommendation(kind="none", why=say("why.fix_is_not_an_install"))
    if _gpu_shown_working_in_text(snapshot):
        return Recommendation(kind="none", why=say("why.text_shows_gpu_working"))
    kept = _installed_build_fits(snapshot, machine, goal, knowledge)
    if kept:
        return Recommendation(kind="none", why=kept, keeps=machine.torch_version)
    unsupported = _unsupported_python(machine, knowledge)
    if unsupported:
        return Recommendation(kind="python", why=unsupported, url=PYTHON_DOWNLOADS)
    if snapshot.source == "text" and not machine.host_os and evidence_fact(snapshot, NO_CUDA_BUILD_HERE) == "true":
        # no CUDA build fits that computer and its system is not known: any command would be a guess at the system
        return Recommendation(kind="none", why=say("why.no_cuda_build_unknown_system"))
    if snapshot.source == "text" and evidence_fact(snapshot, "container_toolkit_missing") == "true":
        # nor here: Docker itself has no NVIDIA runtime to give the container the GPU
        return Recommendation(kind="none", why=say("why.container_toolkit_missing"))
    if snapshot.source == "text" and evidence_fact(snapshot, "container_without_gpus") == "true":
        # torch inside the container is not what fails: the container was started without the GPU
        return Recommendation(kind="none", why=say("why.container_without_gpu"))
    if snapshot.source == "text" and _first_cause_wording(snapshot) in NOT_A_TORCH_INSTALL_WORDINGS:
        return Recommendation(kind="none", why=say("why.fix_is_not_a_torch_install"))
    releases = builds_for(machine, knowledge)
    if not releases:
        return Recommendation(kind="none", why=_no_build_why(machine))
    choice = _prefer_installed_version(_choose(releases, machine, machine, goal, knowledge), machine, machine, knowledge)
    command = _command(choice, machine, goal, venv_dir)
    last = outdated_python(machine, knowledge)
    if last:
        return _new_python_first(machine, knowledge, command, last)
    return command


# causes whose fix is a setting or a file, never another PyTorch: CUDA_HOME pointing where no toolkit is, a file of the
# person's own hiding a module, CUDA_VISIBLE_DEVICES hiding the GPU
NOT_FIXED_BY_AN_INSTALL = frozenset({"CUDA_HOME_MISSING", "LOCAL_TORCH_SHADOW", "VISIBLE_DEVICES_MASK"})


def _text_cause_not_fixed_by_an_install(snapshot: Snapshot) -> bool:
    """Pasted text whose first cause (established or likeliest) is fixed without installing PyTorch."""
    causes = established_causes(snapshot.evidence)
    return snapshot.source == "text" and bool(causes) and causes[0] in NOT_FIXED_BY_AN_INSTALL


def _first_cause_wording(snapshot: Snapshot) -> str:
    """The words pasted text chose for its first established cause ("" when none or the usual ones)."""
    first = next((item for item in snapshot.evidence if item.cause and not is_possible_cause(item)), None)
    return dict(first.facts).get(WORDING_FACT, "") if first is not None else ""


def _gpu_shown_working_in_text(snapshot: Snapshot) -> bool:
    """Pasted text in which a tool shows PyTorch using the GPU (is_available() True, a tensor on cuda, the CUDA
    allocator's out-of-memory; also the Apple GPU through MPS, an Intel GPU through XPU) and no cause is established:
    whatever its version, that PyTorch stays."""
    if snapshot.source != "text" or working_shown(snapshot) not in ("cuda", "mps", "xpu") or working_only_told(snapshot):
        return False
    if error_reported(snapshot) and not program_error_recorded(snapshot):
        return False  # (a CUDA error beside is_available() True: the GPU is not shown working)
    return not established_causes(snapshot.evidence)


def _not_a_python(snapshot: Snapshot) -> bool:
    problem = snapshot.python.problem
    return snapshot.source != "text" and problem is not None and problem.code == "python_unusable"


def _new_python_first(machine: Machine, knowledge: Knowledge, old_build: Recommendation, last: str) -> Recommendation:
    """A Python whose last torch is years old: a current Python in a new environment, the old build only as an
    alternative."""
    newest = knowledge.newest_release()
    alternative = " && ".join(command_text(step, machine.host_os or machine.os)
                              for step in (old_build.steps or (old_build.argv,)))
    why = say("python_too_old", python=".".join(machine.version.split(".")[:2]), last=last,
              wanted=f"{newest.python_min}–{newest.python_max}", alternative=alternative)
    return Recommendation(kind="python", why=why, url=PYTHON_DOWNLOADS)
