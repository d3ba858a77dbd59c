"""The Markdown report: for forums, GitHub issues and "Copy for helpdesk".

Every piece of text that came from the machine or from pasted output is either escaped
(:func:`md_text`) or put in a code block whose fence is longer than any run of backticks
inside it (:func:`fenced`), so nothing a user pasted can break the report's structure.
"""

from __future__ import annotations

import re
import string
from typing import Any

from wizard.findings import Diagnosis, Finding, Severity
from wizard.i18n import after_label, text
from wizard.report.common import (
    SEVERITY_WORDS,
    action_text,
    is_windows,
    key_facts,
    recommendation_command,
    report_date,
    report_title,
    verdict,
)
from wizard.report.json_report import report_json
from wizard.snapshot import Snapshot

_ALWAYS_ESCAPED = frozenset("`*[]<>|")
_ASCII_PUNCTUATION = frozenset(string.punctuation)
_INLINE_SPECIAL = re.compile("[" + re.escape("".join(sorted(_ALWAYS_ESCAPED)) + "\\_~") + "]")
MARK = "\ue000"  # where markup goes into a translated sentence (escaped first, then replaced)
_BLOCK_START = re.compile(r"^(\s*)(?:([#>+=-])|(\d+)([.)]))")


def render_markdown(snapshot: Snapshot, diagnosis: Diagnosis, report_extra: dict[str, Any] | None = None) -> str:
    """The whole report as GitHub-flavoured Markdown, root cause first, report JSON at the end."""
    windows = is_windows(snapshot)
    lines = [f"# {report_title()}", ""]
    label = text("report.verdict_label")
    lines += [f"**{md_text(label)}**{after_label(label)}{md_text(verdict(diagnosis))}", ""]
    lines += [md_text(text("report.meta", version=snapshot.tool_version, date=report_date(snapshot))), ""]
    lines += _findings_section(diagnosis, windows)
    lines += _recommendation_section(diagnosis, windows)
    lines += [f"## {text('report.key_facts')}", "", f"| {md_cell(text('report.fact'))} | {md_cell(text('report.value'))} |",
              "| --- | --- |"]
    lines += [f"| {md_cell(label)} | {md_cell(value)} |" for label, value in key_facts(snapshot)]
    lines += ["", f"## {text('report.full')}", "", "<details>", f"<summary>{md_text(text('report.json_md'))}</summary>", ""]
    lines += [fenced(report_json(snapshot, diagnosis, report_extra), "json"), "", "</details>", ""]
    return "\n".join(lines)


def _findings_section(diagnosis: Diagnosis, windows: bool) -> list[str]:
    lines = [f"## {md_text(text('report.findings'))}", ""]
    problems = [f for f in diagnosis.findings if f.severity is not Severity.OK]
    passed = [f for f in diagnosis.findings if f.severity is Severity.OK]
    if not diagnosis.findings:
        lines += [md_text(text("report.no_findings")), ""]
    for number, finding in enumerate(problems, start=1):
        lines += _finding(number, finding, windows)
    if passed:
        lines += [f"### {md_text(text('report.passed'))}", ""]
        lines += [f"- {SEVERITY_WORDS[f.severity]} {md_code_span(f.code)}: {md_text(f.title)}" for f in passed]
        lines.append("")
    return lines


def _finding(number: int, finding: Finding, windows: bool) -> list[str]:
    heading = f"### {number}. {SEVERITY_WORDS[finding.severity]} {md_code_span(finding.code)}: {md_text(finding.title)}"
    lines = [heading, "", md_paragraph(finding.explanation), ""]
    if finding.caused_by:
        lines += [md_text(text("report.consequence", code=MARK)).replace(MARK, md_code_span(finding.caused_by)), ""]
    if finding.details:
        lines += [md_text(text("report.details")), "", fenced(finding.details, "text"), ""]
    if finding.evidence:
        lines += [md_text(text("report.evidence")), "", fenced("\n".join(finding.evidence), "text"), ""]
    for action in finding.actions:
        lines += [f"{md_text(action.label)}:", "", fenced(action_text(action, windows)), ""]
    return lines


def _recommendation_section(diagnosis: Diagnosis, windows: bool) -> list[str]:
    recommendation = diagnosis.recommendation
    command = recommendation_command(recommendation, windows)
    if not command and not recommendation.why:
        return []
    lines = [f"## {md_text(text('report.recommended'))}", ""]
    if recommendation.why:
        lines += [md_paragraph(recommendation.why), ""]
    if command:
        lines += [fenced(command, "console" if recommendation.kind != "python" else ""), ""]
    return lines


# --------------------------------------------------------------------------- escaping


def md_text(text: str) -> str:
    """Inline text with Markdown and HTML specials escaped; newlines become spaces."""
    return _escape_inline(" ".join(text.split()))


def md_paragraph(text: str) -> str:
    """A paragraph that keeps its line breaks but cannot start a heading, list, quote or HTML block."""
    out = []
    for line in text.strip().splitlines():
        escaped = _escape_inline(line.rstrip())
        out.append(_BLOCK_START.sub(_escape_block_marker, escaped, count=1))
    return "\n".join(out)


def _escape_block_marker(match: re.Match[str]) -> str:
    indent, marker, number, delimiter = match.groups()
    return f"{indent}\\{marker}" if marker else f"{indent}{number}\\{delimiter}"


def _escape_inline(text: str) -> str:
    """Escape only what Markdown would act on, so the raw text stays readable when pasted into an e-mail:
    C:\\Users stays as it is, x86_64 keeps its underscore, a lone ~ stays bare."""
    strike = text.count("~") >= 2

    def escaped(match: re.Match[str]) -> str:  # only the few special characters are looked at (a report may be MBs)
        i, ch = match.start(), match.group(0)
        before = text[i - 1] if i else ""
        after = text[i + 1] if i + 1 < len(text) else ""
        if ch == "\\":
            escape = after in _ASCII_PUNCTUATION
        elif ch == "_":
            escape = not (before.isalnum() and after.isalnum())
        elif ch == "~":
            escape = strike
        else:
            escape = True
        return "\\" + ch if escape else ch

    return _INLINE_SPECIAL.sub(escaped, text)


def md_cell(text: str) -> str:
    return md_text(text) or " "


def md_code_span(text: str) -> str:
    """`text` as inline code, with enough backticks around it that none inside can close it."""
    flat = " ".join(text.split())
    ticks = "`" * (_longest_backtick_run(flat) + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") else ""
    return f"{ticks}{pad}{flat}{pad}{ticks}"


def fenced(content: str, language: str = "") -> str:
    """A fenced code block whose fence is longer than any run of backticks in the content."""
    fence = "`" * max(3, _longest_backtick_run(content) + 1)
    body = content if content.endswith("\n") else content + "\n"
    return f"{fence}{language}\n{body}{fence}"


def _longest_backtick_run(text: str) -> int:
    return max((len(run) for run in re.findall(r"`+", text)), default=0)
