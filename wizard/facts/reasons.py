"""Why a fact has no value, as catalog text (resources/texts/facts.json, ``reason.*``).

A collector writes ``Fact.missing(status, because("reason.torch.not_installed", python=python))``: the Problem
keeps the English sentence in ``reason`` (what checks read, what older wizards show) and the message with its
data in ``reason_messages``, so `facts` and reports say it in the reader's language (``reason_text``).
"""

from __future__ import annotations

from functools import cache

from wizard import i18n
from wizard.findings import Message
from wizard.snapshot import Problem


def because(key: str, /, **params: object) -> str:
    """The English reason ``key`` filled with ``params`` (data, or other ``because`` texts), carrying its message."""
    return i18n.message(key, i18n.SOURCE_LOCALE, **params)


def reason_text(problem: Problem, locale: str | None = None) -> str:
    """The problem's reason in ``locale`` (the user's language when None); the stored text when it has no message
    (a reason written in code, an older snapshot) or the message cannot be rendered."""
    messages = problem.reason_messages or _fixed_reason(problem.reason)
    return i18n.render_messages(messages, problem.reason, locale)


@cache
def _fixed_reasons() -> dict[str, str]:
    english = i18n.catalog(i18n.SOURCE_LOCALE)
    return {value: key for key, value in english.items() if key.startswith("reason.") and not i18n.template_fields(value)}


def _fixed_reason(reason: str) -> tuple[Message, ...]:
    """A reason without data stored as plain text (Fact.unknown's "not gathered", a snapshot from before the
    catalogs) is still that catalog text."""
    key = _fixed_reasons().get(reason)
    return (Message(key),) if key else ()


def stored_reason(problem: Problem) -> str:
    """The problem's reason as a text that still carries its messages, to embed in another reason."""
    return i18n.RenderedText(problem.reason, problem.reason_messages)
