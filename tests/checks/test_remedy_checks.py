"""Remedies on recorded situations where a real environment cannot be built here: a user-site copy that wins
over the environment's (only a non-venv Python gives the user site precedence), NumPy 2 with a NumPy-1 torch,
cuDNN of another major, an old libstdc++ and SIGILL (a real build is needed for those)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from wizard.engine import diagnose
from wizard.findings import Goal, Severity
from wizard.snapshot import DuplicateDistribution, Fact, FactStatus, Problem, Snapshot

SCENARIOS = Path(__file__).parent / "scenarios"
USER_SITE = "/home/student/.local/lib/python3.11/site-packages"
ENV_SITE = "/home/student/venv/lib/python3.11/site-packages"


def scenario(name: str) -> tuple[Snapshot, Goal]:
    data = json.loads((SCENARIOS / f"{name}.json").read_text())
    return Snapshot.from_json(json.dumps(data["snapshot"])), Goal(**data.get("goal", {}))


def with_python(snapshot: Snapshot, **changes: object) -> Snapshot:
    python = dataclasses.replace(snapshot.python.get(), **changes)
    return dataclasses.replace(snapshot, python=Fact.found(python))


def problems(snapshot: Snapshot, goal: Goal):
    return [f for f in diagnose(snapshot, goal=goal).findings if f.severity in (Severity.ERROR, Severity.WARNING)]


def test_user_site_copy_comes_first_and_numpy_is_its_symptom() -> None:
    snapshot, goal = scenario("numpy_array_api_warning")
    copies = DuplicateDistribution("torch", (USER_SITE, ENV_SITE), ("2.2.0", "2.13.0+cpu"))
    shadowed = with_python(snapshot, user_site=USER_SITE, user_site_enabled=True, duplicates=(copies,))
    diagnosis = diagnose(shadowed, goal=goal)
    first = problems(shadowed, goal)[0]
    assert first.code == "ENV_MISMATCH" and "user folder" in first.title and first.severity is Severity.ERROR
    assert first.remedy is not None and first.remedy.steps[0][-3:] == ("uninstall", "-y", "torch")
    assert first.actions[0].argv == first.remedy.steps[0]  # the Run button runs the remedy of the cause
    numpy = next(f for f in diagnosis.findings if f.code == "NUMPY_ABI")
    assert numpy.caused_by == "ENV_MISMATCH" and numpy.severity is Severity.INFO and not numpy.actions


def test_an_extra_copy_after_the_environments_own_is_not_called_another_environment() -> None:
    """A venv made with --system-site-packages: its own site-packages comes before the user site, so the
    environment's torch wins and the extra copy in the user site is only a warning."""
    snapshot, goal = scenario("numpy_array_api_warning")
    copies = DuplicateDistribution("torch", (ENV_SITE, USER_SITE), ("2.13.0+cpu", "2.12.0+cpu"))
    extra = with_python(snapshot, user_site=USER_SITE, user_site_enabled=True, duplicates=(copies,),
                        site_packages=(ENV_SITE,))
    torch = dataclasses.replace(snapshot.torch.get(), file=f"{ENV_SITE}/torch/__init__.py")
    extra = dataclasses.replace(extra, torch=Fact.found(torch))
    mismatch = next(f for f in diagnose(extra, goal=goal).findings if f.code == "ENV_MISMATCH")
    assert mismatch.severity is Severity.WARNING and "user folder" not in mismatch.title
    assert mismatch.remedy is None or "not from this environment" not in mismatch.remedy.instructions


def test_numpy_remedy_says_the_version_change() -> None:
    snapshot, goal = scenario("numpy_array_api_warning")
    first = problems(snapshot, goal)[0]
    assert first.code == "NUMPY_ABI" and first.remedy is not None
    assert first.remedy.steps[0][-1] == "numpy<2" and "to the newest NumPy 1 release" in first.remedy.version_change


def test_cudnn_of_another_major_is_not_called_older() -> None:
    snapshot, goal = scenario("cudnn_package_too_old")
    python = snapshot.python.get()
    cudnn = next(d for d in python.distributions if d.name.startswith("nvidia-cudnn"))
    other_major = dataclasses.replace(cudnn, version="8.9.7.29")
    changed = with_python(snapshot, distributions=tuple(other_major if d is cudnn else d for d in python.distributions))
    first = problems(changed, goal)[0]
    assert first.code == "CUDNN_MISMATCH" and "different major version" in first.title and "older" not in first.title


def _failed_import(snapshot: Snapshot, text: str, signal: int | None = None) -> Snapshot:
    problem = Problem(FactStatus.FAILED, "import torch failed", code="torch_import_failed", stderr_tail=text, signal=signal)
    return dataclasses.replace(snapshot, torch=Fact(None, problem))


def test_glibcxx_names_the_folder_to_remove() -> None:
    snapshot, goal = scenario("import_fails_other_reason")
    text = ("ImportError: /opt/conda/lib/libstdc++.so.6: version `GLIBCXX_3.4.30' not found "
            "(required by /home/student/venv/lib/python3.11/site-packages/torch/lib/libtorch_python.so)")
    first = problems(_failed_import(snapshot, text), goal)[0]
    assert first.remedy is not None and not first.remedy.runnable
    assert "Remove /opt/conda/lib from LD_LIBRARY_PATH" in first.remedy.instructions


def test_lib_path_conflict_names_the_folder_to_remove() -> None:
    snapshot, goal = scenario("old_cudart_on_ld_library_path")
    first = problems(snapshot, goal)[0]
    assert first.code == "LIB_PATH_CONFLICT" and first.remedy is not None and not first.remedy.runnable
    assert "LD_LIBRARY_PATH (PATH on Windows)" in first.remedy.instructions
    assert ": /usr/local/cuda-12.1/lib64." in first.remedy.instructions  # the folder, not the library's name


def test_cuda_visible_devices_on_windows_gets_command_prompt_and_powershell_words() -> None:
    snapshot, goal = scenario("visible_devices_empty_windows")
    found = next(f for f in diagnose(snapshot, goal=goal).findings if f.code == "VISIBLE_DEVICES_MASK")
    words = found.remedy.instructions
    assert found.remedy is not None and not found.remedy.runnable  # nothing runs: the variable is in the user's shell
    assert "`set CUDA_VISIBLE_DEVICES=`" in words and "`Remove-Item Env:CUDA_VISIBLE_DEVICES`" in words
    assert "unset" not in words and "`set CUDA_VISIBLE_DEVICES=0`" in words


def test_a_subset_of_gpus_that_exists_gets_no_remedy() -> None:
    snapshot, goal = scenario("visible_devices_subset_is_fine")
    assert all(f.remedy is None for f in diagnose(snapshot, goal=goal).findings if f.code.startswith("VISIBLE_DEVICES"))
