"""Save the exact installed set of an environment before a fix, and restore it afterwards.

A backup is a JSON file under ``<user data dir>/backups/`` (``TSW_DATA_DIR`` overrides the data dir):
``pip freeze --all`` (the pins), ``pip list --format json -v`` (versions and locations), and the
package sources the fix knows of (index URLs, find-links). Local versions such as ``2.13.0+cpu``
live only on PyTorch's own index, so the fix records ``<torch index>/cpu`` for them; restore passes
every recorded source again. Restore removes what was added, reinstalls the previous pins without
dependencies, and checks that ``pip freeze --all`` is identical again.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime
import hashlib
import json
import os
import re
import shutil
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from packaging.version import InvalidVersion, Version

from wizard import i18n
from wizard.actions.policy import ActionRefused, ApprovedCommand, approve
from wizard.actions.runner import LineHandler, RunResult, child_env, prepare_pip_argv, probe_identity, run_streaming
from wizard.atomic_write import make_private_dir, write_text_atomic
from wizard.facts.runner import run_command
from wizard.remedy_texts import remedy_text
from wizard.shell_text import command_text, local_os_name
from wizard.snapshot import Snapshot

BACKUP_SCHEMA = "torch-setup-wizard/env-backup@1"
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)$")


class BackupError(i18n.CatalogError):
    """A backup could not be written or read; the message says why in plain words, in the user's language.

    ``key`` is its text in resources/texts/actions.json (``backup_error.*``); ``params`` are the data (paths, the
    OS's or pip's own error text).
    """


def data_dir() -> Path:
    override = os.environ.get("TSW_DATA_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir("torch-setup-wizard", appauthor=False))


def backups_dir() -> Path:
    return data_dir() / "backups"


def _env_key(python: str) -> str:
    return hashlib.sha256(os.path.normcase(os.path.abspath(python)).encode()).hexdigest()[:12]


def freeze(python: str, env: Mapping[str, str] | None = None) -> str:
    """``pip freeze --all`` of the interpreter, exactly as pip prints it. Raises BackupError when pip fails."""
    result = run_command([python, "-m", "pip", "freeze", "--all", "--disable-pip-version-check"], timeout=120, env=child_env(env))
    if not result.ok:
        raise BackupError("backup_error.freeze_failed", python=python, error=(result.stderr or result.start_error).strip()[-300:])
    return result.stdout


def freeze_or_nothing(python: str, pip_version: str, env: Mapping[str, str] | None = None) -> str:
    """``pip freeze --all``; "" in an environment without pip (venv --without-pip): nothing pip installed
    is there, and a restore after ``ensurepip`` removes pip again."""
    return freeze(python, env) if pip_version else ""


def save_state(python: str, *, sources: Sequence[str] = (), find_links: Sequence[str] = (), env: Mapping[str, str] | None = None) -> Path:
    """Write the exact installed set of ``python``'s environment to a new timestamped backup file."""
    identity = probe_identity(python)
    frozen = freeze_or_nothing(python, identity.pip_version, env)
    listed = run_command(
        [python, "-m", "pip", "list", "--format", "json", "-v", "--disable-pip-version-check"], timeout=120, env=child_env(env)
    )
    try:
        packages = json.loads(listed.stdout) if listed.ok else []
    except ValueError:
        packages = []
    now = datetime.datetime.now(datetime.timezone.utc)
    record = {
        "schema": BACKUP_SCHEMA,
        "created_at": now.isoformat(timespec="seconds"),
        "python": os.path.abspath(python),
        "prefix": identity.prefix,
        "python_version": identity.version,
        "freeze": frozen,
        "packages": packages,
        "index_urls": list(dict.fromkeys(sources)),
        "find_links": list(dict.fromkeys(find_links)),
    }
    folder = backups_dir()
    try:
        make_private_dir(folder)
        path = folder / f"{now.strftime('%Y%m%dT%H%M%S.%fZ')}-{_env_key(python)}.json"
        write_text_atomic(path, json.dumps(record, indent=2))
    except OSError as exc:
        raise BackupError("backup_error.write_failed", folder=folder, error=exc.strerror or exc) from None
    return path


def latest_backup(python: str) -> Path | None:
    """The newest backup of this interpreter's environment, or None."""
    folder = backups_dir()
    if not folder.is_dir():
        return None
    candidates = sorted(folder.glob(f"*-{_env_key(python)}.json"))
    return candidates[-1] if candidates else None


def load_backup(path: Path) -> dict:
    try:
        record = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BackupError("backup_error.unreadable", path=path, error=exc) from None
    if not isinstance(record, dict) or record.get("schema") != BACKUP_SCHEMA or not isinstance(record.get("freeze"), str):
        raise BackupError("backup_error.not_a_backup", path=path)
    return record


def _requirements(freeze_text: str) -> dict[str, str]:
    """{canonical name: requirement line} for pinned lines; direct-URL, editable and other lines are skipped
    (a restore installs from the index only, as every other command the wizard runs)."""
    found = {}
    for line in freeze_text.splitlines():
        match = _PIN.match(line.strip())
        if match:
            found[re.sub(r"[-_.]+", "-", match.group(1)).lower()] = line.strip()
    return found


@dataclass(frozen=True)
class RestoreResult:
    backup: Path
    removed: tuple[str, ...] = ()  # names uninstalled
    reinstalled: tuple[str, ...] = ()  # requirement lines installed again
    not_restorable: tuple[str, ...] = ()  # freeze lines pip cannot reinstall (editable installs, ...)
    runs: tuple[RunResult, ...] = field(default_factory=tuple)
    freeze_after: str = ""
    identical: bool = False

    @property
    def summary(self) -> str:
        if self.identical:
            changed = len(self.removed) + len(self.reinstalled)
            back = i18n.text("restore.identical")
            return back if changed else back + i18n.sentence_gap() + i18n.text("restore.nothing_had_changed")
        failed = [r for r in self.runs if not r.ok]
        not_back = i18n.text("restore.incomplete")
        if not failed:
            return not_back
        return not_back + i18n.sentence_gap() + i18n.text("restore.pip_said", error=failed[-1].error_summary)


def restore_plan(backup_freeze: str, current_freeze: str) -> tuple[list[str], list[str], list[str]]:
    """(names to uninstall, requirement lines to install, lines that cannot be restored) — pure."""
    wanted, current = _requirements(backup_freeze), _requirements(current_freeze)
    remove = sorted(name for name in current if name not in wanted)
    install = [line for name, line in wanted.items() if current.get(name) != line]
    unrestorable = [
        line.strip()
        for line in backup_freeze.splitlines()
        if line.strip() and not line.strip().startswith("#") and not _PIN.match(line.strip())
    ]
    return remove, install, unrestorable


@dataclass(frozen=True)
class RestorePlan:
    """What ``fix --undo`` will do, shown before it runs: every command approved by the same policy as a fix."""

    backup: Path
    commands: tuple[ApprovedCommand, ...]
    remove: tuple[str, ...]
    install: tuple[str, ...]
    unrestorable: tuple[str, ...]

    def render(self, os_name: str | None = None) -> str:
        shown = os_name or local_os_name()
        if not self.commands:
            return i18n.text("restore.nothing_to_do")
        lines = []
        if self.remove:
            lines.append(i18n.text("restore.remove", packages=self.remove))
        if self.install:
            lines.append(i18n.text("restore.install", packages=self.install))
        if self.unrestorable:
            lines.append(i18n.text("restore.unrestorable", packages=self.unrestorable))
        lines += [i18n.text("restore.commands")] + ["  " + command_text(c.argv, shown) for c in self.commands]
        return "\n".join(lines)


def restore_argvs(
    python: str, record: Mapping, current_freeze: str, pip_version: str, user_site: str = ""
) -> tuple[list[ApprovedCommand], list[str], list[str], list[str]]:
    """The commands that bring the environment back to ``record``: uninstall extras, reinstall pins (no deps).

    A backup file is data from disk: every command built from it goes through the same policy as a fix
    (index URLs http(s) only, plain pinned names), so an edited backup cannot run anything else."""
    remove, install, unrestorable = restore_plan(record["freeze"], current_freeze)
    commands: list[ApprovedCommand] = []
    if remove:
        commands.append(prepare_pip_argv(approve((python, "-m", "pip", "uninstall", *remove), python), pip_version))
    if install:
        sources: list[str] = []
        for url in _strings(record.get("index_urls")):
            sources += ["--extra-index-url", url]
        for link in _strings(record.get("find_links")):
            sources += ["--find-links", link]
        in_user_site = _saved_in(record, user_site)
        own = [line for line in install if _canonical(_PIN.match(line).group(1)) not in in_user_site]
        user = [line for line in install if line not in own]
        # a copy the fix removed from the user site goes back there, not over the environment's own copy
        for where, lines in ((), own), (("--user",), user):
            if lines:
                argv = (python, "-m", "pip", "install", *where, "--no-deps", *sources, *lines)
                commands.append(prepare_pip_argv(approve(argv, python), pip_version))
    return commands, remove, install, unrestorable


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _saved_in(record: Mapping, folder: str) -> set[str]:
    """Canonical names of the packages the backup's ``pip list -v`` found in ``folder``."""
    packages = record.get("packages")
    if not folder or not isinstance(packages, list):
        return set()
    return {_canonical(str(p.get("name", ""))) for p in packages
            if isinstance(p, dict) and _same_folder(str(p.get("location", "")), folder)}


def _same_folder(a: str, b: str) -> bool:
    return bool(a) and os.path.normcase(os.path.normpath(a)) == os.path.normcase(os.path.normpath(b))


def user_site_of(python: str, env: Mapping[str, str] | None = None) -> str:
    """The interpreter's user site folder as it would use it now (PYTHONUSERBASE counts), or "" when disabled."""
    code = "import site; print(site.getusersitepackages() if site.ENABLE_USER_SITE else '')"
    result = run_command([python, "-c", code], timeout=30, env=child_env(env))
    return result.stdout.strip().splitlines()[-1] if result.ok and result.stdout.strip() else ""


def _strings(value: object) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ActionRefused("refused.backup_sources")
    return value


def plan_restore(python: str, backup_path: Path, env: Mapping[str, str] | None = None) -> RestorePlan:
    """Read and check the backup, compare it with the environment now: the commands a restore would run."""
    record = load_backup(backup_path)
    identity = probe_identity(python)
    if os.path.normcase(os.path.abspath(identity.prefix)) != os.path.normcase(os.path.abspath(str(record.get("prefix", "")))):
        raise BackupError("backup_error.other_environment", path=backup_path, saved_prefix=record.get("prefix"),
                          prefix=identity.prefix)
    current = freeze_or_nothing(python, identity.pip_version, env)
    commands, remove, install, unrestorable = restore_argvs(python, record, current, identity.pip_version,
                                                            user_site_of(python, env))
    return RestorePlan(Path(backup_path), tuple(commands), tuple(remove), tuple(install), tuple(unrestorable))


def _listed(python: str, env: Mapping[str, str] | None = None) -> list:
    listed = run_command(
        [python, "-m", "pip", "list", "--format", "json", "-v", "--disable-pip-version-check"], timeout=120, env=child_env(env)
    )
    try:
        data = json.loads(listed.stdout) if listed.ok else []
    except ValueError:
        return []
    return data if isinstance(data, list) else []


def _places(packages: object) -> set[tuple[str, str, str]]:
    if not isinstance(packages, list):
        return set()
    return {
        (str(p.get("name", "")).lower(), str(p.get("version", "")), os.path.normcase(str(p.get("location", ""))))
        for p in packages
        if isinstance(p, dict)
    }


def _same_places(record: Mapping, listed_now: list) -> bool:
    """Each package in the same folder as before: ``pip freeze`` alone cannot tell a copy in the user site
    (~/.local) from the environment's own, so a restore that put one in the other's place is not "identical"."""
    before = record.get("packages")
    if not before or not listed_now:
        return True  # an old backup without locations, or an environment without pip: freeze decides
    return _places(before) == _places(listed_now)


def restore_state(
    python: str,
    backup_path: Path,
    *,
    on_line: LineHandler | None = None,
    env: Mapping[str, str] | None = None,
    cancel: threading.Event | None = None,
) -> RestoreResult:
    """Bring the environment back to the backup; ``identical`` tells whether ``pip freeze --all`` matches again."""
    record = load_backup(backup_path)
    plan = plan_restore(python, backup_path, env)
    runs: list[RunResult] = []
    for command in plan.commands:
        if on_line is not None:
            on_line("$ " + command_text(command.argv, local_os_name()))
        result = run_streaming(command, on_line, env=env, cancel=cancel)
        runs.append(result)
        if result.cancelled:
            break
    after = freeze_or_nothing(python, probe_identity(python).pip_version, env)
    return RestoreResult(
        backup=Path(backup_path),
        removed=plan.remove,
        reinstalled=plan.install,
        not_restorable=plan.unrestorable,
        runs=tuple(runs),
        freeze_after=after,
        identical=after == record["freeze"] and _same_places(record, _listed(python, env)),
    )


def restore_sources(argv: Sequence[str], snapshot: Snapshot | None, torch_index: str) -> list[str]:
    """Index URLs a restore may need: those of the fix, and PyTorch's index for installed local builds (+cpu)."""
    sources = [value for option, value in zip(argv, argv[1:]) if option in ("--index-url", "-i", "--extra-index-url")]
    facts = snapshot.python.get() if snapshot is not None else None
    for dist in facts.distributions if facts is not None else ():
        try:
            local = Version(dist.version).local
        except InvalidVersion:
            continue
        if local and dist.name.startswith("torch"):
            sources.append(f"{torch_index.rstrip('/')}/{local}")
    return list(dict.fromkeys(sources))


# --------------------------------------------------------------------------- the environment's own ways (issue #16)
# A uv environment has no pip: its packages are read with `uv pip freeze` and put back with `uv pip uninstall` /
# `uv pip install --no-deps` (the same pure restore_plan). Files the way changes (a uv project's pyproject.toml and
# uv.lock, a kernelspec folder) are saved whole and written back; a kernelspec that did not exist is removed.

MAX_SAVED_FILE_BYTES = 2 * 1024 * 1024  # kernel.json, logos, pyproject.toml, uv.lock: far below this


@dataclass(frozen=True)
class SavedFiles:
    folder: str
    names: tuple[str, ...] = ()  # the files to save; () = every regular file of the folder (a kernelspec)


def _read_files(spec: SavedFiles) -> dict:
    folder = Path(spec.folder)
    names = spec.names or (tuple(sorted(p.name for p in folder.iterdir() if p.is_file() and not p.is_symlink()))
                           if folder.is_dir() else ())
    files: dict[str, str | None] = {}
    for name in names:
        path = folder / name
        if not path.is_file() or path.is_symlink():
            files[name] = None
            continue
        if path.stat().st_size > MAX_SAVED_FILE_BYTES:
            raise BackupError("backup_error.file_too_large", path=path)
        files[name] = base64.b64encode(path.read_bytes()).decode("ascii")
    return {"folder": spec.folder, "whole_folder": not spec.names, "existed": folder.is_dir(), "files": files}


def uv_freeze(uv: str, python: str, env: Mapping[str, str] | None = None) -> str:
    result = run_command([uv, "pip", "freeze", "--python", python], timeout=120, env=child_env(env))
    if not result.ok:
        raise BackupError("backup_error.uv_freeze_failed", python=python, error=(result.stderr or result.start_error).strip()[-300:])
    return result.stdout


def save_way_state(python: str, *, uv: str = "", files: Sequence[SavedFiles] = (), sources: Sequence[str] = (),
                   env: Mapping[str, str] | None = None) -> Path:
    """The backup before a uv or kernel-registration fix: pip's state as save_state keeps it, the uv environment's
    packages (``uv``: the uv program of a uv environment), and the files the fix will change."""
    path = save_state(python, sources=sources, env=env)
    record = load_backup(path)
    try:
        record["saved_files"] = [_read_files(spec) for spec in files]
    except OSError as exc:
        raise BackupError("backup_error.files_unreadable", error=exc.strerror or exc) from None
    if uv:
        record["uv"] = {"program": uv, "freeze": uv_freeze(uv, python, env)}
    write_text_atomic(path, json.dumps(record, indent=2))
    return path


def _files_now(record: Mapping) -> list:
    return [_read_files(SavedFiles(str(e.get("folder")), () if e.get("whole_folder") else tuple(e.get("files", {}))))
            for e in record.get("saved_files", []) if isinstance(e, dict)]


def _put_back(entry: Mapping) -> None:
    folder = Path(str(entry["folder"]))
    files = entry.get("files") or {}
    if entry.get("whole_folder"):
        if not entry.get("existed"):
            if folder.is_dir() and (folder / "kernel.json").is_file():  # only ever a kernelspec folder
                shutil.rmtree(folder)
            return
        folder.mkdir(parents=True, exist_ok=True)
        for extra in [p for p in folder.iterdir() if p.is_file() and p.name not in files]:
            extra.unlink()
    for name, data in files.items():
        target = folder / name
        if data is None:
            target.unlink(missing_ok=True)
        else:
            target.write_bytes(base64.b64decode(data))  # the user's own file: its mode stays as it is


def uv_restore_argvs(python: str, record: Mapping, current: str) -> tuple[list[ApprovedCommand], list[str], list[str]]:
    """The uv commands that bring a uv environment's packages back to the saved ``uv pip freeze``."""
    saved = record.get("uv") or {}
    uv = str(saved.get("program", ""))
    remove, install, _unrestorable = restore_plan(str(saved.get("freeze", "")), current)
    commands = []
    if remove:
        commands.append(approve((uv, "pip", "uninstall", "--python", python, *remove), python))
    if install:
        sources: list[str] = []
        for url in _strings(record.get("index_urls")):
            sources += ["--extra-index-url", url]
        commands.append(approve((uv, "pip", "install", "--python", python, "--no-deps", *sources, *install), python))
    return commands, remove, install


def restore_way_state(python: str, backup_path: Path, *, on_line: LineHandler | None = None,
                      env: Mapping[str, str] | None = None) -> RestoreResult:
    """restore_state, then the uv environment's packages and the saved files; ``identical`` covers all three."""
    record = load_backup(backup_path)
    result = restore_state(python, backup_path, on_line=on_line, env=env)
    runs = list(result.runs)
    uv_same = True
    if record.get("uv"):
        uv = str(record["uv"].get("program", ""))
        commands, _remove, _install = uv_restore_argvs(python, record, uv_freeze(uv, python, env))
        for command in commands:
            if on_line is not None:
                on_line("$ " + command_text(command.argv, local_os_name()))
            runs.append(run_streaming(command, on_line, env=env))
        uv_same = uv_freeze(uv, python, env) == record["uv"].get("freeze")
    for entry in record.get("saved_files", []):
        _put_back(entry)
    files_same = _files_now(record) == record.get("saved_files", [])
    return dataclasses.replace(result, runs=tuple(runs), identical=result.identical and uv_same and files_same)


def has_way_state(backup_path: Path) -> bool:
    record = load_backup(backup_path)
    return bool(record.get("uv") or record.get("saved_files"))


def way_restore_text(python: str, backup_path: Path) -> str:
    """What an undo of a uv or kernel-registration fix does: pip's and uv's commands, and the files put back."""
    record = load_backup(backup_path)
    lines = [plan_restore(python, backup_path).render()]
    if record.get("uv"):
        uv = str(record["uv"].get("program", ""))
        commands, _remove, _install = uv_restore_argvs(python, record, uv_freeze(uv, python))
        lines += ["  " + command_text(c.argv, local_os_name()) for c in commands]
    for entry in record.get("saved_files", []):
        names = ", ".join(name for name, data in (entry.get("files") or {}).items() if data is not None)
        gone = entry.get("whole_folder") and not entry.get("existed")
        lines.append(remedy_text("undo.files_removed" if gone else "undo.files_back", folder=entry.get("folder"),
                                 files=names))
    return "\n".join(lines)
