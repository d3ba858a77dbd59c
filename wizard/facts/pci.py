"""Display devices on the PCI bus, so an NVIDIA card is found even when no driver answers.

Linux reads /sys/bus/pci/devices; Windows asks CIM (Win32_VideoController) through PowerShell;
macOS asks system_profiler (best effort). NVIDIA device ids are named from
resources/gpu/nvidia-pci-ids.json (model name and compute capability).
"""

from __future__ import annotations

import json
import os
import re
from functools import cache
from pathlib import Path
from typing import Any

from wizard.facts.reasons import because
from wizard.facts.runner import Runner
from wizard.resources_path import resource
from wizard.snapshot import Fact, FactStatus, PciDevice

VENDOR_NVIDIA = 0x10DE
VENDOR_AMD = 0x1002
VENDOR_INTEL = 0x8086
VENDOR_APPLE = 0x106B
VENDOR_NAMES = {VENDOR_NVIDIA: "nvidia", VENDOR_AMD: "amd", VENDOR_INTEL: "intel", VENDOR_APPLE: "apple"}

PCI_CLASS_DISPLAY = 0x03  # base class: 0x0300 VGA, 0x0302 3D controller (headless datacenter GPUs)

# Win32_VideoController lists only devices a display driver is bound to. A 3D controller (PCI class 0302, the
# NVIDIA chip of most Optimus laptops) without the NVIDIA driver gets no Basic Display driver either and shows
# only as a PnP entity with ConfigManagerErrorCode 28 ("The drivers for this device are not installed",
# https://learn.microsoft.com/en-us/windows/win32/cimwin32prov/win32-pnpentity), so those are added, nameless
# (the id table names them). ConvertTo-Json -InputObject keeps a one-element list a list.
WINDOWS_VIDEO_QUERY = (
    "$display = @(Get-CimInstance Win32_VideoController | Select-Object Name,PNPDeviceID,DriverVersion); "
    "$driverless = @(Get-CimInstance Win32_PnPEntity | Where-Object { $_.ConfigManagerErrorCode -eq 28 -and "
    "$_.PNPDeviceID -like 'PCI\\*' -and ($_.CompatibleID -match '^PCI\\\\CC_030[02]$') } | "
    "Select-Object @{n='Name';e={''}},PNPDeviceID,@{n='DriverVersion';e={''}}); "
    "ConvertTo-Json -InputObject ($display + $driverless)"
)
WINDOWS_VIDEO_ARGV = ("powershell.exe", "-NoProfile", "-NonInteractive", "-Command", WINDOWS_VIDEO_QUERY)
MACOS_DISPLAYS_ARGV = ("system_profiler", "SPDisplaysDataType", "-json")

_PNP_IDS = re.compile(r"VEN_([0-9A-Fa-f]{4})&DEV_([0-9A-Fa-f]{4})")


# --------------------------------------------------------------------------- the NVIDIA id table


@cache
def _nvidia_table() -> dict[str, dict[str, str]]:
    data = json.loads(resource("gpu", "nvidia-pci-ids.json").read_text(encoding="utf-8"))
    return data["devices"]


def nvidia_model(device_id: int) -> tuple[str, str] | None:
    """(model name, compute capability) for an NVIDIA PCI device id (0x2204), None when not in the table."""
    entry = _nvidia_table().get(f"{device_id & 0xFFFF:04x}")
    return (entry["name"], entry["compute_capability"]) if entry else None


def nvidia_capability(device_id: int) -> str:
    """Compute capability for an NVIDIA PCI device id, "" when unknown."""
    model = nvidia_model(device_id)
    return model[1] if model else ""


def vendor_key(vendor_id: int) -> str:
    return VENDOR_NAMES.get(vendor_id, "other")


def describe_device(
    address: str, vendor_id: int, device_id: int, class_code: int = 0, kernel_driver: str = "", os_name: str = ""
) -> PciDevice:
    """A PciDevice, named from the NVIDIA table when the id is known, else by the OS name given."""
    name, capability = os_name, ""
    if vendor_id == VENDOR_NVIDIA:
        model = nvidia_model(device_id)
        if model:
            capability = model[1]
            name = os_name if _is_vendor_name(os_name) else model[0]
    return PciDevice(
        address=address,
        vendor_id=vendor_id,
        device_id=device_id,
        class_code=class_code,
        vendor=vendor_key(vendor_id),
        name=name,
        compute_capability=capability,
        kernel_driver=kernel_driver,
    )


def _is_vendor_name(os_name: str) -> bool:
    """Windows names the card itself only when the vendor's driver is installed."""
    return bool(os_name) and "basic display" not in os_name.lower() and "basic render" not in os_name.lower()


# --------------------------------------------------------------------------- Linux


def scan_linux(root: Path) -> Fact[tuple[PciDevice, ...]]:
    """Display controllers under root/sys/bus/pci/devices, with the kernel driver bound to each."""
    devices_dir = root / "sys/bus/pci/devices"
    try:
        entries = sorted(devices_dir.iterdir())
    except OSError as exc:
        return Fact.missing(
            FactStatus.NOT_FOUND,
            because("reason.pci_unlisted", folder=devices_dir, error=exc.strerror or exc),
        )
    found = []
    for entry in entries:
        device = _read_sysfs_device(entry)
        if device is not None:
            found.append(device)
    return Fact.found(tuple(found))


def _read_sysfs_device(entry: Path) -> PciDevice | None:
    class_code = _read_hex(entry / "class")
    if class_code is None or class_code >> 16 != PCI_CLASS_DISPLAY:
        return None
    vendor_id = _read_hex(entry / "vendor") or 0
    device_id = _read_hex(entry / "device") or 0
    return describe_device(entry.name, vendor_id, device_id, class_code, _bound_driver(entry))


def _read_hex(path: Path) -> int | None:
    try:
        return int(path.read_text(errors="replace").strip(), 16)
    except (OSError, ValueError):
        return None


def _bound_driver(entry: Path) -> str:
    try:
        return os.path.basename(os.readlink(entry / "driver"))
    except OSError:
        return ""


# --------------------------------------------------------------------------- Windows


def scan_windows(runner: Runner) -> Fact[tuple[PciDevice, ...]]:
    """Video controllers from CIM; the PNPDeviceID carries the PCI ids even without a vendor driver."""
    result = runner(WINDOWS_VIDEO_ARGV, timeout=30.0)
    if not result.ok:
        return result.as_problem_fact(because("reason.what.video_controllers"))
    try:
        controllers = parse_windows_controllers(result.stdout)
    except ValueError as exc:
        return Fact.missing(
            FactStatus.FAILED,
            because("reason.unexpected_output", what=because("reason.what.video_controllers"), program="PowerShell", error=exc),
            argv=result.argv,
            stderr_tail=result.stdout[-500:],
        )
    return Fact.found(tuple(controllers))


def parse_windows_controllers(text: str) -> list[PciDevice]:
    """Parse ConvertTo-Json output (one object, or a list of them; empty for none)."""
    text = text.strip().lstrip("\ufeff")
    if not text:
        return []
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON: {exc.msg} at line {exc.lineno}") from None
    items = data if isinstance(data, list) else [data]
    if not all(isinstance(item, dict) for item in items):
        raise ValueError("expected objects with Name, PNPDeviceID and DriverVersion")
    return [_windows_device(item) for item in items]


def _windows_device(item: dict[str, Any]) -> PciDevice:
    name = str(item.get("Name") or "")
    pnp = str(item.get("PNPDeviceID") or "")
    raw_version = str(item.get("DriverVersion") or "")
    match = _PNP_IDS.search(pnp)
    vendor_id, device_id = (int(match.group(1), 16), int(match.group(2), 16)) if match else (0, 0)
    device = describe_device(pnp, vendor_id, device_id, os_name=name)
    has_vendor_driver = _is_vendor_name(name) and bool(raw_version)
    driver_version = ""
    if has_vendor_driver:
        driver_version = nvidia_windows_driver_version(raw_version) if vendor_id == VENDOR_NVIDIA else raw_version
    return PciDevice(
        address=device.address,
        vendor_id=device.vendor_id,
        device_id=device.device_id,
        class_code=device.class_code,
        vendor=device.vendor,
        name=device.name,
        compute_capability=device.compute_capability,
        kernel_driver=(device.vendor if has_vendor_driver else "basic_display" if name else ""),
        driver_version=driver_version,
    )


def nvidia_windows_driver_version(raw: str) -> str:
    """NVIDIA's version from the Windows one: the last five digits, "32.0.15.6094" -> "560.94"."""
    digits = "".join(raw.split(".")[-2:])
    if len(digits) < 5 or not digits.isdigit():
        return raw
    tail = digits[-5:]
    return f"{int(tail[:3])}.{tail[3:]}"


# --------------------------------------------------------------------------- macOS


def scan_macos(runner: Runner) -> Fact[tuple[PciDevice, ...]]:
    """Best effort: system_profiler's display list (Apple silicon GPUs, old Macs' AMD/NVIDIA cards)."""
    result = runner(MACOS_DISPLAYS_ARGV, timeout=30.0)
    if not result.ok:
        return result.as_problem_fact(because("reason.what.displays"))
    try:
        items = json.loads(result.stdout).get("SPDisplaysDataType", [])
    except (json.JSONDecodeError, AttributeError) as exc:
        return Fact.missing(
            FactStatus.FAILED, because("reason.unexpected_output", what=because("reason.what.displays"), program="system_profiler",
                                       error=exc), argv=result.argv,
        )
    return Fact.found(tuple(_macos_device(item) for item in items if isinstance(item, dict)))


def _macos_device(item: dict[str, Any]) -> PciDevice:
    vendor_text = str(item.get("spdisplays_vendor", "")).lower()
    vendor_id = _parse_int(item.get("spdisplays_vendor-id"))
    if not vendor_id:
        vendor_id = next((vid for vid, key in VENDOR_NAMES.items() if key in vendor_text), 0)
    device_id = _parse_int(item.get("spdisplays_device-id"))
    name = str(item.get("sppci_model") or item.get("_name") or "")
    return describe_device(str(item.get("sppci_bus", "")), vendor_id, device_id, os_name=name)


def _parse_int(value: Any) -> int:
    try:
        return int(str(value), 0)
    except ValueError:
        return 0
