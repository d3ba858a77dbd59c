"""Conda environments read from disk: no conda command is run.

Where conda keeps its list (conda.core.envs_manager): ~/.conda/environments.txt, one prefix a line,
appended whenever an environment is created. The envs folders: <installation>/envs/*, ~/.conda/envs/*
and CONDA_ENVS_PATH. A folder is a conda environment when it has conda-meta/ (conda's own test,
conda.gateways.disk.test / PrefixData).

Installed packages: conda-meta/<name>-<version>-<build>.json, one "PrefixRecord" per package with
"name", "version", "build", "channel" (a URL such as https://conda.anaconda.org/pytorch/linux-64, or
a bare name in old records), "url" and "fn" (conda.models.records; rattler's PrefixRecord docs show
the same fields). Only the PyTorch-related records are read, and only up to MAX_RECORD_BYTES each
(pytorch's record lists every file it installed); past that the file name still tells name, version, build.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from wizard.facts.discover import home_folder
from wizard.facts.interpreter import env_python
from wizard.snapshot import CondaEnvironment, CondaPackage

TORCH_PACKAGES = (
    "pytorch",
    "pytorch-cuda",
    "pytorch-cpu",
    "pytorch-gpu",
    "pytorch-mutex",
    "cpuonly",
    "torchvision",
    "torchaudio",
    "libtorch",
    "torchtriton",
)
MAX_RECORD_BYTES = 32 * 1024 * 1024
MAX_ENVIRONMENTS_TXT_BYTES = 1024 * 1024
MAX_ENVIRONMENTS = 100
INSTALL_FOLDERS = ("anaconda3", "miniconda3", "miniforge3", "mambaforge", "micromamba", "Anaconda3", "Miniconda3")
_SUBDIR = re.compile(r"^(noarch|(linux|osx|win|freebsd|zos)-[a-z0-9_]+)$")


def is_conda_env(folder: Path) -> bool:
    return (folder / "conda-meta").is_dir()


def read_environments_txt(path: Path) -> list[Path]:
    """The prefixes listed in conda's environments.txt (missing or unreadable: none)."""
    try:
        if not path.is_file() or path.stat().st_size > MAX_ENVIRONMENTS_TXT_BYTES:
            return []
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    return [Path(line.strip()) for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _subfolders(folder: Path) -> list[Path]:
    try:
        return sorted(child for child in folder.iterdir() if child.is_dir())
    except OSError:
        return []


def candidate_prefixes(env: Mapping[str, str]) -> list[Path]:
    """Every folder that may be a conda environment, most likely first (not yet tested)."""
    home = home_folder(env)
    found: list[Path] = []
    if env.get("CONDA_PREFIX"):
        found.append(Path(env["CONDA_PREFIX"]))
    installs = [Path(env["CONDA_EXE"]).parent.parent] if env.get("CONDA_EXE") else []
    installs += [home / name for name in INSTALL_FOLDERS]
    found += read_environments_txt(home / ".conda" / "environments.txt")
    for install in installs:
        found.append(install)
        found += _subfolders(install / "envs")
    found += _subfolders(home / ".conda" / "envs")
    for entry in env.get("CONDA_ENVS_PATH", "").split(os.pathsep):
        if entry.strip():
            found += _subfolders(Path(entry))
    return found


def conda_prefixes(env: Mapping[str, str], extra: Iterable[Path] = ()) -> list[Path]:
    """The conda environments on this machine (and the ``extra`` folders that are conda environments), each once."""
    seen: set[str] = set()
    prefixes = []
    for folder in [*extra, *candidate_prefixes(env)]:
        key = os.path.normcase(os.path.realpath(folder))
        if key in seen or not is_conda_env(folder):
            continue
        seen.add(key)
        prefixes.append(folder)
        if len(prefixes) >= MAX_ENVIRONMENTS:
            break
    return prefixes


def channel_name(channel: str, url: str = "") -> str:
    """'pytorch' from 'https://conda.anaconda.org/pytorch/linux-64'; 'pkgs/main' from repo.anaconda.com."""
    text = channel or url
    if not text:
        return ""
    if "://" not in text:
        return text.split("::")[0]
    path = text.split("://", 1)[1].split("/", 1)[1] if "/" in text.split("://", 1)[1] else ""
    parts = [part for part in path.split("/") if part]
    if parts and parts[-1].endswith((".conda", ".tar.bz2")):
        parts = parts[:-1]
    if parts and _SUBDIR.match(parts[-1]):
        parts = parts[:-1]
    if parts and parts[0] == "t" and len(parts) > 2:  # anaconda.org token URLs: /t/<token>/<channel>
        parts = parts[2:]
    return "/".join(parts)


def record_from_name(file_name: str) -> CondaPackage | None:
    """Name, version and build from '<name>-<version>-<build>.json' (conda's own naming)."""
    if not file_name.endswith(".json"):
        return None
    parts = file_name[: -len(".json")].rsplit("-", 2)
    return CondaPackage(parts[0], parts[1], parts[2]) if len(parts) == 3 else None


def read_record(path: Path) -> CondaPackage | None:
    """One conda-meta record; the file name alone when the record is too big or unreadable."""
    named = record_from_name(path.name)
    try:
        if not path.is_file():
            return None
        if path.stat().st_size > MAX_RECORD_BYTES:
            return named
        data = json.loads(path.read_bytes()[:MAX_RECORD_BYTES].decode("utf-8", errors="replace"))
    except (OSError, ValueError):
        return named
    if not isinstance(data, dict) or not isinstance(data.get("name"), str):
        return named
    text = {key: data.get(key) if isinstance(data.get(key), str) else "" for key in ("version", "build", "channel", "url")}
    return CondaPackage(data["name"], text["version"], text["build"], channel_name(text["channel"], text["url"]))


def torch_records(prefix: Path, names: Iterable[str] = TORCH_PACKAGES) -> tuple[CondaPackage, ...]:
    """The PyTorch-related packages conda installed into ``prefix``."""
    wanted = set(names)
    try:
        files = sorted(p for p in (prefix / "conda-meta").iterdir() if p.suffix == ".json")
    except OSError:
        return ()
    records = []
    for path in files:
        named = record_from_name(path.name)
        if named is None or named.name not in wanted:
            continue
        record = read_record(path)
        if record is not None and record.name in wanted:
            records.append(record)
    return tuple(records)


def pip_installed_torch(prefix: Path) -> str:
    """Version of a torch that pip or uv (not conda) installed into the env, '' when none."""
    patterns = ("lib/python3*/site-packages/torch-*.dist-info", "Lib/site-packages/torch-*.dist-info")
    for pattern in patterns:
        for dist_info in sorted(prefix.glob(pattern)):
            try:
                installer = (dist_info / "INSTALLER").read_text(encoding="utf-8", errors="replace")[:64].strip()
            except OSError:
                continue
            if installer.lower() in ("pip", "uv"):
                return dist_info.name[len("torch-") : -len(".dist-info")]
    return ""


def env_name(prefix: Path) -> str:
    """'base' for an installation's own prefix (it has condabin/), else the folder's name."""
    if prefix.parent.name != "envs" and (prefix / "condabin").is_dir():
        return "base"
    return prefix.name


def read_conda_env(prefix: Path) -> CondaEnvironment:
    python = env_python(prefix)
    return CondaEnvironment(
        prefix=str(prefix),
        name=env_name(prefix),
        python=str(python) if python else "",
        torch_packages=torch_records(prefix),
        pip_torch=pip_installed_torch(prefix),
    )


def find_conda_envs(env: Mapping[str, str], extra: Iterable[Path] = ()) -> list[CondaEnvironment]:
    return [read_conda_env(prefix) for prefix in conda_prefixes(env, extra)]
