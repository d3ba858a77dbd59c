"""The paste dialog under pytest-qt (offscreen): plain text only, worker for big pastes, highlights."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtWidgets import QPlainTextEdit  # noqa: E402

from tests.textdiag.corpus_io import CORPUS, read_corpus_file  # noqa: E402
from wizard.gui.paste_dialog import BACKGROUND_FROM_CHARS, PasteDialog, highlight_evidence  # noqa: E402

SM120 = read_corpus_file(next(CORPUS.glob("006-*.txt"))).text


def test_diagnose_button_reads_the_paste_and_accepts(qtbot) -> None:
    dialog = PasteDialog()
    qtbot.addWidget(dialog)
    assert not dialog.diagnose_button.isEnabled()
    dialog.text_edit.setPlainText(SM120)
    assert dialog.diagnose_button.isEnabled()
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        dialog.diagnose_button.click()
    assert dialog.snapshot is not None and dialog.snapshot.source == "text"
    assert dialog.snapshot.evidence[0].cause == "GPU_ARCH_UNSUPPORTED"
    assert any("sm_120" in e for e in dialog.evidence_excerpts)
    assert dialog.text_edit.extraSelections()  # the recognised lines are marked


def test_big_paste_is_read_in_a_worker(qtbot) -> None:
    dialog = PasteDialog()
    qtbot.addWidget(dialog)
    filler = "step 10 loss 0.5\n" * (BACKGROUND_FROM_CHARS // 17 + 10)
    dialog.text_edit.setPlainText(filler + SM120)
    with qtbot.waitSignal(dialog.accepted, timeout=20000):
        dialog.start_diagnosis()
        assert dialog.status.text() == "Reading the text…"  # returned at once: the work is elsewhere
    assert dialog.snapshot.evidence[0].cause == "GPU_ARCH_UNSUPPORTED"


def test_pasted_html_stays_plain_text(qtbot) -> None:
    dialog = PasteDialog()
    qtbot.addWidget(dialog)
    html = '<b>bold</b><img src="http://example.com/x.png"><script>alert(1)</script>'
    dialog.text_edit.setPlainText(html)
    assert dialog.text_edit.toPlainText() == html
    assert isinstance(dialog.text_edit, QPlainTextEdit)


def test_empty_paste_does_nothing(qtbot) -> None:
    dialog = PasteDialog()
    qtbot.addWidget(dialog)
    dialog.text_edit.setPlainText("   \n  ")
    dialog.start_diagnosis()
    assert dialog.snapshot is None and dialog.result() == 0
    assert "Paste some text" in dialog.status.text()


def test_highlight_evidence_marks_each_excerpt_line(qtbot) -> None:
    edit = QPlainTextEdit()
    qtbot.addWidget(edit)
    edit.setPlainText("intro\nline A here\nmiddle\nline B there\nline A here\n")
    count = highlight_evidence(edit, ["line A here\nline B there", "absent text"])
    assert count == 3
    marked = sorted(s.cursor.selectedText() for s in edit.extraSelections())
    assert marked == ["line A here", "line A here", "line B there"]
    assert edit.toPlainText().startswith("intro")  # the document itself is unchanged
