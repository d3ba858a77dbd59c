"""GUI figures: (a) process start → first painted Welcome page (goal < 1 s, median of 5 runs);
(b) the longest event-loop stall while a full real check runs (goal < 50 ms).

    .venv/bin/python benchmarks/bench_gui.py [--python PATH] [--runs 5] [--welcome-ms 1500]

(a) spawns ``python -m wizard gui`` with TSW_BENCH_FIRST_PAINT=1: the app prints time.monotonic()
at the Welcome page's first paint and quits (CLOCK_MONOTONIC is system-wide, so the parent's
spawn time compares with it). (b) runs the wizard in this process with the real collector and
engine against the test venv with torch, while a 5 ms QTimer records the largest gap between ticks: the
window opens, stays on Welcome for --welcome-ms (discovery and the warm-up imports run meanwhile), then
Next starts the check; the stall figure covers Next until 300 ms after the result is rendered.
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


def longest_stalls(python: str, welcome_ms: int) -> tuple[float, float, float]:
    """(longest gap on Welcome in ms, longest gap from Next until the result is rendered in ms, check seconds).

    Like a person: the window opens (interpreter discovery and the warm-up run in the background), the
    user reads Welcome for ``welcome_ms``, presses Next, and the real check runs against ``python``.
    """
    os.environ.update({k: v for k, v in gui_env().items() if k == "QT_QPA_PLATFORM"})
    from PySide6.QtCore import QElapsedTimer, QTimer

    from wizard.gui.app import make_application
    from wizard.gui.wizard import SetupWizard

    app = make_application()
    window = SetupWizard(python=python)
    window.show()
    app.processEvents()  # the first paint is figure (a), not a stall
    clock, ticks = QElapsedTimer(), []
    timer = QTimer()
    timer.setInterval(TICK_MS)
    timer.timeout.connect(lambda: ticks.append(clock.elapsed()))
    pressed, finished = [0.0, 0], [0.0, 0]

    def press_next() -> None:
        pressed[:] = [time.monotonic(), clock.elapsed()]
        window.next()

    def check_done() -> None:
        if window.result is not None and not window.checking:
            finished[:] = [time.monotonic(), clock.elapsed()]
            QTimer.singleShot(300, app.quit)  # keep ticking while the result renders

    window.state_changed.connect(check_done)
    clock.start()
    timer.start()
    QTimer.singleShot(welcome_ms, press_next)
    QTimer.singleShot(180_000, app.quit)
    app.exec()
    timer.stop()
    for line in window.report_text().splitlines()[:3]:
        print(f"    check said: {line}")
    gaps = [(later - earlier, later) for earlier, later in zip([0, *ticks], ticks)]
    on_welcome = max((gap for gap, at in gaps if at <= pressed[1]), default=0)
    during_check = max((gap for gap, at in gaps if at > pressed[1]), default=0)
    return on_welcome, during_check, (finished[0] or time.monotonic()) - pressed[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", default=str(DEFAULT_TORCH_PYTHON), help="interpreter with torch to check")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--welcome-ms", type=int, default=1500,
                        help="time on Welcome before pressing Next, like a person reading it (0: press at once)")
    args = parser.parse_args()
    if not Path(args.python).is_file():
        print(f"no interpreter at {args.python} (create it by running the tests once, or pass --python)")
        return 2
    times = [first_paint_seconds(args.python) for _ in range(args.runs)]
    median = statistics.median(times)
    print(f"(a) start to first painted page: median {median * 1000:.0f} ms over {args.runs} runs "
          f"(min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f}); goal < 1000 ms: {'met' if median < 1 else 'MISSED'}")
    welcome_ms, check_ms, check_s = longest_stalls(args.python, args.welcome_ms)
    print(f"(b) longest event-loop stall from Next until the result is shown: {check_ms:.0f} ms (timer every "
          f"{TICK_MS} ms, check took {check_s:.1f} s); goal < 50 ms: {'met' if check_ms < 50 else 'MISSED'}")
    print(f"    longest stall on Welcome while discovery and warm-up run ({args.welcome_ms} ms before Next): "
          f"{welcome_ms:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
