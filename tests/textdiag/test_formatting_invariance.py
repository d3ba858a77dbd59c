"""How a text reached us must not change what it says, nor where it is read (the window or the command line): the same post quoted in a forum, copied from a web page (odd
spaces, character references), indented as a Markdown code block, fenced, with Windows line ends, typographic quotes,
log timestamps or a greeting around it, or stored as a notebook's JSON, gets the same answer. Run on the corpus's tuning half (a sample by default,
all of it in the slow run); the held-out half stays unread."""

from __future__ import annotations

import dataclasses
import html
import json
from collections.abc import Callable
from functools import cache

import pytest

from tests.textdiag.accuracy import outcome
from tests.textdiag.corpus_io import TUNING, CorpusText, load_corpus
from wizard.engine import diagnose
from wizard.findings import Goal
from wizard.textdiag import goal_for_text, snapshot_from_text
from wizard.verdict import verdict_for


def _lines(text: str, change: Callable[[int, str], str]) -> str:
    return "\n".join(change(number, line) for number, line in enumerate(text.splitlines()))


REFORMATS: dict[str, Callable[[str], str]] = {
    "quoted in a forum": lambda text: _lines(text, lambda _, line: "> " + line),
    "indented as a Markdown code block": lambda text: _lines(text, lambda _, line: "    " + line),
    "fenced": lambda text: "```\n" + text + "\n```",
    "Windows line ends": lambda text: text.replace("\n", "\r\n"),
    "copied with no-break spaces": lambda text: text.replace(" ", "\u00a0"),
    "a page's source with character references": html.escape,
    "typographic quotes": lambda text: text.replace('"', "\u201c").replace("'", "\u2019"),
    "log timestamps": lambda text: _lines(text, lambda number, line: f"2024-05-01 12:00:{number % 60:02d},123 INFO {line}"),
    "greeted and thanked": lambda text: f"Hi, thanks for this project! Can someone help?\n\n{text}\n\nThanks in advance!",
    # a notebook file's output as stored: one JSON string per line, each ending in an escaped line break
    "an .ipynb's stored output": lambda text: '{\n "name": "stderr",\n "text": [\n' + ",\n".join(
        "  " + json.dumps(line + "\n") for line in text.split("\n")) + "\n ]\n}",
}


@cache
def _answered_tuning_texts(every: int) -> list[CorpusText]:
    tuning = [item for item in load_corpus() if item.half == TUNING][::every]
    return [item for item in tuning if outcome(item).top1]


def _broken_by(reformat: Callable[[str], str], items: list[CorpusText]) -> list[str]:
    return [item.name for item in items if not outcome(dataclasses.replace(item, text=reformat(item.text))).top1]


@pytest.fixture(scope="module")
def sample() -> list[CorpusText]:
    return _answered_tuning_texts(every=9)


@pytest.mark.parametrize("reformat", REFORMATS, ids=list(REFORMATS))
def test_a_reformatted_text_gets_the_same_answer(reformat: str, sample: list[CorpusText]) -> None:
    assert len(sample) > 40
    assert _broken_by(REFORMATS[reformat], sample) == []


@pytest.mark.slow
@pytest.mark.parametrize("reformat", REFORMATS, ids=list(REFORMATS))
def test_every_answered_tuning_text_reformatted_gets_the_same_answer(reformat: str) -> None:
    assert _broken_by(REFORMATS[reformat], _answered_tuning_texts(every=1)) == []


def _verdict_keys(item: CorpusText) -> tuple[str, str]:
    snapshot = snapshot_from_text(item.text)
    goal = goal_for_text(snapshot, Goal())
    diagnosis = diagnose(snapshot, goal=goal)
    return verdict_for(snapshot, diagnosis, goal).key, verdict_for(snapshot, diagnosis, goal, item.text).key


def test_the_window_without_the_text_gives_the_verdict_the_command_line_gives_with_it() -> None:
    # (the GUI's summary judges the snapshot alone; `diagnose` has the text too: both must say the same)
    tuning = [item for item in load_corpus() if item.half == TUNING][::3]
    assert [item.name for item in tuning if len(set(_verdict_keys(item))) > 1] == []
