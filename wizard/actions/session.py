"""One fix session: plan → confirm → backup → run each step → verify → restore on failure.

A session holds the remedies of one diagnosis (in causal order: the diagnosis lists root causes first)
as approved commands with their plans. The caller (``fix`` on the terminal) drives the states and
talks to the user; the session never asks anything itself. Instruction-only remedies are listed so
the caller can show them: no pip command fixes those.
"""

from __future__ import annotations

import dataclasses
import enum
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from wizard import i18n
from wizard.actions import backup
from wizard.actions.plan import Plan, make_plan
from wizard.actions.policy import ActionRefused, ApprovedCommand, approve
from wizard.actions.runner import (
    Identity,
    LineHandler,
    RunResult,
    check_same_interpreter,
    prepare_pip_argv,
    probe_identity,
    run_streaming,
)
from wizard.actions.verify import Verification, verify_fix
from wizard.findings import Diagnosis, Finding, Goal, Severity
from wizard.snapshot import Snapshot


class State(str, enum.Enum):
    NEW = "new"
    PLANNED = "planned"
    BACKED_UP = "backed_up"
    RAN = "ran"
    FAILED = "failed"
    VERIFIED = "verified"
    RESTORED = "restored"


@dataclass(frozen=True)
class FixStep:
    code: str  # the finding whose cause this step repairs
    title: str
    command: ApprovedCommand
    note: str = ""
    version_change: str = ""
    plan: Plan | None = None  # None: nothing to preview (ensurepip)


def runnable_findings(diagnosis: Diagnosis, code: str = "") -> list[Finding]:
    """Findings with a runnable remedy, root causes first (symptoms demoted to info are skipped)."""
    found = [
        f
        for f in diagnosis.findings
        if f.remedy is not None and f.remedy.runnable and f.severity in (Severity.ERROR, Severity.WARNING) and not f.caused_by
    ]
    return [f for f in found if not code or f.code == code]


def instruction_findings(diagnosis: Diagnosis) -> list[Finding]:
    return [
        f for f in diagnosis.findings
        if f.remedy is not None and not f.remedy.runnable and f.remedy.instructions and not f.caused_by
        and f.severity in (Severity.ERROR, Severity.WARNING)
    ]


@dataclass
class FixSession:
    python: str
    snapshot: Snapshot
    diagnosis: Diagnosis
    goal: Goal
    code: str = ""  # only this finding's remedy ("" = every runnable remedy)
    verify: Callable[[str, Snapshot, Diagnosis, Goal], Verification] = verify_fix
    state: State = State.NEW
    identity: Identity | None = None
    steps: list[FixStep] = field(default_factory=list)
    backup_path: Path | None = None
    runs: list[RunResult] = field(default_factory=list)
    verification: Verification | None = None
    env_kind: str = ""
    planner: Callable[..., Plan] = make_plan
    # Instead of the diagnosis' remedies: this one command (the recommendation the user chose in the wizard).
    command: tuple[str, ...] = ()
    command_title: str = ""

    # ------------------------------------------------------------------ plan
    def plan(self, planner: Callable[..., Plan] = make_plan) -> list[FixStep]:
        """Approve every step and preview it; raises ActionRefused when a step is not allowed or the
        interpreter is not the one the check looked at."""
        self.identity = probe_identity(self.python)
        check_same_interpreter(self.identity, self.snapshot)
        env_kind = self.snapshot.python.get().env_kind if self.snapshot.python.ok else ""
        steps: list[FixStep] = []
        pip_comes_later = not self.identity.pip_version  # an ensurepip step will install it: preview after that
        for code, title, argv, note, version_change in self._wanted():
            command = approve(argv, self.python)
            if any(s.command.argv == command.argv for s in steps):
                continue  # one cause's step already in the session (ensurepip for two findings)
            preview = None
            if command.is_pip and not pip_comes_later:
                preview = planner(command.argv, self.identity, env_kind=env_kind)
            steps.append(FixStep(code, title, command, note, version_change, preview))
        self.env_kind = env_kind
        self.planner = planner
        self.steps = steps
        self.state = State.PLANNED
        return steps

    def _wanted(self) -> list[tuple[str, str, Sequence[str], str, str]]:
        """(code, title, argv, note, version change) of every step, in the order they run."""
        if self.command:
            return [("", self.command_title, self.command, "", "")]
        wanted = []
        for item in runnable_findings(self.diagnosis, self.code):
            assert item.remedy is not None
            wanted += [(item.code, item.title, argv, item.remedy.note, item.remedy.version_change)
                       for argv in item.remedy.steps]
        return wanted

    @property
    def blocked(self) -> str:
        """Why the plan cannot run ("" when it can): pip's own error, or not enough disk."""
        for step in self.steps:
            if step.plan is not None and step.plan.problem:
                return step.plan.problem
            if step.plan is not None and not step.plan.enough_disk:
                return i18n.text("executor.not_enough_disk")
        return ""

    @property
    def download_bytes(self) -> int:
        return sum(s.plan.download_bytes for s in self.steps if s.plan is not None)

    # ------------------------------------------------------------------ backup and run
    def save(self, sources: Sequence[str] = ()) -> Path:
        self._expect(State.PLANNED)
        wanted = list(sources)
        for step in self.steps:
            wanted += backup.restore_sources(step.command.argv, self.snapshot, self.goal.torch_index)
        self.backup_path = backup.save_state(self.python, sources=list(dict.fromkeys(wanted)))
        self.state = State.BACKED_UP
        return self.backup_path

    def deferred(self, step: FixStep) -> bool:
        """A pip step whose plan waits for pip (installed by an earlier step)."""
        return step.command.is_pip and step.plan is None

    def run(self, on_line: LineHandler | None = None, cancel: threading.Event | None = None,
            before_step: Callable[[int, FixStep], bool] | None = None) -> bool:
        """Run each step in order; stops at the first that fails (state FAILED). A deferred step is planned
        when it is reached and runs only if ``before_step(index, planned step)`` agrees (and the plan can run)."""
        self._expect(State.BACKED_UP)
        for index in range(len(self.steps)):
            ready = self.prepare_step(index, before_step)
            if ready is None:
                return False
            step, pip_version = ready
            if not self.record(index, run_streaming(prepare_pip_argv(step.command, pip_version), on_line, cancel=cancel)):
                return False
        self.state = State.RAN  # also when there was nothing to run
        return True

    # The two halves of one step, for a caller that runs the command itself (the wizard's QProcess adapter).
    def prepare_step(self, index: int, before_step: Callable[[int, FixStep], bool] | None = None
                     ) -> tuple[FixStep, str] | None:
        """Step ``index`` as it runs now, with the pip version to run it with (ensurepip may just have installed
        pip). A deferred step is planned here; None (state FAILED) when that plan cannot run or ``before_step``
        declines it."""
        self._expect(State.BACKED_UP)
        step = self.steps[index]
        identity = probe_identity(self.python)
        if self.deferred(step):
            step = dataclasses.replace(step, plan=self.planner(step.command.argv, identity, env_kind=self.env_kind))
            self.steps[index] = step
            assert step.plan is not None
            if step.plan.problem or not step.plan.enough_disk or (before_step and not before_step(index, step)):
                self.state = State.FAILED
                return None
        return step, identity.pip_version

    def decline(self, index: int) -> None:
        """The person read step ``index``'s plan (made only when it was reached) and chose not to run it: the
        session ends there (FAILED); what the earlier steps changed stays until they undo it."""
        self._expect(State.BACKED_UP)
        assert 0 <= index < len(self.steps)
        self.state = State.FAILED

    def record(self, index: int, result: RunResult) -> bool:
        """What step ``index`` did: a failure ends the run (FAILED), the last step's success makes it RAN."""
        self._expect(State.BACKED_UP)
        self.runs.append(result)
        if not result.ok:
            self.state = State.FAILED
            return False
        if index == len(self.steps) - 1:
            self.state = State.RAN
        return True

    def check_again(self) -> Verification:
        self._expect(State.RAN)
        self.verification = self.verify(self.python, self.snapshot, self.diagnosis, self.goal)
        self.state = State.VERIFIED
        return self.verification

    def changed_since_backup(self) -> bool:
        if self.backup_path is None:
            return False
        try:
            return backup.freeze(self.python) != backup.load_backup(self.backup_path)["freeze"]
        except backup.BackupError:
            return True

    def restore(self, on_line: LineHandler | None = None) -> backup.RestoreResult:
        if self.backup_path is None:
            raise ActionRefused("refused.nothing_saved")
        result = backup.restore_state(self.python, self.backup_path, on_line=on_line)
        self.state = State.RESTORED
        return result

    def _expect(self, state: State) -> None:
        if self.state is not state:
            raise ActionRefused("refused.wrong_step", current=self.state.value, expected=state.value)
