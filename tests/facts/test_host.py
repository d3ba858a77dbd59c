"""wizard/facts/host.py: OS, architecture, WSL and the environment variables kept in the snapshot."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from wizard.facts.host import collect_host, is_wsl, normalise_machine, os_key
from wizard.snapshot import HostInfo


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        ("AMD64", "x86_64"),
        ("x86_64", "x86_64"),
        ("i686", "x86"),
        ("aarch64", "aarch64"),
        ("ARM64", "arm64"),
        ("riscv64", "riscv64"),
    ],
)
def test_normalise_machine(raw, normal):
    assert normalise_machine(raw) == normal


@pytest.mark.parametrize(
    ("platform", "key"), [("linux", "linux"), ("win32", "windows"), ("cygwin", "linux"), ("darwin", "darwin")]
)
def test_os_key(platform, key):
    assert os_key(platform) == key


def test_wsl_from_the_kernel_release(tmp_path):
    write(tmp_path / "proc/sys/kernel/osrelease", "5.15.153.1-microsoft-standard-WSL2\n")
    assert is_wsl(tmp_path)


def test_wsl_from_the_driver_folder(tmp_path):
    (tmp_path / "usr/lib/wsl/lib").mkdir(parents=True)
    assert is_wsl(tmp_path)


def test_plain_linux_is_not_wsl(tmp_path):
    write(tmp_path / "proc/sys/kernel/osrelease", "6.1.0-18-amd64\n")
    assert not is_wsl(tmp_path)
    assert not is_wsl(tmp_path / "nothing-here")


def test_collect_host_on_a_fake_linux(tmp_path):
    write(tmp_path / "etc/os-release", 'NAME="Ubuntu"\nPRETTY_NAME="Ubuntu 24.04.1 LTS"\nID=ubuntu\n')
    write(tmp_path / "proc/sys/kernel/osrelease", "5.15.153.1-microsoft-standard-WSL2\n")
    env = {
        "PATH": "/usr/bin:/bin",
        "LD_LIBRARY_PATH": "/usr/local/cuda/lib64",
        "CUDA_PATH_V12_4": "/opt/cuda",
        "CUDA_VISIBLE_DEVICES": "1",
        "HOME": "/home/student",
        "SECRET_TOKEN": "do-not-keep",
    }
    host = collect_host(env, root=tmp_path, sys_platform="linux").value
    assert (host.os, host.os_release, host.is_wsl) == ("linux", "Ubuntu 24.04.1 LTS", True)
    assert dict(host.env) == {
        "CUDA_PATH_V12_4": "/opt/cuda",
        "CUDA_VISIBLE_DEVICES": "1",
        "LD_LIBRARY_PATH": "/usr/local/cuda/lib64",
        "PATH": "/usr/bin:/bin",
    }
    assert [key for key, _ in host.env] == sorted(key for key, _ in host.env)
    assert host.env_var("CUDA_VISIBLE_DEVICES") == "1"
    assert host.env_var("HOME") is None


def test_collect_host_without_os_release(tmp_path):
    host = collect_host({}, root=tmp_path, sys_platform="linux").value
    assert host.os_release == "Linux"
    assert host.env == ()


def test_collect_host_windows_is_never_wsl(tmp_path):
    (tmp_path / "usr/lib/wsl/lib").mkdir(parents=True)
    host = collect_host({"CUDA_PATH": "C:\\CUDA"}, root=tmp_path, sys_platform="win32").value
    assert (host.os, host.is_wsl, host.libc) == ("windows", False, "")
    assert host.os_release.startswith("Windows ")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="describes a Linux machine")
def test_this_machine_for_real():
    host = collect_host(os.environ).value
    assert isinstance(host, HostInfo)
    assert host.os == "linux"
    assert host.machine in ("x86_64", "aarch64")
    assert host.libc.startswith("glibc ")
    assert host.hostname
    assert host.env_var("PATH") == os.environ["PATH"]


def test_device_model_from_the_device_tree(tmp_path):
    from wizard.facts.host import read_device_model

    (tmp_path / "proc/device-tree").mkdir(parents=True)
    (tmp_path / "proc/device-tree/model").write_bytes(b"NVIDIA Jetson AGX Orin Developer Kit\x00")
    assert read_device_model(tmp_path) == "NVIDIA Jetson AGX Orin Developer Kit"
    assert read_device_model(tmp_path / "nothing") == ""
