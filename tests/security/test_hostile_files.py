"""Hostile files × every reader of outside files: FIFOs, devices, folders, sockets, sparse giants, garbage.

Each reader must answer within the referee's limit with a clean message (or a result), never read a device
or a FIFO, never load more than its cap.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.security.hostile import FILE_KINDS, make_hostile_file
from tests.security.referee import hostile_case
from wizard.cli import UsageError
from wizard.profile import ProfileError
from wizard.report.json_report import ReportFormatError

pytestmark = pytest.mark.skipif(os.name != "posix", reason="FIFOs, devices and sockets as files are POSIX")


def read_report(path: Path, out) -> None:
    from wizard.report.json_report import load_report
    from wizard.safe_read import read_text_capped

    out.output(load_report(read_text_capped(path, "report")))


def open_report_like_gui_open(path: Path, out) -> None:
    from wizard.commands.gui import _load_report

    out.output(_load_report(str(path)))


def load_course_profile(path: Path, out) -> None:
    from wizard.profile import load_profile

    out.output(load_profile(path))


def diagnose_file(path: Path, out) -> None:
    from wizard.commands.diagnose import decode, read_input, snapshot_from_input

    data = read_input(str(path))
    assert len(data) <= 12_000_001, "diagnose FILE read more than its head and tail"
    out.output(snapshot_from_input(decode(data)).source)


def overview_folder(path: Path, out) -> None:
    from wizard.overview import read_folder, to_csv, to_json, to_text

    overview = read_folder(path.parent)
    names = {s.file for s in overview.skipped} | {r.file for r in overview.rows}
    assert path.name in names or not path.name.endswith(".json"), "the overview neither read nor skipped it"
    out.output(to_text(overview), to_csv(overview), to_json(overview))


READERS = {
    "report": read_report,
    "gui-open": open_report_like_gui_open,
    "profile": load_course_profile,
    "diagnose": diagnose_file,
    "overview": overview_folder,
}
CLEAN_REFUSALS = (UsageError, ProfileError, ReportFormatError, OSError)


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("kind", FILE_KINDS)
def test_a_hostile_file_is_refused_or_read_within_bounds(kind: str, reader: str, tmp_path: Path, canary: Path) -> None:
    path = make_hostile_file(kind, tmp_path)
    hostile_case(f"file:{kind}:{reader}", f"files/{reader}", lambda out: READERS[reader](path, out),
                 canary=canary, expected=CLEAN_REFUSALS)


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "folder", "sparse-2g", "socket"])
def test_the_refusal_says_what_the_file_is(kind: str, tmp_path: Path) -> None:
    from wizard.safe_read import UnreadableFile, read_text_capped

    path = make_hostile_file(kind, tmp_path)
    with pytest.raises(UnreadableFile) as refused:
        read_text_capped(path, "report")
    words = {"fifo": "named pipe (FIFO)", "dev-zero": "a device", "folder": "a folder", "sparse-2g": "too large",
             "socket": "a socket"}
    if kind == "socket" and not path.is_socket():
        pytest.skip("no socket could be made at this path")
    assert words[kind] in str(refused.value)
