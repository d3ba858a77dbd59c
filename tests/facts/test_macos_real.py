"""What only a real Mac can show: the host facts against sw_vers, system_profiler's display list, the
macOS torch wheel's MPS answer through the live probe, and the check's advice for a Mac.

Marked macos_only: skipped elsewhere with the reason; the CI matrix runs them on macos-14 (Apple
silicon) and macos-15-intel. GitHub's Apple-silicon runners are virtual machines whose Metal device
may claim MPS and still fail to allocate (https://github.com/actions/runner-images/issues/9918), so
the MPS test compares the probe with torch's own answer instead of expecting True.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys

import pytest

from wizard.facts.host import collect_host, normalise_machine
from wizard.facts.pci import MACOS_DISPLAYS_ARGV, VENDOR_APPLE, scan_macos
from wizard.facts.python_env import collect_torch
from wizard.facts.runner import run_command

pytestmark = pytest.mark.macos_only


def output_of(*argv: str) -> str:
    return subprocess.run(argv, capture_output=True, text=True, timeout=60, check=True).stdout.strip()


def test_host_facts_agree_with_sw_vers_and_uname() -> None:
    host = collect_host(dict(os.environ)).value
    assert host.os == "darwin" and not host.is_wsl and host.libc == ""
    assert host.os_release == f"macOS {output_of('sw_vers', '-productVersion')}"
    # uname -m names the hardware of this process: arm64, or x86_64 (also under Rosetta 2)
    assert host.machine == normalise_machine(output_of("uname", "-m"))


def test_system_profiler_displays_are_read() -> None:
    raw = json.loads(run_command(MACOS_DISPLAYS_ARGV, timeout=60).stdout).get("SPDisplaysDataType", [])
    fact = scan_macos(run_command)
    assert fact.ok, fact.problem
    assert len(fact.value) == len([item for item in raw if isinstance(item, dict)])
    for item, device in zip(raw, fact.value):
        assert device.name == (item.get("sppci_model") or item.get("_name") or ""), item
        if "apple" in str(item.get("spdisplays_vendor", "")).lower():
            assert (device.vendor, device.vendor_id) == ("apple", VENDOR_APPLE), item
    if platform.machine() == "arm64":
        assert any(device.vendor == "apple" for device in fact.value), raw


def test_live_probe_reports_mps_as_torch_does(torch_python: str) -> None:
    fact = collect_torch(torch_python, timeout=300)
    assert fact.ok, fact.problem
    torch = fact.value
    assert torch.cuda == "" and torch.cuda_available is False  # no CUDA build exists for macOS
    direct = output_of(torch_python, "-c", "import torch; print(torch.backends.mps.is_available())")
    assert torch.mps_available.ok, torch.mps_available.problem
    assert torch.mps_available.value is (direct == "True")


def test_check_of_a_mac_never_recommends_a_cuda_build() -> None:
    done = subprocess.run([sys.executable, "-m", "wizard", "check", "--python", sys.executable, "--json", "--no-import"],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode in (0, 1), done.stderr
    report = json.loads(done.stdout)
    codes = {finding["code"] for finding in report["findings"]}
    assert "NO_NVIDIA_GPU" in codes, codes
    recommendation = report["recommendation"]
    assert not recommendation["variant"].startswith("cu"), recommendation
    assert "/whl/cu" not in " ".join(recommendation["argv"]), recommendation
