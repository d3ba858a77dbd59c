"""Local mirrors of the PyTorch index for the index tests (tests/local_index.py serves them on 127.0.0.1)."""

from __future__ import annotations

import socket

import pytest

from tests.index.mirrors import newer_mirror
from tests.local_index import LocalIndex


@pytest.fixture(scope="module")
def newer_index(tmp_path_factory):
    """2.16.0 and 2.17.0 in cpu, cu130 and cu132 for cp310-cp313, plus 2.14.1 cpu: PEP 503 HTML only."""
    with LocalIndex(newer_mirror(), tmp_path_factory.mktemp("newer")) as index:
        yield index


@pytest.fixture
def dead_url() -> str:
    """A local port nothing listens on (bound, then closed)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/whl"
