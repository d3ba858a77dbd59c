"""The remedy and fix-session sentences (resources/texts/remedies.json), through wizard.i18n: keyed
str.format templates, rendered in the user's language and carrying their message for reports."""

from __future__ import annotations

from functools import cache

from wizard import i18n


@cache
def remedy_texts() -> dict[str, str]:
    """The English templates by key (which keys exist; rendering goes through remedy_text)."""
    return i18n.load_catalog_file(i18n.catalog_path("remedies"))


def remedy_text(key: str, **fields: object) -> str:
    return i18n.message(key, **fields)
