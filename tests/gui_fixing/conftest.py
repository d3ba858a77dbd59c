"""Fixtures for the fixing GUI tests: one local index and one real CPU-torch venv for the session,
pip isolated to that index, backups and Qt settings in the test's temp folder."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE.parent / "actions"), str(HERE)]

from fixing_envs import CpuEnv  # noqa: E402
from gui_fixing_support import add_nvidia_card  # noqa: E402
from local_index import LocalIndex, pip_env, standard_wheels  # noqa: E402

pytest.importorskip("pytestqt")


@pytest.fixture(scope="session")
def index(tmp_path_factory: pytest.TempPathFactory) -> LocalIndex:
    with LocalIndex(standard_wheels(), tmp_path_factory.mktemp("wheels")) as served:
        yield served


@pytest.fixture(autouse=True)
def isolated(index: LocalIndex, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, qapp) -> Path:
    """Every pip sees only the local index; backups go to tmp_path; Qt settings live in tmp_path."""
    from PySide6.QtCore import QCoreApplication, QSettings

    index.heal()
    for name in [k for k in os.environ if k.startswith("PIP_")]:
        monkeypatch.delenv(name)
    for name, value in pip_env({}, PIP_INDEX_URL=index.simple_url).items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("TSW_DATA_DIR", str(tmp_path / "data"))
    QCoreApplication.setOrganizationName("TorchSetupWizard")
    QCoreApplication.setApplicationName("torch-setup-wizard")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    return tmp_path


@pytest.fixture(scope="session")
def _cpu_env(tmp_path_factory: pytest.TempPathFactory, index: LocalIndex) -> CpuEnv:
    return CpuEnv(tmp_path_factory.mktemp("cpu-env") / "venv", index)


@pytest.fixture
def cpu_env(_cpu_env: CpuEnv) -> CpuEnv:
    _cpu_env.ensure_clean()
    return _cpu_env


@pytest.fixture(scope="session")
def gpu_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A filesystem root whose PCI bus has an RTX 4070 (the collectors' ``root`` parameter)."""
    return add_nvidia_card(tmp_path_factory.mktemp("gpu-root"))
