"""PCI scan: fake /sys trees on Linux, scripted PowerShell / system_profiler output on Windows / macOS."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wizard.facts.pci import (
    MACOS_DISPLAYS_ARGV,
    WINDOWS_VIDEO_ARGV,
    nvidia_model,
    nvidia_windows_driver_version,
    scan_linux,
    scan_macos,
    scan_windows,
)
from wizard.facts.runner import CommandResult, ScriptedRunner
from wizard.resources_path import resource
from wizard.snapshot import FactStatus

VGA = 0x030000
DISPLAY_3D = 0x030200
ETHERNET = 0x020000


def add_pci_device(root: Path, address: str, vendor: int, device: int, class_code: int, driver: str = "") -> None:
    """One device as the kernel shows it: vendor/device/class files and a driver symlink when bound."""
    drivers = root / "sys/bus/pci/drivers"
    entry = root / "sys/bus/pci/devices" / address
    entry.mkdir(parents=True)
    (entry / "vendor").write_text(f"0x{vendor:04x}\n")
    (entry / "device").write_text(f"0x{device:04x}\n")
    (entry / "class").write_text(f"0x{class_code:06x}\n")
    if driver:
        (drivers / driver).mkdir(parents=True, exist_ok=True)
        (entry / "driver").symlink_to(f"../../../bus/pci/drivers/{driver}")


def scanned(root: Path) -> dict:
    fact = scan_linux(root)
    assert fact.ok, fact.problem
    return {device.address: device for device in fact.value}


def test_nvidia_with_the_nvidia_driver(tmp_path):
    add_pci_device(tmp_path, "0000:01:00.0", 0x10DE, 0x2204, VGA, driver="nvidia")
    gpu = scanned(tmp_path)["0000:01:00.0"]
    assert (gpu.vendor, gpu.vendor_id, gpu.device_id, gpu.class_code) == ("nvidia", 0x10DE, 0x2204, VGA)
    assert gpu.name == "NVIDIA GeForce RTX 3090"
    assert gpu.compute_capability == "8.6"
    assert gpu.kernel_driver == "nvidia"


def test_nvidia_bound_to_nouveau(tmp_path):
    add_pci_device(tmp_path, "0000:01:00.0", 0x10DE, 0x2503, VGA, driver="nouveau")
    gpu = scanned(tmp_path)["0000:01:00.0"]
    assert gpu.kernel_driver == "nouveau"
    assert gpu.name == "NVIDIA GeForce RTX 3060"


def test_nvidia_without_any_driver_is_still_found(tmp_path):
    add_pci_device(tmp_path, "0000:17:00.0", 0x10DE, 0x2330, DISPLAY_3D)  # H100 SXM: a 3D controller, not VGA
    gpu = scanned(tmp_path)["0000:17:00.0"]
    assert gpu.kernel_driver == ""
    assert gpu.name == "NVIDIA H100 SXM5 80GB"
    assert gpu.compute_capability == "9.0"


def test_amd_and_intel_and_other_devices(tmp_path):
    add_pci_device(tmp_path, "0000:00:02.0", 0x8086, 0x4680, VGA, driver="i915")
    add_pci_device(tmp_path, "0000:03:00.0", 0x1002, 0x73BF, VGA, driver="amdgpu")
    add_pci_device(tmp_path, "0000:04:00.0", 0x10EC, 0x8168, ETHERNET, driver="r8169")  # not a display device
    devices = scanned(tmp_path)
    assert sorted(devices) == ["0000:00:02.0", "0000:03:00.0"]
    assert (devices["0000:00:02.0"].vendor, devices["0000:00:02.0"].kernel_driver) == ("intel", "i915")
    assert (devices["0000:03:00.0"].vendor, devices["0000:03:00.0"].kernel_driver) == ("amd", "amdgpu")
    assert devices["0000:03:00.0"].compute_capability == ""


def test_unknown_nvidia_id_has_no_name(tmp_path):
    add_pci_device(tmp_path, "0000:01:00.0", 0x10DE, 0xFFF0, VGA)
    gpu = scanned(tmp_path)["0000:01:00.0"]
    assert (gpu.vendor, gpu.name, gpu.compute_capability) == ("nvidia", "", "")


def test_no_display_devices(tmp_path):
    (tmp_path / "sys/bus/pci/devices").mkdir(parents=True)
    fact = scan_linux(tmp_path)
    assert fact.ok and fact.value == ()


def test_no_sys_access_is_a_fact_with_a_reason(tmp_path):
    fact = scan_linux(tmp_path)
    assert fact.problem.status == FactStatus.NOT_FOUND
    assert "sys/bus/pci/devices" in fact.problem.reason


# --------------------------------------------------------------------------- Windows
# Shapes checked against real Win32_VideoController / Win32_PnPSignedDriver listings:
# PNPDeviceID "PCI\\VEN_8086&DEV_9BC4&SUBSYS_170D1043&REV_05\\3&11583659&0&10"
# (https://github.com/sebhildebrandt/systeminformation/issues/790) and an NVIDIA card's DriverVersion
# "22.21.13.8253" for driver 382.53 (https://github.com/lord-carlos/nvidia-update/issues/1).

RTX_3090_WINDOWS = {
    "Name": "NVIDIA GeForce RTX 3090",
    "PNPDeviceID": "PCI\\VEN_10DE&DEV_2204&SUBSYS_38821462&REV_A1\\4&2B8260C3&0&0008",
    "DriverVersion": "32.0.15.6094",
}
BASIC_DISPLAY = {
    "Name": "Microsoft Basic Display Adapter",
    "PNPDeviceID": "PCI\\VEN_10DE&DEV_2786&SUBSYS_51131458&REV_A1\\4&1A2B3C4D&0&0008",
    "DriverVersion": "10.0.22621.1",
}
INTEL_UHD = {
    "Name": "Intel(R) UHD Graphics 770",
    "PNPDeviceID": "PCI\\VEN_8086&DEV_4680&SUBSYS_7D251462&REV_0C\\3&11583659&0&10",
    "DriverVersion": "31.0.101.4502",
}


def powershell(stdout: str, exit_code: int = 0) -> ScriptedRunner:
    return ScriptedRunner({WINDOWS_VIDEO_ARGV: CommandResult(WINDOWS_VIDEO_ARGV, exit_code, stdout=stdout)})


def test_windows_single_object():
    runner = powershell(json.dumps(RTX_3090_WINDOWS, indent=4))
    (gpu,) = scan_windows(runner).value
    assert runner.calls == [WINDOWS_VIDEO_ARGV]
    assert (gpu.vendor_id, gpu.device_id, gpu.vendor) == (0x10DE, 0x2204, "nvidia")
    assert gpu.name == "NVIDIA GeForce RTX 3090"
    assert gpu.compute_capability == "8.6"
    assert gpu.kernel_driver == "nvidia"
    assert gpu.driver_version == "560.94"
    assert gpu.address == RTX_3090_WINDOWS["PNPDeviceID"]


def test_windows_list_with_a_card_that_has_no_driver():
    devices = scan_windows(powershell("\ufeff" + json.dumps([BASIC_DISPLAY, INTEL_UHD]))).value
    nvidia, intel = devices
    assert nvidia.name == "NVIDIA GeForce RTX 4070"  # from the table: Windows only says "Basic Display"
    assert nvidia.kernel_driver == "basic_display"
    assert nvidia.driver_version == ""
    assert nvidia.compute_capability == "8.9"
    assert (intel.vendor, intel.name, intel.driver_version) == ("intel", "Intel(R) UHD Graphics 770", "31.0.101.4502")


def test_windows_laptop_gpu_without_any_driver_is_found_through_pnp():
    """The query's second half: a 3D controller with ConfigManagerErrorCode 28 comes nameless, without a version."""
    driverless = {"Name": "", "PNPDeviceID": "PCI\\VEN_10DE&DEV_25A2&SUBSYS_0A5C1028&REV_A1\\4&2F7B5E53&0&0008",
                  "DriverVersion": ""}
    intel, nvidia = scan_windows(powershell(json.dumps([INTEL_UHD, driverless], indent=4))).value
    assert intel.vendor == "intel"
    assert (nvidia.vendor, nvidia.name, nvidia.compute_capability) == ("nvidia", "NVIDIA GeForce RTX 3050 Mobile", "8.6")
    assert nvidia.driver_version == "" and nvidia.kernel_driver == ""


def test_windows_no_controllers():
    fact = scan_windows(powershell(""))
    assert fact.ok and fact.value == ()


@pytest.mark.parametrize("garbage", ["Get-CimInstance : Access denied", "[1, 2]", '{"Name": '])
def test_windows_garbage_output_is_a_failed_fact(garbage):
    fact = scan_windows(powershell(garbage))
    assert fact.problem.status == FactStatus.FAILED
    assert "unexpected PowerShell output" in fact.problem.reason
    assert fact.problem.argv == WINDOWS_VIDEO_ARGV


def test_windows_powershell_missing_or_failing():
    assert scan_windows(ScriptedRunner()).problem.status == FactStatus.NOT_FOUND
    failed = scan_windows(powershell("", exit_code=1))
    assert failed.problem.status == FactStatus.FAILED
    assert failed.problem.exit_code == 1


@pytest.mark.parametrize(
    ("raw", "nvidia"),
    [("32.0.15.6094", "560.94"), ("31.0.15.3623", "536.23"), ("27.21.14.5671", "456.71"), ("22.21.13.8253", "382.53"),
     ("weird", "weird")],
)
def test_nvidia_windows_driver_version(raw, nvidia):
    assert nvidia_windows_driver_version(raw) == nvidia


# --------------------------------------------------------------------------- macOS


def test_macos_apple_silicon():
    # The shape of a real `system_profiler SPDisplaysDataType -json` on Apple silicon (an M3 Pro's:
    # https://github.com/timmo001/system-bridge/pull/3408): "_name", "sppci_model", "spdisplays_vendor".
    output = json.dumps(
        {
            "SPDisplaysDataType": [
                {"_name": "Apple M2", "sppci_model": "Apple M2", "spdisplays_vendor": "sppci_vendor_Apple"}
            ]
        }
    )
    runner = ScriptedRunner({MACOS_DISPLAYS_ARGV: CommandResult(MACOS_DISPLAYS_ARGV, 0, stdout=output)})
    (gpu,) = scan_macos(runner).value
    assert (gpu.vendor, gpu.vendor_id, gpu.name) == ("apple", 0x106B, "Apple M2")


def test_macos_intel_graphics_named_by_model_not_by_its_localisation_key():
    # An Intel Mac's entry: "_name" is a localisation key ("kHW_IntelIris6100Item" with device-id 0x162b in a real
    # listing, https://github.com/duanefields/VirtualKVM/issues/50); "sppci_model" holds the name.
    item = {"_name": "kHW_IntelIris6100Item", "spdisplays_device-id": "0x162b", "spdisplays_vendor": "sppci_vendor_intel",
            "sppci_bus": "spdisplays_builtin", "sppci_model": "Intel Iris Graphics 6100"}
    output = json.dumps({"SPDisplaysDataType": [item]}, indent=2)
    runner = ScriptedRunner({MACOS_DISPLAYS_ARGV: CommandResult(MACOS_DISPLAYS_ARGV, 0, stdout=output)})
    (gpu,) = scan_macos(runner).value
    assert (gpu.vendor, gpu.vendor_id, gpu.device_id, gpu.name) == ("intel", 0x8086, 0x162B, "Intel Iris Graphics 6100")


def test_macos_garbage():
    runner = ScriptedRunner({MACOS_DISPLAYS_ARGV: CommandResult(MACOS_DISPLAYS_ARGV, 0, stdout="nope")})
    assert scan_macos(runner).problem.status == FactStatus.FAILED


# --------------------------------------------------------------------------- the id table


def test_table_is_sourced_and_large():
    data = json.loads(resource("gpu", "nvidia-pci-ids.json").read_text(encoding="utf-8"))
    assert "pci-ids.ucw.cz" in data["source"] and "developer.nvidia.com/cuda-gpus" in data["source"]
    assert len(data["devices"]) >= 150
    valid = {"3.0", "3.5", "3.7", "5.0", "5.2", "6.0", "6.1", "7.0", "7.5", "8.0", "8.6", "8.9", "9.0", "10.0",
             "10.3", "11.0", "12.0", "12.1"}  # fmt: skip
    for key, entry in data["devices"].items():
        assert len(key) == 4 and int(key, 16) >= 0
        assert entry["compute_capability"] in valid, key
        assert entry["name"].startswith("NVIDIA "), key


@pytest.mark.parametrize(
    ("device_id", "name", "capability"),
    [
        (0x1004, "NVIDIA GeForce GTX 780", "3.5"),  # Kepler
        (0x102D, "NVIDIA Tesla K80", "3.7"),
        (0x1380, "NVIDIA GeForce GTX 750 Ti", "5.0"),  # Maxwell
        (0x13C2, "NVIDIA GeForce GTX 970", "5.2"),
        (0x1B80, "NVIDIA GeForce GTX 1080", "6.1"),  # Pascal
        (0x1DB4, "NVIDIA Tesla V100 PCIe 16GB", "7.0"),  # Volta
        (0x1F82, "NVIDIA GeForce GTX 1650", "7.5"),  # Turing
        (0x1EB8, "NVIDIA Tesla T4", "7.5"),
        (0x20B0, "NVIDIA A100 SXM4 40GB", "8.0"),  # Ampere
        (0x2204, "NVIDIA GeForce RTX 3090", "8.6"),
        (0x2684, "NVIDIA GeForce RTX 4090", "8.9"),  # Ada
        (0x2330, "NVIDIA H100 SXM5 80GB", "9.0"),  # Hopper
        (0x2901, "NVIDIA B200", "10.0"),  # Blackwell
        (0x2B85, "NVIDIA GeForce RTX 5090", "12.0"),
        (0x2F04, "NVIDIA GeForce RTX 5070", "12.0"),
    ],
)
def test_table_entries_across_generations(device_id, name, capability):
    assert nvidia_model(device_id) == (name, capability)
