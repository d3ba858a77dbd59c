"""Turn whatever the user pasted into plain lines that the parsers can read in bounded time.

Pasted text arrives with CRLF line ends, ANSI colour codes from a terminal, "> " quote marks
from a forum or an e-mail, NUL bytes from a binary file opened by mistake, and sometimes
megabytes of training log. Everything here is linear in the length of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

HEAD_CHARS = 2_000_000  # examined from the start of a huge text
TAIL_CHARS = 1_000_000  # and from its end: the error is usually the last thing printed
MAX_LINE_CHARS = 4096  # longer lines are cut: no signature needs more, and regexes stay cheap

# CSI sequences ("\x1b[31m", "\x1b[2K") and OSC sequences ("\x1b]0;title\x07"), bounded.
_ANSI = re.compile(r"\x1b\[[0-9;?]{0,32}[ -/]{0,4}[@-~]|\x1b\][^\x07\x1b]{0,256}(?:\x07|\x1b\\)|\x1b[@-_]")
# Control characters other than tab and newline (binary junk, NUL padding, BEL).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# Markers that forums, mail clients and chat apps put before quoted lines.
_QUOTE_PREFIX = re.compile(r"^(?:[ \t]{0,8}>){1,4}[ \t]?")

# ASCII-only lower-casing keeps every index where it was (str.lower() may lengthen "İ").
ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


@dataclass(frozen=True)
class CleanText:
    text: str  # cleaned, "\n"-separated, lines cut to MAX_LINE_CHARS
    lower: str  # ASCII-lower-cased copy of ``text`` (same length, same indexes)
    original_chars: int
    capped: bool  # only the head and the tail of the text were examined
    binary: bool  # mostly not text: the parsers were not run

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")


def clean_text(raw: str) -> CleanText:
    """Cap, strip colour codes and quote marks, normalise line ends and cut long lines."""
    original = len(raw)
    capped = original > HEAD_CHARS + TAIL_CHARS
    if capped:
        raw = raw[:HEAD_CHARS] + "\n" + raw[-TAIL_CHARS:]
    binary = looks_binary(raw)
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    text = _ANSI.sub("", text)
    text = _CONTROL.sub(" ", text)
    text = "\n".join(_clean_line(line) for line in text.split("\n"))
    return CleanText(text=text, lower=text.translate(ASCII_LOWER), original_chars=original, capped=capped, binary=binary)


def looks_binary(text: str, sample_chars: int = 65536) -> bool:
    """True when a sample is mostly control characters or undecodable bytes (U+FFFD)."""
    sample = text[:sample_chars]
    if not sample:
        return False
    junk = sum(1 for ch in sample if ch == "\ufffd" or (ch < " " and ch not in "\n\r\t\x1b"))
    return junk / len(sample) > 0.10


def _clean_line(line: str) -> str:
    line = line[:MAX_LINE_CHARS]
    return _QUOTE_PREFIX.sub("", line).rstrip()
