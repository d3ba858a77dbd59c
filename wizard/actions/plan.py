"""What a pip command will do, before it runs: ``pip install --dry-run --report -`` compared with what is installed.

The plan names every package to be installed, upgraded, replaced or removed (with versions), the
download size (HEAD requests to the files pip chose) against the free disk space, and warns when
the target's pip is too old to preview anything (< 22.2), offering the command that upgrades it.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urlsplit

from packaging.version import InvalidVersion, Version

from wizard.actions.index_plan import fetcher, index_urls, needs_index_plan, pip_settings, probe_target, resolve
from wizard.actions.pip_output import index_host, network_advice
from wizard.actions.runner import REPORT_PIP, Identity, child_env
from wizard.facts.runner import Runner, run_command
from wizard.remedy_texts import remedy_text
from wizard.shell_text import command_text, local_os_name

SizeLookup = Callable[[str], int]
DISK_MARGIN = 1.5  # wheels are unpacked next to the download: ask for more than the download itself


@dataclass(frozen=True)
class PlannedPackage:
    name: str
    version: str
    change: str  # "install" | "upgrade" | "downgrade" | "replace" (same version, other build) | "reinstall" | "remove"
    old_version: str = ""
    url: str = ""
    size: int = 0  # bytes to download; 0 = unknown


@dataclass(frozen=True)
class Plan:
    argv: tuple[str, ...]
    python: str
    env_kind: str  # "venv", "conda", "system", ... as the snapshot said
    pip_version: str
    previewed: bool  # False: pip too old or the dry run failed; packages then unknown
    packages: tuple[PlannedPackage, ...] = ()
    download_bytes: int = 0
    free_bytes: int | None = None
    problem: str = ""  # why the dry run failed, pip's ERROR lines ("No matching distribution found for ...")
    from_index_metadata: bool = False  # built from the index's PEP 658 metadata: nothing was downloaded
    pip_upgrade_argv: tuple[str, ...] = ()  # offered when pip is too old to preview

    @property
    def pip_too_old(self) -> bool:
        return bool(self.pip_upgrade_argv)

    @property
    def enough_disk(self) -> bool:
        return self.free_bytes is None or self.download_bytes * DISK_MARGIN <= self.free_bytes

    def changes(self, kind: str) -> tuple[PlannedPackage, ...]:
        return tuple(p for p in self.packages if p.change == kind)


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def installed_versions(python: str, runner: Runner = run_command, env: Mapping[str, str] | None = None) -> dict[str, str]:
    """{canonical name: version} of everything pip sees in the interpreter's environment."""
    result = runner([python, "-m", "pip", "list", "--format", "json", "--disable-pip-version-check"], timeout=120, env=child_env(env))
    if not result.ok:
        return {}
    try:
        return {canonical(item["name"]): item["version"] for item in json.loads(result.stdout or "[]")}
    except (ValueError, KeyError, TypeError):
        return {}


def dry_run_argv(argv: Sequence[str]) -> tuple[str, ...]:
    """``python -m pip install ARGS`` → the same with ``--dry-run --report -`` (the report last on stdout).

    Not ``--quiet``: it also silences pip's "Retrying … after connection broken by 'ProxyError(…)'" warnings,
    the only lines that say why the index could not be reached."""
    argv = tuple(argv)
    return (*argv[:4], "--dry-run", "--report", "-", "--progress-bar", "off", "--no-input", *argv[4:])


def report_json(stdout: str) -> str:
    """The JSON report out of pip's stdout: its log lines come before it ("Collecting …") and after it
    ("Would install …"); the report is the JSON document that starts on a line "{"."""
    start = stdout.find("\n{\n") + 1 if not stdout.startswith("{") else 0
    if start == 0 and not stdout.startswith("{"):
        return stdout
    try:
        _value, end = json.JSONDecoder().raw_decode(stdout, start)
    except ValueError:
        return stdout
    return stdout[start:end]


def parse_report(report_text: str, installed: Mapping[str, str]) -> tuple[PlannedPackage, ...]:
    """pip's installation report (JSON) → what changes relative to ``installed``."""
    data = json.loads(report_text)
    planned = []
    for item in data.get("install", []):
        metadata = item.get("metadata", {})
        name, version = canonical(metadata.get("name", "")), metadata.get("version", "")
        old = installed.get(name, "")
        planned.append(
            PlannedPackage(name, version, _change(old, version), old, url=item.get("download_info", {}).get("url", ""))
        )
    return tuple(planned)


def _change(old: str, new: str) -> str:
    if not old:
        return "install"
    if old == new:
        return "reinstall"
    try:
        old_v, new_v = Version(old), Version(new)
    except InvalidVersion:
        return "replace"
    if new_v.public == old_v.public:
        return "replace"
    return "upgrade" if new_v > old_v else "downgrade"


def head_size(url: str, timeout: float = 10.0) -> int:
    """Content-Length of a download (local files: their size); 0 when it cannot be found."""
    parts = urlsplit(url)
    if parts.scheme == "file":
        try:
            return os.path.getsize(urllib.request.url2pathname(parts.path))
        except OSError:
            return 0
    if parts.scheme not in ("http", "https"):
        return 0
    try:
        with urllib.request.urlopen(urllib.request.Request(url, method="HEAD"), timeout=timeout) as response:
            return int(response.headers.get("Content-Length") or 0)
    except (OSError, ValueError):
        return 0


def free_disk_bytes(path: str) -> int | None:
    try:
        return shutil.disk_usage(path).free
    except OSError:
        return None


def make_plan(
    argv: Sequence[str],
    identity: Identity,
    *,
    env_kind: str = "",
    runner: Runner = run_command,
    env: Mapping[str, str] | None = None,
    size_lookup: SizeLookup = head_size,
) -> Plan:
    """Preview argv (``python -m pip install|uninstall ...``) for the interpreter described by identity."""
    argv = tuple(argv)
    python = argv[0]
    base = Plan(argv, python, env_kind, identity.pip_version, previewed=False, free_bytes=free_disk_bytes(identity.purelib))
    if argv[1:3] != ("-m", "pip"):  # ensurepip, venv: nothing pip could preview; the command itself is the plan
        return _replace(base, previewed=True)
    installed = installed_versions(python, runner, env)
    if argv[3] == "uninstall":
        names = [canonical(a) for a in argv[4:] if not a.startswith("-")]
        removed = tuple(PlannedPackage(n, installed[n], "remove", installed[n]) for n in names if n in installed)
        return _replace(base, previewed=True, packages=removed)
    if not identity.pip_at_least(REPORT_PIP):
        return _replace(base, pip_upgrade_argv=(python, "-m", "pip", "install", "--upgrade", "pip"))
    if needs_index_plan(identity.pip_version):  # pip < 25.3 downloads every wheel for --dry-run: read the metadata
        from_metadata = plan_from_index(argv, installed, runner, env, size_lookup)
        if from_metadata is not None:
            return _replace(base, previewed=True, packages=from_metadata, from_index_metadata=True,
                            download_bytes=sum(p.size for p in from_metadata))
    result = runner(dry_run_argv(argv), timeout=600, env=child_env(env))
    if not result.ok:
        output = result.stdout + "\n" + result.stderr
        problem = _pip_errors(output) or "the preview (pip --dry-run) failed"
        advice = network_advice(output, index_host(argv))
        return _replace(base, problem=f"{problem}\n{advice}" if advice else problem)
    try:
        packages = parse_report(report_json(result.stdout), installed)
    except (ValueError, AttributeError):
        return _replace(base, problem="pip's preview could not be read")
    sizes = _sizes([p.url for p in packages], size_lookup)
    packages = tuple(_with_size(p, sizes.get(p.url, 0)) for p in packages)
    return _replace(base, previewed=True, packages=packages, download_bytes=sum(p.size for p in packages))


def plan_from_index(
    argv: Sequence[str], installed: Mapping[str, str], runner: Runner, env: Mapping[str, str] | None, size_lookup: SizeLookup
) -> tuple[PlannedPackage, ...] | None:
    """The packages pip would download, from the index's metadata (None: only pip's dry run can tell)."""
    from wizard.actions.policy import ActionRefused, approve

    try:
        requirements = approve(argv, argv[0]).requirements
    except ActionRefused:
        return None
    pip_env = child_env(env)
    settings = pip_settings(argv[0], runner, pip_env)
    # Settings this small resolver does not follow (a configured proxy, certificate, find-links...): pip's dry run.
    if settings is None or any(k in settings for k in ("proxy", "cert", "client-cert", "trusted-host", "find-links",
                                                       "no-index", "only-binary", "no-binary", "constraint")):
        return None
    for key, name in (("index-url", "PIP_INDEX_URL"), ("extra-index-url", "PIP_EXTRA_INDEX_URL")):
        if key in settings and name not in pip_env:
            pip_env[name] = settings[key]
    target = probe_target(argv[0], runner)
    if target is None:
        return None
    options = set(argv)
    try:
        resolved = resolve(
            requirements, installed, target, index_urls(argv, pip_env),
            force="--force-reinstall" in options, upgrade=bool(options & {"--upgrade", "-U"}),
            no_deps="--no-deps" in options, fetch=fetcher(pip_env), head=size_lookup,
        )  # fmt: skip
    except (ValueError, OSError):
        return None
    if resolved is None:
        return None
    return tuple(PlannedPackage(r.name, r.version, _change(installed.get(r.name, ""), r.version),
                                installed.get(r.name, ""), url=r.url, size=r.size) for r in resolved)


def _replace(plan: Plan, **changes: object) -> Plan:
    return dataclasses.replace(plan, **changes)


def _with_size(package: PlannedPackage, size: int) -> PlannedPackage:
    return dataclasses.replace(package, size=size)


def _sizes(urls: list[str], size_lookup: SizeLookup) -> dict[str, int]:
    urls = [u for u in urls if u]
    if not urls:
        return {}
    with ThreadPoolExecutor(max_workers=min(8, len(urls))) as pool:
        return dict(zip(urls, pool.map(size_lookup, urls)))


def _pip_errors(output: str) -> str:
    lines = [line.strip()[len("ERROR: ") :] for line in output.splitlines() if line.strip().startswith("ERROR: ")]
    return "\n".join(lines)


def format_bytes(count: int) -> str:
    """pip's style: '190.2 MB', '601 kB'."""
    for unit, size in (("GB", 1000**3), ("MB", 1000**2), ("kB", 1000)):
        if count >= size:
            return f"{count / size:.1f} {unit}" if unit != "kB" else f"{count / size:.0f} kB"
    return f"{count} bytes"


def render_plan(plan: Plan) -> str:
    """The plan as plain text for the terminal (the GUI shows the same facts in widgets)."""
    lines = [
        "The command:",
        "  " + command_text(plan.argv, local_os_name()),
        f"It changes this environment: {plan.python}" + (f" ({plan.env_kind})" if plan.env_kind else ""),
    ]
    if plan.pip_too_old:
        lines.append(
            f"Your pip ({plan.pip_version or 'unknown version'}) is too old to show what will change (22.2 or newer can). "
            f"Upgrade pip first: {command_text(plan.pip_upgrade_argv, local_os_name())}"
        )
    elif plan.problem:
        lines.append("pip says this will not work:")
        lines += ["  " + line for line in plan.problem.splitlines()]
    elif plan.previewed and plan.argv[1:3] == ("-m", "pip"):
        lines += _change_lines(plan)
        if plan.from_index_metadata:
            lines.append(remedy_text("plan.from_metadata"))
    if plan.download_bytes:
        free = format_bytes(plan.free_bytes) if plan.free_bytes is not None else "unknown"
        lines.append(f"Download: {format_bytes(plan.download_bytes)}; free disk space there: {free}.")
        if not plan.enough_disk:
            lines.append("Not enough free disk space: free some space first.")
    return "\n".join(lines)


def _change_lines(plan: Plan) -> list[str]:
    titles = {
        "install": "To be installed",
        "upgrade": "To be upgraded",
        "downgrade": "To be downgraded",
        "replace": "To be replaced by another build",
        "reinstall": "To be reinstalled (the same version, its files restored)",
        "remove": "To be removed",
    }
    lines: list[str] = []
    for kind, title in titles.items():
        packages = plan.changes(kind)
        if not packages:
            continue
        lines.append(f"{title}:")
        for p in packages:
            version = f"{p.old_version} → {p.version}" if p.old_version and p.change not in ("remove", "reinstall") else p.version
            size = f" ({format_bytes(p.size)})" if p.size else ""
            lines.append(f"  {p.name} {version}{size}")
    return lines or ["Nothing to change: everything asked for is already installed."]

