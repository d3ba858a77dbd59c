"""While the probes run: after a few seconds, one line on stderr saying what the check waits for and when it
gives up, then a reminder every so often. stdout stays clean for --json."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from typing import TextIO

from wizard.remedy_texts import remedy_text

FIRST_NOTICE_S = 3.0
REPEAT_NOTICE_S = 10.0


class WaitNotice:
    """A ``progress`` callback for collect_snapshot that also prints what is still running when it takes long."""

    def __init__(self, limit_s: float, stream: TextIO | None = None, clock: Callable[[], float] = time.monotonic,
                 first_s: float = FIRST_NOTICE_S, repeat_s: float = REPEAT_NOTICE_S) -> None:
        self.limit_s, self.stream, self.clock = limit_s, stream or sys.stderr, clock
        self.first_s, self.repeat_s = first_s, repeat_s
        self.running: dict[str, str] = {}  # stage text → itself, in start order
        self.started = clock()
        self.lines: list[str] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="wait-notice", daemon=True)

    def __enter__(self) -> WaitNotice:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=1)

    def __call__(self, stage: str) -> None:
        with self._lock:
            if stage.startswith("done:"):
                name = stage[len("done:"):]
                for text in [t for t in self.running if self.running[t] == name]:
                    del self.running[text]
            else:
                self.running[stage] = _name_of(stage)

    def _watch(self) -> None:
        wait = self.first_s
        while not self._stop.wait(wait):
            with self._lock:
                waiting = [t.rstrip("…").rstrip(".") for t in self.running]
            if not waiting:
                wait = 0.5
                continue
            elapsed = self.clock() - self.started
            line = remedy_text("wait.notice", what="; ".join(waiting), seconds=int(elapsed),
                               limit=int(self.limit_s))
            self.lines.append(line)
            print(line, file=self.stream, flush=True)
            wait = self.repeat_s


def _name_of(stage_text: str) -> str:
    from wizard.facts.collect import STAGES

    return next((name for name, text in STAGES.items() if text == stage_text), stage_text)
