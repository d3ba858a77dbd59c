"""Regenerate the release/variant/Python tables of resources/knowledge from the PyTorch package index.

    python tools/refresh_knowledge.py [--index URL] [--knowledge DIR] [--date YYYY-MM-DD] [--dry-run]

Reads ``<index>/<variant>/{torch,torchvision,torchaudio}/`` (the variants of the newest releases the knowledge
knows, plus any variant label found on ``<index>/torch/`` where the index serves that page), then writes every
release newer than the newest verified entry, and every unverified entry the index now lists, into
releases.json as ``verified`` entries, and sets sources.json ``checked_on`` to the date. Python range, platforms,
glibc floor, torchvision/torchaudio pairs come from the wheels and their PEP 658 metadata; arch lists and cuDNN are
inherited from the newest known release with the same variant (a note in the entry says so: review them before a
release). Network settings are pip's (``pip config list``) like the wizard's own index reader.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from packaging.version import Version  # noqa: E402

from wizard.index import merge  # noqa: E402
from wizard.index.collect import IndexRequest, read_index, wheel_version  # noqa: E402
from wizard.index.fetch import build_opener, get, without_credentials  # noqa: E402
from wizard.index.netconfig import pip_net_settings  # noqa: E402
from wizard.index.request import index_request  # noqa: E402
from wizard.index.simple import ACCEPT, PageError, parse_project_page  # noqa: E402
from wizard.knowledge import KnowledgeError, load_knowledge  # noqa: E402
from wizard.knowledge.model import Knowledge, Release, Variant  # noqa: E402

DEFAULT_INDEX = "https://download.pytorch.org/whl"
INDEX_SOURCE = {"key": "PT-INDEX", "title": "The PyTorch package index (wheel files and their metadata), read by "
                "tools/refresh_knowledge.py", "url": "https://download.pytorch.org/whl/"}
READ_TIMEOUT = 120.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", default=DEFAULT_INDEX, help="index base (default: %(default)s)")
    parser.add_argument("--knowledge", type=Path, default=REPO / "resources" / "knowledge", help="knowledge folder")
    parser.add_argument("--date", default=datetime.date.today().isoformat(), help="checked_on date (default: today)")
    parser.add_argument("--dry-run", action="store_true", help="print what would change, write nothing")
    args = parser.parse_args(argv)
    knowledge = load_knowledge(args.knowledge)
    base = args.index.rstrip("/")
    request = index_request(knowledge, base)
    settings = pip_net_settings(sys.executable)
    variants = tuple(dict.fromkeys(request.variants + discovered_variants(base, settings, request)))
    request = dataclasses.replace(request, variants=variants, timeout=READ_TIMEOUT)
    listing, problem = read_index(base, request, settings, READ_TIMEOUT)
    if listing is None:
        print(f"refresh_knowledge: {problem}", file=sys.stderr)
        return 2
    entries, warnings = new_entries(knowledge, listing)
    for line in warnings:
        print(f"warning: {line}")
    print(f"{len(entries)} release(s) from {without_credentials(base)}: {', '.join(e['version'] for e in entries) or 'none'}")
    if args.dry_run:
        print(json.dumps(entries, indent=2))
        return 0
    originals = {name: (args.knowledge / name).read_text(encoding="utf-8") for name in ("releases.json", "sources.json")}
    write(args.knowledge, entries, args.date)
    try:
        load_knowledge(args.knowledge)  # the result must validate like any hand edit
    except KnowledgeError as exc:
        for name, text in originals.items():
            (args.knowledge / name).write_text(text, encoding="utf-8")
        print(f"refresh_knowledge: the generated tables do not validate, nothing changed: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {args.knowledge / 'releases.json'} and checked_on {args.date} in sources.json")
    return 0


def discovered_variants(base: str, settings, request: IndexRequest) -> tuple[str, ...]:
    """Local version labels of current torch wheels on ``<base>/torch/`` (all variants on one page, where served)."""
    answer = get(build_opener(settings), f"{base}/torch/", accept=ACCEPT, timeout=30.0)
    if not answer.ok:
        return ()
    try:
        links = parse_project_page(answer.body, answer.content_type, answer.url or f"{base}/torch/")
    except PageError:
        return ()
    floor = Version(dict(request.since).get("torch", "0"))
    labels = []
    for link in links:
        version = wheel_version(link.filename)
        if version is not None and version.local and Version(version.public) >= floor and version.local not in labels:
            labels.append(version.local)
    return tuple(labels)


def new_entries(knowledge: Knowledge, listing) -> tuple[list[dict], list[str]]:
    """releases.json entries for what the index has beyond the verified tables (newest first), and warnings."""
    merged = merge.merge_listing(knowledge, listing, frozenset(), "")
    from_index = [v for v, origin in merged.index.provenance if origin == "index"]
    warnings: list[str] = []
    entries = []
    for version in from_index:
        release = _for_every_platform(knowledge, listing, version)
        entries.append(_entry(release, knowledge, warnings, listing.base))
    return entries, warnings


def _for_every_platform(knowledge: Knowledge, listing, version: str) -> Release:
    """The release as the index lists it for all interpreters (not one machine's tags)."""
    wheels = merge._wheels(listing.pages)
    by_variant: dict[str, list] = {}
    for wheel in wheels:
        if wheel.project == "torch" and Version(wheel.version.public) == Version(version):
            by_variant.setdefault(wheel.variant, []).append(wheel)
    return merge._release_from_index(Version(version), by_variant, wheels, knowledge, "", lambda _w: True,
                                     listing.base)


def _entry(release: Release, knowledge: Knowledge, warnings: list[str], base: str) -> dict:
    template = knowledge.newest_release()
    variants = []
    for variant in release.variants:
        item = _variant_entry(variant, warnings, release.version)
        if item is not None:
            variants.append(item)
    return {
        "version": release.version,
        "date": "",
        "python": [release.python_min, release.python_max],
        "torchvision": release.torchvision,
        "torchaudio": release.torchaudio,
        "pypi_default": dict(release.pypi_default),
        "numpy1_only": [],
        "min_glibc": release.min_glibc,
        "min_vc_runtime": release.min_vc_runtime,
        "verified": True,
        "variants": variants,
        "source": ["PT-INDEX"],
        "note": (f"Generated by tools/refresh_knowledge.py from {without_credentials(base)}: Python range, platforms "
                 f"and companions from the wheels; arch lists, cuDNN and PyPI defaults inherited from "
                 f"{template.version} (review before a release)."),
    }


def _variant_entry(variant: Variant, warnings: list[str], version: str) -> dict | None:
    item: dict = {"name": variant.name, "platforms": list(variant.platforms)}
    if variant.kind == "cuda":
        arch = {p: ";".join(variant.arch_list(p)) for p in variant.platforms}
        lacking = [p for p, text in arch.items() if not text]
        if lacking:
            warnings.append(f"{version} {variant.name}: no known arch list for {', '.join(lacking)}; left out")
            return None
        item["arch"] = arch
        item["cudnn"] = variant.cudnn
        named = merge._cuda_from_name(variant.name)
        if variant.cuda and named and variant.cuda != named:
            warnings.append(f"{version} {variant.name}: the wheel metadata names CUDA {variant.cuda}, the name {named}")
    if variant.unlabelled_platforms:
        item["unlabelled"] = list(variant.unlabelled_platforms)
    item["source"] = ["PT-INDEX"]
    return item


def write(folder: Path, entries: list[dict], date: str) -> None:
    releases_path, sources_path = folder / "releases.json", folder / "sources.json"
    releases = json.loads(releases_path.read_text(encoding="utf-8"))
    replaced = {e["version"] for e in entries}
    kept = [r for r in releases["releases"] if r.get("version") not in replaced]
    releases["releases"] = sorted(entries, key=lambda e: Version(e["version"]), reverse=True) + kept
    sources = json.loads(sources_path.read_text(encoding="utf-8"))
    sources["checked_on"] = date
    if not any(s.get("key") == INDEX_SOURCE["key"] for s in sources["sources"]):
        sources["sources"].append(INDEX_SOURCE)
    for path, data in ((releases_path, releases), (sources_path, sources)):
        path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
