"""Why recommend() pins the local label: real pip, a real venv, a local index standing in for download.pytorch.org."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest
from packaging.version import Version

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from local_index import LocalIndex, pip_env, standard_wheels  # noqa: E402

from wizard.findings import Goal  # noqa: E402
from wizard.knowledge import load_knowledge  # noqa: E402
from wizard.recommend import recommend  # noqa: E402
from wizard.snapshot import (  # noqa: E402
    Fact,
    FactStatus,
    GpuFacts,
    HostInfo,
    NvmlGpu,
    NvmlInfo,
    PythonFacts,
    Snapshot,
    ToolkitFacts,
    TorchRuntime,
)


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory):
    with LocalIndex(standard_wheels(), tmp_path_factory.mktemp("wheels")) as served:
        yield served


@pytest.fixture(scope="module")
def venv_python(tmp_path_factory: pytest.TempPathFactory, index: LocalIndex) -> str:
    venv = tmp_path_factory.mktemp("pin") / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    python = str(venv / "bin" / "python")
    pip(python, "torch==2.13.0+cpu", "--index-url", f"{index.torch_base}/cpu")
    return python


def pip(python: str, *args: str) -> str:
    done = subprocess.run([python, "-m", "pip", "install", *args], env=pip_env(), capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout


def installed_torch(python: str) -> str:
    code = "import importlib.metadata as m; print(m.version('torch'))"
    return subprocess.run([python, "-c", code], capture_output=True, text=True, check=True, timeout=60).stdout.strip()


def test_unlabelled_pin_leaves_the_cpu_build_and_the_recommended_pin_replaces_it(venv_python: str, index: LocalIndex):
    assert installed_torch(venv_python) == "2.13.0+cpu"
    # A plain "torch==2.13.0" ignores the candidate's local label (PEP 440), so pip keeps the CPU build.
    out = pip(venv_python, "torch==2.13.0", "--index-url", f"{index.torch_base}/cu130")
    assert "Requirement already satisfied: torch==2.13.0" in out
    assert installed_torch(venv_python) == "2.13.0+cpu"

    kb = load_knowledge()
    up_to_2_13 = dataclasses.replace(kb, releases=tuple(r for r in kb.releases if r.parsed <= Version("2.13.0")))
    python = PythonFacts(executable=venv_python, version="3.11.2", os="linux", machine="x86_64", libc="glibc 2.36")
    snap = Snapshot(
        tool_version="0.1.0", created_at="2026-11-24T00:00:00Z", source="live",
        host=Fact.found(HostInfo(os="linux", machine="x86_64")),
        gpu=GpuFacts(pci=Fact.unknown(), kernel_modules=Fact.unknown(),
                     nvml=Fact.found(NvmlInfo("580.65.06", "13.0", (NvmlGpu(0, "NVIDIA GeForce RTX 4070", "8.9"),)))),
        toolkit=ToolkitFacts(Fact.unknown(), Fact.unknown(), Fact.unknown()),
        python=Fact.found(python),
        torch=Fact.found(TorchRuntime(version="2.13.0+cpu", cuda_available=False,
                                      cuda_op=Fact.missing(FactStatus.NOT_APPLICABLE, "CPU build"))),
    )
    rec = recommend(snap, up_to_2_13, Goal(torch_index=index.torch_base))
    assert rec.argv == (venv_python, "-m", "pip", "install", "torch==2.13.0+cu130", "--index-url",
                        f"{index.torch_base}/cu130")
    done = subprocess.run(list(rec.argv), env=pip_env(), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert installed_torch(venv_python) == "2.13.0+cu130"
