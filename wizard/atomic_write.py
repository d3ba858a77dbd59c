"""Writing a file so that a crash or a full disk never leaves it half-written (backups, reports).

Reports and backups name machines, paths and package sources: they are private to the user (0600, in
folders the wizard makes 0700), whatever the umask says."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

NEW_FILE_MODE = 0o600
PRIVATE_DIR_MODE = 0o700


def write_text_atomic(path: Path, text: str, newline: str | None = None) -> None:
    """Write UTF-8 ``text`` to a temporary file beside ``path``, then rename it over ``path`` in one step:
    readers see the old file or the whole new one. Raises OSError like Path.write_text."""
    path = Path(path)
    # Replacing keeps the owner's own bits but never lets group or others read what the wizard writes.
    mode = (path.stat().st_mode & 0o700 | NEW_FILE_MODE) if path.exists() else NEW_FILE_MODE
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with open(fd, "w", encoding="utf-8", newline=newline) as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def make_private_dir(folder: Path) -> Path:
    """Create ``folder`` (and its parents) for the wizard's own files; the folder itself is made 0700."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR_MODE)
    if os.name == "posix":
        os.chmod(folder, PRIVATE_DIR_MODE)
    return folder
