"""Conda installations as on-disk layouts (conda itself cannot be installed here).

What a conda environment looks like on disk, and where each piece comes from:

* ``<prefix>/conda-meta/`` marks a conda environment; ``<install>/condabin/`` marks the installation's own
  (base) prefix; environments live in ``<install>/envs/<name>`` and are listed in ``~/.conda/environments.txt``
  (conda.core.envs_manager, conda's docs "Managing environments").
* One JSON "PrefixRecord" per installed package, ``conda-meta/<name>-<version>-<build>.json``, with the fields
  of conda.models.records.PrefixRecord: name, version, build, build_number, channel (a channel URL with the
  subdir), subdir, fn, url, depends, constrains, md5, files, requested_spec, link. rattler's PrefixRecord docs
  show the same fields from a real record: channel 'https://conda.anaconda.org/conda-forge/win-64',
  fn 'libsqlite-3.40.0-hcfcfb64_0.tar.bz2', url 'https://conda.anaconda.org/conda-forge/win-64/libsqlite-3.40.0-hcfcfb64_0.tar.bz2'.
* The pytorch channel's packages (conda.anaconda.org/pytorch, discontinued after 2.5): ``pytorch`` with build
  strings ``py3.11_cpu_0`` (CPU) or ``py3.11_cuda12.1_cudnn8.9.2_0``; the noarch marker packages ``cpuonly 2.0``
  (build 0, depends on ``pytorch-mutex 1.0 cpu``) and ``pytorch-mutex 1.0`` (builds ``cpu`` / ``cuda``), and
  ``pytorch-cuda 12.1`` from the same channel (which pulls CUDA from the nvidia channel). The install line the
  old pytorch.org selector printed: ``conda install pytorch torchvision torchaudio cpuonly -c pytorch``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

PYTORCH_CHANNEL = "https://conda.anaconda.org/pytorch"


def record(name: str, version: str, build: str, channel: str, subdir: str, depends: list[str] | None = None,
           files: list[str] | None = None) -> dict:
    """A PrefixRecord as conda writes it into conda-meta (the fields conda.models.records defines)."""
    fn = f"{name}-{version}-{build}.tar.bz2"
    return {
        "build": build,
        "build_number": int(build.rsplit("_", 1)[-1]) if build.rsplit("_", 1)[-1].isdigit() else 0,
        "channel": f"{channel}/{subdir}",
        "constrains": [],
        "depends": depends or [],
        "extracted_package_dir": f"/opt/conda/pkgs/{fn[:-len('.tar.bz2')]}",
        "files": files or [],
        "fn": fn,
        "license": "BSD 3-Clause",
        "link": {"source": f"/opt/conda/pkgs/{fn[:-len('.tar.bz2')]}", "type": 1},
        "md5": "0" * 32,
        "name": name,
        "package_tarball_full_path": f"/opt/conda/pkgs/{fn}",
        "paths_data": {"paths": [], "paths_version": 1},
        "requested_spec": name,
        "sha256": "0" * 64,
        "size": 0,
        "subdir": subdir,
        "timestamp": 1729000000000,
        "url": f"{channel}/{subdir}/{fn}",
        "version": version,
    }


def pytorch_channel_cpu_records(python: str = "3.11") -> list[dict]:
    """`conda install pytorch torchvision torchaudio cpuonly -c pytorch` (the 2.5.1 CPU build)."""
    return [
        record("pytorch", "2.5.1", f"py{python}_cpu_0", PYTORCH_CHANNEL, "linux-64",
               depends=["pytorch-mutex 1.0 cpu", f"python >={python},<{python}.0a0"],
               files=[f"lib/python{python}/site-packages/torch/__init__.py"]),
        record("torchvision", "0.20.1", f"py{python}_cpu", PYTORCH_CHANNEL, "linux-64", depends=["pytorch 2.5.1"]),
        record("torchaudio", "2.5.1", f"py{python}_cpu", PYTORCH_CHANNEL, "linux-64", depends=["pytorch 2.5.1"]),
        record("cpuonly", "2.0", "0", PYTORCH_CHANNEL, "noarch", depends=["pytorch-mutex 1.0 cpu"]),
        record("pytorch-mutex", "1.0", "cpu", PYTORCH_CHANNEL, "noarch"),
    ]


def pytorch_channel_cuda_records(python: str = "3.11") -> list[dict]:
    return [
        record("pytorch", "2.5.1", f"py{python}_cuda12.1_cudnn8.9.2_0", PYTORCH_CHANNEL, "linux-64",
               depends=["pytorch-cuda >=12.1,<12.2", "pytorch-mutex 1.0 cuda"]),
        record("pytorch-cuda", "12.1", "ha16c6d3_6", PYTORCH_CHANNEL, "linux-64"),
        record("pytorch-mutex", "1.0", "cuda", PYTORCH_CHANNEL, "noarch"),
    ]


def other_records() -> list[dict]:
    return [record("numpy", "2.1.3", "py311h08b1b3b_0", "https://repo.anaconda.com/pkgs/main", "linux-64")]


def write_records(prefix: Path, records: list[dict]) -> None:
    meta = prefix / "conda-meta"
    meta.mkdir(parents=True, exist_ok=True)
    (meta / "history").write_text("==> 2024-11-01 10:00:00 <==\n", encoding="utf-8")
    for item in records:
        (meta / f"{item['name']}-{item['version']}-{item['build']}.json").write_text(json.dumps(item, indent=2), encoding="utf-8")


def make_installation(home: Path, name: str = "miniconda3") -> Path:
    """An installation's base prefix: condabin/, conda-meta/, and environments.txt under ~/.conda."""
    install = home / name
    (install / "condabin").mkdir(parents=True, exist_ok=True)
    write_records(install, other_records())
    return install


def make_env(install: Path, name: str, records: list[dict], with_python: bool = True, home: Path | None = None) -> Path:
    """An environment in <install>/envs/<name>: a REAL venv (so its Python runs and reports this prefix) with
    conda-meta records; listed in ~/.conda/environments.txt when ``home`` is given."""
    prefix = install / "envs" / name
    if with_python:
        subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(prefix)], check=True, timeout=300)
    else:
        prefix.mkdir(parents=True, exist_ok=True)
    write_records(prefix, records + other_records())
    if home is not None:
        listing = home / ".conda" / "environments.txt"
        listing.parent.mkdir(parents=True, exist_ok=True)
        with listing.open("a", encoding="utf-8") as handle:
            handle.write(str(prefix) + os.linesep)
    return prefix
