"""The policy's and the recommendation's sentences, from the catalog resources/texts/recommend.json."""

from __future__ import annotations

import json
from functools import cache

from wizard.resources_path import resource


@cache
def _catalog() -> dict[str, str]:
    data = json.loads(resource("texts", "recommend.json").read_text(encoding="utf-8"))
    return {key: value for key, value in data.items() if not key.startswith("_") and isinstance(value, str)}


def say(key: str, **fields: object) -> str:
    """The catalog sentence ``key`` with its named fields filled in."""
    return _catalog()[key].format(**fields)


def catalog_keys() -> frozenset[str]:
    return frozenset(_catalog())
