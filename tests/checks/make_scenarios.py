"""Builds the hand-made snapshot scenarios under tests/checks/scenarios/ (run: python tests/checks/make_scenarios.py).

Each file is {"name", "goal": {"want"}, "expect": {...}, "snapshot": <Snapshot JSON>}. ``expect`` holds:
  errors / warnings: the codes of error / warning findings, in the order they must appear;
  infos: codes that must appear at info level (others may too); absent: codes that must not appear;
  caused_by: {code: root} for symptoms that must be demoted to info;
  recommendation: {"kind", "variant"} the recommendation must have (keys present are compared).
Files named recorded_*.json are real `torch-setup-wizard facts --json` runs and are not written here.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from wizard.snapshot import (  # noqa: E402
    CudaToolkit,
    Distribution,
    DuplicateDistribution,
    Evidence,
    Fact,
    FactStatus,
    GpuFacts,
    HostInfo,
    KernelModules,
    LibraryCopy,
    NvmlGpu,
    NvmlInfo,
    PciDevice,
    PythonFacts,
    Snapshot,
    ToolkitFacts,
    TorchDevice,
    TorchRuntime,
    TorchVersionFile,
    to_data,
)

SCENARIOS_DIR = Path(__file__).resolve().parent / "scenarios"
VENV = "/home/student/venv"
SITE = f"{VENV}/lib/python3.11/site-packages"
GB = 1024**3
CU130_ARCHS = ("sm_75", "sm_80", "sm_86", "sm_90", "sm_100", "sm_120", "compute_120")
CU126_ARCHS = ("sm_50", "sm_60", "sm_70", "sm_75", "sm_80", "sm_86", "sm_90")
RTX4070 = ("NVIDIA GeForce RTX 4070", "8.9", 0x2786)
RTX3060 = ("NVIDIA GeForce RTX 3060", "8.6", 0x2503)
RTX5090 = ("NVIDIA GeForce RTX 5090", "12.0", 0x2B85)
GTX780 = ("NVIDIA GeForce GTX 780", "3.5", 0x1004)


# --------------------------------------------------------------------------- pieces


def host(
    os: str = "linux",
    machine: str = "x86_64",
    env: dict[str, str] | None = None,
    is_wsl: bool = False,
    libc: str = "glibc 2.36",
) -> Fact[HostInfo]:
    return Fact.found(
        HostInfo(
            os=os,
            machine=machine,
            hostname="lab-pc-07",
            is_wsl=is_wsl,
            libc=libc if os == "linux" else "",
            env=tuple((env or {}).items()),
        )
    )


def nvidia_pci(model: tuple[str, str, int], driver: str = "nvidia") -> PciDevice:
    name, cc, device_id = model
    return PciDevice("0000:01:00.0", 0x10DE, device_id, 0x030000, "nvidia", name, cc, driver)


def other_pci(vendor: str, name: str) -> PciDevice:
    vendor_id = {"amd": 0x1002, "intel": 0x8086}[vendor]
    return PciDevice(
        "0000:00:02.0", vendor_id, 0x1234, 0x030000, vendor, name, "", "amdgpu" if vendor == "amd" else "i915"
    )


def nvml_ok(models: tuple[tuple[str, str, int], ...], driver: str, cuda: str) -> Fact[NvmlInfo]:
    gpus = tuple(
        NvmlGpu(i, name, cc, 12282, f"00000000:0{i + 1}:00.0", (device_id << 16) | 0x10DE, f"GPU-{i:08d}-aaaa-bbbb")
        for i, (name, cc, device_id) in enumerate(models)
    )
    return Fact.found(NvmlInfo(driver, cuda, gpus, "13.580"))


def nvml_missing(code: str, reason: str, status: FactStatus = FactStatus.FAILED) -> Fact[NvmlInfo]:
    return Fact.missing(status, reason, code=code)


NO_NVML = nvml_missing("nvml_library_not_found", "libnvidia-ml.so.1 not found", FactStatus.NOT_FOUND)


def gpu(
    pci: tuple[PciDevice, ...] = (),
    nvml: Fact[NvmlInfo] = NO_NVML,
    kernel: KernelModules | None = None,
    wsl_libs: Fact[tuple[str, ...]] | None = None,
    pci_fact: Fact | None = None,
) -> GpuFacts:
    kernel = kernel or KernelModules(nvidia_loaded=nvml.ok, nvidia_version=nvml.value.driver_version if nvml.ok else "")
    extra = {"wsl_driver_libs": wsl_libs} if wsl_libs is not None else {}
    return GpuFacts(pci=pci_fact or Fact.found(pci), nvml=nvml, kernel_modules=Fact.found(kernel), **extra)


def toolkit(toolkits: tuple[CudaToolkit, ...] = (), libs: tuple[LibraryCopy, ...] = ()) -> ToolkitFacts:
    return ToolkitFacts(Fact.found(toolkits), Fact.found(libs), Fact.found(()))


def dist(
    name: str, version: str, location: str = SITE, installer: str = "pip", requires: tuple[str, ...] = ()
) -> Distribution:
    return Distribution(name, version, location, installer, requires)


def python(
    version: str = "3.11.7",
    os: str = "linux",
    machine: str = "x86_64",
    dists: tuple[Distribution, ...] = (),
    **overrides: Any,
) -> Fact[PythonFacts]:
    windows = os == "windows"
    executable = "C:\\Users\\student\\venv\\Scripts\\python.exe" if windows else f"{VENV}/bin/python"
    torch = next((d for d in dists if d.name == "torch"), None)
    version_file: Fact[TorchVersionFile] = Fact.missing(FactStatus.NOT_FOUND, "torch is not installed")
    if torch is not None:
        local = torch.version.partition("+")[2]
        cuda = f"{local[2:-1]}.{local[-1]}" if local.startswith("cu") else ""
        version_file = Fact.found(TorchVersionFile(f"{torch.location}/torch/version.py", torch.version, cuda))
    fields: dict[str, Any] = dict(
        executable=executable,
        version=version,
        os=os,
        machine=machine,
        libc="glibc 2.36" if os == "linux" else "",
        env_kind="venv",
        prefix=VENV,
        base_prefix="/usr",
        site_packages=(SITE,),
        user_site="/home/student/.local/lib/python3.11/site-packages",
        pip_version=Fact.found("24.2"),
        tags=Fact.found(("cp311-cp311-manylinux_2_36_x86_64",)),
        distributions=dists,
        torch_version_file=version_file,
        free_disk_bytes=Fact.found(80 * GB),
    )
    if windows:
        fields.update(long_paths_enabled=Fact.found(True), vc_runtime=Fact.found("14.42.34433"))
    fields.update(overrides)
    return Fact.found(PythonFacts(**fields))


def torch_ok(
    version: str,
    cuda: str = "",
    models: tuple[tuple[str, str, int], ...] = (),
    archs: tuple[str, ...] = (),
    cudnn: str = "",
    op: Fact[str] | None = None,
    file: str = f"{SITE}/torch/__init__.py",
    **overrides: Any,
) -> Fact[TorchRuntime]:
    available = bool(cuda and models)
    fields: dict[str, Any] = dict(
        version=version,
        cuda=cuda,
        file=file,
        cuda_available=available,
        device_count=len(models) if available else 0,
        devices=tuple(TorchDevice(i, n, cc) for i, (n, cc, _) in enumerate(models)) if available else (),
        arch_list=archs if cuda else (),
        cudnn_version=cudnn if cuda else "",
        cuda_op=op or (Fact.found("4.0") if available else Fact.missing(FactStatus.NOT_APPLICABLE, "CUDA unavailable")),
        numpy_version=Fact.found("2.1.3"),
    )
    fields.update(overrides)
    return Fact.found(TorchRuntime(**fields))


def torch_failed(traceback: str, code: str = "torch_import_failed", signal: int | None = None) -> Fact[TorchRuntime]:
    return Fact.missing(FactStatus.FAILED, "import torch failed", code=code, stderr_tail=traceback, signal=signal)


TORCH_NOT_INSTALLED = Fact.missing(FactStatus.NOT_FOUND, "torch is not installed", code="torch_not_installed")
NOT_IMPORTED = Fact.missing(FactStatus.UNKNOWN, "the live import of torch was skipped (--no-import)")


def snapshot(
    host_fact: Fact[HostInfo] | None = None,
    gpu_facts: GpuFacts | None = None,
    toolkit_facts: ToolkitFacts | None = None,
    python_fact: Fact[PythonFacts] | None = None,
    torch: Fact[TorchRuntime] = TORCH_NOT_INSTALLED,
    source: str = "live",
    evidence: tuple[Evidence, ...] = (),
) -> Snapshot:
    return Snapshot(
        tool_version="0.1.0",
        created_at="2026-11-24T12:00:00+00:00",
        source=source,
        host=host_fact or host(),
        gpu=gpu_facts or gpu(),
        toolkit=toolkit_facts or toolkit(),
        python=python_fact or python(),
        torch=torch,
        evidence=evidence,
    )


def cuda_dists(
    torch_version: str, cudnn_dist: str = "nvidia-cudnn-cu13", cudnn: str = "9.20.0.48"
) -> tuple[Distribution, ...]:
    return (
        dist("torch", torch_version, requires=(f'{cudnn_dist}=={cudnn}; platform_system == "Linux"',)),
        dist(cudnn_dist, cudnn),
    )


def text_snapshot(
    evidence: tuple[Evidence, ...],
    python_fact: Fact[PythonFacts] | None = None,
    torch: Fact[TorchRuntime] | None = None,
) -> Snapshot:
    unknown = Fact.unknown("not in the pasted text")
    return Snapshot(
        tool_version="0.1.0",
        created_at="2026-11-24T12:00:00+00:00",
        source="text",
        host=Fact.found(HostInfo(os="linux", machine="x86_64")),
        gpu=GpuFacts(unknown, unknown, unknown, unknown),
        toolkit=ToolkitFacts(unknown, unknown, unknown),
        python=python_fact or unknown,
        torch=torch or unknown,
        evidence=evidence,
    )


# --------------------------------------------------------------------------- scenarios


def scenarios() -> list[dict[str, Any]]:  # noqa: PLR0915 - one table
    out: list[dict[str, Any]] = []

    def add(name: str, snap: Snapshot, want: str = "auto", **expect: Any) -> None:
        out.append({"name": name, "goal": {"want": want}, "expect": expect, "snapshot": to_data(snap)})

    gpu4070_580 = gpu((nvidia_pci(RTX4070),), nvml_ok((RTX4070,), "580.95.05", "13.0"))
    healthy_cu130 = dict(
        gpu_facts=gpu4070_580,
        python_fact=python(dists=cuda_dists("2.13.0+cu130")),
        torch=torch_ok("2.13.0+cu130", "13.0", (RTX4070,), CU130_ARCHS, "92000"),
    )
    # ---- healthy machines: no error, no warning
    add(
        "healthy_cuda_linux",
        snapshot(**healthy_cu130),
        errors=[],
        warnings=[],
        absent=["CPU_ONLY_WHEEL", "DRIVER_TOO_OLD"],
        oks=["DRIVER_OK", "CUDNN_OK", "PYTHON_OK", "TORCH_OK"],
        recommendation={"kind": "none"},
    )
    add(
        "healthy_cpu_no_gpu",
        snapshot(python_fact=python(dists=(dist("torch", "2.13.0+cpu"),)), torch=torch_ok("2.13.0+cpu")),
        errors=[],
        warnings=[],
        infos=["NO_NVIDIA_GPU"],
        oks=["TORCH_OK"],
        recommendation={"kind": "none"},
    )
    add(
        "healthy_cpu_wanted_on_gpu_machine",
        snapshot(
            gpu_facts=gpu4070_580,
            python_fact=python(dists=(dist("torch", "2.13.0+cpu"),)),
            torch=torch_ok("2.13.0+cpu"),
        ),
        want="cpu",
        errors=[],
        warnings=[],
        absent=["CPU_ONLY_WHEEL"],
        oks=["TORCH_OK"],
    )
    win_gpu = gpu((nvidia_pci(RTX3060),), nvml_ok((RTX3060,), "566.36", "12.7"), KernelModules())
    add(
        "healthy_cuda_windows",
        snapshot(
            host_fact=host("windows"),
            gpu_facts=win_gpu,
            python_fact=python(
                os="windows", dists=(dist("torch", "2.13.0+cu126", "C:\\Users\\student\\venv\\Lib\\site-packages"),)
            ),
            torch=torch_ok(
                "2.13.0+cu126",
                "12.6",
                (RTX3060,),
                ("sm_50", "sm_61", "sm_75", "sm_86", "sm_90"),
                "91002",
                file="C:\\Users\\student\\venv\\Lib\\site-packages\\torch\\__init__.py",
            ),
        ),
        errors=[],
        warnings=[],
        oks=["DRIVER_OK", "TORCH_OK"],
    )
    add(
        "healthy_cuda_with_matching_toolkit",
        snapshot(
            toolkit_facts=toolkit(
                (
                    CudaToolkit(
                        "/usr/local/cuda-13.0",
                        "13.0.88",
                        "version.json",
                        ("PATH",),
                        "/usr/local/cuda-13.0/bin/nvcc",
                        True,
                    ),
                )
            ),
            **healthy_cu130,
        ),
        errors=[],
        warnings=[],
        infos=["CUDA_VERSIONS"],
    )

    # ---- NO_NVIDIA_GPU
    add(
        "no_gpu_want_cuda",
        snapshot(python_fact=python(dists=(dist("torch", "2.13.0+cpu"),)), torch=torch_ok("2.13.0+cpu")),
        want="cuda",
        errors=["NO_NVIDIA_GPU"],
        warnings=[],
    )
    add(
        "amd_gpu_linux_auto",
        snapshot(
            gpu_facts=gpu((other_pci("amd", "AMD Radeon RX 7900 XTX"),)),
            python_fact=python(dists=(dist("torch", "2.13.0+cpu"),)),
            torch=torch_ok("2.13.0+cpu"),
        ),
        errors=[],
        warnings=[],
        infos=["NO_NVIDIA_GPU"],
        # the RX 7900 XTX (gfx1100) has ROCm builds, also at the installed torch's version: only the build changes
        recommendation={"kind": "install", "variant": "rocm7.2", "torch": "2.13.0"},
    )
    add(
        "intel_arc_want_cuda",
        snapshot(gpu_facts=gpu((other_pci("intel", "Intel Arc A770"),))),
        want="cuda",
        errors=["NO_NVIDIA_GPU", "TORCH_MISSING"],
    )
    add(
        "apple_silicon_want_cuda",
        snapshot(
            host_fact=host("darwin", "arm64"),
            gpu_facts=gpu(pci_fact=Fact.missing(FactStatus.NOT_APPLICABLE, "no PCI scan on macOS")),
            python_fact=python(os="darwin", machine="arm64", dists=(dist("torch", "2.13.0"),)),
            torch=torch_ok("2.13.0"),
        ),
        want="cuda",
        errors=["NO_NVIDIA_GPU"],
        recommendation={"kind": "none"},  # the working torch already uses the Mac's GPU via mps
    )
    add(
        "no_gpu_with_toolkit_installed",
        snapshot(
            toolkit_facts=toolkit(
                (
                    CudaToolkit(
                        "/usr/local/cuda-13.0",
                        "13.0.88",
                        "version.json",
                        ("PATH",),
                        "/usr/local/cuda-13.0/bin/nvcc",
                        True,
                    ),
                )
            ),
            python_fact=python(dists=(dist("torch", "2.13.0+cpu"),)),
            torch=torch_ok("2.13.0+cpu"),
        ),
        errors=[],
        warnings=[],
        oks=["TOOLKIT_NOT_NEEDED", "TORCH_OK"],
        recommendation={"kind": "none"},
    )

    # ---- DRIVER_MISSING
    cu130_static = dict(
        python_fact=python(dists=cuda_dists("2.13.0+cu130")),
        torch=torch_ok("2.13.0+cu130", "13.0", (), CU130_ARCHS, "92000"),
    )
    add(
        "driver_not_installed",
        snapshot(gpu_facts=gpu((nvidia_pci(RTX4070, ""),), NO_NVML, KernelModules()), **cu130_static),
        errors=["DRIVER_MISSING"],
        absent=["TORCH_CUDA_UNAVAILABLE", "NO_NVIDIA_GPU"],
        recommendation={"kind": "none"},  # the installed cu130 build fits: the driver is the fix, not a reinstall
    )
    add(
        "driver_nouveau",
        snapshot(
            gpu_facts=gpu((nvidia_pci(RTX3060, "nouveau"),), NO_NVML, KernelModules(nouveau_loaded=True)),
            **cu130_static,
        ),
        errors=["DRIVER_MISSING"],
        recommendation={"kind": "none"},
    )
    add(
        "driver_blocked_by_secure_boot",
        snapshot(
            gpu_facts=gpu(
                (nvidia_pci(RTX4070, ""),),
                nvml_missing("nvml_driver_not_loaded", "NVIDIA driver is not running"),
                KernelModules(secure_boot="enabled"),
            ),
            **cu130_static,
        ),
        errors=["DRIVER_MISSING"],
        recommendation={"kind": "none"},
    )
    add(
        "driver_updated_needs_reboot",
        snapshot(
            gpu_facts=gpu(
                (nvidia_pci(RTX4070),),
                nvml_missing("nvml_rm_version_mismatch", "RM has detected an NVML/RM version mismatch"),
                KernelModules(nvidia_loaded=True, nvidia_version="570.86.15"),
            ),
            **cu130_static,
        ),
        errors=["DRIVER_MISSING"],
        recommendation={"kind": "none"},  # restart first; 570 is the old driver still loaded, not the new one
    )
    add(
        "driver_updated_needs_reboot_no_torch",
        snapshot(
            gpu_facts=gpu(
                (nvidia_pci(RTX4070),),
                nvml_missing("nvml_rm_version_mismatch", "RM has detected an NVML/RM version mismatch"),
                KernelModules(nvidia_loaded=True, nvidia_version="570.86.15"),
            ),
        ),
        errors=["DRIVER_MISSING", "TORCH_MISSING"],
        recommendation={"kind": "install", "variant": "cu130"},  # not cu126 for the stale 570 module
    )
    add(
        "driver_no_permission_cpu_wanted",
        snapshot(
            gpu_facts=gpu(
                (nvidia_pci(RTX4070),),
                nvml_missing("nvml_no_permission", "Insufficient Permissions"),
                KernelModules(nvidia_loaded=True),
            ),
            python_fact=python(dists=(dist("torch", "2.13.0+cpu"),)),
            torch=torch_ok("2.13.0+cpu"),
        ),
        want="cpu",
        errors=[],
        infos=["DRIVER_MISSING"],
    )

    # ---- DRIVER_TOO_OLD
    gpu_535 = gpu((nvidia_pci(RTX4070),), nvml_ok((RTX4070,), "535.183.01", "12.2"))
    add(
        "driver_too_old_for_cu130",
        snapshot(
            gpu_facts=gpu_535,
            python_fact=python(dists=cuda_dists("2.13.0+cu130")),
            torch=torch_ok(
                "2.13.0+cu130",
                "13.0",
                (),
                CU130_ARCHS,
                "92000",
                cuda_warnings=(
                    "CUDA initialization: The NVIDIA driver on your system is too old (found version 12020).",
                ),
            ),
        ),
        errors=["DRIVER_TOO_OLD"],
        caused_by={},
        absent=["TORCH_CUDA_UNAVAILABLE"],
        recommendation={"kind": "install", "variant": "cu126"},
    )
    add(
        "driver_too_old_windows_cu126",
        snapshot(
            host_fact=host("windows"),
            gpu_facts=gpu((nvidia_pci(RTX3060),), nvml_ok((RTX3060,), "472.12", "11.4"), KernelModules()),
            python_fact=python(
                os="windows", dists=(dist("torch", "2.13.0+cu126", "C:\\Users\\student\\venv\\Lib\\site-packages"),)
            ),
            torch=torch_ok(
                "2.13.0+cu126",
                "12.6",
                (),
                CU126_ARCHS,
                "91002",
                file="C:\\Users\\student\\venv\\Lib\\site-packages\\torch\\__init__.py",
            ),
        ),
        errors=["DRIVER_TOO_OLD"],
    )

    # ---- WSL_DRIVER
    wsl_host = host(is_wsl=True)
    add(
        "wsl_without_windows_driver",
        snapshot(host_fact=wsl_host, gpu_facts=gpu((), NO_NVML, KernelModules(), Fact.found(())), **cu130_static),
        errors=["WSL_DRIVER"],
        absent=["NO_NVIDIA_GPU", "DRIVER_MISSING"],
        recommendation={"kind": "none"},
    )
    add(
        "wsl_without_windows_driver_no_torch",
        snapshot(host_fact=wsl_host, gpu_facts=gpu((), NO_NVML, KernelModules(), Fact.found(()))),
        errors=["WSL_DRIVER", "TORCH_MISSING"],
        absent=["NO_NVIDIA_GPU"],
        recommendation={"kind": "install", "variant": "cu130"},  # WSL shows no PCI GPU: that is not "no GPU"
    )
    add(
        "wsl_with_linux_driver_inside",
        snapshot(
            host_fact=wsl_host,
            gpu_facts=gpu(
                (),
                nvml_missing("nvml_driver_not_loaded", "NVIDIA driver is not running"),
                KernelModules(proc_driver_version="NVRM version: NVIDIA UNIX x86_64 Kernel Module 550.54.14"),
                Fact.found(("libcuda.so.1", "libnvidia-ml.so.1")),
            ),
            **cu130_static,
        ),
        errors=["WSL_DRIVER"],
        absent=["DRIVER_MISSING"],
        recommendation={"kind": "none"},
    )

    # ---- VISIBLE_DEVICES_MASK
    masked_torch = torch_ok(
        "2.13.0+cu130",
        "13.0",
        (),
        CU130_ARCHS,
        "92000",
        cuda_warnings=("CUDA initialization: No CUDA GPUs are available",),
    )
    for name, value in (("visible_devices_empty", ""), ("visible_devices_out_of_range", "1")):
        add(
            name,
            snapshot(
                host_fact=host(env={"CUDA_VISIBLE_DEVICES": value}),
                gpu_facts=gpu4070_580,
                python_fact=python(dists=cuda_dists("2.13.0+cu130")),
                torch=masked_torch,
            ),
            errors=["VISIBLE_DEVICES_MASK"],
            caused_by={"TORCH_CUDA_UNAVAILABLE": "VISIBLE_DEVICES_MASK"},
            recommendation={"kind": "none"},  # unset the variable; reinstalling torch would not help
        )
    add(
        "visible_devices_empty_windows",
        snapshot(
            host_fact=host("windows", env={"CUDA_VISIBLE_DEVICES": ""}),
            gpu_facts=win_gpu,
            python_fact=python(
                os="windows", dists=(dist("torch", "2.13.0+cu126", "C:\\Users\\student\\venv\\Lib\\site-packages"),)
            ),
            torch=torch_ok(
                "2.13.0+cu126",
                "12.6",
                (),
                ("sm_50", "sm_61", "sm_75", "sm_86", "sm_90"),
                "91002",
                file="C:\\Users\\student\\venv\\Lib\\site-packages\\torch\\__init__.py",
                cuda_warnings=("CUDA initialization: No CUDA GPUs are available",),
            ),
        ),
        errors=["VISIBLE_DEVICES_MASK"],
        recommendation={"kind": "none"},
    )
    add(
        "visible_devices_subset_is_fine",
        snapshot(host_fact=host(env={"CUDA_VISIBLE_DEVICES": "0"}), **healthy_cu130),
        errors=[],
        warnings=[],
    )

    # ---- toolkit: mismatch warning, LIB_PATH_CONFLICT, CUDA_LIB_MISSING
    add(
        "toolkit_major_differs_from_wheel",
        snapshot(
            toolkit_facts=toolkit(
                (
                    CudaToolkit(
                        "/usr/local/cuda-12.4",
                        "12.4.131",
                        "version.json",
                        ("CUDA_HOME",),
                        "/usr/local/cuda-12.4/bin/nvcc",
                        True,
                    ),
                )
            ),
            **healthy_cu130,
        ),
        errors=[],
        warnings=["TOOLKIT_MISMATCH"],
        infos=["CUDA_VERSIONS"],
    )
    add(
        "undefined_symbol_from_ld_library_path",
        snapshot(
            host_fact=host(env={"LD_LIBRARY_PATH": "/usr/local/cuda-12.1/lib64"}),
            gpu_facts=gpu4070_580,
            python_fact=python(dists=cuda_dists("2.13.0+cu126", "nvidia-cudnn-cu12", "9.10.2.21")),
            torch=torch_failed(
                'Traceback (most recent call last):\n  File "<string>", line 1, in <module>\nImportError: '
                "/usr/local/cuda-12.1/lib64/libcusparse.so.12: undefined symbol: __nvJitLinkAddData_12_1, "
                "version libnvJitLink.so.12"
            ),
        ),
        errors=["LIB_PATH_CONFLICT"],
        absent=["TORCH_MISSING", "TORCH_IMPORT_FAILED"],
    )
    add(
        "old_cudart_on_ld_library_path",
        snapshot(
            host_fact=host(env={"LD_LIBRARY_PATH": "/usr/local/cuda-12.1/lib64"}),
            toolkit_facts=toolkit(
                libs=(
                    LibraryCopy("/usr/local/cuda-12.1/lib64/libcudart.so.12", "cudart", "12.1.105", "LD_LIBRARY_PATH"),
                )
            ),
            gpu_facts=gpu4070_580,
            python_fact=python(dists=cuda_dists("2.13.0+cu126", "nvidia-cudnn-cu12", "9.10.2.21")),
            torch=torch_ok("2.13.0+cu126", "12.6", (RTX4070,), CU126_ARCHS, "91002"),
        ),
        errors=[],
        warnings=["LIB_PATH_CONFLICT"],
    )
    add(
        "libcudnn_cannot_be_opened",
        snapshot(
            gpu_facts=gpu4070_580,
            python_fact=python(dists=(dist("torch", "2.13.0+cu130"),)),
            torch=torch_failed(
                "Traceback (most recent call last):\nOSError: libcudnn.so.9: cannot open shared object file: "
                "No such file or directory"
            ),
        ),
        errors=["CUDA_LIB_MISSING"],
        absent=["TORCH_IMPORT_FAILED"],
    )
    add(
        "nvidia_dists_missing_no_import",
        snapshot(
            gpu_facts=gpu4070_580,
            python_fact=python(
                dists=(
                    dist(
                        "torch",
                        "2.13.0+cu126",
                        requires=(
                            'nvidia-cublas-cu12==12.6.4.1; platform_system == "Linux" and platform_machine == "x86_64"',
                            'nvidia-cudnn-cu12==9.10.2.21; platform_system == "Linux" and platform_machine == "x86_64"',
                            'nvidia-nccl-cu12==2.27.3; platform_system == "Windows"',
                        ),
                    ),
                    dist("nvidia-cudnn-cu12", "9.10.2.21"),
                )
            ),
            torch=NOT_IMPORTED,
        ),
        errors=["CUDA_LIB_MISSING"],
    )

    # ---- CUDNN_MISMATCH
    add(
        "system_cudnn_shadows_wheel",
        snapshot(
            gpu_facts=gpu4070_580,
            python_fact=python(dists=cuda_dists("2.13.0+cu126", "nvidia-cudnn-cu12", "9.10.2.21")),
            torch=torch_ok(
                "2.13.0+cu126",
                "12.6",
                (RTX4070,),
                CU126_ARCHS,
                "90100",
                loaded_libraries=("/usr/lib/x86_64-linux-gnu/libcudnn.so.9.1.0",),
            ),
        ),
        errors=["CUDNN_MISMATCH"],
    )
    add(
        "cudnn_package_too_old",
        snapshot(
            gpu_facts=gpu4070_580,
            python_fact=python(dists=cuda_dists("2.13.0+cu126", "nvidia-cudnn-cu12", "9.1.0.70")),
            torch=NOT_IMPORTED,
        ),
        errors=["CUDNN_MISMATCH"],
    )

    # ---- PYTHON_UNSUPPORTED
    add(
        "python27",
        snapshot(python_fact=python("2.7.18", supported_by_probe=False, pip_version=Fact.unknown())),
        errors=["PYTHON_UNSUPPORTED"],
        caused_by={"TORCH_MISSING": "PYTHON_UNSUPPORTED"},
        recommendation={"kind": "python"},
    )
    add(
        "python315_too_new",
        snapshot(python_fact=python("3.15.0")),
        errors=["PYTHON_UNSUPPORTED"],
        caused_by={"TORCH_MISSING": "PYTHON_UNSUPPORTED"},
        recommendation={"kind": "python"},
    )
    add(
        "python_32bit_windows",
        snapshot(host_fact=host("windows"), python_fact=python("3.12.4", os="windows", bits=32)),
        errors=["PYTHON_UNSUPPORTED"],
        recommendation={"kind": "python"},
    )
    add("pypy", snapshot(python_fact=python("3.10.14", implementation="pypy")), errors=["PYTHON_UNSUPPORTED"])
    add(
        "python39_gets_older_torch",
        snapshot(python_fact=python("3.9.19")),
        errors=["TORCH_MISSING"],
        infos=["PYTHON_LIMITS_TORCH"],
        absent=["PYTHON_UNSUPPORTED"],
    )

    # ---- PLATFORM_UNSUPPORTED
    add(
        "intel_mac_latest_is_2_2",
        snapshot(
            host_fact=host("darwin"),
            gpu_facts=gpu(pci_fact=Fact.missing(FactStatus.NOT_APPLICABLE, "macOS")),
            python_fact=python("3.11.7", os="darwin"),
        ),
        errors=["TORCH_MISSING"],
        warnings=["PLATFORM_UNSUPPORTED"],
    )
    add(
        "old_glibc",
        snapshot(host_fact=host(libc="glibc 2.17"), python_fact=python("3.10.14", libc="glibc 2.17")),
        errors=["TORCH_MISSING"],
        warnings=["PLATFORM_UNSUPPORTED"],
    )
    add(
        "linux_ppc64le_has_no_wheels",
        snapshot(host_fact=host("linux", "ppc64le"), python_fact=python("3.12.4", machine="ppc64le")),
        errors=["PLATFORM_UNSUPPORTED"],
        caused_by={"TORCH_MISSING": "PLATFORM_UNSUPPORTED"},
    )
    add(
        "intel_mac_python313",
        snapshot(
            host_fact=host("darwin"),
            python_fact=python("3.13.1", os="darwin"),
            gpu_facts=gpu(pci_fact=Fact.missing(FactStatus.NOT_APPLICABLE, "macOS")),
        ),
        errors=["PLATFORM_UNSUPPORTED"],
        caused_by={"TORCH_MISSING": "PLATFORM_UNSUPPORTED"},
    )

    # ---- EXTERNALLY_MANAGED
    system = dict(executable="/usr/bin/python3", env_kind="system", prefix="/usr", externally_managed=True)
    add(
        "debian_system_python",
        snapshot(python_fact=python("3.11.2", **system)),
        errors=["EXTERNALLY_MANAGED"],
        caused_by={"TORCH_MISSING": "EXTERNALLY_MANAGED"},
        recommendation={"kind": "new_venv"},
    )
    add(
        "ubuntu_system_python_with_gpu",
        snapshot(gpu_facts=gpu4070_580, python_fact=python("3.12.3", **system)),
        errors=["EXTERNALLY_MANAGED"],
        caused_by={"TORCH_MISSING": "EXTERNALLY_MANAGED"},
        recommendation={"kind": "new_venv", "variant": "cu130"},
    )

    # ---- ENV_MISMATCH
    user = "/home/student/.local/lib/python3.11/site-packages"
    add(
        "torch_imported_from_user_site",
        snapshot(
            python_fact=python(dists=(dist("torch", "2.13.0+cpu"),)),
            torch=torch_ok("2.9.0+cpu", file=f"{user}/torch/__init__.py"),
        ),
        errors=["ENV_MISMATCH"],
    )
    add(
        "torch_installed_twice",
        snapshot(
            python_fact=python(
                dists=(dist("torch", "2.13.0+cpu"),),
                duplicates=(DuplicateDistribution("torch", (SITE, user), ("2.13.0+cpu", "2.4.0")),),
            ),
            torch=torch_ok("2.13.0+cpu"),
        ),
        errors=[],
        warnings=["ENV_MISMATCH"],
    )
    add(
        "conda_and_pip_mixed",
        snapshot(
            gpu_facts=gpu4070_580,
            python_fact=python(
                env_kind="conda",
                conda_env="dl",
                dists=(
                    dist("torch", "2.13.0+cu130", installer="conda"),
                    dist("torchvision", "0.28.0+cu130", installer="pip"),
                ),
            ),
            torch=torch_ok("2.13.0+cu130", "13.0", (RTX4070,), CU130_ARCHS, "92000"),
        ),
        errors=[],
        warnings=["ENV_MISMATCH"],
    )

    # ---- NUMPY_ABI
    add(
        "numpy2_with_torch_2_2",
        snapshot(python_fact=python(dists=(dist("torch", "2.2.2+cpu"), dist("numpy", "2.1.3"))), torch=NOT_IMPORTED),
        errors=["NUMPY_ABI"],
    )
    add(
        "numpy_array_api_warning",
        snapshot(
            python_fact=python(dists=(dist("torch", "2.3.1+cpu"), dist("numpy", "2.0.1"))),
            torch=torch_ok("2.3.1+cpu", numpy_warning="Failed to initialize NumPy: _ARRAY_API not found"),
        ),
        errors=["NUMPY_ABI"],
    )

    # ---- VCREDIST_MISSING, LONG_PATHS_DISABLED
    win_site = "C:\\Users\\student\\venv\\Lib\\site-packages"
    add(
        "windows_dll_winerror_126",
        snapshot(
            host_fact=host("windows"),
            gpu_facts=win_gpu,
            python_fact=python(
                os="windows",
                dists=(dist("torch", "2.13.0+cu126", win_site),),
                vc_runtime=Fact.missing(FactStatus.NOT_FOUND, "no VC++ runtime in the registry"),
            ),
            torch=torch_failed(
                "OSError: [WinError 126] The specified module could not be found. Error loading "
                f'"{win_site}\\torch\\lib\\c10.dll" or one of its dependencies.'
            ),
        ),
        errors=["VCREDIST_MISSING"],
        absent=["TORCH_IMPORT_FAILED"],
    )
    add(
        "windows_vc_runtime_too_old",
        snapshot(
            host_fact=host("windows"),
            gpu_facts=win_gpu,
            python_fact=python(
                os="windows", dists=(dist("torch", "2.13.0+cu126", win_site),), vc_runtime=Fact.found("14.29.30139")
            ),
            torch=NOT_IMPORTED,
        ),
        errors=["VCREDIST_MISSING"],
    )
    add(
        "windows_long_paths_off",
        snapshot(host_fact=host("windows"), python_fact=python(os="windows", long_paths_enabled=Fact.found(False))),
        errors=["TORCH_MISSING"],
        warnings=["LONG_PATHS_DISABLED"],
    )

    # ---- DISK_OR_NETWORK, PIP_TOO_OLD
    add(
        "disk_almost_full",
        snapshot(gpu_facts=gpu4070_580, python_fact=python(free_disk_bytes=Fact.found(2 * GB))),
        errors=["DISK_OR_NETWORK", "TORCH_MISSING"],
    )
    add(
        "pasted_proxy_error",
        text_snapshot(
            (
                Evidence(
                    "pip_proxy",
                    "DISK_OR_NETWORK",
                    "ERROR: Could not install packages due to an OSError: HTTPSConnectionPool(host='download.pytorch.org', "
                    "port=443): Max retries exceeded with url: /whl/cu130/torch/ (Caused by ProxyError('Unable to connect to proxy'))",
                ),
            )
        ),
        errors=["DISK_OR_NETWORK"],
    )
    add(
        "pip_too_old_for_manylinux_2_28",
        snapshot(python_fact=python("3.10.12", pip_version=Fact.found("20.0.2"))),
        errors=["TORCH_MISSING"],
        warnings=["PIP_TOO_OLD"],
    )

    # ---- wheel: TORCH_MISSING, CPU_ONLY_WHEEL, GPU_ARCH_UNSUPPORTED, PACKAGE_CONFLICT, INDEX_VARIANT_MISSING ...
    add(
        "torch_missing_on_gpu_machine",
        snapshot(gpu_facts=gpu4070_580),
        errors=["TORCH_MISSING"],
        warnings=[],
        recommendation={"kind": "install", "variant": "cu130"},
    )
    add(
        "cpu_wheel_on_rtx4070",
        snapshot(
            gpu_facts=gpu4070_580,
            python_fact=python(dists=(dist("torch", "2.13.0+cpu"),)),
            torch=torch_ok("2.13.0+cpu"),
        ),
        errors=["CPU_ONLY_WHEEL"],
        warnings=[],
        recommendation={"kind": "install", "variant": "cu130", "torch": "2.13.0"},  # the version stays, the build changes
    )
    add(
        "cpu_wheel_from_pypi_on_windows",
        snapshot(
            host_fact=host("windows"),
            gpu_facts=win_gpu,
            python_fact=python(os="windows", dists=(dist("torch", "2.13.0+cpu", win_site),)),
            torch=torch_ok("2.13.0+cpu", file=f"{win_site}\\torch\\__init__.py"),
        ),
        errors=["CPU_ONLY_WHEEL"],
        recommendation={"kind": "install"},
    )
    add(
        "rtx5090_with_cu126_build",
        snapshot(
            gpu_facts=gpu((nvidia_pci(RTX5090),), nvml_ok((RTX5090,), "580.95.05", "13.0")),
            python_fact=python(dists=cuda_dists("2.13.0+cu126", "nvidia-cudnn-cu12", "9.10.2.21")),
            torch=torch_ok(
                "2.13.0+cu126",
                "12.6",
                (RTX5090,),
                CU126_ARCHS,
                "91002",
                op=Fact.missing(
                    FactStatus.FAILED, "CUDA error: no kernel image is available for execution on the device"
                ),
                cuda_warnings=(
                    "NVIDIA GeForce RTX 5090 with CUDA capability sm_120 is not compatible with the current PyTorch "
                    "installation.",
                ),
            ),
        ),
        errors=["GPU_ARCH_UNSUPPORTED"],
        absent=["CUDA_OP_FAILED"],
        recommendation={"kind": "install", "variant": "cu130"},
    )
    add(
        "kepler_with_current_build",
        snapshot(
            gpu_facts=gpu((nvidia_pci(GTX780),), nvml_ok((GTX780,), "470.256.02", "11.4")),
            python_fact=python(dists=(dist("torch", "2.13.0+cu126"),)),
            torch=NOT_IMPORTED,
        ),
        # R470 is the last driver for Kepler: the too-old driver is a note, the GPU's age is the problem
        errors=["GPU_ARCH_UNSUPPORTED"],
        infos=["DRIVER_TOO_OLD"],
        recommendation={"kind": "install", "variant": "cpu"},
    )
    add(
        "torchvision_for_other_torch",
        snapshot(
            python_fact=python(
                dists=(dist("torch", "2.13.0+cpu"), dist("torchvision", "0.24.0+cpu", requires=("torch==2.9.0",)))
            ),
            torch=torch_ok(
                "2.13.0+cpu",
                torchvision=Fact.missing(
                    FactStatus.FAILED,
                    "import failed",
                    stderr_tail=("RuntimeError: operator torchvision::nms does not exist"),
                ),
            ),
        ),
        errors=["PACKAGE_CONFLICT"],
        recommendation={"kind": "install", "variant": "cpu"},  # keeps torch 2.13.0, pins torchvision 0.28.0
    )
    add(
        "torchvision_cpu_with_cuda_torch",
        snapshot(
            python_fact=python(dists=(*cuda_dists("2.13.0+cu130"), dist("torchvision", "0.28.0+cpu"))),
            gpu_facts=gpu4070_580,
            torch=torch_ok("2.13.0+cu130", "13.0", (RTX4070,), CU130_ARCHS, "92000"),
        ),
        errors=["PACKAGE_CONFLICT"],
        recommendation={"kind": "install", "variant": "cu130"},
    )
    index_excerpt = (
        "ERROR: Could not find a version that satisfies the requirement torch==2.13.0+cu128 (from versions: "
        "2.13.0+cu126, 2.13.0+cu130, 2.13.0+cu132)\nERROR: No matching distribution found for torch==2.13.0+cu128"
    )
    add(
        "pasted_variant_not_on_index",
        text_snapshot((Evidence("no_matching_variant", "INDEX_VARIANT_MISSING", index_excerpt),)),
        errors=["INDEX_VARIANT_MISSING"],
    )
    add(
        "pasted_variant_not_on_index_with_python",
        text_snapshot(
            (Evidence("no_matching_variant", "INDEX_VARIANT_MISSING", index_excerpt.replace("cu128", "cu121")),),
            python_fact=python("3.12.4"),
        ),
        errors=["INDEX_VARIANT_MISSING"],
    )
    add(
        "import_fails_other_reason",
        snapshot(
            python_fact=python(dists=(dist("torch", "2.13.0+cpu"),)),
            torch=torch_failed(
                "Traceback (most recent call last):\nImportError: cannot import name '_C' from partially "
                "initialized module 'torch'"
            ),
        ),
        errors=["TORCH_IMPORT_FAILED"],
        absent=["TORCH_MISSING"],
    )
    add(
        "import_segfaults",
        snapshot(
            python_fact=python(dists=(dist("torch", "2.13.0+cpu"),)), torch=torch_failed("", "torch_import_crashed", 11)
        ),
        errors=["TORCH_IMPORT_FAILED"],
    )
    add(
        "cuda_op_fails",
        snapshot(
            gpu_facts=gpu4070_580,
            python_fact=python(dists=cuda_dists("2.13.0+cu130")),
            torch=torch_ok(
                "2.13.0+cu130",
                "13.0",
                (RTX4070,),
                CU130_ARCHS,
                "92000",
                op=Fact.missing(FactStatus.FAILED, "CUDA error: unspecified launch failure"),
            ),
        ),
        errors=["CUDA_OP_FAILED"],
    )
    add(
        "pasted_driver_too_old",
        text_snapshot(
            (
                Evidence(
                    "driver_too_old",
                    "DRIVER_TOO_OLD",
                    "The NVIDIA driver on your system is too old (found version 11040).",
                    (("driver_cuda", "11.4"),),
                ),
            ),
            torch=Fact.found(TorchRuntime("2.4.0+cu121", "12.1")),
        ),
        errors=["DRIVER_TOO_OLD"],
        recommendation={"kind": "install", "variant": "cu118"},  # 'found version 11040': a CUDA 11.4 driver
    )
    add(
        "pasted_driver_too_old_driver_cuda_only",
        dataclasses.replace(
            text_snapshot(
                (
                    Evidence(
                        "driver_too_old",
                        "DRIVER_TOO_OLD",
                        "The NVIDIA driver on your system is too old (found version 11070)",
                        (("driver_cuda", "11.7"),),
                    ),
                ),
            ),
            gpu=GpuFacts(
                Fact.unknown("not in the pasted text"),
                Fact.found(NvmlInfo("", "11.7", (), "")),
                Fact.unknown("not in the pasted text"),
                Fact.unknown("not in the pasted text"),
            ),
        ),
        errors=["DRIVER_TOO_OLD"],
        recommendation={"kind": "install", "variant": "cu118"},  # not the CPU build: a driver means an NVIDIA GPU
    )
    add(
        "pasted_torch_not_compiled_with_cuda",
        text_snapshot(
            (
                Evidence(
                    "not_compiled_with_cuda", "CPU_ONLY_WHEEL", "AssertionError: Torch not compiled with CUDA enabled"
                ),
            )
        ),
        errors=["CPU_ONLY_WHEEL"],
    )
    # ---- every platform's own answer (issue #12): the first finding and the command the engine gives
    mac_arm = dict(host_fact=host("darwin", "arm64"), gpu_facts=gpu(()))
    add(
        "apple_silicon_old_torch_not_imported_cuda_error",  # "Torch not compiled with CUDA enabled" on an M2
        snapshot(**mac_arm, python_fact=python("3.11.7", os="darwin", machine="arm64", dists=(dist("torch", "2.5.1"),)),
                 torch=NOT_IMPORTED, evidence=(Evidence("not_compiled_with_cuda", "CPU_ONLY_WHEEL",
                                                        "AssertionError: Torch not compiled with CUDA enabled"),)),
        recommendation={"kind": "none", "keeps": "2.5.1"},  # MPS exists since 1.12: no upgrade needed for this
    )
    add(
        "apple_silicon_fresh",
        snapshot(**mac_arm, python_fact=python("3.12.7", os="darwin", machine="arm64")),
        errors=["TORCH_MISSING"],
        recommendation={"kind": "install", "variant": "cpu"},  # the default PyPI wheel; the GPU through "mps"
    )
    kfd_gpu = dataclasses.replace(
        gpu((PciDevice("0000:03:00.0", 0x1002, 0x744C, 0x030000, "amd", "Navi 31", "", "amdgpu"),)),
        amd_gfx=Fact.found(("gfx1100",)),
    )
    add(
        "amd_rocm_gfx_from_kfd",
        snapshot(gpu_facts=kfd_gpu),
        errors=["TORCH_MISSING"],
        infos=["NO_NVIDIA_GPU"],
        recommendation={"kind": "install", "variant": "rocm7.14"},  # the name says little; the kernel says gfx1100
    )
    add(
        "amd_unsupported_gfx",
        snapshot(gpu_facts=gpu((other_pci("amd", "AMD Radeon RX 580"),))),
        errors=["TORCH_MISSING"],
        recommendation={"kind": "install", "variant": "cpu"},  # Polaris (gfx803): no ROCm build has kernels for it
    )
    add(
        "amd_windows",
        snapshot(host_fact=host("windows"), gpu_facts=gpu((other_pci("amd", "AMD Radeon RX 7900 XTX"),)),
                 python_fact=python(os="windows")),
        errors=["TORCH_MISSING"],
        recommendation={"kind": "install", "variant": "cpu"},  # no ROCm build for Windows on download.pytorch.org
    )
    add(
        "intel_arc_linux_fresh",
        snapshot(gpu_facts=gpu((other_pci("intel", "Intel(R) Arc(TM) A770 Graphics"),))),
        errors=["TORCH_MISSING"],
        recommendation={"kind": "install", "variant": "xpu"},  # Arc A-Series: validated for the XPU builds
    )
    add(
        "intel_arc_windows_fresh",
        snapshot(host_fact=host("windows"), gpu_facts=gpu((other_pci("intel", "Intel(R) Arc(TM) B580 Graphics"),)),
                 python_fact=python(os="windows")),
        errors=["TORCH_MISSING"],
        recommendation={"kind": "install", "variant": "xpu"},  # XPU wheels for Windows since 2.6
    )
    add(
        "intel_uhd_linux_fresh",
        snapshot(gpu_facts=gpu((other_pci("intel", "Intel(R) UHD Graphics 770"),))),
        errors=["TORCH_MISSING"],
        recommendation={"kind": "install", "variant": "cpu"},  # not an XPU-validated family: the CPU build, said why
    )
    jetson_host = Fact.found(dataclasses.replace(host("linux", "aarch64").value,
                                                 device_model="NVIDIA Jetson AGX Orin Developer Kit"))
    add(
        "jetson_orin",
        snapshot(host_fact=jetson_host, gpu_facts=gpu(()), python_fact=python("3.10.12", machine="aarch64")),
        errors=["TORCH_MISSING"],
        recommendation={"kind": "install", "variant": "cpu"},  # never the PyPI/SBSA CUDA wheel: NVIDIA's Jetson builds
    )
    gtx1080 = ("NVIDIA GeForce GTX 1080", "6.1", 0x1B80)
    add(
        "pascal_driver_470_fresh",
        snapshot(gpu_facts=gpu((nvidia_pci(gtx1080),), nvml_ok((gtx1080,), "470.256.02", "11.4"))),
        errors=["TORCH_MISSING"],
        recommendation={"kind": "install", "variant": "cu118"},  # the newest build driver 470 runs that covers sm_61
    )
    add(
        "kepler_driver_470_fresh",
        snapshot(gpu_facts=gpu((nvidia_pci(GTX780),), nvml_ok((GTX780,), "470.256.02", "11.4"))),
        errors=["TORCH_MISSING"],
        recommendation={"kind": "install", "variant": "cpu"},  # no build has sm_35 kernels; 470 is its last driver
    )
    add(
        "python38_outdated",
        snapshot(python_fact=python("3.8.18")),
        errors=["TORCH_MISSING"],
        warnings=["PYTHON_UNSUPPORTED"],
        recommendation={"kind": "python"},  # a current Python in a new environment; torch 2.4.1 only as the alternative
    )
    add(
        "wsl_with_windows_driver_fresh",
        snapshot(host_fact=wsl_host, gpu_facts=gpu((), nvml_ok((RTX3060,), "566.36", "12.7"), KernelModules(),
                                                     Fact.found(("libcuda.so.1", "libnvidia-ml.so.1")))),
        errors=["TORCH_MISSING"],
        recommendation={"kind": "install", "variant": "cu126"},  # the Windows driver 566 runs cu126, not cu130 (≥ 580)
    )
    return out


def write_all(directory: Path = SCENARIOS_DIR) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for scenario in scenarios():
        path = directory / f"{scenario['name']}.json"
        path.write_text(json.dumps(scenario, indent=1) + "\n", encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    paths = write_all()
    print(f"wrote {len(paths)} scenarios to {SCENARIOS_DIR}")
