"""The frozen Linux bundle, built once per source state and cached between test sessions.

The cache key is a hash of everything that goes into the bundle (wizard/, resources/, packaging/,
pyproject.toml), so an unchanged tree reuses ~/.cache/tsw-tests/bundle-<hash>/ and a changed one
rebuilds (about 20 s with the build venv in place). A lock file keeps concurrent sessions from
building the same bundle twice.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

try:
    import fcntl
except ImportError:  # Windows: the Linux bundle is not built there (frozen_bundle skips), nothing to lock
    fcntl = None

REPO = Path(__file__).resolve().parents[2]
CACHE = Path(os.environ.get("TSW_TEST_CACHE", Path.home() / ".cache" / "tsw-tests"))
BUNDLE_SOURCES = ("wizard", "resources", "packaging", "pyproject.toml")
BUILD_TIMEOUT_S = 1200  # a first build also creates the build venv and downloads PyInstaller and PySide6
STALE_BUNDLE_AGE_S = 900  # bundles of other source states older than this are deleted (each ~115 MB)


def bundle_sources_digest(root: Path = REPO) -> str:
    """A short hash of the files the bundle is built from (compiled caches excluded)."""
    digest = hashlib.sha256()
    for top in BUNDLE_SOURCES:
        path = root / top
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        for file in files:
            if "__pycache__" in file.parts or file.suffix == ".pyc":
                continue
            digest.update(file.relative_to(root).as_posix().encode() + b"\0")
            digest.update(file.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


@contextmanager
def _locked(lock_path: Path) -> Iterator[None]:
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    if fcntl is None:
        yield
        return
    with open(lock_path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def build_bundle(dist: Path, work: Path) -> float:
    """Run packaging/build_linux.sh into dist (no tarball); returns the build's wall time in seconds."""
    env = {
        **os.environ,
        "TSW_DIST_DIR": str(dist),
        "TSW_WORK_DIR": str(work),
        "TSW_BUILD_VENV": str(CACHE / "pyinstaller-venv"),
        "TSW_TARBALL": "0",
        "PYTHON": sys.executable,
    }
    started = time.monotonic()
    done = subprocess.run(["bash", str(REPO / "packaging" / "build_linux.sh")], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=BUILD_TIMEOUT_S)
    if done.returncode != 0:
        tail = (done.stdout + done.stderr)[-3000:]
        pytest.fail(f"packaging/build_linux.sh failed (exit {done.returncode}):\n{tail}", pytrace=False)
    return time.monotonic() - started


def _prune_stale_bundles(keep: Path) -> None:
    for old in CACHE.glob("bundle-*"):
        if old != keep and old.is_dir() and time.time() - old.stat().st_mtime > STALE_BUNDLE_AGE_S:
            shutil.rmtree(old, ignore_errors=True)


def cached_bundle() -> Path:
    """The bundle folder (holding the two executables) for the current sources, built if needed."""
    target = CACHE / f"bundle-{bundle_sources_digest()}"
    bundle = target / "torch-setup-wizard"
    if (bundle / "torch-setup-wizard").is_file():
        return bundle
    with _locked(CACHE / "bundle.lock"):
        if (bundle / "torch-setup-wizard").is_file():  # another session built it while we waited
            return bundle
        staging = CACHE / f"{target.name}.partial"
        shutil.rmtree(staging, ignore_errors=True)
        build_bundle(staging / "dist", staging / "work")
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        (staging / "dist" / "torch-setup-wizard").rename(bundle)
        shutil.rmtree(staging, ignore_errors=True)
        _prune_stale_bundles(keep=target)
    return bundle


@pytest.fixture(scope="session")
def frozen_bundle() -> Path:
    if not sys.platform.startswith("linux"):
        pytest.skip("the bundle smoke test builds the Linux bundle")
    return cached_bundle()
