"""Turn whatever the user pasted into plain lines that the parsers can read in bounded time.

Pasted text arrives with CRLF line ends, ANSI colour codes from a terminal, "> " quote marks
from a forum or an e-mail, NUL bytes from a binary file opened by mistake, and sometimes
megabytes of training log. Everything here is linear in the length of the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
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
# Log prefixes that hide where a message starts: "2024-05-01 12:00:03,123 - INFO - ", "[12:00:03] ",
# "21:43:05-106490 WARNING  " (sdnext), "I1206 12:00:00.123456 1234 file.cc:12] " (glog), "[rank0]: ".
_LOG_PREFIX = re.compile(
    r"^[ \t]{0,4}(?:"
    r"\[?\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})?\]?(?:[ \t]{0,3}[-|:][ \t]{0,3}|[ \t]{1,3})"
    r"(?:\[?(?:DEBUG|INFO|WARNING|WARN|ERROR|CRITICAL|FATAL)\]?(?:[ \t]{0,3}[-|:][ \t]{0,3}|[ \t]{1,8}))?"
    r"|\[?\d{2}:\d{2}:\d{2}(?:[.,-]\d{1,9})?\]?[ \t]{1,3}(?:(?:DEBUG|INFO|WARNING|WARN|ERROR|CRITICAL)[ \t]{1,8})?"
    r"|[IWEF]\d{4} \d{2}:\d{2}:\d{2}\.\d{1,9}[ \t]{1,3}\d{1,9} [\w.-]{1,80}:\d{1,6}\] "
    r"|\[rank\d{1,5}\]:[ \t]?"
    r")"
)
# Frames of rich's tracebacks ("│ C:\\x\\launch.py:274 in <module>   │") and box corners.
_BOX_SIDES = re.compile(r"^[ \t]{0,4}[│┃][ \t]?|[ \t]{0,200}[│┃]$")  # not "|": nvidia-smi's table keeps its bars
# Markdown: list bullets, numbered items, headings, code fences, inline code marks, links and images.
_LIST_MARK = re.compile(r"^[ \t]{0,12}(?:[-*+•]|\d{1,3}[.)])[ \t]{1,4}(?=\S)")
_FENCE = re.compile(r"^[ \t]{0,8}(?:```|~~~)[\w+-]{0,20}[ \t]{0,8}$")
_MD_LINK = re.compile(r"!?\[([^\]\n]{0,300})\]\((?:[^)\s]{0,2000})\)")
_HTML_TAG = re.compile(r"</?(?:br|p|pre|code|details|summary|b|i|em|strong|tt|kbd)\s{0,4}/?>", re.IGNORECASE)
# A line this long that stops mid-sentence was wrapped by a mail client or a narrow terminal.
WRAP_MIN_CHARS = 60
_SENTENCE_END = tuple(".:;!?)]}>|\"'`")

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
    text = "\n".join(_unwrap(_clean_line(line) for line in text.split("\n")))
    return CleanText(text=text, lower=text.translate(ASCII_LOWER), original_chars=original, capped=capped, binary=binary)


def looks_binary(text: str, sample_chars: int = 65536) -> bool:
    """True when a sample is mostly control characters or undecodable bytes (U+FFFD)."""
    sample = text[:sample_chars]
    if not sample:
        return False
    junk = sum(1 for ch in sample if ch == "\ufffd" or (ch < " " and ch not in "\n\r\t\x1b"))
    return junk / len(sample) > 0.10


def _clean_line(line: str) -> str:
    """One line without the marks that forums, Markdown, rich and loggers put around a message.

    Each regex runs only when the line's first characters could start its mark: a log of a
    million lines then costs one cheap test per line, not five regex calls.
    """
    line = line[:MAX_LINE_CHARS]
    head = line[:16].lstrip(" \t")
    first = head[:1]
    if first == ">":
        line = _QUOTE_PREFIX.sub("", line)
        head = line[:16].lstrip(" \t")
        first = head[:1]
    if first in ("`", "~") and _FENCE.match(line):
        return ""
    if "│" in line or "┃" in line:
        line = _BOX_SIDES.sub("", line)
        first = line.lstrip(" \t")[:1]
    if first.isdigit() or first in ("[", "I", "W", "E", "F"):
        line = _LOG_PREFIX.sub("", line, count=1)
        first = line.lstrip(" \t")[:1]
    if first in ("-", "*", "+", "•") or first.isdigit():
        line = _LIST_MARK.sub("", line, count=1)
    if "](" in line:
        line = _MD_LINK.sub(r"\1", line)
    if "`" in line:
        line = line.replace("`", "")
    if "<" in line:
        line = _HTML_TAG.sub(" ", line)
    return line.rstrip()


def _unwrap(lines: Iterable[str]) -> list[str]:
    """Join a line that a narrow window wrapped mid-sentence to the line it continues.

    Only long lines that stop without punctuation count as wrapped, and only when the next line
    starts in lower case without indentation: tables, tracebacks and collect_env keep their lines.
    """
    result: list[str] = []
    for line in lines:
        if result and _continues(result[-1], line):
            result[-1] = result[-1] + (" " if not result[-1].endswith((" ", "\\", "/", "-")) else "") + line
            if len(result[-1]) > MAX_LINE_CHARS:
                result[-1] = result[-1][:MAX_LINE_CHARS]
            continue
        result.append(line)
    return result


def _continues(previous: str, line: str) -> bool:
    if len(previous) < WRAP_MIN_CHARS or previous.endswith(_SENTENCE_END) or not line:
        return False
    first = line[0]
    if not (first.islower() or first in "\"'("):
        return False
    return "  " not in previous.strip() and not previous.lstrip().startswith(("File ", "[pip", "[conda"))
