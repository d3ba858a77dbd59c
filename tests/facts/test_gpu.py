"""collect_gpu: kernel modules, Secure Boot, WSL 2, per-platform dispatch, and this machine for real."""

from __future__ import annotations

import ctypes.util
import json
import os
from pathlib import Path

import pytest

from wizard.facts.gpu import collect_gpu, read_kernel_modules, read_secure_boot, read_wsl_driver_libs
from wizard.facts.pci import MACOS_DISPLAYS_ARGV, WINDOWS_VIDEO_ARGV
from wizard.facts.runner import CommandResult, ScriptedRunner
from wizard.snapshot import FactStatus, GpuFacts, from_data, to_data

SECURE_BOOT_VAR = "sys/firmware/efi/efivars/SecureBoot-8be4df61-93ca-11d2-aa0d-00e098032b8c"


def write(root: Path, relative: str, content: str | bytes) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)


def test_nvidia_module_loaded(tmp_path):
    write(tmp_path, "sys/module/nvidia/version", "550.127.08\n")
    write(
        tmp_path,
        "proc/driver/nvidia/version",
        "NVRM version: NVIDIA UNIX x86_64 Kernel Module  550.127.08  Tue Oct  1 2024\nGCC version:  gcc 12.2.0\n",
    )
    write(tmp_path, SECURE_BOOT_VAR, b"\x06\x00\x00\x00\x01")
    modules = read_kernel_modules(tmp_path).value
    assert modules.nvidia_loaded and not modules.nouveau_loaded
    assert modules.nvidia_version == "550.127.08"
    assert modules.proc_driver_version.startswith("NVRM version: NVIDIA UNIX x86_64 Kernel Module  550.127.08")
    assert modules.secure_boot == "enabled"


def test_nouveau_loaded_and_secure_boot_off(tmp_path):
    (tmp_path / "sys/module/nouveau").mkdir(parents=True)
    write(tmp_path, SECURE_BOOT_VAR, b"\x06\x00\x00\x00\x00")
    modules = read_kernel_modules(tmp_path).value
    assert (modules.nvidia_loaded, modules.nouveau_loaded) == (False, True)
    assert (modules.nvidia_version, modules.proc_driver_version) == ("", "")
    assert modules.secure_boot == "disabled"


def test_secure_boot_unknown_without_efi(tmp_path):
    assert read_secure_boot(tmp_path) == ""


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_secure_boot_unreadable(tmp_path):
    write(tmp_path, SECURE_BOOT_VAR, b"\x06\x00\x00\x00\x01")
    (tmp_path / SECURE_BOOT_VAR).chmod(0)
    assert read_secure_boot(tmp_path) == ""


def test_no_sys_module_is_a_fact_with_a_reason(tmp_path):
    fact = read_kernel_modules(tmp_path)
    assert fact.problem.status == FactStatus.NOT_FOUND
    assert "sys/module" in fact.problem.reason


def test_wsl_driver_libs(tmp_path):
    write(tmp_path, "proc/sys/kernel/osrelease", "5.15.153.1-microsoft-standard-WSL2\n")
    for name in ("libcuda.so", "libcuda.so.1", "libcuda.so.1.1", "libnvidia-ml.so.1", "nvidia-smi"):
        write(tmp_path, f"usr/lib/wsl/lib/{name}", "")
    fact = read_wsl_driver_libs(tmp_path)
    assert fact.value == ("libcuda.so", "libcuda.so.1", "libcuda.so.1.1", "libnvidia-ml.so.1", "nvidia-smi")


def test_wsl_without_the_driver_folder(tmp_path):
    write(tmp_path, "proc/sys/kernel/osrelease", "4.4.0-19041-Microsoft\n")
    assert read_wsl_driver_libs(tmp_path).problem.status == FactStatus.NOT_FOUND


def test_not_wsl(tmp_path):
    write(tmp_path, "proc/sys/kernel/osrelease", "6.1.0-18-amd64\n")
    assert read_wsl_driver_libs(tmp_path).problem.status == FactStatus.NOT_APPLICABLE


def test_collect_gpu_on_a_fake_linux_round_trips(tmp_path):
    entry = tmp_path / "sys/bus/pci/devices/0000:01:00.0"
    write(tmp_path, "sys/bus/pci/devices/0000:01:00.0/vendor", "0x10de\n")
    write(tmp_path, "sys/bus/pci/devices/0000:01:00.0/device", "0x2782\n")
    write(tmp_path, "sys/bus/pci/devices/0000:01:00.0/class", "0x030000\n")
    (tmp_path / "sys/bus/pci/drivers/nouveau").mkdir(parents=True)
    (entry / "driver").symlink_to("../../../bus/pci/drivers/nouveau")
    (tmp_path / "sys/module/nouveau").mkdir(parents=True)
    facts = collect_gpu({}, root=tmp_path, runner=ScriptedRunner(), sys_platform="linux")
    (gpu,) = facts.pci.value
    assert (gpu.name, gpu.kernel_driver) == ("NVIDIA GeForce RTX 4070 Ti", "nouveau")
    assert facts.kernel_modules.value.nouveau_loaded
    assert facts.wsl_driver_libs.problem.status == FactStatus.NOT_APPLICABLE
    assert from_data(GpuFacts, json.loads(json.dumps(to_data(facts)))) == facts


def test_collect_gpu_on_windows_uses_cim_and_skips_linux_facts(tmp_path):
    controllers = json.dumps(
        {
            "Name": "NVIDIA GeForce RTX 4090",
            "PNPDeviceID": "PCI\\VEN_10DE&DEV_2684&SUBSYS_0\\4&0",
            "DriverVersion": "32.0.15.6614",
        }
    )
    runner = ScriptedRunner({WINDOWS_VIDEO_ARGV: CommandResult(WINDOWS_VIDEO_ARGV, 0, stdout=controllers)})
    facts = collect_gpu({}, root=tmp_path, runner=runner, sys_platform="win32")
    (gpu,) = facts.pci.value
    assert (gpu.name, gpu.compute_capability, gpu.driver_version) == ("NVIDIA GeForce RTX 4090", "8.9", "566.14")
    assert facts.kernel_modules.problem.status == FactStatus.NOT_APPLICABLE
    assert facts.wsl_driver_libs.problem.status == FactStatus.NOT_APPLICABLE


def test_collect_gpu_on_macos(tmp_path):
    runner = ScriptedRunner(
        {MACOS_DISPLAYS_ARGV: CommandResult(MACOS_DISPLAYS_ARGV, 0, stdout='{"SPDisplaysDataType": []}')}
    )
    facts = collect_gpu({}, root=tmp_path, runner=runner, sys_platform="darwin")
    assert facts.pci.value == ()
    assert facts.nvml.problem.status == FactStatus.NOT_APPLICABLE
    assert facts.kernel_modules.problem.status == FactStatus.NOT_APPLICABLE


def test_this_machine_for_real():
    """No NVIDIA GPU and no NVIDIA driver here: every missing piece is a fact with its reason."""
    facts = collect_gpu(os.environ)
    if facts.pci.ok:
        assert all(device.vendor != "nvidia" for device in facts.pci.value), "this test expects a machine without one"
    else:
        assert facts.pci.problem.reason
    if ctypes.util.find_library("nvidia-ml"):
        pytest.skip("a real NVIDIA driver library is installed here")
    assert facts.nvml.problem.code == "nvml_library_not_found"
    assert facts.nvml.problem.status == FactStatus.NOT_FOUND
    if Path("/sys/module").is_dir():
        assert facts.kernel_modules.ok
        assert not facts.kernel_modules.value.nvidia_loaded


def test_amd_gfx_targets_from_the_kfd_topology(tmp_path):
    from wizard.facts.gpu import read_kfd_gfx

    nodes = tmp_path / "sys/class/kfd/kfd/topology/nodes"
    for index, version in ((0, 0), (1, 110000), (2, 90010)):
        (nodes / str(index)).mkdir(parents=True)
        (nodes / str(index) / "properties").write_text(f"cpu_cores_count 0\ngfx_target_version {version}\n")
    assert read_kfd_gfx(tmp_path).value == ("gfx1100", "gfx90a")
    assert not read_kfd_gfx(tmp_path / "elsewhere").ok
