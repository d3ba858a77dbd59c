"""Constants, the Choice record and small helpers the recommendation's modules share."""

from __future__ import annotations

from dataclasses import dataclass

from packaging.version import InvalidVersion, Version

from wizard.knowledge.model import Release, Variant

DEFAULT_PLATFORM = "linux-x86_64"


PYTHON_DOWNLOADS = "https://www.python.org/downloads/"


PYPI_SIMPLE = "https://pypi.org/simple"


TORCH_FAMILY = ("torch", "torchvision", "torchaudio")  # pinned from the release; never from PyPI


VENV_NAME = "torch-env"


_PLATFORM_NAMES = {
    "linux-x86_64": "Linux (x86_64)",
    "linux-aarch64": "Linux (ARM64)",
    "windows-x86_64": "Windows (x64)",
    "windows-arm64": "Windows on Arm",
    "darwin-arm64": "macOS (Apple silicon)",
    "darwin-x86_64": "macOS (Intel)",
}


@dataclass(frozen=True)
class Choice:
    release: Release
    variant: Variant
    note: str  # why this one, when it is not simply the newest default
    needs_driver: str = ""  # the NVIDIA driver this build needs first, when the running one is too old


def _parse(text: str) -> Version | None:
    try:
        return Version(text)
    except InvalidVersion:
        return None


def _major_minor(version: str) -> str:
    return ".".join(version.split(".")[:2])


def _cuda_number(variant: Variant) -> int:
    return int(variant.name[2:]) if variant.kind == "cuda" else 0


def _range(releases: list[Release]) -> str:
    """The Python versions the newest of ``releases`` supports ("3.10–3.14")."""
    if not releases:
        return "3"
    newest = max(releases, key=lambda r: r.parsed)
    return f"{newest.python_min}–{newest.python_max}"


def _platform_name(platform: str) -> str:
    return _PLATFORM_NAMES.get(platform, platform)


def _preferred_cuda(release: Release, platform: str) -> str:
    # Windows' PyPI default is the CPU build; pytorch.org then suggests the Linux default CUDA build.
    for key in (platform, DEFAULT_PLATFORM):
        name = release.default_variant(key)
        variant = release.variant(name)
        if variant and variant.kind == "cuda":
            return name
    return ""
