"""The advice itself, read as an expert and as a student: right fix, runnable commands, plain titles, short texts.

Runs every scenario and every pasted-text corpus file through the engine and checks properties of what the user
reads, plus the specific advice fixed in the expert review (docs in the H12 report)."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest

from tests.checks import make_scenarios
from wizard.checks.driver import WSL_APT_REMOVAL, WSL_RUNFILE_REMOVAL
from wizard.commands.diagnose import snapshot_from_input
from wizard.engine import diagnose
from wizard.findings import ActionKind, Diagnosis, Finding, Goal, Severity
from wizard.knowledge import load_knowledge
from wizard.snapshot import Snapshot, from_data

CORPUS = Path(__file__).resolve().parents[1] / "textdiag" / "corpus"
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z`'\"(])")
# Fine in details, not in a title a first-year student reads first.
JARGON = re.compile(r"\b(ABI|manylinux|PEP 668|nouveau|NVML|glibc|soname|cubin|PTX)\b")


@cache
def all_diagnoses() -> tuple[tuple[str, Snapshot, Diagnosis], ...]:
    knowledge = load_knowledge()
    out = []
    for path in sorted(make_scenarios.SCENARIOS_DIR.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        snapshot = from_data(Snapshot, data["snapshot"])
        goal = Goal(want=data.get("goal", {}).get("want", "auto"))
        out.append((path.stem, snapshot, diagnose(snapshot, knowledge, goal)))
    for path in sorted(CORPUS.glob("*.txt")):
        snapshot = snapshot_from_input(path.read_text(encoding="utf-8", errors="replace"))
        out.append((path.stem, snapshot, diagnose(snapshot, knowledge, Goal())))
    return tuple(out)


def scenario(name: str) -> tuple[Snapshot, Diagnosis]:
    for stem, snapshot, diagnosis in all_diagnoses():
        if stem == name:
            return snapshot, diagnosis
    raise KeyError(name)


def the(diagnosis: Diagnosis, code: str) -> Finding:
    return next(f for f in diagnosis.findings if f.code == code)


def test_explanations_are_at_most_four_sentences():
    long = [
        (name, f.code, f.explanation)
        for name, _, d in all_diagnoses()
        for f in d.findings
        if len(SENTENCE_END.split(f.explanation.strip())) > 4
    ]
    assert not long


def test_titles_avoid_jargon():
    jargon = [(name, f.title) for name, _, d in all_diagnoses() for f in d.findings if JARGON.search(f.title)]
    assert not jargon


ROOT_ONLY_STEPS = (WSL_APT_REMOVAL, WSL_RUNFILE_REMOVAL)


def test_no_command_uses_sudo_or_breaks_system_packages():
    for name, _, d in all_diagnoses():
        rec = d.recommendation
        commands = [rec.argv, *rec.steps] + [a.argv for f in d.findings for a in f.actions if a.argv]
        texts = [a.text for f in d.findings for a in f.actions if a.kind is ActionKind.COPY]
        for argv in commands:
            assert "sudo" not in argv and "--break-system-packages" not in argv, (name, argv)
        for text in texts:
            if text in ROOT_ONLY_STEPS:  # removing an OS driver package needs root; copied, never run
                continue
            assert "sudo " not in text and "--break-system-packages" not in text, (name, text)


UNIX_SHELL_COMMAND = re.compile(r"(?:^|[`;&|$])[ \t]*(?:source|unset|export)[ \t]+\S", re.MULTILINE)


def test_windows_advice_has_no_unix_shell_commands():
    for name, snapshot, d in all_diagnoses():
        host = snapshot.host.get()
        if host is None or host.os != "windows":
            continue
        words = "\n".join([d.recommendation.why] + [f.explanation for f in d.findings])
        words += "\n" + "\n".join(a.text for f in d.findings for a in f.actions)
        # (a shell command where one starts: a line, a code mark, after a separator; not "PyTorch's source code")
        assert UNIX_SHELL_COMMAND.search(words) is None, (name, UNIX_SHELL_COMMAND.search(words))
        assert "bin/activate" not in words, name


def test_no_nvidia_gpu_texts_read_as_sentences():
    for name, _, d in all_diagnoses():
        for f in d.findings:
            if f.code == "NO_NVIDIA_GPU":
                assert "Otherwise" not in f.explanation, name


# --------------------------------------------------------------------------- open point (i): CUDA_VISIBLE_DEVICES


@pytest.mark.parametrize("name", ["visible_devices_empty", "visible_devices_out_of_range"])
def test_hidden_gpus_get_the_variable_fixed_not_a_reinstall(name):
    _, d = scenario(name)
    assert d.recommendation.kind == "none" and not d.recommendation.argv
    assert "CUDA_VISIBLE_DEVICES" in d.recommendation.why
    mask = the(d, "VISIBLE_DEVICES_MASK")
    assert "`unset CUDA_VISIBLE_DEVICES`" in mask.explanation
    assert [a.text for a in mask.actions if a.kind is ActionKind.COPY] == ["unset CUDA_VISIBLE_DEVICES"]


def test_hidden_gpus_on_windows_get_windows_commands():
    _, d = scenario("visible_devices_empty_windows")
    mask = the(d, "VISIBLE_DEVICES_MASK")
    assert "`set CUDA_VISIBLE_DEVICES=`" in mask.explanation
    assert "Remove-Item Env:CUDA_VISIBLE_DEVICES" in mask.explanation
    assert [a.text for a in mask.actions if a.kind is ActionKind.COPY] == ["set CUDA_VISIBLE_DEVICES="]
    assert d.recommendation.kind == "none"


# --------------------------------------------------------------------------- a fitting build blocked by the driver


@pytest.mark.parametrize(
    "name",
    ["driver_not_installed", "driver_nouveau", "driver_blocked_by_secure_boot", "wsl_without_windows_driver"],
)
def test_a_fitting_cuda_build_is_kept_while_the_driver_is_fixed(name):
    _, d = scenario(name)
    assert d.recommendation.kind == "none"
    assert d.recommendation.why.startswith("Keep torch 2.13.0+cu130")
    assert "580" in d.recommendation.why  # the driver the kept cu130 build needs


def test_wsl_is_not_mistaken_for_a_machine_without_gpu():
    _, d = scenario("wsl_without_windows_driver_no_torch")
    assert d.recommendation.variant == "cu130"
    assert "No NVIDIA GPU" not in d.recommendation.why


def test_after_a_driver_update_the_stale_driver_does_not_pick_the_build():
    _, d = scenario("driver_updated_needs_reboot")
    assert d.recommendation.kind == "none" and "restart" in d.recommendation.why
    _, fresh = scenario("driver_updated_needs_reboot_no_torch")
    assert fresh.recommendation.variant == "cu130" and "570" not in fresh.recommendation.why


# --------------------------------------------------------------------------- open point (ii): toolkit without a GPU


def test_a_toolkit_on_a_machine_without_nvidia_gpu_is_one_quiet_line():
    _, d = scenario("no_gpu_with_toolkit_installed")
    assert "CUDA_VERSIONS" not in [f.code for f in d.findings]
    ok = the(d, "TOOLKIT_NOT_NEEDED")
    assert ok.severity is Severity.OK and "13.0" in ok.title


def test_the_three_cuda_versions_note_does_not_call_equal_versions_different():
    _, d = scenario("healthy_cuda_with_matching_toolkit")
    note = the(d, "CUDA_VERSIONS")
    assert "different" not in note.title and "13.0" in note.title


def test_a_known_driver_is_not_called_missing_in_the_cuda_versions_note():
    _, d = scenario("035-collect-env-windows-pypi-cpu-build")
    note = the(d, "CUDA_VERSIONS")
    assert "no working NVIDIA driver" not in note.title


# --------------------------------------------------------------------------- open point (iii): CUDA without NVIDIA


@pytest.mark.parametrize("name", ["no_gpu_want_cuda", "intel_arc_want_cuda", "apple_silicon_want_cuda"])
def test_wanting_cuda_without_nvidia_gpu_says_where_cuda_is_available(name):
    _, d = scenario(name)
    assert "lab machine or a cloud notebook" in the(d, "NO_NVIDIA_GPU").explanation


def test_apple_silicon_keeps_its_working_torch_and_is_pointed_to_mps():
    _, d = scenario("apple_silicon_want_cuda")
    assert d.recommendation.kind == "none"
    assert "mps" in the(d, "NO_NVIDIA_GPU").explanation


# --------------------------------------------------------------------------- other fixes


def test_kepler_is_not_told_to_update_a_driver_that_does_not_exist():
    _, d = scenario("kepler_with_current_build")
    driver = the(d, "DRIVER_TOO_OLD")
    assert driver.severity is Severity.INFO and "470" in driver.explanation
    assert "Update the NVIDIA driver" not in driver.explanation
    assert d.errors[0].code == "GPU_ARCH_UNSUPPORTED"
    assert d.recommendation.variant == "cpu"


@pytest.mark.parametrize(
    ("name", "pins"),
    [
        ("torchvision_cpu_with_cuda_torch", ("torch==2.13.0+cu130", "torchvision==0.28.0+cu130")),
        ("torchvision_for_other_torch", ("torch==2.13.0+cpu", "torchvision==0.28.0+cpu")),
    ],
)
def test_mismatched_torchvision_gets_the_matching_one_for_the_kept_torch(name, pins):
    _, d = scenario(name)
    argv = d.recommendation.argv
    assert d.recommendation.kind == "install" and all(pin in argv for pin in pins), argv
    conflict = the(d, "PACKAGE_CONFLICT")
    (step,) = conflict.remedy.steps  # the finding's own remedy: the same pair, torch pinned where it is
    label = pins[0].rpartition("+")[2]
    assert step[4:4 + len(pins)] == pins and step[-2:] == ("--extra-index-url", f"https://download.pytorch.org/whl/{label}")
    runs = [a.argv for a in conflict.actions if a.kind is ActionKind.RUN]
    assert runs == [step]  # one command, the one `fix` runs


@pytest.mark.parametrize("name", ["pasted_driver_too_old", "pasted_driver_too_old_driver_cuda_only"])
def test_a_pasted_driver_cuda_version_picks_a_build_that_driver_runs(name):
    _, d = scenario(name)
    assert d.recommendation.variant == "cu118", d.recommendation.why
    assert "No NVIDIA GPU" not in d.recommendation.why


def test_a_pasted_error_is_not_followed_by_pytorch_works():
    _, d = scenario("038-torch-not-compiled-cuda-smi")
    assert "TORCH_OK" not in [f.code for f in d.findings]


def test_pip_upgrade_command_is_in_the_text_itself():
    _, d = scenario("pip_too_old_for_manylinux_2_28")
    assert "-m pip install --upgrade pip" in the(d, "PIP_TOO_OLD").explanation


def test_numpy_note_only_where_pip_could_install_numpy_2():
    from wizard.recommend import recommend

    for version, noted in (("3.7.16", False), ("3.10.12", True)):
        snapshot = make_scenarios.snapshot(
            host_fact=make_scenarios.host("darwin", "x86_64"),
            python_fact=make_scenarios.python(version, os="darwin", machine="x86_64"),
        )
        rec = recommend(snapshot, load_knowledge(), Goal())
        # Python 3.7's last torch is years old: a current Python first, the old build only as the alternative
        assert rec.variant == "cpu" or (rec.kind == "python" and "torch==1.13.1" in rec.why)
        assert ('"numpy<2"' in rec.why) is noted, (version, rec.why)
        # the range is in the command itself, with PyPI beside PyTorch's index (which carries no NumPy range)
        assert ("numpy<2" in rec.argv) is noted and ("https://pypi.org/simple" in rec.argv) is noted, rec.argv


def test_too_old_python_is_not_told_no_release_ever_supported_it():
    from wizard.recommend import recommend

    snapshot = make_scenarios.snapshot(python_fact=make_scenarios.python("3.6.15"))
    rec = recommend(snapshot, load_knowledge(), Goal())
    assert rec.kind == "python" and "no longer publishes packages for Python 3.6" in rec.why


def test_a_linux_driver_inside_wsl_comes_with_copyable_removal_steps_never_run():
    _, d = scenario("wsl_with_linux_driver_inside")
    (f,) = [f for f in d.findings if f.code == "WSL_DRIVER"]
    copies = [a.text for a in f.actions if a.kind is ActionKind.COPY]
    assert not [a for a in f.actions if a.kind is ActionKind.RUN]  # sudo/apt: the wizard never runs them
    apt = copies[0].splitlines()
    assert apt[0].startswith("dpkg -l ") and "sudo" not in apt[0]  # look first: listing changes nothing
    assert apt[1:] == ['sudo apt-get --purge remove "*nvidia*" "libxnvctrl*"', "sudo apt-get autoremove"]
    assert "sudo /usr/bin/nvidia-uninstall" in copies and copies[-1] == "wsl --shutdown"
    assert "wsl --shutdown" in f.explanation and "Container Toolkit" in f.explanation


def test_a_course_that_names_numpy_keeps_its_range_and_is_told_to_check_it():
    from wizard.profile import CourseProfile
    from wizard.recommend import recommend

    snapshot = make_scenarios.snapshot(
        host_fact=make_scenarios.host("darwin", "x86_64"),
        python_fact=make_scenarios.python("3.11.9", os="darwin", machine="x86_64"),
    )
    course = CourseProfile(name="numpy2 course", torch="==2.2.2", packages=(("numpy", ">=2.0"),))
    rec = recommend(snapshot, load_knowledge(), Goal(profile=course))
    assert "numpy<2" not in rec.argv and "numpy>=2.0" in rec.argv, rec.argv
    assert "numpy<2" in rec.why, rec.why
