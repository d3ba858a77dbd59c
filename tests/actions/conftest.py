"""Fixtures for the fixing tests: one local index for the session, real venvs installed from it."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

sys.path[:0] = [str(Path(__file__).resolve().parent.parent), str(Path(__file__).resolve().parent)]

from fixing_envs import CpuEnv, snapshot_of  # noqa: E402
from local_index import LocalIndex, pip_env, standard_wheels  # noqa: E402

from wizard.snapshot import Snapshot  # noqa: E402


@pytest.fixture(scope="session")
def index(tmp_path_factory: pytest.TempPathFactory) -> LocalIndex:
    with LocalIndex(standard_wheels(), tmp_path_factory.mktemp("wheels")) as served:
        yield served


@pytest.fixture(autouse=True)
def isolated_pip(index: LocalIndex, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Every pip the code under test starts sees only the local index; backups go to tmp_path."""
    index.heal()
    for name in [k for k in os.environ if k.startswith("PIP_")]:
        monkeypatch.delenv(name)
    for name, value in pip_env({}, PIP_INDEX_URL=index.simple_url).items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("TSW_DATA_DIR", str(tmp_path / "data"))


@pytest.fixture(scope="session")
def _cpu_env(tmp_path_factory: pytest.TempPathFactory, index: LocalIndex) -> CpuEnv:
    return CpuEnv(tmp_path_factory.mktemp("cpu-env") / "venv", index)


@pytest.fixture
def cpu_env(_cpu_env: CpuEnv) -> CpuEnv:
    _cpu_env.ensure_clean()
    return _cpu_env


@pytest.fixture
def snapshot_for() -> Callable[[str], Snapshot]:
    return snapshot_of
