"""The report JSON (schema torch-setup-wizard/report@1): what `check --json` prints and what
reports, the helpdesk overview and `gui --open` read back."""

from __future__ import annotations

import json
from typing import Any

from wizard import __version__
from wizard.findings import Action, ActionKind, Diagnosis, Finding, Recommendation, Severity, Step
from wizard.safe_text import map_every_string, scrub_secrets
from wizard.snapshot import Snapshot, SnapshotFormatError, from_data, to_data

REPORT_SCHEMA = "torch-setup-wizard/report@1"


class ReportFormatError(ValueError):
    """Not a report this version can read; the message says why in one line."""


def without_secrets(obj: Any) -> Any:
    """A snapshot or diagnosis with URL credentials and tokens masked in every string (see wizard.safe_text)."""
    return map_every_string(obj, scrub_secrets)


def report_data(snapshot: Snapshot, diagnosis: Diagnosis, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """The report as JSON data; a report never holds a password or token (a --torch-index with credentials,
    a token pasted into a log), whatever was collected or recommended in memory."""
    snapshot, diagnosis = without_secrets(snapshot), without_secrets(diagnosis)
    data: dict[str, Any] = {
        "schema": REPORT_SCHEMA,
        "tool_version": __version__,
        "snapshot": to_data(snapshot),
        "findings": [to_data(f) for f in diagnosis.findings],
        "recommendation": to_data(diagnosis.recommendation),
    }
    if extra:
        data.update(without_secrets(extra))
    return data


def report_json(snapshot: Snapshot, diagnosis: Diagnosis, extra: dict[str, Any] | None = None) -> str:
    return json.dumps(report_data(snapshot, diagnosis, extra), indent=2)


def load_report(text: str) -> tuple[Snapshot, Diagnosis]:
    """Parse a report. Raises ReportFormatError (never anything else) for bad input."""
    try:
        return _load_report(text)
    except ReportFormatError:
        raise
    except (TypeError, ValueError, AttributeError, KeyError, IndexError, RecursionError, MemoryError) as exc:
        # Anything the decoder did not foresee in a damaged file is still "damaged", never a traceback.
        raise ReportFormatError(_one_line(f"damaged report: {type(exc).__name__}: {exc}")) from None


def _load_report(text: str) -> tuple[Snapshot, Diagnosis]:
    if not isinstance(text, (str, bytes, bytearray)):
        raise ReportFormatError(f"not a report: expected text, got {type(text).__name__}")
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise ReportFormatError(_one_line(f"not JSON: {exc}")) from None
    if not isinstance(data, dict):
        raise ReportFormatError("not a report: the JSON is not an object")
    schema = data.get("schema")
    if schema != REPORT_SCHEMA:
        raise ReportFormatError(
            _one_line(f"not a torch-setup-wizard report (schema {schema!r:.80}, expected {REPORT_SCHEMA!r})")
        )
    findings_data = data.get("findings")
    if not isinstance(findings_data, list):
        raise ReportFormatError("damaged report: 'findings' is not a list")
    try:
        snapshot = from_data(Snapshot, data.get("snapshot"), "$.snapshot")
        findings = tuple(from_data(Finding, item, f"$.findings[{i}]") for i, item in enumerate(findings_data))
        recommendation = from_data(Recommendation, data.get("recommendation"), "$.recommendation")
    except SnapshotFormatError as exc:
        raise ReportFormatError(_one_line(f"damaged report: {exc}")) from None
    return snapshot, Diagnosis(findings=findings, recommendation=recommendation)


def _one_line(message: str, limit: int = 300) -> str:
    """Error messages stay one readable line even when the input holds megabytes or newlines."""
    flat = " ".join(message.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


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
