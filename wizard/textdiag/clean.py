"""Turn whatever the user pasted into plain lines that the parsers can read in bounded time.

Pasted text arrives with CRLF line ends, ANSI colour codes from a terminal, "> " quote marks
from a forum or an e-mail, NUL bytes from a binary file opened by mistake, and sometimes
megabytes of training log. Everything here is linear in the length of the text.
"""

from __future__ import annotations

import re
import textwrap
from collections import Counter
from dataclasses import dataclass

from wizard.plain_characters import plain_characters
from wizard.textdiag.collect_env import KEYS as COLLECT_ENV_KEYS

HEAD_CHARS = 400_000  # examined from the start of a huge text (any environment dump is far shorter)
TAIL_CHARS = 400_000  # and from its end: the error is usually the last thing printed (thousands of lines)
MAX_LINE_CHARS = 4096  # longer lines are cut: no signature needs more, and regexes stay cheap

# CSI sequences ("\x1b[31m", "\x1b[2K") and OSC sequences ("\x1b]0;title\x07"), bounded.
_ANSI = re.compile(r"\x1b\[[0-9;?]{0,32}[ -/]{0,4}[@-~]|\x1b\][^\x07\x1b]{0,256}(?:\x07|\x1b\\)|\x1b[@-_]")
# Control characters other than tab and newline (binary junk, NUL padding, BEL).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# Markers that forums, mail clients and chat apps put before quoted lines.
_QUOTE_PREFIX = re.compile(r"^(?:[ \t]{0,8}>){1,4}[ \t]?")
def _at_line_starts(pattern: str) -> re.Pattern[str]:
    """A "^"-anchored line pattern as a whole-text one whose "^" is a literal line break (used on the text with a line
    break put before it): the regex engine scans for a literal start in C instead of trying every position."""
    return re.compile("\n" + pattern.removeprefix("^"), re.MULTILINE)


def _sub_at_line_starts(compiled: re.Pattern[str], text: str) -> str:
    return compiled.sub("\n", "\n" + text)[1:]


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
_LOG_PREFIX_M = _at_line_starts(_LOG_PREFIX.pattern)
# Markdown: list bullets, numbered items, headings, code fences, inline code marks, links and images.
_LIST_MARK = re.compile(r"^[ \t]{0,12}(?:[-*+•]|\d{1,3}[.)])[ \t]{1,4}(?=\S)")
_MD_LINK = re.compile(r"!?\[([^\]\n]{0,300})\]\((?:[^)\s]{0,2000})\)")
_HTML_TAG = re.compile(r"</?(?:br|p|pre|code|details|summary|b|i|em|strong|tt|kbd)\s{0,4}/?>", re.IGNORECASE)
# A line this long that stops mid-sentence was wrapped by a mail client or a narrow terminal.
WRAP_MIN_CHARS = 60
_SENTENCE_END = tuple(".:;!?)]}>|\"'`")
_QUOTES = tuple("\"'`")
_LOWER_WORD = re.compile(r"[a-z]{2,20} ")

# A paragraph (blank lines around it) whose every line is indented: a Markdown code block, or a whole paste indented
# by a forum's editor. Its common indentation goes, as the page renders it; its inner indentation stays.
# (each match starts at a line break, which the engine finds fast; the text gets one in front for a first paragraph)
MAX_DEDENTED_PARAGRAPHS = 2_000  # a post has a few code blocks; megabytes of them are left as they are (speed)
_INDENTED_PARAGRAPH = re.compile(r"\n([ \t]{0,40}\n)([ \t]{1,40}\S[^\n]*(?:\n[ \t]{1,40}\S[^\n]*)*)"
                                 r"(?=\n[ \t]{0,40}(?:\n|\Z)|\Z)")
# ASCII-only lower-casing keeps every index where it was (str.lower() may lengthen "İ").
ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


@dataclass(frozen=True)
class CleanText:
    text: str  # cleaned, "\n"-separated, lines cut to MAX_LINE_CHARS
    lower: str  # lower-cased copy of ``text`` (same length, same indexes): see lower_same_length
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
    if binary:  # the parsers will not run: no need to clean what nobody reads
        return CleanText(text="", lower="", original_chars=original, capped=capped, binary=True)
    text = unescaped_string_literals(raw)  # (first: "\u201c" and "\u001b[31m" stand for what plain_characters and the
    text = plain_characters(text)  # colour codes' removal then treat; a character reference may stand for a control one)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ANSI.sub("", text)
    text = _CONTROL.sub(" ", text)
    text = _resplit_joined_report(text)
    text = _unwrap_hard_wrapped(text)
    text = _strip_marks(text)
    text = _unwrap_text(text)
    text = _unwrap_error_messages(text)
    return CleanText(text=text, lower=lower_same_length(text), original_chars=original, capped=capped, binary=binary)


# A line break written as an escape inside a string literal: JSON and Python's repr write "\n" (an .ipynb file's outputs,
# ComfyUI's error report with its "traceback" list, a repr of a process's stderr, a JSON log record)
_STRING_ESCAPE = re.compile(r"\\(?:u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2})|([ntr\"'\\/]))")
# a backslash before a character no JSON or Python string escape has, after an even run of backslashes (pairs are
# escaped backslashes): what a Windows path writes ("C:\Users"), never a literal
_LONE_BACKSLASH = re.compile(r"(?<!\\)(?:\\\\)*\\(?=[^ntr\"'\\/bfux0-7])", re.DOTALL)
_ESCAPED = {"n": "\n", "t": "\t", "r": "", '"': '"', "'": "'", "\\": "\\", "/": "/"}
# a line holding one JSON string (an array's element, or a key's value): its text is what the program printed
_JSON_STRING_LINE = re.compile(r'^[ \t]{0,40}(?:"[\w ]{1,40}":[ \t]{0,4}\[?[ \t]{0,4})?"((?:[^"\\\n]|\\.){0,4096})"'
                               r"[ \t]{0,4}(?:\],?|,)?[ \t]{0,4}$", re.MULTILINE)
_WORDS_LINE = re.compile(r"^[^\n\w]{0,200}\w", re.MULTILINE)
MIN_ESCAPED_BREAKS = 3  # fewer "\n" are as likely a Windows path ("C:\new\nvidia") as a string literal
MIN_JSON_STRING_LINES = 2  # lines that are each one JSON string: a Windows path is never written so


def unescaped_string_literals(text: str) -> str:
    """A text that is string literals (a repr or JSON string on one line, or a JSON file whose lines are strings) as
    the lines it stands for. Only where escaped line breaks outnumber real ones, or most lines are JSON strings: a
    Windows path's "\new" in an ordinary paste stays as it is."""
    escaped_breaks = text.count("\\n")
    if escaped_breaks < MIN_JSON_STRING_LINES or _lone_backslash(text):
        return text  # (a backslash a literal never writes alone: "C:\Users\nathan\new_project" is a path, not escapes)
    if escaped_breaks >= MIN_ESCAPED_BREAKS and escaped_breaks > text.count("\n"):
        return _unescaped(_without_literal_quotes(text))
    strings = sum(1 for _ in _JSON_STRING_LINE.finditer(text))
    if strings < MIN_JSON_STRING_LINES or strings * 2 < len(_WORDS_LINE.findall(text)):
        return text  # (most lines with words must be strings: JSON's brackets and braces alone do not count)
    return _JSON_STRING_LINE.sub(lambda line: _unescaped(line.group(1)).rstrip("\n"), text)


def _lone_backslash(text: str) -> bool:
    """A backslash before a character no string escape has (a path's "C:" then "Users"): a literal doubles it."""
    return _LONE_BACKSLASH.search(text) is not None


def _unescaped(text: str) -> str:
    """A literal's escapes decoded: the common ones by plain replacement between escaped backslashes (fast on a
    megabyte of log), the numbered ones (u and x followed by hex digits) by a regex only where they occur."""
    pieces = text.split("\\\\")
    for old, new in _PLAIN_ESCAPES:
        pieces = [piece.replace(old, new) for piece in pieces]
    if "\\u" in text or "\\x" in text:
        pieces = [_STRING_ESCAPE.sub(_unescape, piece) for piece in pieces]
    return "\\".join(pieces)


_PLAIN_ESCAPES = (("\\n", "\n"), ("\\t", "\t"), ("\\r", ""), ('\\"', '"'), ("\\'", "'"), ("\\/", "/"))


def _without_literal_quotes(text: str) -> str:
    """The text inside the quotes around a whole literal (Python's b'...' for bytes): its first line starts after them."""
    stripped = text.strip()
    body = stripped[1:] if stripped[:2] in ("b'", 'b"') else stripped
    return body[1:-1] if len(body) >= 2 and body[0] == body[-1] and body[0] in "'\"" else text


def _unescape(escape: re.Match[str]) -> str:
    code = escape.group(1) or escape.group(2)
    if code:
        character = chr(int(code, 16))
        return "\n" if character == "\n" else character
    return _ESCAPED[escape.group(3)]


# collect_env's fields run together on one line, as a page that lost its line breaks shows them ("PyTorch version: 2.1.0
# Is debug build: False CUDA used to build PyTorch: 12.1 …"): each field (and each library line) starts a line again
_JOINED_FIELD = re.compile(r"(?<=\S) {1,4}(?=(?:" + "|".join(re.escape(key) for key in COLLECT_ENV_KEYS if key != "CPU")
                           + r"):[ \t]|\[(?:pip3?|conda)\] )")
_LONG_LINE = re.compile(r"^[^\n]{" + str(200) + r",}$", re.MULTILINE)
MIN_JOINED_FIELDS = 4  # fewer keys on one line are prose that names a field or two


def _resplit_joined_report(text: str) -> str:
    """collect_env's report whose line breaks were lost, as its lines again; only long lines that hold several of its
    field names are split (a sentence that names "Python version:" stays)."""
    if "PyTorch version:" not in text and "Is CUDA available:" not in text:
        return text
    return _LONG_LINE.sub(_resplit_line, text)


def _resplit_line(line: re.Match[str]) -> str:
    fields = _JOINED_FIELD.findall(line.group(0))
    return _JOINED_FIELD.sub("\n", line.group(0)) if len(fields) >= MIN_JOINED_FIELDS else line.group(0)


def _dedent_paragraphs(text: str) -> str:
    """Every paragraph whose lines are all indented loses their common indentation (see _INDENTED_PARAGRAPH)."""
    if "\n " not in text and "\n\t" not in text and not text.startswith((" ", "\t")):
        return text
    dedented = _INDENTED_PARAGRAPH.sub(
        lambda paragraph: "\n" + paragraph.group(1) + textwrap.dedent(paragraph.group(2)), "\n\n" + text,
        count=MAX_DEDENTED_PARAGRAPHS)
    return dedented[2:]


def lower_same_length(text: str) -> str:
    """A lower-cased copy with every index where it was: str.lower() unless it changes the length
    (a few letters such as "İ" lower to two characters); then only ASCII letters are lowered."""
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else text.translate(ASCII_LOWER)


# Whole-text forms of the per-line marks: one pass in C over megabytes instead of a Python call per line.
_QUOTE_PREFIX_M = _at_line_starts(_QUOTE_PREFIX.pattern)
_FENCE_M = _at_line_starts(r"^[ \t]{0,8}(?:```|~~~)[\w+-]{0,20}[ \t]{0,8}$")
# Frames of rich's tracebacks ("│ C:\\x\\launch.py:274 in <module>   │"); not "|": nvidia-smi's table keeps its bars.
_BOX_SIDES = re.compile(r"^[ \t]{0,4}[│┃][ \t]?|[ \t]{0,200}[│┃][ \t]{0,4}$")
_LIST_MARK_M = _at_line_starts(_LIST_MARK.pattern)
_LIST_MARK_CHARS = re.compile(r"[-*+•]|\d[.)]")  # a list mark has one of these: without them no line is searched
# A line long enough to have been wrapped, followed by a line that starts in lower case.
_WRAP_CANDIDATE = re.compile(r"^([^\n]{" + str(WRAP_MIN_CHARS) + r",4096})\n(?=[a-z\"'(])", re.MULTILINE)


def _strip_marks(text: str) -> str:
    """The marks of _clean_line, applied to the whole text (each only when its character occurs)."""
    lines = text.split("\n")
    if max(map(len, lines)) > MAX_LINE_CHARS:  # (map and max run in C: no Python step per line)
        text = "\n".join(line[:MAX_LINE_CHARS] for line in lines)
    text = _dedent_paragraphs(text)  # (first: an indented ">>> " or "> " is a prompt or a quote once dedented)
    if ">" in text:
        text = _sub_at_line_starts(_QUOTE_PREFIX_M, text)
    if "```" in text or "~~~" in text:
        text = _sub_at_line_starts(_FENCE_M, text)
    if "│" in text or "┃" in text:
        text = _without_box_sides(text)
    if ":" in text:  # (every log prefix has a colon; the multiline search is a step per line)
        stripped = _sub_at_line_starts(_LOG_PREFIX_M, text)
        if stripped != text and ">" in stripped:  # (a quote mark after a log record's prefix: "12:00:01 INFO > …")
            stripped = _sub_at_line_starts(_QUOTE_PREFIX_M, stripped)
        text = stripped
    if "[ ]" in text or "[x]" in text or "[ x]" in text or "[X]" in text or "[ X]" in text or "[x ]" in text:
        text = _task_items_read(text)
    if _LIST_MARK_CHARS.search(text):
        text = _sub_at_line_starts(_LIST_MARK_M, text)
    if "](" in text:
        text = _MD_LINK.sub(r"\1", text)
    if "`" in text:
        text = text.replace("`", "")
    if "**" in text:
        text = text.replace("**", "")  # Markdown bold ("- **PyTorch Version**: 2.2.0+cu121"): the field as printed
    if "<" in text:
        text = _HTML_TAG.sub(" ", text)
    if " \n" not in text and "\t\n" not in text and not text.endswith((" ", "\t")):
        return text  # (no trailing blanks: nothing to strip, no Python step per line)
    # (trailing blanks: rstrip per line runs in C and is ~2x faster than a multiline regex on blank-heavy text)
    return "\n".join(line.rstrip(" \t") for line in text.split("\n"))


# GitHub's task lists in issue forms ("What OS are you using? - [ ] Linux - [ ] Linux in WSL - [x] Windows"): an
# unchecked item is an option not taken, which says nothing of this machine; a checked one is the answer, its mark gone
# (GitHub Flavored Markdown, "Task list items": "[ ]" unchecked, "[x]" checked)
_UNCHECKED_ITEM = re.compile(r"^([ \t]{0,8}[-*+][ \t]{1,4})\[ \][ \t]{1,4}[^\n]*$", re.MULTILINE)
_CHECKED_MARK = re.compile(r"^([ \t]{0,8}[-*+][ \t]{1,4})\[ ?[xX] ?\][ \t]{0,4}", re.MULTILINE)


def _task_items_read(text: str) -> str:
    return _CHECKED_MARK.sub(r"\1", _UNCHECKED_ITEM.sub("", text))


def _without_box_sides(text: str) -> str:
    """The frame's sides cut from the lines that have one (a whole-text pattern tried its blanks at every position)."""
    return "\n".join(_BOX_SIDES.sub("", line) if "│" in line or "┃" in line else line for line in text.split("\n"))


HARD_WRAP_MAX_CHARS = 200_000  # a console's copy is short; longer texts are not searched for its width
HARD_WRAP_MIN_WIDTH = 60
_INNER_GAP = re.compile(r"\S {2,}")  # padded columns (conda list, pip list): a table's row, not a wrapped line


def _unwrap_hard_wrapped(text: str) -> str:
    """Rejoin lines a console cut at its width when the text was copied (Windows' console before Windows 10, screen,
    some web terminals): several lines of exactly one width W, each followed by the rest of its line. A line of that
    width is joined to the next one without a space (the cut falls anywhere, inside a word too). Table rows (nvidia-smi's
    bars, padded columns) and rules of one repeated character do not count."""
    if len(text) > HARD_WRAP_MAX_CHARS or "\n" not in text:
        return text
    lines = text.split("\n")
    width = _hard_wrap_width(lines)
    if not width:
        return text
    joined: list[str] = []
    pending = ""
    for line, following in zip(lines, [*lines[1:], ""]):
        pending += line
        if len(line) != width or not _wrappable(line) or _LOG_PREFIX.match(following):
            joined.append(pending)  # (a line opening with a log record's timestamp is a record of its own)
            pending = ""
    if pending:
        joined.append(pending)
    return "\n".join(joined)


CONSOLE_WIDTHS = (80, 120)  # the default widths of Windows' console (80 before Windows 10, 120 since) and terminals


def _hard_wrap_width(lines: list[str]) -> int:
    """The width the cut lines share (each followed by a line): three of one width, or two of a console's default
    width (two lines of one length elsewhere is chance); 0 when there is none."""
    counts = Counter(len(line) for line in lines[:-1] if len(line) >= HARD_WRAP_MIN_WIDTH)
    for width, count in counts.most_common(3):
        needed = 2 if width in CONSOLE_WIDTHS else 3
        cut = [index for index, line in enumerate(lines[:-1])
               if len(line) == width and _wrappable(line) and not _LOG_PREFIX.match(lines[index + 1])]
        inside = sum(1 for i in cut if _inside_a_word(lines[i], lines[i + 1]))
        if (count >= needed and len(cut) >= needed and inside and inside * CUT_INSIDE_A_WORD_SHARE >= len(cut)
                and not _word_wrapped(lines, width, len(cut))):
            return width
    return 0


# A console cuts inside a word most of the time (two letters or digits on each side of most cuts); lines of one width
# that end where a word ends (a list of paths of equal length: "libcudnn_cnn_infer.so.8", "libcudnn_ops_train.so.8")
# are whole lines, and one of them meeting a next line that starts with a letter is chance: at least one cut in three
# must fall inside a word.
CUT_INSIDE_A_WORD_SHARE = 3


def _word_wrapped(lines: list[str], width: int, at_width: int) -> bool:
    """Lines wrapped at word boundaries (a mail client, a forum, textwrap) end at many lengths just under the width,
    each continued by the next line in lower case; a console cuts every long line at the width itself, so a line a
    little shorter than the width is the end of a line of its own, whose next line seldom starts in lower case."""
    shorter = sum(1 for line, following in zip(lines, lines[1:])
                  if width - WORD_WRAP_SLACK <= len(line) < width and following[:1].islower() and _wrappable(line))
    return shorter >= max(2, at_width // 2)


WORD_WRAP_SLACK = 12  # how much shorter than the width a word-wrapped line ends (a long word moves to the next line)


def _inside_a_word(line: str, following: str) -> bool:
    return line[-1:].isalnum() and following[:1].isalnum()


def _wrappable(line: str) -> bool:
    stripped = line.strip()
    return (bool(stripped) and stripped[0] not in "|+│" and stripped[-1] not in "|│" and len(set(stripped)) > 2
            and _INNER_GAP.search(stripped) is None)


def _unwrap_text(text: str) -> str:
    """_unwrap on the whole text, visiting only the line breaks followed by a lower-case start."""
    parts: list[str] = []
    last = 0
    for candidate in _WRAP_CANDIDATE.finditer(text):
        newline = candidate.end() - 1
        previous = candidate.group(1)
        if _continues(previous, text[newline + 1:newline + 24]):
            parts.append(text[last:newline])
            parts.append("" if previous.endswith((" ", "\\", "/", "-")) else " ")
            last = newline + 1
    if not parts:
        return text
    parts.append(text[last:])
    return "".join(parts)


# An exception's message line long enough to have been wrapped ("RuntimeError: Detected that PyTorch and torchvision
# were compiled with different" / "CUDA versions. ..."): a message is prose, so its next line continues it even when
# that line starts with a capital (a product name, a version), unless it starts a record of its own.
_MESSAGE_LINE = re.compile(r"^[ \t]{0,12}[A-Za-z_][\w.]{0,80}(?:Error|Exception|Warning): [^\n]{40,4096}$", re.MULTILINE)
# (a log level opens a record in any case: pip's "ERROR:" and "error: subprocess-exited-with-error", a logger's
# "WARNING:"; so do pip's "×" and "╰─>" report lines)
_RECORD_START = re.compile(r"[ \t]*(?:$|File \"|Traceback |During handling|The above exception|[A-Za-z_][\w.]{0,80}"
                           r"(?:Error|Exception|Warning):|(?i:error|warning|warn|info|debug|critical|fatal|note|hint)"
                           r"[ \t]{0,2}:|\[|[-=*#>|│×╰]|\d{1,4}[-:/]\d)")
MAX_MESSAGE_JOINS = 6


def _unwrap_error_messages(text: str) -> str:
    """Rejoin an exception message that a terminal or mail client wrapped (each wrapped line long and ending
    mid-sentence, the next one long too or ending the sentence), whatever case the next line starts with; visits only
    exception message lines."""
    if "Error: " not in text and "Exception: " not in text and "Warning: " not in text:
        return text
    parts: list[str] = []
    last = 0
    for candidate in _MESSAGE_LINE.finditer(text):
        if candidate.start() < last:
            continue  # already joined into the message before
        end = candidate.end()
        segment = candidate.group(0)
        for _ in range(MAX_MESSAGE_JOINS):
            if end >= len(text) or len(segment) < WRAP_MIN_CHARS or segment.endswith(_SENTENCE_END):
                break
            next_end = text.find("\n", end + 1)
            next_end = len(text) if next_end < 0 else next_end
            following = text[end + 1:next_end]
            if _RECORD_START.match(following) or not _continues_a_message(following):
                break
            parts.append(text[last:end])
            parts.append(" ")
            last = end + 1
            end, segment = next_end, following.strip()
    if not parts:
        return text
    parts.append(text[last:])
    return "".join(parts)


def _continues_a_message(line: str) -> bool:
    """A wrapped message's next line is wrapped too (long) or ends the sentence; a short line without an end is a
    record of its own (a log line whose prefix was stripped, a prompt)."""
    stripped = line.rstrip()
    return len(stripped) >= WRAP_MIN_CHARS or stripped.endswith(_SENTENCE_END)


def looks_binary(text: str, sample_chars: int = 65536) -> bool:
    """True when a sample is mostly control characters or undecodable bytes (U+FFFD)."""
    sample = text[:sample_chars]
    if not sample:
        return False
    junk = sum(1 for ch in sample if ch == "\ufffd" or (ch < " " and ch not in "\n\r\t\x1b"))
    return junk / len(sample) > 0.10


def _continues(previous: str, line: str) -> bool:
    if len(previous) < WRAP_MIN_CHARS or not line:
        return False
    if previous.endswith(_SENTENCE_END) and not (previous.endswith(_QUOTES) and _LOWER_WORD.match(line)):
        return False  # (a quoted name ends a wrapped line as often as a sentence: "version `GLIBCXX_3.4.30'" / "not found")
    first = line[0]
    if not (first.islower() or first in "\"'("):
        return False
    return ("  " not in previous.strip() and not previous.lstrip().startswith(("File ", "[pip", "[conda"))
            and _COMMAND_LINE.match(previous) is None)


# a command line (a shell prompt, a package manager, an interpreter): what follows it is its output or the next command
_COMMAND_LINE = re.compile(r"[ \t]*(?:\S{0,80}[$#>%] |>>> |(?:sudo |!|%)?(?:pip3?|conda|mamba|uv|python3?|py|git|docker|"
                           r"apt(?:-get)?|brew|poetry|pipx|nvcc|nvidia-smi|cd|export|set)\b)")
