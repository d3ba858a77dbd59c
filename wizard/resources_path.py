"""One locator for the resources folder, in a source checkout, an installed wheel and a frozen bundle."""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

_MARKER = "knowledge"  # a folder every complete resources tree has


@cache
def resources_dir() -> Path:
    """The folder holding knowledge/, texts/, icons/ and gpu/.

    Order: ``TSW_RESOURCES`` (tests, development), a PyInstaller bundle's ``resources``,
    the installed package ``wizard/resources``, the source checkout's top-level ``resources``.
    """
    for candidate in _candidates():
        if (candidate / _MARKER).is_dir():
            return candidate
    searched = ", ".join(str(c) for c in _candidates())
    raise FileNotFoundError(f"the wizard's resources folder is missing (looked in: {searched})")


def resource(*parts: str) -> Path:
    """Path of one resource file, e.g. ``resource("knowledge", "releases.json")``."""
    return resources_dir().joinpath(*parts)


def _candidates() -> list[Path]:
    package_dir = Path(__file__).resolve().parent
    found = []
    if os.environ.get("TSW_RESOURCES"):
        found.append(Path(os.environ["TSW_RESOURCES"]))
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        found.append(Path(bundle) / "resources")
    found.append(package_dir / "resources")
    found.append(package_dir.parent / "resources")
    return found
