"""A message the text only asks about, quotes from elsewhere or imagines, not one this setup printed.

"Does "HIP out of memory. Tried to allocate 20 MiB" mean the GPU is full?", "If I uninstall it, will torch fail with
something like "libcufile.so.0: cannot open shared object file"?", "when users would hit "Unknown CUDA arch (8.6)"", or
any quoted message in a text that says nothing was installed or run yet ("I haven't installed anything yet"). Such a
message names no cause of this setup and shows nothing working on it. A message the person says they got ("I get
"…", would upgrading help?") is theirs whatever the question around it.
"""

from __future__ import annotations

import re
from functools import lru_cache

_OPENING_QUOTES = "\"'`“‘«「"
# the words that make a quoted message hypothetical or asked about: its meaning, a condition, a future or a possibility
_ASKING = re.compile(r"\b(?:mean|means|meaning|would|will|if (?:i|we|you)|something like|what does|what is|what's)\b",
                     re.I)
# the person's own experience of the message before it in the same sentence
_EXPERIENCED = re.compile(r"\b(?:i|we)(?:'m| am| keep| still)? (?:get|got|getting|see|saw|seeing|receive|received|hit|"
                          r"ran into|run into|have|had)\b|\bgives? me\b|\bfails? with\b|\bthrows?\b|\bshows? me\b", re.I)
# the experience verbs that say the person's own run printed it (not "I see … reports", "I have read …")
_GOT = re.compile(r"\b(?:get|got|getting|receive|received|hit|ran into|run into)\b|gives? me|fails? with|throws?", re.I)
# a condition or a future before the verb: "will torch fail with", "if I run it I would get"
_IMAGINED = re.compile(r"\b(?:will|would|could|might|if)\b", re.I)
# the text says nothing was installed or run on this machine yet
_NOTHING_RUN_YET = re.compile(r"\b(?:i|we) (?:haven'?t|have not|didn'?t|did not) (?:installed|install|run|ran|tried|set up)"
                              r" anything(?: yet)?\b|\bnothing (?:is )?installed yet\b|\bbefore (?:i|we) (?:buy|install)\b",
                              re.I)
# between the opening quote and the message: nothing, or the exception's name ("RuntimeError: ")
_QUOTED_FROM_HERE = re.compile(r"[ \t]{0,2}(?:[\w.]{0,60}(?:Error|Exception|Warning): ?)?$")
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|[？。！]|\n\s*\n")


@lru_cache(maxsize=4)
def _nothing_run_yet(text: str) -> bool:
    """Once per text (every quoted message of a long log asks; a str caches its own hash)."""
    return _NOTHING_RUN_YET.search(text, 0, 200_000) is not None


def asked_about(text: str, start: int, end: int) -> bool:
    """Whether the message at text[start:end] is quoted (its opening quote on its line, at most an exception name
    between) in a sentence that asks about it or imagines it, or quoted in a text that says nothing was run yet."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start]
    quote = max(before.rfind(mark) for mark in _OPENING_QUOTES)
    if quote < 0 or not _QUOTED_FROM_HERE.match(before, quote + 1) or (before[quote] == "'" and quote > 0
                                                                      and before[quote - 1].isalnum()):
        return False  # (no opening quote right before it: "I'm getting …" has an apostrophe, not a quote)
    sentence_start = max((m.end() for m in _SENTENCE_END.finditer(before, 0, quote)), default=0)
    opening = before[sentence_start:quote]
    experienced = _EXPERIENCED.search(opening)
    if experienced is not None and _IMAGINED.search(opening, 0, experienced.start()) is not None:
        experienced = None  # ("will torch fail with …": imagined)
    if experienced is not None and _GOT.search(experienced.group(0)):
        return False  # ("I got "…"": the person's own, even in a text that says nothing was installed before it)
    if _nothing_run_yet(text):
        return True  # ("I haven't installed anything yet; I see lots of "…" reports")
    if experienced is not None:
        return False
    after = text[end:end + 300]
    closing = _SENTENCE_END.search(after)
    sentence = opening + " " + (after[:closing.end()] if closing else after)
    return _ASKING.search(sentence) is not None
