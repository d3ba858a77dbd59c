"""Merge the package index's answer into the knowledge base, for one interpreter (pure).

The index decides what exists: which torch releases, in which variants, with a wheel for this interpreter's own
tags, and which torchvision/torchaudio belong to them. The bundled knowledge keeps deciding what it is sure of:
driver floors, arch lists, cuDNN, GPU tables (a new release inherits them from the newest bundled release with
the same variant). The result is the same typed Knowledge, so the recommendation and the checks run unchanged;
``Knowledge.index`` records the source, per-release provenance and every disagreement.
"""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict

from packaging.tags import Tag
from packaging.utils import InvalidWheelFilename, parse_wheel_filename
from packaging.version import InvalidVersion, Version

from wizard.index.urls import without_credentials
from wizard.knowledge.model import PLATFORMS, IndexNote, IndexSummary, Knowledge, Release, Variant, platform_key
from wizard.snapshot import IndexListing, IndexPage, Snapshot

_CUDA_RUNTIME = re.compile(r"^nvidia-cuda-runtime(?:-cu\d+)?\s*==\s*(\d+)\.(\d+)", re.IGNORECASE)
_NVIDIA_CU = re.compile(r"^nvidia-[a-z0-9-]+-cu(\d+)\b", re.IGNORECASE)
_VARIANT_KIND = ((re.compile(r"^cu(\d{2,3})$"), "cuda"), (re.compile(r"^cpu$"), "cpu"),
                 (re.compile(r"^rocm\d+(\.\d+)+$"), "rocm"), (re.compile(r"^xpu$"), "xpu"))
_REQUIRES_TORCH = re.compile(r"^torch\s*==\s*([0-9][0-9a-z.+]*)", re.IGNORECASE)


@dataclasses.dataclass(frozen=True)
class _Wheel:
    project: str
    variant: str  # the index path it was listed under
    filename: str
    version: Version
    tags: frozenset[Tag]
    requires: tuple[str, ...]


REASON_PHRASE = "phrase.index_reason."  # words.json: why the index's answer was not used, as a phrase


def knowledge_with_index(knowledge: Knowledge, snapshot: Snapshot, torch_index: str = "") -> Knowledge:
    """The knowledge to diagnose ``snapshot`` with: merged with the index answer it carries, or the bundled
    tables with a summary that says why (offline, unreachable, tags unknown, another index than ``torch_index``,
    the one the pip command will use). Unchanged when the index was not read."""
    fact = snapshot.index
    if not fact.ok:
        problem = fact.problem
        if problem is None or problem.code not in ("index_offline", "index_unreachable"):
            return knowledge
        key, fields = (("offline", ()) if problem.code == "index_offline"
                       else ("unreachable", (("detail", problem.reason),)))
        return dataclasses.replace(knowledge, index=IndexSummary(source="bundled", base="", reason=problem.reason,
                                                                 reason_key=REASON_PHRASE + key, reason_fields=fields))
    listing: IndexListing = fact.value
    if torch_index and without_credentials(torch_index).rstrip("/") != listing.base.rstrip("/"):
        reason = f"the index read ({listing.base}) is not the one pip is told to use ({without_credentials(torch_index)})"
        fields = (("read", listing.base), ("wanted", without_credentials(torch_index)))
        return dataclasses.replace(knowledge, index=IndexSummary(source="bundled", base="", reason=reason,
                                                                 reason_key=REASON_PHRASE + "other_index",
                                                                 reason_fields=fields))
    python = snapshot.python.get()
    tags = python.tags.get() if python else None
    if python is None or not tags:
        summary = IndexSummary(source="bundled", base=listing.base, fetched_at=listing.fetched_at,
                               reason="the wheel tags of the interpreter are unknown",
                               reason_key=REASON_PHRASE + "tags_unknown")
        return dataclasses.replace(knowledge, index=summary)
    try:
        return merge_listing(knowledge, listing, frozenset(tags), platform_key(python.os, python.machine))
    except Exception as exc:  # noqa: BLE001 - an odd index answer must never cost the diagnosis
        reason = f"its answer could not be used ({type(exc).__name__}: {str(exc)[:200]})"
        summary = IndexSummary(source="bundled", base=listing.base, reason=reason, reason_key=REASON_PHRASE + "unusable",
                               reason_fields=(("error", f"{type(exc).__name__}: {str(exc)[:200]}"),))
        return dataclasses.replace(knowledge, index=summary)


def merge_listing(knowledge: Knowledge, listing: IndexListing, interpreter_tags: frozenset[str], platform: str) -> Knowledge:
    wheels = _wheels(listing.pages)
    read = {(p.variant, p.project): p.status for p in listing.pages}
    newest_bundled = knowledge.newest_release()
    torch_by_version: dict[Version, dict[str, list[_Wheel]]] = defaultdict(lambda: defaultdict(list))
    for wheel in wheels:
        if wheel.project == "torch":
            torch_by_version[Version(wheel.version.public)][wheel.variant].append(wheel)

    def fits(wheel: _Wheel) -> bool:
        return any(str(tag) in interpreter_tags for tag in wheel.tags)

    notes: list[IndexNote] = []
    provenance: dict[str, str] = {}
    releases: list[Release] = []
    missing_variants = sorted({v for (v, project), status in read.items() if project == "torch" and status == "missing"})
    notes.extend(IndexNote("missing_variant", "", v) for v in missing_variants if _bundled_has_variant(knowledge, v))
    for release in knowledge.releases:
        version = release.parsed
        if version in torch_by_version and not release.verified:
            continue  # replaced below by what the index lists
        release = _without_variants(release, platform, missing_variants)
        if release.verified and version == newest_bundled.parsed:  # the one a recommendation would otherwise name
            release, missing = _checked_against_index(release, torch_by_version.get(version, {}), read, platform, fits)
            notes.extend(IndexNote("missing_wheel", release.version, v) for v in missing)
            provenance[release.version] = "bundled"
        releases.append(release)
    for version, by_variant in sorted(torch_by_version.items(), reverse=True):
        bundled = knowledge.release(str(version))
        known = bundled is not None and bundled.parsed == version
        if known and bundled.verified:
            continue
        if version <= newest_bundled.parsed and not known:
            continue  # an old release the bundled tables left out on purpose (or pruned): not worth a guess
        release = _release_from_index(version, by_variant, wheels, knowledge, platform, fits, listing.base)
        releases.append(release)
        provenance[release.version] = "index"
        notes.append(IndexNote("confirmed" if known else "newer", release.version))
    releases.sort(key=lambda r: r.parsed, reverse=True)
    summary = IndexSummary(source=listing.source, base=listing.base, fetched_at=listing.fetched_at,
                           reason=listing.note, provenance=tuple(sorted(provenance.items(), key=lambda kv: Version(kv[0]),
                                                                        reverse=True)),
                           notes=tuple(notes))
    return dataclasses.replace(knowledge, releases=tuple(releases), index=summary)


def _wheels(pages: tuple[IndexPage, ...]) -> list[_Wheel]:
    out = []
    for page in pages:
        if page.status != "ok":
            continue
        for file in page.files:
            try:
                name, version, _build, tags = parse_wheel_filename(file.filename)
            except (InvalidWheelFilename, InvalidVersion, ValueError):
                continue
            if name != page.project:
                continue
            out.append(_Wheel(page.project, page.variant, file.filename, version, tags, file.requires))
    return out


def _bundled_has_variant(knowledge: Knowledge, name: str) -> bool:
    return any(r.variant(name) for r in knowledge.releases)


def _without_variants(release: Release, platform: str, names: list[str]) -> Release:
    """The variants this index lacks cannot be installed from it on this platform."""
    if not any(release.variant(name) for name in names):
        return release
    variants = tuple(_drop_platform(v, platform) if v.name in names else v for v in release.variants)
    return dataclasses.replace(release, variants=variants)


def _drop_platform(variant: Variant, platform: str) -> Variant:
    return dataclasses.replace(variant, platforms=tuple(p for p in variant.platforms if p != platform))


def _checked_against_index(release, on_index, read, platform, fits) -> tuple[Release, list[str]]:
    """A bundled release of the current series: variants the index read but lists no wheel for this interpreter are
    dropped on this platform (pip could not install them); returns the release and those variant names."""
    missing = []
    variants = []
    for variant in release.variants:
        listed = read.get((variant.name, "torch")) == "ok" and platform in variant.platforms
        if listed and not any(fits(w) for w in on_index.get(variant.name, [])):
            missing.append(variant.name)
            variant = _drop_platform(variant, platform)
        variants.append(variant)
    return dataclasses.replace(release, variants=tuple(variants)), missing


def _release_from_index(version, by_variant, wheels, knowledge: Knowledge, platform, fits, base: str) -> Release:
    template = knowledge.newest_release()
    variants = tuple(
        _variant_from_index(name, found, knowledge, platform, fits, base)
        for name, found in sorted(by_variant.items())
    )
    all_torch = [w for found in by_variant.values() for w in found]
    python_min, python_max = _python_range(all_torch) or (template.python_min, template.python_max)
    published = {(p, v.name) for v in variants for p in v.platforms}
    return Release(
        version=str(version),
        date="",
        python_min=python_min,
        python_max=python_max,
        variants=variants,
        pypi_default=tuple((p, n) for p, n in template.pypi_default if (p, n) in published),
        torchvision=_companion("torchvision", version, wheels, template, fits),
        torchaudio=_companion("torchaudio", version, wheels, None, fits),
        min_glibc=_min_glibc(all_torch) or template.min_glibc,
        min_vc_runtime=template.min_vc_runtime,
        verified=True,
        source=base,
    )


def _variant_from_index(name: str, found: list[_Wheel], knowledge: Knowledge, platform: str, fits, base: str) -> Variant:
    kind, cuda = _kind_and_cuda(name, found)
    known = _newest_variant(knowledge, name) or _newest_same_major(knowledge, kind, cuda)
    platforms = set()
    unlabelled = set()
    for wheel in found:
        for key in _platforms_of(wheel.tags):
            if key != platform or fits(wheel):
                platforms.add(key)
                if not wheel.version.local:
                    unlabelled.add(key)
    return Variant(
        name=name,
        kind=kind,
        cuda=(known.cuda if known is not None and known.name == name else cuda),
        platforms=tuple(p for p in PLATFORMS if p in platforms),
        arch_lists=known.arch_lists if known is not None else (),
        cudnn=known.cudnn if known is not None and known.name == name else "",
        source=base,
        unlabelled_platforms=tuple(p for p in PLATFORMS if p in unlabelled),
    )


def _kind_and_cuda(name: str, found: list[_Wheel]) -> tuple[str, str]:
    kind = next((k for pattern, k in _VARIANT_KIND if pattern.match(name)), "other")
    if kind != "cuda":
        return kind, ""
    return kind, cuda_from_requires(w.requires for w in found) or _cuda_from_name(name)


def cuda_from_requires(requires_lists) -> str:
    """The CUDA runtime a torch wheel was built with, from its nvidia-* requirements (PEP 658 metadata):
    nvidia-cuda-runtime(-cuXX)==X.Y.* gives X.Y; other nvidia-*-cuXX give only the major ("13")."""
    major = ""
    for requires in requires_lists:
        for line in requires:
            exact = _CUDA_RUNTIME.match(line.strip())
            if exact:
                return f"{exact.group(1)}.{exact.group(2)}"
            suffix = _NVIDIA_CU.match(line.strip())
            if suffix and not major:
                major = suffix.group(1)
    return major


def _cuda_from_name(name: str) -> str:
    digits = name[2:]
    return f"{digits[:-1]}.{digits[-1]}" if digits.isdigit() and len(digits) >= 2 else ""


def _newest_variant(knowledge: Knowledge, name: str) -> Variant | None:
    for release in sorted(knowledge.releases, key=lambda r: r.parsed, reverse=True):
        if release.verified and release.variant(name):
            return release.variant(name)
    return None


def _newest_same_major(knowledge: Knowledge, kind: str, cuda: str) -> Variant | None:
    """For a variant the bundled knowledge has never seen: the arch lists of the newest one of the same CUDA major."""
    if kind != "cuda" or not cuda:
        return None
    major = cuda.split(".")[0]
    for release in sorted(knowledge.releases, key=lambda r: r.parsed, reverse=True):
        same = [v for v in release.variants if v.kind == "cuda" and v.cuda.split(".")[0] == major]
        if release.verified and same:
            return max(same, key=lambda v: _cuda_tuple(v.cuda))
    return None


def _cuda_tuple(cuda: str) -> tuple[int, ...]:
    return tuple(int(p) for p in cuda.split(".") if p.isdigit())


def _platforms_of(tags: frozenset[Tag]) -> set[str]:
    found = set()
    for tag in tags:
        key = platform_of_tag(tag.platform)
        if key == "any":
            return set(PLATFORMS)
        if key:
            found.add(key)
    return found


def platform_of_tag(platform_tag: str) -> str:
    """The PLATFORMS key of a wheel platform tag ("manylinux_2_28_x86_64" → "linux-x86_64"), "any", or ""."""
    if platform_tag == "any":
        return "any"
    if platform_tag.startswith(("manylinux", "linux", "musllinux")):
        os_name = "linux"
    elif platform_tag.startswith("win"):
        os_name = "windows"
    elif platform_tag.startswith("macosx"):
        os_name = "darwin"
    else:
        return ""
    machine = platform_tag.rsplit("_", 1)[-1] if os_name != "windows" else platform_tag.split("_", 1)[-1]
    if machine == "64" and platform_tag.endswith("x86_64"):
        machine = "x86_64"
    key = platform_key(os_name, machine)
    return key if key in PLATFORMS else ""


def _python_range(wheels: list[_Wheel]) -> tuple[str, str] | None:
    minors = set()
    for wheel in wheels:
        for tag in wheel.tags:
            if tag.interpreter.startswith("cp3") and tag.interpreter[3:].isdigit():
                minors.add(int(tag.interpreter[3:]))
    if not minors:
        return None
    return f"3.{min(minors)}", f"3.{max(minors)}"


def _min_glibc(wheels: list[_Wheel]) -> str:
    found = []
    for wheel in wheels:
        for tag in wheel.tags:
            match = re.match(r"manylinux_(\d+)_(\d+)_", tag.platform)
            if match:
                found.append((int(match.group(1)), int(match.group(2))))
            elif tag.platform.startswith("manylinux2014"):
                found.append((2, 17))
    return f"{min(found)[0]}.{min(found)[1]}" if found else ""


def _companion(project: str, torch_version: Version, wheels: list[_Wheel], template: Release | None, fits) -> str:
    """The torchvision/torchaudio of a torch release on the same index: the newest whose metadata requires exactly
    that torch; without metadata, torchaudio shares torch's version and torchvision keeps the bundled minor offset."""
    candidates = [w for w in wheels if w.project == project]
    pinned = [w for w in candidates if _required_torch(w.requires) == torch_version]
    if pinned:
        return str(Version(max(pinned, key=lambda w: (fits(w), w.version)).version.public))
    if project == "torchaudio":
        same = [w for w in candidates if Version(w.version.public) == torch_version and not w.requires]
        return str(torch_version) if same else ""
    if template is None or not template.torchvision:
        return ""
    offset = Version(template.torchvision).minor - template.parsed.minor
    paired = [w for w in candidates if not w.requires and w.version.major == 0
              and w.version.minor == torch_version.minor + offset]
    return str(Version(max(paired, key=lambda w: w.version).version.public)) if paired else ""


def _required_torch(requires: tuple[str, ...]) -> Version | None:
    for line in requires:
        match = _REQUIRES_TORCH.match(line.strip())
        if match:
            try:
                return Version(Version(match.group(1)).public)
            except InvalidVersion:
                return None
    return None
