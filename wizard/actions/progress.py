"""Turn pip's output into progress: a stage in plain words and, while downloading, a fraction.

pip ≥ 24.1 with ``--progress-bar raw`` prints ``Progress CURRENT of TOTAL`` lines (bytes) after each
``Downloading URL (SIZE)`` line; older pips print only the ``Downloading`` line. Both are handled.
:func:`parse_pip_line` is pure; :class:`ProgressTracker` folds the events into one running state.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from urllib.parse import unquote, urlsplit

_RAW = re.compile(r"^\s*Progress (\d+) of (\d+)\s*$")
_DOWNLOADING = re.compile(r"^\s*Downloading (\S+)(?: \(([\d.]+ ?[kMGT]?B|\d+ bytes)\))?\s*$")
_USING_CACHED = re.compile(r"^\s*Using cached (\S+)(?: \(([^)]*)\))?\s*$")
_COLLECTING = re.compile(r"^\s*Collecting (\S+)")
_INSTALLING = re.compile(r"^\s*Installing collected packages: (.+)$")
_UNINSTALLING = re.compile(r"^\s*Uninstalling (\S+?)-(\d\S*?):?\s*$")
_SUCCESS = re.compile(r"^\s*Successfully installed (.+)$")
_UNINSTALLED = re.compile(r"^\s*Successfully uninstalled (\S+)")
_ERROR = re.compile(r"^\s*ERROR: (.+)$")
_UNITS = {"bytes": 1, "B": 1, "kB": 1000, "MB": 1000**2, "GB": 1000**3, "TB": 1000**4}


@dataclass(frozen=True)
class ProgressEvent:
    kind: str  # "collecting" | "download" | "bytes" | "cached" | "installing" | "uninstalling" | "done" | "error"
    text: str = ""  # the stage in plain words, "" for "bytes" events
    package: str = ""
    version: str = ""
    current: int = 0  # bytes ("bytes" events)
    total: int = 0  # bytes; 0 = unknown
    size_text: str = ""  # as pip printed it: "190.2 MB"


def parse_size(text: str) -> int:
    """'190.2 MB' → 190200000, '601 kB' → 601000, '123 bytes' → 123; 0 when unreadable."""
    match = re.fullmatch(r"\s*([\d.]+)\s*(bytes|[kMGT]?B)\s*", text or "")
    if not match:
        return 0
    try:
        return int(float(match.group(1)) * _UNITS[match.group(2)])
    except ValueError:
        return 0


def wheel_name_version(url_or_filename: str) -> tuple[str, str]:
    """('torch', '2.13.0+cu130') from a wheel URL or file name (percent-escapes undone); sdists too."""
    name = unquote(urlsplit(url_or_filename).path.rsplit("/", 1)[-1])
    if name.endswith(".whl"):
        parts = name[: -len(".whl")].split("-")
        if len(parts) >= 5:
            return parts[0].replace("_", "-").lower(), parts[1]
    for suffix in (".tar.gz", ".zip", ".tar.bz2"):
        if name.endswith(suffix):
            stem = name[: -len(suffix)]
            project, _, version = stem.rpartition("-")
            return project.replace("_", "-").lower(), version
    return name, ""


def parse_pip_line(line: str) -> ProgressEvent | None:
    """One line of pip output → an event, or None for lines that say nothing about progress."""
    if match := _RAW.match(line):
        return ProgressEvent("bytes", current=int(match.group(1)), total=int(match.group(2)))
    if match := _DOWNLOADING.match(line):
        package, version = wheel_name_version(match.group(1))
        size_text = match.group(2) or ""
        label = f"{package} {version}".strip()
        text = f"Downloading {label} ({size_text})…" if size_text else f"Downloading {label}…"
        return ProgressEvent("download", text, package, version, total=parse_size(size_text), size_text=size_text)
    if match := _USING_CACHED.match(line):
        package, version = wheel_name_version(match.group(1))
        return ProgressEvent("cached", f"Using the downloaded copy of {package} {version}".strip() + "…", package, version)
    if match := _COLLECTING.match(line):
        return ProgressEvent("collecting", f"Looking up {match.group(1)}…", match.group(1))
    if match := _INSTALLING.match(line):
        return ProgressEvent("installing", f"Installing {match.group(1).strip()}…")
    if match := _UNINSTALLING.match(line):
        package, version = match.group(1), match.group(2)
        return ProgressEvent("uninstalling", f"Removing {package} {version}…", package, version)
    if match := _UNINSTALLED.match(line):
        return ProgressEvent("uninstalling", f"Removed {match.group(1)}.", match.group(1))
    if match := _SUCCESS.match(line):
        return ProgressEvent("done", f"Installed {match.group(1).strip()}.")
    if match := _ERROR.match(line):
        return ProgressEvent("error", match.group(1).strip())
    return None


@dataclass(frozen=True)
class ProgressState:
    stage: str = "Starting…"  # plain words for the label
    fraction: float | None = None  # 0..1 for the bar; None = busy (no figure known)
    downloaded_files: int = 0
    error: str = ""


class ProgressTracker:
    """Folds pip lines into a ProgressState; ``planned_bytes`` (from the dry run) gives an overall bar."""

    def __init__(self, planned_bytes: int = 0) -> None:
        self.planned_bytes = planned_bytes
        self.state = ProgressState()
        self._finished_bytes = 0  # bytes of downloads already complete
        self._current_total = 0
        self._current_bytes = 0
        self._download_text = ""

    def feed(self, line: str) -> ProgressState:
        event = parse_pip_line(line)
        if event is None:
            return self.state
        if event.kind == "download":
            self._close_download()
            self._current_total, self._current_bytes, self._download_text = event.total, 0, event.text
            self.state = replace(self.state, stage=event.text, fraction=self._fraction())
        elif event.kind == "bytes":
            self._current_bytes = event.current
            if event.total:
                self._current_total = event.total
            self.state = replace(self.state, stage=self._download_text or self.state.stage, fraction=self._fraction())
        elif event.kind == "error":
            self.state = replace(self.state, error=event.text)
        else:
            if event.kind in ("installing", "done"):
                self._close_download()
            fraction = 1.0 if event.kind == "done" else (None if event.kind == "installing" else self.state.fraction)
            self.state = replace(self.state, stage=event.text, fraction=fraction)
        return self.state

    def _close_download(self) -> None:
        if self._download_text:
            self._finished_bytes += self._current_total or self._current_bytes
            self.state = replace(self.state, downloaded_files=self.state.downloaded_files + 1)
        self._download_text, self._current_total, self._current_bytes = "", 0, 0

    def _fraction(self) -> float | None:
        if self.planned_bytes > 0:
            return min(1.0, (self._finished_bytes + self._current_bytes) / self.planned_bytes)
        if self._current_total > 0:
            return min(1.0, self._current_bytes / self._current_total)
        return None


def text_bar(state: ProgressState, width: int = 30) -> str:
    """'[#########.........]  31%  Downloading torch 2.13.0 (190.2 MB)…' for a terminal."""
    if state.fraction is None:
        return f"[{'~' * width}]       {state.stage}"
    filled = int(round(state.fraction * width))
    return f"[{'#' * filled}{'.' * (width - filled)}] {state.fraction * 100:4.0f}%  {state.stage}"
