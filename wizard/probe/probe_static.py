"""Static facts about the interpreter running this file (stdlib only, Python 3.6+; never imports torch).

Every value that can be missing is a small fact object: {"value": ...} or
{"problem": {"status": ..., "reason": ..., "code": ...}}; wizard/facts/python_env.py maps them.
"""

import ast
import contextlib
import importlib
import os
import platform
import re
import shutil
import site
import sys
import sysconfig

import probe_dists

_TORCH_VERSION_FIELDS = ("__version__", "cuda", "hip", "git_version")
_ASSIGNMENT = re.compile(r"^(__version__|cuda|hip|git_version)\s*(?::[^=\n]*)?=\s*(.+?)\s*$", re.MULTILINE)
_TAG_SOURCES = (("packaging.tags", "packaging"), ("pip._vendor.packaging.tags", "pip._vendor.packaging"))
_VC_RUNTIME_KEY = r"SOFTWARE\Microsoft\VisualStudio\14.0\VC\Runtimes\x64"
_FILESYSTEM_KEY = r"SYSTEM\CurrentControlSet\Control\FileSystem"


def found(value):
    return {"value": value}


def missing(status, reason, code=""):
    return {"problem": {"status": status, "reason": reason, "code": code}}


def error_text(exc):
    return f"{type(exc).__name__}: {exc}"


# ------------------------------------------------------------------ environment kind


def base_prefix():
    return getattr(sys, "real_prefix", None) or getattr(sys, "base_prefix", sys.prefix)


def in_virtual_env():
    return hasattr(sys, "real_prefix") or getattr(sys, "base_prefix", sys.prefix) != sys.prefix


def env_kind(prefix, base, real_prefix, executable):
    """venv | virtualenv | conda | store | pyenv | system, judged from the prefixes and paths."""
    if real_prefix:
        return "virtualenv"  # virtualenv < 20 patched sys.real_prefix
    if prefix != base and os.path.isfile(os.path.join(prefix, "pyvenv.cfg")):
        return "venv"
    if os.path.isdir(os.path.join(prefix, "conda-meta")):
        return "conda"
    places = (prefix + "|" + executable).replace("\\", "/")
    if "WindowsApps" in places or "PythonSoftwareFoundation.Python" in places:
        return "store"
    if "/.pyenv/versions/" in places or "/pyenv-win/versions/" in places:
        return "pyenv"
    return "system"


def conda_env_name(prefix):
    if not os.path.isdir(os.path.join(prefix, "conda-meta")):
        return ""
    parent = os.path.basename(os.path.dirname(os.path.normpath(prefix)))
    return os.path.basename(os.path.normpath(prefix)) if parent == "envs" else "base"


def externally_managed():
    """PEP 668: the marker beside the stdlib counts only outside a virtual environment."""
    if in_virtual_env():
        return False
    stdlib = sysconfig.get_path("stdlib") or ""
    return bool(stdlib) and os.path.isfile(os.path.join(stdlib, "EXTERNALLY-MANAGED"))


def libc_text(os_name):
    if os_name != "linux":
        return ""
    try:  # the running C library ("glibc 2.36"); libc_ver() on 3.6 guesses from symbols in the binary
        running = os.confstr("CS_GNU_LIBC_VERSION")
    except (AttributeError, ValueError, OSError):
        running = ""
    if running:
        return running
    try:
        name, version = platform.libc_ver()
    except (OSError, ValueError):
        return ""
    return (name + " " + version).strip() if name else ""


# ------------------------------------------------------------------ where packages go


def site_packages():
    folders = []
    getter = getattr(site, "getsitepackages", None)  # absent in virtualenv < 20's own site.py
    if getter is not None:
        with contextlib.suppress(AttributeError, OSError):
            folders.extend(getter())
    for key in ("purelib", "platlib"):
        path = sysconfig.get_path(key)
        if path and path not in folders:
            folders.append(path)
    return folders


def user_site():
    try:
        return site.getusersitepackages() or "", bool(site.ENABLE_USER_SITE)
    except (AttributeError, OSError):
        return "", False


def install_folder(folders):
    """The folder pip would install into (purelib), or the nearest existing parent."""
    candidate = sysconfig.get_path("purelib") or (folders[0] if folders else sys.prefix)
    while candidate and not os.path.isdir(candidate):
        parent = os.path.dirname(candidate)
        if parent == candidate:
            break
        candidate = parent
    return candidate


def free_disk_bytes(folder):
    try:
        return found(shutil.disk_usage(folder).free)
    except AttributeError:
        stats = os.statvfs(folder)
        return found(stats.f_bavail * stats.f_frsize)
    except OSError as exc:
        return missing("failed", f"could not read the free space of {folder}: {error_text(exc)}", "disk_usage_failed")


# ------------------------------------------------------------------ wheel tags


def wheel_tags():
    """(tags fact, source): the wheel tags this interpreter accepts, most preferred first."""
    errors = []
    for module_name, source in _TAG_SOURCES:
        try:
            module = importlib.import_module(module_name)
            return found([str(tag) for tag in module.sys_tags()]), source
        except Exception as exc:  # an old or broken packaging: try the next source
            errors.append(f"{module_name}: {error_text(exc)}")
    reason = "neither packaging nor pip is importable (" + "; ".join(errors) + ")"
    return missing("unknown", reason, "tags_unavailable"), ""


# ------------------------------------------------------------------ torch/version.py as text


def parse_torch_version_text(text):
    """The assignments in torch/version.py: {'__version__': '2.13.0+cpu', 'cuda': '', ...} (None -> '')."""
    values = {}
    for name, expression in _ASSIGNMENT.findall(text):
        if name in values:
            continue
        try:
            value = ast.literal_eval(expression)
        except (ValueError, SyntaxError):
            continue
        values[name] = "" if value is None else str(value)
    return values


def find_torch_package(folders):
    for folder in folders:
        package = os.path.join(folder, "torch")
        if os.path.isfile(os.path.join(package, "__init__.py")):
            return package
    return ""


def torch_version_file(folders):
    package = find_torch_package(folders)
    if not package:
        return missing("not_found", "torch is not installed (no torch package on sys.path)", "torch_not_installed")
    path = os.path.join(package, "version.py")
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            values = parse_torch_version_text(handle.read())
    except OSError as exc:
        return missing("failed", f"could not read {path}: {error_text(exc)}", "torch_version_file_unreadable")
    if "__version__" not in values:
        return missing("failed", f"{path} names no __version__", "torch_version_file_unreadable")
    return found(
        {
            "path": path,
            "version": values["__version__"],
            "cuda": values.get("cuda", ""),
            "hip": values.get("hip", ""),
            "git_version": values.get("git_version", ""),
        }
    )


# ------------------------------------------------------------------ Windows registry


def not_windows():
    return missing("not_applicable", "not Windows")


def read_hklm(key_path, names, view="KEY_WOW64_64KEY"):
    """Values of one HKLM key from one registry view (64-bit by default); raises OSError (FileNotFoundError when absent)."""
    import winreg

    access = winreg.KEY_READ | getattr(winreg, view, 0)
    with winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, key_path, 0, access) as key:
        return [winreg.QueryValueEx(key, name)[0] for name in names]


def long_paths_enabled(os_name):
    if os_name != "windows":
        return not_windows()
    try:
        (value,) = read_hklm(_FILESYSTEM_KEY, ("LongPathsEnabled",))
    except FileNotFoundError:
        return found(False)  # the value is absent on a Windows that never enabled long paths
    except (OSError, ImportError) as exc:
        return missing("failed", f"could not read LongPathsEnabled: {error_text(exc)}", "registry_unreadable")
    return found(bool(value))


def vc_runtime_from_registry(version, major=None, minor=None, build=None):
    """'14.40.33810' from the Runtimes key: Major/Minor/Bld when present, else 'v14.40.33810.00'."""
    if major is not None and minor is not None and build is not None:
        return f"{major}.{minor}.{build}"
    parts = str(version).lstrip("vV").split(".")
    return ".".join(parts[:3])


def vc_runtime_from_dll():
    """The file version of System32\\msvcp140.dll ('14.40.33810'), or '' when it is not there."""
    import ctypes

    system_root = os.environ.get("SYSTEMROOT", r"C:\Windows")
    path = os.path.join(system_root, "System32", "msvcp140.dll")
    version_dll = ctypes.windll.version
    size = version_dll.GetFileVersionInfoSizeW(path, None)
    if not size:
        return ""
    buffer = ctypes.create_string_buffer(size)
    if not version_dll.GetFileVersionInfoW(path, 0, size, buffer):
        return ""
    pointer = ctypes.c_void_p()
    length = ctypes.c_uint()
    if not version_dll.VerQueryValueW(buffer, "\\", ctypes.byref(pointer), ctypes.byref(length)):
        return ""
    fixed = ctypes.cast(pointer, ctypes.POINTER(ctypes.c_uint32 * 4)).contents  # VS_FIXEDFILEINFO head
    most, least = fixed[2], fixed[3]
    return f"{most >> 16}.{most & 0xFFFF}.{least >> 16}"


def vc_runtime(os_name):
    if os_name != "windows":
        return not_windows()
    # The x64 runtime's installer is a 32-bit program: its key may be only in the 32-bit view (WOW6432Node).
    for view in ("KEY_WOW64_64KEY", "KEY_WOW64_32KEY"):
        try:
            return found(vc_runtime_from_registry(*read_hklm(_VC_RUNTIME_KEY, ("Version", "Major", "Minor", "Bld"), view)))
        except (OSError, ImportError):
            pass
    try:
        version = vc_runtime_from_dll()
    except (OSError, AttributeError, ValueError) as exc:
        return missing("failed", f"could not read the VC++ runtime version: {error_text(exc)}", "vc_runtime_unreadable")
    if not version:
        return missing("not_found", "the Microsoft Visual C++ x64 runtime is not installed", "vc_runtime_missing")
    return found(version)


# ------------------------------------------------------------------ all together


SHADOW_NAMES = ("torch", "numpy", "torchvision", "torchaudio")


def cwd_shadows():
    """Paths in the working folder that `import torch` (or numpy...) would load instead of the installed
    package when Python runs there (python -c, the REPL, Jupyter): torch.py, a torch/ folder."""
    try:
        folder = os.getcwd()
        entries = set(os.listdir(folder))
    except OSError:
        return []
    found = []
    for name in SHADOW_NAMES:
        for candidate in (name + ".py", name):
            path = os.path.join(folder, candidate)
            if candidate in entries and (candidate.endswith(".py") or os.path.isdir(path)):
                found.append(path)
    return found


def collect(identity):
    result = dict(identity)
    os_name = identity["os"]
    prefix = sys.prefix
    base = base_prefix()
    folders = site_packages()
    user_folder, user_enabled = user_site()
    path_folders = probe_dists.unique_path_entries(sys.path)
    winners, duplicates = probe_dists.winners_and_duplicates(probe_dists.scan_distributions(sys.path))
    pip = [dist for dist in winners if dist["name"] == "pip"]
    tags, tags_source = wheel_tags()
    result.update(
        {
            "libc": libc_text(os_name),
            "env_kind": env_kind(prefix, base, getattr(sys, "real_prefix", None), sys.executable or ""),
            "prefix": prefix,
            "base_prefix": base,
            "conda_env": conda_env_name(prefix),
            "externally_managed": externally_managed(),
            "user_site": user_folder,
            "user_site_enabled": user_enabled,
            "site_packages": folders,
            "sys_path": list(sys.path),
            "pip_version": found(pip[0]["version"])
            if pip
            else missing("not_found", "pip is not installed in this environment", "pip_missing"),
            "tags": tags,
            "tags_source": tags_source,
            "distributions": [probe_dists.public(dist) for dist in winners if probe_dists.is_relevant(dist)],
            "duplicates": duplicates,
            "torch_version_file": torch_version_file(path_folders),
            "free_disk_bytes": free_disk_bytes(install_folder(folders)),
            "long_paths_enabled": long_paths_enabled(os_name),
            "vc_runtime": vc_runtime(os_name),
            "cwd_shadows": cwd_shadows(),
        }
    )
    return result
