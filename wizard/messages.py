"""A catalog message as data: a key of resources/texts and its parameters (no language, no rendering here).

Findings, recommendations and collector problems store these beside their English text, so any reader renders them
in their own language (wizard.i18n.render_message). A module of its own so the Snapshot layer can hold them
without importing the findings.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Param:
    """One parameter of a Message: plain data (a version, a name) or, for a sentence the text embeds
    (advice, a cause), other messages rendered in the reader's language and joined."""

    name: str
    value: str = ""
    parts: tuple[Message, ...] = ()


@dataclass(frozen=True)
class Message:
    """A catalog key (resources/texts, e.g. "DRIVER_OK.title") and its data-only parameters.

    Findings store these next to their English text, so any reader renders them in their own language
    (wizard.i18n.render_message)."""

    key: str
    params: tuple[Param, ...] = ()
