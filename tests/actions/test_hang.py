"""A hung ``import torch``: the check says what it waits for after 3 s and gives its diagnosis well within 30 s."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import time
from pathlib import Path

from wizard.commands.waiting import WaitNotice


def test_notice_names_what_is_still_running() -> None:
    out = io.StringIO()
    with WaitNotice(25, stream=out, first_s=0.2, repeat_s=60) as notice:
        notice("Importing PyTorch in your environment…")
        notice("Looking for CUDA toolkits and cuDNN…")
        notice("done:toolkit")
        time.sleep(0.6)
    text = out.getvalue()
    assert "Importing PyTorch in your environment" in text and "CUDA toolkits" not in text and "25 s" in text


def test_nothing_is_said_when_the_probes_are_quick() -> None:
    out = io.StringIO()
    with WaitNotice(25, stream=out, first_s=0.2) as notice:
        notice("Importing PyTorch in your environment…")
        notice("done:torch")
        time.sleep(0.4)
    assert out.getvalue() == ""


def test_hung_import_is_diagnosed_quickly(hanging_torch_python: str) -> None:
    python = hanging_torch_python  # its torch sleeps on import: a driver that never answers (tests/conftest.py)
    started = time.monotonic()
    env = {**os.environ, "TSW_IMPORT_TIMEOUT": "8", "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    done = subprocess.run([sys.executable, "-m", "wizard", "check", "--python", str(python)],
                          capture_output=True, text=True, timeout=120, env=env)
    seconds = time.monotonic() - started
    assert re.search(r"Still waiting \([3-5] s\): Importing PyTorch in your environment", done.stderr), done.stderr
    assert "gives up after 8 s" in done.stderr
    assert done.returncode == 1 and ("did not finish" in done.stdout or "hung" in done.stdout), done.stdout
    assert seconds < 30
