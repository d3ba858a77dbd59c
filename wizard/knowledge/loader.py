"""Read resources/knowledge/*.json, check every entry, and build the typed tables of wizard.knowledge.model.

All validation happens here, once: a bad file raises :class:`KnowledgeError` with a one-line message that
names the file and the entry (``releases.json: releases[3] (2.7.0): variant 'cu128': ...``), so nothing
downstream ever meets a KeyError or an unparsable version.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import InvalidVersion, Version

from wizard.knowledge.model import (
    PLATFORMS,
    DriverBranch,
    DriverFloor,
    GpuFamily,
    GpuModel,
    Knowledge,
    KnownIssue,
    PlatformFacts,
    Release,
    Source,
    ToolkitDriver,
    Variant,
    WindowsPrerequisite,
)
from wizard.resources_path import resource
from wizard.urls import is_allowed_url, is_under_page

FILES = ("sources.json", "drivers.json", "releases.json", "gpus.json", "windows.json", "urls.json", "platforms.json")

_ARCH_ENTRY = re.compile(r"^\d{1,2}\.\d(\+PTX)?$")
_CAPABILITY = re.compile(r"^\d{1,2}\.\d$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_VARIANT_KINDS = ((re.compile(r"^cu(\d{2,3})$"), "cuda"), (re.compile(r"^cpu$"), "cpu"),
                  (re.compile(r"^rocm\d+(\.\d+)+$"), "rocm"), (re.compile(r"^xpu$"), "xpu"))
_OS_NAMES = ("linux", "windows", "darwin")


class KnowledgeError(ValueError):
    """A knowledge file is missing or malformed; the message names the file and the entry."""


def load_knowledge(directory: Path | None = None) -> Knowledge:
    """The validated knowledge base; read once per process for the shipped resources (or the folder
    named by ``TSW_KNOWLEDGE_DIR``: the tests' frozen copy, a maintainer trying a refreshed one)."""
    if directory is None:
        return _load_default()
    return _load(Path(directory))


@cache
def _load_default() -> Knowledge:
    return _load(default_knowledge_dir())


def default_knowledge_dir() -> Path:
    named = os.environ.get("TSW_KNOWLEDGE_DIR", "").strip()
    return Path(named) if named else resource("knowledge")


def _load(directory: Path) -> Knowledge:
    data = {name: _read_json(directory / name) for name in FILES}
    sources_file = _Entry("sources.json", "")
    sources = _sources(data["sources.json"], sources_file)
    source_keys = {s.key for s in sources}
    floors, toolkits = _drivers(data["drivers.json"], _Entry("drivers.json", "", source_keys))
    releases = _releases(data["releases.json"], _Entry("releases.json", "", source_keys))
    families, models = _gpus(data["gpus.json"], _Entry("gpus.json", "", source_keys))
    prerequisites, issues = _windows(data["windows.json"], _Entry("windows.json", "", source_keys))
    urls, allow_list = _urls(data["urls.json"], _Entry("urls.json", "", source_keys))
    platforms = _platforms(data["platforms.json"], _Entry("platforms.json", "", source_keys), releases, families)
    return Knowledge(
        checked_on=_date(sources_file.required(data["sources.json"], "checked_on", str), sources_file.at("checked_on")),
        sources=sources,
        driver_floors=floors,
        toolkit_drivers=toolkits,
        releases=releases,
        gpu_families=families,
        gpu_models=models,
        windows_prerequisites=prerequisites,
        url_allow_list=allow_list,
        urls=urls,
        known_issues=issues,
        platforms=platforms,
    )


# --------------------------------------------------------------------------- plumbing


class _Entry:
    """Where we are (file and entry path) and the source keys entries may cite."""

    def __init__(self, file: str, path: str, source_keys: set[str] | frozenset[str] = frozenset()) -> None:
        self.file = file
        self.path = path
        self.source_keys = source_keys

    def at(self, part: str) -> _Entry:
        joined = f"{self.path}: {part}" if self.path else part
        return _Entry(self.file, joined, self.source_keys)

    def error(self, message: str) -> KnowledgeError:
        where = f"{self.file}: {self.path}" if self.path else self.file
        return KnowledgeError(f"{where}: {message}")

    def required(self, obj: Any, key: str, kind: type | tuple[type, ...]) -> Any:
        if not isinstance(obj, dict):
            raise self.error(f"expected an object, got {_type_name(obj)}")
        if key not in obj:
            raise self.error(f"missing key {key!r}")
        return self.typed(obj[key], key, kind)

    def optional(self, obj: dict[str, Any], key: str, kind: type | tuple[type, ...], default: Any) -> Any:
        if key not in obj:
            return default
        return self.typed(obj[key], key, kind)

    def typed(self, value: Any, key: str, kind: type | tuple[type, ...]) -> Any:
        kinds = kind if isinstance(kind, tuple) else (kind,)
        if isinstance(value, bool) and bool not in kinds:
            raise self.error(f"{key!r} must be {_kind_name(kinds)}, got {value!r}")
        if not isinstance(value, kinds):
            raise self.error(f"{key!r} must be {_kind_name(kinds)}, got {_type_name(value)}")
        return value

    def strings(self, obj: dict[str, Any], key: str, required: bool = True) -> tuple[str, ...]:
        values = self.required(obj, key, list) if required else self.optional(obj, key, list, [])
        for value in values:
            if not isinstance(value, str):
                raise self.error(f"{key!r} must be a list of strings, got an item {value!r}")
        return tuple(values)

    def source(self, obj: dict[str, Any]) -> str:
        """Validate ``source`` (a key of sources.json, an https URL, or a list of them) and join it."""
        value = self.required(obj, "source", (str, list))
        items = [value] if isinstance(value, str) else value
        if not items:
            raise self.error("'source' must name at least one source")
        for item in items:
            if not isinstance(item, str) or not item.strip():
                raise self.error(f"'source' entries must be non-empty strings, got {item!r}")
            if item not in self.source_keys and not _is_https(item):
                raise self.error(f"source {item!r} is neither a key of sources.json nor an https URL")
        return ", ".join(items)


def _pattern(item: dict[str, Any], entry: _Entry) -> str:
    """The entry's "pattern", checked to be a valid regular expression."""
    pattern = entry.required(item, "pattern", str)
    try:
        re.compile(pattern)
    except re.error as exc:
        raise entry.error(f"pattern is not a valid regular expression: {exc}") from None
    return pattern


def _read_json(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise KnowledgeError(f"{path.name}: file is missing (looked in {path.parent})") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise KnowledgeError(f"{path.name}: cannot be read: {exc}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise KnowledgeError(f"{path.name}: invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
    if not isinstance(data, dict):
        raise KnowledgeError(f"{path.name}: the top level must be a JSON object, got {_type_name(data)}")
    return data


def _type_name(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "true/false", int: "a number", float: "a number"}.get(
        type(value), "null" if value is None else type(value).__name__
    )


def _kind_name(kinds: tuple[type, ...]) -> str:
    return " or ".join(_type_name(k()) for k in kinds)


def _is_https(text: str) -> bool:
    parts = urlsplit(text)
    return parts.scheme == "https" and bool(parts.hostname)


def _version(text: str, entry: _Entry, what: str = "version") -> str:
    try:
        Version(text)
    except InvalidVersion:
        raise entry.error(f"{what} {text!r} is not a valid version") from None
    return text


def _driver_version(text: str, entry: _Entry, what: str) -> str:
    if not re.fullmatch(r"\d+(\.\d+){0,2}", text):
        raise entry.error(f"{what} {text!r} is not a driver version like '525.60.13'")
    return text


def _date(text: str, entry: _Entry) -> str:
    if text and not _DATE.fullmatch(text):
        raise entry.error(f"date {text!r} is not YYYY-MM-DD")
    return text


def _each(items: list[Any], entry: _Entry, name: str, label: Callable[[Any], str] = lambda item: "") -> list[tuple[Any, _Entry]]:
    out = []
    for index, item in enumerate(items):
        text = label(item) if isinstance(item, dict) else ""
        sub = entry.at(f"{name}[{index}]" + (f" ({text})" if text else ""))
        if not isinstance(item, dict):
            raise sub.error(f"expected an object, got {_type_name(item)}")
        out.append((item, sub))
    return out


def _label(key: str) -> Callable[[Any], str]:
    return lambda item: str(item.get(key, "")) if isinstance(item.get(key, ""), (str, int)) else ""


# --------------------------------------------------------------------------- sources.json


def _sources(data: dict[str, Any], file: _Entry) -> tuple[Source, ...]:
    sources = []
    seen: set[str] = set()
    for item, entry in _each(file.required(data, "sources", list), file, "sources", _label("key")):
        key = entry.required(item, "key", str)
        url = entry.required(item, "url", str)
        if not key.strip():
            raise entry.error("'key' must not be empty")
        if key in seen:
            raise entry.error(f"duplicate source key {key!r}")
        if not _is_https(url):
            raise entry.error(f"url {url!r} is not an https URL")
        seen.add(key)
        sources.append(Source(key=key, title=entry.required(item, "title", str), url=url))
    return tuple(sources)


# --------------------------------------------------------------------------- drivers.json


def _drivers(data: dict[str, Any], file: _Entry) -> tuple[tuple[DriverFloor, ...], tuple[ToolkitDriver, ...]]:
    floors = []
    majors: set[int] = set()
    for item, entry in _each(file.required(data, "minor_version_floors", list), file, "minor_version_floors",
                             _label("cuda_major")):
        major = entry.required(item, "cuda_major", int)
        if major in majors:
            raise entry.error(f"duplicate CUDA major {major}")
        majors.add(major)
        floors.append(DriverFloor(
            cuda_major=major,
            linux=_driver_version(entry.required(item, "linux", str), entry, "linux driver"),
            windows=_driver_version(entry.required(item, "windows", str), entry, "windows driver"),
            source=entry.source(item),
        ))
    toolkits = []
    for item, entry in _each(file.required(data, "toolkit_drivers", list), file, "toolkit_drivers", _label("cuda")):
        windows = entry.required(item, "windows", str)
        toolkits.append(ToolkitDriver(
            cuda=_version(entry.required(item, "cuda", str), entry, "CUDA version"),
            linux=_driver_version(entry.required(item, "linux", str), entry, "linux driver"),
            windows=_driver_version(windows, entry, "windows driver") if windows else "",
            source=entry.source(item),
        ))
    return tuple(floors), tuple(toolkits)


# --------------------------------------------------------------------------- releases.json


def _releases(data: dict[str, Any], file: _Entry) -> tuple[Release, ...]:
    raw = file.required(data, "releases", list)
    by_version: dict[str, dict[str, Any]] = {}
    releases = []
    for item, entry in _each(raw, file, "releases", _label("version")):
        version = _version(entry.required(item, "version", str), entry)
        if any(Version(version) == Version(seen) for seen in by_version):
            raise entry.error(f"duplicate release {version}")
        merged = _inherit(item, by_version, entry)
        by_version[version] = merged
        releases.append(_release(merged, entry))
    return tuple(sorted(releases, key=lambda r: Version(r.version), reverse=True))


def _inherit(item: dict[str, Any], earlier: dict[str, dict[str, Any]], entry: _Entry) -> dict[str, Any]:
    base_version = entry.optional(item, "same_as", str, "")
    if not base_version:
        return item
    if base_version not in earlier:
        raise entry.error(f"same_as {base_version!r} does not name an earlier release entry")
    merged = {k: v for k, v in earlier[base_version].items() if k not in ("date", "note")}
    merged.update({k: v for k, v in item.items() if k != "same_as"})
    return merged


def _release(item: dict[str, Any], entry: _Entry) -> Release:
    python = entry.strings(item, "python")
    if len(python) != 2:
        raise entry.error(f"'python' must be [min, max], got {list(python)}")
    python_min, python_max = (_version(v, entry, "python version") for v in python)
    if Version(python_min) > Version(python_max):
        raise entry.error(f"python_min {python_min} is newer than python_max {python_max}")
    variants = _variants(entry.required(item, "variants", list), entry)
    names = {v.name for v in variants}
    pypi_default = entry.required(item, "pypi_default", dict)
    for platform, name in pypi_default.items():
        where = entry.at(f"pypi_default[{platform!r}]")
        if platform not in PLATFORMS:
            raise where.error(f"unknown platform {platform!r} (known: {', '.join(PLATFORMS)})")
        if name not in names:
            raise where.error(f"variant {name!r} is not a variant of this release")
        if platform not in next(v for v in variants if v.name == name).platforms:
            raise where.error(f"variant {name!r} is not published for {platform}")
    numpy1_only = entry.strings(item, "numpy1_only", required=False)
    for os_name in numpy1_only:
        if os_name not in _OS_NAMES:
            raise entry.error(f"numpy1_only: unknown OS {os_name!r} (known: {', '.join(_OS_NAMES)})")
    optional_versions = {key: entry.optional(item, key, str, "") for key in
                         ("torchvision", "torchaudio", "min_glibc", "min_vc_runtime")}
    for key, value in optional_versions.items():
        if value:
            _version(value, entry, key)
    return Release(
        version=entry.required(item, "version", str),
        date=_date(entry.optional(item, "date", str, ""), entry),
        python_min=python_min,
        python_max=python_max,
        variants=variants,
        pypi_default=tuple(sorted(pypi_default.items())),
        numpy1_only=numpy1_only,
        verified=entry.optional(item, "verified", bool, True),
        source=entry.source(item),
        **optional_versions,
    )


def _variants(raw: list[Any], release: _Entry) -> tuple[Variant, ...]:
    variants = []
    for index, item in enumerate(raw):
        if not isinstance(item, dict):
            raise release.at(f"variants[{index}]").error(f"expected an object, got {_type_name(item)}")
        name = item.get("name")
        entry = release.at(f"variant {name!r}" if isinstance(name, str) else f"variants[{index}]")
        name = entry.required(item, "name", str)
        if any(v.name == name for v in variants):
            raise entry.error("listed twice")
        variants.append(_variant(item, name, entry))
    return tuple(variants)


def _variant(item: dict[str, Any], name: str, entry: _Entry) -> Variant:
    kind, cuda = _variant_kind(name, entry)
    platforms = entry.strings(item, "platforms")
    for platform in platforms:
        if platform not in PLATFORMS:
            raise entry.error(f"unknown platform {platform!r} (known: {', '.join(PLATFORMS)})")
    unlabelled = entry.strings(item, "unlabelled", required=False)
    for platform in unlabelled:
        if platform not in platforms:
            raise entry.error(f"unlabelled platform {platform!r} is not in its platforms")
    arch = entry.optional(item, "arch", dict, {})
    arch_lists = []
    for platform, text in arch.items():
        if platform not in platforms:
            raise entry.error(f"arch list for {platform!r}, which is not in its platforms")
        if not isinstance(text, str):
            raise entry.error(f"arch list for {platform!r} must be a string like '7.5;8.0;12.0+PTX'")
        arch_lists.append((platform, _arch_list(text, entry)))
    if kind == "cuda":
        missing = [p for p in platforms if p not in arch]
        if missing:
            raise entry.error(f"no arch list for {', '.join(missing)}")
    cudnn = entry.optional(item, "cudnn", str, "")
    if cudnn:
        _version(cudnn, entry, "cuDNN version")
    return Variant(
        name=name,
        kind=kind,
        cuda=cuda,
        platforms=platforms,
        arch_lists=tuple(arch_lists),
        cudnn=cudnn,
        source=entry.source(item),
        unlabelled_platforms=unlabelled,
    )


def _variant_kind(name: str, entry: _Entry) -> tuple[str, str]:
    for pattern, kind in _VARIANT_KINDS:
        match = pattern.fullmatch(name)
        if match:
            digits = match.group(1) if kind == "cuda" else ""
            return kind, f"{digits[:-1]}.{digits[-1]}" if digits else ""
    raise entry.error("name must be cpu, cuXY (cu126), rocmX.Y or xpu")


def _arch_list(text: str, entry: _Entry) -> tuple[str, ...]:
    items = tuple(part.strip() for part in text.split(";"))
    for item in items:
        if not _ARCH_ENTRY.fullmatch(item):
            raise entry.error(f"arch list entry {item!r} is not a compute capability")
    return items


# --------------------------------------------------------------------------- gpus.json


def _gpus(data: dict[str, Any], file: _Entry) -> tuple[tuple[GpuFamily, ...], tuple[GpuModel, ...]]:
    families = []
    for item, entry in _each(file.required(data, "families", list), file, "families", _label("name")):
        capabilities = entry.strings(item, "capabilities")
        for capability in capabilities:
            if not _CAPABILITY.fullmatch(capability):
                raise entry.error(f"{capability!r} is not a compute capability like '8.6'")
        families.append(GpuFamily(name=entry.required(item, "name", str), capabilities=capabilities,
                                  examples=entry.required(item, "examples", str), source=entry.source(item)))
    family_caps = {f.name: f.capabilities for f in families}
    models = []
    for item, entry in _each(file.required(data, "models", list), file, "models", _label("pattern")):
        pattern = entry.required(item, "pattern", str)
        try:
            re.compile(pattern)
        except re.error as exc:
            raise entry.error(f"pattern is not a valid regular expression: {exc}") from None
        capability = entry.required(item, "capability", str)
        family = entry.required(item, "family", str)
        if family not in family_caps:
            raise entry.error(f"unknown family {family!r}")
        if capability not in family_caps[family]:
            raise entry.error(f"capability {capability!r} is not one of family {family!r}")
        models.append(GpuModel(pattern=pattern, capability=capability, family=family, source=entry.source(item)))
    return tuple(families), tuple(models)


# --------------------------------------------------------------------------- windows.json


def _windows(data: dict[str, Any], file: _Entry) -> tuple[tuple[WindowsPrerequisite, ...], tuple[KnownIssue, ...]]:
    prerequisites = []
    for item, entry in _each(file.required(data, "prerequisites", list), file, "prerequisites", _label("key")):
        url = entry.required(item, "url", str)
        if not is_allowed_url(url):
            raise entry.error(f"url {url!r} is not on the URL allow-list")
        prerequisites.append(WindowsPrerequisite(
            key=entry.required(item, "key", str),
            name=entry.required(item, "name", str),
            url=url,
            min_version=_version(entry.required(item, "min_version", str), entry, "min_version"),
            applies_from_torch=_version(entry.required(item, "applies_from_torch", str), entry, "applies_from_torch"),
            source=entry.source(item),
        ))
    issues = []
    for item, entry in _each(file.required(data, "known_issues", list), file, "known_issues", _label("key")):
        os_name = entry.required(item, "os", str)
        if os_name not in _OS_NAMES:
            raise entry.error(f"unknown OS {os_name!r}")
        specifier = entry.required(item, "torch", str)
        try:
            SpecifierSet(specifier)
        except InvalidSpecifier:
            raise entry.error(f"torch {specifier!r} is not a version specifier like '==2.4.0'") from None
        fixed_in = entry.required(item, "fixed_in", str)
        issues.append(KnownIssue(
            key=entry.required(item, "key", str),
            os=os_name,
            torch=specifier,
            fixed_in=_version(fixed_in, entry, "fixed_in") if fixed_in else "",
            summary=entry.required(item, "summary", str),
            source=entry.source(item),
        ))
    return tuple(prerequisites), tuple(issues)


# --------------------------------------------------------------------------- urls.json


def _urls(data: dict[str, Any], file: _Entry) -> tuple[tuple[tuple[str, str], ...], tuple[str, ...]]:
    allow_list = file.strings(data, "url_allow_list")
    for prefix in allow_list:
        if not _is_https(prefix):
            raise file.at("url_allow_list").error(f"{prefix!r} is not an https URL prefix")
    urls = file.required(data, "urls", dict)
    for name, url in urls.items():
        entry = file.at(f"urls[{name!r}]")
        if not isinstance(url, str):
            raise entry.error(f"must be a URL string, got {_type_name(url)}")
        if not is_allowed_url(url) or not _on_allow_list(url, allow_list):
            raise entry.error(f"{url!r} is not on the URL allow-list")
    return tuple(urls.items()), allow_list


def _on_allow_list(url: str, allow_list: tuple[str, ...]) -> bool:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    for prefix in allow_list:
        allowed = (urlsplit(prefix).hostname or "").lower()
        if urlsplit(prefix).path not in ("", "/"):  # an exact page (github.com/owner/project/), not a whole host
            if is_under_page(host, parts.path, prefix):
                return True
        elif host == allowed or host.endswith("." + allowed):
            return True
    return False



# --------------------------------------------------------------------------- platforms.json

_GFX = re.compile(r"^gfx[0-9a-f]{3,4}$")


def _platforms(data: dict[str, Any], file: _Entry, releases: tuple[Release, ...],
               families: tuple[GpuFamily, ...]) -> PlatformFacts:
    known_caps = {c for f in families for c in f.capabilities}
    branches = []
    for item, entry in _each(file.required(data, "driver_branches", list), file, "driver_branches", _label("family")):
        capabilities = entry.strings(item, "capabilities")
        unknown = [c for c in capabilities if c not in known_caps and not _CAPABILITY.fullmatch(c)]
        if unknown:
            raise entry.error(f"{unknown[0]!r} is not a compute capability like '8.6'")
        branches.append(DriverBranch(family=entry.required(item, "family", str), capabilities=capabilities,
                                     last_branch=_driver_version(entry.required(item, "last_branch", str), entry,
                                                                 "last_branch"), source=entry.source(item)))
    rocm = []
    for item, entry in _each(file.required(data, "rocm_archs", list), file, "rocm_archs"):
        entry.source(item)
        targets = _gfx_list(entry.strings(item, "gfx"), entry)
        rocm.append((entry.required(item, "rocm_major", int), targets))
    amd = []
    for item, entry in _each(file.required(data, "amd_gpus", list), file, "amd_gpus", _label("pattern")):
        entry.source(item)
        amd.append((_pattern(item, entry), _gfx_list((entry.required(item, "gfx", str),), entry)[0]))
    pythons = []
    for item, entry in _each(file.required(data, "python_last_torch", list), file, "python_last_torch",
                             _label("python")):
        entry.source(item)
        pythons.append((_version(entry.required(item, "python", str), entry, "python"),
                        _version(entry.required(item, "torch", str), entry, "torch"),
                        _date(entry.required(item, "date", str), entry.at("date"))))
    intel_mac = _section(data, file, "intel_mac_last")
    intel_last = _version(intel_mac.required(data["intel_mac_last"], "torch", str), intel_mac, "torch")
    if not any(r.version == intel_last and "darwin-x86_64" in {p for v in r.variants for p in v.platforms}
               for r in releases):
        raise intel_mac.error(f"torch {intel_last} has no darwin-x86_64 build in releases.json")
    jetson = _section(data, file, "jetson")
    jetson_url = jetson.required(data["jetson"], "url", str)
    if not is_allowed_url(jetson_url):
        raise jetson.error(f"url {jetson_url!r} is not on the URL allow-list")
    xpu = _section(data, file, "xpu")
    xpu_platforms = xpu.strings(data["xpu"], "platforms")
    if any(p not in PLATFORMS for p in xpu_platforms):
        raise xpu.error(f"platforms must be among {', '.join(PLATFORMS)}")
    xpu_gpus = []
    if not isinstance(data["xpu"].get("gpus", []), list):
        raise xpu.error("gpus must be a list")
    for item, entry in _each(data["xpu"].get("gpus", []), xpu, "gpus", _label("pattern")):
        entry.source(item)
        xpu_gpus.append(_pattern(item, entry))
    mps = _section(data, file, "mps")
    for key in ("amd_windows", "hosted_notebook"):
        _section(data, file, key)
    return PlatformFacts(
        driver_branches=tuple(branches),
        rocm_archs=tuple(rocm),
        amd_gpus=tuple(amd),
        python_last_torch=tuple(pythons),
        intel_mac_last=intel_last,
        jetson_url=jetson_url,
        xpu_min_torch=_version(xpu.required(data["xpu"], "min_torch", str), xpu, "min_torch"),
        xpu_platforms=xpu_platforms,
        xpu_gpus=tuple(xpu_gpus),
        mps_min_torch=_version(mps.required(data["mps"], "min_torch", str), mps, "min_torch"),
    )


def _section(data: dict[str, Any], file: _Entry, key: str) -> _Entry:
    """A sourced object of platforms.json (its ``source`` validated)."""
    entry = file.at(key)
    entry.source(file.required(data, key, dict))
    return entry


def _gfx_list(targets: tuple[str, ...], entry: _Entry) -> tuple[str, ...]:
    for target in targets:
        if not _GFX.fullmatch(target):
            raise entry.error(f"{target!r} is not an AMD gfx target like 'gfx1100'")
    return targets
