"""What a program printed, out of text copied from a web page, a word processor or a chat app: HTML character
references decoded, odd spaces made plain, invisible marks removed. Pure and linear; read by the pasted-text cleaner
and by the verdict's failure scan, which both read what was pasted."""

from __future__ import annotations

import html
import re

# Spaces that web pages, word processors and chat apps put for the plain one (no-break, narrow, thin, ideographic)
# and invisible marks they insert (zero-width space, word joiner, a byte-order mark): what a program printed had
# neither, and every rule reads plain spaces.
_ODD_SPACES = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_INVISIBLE = "\u200b\u2060\ufeff"
# Typographic quotes that editors, forums and chat apps put for the ones a program printed ("Error loading “…\\c10.dll”",
# "torch’s"): one character for one, so every rule reads the program's own quotes.
TYPOGRAPHIC_QUOTES = (("“", '"'), ("”", '"'), ("„", '"'), ("‘", "'"), ("’", "'"))
# HTML character references of a page's source copied whole ("&quot;", "&lt;module&gt;", "&#39;"): the text the page
# showed ("&emsp;" indents a line). Only named or numbered references ending in ";" count, so prose with a bare "&"
# stays as it is, and a name HTML does not know ("&unknown;") is left alone by html.unescape.
MAX_REFERENCES = 20_000  # decoded per text: a page's source has far fewer; megabytes of them stay as they are (speed)
_HTML_REFERENCE = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#\d{1,7}|#[xX][0-9a-fA-F]{1,6});")


def plain_characters(text: str) -> str:
    """HTML character references decoded, odd spaces made plain, invisible marks removed, typographic quotes made the
    program's (each pass only when its characters occur)."""
    if "&" in text:
        text = _HTML_REFERENCE.sub(lambda reference: html.unescape(reference.group(0)), text, count=MAX_REFERENCES)
    if text.isascii():
        return text
    for space in _ODD_SPACES:  # (a search for one character runs in C at memory speed; a character class does not)
        if space in text:
            text = text.replace(space, " ")
    for mark in _INVISIBLE:
        if mark in text:
            text = text.replace(mark, "")
    for mark, plain in TYPOGRAPHIC_QUOTES:
        if mark in text:
            text = text.replace(mark, plain)  # (str.replace runs in C; translate() with a table is ~10x slower)
    return text
