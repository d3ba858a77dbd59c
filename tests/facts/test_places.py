"""Where code runs: Jupyter kernel folders and kernel.json, conda layouts, uv venvs and projects, VS Code settings."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conda_layouts import (
    make_env,
    make_installation,
    pytorch_channel_cpu_records,
    pytorch_channel_cuda_records,
    record,
)
from wizard.facts.conda_envs import channel_name, conda_prefixes, find_conda_envs, record_from_name, torch_records
from wizard.facts.kernels import find_kernels, kernel_folders, user_data_folder
from wizard.facts.places import collect_places, kernel_by_name, parse_answer
from wizard.facts.uv import find_uv_project, parse_lock, parse_pyproject, read_uv_project, read_uv_venv
from wizard.facts.vscode import editor_choices, strip_jsonc
from wizard.places_text import places_text
from wizard.snapshot import Fact, RunPlaces, Snapshot, from_data, to_data


def write_kernel(folder: Path, name: str, argv0: str, display: str = "", language: str = "python") -> Path:
    spec = folder / name / "kernel.json"
    spec.parent.mkdir(parents=True, exist_ok=True)
    data = {"argv": [argv0, "-m", "ipykernel_launcher", "-f", "{connection_file}"], "display_name": display or name,
            "language": language, "metadata": {"debugger": True}}
    spec.write_text(json.dumps(data), encoding="utf-8")
    return spec


# --------------------------------------------------------------------------- Jupyter


def test_kernel_folders_follow_jupyters_order(tmp_path: Path) -> None:
    env = {"HOME": str(tmp_path), "JUPYTER_PATH": os.pathsep.join([str(tmp_path / "a"), str(tmp_path / "b")])}
    folders = kernel_folders(env, "linux", prefixes=[str(tmp_path / "env")])
    assert folders[:4] == [tmp_path / "a" / "kernels", tmp_path / "b" / "kernels",
                           tmp_path / ".local/share/jupyter/kernels", tmp_path / "env/share/jupyter/kernels"]
    assert folders[-2:] == [Path("/usr/local/share/jupyter/kernels"), Path("/usr/share/jupyter/kernels")]


@pytest.mark.parametrize(("env", "os_name", "expected"), [
    ({"JUPYTER_DATA_DIR": "/data/j"}, "linux", "/data/j"),
    ({"XDG_DATA_HOME": "/xdg"}, "linux", "/xdg/jupyter"),
    ({}, "darwin", "HOME/Library/Jupyter"),
    ({"APPDATA": "C:/Users/s/AppData/Roaming"}, "windows", "C:/Users/s/AppData/Roaming/jupyter"),
])
def test_user_data_folder_per_os(env: dict, os_name: str, expected: str, tmp_path: Path) -> None:
    env = {"HOME": str(tmp_path), **env}
    assert user_data_folder(env, os_name) == Path(expected.replace("HOME", str(tmp_path)))


def test_first_kernel_of_a_name_wins_and_broken_specs_are_skipped(tmp_path: Path) -> None:
    first, second = tmp_path / "first" / "kernels", tmp_path / "second" / "kernels"
    write_kernel(first, "Course", sys.executable, "Course (first)")
    write_kernel(second, "course", "/nowhere/python", "Course (second)")
    (second / "broken").mkdir(parents=True)
    (second / "broken" / "kernel.json").write_text("{not json", encoding="utf-8")
    (second / "huge").mkdir()
    (second / "huge" / "kernel.json").write_bytes(b" " * 70_000 + b"{}")
    kernels = find_kernels([first, second])
    assert [(k.name, k.display_name, k.python) for k in kernels] == [("course", "Course (first)", sys.executable)]


def test_a_bare_python_kernel_runs_its_prefixs_python(tmp_path: Path) -> None:
    prefix = tmp_path / "env"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(prefix)], check=True, timeout=120)
    write_kernel(prefix / "share/jupyter/kernels", "python3", "python")
    write_kernel(tmp_path / "user/kernels", "other", "python3")
    kernels = {k.name: k for k in find_kernels([prefix / "share/jupyter/kernels", tmp_path / "user/kernels"])}
    assert kernels["python3"].python == str(prefix / "bin" / "python3") or kernels["python3"].python.startswith(str(prefix))
    assert kernels["other"].python == "" and kernels["other"].python_note == "the Python that runs Jupyter"


def test_kernel_by_name_says_which_kernels_exist(tmp_path: Path) -> None:
    write_kernel(tmp_path / "jd" / "kernels", "course", sys.executable)
    env = {"HOME": str(tmp_path), "JUPYTER_DATA_DIR": str(tmp_path / "jd"), "PATH": ""}
    assert kernel_by_name("Course", env, "linux", cwd=tmp_path) == (sys.executable, ["course"], "")
    assert kernel_by_name("nope", env, "linux", cwd=tmp_path) == ("", ["course"], "")


# --------------------------------------------------------------------------- conda


def test_channel_names_from_record_urls() -> None:
    assert channel_name("https://conda.anaconda.org/pytorch/linux-64") == "pytorch"
    assert channel_name("https://conda.anaconda.org/conda-forge/win-64") == "conda-forge"
    assert channel_name("https://repo.anaconda.com/pkgs/main/noarch") == "pkgs/main"
    assert channel_name("", "https://conda.anaconda.org/nvidia/linux-64/cuda-12.1.tar.bz2") == "nvidia"
    assert channel_name("https://conda.anaconda.org/t/tk-123/private/linux-64") == "private"
    assert channel_name("pytorch") == "pytorch"


def test_record_file_names_split_from_the_right() -> None:
    assert record_from_name("pytorch-mutex-1.0-cpu.json").name == "pytorch-mutex"
    assert record_from_name("pytorch-2.5.1-py3.11_cuda12.1_cudnn8.9.2_0.json").build == "py3.11_cuda12.1_cudnn8.9.2_0"
    assert record_from_name("history") is None


def test_conda_layout_with_cpuonly_is_read_from_conda_meta(tmp_path: Path) -> None:
    home = tmp_path / "home"
    install = make_installation(home)
    course = make_env(install, "course", pytorch_channel_cpu_records(), with_python=False, home=home)
    make_env(install, "gpu", pytorch_channel_cuda_records(), with_python=False)
    (home / "not-conda").mkdir()
    envs = {e.name: e for e in find_conda_envs({"HOME": str(home)})}
    assert set(envs) == {"base", "course", "gpu"}
    names = {(p.name, p.version, p.build, p.channel) for p in envs["course"].torch_packages}
    assert ("cpuonly", "2.0", "0", "pytorch") in names and ("pytorch-mutex", "1.0", "cpu", "pytorch") in names
    assert ("pytorch", "2.5.1", "py3.11_cpu_0", "pytorch") in names
    assert envs["base"].torch_packages == ()  # numpy is not a torch package
    assert conda_prefixes({"HOME": str(home)})[0] == course  # environments.txt comes before the envs folder scan


def test_a_huge_record_is_named_by_its_file(tmp_path: Path) -> None:
    prefix = tmp_path / "env"
    (prefix / "conda-meta").mkdir(parents=True)
    big = record("pytorch", "2.5.1", "py3.11_cpu_0", "https://conda.anaconda.org/pytorch", "linux-64")
    (prefix / "conda-meta" / "pytorch-2.5.1-py3.11_cpu_0.json").write_text(json.dumps(big), encoding="utf-8")
    assert torch_records(prefix)[0].channel == "pytorch"
    import wizard.facts.conda_envs as module

    limit = module.MAX_RECORD_BYTES
    module.MAX_RECORD_BYTES = 10
    try:
        assert [(p.name, p.build, p.channel) for p in torch_records(prefix)] == [("pytorch", "py3.11_cpu_0", "")]
    finally:
        module.MAX_RECORD_BYTES = limit


def test_pip_torch_in_a_conda_env_is_seen(tmp_path: Path) -> None:
    prefix = make_env(make_installation(tmp_path), "mixed", pytorch_channel_cpu_records(), with_python=False)
    dist = prefix / "lib/python3.11/site-packages/torch-2.13.0.dist-info"
    dist.mkdir(parents=True)
    (dist / "INSTALLER").write_text("pip\n", encoding="utf-8")
    env = {e.name: e for e in find_conda_envs({"HOME": str(tmp_path)})}["mixed"]
    assert env.pip_torch == "2.13.0"


# --------------------------------------------------------------------------- uv

PYPROJECT = """
[project]
name = "course"
version = "0.1.0"
requires-python = ">=3.10"
dependencies = ["numpy", "torch>=2.5"]

[tool.uv.sources]
torch = [{ index = "pytorch-cpu", marker = "sys_platform != 'darwin'" }]
torchvision = { index = "pytorch-cpu" }

[[tool.uv.index]]
name = "pytorch-cpu"
url = "https://user:secret@download.pytorch.org/whl/cpu"
explicit = true
"""

LOCK = """
version = 1
requires-python = ">=3.10"

[[package]]
name = "torch"
version = "2.9.0+cpu"
source = { registry = "https://download.pytorch.org/whl/cpu" }

[[package]]
name = "numpy"
version = "2.1.3"
source = { registry = "https://pypi.org/simple" }
"""


def test_pyproject_sources_and_indexes_for_torch_without_credentials() -> None:
    import tomllib

    parsed = parse_pyproject(tomllib.loads(PYPROJECT))
    assert parsed["torch_requirement"] == "torch>=2.5"
    assert parsed["sources"] == (("torch", "pytorch-cpu"), ("torchvision", "pytorch-cpu"))
    assert parsed["indexes"] == (("pytorch-cpu", "https://download.pytorch.org/whl/cpu"),)
    assert parse_lock(tomllib.loads(LOCK)) == (("torch", "2.9.0+cpu", "https://download.pytorch.org/whl/cpu"),)


def test_uv_project_is_found_from_a_subfolder(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (tmp_path / "uv.lock").write_text(LOCK, encoding="utf-8")
    (tmp_path / "notebooks").mkdir()
    project = find_uv_project(tmp_path / "notebooks")
    assert project is not None and project.folder == str(tmp_path) and project.has_lock and project.has_sources_table
    assert project.locked[0][:2] == ("torch", "2.9.0+cpu")


def test_a_plain_pyproject_is_not_a_uv_project_and_bad_toml_is_said(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert read_uv_project(tmp_path) is None
    (tmp_path / "uv.lock").write_text("not = [toml", encoding="utf-8")
    project = find_uv_project(tmp_path)
    assert project is not None and "not valid TOML" in project.problem


def test_uv_venv_is_recognised_by_its_pyvenv_cfg(tmp_path: Path) -> None:
    prefix = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(prefix)], check=True, timeout=120)
    assert read_uv_venv(prefix) is None
    cfg = prefix / "pyvenv.cfg"
    cfg.write_text(cfg.read_text(encoding="utf-8") + "uv = 0.9.7\n", encoding="utf-8")
    venv = read_uv_venv(prefix)
    assert venv is not None and venv.uv_version == "0.9.7" and not venv.has_pip


# --------------------------------------------------------------------------- VS Code


def test_vscode_setting_with_comments_and_workspace_folder(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(tmp_path / "env")], check=True, timeout=120)
    (tmp_path / ".vscode").mkdir()
    (tmp_path / ".vscode/settings.json").write_text(
        '{\n  // the course env\n  "python.defaultInterpreterPath": "${workspaceFolder}/env", /* x */\n'
        '  "url": "http://example.org//not-a-comment",\n}\n', encoding="utf-8")
    choice = editor_choices(tmp_path)[0]
    assert choice.source == "settings.json" and choice.python.startswith(str(tmp_path / "env" / "bin"))
    assert json.loads(strip_jsonc('{"a": "x//y", // c\n}')) == {"a": "x//y"}


# --------------------------------------------------------------------------- all together, real interpreters


def test_collect_places_asks_every_interpreter_once_and_round_trips(tmp_path: Path) -> None:
    home = tmp_path / "home"
    install = make_installation(home)
    env_prefix = make_env(install, "course", pytorch_channel_cpu_records(), home=home)
    write_kernel(tmp_path / "jd" / "kernels", "course", str(env_prefix / "bin" / "python"), "Course (conda)")
    (tmp_path / "work").mkdir()
    env = {"HOME": str(home), "JUPYTER_DATA_DIR": str(tmp_path / "jd"), "PATH": str(Path(sys.executable).parent)}
    places = collect_places(env, cwd=tmp_path / "work", os_name="linux")
    kernel = places.kernel("course")
    assert kernel is not None and kernel.answer.answered and kernel.answer.torch_version == ""
    assert os.path.realpath(kernel.answer.prefix) == os.path.realpath(env_prefix)
    assert places.conda_envs[0].answer == kernel.answer
    text = places_text(places)
    assert 'the notebook kernel "Course (conda)" (course) runs' in text and "cpuonly 2.0 (0, pytorch)" in text
    snapshot = Snapshot("t", "now", "live", *_empty_parts(), places=Fact.found(places))
    assert from_data(Snapshot, json.loads(json.dumps(to_data(snapshot)))) == snapshot
    assert isinstance(snapshot.places.value, RunPlaces)


def _empty_parts() -> tuple:
    from wizard.snapshot import GpuFacts, ToolkitFacts

    unknown = Fact.unknown()
    return unknown, GpuFacts(unknown, unknown, unknown), ToolkitFacts(unknown, unknown, unknown), unknown, unknown


def test_answer_parsing_keeps_a_prefix_with_spaces() -> None:
    answer = parse_answer("noise\ntsw-places 3.12.1 2.13.0+cpu 1 /home/a b/env\n")
    assert answer is not None and answer.prefix == "/home/a b/env" and answer.has_ipykernel
    assert parse_answer("tsw-places 3.12.1") is None
