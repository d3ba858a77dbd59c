"""Plain-language finding texts (resources/texts/findings.json), keyed by code and sub-variant.

Each entry has a ``title`` and an ``explanation``: str.format templates with named fields.
Course staff edit and translators translate the JSON; the code only supplies the fields.
"""

from __future__ import annotations

import json
import string
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from wizard.findings import Action, Finding, Message, Severity, Step
from wizard.i18n import RenderedText, join_sentences, params_of, without_empty_fields  # noqa: F401 - re-exported
from wizard.resources_path import resource


class TextError(ValueError):
    """A text is missing, malformed, or a template needs a field the code did not supply."""


@dataclass(frozen=True)
class Text:
    key: str
    title: str
    explanation: str

    @property
    def fields(self) -> frozenset[str]:
        return template_fields(self.title) | template_fields(self.explanation)


def template_fields(template: str) -> frozenset[str]:
    """The named fields of a str.format template ('{driver} and {gpu}' → {'driver', 'gpu'})."""
    names = set()
    for _literal, name, _spec, _conversion in string.Formatter().parse(template):
        if name is not None:
            if not name or name.isdigit():
                raise TextError(f"positional field in template {template!r}: use named fields")
            names.add(name.split(".")[0].split("[")[0])
    return frozenset(names)


def parse_texts(data: object, origin: str = "findings.json") -> dict[str, Text]:
    """Validate the JSON data of a texts file into Text entries (raises TextError naming the entry)."""
    if not isinstance(data, dict):
        raise TextError(f"{origin}: expected an object keyed by code")
    texts: dict[str, Text] = {}
    for key, entry in data.items():
        if key.startswith("_"):  # "_comment" and similar notes for editors
            continue
        if (
            not isinstance(entry, dict)
            or not isinstance(entry.get("title"), str)
            or not isinstance(entry.get("explanation"), str)
        ):
            raise TextError(f"{origin}: {key}: needs a 'title' and an 'explanation' string")
        text = Text(key, entry["title"].strip(), entry["explanation"].strip())
        if not text.title or not text.explanation:
            raise TextError(f"{origin}: {key}: empty title or explanation")
        try:
            text.fields  # noqa: B018 - parses both templates
        except (TextError, ValueError) as exc:
            raise TextError(f"{origin}: {key}: {exc}") from None
        texts[key] = text
    return texts


def load_texts_file(path: Path) -> dict[str, Text]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise TextError(f"{path.name}: cannot read: {exc}") from None
    return parse_texts(data, path.name)


@cache
def load_texts() -> dict[str, Text]:
    """The shipped texts, loaded and validated once."""
    return load_texts_file(resource("texts", "findings.json"))


def phrase(key: str, **params: object) -> str:
    """A catalog phrase ("phrase.env.venv") to put into a finding's text: English here, and any reader's
    language wherever the finding is shown (it is stored as a message, not as these English words)."""
    from wizard.i18n import text

    english = text(key, "en", **params)
    return RenderedText(english, (Message(key, params_of(params)),))


def text_of(finding_: Finding, field: str = "title") -> str:
    """A finding's title (or explanation) as text to embed in another, with its message when it has one."""
    message = finding_.title_message if field == "title" else finding_.explanation_message
    value = getattr(finding_, field)
    return RenderedText(value, (message,)) if message is not None else value


def render(key: str, fields: dict[str, object], texts: dict[str, Text] | None = None) -> tuple[str, str]:
    """(title, explanation) of ``key`` filled with ``fields``; every field a template names must be given.

    Both are RenderedText carrying their Message ("KEY.title", "KEY.explanation") for wizard.i18n."""
    table = load_texts() if texts is None else texts
    text = table.get(key)
    if text is None:
        raise TextError(f"no text for {key!r} in findings.json")
    missing = text.fields - set(fields)
    if missing:
        raise TextError(f"text {key!r} needs field(s) {', '.join(sorted(missing))}")
    values = {name: _display(value) for name, value in fields.items()}
    params = params_of({name: fields[name] for name in text.fields})
    return (
        RenderedText(without_empty_fields(text.title, values).format(**values), (Message(f"{key}.title", params),)),
        RenderedText(without_empty_fields(text.explanation, values).format(**values),
                     (Message(f"{key}.explanation", params),)),
    )


def _display(value: object) -> str:
    if isinstance(value, (list, tuple, set, frozenset)):
        return ", ".join(str(v) for v in value)
    return str(value)


def finding(
    key: str,
    severity: Severity,
    step: Step,
    *,
    details: str = "",
    actions: Iterable[Action] = (),
    evidence: Iterable[str] = (),
    caused_by: str = "",
    **fields: object,
) -> Finding:
    """A Finding whose code is the part of ``key`` before the first dot ("DRIVER_MISSING.nouveau")."""
    title, explanation = render(key, fields)
    return Finding(
        code=key.split(".", 1)[0],
        severity=severity,
        step=step,
        title=title,
        explanation=explanation,
        details=details,
        actions=tuple(actions),
        evidence=tuple(evidence),
        caused_by=caused_by,
        **messages_of(title, explanation),
    )


def messages_of(title: str, explanation: str) -> dict[str, Message]:
    """Finding(...) keyword arguments title_message/explanation_message of two rendered texts."""
    found = {}
    for name, value in (("title_message", title), ("explanation_message", explanation)):
        if isinstance(value, RenderedText) and len(value.messages) == 1:
            found[name] = value.messages[0]
    return found
