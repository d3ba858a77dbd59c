"""What `pip install .` installs: every package, the resources and the probe scripts, usable without the
source checkout (the README's first command installs the wheel, not the folder)."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

REPO = Path(__file__).resolve().parents[2]


def test_every_package_is_listed_in_pyproject() -> None:
    listed = set(tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(REPO).parts) for p in (REPO / "wizard").rglob("__init__.py")}
    assert listed == found | {"wizard.resources"}


@pytest.fixture(scope="module")
def unpacked_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(REPO)],
        capture_output=True, text=True, timeout=600,
    )
    assert build.returncode == 0, build.stderr[-2000:]
    (wheel,) = out.glob("torch_setup_wizard-*.whl")
    target = out / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(target)
    return target


def test_installed_wheel_finds_its_resources_and_probe(unpacked_wheel: Path, tmp_path: Path) -> None:
    code = (
        "from wizard.resources_path import resources_dir; from wizard.knowledge import load_knowledge; "
        "from wizard.checks.texts import load_texts; from wizard.probe import probe_script_path; "
        "from wizard.textdiag import snapshot_from_text; "
        "k = load_knowledge(); load_texts(); snapshot_from_text('Torch not compiled with CUDA enabled'); "
        "print(resources_dir()); print(probe_script_path()); print(len(k.releases))"
    )
    # -S: no site-packages .pth files, so the development checkout's editable install cannot answer instead
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(unpacked_wheel), sysconfig.get_paths()["purelib"]])}
    env.pop("TSW_RESOURCES", None)
    result = subprocess.run([sys.executable, "-S", "-c", code], capture_output=True, text=True, env=env,
                            cwd=tmp_path, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    resources, probe, releases = result.stdout.split()
    assert Path(resources) == unpacked_wheel / "wizard" / "resources"
    assert Path(probe).is_file() and Path(probe).is_relative_to(unpacked_wheel)
    assert int(releases) > 20
