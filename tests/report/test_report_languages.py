"""Exported reports (Markdown, HTML) in the reader's language; the embedded JSON keeps the message keys."""

from __future__ import annotations

import dataclasses
import json
import re

import pytest

from tests.checks.test_scenarios import SCENARIOS, load
from wizard import i18n
from wizard.engine import diagnose
from wizard.knowledge import load_knowledge
from wizard.report.export import render_export
from wizard.report.json_report import load_report


@pytest.fixture
def reader_language():
    yield i18n.set_locale
    i18n.set_locale(i18n.SOURCE_LOCALE)


def _no_driver():
    path = next(p for p in SCENARIOS if p.stem == "driver_not_installed")
    _data, snapshot, goal = load(path)
    return snapshot, diagnose(snapshot, load_knowledge(), goal)


@pytest.mark.parametrize("locale", ["de", "zh_CN", "es"])
def test_markdown_and_html_speak_the_readers_language(reader_language, locale: str) -> None:
    snapshot, diagnosis = _no_driver()
    reader_language(locale)
    markdown = render_export(snapshot, diagnosis, "md", redact=False).text
    html = render_export(snapshot, diagnosis, "html", redact=False).text
    title = i18n.text("DRIVER_MISSING.not_installed.title", locale)
    for page in (markdown, html):
        assert i18n.text("report.title", locale) in page
        assert i18n.text("report.key_facts", locale) in page
        assert title in page
        assert i18n.text("DRIVER_MISSING.not_installed.title", "en") not in page.split("<details>")[0]
    assert f'<html lang="{locale.replace("_", "-")}">' in html


def test_the_embedded_json_opens_in_another_language(reader_language) -> None:
    snapshot, diagnosis = _no_driver()
    reader_language("de")
    markdown = render_export(snapshot, diagnosis, "md", redact=False).text
    embedded = re.search(r"```json\n(.*?)\n```", markdown, re.S).group(1)
    assert json.loads(embedded)["findings"][0]["title_message"]["key"]
    _snapshot, loaded = load_report(embedded)
    spanish = i18n.localized_diagnosis(loaded, "es")
    assert spanish.errors[0].title == i18n.text("DRIVER_MISSING.not_installed.title", "es")


def test_a_consequence_keeps_its_code_markup_in_every_language(reader_language) -> None:
    from wizard.report.html import _finding
    from wizard.report.markdown import _finding as md_finding

    _snapshot, diagnosis = _no_driver()
    symptom = dataclasses.replace(diagnosis.findings[0], caused_by="DRIVER_MISSING")
    for locale in ("ja", "fr"):
        reader_language(locale)
        assert "<code>DRIVER_MISSING</code>" in _finding(1, symptom, False)
        assert "`DRIVER_MISSING`" in "\n".join(md_finding(1, symptom, False))
