"""Hostile input: arbitrary text, truncated real texts, binary junk, huge pastes → a Snapshot, never an exception."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.textdiag.corpus_io import load_corpus
from wizard.snapshot import Snapshot
from wizard.textdiag import snapshot_from_text, textdiag_notes
from wizard.textdiag.clean import HEAD_CHARS, TAIL_CHARS

CORPUS_TEXTS = [c.text for c in load_corpus()]
NEEDLES = [
    "The NVIDIA driver on your system is too old (found version ",
    "with CUDA capability sm_",
    " is not compatible with the current PyTorch installation.",
    "No matching distribution found for torch==",
    "[WinError 126] ",
    "PyTorch version: ",
    "GPU models and configuration:",
    "undefined symbol: ",
    "| NVIDIA-SMI ",
]
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _valid(snapshot: Snapshot) -> None:
    assert snapshot.source == "text"
    assert Snapshot.from_json(snapshot.to_json()) == snapshot


@FAST
@given(st.text(max_size=3000))
def test_arbitrary_text(text: str) -> None:
    _valid(snapshot_from_text(text))


@FAST
@given(st.lists(st.one_of(st.sampled_from(NEEDLES), st.text(max_size=60)), max_size=40).map("".join))
def test_text_made_of_signature_fragments(text: str) -> None:
    _valid(snapshot_from_text(text))


@FAST
@given(st.sampled_from(CORPUS_TEXTS), st.integers(min_value=0, max_value=5000), st.integers(min_value=0, max_value=5000))
def test_truncated_real_texts(text: str, start: int, length: int) -> None:
    _valid(snapshot_from_text(text[start : start + length]))


@FAST
@given(st.binary(max_size=4000))
def test_binary_junk(data: bytes) -> None:
    _valid(snapshot_from_text(data.decode("utf-8", errors="replace")))


def test_random_bytes_are_reported_as_not_text() -> None:
    snapshot = snapshot_from_text(os.urandom(20000).decode("latin-1"))
    assert snapshot.host.problem and snapshot.torch.problem and snapshot.gpu.nvml.problem
    assert any("binary" in note or "recognised" in note for note in textdiag_notes(snapshot))


def test_huge_paste_is_capped_and_the_error_at_the_end_still_found() -> None:
    filler = "epoch 1 loss 0.123 lr 0.001 " * 40 + "\n"
    error = "RuntimeError: The NVIDIA driver on your system is too old (found version 11040).\n"
    text = filler * (10_000_000 // len(filler)) + error  # about 10 MB
    snapshot = snapshot_from_text(text)
    assert [e.cause for e in snapshot.evidence if e.cause] == ["DRIVER_TOO_OLD"]
    notes = textdiag_notes(snapshot)
    assert any(f"{HEAD_CHARS:,}" in n and f"{TAIL_CHARS:,}" in n for n in notes)


def test_one_enormous_line_of_needles() -> None:
    text = "no kernel image is available for execution on the device; " * 150_000  # 9 MB, one line
    snapshot = snapshot_from_text(text)
    assert snapshot.evidence[0].cause == "GPU_ARCH_UNSUPPORTED"


def test_nothing_recognised_says_so() -> None:
    snapshot = snapshot_from_text("Hello, my code does not work, please help.")
    assert snapshot.evidence and any("recognised" in n for n in textdiag_notes(snapshot))
