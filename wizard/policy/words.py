"""The policy's and the recommendation's sentences (resources/texts/recommend.json), through wizard.i18n."""

from __future__ import annotations

from functools import cache

from wizard import i18n


def say(key: str, **fields: object) -> str:
    """The catalog sentence ``key`` with its named fields filled in, in the user's language; it carries its
    message, so a Recommendation built from it renders in a report reader's language too."""
    return i18n.message(key, **fields)


@cache
def catalog_keys() -> frozenset[str]:
    return frozenset(i18n.load_catalog_file(i18n.catalog_path("recommend")))
