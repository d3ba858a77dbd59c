"""The one command policy: ``approve(argv, python)`` is the only way to get a command the runners accept.

An allow-list, not a block-list: a command is one of a few exact shapes, and every option in it is
spelled out here in full. pip's option parser accepts unique prefixes (``--break-sys`` means
``--break-system-packages``, ``--tar`` means ``--target``), so a block-list can never be complete;
here anything not named is refused, abbreviations included. Requirements are PEP 508 names with an
optional version specifier (no URL, no path, no marker, no option hidden in a name), index URLs are
http(s) only.

Shapes (PY is the interpreter being changed, exactly):
  PY -m pip install [OPTIONS] REQUIREMENT...
  PY -m pip uninstall [-y|--yes|--no-input|--disable-pip-version-check] NAME...
  PY -m venv ABSOLUTE_FOLDER            (PY: the base interpreter that creates it)
  PY -m ensurepip --upgrade [--default-pip]
  PY -m ipykernel install --user --name NAME [--display-name TEXT]
  uv sync --project FOLDER   (only for FOLDER/.venv's own Python)
  UV pip install --python PY [OPTIONS] REQUIREMENT...
  UV pip uninstall --python PY NAME...   (an undo in a uv environment, which has no pip)
"""

from __future__ import annotations

import ntpath
import os
import posixpath
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from packaging.requirements import InvalidRequirement, Requirement

from wizard import i18n


class ActionRefused(i18n.CatalogError):
    """The wizard will not run this command; the message says why in plain words, in the user's language.

    ``key`` is the reason's text in resources/texts/actions.json (``refused.*``), stable for code and tests that
    ask which refusal it was; ``params`` are its data (paths, argv, option names), never translated.
    """


_SEAL = object()
_NAME = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$")
_KERNEL_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

# pip install options the wizard needs: flag → takes a value?
_PIP_INSTALL_FLAGS = {
    "--force-reinstall": False,
    "--no-deps": False,
    "--user": False,  # only to put back a copy undo finds was in the user site (~/.local)
    "--upgrade": False,
    "-U": False,
    "--no-input": False,
    "--disable-pip-version-check": False,
    "--dry-run": False,
    "--quiet": False,
    "-q": False,
    "--index-url": True,
    "-i": True,
    "--extra-index-url": True,
    "--find-links": True,
    "-f": True,
    "--progress-bar": True,
    "--report": True,
}
_URL_OPTIONS = {"--index-url", "-i", "--extra-index-url", "--find-links", "-f"}
_PROGRESS_BARS = {"on", "off", "raw"}
_PIP_UNINSTALL_FLAGS = {"-y", "--yes", "--no-input", "--disable-pip-version-check"}
# uv pip install takes the same index options; --python is part of its shape
_UV_INSTALL_FLAGS = {k: v for k, v in _PIP_INSTALL_FLAGS.items() if k not in ("--progress-bar", "--report", "--dry-run", "--user")}
_UV_INSTALL_FLAGS["--index-strategy"] = True  # (uv's own: how its indexes combine; wizard.policy.machine.uv_index_strategy)


@dataclass(frozen=True)
class ApprovedCommand:
    """An argv that passed the policy, for one interpreter. Only this module can make one."""

    argv: tuple[str, ...]
    python: str  # the interpreter it changes
    kind: str  # "pip-install" | "pip-uninstall" | "venv" | "ensurepip" | "ipykernel" | "uv-pip-install" | "uv-sync"
    #            | "uv-pip-uninstall"
    requirements: tuple[str, ...] = ()  # what it installs or removes, as written
    _seal: object = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self._seal is not _SEAL:
            raise TypeError("an ApprovedCommand comes only from wizard.actions.policy.approve()")

    @property
    def is_pip(self) -> bool:
        return self.kind in ("pip-install", "pip-uninstall")


def approve(argv: Sequence[str], python: str) -> ApprovedCommand:
    """The command if it has one of the allowed shapes for ``python``; raises ActionRefused (why) otherwise."""
    argv = tuple(str(a) for a in argv)
    if not python:
        raise ActionRefused("refused.no_python")
    if len(argv) < 3 or any(_CONTROL.search(a) for a in argv):
        raise ActionRefused("refused.not_a_command", command=_show(argv))
    if _is_uv(argv[0]):
        return _approve_uv(argv, python)
    if not same_path(argv[0], python):
        raise ActionRefused("refused.other_program", program=argv[0], python=python)
    module, rest = _module(argv)
    if module == "pip" and rest[:1] == ("install",):
        requirements = _check_install_options(rest[1:], _PIP_INSTALL_FLAGS)
        if "--user" in rest and ("--no-deps" not in rest or not all("==" in r for r in requirements)):
            # undo's way to put back exact copies a fix removed from the user site, nothing more
            raise ActionRefused("refused.user_site", command=_show(rest))
        return _approved(argv, python, "pip-install", requirements)
    if module == "pip" and rest[:1] == ("uninstall",):
        return _approved(argv, python, "pip-uninstall", _check_uninstall(rest[1:]))
    if module == "venv":
        return _approved(argv, python, "venv", (_check_venv_folder(rest),))
    if module == "ensurepip":
        if rest not in (("--upgrade",), ("--upgrade", "--default-pip"), ("--default-pip", "--upgrade")):
            raise ActionRefused("refused.ensurepip_shape", command=_show(rest))
        return _approved(argv, python, "ensurepip", ("pip",))
    if module == "ipykernel":
        return _approved(argv, python, "ipykernel", (_check_kernel(rest),))
    raise ActionRefused("refused.unknown_module", command=_show(argv[1:4]))


def same_path(a: str, b: str) -> bool:
    return os.path.normcase(os.path.abspath(a)) == os.path.normcase(os.path.abspath(b))


def _approved(argv: tuple[str, ...], python: str, kind: str, requirements: Sequence[str]) -> ApprovedCommand:
    return ApprovedCommand(argv, python, kind, tuple(requirements), _seal=_SEAL)


def _show(argv: Sequence[str]) -> str:
    return " ".join(argv) or i18n.text("refused.empty")


def _is_uv(program: str) -> bool:
    return os.path.basename(program).lower() in ("uv", "uv.exe")


def _module(argv: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    if argv[1] != "-m":
        raise ActionRefused("refused.not_a_module", command=_show(argv[1:3]))
    return argv[2], argv[3:]


def _check_install_options(args: Sequence[str], allowed: dict[str, bool]) -> tuple[str, ...]:
    requirements: list[str] = []
    index = 0
    while index < len(args):
        arg = args[index]
        if arg.startswith("-"):
            option, _, inline = arg.partition("=") if arg.startswith("--") else (arg, "", "")
            if option not in allowed:
                raise ActionRefused("refused.option_unknown", option=arg)
            if allowed[option]:
                if inline:
                    value = inline
                elif index + 1 < len(args):
                    index += 1
                    value = args[index]
                else:
                    raise ActionRefused("refused.option_needs_value", option=option)
                _check_option_value(option, value)
            elif inline:
                raise ActionRefused("refused.option_takes_no_value", option=option)
        else:
            requirements.append(_check_requirement(arg))
        index += 1
    if not requirements:
        raise ActionRefused("refused.nothing_to_install")
    return tuple(requirements)


def _check_option_value(option: str, value: str) -> None:
    if option in _URL_OPTIONS:
        check_index_url(value)
    elif option == "--progress-bar" and value not in _PROGRESS_BARS:
        raise ActionRefused("refused.progress_bar", value=value)
    elif option == "--report" and value != "-":
        raise ActionRefused("refused.report_file")


def check_index_url(url: str) -> str:
    """An index / find-links URL: http or https with a host, nothing else (no file:, no paths)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or url.startswith("-"):
        raise ActionRefused("refused.index_url", url=url)
    return url


def _check_requirement(text: str) -> str:
    """A PEP 508 requirement that names a package from the index: name[extras] and a version specifier, nothing else."""
    if "/" in text or "\\" in text or "@" in text or text.startswith("."):
        raise ActionRefused("refused.requirement_path", requirement=text)
    try:
        requirement = Requirement(text)
    except InvalidRequirement:
        raise ActionRefused("refused.requirement_invalid", requirement=text) from None
    if requirement.url or requirement.marker or not _NAME.match(requirement.name):
        raise ActionRefused("refused.requirement_not_plain", requirement=text)
    return text


def _check_uninstall(args: Sequence[str]) -> tuple[str, ...]:
    names = []
    for arg in args:
        if arg.startswith("-"):
            if arg not in _PIP_UNINSTALL_FLAGS:
                raise ActionRefused("refused.uninstall_option", option=arg)
        elif _NAME.match(arg):
            names.append(arg)
        else:
            raise ActionRefused("refused.not_a_package_name", name=arg)
    if not names:
        raise ActionRefused("refused.nothing_to_remove")
    return tuple(names)


def _check_venv_folder(rest: tuple[str, ...]) -> str:
    if len(rest) != 1:
        raise ActionRefused("refused.venv_shape", command=_show(rest))
    folder = rest[0]
    absolute = posixpath.isabs(folder) or ntpath.isabs(folder)
    if folder.startswith("-") or not absolute:
        raise ActionRefused("refused.venv_not_absolute", folder=folder)
    trimmed = folder.replace("\\", "/").rstrip("/")
    if trimmed.count("/") < 2 or trimmed == os.path.expanduser("~").replace("\\", "/").rstrip("/"):
        raise ActionRefused("refused.venv_folder_too_high", folder=folder)
    return folder


def _check_kernel(rest: tuple[str, ...]) -> str:
    if rest[:4] != ("install", "--user", "--name", rest[3] if len(rest) > 3 else "") or len(rest) not in (4, 6):
        raise ActionRefused("refused.kernel_shape", command=_show(rest))
    name = rest[3]
    if not _KERNEL_NAME.match(name):
        raise ActionRefused("refused.kernel_name", name=name)
    if len(rest) == 6:
        label = rest[5]
        if rest[4] != "--display-name" or not label.strip() or label.startswith("-") or len(label) > 100:
            raise ActionRefused("refused.kernel_display_name", command=_show(rest[4:]))
    return name


def target_interpreter(argv: Sequence[str]) -> str:
    """The interpreter whose environment argv changes: argv[0], uv's --python, or a uv project's .venv Python."""
    argv = tuple(str(a) for a in argv)
    if argv and _is_uv(argv[0]):
        if argv[1:4] == ("pip", "install", "--python") and len(argv) > 4:
            return argv[4]
        if argv[1:3] == ("sync", "--project") and len(argv) == 4:
            return _project_python(argv[3])
    return argv[0] if argv else ""


def _project_python(folder: str) -> str:
    return os.path.join(folder, ".venv", "Scripts" if os.name == "nt" else "bin", "python")


def _approve_uv_sync(argv: tuple[str, ...], python: str) -> ApprovedCommand:
    """uv sync --project FOLDER, only when the interpreter being fixed is that project's own .venv Python."""
    if len(argv) != 4 or not os.path.isabs(argv[3]):
        raise ActionRefused("refused.uv_sync_shape", command=_show(argv[1:]))
    folder = os.path.realpath(argv[3])
    venv = os.path.realpath(os.path.dirname(os.path.dirname(os.path.abspath(python))))
    if venv != os.path.join(folder, ".venv"):
        raise ActionRefused("refused.uv_sync_other_project", folder=argv[3], python=python)
    return _approved(argv, python, "uv-sync", ())


def _approve_uv(argv: tuple[str, ...], python: str) -> ApprovedCommand:
    if argv[1:3] == ("sync", "--project"):
        return _approve_uv_sync(argv, python)
    if argv[1:4] == ("pip", "uninstall", "--python") and len(argv) >= 6:
        if not same_path(argv[4], python):
            raise ActionRefused("refused.other_interpreter", target=argv[4], python=python)
        names = tuple(_check_requirement(name) for name in argv[5:])
        if any(not _NAME.match(name) for name in names):
            raise ActionRefused("refused.uv_uninstall_names")
        return _approved(argv, python, "uv-pip-uninstall", names)
    if argv[1:3] != ("pip", "install") or len(argv) < 6 or argv[3] != "--python":
        raise ActionRefused("refused.uv_shape", command=_show(argv[1:4]))
    if not same_path(argv[4], python):
        raise ActionRefused("refused.other_interpreter", target=argv[4], python=python)
    requirements = _check_install_options(argv[5:], _UV_INSTALL_FLAGS)
    return _approved(argv, python, "uv-pip-install", requirements)
