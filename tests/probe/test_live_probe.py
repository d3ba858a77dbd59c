"""The live probe: a real torch, and stand-in torch packages that fail in every way torch does."""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import TORCH_CPU_VERSION
from wizard.facts.python_env import collect_python, collect_torch
from wizard.snapshot import FactStatus, TorchRuntime, from_data, to_data

POSIX_ONLY = pytest.mark.skipif(os.name == "nt", reason="signals and process groups are POSIX here")

STAND_IN_CUDA_TORCH = {
    "__init__.py": """
        import warnings
        from torch import _C, backends, cuda, version
        __version__ = version.__version__
        warnings.warn(
            "Failed to initialize NumPy: _ARRAY_API not found (Triggered internally at ../torch/csrc/utils/tensor_numpy.cpp:84.)"
        )

        class _Tensor:
            def __init__(self, device):
                self.device = device
            def __mul__(self, other):
                return self
            def sum(self):
                return self
            def item(self):
                if self.device == "cuda":
                    raise RuntimeError("CUDA error: no kernel image is available for execution on the device")
                return 4.0
            def numpy(self):
                raise RuntimeError("Numpy is not available")

        def ones(n, device="cpu"):
            return _Tensor(device)

        def zeros(n):
            return _Tensor("cpu")
        """,
    "version.py": "__version__ = '9.9.9+cu121'\ndebug = False\ncuda = '12.1'\nhip = None\ngit_version = 'abc123'\n",
    "_C.py": "def _cuda_getArchFlags():\n    return 'sm_50 sm_60 sm_70 sm_80 sm_90'\n",
    "backends/__init__.py": "from torch.backends import cudnn\n",
    "backends/cudnn.py": """
        def version():
            raise RuntimeError(
                "cuDNN version incompatibility: PyTorch was compiled against (9, 1, 0) but found runtime version (8, 9, 2)"
            )
        """,
    "cuda.py": """
        import warnings
        AVAILABLE = {available}

        def is_available():
            if not AVAILABLE:
                warnings.warn("CUDA initialization: The NVIDIA driver on your system is too old (found version 11040).")
            return AVAILABLE

        def device_count():
            return 1 if AVAILABLE else 0

        def get_device_name(index):
            return "NVIDIA GeForce RTX 5090"

        def get_device_capability(index):
            return (12, 0)

        def get_arch_list():
            return ["sm_50", "sm_90"] if AVAILABLE else []
        """,
}


def stand_in_torch(make_venv, name: str, init: str, **files: str):
    venv = make_venv(name)
    venv.write_package("torch", {"__init__.py": init, "version.py": "__version__ = '9.9.9'\ncuda = '12.1'\n", **files})
    venv.write_dist("torch", "9.9.9")
    return venv


# --------------------------------------------------------------------------- a real torch


@pytest.fixture(scope="module")
def real_torch(torch_python: str) -> TorchRuntime:
    fact = collect_torch(torch_python, timeout=120)
    assert fact.ok, fact.problem
    return fact.value


def test_real_cpu_torch(real_torch: TorchRuntime, torch_python: str) -> None:
    assert real_torch.version == TORCH_CPU_VERSION
    assert real_torch.cuda == "" and real_torch.hip == ""
    assert real_torch.cuda_available is False
    assert real_torch.device_count == 0 and real_torch.devices == ()
    assert real_torch.arch_list == ()
    assert real_torch.cudnn_version == ""
    assert real_torch.cuda_op.problem.status is FactStatus.NOT_APPLICABLE
    assert "not available" in real_torch.cuda_op.problem.reason
    assert Path(real_torch.file).name == "__init__.py"
    assert Path(real_torch.file).parent.name == "torch"
    assert real_torch.loaded_libraries == ()  # a CPU build maps no CUDA library
    assert real_torch.step_errors == ()
    for package in ("torchvision", "torchaudio", "numpy_version"):
        fact = getattr(real_torch, package)
        assert fact.problem.status is FactStatus.NOT_FOUND, package  # the test venv has torch only
    assert real_torch.numpy_warning.startswith("Failed to initialize NumPy: No module named 'numpy'")
    assert from_data(TorchRuntime, to_data(real_torch)) == real_torch


def test_mps_is_asked_on_macos_only(real_torch: TorchRuntime) -> None:
    if sys.platform == "darwin":
        assert real_torch.mps_available.ok and isinstance(real_torch.mps_available.value, bool)
    else:
        assert real_torch.mps_available.problem.status is FactStatus.NOT_APPLICABLE


def test_real_torch_static_facts(torch_python: str) -> None:
    fact = collect_python(torch_python, timeout=30)
    assert fact.ok, fact.problem
    facts = fact.value
    assert facts.env_kind == "venv"
    version_file = facts.torch_version_file.value
    assert (version_file.version, version_file.cuda, version_file.hip) == (TORCH_CPU_VERSION, "", "")
    assert version_file.git_version
    torch = facts.distribution("torch")
    assert (torch.version, torch.installer) == (TORCH_CPU_VERSION, "pip")
    assert any(req.startswith("sympy") for req in torch.requires)
    assert facts.tags_source == "pip._vendor.packaging"  # that venv has no packaging of its own
    assert facts.tags.value[0].startswith("cp311-cp311-manylinux")


# --------------------------------------------------------------------------- stand-ins that work (oddly)


@pytest.mark.parametrize("available", [False, True])
def test_stand_in_cuda_torch_records_every_step(make_venv, available: bool) -> None:
    venv = make_venv(f"cuda-{available}")
    files = dict(STAND_IN_CUDA_TORCH)
    files["cuda.py"] = files["cuda.py"].format(available=available)
    venv.write_package("torch", files)
    venv.write_dist("torch", "9.9.9+cu121")
    venv.write_package("numpy", {"__init__.py": "__version__ = '2.1.0'\n"})
    venv.write_package(
        "torchvision", {"__init__.py": "raise RuntimeError('operator torchvision::nms does not exist')\n"}
    )
    venv.write_package("torchaudio", {"__init__.py": "__version__ = '9.9.9'\n"})

    fact = collect_torch(venv.python, timeout=30)
    assert fact.ok, fact.problem
    torch = fact.value
    assert (torch.version, torch.cuda, torch.hip) == ("9.9.9+cu121", "12.1", "")
    assert torch.file == str(venv.site_packages / "torch" / "__init__.py")
    assert torch.cuda_available is available
    assert torch.cudnn_version == ""
    assert any("cuDNN version incompatibility" in error for error in torch.step_errors)
    assert torch.numpy_version.value == "2.1.0"
    assert torch.numpy_warning == "Failed to initialize NumPy: _ARRAY_API not found"
    assert torch.torchvision.problem.status is FactStatus.FAILED
    assert torch.torchvision.problem.code == "torchvision_import_failed"
    assert "torchvision::nms" in torch.torchvision.problem.reason
    assert "Traceback" in torch.torchvision.problem.stderr_tail
    assert torch.torchaudio.value == "9.9.9"
    if available:
        assert torch.cuda_warnings == ()
        assert torch.device_count == 1
        assert [(d.index, d.name, d.capability) for d in torch.devices] == [(0, "NVIDIA GeForce RTX 5090", "12.0")]
        assert torch.arch_list == ("sm_50", "sm_90")
        assert torch.cuda_op.problem.status is FactStatus.FAILED
        assert torch.cuda_op.problem.code == "cuda_op_failed"
        assert "no kernel image is available" in torch.cuda_op.problem.reason
    else:
        assert torch.cuda_warnings == (
            "CUDA initialization: The NVIDIA driver on your system is too old (found version 11040).",
        )
        assert torch.devices == ()
        # get_arch_list() is empty without CUDA; the build's own list still comes through
        assert torch.arch_list == ("sm_50", "sm_60", "sm_70", "sm_80", "sm_90")
        assert torch.cuda_op.problem.status is FactStatus.NOT_APPLICABLE


def test_output_on_stdout_from_torch_or_sitecustomize_does_not_break_the_report(make_venv) -> None:
    venv = make_venv("noisy")
    (venv.site_packages / "sitecustomize.py").write_text("print('hello from sitecustomize {not json')\n")
    files = dict(STAND_IN_CUDA_TORCH, **{"cuda.py": STAND_IN_CUDA_TORCH["cuda.py"].format(available=False)})
    files["__init__.py"] = (
        "import os\nprint('{\"probe_schema\": 99}')\nos.write(1, b'native output on fd 1\\n')\n"
        + "from torch import _C, backends, cuda, version\n__version__ = version.__version__\n"
    )
    venv.write_package("torch", files)
    fact = collect_torch(venv.python, timeout=30)
    assert fact.ok, fact.problem
    assert fact.value.version == "9.9.9+cu121"
    assert collect_python(venv.python, timeout=30).value.torch_version_file.value.version == "9.9.9+cu121"


# --------------------------------------------------------------------------- stand-ins that fail


def test_torch_not_installed(make_venv) -> None:
    venv = make_venv("no-torch")
    fact = collect_torch(venv.python, timeout=30)
    assert fact.problem.status is FactStatus.NOT_FOUND
    assert fact.problem.code == "torch_not_installed"
    assert venv.python in fact.problem.reason


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (
            "ImportError('libcudart.so.12: cannot open shared object file: No such file or directory')",
            "libcudart.so.12",
        ),
        (  # torch's own wording around the Windows message (https://github.com/pytorch/pytorch/issues/131662)
            "OSError('[WinError 126] The specified module could not be found. Error loading "
            '\\"C:\\\\Users\\\\ann\\\\env\\\\Lib\\\\site-packages\\\\torch\\\\lib\\\\fbgemm.dll\\" or one of its dependencies.\')',
            "WinError 126",
        ),
        ("ModuleNotFoundError(\"No module named 'typing_extensions'\", name='typing_extensions')", "typing_extensions"),
    ],
)
def test_import_failure_keeps_the_traceback(make_venv, error: str, expected: str) -> None:
    venv = stand_in_torch(
        make_venv, f"fails-{expected[:8]}", "from torch._C import *\n", **{"_C.py": f"raise {error}\n"}
    )
    fact = collect_torch(venv.python, timeout=30)
    assert fact.problem.status is FactStatus.FAILED
    assert fact.problem.code == "torch_import_failed"  # a missing dependency is not "torch not installed"
    assert expected in fact.problem.reason
    tail = fact.problem.stderr_tail
    assert tail.startswith("Traceback (most recent call last):")
    assert "torch/_C.py" in tail.replace("\\", "/") and expected in tail


@POSIX_ONLY
def test_segfault_during_import_is_a_fact_and_static_facts_still_come(make_venv) -> None:
    venv = stand_in_torch(make_venv, "segfault", "import os, signal\nos.kill(os.getpid(), signal.SIGSEGV)\n")
    fact = collect_torch(venv.python, timeout=30)
    assert fact.problem.status is FactStatus.FAILED
    assert fact.problem.code == "torch_import_crashed"
    assert fact.problem.signal == signal.SIGSEGV
    assert "SIGSEGV" in fact.problem.reason and "import torch" in fact.problem.reason
    static = collect_python(venv.python, timeout=30)  # the static probe never imports torch
    assert static.value.torch_version_file.value.version == "9.9.9"


def test_exit_during_import_without_report(make_venv) -> None:
    venv = stand_in_torch(make_venv, "exits", "import os\nos._exit(3)\n")
    fact = collect_torch(venv.python, timeout=30)
    assert fact.problem.status is FactStatus.FAILED
    assert fact.problem.code == "torch_import_failed"
    assert fact.problem.exit_code == 3
    assert "during import torch" in fact.problem.reason


def _gone(pid: int, within: float = 3.0) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
        except OSError:
            return True
        if state == "Z":
            return True
        time.sleep(0.05)
    return False


@POSIX_ONLY
def test_hang_is_stopped_with_its_children(make_venv, tmp_path: Path) -> None:
    pids = tmp_path / "pids"
    init = f"""
        import os, subprocess, sys, time
        child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
        with open({str(pids)!r}, "w") as handle:
            handle.write("%d %d" % (os.getpid(), child.pid))
        time.sleep(120)
        """
    venv = stand_in_torch(make_venv, "hangs", init)
    started = time.monotonic()
    fact = collect_torch(venv.python, timeout=3)
    assert time.monotonic() - started < 15
    assert fact.problem.status is FactStatus.TIMED_OUT
    assert fact.problem.code == "torch_import_timeout"
    assert "import torch" in fact.problem.reason
    for pid in map(int, pids.read_text().split()):
        assert _gone(pid), f"process {pid} survived the timeout"


def test_python_2_7_live_probe_says_unsupported(require_pyenv) -> None:
    fact = collect_torch(require_pyenv("2.7"), timeout=30)
    assert fact.problem.status is FactStatus.NOT_APPLICABLE
    assert fact.problem.code == "python_unsupported"
    assert "2.7" in fact.problem.reason


def test_python_3_6_live_probe_runs(require_pyenv) -> None:
    fact = collect_torch(require_pyenv("3.6"), timeout=30)
    assert fact.problem.code == "torch_not_installed", fact.problem
