"""Smoke-test a built or installed Torch Setup Wizard, as a user would run it (stdlib only).

    python packaging/smoke_test.py --app-dir DIR --python TARGET_PYTHON [--torch-version 2.13.0]

DIR holds the two executables: the one-folder bundle (Linux), the installed folder
(Windows: %LOCALAPPDATA%\\Programs\\Torch Setup Wizard) or ``<name>.app/Contents/MacOS`` (macOS).
Runs ``--version``, ``check --json`` of TARGET_PYTHON (its torch must be found when
--torch-version is given) and the GUI offscreen up to its first painted page. Exits 1 with
the failing step's output when one fails. The CI workflows run it on every platform.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

SUFFIX = ".exe" if os.name == "nt" else ""
CLI = "torch-setup-wizard" + SUFFIX
GUI = "torch-setup-wizard-gui" + SUFFIX
REPORT_SCHEMA_PREFIX = "torch-setup-wizard/report"


class SmokeFailure(Exception):
    pass


def run(argv: list[str], timeout: float, **env: str) -> subprocess.CompletedProcess[str]:
    started = time.monotonic()
    done = subprocess.run(argv, capture_output=True, text=True, encoding="utf-8", errors="replace",
                          timeout=timeout, env={**os.environ, **env})
    print(f"  {Path(argv[0]).name} {' '.join(argv[1:])}: exit {done.returncode} in {time.monotonic() - started:.1f} s")
    return done


def fail(step: str, done: subprocess.CompletedProcess[str]) -> SmokeFailure:
    return SmokeFailure(f"{step} failed (exit {done.returncode})\nstdout:\n{done.stdout[-3000:]}\nstderr:\n{done.stderr[-3000:]}")


def check_version(app: Path, expected: str) -> None:
    done = run([str(app / CLI), "--version"], timeout=60)
    if done.returncode != 0 or not done.stdout.startswith(f"torch-setup-wizard {expected} (knowledge checked "):
        raise fail("--version", done)
    if "unknown" in done.stdout:
        raise SmokeFailure(f"--version could not find the knowledge files inside the app: {done.stdout!r}")


def check_report(app: Path, python: str, torch_version: str) -> None:
    done = run([str(app / CLI), "check", "--python", python, "--json"], timeout=300)
    if done.returncode not in (0, 1):
        raise fail("check --json", done)
    try:
        report = json.loads(done.stdout)
    except ValueError as exc:
        raise SmokeFailure(f"check --json printed no JSON ({exc}): {done.stdout[:500]!r}") from None
    schema = str(report.get("schema", ""))
    if not schema.startswith(REPORT_SCHEMA_PREFIX):
        raise SmokeFailure(f"unexpected report schema {schema!r}")
    facts = report.get("snapshot", {})
    executable = (facts.get("python", {}).get("value") or {}).get("executable", "")
    if os.path.normcase(executable) != os.path.normcase(python):
        raise SmokeFailure(f"the probe ran in {executable!r}, not in the target {python!r}")
    codes = {finding.get("code") for finding in report.get("findings", [])}
    if not codes:
        raise SmokeFailure("the report has no findings")
    if torch_version:
        found = (facts.get("torch", {}).get("value") or {}).get("version", "")
        if not found.startswith(torch_version):
            raise SmokeFailure(f"torch {torch_version} not found by the live probe: {facts.get('torch')!r}")
    print(f"  findings: {', '.join(sorted(str(code) for code in codes))}")


def check_gui(app: Path, python: str) -> None:
    env = {"QT_QPA_PLATFORM": "offscreen", "TSW_BENCH_FIRST_PAINT": "1"}
    # The console executable's `gui` command prints the first-paint line.
    done = run([str(app / CLI), "gui", "--python", python], timeout=120, **env)
    if done.returncode != 0 or "first-paint " not in done.stdout:
        raise fail("gui (console executable, offscreen)", done)
    # The windowed executable has no stdout on Windows (PyInstaller sets sys.stdout to None), so
    # there only its exit status tells that it painted its first page and quit.
    done = run([str(app / GUI), "--python", python], timeout=120, **env)
    if done.returncode != 0 or (os.name != "nt" and "first-paint " not in done.stdout):
        raise fail("windowed executable (offscreen)", done)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--app-dir", required=True, type=Path, help="folder holding the two executables")
    parser.add_argument("--python", required=True, help="the interpreter to check")
    parser.add_argument("--torch-version", default="", help="torch version the live probe must find in it")
    parser.add_argument("--version", default="", help="expected wizard version (default: wizard/__init__.py)")
    args = parser.parse_args(argv)
    expected = args.version or read_version()
    app = args.app_dir.resolve()
    print(f"smoke test of {app}")
    try:
        for name in (CLI, GUI):
            if not (app / name).is_file():
                raise SmokeFailure(f"{app / name} is missing")
        check_version(app, expected)
        check_report(app, os.path.abspath(args.python), args.torch_version)
        check_gui(app, os.path.abspath(args.python))
    except (SmokeFailure, subprocess.TimeoutExpired) as exc:
        print(f"SMOKE TEST FAILED: {exc}", file=sys.stderr)
        return 1
    print("smoke test passed")
    return 0


def read_version() -> str:
    init = Path(__file__).resolve().parents[1] / "wizard" / "__init__.py"
    for line in init.read_text(encoding="utf-8").splitlines():
        if line.startswith("__version__"):
            return line.split("=", 1)[1].strip().strip("\"'")
    raise SystemExit(f"no __version__ in {init}")


if __name__ == "__main__":
    sys.exit(main())
