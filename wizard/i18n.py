"""The user's language: which one, and every text of the catalogs rendered in it.

Catalogs (docs/translating.md): resources/texts/<name>.json hold the English source texts;
resources/texts/<locale>/<name>.json the same keys translated. A JSON entry is a string, or an object
of strings (findings: {"title", "explanation"}); its message keys are "KEY" and "KEY.field". Texts are
str.format templates with named fields; params are data (versions, names), never English prose.

The locale is chosen once per process (set_locale) from, in order: --lang, TSW_LANG, the GUI's
Preferences, the OS (LANGUAGE, LC_ALL, LC_MESSAGES, LANG; Windows' UI language). Core, no Qt.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import string
import sys
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from pathlib import Path

from wizard.findings import Action, Diagnosis, Finding, Message, Param, Recommendation
from wizard.resources_path import resource

SOURCE_LOCALE = "en"
PSEUDO_LOCALE = "pseudo"  # English, accented and 40 % longer: shows clipped labels and text left in code
# Shipped languages, in the order a language menu lists them, each named in its own language.
LANGUAGES: dict[str, str] = {
    "en": "English",
    "zh_CN": "简体中文",
    "es": "Español",
    "pt_BR": "Português (Brasil)",
    "ja": "日本語",
    "ko": "한국어",
    "de": "Deutsch",
    "fr": "Français",
}
# resources/texts/<name>.json. A translation may lack a file or a key: that text shows in English.
CATALOGS = ("findings", "course", "words", "verdict", "places", "remedies", "recommend", "environments", "dialogs",
            "commands", "actions", "facts")
ENV_VARIABLE = "TSW_LANG"
OS_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
_ALIASES = {"zh": "zh_CN", "pt": "pt_BR"}  # a language without region → the shipped variant


class I18nError(ValueError):
    """A catalog is malformed, a key is unknown, or a template needs a field that was not given."""


# --------------------------------------------------------------------------- choosing the locale


def normalize_locale(raw: str | None) -> str | None:
    """The shipped locale a POSIX/BCP 47 name means ('de_DE.UTF-8' → 'de', 'zh-Hans-CN' → 'zh_CN',
    'pt_PT' → 'pt_BR'), or None when it names no shipped language ('C', 'POSIX', 'ru_RU', '')."""
    if not raw:
        return None
    name = raw.strip().split(".")[0].split("@")[0].replace("-", "_")
    if name.lower() == PSEUDO_LOCALE:
        return PSEUDO_LOCALE
    if not name or name.upper() in ("C", "POSIX"):
        return None
    language = name.split("_")[0].lower()
    if language == "zh":  # every Chinese reader reads Simplified better than English; only zh_CN ships
        return "zh_CN"
    for code in LANGUAGES:
        if code.lower() == name.lower() or code == language:
            return code
    return _ALIASES.get(language)


def os_locale(environ: Mapping[str, str] | None = None, platform: str | None = None) -> str:
    """The OS's UI language as a shipped locale, English when it is none of them."""
    env = os.environ if environ is None else environ
    for variable in OS_VARIABLES:
        value = env.get(variable, "")
        if not value:
            continue
        # LANGUAGE is a priority list ("de:en"); the others name one locale. The first set variable decides.
        for candidate in value.split(":"):
            code = normalize_locale(candidate)
            if code is not None and code != PSEUDO_LOCALE:
                return code
        if variable != "LANGUAGE":
            return SOURCE_LOCALE
    if (platform or sys.platform) == "win32":
        return normalize_locale(windows_ui_language()) or SOURCE_LOCALE
    return SOURCE_LOCALE


def windows_ui_language() -> str:
    """'de_DE' from GetUserDefaultUILanguage (the display language, not the formats); '' elsewhere."""
    try:
        import ctypes
        import locale as locale_module

        lcid = ctypes.windll.kernel32.GetUserDefaultUILanguage()  # type: ignore[attr-defined]
        return locale_module.windows_locale.get(int(lcid), "")
    except (AttributeError, OSError, ValueError):
        return ""


def resolve_locale(
    cli: str | None = None,
    environ: Mapping[str, str] | None = None,
    preference: str | None = None,
    platform: str | None = None,
) -> str:
    """--lang, then TSW_LANG, then the saved preference, then the OS. Unknown names are skipped."""
    env = os.environ if environ is None else environ
    for chosen in (cli, env.get(ENV_VARIABLE), preference):
        code = normalize_locale(chosen)
        if code is not None:
            return code
    return os_locale(env, platform)


_current: list[str] = []
_cli_choice: list[str] = []


def set_locale(code: str | None) -> str:
    """Make ``code`` (any spelling normalize_locale accepts; None: the OS's) the process's language."""
    chosen = normalize_locale(code) or resolve_locale()
    _current[:] = [chosen]
    return chosen


def choose_locale(cli: str | None = None) -> str:
    """The command line's choice: --lang (remembered for gui_locale), else TSW_LANG, else the OS."""
    _cli_choice[:] = [cli] if cli else []
    return set_locale(resolve_locale(cli))


def gui_locale(preference: str | None) -> str:
    """The GUI's language: --lang and TSW_LANG still win over the Preferences choice, which wins over the OS."""
    return set_locale(resolve_locale(_cli_choice[0] if _cli_choice else None, preference=preference))


def current_locale() -> str:
    if not _current:
        _current.append(resolve_locale())
    return _current[0]


# --------------------------------------------------------------------------- catalogs


def catalog_path(name: str, locale: str = SOURCE_LOCALE) -> Path:
    if locale == SOURCE_LOCALE:
        return resource("texts", f"{name}.json")
    return resource("texts", locale, f"{name}.json")


def flatten_catalog(data: object, origin: str) -> dict[str, str]:
    """{"KEY": "text"} and {"KEY": {"title": "…"}} → {"KEY": "text", "KEY.title": "…"}; "_…" keys are notes."""
    if not isinstance(data, dict):
        raise I18nError(f"{origin}: expected an object keyed by message key")
    flat: dict[str, str] = {}
    for key, entry in data.items():
        if key.startswith("_"):
            continue
        items = [(key, entry)] if isinstance(entry, str) else (
            [(f"{key}.{field}", value) for field, value in entry.items()] if isinstance(entry, dict) else [(key, entry)]
        )
        for flat_key, value in items:
            if not isinstance(value, str) or (not value.strip() and isinstance(entry, str)):
                raise I18nError(f"{origin}: {flat_key}: expected a non-empty string")  # a field of an entry may be ""
            if flat_key in flat:
                raise I18nError(f"{origin}: {flat_key}: defined twice")
            try:
                template_fields(value)
            except I18nError as exc:
                raise I18nError(f"{origin}: {flat_key}: {exc}") from None
            flat[flat_key] = value.strip()
    return flat


def load_catalog_file(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise I18nError(f"{path.name}: cannot read: {exc}") from None
    return flatten_catalog(data, f"{path.parent.name}/{path.name}")


@cache
def catalog(locale: str = SOURCE_LOCALE) -> dict[str, str]:
    """Every message of ``locale`` (all catalog files merged); {} for a language that ships none."""
    if locale == PSEUDO_LOCALE:
        return {key: pseudo_localize(value) for key, value in catalog(SOURCE_LOCALE).items()}
    merged: dict[str, str] = {}
    for name in CATALOGS:
        path = catalog_path(name, locale)
        if locale != SOURCE_LOCALE and not path.is_file():
            continue
        for key, value in load_catalog_file(path).items():
            if key in merged:
                raise I18nError(f"{name}.json: {key}: also defined in another catalog")
            merged[key] = value
    return merged


def template_fields(template: str) -> frozenset[str]:
    """The named fields of a str.format template ('{driver} and {gpu}' → {'driver', 'gpu'})."""
    names = set()
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as exc:
        raise I18nError(f"bad template {template!r:.80}: {exc}") from None
    for _literal, name, _spec, _conversion in parsed:
        if name is not None:
            if not name or name.isdigit() or not name.isidentifier():
                raise I18nError(f"field {{{name}}} in {template!r:.80}: use named fields")
            names.add(name)
    return frozenset(names)


def has_text(key: str) -> bool:
    return key in catalog(SOURCE_LOCALE)


def template(key: str, locale: str | None = None) -> str:
    """The template of ``key`` in ``locale``, the English one when that language lacks it."""
    code = locale or current_locale()
    found = catalog(code).get(key) if code != SOURCE_LOCALE else None
    if found is not None:
        return found
    english = catalog(SOURCE_LOCALE).get(key)
    if english is None:
        raise I18nError(f"no text for {key!r} in resources/texts")
    return english


def text(key: str, locale: str | None = None, **params: object) -> str:
    """The text of ``key`` in the user's language, filled with ``params`` (every field it names)."""
    code = locale or current_locale()
    chosen = template(key, code)
    try:
        return _fill(chosen, key, params)
    except I18nError:
        if code == SOURCE_LOCALE:
            raise
        return _fill(template(key, SOURCE_LOCALE), key, params)  # a broken translation never hides the text


class CatalogError(Exception):
    """An error whose message is the catalog text ``key`` in the user's language; ``params`` are its data (paths,
    argv, the OS's own error text), never translated. ``key`` stays for code and tests that ask which error it was;
    copy and pickle rebuild it from the key and the data, not from the translated sentence."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(text(key, **params))
        self.key = key
        self.params = params

    def __reduce__(self):
        return _rebuild_catalog_error, (type(self), self.key, self.params)


def _rebuild_catalog_error(cls: type[CatalogError], key: str, params: dict[str, object]) -> CatalogError:
    return cls(key, **params)


def _fill(chosen: str, key: str, params: Mapping[str, object]) -> str:
    missing = template_fields(chosen) - set(params)
    if missing:
        raise I18nError(f"text {key!r} needs field(s) {', '.join(sorted(missing))}")
    values = {name: _display(value) for name, value in params.items()}
    return without_empty_fields(chosen, values).format(**values)


def without_empty_fields(template: str, values: Mapping[str, str]) -> str:
    """The template without the space before a field whose value is empty ("PyTorch {torch} is" with no version known
    reads "PyTorch is", not "PyTorch  is")."""
    for name, value in values.items():
        if not value:
            template = template.replace(" {" + name + "}", "{" + name + "}")
    return template


def _display(value: object) -> str:
    if isinstance(value, (list, tuple, set, frozenset)):
        return ", ".join(str(v) for v in value)
    return str(value)


class Words(Mapping[object, str]):
    """A read-only mapping whose values are catalog texts in the current language, looked up on use:
    Words("step.{}.title")[Step.DRIVER] is text("step.driver.title"). Enums use their value."""

    def __init__(self, pattern: str, keys: tuple[object, ...]) -> None:
        self.pattern, self.keys_ = pattern, keys

    def __getitem__(self, item: object) -> str:
        if item not in self.keys_:
            raise KeyError(item)
        return text(self.pattern.format(getattr(item, "value", item)))

    def __iter__(self) -> Iterator[object]:
        return iter(self.keys_)

    def __len__(self) -> int:
        return len(self.keys_)


# --------------------------------------------------------------------------- messages and findings


class RenderedText(str):
    """Text rendered from the catalogs that remembers the message(s) it came from, so whatever stores or embeds
    it (a finding, a recommendation's why, an action's label) keeps the messages and any reader renders them in
    their own language."""

    messages: tuple[Message, ...] = ()

    def __new__(cls, value: str, messages: tuple[Message, ...] = ()) -> RenderedText:
        made = super().__new__(cls, value)
        made.messages = messages
        return made


def message(key: str, locale: str | None = None, **params: object) -> str:
    """The text of ``key`` (in ``locale``, default the user's language) that also carries its Message: the form
    core code (checks, remedies, the recommendation) hands to the edges and to reports."""
    return RenderedText(text(key, locale, **params), (Message(key, params_of(params)),))


def messages_in(value: object) -> tuple[Message, ...]:
    """The messages a rendered text carries; () for plain text."""
    return value.messages if isinstance(value, RenderedText) else ()


def join_sentences(sentences: Iterable[str], separator: str = " ") -> str:
    """Sentences joined, keeping the messages when every one came from the catalogs (else plain text)."""
    items = [s for s in sentences if s]
    joined = separator.join(items)
    if items and all(messages_in(s) for s in items):
        return RenderedText(joined, tuple(m for s in items for m in messages_in(s)))
    return joined


def params_of(fields: Mapping[str, object]) -> tuple[Param, ...]:
    """The fields as stored message parameters: display strings, or the messages of embedded texts."""
    params = []
    for name, value in sorted(fields.items()):
        if messages_in(value):
            params.append(Param(name, str(value), parts=messages_in(value)))
        else:
            params.append(Param(name, _display(value)))
    return tuple(params)


def render_messages(messages: tuple[Message, ...], stored: str, locale: str | None = None) -> str:
    """Messages rendered in ``locale`` and joined by spaces; ``stored`` when there are none or one cannot be
    rendered (a report from a newer wizard, damaged params)."""
    if not messages:
        return stored
    try:
        return sentence_gap(locale).join(render_message(m, locale) for m in messages)
    except (I18nError, RecursionError):
        return stored


def shown(value: str, locale: str | None = None) -> str:
    """A text for the screen: a rendered text in ``locale`` (its messages rendered again), plain text as it is."""
    return render_messages(messages_in(value), value, locale)


def render_message(message: Message, locale: str | None = None) -> str:
    """A stored Message (key + data params, nested messages for embedded sentences) in ``locale``."""
    values = {param.name: _param_text(param, locale) for param in message.params}
    return text(message.key, locale, **values)


def _param_text(param: Param, locale: str | None) -> str:
    if param.parts:
        return sentence_gap(locale).join(render_message(part, locale) for part in param.parts)
    return param.value


UNSPACED_LOCALES = ("zh_CN", "ja")  # their sentences end in a full-width "。" and are written without spaces


def sentence_gap(locale: str | None = None) -> str:
    """What goes between two sentences in ``locale`` (the current one when None)."""
    return "" if (locale or current_locale()) in UNSPACED_LOCALES else " "


FULL_WIDTH_ENDINGS = ("：", "。", "，", "、")  # CJK punctuation carries its own space


def after_label(label: str) -> str:
    """What goes between a label ("Verdict:", "结论：") and its value: nothing after full-width punctuation."""
    return "" if label.endswith(FULL_WIDTH_ENDINGS) else " "


ACTION_PREFIX = "action."


@cache
def _action_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(key, regex) for each action.* text: its literal parts exact, each {field} any text."""
    patterns: list[tuple[int, str, re.Pattern[str]]] = []
    for key, english in catalog(SOURCE_LOCALE).items():
        if not key.startswith(ACTION_PREFIX) or key.endswith(".explanation"):  # an explanation is a note, no label
            continue
        regex = "".join(
            re.escape(literal) + (f"(?P<{name}>.+?)" if name else "")
            for literal, name, _spec, _conversion in string.Formatter().parse(english)
        )
        literal = sum(len(part[0]) for part in string.Formatter().parse(english))
        patterns.append((literal, key, re.compile(regex + r"\Z")))
    # The most specific first: "Install pip" before "Install {package}".
    return tuple((key, pattern) for _literal, key, pattern in sorted(patterns, key=lambda p: -p[0]))


def label_message(label: str) -> Message | None:
    """The action.* message an English label was built from ("Install PyTorch 2.7.1 (CUDA 11.8)" →
    action.install_torch with its params), so the Action stores a key and data; None when no text matches."""
    for key, pattern in _action_patterns():
        match = pattern.match(label)
        if match:
            return Message(key, params_of(match.groupdict()))
    return None


def localized_label(label: str, locale: str | None = None) -> str:
    """An action's English label in ``locale``, found by matching the action.* texts of words.json.

    A bridge until actions carry their own message: checks build labels as English strings; one no
    action.* text matches stays as it is."""
    for key, pattern in _action_patterns():
        match = pattern.match(label)
        if match:
            return text(key, locale, **match.groupdict())
    return label


def localized_finding(finding: Finding, locale: str | None = None) -> Finding:
    """The finding with title and explanation rendered from its messages in ``locale``.

    Findings without messages (built in code) and messages this version cannot render (a report from a
    newer wizard with unknown keys, damaged params) keep the text stored with them."""
    changes = {}
    for field, message in (("title", finding.title_message), ("explanation", finding.explanation_message)):
        if message is None:
            continue
        try:
            changes[field] = render_message(message, locale)
        except (I18nError, RecursionError):
            continue
    actions = tuple(localized_action(a, locale) for a in finding.actions)
    if actions != finding.actions:
        changes["actions"] = actions
    if finding.remedy is not None:
        remedy = dataclasses.replace(finding.remedy, note=shown(finding.remedy.note, locale),
                                     instructions=shown(finding.remedy.instructions, locale))
        if remedy != finding.remedy:
            changes["remedy"] = remedy
    return dataclasses.replace(finding, **changes) if changes else finding


def localized_action(action: Action, locale: str | None = None) -> Action:
    """The action with its label in ``locale``: from its label message, else (older reports, labels built in
    code) by matching the English action.* texts."""
    if action.label_message is not None:
        label = render_messages((action.label_message,), action.label, locale)
    else:
        label = localized_label(action.label, locale)
    return action if label == action.label else dataclasses.replace(action, label=label)


def localized_recommendation(recommendation: Recommendation, locale: str | None = None) -> Recommendation:
    """The recommendation with its why in ``locale`` (from why_messages; stored text when it has none)."""
    why = render_messages(recommendation.why_messages, recommendation.why, locale)
    return recommendation if why == recommendation.why else dataclasses.replace(recommendation, why=why)


def localized_diagnosis(diagnosis: Diagnosis, locale: str | None = None) -> Diagnosis:
    """Every finding and the recommendation of ``diagnosis`` in ``locale`` (default: the current one); the edges
    (CLI, GUI, reports) call this."""
    return dataclasses.replace(diagnosis, findings=tuple(localized_finding(f, locale) for f in diagnosis.findings),
                               recommendation=localized_recommendation(diagnosis.recommendation, locale))


# --------------------------------------------------------------------------- pseudo-localisation

_ACCENTED = str.maketrans(
    "AaCcDEeGIiLNnOoRSsTUuYyZz",
    "ÅåÇçĐÉéĜÎîĽÑñÖöŘŠšŢÜüÝýŽž",
)


def pseudo_localize(template_text: str) -> str:
    """'[Ŝööñ … ~~~~]': accented and 40 % longer, fields and `commands` untouched, so layouts meet long text."""
    if not template_text.strip():
        return template_text  # an empty text (a verdict without a question) stays empty
    pieces: list[str] = []
    for literal, name, spec, conversion in string.Formatter().parse(template_text):
        pieces.append(_accent_outside_code(literal).replace("{", "{{").replace("}", "}}"))
        if name is not None:
            pieces.append("{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}")
    body = "".join(pieces)
    extra = max(1, round(len(template_text) * 0.4) - 2)
    # In words of five, so wrapping labels can break the padding as they break real text.
    padding = " ".join("~" * 5 for _ in range(extra // 6)) + (" " if extra >= 6 else "") + "~" * max(1, extra % 6)
    return f"[{body} {padding.strip()}]"


def _accent_outside_code(literal: str) -> str:
    parts = literal.split("`")
    return "`".join(part if index % 2 else part.translate(_ACCENTED) for index, part in enumerate(parts))
