"""pip's "Successfully installed torch-X.Y.Z" without a local version, on Windows: PyPI's CPU-only build.

PyPI publishes CPU-only torch wheels for Windows; CUDA builds come from download.pytorch.org and pip's success line
then names them "torch-2.3.1+cu121". On Linux PyPI's wheel is a CUDA build, so the same line says nothing there.
"""

from __future__ import annotations

from tests.textdiag.pasted import errors_of
from wizard.textdiag import snapshot_from_text

WINDOWS_PIP = (
    "C:\\Users\\me\\sd> pip install torch torchvision\n"
    "Successfully installed torch-2.3.1 torchvision-0.18.1\n"
    "C:\\Users\\me\\sd> python -c \"import torch; print(torch.cuda.is_available())\"\n"
    "False\n"
    "My GPU is an RTX 3060.\n"
)



def test_a_plain_pypi_torch_on_windows_is_a_cpu_build() -> None:
    runtime = snapshot_from_text(WINDOWS_PIP).torch.get()
    assert runtime is not None and (runtime.version, runtime.cuda) == ("2.3.1", "")
    assert errors_of(WINDOWS_PIP) == ["CPU_ONLY_WHEEL"]


def test_a_local_version_or_linux_says_nothing_about_a_cpu_build() -> None:
    cuda_build = WINDOWS_PIP.replace("torch-2.3.1 ", "torch-2.3.1+cu121 ")
    runtime = snapshot_from_text(cuda_build).torch.get()
    assert runtime is None or runtime.cuda == "12.1"
    assert "CPU_ONLY_WHEEL" not in errors_of(cuda_build)
    linux = "$ pip install torch\nSuccessfully installed torch-2.3.1\n>>> torch.cuda.is_available()\nFalse\nUbuntu 22.04"
    assert snapshot_from_text(linux).torch.get() is None
    assert "CPU_ONLY_WHEEL" not in errors_of(linux)
