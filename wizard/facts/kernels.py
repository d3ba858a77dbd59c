"""Jupyter kernels: the kernel.json files in Jupyter's data folders, read directly (no jupyter_client needed).

Where Jupyter looks, in its order (jupyter_core.paths.jupyter_path("kernels"), documented in
"Common Directories and File Locations", docs.jupyter.org/en/latest/use/jupyter-directories.html):

1. every folder in JUPYTER_PATH (os.pathsep-separated);
2. the user data folder: JUPYTER_DATA_DIR, else ~/.local/share/jupyter ($XDG_DATA_HOME/jupyter) on Linux,
   ~/Library/Jupyter on macOS, %APPDATA%\\jupyter on Windows;
3. the environment's own folder: {sys.prefix}/share/jupyter of the Python that runs Jupyter; the wizard
   does not know which one that is, so it looks in the prefix of every environment it knows;
4. the system folders: /usr/local/share/jupyter and /usr/share/jupyter (POSIX), %PROGRAMDATA%\\jupyter (Windows).

A kernel name found twice is the first one: Jupyter uses the first folder that has it.
A kernel whose argv[0] is a bare "python"/"python3" runs the Python that runs Jupyter
(jupyter_client replaces it with sys.executable); found under <prefix>/share/jupyter it is that prefix's Python.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from wizard.facts.discover import home_folder
from wizard.facts.interpreter import env_python
from wizard.snapshot import KernelSpec

MAX_KERNEL_JSON_BYTES = 64 * 1024  # a kernel.json is a few hundred bytes
MAX_KERNELS = 200
_BARE_PYTHON = re.compile(r"^python(\d+(\.\d+)?)?(\.exe)?$", re.IGNORECASE)


def user_data_folder(env: Mapping[str, str], os_name: str) -> Path:
    """Jupyter's per-user data folder (jupyter_core.paths.jupyter_data_dir)."""
    if env.get("JUPYTER_DATA_DIR"):
        return Path(env["JUPYTER_DATA_DIR"])
    home = home_folder(env)
    if os_name == "windows":
        appdata = env.get("APPDATA")
        return Path(appdata, "jupyter") if appdata else home / ".jupyter" / "data"
    if os_name == "darwin":
        return home / "Library" / "Jupyter"
    xdg = env.get("XDG_DATA_HOME")
    return Path(xdg, "jupyter") if xdg else home / ".local" / "share" / "jupyter"


def system_data_folders(env: Mapping[str, str], os_name: str) -> list[Path]:
    if os_name == "windows":
        programdata = env.get("PROGRAMDATA")
        return [Path(programdata, "jupyter")] if programdata else []
    return [Path("/usr/local/share/jupyter"), Path("/usr/share/jupyter")]


def kernel_folders(env: Mapping[str, str], os_name: str, prefixes: Iterable[str] = ()) -> list[Path]:
    """Every kernels/ folder Jupyter would look in, in Jupyter's order, without duplicates."""
    data = [Path(entry) for entry in env.get("JUPYTER_PATH", "").split(os.pathsep) if entry.strip()]
    data.append(user_data_folder(env, os_name))
    data += [Path(prefix, "share", "jupyter") for prefix in prefixes if prefix]
    data += system_data_folders(env, os_name)
    seen: set[str] = set()
    folders = []
    for folder in data:
        key = os.path.normcase(os.path.abspath(folder))
        if key not in seen:
            seen.add(key)
            folders.append(folder / "kernels")
    return folders


def read_kernel_json(path: Path) -> dict | None:
    """The kernel.json's data, None when it is not a small regular file holding a JSON object."""
    try:
        if not path.is_file() or path.stat().st_size > MAX_KERNEL_JSON_BYTES:
            return None
        with path.open("rb") as handle:
            data = json.loads(handle.read(MAX_KERNEL_JSON_BYTES).decode("utf-8", errors="replace"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def kernel_python(argv0: str, kernels_folder: Path) -> tuple[str, str]:
    """(interpreter path, how it was found) for a kernel's argv[0]; ("", why) when it cannot be told."""
    if not argv0:
        return "", "the kernel names no program"
    if _BARE_PYTHON.match(argv0):
        prefix = kernels_folder.parent.parent.parent  # <prefix>/share/jupyter/kernels
        if kernels_folder.parent.name == "jupyter" and kernels_folder.parent.parent.name == "share":
            inner = env_python(prefix)
            if inner is not None:
                return str(inner), f"the Python of {prefix}"
        return "", "the Python that runs Jupyter"
    path = Path(argv0).expanduser()
    if path.is_absolute() and path.is_file():
        return str(path), "argv"
    return "", f"{argv0} is not there"


def parse_kernel(name: str, spec_file: Path, data: dict) -> KernelSpec | None:
    argv = data.get("argv")
    if not isinstance(argv, list) or not argv or not all(isinstance(a, str) for a in argv):
        return None
    display = data.get("display_name")
    language = data.get("language")
    python, note = kernel_python(argv[0], spec_file.parent.parent)
    return KernelSpec(
        name=name,
        display_name=display if isinstance(display, str) and display.strip() else name,
        spec_file=str(spec_file),
        language=language if isinstance(language, str) else "",
        argv0=argv[0],
        python=python,
        python_note=note,
    )


def find_kernels(folders: Iterable[Path]) -> list[KernelSpec]:
    """The kernels in these kernels/ folders, the first of each name only (Jupyter's rule)."""
    found: dict[str, KernelSpec] = {}
    for folder in folders:
        try:
            children = sorted(child for child in folder.iterdir() if child.is_dir())
        except OSError:
            continue
        for child in children:
            name = child.name.lower()  # jupyter_client lower-cases kernel names
            if name in found or len(found) >= MAX_KERNELS:
                continue
            data = read_kernel_json(child / "kernel.json")
            spec = parse_kernel(name, child / "kernel.json", data) if data is not None else None
            if spec is not None:
                found[name] = spec
    return list(found.values())
