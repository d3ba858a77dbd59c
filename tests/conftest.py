"""Fixtures shared by every test area: real interpreters on this machine, offscreen Qt."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["TSW_LANG"] = "en"  # tests read English unless they choose a language (wizard.i18n); the OS locale must not decide

REPO = Path(__file__).resolve().parent.parent
# Algorithm tests run on a frozen copy of the knowledge base (newest verified release 2.14.1), so a refresh of
# resources/knowledge never breaks them; set for the whole run so CLI subprocesses and GUI workers see it too.
FROZEN_KNOWLEDGE = REPO / "tests" / "fixtures" / "knowledge"
SHIPPED_KNOWLEDGE = REPO / "resources" / "knowledge"
os.environ["TSW_KNOWLEDGE_DIR"] = str(FROZEN_KNOWLEDGE)
# No test reads download.pytorch.org: `check` and `fix` answer from the bundled tables unless a test names a local
# index and clears TSW_OFFLINE (tests/index); the index cache goes to a folder of this run, never the user's.
os.environ["TSW_OFFLINE"] = "1"
os.environ["TSW_CACHE_DIR"] = tempfile.mkdtemp(prefix="tsw-test-cache-")
TORCH_VERSION = "2.13.0"
# What torch.__version__ says in that venv: the CPU index's Linux and Windows wheels carry "+cpu", the macOS
# wheels (PyPI's and the CPU index's alike) no local version.
TORCH_CPU_VERSION = TORCH_VERSION if sys.platform == "darwin" else f"{TORCH_VERSION}+cpu"
CACHE = Path(os.environ.get("TSW_TEST_CACHE", Path.home() / ".cache" / "tsw-tests"))


@contextlib.contextmanager
def refused(key: str) -> Iterator[None]:
    """Expect wizard.actions to refuse for the reason ``key`` (resources/texts/actions.json), in whatever language
    it is shown: the exception names its key, and its message is that catalog text filled with its data."""
    from wizard.actions.policy import ActionRefused
    from wizard.i18n import text

    with pytest.raises(ActionRefused) as caught:
        yield
    assert caught.value.key == key, f"refused for {caught.value.key}: {caught.value}"
    assert str(caught.value) == text(key, **caught.value.params)


@pytest.fixture
def german() -> Iterator[None]:
    """The wizard speaks German for this test, English again after it."""
    from wizard import i18n

    i18n.set_locale("de")
    yield
    i18n.set_locale(i18n.SOURCE_LOCALE)


def _has_torch(python: Path) -> bool:
    if not python.is_file():
        return False
    probe = subprocess.run(
        [str(python), "-c", "import importlib.metadata as m; print(m.version('torch'))"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    return probe.returncode == 0 and probe.stdout.strip().startswith(TORCH_VERSION)


def _venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


# Markers for tests only a real Windows or Mac can run (registered in pyproject.toml). Elsewhere they are
# skipped with the reason; the CI matrix (.github/workflows/ci.yml) runs them on windows-latest and macOS.
PLATFORM_MARKERS = {
    "windows_only": ("win32", "needs a real Windows; runs in the CI matrix's windows-latest jobs"),
    "macos_only": ("darwin", "needs a real Mac; runs in the CI matrix's macos-14 / macos-15-intel jobs"),
}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        for marker, (platform, reason) in PLATFORM_MARKERS.items():
            if item.get_closest_marker(marker) is not None and sys.platform != platform:
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def torch_python() -> str:
    """A real venv with the CPU build of torch 2.13.0 (created once, cached under ~/.cache/tsw-tests).

    .ci/run creates it before the tests; here we create it when missing, and skip with the reason
    when torch 2.13.0 cannot be installed on this machine.
    """
    named = os.environ.get("TSW_TEST_TORCH_PYTHON")
    if named and _has_torch(Path(named)):
        return named
    venv = CACHE / f"torch-{TORCH_VERSION}"
    python = _venv_python(venv)
    if _has_torch(python):
        return str(python)
    venv.parent.mkdir(parents=True, exist_ok=True)
    if not python.is_file():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "-q", f"torch=={TORCH_VERSION}"], capture_output=True, text=True, timeout=1200
    )
    if install.returncode != 0 or not _has_torch(python):
        pytest.skip(f"torch {TORCH_VERSION} could not be installed here: {install.stderr.strip()[-300:]}")
    return str(python)


@pytest.fixture(scope="session")
def frozen_knowledge():
    """The frozen test knowledge base (tests/fixtures/knowledge): pin versions against this one."""
    from wizard.knowledge import load_knowledge

    return load_knowledge(FROZEN_KNOWLEDGE)


@pytest.fixture(scope="session")
def shipped_knowledge():
    """The knowledge base the wizard ships (resources/knowledge): only for invariants that hold on any update."""
    from wizard.knowledge import load_knowledge

    return load_knowledge(SHIPPED_KNOWLEDGE)


@pytest.fixture(scope="session")
def plain_venv_python(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A fresh venv without torch."""
    venv = tmp_path_factory.mktemp("plain") / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    return str(_venv_python(venv))


def pyenv_python(version_prefix: str) -> str | None:
    """The pyenv interpreter whose version starts with version_prefix ("2.7", "3.7"), if installed."""
    root = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    if not root.is_dir():
        return None
    for candidate in sorted(root.iterdir()):
        if candidate.name.startswith(version_prefix):
            python = candidate / "bin" / "python"
            if python.is_file():
                return str(python)
    return None


@pytest.fixture
def require_pyenv():
    def _get(version_prefix: str) -> str:
        python = pyenv_python(version_prefix)
        if python is None:
            pytest.skip(f"no pyenv Python {version_prefix} on this machine")
        return python

    return _get


@pytest.fixture(scope="session")
def c_compiler() -> str:
    for name in ("cc", "gcc", "clang"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("no C compiler on this machine")


def _cached_tool_venv(name: str, requirement: str, ready: Callable[[Path], bool]) -> Path:
    """A venv under the test cache with ``requirement`` installed from PyPI once (skip with pip's reason if it can't)."""
    venv = CACHE / name
    if ready(venv):
        return venv
    venv.parent.mkdir(parents=True, exist_ok=True)
    if not _venv_python(venv).is_file():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    install = subprocess.run(
        [str(_venv_python(venv)), "-m", "pip", "install", "-q", requirement], capture_output=True, text=True, timeout=900
    )
    if install.returncode != 0 or not ready(venv):
        pytest.skip(f"{requirement} could not be installed here: {install.stderr.strip()[-300:]}")
    return venv


def _site_packages(venv: Path) -> Path | None:
    found = sorted(venv.glob("lib/python3*/site-packages")) + sorted(venv.glob("Lib/site-packages"))
    return found[0] if found else None


@pytest.fixture(scope="session")
def ipykernel_site() -> Path:
    """site-packages of a cached venv with the real ipykernel (and jupyter_client) from PyPI.

    A test venv gets ipykernel by a .pth file naming this folder (see add_site), so `python -m ipykernel install`
    in it is the real one and writes a real kernelspec whose argv runs that test venv's Python.
    """
    def ready(venv: Path) -> bool:
        site = _site_packages(venv)
        return site is not None and (site / "ipykernel").is_dir() and (site / "jupyter_client").is_dir()

    return _site_packages(_cached_tool_venv(f"ipykernel-{sys.version_info[0]}.{sys.version_info[1]}", "ipykernel", ready))


def add_site(python: str, site: Path) -> None:
    """Make ``site`` importable in the venv of ``python`` (a .pth file in its own site-packages)."""
    own = _site_packages(Path(python).parent.parent)
    assert own is not None
    (own / "tsw_test_extra_site.pth").write_text(str(site) + "\n", encoding="utf-8")


def make_hanging_torch_venv(folder: Path, seconds: int = 600) -> Path:
    """A venv (no pip) whose ``import torch`` sleeps ``seconds``: a driver that never answers. Returns its python."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder)], check=True, timeout=120)
    python = _venv_python(folder)
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    (Path(purelib) / "torch").mkdir()
    (Path(purelib) / "torch" / "__init__.py").write_text(f"import time\ntime.sleep({seconds})\n")
    return python


@pytest.fixture
def hanging_torch_python(tmp_path: Path) -> str:
    return str(make_hanging_torch_venv(tmp_path / "hanging-venv"))


@pytest.fixture(scope="session")
def uv_program() -> str:
    """The real uv (from PyPI, `pip install uv`), cached under the test cache."""
    def ready(venv: Path) -> bool:
        return (venv / ("Scripts/uv.exe" if os.name == "nt" else "bin/uv")).is_file()

    venv = _cached_tool_venv("uv", "uv", ready)
    return str(venv / ("Scripts/uv.exe" if os.name == "nt" else "bin/uv"))


# PySide6 6.12 sometimes aborts the interpreter while it shuts down after many Qt tests ("Fatal Python error:
# bool_dealloc: deallocating True or False", while garbage-collecting in finalization) — after every test has
# passed and the summary is printed, turning a green run into exit code 134. Once pytest has reported, leave
# without the interpreter's finalization, keeping pytest's own exit status. TSW_TEST_NORMAL_EXIT=1 turns this off.
_EXIT_STATUS: list[int] = []


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    _EXIT_STATUS.append(int(exitstatus))


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    if _EXIT_STATUS and os.environ.get("TSW_TEST_NORMAL_EXIT") != "1" and "PySide6" in sys.modules:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(_EXIT_STATUS[-1])
