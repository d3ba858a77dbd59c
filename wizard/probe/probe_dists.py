"""Installed distributions, read from *.dist-info / *.egg-info on sys.path (stdlib only, Python 3.6+).

importlib.metadata is 3.8+, so the folders are scanned here. Scanning every sys.path
entry also finds two copies of one distribution (a user-site torch shadowing the
venv's, a leftover dist-info after a broken uninstall).
"""

import os
import re

# Distributions the checks read; plus every nvidia-* / cuda-* / pytorch-triton* and whatever requires torch.
RELEVANT_NAMES = ("torch", "torchvision", "torchaudio", "numpy", "triton")
RELEVANT_PREFIXES = ("pytorch-triton", "nvidia-", "cuda-")
_REQUIREMENT_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")
_METADATA_KEYS = {"name": "name", "version": "version", "requires-dist": "requires"}


def canonical_name(name):
    """PEP 503 normalised name: 'Nvidia_CUDNN.cu12' -> 'nvidia-cudnn-cu12'."""
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_name(requirement):
    match = _REQUIREMENT_NAME.match(requirement)
    return canonical_name(match.group(1)) if match else ""


def read_metadata(path):
    """Name, Version and Requires-Dist from a METADATA / PKG-INFO file; reads the headers only."""
    found = {"name": "", "version": "", "requires": []}
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            for line in handle:
                if not line.strip():
                    break  # the body (long description) starts after the first blank line
                if line[0] in " \t":
                    continue  # continuation of a folded header
                key, sep, value = line.partition(":")
                field = _METADATA_KEYS.get(key.strip().lower())
                if not sep or field is None:
                    continue
                if field == "requires":
                    found["requires"].append(value.strip())
                else:
                    found[field] = value.strip()
    except OSError:
        pass
    return found


def read_egg_requires(path):
    """requires.txt of an egg-info: requirement lines before the first [extra] section."""
    requires = []
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            for line in handle:
                line = line.strip()
                if line.startswith("["):
                    break
                if line:
                    requires.append(line)
    except OSError:
        pass
    return requires


def read_first_line(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return handle.readline().strip()
    except OSError:
        return ""


def name_version_from_folder(entry):
    """'torch-2.13.0+cpu.dist-info' -> ('torch', '2.13.0+cpu'); egg-info names may carry '-py3.6'."""
    stem = entry.rsplit(".", 1)[0]
    parts = stem.split("-")
    return parts[0], (parts[1] if len(parts) > 1 else "")


def read_distribution(location, entry):
    """One distribution from its metadata folder (or egg-info file), or None when entry is not one."""
    path = os.path.join(location, entry)
    if entry.endswith(".dist-info"):
        metadata = read_metadata(os.path.join(path, "METADATA"))
        installer = read_first_line(os.path.join(path, "INSTALLER"))
    elif entry.endswith(".egg-info"):
        is_folder = os.path.isdir(path)
        metadata = read_metadata(os.path.join(path, "PKG-INFO") if is_folder else path)
        if is_folder and not metadata["requires"]:
            metadata["requires"] = read_egg_requires(os.path.join(path, "requires.txt"))
        installer = read_first_line(os.path.join(path, "INSTALLER")) if is_folder else ""
    else:
        return None
    folder_name, folder_version = name_version_from_folder(entry)
    return {
        "name": canonical_name(metadata["name"] or folder_name),
        "version": metadata["version"] or folder_version,
        "location": location,
        "installer": installer,
        "requires": metadata["requires"],
        "metadata_dir": path,
    }


def unique_path_entries(sys_path):
    """Existing folders of sys.path in order, each once ('' is the current folder)."""
    seen = set()
    folders = []
    for entry in sys_path:
        folder = os.path.abspath(entry or os.curdir)
        key = os.path.normcase(os.path.realpath(folder))
        if key in seen or not os.path.isdir(folder):
            continue
        seen.add(key)
        folders.append(folder)
    return folders


def scan_distributions(sys_path):
    """Every distribution on sys_path, in import order (the first copy of a name is the one that wins)."""
    found = []
    for location in unique_path_entries(sys_path):
        try:
            entries = sorted(os.listdir(location))
        except OSError:
            continue
        for entry in entries:
            dist = read_distribution(location, entry)
            if dist is not None:
                found.append(dist)
    return found


def is_relevant(dist):
    name = dist["name"]
    if name in RELEVANT_NAMES or name.startswith(RELEVANT_PREFIXES):
        return True
    return any(requirement_name(req) == "torch" for req in dist["requires"])


def winners_and_duplicates(dists):
    """(first copy of each name, [{name, locations, versions}] for names with more than one copy)."""
    by_name = {}
    order = []
    for dist in dists:
        if dist["name"] not in by_name:
            by_name[dist["name"]] = []
            order.append(dist["name"])
        by_name[dist["name"]].append(dist)
    winners = [by_name[name][0] for name in order]
    duplicates = [
        {
            "name": name,
            "locations": [copy["location"] for copy in by_name[name]],
            "versions": [copy["version"] for copy in by_name[name]],
        }
        for name in order
        if len(by_name[name]) > 1
    ]
    return winners, duplicates


DAMAGE_CHECKED = ("torch", "torchvision", "torchaudio", "numpy")
MAX_DAMAGED_LISTED = 20


COMPILED_SUFFIXES = (".so", ".pyd", ".dll", ".dylib")


def is_compiled_library(path):
    """libtorch_cpu.so, _C.cpython-311-x86_64-linux-gnu.so, libcudnn.so.9, torch_cpu.dll: what the loader opens."""
    name = path.rsplit("/", 1)[-1].lower()
    return name.endswith(COMPILED_SUFFIXES) or ".so." in name


def damaged_files(dist, libraries_only=False):
    """Files the wheel's RECORD lists that are missing or have another size now (a deleted library, a
    truncated extension). pip still counts such a package installed, so only a forced reinstall of the
    same version brings them back. Sizes only: hashing a 2.5 GB torch would make every check slow.

    ``libraries_only``: only the compiled libraries (a dozen of torch's 14,600 files), what every check
    looks at beside the live import; the whole RECORD is read when the import or a step of it failed."""
    name = dist["name"]
    if not (name in DAMAGE_CHECKED or name.startswith("nvidia-")) or not dist["metadata_dir"].endswith(".dist-info"):
        return []
    try:
        with open(os.path.join(dist["metadata_dir"], "RECORD"), encoding="utf-8", errors="replace") as handle:
            lines = handle.read(8 * 1024 * 1024).splitlines()
    except (OSError, ValueError):
        return []
    damaged = []
    for line in lines:
        parts = line.rsplit(",", 2)
        if len(parts) != 3 or not parts[2].strip().isdigit() or parts[0].startswith(".."):
            continue
        if libraries_only and not is_compiled_library(parts[0]):
            continue
        path = os.path.join(dist["location"], parts[0])
        try:
            size = os.stat(path).st_size
        except OSError:
            damaged.append(parts[0])
        else:
            if size != int(parts[2]):
                damaged.append(parts[0])
        if len(damaged) >= MAX_DAMAGED_LISTED:
            break
    return damaged


def public(dist, libraries_only=True):
    """The fields the wizard's Distribution record carries."""
    result = {key: dist[key] for key in ("name", "version", "location", "installer", "requires")}
    result["damaged"] = damaged_files(dist, libraries_only)
    return result


def collect_damage(identity, sys_path):
    """The whole-RECORD damage scan of the torch-related distributions ({name: [files]}), run as its own probe
    mode only when the live import failed or a step of it did (or was not run)."""
    result = dict(identity)
    winners, _duplicates = winners_and_duplicates(scan_distributions(sys_path))
    result["damaged"] = dict((dist["name"], damaged_files(dist)) for dist in winners if is_relevant(dist))
    return result
