"""What the wizard does, apart from how it looks: check (off the UI thread), stop a check, the report of the
last check (text, JSON file) and reading a saved one. It changes the :class:`WizardSession`; the view (SetupWizard) and
its pages only read the session and call these methods.

A check is the checkup (wizard.checkup: collect → course smoke test → diagnose) in a worker thread. Cancel
sets an event the collectors' runner watches: it kills each probe's whole process tree at once. After
3 s the page says what the check still waits for (the CLI's line: every collector still running) and when
it gives up; the hang limit is the checkup's (TSW_IMPORT_TIMEOUT, 25 s by default).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from wizard.checkup import default_timeout
from wizard.commands.check import render_text
from wizard.facts.collect import STAGES
from wizard.findings import Diagnosis
from wizard.gui.session import WizardSession
from wizard.gui.texts import plain_text_report
from wizard.gui.workers import CheckResult, Collect, Diagnose, run_check, start_job
from wizard.i18n import text
from wizard.report.json_report import ReportFormatError, load_report, report_json
from wizard.snapshot import Snapshot

WAIT_NOTICE_S = 3.0


class RunningStages:
    """Which collectors are still running, from the progress texts (a stage text starts one, "done:<name>" ends it)."""

    def __init__(self) -> None:
        self.running: dict[str, str] = {}  # stage text → collector name, in start order

    def feed(self, stage: str) -> None:
        if stage.startswith("done:"):
            name = stage[len("done:"):]
            for started in [t for t, n in self.running.items() if n == name]:
                del self.running[started]
        else:
            self.running[stage] = next((n for n, t in STAGES.items() if t == stage), stage)

    def waiting_for(self) -> str:
        return "; ".join(t.rstrip("…").rstrip(".") for t in self.running)


def wait_notice(waiting_for: str, elapsed: float, limit: float) -> str:
    return text("gui.wait.notice", what=waiting_for, seconds=int(elapsed), limit=int(limit))


class WizardController(QObject):
    def __init__(self, session: WizardSession, collect: Collect, diagnose: Diagnose,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.collect, self.diagnose = collect, diagnose
        self._generation = 0
        self._jobs: list[object] = []  # keeps each job's signal object alive until it reports
        self._cancel: threading.Event | None = None
        self._running = RunningStages()
        self._check_started = 0.0
        self._wait_timer = QTimer(self)  # after 3 s the page says what the check still waits for
        self._wait_timer.setInterval(1000)
        self._wait_timer.timeout.connect(self._tell_waiting)

    # -- checking ----------------------------------------------------------------------------------

    def start_check(self) -> None:
        if self.session.read_only:
            return
        self._generation += 1
        generation = self._generation
        if self._cancel is not None:
            self._cancel.set()  # a check still running for an older generation stops its probes
        cancel = self._cancel = threading.Event()
        self._running = RunningStages()
        self._check_started = time.monotonic()
        self._wait_timer.start()
        python, goal, collect, diagnose = self.session.python, self.session.goal, self.collect, self.diagnose

        def work(progress: Callable[[str], None]) -> object:
            return run_check(python, goal, collect, diagnose, progress, cancel)

        # Pages show "checking" first, and the collectors start once that is on screen: their threads compete
        # for the GIL, and the page switch painted while they start up stalled the window by 15-25 ms.
        self.session.begin_check(text("gui.check.starting"))
        QTimer.singleShot(0, self, lambda: self._start_check_job(generation, work))

    def cancel_check(self) -> bool:
        """Stop the running check: every probe it started is killed; False when no check runs."""
        if not self.session.checking or self._cancel is None:
            return False
        self._cancel.set()
        self._generation += 1  # whatever the stopped check still reports is dropped
        self._wait_timer.stop()
        self.session.stop_check()
        return True

    @property
    def cancel_requested(self) -> bool:
        return self._cancel is not None and self._cancel.is_set()

    def _start_check_job(self, generation: int, work: Callable[[Callable[[str], None]], object]) -> None:
        if generation != self._generation:
            return
        self._jobs.append(start_job(work, lambda stage: self._on_stage(generation, stage),
                                    lambda outcome: self._on_checked(generation, outcome), name="check"))

    def _on_stage(self, generation: int, stage: str) -> None:
        if generation != self._generation:
            return
        self._running.feed(stage)
        if not stage.startswith("done:"):
            self.session.show_stage(stage)

    def _on_checked(self, generation: int, outcome: object) -> None:
        self._jobs = self._jobs[-2:]
        if generation != self._generation or not isinstance(outcome, CheckResult):
            return
        self._wait_timer.stop()
        self.session.finish_check(outcome)

    def _tell_waiting(self) -> None:
        """What the check still waits for, how long it has waited and when it gives up (the CLI's words)."""
        if not self.session.checking:
            self._wait_timer.stop()
            return
        elapsed = time.monotonic() - self._check_started
        waiting = self._running.waiting_for() or self.session.stage.rstrip("…").rstrip(".")
        if elapsed >= WAIT_NOTICE_S and waiting:
            self.session.show_stage(wait_notice(waiting, elapsed, default_timeout()), remember=False)

    # -- the report of the last check ------------------------------------------------------------------

    def report_text(self) -> str:
        if self.session.result is None:
            return ""
        if self.session.result.snapshot is not None:
            try:
                return str(render_text(self.session.result.snapshot, self.session.result.diagnosis, color=False))
            except Exception:  # noqa: BLE001 - a failing CLI renderer must not lose the report: ours always works
                pass
        return plain_text_report(self.session.result.snapshot, self.session.result.diagnosis, self.session.goal)

    def save_report(self, path: str) -> str:
        """Write the report JSON to ``path``; returns "" or a one-line reason it failed."""
        if self.session.result is None or self.session.result.snapshot is None:
            return text("gui.report.nothing_to_save")
        try:
            Path(path).write_text(report_json(self.session.result.snapshot, self.session.result.diagnosis), encoding="utf-8")
        except OSError as exc:
            return text("gui.report.could_not_write", path=path, error=exc.strerror or exc)
        return ""


def read_report(path: str) -> tuple[Snapshot, Diagnosis] | str:
    """A saved report (bounded read of a regular file), or one line saying why it cannot be shown."""
    from wizard.safe_read import UnreadableFile, read_text_capped

    try:
        return load_report(read_text_capped(path, "report"))
    except UnreadableFile as exc:
        return text("gui.report.unreadable", error=exc)
    except OSError as exc:
        return text("gui.report.could_not_read", path=path, error=exc.strerror or exc)
    except ReportFormatError as exc:
        return text("gui.report.not_a_report", name=Path(path).name, error=exc)
