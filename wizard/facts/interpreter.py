"""Which interpreter to check: the one named, or python3/python on PATH."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from wizard import i18n


class InterpreterError(i18n.CatalogError):
    """The named interpreter cannot be used (missing, not a file, not executable). The message is the catalog text
    ``key`` (resources/texts/facts.json, ``interpreter.*``) in the user's language; ``params`` are its data."""


def resolve_target_python(named: str | None) -> str:
    """Absolute path of the interpreter to probe. Raises InterpreterError with a plain message."""
    if named:
        path = Path(named).expanduser()
        if not path.exists():
            found = shutil.which(named)
            if not found:
                raise InterpreterError("interpreter.missing", path=named)
            path = Path(found)
        if path.is_dir():
            inner = env_python(path)
            if inner is None:
                raise InterpreterError("interpreter.empty_folder", path=named)
            path = inner
        if not os.access(path, os.X_OK):
            raise InterpreterError("interpreter.not_executable", path=str(path))
        return str(path.absolute())
    for name in ("python3", "python"):
        found = shutil.which(name)
        if found:
            return found
    raise InterpreterError("interpreter.none_on_path")


def env_python(folder: Path) -> Path | None:
    """The interpreter inside a venv / conda folder (POSIX bin/, Windows Scripts\\ or the root)."""
    for relative in ("bin/python3", "bin/python", "Scripts/python.exe", "python.exe"):
        candidate = folder / relative
        if candidate.is_file():
            return candidate
    return None
