"""Which interpreter to check: the one named, or python3/python on PATH."""

from __future__ import annotations

import os
import shutil
from pathlib import Path


class InterpreterError(Exception):
    """The named interpreter cannot be used (missing, not a file, not executable)."""


def resolve_target_python(named: str | None) -> str:
    """Absolute path of the interpreter to probe. Raises InterpreterError with a plain message."""
    if named:
        path = Path(named).expanduser()
        if not path.exists():
            found = shutil.which(named)
            if not found:
                raise InterpreterError(f"no Python interpreter at {named!r}")
            path = Path(found)
        if path.is_dir():
            inner = env_python(path)
            if inner is None:
                raise InterpreterError(f"{named!r} is a folder without a Python interpreter in it")
            path = inner
        if not os.access(path, os.X_OK):
            raise InterpreterError(f"{str(path)!r} is not an executable program")
        return str(path.absolute())
    for name in ("python3", "python"):
        found = shutil.which(name)
        if found:
            return found
    raise InterpreterError("no python3 or python on PATH; name one with --python PATH")


def env_python(folder: Path) -> Path | None:
    """The interpreter inside a venv / conda folder (POSIX bin/, Windows Scripts\\ or the root)."""
    for relative in ("bin/python3", "bin/python", "Scripts/python.exe", "python.exe"):
        candidate = folder / relative
        if candidate.is_file():
            return candidate
    return None
