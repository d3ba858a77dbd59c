"""Step "PyTorch": which source the release tables came from (package index, its cached answer, or the bundled
tables) and where the index and the bundled knowledge disagree. Reads ``Knowledge.index`` (wizard.index.merge)."""

from __future__ import annotations

import datetime
from collections import defaultdict

from wizard.checks.context import CheckContext
from wizard.checks.texts import finding, phrase
from wizard.findings import Finding, Severity, Step
from wizard.knowledge.model import IndexSummary

STEP = Step.WHEEL


def check_index_source(ctx: CheckContext) -> list[Finding]:
    summary = ctx.knowledge.index
    if summary is None:
        return []
    return [_source_finding(ctx, summary), *_note_findings(ctx, summary)]


def _source_finding(ctx: CheckContext, summary: IndexSummary) -> Finding:
    checked_on = ctx.knowledge.checked_on
    details = _provenance_details(summary)
    if summary.source == "index":
        return finding("INDEX_SOURCE.index", Severity.INFO, STEP, details=details, base=summary.base, checked_on=checked_on)
    if summary.source == "cache":
        age = age_text(summary.fetched_at, ctx.snapshot.created_at)
        if summary.reason == "fresh":
            reason = phrase("phrase.index_reason.fresh")
        else:
            reason = phrase("phrase.index_reason.unreachable", detail=summary.reason)
        return finding("INDEX_SOURCE.cache", Severity.INFO, STEP, details=details, base=summary.base, age=age,
                       reason=reason)
    return finding("INDEX_SOURCE.bundled", Severity.INFO, STEP, details=details, checked_on=checked_on,
                   reason=_bundled_reason(summary))


def _bundled_reason(summary: IndexSummary) -> str:
    """Why the bundled tables were used, as a catalog phrase (the English reason when no phrase fits)."""
    if summary.reason_key:
        return phrase(summary.reason_key, **dict(summary.reason_fields))
    return summary.reason or phrase("phrase.index_reason.not_asked")


def _provenance_details(summary: IndexSummary) -> str:
    lines = []
    if summary.base:
        lines.append(f"index: {summary.base}" + (f" (answer of {summary.fetched_at})" if summary.fetched_at else ""))
    lines.extend(f"torch {version}: from the {'package index' if origin == 'index' else 'bundled tables'}"
                 for version, origin in summary.provenance)
    return "\n".join(lines)


def _note_findings(ctx: CheckContext, summary: IndexSummary) -> list[Finding]:
    out = []
    newer = [n.version for n in summary.notes if n.kind == "newer"]
    if newer:
        bundled = _newest_bundled(ctx)
        out.append(finding("INDEX_NOTE.newer", Severity.INFO, STEP, base=summary.base, versions=newer, bundled=bundled))
    confirmed = [n.version for n in summary.notes if n.kind == "confirmed"]
    if confirmed:
        out.append(finding("INDEX_NOTE.confirmed", Severity.INFO, STEP, base=summary.base, versions=confirmed))
    missing: dict[str, list[str]] = defaultdict(list)
    for note in summary.notes:
        if note.kind == "missing_wheel":
            missing[note.version].append(note.variant)
    for version, variants in missing.items():
        out.append(finding("INDEX_NOTE.missing_wheel", Severity.INFO, STEP, base=summary.base, version=version,
                           variants=variants))
    for note in summary.notes:
        if note.kind == "missing_variant":
            out.append(finding("INDEX_NOTE.missing_variant", Severity.INFO, STEP, base=summary.base,
                               variant=note.variant))
    return out


def _newest_bundled(ctx: CheckContext) -> str:
    summary = ctx.knowledge.index
    from_index = {v for v, origin in summary.provenance if origin == "index"} if summary else set()
    bundled = [r for r in ctx.knowledge.releases if r.verified and r.version not in from_index]
    return max(bundled, key=lambda r: r.parsed).version if bundled else ""


def age_text(fetched_at: str, now_iso: str = "") -> str:
    """'12 minutes', '3 hours', '2 days': how long ago the index answered."""
    try:
        then = datetime.datetime.fromisoformat(fetched_at)
        now = datetime.datetime.fromisoformat(now_iso) if now_iso else datetime.datetime.now(datetime.timezone.utc)
        seconds = max(0.0, (now - then).total_seconds())
    except (ValueError, TypeError):
        return "an unknown time"
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size:
            count = int(seconds // size)
            return f"{count} {unit}{'s' if count != 1 else ''}"
    return "less than a minute"


CHECKS = (check_index_source,)
