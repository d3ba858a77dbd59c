"""The plan from the index's metadata, for pip before 25.3: there ``pip install --dry-run`` downloads every
wheel it resolves (about 2.5 GB for a CUDA build) before anything can be shown. Here only the project pages,
each chosen wheel's PEP 658 ``.metadata`` file and a HEAD request for its size are fetched.

A small greedy resolver, enough for what the wizard installs (exact pins such as ``torch==2.13.0+cu130``
and their Requires-Dist): a dependency already installed in a satisfying version stays; otherwise the
newest version on the index that satisfies it, with a wheel for the target's tags. Anything it cannot
decide (no .metadata, no wheel for the target, an unreachable index) returns None, and the caller falls
back to pip's own dry run.
"""

from __future__ import annotations

import json
import os
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import unquote, urljoin, urlsplit

from packaging.markers import Marker
from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import InvalidWheelFilename, canonicalize_name, parse_wheel_filename
from packaging.version import InvalidVersion, Version

from wizard.facts.runner import Runner, run_command

FIRST_PIP_WITHOUT_DRY_RUN_DOWNLOADS = Version("25.3")
DEFAULT_INDEX = "https://pypi.org/simple"
MAX_PACKAGES = 200
Fetch = Callable[[str], bytes]
Head = Callable[[str], int]

_TARGET_CODE = """
import json, os, platform, sys
from pip._vendor.packaging import tags
impl = sys.implementation
version = "%d.%d.%d" % sys.version_info[:3]
print(json.dumps({
    "tags": [str(t) for t in tags.sys_tags()],
    "markers": {
        "implementation_name": impl.name, "implementation_version": version, "os_name": os.name,
        "platform_machine": platform.machine(), "platform_release": platform.release(),
        "platform_system": platform.system(), "platform_version": platform.version(),
        "python_full_version": platform.python_version(), "platform_python_implementation": platform.python_implementation(),
        "python_version": ".".join(platform.python_version_tuple()[:2]), "sys_platform": sys.platform,
    },
}))
"""


@dataclass(frozen=True)
class Target:
    tags: tuple[str, ...]  # most preferred first
    markers: dict[str, str]


@dataclass(frozen=True)
class Resolved:
    name: str
    version: str
    url: str
    size: int


def needs_index_plan(pip_version: str) -> bool:
    try:
        return Version(pip_version) < FIRST_PIP_WITHOUT_DRY_RUN_DOWNLOADS
    except InvalidVersion:
        return False


def probe_target(python: str, runner: Runner = run_command) -> Target | None:
    """The target interpreter's wheel tags and marker values (from its own pip's packaging)."""
    result = runner([python, "-I", "-c", _TARGET_CODE], timeout=60)
    if not result.ok:
        return None
    try:
        data = json.loads(result.stdout.strip().splitlines()[-1])
        return Target(tuple(data["tags"]), {str(k): str(v) for k, v in data["markers"].items()})
    except (ValueError, KeyError, IndexError, TypeError):
        return None


def index_urls(argv: Sequence[str], env: Mapping[str, str]) -> list[str]:
    """The indexes pip would use: --index-url (else PIP_INDEX_URL, else PyPI), then every extra one."""
    primary = env.get("PIP_INDEX_URL") or DEFAULT_INDEX
    extra = [u for u in env.get("PIP_EXTRA_INDEX_URL", "").split() if u]
    for option, value in zip(argv, argv[1:]):
        if option in ("--index-url", "-i"):
            primary = value
        elif option == "--extra-index-url":
            extra.append(value)
    return [primary, *extra]


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            values = dict(attrs)
            if values.get("href"):
                self.links.append((str(values["href"]), values))


def pip_settings(python: str, runner: Runner, env: Mapping[str, str]) -> dict[str, str] | None:
    """pip's own configuration (``pip config list``: files and PIP_* variables), {key: value}; None when unreadable."""
    result = runner([python, "-m", "pip", "config", "list"], timeout=60, env=dict(env))
    if not result.ok:
        return None
    settings = {}
    for line in result.stdout.splitlines():
        key, _, value = line.partition("=")
        if key and value:
            settings[key.strip().split(".", 1)[-1]] = value.strip().strip("'\"")
    return settings


def fetcher(env: Mapping[str, str]) -> Fetch:
    """GET with the proxies of the environment pip runs in (the user's, not necessarily this process's)."""
    proxies = {scheme: env.get(f"{scheme}_proxy") or env.get(f"{scheme.upper()}_PROXY") or "" for scheme in ("http", "https")}
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({k: v for k, v in proxies.items() if v}))

    def fetch(url: str) -> bytes:
        request = urllib.request.Request(url, headers={"Accept": "text/html"})
        with opener.open(request, timeout=30) as response:
            return response.read(20 * 1024 * 1024)

    return fetch


def _default_fetch(url: str) -> bytes:
    return fetcher(os.environ)(url)


def _default_head(url: str) -> int:
    from wizard.actions.plan import head_size

    return head_size(url)


def resolve(
    requirements: Sequence[str],
    installed: Mapping[str, str],
    target: Target,
    indexes: Sequence[str],
    *,
    force: bool = False,
    upgrade: bool = False,
    no_deps: bool = False,
    fetch: Fetch = _default_fetch,
    head: Head = _default_head,
) -> list[Resolved] | None:
    """What pip would download for ``requirements``; None when the metadata cannot decide it."""
    chosen: dict[str, Resolved] = {}
    queue = [(Requirement(r), True) for r in requirements]
    pages: dict[str, list[tuple[str, dict[str, str | None], str]]] = {}
    while queue:
        requirement, requested = queue.pop(0)
        name = canonicalize_name(requirement.name)
        if name in chosen:
            if not requirement.specifier.contains(chosen[name].version, prereleases=True):
                return None  # a conflict: only pip's resolver can answer
            continue
        have = installed.get(name, "")
        if have and requirement.specifier.contains(have, prereleases=True) and not ((force or upgrade) and requested):
            continue
        wheel = _best_wheel(name, requirement, target, indexes, pages, fetch)
        if wheel is None:
            return None
        url, attrs, version = wheel
        if upgrade and not force and have == version:
            continue  # already the newest
        if not (attrs.get("data-core-metadata") or attrs.get("data-dist-info-metadata")):
            return None  # no PEP 658 metadata: pip would have to download the wheel to know its dependencies
        chosen[name] = Resolved(name, version, url, 0)
        if len(chosen) > MAX_PACKAGES:
            return None
        if no_deps:
            continue
        try:
            metadata = fetch(url.split("#", 1)[0] + ".metadata").decode("utf-8", errors="replace")
        except (OSError, ValueError):
            return None
        for line in _requires(metadata):
            try:
                dependency = Requirement(line)
            except InvalidRequirement:
                return None
            if dependency.marker is None or _marker_true(dependency.marker, target, requirement.extras):
                queue.append((dependency, False))
    return [Resolved(r.name, r.version, r.url, head(r.url.split("#", 1)[0])) for r in chosen.values()]


def _requires(metadata: str) -> list[str]:
    header = metadata.split("\n\n", 1)[0]
    return [line.split(":", 1)[1].strip() for line in header.splitlines() if line.lower().startswith("requires-dist:")]


def _marker_true(marker: Marker, target: Target, extras: set[str]) -> bool:
    environment = dict(target.markers)
    for extra in extras or {""}:
        environment["extra"] = extra
        if marker.evaluate(environment):
            return True
    return False


def _best_wheel(
    name: str,
    requirement: Requirement,
    target: Target,
    indexes: Sequence[str],
    pages: dict[str, list[tuple[str, dict[str, str | None], str]]],
    fetch: Fetch,
) -> tuple[str, dict[str, str | None], str] | None:
    """(url, link attributes, version) of the newest satisfying wheel the target can install."""
    if name not in pages:
        pages[name] = []
        for index in indexes:
            page = f"{index.rstrip('/')}/{name}/"
            try:
                text = fetch(page).decode("utf-8", errors="replace")
            except (OSError, ValueError):
                continue  # pip also goes on with the other indexes (a 404 means "not here")
            parser = _Links()
            parser.feed(text)
            pages[name] += [(urljoin(page, href), attrs, "") for href, attrs in parser.links]
    rank = {tag: position for position, tag in enumerate(target.tags)}
    best: tuple[Version, int, str, dict[str, str | None]] | None = None
    for url, attrs, _ in pages[name]:
        filename = unquote(os.path.basename(urlsplit(url).path))
        if not filename.endswith(".whl") or attrs.get("data-yanked") is not None:
            continue
        try:
            _project, version, _build, tags = parse_wheel_filename(filename)
        except InvalidWheelFilename:
            continue
        positions = [rank[str(t)] for t in tags if str(t) in rank]
        if not positions or not requirement.specifier.contains(version, prereleases=bool(requirement.specifier)):
            continue
        key = (version, -min(positions), url, attrs)
        if best is None or key[:2] > best[:2]:
            best = key
    return (best[2], best[3], str(best[0])) if best else None

