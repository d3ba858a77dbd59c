"""One platform key for the checks and the recommendation, whatever spelling the machine name came in."""

from __future__ import annotations

import pytest

from wizard.knowledge.model import PLATFORMS, platform_key


@pytest.mark.parametrize(
    ("os_name", "machine", "key"),
    [
        ("linux", "x86_64", "linux-x86_64"),
        ("windows", "AMD64", "windows-x86_64"),
        ("windows", "x64", "windows-x86_64"),
        ("linux", "aarch64", "linux-aarch64"),
        ("linux", "arm64", "linux-aarch64"),
        ("windows", "ARM64", "windows-arm64"),
        ("darwin", "arm64", "darwin-arm64"),
        ("darwin", "aarch64", "darwin-arm64"),
        ("darwin", "x86_64", "darwin-x86_64"),
    ],
)
def test_known_platforms(os_name: str, machine: str, key: str) -> None:
    assert platform_key(os_name, machine) == key and key in PLATFORMS


def test_other_machines_keep_their_name() -> None:
    assert platform_key("linux", "ppc64le") == "linux-ppc64le" not in PLATFORMS
