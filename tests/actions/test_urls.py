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


@pytest.mark.parametrize(
    "url",
    [
        "https://github.com/pytorch/pytorch/issues/131668",
        "https://github.com/pytorch/pytorch/",
        "https://github.com/pytorch/vision/blob/main/README.md",
        "https://github.com/PyTorch/PyTorch/pull/141619",
        "https://github.com/astral-sh/uv/issues/1497",
    ],
)
def test_cited_github_project_pages_are_allowed(url: str) -> None:
    assert is_allowed_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://github.com/evil/pytorch/releases/download/v1/setup.exe",
        "https://github.com/evil/repo",
        "https://github.com/",
        "https://github.com/pytorch/pytorch-evil/issues/1",
        "https://github.com/pytorch/pytorchx",
        "https://github.com/pytorch/pytorch/releases/download/v2.5.0/torch.whl",
        "https://github.com/pytorch/pytorch/archive/refs/heads/main.zip",
        "https://github.com/pytorch/pytorch/raw/main/setup.py",
        "https://github.com/pytorch/pytorch/../../evil/repo/releases",
        "https://github.com/pytorch/pytorch/%2e%2e/%2e%2e/evil/repo",
        "https://github.com/pytorch/pytorch/..%2f..%2fevil",
        "https://gist.github.com/evil/123",
        "https://raw.githubusercontent.com/pytorch/pytorch/main/setup.py",
        "https://objects.githubusercontent.com/x",
        "http://github.com/pytorch/pytorch/issues/1",
    ],
)
def test_other_github_pages_and_downloads_are_refused(url: str) -> None:
    assert not is_allowed_url(url)
