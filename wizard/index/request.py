"""What to ask the index for, from what the bundled knowledge already knows (pure).

It imports nothing of the network side (wizard.index.collect / fetch): a check builds its request before the
probes start, and ssl, http.client and urllib.request are loaded only by the collector that reads the index."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from packaging.version import Version

from wizard.knowledge.model import Knowledge

DEFAULT_TIMEOUT = 4.0  # the whole read; a dead or slow index costs no more than this
DEFAULT_TTL = 6 * 3600.0  # a cached answer younger than this is used without asking the index


@dataclass(frozen=True)
class IndexRequest:
    base: str  # "https://download.pytorch.org/whl" or a mirror (may hold credentials: never stored)
    variants: tuple[str, ...]  # "cpu", "cu130" ...
    since: tuple[tuple[str, str], ...] = ()  # (project, oldest version worth keeping): trims the cpu page's history
    newer_than: tuple[tuple[str, str], ...] = ()  # (project, newest bundled version): read metadata beyond it
    offline: bool = False
    timeout: float = DEFAULT_TIMEOUT
    ttl: float = DEFAULT_TTL
    cache_folder: Path | None = None


def index_request(knowledge: Knowledge, base: str, offline: bool = False) -> IndexRequest:
    """The variants of the current release series (and of any newer, unverified entry), trimmed to that series:
    enough to see a newer release, a variant this index lacks, and a wheel missing for this interpreter."""
    newest = knowledge.newest_release()
    series = newest.parsed.release[:2]
    current = [r for r in knowledge.releases if r.parsed.release[:2] >= series]
    variants = []
    for release in sorted(current, key=lambda r: r.parsed, reverse=True):
        for variant in release.variants:
            if variant.name not in variants:
                variants.append(variant.name)
    floor = f"{series[0]}.{series[1]}"
    torchvision = Version(newest.torchvision) if newest.torchvision else None
    newest_audio = max((Version(r.torchaudio) for r in knowledge.releases if r.torchaudio), default=None)
    since = [("torch", floor), ("torchaudio", floor)]
    newer_than = [("torch", newest.version)]
    if torchvision is not None:
        since.append(("torchvision", f"{torchvision.major}.{torchvision.minor}"))
        newer_than.append(("torchvision", newest.torchvision))
    if newest_audio is not None:
        newer_than.append(("torchaudio", str(max(newest_audio, Version(floor)))))
    return IndexRequest(base=base.rstrip("/"), variants=tuple(variants), since=tuple(since),
                        newer_than=tuple(newer_than), offline=offline)
