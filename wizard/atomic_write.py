"""Writing a file so that a crash or a full disk never leaves it half-written (backups, reports)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

NEW_FILE_MODE = 0o644


def write_text_atomic(path: Path, text: str, newline: str | None = None) -> None:
    """Write UTF-8 ``text`` to a temporary file beside ``path``, then rename it over ``path`` in one step:
    readers see the old file or the whole new one. Raises OSError like Path.write_text."""
    path = Path(path)
    mode = path.stat().st_mode & 0o7777 if path.exists() else NEW_FILE_MODE
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with open(fd, "w", encoding="utf-8", newline=newline) as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)  # mkstemp makes the file private; keep the mode a plain write would give
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
