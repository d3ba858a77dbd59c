"""collect_env output of every era → the facts of a partial Snapshot."""

from __future__ import annotations

from wizard.snapshot import FactStatus
from wizard.textdiag import snapshot_from_text

# pytorch/pytorch#40682 (1.5 era, Windows, "Yes"/"No", "[pip]" lines, quoted with "> ").
OLD_WINDOWS = r"""outptu of python -m torch.utils.collect_env is
> Collecting`environment information...
> PyTorch version: 1.5.0+cu101
> Is debug build: No
> CUDA used to build PyTorch: 10.1
>
> OS: Microsoft Windows Server 2019 Standard
> GCC version: (MinGW.org GCC Build-20200227-1) 9.2.0
> CMake version: Could not collect
>
> Python version: 3.7
> Is CUDA available: Yes
> CUDA runtime version: 10.1.243
> GPU models and configuration:
> GPU 0: TITAN RTX
> GPU 1: TITAN RTX
>
> Nvidia driver version: 442.92
> cuDNN version: C:\Program Files\NVIDIA GPU Computing Toolkit\CUDA\v10.1\bin\cudnn64_7.dll
>
> Versions of relevant libraries:
> [pip] numpy==1.19.0
> [pip] torch==1.5.0+cu101
> [pip] torchvision==0.6.0+cu101
> [conda] mkl                       2019.4                      245
"""

# siliconflow/onediff#1061 (2.1 era, Linux, multi-line GPU list), completed with the usual tail.
NEW_LINUX = """Collecting environment information...
PyTorch version: 2.1.0+cu121
Is debug build: False
CUDA used to build PyTorch: 12.1
ROCM used to build PyTorch: N/A

OS: Rocky Linux 9.4 (Blue Onyx) (x86_64)
GCC version: (GCC) 11.4.1 20231218 (Red Hat 11.4.1-3)
Clang version: Could not collect
CMake version: version 3.29.3
Libc version: glibc-2.34

Python version: 3.10.14 (main, Mar 21 2024, 16:24:04) [GCC 11.2.0] (64-bit runtime)
Python platform: Linux-5.14.0-427.18.1.el9_4.x86_64-x86_64-with-glibc2.34
Is CUDA available: True
CUDA runtime version: 12.1.66
CUDA_MODULE_LOADING set to: LAZY
GPU models and configuration:
GPU 0: NVIDIA GeForce RTX 3090 Ti
GPU 1: NVIDIA GeForce RTX 3090 Ti

Nvidia driver version: 535.183.01
cuDNN version: Probably one of the following:
/usr/lib64/libcudnn.so.8.9.7
/usr/lib64/libcudnn_ops_infer.so.8.9.7
HIP runtime version: N/A
MIOpen runtime version: N/A
Is XNNPACK available: True

Versions of relevant libraries:
[pip3] numpy==1.26.4
[pip3] torch==2.1.0
[pip3] triton==2.1.0
[conda] pytorch                   2.1.0           py3.10_cuda12.1_cudnn8.9.2_0    pytorch
[conda] torch                     2.1.0                    pypi_0    pypi
"""


def test_new_linux_format() -> None:
    snap = snapshot_from_text(NEW_LINUX)
    host = snap.host.value
    assert (host.os, host.machine, host.libc) == ("linux", "x86_64", "glibc 2.34")
    assert host.os_release == "Rocky Linux 9.4 (Blue Onyx)"
    assert host.kernel == "5.14.0-427.18.1.el9_4.x86_64"
    nvml = snap.gpu.nvml.value
    assert nvml.driver_version == "535.183.01"
    assert nvml.cuda_driver_version == ""  # collect_env does not print what the driver supports
    assert [(g.index, g.name) for g in nvml.gpus] == [(0, "NVIDIA GeForce RTX 3090 Ti"), (1, "NVIDIA GeForce RTX 3090 Ti")]
    assert nvml.gpus[0].compute_capability == "8.6"  # from the knowledge base's name patterns
    torch = snap.torch.value
    assert (torch.version, torch.cuda, torch.cuda_available) == ("2.1.0+cu121", "12.1", True)
    python = snap.python.value
    assert (python.version, python.bits, python.implementation) == ("3.10.14", 64, "cpython")
    dists = {d.name: d for d in python.distributions}
    assert dists["torch"].version == "2.1.0" and dists["torch"].installer == "pip"
    assert dists["triton"].version == "2.1.0"
    toolkit = snap.toolkit.toolkits.value[0]
    assert toolkit.version == "12.1.66" and toolkit.version_source == "nvcc --version"
    cudnn = snap.toolkit.system_cudnn.value
    assert [c.version for c in cudnn] == ["8.9.7", "8.9.7"]
    assert cudnn[0].path == "/usr/lib64/libcudnn.so.8.9.7"


def test_old_windows_format_with_quote_marks() -> None:
    snap = snapshot_from_text(OLD_WINDOWS)
    assert snap.host.value.os == "windows"
    torch = snap.torch.value
    assert (torch.version, torch.cuda, torch.cuda_available) == ("1.5.0+cu101", "10.1", True)
    assert snap.python.value.version == "3.7"
    assert snap.gpu.nvml.value.driver_version == "442.92"
    assert [g.name for g in snap.gpu.nvml.value.gpus] == ["TITAN RTX", "TITAN RTX"]
    cudnn = snap.toolkit.system_cudnn.value[0]
    assert cudnn.version == "7" and cudnn.path.endswith("cudnn64_7.dll")
    names = {d.name: d.version for d in snap.python.value.distributions}
    assert names["torch"] == "1.5.0+cu101" and names["mkl"] == "2019.4"


def test_crlf_ansi_and_prose_around_the_block() -> None:
    text = "Hallo, ich habe ein Problem:\r\n\x1b[1m" + NEW_LINUX.replace("\n", "\r\n") + "\x1b[0m\r\nDanke!\r\n"
    snap = snapshot_from_text(text)
    assert snap.torch.value.version == "2.1.0+cu121"
    assert snap.gpu.nvml.value.driver_version == "535.183.01"


def test_cpu_build_is_known_from_could_not_collect() -> None:
    text = "PyTorch version: 2.2.2\nIs debug build: False\nCUDA used to build PyTorch: Could not collect\n"
    torch = snapshot_from_text(text).torch.value
    assert torch.version == "2.2.2" and torch.cuda == ""


def test_pytorch_version_na_means_torch_did_not_import() -> None:
    text = "PyTorch version: N/A\nIs debug build: N/A\nCUDA used to build PyTorch: N/A\nOS: Ubuntu 22.04.3 LTS (x86_64)\n"
    snap = snapshot_from_text(text)
    assert snap.torch.problem.status is FactStatus.NOT_FOUND
    assert snap.torch.problem.code == "torch_not_importable"


def test_unknown_spellings_stay_unknown() -> None:
    text = (
        "PyTorch version: 2.0.1+cpu\nCUDA used to build PyTorch: None\nGPU models and configuration: Could not collect\n"
        "Nvidia driver version: Could not collect\ncuDNN version: Could not collect\nCUDA runtime version: No CUDA\n"
    )
    snap = snapshot_from_text(text)
    assert snap.gpu.nvml.problem.status is FactStatus.UNKNOWN
    assert snap.toolkit.toolkits.problem.status is FactStatus.UNKNOWN
    assert snap.toolkit.system_cudnn.problem.status is FactStatus.UNKNOWN
    assert snap.torch.value.cuda == ""


def test_truncated_block_keeps_what_it_has() -> None:
    snap = snapshot_from_text(NEW_LINUX[: NEW_LINUX.index("CUDA_MODULE_LOADING") + 12])
    assert snap.torch.value.version == "2.1.0+cu121"
    assert snap.python.value.version == "3.10.14"
    assert snap.gpu.nvml.problem.status is FactStatus.UNKNOWN  # cut before the GPU lines


def test_build_unknown_without_the_cuda_line() -> None:
    # A torch version without a local part and without "CUDA used to build": the build is not known.
    snap = snapshot_from_text("PyTorch version: 2.3.0\nIs debug build: False\n")
    assert snap.torch.problem.status is FactStatus.UNKNOWN
    assert "2.3.0" in snap.torch.problem.reason


def test_wsl_kernel_is_recognised() -> None:
    text = (
        "PyTorch version: 2.1.0+cu121\nCUDA used to build PyTorch: 12.1\n"
        "Python platform: Linux-5.15.90.1-microsoft-standard-WSL2-x86_64-with-glibc2.35\n"
    )
    host = snapshot_from_text(text).host.value
    assert host.is_wsl and host.os == "linux" and host.libc == "glibc 2.35"


def test_gpu_capability_comes_from_the_knowledge_name_patterns() -> None:
    text = "PyTorch version: 2.7.0+cu128\nCUDA used to build PyTorch: 12.8\nGPU models and configuration: GPU 0: NVIDIA GeForce RTX 5090\n"
    gpu = snapshot_from_text(text).gpu.nvml.value.gpus[0]
    assert gpu.name == "NVIDIA GeForce RTX 5090" and gpu.compute_capability == "12.0"


def test_nvidia_smi_table_gives_driver_capability_and_gpu() -> None:
    text = (
        "+-----------------------------------------------------------------------------------------+\n"
        "| NVIDIA-SMI 550.54.14              Driver Version: 550.54.14      CUDA Version: 12.4     |\n"
        "|=========================================+========================+======================|\n"
        "|   0  NVIDIA GeForce RTX 3060        Off |   00000000:81:00.0  On |                  N/A |\n"
    )
    nvml = snapshot_from_text(text).gpu.nvml.value
    assert (nvml.driver_version, nvml.cuda_driver_version) == ("550.54.14", "12.4")
    assert [g.name for g in nvml.gpus] == ["NVIDIA GeForce RTX 3060"]
    assert nvml.gpus[0].compute_capability == "8.6"
