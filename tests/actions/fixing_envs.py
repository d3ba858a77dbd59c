"""Real venvs for the fixing tests, installed from the local index, and a snapshot read from a real interpreter."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from local_index import LocalIndex, pip_env

from wizard.snapshot import (
    Distribution,
    Fact,
    FactStatus,
    GpuFacts,
    PythonFacts,
    Snapshot,
    ToolkitFacts,
    TorchVersionFile,
)

CPU_SET = ("torch==2.13.0+cpu", "torchvision==0.28.0+cpu", "numpy==1.26.4")


def base_python() -> str:
    """Python 3.13 (its venvs get pip 24.2, which prints raw progress) when pyenv has it, else our own."""
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    for candidate in sorted(pyenv.glob("3.13*/bin/python")) if pyenv.is_dir() else ():
        return str(candidate)
    return sys.executable


def make_venv(folder: Path, index: LocalIndex, packages: tuple[str, ...], python: str | None = None) -> str:
    subprocess.run([python or base_python(), "-m", "venv", str(folder)], check=True, timeout=300)
    venv_python = str(folder / ("Scripts/python.exe" if os.name == "nt" else "bin/python"))
    if packages:
        subprocess.run(
            [venv_python, "-m", "pip", "install", "-q", *packages, "--extra-index-url", f"{index.torch_base}/cpu"],
            check=True,
            timeout=300,
            env=pip_env(PIP_INDEX_URL=index.simple_url),
        )
    return venv_python


def freeze(python: str) -> str:
    return subprocess.run(
        [python, "-m", "pip", "freeze", "--all"], capture_output=True, text=True, check=True, env=pip_env()
    ).stdout


class CpuEnv:
    """A real venv with the stand-in CPU torch set; recreated only when a test left it changed."""

    def __init__(self, folder: Path, index: LocalIndex) -> None:
        self.folder, self.index = folder, index
        self.python = make_venv(folder, index, CPU_SET)
        self.baseline = freeze(self.python)

    def ensure_clean(self) -> str:
        if freeze(self.python) != self.baseline:
            shutil.rmtree(self.folder)
            self.python = make_venv(self.folder, self.index, CPU_SET)
            self.baseline = freeze(self.python)
        return self.python


def snapshot_of(python: str) -> Snapshot:
    """A snapshot of the interpreter's identity and torch/version.py, read from the real interpreter.

    Stands in for wizard.facts.collect while the probe is being written elsewhere; only the fields the
    fixing code reads (executable, prefix, env kind, distributions, torch version file) are filled.
    """
    code = (
        "import sys, json, importlib.metadata as m\n"
        "d = {x.metadata['Name']: x.version for x in m.distributions()}\n"
        "v = {}\n"
        "try:\n"
        "    import torch.version as t\n"
        "    v = {'path': t.__file__, 'version': t.__version__, 'cuda': t.cuda or ''}\n"
        "except ImportError:\n"
        "    pass\n"
        "print(json.dumps([sys.executable, sys.prefix, sys.base_prefix, d, v]))\n"
    )
    out = subprocess.run([python, "-c", code], capture_output=True, text=True, check=True).stdout
    executable, prefix, base_prefix, dists, version_file = json.loads(out)
    torch_file = Fact.found(TorchVersionFile(**version_file)) if version_file else Fact.missing(FactStatus.NOT_FOUND, "no torch")
    facts = PythonFacts(
        executable=executable,
        version="3",
        env_kind="venv" if prefix != base_prefix else "system",
        prefix=prefix,
        base_prefix=base_prefix,
        distributions=tuple(Distribution(name.lower(), version) for name, version in sorted(dists.items())),
        torch_version_file=torch_file,
    )
    unknown = Fact.unknown("not gathered in this test")
    return Snapshot(
        tool_version="test",
        created_at="2025-01-01T00:00:00+00:00",
        source="live",
        host=unknown,
        gpu=GpuFacts(pci=unknown, nvml=unknown, kernel_modules=unknown),
        toolkit=ToolkitFacts(toolkits=unknown, search_path_libraries=unknown, system_cudnn=unknown),
        python=Fact.found(facts),
        torch=Fact.missing(FactStatus.UNKNOWN, "live import skipped in this test"),
    )
