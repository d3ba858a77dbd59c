"""CUDA_HOME as an extension build would see it: found by the real collector in a fake filesystem, and
warned about (only) when it holds no toolkit and torch is a CUDA build."""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path

from wizard.engine import diagnose
from wizard.facts.toolkit import collect_toolkit
from wizard.findings import Goal, Severity
from wizard.snapshot import Snapshot

SCENARIOS = Path(__file__).parent / "scenarios"


def _toolkit_tree(root: Path) -> Path:
    toolkit = root / "usr/local/cuda-13.0"
    (toolkit / "bin").mkdir(parents=True)
    (toolkit / "include").mkdir()
    (toolkit / "bin/nvcc").write_text("#!/bin/sh\necho nvcc\n")
    (toolkit / "bin/nvcc").chmod(0o755)
    (toolkit / "include/cuda_runtime.h").write_text("/* header */\n")
    (toolkit / "version.json").write_text(json.dumps({"cuda": {"version": "13.0.88"}}))
    return toolkit


def test_wrapper_nvcc_on_path_makes_cuda_home_its_parent(tmp_path: Path) -> None:
    _toolkit_tree(tmp_path)
    wrapper = tmp_path / "usr/local/bin/nvcc"
    wrapper.parent.mkdir(parents=True)
    wrapper.write_text('#!/bin/sh\nexec /usr/local/cuda-13.0/bin/nvcc "$@"\n')
    wrapper.chmod(0o755)
    facts = collect_toolkit({"PATH": "/usr/local/bin:/usr/bin"}, root=tmp_path, sys_platform="linux")
    home = facts.extension_cuda_home.value
    assert (home.path, home.source, home.is_toolkit) == ("/usr/local", "nvcc on PATH", False)


def test_cuda_home_variable_wins_and_is_a_toolkit(tmp_path: Path) -> None:
    _toolkit_tree(tmp_path)
    env = {"PATH": "/usr/bin", "CUDA_HOME": "/usr/local/cuda-13.0"}
    home = collect_toolkit(env, root=tmp_path, sys_platform="linux").extension_cuda_home.value
    assert (home.path, home.source, home.is_toolkit) == ("/usr/local/cuda-13.0", "CUDA_HOME", True)


def test_real_machine_reports_a_cuda_home_fact() -> None:
    facts = collect_toolkit(os.environ)
    assert facts.extension_cuda_home.ok or facts.extension_cuda_home.problem.reason


def _scenario(name: str) -> tuple[Snapshot, Goal]:
    data = json.loads((SCENARIOS / f"{name}.json").read_text())
    return Snapshot.from_json(json.dumps(data["snapshot"])), Goal(**data.get("goal", {}))


def _with_home(snapshot: Snapshot, tmp_path: Path, wrapper: bool) -> Snapshot:
    _toolkit_tree(tmp_path)
    env = {"PATH": "/usr/local/bin" if wrapper else "/usr/local/cuda-13.0/bin"}
    if wrapper:
        script = tmp_path / "usr/local/bin/nvcc"
        script.parent.mkdir(parents=True)
        script.write_text('#!/bin/sh\nexec /usr/local/cuda-13.0/bin/nvcc "$@"\n')
        script.chmod(0o755)
    toolkit = collect_toolkit(env, root=tmp_path, sys_platform="linux")
    return dataclasses.replace(snapshot, toolkit=toolkit)


def test_cuda_build_with_wrapper_cuda_home_gets_a_warning_with_the_fix(tmp_path: Path) -> None:
    snapshot, goal = _scenario("healthy_cuda_linux")
    diagnosis = diagnose(_with_home(snapshot, tmp_path, wrapper=True), goal=goal)
    warning = next(f for f in diagnosis.findings if f.code == "CUDA_HOME_NOT_TOOLKIT")
    assert warning.severity is Severity.WARNING and not diagnosis.errors
    assert "/usr/local" in warning.title
    assert warning.actions[0].text.startswith("export CUDA_HOME=") and warning.actions[0].text.endswith("/usr/local/cuda-13.0")


def test_no_warning_when_cuda_home_is_a_toolkit_or_torch_is_a_cpu_build(tmp_path: Path) -> None:
    snapshot, goal = _scenario("healthy_cuda_linux")
    fine = diagnose(_with_home(snapshot, tmp_path / "a", wrapper=False), goal=goal)
    assert "CUDA_HOME_NOT_TOOLKIT" not in [f.code for f in fine.findings]
    cpu_snapshot, cpu_goal = _scenario("healthy_cpu_no_gpu")
    cpu = diagnose(_with_home(cpu_snapshot, tmp_path / "b", wrapper=True), goal=cpu_goal)
    assert "CUDA_HOME_NOT_TOOLKIT" not in [f.code for f in cpu.findings]
