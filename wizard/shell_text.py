"""How an argv is shown to a user who will paste it into a terminal (display and copying only: the
wizard itself always runs argv lists, never a shell)."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
from collections.abc import Sequence


def command_text(argv: Sequence[str], os_name: str) -> str:
    """An argv as the user would type it in that OS's shell: list2cmdline on Windows, shlex.join elsewhere."""
    if os_name == "windows":
        return " ".join(_windows_argument(argument) for argument in argv)
    return shlex.join(list(argv))


# cmd.exe's operators (a bare "numpy<2" would read its input from a file named "2"); PowerShell's too
_CMD_OPERATORS = re.compile(r"[<>|&^]")


def _windows_argument(argument: str) -> str:
    quoted = subprocess.list2cmdline([argument])
    return f'"{quoted}"' if _CMD_OPERATORS.search(argument) and not quoted.startswith('"') else quoted


def local_os_name() -> str:
    """The os key ("windows"/"linux") of the machine the wizard runs on, for commands run here."""
    return "windows" if os.name == "nt" else "linux"
