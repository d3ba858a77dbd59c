"""pip's configuration read the way pip reads it, without starting pip (which costs ~0.35 s of CPU beside the
probes): its INI files in pip's order, then the PIP_* variables, merged into the ``section.key -> value`` mapping
that ``pip config list`` prints.

Follows pip's src/pip/_internal/configuration.py and utils/appdirs.py (docs: "Configuration" → "Configuration
files"): global (site_config_dirs: $XDG_CONFIG_DIRS or /etc/xdg, then /etc; C:\\ProgramData\\pip; macOS
/Library/Application Support/pip), user (legacy ~/.pip or ~/pip, then $XDG_CONFIG_HOME or ~/.config, %APPDATA%,
macOS ~/Library/Application Support/pip when it exists), base (sys.base_prefix: newer pip; pip 23.2 has no such level), site (sys.prefix),
then PIP_CONFIG_FILE; later files override earlier ones; PIP_CONFIG_FILE naming an existing file skips the user
files, naming os.devnull skips every file. The target's prefixes come from its files (pyvenv.cfg, its bin folder);
where they cannot be told, ``None`` says "ask pip itself". Values may hold proxy credentials: returned, never kept.
"""

from __future__ import annotations

import configparser
import locale
import os
import shutil
from collections.abc import Iterator, Mapping
from pathlib import Path

from wizard.safe_read import UnreadableFile, read_bytes_capped

_IGNORED_VARIABLES = ("version", "help")


class PipConfigError(ValueError):
    """A configuration file pip itself would refuse (bad INI, bad encoding, not a regular file)."""


def read_pip_config(python: str, environ: Mapping[str, str], platform: str) -> dict[str, str] | None:
    """What ``<python> -m pip config list`` would print, as {"section.key": value}; None when the target's
    prefixes cannot be told from its files (then only pip itself knows). PipConfigError where pip would fail."""
    prefixes = target_prefixes(python, environ, platform)
    if prefixes is None:
        return None
    values: dict[str, str] = {}
    for path in config_files(prefixes, environ, platform):
        values.update(_read_file(path))
    values.update(_normalized(":env:", _pip_variables(environ)))
    return values


def config_files(prefixes: tuple[Path, Path | None], environ: Mapping[str, str], platform: str) -> list[str]:
    """The files pip loads, lowest priority first (missing ones are skipped when read)."""
    env_file = environ.get("PIP_CONFIG_FILE")
    if env_file is not None and env_file == os.devnull:
        return []
    basename = "pip.ini" if platform == "win32" else "pip.conf"
    prefix, base_prefix = prefixes
    files = [os.path.join(folder, basename) for folder in _global_folders(environ, platform)]
    if not (env_file and os.path.exists(env_file)):
        files += [os.path.join(folder, basename) for folder in _user_folders(environ, platform)]
    if base_prefix is not None:
        files.append(os.path.join(base_prefix, basename))
    files.append(os.path.join(prefix, basename))
    if env_file:
        files.append(env_file)
    return files


def _global_folders(environ: Mapping[str, str], platform: str) -> list[str]:
    if platform == "win32":
        return [os.path.join(environ.get("ProgramData") or environ.get("PROGRAMDATA") or r"C:\ProgramData", "pip")]
    if platform == "darwin":
        return ["/Library/Application Support/pip"]
    dirs = environ.get("XDG_CONFIG_DIRS", "")
    xdg = dirs.split(os.pathsep) if dirs.strip() else ["/etc/xdg"]
    return [os.path.join(_expand(folder, environ), "pip") for folder in xdg] + ["/etc"]


def _user_folders(environ: Mapping[str, str], platform: str) -> list[str]:
    home = _home(environ, platform)
    if platform == "win32":
        appdata = environ.get("APPDATA") or os.path.join(home, "AppData", "Roaming")
        return [os.path.join(home, "pip"), os.path.join(appdata, "pip")]
    legacy = os.path.join(home, ".pip")
    if platform == "darwin":
        application_support = os.path.join(home, "Library", "Application Support", "pip")
        return [legacy, application_support if os.path.isdir(application_support) else os.path.join(home, ".config", "pip")]
    config_home = environ.get("XDG_CONFIG_HOME", "")
    return [legacy, os.path.join(_expand(config_home, environ) if config_home.strip() else os.path.join(home, ".config"), "pip")]


def _home(environ: Mapping[str, str], platform: str) -> str:
    if platform == "win32":
        return environ.get("USERPROFILE") or os.path.expanduser("~")
    return environ.get("HOME") or os.path.expanduser("~")


def _expand(folder: str, environ: Mapping[str, str]) -> str:
    if folder == "~" or folder.startswith("~/"):
        return _home(environ, "posix") + folder[1:]
    return folder


def target_prefixes(python: str, environ: Mapping[str, str], platform: str) -> tuple[Path, Path | None] | None:
    """(sys.prefix, sys.base_prefix or None when unknown) of the interpreter at ``python``, from its files."""
    if environ.get("PYTHONHOME"):
        return None
    found = shutil.which(python) if not os.path.isabs(python) else python
    if not found or not os.path.isfile(found):
        return None
    executable = Path(os.path.abspath(found))
    for folder in (executable.parent, executable.parent.parent):  # where site.py looks for a venv's pyvenv.cfg
        if (folder / "pyvenv.cfg").is_file():
            home = _venv_home(folder / "pyvenv.cfg")
            return folder, (_install_prefix(Path(home), platform) if home else None)
    prefix = _install_prefix(executable.resolve().parent, platform)
    return (prefix, prefix) if prefix is not None else None


def _venv_home(cfg: Path) -> str:
    try:
        text = read_bytes_capped(cfg, "pip-config").decode("utf-8", errors="replace")
    except UnreadableFile:
        return ""
    for line in text.splitlines():
        key, sep, value = line.partition("=")
        if sep and key.strip().lower() == "home":
            return value.strip()
    return ""


def _install_prefix(executable_folder: Path, platform: str) -> Path | None:
    if platform == "win32":
        return executable_folder  # python.exe sits in the prefix itself
    return executable_folder.parent if executable_folder.name == "bin" else None


def _read_file(path: str) -> dict[str, str]:
    if not os.path.exists(path):
        return {}
    try:
        data = read_bytes_capped(path, "pip-config")
    except UnreadableFile as exc:
        raise PipConfigError(str(exc)) from None
    encoding = locale.getpreferredencoding(False)
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise PipConfigError(f"{path} contains invalid {encoding} characters") from None
    parser = configparser.RawConfigParser()
    try:
        parser.read_string(text, source=path)
    except configparser.Error as exc:
        raise PipConfigError(f"{path} is not a valid configuration file ({type(exc).__name__})") from None
    values: dict[str, str] = {}
    for section in parser.sections():
        values.update(_normalized(section, parser.items(section)))
    return values


def _pip_variables(environ: Mapping[str, str]) -> Iterator[tuple[str, str]]:
    for key, value in environ.items():
        if key.startswith("PIP_") and key[4:].lower() not in _IGNORED_VARIABLES:
            yield key[4:].lower(), value


def _normalized(section: str, items) -> dict[str, str]:
    return {f"{section}.{_normal_name(name)}": value for name, value in items}


def _normal_name(name: str) -> str:
    name = name.lower().replace("_", "-")
    return name[2:] if name.startswith("--") else name
