"""Outside text made safe to store, print and tabulate: secrets out, terminal control sequences out,
spreadsheet formulas defused.

Pure functions, no Qt, no I/O. Used at collection time (environment variables), by every report writer
(secrets never reach a file) and by the CLI renderers (a report's host name cannot clear the screen).
"""

from __future__ import annotations

import dataclasses
import enum
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit, urlunsplit

MASK = "***"

# scheme://user:password@host, any scheme (http, https, socks5h, git+https …); greedy up to the last "@" before
# the path so a password with a raw "@" in it is taken whole.
URL_USERINFO = re.compile(r"(?P<scheme>\b[A-Za-z][A-Za-z0-9+.-]*://)(?P<userinfo>[^/\s?#\"'<>]+)@")
# user:password@proxy.corp:3128 without a scheme (HTTPS_PROXY accepts that); the colon keeps e-mail addresses out.
BARE_USERINFO = re.compile(
    r"(?<![\w/:@.%+-])(?P<userinfo>[^\s:/@\"'<>=]+:[^\s/@\"'<>]+)@(?=[A-Za-z0-9\[][A-Za-z0-9.:\]-]*)"
)
SECRET_QUERY = re.compile(
    r"(?P<key>[?&;](?:[^=&#\s]*?(?:token|key|secret|passw|pwd|auth|sig|signature|credential|session|sas)[^=&#\s]*)=)"
    r"(?P<value>[^&#\s\"'<>]+)",
    re.I,
)
# Each token pattern with a literal that must be in the (lower-cased) text for it to match: a cheap test
# first keeps megabytes of ordinary text from going through a dozen regular expressions.
TOKEN_PATTERNS = (
    re.compile(r"\bhf_[A-Za-z0-9]{20,}\b"),  # Hugging Face
    re.compile(r"\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{20,}\b"),  # GitHub classic and OAuth tokens
    re.compile(r"\bgithub_pat_[A-Za-z0-9_]{20,}\b"),  # GitHub fine-grained
    re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"),  # AWS access key ids
    re.compile(r"\bglpat-[A-Za-z0-9_-]{20,}\b"),  # GitLab
    re.compile(r"\bxox[abposr]-[A-Za-z0-9-]{10,}\b"),  # Slack
    re.compile(r"\bsk-(?:proj-|ant-|live-|test-)?[A-Za-z0-9_-]{20,}\b"),  # OpenAI / Anthropic / Stripe style
    re.compile(r"(?i)(?<=\bBearer )[A-Za-z0-9._~+/=-]{8,}"),
    re.compile(r"(?i)(?<=\bBasic )[A-Za-z0-9+/=]{8,}"),
    re.compile(r"(?i)(?<=\bToken )[A-Za-z0-9._~+/=-]{16,}"),
    re.compile(r"(?i)(?<=\bx-amz-security-token[=:])[^&\s\"']+"),
    re.compile(r"(?i)(?<=\bpassword[=:])[^&\s\"']+|(?<=\bpassword: )\S+"),
)

TOKEN_HINTS = (
    ("hf_",), ("ghp_", "gho_", "ghu_", "ghs_", "ghr_"), ("github_pat_",), ("akia", "asia"), ("glpat-",), ("xox",),
    ("sk-",), ("bearer ",), ("basic ",), ("token ",), ("x-amz-security-token",), ("password",),
)  # fmt: skip


def token_patterns_for(text: str) -> list[re.Pattern[str]]:
    """The token patterns that could match ``text`` at all."""
    lowered = text.lower()
    return [pattern for hints, pattern in zip(TOKEN_HINTS, TOKEN_PATTERNS) if any(h in lowered for h in hints)]


# Terminal control: CSI (ESC [ … final), OSC (ESC ] … BEL or ST: titles, hyperlinks), other ESC sequences,
# the 8-bit C1 forms, and every other C0 control but newline and tab. DEL too.
_CONTROL = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?"
    r"|\x1b\][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[PX^_][^\x1b\x9c]*(?:\x1b\\|\x9c)?"
    r"|\x1b[ -/]*[0-~]?"
    r"|\x9b[0-?]*[ -/]*[@-~]?"
    r"|\x9d[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]"
)
# Bidirectional overrides and isolates turn "exe.txt" into "txt.exe" on screen.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")

CSV_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def scrub_secrets(text: str) -> str:
    """The text with URL credentials, secret query values and well-known token formats replaced by ***."""
    if not text:
        return text
    out = text
    if "@" in out:
        out = URL_USERINFO.sub(lambda m: f"{m.group('scheme')}{MASK}@", out)
        out = BARE_USERINFO.sub(f"{MASK}@", out)
    if "=" in out:
        out = SECRET_QUERY.sub(lambda m: m.group("key") + MASK, out)
    for pattern in token_patterns_for(out):
        out = pattern.sub(MASK, out)
    return out


def strip_url_secrets(value: str) -> str:
    """An environment value holding URLs (a proxy, an index, a space-separated list of them) without user
    names, passwords, query strings or fragments: what is collected is only where it points."""
    return " ".join(_bare_url(part) for part in value.split(" ")) if value else value


def _bare_url(part: str) -> str:
    if "://" not in part:
        return scrub_secrets(part)
    try:
        pieces = urlsplit(part)
        host = pieces.hostname or ""
        port = pieces.port
    except ValueError:
        return scrub_secrets(part)
    netloc = (f"[{host}]" if ":" in host else host) + (f":{port}" if port is not None else "")
    return urlunsplit((pieces.scheme, netloc, pieces.path, "", ""))


def strip_controls(text: str) -> str:
    """Text fit for a terminal: no escape sequences, no C0/C1 controls but newline and tab, no bidi overrides."""
    if not text:
        return text
    return _BIDI.sub("", _CONTROL.sub("", text.replace("\r\n", "\n")))


def for_terminal(text: str) -> str:
    """What the CLI prints of any string that did not come from the wizard itself."""
    return scrub_secrets(strip_controls(text))  # controls first: an escape glued to "https://" hides where the URL starts


def csv_cell(text: str) -> str:
    """A CSV cell a spreadsheet will not run: controls out, and a leading = + - @ (or tab/CR) quoted away."""
    cell = strip_controls(text)
    return "'" + cell if cell.startswith(CSV_FORMULA_START) else cell


def map_every_string(obj: Any, fn: Callable[[str], str]) -> Any:
    """fn applied to every string in a tree of frozen dataclasses and tuples, codes and ids included."""
    if isinstance(obj, enum.Enum):
        return obj
    if isinstance(obj, str):
        return fn(obj)
    if isinstance(obj, tuple):
        return tuple(map_every_string(item, fn) for item in obj)
    if isinstance(obj, list):
        return [map_every_string(item, fn) for item in obj]
    if isinstance(obj, dict):
        return {map_every_string(k, fn): map_every_string(v, fn) for k, v in obj.items()}
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        changes = {f.name: map_every_string(getattr(obj, f.name), fn) for f in dataclasses.fields(obj) if f.init}
        return dataclasses.replace(obj, **changes)
    return obj


def terminal_safe(obj: Any) -> Any:
    """A snapshot, diagnosis or row with :func:`for_terminal` applied to every string, before a CLI renderer
    adds the wizard's own colours and layout."""
    return map_every_string(obj, for_terminal)


def print_for_terminal(*parts: object, **kwargs: Any) -> None:
    """print(), for lines that carry outside text (a command with a mirror's credentials, pip's output)."""
    print(*(for_terminal(str(part)) for part in parts), **kwargs)


DISPLAY_CHARS = 4000  # more than any real host name, path or sentence: Qt lays out longer labels very slowly
DISPLAY_LINES = 60


def clip(text: str, limit: int = DISPLAY_CHARS, lines: int = DISPLAY_LINES) -> str:
    """Text cut to what a label can show: a 200 000-character "host name" would freeze the window's layout.
    (Long details go to scrollable text boxes, which cope.)"""
    if len(text) <= limit and text.count("\n") < lines:
        return text
    kept = "\n".join(text[:limit].split("\n")[:lines])
    return f"{kept}… ({len(text) - len(kept)} more characters not shown)"
