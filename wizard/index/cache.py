"""The index answer on disk (platformdirs' user cache dir), one JSON file per index base, with its fetch time.

Holds only what the snapshot holds (filenames, Requires-Dist lines, the base without credentials).
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
from pathlib import Path

from wizard.atomic_write import write_text_atomic
from wizard.snapshot import IndexListing, SnapshotFormatError, from_data, to_data

MAX_CACHE_BYTES = 16 * 1024 * 1024
CACHE_SCHEMA = "torch-setup-wizard/index-cache@1"


def cache_dir() -> Path:
    named = os.environ.get("TSW_CACHE_DIR", "").strip()
    if named:
        return Path(named) / "index"
    import platformdirs

    return Path(platformdirs.user_cache_dir("torch-setup-wizard", appauthor=False)) / "index"


def _path(base: str, folder: Path | None) -> Path:
    digest = hashlib.sha256(base.rstrip("/").encode()).hexdigest()[:20]
    return (folder or cache_dir()) / f"{digest}.json"


def save(listing: IndexListing, folder: Path | None = None) -> None:
    """Best effort: a cache that cannot be written only costs the next run a fetch."""
    data = {"schema": CACHE_SCHEMA, "listing": to_data(listing)}
    try:
        target = _path(listing.base, folder)
        target.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(target, json.dumps(data))
    except OSError:
        pass


def load(base: str, folder: Path | None = None) -> IndexListing | None:
    """The cached answer for ``base``, or None (none, unreadable, another schema, another base)."""
    path = _path(base, folder)
    try:
        if not path.is_file() or path.stat().st_size > MAX_CACHE_BYTES:
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("schema") != CACHE_SCHEMA:
            return None
        listing = from_data(IndexListing, data.get("listing"))
    except (OSError, ValueError, SnapshotFormatError, TypeError, AttributeError):
        return None
    if listing.base.rstrip("/") != base.rstrip("/") or age_seconds(listing.fetched_at) is None:
        return None
    return listing


def age_seconds(fetched_at: str, now: datetime.datetime | None = None) -> float | None:
    try:
        when = datetime.datetime.fromisoformat(fetched_at)
    except ValueError:
        return None
    if when.tzinfo is None:
        return None
    now = now or datetime.datetime.now(datetime.timezone.utc)
    return max(0.0, (now - when).total_seconds())
