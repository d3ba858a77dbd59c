"""`overview FOLDER`: 52 machines' reports plus broken files → table, counts, CSV and JSON."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.overview.reports import BROKEN_FILES, write_class_folder
from wizard.overview import read_folder


@pytest.fixture(scope="module")
def class_folder(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    folder = tmp_path_factory.mktemp("class")
    return folder, write_class_folder(folder)


def overview_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "wizard", "overview", *args], capture_output=True, text=True, timeout=120)


def test_counts_per_root_cause_and_skipped_files(class_folder) -> None:
    folder, expected = class_folder
    overview = read_folder(folder)
    assert len(overview.rows) == sum(expected.values()) == 52
    assert dict(overview.counts()) == expected
    assert overview.counts_line() == "37 machines OK, 6 CPU_ONLY_WHEEL, 4 TORCH_MISSING, 3 NUMPY_ABI, 2 DRIVER_TOO_OLD"
    assert sorted(s.file for s in overview.skipped) == sorted(BROKEN_FILES)
    assert all(s.reason for s in overview.skipped)


def test_csv_has_one_row_per_machine_with_step_columns(class_folder) -> None:
    folder, expected = class_folder
    result = overview_cli(str(folder), "--csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 52
    by_machine = {row["machine"]: row for row in rows}
    assert by_machine["lab-pc-01"]["root_cause"] == "OK" and by_machine["lab-pc-01"]["wheel"] == "ok"
    too_old = [row for row in rows if row["root_cause"] == "DRIVER_TOO_OLD"]
    assert len(too_old) == 2 and all(row["driver"] == "error" and row["torch_version"] == "2.13.0+cu130" for row in too_old)


def test_json_output_lists_counts_machines_and_skipped(class_folder) -> None:
    folder, expected = class_folder
    data = json.loads(overview_cli(str(folder), "--json").stdout)
    assert data["counts"] == expected
    assert len(data["machines"]) == 52
    assert {s["file"] for s in data["skipped"]} == set(BROKEN_FILES)


def test_text_table_uses_symbols_and_words(class_folder) -> None:
    folder, _ = class_folder
    out = overview_cli(str(folder)).stdout
    assert "✗ Problem" in out and "✓ OK" in out
    assert "52 reports: 37 machines OK" in out
    assert "skipped truncated.json: not JSON" in out


def test_not_a_folder_is_exit_2(tmp_path: Path) -> None:
    result = overview_cli(str(tmp_path / "nope"))
    assert result.returncode == 2 and "is not a folder of reports" in result.stderr
