"""How an argv is shown to a user who will paste it into a terminal (display and copying only: the
wizard itself always runs argv lists, never a shell)."""

from __future__ import annotations

import os
import shlex
import subprocess
from collections.abc import Sequence


def command_text(argv: Sequence[str], os_name: str) -> str:
    """An argv as the user would type it in that OS's shell: list2cmdline on Windows, shlex.join elsewhere."""
    if os_name == "windows":
        return subprocess.list2cmdline(list(argv))
    return shlex.join(list(argv))


def local_os_name() -> str:
    """The os key ("windows"/"linux") of the machine the wizard runs on, for commands run here."""
    return "windows" if os.name == "nt" else "linux"
