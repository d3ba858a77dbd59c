"""Snapshots and Diagnoses for the GUI tests and the screenshots, built straight from the dataclasses.

Three situations: a CPU build of torch on a machine with an NVIDIA GPU, an NVIDIA GPU without a
working driver, and a healthy machine.
"""

from __future__ import annotations

from wizard.findings import Action, Diagnosis, Finding, Recommendation, Severity, Step
from wizard.snapshot import (
    Distribution,
    Fact,
    FactStatus,
    GpuFacts,
    HostInfo,
    KernelModules,
    NvmlGpu,
    NvmlInfo,
    PciDevice,
    PythonFacts,
    Snapshot,
    ToolkitFacts,
    TorchDevice,
    TorchRuntime,
    TorchVersionFile,
)

PYTHON = "/home/student/venv/bin/python"
CU130_INDEX = "https://download.pytorch.org/whl/cu130"
INSTALL_CU130 = (PYTHON, "-m", "pip", "install", "--force-reinstall", "torch==2.13.0", "--index-url", CU130_INDEX)
RTX_4070 = PciDevice("0000:01:00.0", 0x10DE, 0x2786, 0x030000, "nvidia", "NVIDIA GeForce RTX 4070", "8.9", "nvidia")
INTEL_IGPU = PciDevice("0000:00:02.0", 0x8086, 0x4680, 0x030000, "intel", "Intel UHD Graphics 770", "", "i915")


def host(hostname: str = "lab-pc-07") -> Fact[HostInfo]:
    return Fact.found(HostInfo(os="linux", os_release="Ubuntu 24.04.1 LTS", kernel="6.8.0-45-generic",
                               machine="x86_64", hostname=hostname, libc="glibc 2.39"))


def python_facts(torch_version: str, cuda: str) -> Fact[PythonFacts]:
    version_file = TorchVersionFile(path="/home/student/venv/lib/python3.12/site-packages/torch/version.py",
                                    version=torch_version, cuda=cuda)
    return Fact.found(PythonFacts(
        executable=PYTHON, version="3.12.3", os="linux", machine="x86_64", libc="glibc 2.39", env_kind="venv",
        prefix="/home/student/venv", base_prefix="/usr", pip_version=Fact.found("24.0"),
        distributions=(Distribution("torch", torch_version, installer="pip"),),
        torch_version_file=Fact.found(version_file),
    ))


def toolkit_none() -> ToolkitFacts:
    return ToolkitFacts(toolkits=Fact.found(()), search_path_libraries=Fact.found(()), system_cudnn=Fact.found(()))


def nvml_ok() -> Fact[NvmlInfo]:
    gpu = NvmlGpu(0, "NVIDIA GeForce RTX 4070", "8.9", 12282, "00000000:01:00.0", 0x278610DE)
    return Fact.found(NvmlInfo(driver_version="580.95.05", cuda_driver_version="13.0", gpus=(gpu,)))


def snapshot_cpu_build_on_gpu() -> Snapshot:
    return Snapshot(
        tool_version="0.1.0", created_at="2026-11-03T14:05:09+00:00", source="live", host=host(),
        gpu=GpuFacts(pci=Fact.found((RTX_4070,)), nvml=nvml_ok(),
                     kernel_modules=Fact.found(KernelModules(nvidia_loaded=True, nvidia_version="580.95.05"))),
        toolkit=toolkit_none(), python=python_facts("2.13.0+cpu", ""),
        torch=Fact.found(TorchRuntime(version="2.13.0+cpu", file="/home/student/venv/.../torch/__init__.py")),
    )


def diagnosis_cpu_build_on_gpu() -> Diagnosis:
    findings = (
        Finding(
            code="CPU_ONLY_WHEEL", severity=Severity.ERROR, step=Step.WHEEL,
            title="PyTorch was installed without GPU support",
            explanation=("The PyTorch in this environment is the CPU-only build (2.13.0+cpu), so it cannot use your "
                         "NVIDIA GeForce RTX 4070. Reinstall the CUDA 13.0 build; your driver 580.95.05 is new "
                         "enough, and no CUDA toolkit is needed."),
            details="torch.__version__ = 2.13.0+cpu\ntorch.version.cuda = None\ntorch.cuda.is_available() = False",
            actions=(Action.run("Install the CUDA 13.0 build", INSTALL_CU130),
                     Action.open_url("PyTorch install selector", "https://pytorch.org/get-started/locally/")),
        ),
        Finding(code="DRIVER_OK", severity=Severity.OK, step=Step.DRIVER,
                title="NVIDIA driver 580.95.05 is working (supports CUDA up to 13.0)", explanation="NVML answered."),
        Finding(code="GPU_FOUND", severity=Severity.OK, step=Step.DRIVER,
                title="NVIDIA GeForce RTX 4070 found (compute capability 8.9)", explanation="Seen by the PCI scan."),
        Finding(code="NO_TOOLKIT_NEEDED", severity=Severity.INFO, step=Step.TOOLKIT,
                title="No CUDA toolkit installed, and none is needed",
                explanation=("PyTorch's pip packages bring their own CUDA libraries. You only need a CUDA toolkit "
                             "to compile CUDA code yourself.")),
        Finding(code="PYTHON_SUPPORTED", severity=Severity.OK, step=Step.PYTHON,
                title="Python 3.12.3 (64-bit) in a virtual environment is supported", explanation=""),
    )
    recommendation = Recommendation(kind="install", why="the CUDA 13.0 build fits your GPU and driver",
                                    torch="2.13.0", variant="cu130", index_url=CU130_INDEX, argv=INSTALL_CU130)
    return Diagnosis(findings=findings, recommendation=recommendation)


def snapshot_no_driver() -> Snapshot:
    nvml_failed = Fact.missing(FactStatus.FAILED, "NVML could not talk to the driver: Driver Not Loaded",
                               code="nvml_driver_not_loaded")
    return Snapshot(
        tool_version="0.1.0", created_at="2026-11-03T15:40:00+00:00", source="live", host=host("student-laptop"),
        gpu=GpuFacts(pci=Fact.found((INTEL_IGPU, RTX_4070)), nvml=nvml_failed,
                     kernel_modules=Fact.found(KernelModules(nvidia_loaded=False, nouveau_loaded=True,
                                                             secure_boot="enabled"))),
        toolkit=toolkit_none(), python=python_facts("2.13.0+cu130", "13.0"),
        torch=Fact.found(TorchRuntime(version="2.13.0+cu130", cuda="13.0", cuda_available=False,
                                      cuda_warnings=("CUDA initialization: Found no NVIDIA driver on your system.",))),
    )


def diagnosis_no_driver() -> Diagnosis:
    findings = (
        Finding(
            code="DRIVER_MISSING", severity=Severity.ERROR, step=Step.DRIVER,
            title="Your NVIDIA GPU has no working driver",
            explanation=("The computer has an NVIDIA GeForce RTX 4070, but the NVIDIA driver is not loaded: the "
                         "open-source 'nouveau' driver is in use and Secure Boot is on. Install the NVIDIA driver "
                         "(580 or newer) with your system's driver tool, then restart."),
            details="NVML: Driver Not Loaded\nnouveau loaded: yes\nnvidia module loaded: no\nSecure Boot: enabled",
            actions=(Action.open_url("NVIDIA driver downloads", "https://www.nvidia.com/en-us/drivers/"),
                     Action.copy("Copy command", "sudo ubuntu-drivers install")),
        ),
        Finding(code="CUDA_NOT_AVAILABLE", severity=Severity.INFO, step=Step.WHEEL,
                title="PyTorch cannot use the GPU until the driver works",
                explanation="The CUDA 13.0 build of PyTorch is installed correctly; it will use the GPU once the "
                            "driver is fixed.", caused_by="DRIVER_MISSING"),
        Finding(code="WHEEL_BUILD_OK", severity=Severity.OK, step=Step.WHEEL,
                title="PyTorch 2.13.0 with CUDA 13.0 is installed", explanation=""),
        Finding(code="PYTHON_SUPPORTED", severity=Severity.OK, step=Step.PYTHON,
                title="Python 3.12.3 (64-bit) in a virtual environment is supported", explanation=""),
    )
    return Diagnosis(findings=findings, recommendation=Recommendation(kind="none", why="fix the driver first"))


def snapshot_healthy() -> Snapshot:
    return Snapshot(
        tool_version="0.1.0", created_at="2026-11-04T09:12:44+00:00", source="live", host=host("gpu-box"),
        gpu=GpuFacts(pci=Fact.found((RTX_4070,)), nvml=nvml_ok(),
                     kernel_modules=Fact.found(KernelModules(nvidia_loaded=True, nvidia_version="580.95.05"))),
        toolkit=toolkit_none(), python=python_facts("2.13.0+cu130", "13.0"),
        torch=Fact.found(TorchRuntime(version="2.13.0+cu130", cuda="13.0", cuda_available=True, device_count=1,
                                      devices=(TorchDevice(0, "NVIDIA GeForce RTX 4070", "8.9"),),
                                      arch_list=("sm_75", "sm_80", "sm_86", "sm_89", "sm_90", "sm_100", "sm_120"),
                                      cudnn_version="91300", cuda_op=Fact.found("ok"))),
    )


def diagnosis_healthy() -> Diagnosis:
    def ok(code: str, step: Step, title: str) -> Finding:
        return Finding(code=code, severity=Severity.OK, step=step, title=title, explanation="")

    findings = (
        ok("DRIVER_OK", Step.DRIVER, "NVIDIA driver 580.95.05 is working (supports CUDA up to 13.0)"),
        ok("GPU_FOUND", Step.DRIVER, "NVIDIA GeForce RTX 4070 found (compute capability 8.9)"),
        ok("NO_LIB_CONFLICT", Step.TOOLKIT, "No other CUDA libraries get in PyTorch's way"),
        ok("CUDNN_OK", Step.CUDNN, "cuDNN 9.13.0 loads, as the build expects"),
        ok("PYTHON_SUPPORTED", Step.PYTHON, "Python 3.12.3 (64-bit) in a virtual environment is supported"),
        ok("WHEEL_BUILD_OK", Step.WHEEL, "PyTorch 2.13.0 with CUDA 13.0 is installed"),
        ok("CUDA_OP_OK", Step.WHEEL, "A small computation ran on the GPU"),
    )
    return Diagnosis(findings=findings, recommendation=Recommendation(kind="none", why="nothing to do"))


def snapshot_cpu_machine() -> Snapshot:
    """No NVIDIA GPU at all (only Intel graphics), CPU build installed."""
    no_nvml = Fact.missing(FactStatus.NOT_FOUND, "no NVIDIA driver library (libnvidia-ml.so.1)")
    return Snapshot(
        tool_version="0.1.0", created_at="2026-11-04T10:00:00+00:00", source="live", host=host("office-pc"),
        gpu=GpuFacts(pci=Fact.found((INTEL_IGPU,)), nvml=no_nvml, kernel_modules=Fact.found(KernelModules())),
        toolkit=toolkit_none(), python=python_facts("2.13.0+cpu", ""),
        torch=Fact.found(TorchRuntime(version="2.13.0+cpu")),
    )


def diagnosis_cpu_machine() -> Diagnosis:
    findings = (Finding(code="CPU_BUILD_OK", severity=Severity.OK, step=Step.WHEEL,
                        title="PyTorch 2.13.0 (CPU build) is installed", explanation=""),)
    return Diagnosis(findings=findings, recommendation=Recommendation(kind="none", why="nothing to do"))


SITUATIONS = {
    "cpu-build-on-gpu": (snapshot_cpu_build_on_gpu, diagnosis_cpu_build_on_gpu),
    "no-driver": (snapshot_no_driver, diagnosis_no_driver),
    "healthy": (snapshot_healthy, diagnosis_healthy),
}
ALL_SITUATIONS = {**SITUATIONS, "cpu-machine": (snapshot_cpu_machine, diagnosis_cpu_machine)}
