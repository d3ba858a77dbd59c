"""The standalone HTML report: one file to attach to an e-mail.

Inline CSS only (light and dark), no scripts, no links to anything outside the file, and
every piece of text passes through :func:`html.escape` — a pasted ``<script>`` is shown,
never run.
"""

from __future__ import annotations

import html
from typing import Any

from wizard.findings import Diagnosis, Finding, Severity
from wizard.i18n import PSEUDO_LOCALE, current_locale, text
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

MARK = "\ue000"  # where markup goes into a translated sentence (escaped first, then replaced)
_CSS = """
:root { color-scheme: light dark; --fg: #1b1f24; --bg: #ffffff; --muted: #57606a; --box: #f3f4f6;
  --line: #d0d7de; --error: #b42318; --warning: #9a6700; --info: #0b63c4; --ok: #1a7f37; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6edf3; --bg: #0d1117; --muted: #9da7b3; --box: #161b22; --line: #30363d;
    --error: #ff7b72; --warning: #d29922; --info: #79c0ff; --ok: #3fb950; }
}
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg);
  max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }
h1 { font-size: 1.5rem; margin-bottom: .25rem; }
.meta { color: var(--muted); margin-top: 0; }
.verdict { font-size: 1.15rem; font-weight: 600; }
.finding { border: 1px solid var(--line); border-left-width: .35rem; border-radius: .4rem; padding: .5rem 1rem;
  margin: 1rem 0; }
.finding.error { border-left-color: var(--error); } .finding.warning { border-left-color: var(--warning); }
.finding.info { border-left-color: var(--info); } .finding.ok { border-left-color: var(--ok); }
.severity { font-weight: 700; } .error .severity { color: var(--error); } .warning .severity { color: var(--warning); }
.info .severity { color: var(--info); } .ok .severity { color: var(--ok); }
h3 { font-size: 1.05rem; margin: .25rem 0; }
.finding p { white-space: pre-line; }
pre, code { font-family: ui-monospace, "Cascadia Mono", Consolas, monospace; font-size: .9em; }
pre { background: var(--box); border: 1px solid var(--line); border-radius: .3rem; padding: .5rem .75rem;
  overflow-x: auto; white-space: pre-wrap; word-break: break-word; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid var(--line); padding: .3rem .6rem; text-align: left; vertical-align: top; }
th { background: var(--box); width: 12rem; }
ul.passed { padding-left: 1.2rem; }
"""


def render_html(snapshot: Snapshot, diagnosis: Diagnosis, report_extra: dict[str, Any] | None = None) -> str:
    """The whole report as one self-contained HTML page."""
    windows = is_windows(snapshot)
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{current_locale().replace("_", "-") if current_locale() != PSEUDO_LOCALE else "en"}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="color-scheme" content="light dark">',
        f"<title>{_e(report_title())}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{_e(report_title())}</h1>",
        f'<p class="meta">{_e(text("report.meta", version=snapshot.tool_version, date=report_date(snapshot)))}</p>',
        f'<p class="verdict">{_e(verdict(diagnosis))}</p>',
        f"<h2>{_e(text('report.findings'))}</h2>",
    ]
    problems = [f for f in diagnosis.findings if f.severity is not Severity.OK]
    passed = [f for f in diagnosis.findings if f.severity is Severity.OK]
    if not diagnosis.findings:
        parts.append(f"<p>{_e(text('report.no_findings'))}</p>")
    parts += [_finding(number, finding, windows) for number, finding in enumerate(problems, start=1)]
    if passed:
        parts.append(f"<h3>{_e(text('report.passed'))}</h3>")
        parts.append('<ul class="passed">' + "".join(_passed(f) for f in passed) + "</ul>")
    parts += _recommendation(diagnosis, windows)
    parts.append(f"<h2>{_e(text('report.key_facts'))}</h2>")
    rows = "".join(f"<tr><th>{_e(label)}</th><td>{_e(value)}</td></tr>" for label, value in key_facts(snapshot))
    parts.append(f"<table>{rows}</table>")
    parts.append(f"<h2>{_e(text('report.full'))}</h2>")
    parts.append(f"<details><summary>{_e(text('report.json_html'))}</summary>")
    parts.append(f"<pre>{_e(report_json(snapshot, diagnosis, report_extra))}</pre></details>")
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)


def _finding(number: int, finding: Finding, windows: bool) -> str:
    severity = finding.severity.value
    parts = [
        f'<section class="finding {severity}">',
        f'<h3>{number}. <span class="severity">{_e(SEVERITY_WORDS[finding.severity])}</span> '
        f"<code>{_e(finding.code)}</code>: {_e(finding.title)}</h3>",
        f"<p>{_e(finding.explanation)}</p>",
    ]
    if finding.caused_by:
        sentence = _e(text("report.consequence", code=MARK)).replace(MARK, f"<code>{_e(finding.caused_by)}</code>")
        parts.append(f"<p>{sentence}</p>")
    if finding.details:
        parts.append(f"<p>{_e(text('report.details'))}</p><pre>{_e(finding.details)}</pre>")
    if finding.evidence:
        parts.append(f"<p>{_e(text('report.evidence'))}</p><pre>{_e(chr(10).join(finding.evidence))}</pre>")
    for action in finding.actions:
        parts.append(f"<p>{_e(action.label)}:</p><pre>{_e(action_text(action, windows))}</pre>")
    parts.append("</section>")
    return "\n".join(parts)


def _passed(finding: Finding) -> str:
    return (
        f'<li class="ok"><span class="severity">{_e(SEVERITY_WORDS[finding.severity])}</span> '
        f"<code>{_e(finding.code)}</code>: {_e(finding.title)}</li>"
    )


def _recommendation(diagnosis: Diagnosis, windows: bool) -> list[str]:
    recommendation = diagnosis.recommendation
    command = recommendation_command(recommendation, windows)
    if not command and not recommendation.why:
        return []
    parts = [f"<h2>{_e(text('report.recommended'))}</h2>"]
    if recommendation.why:
        parts.append(f"<p>{_e(recommendation.why)}</p>")
    if command:
        parts.append(f"<pre>{_e(command)}</pre>")
    return parts


def _e(text: str) -> str:
    return html.escape(text, quote=True)
