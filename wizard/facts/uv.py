"""uv: venvs uv made, and projects uv manages (read from their files; uv itself is not run).

* A venv made by ``uv venv`` has a ``uv = <version>`` line in its pyvenv.cfg and, unless made with
  ``--seed``, no pip (uv's docs: "uv venv" / "The pip interface").
* A uv project is a folder with pyproject.toml and uv.lock, or a pyproject.toml with [tool.uv] settings.
  PyTorch comes from ``[tool.uv.sources]`` entries naming an index from ``[[tool.uv.index]]``
  (docs.astral.sh/uv/guides/integration/pytorch), and uv.lock pins each package with its
  ``source = { registry = "<index url>" }``. ``uv sync`` makes the .venv match the lock exactly,
  so a ``pip install`` into it is undone by the next sync.
"""

from __future__ import annotations

import re
from pathlib import Path

from wizard.facts.interpreter import env_python
from wizard.snapshot import UvProject, UvVenv

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

MAX_CFG_BYTES = 64 * 1024
MAX_TOML_BYTES = 4 * 1024 * 1024  # a uv.lock of a big project is a few hundred kB
TORCH_NAMES = ("torch", "torchvision", "torchaudio")
_UV_LINE = re.compile(r"^\s*uv\s*=\s*(\S+)\s*$", re.MULTILINE)
_REQUIREMENT_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


def _bounded_text(path: Path, limit: int) -> str | None:
    try:
        if not path.is_file() or path.stat().st_size > limit:
            return None
        with path.open("rb") as handle:
            return handle.read(limit).decode("utf-8", errors="replace")
    except OSError:
        return None


def uv_version_of_venv(prefix: Path) -> str:
    """The uv version a venv's pyvenv.cfg names, '' when uv did not make it."""
    text = _bounded_text(prefix / "pyvenv.cfg", MAX_CFG_BYTES)
    match = _UV_LINE.search(text or "")
    return match.group(1) if match else ""


def has_pip(prefix: Path) -> bool:
    patterns = ("lib/python3*/site-packages/pip", "Lib/site-packages/pip")
    return any(any(prefix.glob(pattern)) for pattern in patterns)


def read_uv_venv(prefix: Path) -> UvVenv | None:
    version = uv_version_of_venv(prefix)
    python = env_python(prefix)
    if not version or python is None:
        return None
    return UvVenv(prefix=str(prefix), python=str(python), uv_version=version, has_pip=has_pip(prefix))


def without_credentials(url: str) -> str:
    """The URL without user:password@ (index credentials are never kept)."""
    return re.sub(r"^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@]*@", r"\1", url)


def requirement_name(requirement: str) -> str:
    match = _REQUIREMENT_NAME.match(requirement)
    return re.sub(r"[-_.]+", "-", match.group(1)).lower() if match else ""


def _source_targets(value: object) -> list[str]:
    """The index names (or URLs) one [tool.uv.sources] entry points at (a table or a list of tables)."""
    entries = value if isinstance(value, list) else [value]
    targets = []
    for entry in entries:
        if isinstance(entry, dict):
            for key in ("index", "url", "path", "git"):
                if isinstance(entry.get(key), str):
                    targets.append(without_credentials(entry[key]))
                    break
    return targets


def parse_pyproject(data: dict) -> dict:
    """The torch-relevant parts of a parsed pyproject.toml."""
    project = data.get("project") if isinstance(data.get("project"), dict) else {}
    tool = data.get("tool") if isinstance(data.get("tool"), dict) else {}
    uv = tool.get("uv") if isinstance(tool.get("uv"), dict) else None
    dependencies = project.get("dependencies") if isinstance(project.get("dependencies"), list) else []
    torch_requirement = next(
        (d for d in dependencies if isinstance(d, str) and requirement_name(d) == "torch"), ""
    )
    sources: list[tuple[str, str]] = []
    indexes: list[tuple[str, str]] = []
    if uv is not None:
        raw_sources = uv.get("sources") if isinstance(uv.get("sources"), dict) else {}
        for name, value in raw_sources.items():
            if requirement_name(name) in TORCH_NAMES:
                sources += [(requirement_name(name), target) for target in _source_targets(value)]
        raw_indexes = uv.get("index") if isinstance(uv.get("index"), list) else []
        for index in raw_indexes:
            if isinstance(index, dict) and isinstance(index.get("url"), str):
                name = index["name"] if isinstance(index.get("name"), str) else ""
                indexes.append((name, without_credentials(index["url"])))
    name = project.get("name") if isinstance(project.get("name"), str) else ""
    return {"name": name, "torch_requirement": torch_requirement, "sources": tuple(sources),
            "indexes": tuple(indexes), "is_uv": uv is not None,
            "has_sources_table": uv is not None and isinstance(uv.get("sources"), dict)}


def parse_lock(data: dict) -> tuple[tuple[str, str, str], ...]:
    """(package, version, registry URL) of the torch packages uv.lock pins."""
    packages = data.get("package") if isinstance(data.get("package"), list) else []
    pins = []
    for package in packages:
        if not isinstance(package, dict) or requirement_name(str(package.get("name", ""))) not in TORCH_NAMES:
            continue
        source = package.get("source") if isinstance(package.get("source"), dict) else {}
        registry = source.get("registry") if isinstance(source.get("registry"), str) else ""
        version = package.get("version") if isinstance(package.get("version"), str) else ""
        pins.append((requirement_name(package["name"]), version, without_credentials(registry)))
    return tuple(pins)


def _toml(path: Path) -> tuple[dict | None, str]:
    text = _bounded_text(path, MAX_TOML_BYTES)
    if text is None:
        return None, f"{path.name} is missing, too big or unreadable"
    try:
        return tomllib.loads(text), ""
    except tomllib.TOMLDecodeError as exc:
        return None, f"{path.name} is not valid TOML: {exc}"


def read_uv_project(folder: Path) -> UvProject | None:
    """The uv project in ``folder``, None when the folder is not one."""
    pyproject = folder / "pyproject.toml"
    if not pyproject.is_file():
        return None
    lock_file = folder / "uv.lock"
    data, problem = _toml(pyproject)
    parsed = parse_pyproject(data) if data is not None else {}
    if not lock_file.is_file() and not parsed.get("is_uv"):
        return None
    locked: tuple[tuple[str, str, str], ...] = ()
    if lock_file.is_file():
        lock, lock_problem = _toml(lock_file)
        locked = parse_lock(lock) if lock is not None else ()
        problem = problem or lock_problem
    venv = folder / ".venv"
    return UvProject(
        folder=str(folder),
        name=parsed.get("name", ""),
        torch_requirement=parsed.get("torch_requirement", ""),
        sources=parsed.get("sources", ()),
        indexes=parsed.get("indexes", ()),
        locked=locked,
        has_lock=lock_file.is_file(),
        has_sources_table=parsed.get("has_sources_table", False),
        venv=str(venv) if env_python(venv) is not None else "",
        problem=problem,
    )


def find_uv_project(start: Path) -> UvProject | None:
    """The uv project ``start`` is in: the nearest folder upwards that is one (as uv finds it)."""
    for folder in (start, *start.parents):
        project = read_uv_project(folder)
        if project is not None:
            return project
    return None
