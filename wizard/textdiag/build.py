"""Pasted text → a partial Snapshot (source "text") whose facts come only from the text.

Facts the text does not mention stay unknown ("not in the pasted text"); nothing is guessed.
Each recognised piece of text becomes a snapshot.Evidence: the error signatures with the
diagnosis code they point to, the collect_env fields with the facts they revealed, and
notes about the paste itself (cut because huge, not text at all, nothing recognised).
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import json
import re

from packaging.version import InvalidVersion, Version

from wizard import __version__
from wizard.evidence import (
    CUDA_BUILD_RAN_FACT,
    GPU_LOAD_SEEN_SIGNATURE,
    LIKELY_FACT,
    NO_CUDA_BUILD_HERE,
    POSSIBLE_FACT,
    WORDING_FACT,
    WORKING_SIGNATURE,
    established_causes,
)
from wizard.findings import Goal
from wizard.knowledge.model import PLATFORMS, THIRTY_TWO_BIT_ARM, capability_covered, platform_key
from wizard.policy.compat import first_release_with_native_kernels, visible_device_count
from wizard.resources_path import resource
from wizard.snapshot import (
    CudaToolkit,
    Distribution,
    Evidence,
    Fact,
    FactStatus,
    GpuFacts,
    HostInfo,
    LibraryCopy,
    NvmlGpu,
    NvmlInfo,
    PciDevice,
    PythonFacts,
    Snapshot,
    ToolkitFacts,
    TorchRuntime,
)
from wizard.textdiag import collect_env as ce
from wizard.textdiag.asked import asked_about
from wizard.textdiag.clean import HEAD_CHARS, TAIL_CHARS, CleanText, clean_text
from wizard.textdiag.era import (
    NOT_SERVED,
    SERVED,
    judge_python,
    knowledge_or_none,
    listed_versions_cause,
    no_local_build_listed,
    pypi_linux_cuda,
)
from wizard.textdiag.evidence import TextFact, best_facts, extract_facts
from wizard.textdiag.signatures import Match, match_all
from wizard.textdiag.vocabulary import capability_from_sm
from wizard.textdiag.weigh import (
    Weighed,
    collect_env_shows_cpu_build,
    cuda_tuple,
    driver_cuda_below,
    nvidia_named,
    rank_causes,
    release_tuple,
    variant_cuda,
    wanted_cuda,
    weigh_match,
)
from wizard.verdict import FAILURE_SIGNATURE, OTHER_FRAMEWORK_LOG, program_error_shown, reports_error, reports_failure

UNKNOWN = "not in the pasted text"
WANTED_SIGNATURE = "textdiag:wanted"  # the evidence recording what the person wanted (a CUDA error proves CUDA)
ERA_SIGNATURE = "textdiag:era"  # the Python judged against the torch of the text's own era (wizard/textdiag/era.py)
NOTE_PREFIX = "textdiag:note:"

_NVML_REASONS = {
    "nvml_driver_not_loaded": "nvidia-smi / NVML could not talk to the NVIDIA driver (seen in the pasted text)",
    "nvml_rm_version_mismatch": "the NVIDIA driver's kernel module and libraries differ (seen in the pasted text): "
    "a reboot usually fixes this",
    "nvml_library_not_found": "the NVIDIA driver's NVML library was not found (seen in the pasted text)",
}


def snapshot_from_text(text: str) -> Snapshot:
    """A partial Snapshot from pasted text: collect_env output, error messages, nvidia-smi, or a mix.

    Never raises for any input; binary junk or unrecognised text gives a snapshot with no
    facts and a note (see :func:`textdiag_notes`).
    """
    clean = clean_text(text if isinstance(text, str) else str(text))
    notes = _paste_notes(clean)
    if clean.binary:
        return _snapshot({}, [], [], [_note("binary", "This does not look like text (is it a binary file?).")])
    lines = clean.lines
    env = ce.parse_collect_env(lines)
    matches = [found for found in match_all(clean) if not _other_frameworks_log_line(clean.text, found)]
    facts: dict[str, str] = {}
    env_evidence = _collect_env_facts(env, facts) if env else []
    for found in matches:
        for key, value in found.facts:
            facts.setdefault(key, value)
        if found.signature.family == "network" or re.search(r"host_unknown|dns_", found.signature.id):
            facts.setdefault("network_failure", found.signature.id)
    if any(found.signature.id == "pip_wheel_tags_skipped" for found in matches):
        facts["wheel_python_tags"] = " ".join(sorted(set(_SKIPPED_WHEEL_PYTHON.findall(clean.text))))
    gpus = _gpu_names(env, lines, clean, facts)
    prose = _about_this_setup(extract_facts(clean))
    prose_evidence = _prose_facts(prose, facts)
    if _windows_by_driver_number(facts, clean):
        facts["os"] = "windows"
    _installed_cpu_wheel(facts)
    _imported_torch_named(facts)
    if facts.get("cuda_lost") == "true":
        facts["cuda_available"] = "false"  # (CUDA worked once: what shows it working is from before, the text says)
        facts.pop("cuda_works", None)
    if facts.get("os") in ("darwin", "windows") and (_LINUX_ALSO.search(clean.lower) or "docker" in clean.lower):
        # (a Mac or a Windows PC and a Linux machine, WSL or a container both in the text: which one failed is open)
        facts["linux_also_named"] = "true"
    if facts.get("mps_available") == "true":
        facts.setdefault("os", "darwin")  # the MPS backend exists only on macOS
    if not gpus and facts.get("gpu_name"):
        gpus = [facts["gpu_name"]]  # only prose names the GPU ("my RTX3060 laptop")
    if not gpus and env is None:
        gpus = _series_told(clean)  # (a GeForce generation named by its series: "RTX 50xx", "50系显卡")
    dists = ce.distributions(env) if env else []
    era = judge_python(facts.get("python_version", ""), facts, clean.text) if facts.get("python_version") else None
    if era is not None:
        facts["python_served_then"] = era.served
    if _container_without_gpus(clean):
        facts["container_without_gpus"] = "true"  # (whatever message torch printed inside: no driver there)
    if _arm32_shown(clean.lower) or (facts.get("machine") in THIRTY_TWO_BIT_ARM and facts.get("python_bits") == "32"):
        facts["arm32_shown"] = "true"  # (a 32-bit ARM system shown, not only a Raspberry Pi of unknown bits)
        if facts.get("machine") not in THIRTY_TWO_BIT_ARM:
            facts["machine"] = "armv7l"  # (Debian's armhf is ARMv7: what the platform checks read)
    if (facts.get("os") == "windows" and facts.get("is_wsl") != "true" and _docker_used(clean.lower)
            and _LINUX_ALSO.search(clean.lower) is None):  # (a Linux host named too: the container may run there)
        # Docker Desktop gives containers the GPU only through its WSL 2 backend (Docker's "GPU support in Docker
        # Desktop"): the container's driver is the Windows driver as WSL 2 exposes it
        facts["windows_container"] = "true"
    if _slurm_job_without_gpus(clean) and not (facts.get("driver_version") or facts.get("driver_cuda")):
        facts["job_without_gpus"] = "true"  # (the compute node gives the job no GPU: none for CUDA there)
    if facts.get("py_launcher") == "true" and "conda" in clean.lower:
        facts["py_launcher_beside_conda"] = "true"  # (the launcher never starts a conda environment's Python)
    if "no module named" in clean.lower and _torch_missing_in_isolated_build(clean.lower):
        facts["isolated_build"] = "true"  # (a package's setup.py ran in pip's isolated build environment)
    if _pip_outside_active_env(clean.text):
        facts["pip_outside_env"] = "true"  # (the pip that ran belongs to another Python than the active environment's)
    if facts.get("no_nvidia_gpu") == "true" and facts.get("gpu_unused") != "true":
        matches = [found for found in matches if not _no_driver_warning_while_on_cpu(found, clean)]
    cause_evidence = _weighed_evidence(matches, facts, dists, clean.text)
    wheel_page = _wheel_page_for_this_torch(facts, clean)
    if wheel_page and (not any(e.cause for e in cause_evidence) or (
            wheel_page[0].cause == "PACKAGE_CONFLICT" and {e.cause for e in cause_evidence if e.cause} <= {"CUDA_LIB_MISSING"})):
        # (a CUDA library missing for a package from another CUDA's page is that page's: libcusparse.so.11 beside a
        # cu121 torch is asked for by a cu117 build of torch-sparse)
        cause_evidence = wheel_page + [e for e in cause_evidence if e.cause != "CUDA_LIB_MISSING"]
    if env is None and not any(e.cause for e in cause_evidence):
        cause_evidence += (_cuda_only_as_root(facts, clean)
                           or _program_on_a_cpu_build_beside_working_cuda(facts, prose)
                           or _named_build_lacks_gpu(facts, gpus, clean)
                           or _named_release_lacks_gpu(facts, gpus, clean)
                           or _build_cuda_predates_gpu(facts, gpus)
                           or _driver_below_build(facts, matches, "conda" in clean.lower)
                           or _linux_driver_inside_wsl(facts)
                           or _cuda_without_nvidia_gpu(facts, clean, prose)
                           or _cpu_build_for_cuda(facts)
                           or _torch_replaced_told(facts, clean, prose)
                           or _install_failure_explained(facts, clean, prose)
                           or _torch_missing_told(facts)
                           or _installed_elsewhere_told(facts)
                           or _driver_below_told(facts)
                           or _import_works_in_terminal(facts)
                           or _py_launcher_beside_conda(facts, clean)
                           or _newest_architecture_fails(facts, gpus, clean)
                           or _ipex_beside_other_torch(facts)
                           or _unexplained_complaint(facts, clean, len(gpus)))
    if env is not None and not any(e.cause for e in cause_evidence) and (
            _cuda_wished_beside_collect_env(facts) or _cuda_false_beside_collect_env(facts, env, clean.text)):
        cause_evidence += _cpu_build_for_cuda(facts)  # (its "Is CUDA available: False" alone is no wish)
    if env is not None and not any(e.cause for e in cause_evidence):
        cause_evidence += _install_failure_explained(facts, clean, prose)
    if not any(e.cause for e in cause_evidence):
        cause_evidence += _cuda_lost_with_a_cuda_build(facts)  # (with collect_env or without)
    user_site = _user_site_package_under_torch(clean)
    if user_site and not established_causes([e for e in cause_evidence if e.cause not in _WHAT_THE_COPY_DOES]):
        # (the message is what that copy does; the copy is the cause: torch's frames in one install, the failing
        # package's in the user folder)
        cause_evidence = user_site + [dataclasses.replace(e, cause="") if e.cause in _WHAT_THE_COPY_DOES else e
                                      for e in cause_evidence]
    if not established_causes(cause_evidence):
        cause_evidence += _own_file_named_as_module(clean)
    evidence = [e for e in cause_evidence if e.cause] + [e for e in cause_evidence if not e.cause] + env_evidence
    evidence += prose_evidence
    if not evidence:
        notes.append(_note("unrecognised", "Nothing in the text was recognised (no collect_env output, no known error)."))
    if era is not None:
        evidence.append(Evidence(ERA_SIGNATURE, "", "", era.facts()))
    if facts.get("wanted") == "cuda" and _rocm_running(facts, clean):
        del facts["wanted"]  # (ROCm's device is "cuda" in torch too: a ROCm error wants no NVIDIA GPU)
    if facts.get("wanted") == "cuda":
        evidence.append(Evidence(WANTED_SIGNATURE, "", "", (("wanted", "cuda"),)))
    if facts.get("gpu_load_seen") == "task_manager" and facts.get("gpu_unused") == "true":  # (idle there, not busy)
        evidence.append(Evidence(GPU_LOAD_SEEN_SIGNATURE, "", "", (("seen_in", "task_manager"),)))
    working = working_shown(facts)
    cuda_expected = working not in ("mps", "xpu")  # (a Mac whose MPS works, an Intel GPU's XPU build: CUDA False is right)
    if reports_failure(clean.text, cuda_expected) or (facts.get("gpu_unused") == "true" and not working):
        # (the GPU told unused, "CUDA is not available, running on CPU", is the complaint: a failure, not an error)
        strength = (("error", "reported"),) if reports_error(clean.text, cuda_expected) else ()
        own = (("program_error", "shown"),) if program_error_shown(clean.text) else ()  # (for a verdict without the text)
        evidence.append(Evidence(FAILURE_SIGNATURE, "", "", (("failure", "reported"), *strength, *own)))
    if working:
        told = facts.get("working_told") == "true" and facts.get("cuda_available") != "true"
        exhausted = working in ("cuda", "mps", "xpu") and facts.get("gpu_memory_exhausted") == "true"
        # (the program said to run on the CPU all the same: "but training still uses the CPU", "显卡占用是0%")
        on_cpu = working == "cuda" and "true" in (facts.get("gpu_unused"), facts.get("program_chose_cpu"))
        rocm = working == "cuda" and (facts.get("rocm_works") == "true" or _rocm_running(facts, clean))
        evidence.append(Evidence(WORKING_SIGNATURE, "", "", (("working", working), *((("told", "true"),) if told else ()),
                                                             *((("stack", "rocm"),) if rocm else ()),
                                                             *((("memory", "exhausted"),) if exhausted else ()),
                                                             *((("program", "on_cpu"),) if on_cpu else ()))))
    return _snapshot(facts, gpus, dists, evidence + notes)


OWN_FILE_NAMED_AS_MODULE = "textdiag:own_file_named_as_module"


@functools.cache
def _modules_torch_imports() -> frozenset[str]:
    data = json.loads(resource("textdiag", "stdlib_imports.json").read_text(encoding="utf-8"))
    return frozenset(data["modules"])


# a file of the person's own named in a way that says it is theirs and where Python starts: created in a shell
# ("cat > code.py", "touch random.py"), run as the script ("python random.py"), or named in words ("the filename is
# 'code.py'", "saved my script as typing.py"); not a log's location ("[logging.py:96:log_dist]"), not a path's last
# part, not an embedded Python's zipped standard library frame ('File "runpy.py"')
_OWN_FILE = r"['\"`]?(?P<name>[a-z][a-z0-9]{1,20})\.py(?![\w.:-])"
_OWN_FILE_NAMED = re.compile(
    r"(?:\b(?:cat|tee)\s{0,3}>{1,2}\s{0,3}|\b(?:touch|nano|vim?|notepad)\s{1,3}|\bpython[\d.]{0,5}(?:\.exe)?\s{1,3}"
    r"|\b(?:named|called|filename(?:\s{1,3}is)?|file\s{1,3}name(?:\s{1,3}is)?|saved?\s{1,3}(?:it\s{1,3}|my\s{1,3}\w{1,20}"
    r"\s{1,3}|the\s{1,3}\w{1,20}\s{1,3})?as)\s{1,3})" + _OWN_FILE, re.I)
# a sentence that asks, doubts or denies it ("asked if I have a file named random.py", "I don't have a code.py")
_NOT_SAID_OWN = re.compile(r"\?|\b(?:if|whether|asked|ask|check(?:ed)?|make\s+sure|don['’]?t|do\s+not|didn['’]?t|no|not|"
                           r"never|nothing|none|without)\b", re.I)


def _own_file_named_as_module(clean: CleanText) -> list[Evidence]:
    """A file of the person's own named as a standard-library module that torch imports (code.py, inspect.py,
    random.py, typing.py), said to be theirs in a text about importing torch (see _OWN_FILE_NAMED): Python imports that
    file in the module's place when torch asks for it, which breaks the import in odd ways (the likeliest cause, not a
    proven one: the traceback that proves it is the module_shadowed_by_script signature's)."""
    if ".py" not in clean.lower or "import torch" not in clean.lower:
        return []
    for found in _OWN_FILE_NAMED.finditer(clean.text):
        name = found.group("name").lower()
        if name not in _modules_torch_imports() or _NOT_SAID_OWN.search(_sentence_around(clean.text, found)):
            continue
        facts = (("shadowed_module", name), (WORDING_FACT, "module"), (LIKELY_FACT, "true"))
        return [Evidence(OWN_FILE_NAMED_AS_MODULE, "LOCAL_TORCH_SHADOW", found.group(0), facts)]
    return []


def _sentence_around(text: str, found: re.Match[str]) -> str:
    """The sentence (or line) the match stands in: from the last sentence end or line break before it to the next."""
    start = max(text.rfind("\n", 0, found.start()), *(text.rfind(end, 0, found.start()) for end in (". ", "! ", "? ")))
    ends = [index for index in (text.find(end, found.end()) for end in ("\n", ". ", "? ", "! ", "?")) if index >= 0]
    return text[start + 1:min(ends) + 1 if ends else len(text)]


_WORKING_KEYS = ("cuda_available", "cuda_works", "mps_available", "xpu_available")


def _about_this_setup(prose: list[TextFact]) -> list[TextFact]:
    """The facts prose reveals, less what working it shows inside a statement that it works elsewhere ("in my base env
    torch.cuda.is_available() returns True", "A1111 runs fine on the GPU"): that is another program's or environment's."""
    elsewhere = [(fact.start, fact.end) for fact in prose if fact.key == "gpu_works_elsewhere"]
    if not elsewhere:
        return prose
    return [fact for fact in prose
            if fact.key not in _WORKING_KEYS or not any(start <= fact.start < end for start, end in elsewhere)]


def _installed_cpu_wheel(facts: dict[str, str]) -> None:
    """pip installed the PyPI wheel it downloaded for Windows or macOS: that torch is a CPU build.

    Also on Windows when pip's success line names torch without a local version: PyPI's Windows wheels are CPU-only,
    and a CUDA build from download.pytorch.org always carries "+cuNNN" there.
    """
    wheel = facts.get("torch_cpu_wheel", "")
    if wheel and "torch_version" not in facts and facts.get("torch_installed", "").split("+")[0] == wheel:
        facts["torch_version"] = wheel
        facts.setdefault("torch_build", "cpu")
    satisfied = facts.get("torch_satisfied", "")
    if "+" in satisfied and "torch_version" not in facts:
        facts["torch_version"] = satisfied  # (pip names the installed build: "(1.10.0+cu111)")
    plain = facts.get("torch_pip_installed", "") or _pip_satisfied_outside_conda(facts)
    from_cuda_index = facts.get("index_variant", "").startswith(("cu", "rocm"))
    cuda_build_installed = facts.get("cuda_build_named") == "true" or "+cu" in facts.get("torch_installed", "")
    if (plain and facts.get("os") == "windows" and "torch_version" not in facts and not from_cuda_index
            and not cuda_build_installed):  # (a later success line with +cuNNN: the CUDA build replaced it)
        facts["torch_version"] = plain
        facts.setdefault("torch_build", "cpu")


def _pip_satisfied_outside_conda(facts: dict[str, str]) -> str:
    """The torch version pip found already installed, where the folder is no conda environment's (conda's Windows
    builds carry no local version either, CUDA ones included)."""
    version = facts.get("torch_satisfied", "")
    folder = facts.get("torch_installed_at", "").lower()
    conda_like = any(word in folder for word in ("conda", "miniforge", "mamba", "pixi", "\\envs\\", "/envs/"))
    return "" if "+" in version or conda_like else version


def _imported_torch_named(facts: dict[str, str]) -> None:
    """The one torch version a text names is the running one when torch's own runtime message shows it imported
    and nothing in the text asks pip for a torch (a request names what is wanted, not what runs)."""
    named = facts.get("torch_named", "")
    if named and facts.get("torch_imported") == "true" and "torch_version" not in facts and "requested" not in facts:
        facts["torch_version"] = named


DRIVER_BELOW_BUILD = "textdiag:driver_below_build"


def _driver_below_build(facts: dict[str, str], matches: list[Match], conda_named: bool = False) -> list[Evidence]:
    """torch ran and printed is_available() False; its CUDA build needs a newer driver than the one the text shows.

    CUDA's minor-version compatibility lets a driver of CUDA 12.0 run any 12.x build, never a 13.x one; nvidia-smi's
    "CUDA Version" is the newest CUDA the driver supports, so a build major above it is certain proof. A driver
    version alone (prose, "Driver Version" without the CUDA column) is compared with the knowledge base's floor for
    the build's CUDA major (NVIDIA's minor-version compatibility table; before CUDA 11 the toolkit's own driver),
    on both Windows and Linux when the text does not say which. A text without collect_env only; with it, the
    driver check compares the real build. On Linux a torch shown installed without a local version is PyPI's build
    (:func:`_pypi_linux_variant`), unless the text names conda (conda's builds carry no local version either).
    """
    unusable = facts.get("cuda_available") == "false" or (facts.get("gpu_unused") == "true"
                                                            and facts.get("cuda_available") != "true")
    if not unusable or not (facts.get("driver_cuda") or facts.get("driver_version")):
        return []
    build = (facts.get("torch_cuda", "") or variant_cuda(facts.get("torch_variant", "")) or _conda_cuda_asked(facts)
             or variant_cuda(_pypi_linux_variant(facts, conda_named)))  # (the torch shown first, then what was asked)
    build_major = _cuda_major(build)
    if build_major is None:
        return []
    if facts.get("driver_cuda"):
        if not driver_cuda_below(facts["driver_cuda"], build):
            return []
        excerpt = next((m.excerpt for m in matches if m.signature.id == "nvidia_smi_header"), f"CUDA {facts['driver_cuda']}")
        return [Evidence(DRIVER_BELOW_BUILD, "DRIVER_TOO_OLD", excerpt,
                         (("driver_cuda", facts["driver_cuda"]), ("torch_cuda", build)))]
    floor = _driver_floor(build, facts.get("os", ""))
    driver = _version_or_none(facts["driver_version"])
    if floor is None or driver is None or driver >= floor:
        return []
    revealed = (("driver_version", facts["driver_version"]), ("torch_cuda", build), ("driver_floor", str(floor)))
    return [Evidence(DRIVER_BELOW_BUILD, "DRIVER_TOO_OLD", f"driver {facts['driver_version']}", revealed)]


def newest_companion(name: str) -> str:
    """The newest torchvision or torchaudio release the knowledge base pairs with a torch release, "" unknown."""
    knowledge = knowledge_or_none()
    versions = [getattr(release, name) for release in knowledge.releases] if knowledge is not None else []
    return max((v for v in versions if v), key=lambda v: tuple(int(p) for p in re.findall(r"\d+", v)[:3]), default="")


def _conda_cuda_asked(facts: dict[str, str]) -> str:
    """The CUDA of the conda build the text installed ("cudatoolkit=10.2", "pytorch-cuda=12.1": conda's pytorch package
    then resolves the build for that CUDA), or ""."""
    found = re.search(r"(?:(?:cudatoolkit|pytorch-cuda)\s{0,2}=\s{0,2})?(\d{1,2}\.\d)", facts.get("conda_cuda", ""))
    return found.group(1) if found else ""


def _pypi_linux_variant(facts: dict[str, str], conda_named: bool) -> str:
    """The variant pip installs from PyPI on Linux for the torch the text shows installed without a local version
    ("2.1.0": cu121, the knowledge base's ``pypi_default``; PyTorch's own index always adds "+cuNNN"), or ""."""
    version = facts.get("torch_version") or facts.get("torch_installed", "")
    if not version or "+" in version or conda_named or facts.get("os") != "linux":
        return ""
    knowledge = knowledge_or_none()
    release = knowledge.release(version) if knowledge is not None else None
    machine = "aarch64" if facts.get("machine") in ("aarch64", "arm64") else "x86_64"
    if release is None:  # an older release: PyTorch's previous-versions page shows its plain pip build (x86_64)
        cuda = pypi_linux_cuda(version) if machine == "x86_64" else ""
        return f"cu{cuda.replace('.', '')}" if cuda else ""
    return release.default_variant(f"linux-{machine}")


def _driver_floor(cuda: str, os_name: str) -> Version | None:
    """The oldest driver that runs a build for ``cuda`` (the lower of the Windows and Linux floors when the OS is
    unknown): minor-version compatibility from CUDA 11 on, the toolkit's own driver before."""
    knowledge = knowledge_or_none()
    if knowledge is None:
        return None
    systems = (os_name,) if os_name in ("windows", "linux") else ("windows", "linux")
    lookup = knowledge.driver_floor if (_cuda_major(cuda) or 0) >= 11 else knowledge.toolkit_driver
    floors = [_version_or_none(lookup(cuda, system) or "") for system in systems]
    known = [floor for floor in floors if floor is not None]
    return min(known) if len(known) == len(systems) else None


NAMED_BUILD_LACKS_GPU = "textdiag:named_build_lacks_gpu"


def _named_build_lacks_gpu(facts: dict[str, str], gpus: list[str], clean: CleanText) -> list[Evidence]:
    """The text names one CUDA build of torch ("PyTorch 2.8.0 + cu129") and an NVIDIA GPU that build has no kernels
    for, on the system the text shows (on every system it is published for when none is): installed or only wished
    for, that build cannot use the GPU (newer CUDA builds leave out older GPU generations). An installed torch the text
    shows is the checks' to judge."""
    version, build = _build_named(facts, clean)
    knowledge = knowledge_or_none()
    if (facts.get("torch_version") or not gpus or not version or knowledge is None
            or facts.get("cuda_available") == "false"):  # (a build without the GPU's kernels still finds the GPU)
        return []
    release = knowledge.release(version)
    variant = next((v for v in release.variants if v.name == build), None) if release is not None else None
    capability = _capability_for(gpus[0], facts)
    if variant is None or not capability:
        return []
    platforms = [key for key in variant.platforms if facts.get("os", "") in ("", key.split("-")[0])]
    if not platforms or any(capability_covered(capability, variant.arch_list(key)) for key in platforms):
        return []
    facts.setdefault("wanted", "cuda")
    shown = (("torch_named", f"{version}+{build}"), ("gpu_name", gpus[0]), ("capability", capability),
             (WORDING_FACT, "named_build"))
    return [Evidence(NAMED_BUILD_LACKS_GPU, "GPU_ARCH_UNSUPPORTED", "", shown)]


def _named_release_lacks_gpu(facts: dict[str, str], gpus: list[str], clean: CleanText) -> list[Evidence]:
    """The one torch release the text names as what the person has or is pinned to ("torch==2.5.1", "torch 2.5.1"),
    without its build, and an NVIDIA GPU whose first compiled kernels came in a later release (the knowledge's arch
    lists: 2.5.1's stop at sm_90, an RTX 50 needs sm_120, first in 2.7.0): whichever build it is, it cannot use the
    GPU."""
    named = facts.get("torch_named", "")
    knowledge = knowledge_or_none()
    if (facts.get("torch_version") or not gpus or not re.fullmatch(r"\d{1,2}\.\d{1,3}\.\d{1,3}", named)
            or knowledge is None or facts.get("cuda_available") == "false"):
        return []
    release = knowledge.release(named)
    capability = _capability_for(gpus[0], facts)
    if release is None or release.version != named or not capability or not _the_release_in_use(clean, named):
        return []
    first = first_release_with_native_kernels(capability, knowledge)  # (compiled kernels, not an older major's PTX)
    if first is None or Version(first.version) <= Version(release.version):
        return []
    facts.setdefault("wanted", "cuda")
    shown = (("torch_named", named), ("gpu_name", gpus[0]), ("capability", capability), (WORDING_FACT, "named_build"))
    return [Evidence(NAMED_BUILD_LACKS_GPU, "GPU_ARCH_UNSUPPORTED", "", shown)]


def _the_release_in_use(clean: CleanText, version: str) -> bool:
    """The one torch version the text names, in a sentence that is no suggestion or plan (nor a commented-out or
    advised line: "有人说：试试 pip install torch==2.5.1")."""
    if len(_torch_versions_named(clean.text)) != 1:
        return False
    text = clean.text
    written = re.search(r"(?<![\d.])" + re.escape(version) + r"(?![\d.])", text)
    return (written is not None and not _commented_or_advised(text[text.rfind("\n", 0, written.start()) + 1:written.start()])
            and _sentence_names_no_plan(text, written))


def _build_named(facts: dict[str, str], clean: CleanText) -> tuple[str, str]:
    """The one CUDA build of torch the text names as what the person has or installs: written whole ("PyTorch 2.8.0 +
    cu129"), or a pinned version installed from one of PyTorch's CUDA indexes ("pip install torch==2.5.1 --index-url
    …/whl/cu124", which installs 2.5.1+cu124); ("", "") where none, or where it is a suggestion or a plan."""
    named = re.fullmatch(r"(\d{1,2}\.\d{1,3}(?:\.\d{1,3})?)\+(cu\d{2,3})", facts.get("torch_named", ""))
    if named is not None:
        in_use = _the_build_in_use(clean, named.group(1), named.group(2))
        return (named.group(1), named.group(2)) if in_use else ("", "")
    version, variant = _requested(facts)
    index = facts.get("index_variant", "")
    if variant or not version or not index.startswith("cu") or facts.get("pytorch_index_shown") != "true":
        return "", ""
    if len(_torch_versions_named(clean.text)) > 1:
        return "", ""  # (two torch versions named: which one is in use is not said)
    pinned = re.search(r"torch\s?==\s?" + re.escape(version) + r"\b[^\n]{0,300}?/whl/" + index + r"\b", clean.text)
    if pinned is None:
        return "", ""
    start = clean.text.rfind("\n", 0, pinned.start()) + 1
    if _commented_or_advised(clean.text[start:pinned.start()]):
        return "", ""  # (a commented-out line, or advice: "有人说：试试 pip install …")
    return (version, index) if _NOT_IN_USE.search(clean.text, start, pinned.start()) is None else ("", "")


_ADVICE_ZH = re.compile(r"试试|试一下|可以试|建议|有人说|推荐|应该|不妨|要不|或者")


NEWEST_ARCHITECTURE = "textdiag:newest_architecture"
# an architecture whose first compiled kernels came within this many minor releases of the newest one is still "new":
# PyTorch ships four to five minor releases a year, and programs bundle or pin a torch for a year or two
NEW_ARCHITECTURE_MINORS = 10


def _newest_architecture_fails(facts: dict[str, str], gpus: list[str], clean: CleanText) -> list[Evidence]:
    """A failure reported on a GPU whose architecture only the newest releases have compiled kernels for (RTX 50,
    sm_120: from torch 2.7 on, its CUDA 12.8 builds), nothing else placing it and no torch version shown: the
    program's own PyTorch predating the GPU is the likeliest, since programs bundle or pin a torch for a year or two.
    Not where CUDA is told unusable: a build without the GPU's kernels still finds the GPU."""
    build_keys = ("torch_version", "torch_named", "torch_variant", "index_variant")  # (a build shown: the checks judge it)
    if facts.get("cuda_available") == "false" or any(facts.get(key) for key in build_keys) or working_shown(facts):
        return []
    names = gpus or _series_told(clean)
    knowledge = knowledge_or_none()
    if not names or knowledge is None or not reports_failure(clean.text):
        return []
    lower = clean.lower
    if ("+cu" in lower and _LOCAL_CUDA_VERSION.search(lower)) or _RESOLVED_TOLD.search(lower):
        return []  # (a +cuNNN build named in a sentence, or the problem told solved)
    capability = _capability_for(names[0], facts)
    first = first_release_with_native_kernels(capability, knowledge) if capability else None
    newest = next((r for r in knowledge.releases if r.verified), None)
    if first is None or newest is None or _minors_between(first.version, newest.version) > NEW_ARCHITECTURE_MINORS:
        return []
    facts.setdefault("wanted", "cuda")
    shown = (("gpu_name", names[0]), ("capability", capability), ("first_torch", first.version), (LIKELY_FACT, "true"))
    return [Evidence(NEWEST_ARCHITECTURE, "GPU_ARCH_UNSUPPORTED", "", shown)]


_LOCAL_CUDA_VERSION = re.compile(r"\d\.\d{1,2}(?:\.\d{1,2})?\+cu\d{2,3}")
_RESOLVED_TOLD = re.compile(r"\b(?:now it works|it works now|works now|now works|fixed it|solved it|is solved)\b")


def _minors_between(older: str, newer: str) -> int:
    """Minor releases from one version to another within a major, counting majors as 100 minors (never "new")."""
    a, b = Version(older).release[:2], Version(newer).release[:2]
    return (b[0] - a[0]) * 100 + (b[1] - a[1])


# "RTX 50 series", "50xx card", "50系显卡": a GeForce generation named by its series number
_SERIES = re.compile(r"\b(?:rtx\s?)?(?P<a>[2-5])0(?:00)?(?:xx|[- ]?series)\b|(?<![\d.])(?P<b>[2-5])0(?:00)?\s?系")


# a series named as a wish, a plan, a quote or advice, not as the card in the machine: "I want to buy an RTX 50 series
# card", "等50系显卡出来再换卡", 'README says: "RTX 50 series users must install …"'
_SERIES_NOT_OWNED = re.compile(r"\b(?:want|wanna|buy|buying|purchase|plan\w{0,4}|will|gonna|going\sto|wait\w{0,3}|once|"
                               r"upgrad\w{1,3}\sto|switch\w{0,3}\sto|readme|docs?|documentation|says|said|must|should|users)\b"
                               r"|[?？]|等|想|打算|准备|买|换|建议|推荐|试试|如果")


def _series_told(clean: CleanText) -> list[str]:
    if "series" not in clean.lower and "系" not in clean.lower and "0xx" not in clean.lower:
        return []  # (a substring test in C before a regex that tries every position)
    if not re.search(r"nvidia|rtx|geforce|显卡|card|gpu|英伟达", clean.lower):
        return []
    lower = clean.lower
    for found in _SERIES.finditer(lower):
        # (its clause: up to a line's end or a sentence's or clause's mark, which Chinese puts without a space)
        start = max((m.end() for m in _CLAUSE_MARK.finditer(lower, max(0, found.start() - 200), found.start())), default=0)
        after = _CLAUSE_MARK.search(lower, found.end(), found.end() + 200)
        if _SERIES_NOT_OWNED.search(lower, start, after.start() if after else min(len(lower), found.end() + 200)) is None:
            return [f"NVIDIA GeForce RTX {found.group('a') or found.group('b')}070"]
    return []


_CLAUSE_MARK = re.compile(r"\n|[.!?;,](?=\s)|[。！？；，、]|[ \t]{2,}")


# torch versions the text names ("torch 2.5.1+cu124", "PyTorch 2.8.0 + cu129", "torch==2.4.1")
# (led by its literal, the word's start checked behind it: searched for "torch", not tried at every position)
_TORCH_VERSIONS_NAMED = re.compile(r"torch(?:(?<![\w.-]torch)|(?<![\w.-]pytorch)(?<=pytorch))(?:==|-|\s{1,3})v?"
                                   r"(\d{1,2}\.\d{1,3}(?:\.\d{1,3})?)", re.I)
# words that make a named build someone's suggestion or a plan, not the one in use ("try pip install torch==…",
# "the README says", "I haven't tried", "should I upgrade to")
_NOT_IN_USE = re.compile(r"\b(?:try|trying|tried|suggest\w{0,3}|recommend\w{0,3}|readme|docs?|should|could|would|"
                         r"haven['’]?t|instead|upgrade[sd]?\s+to|switch(?:ed)?\s+to|plan\w{0,3}|want\w{0,3})\b|\?", re.I)


def _the_build_in_use(clean: CleanText, version: str, variant: str) -> bool:
    """The one torch the text names, written as what the person has: no other torch version named (a story of an
    upgrade that worked names two), and no word of a suggestion or a plan in its sentence."""
    if len(_torch_versions_named(clean.text)) > 1:
        return False
    written = re.search(re.escape(version) + r"\s?\+\s?" + variant, clean.text)
    return written is not None and _sentence_names_no_plan(clean.text, written)


def _torch_versions_named(text: str) -> set[str]:
    return {found.group(1) for found in _TORCH_VERSIONS_NAMED.finditer(text)}


def _sentence_names_no_plan(text: str, written: re.Match[str]) -> bool:
    """No word of a suggestion or a plan in the sentence (to a line's or a sentence's end) of what is written."""
    start = max(text.rfind("\n", 0, written.start()), text.rfind(". ", 0, written.start())) + 1
    ends = [index for index in (text.find("\n", written.end()), text.find(". ", written.end())) if index >= 0]
    return _NOT_IN_USE.search(text, start, min(ends) if ends else len(text)) is None


def _commented_or_advised(line: str) -> bool:
    """The start of a line up to what it names is a comment's or advice's: "# RUN pip install …", "有人说：试试 …"."""
    return line.lstrip().startswith(("#", "//", "REM ", "::")) or _ADVICE_ZH.search(line) is not None


WHEEL_PAGE = "textdiag:wheel_page"
# pip compiling a package itself: it found no wheel that fits (pip's "Building wheel for <name> (setup.py)", its
# failure, setup.py's own "running build_ext")
_BUILDING_FROM_SOURCE = re.compile(r"\b(?:failed )?building wheel for [\w.-]{2,60}|running build_ext\b"
                                   r"|running setup\.py install for [\w.-]{2,60}", re.I)


def _wheel_page_for_this_torch(facts: dict[str, str], clean: CleanText) -> list[Evidence]:
    """A companion's wheel page (PyG's data.pyg.org/whl/torch-2.4.0+cu121.html, DGL's torch-2.3/cu121/repo.html) holds
    wheels built for the one torch release and CUDA its address names. Beside a torch shown installed of another
    release or CUDA, its packages cannot fit that torch: PACKAGE_CONFLICT. For the torch it names, pip compiling the
    package itself means the page had no wheel for this package version, Python and system (the install instructions
    say binaries exist only for the combinations listed): INDEX_VARIANT_MISSING."""
    page = facts.get("wheel_page_torch", "")
    if not page:
        return []
    page_release, _, page_variant = page.partition("+")
    installed = facts.get("torch_version") or facts.get("torch_installed") or ""
    if not installed and not re.match(r"(?:--pre\s)?torch(?:[=<>~!\s]|$)", facts.get("requested", "")):
        installed = facts.get("torch_named", "")  # (a torch build named beside the page, none asked for: the one there)
    release, _, variant = installed.partition("+")
    shown = (("wheel_page_torch", page), *((("torch_version", installed),) if installed else ()),
             (WORDING_FACT, "wheel_page"))
    other_release = bool(release) and release_tuple(release) != release_tuple(page_release)
    other_variant = bool(variant) and variant.startswith(("cu", "cpu")) and variant != page_variant
    if other_release or other_variant:
        return [Evidence(WHEEL_PAGE, "PACKAGE_CONFLICT", "", shown)]
    if _BUILDING_FROM_SOURCE.search(clean.text):
        return [Evidence(WHEEL_PAGE, "INDEX_VARIANT_MISSING", "", shown)]
    return []


TORCH_REPLACED_TOLD = "textdiag:torch_replaced_told"


def _torch_replaced_told(facts: dict[str, str], clean: CleanText, prose: list[TextFact]) -> list[Evidence]:
    """The person says installing something replaced the torch that was there ("it removed torch-2.0.0 and installed
    torch-1.13.1", "pip install xformers always re-installs torch"): the package's requirement asks for another torch,
    PACKAGE_CONFLICT, whatever broke after it (what pip's "Attempting uninstall: torch" shows, told in words). Where a
    CPU build is shown coming in, _cpu_build_for_cuda has answered; where CUDA was lost with it on Windows, PyPI's
    Windows wheel came in, a CPU build; elsewhere a lost CUDA is left to the rules after this one."""
    if facts.get("torch_replaced_told") != "true":
        return []
    if "true" in (facts.get(key) for key in _WORKING_KEYS):
        return []  # (the torch that came in works on the GPU: what the person reports is not its doing)
    shown = best_facts(prose).get("torch_replaced_told")
    excerpt = clean.text[shown.start:shown.end] if shown else ""
    if facts.get("cuda_available") == "false" or facts.get("gpu_unused") == "true":
        # CUDA lost with it: what came in decides. On Windows the torch pip takes from PyPI for another package's
        # requirement is PyPI's Windows wheel, a CPU build (PyTorch's CUDA builds are on its own index only); elsewhere
        # the rules after this one weigh it
        if facts.get("os") == "windows" and facts.get("is_wsl") != "true":
            return [Evidence(TORCH_REPLACED_TOLD, "CPU_ONLY_WHEEL", excerpt,
                             (("torch_replaced_told", "true"), ("os", "windows")))]
        return []
    return [Evidence(TORCH_REPLACED_TOLD, "PACKAGE_CONFLICT", excerpt,
                     (("torch_replaced_told", "true"), (WORDING_FACT, "replaced")))]


INSTALL_FAILURE_EXPLAINED = "textdiag:install_failure_explained"


def _install_failure_explained(facts: dict[str, str], clean: CleanText, prose: list[TextFact]) -> list[Evidence]:
    """The person says torch could not be installed ("can't install pytorch", the launcher's "Couldn't install torch.")
    with no installer's message of its own, and the facts show why no wheel fits, as pip's "No matching distribution"
    would be read (definite_no_wheel_cause): a Python the requested release, or the text's era, never served, a
    32-bit Python, a build that was never published, a 32-bit ARM system or a CUDA build asked for on a Mac. A torch
    shown running was installed: then the failure is not this one."""
    torch_ran = (facts.get("torch_installed") or facts.get("cuda_available") or facts.get("cuda_works")
                 or facts.get("gpu_memory_exhausted") or working_shown(facts))
    if facts.get("torch_install_failed_told") != "true" or torch_ran:
        return []
    cause = definite_no_wheel_cause(facts)
    platform_shown = facts.get("arm32_shown") == "true" or cuda_build_asked_on_mac(facts)
    if cause not in ("PYTHON_UNSUPPORTED", "INDEX_VARIANT_MISSING") and not (cause == "PLATFORM_UNSUPPORTED"
                                                                            and platform_shown):
        return []
    shown = best_facts(prose).get("torch_install_failed_told")
    excerpt = clean.text[shown.start:shown.end] if shown else ""
    told = tuple((key, facts[key]) for key in ("python_version", "python_bits", "requested") if facts.get(key))
    # (no pip message was pasted: words that say the install failed for this Python, not pip's list; the fix is a Python
    # the release serves, not another torch into this one)
    wording = ((WORDING_FACT, "install_failed"),) if cause == "PYTHON_UNSUPPORTED" else ()
    return [Evidence(INSTALL_FAILURE_EXPLAINED, cause, excerpt, told + wording)]


BUILD_CUDA_PREDATES_GPU = "textdiag:build_cuda_predates_gpu"
IPEX_BESIDE_OTHER_TORCH = "textdiag:ipex_beside_other_torch"


def _ipex_beside_other_torch(facts: dict[str, str]) -> list[Evidence]:
    """Intel Extension for PyTorch of one release beside a torch of another ("torch 2.7.1", "ipex 2.8"): each IPEX
    release works with the torch of its own major.minor only (its import check refuses any other), PACKAGE_CONFLICT."""
    ipex = facts.get("ipex_version", "")
    torch = facts.get("torch_version") or facts.get("torch_installed") or facts.get("torch_named") or ""
    if not ipex or not torch or ".".join(torch.split("+")[0].split(".")[:2]) == ipex:
        return []
    shown = (("package", "intel-extension-for-pytorch"), ("ipex_version", ipex), ("torch_version", torch),
             (WORDING_FACT, "ipex"))
    return [Evidence(IPEX_BESIDE_OTHER_TORCH, "PACKAGE_CONFLICT", "", shown)]



@functools.cache
@functools.cache
def _cuda_arch_floor() -> dict:
    return json.loads(resource("textdiag", "cuda_arch_floor.json").read_text(encoding="utf-8"))


def _first_cuda_for(capability: str) -> str | None:
    """The first toolkit whose builds run on a GPU of this capability: its own entry where its libraries needed a
    newer toolkit than its major's first (Turing: CUDA 10.0), else its major's."""
    floors = _cuda_arch_floor()
    return floors.get("first_cuda_for_capability", {}).get(capability) or floors["first_cuda_for_major"].get(
        capability.split(".")[0])


def _build_cuda_predates_gpu(facts: dict[str, str], gpus: list[str]) -> list[Evidence]:
    """The torch the text shows installed is a CUDA build made with a toolkit older than the GPU's architecture
    (resources/textdiag/cuda_arch_floor.json: "1.10.2+cu102" on an RTX 3090, Ampere needing CUDA 11.0): no code of the
    GPU's major architecture is in it. For releases older than the knowledge's arch lists (the checks judge the rest)."""
    version = facts.get("torch_version", "")
    # (torch.version.cuda printed names the build's CUDA without its release)
    cuda = _cuda_of_local_version(version) or facts.get("torch_cuda", "")
    knowledge = knowledge_or_none()
    if not cuda or not gpus or knowledge is None or (version and knowledge.release(version.split("+")[0]) is not None):
        return []
    capability = _capability_for(gpus[0], facts)
    floor = _first_cuda_for(capability) if capability else None
    built, needed = cuda_tuple(cuda), cuda_tuple(floor or "")
    if built is None or needed is None or built >= needed:
        return []
    facts.setdefault("wanted", "cuda")
    shown = (("torch_version", version), ("gpu_name", gpus[0]), ("capability", capability), ("needs_cuda", floor or ""),
             (WORDING_FACT, "named_build"))
    return [Evidence(BUILD_CUDA_PREDATES_GPU, "GPU_ARCH_UNSUPPORTED", "", shown)]


def _driver_runs_build(facts: dict[str, str]) -> bool:
    """The driver version the text shows is at least the floor of the CUDA build it shows (so not too old for it)."""
    driver = _version_or_none(facts.get("driver_version", ""))
    cuda = _cuda_of_local_version(facts.get("torch_version", "")) or _cuda_of_local_version(
        "+" + facts.get("torch_variant", ""))  # ("cu121": the build the text names)
    floor = _driver_floor(cuda, facts.get("os", "")) if driver is not None and cuda else None
    return floor is not None and driver >= floor


def _version_or_none(value: str) -> Version | None:
    try:
        return Version(value) if value else None
    except InvalidVersion:
        return None


DRIVER_BELOW_TOLD = "textdiag:driver_below_told"


USER_SITE_PACKAGE = "textdiag:user_site_package"
# a traceback frame's file: the interpreter's own frames and every package's carry the folder they were loaded from
# (also as a notebook's stored output line: "  File \"…\", line 2, …\n" once the JSON string's escapes are read)
_FRAME_FILE = re.compile(r"^[ \t>]{0,8}\"?[ \t]{0,8}File \"(?P<path>[^\"\n]{3,400})\", line \d{1,6}", re.M)
# the user site-packages (site.USER_SITE): %APPDATA%\Python\PythonXY\site-packages on Windows,
# ~/.local/lib/pythonX.Y/site-packages on Linux, ~/Library/Python/X.Y/lib/python/site-packages on macOS
_USER_SITE = re.compile(r"[\\/]AppData[\\/]Roaming[\\/]Python[\\/]Python\d{2,3}[\\/]site-packages[\\/](?P<package>[\w.-]{1,60})"
                        r"|/\.local/lib/python\d\.\d{1,2}/site-packages/(?P<package2>[\w.-]{1,60})"
                        r"|/Library/Python/\d\.\d{1,2}/lib/python/site-packages/(?P<package3>[\w.-]{1,60})", re.I)
_TORCH_FRAME = re.compile(r"[\\/](?:site|dist)-packages[\\/]torch[\\/]", re.I)
# what a message beside such a frame reads as that the copy explains (a DLL of the wrong kind, NumPy's C-API, a package
# for another torch); a cause of its own (a CUDA library missing, a GPU too new) stays first
_WHAT_THE_COPY_DOES = frozenset({"LIB_PATH_CONFLICT", "TORCH_IMPORT_FAILED", "NUMPY_ABI", "VCREDIST_MISSING",
                                     "PACKAGE_CONFLICT", "TORCH_DAMAGED", "PYTHON_UNSUPPORTED", "ENV_MISMATCH"})


def _user_site_package_under_torch(clean: CleanText) -> list[Evidence]:
    """torch imported from an environment's (or the system's) site-packages, and a later frame of the same traceback in
    the user site-packages: the package torch imports is a copy `pip install --user` put in the user folder, which
    every Python of that version adds to its path (conda environments too), whoever's it is."""
    if "site-packages" not in clean.lower or "file \"" not in clean.lower:
        return []
    paths = [found.group("path") for found in _FRAME_FILE.finditer(clean.text)]
    torch_at = next((i for i, path in enumerate(paths) if _TORCH_FRAME.search(path) and not _USER_SITE.search(path)), -1)
    if torch_at < 0:
        return []
    for path in paths[torch_at + 1:]:
        found = _USER_SITE.search(path)
        if found:
            package = found.group("package") or found.group("package2") or found.group("package3")
            return [Evidence(USER_SITE_PACKAGE, "ENV_MISMATCH", path, (("user_site_package", package),
                                                                     (WORDING_FACT, "user_site_package")))]
    return []


CUDA_LOST_TOLD = "textdiag:cuda_lost_told"


def _cuda_lost_with_a_cuda_build(facts: dict[str, str]) -> list[Evidence]:
    """CUDA worked with this CUDA build on this NVIDIA GPU and the text says it is no longer available: the build did
    not change, the driver side did (a driver or kernel update whose module is not loaded until a restart, or was not
    built for the new kernel). Reinstalling torch would not bring it back; nvidia-smi tells whether the driver runs."""
    if facts.get("cuda_lost") != "true" or not _cuda_build_running(facts) or not nvidia_named(facts):
        return []
    return [Evidence(CUDA_LOST_TOLD, "DRIVER_MISSING", "", (("cuda_lost", "true"), ("torch_version", facts.get(
        "torch_version", ""))))]


def _driver_below_told(facts: dict[str, str]) -> list[Evidence]:
    """The person says the driver is below what the CUDA build needs, and nothing shows CUDA working now (after an
    update that fixed it, is_available() prints True): DRIVER_TOO_OLD."""
    if facts.get("driver_below_told") != "true" or working_shown(facts):
        return []
    return [Evidence(DRIVER_BELOW_TOLD, "DRIVER_TOO_OLD", "", (("driver_below_told", "true"),))]


# a shell prompt inside an activated environment, "(ax-test) bash-3.2$ which pip3" or "(venv) C:\\proj> where pip", and the
# path the shell answered on the next line (conda, venv and virtualenv put the environment's name before the prompt)
_WHICH_PIP_IN_ENV = re.compile(
    r"^\((?P<env>[A-Za-z0-9_.-]{1,60})\) [^\n]{0,160}?(?:[$#>%]|PS [^\n]{0,120}>) ?(?:which|where(?:\.exe)?|command -v|type -p)"
    r" +pip3?(?:\.exe)?[ \t]*\n(?:[ \t]*\n)?(?P<path>(?:[A-Za-z]:\\|/)[^\n]{1,300}?[\\/]pip3?(?:\.\d{1,2})?(?:\.exe)?)[ \t]*$",
    re.MULTILINE)


def _pip_outside_active_env(text: str) -> bool:
    """`which pip` typed in an activated environment answered with a pip outside it: `pip install` then installs for
    another Python (the conda or venv prompt names the environment, and its pip lives in a folder of that name). Not
    conda's base, whose folder has another name, nor a pip in any environment's folder (a venv made with --prompt,
    poetry's and pipenv's hashed folders)."""
    if "pip" not in text or ") " not in text:
        return False
    for found in _WHICH_PIP_IN_ENV.finditer(text):
        env, parts = found.group("env").lower(), re.split(r"[\\/]", found.group("path").lower())
        if env != "base" and env not in parts and not _ENV_FOLDERS & set(parts):
            return True
    return False


# folders environments live in (a venv made with --prompt, poetry's and pipenv's hashed names keep the prompt's name out
# of the path): a pip there is an environment's, not another Python's
_ENV_FOLDERS = frozenset({".venv", "venv", "env", ".env", "envs", "virtualenvs", ".virtualenvs", "pypoetry", ".tox",
                          ".nox", "pipx"})


INSTALLED_ELSEWHERE_TOLD = "textdiag:installed_elsewhere_told"


def _installed_elsewhere_told(facts: dict[str, str]) -> list[Evidence]:
    """The person says the install went into another Python than the program's ("torch got installed into the system
    python"): ENV_MISMATCH, whatever the program then reports (no CUDA, no torch)."""
    if facts.get("installed_elsewhere_told") != "true":
        return []
    return [Evidence(INSTALLED_ELSEWHERE_TOLD, "ENV_MISMATCH", "", (("installed_elsewhere_told", "true"),))]


TORCH_MISSING_TOLD = "textdiag:torch_missing_told"


def _torch_missing_told(facts: dict[str, str]) -> list[Evidence]:
    """The person says torch is not installed ("torch was missing when I ran it") and the text shows no torch version:
    TORCH_MISSING, as Python's "No module named 'torch'" would say."""
    if facts.get("torch_missing_told") != "true" or facts.get("torch_version") or facts.get("torch_installed"):
        return []
    return [Evidence(TORCH_MISSING_TOLD, "TORCH_MISSING", "", (("torch_missing_told", "true"),))]


LINUX_DRIVER_IN_WSL = "textdiag:linux_driver_in_wsl"


IMPORT_WORKS_IN_TERMINAL = "textdiag:import_works_in_terminal"


def _import_works_in_terminal(facts: dict[str, str]) -> list[Evidence]:
    """torch imports in the terminal but not in the notebook or editor: that place runs another Python (a Jupyter kernel,
    VS Code's or PyCharm's interpreter) without it, most likely (ENV_MISMATCH.likely, with sys.executable as the check)."""
    if facts.get("import_works_in_terminal") != "true":
        return []
    return [Evidence(IMPORT_WORKS_IN_TERMINAL, "ENV_MISMATCH", "", (("import_works_in_terminal", "true"),
                                                                     (LIKELY_FACT, "true")))]


PY_LAUNCHER_BESIDE_CONDA = "textdiag:py_launcher_beside_conda"


def _py_launcher_beside_conda(facts: dict[str, str], clean: CleanText) -> list[Evidence]:
    """Scripts run with Windows' `py` launcher where the text installs into a conda environment: the launcher starts
    python.org's Python (or an activated venv's: Python's docs, "Python Launcher for Windows"), never a conda
    environment's, so torch installed there is missing where the script runs (ENV_MISMATCH, most likely)."""
    if facts.get("py_launcher_beside_conda") != "true" or working_shown(facts):
        return []
    return [Evidence(PY_LAUNCHER_BESIDE_CONDA, "ENV_MISMATCH", "", (("py_launcher", "true"), (LIKELY_FACT, "true"),
                                                                      (WORDING_FACT, "py_launcher")))]


def _linux_driver_in_wsl_shown(facts: dict[str, str]) -> bool:
    """A Linux NVIDIA driver inside WSL: told, or apt installing nvidia-driver-NNN in a text that shows WSL."""
    return facts.get("linux_driver_in_wsl") == "true" or (
        facts.get("linux_driver_installed") == "true" and facts.get("is_wsl") == "true")


def _linux_driver_inside_wsl(facts: dict[str, str]) -> list[Evidence]:
    """NVIDIA's Linux driver installed inside WSL 2 (told, or apt installing nvidia-driver-NNN in a text that shows
    WSL): WSL_DRIVER, in the words of that case. WSL reaches the GPU only through the Windows driver, and a Linux
    driver inside replaces the libraries WSL provides (NVIDIA's CUDA on WSL guide: never install one there)."""
    if not _linux_driver_in_wsl_shown(facts):
        return []
    shown = (("linux_driver_in_wsl", "true"), (WORDING_FACT, "linux_driver"))
    return [Evidence(LINUX_DRIVER_IN_WSL, "WSL_DRIVER", "", shown)]


NO_NVIDIA_FOR_CUDA = "textdiag:no_nvidia_for_cuda"
# Another vendor's GPU stack for torch: its failures are that stack's own, not a missing NVIDIA GPU
# the ROCm runtime's own errors (rocBLAS, MIOpen, HIP) or its override: a ROCm build of torch is what ran
_ROCM_RUNNING = re.compile(r"rocblas error|miopen\w{0,12} error|hiperror\w{0,40}|hip error|tensilelibrary|hsa_override_gfx_version")


def _rocm_running(facts: dict[str, str], clean: CleanText) -> bool:
    return facts.get("torch_variant", "").startswith("rocm") or _ROCM_RUNNING.search(clean.lower) is not None


_OTHER_GPU_STACK = re.compile(r"\b(?:rocm|hip|zluda|directml|torch[-_]directml|ipex|xpu|rocblas|miopen|"
                              r"hsa_override_gfx_version)\b")
_OTHER_GPU_STACK_WORDS = ("rocm", "hip", "zluda", "directml", "ipex", "xpu", "rocblas", "miopen", "hsa_override")


def _another_vendors_stack(facts: dict[str, str], clean: CleanText) -> bool:
    """The text shows another vendor's GPU stack (a ROCm build, HIP, ZLUDA, DirectML, XPU), unless a CUDA build of
    torch is shown installed (then that is what ran): CUDA being unusable there is no CUDA build's or driver's fault."""
    if facts.get("torch_variant", "").startswith("rocm"):
        return True
    if _cuda_build_running(facts) or not any(word in clean.lower for word in _OTHER_GPU_STACK_WORDS):
        return False
    return _OTHER_GPU_STACK.search(clean.lower) is not None


def _cuda_without_nvidia_gpu(facts: dict[str, str], clean: CleanText, prose: list[TextFact]) -> list[Evidence]:
    """CUDA wanted on a machine the text says has no NVIDIA GPU: NO_NVIDIA_GPU, no driver or build can help.

    A helpdesk reads "torch.cuda.is_available(): False" beside "Radeon GPU" or on a Mac, or "my GPU is not by nvidia"
    in a question about CUDA, as the answer itself. Only where no message names a cause (a message's causes are
    weighed with the same facts by weigh.no_nvidia_hardware); an NVIDIA GPU, driver or nvidia-smi output anywhere in
    the text rules it out, and so do another vendor's GPU stack (ROCm/HIP, ZLUDA, DirectML, XPU; unless a CUDA build
    of torch is shown installed: then that is what ran) and a working MPS.
    """
    # ("nvidia_gpu_told": "Intel UHD Graphics and an RTX card", an NVIDIA GPU told without its model)
    if nvidia_named(facts, also=("driver_cuda", "nvml_error", "nvidia_gpu_told")) or working_shown(facts):
        return []
    said = facts.get("no_nvidia_gpu") == "true"
    mac = facts.get("os") == "darwin" or facts.get("gpu_vendor") == "apple"
    other_vendor = facts.get("gpu_only_vendor") in ("amd", "intel")
    # printed, told, or a program's log of the CPU it fell back to
    unusable = facts.get("cuda_available") == "false" or "true" in (facts.get("gpu_unused"), facts.get("program_chose_cpu"))
    cuda_build_shown = facts.get("cuda_build_named") == "true" or facts.get("torch_variant", "").startswith("cu")
    failed = other_vendor and (_cuda_failure_told(clean) or (  # (a +cu build shown: an NVIDIA GPU too?)
        not cuda_build_shown and _GPU_USE_ASKED.search(clean.lower) is not None))
    cuda_named = "cuda" in clean.lower and "cuda" in _CUDA_INIT_WARNING_LINES.sub("", clean.lower)
    if not ((unusable and (said or mac or other_vendor)) or (said and cuda_named) or failed):
        return []
    if _another_vendors_stack(facts, clean):
        return []
    facts.setdefault("wanted", "cuda")  # the text tried CUDA (or asks about it): not a CPU-only setup told in passing
    key = "no_nvidia_gpu" if said else "os" if mac and facts.get("os") == "darwin" else "gpu_vendor"
    shown = best_facts(prose).get(key)
    excerpt = clean.text[shown.start:shown.end] if shown else ""
    revealed = ((key, facts.get(key, "")), *((("cuda_available", "false"),) if unusable else ()))
    # (the person's own words: the CPU or another computer; not beside an AMD or Intel card, which has its own build)
    wording = ((WORDING_FACT, "no_gpu_told"),) if said and facts.get("discrete_gpu_named") != "true" else ()
    return [Evidence(NO_NVIDIA_FOR_CUDA, "NO_NVIDIA_GPU", excerpt, revealed + wording)]


# the GPU's use asked for ("how do I make it use this GPU instead of CPU", "run it on my GPU"): with only another
# vendor's GPU named, the answer is that PyTorch's GPU builds for Windows and most programs need an NVIDIA GPU
_GPU_USE_ASKED = re.compile(
    r"\b(?:use|using|run(?:ning)?\son|utili[sz]e)\s(?:(?:my|the|this|a|its)\s)?(?:gpu|graphics\scard)\b"
    # the program's GPU option greyed out or the run left on the CPU ("GPU Conversion is inactive", "only runs on the
    # CPU", 只能CPU跑): what it gives that GPU
    r"|\bgpu\s(?:[a-z]{3,14}\s){0,2}(?:is\s|are\s|stays\s|button\sis\s)?(?:inactive|not\sactive|greyed\sout|grayed\sout|"
    r"disabled)\b"
    r"|\bonly\s(?:runs?|running|works?|uses?|using)\s(?:on\s)?(?:the\s|my\s)?cpu\b"
    r"|只能\s?(?:用|使用)?\s?cpu\s?(?:跑|运行|推理|训练)"
    # 可以使用AMD显卡跑吗 / 能用A卡跑吗 (can it run on the card: the use asked, as "use my GPU"; not "does it support
    # AMD", a question before buying)
    r"|(?:可以|能|能否|能不能|可不可以|是否(?:可以|能)?)\s?(?:用|使用|调用)\s?[^\n，。？?]{0,12}?(?:显卡|gpu|a卡)\s?"
    r"(?:跑|运行|推理|训练|加速)")


# CUDA or NVIDIA named in the words of the languages read ("没有找到英伟达的驱动": torch's "Found no NVIDIA driver" retold)
_CUDA_WORDS = re.compile(r"cuda|nvidia|英伟达|英偉達|エヌビディア|엔비디아")


def _cuda_failure_told(clean: CleanText) -> bool:
    """The text reports a failure and names CUDA or NVIDIA: on a machine whose only GPU is another vendor's, a failure
    about CUDA is answered by that GPU, whatever message told it (no message placed it, or this is not asked)."""
    return _CUDA_WORDS.search(clean.lower) is not None and reports_failure(clean.text)


CPU_BUILD_FOR_CUDA = "textdiag:cpu_build_for_cuda"


def _cpu_build_for_cuda(facts: dict[str, str]) -> list[Evidence]:
    """The torch installed is a CPU build and CUDA was wanted: that build is why, whatever the GPU; with no GPU facts at
    all, "no NVIDIA GPU" stays possible (then no CUDA build could help either).

    The build is shown (``+cpu``, torch.version.cuda None, conda's cpu build strings or packages; a ``+cpu`` version or
    the /whl/cpu index only named where no CUDA build is named as well) and the text wants CUDA (is_available()
    printed False, a CUDA index or conda's cudatoolkit / pytorch-cuda asked for, "runs on the CPU instead of the
    GPU"), or the person says a CPU build got installed ("it installs the cpu only version"): a complaint of its own.
    Where an NVIDIA GPU is named the checks say CPU_ONLY_WHEEL themselves, and where the text shows no NVIDIA GPU
    _cuda_without_nvidia_gpu has answered before this is asked."""
    if facts.get("torch_hip") or facts.get("torch_variant", "").startswith("rocm"):
        return []
    if working_shown(facts) == "cuda" or _cuda_build_running(facts):
        return []  # CUDA shown working, or a CUDA build shown installed: a CPU build told of is the one it replaced
    told = facts.get("torch_build_told") == "cpu"
    if not (told or (_cpu_build_shown(facts) and _cuda_wished(facts))):
        return []
    facts.setdefault("wanted", "cuda")  # CUDA was the wish (or the CPU build the complaint)
    shown = tuple((key, facts[key]) for key in ("torch_version", "torch_variant", "index_variant", "conda_cpu_build",
                                                "torch_build_told", "cuda_available") if facts.get(key))
    evidence = [Evidence(CPU_BUILD_FOR_CUDA, "CPU_ONLY_WHEEL", "", shown)]
    if not nvidia_named(facts, also=("driver_cuda",)):
        evidence.append(Evidence(CPU_BUILD_FOR_CUDA, "NO_NVIDIA_GPU", "", (*shown, (POSSIBLE_FACT, "true"))))
    return evidence


def _program_on_a_cpu_build_beside_working_cuda(facts: dict[str, str], prose: list[TextFact]) -> list[Evidence]:
    """CUDA shown working in one Python, and the program that runs on the CPU shows a CPU build of its own (ComfyUI's
    "pytorch version: 2.5.1+cpu" beside "Device: cpu", a second check printing "+cpu"): the program's Python has the CPU
    build, whatever the Python that was checked has."""
    if working_shown(facts) != "cuda" or "true" not in (facts.get("gpu_unused"), facts.get("program_chose_cpu")):
        return []
    working_build = facts.get("torch_version", "")
    cpu_builds = sorted({fact.value for fact in prose if fact.key in ("torch_version", "torch_installed")
                         and fact.value.endswith("+cpu") and fact.value != working_build})
    if not cpu_builds or working_build.endswith("+cpu"):
        return []
    shown = (("torch_version", cpu_builds[0]), ("working_build", working_build))
    working_cuda = _cuda_of_local_version(working_build)
    if working_cuda and not (facts.get("driver_cuda") or facts.get("driver_version")):
        # (the driver runs that build's CUDA: a build of the same CUDA is one it runs, as the newest may not be)
        facts["driver_cuda"] = working_cuda
    facts["torch_version"], facts["cuda_available"] = cpu_builds[0], "false"  # (the program's Python is the one to fix)
    facts.pop("torch_cuda", None)
    return [Evidence(CPU_BUILD_FOR_CUDA, "CPU_ONLY_WHEEL", "", shown)]


def _cuda_build_running(facts: dict[str, str]) -> bool:
    """The torch the text shows running or installed is a CUDA build (``+cuNNN``, torch.version.cuda printed)."""
    return bool(re.search(r"\+cu\d", facts.get("torch_version", ""))) or bool(facts.get("torch_cuda"))


def _cpu_build_shown(facts: dict[str, str]) -> bool:
    """The text shows a CPU build of torch: installed ones outright, one only named when no CUDA build is named too
    (a "+cpu" pin or the /whl/cpu index beside a "+cu121" one may be the build that was replaced)."""
    if facts.get("torch_version", "").endswith("+cpu") or facts.get("torch_build") == "cpu":
        return True
    if collect_env_shows_cpu_build(facts, facts.get("torch_version", "")):
        return True
    if facts.get("conda_cpu_build") == "true" and facts.get("cuda_build_named") != "true":
        return True  # (a cpu build string of torchvision beside pytorch's own cuda one is not torch's build)
    named = facts.get("torch_variant") == "cpu" or facts.get("index_variant") == "cpu"
    return named and facts.get("cuda_build_named") != "true"


CUDA_UNAVAILABLE_UNEXPLAINED = "textdiag:cuda_unavailable_unexplained"


def _cuda_complaint(facts: dict[str, str], clean: CleanText) -> bool:
    """The person reports that torch cannot use CUDA: is_available() False checked and reported with a failure, the
    person saying the program does not use or find the GPU, a program's own CUDA start check failing, or a CUDA failure
    here beside CUDA working elsewhere. A framework's log line ("GPU available: False") beside an unrelated error is no
    such report; neither is torch.load's advice, which its own signature reads."""
    if facts.get("gpu_unused") == "true" and facts.get("cuda_available") != "false" and _CPU_ON_PURPOSE.search(clean.lower):
        return False  # ("I run it on the CPU on purpose", "--device cpu": the CPU was the wish)
    if facts.get("gpu_unused") == "true" or facts.get("app_installs_cuda_build") == "true":
        return True  # (a program's own start check failing, "Torch is not able to use GPU", is the complaint itself)
    if facts.get("program_chose_cpu") == "true" and nvidia_named(facts) and not _CPU_ON_PURPOSE.search(clean.lower):
        return True  # ("Chosen device: cpu" where the text names an NVIDIA GPU, not asked for)
    if (facts.get("gpu_works_elsewhere") == "true" and "cuda" in clean.lower and reports_failure(clean.text)
            and facts.get("cuda_works") != "true"):
        return True  # "CUDA works with my other projects, but this one gives a CUDA error": CUDA fails here (unless a
        # tool shows CUDA working here too: a tensor on cuda:0 in the error itself)
    return facts.get("cuda_available") == "false" and "is_available" in clean.lower and reports_failure(clean.text)


# the CPU asked for: a device option or argument naming it, or the words "on purpose" (then "Using device: cpu" is
# what was wanted)
_CPU_ON_PURPOSE = re.compile(r"--device[ =]['\"]?cpu\b|\bdevice ?= ?['\"]?cpu\b|\b(?:on purpose|intentionally|deliberately)\b")


def _where_cuda_cannot_run(facts: dict[str, str]) -> list[Evidence]:
    """CUDA unusable where the place itself answers: a Jetson (only NVIDIA's JetPack builds of torch use its GPU, and
    JetPack is its driver), a desktop virtual machine (VMware Workstation/Player and VirtualBox pass no GPU through for
    CUDA, whatever the host has; nvidia-smi working inside would say otherwise), or a program that installs PyTorch's
    CUDA build itself with nothing NVIDIA in the text (its own start check fails the same way on AMD or Intel graphics:
    no NVIDIA GPU is likeliest, the driver possible)."""
    if facts.get("platform_board") == "jetson":
        return [Evidence(CUDA_UNAVAILABLE_UNEXPLAINED, "PLATFORM_UNSUPPORTED", "",
                         (("platform_board", "jetson"), (LIKELY_FACT, "true")))]
    if facts.get("desktop_vm") == "true" and not facts.get("driver_cuda"):
        facts.setdefault("wanted", "cuda")
        return [Evidence(CUDA_UNAVAILABLE_UNEXPLAINED, "NO_NVIDIA_GPU", "",
                         (("desktop_vm", "true"), (WORDING_FACT, "desktop_vm")))]
    if facts.get("hosted_notebook") and not nvidia_named(facts, also=("driver_cuda", "nvml_error")):
        facts.setdefault("wanted", "cuda")  # (Colab's and Kaggle's images ship PyTorch's CUDA build: the runtime decides)
        return [Evidence(CUDA_UNAVAILABLE_UNEXPLAINED, "NO_NVIDIA_GPU", "",
                         (("hosted_notebook", facts["hosted_notebook"]), (WORDING_FACT, "hosted_notebook")))]
    given_no_gpu = _started_without_gpu(facts)
    if given_no_gpu:
        facts.setdefault("wanted", "cuda")
        return [Evidence(CUDA_UNAVAILABLE_UNEXPLAINED, "DRIVER_MISSING", "", given_no_gpu)]
    # (a program whose start check asserts CUDA and that worked here before had a GPU CUDA reached)
    if facts.get("app_installs_cuda_build") == "true" and not nvidia_named(facts, also=("driver_cuda", "nvml_error",
                                                                                        "worked_before")):
        facts.setdefault("wanted", "cuda")
        shown = tuple((key, facts[key]) for key in ("cuda_available", "os") if facts.get(key))
        return [Evidence(CUDA_UNAVAILABLE_UNEXPLAINED, "NO_NVIDIA_GPU", "", (*shown, (LIKELY_FACT, "true"))),
                Evidence(CUDA_UNAVAILABLE_UNEXPLAINED, "DRIVER_MISSING", "", (*shown, (POSSIBLE_FACT, "true")))]
    return []


def _cuda_unavailable_unexplained(facts: dict[str, str], cuda_complaint: bool, linux_inside: bool = False,
                                  conda_named: bool = False) -> list[Evidence]:
    """The person reports torch cannot use CUDA and nothing else in the text places it: the causes a helpdesk names
    before asking for more. Each is only *possible* (warnings; the verdict stays "cannot tell" with its question),
    unless the platform makes one the likeliest (:func:`_likely_cause`): that one is named first as "most likely",
    with the check that confirms it, and the others stay possible.

    A CUDA build shown (``+cu…``, or on Linux a version without one, PyPI's CUDA build) leaves the driver (missing, or older than the build); a build not shown leaves the
    CPU-only build (what pip installs from PyPI on Windows, and any CPU wheel or conda cpu build) and the driver. A
    driver the text shows (nvidia-smi, a version) is not missing, and with its CUDA version shown the comparison with
    the build was made already. Where the person says CUDA works for another program or environment on this machine,
    the driver runs: the CPU-only build is then the one cause left (what the text shows working is that other place).
    Inside WSL the driver is the Windows one, so the driver causes are WSL_DRIVER. Where the place itself answers
    (:func:`_where_cuda_cannot_run`), that is the cause. A Mac, another vendor's GPU or a CPU build shown was answered
    before this is asked."""
    elsewhere = facts.get("gpu_works_elsewhere") == "true"  # (then what the text shows working is that other place)
    if not cuda_complaint or (working_shown(facts) and not elsewhere) or facts.get("os") == "darwin":
        return []
    if facts.get("torch_hip"):
        return []
    if facts.get("torch_variant", "").startswith("rocm") or "true" in (facts.get("mps_available"), facts.get("xpu_available")):
        return []
    where = _where_cuda_cannot_run(facts)
    if where:
        return where
    cuda_build = (_cuda_build_running(facts) or facts.get("torch_variant", "").startswith("cu")
                  or _pypi_linux_variant(facts, conda_named).startswith("cu")  # (PyPI's Linux torch: a CUDA build)
                  or facts.get("bundled_cuda_build") == "true")  # (a program's own Python with PyTorch's CUDA build)
    driver_runs = bool(facts.get("driver_version") or facts.get("driver_cuda"))  # nvidia-smi or a version shown
    causes = [] if cuda_build else ["CPU_ONLY_WHEEL"]
    causes += [] if driver_runs else ["DRIVER_MISSING"]
    if cuda_build and not facts.get("driver_cuda") and not _driver_runs_build(facts):
        causes.append("DRIVER_TOO_OLD")  # (with the driver's CUDA shown, _driver_below_build compared already)
    if elsewhere and (facts.get("runs_in_notebook") == "true" or facts.get("runs_in_editor") == "true"):
        # CUDA works in the terminal, not in the notebook or editor: the kernel or the editor runs another Python
        return [Evidence(CUDA_UNAVAILABLE_UNEXPLAINED, "ENV_MISMATCH", "", (("gpu_works_elsewhere", "true"),
                                                                             (LIKELY_FACT, "true")))]
    if elsewhere:  # the GPU works for another program or environment here: the driver runs, this environment differs
        causes = [cause for cause in causes if cause not in ("DRIVER_MISSING", "DRIVER_TOO_OLD")]
    if facts.get("is_wsl") == "true" and {"DRIVER_MISSING", "DRIVER_TOO_OLD"} & set(causes):
        # inside WSL 2 the driver is the Windows one (a Linux driver installed there breaks it): one cause, WSL's
        causes = [cause for cause in causes if cause not in ("DRIVER_MISSING", "DRIVER_TOO_OLD")] + ["WSL_DRIVER"]
    if not causes:
        return []
    facts.setdefault("wanted", "cuda")  # CUDA unusable is the complaint: CUDA was the wish
    likely = "" if linux_inside and not elsewhere else _likely_cause(facts, causes)
    shown = tuple((key, facts[key]) for key in ("cuda_available", "gpu_unused", "os") if facts.get(key))
    because = ((WORDING_FACT, "elsewhere"),) if elsewhere else ()  # (its words say why, not the platform)
    if likely == "CPU_ONLY_WHEEL" and not elsewhere and causes == ["CPU_ONLY_WHEEL"] and facts.get("driver_cuda"):
        because = ((WORDING_FACT, "driver_runs"),)  # (named because the driver shown works: nvidia-smi answered)
    elif likely == "CPU_ONLY_WHEEL" and not elsewhere and facts.get("os") != "windows":
        because = ((WORDING_FACT, "common"),)  # (named as the commonest reason, with no system told)
    return [Evidence(CUDA_UNAVAILABLE_UNEXPLAINED, cause, "",
                     (*shown, *because, (LIKELY_FACT, "true")) if cause == likely else (*shown, (POSSIBLE_FACT, "true")))
            for cause in sorted(causes, key=lambda cause: cause != likely)]


# torch running in Linux on a Windows computer: a container ("docker run", "podman") or a POSIX path of an install
# ("/usr/local/lib/python3.10", "/opt/conda", "/home/…"): Linux wheels, which PyPI publishes as CUDA builds
_LINUX_INSIDE = re.compile(r"\b(?:docker|podman)\b|(?:^|[\s\"'(])/(?:usr|opt|home|root|app|workspace)/", re.I | re.M)
_LINUX_INSIDE_WORDS = ("docker", "podman", "/usr/", "/opt/", "/home/", "/root/", "/app/", "/workspace/")


def _unexplained_complaint(facts: dict[str, str], clean: CleanText, gpus_named: int = 0) -> list[Evidence]:
    """_cuda_unavailable_unexplained for the complaint the text makes; the whole-text searches run only when there is
    one (a megabyte paste without it costs nothing here). CUDA_VISIBLE_DEVICES shown hiding the GPU comes first."""
    complaint = _cuda_complaint(facts, clean) and not _another_vendors_stack(facts, clean)
    if not complaint:
        return []
    if facts.get("bundled_cuda_build") == "true" and _TORCH_PIP_INSTALLED.search(clean.lower):
        del facts["bundled_cuda_build"]  # torch installed over the bundled one: its build is no longer known
    return _visible_devices_hide(facts, gpus_named) or _cuda_unavailable_unexplained(
        facts, True, _linux_inside(clean), "conda" in clean.lower)


VISIBLE_DEVICES_HIDE = "textdiag:visible_devices_hide"


def _visible_devices_hide(facts: dict[str, str], gpus_named: int) -> list[Evidence]:
    """CUDA unusable and CUDA_VISIBLE_DEVICES shown set (an export, os.environ[...] = ..., %env): a value that names no
    GPU ("", "-1", "none") hides every GPU; one whose first entry is an index beyond the GPUs the text names ("2" on a
    one-GPU computer, which CUDA then cannot see, so it sees none) most likely does, the usual computer having one GPU
    (index 0). A GPU UUID or index 0 first leaves a GPU visible."""
    value = facts.get("cuda_visible_devices", "")
    if not value:
        return []
    value = "" if value == "(empty)" else value.split()[0]
    seen = max(gpus_named, 1)
    if visible_device_count(value, seen) > 0 or value.startswith(("GPU-", "MIG-")):
        return []
    shown = (("cuda_visible_devices", value or "(empty)"), (LIKELY_FACT, "true"))  # (the value may be reset later)
    return [Evidence(VISIBLE_DEVICES_HIDE, "VISIBLE_DEVICES_MASK", f"CUDA_VISIBLE_DEVICES={value}", shown)]


# what gives a container the host's GPU: Docker's --gpus (19.03 on), the nvidia runtime (nvidia-docker 2), the
# nvidia-docker wrapper (1), podman's CDI device, a compose file's GPU reservation (NVIDIA Container Toolkit docs)
_CONTAINER_GPU_WORDS = ("--gpus", "nvidia-docker", "runtime=nvidia", "--runtime nvidia", "nvidia.com/gpu",
                        "capabilities: [gpu]", "driver: nvidia", "device_requests", "nvidia_visible_devices",
                        "default-runtime")
# the run command with its arguments (an option, or an image with a registry path or tag), not "docker run" in a
# sentence ("docker run hello-world works")
_CONTAINER_RUN = re.compile(r"\b(?:docker|podman) (?:container )?run[ \t]{1,4}(?:-|[\w.-]{1,80}[:/])")


def _started_without_gpu(facts: dict[str, str]) -> tuple[tuple[str, str], ...]:
    """The fact and the words for a program started where no GPU was handed to it: a container without --gpus (on
    Windows through Docker Desktop's WSL 2), else a Slurm job that asked for none; () where neither."""
    if facts.get("container_without_gpus") == "true":
        wording = "container_windows" if facts.get("os") == "windows" else "container"
        return ("container_without_gpus", "true"), (WORDING_FACT, wording)
    if facts.get("job_without_gpus") == "true":
        return ("job_without_gpus", "true"), (WORDING_FACT, "slurm_job")
    return ()


# what asks Slurm for a GPU (its --gres and --gpus options, in an #SBATCH line or on srun's command line), or a GPU
# partition by its usual name
_SLURM_GPU_WORDS = ("--gres", "gres=", "gres", "--gpus", "gpus-per", "gpus=", "--tres", "tres-per", "--partition=gpu",
                    "-p gpu", "partition gpu", "partition=gpu")
# "-G 1", "-G1" (sbatch's --gpus), and a GPU asked for or allocated in words ("request 1 GPU", "2 GPUs allocated")
_SLURM_GPU_ASKED = re.compile(r"(?:^|\s)-G ?\d|\b(?:request(?:s|ed|ing)?|allocat(?:e|es|ed|ing)|asks? for|asked for)\b"
                              r"[^\n.]{0,30}\bgpus?\b|\bgpus?\b[^\n.]{0,20}\b(?:allocated|requested|assigned)\b", re.IGNORECASE)
# (each branch led by its word, the start checked behind it: a regex led by a literal is searched for it, not tried at
# every position of a long log)
_SLURM_RUN = re.compile(r"srun(?<![^\s`$]srun)\s|sbatch(?<![^\s`$]sbatch)\s|#SBATCH(?<![^\n]#SBATCH)\s")


def _slurm_job_without_gpus(clean: CleanText) -> bool:
    """The program ran as a Slurm job (srun, an sbatch script) and nothing in the text asks Slurm for a GPU: the
    compute node then gives the job none, whatever the login node has (Slurm's --gres / --gpus options)."""
    lower = clean.lower
    if "srun" not in lower and "sbatch" not in lower:
        return False  # (a substring test before a regex that tries every position)
    return (_SLURM_RUN.search(clean.text) is not None and not any(word in lower for word in _SLURM_GPU_WORDS)
            and _SLURM_GPU_ASKED.search(clean.text) is None)


def _container_without_gpus(clean: CleanText) -> bool:
    """The text shows the container started (docker run, podman run) and nothing that gives it the host's GPU: inside,
    no NVIDIA driver is there, whatever the host has."""
    lower = clean.lower
    if "docker" not in lower and "podman" not in lower:
        return False  # (a substring test in C before a regex that tries every position)
    return "run" in lower and _CONTAINER_RUN.search(lower) is not None and not any(
        word in lower for word in _CONTAINER_GPU_WORDS)


# a 32-bit ARM system named by its machine or ABI ("armv7l", Debian's "armhf", "arm-linux-gnueabihf", pip's
# "linux_armv7l" tag)
_ARM32_SHOWN = re.compile(r"(?<![a-z0-9_])(?:linux_)?(?:armv7l|armv6l|armhf|arm-linux-gnueabihf?)(?![a-z0-9])")
MAX_ARM_WORDS = 50


def _arm32_shown(lower: str) -> bool:
    """A 32-bit ARM platform named (its machine, Debian's armhf, the GNU triplet); the regex runs around each of its
    words only (a long text has many positions a regex not led by a literal would try)."""
    for word in ("armv", "armhf", "gnueabi"):
        position = lower.find(word)
        for _ in range(MAX_ARM_WORDS):
            if position < 0:
                break
            if _ARM32_SHOWN.search(lower, max(0, position - 16), position + 24):
                return True
            position = lower.find(word, position + 1)
    return False


# Docker in use: a container run or built (docker run / compose / exec / build, Docker Desktop, a container or image
# named beside it), not Docker denied or in the past ("not in Docker", "no docker", "I uninstalled Docker")
_DOCKER_USED = re.compile(r"(?<![a-z])(?:docker|podman)(?:[ -]?compose| run| exec| build| desktop| container| image)(?![a-z])"
                          r"|(?<![a-z])(?:docker|podman)(?![a-z])[^\n.]{0,60}?\b(?:container|image)s?\b"
                          r"|\b(?:build(?:ing)?|run(?:ning)?|start(?:ing)?|us(?:e|ing)|in)\s(?:the\s|a\s|my\s)?(?:docker|podman)"
                          r"(?![a-z])")
_DOCKER_DENIED = re.compile(r"\b(?:not|no|without|never|uninstalled|removed|used to use|don['’]t|do not|didn['’]t|doesn['’]t|"
                            r"no longer)\b[^\n.]{0,30}?(?<![a-z])(?:docker|podman)"
                            r"(?![a-z])|(?<![a-z])(?:docker|podman)(?![a-z])[^\n.]{0,60}?(?:\b(?:not used|isn['’]t used)\b"
                            r"|\bi (?:don['’]t|do not|didn['’]t) use\b)"
                            # (Docker working elsewhere beside the native environment that fails)
                            r"|\bnative(?:ly)?\b|\boutside (?:of )?(?:docker|the container)")


def _docker_used(lower: str) -> bool:
    """Docker (or Podman) in use in the text, not denied or of the past (the substring test first: most texts have
    neither word)."""
    if "docker" not in lower and "podman" not in lower:
        return False
    return _DOCKER_USED.search(lower) is not None and _DOCKER_DENIED.search(lower) is None


_TORCH_PIP_INSTALLED = re.compile(r"\b(?:pip3?|uv pip) install\b[^\n]{0,120}?\btorch\b")
_LINUX_ALSO = re.compile(r"\b(?:linux|ubuntu|debian|centos|fedora|manylinux|ssh)\b|(?:^|[\s\"'(])/home/")


@functools.cache
def _linux_driver_branches() -> frozenset[int]:
    data = json.loads(resource("textdiag", "driver_numbering.json").read_text(encoding="utf-8"))
    return frozenset(int(branch) for branch in data["linux_branches"])


def windows_driver_number(version: str) -> bool:
    """A driver version NVIDIA numbers only for Windows: its first number is no Linux branch ("536.23", "572.16";
    resources/textdiag/driver_numbering.json). Inside WSL 2 nvidia-smi prints the Windows driver's number too."""
    found = re.match(r"(\d{3})\.\d{2}$", version or "")
    return bool(found) and int(found.group(1)) >= 384 and int(found.group(1)) not in _linux_driver_branches()


# another machine in the text (a server, a cluster, a hosted notebook, a second computer): the driver told may be its
_OTHER_MACHINE = re.compile(r"\b(?:server|cluster|colab|kaggle|remote|cloud|instance|vm|virtual machine|"
                            r"(?:another|other|second|my other|a different) (?:pc|computer|machine|laptop|desktop|box))\b")


def _windows_by_driver_number(facts: dict[str, str], clean: CleanText) -> bool:
    """No system told, and a Windows driver's number with nothing of Linux (a distribution, a POSIX path, a container,
    WSL) in the text and no other machine named (whose driver it may be): the computer runs Windows."""
    return (not facts.get("os") and facts.get("is_wsl") != "true" and windows_driver_number(facts.get("driver_version", ""))
            and facts.get("gpu_works_elsewhere") != "true" and _LINUX_ALSO.search(clean.lower) is None
            and not _linux_inside(clean) and "wsl" not in clean.lower and _OTHER_MACHINE.search(clean.lower) is None)


# a package's setup.py running in the build environment pip (PEP 517/518), poetry, pdm or uv make for it, which holds
# only its declared build requirements (pip's docs, "Build System Interface": build isolation): pip's temporary
# "pip-build-env-…" overlay, setuptools' build_meta hooks, "setup.py egg_info", a traceback frame of setup.py
_ISOLATED_BUILD = re.compile(r"pip-build-env-|build_meta\.py|get_requires_for_build|_get_build_requires|"
                             r"getting requirements to build|'setup\.py', 'egg_info'")
_NO_TORCH = re.compile(r"no module named ['\"]?torch['\"]?(?![\w.])")
ISOLATED_BUILD_REACH = 3000  # characters before "No module named 'torch'" where the build's own lines stand


def _torch_missing_in_isolated_build(lower: str) -> bool:
    """"No module named 'torch'" with the isolated build's own lines just before it (not an isolated build of another
    package that failed for another reason, beside a script of the person's own without torch)."""
    for found in _NO_TORCH.finditer(lower):
        markers = list(_ISOLATED_BUILD.finditer(lower, max(0, found.start() - ISOLATED_BUILD_REACH), found.start()))
        # (the build's own failure, not one of its that ended on another module before a script of the person's)
        if markers and "no module named" not in lower[markers[-1].end():found.start()]:
            return True
    return False


# CUDA working only for root: is_available() True under sudo and False without, or told ("torch can only access the gpu
# when run with sudo", "not able to use GPU unless superuser"). The driver's device files (/dev/nvidia*) are then not
# open to the user (NVIDIA's driver README, "Configuring device file permissions": the group and mode the driver sets)
_CUDA_TRUE_AS_ROOT = re.compile(r"sudo\b[^\n]{0,300}is_available\(\)[^\n]{0,60}\n[ \t]{0,8}true\b")
MAX_ROOT_LINES = 40  # lines naming sudo or root that are read (a long log names /root/ on every line)


def _lines_naming(lower: str, words: tuple[str, ...]) -> list[tuple[int, int]]:
    """(start, end) of the first MAX_ROOT_LINES lines that hold one of the words."""
    found: dict[int, int] = {}
    for word in words:
        position = lower.find(word)
        while position >= 0 and len(found) < MAX_ROOT_LINES:
            start = lower.rfind("\n", 0, position) + 1
            end = lower.find("\n", position)
            end = len(lower) if end < 0 else end
            found[start] = end
            position = lower.find(word, end)
    return sorted(found.items())


_CUDA_FALSE_AS_USER = re.compile(r"^(?![^\n]*\bsudo\b)[^\n]{0,300}is_available\(\)[^\n]{0,60}\n[ \t]{0,8}false\b", re.M)
_ONLY_AS_ROOT_TOLD = re.compile(
    r"\b(?:only|just)\s(?:(?:works?|runs?|sees?|detects?|finds?|uses?|access(?:es)?)\s)?(?:[^\n.,;]{0,40}?\s)?"
    r"(?:when\s(?:i\s)?run\s(?:it\s)?(?:with|as)|with|as|under|via|using)\s(?:sudo|root|superuser)\b"
    r"|\bunless\s(?:(?:i\s)?run\s(?:it\s)?(?:with|as)\s)?(?:sudo|root|superuser)\b")


def _cuda_only_as_root(facts: dict[str, str], clean: CleanText) -> list[Evidence]:
    """CUDA usable as root and not as the user: the GPU's device files are closed to the user (DRIVER_MISSING, in
    words of permission: add the user to the devices' group, not sudo)."""
    lower = clean.lower
    lines = _lines_naming(lower, ("sudo", "root", "superuser"))
    if not lines:
        return []
    shown = (any(_CUDA_TRUE_AS_ROOT.search(lower, start, min(len(lower), end + 80)) for start, end in lines)
             and _CUDA_FALSE_AS_USER.search(lower) is not None)
    # (a line telling it about the GPU, not Docker's own socket, apt or pip: "docker only works with sudo")
    told = any(_ONLY_AS_ROOT_TOLD.search(lower, start, end) and re.search(r"gpu|cuda|torch", lower[start:end])
               and not re.search(r"docker|podman|apt\b|pip\b", lower[start:end]) for start, end in lines)
    if not shown and not told:
        return []
    facts.setdefault("wanted", "cuda")
    return [Evidence(CUDA_ONLY_AS_ROOT, "DRIVER_MISSING", "", (("cuda_as_root", "true"), (WORDING_FACT, "permission")))]


CUDA_ONLY_AS_ROOT = "textdiag:cuda_only_as_root"


def _linux_inside(clean: CleanText) -> bool:
    """A Linux container or a POSIX install path in the text (then the torch that ran is a Linux wheel)."""
    return any(word in clean.lower for word in _LINUX_INSIDE_WORDS) and _LINUX_INSIDE.search(clean.text) is not None


def _likely_cause(facts: dict[str, str], causes: list[str]) -> str:
    """The cause the platform makes likeliest, or "": on Windows (not WSL), PyPI's torch wheels are CPU-only builds
    (the CUDA builds come only from PyTorch's own index, as "+cuNNN"), so where no CUDA build is shown the CPU-only
    build is what a plain install, and most installers of other programs, leave behind. On Linux PyPI's torch is a
    CUDA build, so the driver is as likely there and nothing is preferred. Nor where the text names a CUDA build (a
    /whl/cuNNN index, a +cuNNN pin): the install asked PyTorch's index for one, which is no plain install."""
    if causes == ["CPU_ONLY_WHEEL"] and facts.get("gpu_works_elsewhere") == "true":
        return "CPU_ONLY_WHEEL"  # the only cause left where CUDA works elsewhere on this machine and no build is shown
    if causes == ["CPU_ONLY_WHEEL"] and _driver_shown_recent(facts):
        return "CPU_ONLY_WHEEL"  # a driver that runs every CUDA 12 build is shown working: the build is what is left
    if facts.get("cuda_build_named") == "true" or facts.get("index_variant", "").startswith("cu"):
        return ""
    if _only_task_manager_shows_it_idle(facts):
        return ""  # (Task Manager's GPU graphs show no CUDA work by default: nothing says the program ran on the CPU)
    if facts.get("bundled_cuda_build") == "true" and "DRIVER_TOO_OLD" in causes and nvidia_named(facts):
        return "DRIVER_TOO_OLD"  # the program ships a recent CUDA build; an NVIDIA GPU named has a driver, too old for it
    if facts.get("app_installs_cuda_build") == "true":
        return ""  # the program installed PyTorch's CUDA build itself: no plain install, no CPU build likelier
    if "CPU_ONLY_WHEEL" in causes and facts.get("os") == "windows" and facts.get("is_wsl") != "true":
        return "CPU_ONLY_WHEEL"
    if "CPU_ONLY_WHEEL" in causes and _nothing_about_the_setup(facts):
        return "CPU_ONLY_WHEEL"
    return ""


def _only_task_manager_shows_it_idle(facts: dict[str, str]) -> bool:
    """The GPU is called unused from Task Manager's load, with no is_available() False, no CPU build and no program
    saying it chose the CPU."""
    return (facts.get("gpu_load_seen") == "task_manager" and facts.get("cuda_available") != "false"
            and facts.get("program_chose_cpu") != "true" and facts.get("torch_build_told") != "cpu"
            and not facts.get("torch_variant", "").startswith("cpu"))


def _driver_shown_recent(facts: dict[str, str]) -> bool:
    """nvidia-smi's CUDA version is 12.x or newer: the driver runs any CUDA 12 build of torch (minor-version
    compatibility), so with it answering, a CUDA build of the last years would see the GPU. (A driver version only
    told, not printed by a tool that reached it, shows no driver answering.)"""
    return (_cuda_major(facts.get("driver_cuda", "")) or 0) >= 12


def _nothing_about_the_setup(facts: dict[str, str]) -> bool:
    """No system, torch version, driver or installer told: then the CPU-only build, the commonest reason CUDA is
    unusable (pip's default on Windows, conda's cpu builds, other programs' installers), is named first. Measured on the
    corpus's tuning half: of the complaints that told none of these, 6 of 11 were the CPU-only build, none the driver
    (docs/textdiag-accuracy.md)."""
    told = ("os", "is_wsl", "torch_version", "torch_named", "torch_variant", "driver_version", "driver_cuda",
            "conda_cuda", "index_variant", "platform_board")
    return not any(facts.get(key) for key in told)


def _cuda_wished(facts: dict[str, str]) -> bool:
    """is_available() printed False, a CUDA build, a CUDA index or conda's CUDA asked for, "runs on the CPU instead of the GPU", or the
    person's NVIDIA GPU told without its name ("my NVIDIA driver"), which with its name the checks take as the wish."""
    return facts.get("cuda_available") == "false" or facts.get("gpu_vendor") == "nvidia" or _cuda_asked_for(facts)


def _cuda_asked_for(facts: dict[str, str]) -> bool:
    """CUDA asked for in so many words: the wish recorded, conda's CUDA package or a CUDA index of PyTorch's in a
    command, or the person saying the GPU goes unused."""
    return (facts.get("wanted") == "cuda" or bool(facts.get("conda_cuda")) or facts.get("gpu_unused") == "true"
            or facts.get("index_variant", "").startswith("cu"))


def _cuda_wished_beside_collect_env(facts: dict[str, str]) -> bool:
    """CUDA asked for by more than collect_env's own fields: conda's CUDA package or a CUDA index in a command, the
    person saying the GPU goes unused, or another message's CUDA cause (collect_env prints "Is CUDA available: False"
    for every CPU build, wished for or not). Never on a Mac, where no CUDA build exists."""
    return facts.get("os") != "darwin" and _cuda_asked_for(facts)


def _cuda_false_beside_collect_env(facts: dict[str, str], env: ce.CollectEnv, text: str) -> bool:
    """is_available() False printed by the person (a template's fields read as collect_env have no such field of their
    own): checked, so CUDA was the wish."""
    return (facts.get("cuda_available") == "false" and "Is CUDA available" not in env.fields and facts.get("os") != "darwin"
            and reports_failure(text, False))  # (a failure told beside it: a template's answer alone is no complaint)


def _cuda_major(version: str) -> int | None:
    found = cuda_tuple(version)
    return found[0] if found else None


def working_shown(facts: dict[str, str]) -> str:
    """What the text shows working: "cuda" (is_available() True, a tensor on a cuda device, "runs on the GPU"),
    "mps" (torch.backends.mps.is_available() True, a tensor on mps), "xpu" (torch.xpu.is_available() True, a tensor
    on xpu: an Intel GPU), or ""."""
    if facts.get("cuda_available") == "true" or facts.get("cuda_works") == "true":
        return "cuda"
    if facts.get("mps_available") == "true":
        return "mps"
    if facts.get("xpu_available") == "true":
        return "xpu"
    return ""


def wanted_from_text(snapshot: Snapshot) -> str:
    """"cuda" when the pasted text proves CUDA was wanted (a CUDA error, a CUDA build or index asked for), else ""."""
    for item in snapshot.evidence:
        if item.signature == WANTED_SIGNATURE:
            return dict(item.facts).get("wanted", "")
    return ""


def goal_for_text(snapshot: Snapshot, goal: Goal) -> Goal:
    """The goal with what the text proves: "auto" becomes "cuda" when the text shows CUDA was wanted."""
    if goal.want == "auto" and snapshot.source == "text" and wanted_from_text(snapshot) == "cuda":
        return dataclasses.replace(goal, want="cuda")
    return goal


def textdiag_notes(snapshot: Snapshot) -> tuple[str, ...]:
    """The notes about the paste itself (cut, binary, nothing recognised), for the user."""
    return tuple(dict(e.facts).get("note", "") for e in snapshot.evidence if e.signature.startswith(NOTE_PREFIX))


def evidence_excerpts(snapshot: Snapshot) -> tuple[str, ...]:
    """The verbatim excerpts that were recognised (what the details view highlights)."""
    return tuple(e.excerpt for e in snapshot.evidence if e.excerpt and not e.signature.startswith(NOTE_PREFIX))


# ------------------------------------------------------------------ notes


def _note(kind: str, message: str) -> Evidence:
    return Evidence(signature=NOTE_PREFIX + kind, cause="", excerpt="", facts=(("note", message),))


def _paste_notes(clean: CleanText) -> list[Evidence]:
    if not clean.capped:
        return []
    message = (
        f"The text is very long ({clean.original_chars:,} characters): only the first {HEAD_CHARS:,} and the "
        f"last {TAIL_CHARS:,} characters were examined."
    )
    return [_note("capped", message)]


# ------------------------------------------------------------------ collect_env → facts


def _collect_env_facts(env: ce.CollectEnv, facts: dict[str, str]) -> list[Evidence]:
    """Fill ``facts`` from the collect_env fields; one Evidence per field that revealed something."""
    evidence = []

    def reveal(key: str, revealed: dict[str, str]) -> None:
        revealed = {k: v for k, v in revealed.items() if v}
        if not revealed or key not in env.excerpts:
            return
        for name, value in revealed.items():
            facts.setdefault(name, value)
        slug = re.sub(r"[^a-z0-9]+", "_", key.lower()).strip("_")
        evidence.append(Evidence(f"collect_env:{slug}", "", env.excerpts[key], tuple(revealed.items())))

    torch_version = ce.version_token(env.value("PyTorch version"))
    reveal("PyTorch version", {"torch_version": torch_version})
    if "PyTorch version" in env.fields and not torch_version:
        facts.setdefault("torch_not_importable", "true")
    reveal("CUDA used to build PyTorch", {"torch_cuda": env.value("CUDA used to build PyTorch")})
    if torch_version and "CUDA used to build PyTorch" in env.fields:
        # torch imported, so "None" / "Could not collect" here is torch.version.cuda == None: a CPU (or ROCm) build
        facts.setdefault("torch_build_known", "true")
    reveal("ROCM used to build PyTorch", {"torch_hip": env.value("ROCM used to build PyTorch")})
    reveal("Is CUDA available", {"cuda_available": ce.boolean(env.value("Is CUDA available"))})
    reveal("Is MPS available", {"mps_available": ce.boolean(env.value("Is MPS available"))})
    reveal("Is XPU available", {"xpu_available": ce.boolean(env.value("Is XPU available"))})
    os_revealed = ce.os_facts(env.value("OS"), env.value("Python platform"))
    reveal("OS", {k: v for k, v in os_revealed.items() if k in ("os", "os_release", "machine")})
    # "Libc version" is the system's C library; the "-with-glibcX.Y" of "Python platform" is platform.libc_ver() of the
    # interpreter's binary (the glibc it was linked against, 2.17 for conda's Pythons), only a lower bound
    reveal("Libc version", {"libc": ce.libc_from_field(env.value("Libc version"))})
    reveal("Python platform", {k: v for k, v in os_revealed.items() if k in ("kernel", "libc", "is_wsl", "os")})
    version, bits, implementation = ce.python_version_and_bits(env.value("Python version"))
    if not bits and torch_version:
        bits = "64"  # official torch wheels exist only for 64-bit Pythons: this one imported torch
    if not implementation and torch_version:
        implementation = "cpython"  # likewise, torch wheels are CPython wheels
    reveal("Python version", {"python_version": version, "python_bits": bits, "python_impl": implementation})
    reveal("CUDA runtime version", {"toolkit_version": env.value("CUDA runtime version")})
    reveal("Nvidia driver version", {"driver_version": env.value("Nvidia driver version")})
    cudnn = ce.cudnn_entries(env)
    reveal("cuDNN version", {"cudnn_paths": "\n".join(cudnn)})
    names = ce.gpu_names(env)
    reveal("GPU models and configuration", {"gpu_names": "\n".join(names)})
    dists = ce.distributions(env)
    reveal("Versions of relevant libraries", {"distributions": " ".join(f"{d.name}=={d.version}" for d in dists)})
    return evidence


# ------------------------------------------------------------------ GPUs


def _gpu_names(env: ce.CollectEnv | None, lines: list[str], clean: CleanText, facts: dict[str, str]) -> list[str]:
    """One name per GPU: from collect_env, else nvidia-smi's table, else `nvidia-smi -L` lines; plus the
    GPU an error message names when none of those lists it."""
    names: list[str] = list(ce.gpu_names(env)) if env else []
    if not names and "nvidia-smi" in clean.lower:
        names = _nvidia_smi_rows(lines)
    if not names:
        names = [ce.strip_uuid(m.group(1)) for m in _GPU_LINE.finditer("\n" + clean.text)]
    if facts.get("gpu_name") and facts["gpu_name"] not in names:
        names.append(facts["gpu_name"])
    return [name for name in names if name]


# "GPU 0: NVIDIA GeForce RTX 3090" opening a line (searched as "\nGPU ": a literal start is found without a step per line)
_GPU_LINE = re.compile(r"\nGPU \d{1,3}: ([^\n]{1,200})")


def _nvidia_smi_rows(lines: list[str]) -> list[str]:
    """GPU names from nvidia-smi's table rows "|   0  NVIDIA GeForce RTX 3090   Off |  00000000:01:00.0 ...|"."""
    names = []
    for line in lines:
        if not line.startswith("|") or line.count("|") < 3:
            continue
        words = line.split("|")[1].split()
        if len(words) >= 3 and words[0].isdigit() and words[-1] in ("On", "Off"):
            name = " ".join(words[1:-1])
            if not name.endswith("...") and re.search(r"[A-Za-z]{2}", name):
                names.append(name)
    return names


def _capability_for(name: str, facts: dict[str, str]) -> str:
    if facts.get("sm") and (not facts.get("gpu_name") or facts["gpu_name"] == name):
        return capability_from_sm(facts["sm"])
    return capability_from_knowledge(name)


@functools.lru_cache(maxsize=256)
def capability_from_knowledge(name: str) -> str:
    """Compute capability from the knowledge base's GPU name patterns, "" when unknown or unavailable."""
    knowledge = knowledge_or_none()
    model = knowledge.gpu_model(name) if knowledge is not None else None
    return model.capability if model else ""


# ------------------------------------------------------------------ facts from prose and other tools' formats


def _prose_facts(prose: list[TextFact], facts: dict[str, str]) -> list[Evidence]:
    """Add what prose reveals where collect_env and the error messages said nothing; one Evidence per fact used."""
    evidence = []
    for key, fact in best_facts(prose).items():
        if key in facts:
            continue
        facts[key] = fact.value
        evidence.append(
            Evidence(
                signature=f"text:{fact.rule}",
                cause="",
                excerpt="",
                facts=((key, fact.value), ("confidence", f"{fact.confidence:.1f}"), ("span", f"{fact.start}-{fact.end}")),
            )
        )
    if _rocm_build_asked(facts) and not facts.get("gpu_vendor") and not nvidia_named(facts):
        facts["gpu_vendor"] = "amd"  # (a ROCm build is asked for an AMD GPU: what CUDA's errors are to an NVIDIA one)
        facts.setdefault("discrete_gpu_named", "true")
    if facts.get("gpu_vendor") in ("amd", "intel", "apple") and "gpu_name" not in facts:
        facts.setdefault("gpu_only_vendor", facts["gpu_vendor"])
    return evidence


# torch.cuda.is_available() and device_count() of a CUDA build warn with this and answer False, and torch goes on, on the
# CPU (torch/cuda/__init__.py: warnings.warn(f"CUDA initialization: {msg}") around torch._C._cuda_getDeviceCount())
_CUDA_INIT_WARNING = re.compile(r"UserWarning: CUDA initialization: Found no NVIDIA driver on your system")


# (lower-cased, with the line of torch's code the warning shows under it)
_CUDA_INIT_WARNING_LINES = re.compile(r"[^\n]*userwarning: cuda initialization:[^\n]*"
                                      r"(?:\n[ \t]*return torch\._c\._cuda_getdevicecount\(\) > 0)?")


def _no_driver_warning_while_on_cpu(found: Match, clean: CleanText) -> bool:
    """torch's warning that it found no NVIDIA driver, on a machine the text says has no NVIDIA GPU, with no failure
    reported: what torch says there on every start, while the program runs on the CPU (no cause to fix)."""
    if not found.signature.id.startswith("found_no_nvidia_driver"):
        return False
    line_start = clean.text.rfind("\n", 0, found.start) + 1
    warned = _CUDA_INIT_WARNING.search(clean.text, line_start, found.start + len(found.excerpt) + 1) is not None
    return warned and not reports_failure(clean.text)


def _rocm_build_asked(facts: dict[str, str]) -> bool:
    """pip was asked for a ROCm build (torch==X+rocmY, PyTorch's /whl/rocmY index), not shown one running."""
    return _asked_build_family(facts) == "rocm" and not facts.get("torch_version")


# ------------------------------------------------------------------ causes weighed in the context of the whole text


def _weighed_evidence(matches: list[Match], facts: dict[str, str], dists: list[Distribution],
                      text: str = "") -> list[Evidence]:
    """One Evidence per message; only the best-supported cause is kept as a cause (the others as a note).

    A paste usually reports one failure, seen through several messages (a pip error and its hint, a
    warning and the exception). Keeping every message's cause would let the order of the checks,
    not the weight of the evidence, decide which one the person reads first.
    """
    weighed = [_as_told(weigh_match(found, facts, dists), text) for found in matches]
    ranking = rank_causes(weighed)
    top = ranking[0][0] if ranking else ""
    causes = [w.cause for w in weighed] + [w.match.signature.cause for w in weighed]
    if wanted_cuda(causes, facts) and not no_cuda_build_here(facts):  # (not a wish this computer cannot have)
        facts.setdefault("wanted", "cuda")
    evidence = []
    for item in sorted(weighed, key=lambda w: (w.cause != top, -w.score, w.match.start)):
        extra: tuple[tuple[str, str], ...] = ()
        cause = item.cause if item.cause == top else ""
        if item.cause and item.cause != top:
            extra = (("also_points_to", item.cause),)
        elif cause:
            extra = _wording_of(cause, item.match, facts) + _raised_by_a_cuda_build(cause, item.match, text)
        evidence.append(Evidence(item.match.signature.id, cause, item.match.excerpt, item.match.facts + extra))
    return evidence + _possible_causes(weighed, top)


# a message told as a past trouble, fixed since ("I used to get …", "Earlier the … were missing, I fixed that", "before
# upgrading the host I got …"): what is wrong now is elsewhere in the text, or not told
_PAST_TROUBLE = re.compile(r"\b(?:used to (?:get|see|have)|i (?:had|got) (?:this|that|the same) (?:error|issue|problem) before|"
                           r"(?:earlier|previously|before),? (?:i|we) (?:got|had|saw)|"
                           r"before (?:upgrading|updating|reinstalling|the (?:update|upgrade))|"
                           r"(?:i|we) (?:have )?(?:fixed|solved|resolved) (?:it|that|this)|(?:was|got|is now) (?:fixed|solved|resolved)|"
                           r"(?:is|it's|it is|was) gone|went away|no longer (?:appears|happens|shows)|"
                           r"^fixed:|(?<!be )(?:solved|fixed) (?:it )?by (?:installing|updating|upgrading|reinstalling|"
                           r"downgrading|switching|using))\b", re.I | re.M)
_NOW = re.compile(r"\b(?:now|today|currently|this time)\b", re.I)


def _as_told(item: Weighed, text: str) -> Weighed:
    """A message on a line (or right after one) that tells it as a past trouble, fixed since, names no cause; nor does
    a message the text only asks about or imagines (wizard.textdiag.asked)."""
    if not text or not item.cause:
        return item
    if asked_about(text, item.match.start, item.match.start + len(item.match.excerpt)):
        return dataclasses.replace(item, score=0.0, reasons=(*item.reasons, "asked about, not printed here"))
    start = text.rfind("\n", 0, max(0, item.match.start)) + 1
    end = text.find("\n", item.match.start)
    line = text[start:end if end >= 0 else len(text)]
    previous = text[text.rfind("\n", 0, max(0, start - 1)) + 1:max(0, start - 1)]
    # (the line before counts only where it introduces the message: "I used to get" or "Before the update I got:")
    introduces = len(previous) < 40 or previous.rstrip().endswith(":")
    past = list(_PAST_TROUBLE.finditer(previous)) if introduces else []
    # (and not where it then turns to the present: "…, I fixed that. Now on a fresh machine:")
    told_before = bool(past) and _NOW.search(previous, past[-1].end()) is None
    if _PAST_TROUBLE.search(line) is None and not told_before:
        return item
    # (the message says what was wrong then, not now: no score, so it names no cause)
    return dataclasses.replace(item, score=0.0, reasons=(*item.reasons, "told as a past trouble, fixed since"))


# the Python of every wheel pip -v skipped ("Skipping link: none of the wheel's tags match: cp38-cp38-win_amd64: …",
# later "… none of the wheel's tags (cp311-cp311-win_amd64) are compatible …"): the signature matches the first only
_SKIPPED_WHEEL_PYTHON = re.compile(r"none of the wheel's tags (?:match: |\()((?:cp|py)\d{1,3})")


def _other_frameworks_log_line(text: str, found: Match) -> bool:
    """A CUDA library message on a line TensorFlow's or XLA's logging printed: that framework failed to load its own
    copy, which says nothing of torch's (a paste of a notebook that imports both)."""
    if found.signature.cause not in ("CUDA_LIB_MISSING", "CUDNN_MISMATCH", "LIB_PATH_CONFLICT"):
        return False
    start = text.rfind("\n", 0, found.start) + 1
    return OTHER_FRAMEWORK_LOG.search(text, start, found.start + 1) is not None


def _rosetta(facts: dict[str, str]) -> bool:
    """An x86_64 Python on a Mac whose Apple chip the text names: an Intel build running under Rosetta."""
    return facts.get("os") == "darwin" and facts.get("machine") == "x86_64" and facts.get("gpu_vendor") == "apple"


def _raised_by_a_cuda_build(cause: str, found: Match, text: str = "") -> tuple[tuple[str, str], ...]:
    """A GPU-architecture message torch's or CUDA's own code printed ("no kernel image is available", "… with CUDA
    capability sm_120 is not compatible"): only a CUDA build gets that far, so a CPU build the same text shows is
    another Python's (not the person's retelling, nor the message quoted in a sentence: 'I get "no kernel image"')."""
    if cause != "GPU_ARCH_UNSUPPORTED" or found.signature.family in ("prose", "rocm"):
        return ()
    before = text[max(0, found.start - 40):found.start] if text else ""
    if re.search(r"[\"“'‘`«「]\s{0,2}(?:[\w.]{0,40}(?:error|exception):\s?)?(?:cuda error:\s?)?$", before, re.IGNORECASE):
        return ()  # (quoted in a sentence: what the person says they got, maybe from another run)
    return ((CUDA_BUILD_RAN_FACT, "true"),)


def _wording_of(cause: str, found: Match, facts: dict[str, str]) -> tuple[tuple[str, str], ...]:
    """The words that fit how the text shows the cause, where they differ from the cause's usual pasted words."""
    if cause == "WSL_DRIVER" and _linux_driver_in_wsl_shown(facts):
        return ((WORDING_FACT, "linux_driver"),)  # (the Linux driver installed inside WSL is what to remove)
    if cause == "PLATFORM_UNSUPPORTED" and no_cuda_build_here(facts):
        return (WORDING_FACT, "no_cuda_build"), (NO_CUDA_BUILD_HERE, "true")  # (the plain build, not another system)
    if cause == "DRIVER_TOO_OLD" and found.signature.id == "cuda_driver_symbol_undefined":
        # (a module's call into libcuda: the driver, not another torch; in WSL the Windows driver's)
        return ((WORDING_FACT, "driver_api_wsl" if facts.get("is_wsl") == "true" else "driver_api"),)
    if cause == "GPU_ARCH_UNSUPPORTED" and found.signature.id == "extension_build_unknown_cuda_arch" and facts.get(
            "torch_cuda_arch_list"):
        return ((WORDING_FACT, "arch_list_env"),)  # (the arch came from the variable set by hand, not from the GPU)
    if cause == "PACKAGE_CONFLICT" and found.signature.id in ("dll_load_failed_while_importing", "dll_load_failed_old",
                                                              "windows_winerror_127") and (
            not facts.get("extension_import", "").startswith(("torchvision.", "torchaudio."))
            and facts.get("ops_library_package") not in ("torchvision", "torchaudio")):
        return ((WORDING_FACT, "extension"),)  # (another package's module built for another torch: that package's fix)
    if cause == "CUDA_LIB_MISSING" and dict(found.facts).get("library", "").startswith("libcudss"):
        return ((WORDING_FACT, "cudss"),)  # (NVIDIA's cuDSS, not one of the libraries torch's wheel brings)
    if cause == "DRIVER_TOO_OLD" and found.signature.id == "ngc_container_driver_below_release":
        return ((WORDING_FACT, "container_image"),)  # (the host's driver or an older image, no pip install inside)
    if (cause == "NO_NVIDIA_GPU" and facts.get("no_nvidia_gpu") == "true" and not nvidia_named(facts)
            and facts.get("discrete_gpu_named") != "true"):  # (an AMD or Intel card: its own build, not only the CPU)
        return ((WORDING_FACT, "no_gpu_told"),)  # (the person says there is none: the CPU or another computer)
    if cause == "INDEX_VARIANT_MISSING" and _dated_nightly_asked(facts) and not _pip_found_nothing(facts):
        # (a night's build the nightly index no longer keeps, or pip never searched that index)
        return ((WORDING_FACT, "nightly_index" if _nightly_index_unsearched(facts) else "old_nightly"),)
    if cause == "CUDA_HOME_MISSING" and found.signature.id == "cpp_extension_cuda_home_not_set":
        windows = facts.get("os") == "windows" and facts.get("is_wsl") != "true"  # (the installer's folder, no export)
        return ((WORDING_FACT, "not_set_windows" if windows else "not_set"),)  # (no toolkit found, no wrong folder)
    if cause == "PYTHON_UNSUPPORTED" and found.signature.id == "pip_wheel_not_supported":
        return ((WORDING_FACT, "wheel_tags"),)  # (the wheel's tags name its Python: use that one, no other torch)
    if (cause in ("PYTHON_UNSUPPORTED", "INDEX_VARIANT_MISSING") and found.signature.id.startswith("uv_")
            and facts.get("uv_pip_interface") != "true"):
        return ((WORDING_FACT, "uv"),)  # (the project's pins, uv's Python or index, not a pip install beside uv)
    if cause == "ENV_MISMATCH" and facts.get("py_launcher_beside_conda") == "true":
        return ((WORDING_FACT, "py_launcher"),)  # (`python` in the activated environment, not another torch)
    if cause == "PLATFORM_UNSUPPORTED" and found.signature.id == "macos_symbol_not_found":
        return ((WORDING_FACT, "macos_too_old"),)  # (macOS's own library lacks the symbol: a newer macOS, not torch)
    if cause == "PLATFORM_UNSUPPORTED" and _rosetta(facts):
        return ((WORDING_FACT, "rosetta"),)  # (a native arm64 Python, not the Intel Mac's ceiling)
    if cause == "ENV_MISMATCH" and facts.get("pip_outside_env") == "true":
        return ((WORDING_FACT, "pip_elsewhere"),)  # (the environment's own python -m pip, not another Python)
    if cause == "PIP_TOO_OLD" and found.signature.id == "python_has_no_pip":
        return ((WORDING_FACT, "missing"),)  # (pip itself first: an install command would fail the same way)
    if cause == "PLATFORM_UNSUPPORTED" and (found.signature.id.startswith("musl_") or facts.get("libc") == "musl"):
        return ((WORDING_FACT, "musl"),)  # (a musl system such as Alpine: a glibc system, not another torch)
    if cause == "TOOLKIT_MISMATCH" and found.signature.id == "nvcc_unsupported_gpu_architecture":
        return ((WORDING_FACT, "arch_unsupported"),)  # (the toolkit against the GPU, not against torch's CUDA)
    if cause == "PACKAGE_CONFLICT" and found.signature.id == "transformers_disables_old_torch":
        return ((WORDING_FACT, "transformers_needs_newer_torch"),)  # (a newer torch or an older transformers)
    if cause == "ENV_MISMATCH" and found.signature.id == "no_module_named_torch" and facts.get("isolated_build") == "true":
        return ((WORDING_FACT, "build_isolation"),)  # (torch first, then --no-build-isolation: no torch install here)
    if cause == "TORCH_IMPORT_FAILED" and found.signature.id == "macos_libomp_not_loaded":
        return ((WORDING_FACT, "libomp"),)  # (the OpenMP runtime: brew install libomp, not another torch first)
    if cause == "TORCH_IMPORT_FAILED" and found.signature.id == "illegal_instruction":
        return ((WORDING_FACT, "illegal_instruction"),)  # (the build's instructions, not a damaged install)
    if (cause == "DRIVER_MISSING" and found.signature.id == "nvidia_container_cli_driver_error"
            and facts.get("driver_version") and facts.get("is_wsl") != "true"):
        return ((WORDING_FACT, "container_runtime"),)  # (the host's nvidia-smi works: handing it over fails)
    if cause == "DRIVER_MISSING" and facts.get("nvml_error") == "nvml_unknown_error":
        return ((WORDING_FACT, "gpu_lost"),)  # (a container that lost its GPU devices: restart it, no driver download)
    if cause == "DRIVER_MISSING" and _started_without_gpu(facts):
        return _started_without_gpu(facts)  # (a container or a cluster job given no GPU: see _started_without_gpu)
    if cause == "LOCAL_TORCH_SHADOW" and facts.get("shadow_path"):
        return ((WORDING_FACT, "module"),)  # (a module of Python's own, not torch, is hidden)
    if cause == "INDEX_VARIANT_MISSING" and found.signature.id == "conda_packages_not_found":
        return ((WORDING_FACT, "conda_channel"),)  # (conda's channels, not pip's index)
    return ()


POSSIBLE_FLOOR = 0.45  # a cause weighed below this after the context rules is not worth a line of its own
POSSIBLE_SHARE = 0.4  # ... nor one far behind the cause named first
MOST_POSSIBLE = 2


def _possible_causes(weighed: list[Weighed], top: str) -> list[Evidence]:
    """The other causes the first cause's own messages still support after the context rules, as possible causes.

    "Found no NVIDIA driver" is printed both where the driver is missing and where there is no NVIDIA GPU at
    all; when nothing in the text tells the two apart, a helpdesk names the likelier one first and the other
    as possible, rather than hiding it. They become warnings (never the first finding, never a remedy).
    """
    best = max((w.score for w in weighed if w.cause == top), default=0.0)
    floor = max(POSSIBLE_FLOOR, POSSIBLE_SHARE * best)
    found: dict[str, Evidence] = {}
    for item in sorted((w for w in weighed if w.cause == top), key=lambda w: -w.score):
        for cause, weight in item.others:
            if cause == top or cause in found or weight < floor:
                continue
            found[cause] = Evidence(item.match.signature.id, cause, item.match.excerpt,
                                    (*item.match.facts, (POSSIBLE_FACT, "true")))
    # another message of the text that points elsewhere on its own (a second problem: a library missing beside a GPU
    # the build has no kernels for) stays in view as possible (one the first cause explains is demoted to a note by
    # the checks' explain_symptoms)
    for item in sorted((w for w in weighed if w.cause and w.cause != top), key=lambda w: -w.score):
        if item.cause in found or item.score < floor:
            continue
        found[item.cause] = Evidence(item.match.signature.id, item.cause, item.match.excerpt,
                                     (*item.match.facts, (POSSIBLE_FACT, "true")))
    return list(found.values())[:MOST_POSSIBLE]


def no_wheel_cause(facts: dict[str, str]) -> str:
    """Why pip found no torch wheel: this Python, this platform, or a build the index does not publish."""
    return definite_no_wheel_cause(facts) or "PYTHON_UNSUPPORTED"  # by far the most common reason


def definite_no_wheel_cause(facts: dict[str, str]) -> str:
    """The no-wheel cause the facts establish, "" when they establish none. A CUDA build asked for on a Mac comes
    first: no Python gets one there (PyTorch never published CUDA builds for macOS)."""
    if cuda_build_asked_on_mac(facts):
        return "PLATFORM_UNSUPPORTED"
    if facts.get("arm32_shown") == "true":
        return "PLATFORM_UNSUPPORTED"  # (a 32-bit ARM system: no wheel for any Python; a 64-bit OS is the way)
    if facts.get("python_bits") == "32" or _python_unsupported(facts.get("python_version", ""), facts):
        return "PYTHON_UNSUPPORTED"
    if _platform_unsupported(facts):
        return "PLATFORM_UNSUPPORTED"
    if gpu_build_never_published_for_os(facts):
        # (pinned, as a CUDA build on a Mac first; only its index asked for, the default index has this OS's builds)
        return "PLATFORM_UNSUPPORTED" if _requested(facts)[1] else "INDEX_VARIANT_MISSING"
    if _dated_nightly_asked(facts) and (not _pip_found_nothing(facts) or facts.get("python_version")):
        # (PyTorch's nightly index drops a night's builds after weeks: pin a recent one; where pip found nothing at all
        # for a Python the checks above let through, the variant's nightlies are gone or never were, in the index's
        # general words; for a Python not shown, the rules after this one weigh it)
        return "INDEX_VARIANT_MISSING"
    listed = listed_versions_cause(facts.get("available_versions", ""), facts.get("requested", ""),
                                   facts.get("python_version", ""), facts.get("index_variant", ""),
                                   _pytorch_index_searched(facts))
    if listed:
        return listed
    if _served_python_leaves_platform(facts):
        return "PLATFORM_UNSUPPORTED"
    if _variant_unpublished(facts):
        return "INDEX_VARIANT_MISSING"
    return ""


# one night's build pinned ("torch==1.13.0.dev20220921+cu116"): PyTorch's nightly index keeps recent nights only (older
# wheels are archived, pytorch/test-infra#5673; "removed from index after 60 days", replicate/monobase#17)
_DATED_NIGHTLY = re.compile(r"(?:==|>=|~=)\s{0,2}\d{1,2}\.\d{1,2}(?:\.\d{1,3})?\.dev20\d{6}\b")


def _dated_nightly_asked(facts: dict[str, str]) -> bool:
    return _DATED_NIGHTLY.search(facts.get("requested", "")) is not None


def _pip_found_nothing(facts: dict[str, str]) -> bool:
    """pip's "(from versions: none)": no version at all on the indexes it searched, for this Python and system."""
    return facts.get("available_versions", "").strip() == "none"


def _nightly_index_unsearched(facts: dict[str, str]) -> bool:
    """pip's list of versions shown with no nightly build in it: the nightly index was not searched (nightlies are only
    there), rather than the night being gone from it."""
    listed = facts.get("available_versions", "")
    return bool(listed.strip()) and not _pip_found_nothing(facts) and ".dev" not in listed


def cuda_build_asked_on_mac(facts: dict[str, str]) -> bool:
    """A +cuNNN build pinned where the text shows macOS. (Only a CUDA index asked for, with a plain version, is that
    index's missing macOS wheels: the default index has them.)"""
    return (facts.get("os") == "darwin" and facts.get("linux_also_named") != "true"
            and _requested(facts)[1].startswith("cu"))


def gpu_build_never_published_for_os(facts: dict[str, str]) -> bool:
    """The GPU build asked for (+cuNNN, +rocmX.Y, +xpu, or its index) is of a kind PyTorch has never published for the
    OS the text shows, by the knowledge base's platforms of every release: ROCm builds are Linux's only, CUDA builds
    never macOS's."""
    os_name = facts.get("os", "")
    if not os_name or facts.get("linux_also_named") == "true" or facts.get("is_wsl") == "true":
        return False
    family = _asked_build_family(facts)
    releases = getattr(knowledge_or_none(), "releases", ())
    platforms = {platform for release in releases for variant in release.variants
                 if _build_family(variant.name) == family for platform in variant.platforms}
    return family in ("cu", "rocm", "xpu") and bool(platforms) and not any(
        platform.startswith(os_name + "-") for platform in platforms)


def _asked_build_family(facts: dict[str, str]) -> str:
    """The kind of build pip was asked for: the pinned +variant, else the PyTorch index's ("cu", "rocm", "xpu")."""
    return _build_family(_requested(facts)[1] or facts.get("index_variant", ""))


def _build_family(variant: str) -> str:
    """"cu121" → "cu", "rocm6.2" → "rocm", "xpu" → "xpu", "cpu" → "cpu"."""
    found = re.match(r"(cu|rocm|xpu|cpu)(?=\d|$)", variant)
    return found.group(1) if found else ""


def no_cuda_build_here(facts: dict[str, str]) -> bool:
    """The text shows that no CUDA build of PyTorch fits this computer: one asked for on a Mac, or PyTorch's index
    searched for it and pip's list holding none of its builds (era.no_local_build_listed)."""
    return cuda_build_asked_on_mac(facts) or no_local_build_listed(
        facts.get("available_versions", ""), _requested(facts)[1], _pytorch_index_searched(facts))


def _pytorch_index_searched(facts: dict[str, str]) -> bool:
    """pip used PyTorch's own index or links page, and reached it (no network failure in the text)."""
    return facts.get("pytorch_index_shown") == "true" and not facts.get("network_failure")


def _requested(facts: dict[str, str]) -> tuple[str, str]:
    """The (version, variant) pip was asked for: "torch==2.0.1+cu118" → ("2.0.1", "cu118")."""
    found = re.search(r"==\s{0,2}(\d{1,2}\.\d{1,2}(?:\.\d{1,3})?)(?:\.dev\d{8})?(?:\+([a-z]{2,5}[\d.]{0,8}))?",
                      facts.get("requested", ""))  # (a nightly's ".devYYYYMMDD" before its variant)
    return (found.group(1), found.group(2) or "") if found else ("", "")


def _variant_unpublished(facts: dict[str, str]) -> bool:
    """Whether the build asked for (torch==X+cuNNN, or an index such as .../whl/cu131) does not exist."""
    version, variant = _requested(facts)
    variant = variant or facts.get("index_variant", "")
    if not variant:
        return False
    releases = getattr(knowledge_or_none(), "releases", ())
    if not releases:
        return bool(_requested(facts)[1])  # without the knowledge base: trust the explicit +variant
    known = _releases_named(version, releases)
    if known:
        return all(r.variant(variant) is None for r in known)
    if version and _older_than_every_release(version, releases):
        return False  # a pre-knowledge release: its wheels stopped at an old Python, see _python_unsupported
    return all(r.variant(variant) is None for r in releases)


def serves_current_pythons(facts: dict[str, str]) -> bool:
    """Whether the torch release the text asks for still serves the Pythons of today's newest release (the knowledge
    base's), so a Python of today is no reason pip found no wheel for it; False when the release is unknown or old."""
    version = _requested(facts)[0]
    releases = getattr(knowledge_or_none(), "releases", ())
    known = _releases_named(version, releases)
    if not known:
        return False
    try:
        return all(Version(r.python_max) >= Version(releases[0].python_min) for r in known)
    except InvalidVersion:
        return False


def _releases_named(version: str, releases) -> list:  # releases: tuple[Release, ...]
    """The knowledge base's releases a requested version names ("2.1" names 2.1.0, 2.1.1, 2.1.2); none for ""."""
    return [r for r in releases if r.version == version or r.version.startswith(version + ".")] if version else []


def _older_than_every_release(version: str, releases) -> bool:  # releases: tuple[Release, ...]
    try:
        return all(Version(version) < Version(r.version) for r in releases)
    except InvalidVersion:
        return False


def _python_unsupported(version: str, facts: dict[str, str]) -> bool:
    if not re.match(r"\d\.\d{1,2}", version):
        return False  # the text names no Python: the era cannot tell whether it was served (wizard/textdiag/era.py)
    # judged against the torch of the text's own era, not today's (wizard/textdiag/era.py)
    served = facts.get("python_served_then") or judge_python(version, facts).served
    return served == NOT_SERVED




def _served_python_leaves_platform(facts: dict[str, str]) -> bool:
    """Wheels were found and all skipped for their tags, and the requested release serves the Python the text
    names: the platform tag is what did not fit (the 32-bit Python was ruled out before)."""
    if not facts.get("wheels_skipped_tags") or _requested(facts)[1]:
        return False
    version, python = _requested(facts)[0], facts.get("python_version", "")
    return bool(version and python) and judge_python(python, {"requested": f"torch=={version}"}).served == SERVED


def _platform_unsupported(facts: dict[str, str]) -> bool:
    os_name, machine = facts.get("os", ""), facts.get("machine", "")
    if facts.get("platform_board") == "jetson":
        return True  # torch for a Jetson comes from NVIDIA's JetPack builds, not from PyPI or download.pytorch.org
    if os_name == "darwin" and machine == "x86_64":
        return True  # the last macOS x86_64 wheels are torch 2.2.x
    if facts.get("libc") == "musl":
        return True  # PyTorch's Linux wheels are manylinux (glibc) builds: none for musl (Alpine)
    if os_name == "linux" and machine and machine not in ("x86_64", "aarch64"):
        return True
    return _no_release_for_platform(os_name, machine)


def _no_release_for_platform(os_name: str, machine: str) -> bool:
    """A platform the knowledge base knows (windows-arm64, ...) for which no verified release publishes a build: the
    same reading as checks/python_env.check_platform, so the pasted pip error and the platform check agree."""
    if not (os_name and machine):
        return False
    key = platform_key(os_name, machine)
    releases = getattr(knowledge_or_none(), "releases", ())
    return key in PLATFORMS and bool(releases) and not any(r.verified and r.variants_for(key) for r in releases)


# ------------------------------------------------------------------ facts → Snapshot


def _snapshot(
    facts: dict[str, str],
    gpus: list[str],
    dists: list[Distribution],
    evidence: list[Evidence],
) -> Snapshot:
    return Snapshot(
        tool_version=__version__,
        created_at=datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        source="text",
        host=_host(facts),
        gpu=_gpu(facts, gpus),
        toolkit=_toolkit(facts),
        python=_python(facts, dists),
        torch=_torch(facts),
        evidence=tuple(evidence),
    )


def _host(facts: dict[str, str]) -> Fact[HostInfo]:
    if not any(facts.get(k) for k in ("os", "os_release", "kernel", "machine", "libc")):
        return Fact.unknown(UNKNOWN)
    return Fact.found(
        HostInfo(
            os=facts.get("os", ""),
            os_release=facts.get("os_release", ""),
            kernel=facts.get("kernel", ""),
            machine=facts.get("machine", ""),
            is_wsl=facts.get("is_wsl") == "true",
            libc=facts.get("libc", ""),
            device_model="NVIDIA Jetson" if facts.get("platform_board") == "jetson" else "",  # (named in the text)
        )
    )


def _gpu(facts: dict[str, str], gpus: list[str]) -> GpuFacts:
    nvml: Fact[NvmlInfo]
    error = facts.get("nvml_error", "")
    if error:
        nvml = Fact.missing(FactStatus.FAILED, _NVML_REASONS.get(error, error), code=error)
    elif facts.get("driver_version") or facts.get("driver_cuda") or gpus:
        nvml = Fact.found(
            NvmlInfo(
                driver_version=facts.get("driver_version", ""),
                cuda_driver_version=facts.get("driver_cuda", ""),
                gpus=tuple(NvmlGpu(i, name, _capability_for(name, facts)) for i, name in enumerate(gpus)),
            )
        )
    else:
        nvml = Fact.unknown(UNKNOWN)
    wsl: Fact[tuple[str, ...]] = Fact.unknown(UNKNOWN)
    if facts.get("os") in ("windows", "darwin") or (facts.get("kernel") and facts.get("is_wsl") != "true"):
        wsl = Fact.missing(FactStatus.NOT_APPLICABLE, "not WSL")
    gfx = Fact.found((facts["amd_gfx"],)) if facts.get("amd_gfx") else Fact.unknown(UNKNOWN)
    return GpuFacts(pci=_other_vendor_only(facts, gpus), nvml=nvml, kernel_modules=Fact.unknown(UNKNOWN),
                    wsl_driver_libs=wsl, amd_gfx=gfx)


_PCI_VENDOR_IDS = {"amd": 0x1002, "intel": 0x8086}


def _nvidia_build_named(facts: dict[str, str]) -> bool:
    """A CUDA build of torch named (+cuNNN, a /whl/cuNNN index), not the AMD or Intel GPU's own build (+rocm, +xpu)."""
    own_builds = ("rocm", "xpu")
    return facts.get("cuda_build_named") == "true" and not any(
        facts.get(key, "").startswith(own_builds) for key in ("torch_variant", "index_variant"))


def _other_vendor_only(facts: dict[str, str], gpus: list[str]) -> Fact[tuple[PciDevice, ...]]:
    """The display devices the text shows: only another vendor's GPU named (an AMD or Intel card, nothing NVIDIA), as
    a device list that has no NVIDIA GPU, so the recommendation offers no CUDA build that could not run there."""
    vendor = facts.get("gpu_only_vendor", "")
    # (a CUDA build named or running beside only an integrated GPU may be for an NVIDIA GPU the text does not name, as on
    # a laptop with both; beside a discrete AMD or Intel card named by its model, or where the text says there is no
    # NVIDIA GPU, it is a tutorial's command, unless CUDA works)
    own_card = facts.get("discrete_gpu_named") == "true" or facts.get("no_nvidia_gpu") == "true"
    if (vendor not in _PCI_VENDOR_IDS or gpus or nvidia_named(facts, also=("driver_cuda", "nvml_error", "nvidia_gpu_told"))
            or ((_cuda_build_running(facts) or _nvidia_build_named(facts)) and not own_card)
            or working_shown(facts) == "cuda"):
        return Fact.unknown(UNKNOWN)
    name = facts.get("intel_gpu_name", "") if vendor == "intel" else facts.get("amd_gpu_name", "")
    return Fact.found((PciDevice(address="", vendor_id=_PCI_VENDOR_IDS[vendor], device_id=0, vendor=vendor, name=name),))


def _toolkit(facts: dict[str, str]) -> ToolkitFacts:
    toolkits: Fact[tuple[CudaToolkit, ...]] = Fact.unknown(UNKNOWN)
    if facts.get("toolkit_version"):
        # collect_env's "CUDA runtime version" is what `nvcc --version` on PATH printed
        toolkit = CudaToolkit(
            root="", version=facts["toolkit_version"], version_source="nvcc --version", found_via=("PATH",), active=True
        )
        toolkits = Fact.found((toolkit,))
    cudnn: Fact[tuple[LibraryCopy, ...]] = Fact.unknown(UNKNOWN)
    if facts.get("cudnn_paths"):
        copies = tuple(
            LibraryCopy(path="" if _is_bare_version(p) else p, family="cudnn", version=ce.cudnn_version_of(p))
            for p in facts["cudnn_paths"].split("\n")
        )
        cudnn = Fact.found(copies)
    return ToolkitFacts(toolkits=toolkits, search_path_libraries=Fact.unknown(UNKNOWN), system_cudnn=cudnn)


def _is_bare_version(entry: str) -> bool:
    return bool(re.fullmatch(r"\d{1,2}(?:\.\d{1,3}){0,3}", entry.strip()))


def _python(facts: dict[str, str], dists: list[Distribution]) -> Fact[PythonFacts]:
    installed = facts.get("torch_installed", "")
    if installed and not any(d.name == "torch" for d in dists):
        dists = [*dists, Distribution(name="torch", version=installed)]  # the text shows torch installed there
        dists += [Distribution(name=name, version=facts[f"{name}_installed"]) for name in ("torchvision", "torchaudio")
                  if facts.get(f"{name}_installed") and not any(d.name == name for d in dists)]  # (pip installed them)
    if not facts.get("python_version") and not dists and facts.get("python_bits_checked") != "true":
        return Fact.unknown(UNKNOWN)  # (the interpreter's own check printing 32 bits tells it without a version)
    os_name = facts.get("os", "")
    windows_only: Fact = Fact.unknown(UNKNOWN) if os_name in ("", "windows") else Fact.missing(
        FactStatus.NOT_APPLICABLE, "not Windows"
    )
    bits = facts.get("python_bits", "")
    if not facts.get("python_version") and facts.get("python_bits_checked") != "true":
        bits = ""  # (without its version, only the interpreter's own check tells a 32-bit Python, not "32-bit" words)
    return Fact.found(
        PythonFacts(
            executable="",
            version=facts.get("python_version", ""),
            implementation=facts.get("python_impl", ""),
            bits=int(bits) if bits.isdigit() else 0,  # 0: unknown (pasted text did not say)
            os=os_name,
            machine=facts.get("machine", ""),
            libc=facts.get("libc", ""),
            distributions=tuple(dists),
            long_paths_enabled=windows_only,
            vc_runtime=windows_only,
        )
    )


def _torch(facts: dict[str, str]) -> Fact[TorchRuntime]:
    """The torch runtime, only where the text shows which build it is (a TorchRuntime's cuda "" means a CPU build)."""
    if facts.get("torch_not_importable") == "true" and not facts.get("torch_version"):
        return Fact.missing(
            FactStatus.NOT_FOUND,
            "collect_env printed 'PyTorch version: N/A': that Python could not import torch",
            code="torch_not_importable",
        )
    if facts.get("module") == "torch" and not facts.get("torch_version"):
        return Fact.missing(FactStatus.NOT_FOUND, "the pasted text shows: No module named 'torch'", code="torch_missing")
    version = facts.get("torch_version", "")
    cuda = facts.get("torch_cuda", "") or _cuda_of_local_version(version)
    # (a local version that names the build: +cpu, +cuNNN, +rocmX, +xpu; a source build's "+81ea7a4" or "+git…" names
    # a commit, as NVIDIA's NGC images and distributions build torch: its CUDA is not told)
    build_known = (facts.get("torch_build_known") == "true" or _LOCAL_BUILD_NAMED.search(version) is not None
                   or facts.get("torch_build") == "cpu")
    if not build_known:
        return Fact.unknown(UNKNOWN if not version else f"torch {version} is named, but not which build (CUDA or CPU)")
    return Fact.found(
        TorchRuntime(
            version=version,
            cuda=cuda,
            hip=facts.get("torch_hip", "") or _rocm_of_local_version(version),
            cuda_available=_cuda_available(facts),
            arch_list=tuple(facts.get("arch_list", "").split()),
            xpu_available=_xpu_available(facts),
        )
    )


_LOCAL_BUILD_NAMED = re.compile(r"\+(?:cpu|cu\d{2,3}|rocm\d|xpu)")


def _cuda_available(facts: dict[str, str]) -> bool:
    """is_available() as printed, or CUDA shown working (a tensor on cuda, a tool naming the CUDA device it runs on)
    when nothing printed False."""
    if facts.get("cuda_available"):
        return facts["cuda_available"] == "true"
    return facts.get("cuda_works") == "true"


def _xpu_available(facts: dict[str, str]) -> Fact[bool]:
    """torch.xpu.is_available() as printed (or an operation shown on an xpu device); unknown when the text says nothing."""
    value = facts.get("xpu_available")
    return Fact.found(value == "true") if value in ("true", "false") else Fact.unknown()


def _rocm_of_local_version(version: str) -> str:
    """"2.3.1+rocm6.0" → "6.0" (PyTorch's ROCm builds carry the ROCm release in their local version)."""
    found = re.search(r"\+rocm(\d{1,2}(?:\.\d{1,2}){0,2})$", version)
    return found.group(1) if found else ""


def _cuda_of_local_version(version: str) -> str:
    """"2.1.0+cu121" → "12.1"; "+cpu" and plain versions → ""."""
    found = re.search(r"\+cu(\d{1,3})(\d)$", version)
    return f"{found.group(1)}.{found.group(2)}" if found else ""
