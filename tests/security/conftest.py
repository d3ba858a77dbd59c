"""Fixtures of the hostile-input matrix; the referee and its score live in referee.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.security.referee import SCORE


@pytest.fixture
def canary(tmp_path: Path) -> Path:
    return tmp_path / "CANARY-executed"


def pytest_terminal_summary(terminalreporter) -> None:
    if SCORE.cases:
        terminalreporter.write_sep("-", "hostile-input matrix")
        terminalreporter.write_line(SCORE.line())
