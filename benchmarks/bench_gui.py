"""GUI figures: (a) process start → first painted Welcome page (goal < 1 s, median of 5 runs);
(b) the longest event-loop stall while a full real check runs (goal < 50 ms).

    .venv/bin/python benchmarks/bench_gui.py [--python PATH] [--runs 5]

(a) spawns ``python -m wizard gui`` with TSW_BENCH_FIRST_PAINT=1: the app prints time.monotonic()
at the Welcome page's first paint and quits (CLOCK_MONOTONIC is system-wide, so the parent's
spawn time compares with it). (b) runs the wizard in this process with the real collector and
engine against the test venv with torch, while a 5 ms QTimer records the largest gap between ticks.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_TORCH_PYTHON = Path.home() / ".cache" / "tsw-tests" / "torch-2.13.0" / "bin" / "python"
TICK_MS = 5


def gui_env() -> dict[str, str]:
    env = dict(os.environ)
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def first_paint_seconds(python: str) -> float:
    env = {**gui_env(), "TSW_BENCH_FIRST_PAINT": "1"}
    start = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "wizard", "gui", "--python", python], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=60)
    for line in done.stdout.splitlines():
        if line.startswith("first-paint "):
            return float(line.split()[1]) - start
    raise RuntimeError(f"the wizard printed no first-paint time (exit {done.returncode}): {done.stderr[-500:]}")


def longest_stall_during_check(python: str) -> tuple[float, float]:
    """(longest gap between 5 ms ticks in ms, duration of the check in s) for one real check."""
    os.environ.update({k: v for k, v in gui_env().items() if k == "QT_QPA_PLATFORM"})
    from PySide6.QtCore import QElapsedTimer, QTimer

    from wizard.gui.app import make_application
    from wizard.gui.wizard import SetupWizard

    app = make_application()
    window = SetupWizard(python=python, discover=None)
    window.show()
    app.processEvents()
    clock, gaps = QElapsedTimer(), []
    last = [0]

    def tick() -> None:
        now = clock.elapsed()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(TICK_MS)
    timer.timeout.connect(tick)
    clock.start()
    timer.start()
    started = time.monotonic()
    QTimer.singleShot(20, window.next)  # leave Welcome: starts the real check
    finished = [0.0]

    def check_done() -> None:
        if window.result is not None and not window.checking:
            finished[0] = time.monotonic()
            QTimer.singleShot(200, app.quit)  # keep ticking while the result renders

    window.state_changed.connect(check_done)
    QTimer.singleShot(180_000, app.quit)
    app.exec()
    timer.stop()
    for line in window.report_text().splitlines()[:3]:
        print(f"    check said: {line}")
    return max(gaps), (finished[0] or time.monotonic()) - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", default=str(DEFAULT_TORCH_PYTHON), help="interpreter with torch to check")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not Path(args.python).is_file():
        print(f"no interpreter at {args.python} (create it by running the tests once, or pass --python)")
        return 2
    times = [first_paint_seconds(args.python) for _ in range(args.runs)]
    median = statistics.median(times)
    print(f"(a) start to first painted page: median {median * 1000:.0f} ms over {args.runs} runs "
          f"(min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f}); goal < 1000 ms: {'met' if median < 1 else 'MISSED'}")
    stall_ms, check_s = longest_stall_during_check(args.python)
    print(f"(b) longest event-loop stall during a full check: {stall_ms:.0f} ms (timer every {TICK_MS} ms, "
          f"check took {check_s:.1f} s); goal < 50 ms: {'met' if stall_ms < 50 else 'MISSED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
