"""``torch-setup-wizard diagnose FILE|-``: diagnose pasted text (collect_env output, tracebacks,
pip logs, nvidia-smi) or a report JSON saved by this program, with the same checks as ``check``."""

from __future__ import annotations

import argparse
import codecs
import os
import sys
from typing import BinaryIO

from wizard import i18n
from wizard.cli import UsageError
from wizard.commands.common import goal_for_args
from wizard.findings import Diagnosis
from wizard.safe_text import for_terminal, terminal_safe
from wizard.snapshot import Snapshot
from wizard.verdict import Verdict, verdict_for

HEAD_BYTES = 8_000_000  # more than textdiag examines (2 M characters from the start, 1 M from the end)
TAIL_BYTES = 4_000_000
_CHUNK = 1 << 20


def run(args: argparse.Namespace) -> int:
    from wizard.engine import diagnose

    data = read_input(args.file)
    text = decode(data)
    snapshot = snapshot_from_input(text)
    goal = goal_for_args(args)
    if snapshot.source == "text":
        from wizard.textdiag import goal_for_text

        goal = goal_for_text(snapshot, goal)  # a CUDA error in the text proves CUDA was wanted
    try:
        diagnosis = diagnose(snapshot, goal=goal)
    except (ValueError, OSError) as exc:  # a damaged knowledge base (KnowledgeError is a ValueError)
        raise UsageError(i18n.text("command.knowledge_damaged", error=exc)) from None
    verdict = verdict_for(snapshot, diagnosis, goal, text if snapshot.source == "text" else "")
    print(render(snapshot, diagnosis, as_json=args.json, verdict=verdict))
    return verdict.kind.exit_code


def read_input(name: str) -> bytes:
    """The bytes of FILE, or of standard input for "-"; huge inputs keep only their head and tail."""
    if name == "-":
        return read_limited(sys.stdin.buffer)
    from wizard.safe_read import UnreadableFile, open_regular_file

    try:
        with open_regular_file(name) as stream:  # a FIFO or /dev/zero is refused, not read forever
            return read_limited(stream)
    except UnreadableFile as exc:
        raise UsageError(str(exc)) from None
    except OSError as exc:
        raise UsageError(i18n.text("command.cannot_read", path=name, error=exc.strerror or exc)) from None


def read_limited(stream: BinaryIO) -> bytes:
    head = stream.read(HEAD_BYTES)
    if len(head) < HEAD_BYTES:
        return head
    if stream.seekable():  # a file: jump to its tail instead of reading gigabytes to get there
        end = stream.seek(0, os.SEEK_END)
        stream.seek(max(HEAD_BYTES, end - TAIL_BYTES))
        tail = stream.read(TAIL_BYTES)
        return head + b"\n" + tail if tail else head
    tail = b""
    while chunk := stream.read(_CHUNK):
        tail = (tail + chunk)[-TAIL_BYTES:]
    return head + b"\n" + tail if tail else head


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM) or UTF-16 with BOM (PowerShell's `>` writes that); bad bytes become U+FFFD."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    return data.decode("utf-8-sig", errors="replace")


def snapshot_from_input(text: str) -> Snapshot:
    """A saved report's snapshot, or the snapshot textdiag reads from the text."""
    from wizard.report.json_report import REPORT_SCHEMA, ReportFormatError, load_report
    from wizard.textdiag import snapshot_from_text

    if text.lstrip().startswith("{") and REPORT_SCHEMA in text[:4096]:
        try:
            return load_report(text)[0]
        except ReportFormatError as exc:
            raise UsageError(i18n.text("command.report_unreadable", error=exc)) from None
    return snapshot_from_text(text)


def render(snapshot: Snapshot, diagnosis: Diagnosis, as_json: bool, verdict: Verdict | None = None) -> str:
    from wizard.textdiag import textdiag_notes

    notes = [for_terminal(note) for note in textdiag_notes(snapshot)]
    verdict = verdict or verdict_for(snapshot, diagnosis)
    if as_json:
        from wizard.commands.check import verdict_fields
        from wizard.report.json_report import report_json

        extra: dict[str, object] = {"textdiag_notes": notes} if notes else {}
        return report_json(snapshot, diagnosis, {**extra, **verdict_fields(verdict)})
    try:
        from wizard.commands.check import can_encode, render_text
    except ImportError:  # the check command is optional here
        return "\n".join([*(f"Note: {n}" for n in notes), _minimal_text(diagnosis)])
    color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    body = render_text(snapshot, diagnosis, color=color, unicode=can_encode(sys.stdout, "✓✗"), verdict=verdict)
    return "\n".join([*(f"Note: {n}" for n in notes), body])


def _minimal_text(diagnosis: Diagnosis) -> str:
    diagnosis = terminal_safe(diagnosis)
    lines = [f"[{f.severity.value}] {f.code}: {f.title}" for f in diagnosis.findings]
    return "\n".join(lines) or i18n.text("command.nothing_to_report")
