"""Give programs the frozen wizard starts the user's own environment, not the bundle's.

PyInstaller's bootloader points LD_LIBRARY_PATH at the bundle (keeping the user's value in
LD_LIBRARY_PATH_ORIG), and its PySide6 runtime hook sets QT_PLUGIN_PATH and QML2_IMPORT_PATH to
the bundle's Qt and, on Windows, puts the bundle first on PATH. Every child inherits them: the target interpreter importing torch would load the
bundle's libstdc++ / libssl / libz instead of the system's (a diagnosis of a machine that is not
the user's), the snapshot would report a LD_LIBRARY_PATH the user never set, and a browser started
by xdg-open could crash on our libraries. The running process is unaffected by the undo: the
dynamic loader reads LD_LIBRARY_PATH once at start-up, and the PySide6 wheel locates its plugins
through its own embedded qt.conf.
"""

from __future__ import annotations

import os
from collections.abc import MutableMapping

LOADER_VARIABLES = ("LD_LIBRARY_PATH", "LIBPATH")  # Linux/BSD, AIX; the bootloader backs both up as <NAME>_ORIG
PATH_LISTS = ("QT_PLUGIN_PATH", "QML2_IMPORT_PATH", "PATH")  # only the bundle's entries are taken out


def restore_user_environment(environ: MutableMapping[str, str], bundle_dir: str) -> None:
    """Undo, in ``environ``, what the bootloader and runtime hooks changed for the bundle's own use."""
    for name in LOADER_VARIABLES:
        original = environ.pop(f"{name}_ORIG", None)
        if original is not None:
            environ[name] = original
        elif name in environ:
            kept = _without_bundle_entries(environ[name], bundle_dir)
            if kept:
                environ[name] = kept
            else:
                del environ[name]
    for name in PATH_LISTS:
        if name in environ:
            kept = _without_bundle_entries(environ[name], bundle_dir)
            if kept or name == "PATH":  # an empty PATH differs from none: keep the variable
                environ[name] = kept
            else:
                del environ[name]


def _without_bundle_entries(value: str, bundle_dir: str) -> str:
    bundle = os.path.normcase(os.path.abspath(bundle_dir))
    entries = [entry for entry in value.split(os.pathsep) if entry]
    return os.pathsep.join(e for e in entries if not _is_inside(os.path.normcase(os.path.abspath(e)), bundle))


def _is_inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)
