"""The URL allow-list answers yes or no for any string, never an exception."""

from __future__ import annotations

import pytest

from wizard.actions.urls import is_allowed_url


@pytest.mark.parametrize(
    "url",
    [
        "https://www.nvidia.com/Download/index.aspx",
        "https://download.pytorch.org/whl/cu130",
        "https://nvidia.com:443/drivers",
    ],
)
def test_allowed(url: str) -> None:
    assert is_allowed_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "http://www.nvidia.com/",
        "https://nvidia.com.evil.example/",
        "https://user:secret@nvidia.com/",
        "https://nvidia.com:8443/",
        "https://nvidia.com:abc/",  # not a port number
        "https://nvidia.com:99999/",  # port out of range
        "https://[::1/",
        "",
    ],
)
def test_refused(url: str) -> None:
    assert is_allowed_url(url) is False
