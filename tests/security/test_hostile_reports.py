"""A hostile report (its host name, paths, finding texts and command all set by a stranger) × every renderer:
the terminal text of check and overview, the overview's CSV and JSON, the Markdown/HTML/JSON exports."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from tests.security.hostile import hostile_report, hostile_strings
from tests.security.referee import SECRET, hostile_case
from wizard.commands.check import render_text
from wizard.overview import Overview, SkippedFile, machine_row, to_csv, to_json, to_text
from wizard.report.export import render_export
from wizard.report.json_report import load_report, report_json

TERMINAL_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
LIVE_HTML = re.compile(r"<(?:img|script|h1|a |style|iframe)", re.I)
NAMES = list(hostile_strings(Path("/x")))


def check_text(text: str, out) -> None:
    rendered = render_text(*hostile_report(text), color=False)
    out.output(rendered)
    assert not TERMINAL_CONTROL.search(rendered), "a control character reached the terminal"


def check_text_in_colour(text: str, out) -> None:
    rendered = render_text(*hostile_report(text), color=True)
    out.output(rendered)
    assert not re.search(r"\x1b(?!\[[0-9;]*m)", rendered), "an escape other than the wizard's own colours"
    assert "\x1b]" not in rendered and "\x9b" not in rendered


def overview_of(text: str) -> Overview:
    snapshot, diagnosis = hostile_report(text)
    return Overview((machine_row(f"{text[:40]}.json", snapshot, diagnosis),), (SkippedFile(text[:80], text[:300]),))


def overview_text(text: str, out) -> None:
    rendered = to_text(overview_of(text))
    out.output(rendered)
    assert not TERMINAL_CONTROL.search(rendered)


def overview_csv(text: str, out) -> None:
    rendered = to_csv(overview_of(text))
    out.output(rendered)
    csv.field_size_limit(10_000_000)
    for row in list(csv.reader(io.StringIO(rendered)))[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), f"formula cell {cell[:40]!r}"
            assert not TERMINAL_CONTROL.search(cell.replace("\n", "").replace("\t", ""))


def overview_json(text: str, out) -> None:
    rendered = to_json(overview_of(text))
    out.output(rendered)
    data = json.loads(rendered)
    assert data["skipped"] and data["skipped"][0]["reason"], "the skipped file is not named with its reason"
    assert not TERMINAL_CONTROL.search(rendered)  # JSON escapes controls as \\u001b


def export_markdown(text: str, out) -> None:
    out.output(render_export(*hostile_report(text), "md", redact=False).text)


def export_html(text: str, out) -> None:
    rendered = render_export(*hostile_report(text), "html", redact=True).text
    out.output(rendered)
    baseline = render_export(*hostile_report("plain"), "html", redact=True).text
    assert live_tags(rendered) == live_tags(baseline), "live HTML from the report"


def live_tags(html: str) -> list[str]:
    return LIVE_HTML.findall(html.split("<body", 1)[-1])


def export_json_round_trip(text: str, out) -> None:
    rendered = report_json(*hostile_report(text))
    out.output(rendered)
    snapshot, _diagnosis = load_report(rendered)
    assert snapshot.host.value is not None


RENDERERS = {
    "check-text": check_text,
    "check-colour": check_text_in_colour,
    "overview-text": overview_text,
    "overview-csv": overview_csv,
    "overview-json": overview_json,
    "export-md": export_markdown,
    "export-html": export_html,
    "report-json": export_json_round_trip,
}


@pytest.mark.parametrize("renderer", RENDERERS)
@pytest.mark.parametrize("name", NAMES)
def test_a_hostile_report_renders_as_inert_text(name: str, renderer: str, canary: Path) -> None:
    text = hostile_strings(canary)[name]
    hostile_case(f"report:{name}:{renderer}", f"report/{renderer}", lambda out: RENDERERS[renderer](text, out),
                 canary=canary, secrets=(SECRET,))
