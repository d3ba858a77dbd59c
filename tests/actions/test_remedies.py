"""Each broken environment for real: its first finding, the remedy that fixes the cause, what ``fix --dry-run``
plans, that ``fix --yes`` leaves it working, and that ``fix --undo`` puts back exactly what pip saw before."""

from __future__ import annotations

from pathlib import Path

import pytest
from local_index import LocalIndex
from remedy_situations import SITUATIONS, first_finding, index_with_recommended, state, wizard

from wizard.findings import Severity

pytestmark = pytest.mark.slow


def make(name: str, tmp_path: Path, index: LocalIndex):
    return SITUATIONS[name](tmp_path, index)


@pytest.mark.parametrize(("name", "damaged"), [("damaged_torch", "torch==2.13.0+cpu"),
                                              ("truncated_nvidia", "nvidia-cudnn-cu13==9.13.0.50")])
def test_damaged_install_is_reinstalled_at_the_same_version(name: str, damaged: str, tmp_path: Path, index: LocalIndex) -> None:
    situation = make(name, tmp_path, index)
    before = state(situation)
    first = first_finding(situation, index)
    assert first.code == "TORCH_DAMAGED" and first.severity is Severity.ERROR
    assert first.remedy is not None and not first.remedy.version_change  # never a silent version change
    (step,) = first.remedy.steps
    assert step[3:6] == ("install", "--force-reinstall", "--no-deps") and damaged in step
    other = wizard(situation, index, "fix", "--code", "NUMPY_ABI", "--yes")
    assert other.returncode == 1 and "runnable now: TORCH_DAMAGED" in other.stdout, other.stdout + other.stderr
    dry = wizard(situation, index, "fix", "--code", "TORCH_DAMAGED", "--dry-run")
    assert dry.returncode == 0 and "To be reinstalled (the same version" in dry.stdout, dry.stdout + dry.stderr
    assert state(situation) == before
    done = wizard(situation, index, "fix", "--yes")
    # the CUDA stand-in on this GPU-less machine also reports cuDNN as not loaded: that is not the damage
    assert "fixed: TORCH_DAMAGED" in done.stdout or "no longer finds TORCH_DAMAGED" in done.stdout, done.stdout
    assert state(situation) == before  # the same versions, files restored
    check = wizard(situation, index, "check")
    assert "files are missing or cut short" not in check.stdout
    if name == "damaged_torch":
        assert done.returncode == 0 and check.returncode == 0, check.stdout
    undo = wizard(situation, index, "fix", "--undo", "--yes")
    assert undo.returncode == 0 and state(situation) == before


def test_venv_without_pip_gets_ensurepip_first(tmp_path: Path, index: LocalIndex) -> None:
    situation = make("venv_without_pip", tmp_path, index)
    first = first_finding(situation, index)
    assert first.code == "TORCH_MISSING" and first.remedy is not None
    assert first.remedy.steps[0][-2:] == ("ensurepip", "--upgrade") and first.remedy.steps[1][3] == "install"
    with index_with_recommended(situation, index, tmp_path / "served") as served:
        plan = wizard(situation, served, "fix", "--dry-run")
        assert "-m ensurepip --upgrade" in plan.stdout and "shown then, before it starts" in plan.stdout, plan.stdout
        assert plan.returncode == 0 and state(situation) == "(no pip)"
        done = wizard(situation, served, "fix", "--yes")
        out = done.stdout
        assert "Successfully installed pip" in out and "To be installed:" in out, out + done.stderr
        assert out.index("Successfully installed pip") < out.index("To be installed:")  # the plan came before the download
        assert done.returncode == 0 and "The problem is gone" in out, out
        assert "torch==" in state(situation)
        undo = wizard(situation, served, "fix", "--undo", "--yes")
    assert undo.returncode == 0 and state(situation) == "(no pip)", undo.stdout + undo.stderr


def test_torch_py_in_the_working_folder_is_named_and_not_reinstalled(tmp_path: Path, index: LocalIndex) -> None:
    situation = make("torch_py_in_folder", tmp_path, index)
    before = state(situation)
    first = first_finding(situation, index)
    assert first.code == "LOCAL_TORCH_SHADOW" and first.severity is Severity.ERROR
    assert first.remedy is not None and not first.remedy.runnable and "torch.py" in first.remedy.instructions
    check = wizard(situation, index, "check")
    assert check.returncode != 0 and "torch.py" in check.stdout  # never "all good" there
    done = wizard(situation, index, "fix", "--yes")
    assert done.returncode == 1 and "By hand" in done.stdout and "Nothing was changed." in done.stdout, done.stdout
    assert state(situation) == before


def test_cuda_home_pointing_at_a_missing_folder_is_a_warning(tmp_path: Path, index: LocalIndex) -> None:
    situation = make("cuda_home_missing", tmp_path, index)
    first = first_finding(situation, index)
    assert first.code == "CUDA_HOME_MISSING" and first.severity is Severity.WARNING
    assert first.remedy is not None and "no-such-cuda" in first.remedy.instructions


@pytest.mark.parametrize(("name", "code", "words"), [
    ("sigill_cpu", "TORCH_IMPORT_FAILED", "Illegal instruction"),
    ("old_libstdcxx", "LIB_PATH_CONFLICT", "Remove /opt/old/lib from LD_LIBRARY_PATH"),
    ("not_python", "PYTHON_UNUSABLE", "--python set to a real Python interpreter"),
])
def test_what_no_reinstall_fixes_gets_instructions(name: str, code: str, words: str, tmp_path: Path,
                                                   index: LocalIndex) -> None:
    situation = make(name, tmp_path, index)
    first = first_finding(situation, index)
    assert first.code == code and first.remedy is not None and not first.remedy.runnable
    assert words in first.remedy.instructions and "Reinstalling" not in first.title
    done = wizard(situation, index, "fix", "--yes")
    assert "By hand" in done.stdout and words in done.stdout and done.returncode == 1, done.stdout + done.stderr
    assert "Successfully installed" not in done.stdout

