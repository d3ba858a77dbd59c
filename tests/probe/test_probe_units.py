"""The probe's small pure functions, imported the way the probe imports them (top-level, from its folder)."""

from __future__ import annotations

import importlib
import importlib.util
import sys
from pathlib import Path
from types import ModuleType, SimpleNamespace

import pytest

from wizard.facts.host import normalise_machine
from wizard.facts.python_env import last_stage, parse_probe_output, python_facts_from_probe, torch_runtime_from_probe
from wizard.probe import probe_script_path
from wizard.snapshot import FactStatus, PythonFacts, TorchRuntime

PROBE_DIR = probe_script_path().parent


@pytest.fixture
def probe(monkeypatch: pytest.MonkeyPatch):
    """Import a probe module by its top-level name, as probe_entry.py does."""
    monkeypatch.syspath_prepend(str(PROBE_DIR))

    def load(name: str) -> ModuleType:
        return importlib.import_module(name)

    return load


def load_entry() -> ModuleType:
    spec = importlib.util.spec_from_file_location("tsw_probe_entry_under_test", probe_script_path())
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


NEW_VERSION_PY = """from typing import Optional

__all__ = ['__version__', 'debug', 'cuda', 'git_version', 'hip', 'xpu']
__version__ = '2.13.0+cu130'
debug = False
cuda: Optional[str] = '13.0'
git_version = '5d6b0a1c2'
hip: Optional[str] = None
xpu: Optional[str] = None
"""
OLD_VERSION_PY = "__version__ = '1.13.1+cu117'\ndebug = False\ncuda = '11.7'\ngit_version = '49444c3e'\nhip = None\n"
ROCM_VERSION_PY = (
    '__version__ = "2.5.1+rocm6.2"\ncuda: Optional[str] = None\nhip: Optional[str] = "6.2.41133-dd7f95766"\n'
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (NEW_VERSION_PY, {"__version__": "2.13.0+cu130", "cuda": "13.0", "git_version": "5d6b0a1c2", "hip": ""}),
        (OLD_VERSION_PY, {"__version__": "1.13.1+cu117", "cuda": "11.7", "git_version": "49444c3e", "hip": ""}),
        (ROCM_VERSION_PY, {"__version__": "2.5.1+rocm6.2", "cuda": "", "hip": "6.2.41133-dd7f95766"}),
        ("__version__ = get_version()\n", {}),
        ("", {}),
    ],
)
def test_torch_version_py_is_read_as_text(probe, text: str, expected: dict[str, str]) -> None:
    assert probe("probe_static").parse_torch_version_text(text) == expected


def test_distribution_names(probe) -> None:
    dists = probe("probe_dists")
    assert dists.canonical_name("Nvidia_CUDNN.cu12") == "nvidia-cudnn-cu12"
    assert dists.name_version_from_folder("torch-2.13.0+cpu.dist-info") == ("torch", "2.13.0+cpu")
    assert dists.name_version_from_folder("numpy-1.26.4-py3.11.egg-info") == ("numpy", "1.26.4")
    assert dists.requirement_name("torch>=2.1; extra == 'gpu'") == "torch"
    assert dists.requirement_name("Torch_Vision (>=0.20)") == "torch-vision"
    assert dists.requirement_name("") == ""


def test_relevance(probe) -> None:
    dists = probe("probe_dists")

    def dist(name: str, *requires: str) -> dict:
        return {"name": name, "requires": list(requires)}

    relevant = ["torch", "numpy", "triton", "pytorch-triton-rocm", "nvidia-nccl-cu12", "cuda-bindings"]
    assert all(dists.is_relevant(dist(name)) for name in relevant)
    assert dists.is_relevant(dist("timm", "torchvision", "torch >=1.7"))
    assert not dists.is_relevant(dist("torchmetrics-lite", "torchvision"))
    assert not dists.is_relevant(dist("requests", "urllib3"))


def test_winner_is_the_first_copy(probe) -> None:
    dists = probe("probe_dists")
    found = [
        {"name": "torch", "version": "2.13.0", "location": "/user"},
        {"name": "numpy", "version": "2.1.0", "location": "/venv"},
        {"name": "torch", "version": "2.4.0", "location": "/venv"},
    ]
    winners, duplicates = dists.winners_and_duplicates(found)
    assert [(w["name"], w["location"]) for w in winners] == [("torch", "/user"), ("numpy", "/venv")]
    assert duplicates == [{"name": "torch", "locations": ["/user", "/venv"], "versions": ["2.13.0", "2.4.0"]}]


def test_egg_info_file_and_folder(probe, tmp_path: Path) -> None:
    dists = probe("probe_dists")
    (tmp_path / "oldpkg-0.1-py3.6.egg-info").write_text("Metadata-Version: 1.1\nName: oldpkg\nVersion: 0.1\n")
    folder = tmp_path / "torch_ext-1.0-py3.8.egg-info"
    folder.mkdir()
    (folder / "PKG-INFO").write_text("Metadata-Version: 2.1\nName: torch-ext\nVersion: 1.0\n")
    (folder / "requires.txt").write_text("torch>=1.8\nnumpy\n\n[dev]\npytest\n")
    (tmp_path / "broken-3.0.dist-info").mkdir()  # no METADATA: name and version from the folder
    found = {d["name"]: d for d in dists.scan_distributions([str(tmp_path)])}
    assert found["oldpkg"]["version"] == "0.1"
    assert found["torch-ext"]["requires"] == ["torch>=1.8", "numpy"]
    assert (found["broken"]["version"], found["broken"]["installer"]) == ("3.0", "")


def test_env_kind(probe, tmp_path: Path) -> None:
    static = probe("probe_static")
    venv = tmp_path / "venv"
    venv.mkdir()
    (venv / "pyvenv.cfg").write_text("home = /usr/bin\n")
    conda = tmp_path / "miniconda3" / "envs" / "ml"
    (conda / "conda-meta").mkdir(parents=True)
    assert static.env_kind(str(venv), "/usr", None, str(venv / "bin/python")) == "venv"
    assert static.env_kind("/old/env", "/usr", "/usr", "/old/env/bin/python") == "virtualenv"
    assert static.env_kind(str(conda), str(conda), None, str(conda / "bin/python")) == "conda"
    assert static.conda_env_name(str(conda)) == "ml"
    assert static.conda_env_name(str(tmp_path / "miniconda3")) == ""
    (tmp_path / "miniconda3" / "conda-meta").mkdir()
    assert static.conda_env_name(str(tmp_path / "miniconda3")) == "base"
    store = r"C:\Program Files\WindowsApps\PythonSoftwareFoundation.Python.3.12_3.12.2032.0_x64__qbz5n2kfra8p0"
    assert static.env_kind(store, store, None, store + r"\python.exe") == "store"
    pyenv = "/home/ann/.pyenv/versions/3.12.4"
    assert static.env_kind(pyenv, pyenv, None, pyenv + "/bin/python") == "pyenv"
    assert static.env_kind("/usr", "/usr", None, "/usr/bin/python3") == "system"


def test_vc_runtime_version_text(probe) -> None:
    static = probe("probe_static")
    assert static.vc_runtime_from_registry("v14.40.33810.00") == "14.40.33810"
    assert static.vc_runtime_from_registry("v14.29.30139.00", 14, 29, 30139) == "14.29.30139"


def test_machine_names_match_the_wizards(probe) -> None:
    entry = load_entry()
    for machine in ("AMD64", "x86_64", "i686", "ARM64", "aarch64", "ppc64le", "x64"):
        assert entry.normalise_machine(machine) == normalise_machine(machine)
    assert entry.os_key("win32") == "windows" and entry.os_key("linux") == "linux"


def test_loaded_cuda_libraries_from_maps(probe, tmp_path: Path) -> None:
    live = probe("probe_live")
    maps = tmp_path / "maps"
    lib = "/venv/lib/python3.12/site-packages/nvidia"
    maps.write_text(
        f"7f00-7f01 r--p 00000000 08:01 1 {lib}/cuda_runtime/lib/libcudart.so.12\n"
        f"7f01-7f02 r-xp 00001000 08:01 1 {lib}/cuda_runtime/lib/libcudart.so.12\n"
        f"7f02-7f03 r--p 00000000 08:01 2 {lib}/cudnn/lib/libcudnn_graph.so.9\n"
        "7f03-7f04 r--p 00000000 08:01 3 /usr/lib/x86_64-linux-gnu/libcuda.so.580.95.05\n"
        "7f04-7f05 r--p 00000000 08:01 4 /usr/lib/x86_64-linux-gnu/libc.so.6\n"
        "7f05-7f06 r--p 00000000 08:01 5 /venv/torch/lib/libtorch_cuda.so\n"
        "7f06-7f07 rw-p 00000000 00:00 0 \n"
        f"7f07-7f08 r--p 00000000 08:01 6 {lib}/cublas/lib/libcublasLt.so.12\n"
    )
    assert live.loaded_libraries(str(maps)) == [
        f"{lib}/cuda_runtime/lib/libcudart.so.12",
        f"{lib}/cudnn/lib/libcudnn_graph.so.9",
        "/usr/lib/x86_64-linux-gnu/libcuda.so.580.95.05",
        f"{lib}/cublas/lib/libcublasLt.so.12",
    ]
    assert live.loaded_libraries(str(tmp_path / "absent")) == []


def test_numpy_warning_is_trimmed(probe) -> None:
    live = probe("probe_live")
    message = "Failed to initialize NumPy: _ARRAY_API not found (Triggered internally at ../torch/csrc/x.cpp:84.)"
    assert live.numpy_warning_in(["something else", message]) == "Failed to initialize NumPy: _ARRAY_API not found"
    assert live.numpy_warning_in(["unrelated"]) == ""


def test_probe_output_after_noise() -> None:
    noise = 'hello from sitecustomize\n{"not": "ours"}\n{"probe_schema": 1, "version": "3.12.1"}\n'
    assert parse_probe_output(noise) == {"probe_schema": 1, "version": "3.12.1"}
    assert parse_probe_output('{"probe_schema": 1, "version": ') is None
    assert parse_probe_output("") is None
    assert parse_probe_output("[1, 2]\n") is None


def test_last_stage() -> None:
    stderr = "tsw-probe: stage: import torch\nwarning: x\ntsw-probe: stage: torch.cuda.is_available()\n"
    assert last_stage(stderr) == "torch.cuda.is_available()"
    assert last_stage("Traceback ...") == ""


def test_an_empty_report_maps_to_defaults() -> None:
    facts = python_facts_from_probe({}, "/usr/bin/python3")
    assert isinstance(facts, PythonFacts)
    assert facts.executable == "/usr/bin/python3" and facts.supported_by_probe is True
    assert facts.tags.problem.status is FactStatus.UNKNOWN
    runtime = torch_runtime_from_probe({})
    assert isinstance(runtime, TorchRuntime) and runtime.version == "" and runtime.cuda_op.ok is False


def test_probe_entry_rejects_an_unknown_mode(tmp_path: Path) -> None:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, str(probe_script_path()), "bogus"], capture_output=True, text=True)
    assert done.returncode == 2
    assert "usage" in done.stderr and done.stdout == ""


def test_mps_state_asks_torch_on_macos_only(probe, monkeypatch: pytest.MonkeyPatch) -> None:
    live = probe("probe_live")
    mps = SimpleNamespace(is_available=lambda: True)
    with_mps = SimpleNamespace(backends=SimpleNamespace(mps=mps))
    if sys.platform != "darwin":
        assert live.mps_state(with_mps)["problem"]["status"] == "not_applicable"
    monkeypatch.setattr(live.sys, "platform", "darwin")
    assert live.mps_state(with_mps) == {"value": True}
    assert live.mps_state(SimpleNamespace(backends=SimpleNamespace()))["problem"]["code"] == "mps_not_built"

    def broken() -> bool:
        raise RuntimeError("MPS backend out of order")

    failed = live.mps_state(SimpleNamespace(backends=SimpleNamespace(mps=SimpleNamespace(is_available=broken))))
    assert failed["problem"]["code"] == "mps_check_failed" and "out of order" in failed["problem"]["reason"]
    runtime = torch_runtime_from_probe({"version": "2.13.0", "mps_available": live.mps_state(with_mps)})
    assert runtime.mps_available.value is True
    assert torch_runtime_from_probe({"version": "2.13.0"}).mps_available.problem.status is FactStatus.UNKNOWN


def test_xpu_state_asks_torch_xpu_off_macos(probe, monkeypatch: pytest.MonkeyPatch) -> None:
    live = probe("probe_live")
    with_xpu = SimpleNamespace(xpu=SimpleNamespace(is_available=lambda: True))
    monkeypatch.setattr(live.sys, "platform", "darwin")
    assert live.xpu_state(with_xpu)["problem"]["status"] == "not_applicable"
    monkeypatch.setattr(live.sys, "platform", "linux")
    assert live.xpu_state(with_xpu) == {"value": True}
    assert live.xpu_state(SimpleNamespace())["problem"]["code"] == "xpu_not_built"
    runtime = torch_runtime_from_probe({"version": "2.7.0+xpu", "xpu_available": live.xpu_state(with_xpu)})
    assert runtime.xpu_available.value is True
