"""Reading a file someone else gave us: regular files only, never blocking, never more than a cap.

A report, a course profile or a pasted log may be a FIFO (reading waits forever), /dev/zero or /dev/urandom
(reading never ends), a folder, or just huge. Every reader of outside files opens them here: the file is
opened without blocking, *then* fstat decides (so a FIFO swapped in after a stat cannot hang us), and no
more than the kind's cap is ever read.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path
from typing import BinaryIO

MIB = 1024 * 1024
# The most a file of each kind may hold (docs/reliability.md). A real report is 50-300 KB; a profile < 2 KB.
SIZE_CAPS = {
    "report": 20 * MIB,  # check --json / --output, gui --open, the overview's folder entries
    "profile": 1 * MIB,  # a course profile (TOML)
    "backup": 20 * MIB,  # a fix's saved environment state
    "pip-config": 1 * MIB,  # a pip.conf / pip.ini (INI text, usually a few lines)
}
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0) \
    | getattr(os, "O_CLOEXEC", 0)


class UnreadableFile(OSError):
    """Not a file the wizard will read; str() is one sentence saying why."""


def open_regular_file(path: str | Path) -> BinaryIO:
    """An open binary stream on ``path`` if it is a regular file; UnreadableFile (an OSError) otherwise."""
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except IsADirectoryError:
        raise UnreadableFile(_say("file.folder", path=path)) from None
    except PermissionError as exc:
        if Path(path).is_dir():  # Windows refuses to open a folder with "permission denied"
            raise UnreadableFile(_say("file.folder", path=path)) from None
        raise UnreadableFile(_say("command.cannot_read", path=path, error=exc.strerror or exc)) from None
    except OSError as exc:  # a socket cannot even be opened (ENXIO): say what it is when we can tell
        try:
            mode = os.stat(path).st_mode
        except OSError:
            mode = stat.S_IFREG
        if not stat.S_ISREG(mode):
            raise UnreadableFile(_say(f"file.not_regular.{_kind_of(mode)}", path=path)) from None
        raise UnreadableFile(_say("command.cannot_read", path=path, error=exc.strerror or exc)) from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise UnreadableFile(_say(f"file.not_regular.{_kind_of(mode)}", path=path))
        _blocking_again(fd)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_bytes_capped(path: str | Path, kind: str) -> bytes:
    """The whole of a regular file of at most SIZE_CAPS[kind] bytes; UnreadableFile otherwise."""
    cap = SIZE_CAPS[kind]
    with open_regular_file(path) as stream:
        size = os.fstat(stream.fileno()).st_size
        if size > cap:
            raise UnreadableFile(_too_large(path, kind, size, cap))
        data = stream.read(cap + 1)  # a file that grows while we read is cut off here, not followed
    if len(data) > cap:
        raise UnreadableFile(_too_large(path, kind, len(data), cap))
    return data


def read_text_capped(path: str | Path, kind: str) -> str:
    """read_bytes_capped decoded as UTF-8 (BOM dropped); bad bytes become U+FFFD, never an exception."""
    return read_bytes_capped(path, kind).decode("utf-8-sig", errors="replace")


def _say(key: str, **params: object) -> str:
    """One sentence in the user's language (resources/texts/commands.json)."""
    from wizard.i18n import text

    return text(key, **params)


def _too_large(path: str | Path, kind: str, size: int, cap: int) -> str:
    return _say(f"file.too_large.{kind}", path=path, size=f"{size / MIB:.1f}", cap=cap // MIB)


def _kind_of(mode: int) -> str:
    """The key of what a path is when it is not a regular file (file.not_regular.<kind>)."""
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISFIFO(mode):
        return "fifo"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "other"


def _blocking_again(fd: int) -> None:
    """A regular file ignores O_NONBLOCK, but clear it so nothing downstream is surprised."""
    if hasattr(os, "set_blocking"):
        with contextlib.suppress(OSError):
            os.set_blocking(fd, True)
