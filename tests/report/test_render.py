"""Markdown and HTML exports: every finding is there, root cause first; nothing pasted can break out."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.report.fixtures import BACKTICK_DETAILS, BOLD_DETAILS, SCRIPT_TITLE, planted_diagnosis, planted_snapshot
from wizard.findings import Diagnosis, Finding, Recommendation, Severity, Step
from wizard.report.export import export_report, render_export
from wizard.report.html import render_html
from wizard.report.json_report import load_report
from wizard.report.markdown import fenced, md_code_span, render_markdown

markdown_it = pytest.importorskip("markdown_it", reason="markdown-it-py parses the Markdown report in these tests")


def parse_markdown(text: str) -> list:
    parser = markdown_it.MarkdownIt("commonmark", {"html": True}).enable("table")
    return parser.parse(text)


class Elements(HTMLParser):
    """Collects the tags and the text of an HTML document, as a browser would see them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.text: list[str] = []
        self.pre: list[str] = []
        self._in_pre = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += attrs
        self._in_pre = tag == "pre"
        if self._in_pre:
            self.pre.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "pre":
            self._in_pre = False

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._in_pre:
            self.pre[-1] += data


def html_elements(text: str) -> Elements:
    parser = Elements()
    parser.feed(text)
    parser.close()
    return parser


# --------------------------------------------------------------------------- content and order


@pytest.mark.parametrize("render", [render_markdown, render_html])
def test_every_finding_code_and_title_is_in_the_report(render) -> None:
    diagnosis = planted_diagnosis()
    text = render(planted_snapshot(), diagnosis)
    for finding in diagnosis.findings:
        assert finding.code in text
    assert "PyTorch was installed without GPU support" in text
    assert "The NVIDIA driver works" in text


def test_markdown_lists_root_cause_first_with_severity_word() -> None:
    text = render_markdown(planted_snapshot(), planted_diagnosis())
    error = text.index("### 1. Problem `CPU_ONLY_WHEEL`: PyTorch was installed without GPU support")
    warning = text.index("### 2. Warning `ENV_MISMATCH`")
    ok = text.index("- OK `DRIVER_OK`: The NVIDIA driver works")
    assert error < warning < ok
    assert text.startswith("# Torch Setup Wizard report\n")
    assert "Tool version 0.1.0" in text and "2026-11-24 12:00 UTC" in text
    assert "**Verdict:** 1 problem found; root cause: PyTorch was installed without GPU support" in text


def test_markdown_fences_the_recommended_command_with_a_runnable_home() -> None:
    text = render_markdown(planted_snapshot(), planted_diagnosis())
    command = (
        "/home/alice/envs/dl/bin/python -m pip install torch==2.13.0 --index-url https://download.pytorch.org/whl/cu130"
    )
    fences = [t for t in parse_markdown(text) if t.type == "fence"]
    assert any(t.info == "console" and t.content == command + "\n" for t in fences)
    redacted = render_export(planted_snapshot(), planted_diagnosis(), "md").text
    assert "\n~/envs/dl/bin/python -m pip install torch==2.13.0" in redacted  # "~/" unquoted, so the shell expands it


def test_markdown_key_facts_table_and_json_block() -> None:
    text = render_markdown(planted_snapshot(), planted_diagnosis())
    tokens = parse_markdown(text)
    cells = [t.children[0].content for t in tokens if t.type == "inline" and t.map and "|" not in t.content]
    assert "NVIDIA driver" in cells and "580.95.05 (supports CUDA up to 13.0)" in cells
    json_block = next(t for t in tokens if t.type == "fence" and t.info == "json")
    snapshot, diagnosis = load_report(json_block.content)
    assert diagnosis == planted_diagnosis() and snapshot == planted_snapshot()
    assert "<details>" in text and "</details>" in text


def test_windows_report_quotes_commands_for_cmd() -> None:
    snapshot = planted_snapshot()
    host = snapshot.host.value.__class__(os="windows", hostname="PC1")
    snapshot = snapshot.__class__(**{**snapshot.__dict__, "host": snapshot.host.found(host)})
    diagnosis = Diagnosis(
        findings=(),
        recommendation=Recommendation(
            kind="install", why="w", argv=("C:\\Program Files\\Python312\\python.exe", "-m", "pip")
        ),
    )
    assert '"C:\\Program Files\\Python312\\python.exe" -m pip' in render_markdown(snapshot, diagnosis)


# --------------------------------------------------------------------------- HTML safety


def test_html_escapes_pasted_script_and_tags() -> None:
    text = render_html(planted_snapshot(), planted_diagnosis())
    assert "<script" not in text.lower()
    assert "<b>" not in text
    assert html.escape(SCRIPT_TITLE) in text
    assert html.escape(BOLD_DETAILS) in text
    elements = html_elements(text)
    assert "script" not in elements.tags and "b" not in elements.tags
    assert SCRIPT_TITLE in "".join(elements.text)  # the reader sees the pasted text as text
    assert any(BOLD_DETAILS in block for block in elements.pre)


def test_html_is_standalone_without_scripts_or_outside_resources() -> None:
    text = render_html(planted_snapshot(), planted_diagnosis())
    elements = html_elements(text)
    assert set(elements.tags) <= {
        "html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p", "section", "span", "code", "pre",
        "ul", "li", "table", "tr", "th", "td", "details", "summary",
    }  # fmt: skip
    names = {name for name, _ in elements.attributes}
    assert names <= {"lang", "charset", "name", "content", "class"}
    assert not re.search(r"url\(|@import|https?://[^\s<]*\.(css|js|png|svg|woff)", text)
    assert "prefers-color-scheme: dark" in text and 'content="light dark"' in text


def test_html_embeds_the_report_json() -> None:
    text = render_html(planted_snapshot(), planted_diagnosis())
    report = html_elements(text).pre[-1]
    assert load_report(report)[1] == planted_diagnosis()


@settings(max_examples=100, deadline=None)
@given(details=st.text(min_size=1, max_size=200), title=st.text(max_size=60))
def test_html_shows_any_pasted_text_verbatim_and_inert(details: str, title: str) -> None:
    finding = Finding("X", Severity.ERROR, Step.WHEEL, title, "e", details=details)
    text = render_html(planted_snapshot(), Diagnosis((finding,), Recommendation(kind="none", why="")))
    elements = html_elements(text)
    assert elements.tags.count("script") == 0
    assert elements.tags.count("pre") == 2  # the details and the report JSON, nothing more opened
    assert elements.pre[0] == details


# --------------------------------------------------------------------------- Markdown safety


def test_markdown_fence_is_longer_than_any_backtick_run_in_details() -> None:
    text = render_markdown(planted_snapshot(), planted_diagnosis())
    assert "\n`````text\n" in text  # the details hold a run of four backticks
    fences = [t for t in parse_markdown(text) if t.type == "fence" and t.info == "text"]
    assert any(t.content.startswith(BOLD_DETAILS + "\n" + BACKTICK_DETAILS) for t in fences)


def test_markdown_escapes_pasted_html_and_markup_outside_code() -> None:
    finding = Finding(
        "X",
        Severity.ERROR,
        Step.WHEEL,
        "<details><summary>x</summary> *bold* [link](https://evil.example)",
        "# not a heading\n- not a list\n1. not a list\n</details> <img src=x>",
    )
    text = render_markdown(planted_snapshot(), Diagnosis((finding,), Recommendation(kind="none", why="")))
    tokens = parse_markdown(text)
    html_blocks = [t.content.strip() for t in tokens if t.type == "html_block"]
    assert html_blocks == ["<details>\n<summary>Report JSON (opens in Torch Setup Wizard)</summary>", "</details>"]
    inline = [child.type for t in tokens if t.type == "inline" for child in t.children]
    assert "html_inline" not in inline and "link_open" not in inline and "em_open" not in inline
    assert [t.tag for t in tokens if t.type == "heading_open"].count("h1") == 1
    assert not {"bullet_list_open", "ordered_list_open"} & {t.type for t in tokens}


@settings(max_examples=150, deadline=None)
@given(content=st.text(alphabet=st.sampled_from("`~ab\n"), max_size=60))
def test_fenced_content_always_comes_back_intact(content: str) -> None:
    tokens = parse_markdown(fenced(content, "text") + "\n\nafter\n")
    assert tokens[0].type == "fence"
    assert tokens[0].content == (content if content.endswith("\n") else content + "\n")


@settings(max_examples=100, deadline=None)
@given(content=st.text(alphabet=st.sampled_from("`ab "), min_size=1, max_size=30))
def test_code_span_holds_any_backticks(content: str) -> None:
    tokens = parse_markdown("x " + md_code_span(content))
    children = tokens[1].children
    spans = [c for c in children if c.type == "code_inline"]
    flat = " ".join(content.split())
    if flat.strip():
        assert len(spans) == 1 and spans[0].content.strip() == flat.strip()


# --------------------------------------------------------------------------- round trip


def test_json_export_reopens_with_the_same_findings_and_recommendation(tmp_path: Path) -> None:
    path = export_report(planted_snapshot(), planted_diagnosis(), tmp_path / "r.json", "json", redact=False)
    snapshot, diagnosis = load_report(path.read_text(encoding="utf-8"))
    assert diagnosis.findings == planted_diagnosis().findings
    assert diagnosis.recommendation == planted_diagnosis().recommendation
    assert snapshot == planted_snapshot()
    assert json.loads(path.read_text(encoding="utf-8"))["redacted"] is False


def test_redacted_json_export_reopens_with_the_same_codes_and_titles(tmp_path: Path) -> None:
    path = export_report(planted_snapshot(), planted_diagnosis(), tmp_path / "r.json", "json")
    _, diagnosis = load_report(path.read_text(encoding="utf-8"))
    original = planted_diagnosis()
    assert [(f.code, f.severity, f.step, f.title) for f in diagnosis.findings] == [
        (f.code, f.severity, f.step, f.title) for f in original.findings
    ]
    assert diagnosis.recommendation.variant == "cu130"
    assert diagnosis.recommendation.argv[1:] == original.recommendation.argv[1:]


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_md_and_html_exports_contain_every_code_and_title(tmp_path: Path, fmt: str) -> None:
    text = export_report(planted_snapshot(), planted_diagnosis(), tmp_path / f"r.{fmt}", fmt).read_text(
        encoding="utf-8"
    )
    for finding in planted_diagnosis().findings:
        assert finding.code in text
        assert (
            html.escape(finding.title) if fmt == "html" else finding.title.replace("<", "\\<").replace(">", "\\>")
        ) in text


def test_the_report_package_does_not_import_qt() -> None:
    import subprocess
    import sys

    code = (
        "import sys, wizard.report.export, wizard.report.redact, wizard.report.markdown, wizard.report.html; "
        "print('PySide6' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert result.stdout.strip() == "False"
