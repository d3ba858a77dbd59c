"""The stdlib-only probe the wizard runs WITH the target interpreter.

``probe_entry.py`` is the script; it must parse on Python 2.7 and run on CPython 3.6+.
The other modules here are imported by it from this folder (and by tests in-process).
"""

from __future__ import annotations

from pathlib import Path

PROBE_SCHEMA = 1
PROBE_ENTRY = "probe_entry.py"


def probe_script_path() -> Path:
    """Where probe_entry.py lies: beside this file in a checkout and a wheel.

    A frozen bundle ships these files as data beside the package; this is the one place that knows.
    """
    return Path(__file__).resolve().parent / PROBE_ENTRY
