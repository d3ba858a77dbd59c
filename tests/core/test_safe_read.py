"""Reading outside files: regular files only, never blocking, never beyond the kind's cap."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from wizard import safe_read
from wizard.safe_read import UnreadableFile, read_bytes_capped, read_text_capped


def test_a_regular_file_is_read_whole_and_decoded(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    path.write_bytes("\ufeff{\"a\": \"caf\u00e9\"}".encode() + b"\xff")
    assert read_text_capped(path, "report") == '{"a": "café"}\ufffd'


def test_over_the_cap_is_refused_without_reading_it(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setitem(safe_read.SIZE_CAPS, "profile", 10)
    path = tmp_path / "p.toml"
    path.write_bytes(b"x" * 11)
    with pytest.raises(UnreadableFile, match="too large for a profile"):
        read_bytes_capped(path, "profile")
    path.write_bytes(b"x" * 10)
    assert read_bytes_capped(path, "profile") == b"x" * 10


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_a_fifo_without_a_writer_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "r.json"
    os.mkfifo(fifo)
    started = time.monotonic()
    with pytest.raises(UnreadableFile, match="named pipe"):
        read_text_capped(fifo, "report")
    assert time.monotonic() - started < 2


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_device_and_a_folder_are_refused(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFile, match="a device"):
        read_bytes_capped("/dev/zero", "report")
    with pytest.raises(UnreadableFile, match="a folder"):
        read_bytes_capped(tmp_path, "report")


def test_a_missing_file_is_an_oserror_with_a_sentence(tmp_path: Path) -> None:
    with pytest.raises(OSError, match="cannot read .*missing.json"):
        read_bytes_capped(tmp_path / "missing.json", "report")
