"""A check of a venv whose ``import torch`` never returns, in the real wizard with the real collectors (offline):
the page says what it waits for after 3 s, Stop kills the probe at once, and left alone the check gives its hang
diagnosis after the configured limit. The UI thread keeps running throughout (qtbot's waits spin its event loop)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer

from wizard.findings import Severity, Step
from wizard.gui.wizard import STEP_PAGES, SetupWizard

pytest.importorskip("pytestqt")
pytestmark = pytest.mark.skipif(os.name != "posix", reason="finds the probe through /proc")


def probes_of(python: str) -> list[int]:
    """The running processes started with ``python`` (the wizard's probes of that venv)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            argv = (entry / "cmdline").read_bytes().split(b"\0")
            status = (entry / "status").read_text()
        except OSError:
            continue
        if argv and argv[0].decode(errors="replace") == python and "zombie" not in status:
            found.append(int(entry.name))
    return found


def gone(pid: int) -> bool:
    try:
        return "zombie" in Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return True


def start_wizard(qtbot, python: str) -> SetupWizard:
    wizard = SetupWizard(python=python, discover=None)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    wizard.next()  # leave Welcome: the check starts
    assert wizard.currentId() == STEP_PAGES[Step.DRIVER]
    return wizard


@pytest.fixture
def offline(monkeypatch):
    monkeypatch.setenv("TSW_OFFLINE", "1")  # the package index is not read: only the probes run


def test_stop_kills_the_hanging_probe(qtbot, hanging_torch_python: str, offline, monkeypatch) -> None:
    monkeypatch.setenv("TSW_IMPORT_TIMEOUT", "120")
    ticks: list[float] = []
    heartbeat = QTimer()
    heartbeat.timeout.connect(lambda: ticks.append(time.monotonic()))
    heartbeat.start(50)
    wizard = start_wizard(qtbot, hanging_torch_python)
    page = wizard.step_pages[Step.DRIVER]
    qtbot.waitUntil(lambda: page.busy is not None and "Still waiting" in page.busy.stage.text(), timeout=15_000)
    heartbeat.stop()
    gaps = [b - a for a, b in zip(ticks, ticks[1:])]
    assert len(ticks) > 40 and max(gaps) < 1.0, max(gaps)  # the UI thread kept running while the probe hung
    notice = page.busy.stage.text()
    assert "Importing PyTorch in your environment" in notice and "120 s" in notice, notice
    probes = probes_of(hanging_torch_python)
    assert probes, "the import probe should be running"
    assert page.stop_button is not None and page.stop_button.isVisible()
    stopped_at = time.monotonic()
    page.stop_button.click()
    assert wizard.session.stopped and not wizard.checking
    qtbot.waitUntil(lambda: all(gone(pid) for pid in probes), timeout=10_000)
    assert time.monotonic() - stopped_at < 10
    assert page.note is not None and "You stopped the check" in page.note.text()
    assert not page.isComplete()  # no findings from a stopped check: Next stays off
    wizard.back()
    wizard.next()  # leaving Welcome again starts a new check
    assert wizard.checking and not wizard.session.stopped
    wizard.cancel_check()


def test_hang_is_diagnosed_after_the_limit(qtbot, hanging_torch_python: str, offline, monkeypatch) -> None:
    monkeypatch.setenv("TSW_IMPORT_TIMEOUT", "6")
    started = time.monotonic()
    wizard = start_wizard(qtbot, hanging_torch_python)
    qtbot.waitUntil(lambda: wizard.result is not None and not wizard.checking, timeout=40_000)
    assert time.monotonic() - started < 30
    codes = [f.code for f in wizard.result.diagnosis.findings if f.severity is Severity.ERROR]
    assert "TORCH_IMPORT_FAILED" in codes, codes
    assert not probes_of(hanging_torch_python)  # the timed-out probe did not outlive the check


def test_waiting_line_names_every_collector_still_running() -> None:
    from wizard.facts.collect import STAGES
    from wizard.gui.controller import RunningStages, wait_notice

    running = RunningStages()
    for name in ("torch", "toolkit", "gpu"):
        running.feed(STAGES[name])
    running.feed("done:toolkit")
    line = wait_notice(running.waiting_for(), 4.2, 25)
    assert STAGES["torch"].rstrip("…") in line and STAGES["gpu"].rstrip("…") in line
    assert STAGES["toolkit"].rstrip("…") not in line and "4 s" in line and "25 s" in line
