"""Readings of round 55's session, each written from a tool's own output or a package's published metadata, not from
the corpus."""

from __future__ import annotations

import pytest

from tests.textdiag.pasted import errors_of


@pytest.mark.parametrize("library", ["libcudss.so.0", "libcufile.so.0", "libnvshmem_host.so.3"])
def test_the_newer_cuda_libraries_torch_loads_are_cuda_libraries_too(library: str) -> None:
    # (torch 2.8.0's Requires-Dist on PyPI names nvidia-cufile-cu12, 2.9.0's also nvidia-nvshmem-cu12; the Jetson builds
    # of torch 2.8 on load cuDSS)
    text = (">>> import torch\nTraceback (most recent call last):\n  File \"<stdin>\", line 1, in <module>\n"
            f"ImportError: {library}: cannot open shared object file: No such file or directory\n")
    assert errors_of(text)[:1] == ["CUDA_LIB_MISSING"]


def test_another_programs_library_that_cannot_be_opened_is_no_cuda_library() -> None:
    text = "ImportError: libGL.so.1: cannot open shared object file: No such file or directory\n"
    assert "CUDA_LIB_MISSING" not in errors_of(text)
