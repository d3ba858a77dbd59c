"""Each broken environment for real: its first finding, the remedy that fixes the cause, what ``fix --dry-run``
plans, that ``fix --yes`` leaves it working, and that ``fix --undo`` puts back exactly what pip saw before."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
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



def test_torchvision_of_another_torch_gets_its_own_pair_from_the_same_index(tmp_path: Path, index: LocalIndex) -> None:
    situation = make("torchvision_for_other_torch", tmp_path, index)
    before = state(situation)
    first = first_finding(situation, index)
    assert first.code == "PACKAGE_CONFLICT" and first.remedy is not None
    (step,) = first.remedy.steps
    assert step[3:6] == ("install", "torch==2.13.0+cpu", "torchvision==0.28.0+cpu")  # torch pinned: it stays
    assert step[-2:] == ("--extra-index-url", f"{index.torch_base}/cpu")  # the index torch's own "+cpu" came from
    assert "0.27.0+cpu → 0.28.0+cpu" in first.remedy.version_change and "Keeps torch 2.13.0+cpu" in first.remedy.note
    check = wizard(situation, index, "check", "--torch-index", index.torch_base)
    promised = promised_commands(check.stdout)
    assert promised == [" ".join(step)], check.stdout  # the recommendation's reinstall is no second "fix" command
    dry = wizard(situation, index, "fix", "--dry-run")
    assert dry.returncode == 0 and "torchvision 0.27.0+cpu → 0.28.0+cpu" in dry.stdout, dry.stdout + dry.stderr
    assert "torch 2.13.0" not in dry.stdout.split("To be upgraded:")[1] and state(situation) == before
    done = wizard(situation, index, "fix", "--yes")
    assert done.returncode == 0 and "no longer finds PACKAGE_CONFLICT" in done.stdout, done.stdout + done.stderr
    assert "torch==2.13.0+cpu" in state(situation) and "torchvision==0.28.0+cpu" in state(situation)
    assert wizard(situation, index, "check").returncode == 0
    undo = wizard(situation, index, "fix", "--undo", "--yes")
    assert undo.returncode == 0 and state(situation) == before, undo.stdout + undo.stderr


def imported_torch(situation, *flags: str) -> str:
    """Where ``import torch`` comes from in the situation's environment (``-s``: without the user site)."""
    env = {**os.environ, **situation.env}
    out = subprocess.run([situation.python, *flags, "-c", "import torch; print(torch.__file__, torch.__version__)"],
                         capture_output=True, text=True, env=env, check=True, timeout=60).stdout
    return out.strip()


def test_torch_in_the_user_site_is_uninstalled_from_there_and_undo_puts_it_back(tmp_path: Path, index: LocalIndex) -> None:
    situation = make("user_site_shadow", tmp_path, index)
    user_site = str(tmp_path / "userbase")
    assert imported_torch(situation).startswith(user_site) and imported_torch(situation).endswith("2.12.0+cpu")
    own = imported_torch(situation, "-s")
    assert own.endswith("2.13.0+cpu") and not own.startswith(user_site)
    before = state(situation)
    assert "(a consequence of ENV_MISMATCH)" in wizard(situation, index, "check").stdout  # the symptom follows it
    first = first_finding(situation, index)
    assert first.code == "ENV_MISMATCH" and first.severity is Severity.ERROR and "user folder" in first.title
    assert first.remedy is not None and first.remedy.steps == ((situation.python, "-m", "pip", "uninstall", "-y", "torch"),)
    dry = wizard(situation, index, "fix", "--dry-run")
    assert dry.returncode == 0 and "-m pip uninstall -y torch" in dry.stdout, dry.stdout + dry.stderr
    assert "To be removed:\n    torch 2.12.0+cpu" in dry.stdout and state(situation) == before
    done = wizard(situation, index, "fix", "--yes")
    assert done.returncode == 0 and "no longer finds ENV_MISMATCH" in done.stdout, done.stdout + done.stderr
    assert imported_torch(situation) == own  # the environment's own copy, untouched
    check = wizard(situation, index, "check")
    assert check.returncode == 0 and "user folder" not in check.stdout, check.stdout
    undo = wizard(situation, index, "fix", "--undo", "--yes")
    assert undo.returncode == 0 and "--user --no-deps" in undo.stdout, undo.stdout + undo.stderr
    assert state(situation) == before and imported_torch(situation, "-s") == own  # put back there, not over it


def promised_commands(check_output: str) -> list[str]:
    """The commands ``check`` says ``fix`` runs (the line after each "(torch-setup-wizard fix runs it for you):")."""
    lines = check_output.splitlines()
    return [lines[i + 1].strip() for i, line in enumerate(lines[:-1]) if line.endswith("fix runs it for you):")]


def test_every_command_check_says_fix_runs_is_in_the_fix_plan(tmp_path: Path, index: LocalIndex) -> None:
    """Every situation (every remedy kind): what `check` promises "fix runs it for you" is a command `fix --dry-run`
    plans, and a command fix would not run carries no such promise."""
    promised_codes = set()
    for name, build in SITUATIONS.items():
        (tmp_path / name).mkdir()
        situation = build(tmp_path / name, index)
        check = wizard(situation, index, "check", "--torch-index", index.torch_base)
        dry = wizard(situation, index, "fix", "--dry-run")
        for command in promised_commands(check.stdout):
            assert command in dry.stdout, f"{name}: check promised {command!r}, fix plans:\n{dry.stdout}{dry.stderr}"
        if promised_commands(check.stdout):
            promised_codes.add(first_finding(situation, index).code)
        if "By hand" in dry.stdout:
            assert not promised_commands(check.stdout), (name, check.stdout)
    assert {"TORCH_DAMAGED", "PACKAGE_CONFLICT", "TORCH_MISSING"} <= promised_codes


def test_a_program_that_is_not_python_gets_no_pip_command(tmp_path: Path, index: LocalIndex) -> None:
    situation = make("not_python", tmp_path, index)
    check = wizard(situation, index, "check")
    assert check.returncode != 0 and "PYTHON_UNUSABLE" not in check.stderr, check.stderr
    recommendation = check.stdout.split("Recommendation", 1)[1]
    assert "-m pip" not in check.stdout and "pip install" not in check.stdout, check.stdout
    assert recommendation.split()[:4] == ["No", "install", "command", "yet:"], recommendation


@pytest.fixture(scope="module")
def hidden_gpu(tmp_path_factory: pytest.TempPathFactory, index: LocalIndex, c_compiler: str):
    """One venv with the CUDA stand-in torch and a GPU the (fake) driver reports; each test sets the variable."""
    return SITUATIONS["visible_devices_minus_one"](tmp_path_factory.mktemp("hidden-gpu"), index)


@pytest.mark.parametrize("value", ["-1", "", "3", "GPU-00000000-0000-0000-0000-000000000000"],
                         ids=["minus-one", "empty", "index-not-there", "uuid-not-there"])
def test_cuda_visible_devices_hiding_the_gpu_gets_instructions_for_the_shell(value: str, hidden_gpu, index: LocalIndex) -> None:
    situation = dataclasses.replace(hidden_gpu, env={**hidden_gpu.env, "CUDA_VISIBLE_DEVICES": value})
    before = state(situation)
    check = wizard(situation, index, "check", "--json")
    report = json.loads(check.stdout)
    first = next(f for f in report["findings"] if f["severity"] in ("error", "warning"))
    assert first["code"] == "VISIBLE_DEVICES_MASK", [f["code"] for f in report["findings"]]
    remedy = first["remedy"]
    assert not remedy["steps"] and f"is set to {value!r}" in remedy["instructions"]
    assert "`unset CUDA_VISIBLE_DEVICES`" in remedy["instructions"] and "(0)" in remedy["instructions"]  # the index to use
    assert "GPU-fake-0001" in remedy["instructions"]  # the UUID the driver reports
    assert report["recommendation"]["kind"] == "none"  # reinstalling torch would not help
    dry = wizard(situation, index, "fix", "--dry-run")
    assert dry.returncode == 1 and "By hand" in dry.stdout and "unset CUDA_VISIBLE_DEVICES" in dry.stdout, dry.stdout
    assert state(situation) == before
