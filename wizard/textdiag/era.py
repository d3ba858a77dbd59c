"""Was the Python a pasted text names served by the torch of the text's own era?

An old post names an old Python ("python3.6/site-packages" in a traceback, "Python 3.7" in a template).
Judged against today's torch it is "unsupported"; judged against the torch the post shows, it usually
was not. The era comes from the text itself, strongest first:

1. a torch package inside that Python's site-packages (a traceback path): a wheel existed for it;
2. the torch version the text shows installed, else the one it asks for;
3. the torchvision version shown (its paired torch);
4. the CUDA of the torch build (releases that published that variant);
5. pip's "(from versions: ...)" list with real releases: pip lists only files it could install here.

Each torch release's Pythons come from the knowledge base (1.12 onwards) and, for older releases, from
resources/textdiag/torch_eras.json (torchvision's README table). When the text shows no era, only a Python
outside every release's range (Python 2, or a 3.x newer than the newest release supports) is "unsupported".
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

from packaging.version import InvalidVersion, Version

ERAS_FILE = Path(__file__).resolve().parents[2] / "resources" / "textdiag" / "torch_eras.json"
SERVED, NOT_SERVED, UNKNOWN = "true", "false", "unknown"
# torch 0.1.2 on PyPI is a placeholder sdist (any Python "gets" it); it says nothing about wheels
PLACEHOLDER = re.compile(r"^0\.1\.\d")
TORCH_IN_SITE_PACKAGES = re.compile(
    r"python(?P<major>[23])\.?(?P<minor>\d{1,2})[\\/](?:lib[\\/])?(?:site|dist)-packages[\\/]torch[\\/]", re.IGNORECASE
)
Range = tuple[tuple[int, int], tuple[int, int]]


@dataclass(frozen=True)
class EraRelease:
    torch: str  # "1.4" (minor) or "2.1.0"
    torchvision: tuple[str, ...]
    python: tuple[Range, ...]
    cuda: tuple[str, ...]  # "11.8"; empty for releases older than the knowledge base (not tabled)

    def serves(self, python: tuple[int, int]) -> bool:
        return any(low <= python <= high for low, high in self.python)


@dataclass(frozen=True)
class EraJudgement:
    served: str  # SERVED | NOT_SERVED | UNKNOWN
    basis: str  # what in the text set the era ("torch 1.4.0 shown installed")
    era: str  # the torch versions considered ("1.4", "1.8-2.3"), "" when unknown

    def facts(self) -> tuple[tuple[str, str], ...]:
        return (("python_served_then", self.served), ("era_basis", self.basis), ("era", self.era))


def judge_python(python_version: str, facts: dict[str, str], text: str = "") -> EraJudgement:
    """Whether the torch of the text's era published wheels for ``python_version``."""
    python = _minor_tuple(python_version)
    if python is None:
        return EraJudgement(UNKNOWN, "", "")
    installed_here = _torch_in_site_packages(text, python)
    if installed_here:
        return EraJudgement(SERVED, "torch is installed in this Python's site-packages", "")
    releases, basis = _era_releases(facts)
    if releases:
        served = any(release.serves(python) for release in releases)
        return EraJudgement(SERVED if served else NOT_SERVED, basis, _span(releases))
    listed = _real_versions(facts.get("available_versions", ""))
    if listed:
        return EraJudgement(SERVED, f"pip found torch {listed[-1]} for this Python", listed[-1])
    if python[0] == 2:  # (torch 0.4 to 1.4 had Python 2.7 wheels; with no era shown, today's releases decide)
        return EraJudgement(NOT_SERVED, "no torch release since 1.4 (2020) publishes wheels for Python 2", "")
    if not any(release.serves(python) for release in all_releases()):
        return EraJudgement(NOT_SERVED, "no torch release ever published wheels for this Python", "")
    return EraJudgement(UNKNOWN, "the text does not show which torch era it is from", "")


# ------------------------------------------------------------------ the era the text shows


def _era_releases(facts: dict[str, str]) -> tuple[list[EraRelease], str]:
    for key, label in (("torch_installed", "shown installed"), ("torch_version", "shown"), ("requested", "asked for"),
                       ("torch_named", "named")):
        version = _version_in(facts.get(key, ""))
        if version:
            found = [r for r in all_releases() if _same_release(r.torch, version)]
            if found:
                return found, f"torch {version} {label}"
    vision = _version_in(facts.get("torchvision_version", ""))
    if vision:
        found = [r for r in all_releases() if any(_same_release(v, vision) for v in r.torchvision)]
        if found:
            return found, f"torchvision {vision} shown"
    cuda = _build_cuda(facts)
    if cuda:
        found = [r for r in all_releases() if cuda in r.cuda]
        if _older_than_knowledge_cuda(cuda):
            found += [r for r in all_releases() if not r.cuda]
        if found:
            return found, f"a torch build for CUDA {cuda}"
    return [], ""


def _build_cuda(facts: dict[str, str]) -> str:
    if facts.get("torch_cuda"):
        found = re.match(r"(\d{1,2})\.(\d)", facts["torch_cuda"])
        return f"{found.group(1)}.{found.group(2)}" if found else ""
    for key in ("torch_variant", "index_variant"):
        found = re.fullmatch(r"cu(\d{1,2})(\d)", facts.get(key, ""))
        if found:
            return f"{found.group(1)}.{found.group(2)}"
    return ""


def _older_than_knowledge_cuda(cuda: str) -> bool:
    """Releases older than the knowledge base never had a newer CUDA than its oldest release's newest one."""
    tabled = [r for r in all_releases() if r.cuda]
    if not tabled:
        return True
    oldest = min(tabled, key=lambda r: _key(r.torch))
    return _key(cuda) <= max(_key(c) for c in oldest.cuda)


def _torch_in_site_packages(text: str, python: tuple[int, int]) -> bool:
    if "packages" not in text:
        return False
    for found in TORCH_IN_SITE_PACKAGES.finditer(text):
        if (int(found.group("major")), int(found.group("minor"))) == python:
            return True
    return False


def _real_versions(listed: str) -> list[str]:
    """pip's "from versions" list without the placeholder sdists, oldest first."""
    if not listed or listed.strip().lower() == "none":
        return []
    versions = [v.strip() for v in listed.split(",")]
    return [v for v in versions if re.match(r"\d{1,2}\.\d{1,2}", v) and not PLACEHOLDER.match(v)][:2000]


def _version_in(value: str) -> str:
    found = re.search(r"(?<![\d.])(\d{1,2}\.\d{1,2}(?:\.\d{1,3})?)", value)
    return found.group(1) if found else ""


def _same_release(table: str, version: str) -> bool:
    """ "1.4" covers 1.4.0 and 1.4.1; "2.1.0" (the knowledge base) covers 2.1.x."""
    table_minor, version_minor = table.split(".")[:2], version.split(".")[:2]
    return table_minor == version_minor


def _span(releases: list[EraRelease]) -> str:
    ordered = sorted({".".join(r.torch.split(".")[:2]) for r in releases}, key=_key)
    return ordered[0] if len(ordered) == 1 else f"{ordered[0]}-{ordered[-1]}"


def _minor_tuple(version: str) -> tuple[int, int] | None:
    found = re.match(r"([23])\.(\d{1,2})", version or "")
    return (int(found.group(1)), int(found.group(2))) if found else None


def _key(version: str) -> tuple[int, ...]:
    try:
        return Version(version).release
    except InvalidVersion:
        return (0,)


# ------------------------------------------------------------------ the releases, from the knowledge base and the table


@functools.lru_cache(maxsize=1)
def all_releases() -> tuple[EraRelease, ...]:
    return _knowledge_releases() + _tabled_releases()


def knowledge_or_none():  # -> Knowledge | None
    """The knowledge base (read once per process), or None where it cannot be loaded: pasted text is still read
    without it."""
    try:
        from wizard.knowledge import load_knowledge

        return load_knowledge()
    except Exception:  # noqa: BLE001 - the knowledge base is optional here: pasted text still parses without it
        return None


def _knowledge_releases() -> tuple[EraRelease, ...]:
    knowledge = knowledge_or_none()
    if knowledge is None:
        return ()
    releases = []
    for release in knowledge.releases:
        low, high = _minor_tuple(release.python_min), _minor_tuple(release.python_max)
        if low is None or high is None:
            continue
        cuda = tuple(
            f"{m.group(1)}.{m.group(2)}" for v in release.variants if (m := re.fullmatch(r"cu(\d{1,2})(\d)", v.name))
        )
        vision = (release.torchvision,) if release.torchvision else ()
        releases.append(EraRelease(release.version, vision, ((low, high),), cuda))
    return tuple(releases)


def pypi_linux_cuda(version: str) -> str:
    """The CUDA of the build a plain ``pip install torch==<version>`` gave on Linux for a release older than the knowledge
    base ("1.7.1" → "10.2"), as PyTorch's previous-versions page shows it; "" where the page does not show it."""
    minor = re.match(r"(\d{1,2}\.\d{1,2})(?:\.\d{1,3})?$", version or "")
    return _tabled_pypi_linux_cuda().get(minor.group(1), "") if minor else ""


@functools.cache
def _tabled_pypi_linux_cuda() -> dict[str, str]:
    try:
        data = json.loads(ERAS_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {row["torch"]: row["pypi_linux_cuda"] for row in data.get("releases", []) if row.get("pypi_linux_cuda")}


def _tabled_releases() -> tuple[EraRelease, ...]:
    try:
        data = json.loads(ERAS_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ()
    releases = []
    for row in data.get("releases", []):
        ranges = tuple((_minor_tuple(low), _minor_tuple(high)) for low, high in row["python"])
        if all(low and high for low, high in ranges):
            releases.append(EraRelease(row["torch"], (row["torchvision"],), ranges, ()))  # type: ignore[arg-type]
    return tuple(releases)


# ------------------------------------------------------------------ what pip's "(from versions: ...)" list proves

REQUESTED = re.compile(r"==\s{0,2}(?P<version>\d{1,2}\.\d{1,2}(?:\.\d{1,3})?)(?:\+(?P<variant>[a-z]{2,5}[\d.]{0,8}))?")
LOWER_BOUND = re.compile(r">=\s{0,2}(?P<version>\d{1,2}\.\d{1,2}(?:\.\d{1,3})?)")  # ("torch<3.0.0,>=2.3.0")
CANDIDATE_PYTHONS = tuple((3, minor) for minor in range(5, 16))
VARIANT_LABEL = re.compile(r"\+(?:cu|rocm)\d")


def no_local_build_listed(listed: str, variant: str, pytorch_index_searched: bool) -> bool:
    """PyTorch's own index or links page was searched for a CUDA build, and pip's list holds no local version at all
    ("+cu…", "+cpu"): none of that index's builds fits this platform (what macOS sees: only plain builds)."""
    return _no_local_build(_real_versions(listed), variant, pytorch_index_searched)


def _no_local_build(real: list[str], variant: str, pytorch_index_searched: bool) -> bool:
    return pytorch_index_searched and variant.startswith("cu") and bool(real) and not any("+" in v for v in real)


def listed_versions_cause(listed: str, requested: str, python_version: str = "", index_variant: str = "",
                          pytorch_index_searched: bool = False) -> str:
    """The no-wheel cause pip's own list of installable versions proves, "" when it proves none.

    pip lists every version it could install on this interpreter and platform from the indexes it searched.
    - The requested release is listed, only not its ``+variant`` build: the Python and platform are served, the
      index searched does not carry that build (INDEX_VARIANT_MISSING). Where PyTorch's own index or links page was
      searched (``pytorch_index_searched``) and the list holds no local version at all, none of its builds fits this
      platform (macOS gets only plain builds there, never a CUDA one): PLATFORM_UNSUPPORTED.
    - The list stops below the requested release although a newer release served every Python the list fits
      (or the Python the text names): not the Python but the platform stopped getting wheels
      (PLATFORM_UNSUPPORTED; the list of an index of CUDA builds stops where that index stops: INDEX_VARIANT_MISSING,
      unless it holds none of that index's CUDA builds at all, as for a +cuNNN build asked on aarch64 Linux, whose
      plain CPU wheels the CUDA indexes also carry: PLATFORM_UNSUPPORTED).
    """
    asked = REQUESTED.search(requested or "")
    at_least = None if asked else LOWER_BOUND.search(requested or "")
    real = _real_versions(listed)
    if not (asked or at_least) or not real:
        return ""
    if _nightly_not_listed(requested, real):
        return "INDEX_VARIANT_MISSING"
    version, variant = (asked.group("version"), asked.group("variant") or "") if asked else (at_least.group("version"), "")
    if _never_released(version):
        return "INDEX_VARIANT_MISSING"
    bases = {item.split("+")[0] for item in real}
    if at_least:
        # a lower bound above the whole list proves a platform's ceiling only where the list stops at one the knowledge
        # base knows (Intel Macs: 2.2.2); elsewhere a mirror or an index behind the releases stops the same way
        top = max(bases, key=_key)
        return "PLATFORM_UNSUPPORTED" if _key(top) < _key(version) and top == _intel_mac_last() else ""
    if asked and _older_than_every_listed(version, bases, python_version):
        return "PYTHON_UNSUPPORTED"
    if version in bases:
        if not variant or f"{version}+{variant}" in real:
            return ""
        return "PLATFORM_UNSUPPORTED" if _no_local_build(real, variant, pytorch_index_searched) else (
            "INDEX_VARIANT_MISSING")
    top = max(bases, key=_key)
    if _key(version) <= _key(top) or not _release_of(version):
        return ""  # older than the newest listed (an old release for a newer Python), or no such release
    pythons = _pythons_fitting(sorted(bases, key=_key), python_version)
    if not pythons or not all(_newer_release_serves(top, python) for python in pythons):
        return ""  # the list may stop because of the Python: era.py and the Python check judge that
    if _no_local_build(real, variant, pytorch_index_searched):
        return "PLATFORM_UNSUPPORTED"  # (a CUDA index listing only plain builds: none of its CUDA builds fits here)
    if index_variant or any(VARIANT_LABEL.search(item) for item in real):
        return "INDEX_VARIANT_MISSING"
    return "PLATFORM_UNSUPPORTED"


def _intel_mac_last() -> str:
    knowledge = knowledge_or_none()
    return knowledge.platforms.intel_mac_last if knowledge is not None else ""


def _older_than_every_listed(version: str, bases: set[str], python_version: str) -> bool:
    """The release asked is older than every release pip lists, and served none of the Pythons the list fits: the list
    starts where this Python's first wheels are, so the Python is newer than any the release asked for served."""
    release = _release_of(version)
    if release is None or any(_key(base) <= _key(version) for base in bases):
        return False
    oldest = min(bases, key=_key)
    before = [r for r in all_releases() if _key(r.torch) < _key(oldest) and not _same_release(r.torch, oldest)]
    # (a Python an earlier release served would have that release listed too: the list starts at its first wheels)
    pythons = [p for p in _pythons_fitting(sorted(bases, key=_key), python_version)
               if python_version or not any(r.serves(p) for r in before)]
    return bool(pythons) and not any(release.serves(python) for python in pythons)


_NIGHTLY = re.compile(r"==\s{0,2}(?P<version>\d{1,2}\.\d{1,3}\.\d{1,3}\.dev\d{6,10})")


def _nightly_not_listed(requested: str, real: list[str]) -> bool:
    """A pinned nightly ("torch==2.4.0.dev20240415") that pip's list lacks: only PyTorch's nightly index serves
    nightlies, and it keeps a limited span of dates, so the index read does not carry it (a stable index never does,
    the nightly one no longer or not yet); the Python and platform say nothing here."""
    nightly = _NIGHTLY.search(requested or "")
    return bool(nightly) and nightly.group("version") not in real


def _never_released(version: str) -> bool:
    """A torch version whose minor release never existed ("1.15.0": 1.13 was followed by 2.0), between the oldest and
    the newest release the tables know (older ones are not tabled; a newer one may simply be unknown here)."""
    releases = all_releases()
    if not releases or _release_of(version) is not None:
        return False
    known = [_key(r.torch) for r in releases]
    return min(known) < _key(version) < max(known)


def _release_of(version: str) -> EraRelease | None:
    exact = next((r for r in all_releases() if r.torch == version), None)
    return exact or next((r for r in all_releases() if _same_release(r.torch, version)), None)


def _pythons_fitting(listed: list[str], python_version: str) -> list[tuple[int, int]]:
    """The Pythons the list fits: the one the text names, else every Python all the listed releases served."""
    named = _minor_tuple(python_version)
    if named:
        release = _release_of(listed[-1])
        return [named] if release is None or release.serves(named) else []
    known = [r for r in (_release_of(v) for v in listed) if r is not None]
    if not known:
        return []
    return [p for p in CANDIDATE_PYTHONS if all(r.serves(p) for r in known)]


def _newer_release_serves(top: str, python: tuple[int, int]) -> bool:
    return any(_key(r.torch) > _key(top) and not _same_release(r.torch, top) and r.serves(python) for r in all_releases())
