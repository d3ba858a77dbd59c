"""recommend(): the build that fits, on hand-built snapshots (live-like and pasted-text-like)."""

from __future__ import annotations

import pytest

from wizard.findings import Goal
from wizard.recommend import recommend
from wizard.snapshot import (
    Distribution,
    Fact,
    FactStatus,
    GpuFacts,
    HostInfo,
    NvmlGpu,
    NvmlInfo,
    PciDevice,
    PythonFacts,
    Snapshot,
    ToolkitFacts,
    TorchDevice,
    TorchRuntime,
)

PY = "/home/ana/venv/bin/python"
INDEX = "https://download.pytorch.org/whl"


# --------------------------------------------------------------------------- snapshot builders


def python_facts(version: str = "3.11.9", os: str = "linux", machine: str = "x86_64", **kw) -> PythonFacts:
    defaults = dict(executable=PY, version=version, os=os, machine=machine, libc="glibc 2.36" if os == "linux" else "",
                    env_kind="venv", user_site="/home/ana/.local/lib/python3.11/site-packages")
    defaults.update(kw)
    return PythonFacts(**defaults)


def nvml(driver: str, *gpus: tuple[str, str], cuda: str = "") -> Fact[NvmlInfo]:
    return Fact.found(NvmlInfo(driver_version=driver, cuda_driver_version=cuda,
                               gpus=tuple(NvmlGpu(i, name, cap) for i, (name, cap) in enumerate(gpus))))


def no_nvml() -> Fact[NvmlInfo]:
    return Fact.missing(FactStatus.NOT_FOUND, "libnvidia-ml.so.1 not found", code="nvml_library_not_found")


def pci(*devices: PciDevice) -> Fact[tuple[PciDevice, ...]]:
    return Fact.found(devices)


def snapshot(python: PythonFacts | None = None, nvml_fact: Fact | None = None, pci_fact: Fact | None = None,
             torch: Fact | None = None, source: str = "live", host: HostInfo | None = None) -> Snapshot:
    python = python or python_facts()
    host = host or HostInfo(os=python.os, machine=python.machine, libc=python.libc)
    return Snapshot(
        tool_version="0.1.0", created_at="2026-11-24T00:00:00Z", source=source,
        host=Fact.found(host) if source == "live" or host.os else Fact.unknown("not in the pasted text"),
        gpu=GpuFacts(pci=pci_fact if pci_fact is not None else pci(), nvml=nvml_fact if nvml_fact is not None else no_nvml(),
                     kernel_modules=Fact.unknown()),
        toolkit=ToolkitFacts(toolkits=Fact.unknown(), search_path_libraries=Fact.unknown(), system_cudnn=Fact.unknown()),
        python=Fact.found(python) if python.version or python.executable else Fact.unknown("not in the pasted text"),
        torch=torch if torch is not None else Fact.missing(FactStatus.NOT_FOUND, "No module named 'torch'"),
    )


def nvidia_pci(name: str, cap: str) -> PciDevice:
    return PciDevice(address="0000:01:00.0", vendor_id=0x10DE, device_id=0x2786, class_code=0x030000, vendor="nvidia",
                     name=name, compute_capability=cap, kernel_driver="nvidia")


@pytest.fixture(scope="module")
def kb(frozen_knowledge):
    return frozen_knowledge


def pip(*pins: str, variant: str, python: str = PY, index: str = INDEX) -> tuple[str, ...]:
    return (python, "-m", "pip", "install", *pins, "--index-url", f"{index}/{variant}")


# --------------------------------------------------------------------------- CUDA on Linux


def test_rtx_4070_driver_550_gets_newest_cu12x_build(kb):
    rec = recommend(snapshot(nvml_fact=nvml("550.127.08", ("NVIDIA GeForce RTX 4070", "8.9"))), kb, Goal())
    assert rec.kind == "install"
    assert (rec.torch, rec.variant) == ("2.14.1", "cu126")
    assert rec.argv == pip("torch==2.14.1+cu126", variant="cu126")
    assert "580" in rec.why and "driver" in rec.why


def test_driver_580_gets_pypi_default_cu130(kb):
    rec = recommend(snapshot(nvml_fact=nvml("580.65.06", ("NVIDIA GeForce RTX 4070", "8.9"))), kb, Goal())
    assert (rec.kind, rec.torch, rec.variant) == ("install", "2.14.1", "cu130")
    assert rec.index_url == f"{INDEX}/cu130"
    assert rec.argv == pip("torch==2.14.1+cu130", variant="cu130")


def test_pascal_gtx_1080_gets_cu126_because_cu13x_lacks_sm_6x(kb):
    rec = recommend(snapshot(nvml_fact=nvml("580.95.05", ("NVIDIA GeForce GTX 1080", "6.1"))), kb, Goal())
    assert (rec.torch, rec.variant) == ("2.14.1", "cu126")
    assert "no kernels" in rec.why


def test_rtx_5090_on_driver_535_gets_2_11_cu128_and_is_told_to_update(kb):
    # cu126 has no sm_120; cu130/cu132 need driver >= 580; cu128 (2.7-2.11) has sm_120 and runs on >= 525.60.13.
    rec = recommend(snapshot(nvml_fact=nvml("535.183.01", ("NVIDIA GeForce RTX 5090", "12.0"))), kb, Goal())
    assert (rec.kind, rec.torch, rec.variant) == ("install", "2.11.0", "cu128")
    assert rec.argv == pip("torch==2.11.0+cu128", variant="cu128")
    assert "2.14.1" in rec.why and "580" in rec.why


def test_rtx_5090_on_driver_470_must_update_driver(kb):
    rec = recommend(snapshot(nvml_fact=nvml("470.256.02", ("NVIDIA GeForce RTX 5090", "12.0"))), kb, Goal())
    assert rec.kind == "install" and rec.variant == "cu130"
    assert rec.why.count("Update the NVIDIA driver first") == 1 and "470.256.02" in rec.why


def test_kepler_gtx_780_gets_cpu_build(kb):
    rec = recommend(snapshot(nvml_fact=nvml("470.256.02", ("NVIDIA GeForce GTX 780", "3.5"))), kb, Goal())
    assert (rec.torch, rec.variant) == ("2.14.1", "cpu")
    assert "Kepler" in rec.why and "too old" in rec.why


def test_tesla_k80_on_python_39_gets_2_7_cu118(kb):
    py = python_facts("3.9.19")
    rec = recommend(snapshot(python=py, nvml_fact=nvml("470.256.02", ("Tesla K80", "3.7"))), kb, Goal())
    assert (rec.torch, rec.variant) == ("2.7.1", "cu118")


def test_every_gpu_must_be_covered(kb):
    rec = recommend(snapshot(nvml_fact=nvml("580.65.06", ("RTX 5090", "12.0"), ("GTX 1080 Ti", "6.1"))), kb, Goal())
    # 2.14 cu126 lacks 12.0, cu130 lacks 6.x: the newest build covering both is 2.10's cu128? No: 2.8-2.10 cu128
    # has 7.0+ only. No CUDA build covers Pascal and Blackwell together -> the CPU build.
    assert rec.variant == "cpu"


def test_gpu_found_only_on_pci_without_driver(kb):
    snap = snapshot(pci_fact=pci(nvidia_pci("NVIDIA GeForce RTX 3060", "")), nvml_fact=no_nvml())
    rec = recommend(snap, kb, Goal())
    assert (rec.torch, rec.variant) == ("2.14.1", "cu130")
    assert "driver ≥ 580" in rec.why


def test_torch_devices_give_capability_when_nvml_is_missing(kb):
    torch = Fact.found(TorchRuntime(version="2.13.0+cpu", devices=(TorchDevice(0, "GTX 1070", "6.1"),)))
    snap = snapshot(nvml_fact=Fact.missing(FactStatus.FAILED, "NVML: driver/library version mismatch"),
                    pci_fact=Fact.unknown(), torch=torch)
    assert recommend(snap, kb, Goal()).variant == "cu126"


# --------------------------------------------------------------------------- CPU


def test_no_gpu_gets_cpu_index(kb):
    rec = recommend(snapshot(), kb, Goal())
    assert (rec.kind, rec.torch, rec.variant) == ("install", "2.14.1", "cpu")
    assert rec.argv == pip("torch==2.14.1+cpu", variant="cpu")
    assert "No NVIDIA GPU" in rec.why


def test_want_cuda_without_gpu_gets_cpu_build_and_says_why(kb):
    rec = recommend(snapshot(), kb, Goal(want="cuda"))
    assert rec.variant == "cpu" and "CUDA build cannot help" in rec.why


def test_want_cpu_with_gpu(kb):
    rec = recommend(snapshot(nvml_fact=nvml("580.65.06", ("RTX 4090", "8.9"))), kb, Goal(want="cpu"))
    assert rec.variant == "cpu"


def test_amd_gpu_mentions_rocm_but_picks_cpu(kb):
    amd = PciDevice(address="0000:03:00.0", vendor_id=0x1002, device_id=0x744C, class_code=0x030000, vendor="amd")
    rec = recommend(snapshot(pci_fact=pci(amd)), kb, Goal())
    assert rec.variant == "cpu" and "ROCm" in rec.why


# --------------------------------------------------------------------------- the interpreter


@pytest.mark.parametrize("version", ["3.15.0", "3.6.15", "2.7.18"])
def test_unsupported_python_versions(kb, version):
    rec = recommend(snapshot(python=python_facts(version)), kb, Goal())
    assert rec.kind == "python" and rec.url == "https://www.python.org/downloads/"
    assert not rec.argv


def test_python_315_why_names_supported_range(kb):
    rec = recommend(snapshot(python=python_facts("3.15.0")), kb, Goal())
    assert "3.15" in rec.why and "3.10–3.14" in rec.why


def test_python_39_gets_newest_release_supporting_it(kb):
    rec = recommend(snapshot(python=python_facts("3.9.19")), kb, Goal())
    assert (rec.torch, rec.variant) == ("2.8.0", "cpu")


def test_32_bit_python(kb):
    py = python_facts("3.12.4", os="windows", machine="x86", bits=32, executable="C:\\Python312-32\\python.exe")
    rec = recommend(snapshot(python=py), kb, Goal())
    assert rec.kind == "python" and "64-bit" in rec.why


def test_pypy_is_not_supported(kb):
    rec = recommend(snapshot(python=python_facts("3.10.14", implementation="pypy")), kb, Goal())
    assert rec.kind == "python" and "CPython" in rec.why


def test_old_glibc_gets_release_before_manylinux_2_28(kb):
    rec = recommend(snapshot(python=python_facts("3.10.12", libc="glibc 2.17")), kb, Goal())
    assert rec.torch == "2.6.0"


def test_glibc_read_from_wheel_tags_when_libc_unknown(kb):
    tags = ("cp311-cp311-manylinux_2_17_x86_64", "cp311-cp311-manylinux_2_5_x86_64", "py3-none-any")
    rec = recommend(snapshot(python=python_facts(libc="", tags=Fact.found(tags))), kb, Goal())
    assert rec.torch == "2.6.0"


def test_externally_managed_python_gets_a_new_venv(kb):
    py = python_facts(executable="/usr/bin/python3", env_kind="system", externally_managed=True,
                      user_site="/home/ana/.local/lib/python3.11/site-packages")
    rec = recommend(snapshot(python=py, nvml_fact=nvml("580.65.06", ("RTX 3060", "8.6"))), kb, Goal())
    assert rec.kind == "new_venv"
    install = pip("torch==2.14.1+cu130", variant="cu130", python="/home/ana/torch-env/bin/python")
    assert rec.steps == (("/usr/bin/python3", "-m", "venv", "/home/ana/torch-env"), install)
    assert rec.argv == install
    assert "--break-system-packages" not in " ".join(rec.argv)
    assert "PEP 668" in rec.why


def test_companions_pinned_only_when_installed(kb):
    dists = (Distribution("torch", "2.5.1"), Distribution("torchvision", "0.20.1"), Distribution("torchaudio", "2.5.1"))
    rec = recommend(snapshot(python=python_facts(distributions=dists), nvml_fact=nvml("580.65.06", ("RTX 3060", "8.6"))),
                    kb, Goal())
    # torch 2.5.1 has a CUDA build for this GPU and driver: the version stays, and both companions of 2.5.1 join it
    assert rec.argv == pip("torch==2.5.1+cu124", "torchvision==0.20.1+cu124", "torchaudio==2.5.1+cu124", variant="cu124")
    assert (rec.torchvision, rec.torchaudio) == ("0.20.1", "2.5.1")
    # a torch without a release entry in the knowledge: the newest, where torchaudio (none for torch >= 2.12) drops out
    dists = (Distribution("torch", "1.0.0"), *dists[1:])
    rec = recommend(snapshot(python=python_facts(distributions=dists), nvml_fact=nvml("580.65.06", ("RTX 3060", "8.6"))),
                    kb, Goal())
    assert rec.argv == pip("torch==2.14.1+cu130", "torchvision==0.29.1+cu130", variant="cu130")
    assert "changes torch 1.0.0 to 2.14.1" in rec.why


def test_torchaudio_pinned_for_releases_that_have_it(kb):
    dists = (Distribution("torchvision", "0.19.0"), Distribution("torchaudio", "2.4.0"))
    rec = recommend(snapshot(python=python_facts("3.9.19", distributions=dists)), kb, Goal())
    assert rec.argv == pip("torch==2.8.0+cpu", "torchvision==0.23.0+cpu", "torchaudio==2.8.0+cpu", variant="cpu")


# --------------------------------------------------------------------------- platforms


def test_windows_gpu_uses_cuda_index_not_pypi(kb):
    py = python_facts("3.12.4", os="windows", machine="AMD64", executable="C:\\venv\\Scripts\\python.exe",
                      user_site="C:\\Users\\ana\\AppData\\Roaming\\Python\\Python312\\site-packages")
    rec = recommend(snapshot(python=py, nvml_fact=nvml("581.57", ("NVIDIA GeForce RTX 4060", "8.9"))), kb, Goal())
    assert rec.argv == pip("torch==2.14.1+cu130", variant="cu130", python="C:\\venv\\Scripts\\python.exe")


def test_windows_driver_between_linux_and_windows_floor(kb):
    # 527.41 is above the Linux 12.x floor (525.60.13) but below Windows' 528.33.
    py = python_facts("3.12.4", os="windows", machine="AMD64", executable="C:\\venv\\Scripts\\python.exe")
    rec = recommend(snapshot(python=py, nvml_fact=nvml("527.41", ("RTX 3060", "8.6"))), kb, Goal())
    # Every cu12x/cu13x build needs more; the newest cu11x build (2.7.1 cu118, floor 452.39) runs.
    assert (rec.torch, rec.variant) == ("2.7.1", "cu118")
    assert "528.33" in rec.why and "2.14.1" in rec.why


def test_macos_intel_gets_2_2_2_cpu_without_local_label(kb):
    py = python_facts("3.11.9", os="darwin", machine="x86_64", libc="")
    rec = recommend(snapshot(python=py, pci_fact=Fact.missing(FactStatus.NOT_APPLICABLE, "macOS")), kb, Goal())
    assert (rec.torch, rec.variant) == ("2.2.2", "cpu")
    # torch 2.2.2 was built for NumPy 1: the range is in the command, with PyPI beside PyTorch's index
    assert rec.argv == (*pip("torch==2.2.2", "numpy<2", variant="cpu"), "--extra-index-url", "https://pypi.org/simple")
    assert "numpy<2" in rec.why


def test_macos_intel_python_313_needs_older_python(kb):
    py = python_facts("3.13.1", os="darwin", machine="x86_64", libc="")
    rec = recommend(snapshot(python=py), kb, Goal())
    assert rec.kind == "python" and "3.8–3.12" in rec.why and "2.2.2" in rec.why


def test_macos_arm(kb):
    py = python_facts("3.12.4", os="darwin", machine="arm64", libc="")
    rec = recommend(snapshot(python=py), kb, Goal())
    assert rec.argv == pip("torch==2.14.1", variant="cpu")


def test_linux_aarch64_grace_hopper(kb):
    py = python_facts("3.12.4", machine="aarch64", distributions=(Distribution("torchvision", "0.20.0"),))
    rec = recommend(snapshot(python=py, nvml_fact=nvml("580.65.06", ("NVIDIA GH200 480GB", "9.0"))), kb, Goal())
    assert rec.argv == pip("torch==2.14.1+cu130", "torchvision==0.29.1", variant="cu130")


def test_linux_aarch64_without_gpu(kb):
    rec = recommend(snapshot(python=python_facts("3.12.4", machine="aarch64")), kb, Goal())
    assert rec.argv == pip("torch==2.14.1+cpu", variant="cpu")


def test_windows_on_arm_has_no_build(kb):
    py = python_facts("3.12.4", os="windows", machine="ARM64")
    rec = recommend(snapshot(python=py), kb, Goal())
    assert rec.kind == "python" and "x64 Python" in rec.why


def test_mirror_index(kb):
    mirror = "https://mirror.example.edu/pytorch/whl/"
    rec = recommend(snapshot(nvml_fact=nvml("580.65.06", ("RTX 4070", "8.9"))), kb, Goal(torch_index=mirror))
    assert rec.index_url == "https://mirror.example.edu/pytorch/whl/cu130"
    assert rec.argv[-2:] == ("--index-url", "https://mirror.example.edu/pytorch/whl/cu130")


# --------------------------------------------------------------------------- nothing to do


def test_working_cuda_install_needs_nothing(kb):
    torch = Fact.found(TorchRuntime(version="2.14.1+cu130", cuda="13.0", cuda_available=True, device_count=1,
                                    devices=(TorchDevice(0, "RTX 4070", "8.9"),), cuda_op=Fact.found("ok")))
    rec = recommend(snapshot(nvml_fact=nvml("580.65.06", ("RTX 4070", "8.9")), torch=torch), kb, Goal())
    assert rec.kind == "none" and not rec.argv and "2.14.1+cu130" in rec.why


def test_cpu_build_with_gpu_is_not_working(kb):
    torch = Fact.found(TorchRuntime(version="2.14.1+cpu", cuda_available=False))
    rec = recommend(snapshot(nvml_fact=nvml("580.65.06", ("RTX 4070", "8.9")), torch=torch), kb, Goal())
    assert rec.kind == "install" and rec.argv == pip("torch==2.14.1+cu130", variant="cu130")


def test_failing_cuda_op_is_not_working(kb):
    torch = Fact.found(TorchRuntime(version="2.14.1+cu130", cuda="13.0", cuda_available=True,
                                    cuda_op=Fact.missing(FactStatus.FAILED, "no kernel image is available")))
    rec = recommend(snapshot(nvml_fact=nvml("580.65.06", ("RTX 4070", "8.9")), torch=torch), kb, Goal())
    assert rec.kind == "install"


def test_cpu_torch_without_gpu_needs_nothing(kb):
    torch = Fact.found(TorchRuntime(version="2.13.0+cpu"))
    rec = recommend(snapshot(torch=torch), kb, Goal(want="cuda"))
    assert rec.kind == "none" and "cannot help" in rec.why


# --------------------------------------------------------------------------- pasted text


def text_snapshot(python_version: str = "", os: str = "", driver: str = "", driver_cuda: str = "",
                  gpus: tuple[tuple[str, str], ...] = ()) -> Snapshot:
    py = PythonFacts(executable="", version=python_version, implementation="", bits=0, os=os)
    nv = nvml(driver, *gpus, cuda=driver_cuda) if driver or driver_cuda or gpus else Fact.unknown("not in the pasted text")
    return snapshot(python=py, nvml_fact=nv, pci_fact=Fact.unknown("not in the pasted text"), source="text",
                    torch=Fact.unknown("not in the pasted text"), host=HostInfo(os=os))


def test_text_with_driver_cuda_version_only(kb):
    rec = recommend(text_snapshot("3.11.4", "linux", driver_cuda="12.4", gpus=(("NVIDIA GeForce RTX 3090", "8.6"),)), kb,
                    Goal())
    assert rec.argv == pip("torch==2.14.1+cu126", variant="cu126", python="python")
    assert "environment that showed the error" in rec.why


def test_text_with_nothing_known(kb):
    rec = recommend(text_snapshot(), kb, Goal())
    assert rec.kind == "install" and rec.argv[0] == "python" and rec.variant == "cu130"
    assert "not known" in rec.why and "CPU build" in rec.why


def test_text_with_gpu_name_only_uses_name_table(kb):
    rec = recommend(text_snapshot("3.12.1", "windows", gpus=(("NVIDIA GeForce GTX 1660 SUPER", ""),)), kb, Goal())
    assert rec.variant == "cu130"  # GTX 16xx is Turing (7.5), covered by cu130
    rec = recommend(text_snapshot("3.12.1", "windows", gpus=(("NVIDIA GeForce GTX 1060 6GB", ""),)), kb, Goal())
    assert rec.variant == "cu126"
