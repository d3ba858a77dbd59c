"""CI gate for the translations: every shipped language has every key of every catalog, the same
placeholders as the English text, and nothing extra (docs/translating.md)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from wizard import i18n

TRANSLATED = [code for code in i18n.LANGUAGES if code != i18n.SOURCE_LOCALE]
# English keys not translated yet (they show in English in every language). Only for a text that must land
# before its translations; the list only shrinks. One key per line, "#" comments.
PENDING = Path(__file__).with_name("untranslated_keys.txt")


def pending_keys() -> set[str]:
    lines = PENDING.read_text(encoding="utf-8").splitlines() if PENDING.is_file() else []
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def _file_catalog(name: str, locale: str) -> dict[str, str]:
    """The keys of one file; {} for a translation file not written yet (its keys must then be pending)."""
    path = i18n.catalog_path(name, locale)
    if locale != i18n.SOURCE_LOCALE and not path.is_file():
        return {}
    return i18n.load_catalog_file(path)


# Every English catalog on disk, also those the renderer does not load yet: a translation is checked as soon
# as it exists, whichever helper routes the catalog through wizard/i18n.py.
ENGLISH_CATALOGS = sorted({path.stem for path in i18n.catalog_path("findings").parent.glob("*.json")} | set(i18n.CATALOGS))

# Spans a translator must copy unchanged: `code`, URLs, --options, ENV_VARIABLES, file names, {fields} with
# conversions. Found in the English text, each must appear verbatim in the translation.
CODE_SPANS = re.compile(
    r"`[^`]*`"
    r"|https?://[^\s)]*[^\s).,;:]"
    r"|(?<![\w-])--[a-z][a-z0-9-]*"
    r"|\b[A-Z][A-Z0-9]*_[A-Z0-9_]*[A-Z0-9]\b"
    r"|[\w~./-]*\.(?:toml|lock|json|pth|pem|run|exe|bashrc)\b"
    r"|\{[a-z_]+![rsa]\}"
)


def code_spans(text: str) -> list[str]:
    return sorted(set(CODE_SPANS.findall(text)))


def missing_code_spans(english: str, translated: str) -> list[str]:
    """The English code spans the translation lacks (translated, retyped or dropped)."""
    return [span for span in code_spans(english) if span not in translated]


def _mnemonics(value: str) -> int:
    return len(re.findall(r"&[^&\s]", value))


@pytest.mark.parametrize("locale", TRANSLATED)
@pytest.mark.parametrize("name", ENGLISH_CATALOGS)
def test_every_catalog_is_complete_with_the_same_placeholders(name: str, locale: str) -> None:
    english = _file_catalog(name, i18n.SOURCE_LOCALE)
    translated = _file_catalog(name, locale)
    assert sorted(set(english) - set(translated) - pending_keys()) == [], f"{locale}/{name}.json lacks these keys"
    assert sorted(set(translated) - set(english)) == [], f"{locale}/{name}.json has keys English does not"
    wrong = {
        key: (sorted(i18n.template_fields(english[key])), sorted(i18n.template_fields(value)))
        for key, value in translated.items()
        if i18n.template_fields(value) != i18n.template_fields(english[key])
    }
    assert wrong == {}, f"{locale}/{name}.json: placeholders differ from English (english, translated)"
    changed = {key: missing_code_spans(english[key], value) for key, value in translated.items()}
    assert {key: spans for key, spans in changed.items() if spans} == {}, f"{locale}/{name}.json: code changed"


@pytest.mark.parametrize("locale", TRANSLATED)
def test_commands_and_shortcuts_survive_translation(locale: str) -> None:
    """`commands` are never translated, and a button keeps exactly one shortcut letter when English has one."""
    english, translated = i18n.catalog(i18n.SOURCE_LOCALE), i18n.catalog(locale)
    for key, value in translated.items():
        assert re.findall(r"`[^`]*`", value) == re.findall(r"`[^`]*`", english[key]), f"{locale}: {key}"
        if key.startswith(("gui.", "prefs.")):
            assert _mnemonics(value) == _mnemonics(english[key]), f"{locale}: {key}: shortcut letters"


@pytest.mark.parametrize("locale", TRANSLATED)
@pytest.mark.parametrize("name", ENGLISH_CATALOGS)
def test_a_translation_differs_from_english_where_english_has_words(name: str, locale: str) -> None:
    """Catches a file copied from English and never translated: most prose must differ."""
    english, translated = _file_catalog(name, i18n.SOURCE_LOCALE), _file_catalog(name, locale)
    prose = [key for key, value in english.items() if len(value.split()) >= 6 and key in translated]
    same = [key for key in prose if translated[key] == english[key]]
    assert same == [], f"{locale}/{name}.json: left in English"


def test_code_spans_are_found_where_a_translator_must_keep_them() -> None:
    """The code-span rule itself: what it picks out of real English texts, and that a retyped span fails."""
    english = "Check PIP_INDEX_URL and ~/.bashrc, run with --force-reinstall, see https://download.pytorch.org/whl/cpu."
    assert code_spans(english) == sorted(
        ["PIP_INDEX_URL", "~/.bashrc", "--force-reinstall", "https://download.pytorch.org/whl/cpu"]
    )
    assert code_spans("What `python` runs for {name!r}") == ["`python`", "{name!r}"]
    assert missing_code_spans(english, "Prüfen Sie PIP_INDEX_URL und ~/.bashrc, mit --force-reinstall, "
                              "siehe https://download.pytorch.org/whl/cpu.") == []
    assert missing_code_spans("run `pip list`", "führen Sie `pip liste` aus") == ["`pip list`"]
    assert missing_code_spans("set PIP_CERT", "définissez PIP-CERT") == ["PIP_CERT"]


def test_the_translation_files_are_utf8_json_objects_without_duplicate_keys() -> None:
    def no_duplicates(pairs: list[tuple[str, object]]) -> dict[str, object]:
        keys = [key for key, _ in pairs]
        duplicates = {key for key in keys if keys.count(key) > 1}
        assert not duplicates, f"duplicate keys {sorted(duplicates)}"
        return dict(pairs)

    for locale in i18n.LANGUAGES:
        for name in ENGLISH_CATALOGS:
            path = i18n.catalog_path(name, locale)
            if locale != i18n.SOURCE_LOCALE and not path.is_file():
                continue  # not translated yet: test_every_catalog_is_complete… names its keys
            json.loads(path.read_text(encoding="utf-8"), object_pairs_hook=no_duplicates)


def test_pending_keys_are_english_keys_still_untranslated_somewhere() -> None:
    english = i18n.catalog(i18n.SOURCE_LOCALE)
    for key in pending_keys():
        assert key in english, f"{key}: not an English key (remove it from {PENDING.name})"
        assert any(key not in i18n.catalog(locale) for locale in TRANSLATED), f"{key}: translated everywhere now"


# One word for one thing within a language (docs/languages.md): the review pass settled these; a later edit that
# brings back the other spelling fails here. Pattern → why it is wrong in that language.
INCONSISTENT_WORDING = {
    "fr": {r"\b[Pp]ilotes?\b(?! supplémentaires')": "say 'driver' like the rest of the catalogs"},
    "es": {r"\b[Cc]ontrolador(?:es)?\b(?! adicionales')": "say 'driver' like the rest of the catalogs"},
    "zh_CN": {"笔记本": "means laptop; a Jupyter notebook is 'notebook'", "构建(?!（build）)": "a build is 版本"},
    "ja": {r"(?<=[^\x00-\x7f]):(?: |$)": "full-width '：' after Japanese text"},
    "ko": {"강의": "a course is 과정, as in the course-profile texts"},
}


@pytest.mark.parametrize("locale", sorted(INCONSISTENT_WORDING))
def test_a_language_uses_one_word_for_one_thing(locale: str) -> None:
    wrong = {
        f"{name}:{key}": why
        for name in ENGLISH_CATALOGS
        for key, value in _file_catalog(name, locale).items()
        for pattern, why in INCONSISTENT_WORDING[locale].items()
        if re.search(pattern, value)
    }
    assert wrong == {}, f"{locale}: wording the review pass unified"
