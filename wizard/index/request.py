"""What to ask the index for, from what the bundled knowledge already knows (pure)."""

from __future__ import annotations

from packaging.version import Version

from wizard.index.collect import IndexRequest
from wizard.knowledge.model import Knowledge


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
