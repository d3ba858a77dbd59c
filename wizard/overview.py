"""Many machines at a glance: read a folder of saved reports into one table (CLI and GUI share this)."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from wizard.findings import Diagnosis, Severity, Step
from wizard.report.json_report import ReportFormatError, load_report
from wizard.safe_read import SIZE_CAPS, UnreadableFile, read_text_capped
from wizard.safe_text import csv_cell, for_terminal, map_every_string, scrub_secrets
from wizard.snapshot import Snapshot
from wizard.words import status_label

MAX_REPORT_BYTES = SIZE_CAPS["report"]
HEALTHY = "OK"


@dataclass(frozen=True)
class MachineRow:
    file: str
    machine: str  # host name from the report (may be redacted)
    created_at: str
    steps: tuple[tuple[str, str], ...]  # (step, worst severity: error|warning|info|ok|"")
    root_cause: str  # code of the first error finding, "OK" when none
    error_codes: tuple[str, ...]
    torch: str
    python: str
    snapshot: Snapshot
    diagnosis: Diagnosis

    def step_status(self, step: str) -> str:
        return dict(self.steps).get(step, "")


@dataclass(frozen=True)
class SkippedFile:
    file: str
    reason: str


@dataclass(frozen=True)
class Overview:
    rows: tuple[MachineRow, ...]
    skipped: tuple[SkippedFile, ...]

    def counts(self) -> Counter:
        return Counter(row.root_cause for row in self.rows)

    def counts_line(self) -> str:
        counts = self.counts()
        from wizard.i18n import text

        parts = [text("overview.machines_ok", count=counts[HEALTHY])] if counts.get(HEALTHY) else []
        parts += [f"{n} {code}" for code, n in counts.most_common() if code != HEALTHY]
        return ", ".join(parts) if parts else text("overview.no_reports")


def read_folder(folder: Path) -> Overview:
    """Every *.json in folder (not recursive); broken or foreign files are skipped with the reason."""
    rows, skipped = [], []
    for path in sorted(folder.glob("*.json")):
        try:
            rows.append(read_report_file(path))
        except ReportFormatError as exc:
            skipped.append(SkippedFile(path.name, scrub_secrets(str(exc))))
    return Overview(tuple(rows), tuple(skipped))


def read_report_file(path: Path) -> MachineRow:
    try:
        text = read_text_capped(path, "report")
    except UnreadableFile as exc:
        raise ReportFormatError(str(exc).replace(str(path), path.name, 1)) from None
    except OSError as exc:
        raise ReportFormatError(f"cannot read: {exc.strerror or exc}") from None
    snapshot, diagnosis = load_report(text)
    return machine_row(path.name, snapshot, diagnosis)


def machine_row(file: str, snapshot: Snapshot, diagnosis: Diagnosis) -> MachineRow:
    errors = diagnosis.errors
    host = snapshot.host.value
    python = snapshot.python.value
    torch = snapshot.torch.value
    torch_version = torch.version if torch else ""
    if not torch_version and python and python.distribution("torch"):
        torch_version = python.distribution("torch").version
    return scrub_row(MachineRow(
        file=file,
        machine=(host.hostname if host and host.hostname else Path(file).stem),
        created_at=snapshot.created_at,
        steps=tuple((step.value, _worst(diagnosis, step)) for step in Step),
        root_cause=errors[0].code if errors else HEALTHY,
        error_codes=tuple(dict.fromkeys(f.code for f in errors)),
        torch=torch_version,
        python=python.version if python else "",
        snapshot=snapshot,
        diagnosis=diagnosis,
    ))


def scrub_row(row: MachineRow) -> MachineRow:
    """The row's own columns without credentials or tokens (a report may carry them in its host name)."""
    return dataclasses.replace(
        row, **{name: map_every_string(getattr(row, name), scrub_secrets)
                for name in ("file", "machine", "created_at", "steps", "root_cause", "error_codes", "torch", "python")}
    )


def _worst(diagnosis: Diagnosis, step: Step) -> str:
    severities = [f.severity for f in diagnosis.for_step(step)]
    return min(severities, key=lambda s: s.rank).value if severities else ""


CSV_COLUMNS = (
    "machine", "file", "root_cause", *(s.value for s in Step), "torch_version", "python_version", "errors", "created_at"
)


def to_csv(overview: Overview) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in overview.rows:
        cells = [row.machine, row.file, row.root_cause, *(row.step_status(s.value) for s in Step), row.torch,
                 row.python, " ".join(row.error_codes), row.created_at]
        writer.writerow([csv_cell(cell) for cell in cells])  # a host name "=HYPERLINK(...)" stays text
    return out.getvalue()


def to_json(overview: Overview) -> str:
    return json.dumps(
        {
            "schema": "torch-setup-wizard/overview@1",
            "counts": dict(overview.counts().most_common()),
            "machines": [
                {
                    "machine": r.machine,
                    "file": r.file,
                    "root_cause": r.root_cause,
                    "steps": dict(r.steps),
                    "errors": list(r.error_codes),
                    "torch": r.torch,
                    "python": r.python,
                    "created_at": r.created_at,
                }
                for r in overview.rows
            ],
            "skipped": [{"file": scrub_secrets(s.file), "reason": scrub_secrets(s.reason)} for s in overview.skipped],
        },
        indent=2,
    )


def to_text(overview: Overview) -> str:
    from wizard.i18n import text

    header = [text("overview.text.machine"), text("overview.text.root_cause"), *(s.value for s in Step)]
    body = [[_one_line(r.machine), _one_line(r.root_cause), *(status_label(r.step_status(s.value)) for s in Step)]
            for r in overview.rows]
    widths = [max(len(str(line[i])) for line in [header, *body]) for i in range(len(header))]
    lines = ["  ".join(str(cell).ljust(w) for cell, w in zip(line, widths)).rstrip() for line in [header, *body]]
    lines.append("")
    lines.append(text("overview.text.reports", count=len(overview.rows), counts=_one_line(overview.counts_line())))
    for skipped in overview.skipped:
        lines.append(skipped_line(skipped))
    return "\n".join(lines)


def skipped_line(skipped: SkippedFile) -> str:
    """"skipped notes.json: not a torch-setup-wizard report …", safe to print on a terminal."""
    from wizard.i18n import text

    return text("overview.text.skipped", file=_one_line(skipped.file), reason=_one_line(skipped.reason))


def _one_line(text: str) -> str:
    """A table cell from a report: no escape sequences, no line breaks."""
    return " ".join(for_terminal(text).split())


__all__ = ["Overview", "MachineRow", "SkippedFile", "read_folder", "machine_row", "to_csv", "to_json", "to_text", "Severity"]
