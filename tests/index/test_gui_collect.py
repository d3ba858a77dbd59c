"""The wizard window's collector reads the same index its goal uses (TSW_TORCH_INDEX / Preferences)."""

from __future__ import annotations

from wizard.engine import diagnose
from wizard.findings import Goal


def test_window_collect_reads_the_mirror_and_the_diagnosis_uses_it(newer_index, plain_venv_python, monkeypatch, tmp_path):
    from wizard.gui.workers import default_collect

    monkeypatch.setenv("TSW_TORCH_INDEX", newer_index.torch_base)
    monkeypatch.delenv("TSW_OFFLINE", raising=False)
    monkeypatch.setenv("TSW_CACHE_DIR", str(tmp_path / "cache"))
    stages: list[str] = []
    snapshot = default_collect(plain_venv_python, stages.append)
    assert "Reading the PyTorch package index…" in stages and "done:index" in stages
    diagnosis = diagnose(snapshot, goal=Goal(torch_index=newer_index.torch_base))
    assert diagnosis.recommendation.torch == "2.17.0"
    monkeypatch.setenv("TSW_OFFLINE", "1")
    offline = diagnose(default_collect(plain_venv_python, stages.append), goal=Goal(torch_index=newer_index.torch_base))
    source = next(f for f in offline.findings if f.code == "INDEX_SOURCE")
    assert "package index's answer from" in source.title  # the cached answer, with its age
