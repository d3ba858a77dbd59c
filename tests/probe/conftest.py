"""Real venvs with stand-in torch packages, written by the tests themselves.

The venvs are made with `python -m venv --without-pip` (about 0.1 s each): the probe needs no pip,
and a venv without pip is itself a case worth covering (pip_version not found, no wheel tags).
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import textwrap
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass(frozen=True)
class StandInVenv:
    root: Path
    python: str
    site_packages: Path

    def write_package(self, name: str, files: dict[str, str], where: Path | None = None) -> Path:
        """A package folder (e.g. torch/) with the given files (relative path -> source text)."""
        package = (where or self.site_packages) / name
        for relative, text in files.items():
            target = package / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(textwrap.dedent(text))
        return package

    def write_dist(
        self,
        name: str,
        version: str,
        requires: Iterable[str] = (),
        installer: str | None = "pip",
        where: Path | None = None,
    ) -> Path:
        """A <name>-<version>.dist-info folder with METADATA (and INSTALLER unless None)."""
        folder = (where or self.site_packages) / f"{name.replace('-', '_')}-{version}.dist-info"
        folder.mkdir(parents=True, exist_ok=True)
        lines = ["Metadata-Version: 2.1", f"Name: {name}", f"Version: {version}"]
        lines += [f"Requires-Dist: {req}" for req in requires]
        (folder / "METADATA").write_text("\n".join(lines) + "\n\nA long description: Name: not-a-header\n")
        if installer is not None:
            (folder / "INSTALLER").write_text(installer + "\n")
        return folder


def _site_packages(root: Path) -> Path:
    relative = Path(sysconfig.get_path("purelib", vars={"base": str(root), "platbase": str(root)})).relative_to(root)
    return root / relative


@pytest.fixture(scope="module")
def make_venv(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], StandInVenv]:
    def make(name: str) -> StandInVenv:
        root = tmp_path_factory.mktemp("probe-venvs") / name
        subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(root)], check=True, timeout=120)
        python = root / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
        site = _site_packages(root)
        assert site.is_dir(), site
        return StandInVenv(root, str(python), site)

    return make


@pytest.fixture
def fake_program(tmp_path: Path) -> Callable[[str, str], str]:
    """A POSIX shell script standing in for a 'python' that misbehaves."""
    if os.name == "nt":
        pytest.skip("shell-script stand-ins need a POSIX system")

    def write(name: str, body: str) -> str:
        path = tmp_path / name
        path.write_text("#!/bin/sh\n" + textwrap.dedent(body))
        path.chmod(0o755)
        return str(path)

    return write
