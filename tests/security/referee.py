"""The hostile-input matrix's referee: every case runs through :func:`hostile_case`, which answers four
questions and keeps the score the closing summary prints (docs/reliability.md).

* crash: anything but a clean, expected refusal escaped the code under test;
* hang: the case was not answered within HANG_SECONDS (a watchdog thread, not a flaky timer in the test);
* leak: a planted secret appeared in any output;
* execution: a planted canary file was created (a shell or pip ran something from the input).
"""

from __future__ import annotations

import faulthandler
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

HANG_SECONDS = 10.0
SECRET = "S3cr3t-Pa55-7731"  # planted in hostile inputs; must never come out
TOKEN_SECRETS = (
    "hf_Q7zK2mVx9LpR4tWc8NbY3sDfGh6JkA1eUo",
    "ghp_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5",
    "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz0123456789ABCD",
    "AKIAIOSFODNN7EXAMPLE",
    "glpat-xY9zW8vU7tS6rQ5pO4nM",
    "xoxb-123456789012-abcdefghijKLMN",
    "sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz012345",
)


@dataclass
class Score:
    cases: int = 0
    crashes: list[str] = field(default_factory=list)
    hangs: list[str] = field(default_factory=list)
    leaks: list[str] = field(default_factory=list)
    executions: list[str] = field(default_factory=list)
    slowest: tuple[float, str] = (0.0, "")
    by_area: dict[str, int] = field(default_factory=dict)

    def line(self) -> str:
        seconds, name = self.slowest
        areas = ", ".join(f"{area} {n}" for area, n in sorted(self.by_area.items()))
        return (f"hostile-input matrix: {self.cases} inputs ({areas}); crashes {len(self.crashes)}, hangs "
                f"{len(self.hangs)}, leaks {len(self.leaks)}, executions {len(self.executions)}; slowest input "
                f"{seconds:.2f} s ({name})")


SCORE = Score()


class Refereed:
    """What a case hands back: the outputs to search for secrets."""

    def __init__(self) -> None:
        self.outputs: list[str] = []

    def output(self, *texts: object) -> None:
        self.outputs.extend(str(t) for t in texts)


def hostile_case(
    name: str,
    area: str,
    body: Callable[[Refereed], None],
    *,
    canary: Path | None = None,
    secrets: Iterable[str] = (),
    expected: tuple[type[BaseException], ...] = (),
    in_thread: bool = True,
) -> Refereed:
    """Run one case, score it, and fail the test with the reason if it crashed, hung, leaked or executed."""
    refereed = Refereed()
    outcome: dict[str, BaseException | None] = {"error": None}

    def run() -> None:
        try:
            body(refereed)
        except expected:
            pass  # a clean refusal is an answer
        except BaseException as exc:  # noqa: BLE001 - the referee records everything else as a crash
            outcome["error"] = exc

    started = time.monotonic()
    if in_thread:
        worker = threading.Thread(target=run, daemon=True, name=f"hostile:{name}")
        worker.start()
        worker.join(HANG_SECONDS)
        hung = worker.is_alive()
    else:  # Qt must run in the main thread: a last-resort watchdog ends the process instead of hanging CI
        faulthandler.dump_traceback_later(HANG_SECONDS * 6, exit=True)
        try:
            run()
        finally:
            faulthandler.cancel_dump_traceback_later()
        hung = time.monotonic() - started > HANG_SECONDS
    seconds = time.monotonic() - started
    SCORE.cases += 1
    SCORE.by_area[area] = SCORE.by_area.get(area, 0) + 1
    if seconds > SCORE.slowest[0]:
        SCORE.slowest = (seconds, name)
    problems = []
    if hung:
        SCORE.hangs.append(name)
        problems.append(f"no answer within {HANG_SECONDS:g} s")
    elif outcome["error"] is not None:
        SCORE.crashes.append(name)
        problems.append(f"crashed: {type(outcome['error']).__name__}: {outcome['error']}"[:500])
    leaked = [s for s in secrets if any(s in out for out in refereed.outputs)]
    if leaked:
        SCORE.leaks.append(name)
        problems.append(f"leaked {leaked}")
    if canary is not None and canary.exists():
        SCORE.executions.append(name)
        problems.append(f"executed: {canary} was created")
    if problems:
        pytest.fail(f"{name}: " + "; ".join(problems), pytrace=False)
    return refereed
