"""`torch-setup-wizard diagnose FILE|-` as a user runs it: a subprocess, exit codes, text and JSON."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.textdiag.corpus_io import CORPUS, read_corpus_file

REPO = Path(__file__).resolve().parents[2]
DRIVER_TOO_OLD = read_corpus_file(next(CORPUS.glob("001-*.txt"))).text


def _run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "wizard", "diagnose", *args], input=stdin, capture_output=True, cwd=REPO, timeout=120
    )


def test_text_file_gives_findings_and_exit_1(tmp_path) -> None:
    paste = tmp_path / "paste.txt"
    paste.write_text(DRIVER_TOO_OLD, encoding="utf-8")
    result = _run(str(paste))
    assert result.returncode == 1, result.stderr
    out = result.stdout.decode()
    assert "found version 11040" in out  # the excerpt is shown with the finding


def test_json_from_stdin_utf16_as_powershell_writes_it() -> None:
    result = _run("-", "--json", stdin=DRIVER_TOO_OLD.encode("utf-16"))
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert report["schema"] == "torch-setup-wizard/report@1"
    assert report["snapshot"]["source"] == "text"
    assert report["findings"][0]["code"] == "DRIVER_TOO_OLD"


def test_saved_report_is_read_back_as_its_snapshot(tmp_path) -> None:
    first = _run("-", "--json", stdin=DRIVER_TOO_OLD.encode())
    saved = tmp_path / "report.json"
    saved.write_bytes(first.stdout)
    again = _run(str(saved), "--json")
    assert again.returncode == 1, again.stderr
    assert json.loads(again.stdout)["snapshot"] == json.loads(first.stdout)["snapshot"]


def test_damaged_report_and_unreadable_file_are_one_line_exit_2(tmp_path) -> None:
    damaged = tmp_path / "report.json"
    damaged.write_text('{"schema": "torch-setup-wizard/report@1", "snapshot": 5}', encoding="utf-8")
    for target in (str(damaged), str(tmp_path / "missing.txt"), str(tmp_path)):
        result = _run(target)
        assert result.returncode == 2
        assert result.stderr.decode().count("\n") == 1 and "Traceback" not in result.stderr.decode()


def test_binary_input_is_a_note_not_a_crash() -> None:
    result = _run("-", stdin=bytes(range(256)) * 100)
    assert result.returncode == 3, result.stderr  # cannot tell: nothing in it says how the setup is
    assert "does not look like text" in result.stdout.decode()
    assert "Cannot tell yet" in result.stdout.decode()


def test_header_names_the_pasted_python_version_when_the_text_gives_no_path() -> None:
    paste = "Python 3.11.4 on Windows 11\nImportError: DLL load failed while importing _C: The specified module could not be found.\n"
    first_line = _run("-", stdin=paste.encode()).stdout.decode().splitlines()[0]
    assert "3.11" in first_line and "for  (" not in first_line
