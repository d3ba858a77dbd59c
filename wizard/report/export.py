"""Exports a report as Markdown, HTML or JSON, with personal data hidden unless the user says otherwise.

The export dialog's preview and the saved file come from the same :func:`render_export`, so
what the user reviews is byte for byte what gets shared.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from wizard.atomic_write import write_text_atomic
from wizard.findings import Diagnosis
from wizard.i18n import localized_diagnosis
from wizard.report.html import render_html
from wizard.report.json_report import report_json, without_secrets
from wizard.report.markdown import render_markdown
from wizard.report.redact import RedactionContext, RedactionSummary, redact_report_with_summary
from wizard.snapshot import Snapshot

FORMATS = ("md", "html", "json")
FORMAT_NAMES = {"md": "Markdown", "html": "HTML", "json": "JSON"}
DEFAULT_FILE_NAMES = {
    "md": "torch-setup-report.md",
    "html": "torch-setup-report.html",
    "json": "torch-setup-report.json",
}


@dataclass(frozen=True)
class RenderedExport:
    text: str
    fmt: str
    redacted: bool
    summary: RedactionSummary  # empty when not redacted


def render_export(
    snapshot: Snapshot,
    diagnosis: Diagnosis,
    fmt: str,
    redact: bool = True,
    context: RedactionContext | None = None,
    live: bool | None = None,
) -> RenderedExport:
    """The exact text that an export in ``fmt`` ("md" | "html" | "json") writes."""
    check_format(fmt)
    summary = RedactionSummary()
    if redact:
        redacted = redact_report_with_summary(snapshot, diagnosis, context, live=live)
        snapshot, diagnosis, summary = redacted.snapshot, redacted.diagnosis, redacted.summary
    return RenderedExport(render(snapshot, diagnosis, fmt, redact), fmt, redact, summary)


def render(snapshot: Snapshot, diagnosis: Diagnosis, fmt: str, redacted: bool) -> str:
    """Render already-prepared data; ``redacted`` is recorded in the report JSON."""
    check_format(fmt)
    snapshot, diagnosis = without_secrets(snapshot), without_secrets(diagnosis)  # credentials never leave, redacted or not
    extra = {"redacted": redacted}
    if fmt in ("md", "html"):  # the reader's language; the JSON keeps the message keys for any other reader
        diagnosis = localized_diagnosis(diagnosis)
    if fmt == "md":
        return render_markdown(snapshot, diagnosis, extra)
    if fmt == "html":
        return render_html(snapshot, diagnosis, extra)
    return report_json(snapshot, diagnosis, extra) + "\n"


def export_report(snapshot: Snapshot, diagnosis: Diagnosis, path: Path, fmt: str, redact: bool = True) -> Path:
    """Write the report to ``path`` (UTF-8) and return it. Redaction is on unless asked otherwise."""
    return save_rendered(render_export(snapshot, diagnosis, fmt, redact), path)


def save_rendered(rendered: RenderedExport, path: Path) -> Path:
    """Write exactly the rendered text (UTF-8, LF line ends). Raises OSError when the file cannot be written."""
    path = Path(path)
    write_text_atomic(path, rendered.text, newline="\n")
    return path


def check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r}: use one of {', '.join(FORMATS)}")
