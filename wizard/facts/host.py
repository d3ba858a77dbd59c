"""The operating system, CPU architecture, WSL and the environment variables that matter."""

from __future__ import annotations

import platform
import socket
import sys
from collections.abc import Mapping
from pathlib import Path

from wizard.facts.runner import Runner, run_command
from wizard.probe import probe_entry  # stdlib-only; sharing its tables keeps host and probe facts alike
from wizard.safe_text import scrub_secrets, strip_url_secrets
from wizard.snapshot import Fact, HostInfo

# Variables the checks read. PATH-like values are kept whole: they are what shadows libraries.
RELEVANT_ENV = (
    "CUDA_VISIBLE_DEVICES",
    "NVIDIA_VISIBLE_DEVICES",
    "LD_LIBRARY_PATH",
    "PATH",
    "CUDA_HOME",
    "CUDA_PATH",
    "CUDA_ROOT",
    "CUDNN_PATH",
    "CONDA_PREFIX",
    "CONDA_DEFAULT_ENV",
    "VIRTUAL_ENV",
    "PYTHONPATH",
    "PYTHONNOUSERSITE",
    "PIP_INDEX_URL",
    "PIP_EXTRA_INDEX_URL",
    "HTTPS_PROXY",
    "HTTP_PROXY",
    "TSW_TORCH_INDEX",
    "ALL_PROXY",
    "NO_PROXY",
    "https_proxy",
    "http_proxy",
    "all_proxy",
    "no_proxy",
)
# Values that are URLs (or lists of them): kept only as where they point, never with user, password or query.
URL_ENV = frozenset({"PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL", "HTTPS_PROXY", "HTTP_PROXY", "ALL_PROXY", "NO_PROXY",
                     "TSW_TORCH_INDEX"})


def normalise_machine(machine: str) -> str:
    """platform.machine() as the knowledge base spells it ("AMD64" → "x86_64"); the probe's own table."""
    return probe_entry.normalise_machine(machine)


def os_key(sys_platform: str) -> str:
    """sys.platform → "windows" / "darwin" / "linux", exactly as the probe reports it."""
    return probe_entry.os_key(sys_platform)


def collect_host(
    env: Mapping[str, str], root: Path = Path("/"), runner: Runner = run_command, sys_platform: str = sys.platform
) -> Fact[HostInfo]:
    os_name = os_key(sys_platform)
    kept = tuple(
        (key, kept_env_value(key, env[key])) for key in sorted(env) if key in RELEVANT_ENV or key.startswith("CUDA_PATH_V")
    )
    return Fact.found(
        HostInfo(
            os=os_name,
            os_release=_os_release(os_name, root),
            kernel=platform.release(),
            machine=normalise_machine(platform.machine()),
            hostname=socket.gethostname(),
            is_wsl=os_name == "linux" and is_wsl(root),
            libc=_libc(os_name),
            env=kept,
            device_model=read_device_model(root) if os_name == "linux" else "",
        )
    )


def kept_env_value(key: str, value: str) -> str:
    """What the snapshot may hold of an environment variable: URLs without credentials, no tokens anywhere."""
    return strip_url_secrets(value) if key.upper() in URL_ENV else scrub_secrets(value)


DEVICE_MODEL_BYTES = 256


def read_device_model(root: Path = Path("/")) -> str:
    """The device tree's model string on ARM boards ("NVIDIA Jetson Orin Nano Developer Kit"), "" elsewhere."""
    path = root / "proc/device-tree/model"
    try:
        if not path.is_file():
            return ""
        with path.open("rb") as handle:
            raw = handle.read(DEVICE_MODEL_BYTES)
    except OSError:
        return ""
    return "".join(c for c in raw.decode("utf-8", "replace") if c.isprintable()).strip()


def is_wsl(root: Path = Path("/")) -> bool:
    """WSL 2 (and 1): the kernel says 'microsoft', or the Windows driver folder is mounted."""
    try:
        release = (root / "proc/sys/kernel/osrelease").read_text(errors="replace").lower()
    except OSError:
        release = ""
    return "microsoft" in release or (root / "usr/lib/wsl/lib").is_dir()


def _os_release(os_name: str, root: Path) -> str:
    if os_name == "linux":
        try:
            for line in (root / "etc/os-release").read_text(errors="replace").splitlines():
                if line.startswith("PRETTY_NAME="):
                    return line.split("=", 1)[1].strip().strip('"')
        except OSError:
            pass
        return "Linux"
    if os_name == "windows":
        return f"Windows {platform.release()} (build {platform.version()})"
    return f"macOS {platform.mac_ver()[0]}"


def _libc(os_name: str) -> str:
    if os_name != "linux":
        return ""
    name, version = platform.libc_ver()
    return f"{name} {version}".strip() if name else ""
