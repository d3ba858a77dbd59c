"""The index collector: read ``<base>/<variant>/<project>/`` for the variants worth knowing, concurrently, within a
few seconds, through pip's proxy and certificates; fall back to the cache, then to nothing (the bundled knowledge).

Runs beside the other collectors (wizard.facts.collect), so a reachable index costs no extra time and a dead
network costs at most ``IndexRequest.timeout`` seconds, never a hang.
"""

from __future__ import annotations

import datetime
import time
from collections.abc import Mapping
from concurrent.futures import Future, ThreadPoolExecutor, wait
from urllib.parse import urlsplit, urlunsplit

from packaging.utils import InvalidWheelFilename, parse_wheel_filename
from packaging.version import Version

from wizard.facts.runner import Runner, run_command
from wizard.index import cache
from wizard.index.fetch import MAX_METADATA_BYTES, build_opener, get, without_credentials
from wizard.index.netconfig import NetSettings, pip_net_settings
from wizard.index.request import DEFAULT_TIMEOUT, DEFAULT_TTL, IndexRequest  # noqa: F401 - re-exported
from wizard.index.simple import ACCEPT, Link, PageError, parse_project_page, requires_dist
from wizard.snapshot import Fact, FactStatus, IndexFile, IndexListing, IndexPage

PROJECTS = ("torch", "torchvision", "torchaudio")
MAX_STALE = 30 * 86400.0  # an older cached answer is no longer offered as a fallback
MAX_METADATA_FETCHES = 24


def collect_index(request: IndexRequest, python: str, runner: Runner = run_command,
                  environ: Mapping[str, str] | None = None) -> Fact[IndexListing]:
    base = request.base.rstrip("/")
    cached = cache.load(without_credentials(base), request.cache_folder)
    age = cache.age_seconds(cached.fetched_at) if cached else None
    if request.offline:
        return _from_cache(cached, age, "offline") or Fact.missing(
            FactStatus.NOT_APPLICABLE, "offline: the package index was not asked", code="index_offline")
    if cached is not None and age is not None and age < request.ttl:
        return Fact.found(_with(cached, source="cache", note="fresh"))
    started = time.monotonic()
    settings = pip_net_settings(python, runner, environ) if python else NetSettings()
    remaining = max(0.5, request.timeout - (time.monotonic() - started))
    listing, problem = read_index(base, request, settings, remaining)
    if listing is not None:
        cache.save(listing, request.cache_folder)
        return Fact.found(listing)
    return _from_cache(cached, age, problem) or Fact.missing(FactStatus.FAILED, problem, code="index_unreachable")


def _from_cache(cached: IndexListing | None, age: float | None, why: str) -> Fact[IndexListing] | None:
    if cached is None or age is None or age > MAX_STALE:
        return None
    return Fact.found(_with(cached, source="cache", note=why))


def _with(listing: IndexListing, source: str, note: str) -> IndexListing:
    import dataclasses

    return dataclasses.replace(listing, source=source, note=note)


def read_index(
    base: str, request: IndexRequest, settings: NetSettings, timeout: float
) -> tuple[IndexListing | None, str]:
    """(the listing, "") when at least one torch page answered; (None, why) when the index could not be read."""
    opener = build_opener(settings)
    deadline = time.monotonic() + timeout
    jobs = [(variant, project) for variant in request.variants for project in PROJECTS]
    since = dict(request.since)
    pool = ThreadPoolExecutor(max_workers=min(12, len(jobs) or 1), thread_name_prefix="index")
    try:
        futures = {job: pool.submit(_read_page, opener, base, *job, deadline, since.get(job[1], "")) for job in jobs}
        wait(futures.values(), timeout=max(0.1, deadline - time.monotonic()))
        read = {job: _outcome(job, future) for job, future in futures.items()}
        torch_pages = [read[job] for job in jobs if job[1] == "torch"]
        if not any(page.status in ("ok", "missing") for page, _links, _error in torch_pages):
            errors = sorted({error for _page, _links, error in torch_pages if error})
            return None, _unreachable_text(base, errors, timeout)
        metadata = _read_metadata(pool, opener, read, dict(request.newer_than), deadline, base)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
    pages = tuple(_with_requires(read[job][0], metadata) for job in jobs)
    fetched_at = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
    return IndexListing(base=without_credentials(base), source="index", fetched_at=fetched_at, pages=pages), ""


_Read = tuple[IndexPage, tuple[Link, ...], str]


def _outcome(job: tuple[str, str], future: Future) -> _Read:
    if not future.done():
        future.cancel()
        return IndexPage(job[0], job[1], "failed"), (), "timed out"
    try:
        return future.result()
    except Exception as exc:  # noqa: BLE001 - one odd page must not cost the others
        return IndexPage(job[0], job[1], "failed"), (), f"unreadable page ({type(exc).__name__})"


def _unreachable_text(base: str, errors: list[str], timeout: float) -> str:
    if not errors or errors == ["timed out"]:
        return f"{without_credentials(base)} did not answer within {timeout:.0f} s (timed out)"
    return f"{without_credentials(base)} could not be read ({'; '.join(errors)})"


def _read_page(opener, base: str, variant: str, project: str, deadline: float, since: str) -> _Read:
    url = f"{base}/{variant}/{project}/"
    answer = get(opener, url, accept=ACCEPT, timeout=_timeout_left(deadline), deadline=deadline)
    if answer.status == 404:
        return IndexPage(variant, project, "missing"), (), ""
    if not answer.ok:
        return IndexPage(variant, project, "failed"), (), answer.error or f"HTTP {answer.status}"
    try:
        links = parse_project_page(answer.body, answer.content_type, answer.url or url)
    except PageError as exc:
        return IndexPage(variant, project, "failed"), (), str(exc)
    kept = tuple(link for link in links if _worth_keeping(link, since))
    return IndexPage(variant, project, "ok", tuple(IndexFile(link.filename) for link in kept)), kept, ""


def _read_metadata(pool: ThreadPoolExecutor, opener, read: dict[tuple[str, str], _Read], newer_than: dict[str, str],
                   deadline: float, base: str) -> dict[str, tuple[str, ...]]:
    """Requires-Dist of one wheel per (variant, project, version) newer than the bundled knowledge (PEP 658 files):
    a new variant's CUDA runtime (torch) and which torch a torchvision/torchaudio belongs to."""
    wanted: dict[tuple[str, str, str], Link] = {}
    for (variant, project), (_page, links, _error) in read.items():
        floor = newer_than.get(project, "")
        for link in sorted(links, key=_linux_first):
            version = wheel_version(link.filename)
            if not link.has_metadata or version is None or (floor and Version(version.public) <= Version(floor)):
                continue
            wanted.setdefault((variant, project, str(version.public)), link)
    chosen = list(wanted.values())[:MAX_METADATA_FETCHES]
    futures = {link.filename: pool.submit(_metadata_of, opener, link, deadline, base) for link in chosen}
    wait(futures.values(), timeout=max(0.1, deadline - time.monotonic()))
    return {name: f.result() for name, f in futures.items() if f.done() and not f.cancelled() and not f.exception()}


def _linux_first(link: Link) -> tuple[int, str]:
    # Linux wheels name their nvidia-* runtime requirements; Windows wheels bundle the libraries instead.
    return (0 if "linux" in link.filename else 1, link.filename)


def _metadata_of(opener, link: Link, deadline: float, base: str) -> tuple[str, ...]:
    answer = get(opener, with_credentials_of(base, link.url + ".metadata"), timeout=_timeout_left(deadline),
                 deadline=deadline, limit=MAX_METADATA_BYTES)
    if not answer.ok:
        raise LookupError(answer.error)
    return requires_dist(answer.body)


def with_credentials_of(base: str, url: str) -> str:
    """``url`` with the index's user:password@ when it is on the index's own host (as pip sends them)."""
    base_parts, parts = urlsplit(base), urlsplit(url)
    if "@" not in base_parts.netloc or "@" in parts.netloc or parts.netloc != base_parts.netloc.rsplit("@", 1)[1]:
        return url
    return urlunsplit(parts._replace(netloc=base_parts.netloc))


def _with_requires(page: IndexPage, metadata: dict[str, tuple[str, ...]]) -> IndexPage:
    import dataclasses

    files = tuple(IndexFile(f.filename, metadata.get(f.filename, ())) for f in page.files)
    return dataclasses.replace(page, files=files)


def _timeout_left(deadline: float) -> float:
    return max(0.2, min(3.0, deadline - time.monotonic()))


def wheel_version(filename: str) -> Version | None:
    try:
        return parse_wheel_filename(filename)[1]
    except (InvalidWheelFilename, ValueError):
        return None


def _worth_keeping(link: Link, since: str) -> bool:
    if link.yanked or not link.filename.endswith(".whl"):
        return False
    version = wheel_version(link.filename)
    if version is None:
        return False
    return not since or Version(version.public) >= Version(since)
