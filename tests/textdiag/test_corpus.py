"""The corpus of real pasted texts: each names the cause its public thread established."""

from __future__ import annotations

import pytest

from tests.textdiag.corpus_io import load_corpus
from wizard.engine import diagnose
from wizard.findings import Goal
from wizard.snapshot import Snapshot
from wizard.textdiag import snapshot_from_text
from wizard.textdiag.vocabulary import SPEC_CAUSES

CORPUS = load_corpus()
IDS = [c.name for c in CORPUS]

# Texts whose established cause the text itself cannot show (the reason is in the thread's prose).
KNOWN_MISSES = {
    "036-collect-env-171-cpu-truncated": "the paste is cut before any GPU or driver line, so nothing shows a GPU",
    "044-found-no-nvidia-driver-intel-laptop": "the same message as a missing driver; only the reporter's prose says "
    "the laptop has no NVIDIA GPU",
}


def test_corpus_is_large_and_well_formed() -> None:
    assert len(CORPUS) >= 40
    for item in CORPUS:
        assert item.source.startswith("https://"), item.name
        assert item.cause in SPEC_CAUSES, item.name
        assert item.note and item.text.strip(), item.name
    assert len({c.cause for c in CORPUS}) >= 15  # the corpus covers most causes, not one


@pytest.mark.parametrize("item", [c for c in CORPUS if not c.via_facts], ids=lambda c: c.name)
def test_first_signature_names_the_established_cause(item) -> None:
    snapshot = snapshot_from_text(item.text)
    causes = [e.cause for e in snapshot.evidence if e.cause]
    if item.name in KNOWN_MISSES:
        assert causes, "a signature should still match"
        return
    assert causes and causes[0] == item.cause, causes


@pytest.mark.parametrize("item", CORPUS, ids=lambda c: c.name)
def test_diagnose_names_the_cause_as_first_error(item, request) -> None:
    if item.name in KNOWN_MISSES:
        request.applymarker(pytest.mark.xfail(reason=KNOWN_MISSES[item.name], strict=True))
    diagnosis = diagnose(snapshot_from_text(item.text), goal=Goal())
    errors = [f.code for f in diagnosis.errors]
    assert errors and errors[0] == item.cause, errors
    first = diagnosis.errors[0]
    if not item.via_facts:  # the excerpt that led to it is shown with the finding
        assert first.evidence, "the finding should carry the pasted excerpt"


@pytest.mark.parametrize("item", CORPUS, ids=lambda c: c.name)
def test_corpus_snapshots_round_trip_and_are_text_snapshots(item) -> None:
    snapshot = snapshot_from_text(item.text)
    assert snapshot.source == "text"
    assert Snapshot.from_json(snapshot.to_json()) == snapshot


def test_hit_rate_of_the_corpus() -> None:
    hits = 0
    for item in CORPUS:
        errors = [f.code for f in diagnose(snapshot_from_text(item.text), goal=Goal()).errors]
        hits += bool(errors) and errors[0] == item.cause
    assert hits >= len(CORPUS) - len(KNOWN_MISSES)
