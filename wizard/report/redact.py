"""Hide personal data before a report leaves the machine.

Every string of the snapshot and the diagnosis goes through one :class:`Redactor`, so the
placeholders are consistent across the whole report ("<uuid-1>" is the same GPU in the
facts, in the findings and in the recommended command):

* home paths: ``/home/alice/x`` → ``~/x``, ``C:\\Users\\alice\\x`` → ``%USERPROFILE%\\x``
  (a second user's home keeps its shape: ``/home/<user-2>/x``; WSL's ``/mnt/c/Users/alice``
  becomes ``/mnt/c/Users/<user>``);
* user names (from those home paths, USER / USERNAME / LOGNAME / HOME in the snapshot's
  environment and, for a live export, the current user) wherever else they appear;
* the host name (HostInfo.hostname, HOSTNAME / COMPUTERNAME, and its short form);
* GPU UUIDs (``GPU-…``, ``MIG-…``), serial numbers, e-mail, MAC and IPv4 addresses
  (loopback and 0.0.0.0 stay: they say nothing about the machine).

Only strings change, so a redacted snapshot still decodes, checks and renders.
"""

from __future__ import annotations

import contextlib
import dataclasses
import enum
import getpass
import ipaddress
import os
import re
import socket
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wizard.findings import Diagnosis
from wizard.safe_text import BARE_USERINFO, SECRET_QUERY, URL_USERINFO, token_patterns_for
from wizard.snapshot import Snapshot

# Account names that identify no person; their homes and names stay as they are.
GENERIC_ACCOUNTS = frozenset(
    {
        "root", "user", "users", "admin", "administrator", "guest", "public", "default", "default user",
        "all users", "shared", "nobody", "runner", "localhost", "localhost.localdomain", "localdomain",
    }
)  # fmt: skip
# Fields that hold codes, schema ids and timestamps, never personal data; left untouched so a
# redacted report stays machine-readable.
UNTOUCHED_FIELDS = frozenset(
    {"schema", "tool_version", "created_at", "source", "code", "caused_by", "signature", "cause"}
)
MIN_BARE_NAME = 2  # shorter names would hit ordinary words
MAX_NAME_LENGTH = 255

# The kinds of personal data, in the order the summary lists them (words: redact.<kind>.one/many in dialogs.json).
KINDS = ("user", "host", "uuid", "serial", "email", "mac", "ip", "secret")

_NAME_CHARS = r"[^\\/\s\"'<>|:*?;,()\[\]{}]+"
_WSL_WINDOWS_HOME = re.compile(r"(?<![\w.~-])/mnt/[A-Za-z]/Users/(?P<name>" + _NAME_CHARS + ")", re.I)
_POSIX_HOME = re.compile(r"(?<![\w.~-])/(?P<base>home|Users)/(?P<name>" + _NAME_CHARS + ")")
# Windows profile folders may contain spaces ("C:\\Users\\Jo Smith\\venv"): taken only when a separator follows.
_WINDOWS_NAME = rf"{_NAME_CHARS}(?: {_NAME_CHARS})+(?=[\\/])|{_NAME_CHARS}"
_WINDOWS_HOME = re.compile(r"(?<![\w])[A-Za-z]:[\\/]+Users[\\/]+(?P<name>" + _WINDOWS_NAME + ")", re.I)
_EMAIL = re.compile(r"(?<![\w.%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])")
_GPU_UUID = re.compile(r"\b(?:GPU|MIG)-[0-9A-Fa-f]{8}(?:-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12}(?:/\d+/\d+)?\b")
_SERIAL = re.compile(
    r"(?P<label>\bserial(?:[ _-]?(?:number|no\.?))?\s*[:=]\s*)(?P<value>[A-Za-z0-9][A-Za-z0-9-]{3,})", re.I
)
_MAC = re.compile(r"(?<![0-9A-Fa-f:-])(?:[0-9A-Fa-f]{2}([:-]))(?:[0-9A-Fa-f]{2}\1){4}[0-9A-Fa-f]{2}(?![0-9A-Fa-f:-])")
# Candidates only: ipaddress decides. Optional zone (%eth0) and an embedded IPv4 tail (::ffff:10.1.2.3).
_IPV6 = re.compile(
    r"(?<![\w:.%])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|:|(?:\d{1,3}\.){3}\d{1,3})?(?:%[\w.-]+)?(?![\w:])"
)
_IPV4 = re.compile(r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w]|\.\d)")

# Replacements are first written as tokens of private-use characters and turned into their
# placeholder text at the very end, so a later pass can never match inside a placeholder
# (a user called "mac" must not turn "<mac-1>" into "<<user>-1>").
_TOKEN_OPEN, _TOKEN_CLOSE, _TOKEN_BASE = "\ue000", "\ue001", 0xF0000
_TOKEN = re.compile(f"{_TOKEN_OPEN}(.){_TOKEN_CLOSE}")


@dataclass(frozen=True)
class RedactionContext:
    """What is personal on this machine, beyond what the patterns find by themselves."""

    user_names: tuple[str, ...] = ()  # first one is the owner: their home becomes "~"
    host_names: tuple[str, ...] = ()
    home_dirs: tuple[str, ...] = ()  # homes outside /home, /Users, C:\Users (HOME=/scratch/alice)

    def merged(self, other: RedactionContext) -> RedactionContext:
        return RedactionContext(
            user_names=_unique(self.user_names + other.user_names),
            host_names=_unique(self.host_names + other.host_names),
            home_dirs=_unique(self.home_dirs + other.home_dirs),
        )


@dataclass(frozen=True)
class RedactionSummary:
    """How many distinct personal values were hidden, per kind ("user", "host", "uuid", ...)."""

    counts: tuple[tuple[str, int], ...] = ()

    def count(self, kind: str) -> int:
        return dict(self.counts).get(kind, 0)

    @property
    def total(self) -> int:
        return sum(n for _, n in self.counts)

    def describe(self) -> str:
        """ "3 user names, 1 host name, 2 GPU ids hidden" (or that nothing personal was found)."""
        from wizard.i18n import text

        parts = [text(f"redact.{kind}.{'one' if n == 1 else 'many'}", count=n) for kind, n in self.counts if n]
        if not parts:
            return text("redact.nothing")
        return text("redact.hidden", items=", ".join(parts))


@dataclass(frozen=True)
class RedactedReport:
    snapshot: Snapshot
    diagnosis: Diagnosis
    summary: RedactionSummary


@dataclass
class Redactor:
    """Redacts strings with placeholders that stay the same across every string it sees."""

    context: RedactionContext = field(default_factory=RedactionContext)
    _placeholders: list[str] = field(default_factory=list, init=False)
    _token_of: dict[str, str] = field(default_factory=dict, init=False)
    _numbered: dict[tuple[str, str], str] = field(default_factory=dict, init=False)
    _hidden: dict[str, set[str]] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        users = [u for u in _unique(self.context.user_names) if _is_personal(u)]
        self._users = {u.casefold(): self._user_placeholder(i) for i, u in enumerate(users)}
        self._hosts = [h for h in _unique(_with_short_names(self.context.host_names)) if _is_personal(h)]
        by_short_name: dict[str, str] = {}
        self._host_placeholders: dict[str, str] = {}
        for host in self._hosts:
            short = host.split(".")[0].casefold()
            by_short_name.setdefault(short, "<host>" if not by_short_name else f"<host-{len(by_short_name) + 1}>")
            self._host_placeholders[host.casefold()] = by_short_name[short]
        self._home_patterns = [
            (re.compile(re.escape(home) + r"(?![\w.-])", re.I if _is_windows_path(home) else 0), home, name)
            for home in sorted(_unique(self.context.home_dirs), key=len, reverse=True)
            if _is_personal(name := re.split(r"[\\/]+", home.rstrip("\\/"))[-1])
        ]
        self._bare_users = _word_pattern(u for u in users if len(u) >= MIN_BARE_NAME)
        self._bare_hosts = _word_pattern(self._hosts)

    # ---------------------------------------------------------------- public

    def text(self, text: str) -> str:
        if not text:
            return text
        out = text.replace(_TOKEN_OPEN, "").replace(_TOKEN_CLOSE, "")  # the input's own would confuse the last step
        out = self._secrets(out)
        out = _EMAIL.sub(lambda m: self._token(self._numbered_placeholder("email", m.group(0))), out)
        out = _GPU_UUID.sub(lambda m: self._token(self._numbered_placeholder("uuid", m.group(0))), out)
        out = _SERIAL.sub(
            lambda m: m.group("label") + self._token(self._numbered_placeholder("serial", m.group("value"))), out
        )
        out = _MAC.sub(
            lambda m: self._token(self._numbered_placeholder("mac", m.group(0).lower().replace("-", ":"))), out
        )
        out = _IPV6.sub(self._ipv6, out)
        out = _IPV4.sub(self._ip, out)
        out = self._known_homes(out)
        out = _WINDOWS_HOME.sub(self._pattern_home, out)
        out = _WSL_WINDOWS_HOME.sub(self._wsl_home, out)
        out = _POSIX_HOME.sub(self._pattern_home, out)
        if self._bare_hosts is not None:
            out = self._bare_hosts.sub(lambda m: self._token(self._host(m.group(0))), out)
        if self._bare_users is not None:
            out = self._bare_users.sub(lambda m: self._token(self._user(m.group(0))), out)
        return _TOKEN.sub(lambda m: self._placeholders[ord(m.group(1)) - _TOKEN_BASE], out)

    def value(self, obj: Any) -> Any:
        """The same dataclass tree with every string redacted (enums, numbers, codes untouched)."""
        return map_strings(obj, self.text)

    def summary(self) -> RedactionSummary:
        return RedactionSummary(
            tuple((kind, len(self._hidden[kind])) for kind in KINDS if self._hidden.get(kind))
        )

    # ---------------------------------------------------------------- passes

    def _ip(self, match: re.Match[str]) -> str:
        try:
            address = ipaddress.IPv4Address(match.group(0))
        except ValueError:  # 999.1.2.3 is a version string, not an address
            return match.group(0)
        if address.is_loopback or address.is_unspecified:
            return match.group(0)
        return self._token(self._numbered_placeholder("ip", str(address)))

    def _ipv6(self, match: re.Match[str]) -> str:
        text = match.group(0)
        try:
            address = ipaddress.IPv6Address(text.split("%")[0])
        except ValueError:  # 12:30:45, a MAC, a C++ scope: not an address
            return text
        if address.is_loopback or address.is_unspecified:
            return text
        return self._token(self._numbered_placeholder("ip", str(address)))

    def _secrets(self, text: str) -> str:
        """URL credentials (any scheme, with or without one, %-encoded), secret query values, known token formats."""
        secret = lambda value: self._token(self._numbered_placeholder("secret", value))  # noqa: E731
        if "@" in text:
            text = URL_USERINFO.sub(lambda m: m.group("scheme") + secret(m.group("userinfo")) + "@", text)
            text = BARE_USERINFO.sub(lambda m: secret(m.group("userinfo")) + "@", text)
        if "=" in text:
            text = SECRET_QUERY.sub(lambda m: m.group("key") + secret(m.group("value")), text)
        for pattern in token_patterns_for(text):
            text = pattern.sub(lambda m: secret(m.group(0)), text)
        return text

    def _known_homes(self, text: str) -> str:
        for pattern, home, name in self._home_patterns:
            text = pattern.sub(lambda m, n=name, h=home: self._token(self._home(h, n)), text)
        return text

    def _pattern_home(self, match: re.Match[str]) -> str:
        name = match.group("name")
        if not _is_personal(name):
            return match.group(0)
        return self._token(self._home(match.group(0), name))

    def _wsl_home(self, match: re.Match[str]) -> str:
        """/mnt/c/Users/bob is bob's Windows profile seen from WSL: not "~" there, so only the name goes."""
        name = match.group("name")
        if not _is_personal(name):
            return match.group(0)
        return match.group(0)[: -len(name)] + self._token(self._user(name))

    def _home(self, home: str, name: str) -> str:
        placeholder = self._user(name)
        if placeholder == "<user>":
            return "%USERPROFILE%" if _is_windows_path(home) else "~"
        return home[: len(home) - len(name)] + placeholder

    # ---------------------------------------------------------------- placeholders

    def _user(self, name: str) -> str:
        key = name.casefold()
        if key not in self._users:  # a home found by pattern that the context did not know
            self._users[key] = self._user_placeholder(len(self._users))
        self._hidden.setdefault("user", set()).add(key)
        return self._users[key]

    def _host(self, name: str) -> str:
        key = name.casefold()
        self._hidden.setdefault("host", set()).add(key.split(".")[0])
        return self._host_placeholders.get(key, "<host>")

    def _numbered_placeholder(self, kind: str, value: str) -> str:
        key = (kind, value.casefold())
        if key not in self._numbered:
            self._numbered[key] = f"<{kind}-{len(self._hidden.get(kind, ())) + 1}>"
        self._hidden.setdefault(kind, set()).add(value.casefold())
        return self._numbered[key]

    @staticmethod
    def _user_placeholder(index: int) -> str:
        return "<user>" if index == 0 else f"<user-{index + 1}>"

    def _token(self, placeholder: str) -> str:
        if placeholder not in self._token_of:
            self._token_of[placeholder] = f"{_TOKEN_OPEN}{chr(_TOKEN_BASE + len(self._placeholders))}{_TOKEN_CLOSE}"
            self._placeholders.append(placeholder)
        return self._token_of[placeholder]


# --------------------------------------------------------------------------- public functions


def redact_text(text: str, context: RedactionContext | None = None) -> str:
    """Redact one piece of text (user names and homes it contains are found in it too)."""
    context = (context or RedactionContext()).merged(context_from_strings([text]))
    return Redactor(context).text(text)


def redact_snapshot(snapshot: Snapshot, context: RedactionContext | None = None) -> Snapshot:
    context = (context or RedactionContext()).merged(context_from_report(snapshot))
    return Redactor(context).value(snapshot)


def redact_report(
    snapshot: Snapshot, diagnosis: Diagnosis, context: RedactionContext | None = None
) -> tuple[Snapshot, Diagnosis]:
    redacted = redact_report_with_summary(snapshot, diagnosis, context)
    return redacted.snapshot, redacted.diagnosis


def redact_report_with_summary(
    snapshot: Snapshot, diagnosis: Diagnosis, context: RedactionContext | None = None, live: bool | None = None
) -> RedactedReport:
    """Redact snapshot and findings with one consistent set of placeholders, and say what was hidden.

    ``live`` (default: the snapshot was collected on this machine) adds the current user and host.
    """
    context = (context or RedactionContext()).merged(context_from_report(snapshot, diagnosis))
    if live if live is not None else snapshot.source == "live":
        context = context.merged(current_machine_context())
    redactor = Redactor(context)
    redacted_snapshot = redactor.value(snapshot)
    redacted_diagnosis = redactor.value(diagnosis)
    return RedactedReport(redacted_snapshot, redacted_diagnosis, redactor.summary())


def context_from_report(snapshot: Snapshot, diagnosis: Diagnosis | None = None) -> RedactionContext:
    """User names, host names and homes that the report itself reveals."""
    users: list[str] = []
    hosts: list[str] = []
    homes: list[str] = []
    host = snapshot.host.get()
    if host is not None:
        hosts.append(host.hostname)
        for key, value in host.env:
            if key.upper() in ("USER", "USERNAME", "LOGNAME"):
                users.append(value)
            elif key.upper() in ("HOSTNAME", "COMPUTERNAME"):
                hosts.append(value)
            elif key.upper() in ("HOME", "USERPROFILE") and value.strip("\\/"):
                homes.append(value.rstrip("\\/"))
                users.append(re.split(r"[\\/]+", value.rstrip("\\/"))[-1])
    strings = list(iter_strings(snapshot)) + (list(iter_strings(diagnosis)) if diagnosis is not None else [])
    found = context_from_strings(strings)
    return RedactionContext(tuple(users), tuple(hosts), tuple(homes)).merged(found)


def context_from_strings(strings: Iterable[str]) -> RedactionContext:
    """User names from the home paths in these strings, in order of appearance."""
    users: list[str] = []
    for text in strings:
        matches = [*_WINDOWS_HOME.finditer(text), *_WSL_WINDOWS_HOME.finditer(text), *_POSIX_HOME.finditer(text)]
        users.extend(m.group("name") for m in sorted(matches, key=lambda m: m.start()))
    return RedactionContext(user_names=tuple(users))


def current_machine_context() -> RedactionContext:
    """The user and host running the export (for a report of this very machine)."""
    users: list[str] = []
    with contextlib.suppress(OSError, KeyError, ImportError):  # no USER variable and no passwd entry
        users.append(getpass.getuser())
    users.extend(os.environ.get(name, "") for name in ("USER", "USERNAME", "LOGNAME"))
    homes = []
    try:
        homes.append(str(Path.home()))
        users.append(Path.home().name)
    except (RuntimeError, KeyError):
        pass
    hosts = [socket.gethostname(), os.environ.get("COMPUTERNAME", ""), os.environ.get("HOSTNAME", "")]
    return RedactionContext(tuple(users), tuple(hosts), tuple(h for h in homes if h.strip("\\/")))


# --------------------------------------------------------------------------- helpers


def map_strings(obj: Any, fn: Callable[[str], str], field_name: str = "") -> Any:
    """Apply fn to every string in a tree of frozen dataclasses and tuples."""
    if isinstance(obj, enum.Enum) or field_name in UNTOUCHED_FIELDS:
        return obj
    if isinstance(obj, str):
        return fn(obj)
    if isinstance(obj, tuple):
        return tuple(map_strings(item, fn) for item in obj)
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        changes = {f.name: map_strings(getattr(obj, f.name), fn, f.name) for f in dataclasses.fields(obj) if f.init}
        return dataclasses.replace(obj, **changes)
    return obj


def iter_strings(obj: Any, field_name: str = "") -> Iterator[str]:
    if isinstance(obj, enum.Enum) or field_name in UNTOUCHED_FIELDS:
        return
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, tuple):
        for item in obj:
            yield from iter_strings(item)
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for f in dataclasses.fields(obj):
            yield from iter_strings(getattr(obj, f.name), f.name)


def _is_personal(name: str) -> bool:
    # Longer than any host or account name can be: a hostile report's "name", matched by the patterns instead.
    return bool(name.strip()) and len(name) <= MAX_NAME_LENGTH and name.casefold() not in GENERIC_ACCOUNTS


def _is_windows_path(path: str) -> bool:
    return bool(re.match(r"[A-Za-z]:[\\/]", path)) or "\\" in path


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for item in items:
        item = item.strip()
        if item and item.casefold() not in seen:
            seen[item.casefold()] = item
    return tuple(seen.values())


def _with_short_names(hosts: Iterable[str]) -> list[str]:
    """lab-pc-07.cs.uni.edu also appears as lab-pc-07; the longer form is matched first."""
    out: list[str] = []
    for host in hosts:
        out.append(host)
        short = host.split(".")[0]
        if short != host and len(short) >= MIN_BARE_NAME:
            out.append(short)
    return out


def _word_pattern(words: Iterable[str]) -> re.Pattern[str] | None:
    ordered = sorted(set(words), key=len, reverse=True)
    if not ordered:
        return None
    alternatives = "|".join(re.escape(w) for w in ordered)
    return re.compile(rf"(?<![A-Za-z0-9])(?:{alternatives})(?![A-Za-z0-9])", re.I)
