"""Course profiles: a small TOML file an instructor hands out (see docs/course-profile.md).

Loaded and validated once; every problem names the line it is on.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.utils import canonicalize_name

from wizard.safe_read import read_bytes_capped

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

CUDA_POLICIES = ("required", "preferred", "not_needed")
SMOKE_TESTS = {
    "import": "import torch and print its version",
    "cpu_matmul": "a 256×256 matrix multiplication on the CPU",
    "gpu_matmul": "a 256×256 matrix multiplication on the GPU",
}
_KNOWN_KEYS = {
    "course": {"name", "contact", "url"},
    "python": {"versions"},
    "torch": {"version", "cuda", "min_gpu_memory_gb"},
    "packages": None,  # any package name
    "smoke_test": {"name"},
}


# A PEP 508 distribution name and nothing else: what follows it on pip's command line is always our own
# version range, so a profile cannot smuggle in options (-r, -t, -f), URLs, paths, extras or markers.
MAX_PACKAGES = 100
PACKAGE_NAME = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?", re.ASCII)


class ProfileError(ValueError):
    """A profile that cannot be used; the message names the file and line."""


@dataclass(frozen=True)
class CourseProfile:
    name: str
    contact: str = ""
    url: str = ""
    python: str = ""  # a specifier set, "" = any Python torch supports
    torch: str = ""  # a specifier set for torch, "" = newest that fits
    cuda: str = "preferred"  # required | preferred | not_needed
    min_gpu_memory_gb: float = 0.0
    packages: tuple[tuple[str, str], ...] = ()  # (canonical name, specifier) — torchvision, numpy …
    smoke_test: str = ""  # one of SMOKE_TESTS, "" = none
    path: str = ""

    @property
    def torch_spec(self) -> SpecifierSet:
        return SpecifierSet(self.torch)

    @property
    def python_spec(self) -> SpecifierSet:
        return SpecifierSet(self.python)

    def package_spec(self, name: str) -> str | None:
        wanted = canonicalize_name(name)
        for package, spec in self.packages:
            if package == wanted:
                return spec
        return None

    @property
    def want(self) -> str:
        """The Goal.want this profile implies."""
        return {"required": "cuda", "preferred": "auto", "not_needed": "cpu"}[self.cuda]


def load_profile(path: str | Path) -> CourseProfile:
    path = Path(path)
    try:
        text = read_bytes_capped(path, "profile").decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ProfileError(f"{path}: cannot read the course profile ({exc})") from None
    return parse_profile(text, str(path))


def parse_profile(text: str, origin: str = "<profile>") -> CourseProfile:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"{origin}: not valid TOML: {exc}") from None
    except RecursionError:  # arrays nested thousands deep
        raise ProfileError(f"{origin}: not valid TOML: nested too deeply") from None
    where = _Locator(text, origin)
    for section, value in data.items():
        if section not in _KNOWN_KEYS:
            raise ProfileError(f"{where.at(section)}: unknown section [{section}] (known: {', '.join(_KNOWN_KEYS)})")
        if not isinstance(value, dict):
            raise ProfileError(f"{where.at(section)}: '{section}' must be a [section]")
        allowed = _KNOWN_KEYS[section]
        for key in value:
            if allowed is not None and key not in allowed:
                raise ProfileError(f"{where.at(key, section)}: unknown key '{key}' in [{section}] (known: {', '.join(sorted(allowed))})")

    course = data.get("course", {})
    name = _string(course, "name", "course", where)
    if not name:
        raise ProfileError(f"{where.at('course')}: [course] needs a name, e.g. name = \"Deep Learning 101\"")
    torch = data.get("torch", {})
    cuda = _string(torch, "cuda", "torch", where) or "preferred"
    if cuda not in CUDA_POLICIES:
        raise ProfileError(f"{where.at('cuda', 'torch')}: cuda = '{cuda}' must be one of {', '.join(CUDA_POLICIES)}")
    memory = torch.get("min_gpu_memory_gb", 0)
    if isinstance(memory, bool) or not isinstance(memory, (int, float)) or memory < 0:
        raise ProfileError(f"{where.at('min_gpu_memory_gb', 'torch')}: min_gpu_memory_gb must be a number of GB ≥ 0")
    smoke = _string(data.get("smoke_test", {}), "name", "smoke_test", where)
    if smoke and smoke not in SMOKE_TESTS:
        raise ProfileError(f"{where.at('name', 'smoke_test')}: unknown smoke test '{smoke}' (built in: {', '.join(SMOKE_TESTS)})")
    packages = []
    if len(data.get("packages", {})) > MAX_PACKAGES:
        raise ProfileError(f"{where.at('packages')}: more than {MAX_PACKAGES} packages; a course profile lists a few")
    for package, spec in data.get("packages", {}).items():
        if not isinstance(spec, str):
            raise ProfileError(f"{where.at(package, 'packages')}: the version of '{package}' must be a string like \">=0.19\"")
        if not PACKAGE_NAME.fullmatch(package):
            raise ProfileError(
                f"{where.at(package, 'packages')}: {package[:80]!r} is not a package name (only names like "
                f"numpy or scikit-learn: no URLs, paths, pip options, extras or markers)"
            )
        packages.append((canonicalize_name(package), _specifier(spec.strip(), package, "packages", where)))
    return CourseProfile(
        name=name,
        contact=_string(course, "contact", "course", where),
        url=_string(course, "url", "course", where),
        python=_specifier(_string(data.get("python", {}), "versions", "python", where), "versions", "python", where),
        torch=_specifier(_string(torch, "version", "torch", where), "version", "torch", where),
        cuda=cuda,
        min_gpu_memory_gb=float(memory),
        packages=tuple(packages),
        smoke_test=smoke,
        path=origin,
    )


def _string(table: dict, key: str, section: str, where: _Locator) -> str:
    value = table.get(key, "")
    if not isinstance(value, str):
        raise ProfileError(f"{where.at(key, section)}: '{key}' must be a string in quotes")
    return value.strip()


def _specifier(spec: str, key: str, section: str, where: _Locator) -> str:
    if spec in ("", "*"):
        return ""
    try:
        arbitrary = any(s.operator == "===" for s in SpecifierSet(spec))
    except InvalidSpecifier:
        arbitrary = None
    if arbitrary is not False:  # "===" compares any text, not versions: a door to odd strings in pip's argv
        raise ProfileError(
            f"{where.at(key, section)}: {spec[:80]!r} is not a version range (write e.g. \">=2.4,<3\" or \"==2.13.*\")"
        )
    return spec


class _Locator:
    """Finds the line of a key (or section header) so messages can name it."""

    def __init__(self, text: str, origin: str) -> None:
        self.lines = text.splitlines()
        self.origin = origin

    def at(self, key: str, section: str | None = None) -> str:
        current = None
        header = re.compile(r"^\s*\[\s*([^\]]+?)\s*\]")
        spellings = "|".join(re.escape(k) for k in dict.fromkeys((key, json.dumps(key)[1:-1])))  # as written, or escaped
        key_line = re.compile(rf"^\s*[\"']?(?:{spellings})[\"']?\s*=")
        for number, line in enumerate(self.lines, start=1):
            match = header.match(line)
            if match:
                current = match.group(1)
                if section is None and current == key:
                    return f"{self.origin}, line {number}"
                continue
            if (section is None or current == section) and key_line.match(line):
                return f"{self.origin}, line {number}"
        return self.origin
