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


def _mnemonics(value: str) -> int:
    return len(re.findall(r"&[^&\s]", value))


@pytest.mark.parametrize("locale", TRANSLATED)
@pytest.mark.parametrize("name", i18n.CATALOGS)
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


@pytest.mark.parametrize("locale", TRANSLATED)
def test_commands_and_shortcuts_survive_translation(locale: str) -> None:
    """`commands` are never translated, and a button keeps exactly one shortcut letter when English has one."""
    english, translated = i18n.catalog(i18n.SOURCE_LOCALE), i18n.catalog(locale)
    for key, value in translated.items():
        assert re.findall(r"`[^`]*`", value) == re.findall(r"`[^`]*`", english[key]), f"{locale}: {key}"
        if key.startswith(("gui.", "prefs.")):
            assert _mnemonics(value) == _mnemonics(english[key]), f"{locale}: {key}: shortcut letters"


@pytest.mark.parametrize("locale", TRANSLATED)
def test_a_translation_differs_from_english_where_english_has_words(locale: str) -> None:
    """Catches a file copied from English and never translated: most prose must differ."""
    english, translated = i18n.catalog(i18n.SOURCE_LOCALE), i18n.catalog(locale)
    prose = [key for key, value in english.items() if len(value.split()) >= 6 and key not in pending_keys()]
    same = [key for key in prose if translated[key] == english[key]]
    assert same == [], f"{locale}: left in English"


def test_the_translation_files_are_utf8_json_objects_without_duplicate_keys() -> None:
    def no_duplicates(pairs: list[tuple[str, object]]) -> dict[str, object]:
        keys = [key for key, _ in pairs]
        duplicates = {key for key in keys if keys.count(key) > 1}
        assert not duplicates, f"duplicate keys {sorted(duplicates)}"
        return dict(pairs)

    for locale in i18n.LANGUAGES:
        for name in i18n.CATALOGS:
            path = i18n.catalog_path(name, locale)
            if locale != i18n.SOURCE_LOCALE and not path.is_file():
                continue  # not translated yet: test_every_catalog_is_complete… names its keys
            json.loads(path.read_text(encoding="utf-8"), object_pairs_hook=no_duplicates)


def test_pending_keys_are_english_keys_still_untranslated_somewhere() -> None:
    english = i18n.catalog(i18n.SOURCE_LOCALE)
    for key in pending_keys():
        assert key in english, f"{key}: not an English key (remove it from {PENDING.name})"
        assert any(key not in i18n.catalog(locale) for locale in TRANSLATED), f"{key}: translated everywhere now"
