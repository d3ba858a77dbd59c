"""After a fix: collect the facts again, run the checks, and say in one sentence whether the problem is gone."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

from wizard.findings import Diagnosis, Goal, Severity
from wizard.i18n import text
from wizard.snapshot import Snapshot

Collect = Callable[[str], Snapshot]
Diagnose = Callable[[Snapshot, Goal], Diagnosis]


@dataclass(frozen=True)
class Verification:
    torch_before: str  # "torch 2.13.0+cpu (CPU only)"
    torch_after: str
    fixed: tuple[str, ...]  # error codes present before, gone now
    remaining: tuple[str, ...]  # error codes still there
    new: tuple[str, ...]  # error codes that appeared
    after: Diagnosis | None = None
    snapshot_after: Snapshot | None = None

    @property
    def problem_gone(self) -> bool:
        return not self.remaining and not self.new

    @property
    def sentence(self) -> str:
        if self.problem_gone and self.fixed:
            return text("verify.gone", codes=_codes(self.fixed))
        if self.problem_gone:
            return text("verify.no_errors")
        parts = []
        if self.fixed:
            parts.append(text("verify.fixed", codes=_codes(self.fixed)))
        if self.remaining:
            parts.append(text("verify.still_there", codes=_codes(self.remaining)))
        if self.new:
            parts.append(text("verify.new", codes=_codes(self.new)))
        return text("verify.not_gone", parts="; ".join(parts))

    @property
    def before_after(self) -> str:
        return f"{self.torch_before} → {self.torch_after}"


def _codes(codes: tuple[str, ...]) -> str:
    return ", ".join(codes)


def describe_torch(snapshot: Snapshot) -> str:
    """'torch 2.13.0+cu130 (CUDA 13.0)', 'torch 2.13.0+cpu (CPU only)' or 'no torch' — from the snapshot only."""
    runtime = snapshot.torch.get()
    if runtime is not None:
        return f"torch {runtime.version} ({'CUDA ' + runtime.cuda if runtime.cuda else 'CPU only'})"
    facts = snapshot.python.get()
    version_file = facts.torch_version_file.get() if facts is not None else None
    if version_file is not None:
        return f"torch {version_file.version} ({'CUDA ' + version_file.cuda if version_file.cuda else 'CPU only'})"
    dist = facts.distribution("torch") if facts is not None else None
    return f"torch {dist.version}" if dist is not None else "no torch"


def _error_codes(diagnosis: Diagnosis) -> tuple[str, ...]:
    """Errors, and symptoms shown as notes beside their cause (caused_by): once the cause is fixed such a
    symptom is an error of its own, and it was there before: "still there", not "new"."""
    return tuple(dict.fromkeys(
        f.code for f in diagnosis.findings if f.severity is Severity.ERROR or (f.caused_by and f.severity is Severity.INFO)
    ))


def compare(before_snapshot: Snapshot, before: Diagnosis, after_snapshot: Snapshot, after: Diagnosis) -> Verification:
    """Pure: what changed between two diagnoses of the same environment."""
    old, new = _error_codes(before), _error_codes(after)
    return Verification(
        torch_before=describe_torch(before_snapshot),
        torch_after=describe_torch(after_snapshot),
        fixed=tuple(c for c in old if c not in new),
        remaining=tuple(c for c in old if c in new),
        new=tuple(c for c in new if c not in old),
        after=after,
        snapshot_after=after_snapshot,
    )


def verify_fix(
    python: str,
    before_snapshot: Snapshot,
    before: Diagnosis,
    goal: Goal,
    *,
    collect: Collect | None = None,
    diagnose: Diagnose | None = None,
) -> Verification:
    """Re-collect the facts of ``python`` and re-run the checks; compare with the diagnosis before the fix."""
    if collect is None:
        from wizard.checkup import collect as checkup_collect

        def collect(p: str) -> Snapshot:  # the same checkup as `check`, course smoke test included
            return checkup_collect(p, goal)

    if diagnose is None:
        from wizard.engine import diagnose as engine_diagnose

        def diagnose(s: Snapshot, g: Goal) -> Diagnosis:
            return engine_diagnose(s, goal=g)

    after_snapshot = collect(python)
    if before_snapshot.index.ok and not after_snapshot.index.ok:  # judge the result by the same index answer
        after_snapshot = dataclasses.replace(after_snapshot, index=before_snapshot.index)
    return compare(before_snapshot, before, after_snapshot, diagnose(after_snapshot, goal))
