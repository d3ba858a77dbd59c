"""The static probe against real interpreters on this machine (never imports torch)."""

from __future__ import annotations

import importlib.metadata
import site
import subprocess
import sys
import time
from pathlib import Path

import pytest

from packaging import tags as packaging_tags
from wizard.facts.python_env import collect_python
from wizard.probe import probe_script_path
from wizard.snapshot import FactStatus, PythonFacts, from_data, to_data

PROBE_DIR = probe_script_path().parent
DEBIAN_PYTHON = Path("/usr/bin/python3")


def facts_of(python: str) -> PythonFacts:
    fact = collect_python(python, timeout=30)
    assert fact.ok, fact.problem
    return fact.value


def test_probe_entry_parses_on_python_2_7(require_pyenv, tmp_path: Path) -> None:
    python = require_pyenv("2.7")
    compiled = tmp_path / "probe_entry.pyc"
    code = "import py_compile, sys; py_compile.compile(sys.argv[1], cfile=sys.argv[2], doraise=True)"
    done = subprocess.run([python, "-c", code, str(probe_script_path()), str(compiled)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert compiled.is_file()


@pytest.mark.parametrize("module", ["probe_entry.py", "probe_static.py", "probe_live.py", "probe_dists.py"])
def test_probe_modules_compile_on_python_3_6(require_pyenv, tmp_path: Path, module: str) -> None:
    python = require_pyenv("3.6")
    code = "import py_compile, sys; py_compile.compile(sys.argv[1], cfile=sys.argv[2], doraise=True)"
    source = PROBE_DIR / module
    done = subprocess.run([python, "-c", code, str(source), str(tmp_path / "x.pyc")], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_python_2_7_is_reported_unsupported_cleanly(require_pyenv) -> None:
    python = require_pyenv("2.7")
    facts = facts_of(python)
    assert facts.supported_by_probe is False
    assert facts.version.startswith("2.7.")
    assert (facts.implementation, facts.bits, facts.os) == ("cpython", 64, "linux")
    assert facts.executable == python
    assert facts.machine in ("x86_64", "aarch64")
    # nothing more than identity: the rest keeps its defaults
    assert facts.sys_path == () and facts.distributions == () and facts.env_kind == ""
    assert not (PROBE_DIR / "probe_entry.pyc").exists()  # Python 2 left no .pyc beside the probe


@pytest.mark.parametrize("version", ["3.6", "3.7"])
def test_old_supported_pythons_give_full_static_facts(require_pyenv, version: str) -> None:
    python = require_pyenv(version)
    facts = facts_of(python)
    assert facts.supported_by_probe is True
    assert facts.version.startswith(version + ".")
    assert facts.env_kind == "pyenv"
    assert facts.libc.startswith("glibc ")
    assert facts.prefix == facts.base_prefix == str(Path(python).parent.parent)
    assert any(p.endswith("site-packages") for p in facts.site_packages)
    assert str(PROBE_DIR) not in facts.sys_path
    assert facts.free_disk_bytes.ok and facts.free_disk_bytes.value > 0
    assert facts.torch_version_file.problem.status is FactStatus.NOT_FOUND
    assert facts.long_paths_enabled.problem.status is FactStatus.NOT_APPLICABLE
    pip = subprocess.run([python, "-m", "pip", "--version"], capture_output=True, text=True)
    if pip.returncode == 0:
        assert facts.pip_version.value == pip.stdout.split()[1]
    if facts.tags.ok:  # pip >= 19.3 vendors packaging.tags
        assert facts.tags.value[0].startswith("cp3" + version.split(".")[1])
        assert facts.tags_source in ("packaging", "pip._vendor.packaging")
    else:
        assert facts.tags.problem.status is FactStatus.UNKNOWN
        assert "neither packaging nor pip is importable" in facts.tags.problem.reason


def test_the_test_venv_itself_matches_what_it_says_in_process() -> None:
    facts = facts_of(sys.executable)
    assert facts.version == ".".join(str(n) for n in sys.version_info[:3])
    assert facts.executable == sys.executable
    assert facts.env_kind == "venv"
    assert facts.prefix == sys.prefix and facts.base_prefix == sys.base_prefix
    assert facts.externally_managed is False
    assert facts.tags_source == "packaging"
    assert facts.tags.value == tuple(str(tag) for tag in packaging_tags.sys_tags())
    assert facts.pip_version.value == importlib.metadata.version("pip")
    assert facts.user_site == site.getusersitepackages()
    assert set(facts.site_packages) >= set(site.getsitepackages())
    assert set(facts.sys_path) <= set(sys.path)
    assert any(p.endswith("site-packages") for p in facts.sys_path)


def test_python_facts_survive_the_snapshot_codec() -> None:
    facts = facts_of(sys.executable)
    assert from_data(PythonFacts, to_data(facts)) == facts


@pytest.mark.skipif(not DEBIAN_PYTHON.is_file(), reason="no Debian system python3 here")
def test_debian_system_python_is_externally_managed() -> None:
    facts = facts_of(str(DEBIAN_PYTHON))
    stdlib = Path(f"/usr/lib/python{facts.version.rsplit('.', 1)[0]}")
    if not (stdlib / "EXTERNALLY-MANAGED").is_file():
        pytest.skip("this system python3 has no PEP 668 marker")
    assert facts.externally_managed is True
    assert facts.env_kind == "system"
    assert facts.prefix == "/usr"


def test_venv_without_pip_or_packaging(make_venv) -> None:
    venv = make_venv("bare")
    facts = facts_of(venv.python)
    assert facts.env_kind == "venv"
    assert facts.pip_version.problem.status is FactStatus.NOT_FOUND
    assert facts.pip_version.problem.code == "pip_missing"
    assert facts.tags.problem.status is FactStatus.UNKNOWN
    assert facts.tags.problem.reason.startswith("neither packaging nor pip is importable")
    assert facts.tags_source == ""
    assert facts.distributions == () and facts.duplicates == ()


def test_distributions_that_matter_and_duplicates(make_venv, tmp_path: Path) -> None:
    venv = make_venv("dists")
    venv.write_package("torch", {"__init__.py": "raise SystemExit('the static probe must never import torch')\n"})
    venv.write_package(
        "torch",
        {"version.py": "__version__ = '9.9.9+cu121'\ndebug = False\ncuda: Optional[str] = '12.1'\nhip = None\n"},
    )
    venv.write_dist("torch", "9.9.9+cu121", requires=["nvidia-cudnn-cu12==9.1.0.70; platform_system == 'Linux'"])
    venv.write_dist("nvidia-cudnn-cu12", "9.1.0.70")
    venv.write_dist("lightning", "2.4.0", requires=["torch>=2.1", "numpy"], installer="uv")
    venv.write_dist("requests", "2.32.0")
    venv.write_dist("pytorch-triton-rocm", "3.0.0", installer=None)
    extra = tmp_path / "older-copy"
    venv.write_dist("torch", "1.13.1", where=extra)
    (venv.site_packages / "zz-extra.pth").write_text(str(extra) + "\n")

    facts = facts_of(venv.python)
    names = [dist.name for dist in facts.distributions]
    assert set(names) == {"torch", "nvidia-cudnn-cu12", "lightning", "pytorch-triton-rocm"}
    torch = facts.distribution("torch")
    assert (torch.version, torch.installer, torch.location) == ("9.9.9+cu121", "pip", str(venv.site_packages))
    assert torch.requires == ("nvidia-cudnn-cu12==9.1.0.70; platform_system == 'Linux'",)
    assert facts.distribution("lightning").installer == "uv"
    assert facts.distribution("pytorch-triton-rocm").installer == ""
    (duplicate,) = facts.duplicates
    assert duplicate.name == "torch"
    assert duplicate.locations == (str(venv.site_packages), str(extra))
    assert duplicate.versions == ("9.9.9+cu121", "1.13.1")
    version_file = facts.torch_version_file.value
    assert (version_file.version, version_file.cuda, version_file.hip) == ("9.9.9+cu121", "12.1", "")
    assert version_file.path == str(venv.site_packages / "torch" / "version.py")


def test_unreadable_torch_version_file_is_a_fact(make_venv) -> None:
    venv = make_venv("no-version-py")
    venv.write_package("torch", {"__init__.py": ""})
    fact = facts_of(venv.python).torch_version_file
    assert fact.problem.status is FactStatus.FAILED
    assert fact.problem.code == "torch_version_file_unreadable"
    assert "version.py" in fact.problem.reason


def test_static_probe_is_cheap() -> None:
    """The static probe must cost a small fraction of an `import torch` (about a second here)."""
    argv = [sys.executable, str(probe_script_path()), "static"]
    subprocess.run(argv, capture_output=True, check=True)  # warm the file cache and __pycache__
    started = time.perf_counter()
    subprocess.run(argv, capture_output=True, check=True)
    assert time.perf_counter() - started < 1.0
