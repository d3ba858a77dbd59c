"""run_command's cancel event (the wizard's Stop): the program and what it started are stopped at once."""

from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path

import pytest

from wizard.facts.runner import run_command

pytestmark = pytest.mark.skipif(os.name != "posix", reason="reads /proc")

# A child that starts a grandchild in the same session, prints its pid, and both sleep a minute.
SLEEPER = (
    "import subprocess, sys, time\n"
    "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'])\n"
    "print(child.pid, flush=True)\n"
    "time.sleep(60)\n"
)


def alive(pid: int) -> bool:
    try:
        return "zombie" not in Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False


def test_cancel_stops_the_whole_tree_quickly(tmp_path: Path) -> None:
    cancel = threading.Event()
    threading.Timer(1.0, cancel.set).start()
    started = time.monotonic()
    result = run_command([sys.executable, "-c", SLEEPER], timeout=60, cancel=cancel)
    assert time.monotonic() - started < 10
    assert result.timed_out and not result.ok
    grandchild = int(result.stdout.split()[0])
    deadline = time.monotonic() + 5
    while alive(grandchild) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not alive(grandchild)


def test_an_unset_event_changes_nothing() -> None:
    result = run_command([sys.executable, "-c", "print('hi')"], timeout=30, cancel=threading.Event())
    assert result.ok and result.stdout.strip() == "hi"
