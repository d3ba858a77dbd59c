"""How evidence travels in ``Snapshot.evidence`` between its writers and the checks that read it.

A course's smoke test (written by wizard.facts.smoke) and pasted text's possible and likely causes (written by
wizard.textdiag.build): a cause the text supports but does not establish, and the likeliest of such causes.
"""

from __future__ import annotations

from collections.abc import Iterable

from wizard.snapshot import Evidence, Snapshot

SIGNATURE_PREFIX = "smoke_test:"
FAILED_CODE = "COURSE_SMOKE_TEST"
POSSIBLE_FACT = "possible_cause"  # an Evidence fact: the cause is possible, not established (a warning, no remedy)
LIKELY_FACT = "likely_cause"  # an Evidence fact: the likeliest of the causes the text leaves, named first as "most likely"
# an Evidence fact: the variant of the cause's pasted-text (or "most likely") words that fits what the text showed
# ("linux_driver", "extension"; "elsewhere": likeliest because CUDA works elsewhere on the machine)
WORDING_FACT = "wording"
# an Evidence fact: the text shows no CUDA build of PyTorch fits that computer (one asked for on a Mac, or PyTorch's
# index searched and none of its builds listed), so no CUDA install is recommended there
NO_CUDA_BUILD_HERE = "no_cuda_build_here"
# pasted-text wordings whose fix is not another PyTorch: a container or cluster job without the GPU, one that lost it,
# pip missing or another Python's, a package built for another torch or CUDA, a project's or uv's pins (the finding's
# own words say what to do; an install command beside them would contradict them)
NOT_A_TORCH_INSTALL_WORDINGS = frozenset({
    "gpu_lost", "container", "container_windows", "container_toolkit", "container_runtime", "slurm_job", "missing",
    "pip_elsewhere", "extension", "package_build", "built_without_cuda", "other_torch", "requirement", "ipex", "uv",
    "py_launcher", "rosetta", "replaced", "wheel_page", "macos_too_old",
    "wheel_tags", "install_failed", "no_gpu_told", "container_image", "libomp",
    "build_isolation", "permission", "arch_unsupported", "transformers_needs_newer_torch", "not_set",
    "not_set_windows", "driver_api", "driver_api_wsl", "arch_list_env", "cudss", "user_site_package",
    "program_kernels"})
# an Evidence fact: the message came from torch's or CUDA's code running a CUDA build (so the program's torch is one)
CUDA_BUILD_RAN_FACT = "cuda_build_ran"


def cuda_build_ran(snapshot: Snapshot) -> bool:
    """Whether pasted text shows a message only a CUDA build of torch prints (see CUDA_BUILD_RAN_FACT)."""
    return any((CUDA_BUILD_RAN_FACT, "true") in item.facts for item in snapshot.evidence)


def smoke_results(snapshot: Snapshot) -> dict[str, Evidence]:
    """The smoke tests recorded in a snapshot, by name."""
    return {e.signature[len(SIGNATURE_PREFIX):]: e for e in snapshot.evidence if e.signature.startswith(SIGNATURE_PREFIX)}


WORKING_SIGNATURE = "textdiag:working_shown"  # evidence: the pasted text shows torch working on CUDA or MPS


def working_shown(snapshot: Snapshot) -> str:
    """"cuda" or "mps" when the text shows torch working there (is_available() True, a tensor on the device), else ""."""
    for item in snapshot.evidence:
        if item.signature == WORKING_SIGNATURE:
            return dict(item.facts).get("working", "")
    return ""


def working_only_told(snapshot: Snapshot) -> bool:
    """Whether the working setup the text shows rests only on the person's words ("it ran on the GPU yesterday"), not
    on a tool's output (is_available() printed, collect_env, a tensor on the device, a trainer's device line)."""
    return any(item.signature == WORKING_SIGNATURE and ("told", "true") in item.facts for item in snapshot.evidence)


GPU_LOAD_SEEN_SIGNATURE = "textdiag:gpu_load_seen"  # evidence: where the text read the GPU's load ("task_manager")


def gpu_load_seen_in_task_manager(snapshot: Snapshot) -> bool:
    """Whether the text judged the GPU's use from Windows' Task Manager, whose GPU graphs do not show CUDA by default."""
    return any(item.signature == GPU_LOAD_SEEN_SIGNATURE and ("seen_in", "task_manager") in item.facts
               for item in snapshot.evidence)


def gpu_memory_exhausted(snapshot: Snapshot) -> bool:
    """Whether the working GPU (CUDA, MPS or XPU) the text shows is PyTorch's allocator running out of its memory (the
    program's size)."""
    return any(item.signature == WORKING_SIGNATURE and ("memory", "exhausted") in item.facts for item in snapshot.evidence)


def working_through_rocm(snapshot: Snapshot) -> bool:
    """Whether the working GPU the text shows answered through ROCm (an AMD GPU: torch.cuda is HIP in a ROCm build)."""
    return any(item.signature == WORKING_SIGNATURE and ("stack", "rocm") in item.facts for item in snapshot.evidence)


def program_on_cpu_beside_working_cuda(snapshot: Snapshot) -> bool:
    """Whether the text shows CUDA working (is_available() True) and says the program runs on the CPU all the same."""
    return any(item.signature == WORKING_SIGNATURE and ("program", "on_cpu") in item.facts for item in snapshot.evidence)


def established_causes(evidence: Iterable[Evidence]) -> list[str]:
    """The causes pasted text established, in order (not those it only made possible; a likeliest one counts)."""
    return [item.cause for item in evidence if item.cause and not is_possible_cause(item)]


def is_likely_cause(evidence: Evidence) -> bool:
    """Whether pasted text made this cause the likeliest of several without showing it (the finding says so)."""
    return dict(evidence.facts).get(LIKELY_FACT) == "true"


def is_possible_cause(evidence: Evidence) -> bool:
    """Whether pasted text only made this cause possible (another cause came first)."""
    return dict(evidence.facts).get(POSSIBLE_FACT) == "true"
