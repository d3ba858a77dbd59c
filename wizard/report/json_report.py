"""The report JSON (schema torch-setup-wizard/report@1): what `check --json` prints and what
reports, the helpdesk overview and `gui --open` read back."""

from __future__ import annotations

import json
from typing import Any

from wizard import __version__
from wizard.findings import Action, ActionKind, Diagnosis, Finding, Recommendation, Severity, Step
from wizard.snapshot import Snapshot, SnapshotFormatError, from_data, to_data

REPORT_SCHEMA = "torch-setup-wizard/report@1"


class ReportFormatError(ValueError):
    """Not a report this version can read; the message says why in one line."""


def report_data(snapshot: Snapshot, diagnosis: Diagnosis, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "schema": REPORT_SCHEMA,
        "tool_version": __version__,
        "snapshot": to_data(snapshot),
        "findings": [to_data(f) for f in diagnosis.findings],
        "recommendation": to_data(diagnosis.recommendation),
    }
    if extra:
        data.update(extra)
    return data


def report_json(snapshot: Snapshot, diagnosis: Diagnosis, extra: dict[str, Any] | None = None) -> str:
    return json.dumps(report_data(snapshot, diagnosis, extra), indent=2)


def load_report(text: str) -> tuple[Snapshot, Diagnosis]:
    """Parse a report. Raises ReportFormatError (never anything else) for bad input."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise ReportFormatError(f"not JSON: {exc}") from None
    if not isinstance(data, dict):
        raise ReportFormatError("not a report: the JSON is not an object")
    schema = data.get("schema")
    if schema != REPORT_SCHEMA:
        raise ReportFormatError(f"not a torch-setup-wizard report (schema {schema!r}, expected {REPORT_SCHEMA!r})")
    try:
        snapshot = from_data(Snapshot, data.get("snapshot"), "$.snapshot")
        findings = tuple(
            from_data(Finding, item, f"$.findings[{i}]") for i, item in enumerate(_list(data.get("findings")))
        )
        recommendation = from_data(Recommendation, data.get("recommendation"), "$.recommendation")
    except SnapshotFormatError as exc:
        raise ReportFormatError(f"damaged report: {exc}") from None
    except (TypeError, ValueError, RecursionError) as exc:
        raise ReportFormatError(f"damaged report: {exc}") from None
    return snapshot, Diagnosis(findings=findings, recommendation=recommendation)


def _list(value: Any) -> list:
    if not isinstance(value, list):
        raise ReportFormatError("damaged report: 'findings' is not a list")
    return value


__all__ = [
    "REPORT_SCHEMA",
    "ReportFormatError",
    "report_data",
    "report_json",
    "load_report",
    "Action",
    "ActionKind",
    "Severity",
    "Step",
]
