"""A report full of planted personal data, built from the dataclasses directly (no system access)."""

from __future__ import annotations

from wizard.findings import Action, Diagnosis, Finding, Recommendation, Severity, Step
from wizard.snapshot import (
    CudaToolkit,
    Distribution,
    Evidence,
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
    TorchRuntime,
)

USER = "alice"
WINDOWS_USER = "AliceW"
HOST = "lab-pc-07"
FQDN = "lab-pc-07.cs.example.edu"
UUID_0 = "GPU-5f3c2a1b-9d8e-4f70-a1b2-c3d4e5f60718"
UUID_1 = "GPU-0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9"
MAC = "3c:7c:3f:aa:bb:cc"
IP = "192.168.17.42"
IP_2 = "10.20.30.40"
EMAIL = "alice.smith@cs.example.edu"
SERIAL = "1652021012345"
PYTHON = f"/home/{USER}/envs/dl/bin/python"

# Every one of these must be absent from a redacted export, and present in an unredacted one.
PLANTED = (USER, WINDOWS_USER, HOST, UUID_0, UUID_1, MAC, IP, IP_2, EMAIL, SERIAL)

SCRIPT_TITLE = "Pasted <script>alert(1)</script> text"
BOLD_DETAILS = "torch says <b>no</b> & the loader said 'libcudart.so.13: cannot open'"
BACKTICK_DETAILS = "a ``` fence and a ```` longer one, and `inline` ticks\n```\nnot the end\n"


def planted_snapshot(source: str = "report") -> Snapshot:
    host = HostInfo(
        os="linux",
        os_release="Ubuntu 24.04.1 LTS",
        kernel=f"Linux {HOST} 6.8.0-45-generic",
        machine="x86_64",
        hostname=FQDN,
        libc="glibc 2.39",
        env=(
            ("USER", USER),
            ("HOME", f"/home/{USER}"),
            ("PATH", f"/home/{USER}/.local/bin:/usr/local/cuda-13.0/bin:/usr/bin"),
            ("CUDA_VISIBLE_DEVICES", UUID_0),
            ("SSH_CONNECTION", f"{IP_2} 53422 {IP} 22"),
            ("NO_PROXY", "localhost,127.0.0.1"),
        ),
    )
    gpus = (
        NvmlGpu(0, "NVIDIA GeForce RTX 3060", "8.6", 12288, "00000000:01:00.0", 0x250310DE, UUID_0),
        NvmlGpu(1, "NVIDIA GeForce RTX 3060", "8.6", 12288, "00000000:02:00.0", 0x250310DE, UUID_1),
    )
    gpu = GpuFacts(
        pci=Fact.found(
            (PciDevice("0000:01:00.0", 0x10DE, 0x2503, 0x030000, "nvidia", "NVIDIA GeForce RTX 3060", "8.6", "nvidia"),)
        ),
        nvml=Fact.found(NvmlInfo("580.95.05", "13.0", gpus, "13.580.95.05")),
        kernel_modules=Fact.found(KernelModules(nvidia_loaded=True, nvidia_version="580.95.05")),
    )
    toolkit = ToolkitFacts(
        toolkits=Fact.found(
            (
                CudaToolkit(
                    "/usr/local/cuda-13.0", "13.0.48", "version.json", ("PATH",), "/usr/local/cuda-13.0/bin/nvcc", True
                ),
            )
        ),
        search_path_libraries=Fact.found(()),
        system_cudnn=Fact.missing(FactStatus.NOT_FOUND, f"no cuDNN under /home/{USER}/.local/lib"),
    )
    python = PythonFacts(
        executable=PYTHON,
        version="3.12.3",
        os="linux",
        machine="x86_64",
        env_kind="venv",
        prefix=f"/home/{USER}/envs/dl",
        base_prefix="/usr",
        site_packages=(f"/home/{USER}/envs/dl/lib/python3.12/site-packages",),
        sys_path=(
            f"/home/{USER}/envs/dl/lib/python3.12/site-packages",
            f"/home/{USER}/.local/lib/python3.12/site-packages",
        ),
        pip_version=Fact.found("24.0"),
        distributions=(
            Distribution("torch", "2.13.0+cpu", f"/home/{USER}/envs/dl/lib/python3.12/site-packages", "pip"),
        ),
    )
    torch = TorchRuntime(
        version="2.13.0+cpu",
        file=f"/home/{USER}/envs/dl/lib/python3.12/site-packages/torch/__init__.py",
        numpy_version=Fact.found("2.1.0"),
    )
    evidence = (
        Evidence(
            signature="collect_env:hostname",
            cause="",
            excerpt=f"Reported by {EMAIL} from {FQDN} (ether {MAC})",
            facts=(("hostname", FQDN),),
        ),
    )
    return Snapshot(
        tool_version="0.1.0",
        created_at="2026-11-24T12:00:00+00:00",
        source=source,
        host=Fact.found(host),
        gpu=gpu,
        toolkit=toolkit,
        python=Fact.found(python),
        torch=Fact.found(torch),
        evidence=evidence,
    )


def planted_diagnosis() -> Diagnosis:
    install = (PYTHON, "-m", "pip", "install", "torch==2.13.0", "--index-url", "https://download.pytorch.org/whl/cu130")
    findings = (
        Finding(
            code="CPU_ONLY_WHEEL",
            severity=Severity.ERROR,
            step=Step.WHEEL,
            title="PyTorch was installed without GPU support",
            explanation="Your NVIDIA GPU can run PyTorch, but the installed build is the CPU-only one.",
            details=f"torch 2.13.0+cpu in /home/{USER}/envs/dl\nGPU 0: {UUID_0}\nnvidia-smi: Serial Number : {SERIAL}",
            actions=(
                Action.run("Install the CUDA 13.0 build", install),
                Action.open_url("PyTorch install selector", "https://pytorch.org/get-started/locally/"),
            ),
            evidence=(f"{USER}@{HOST}:~$ python -c 'import torch; print(torch.cuda.is_available())'\nFalse",),
        ),
        Finding(
            code="ENV_MISMATCH",
            severity=Severity.WARNING,
            step=Step.PYTHON,
            title=SCRIPT_TITLE,
            explanation=f"Jupyter on {HOST} uses C:\\Users\\{WINDOWS_USER}\\miniconda3\\python.exe, mailto {EMAIL}.",
            details=BOLD_DETAILS + "\n" + BACKTICK_DETAILS + f"\nconnected from {IP}",
        ),
        Finding(
            code="DRIVER_OK",
            severity=Severity.OK,
            step=Step.DRIVER,
            title="The NVIDIA driver works",
            explanation="Driver 580.95.05 supports CUDA up to 13.0.",
        ),
    )
    recommendation = Recommendation(
        kind="install",
        why="Your GPU needs a CUDA build of PyTorch.",
        torch="2.13.0",
        variant="cu130",
        index_url="https://download.pytorch.org/whl/cu130",
        argv=install,
    )
    return Diagnosis(findings=findings, recommendation=recommendation)
