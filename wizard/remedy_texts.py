"""The remedy and fix-session sentences (resources/texts/remedies.json): keyed str.format templates."""

from __future__ import annotations

import json
from functools import cache

from wizard.resources_path import resource


@cache
def remedy_texts() -> dict[str, str]:
    data = json.loads(resource("texts", "remedies.json").read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_") and isinstance(v, str)}


def remedy_text(key: str, **fields: object) -> str:
    return remedy_texts()[key].format(**fields)
