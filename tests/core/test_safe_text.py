"""Outside text made safe: secrets masked, terminal controls stripped, CSV formulas defused, labels clipped."""

from __future__ import annotations

import pytest

from wizard.safe_text import clip, csv_cell, for_terminal, scrub_secrets, strip_controls, strip_url_secrets


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("\x1b[2J\x1b[Hhello", "hello"),  # CSI: clear screen, cursor home
        ("\x1b]0;new title\x07host", "host"),  # OSC window title, BEL-terminated
        ("\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\", "click"),  # OSC 8 hyperlink, ST-terminated
        ("a\x9b31mb\x9d0;t\x9cc", "abc"),  # 8-bit C1 CSI and OSC
        ("a\x00b\x07c\x08d\x7fe", "abcde"),
        ("keep\ttabs\nand lines\r\n", "keep\ttabs\nand lines\n"),
        ("invoice\u202egpj.exe", "invoicegpj.exe"),  # bidi override
        ("\x1bPq#0;1;1\x1b\\sixel", "sixel"),  # DCS
    ],
)
def test_strip_controls(text: str, expected: str) -> None:
    assert strip_controls(text) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("http://alice:pw@proxy.corp:3128", "http://proxy.corp:3128"),
        ("https://tok@mirror.example/simple?token=abc#x", "https://mirror.example/simple"),
        ("https://a.example/simple http://u:p@b.example/", "https://a.example/simple http://b.example/"),
        ("socks5h://u:p@[2001:db8::1]:1080", "socks5h://[2001:db8::1]:1080"),
        ("alice:pw@proxy:3128", "***@proxy:3128"),
        ("localhost,127.0.0.1,.corp", "localhost,127.0.0.1,.corp"),
    ],
)
def test_collected_urls_keep_only_where_they_point(value: str, expected: str) -> None:
    assert strip_url_secrets(value) == expected


def test_scrub_keeps_ordinary_text_and_commands() -> None:
    command = "python -m pip install torch==2.13.0 --index-url https://download.pytorch.org/whl/cu130"
    assert scrub_secrets(command) == command
    assert scrub_secrets("mail bob@example.com about sk-learn") == "mail bob@example.com about sk-learn"
    assert scrub_secrets("--index-url https://u:p@mirror/whl") == "--index-url https://***@mirror/whl"


def test_terminal_text_is_scrubbed_and_stripped() -> None:
    assert for_terminal("\x1b[2Jhttps://u:secret@h/") == "https://***@h/"


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"])
def test_csv_formula_cells_are_quoted(cell: str) -> None:
    assert csv_cell(cell).startswith("'")


def test_clip_keeps_short_text_and_says_how_much_was_cut() -> None:
    assert clip("short") == "short"
    assert clip("x" * 5000, limit=100).endswith("(4900 more characters not shown)")
    assert clip("l\n" * 100, lines=3).count("\n") == 2
