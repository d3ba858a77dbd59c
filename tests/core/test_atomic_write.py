"""Backups and reports are written whole or not at all."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from wizard.atomic_write import NEW_FILE_MODE, write_text_atomic


def test_new_file_has_the_text_and_is_private_to_the_user(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    write_text_atomic(target, "café\nline two\n", newline="\n")
    assert target.read_bytes() == "café\nline two\n".encode()
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == NEW_FILE_MODE
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.md"]


def test_replacing_never_leaves_the_file_readable_by_others(tmp_path: Path) -> None:
    target = tmp_path / "backup.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o644)
    write_text_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "new"
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    folder = tmp_path / "report.json"
    folder.mkdir()  # a folder where the file should go: the final rename fails
    with pytest.raises(OSError):
        write_text_atomic(folder, "text")
    assert folder.is_dir() and sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


def test_unencodable_text_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.write_text("the old report", encoding="utf-8")
    with pytest.raises(UnicodeEncodeError):
        write_text_atomic(target, "a lone surrogate \udc80 cannot be UTF-8")
    assert target.read_text(encoding="utf-8") == "the old report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.md"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_private_folders_are_0700_even_when_they_existed(tmp_path: Path) -> None:
    from wizard.atomic_write import make_private_dir

    existing = tmp_path / "backups"
    existing.mkdir(mode=0o755)
    for folder in (make_private_dir(existing), make_private_dir(tmp_path / "new" / "backups")):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    write_text_atomic(existing / "b.json", "{}")
    assert stat.S_IMODE((existing / "b.json").stat().st_mode) == 0o600
