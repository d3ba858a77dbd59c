"""The catalogue of error signatures (resources/textdiag/signatures.json): loading, validation, matching.

Each signature has a ``needle``, a lower-case literal that must occur in the text before its
regex is tried at all. The regex then runs only on a small window around each occurrence
(the needle's line and the two lines after it), so the cost is bounded by the number of
occurrences, never by the length of the text. At load time every regex is checked for
nested quantifiers (the shape that backtracks catastrophically) and must match its own example.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from wizard.resources_path import resource
from wizard.textdiag.clean import CleanText, lower_same_length
from wizard.textdiag.vocabulary import FACT_KEYS, KNOWN_CAUSES, derived_facts, normalise

SIGNATURES_SCHEMA = "torch-setup-wizard/signatures@1"
MAX_OCCURRENCES = 20  # windows examined per signature
WINDOW_BEFORE = 1000  # characters of the needle's line kept before it
WINDOW_AFTER = 3000  # characters kept after it (the needle's line and the next two)

try:  # Python >= 3.11
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _sre_parse  # type: ignore[no-redef]

_REPEATS = {_sre_parse.MAX_REPEAT, _sre_parse.MIN_REPEAT}
if hasattr(_sre_parse, "POSSESSIVE_REPEAT"):
    _REPEATS.add(_sre_parse.POSSESSIVE_REPEAT)


class SignatureError(ValueError):
    """The catalogue is malformed; the message names the signature and the problem."""


@dataclass(frozen=True)
class Signature:
    id: str
    needle: str
    regex: re.Pattern[str]
    cause: str  # diagnosis code, "" for a signature that only reveals facts
    facts: tuple[tuple[str, str], ...]  # constant facts every match reveals
    example: str
    source: str  # URL of a public thread showing the text
    note: str = ""
    # Other causes the same message is evidence for, with a prior weight (the main cause weighs 1.0);
    # wizard.textdiag.weigh chooses among them with the rest of the text.
    alternatives: tuple[tuple[str, float], ...] = ()
    examples: tuple[str, ...] = ()  # the wording of other eras and languages; each must match
    family: str = ""  # what kind of message: "loader", "dll", "pip", "driver", "network", "os", …
    lang: str = ""  # "" for English / language-independent, else the locale of the OS message ("de", "zh_CN")
    # Localized OS messages: where the exact wording was found (a real post quoting the OS's own text, or glibc's
    # .po file at a commit), and whether it is "sourced" there or still "unverified" (written from documentation).
    quoted_in: tuple[str, ...] = ()
    wording: str = ""


@dataclass(frozen=True)
class Match:
    signature: Signature
    start: int  # index of the match in the cleaned text
    excerpt: str  # the matched text, verbatim (as cleaned)
    facts: tuple[tuple[str, str], ...]


@cache
def default_signatures() -> tuple[Signature, ...]:
    """The shipped catalogue, loaded and validated once."""
    return load_signatures(resource("textdiag", "signatures.json"))


def load_signatures(path: Path) -> tuple[Signature, ...]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SignatureError(f"{path.name}: cannot read: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise SignatureError(f"{path.name}: not valid JSON: {exc}") from None
    return parse_signatures(data, path.name)


def parse_signatures(data: Any, origin: str = "signatures.json") -> tuple[Signature, ...]:
    if not isinstance(data, dict) or data.get("schema") != SIGNATURES_SCHEMA:
        raise SignatureError(f"{origin}: expected an object with schema {SIGNATURES_SCHEMA!r}")
    entries = data.get("signatures")
    if not isinstance(entries, list) or not entries:
        raise SignatureError(f"{origin}: 'signatures' must be a non-empty list")
    signatures = []
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        label = f"{origin}: signatures[{index}]"
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            label += f" ({entry['id']})"
        signature = _parse_one(entry, label)
        if signature.id in seen:
            raise SignatureError(f"{label}: duplicate id")
        seen.add(signature.id)
        signatures.append(signature)
    return tuple(signatures)


def _parse_one(entry: Any, label: str) -> Signature:
    if not isinstance(entry, dict):
        raise SignatureError(f"{label}: expected an object")
    for key in ("id", "needle", "regex", "cause", "example", "source"):
        if not isinstance(entry.get(key), str):
            raise SignatureError(f"{label}: '{key}' must be a string")
    unknown_keys = set(entry) - {
        "id", "needle", "regex", "cause", "facts", "example", "source", "note", "causes", "examples", "family", "lang",
        "quoted_in", "wording",
    }
    if unknown_keys:
        raise SignatureError(f"{label}: unknown keys {sorted(unknown_keys)}")
    if not re.fullmatch(r"[a-z][a-z0-9_]*", entry["id"]):
        raise SignatureError(f"{label}: id must be lower_snake_case")
    needle = entry["needle"]
    if len(needle) < _needle_floor(needle) or needle != needle.lower():
        raise SignatureError(f"{label}: needle must be a lower-case literal of 4+ characters (2+ in CJK script)")
    cause = entry["cause"]
    if cause and cause not in KNOWN_CAUSES:
        raise SignatureError(f"{label}: unknown cause code {cause!r}")
    if not entry["source"].startswith("https://"):
        raise SignatureError(f"{label}: source must be an https URL")
    regex = _compile(entry["regex"], label)
    constant = entry.get("facts", {})
    if not isinstance(constant, dict) or not all(isinstance(v, str) for v in constant.values()):
        raise SignatureError(f"{label}: 'facts' must map fact keys to strings")
    for key in (*regex.groupindex, *constant):
        if key not in FACT_KEYS:
            raise SignatureError(f"{label}: {key!r} is not a known fact key")
    alternatives = _alternatives(entry.get("causes", {}), label)
    examples = entry.get("examples", [])
    if not isinstance(examples, list) or not all(isinstance(e, str) and e for e in examples):
        raise SignatureError(f"{label}: 'examples' must be a list of non-empty strings")
    quoted_in = entry.get("quoted_in", [])
    if not isinstance(quoted_in, list) or not all(isinstance(u, str) and u.startswith("https://") for u in quoted_in):
        raise SignatureError(f"{label}: 'quoted_in' must be a list of https URLs")
    wording = entry.get("wording", "")
    if wording not in ("", "sourced", "unverified") or (wording == "sourced" and not quoted_in):
        raise SignatureError(f"{label}: 'wording' is 'sourced' (with quoted_in) or 'unverified'")
    signature = Signature(
        id=entry["id"],
        needle=needle,
        regex=regex,
        cause=cause,
        facts=tuple(constant.items()),
        example=entry["example"],
        source=entry["source"],
        note=str(entry.get("note", "")),
        alternatives=alternatives,
        examples=tuple(examples),
        family=str(entry.get("family", "")),
        lang=str(entry.get("lang", "")),
        quoted_in=tuple(quoted_in),
        wording=wording,
    )
    for example in (entry["example"], *examples):
        if not match_signature(signature, example):
            raise SignatureError(f"{label}: the regex (or needle) does not match the example {example[:80]!r}")
    return signature


def _needle_floor(needle: str) -> int:
    # (a CJK character is a word of its own, and such words are rare in the logs most texts are: two are as
    # selective as four Latin letters)
    return 2 if all("\u3040" <= char <= "\u9fff" or "\uac00" <= char <= "\ud7af" for char in needle) else 4


def _alternatives(causes: Any, label: str) -> tuple[tuple[str, float], ...]:
    if not isinstance(causes, dict):
        raise SignatureError(f"{label}: 'causes' must map cause codes to weights")
    result = []
    for code, weight in causes.items():
        if code not in KNOWN_CAUSES:
            raise SignatureError(f"{label}: unknown cause code {code!r} in 'causes'")
        if not isinstance(weight, (int, float)) or not 0 < weight <= 1:
            raise SignatureError(f"{label}: the weight of {code} must be a number in (0, 1]")
        result.append((code, float(weight)))
    return tuple(result)


def _compile(pattern: str, label: str) -> re.Pattern[str]:
    try:
        compiled = re.compile(pattern, re.IGNORECASE)
        tree = _sre_parse.parse(pattern, re.IGNORECASE)
    except re.error as exc:
        raise SignatureError(f"{label}: regex does not compile: {exc}") from None
    if _has_nested_repeat(tree, outer=""):
        raise SignatureError(f"{label}: regex has a quantifier inside a quantifier (catastrophic backtracking)")
    return compiled


def _has_nested_repeat(tree: Any, outer: str) -> bool:
    """Whether a repeated part contains another repeat where either of the two is unbounded.

    ``outer`` is "" (not inside a repeat), "bounded" ({2,16}) or "unbounded" (+, *, {n,} or > 16).
    Optional parts (?, {0,1}) do not count as repeats.
    """
    for op, argument in tree:
        if op in _REPEATS:
            _low, high, body = argument
            if high is not _sre_parse.MAXREPEAT and high <= 1:
                if _has_nested_repeat(body, outer):
                    return True
                continue
            kind = "unbounded" if high is _sre_parse.MAXREPEAT or high > 16 else "bounded"
            if outer and "unbounded" in (outer, kind):
                return True
            if _has_nested_repeat(body, "unbounded" if "unbounded" in (outer, kind) else kind):
                return True
        elif op is _sre_parse.SUBPATTERN:
            if _has_nested_repeat(argument[-1], outer):
                return True
        elif op is _sre_parse.BRANCH:
            if any(_has_nested_repeat(branch, outer) for branch in argument[1]):
                return True
        elif op in (_sre_parse.ASSERT, _sre_parse.ASSERT_NOT) and _has_nested_repeat(argument[1], outer):
            return True
    return False


def match_signature(signature: Signature, text: str) -> Match | None:
    """The first match of one signature in a short text (used for examples and tests)."""
    return next(_matches_in(signature, text, lower_same_length(text)), None)


def match_all(clean: CleanText, signatures: tuple[Signature, ...] | None = None) -> list[Match]:
    """Every signature's first match in the text, ordered by position.

    A needle is looked for once however many signatures share it, and localized (non-ASCII)
    needles are skipped at once when the text is pure ASCII: the cost stays a few scans of the
    text, not one per catalogue entry.
    """
    found = []
    ascii_text = clean.text.isascii()
    present: dict[str, bool] = {}
    joined_lower = clean.lower.replace("\n", " ")  # (a needle wrapped across a line break is found too)
    joined = _JoinedText(clean.text)
    for signature in signatures if signatures is not None else default_signatures():
        needle = signature.needle
        if needle not in present:
            present[needle] = (needle.isascii() or not ascii_text) and needle in joined_lower
        if not present[needle]:
            continue
        first = next(_matches_in(signature, clean.text, joined_lower, joined), None)
        if first is not None:
            found.append(first)
    return sorted(found, key=lambda m: m.start)


class _JoinedText:
    """The text with its line breaks as spaces (same length and indexes), made once and only when a needle found across
    a line break needs its regex tried on it: a message a terminal or a mail client wrapped ("The NVIDIA driver" /
    "on your system is too old")."""

    def __init__(self, text: str) -> None:
        self._source = text
        self._joined = ""

    def text(self) -> str:
        if not self._joined:
            self._joined = self._source.replace("\n", " ")
        return self._joined


def _matches_in(signature: Signature, text: str, lower: str, joined: _JoinedText | None = None):  # -> Iterator[Match]
    """``lower``: may be the joined lower-case text; a needle found across a line break then has its regex tried on
    the joined text too."""
    position = 0
    for _ in range(MAX_OCCURRENCES):
        hit = lower.find(signature.needle, position)
        if hit < 0:
            return
        start, end = _window(text, hit)
        found = signature.regex.search(text, start, end)
        if found is None and joined is not None and "\n" in text[hit:hit + len(signature.needle)]:
            found = signature.regex.search(joined.text(), start, end)
        if found is not None:
            yield Match(signature, found.start(), found.group(0), _facts_of(signature, found))
            position = max(found.end(), hit + 1)
        else:
            position = hit + len(signature.needle)


def _window(text: str, hit: int) -> tuple[int, int]:
    line_start = text.rfind("\n", max(0, hit - WINDOW_BEFORE), hit) + 1
    start = max(line_start, hit - WINDOW_BEFORE)
    end = hit
    for _ in range(3):  # the needle's line and the two after it
        newline = text.find("\n", end, hit + WINDOW_AFTER)
        if newline < 0:
            end = min(len(text), hit + WINDOW_AFTER)
            break
        end = newline + 1
    return start, end


def _facts_of(signature: Signature, found: re.Match[str]) -> tuple[tuple[str, str], ...]:
    facts = list(signature.facts)
    for key, value in found.groupdict().items():
        if value:
            normalised = normalise(key, value)
            if normalised:
                facts.append((key, normalised))
    facts.extend(derived_facts(dict(facts)).items())
    return tuple(facts)
