"""``torch-setup-wizard fix``: show the plan, ask, save the state, run pip with a progress bar, re-check.

On failure or Ctrl+C the previous state is offered back (restored at once with ``--yes``);
``--undo`` restores the latest backup. A ``new_venv`` recommendation builds a fresh environment
and leaves the old one alone.
"""

from __future__ import annotations

import argparse
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from wizard.actions import backup, fresh_env
from wizard.actions.pip_output import index_host, network_advice
from wizard.actions.plan import make_plan, render_plan
from wizard.actions.policy import ActionRefused, ApprovedCommand, approve
from wizard.actions.progress import ProgressTracker, text_bar
from wizard.actions.runner import (
    RunResult,
    check_same_interpreter,
    prepare_pip_argv,
    probe_identity,
    run_streaming,
)
from wizard.actions.session import FixSession, FixStep, instruction_findings, runnable_findings
from wizard.actions.verify import Verification, verify_fix
from wizard.cli import EXIT_FINDINGS, EXIT_OK, UsageError
from wizard.findings import Diagnosis, Goal, Recommendation, Severity
from wizard.i18n import text
from wizard.remedy_texts import remedy_text
from wizard.safe_text import print_for_terminal
from wizard.shell_text import command_text, local_os_name
from wizard.snapshot import Snapshot

Ask = Callable[[str], str]
Say = Callable[[str], None]


@dataclass
class Console:
    """How the command talks: print lines, ask yes/no questions, draw a progress bar."""

    say: Say = print_for_terminal  # commands may carry a mirror's credentials; pip's lines, escapes
    ask: Ask = input
    live_bar: bool = field(default_factory=lambda: sys.stdout.isatty())

    def confirm(self, question: str, assume_yes: bool) -> bool:
        if assume_yes:
            return True
        try:
            answer = self.ask(f"{question} [y/N] ")
        except EOFError:
            self.say(text("command.fix.no_input"))
            return False
        return answer.strip().lower() in ("y", "yes")


def run(args: argparse.Namespace) -> int:
    from wizard.commands.common import collect_for_args, goal_for_args, target_python
    from wizard.engine import diagnose

    python = target_python(args)
    console = Console()
    if args.undo:
        return undo(python, console, assume_yes=args.yes)
    goal = goal_for_args(args)
    snapshot = collect_for_args(args, goal)
    diagnosis = diagnose(snapshot, goal=goal)
    folder = Path(args.env_folder) if getattr(args, "env_folder", None) else None
    code = (getattr(args, "code", "") or "").strip().upper()
    try:
        from wizard.actions.environment_fix import conda_first

        conda_command = conda_first(diagnosis)
        if conda_command and not getattr(args, "register_kernel", False):
            console.say(_text("fix.conda_first", command=conda_command))
            return EXIT_FINDINGS
        way = environment_way(python, diagnosis, getattr(args, "register_kernel", False))
        if way is not None:
            return apply_way(way, python, snapshot, diagnosis, goal, console, dry_run=args.dry_run, assume_yes=args.yes)
        if getattr(args, "register_kernel", False):
            console.say(_text("fix.no_register"))
            return EXIT_FINDINGS
        by_hand = instruction_findings(diagnosis)
        for item in by_hand:
            console.say(remedy_text("fix.by_hand", title=item.title, code=item.code))
            console.say(_indent(item.remedy.instructions if item.remedy else ""))
        if any(f.severity is Severity.ERROR for f in by_hand) and not code:
            console.say(remedy_text("fix.by_hand_first"))  # the cause is one no command fixes: changing packages would not help
            return EXIT_FINDINGS
        if runnable_findings(diagnosis, code):
            session = FixSession(python, snapshot, diagnosis, goal, code=code)
            return apply_remedies(session, console, dry_run=args.dry_run, assume_yes=args.yes)
        if code:
            known = ", ".join(f.code for f in runnable_findings(diagnosis)) or remedy_text("fix.none")
            console.say(remedy_text("fix.no_remedy_for_code", code=code, known=known))
            return EXIT_FINDINGS
        return apply_recommendation(
            python, snapshot, diagnosis, goal, console, dry_run=args.dry_run, assume_yes=args.yes, env_folder=folder
        )
    except (ActionRefused, backup.BackupError) as exc:
        raise UsageError(str(exc)) from None


def environment_way(python: str, diagnosis: Diagnosis, register_kernel: bool):  # -> environment_fix.Way | None
    """The environment's own fix (issue #16): register a notebook kernel when asked, the uv way in uv environments."""
    from wizard.actions import environment_fix

    if register_kernel:
        return environment_fix.register_way(diagnosis)
    return environment_fix.uv_way(diagnosis, python)


def _text(key: str, **fields: object) -> str:
    from wizard.checks.environments import label

    return label(key, **fields)


def apply_way(
    way, python: str, snapshot: Snapshot, diagnosis: Diagnosis, goal: Goal, console: Console, *,  # noqa: ANN001
    dry_run: bool, assume_yes: bool, verify: Callable[[str, Snapshot, Diagnosis, Goal], Verification] = verify_fix,
) -> int:
    """Show the steps, ask, run them (each validated), then check the result the way it matters."""
    from wizard.actions import environment_fix

    plan = "fix.register_plan" if way.code == "register" else "fix.uv_plan"
    console.say(_text(plan, python=way.changes, name=environment_fix.kernel_name(way)))
    console.say(environment_fix.steps_text(way.steps))
    console.say(remedy_text("fix.way_saved_first"))
    if dry_run:
        return EXIT_OK
    if not console.confirm(text("command.fix.proceed"), assume_yes):
        console.say(text("command.fix.nothing_changed"))
        return EXIT_FINDINGS
    steps = [arg for argv in way.steps for arg in argv]
    saved = environment_fix.save_before(way, sources=backup.restore_sources(steps, snapshot, goal.torch_index))
    console.say(remedy_text("fix.saved", path=str(saved), undo=undo_hint(way.changes)))
    result = environment_fix.run_way(way, console.say)
    if result is not None and not result.ok:
        console.say(_text("fix.failed", error=result.error_summary))
        return EXIT_FINDINGS
    if way.code == "register":
        return _kernel_after(environment_fix.kernel_name(way), console)
    console.say(text("command.fix.checking_again"))
    verification = verify(python, snapshot, diagnosis, goal)
    console.say(text("command.fix.before_after", change=verification.before_after))
    console.say(verification.sentence)
    return EXIT_OK if verification.problem_gone else EXIT_FINDINGS


def _kernel_after(name: str, console: Console) -> int:
    """Read the kernel again and ask its Python about torch: the proof that the notebook will find it."""
    from wizard.facts.places import ask, kernel_by_name
    from wizard.places_text import torch_words

    python, _names, _how = kernel_by_name(name)
    if not python:
        console.say(_text("fix.kernel_missing_after", name=name))
        return EXIT_FINDINGS
    answer = ask(python)
    console.say(_text("fix.kernel_after", name=name, python=python, torch=torch_words(answer)))
    return EXIT_OK if answer.torch_version else EXIT_FINDINGS


def undo(python: str, console: Console, *, assume_yes: bool = False) -> int:
    """Show what the restore will do (every command approved by the same policy as a fix), ask, restore."""
    latest = backup.latest_backup(python)
    if latest is None:
        console.say(text("command.fix.nothing_to_undo", python=python))
        return EXIT_FINDINGS
    try:
        plan = backup.plan_restore(python, latest)
    except (ActionRefused, backup.BackupError) as exc:
        raise UsageError(remedy_text("fix.undo_refused", path=str(latest), why=str(exc))) from None
    way_state = backup.has_way_state(latest)  # a uv or kernel-registration fix: uv's packages and files too
    console.say(text("command.fix.saved_state", path=latest))
    console.say(plan.render() if not way_state else backup.way_restore_text(python, latest))
    if not plan.commands and not way_state:
        return EXIT_OK
    if not console.confirm(text("command.fix.restore_it"), assume_yes):
        console.say(text("command.fix.nothing_changed"))
        return EXIT_FINDINGS
    try:
        restore = backup.restore_way_state if way_state else backup.restore_state
        result = restore(python, latest, on_line=_pip_line_printer(console))
    except (ActionRefused, backup.BackupError) as exc:
        raise UsageError(str(exc)) from None
    console.say(result.summary)
    return EXIT_OK if result.identical else EXIT_FINDINGS


def _indent(text: str) -> str:
    return "\n".join("  " + line for line in text.splitlines())


def apply_remedies(
    session: FixSession, console: Console, *, dry_run: bool = False, assume_yes: bool = False
) -> int:
    """Every runnable remedy of the diagnosis (or the one of ``--code``), in causal order, as one session:
    plan (every step shown) → confirm → backup → run each step → verify → restore on failure."""
    console.say(remedy_text("fix.planning"))
    steps = session.plan()
    for number, step in enumerate(steps, 1):
        console.say(remedy_text("fix.step", number=number, count=len(steps), title=step.title, code=step.code))
        if step.note:
            console.say(_indent(step.note))
        if step.plan is not None:
            console.say(_indent(render_plan(step.plan)))
        else:
            console.say(_indent(command_text(step.command.argv, local_os_name())))
            if session.deferred(step):
                console.say(_indent(remedy_text("fix.deferred")))
    if session.blocked:
        console.say(remedy_text("fix.blocked", why=session.blocked))
        return EXIT_FINDINGS
    if dry_run:
        return EXIT_OK
    if not console.confirm(remedy_text("fix.confirm", count=len(steps)), assume_yes):
        console.say(remedy_text("fix.nothing_changed"))
        return EXIT_FINDINGS
    saved = session.save()
    console.say(remedy_text("fix.saved", path=str(saved), undo=undo_hint(session.python)))
    def before_step(index: int, step: FixStep) -> bool:
        assert step.plan is not None
        console.say(remedy_text("fix.step", number=index + 1, count=len(steps), title=step.title, code=step.code))
        console.say(_indent(render_plan(step.plan)))
        return not step.plan.problem and console.confirm(remedy_text("fix.confirm_step", number=index + 1), assume_yes)

    if not session.run(on_line=_pip_line_printer(console), before_step=before_step):
        if not session.runs or session.runs[-1].ok:  # stopped before a deferred step: nothing of it ran
            console.say(remedy_text("fix.stopped_before", undo=undo_hint(session.python)))
            return EXIT_FINDINGS
        return _after_failure(session.python, saved, session.runs[-1], console, assume_yes)
    console.say(remedy_text("fix.checking"))
    verification = session.check_again()
    console.say(text("command.fix.before_after", change=verification.before_after))
    console.say(verification.sentence)
    after = verification.after
    if not verification.problem_gone and after is not None and after.recommendation.kind in ("install", "new_venv"):
        console.say(remedy_text("fix.next", command=_fix_again_hint(session.python)))
    return EXIT_OK if verification.problem_gone else EXIT_FINDINGS


def _fix_again_hint(python: str) -> str:
    return command_text(["torch-setup-wizard", "fix", "--python", python], local_os_name())


def apply_recommendation(
    python: str,
    snapshot: Snapshot,
    diagnosis: Diagnosis,
    goal: Goal,
    console: Console,
    *,
    dry_run: bool = False,
    assume_yes: bool = False,
    env_folder: Path | None = None,
    verify: Callable[[str, Snapshot, Diagnosis, Goal], Verification] = verify_fix,
) -> int:
    """The whole fix for one recommendation; returns the exit code."""
    rec = diagnosis.recommendation
    if rec.kind == "none" or (rec.kind == "install" and not rec.argv):
        console.say(text("command.fix.nothing_to_fix", why=rec.why) if rec.why else text("command.fix.nothing_found"))
        return EXIT_OK
    if rec.kind == "python":
        console.say(text("command.fix.python_first", why=rec.why, url=rec.url))
        return EXIT_FINDINGS
    if rec.kind == "new_venv":
        return _fresh_environment(python, rec, console, dry_run=dry_run, assume_yes=assume_yes, folder=env_folder)
    identity = probe_identity(python)
    check_same_interpreter(identity, snapshot)
    command = approve(rec.argv, python)
    argv = command.argv
    env_kind = snapshot.python.get().env_kind if snapshot.python.ok else ""
    console.say(text("command.fix.planning"))
    plan = make_plan(argv, identity, env_kind=env_kind)
    console.say(text("command.fix.why", why=rec.why) if rec.why else "")
    console.say(render_plan(plan))
    if plan.problem or not plan.enough_disk:
        console.say(text("command.fix.nothing_changed"))
        return EXIT_FINDINGS
    if dry_run:
        return EXIT_OK
    if plan.pip_too_old:
        if not console.confirm(text("command.fix.upgrade_pip_first"), assume_yes):
            console.say(text("command.fix.nothing_changed"))
            return EXIT_FINDINGS
        if not _run_pip(approve(plan.pip_upgrade_argv, python), identity.pip_version, console, 0).ok:
            console.say(text("command.fix.pip_upgrade_failed"))
            return EXIT_FINDINGS
        identity = probe_identity(python)
    elif not console.confirm(text("command.fix.proceed"), assume_yes):
        console.say(text("command.fix.nothing_changed"))
        return EXIT_FINDINGS
    saved = backup.save_state(python, sources=backup.restore_sources(argv, snapshot, goal.torch_index))
    console.say(text("command.fix.saved", path=saved, undo=undo_hint(python)))
    result = _run_pip(command, identity.pip_version, console, plan.download_bytes)
    if not result.ok:
        return _after_failure(python, saved, result, console, assume_yes)
    console.say(text("command.fix.pip_finished"))
    verification = verify(python, snapshot, diagnosis, goal)
    console.say(text("command.fix.before_after", change=verification.before_after))
    console.say(verification.sentence)
    return EXIT_OK if verification.problem_gone else EXIT_FINDINGS


def undo_hint(python: str) -> str:
    """The undo command, quoted for the user's shell (a path with spaces or quotes stays one argument)."""
    return command_text(["torch-setup-wizard", "fix", "--undo", "--python", python], local_os_name())


def _run_pip(command: ApprovedCommand, pip_version: str, console: Console, planned_bytes: int) -> RunResult:
    tracker = ProgressTracker(planned_bytes)
    full = prepare_pip_argv(command, pip_version)
    console.say("$ " + command_text(full.argv, local_os_name()))
    last_stage = [""]

    def on_line(line: str) -> None:
        state = tracker.feed(line)
        if console.live_bar:
            sys.stdout.write("\r" + text_bar(state)[:119].ljust(119))
            sys.stdout.flush()
        elif state.stage != last_stage[0]:
            console.say(text_bar(state))
        last_stage[0] = state.stage
        if line.lstrip().startswith("ERROR:"):
            console.say(line.strip())

    cancel = threading.Event()
    try:
        result = run_streaming(full, on_line, cancel=cancel)
    except KeyboardInterrupt:
        result = RunResult(full.argv, None, cancelled=True)
    if console.live_bar:
        sys.stdout.write("\n")
    return result


def _after_failure(python: str, saved: Path, result: RunResult, console: Console, assume_yes: bool) -> int:
    before = backup.load_backup(saved)["freeze"]
    try:
        changed = backup.freeze(python) != before
    except backup.BackupError:
        changed = True
    what = text("command.fix.you_stopped") if result.cancelled else text("command.fix.pip_failed", error=result.error_summary)
    advice = "" if result.cancelled else network_advice("\n".join(result.output_tail), index_host(result.argv))
    what += f"\n{advice}" if advice else ""
    state = (
        text("command.fix.partly_changed") if changed else text("command.fix.unchanged")
    )
    console.say(f"{what}\n{state}")
    if not changed:
        return EXIT_FINDINGS
    if assume_yes:
        console.say(text("command.fix.restoring_yes"))
    elif not console.confirm(text("command.fix.restore_previous"), False):
        console.say(text("command.fix.left_as_is", undo=undo_hint(python)))
        return EXIT_FINDINGS
    restored = backup.restore_state(python, saved, on_line=_pip_line_printer(console))
    console.say(restored.summary)
    return EXIT_FINDINGS


def _pip_line_printer(console: Console) -> Callable[[str], None]:
    def on_line(line: str) -> None:
        if line.startswith("$ ") or line.lstrip().startswith(("ERROR:", "Successfully")):
            console.say(line.strip())

    return on_line


def _fresh_environment(
    python: str, rec: Recommendation, console: Console, *, dry_run: bool, assume_yes: bool, folder: Path | None
) -> int:
    folder = Path(folder or fresh_env.default_env_folder()).expanduser().absolute()
    fresh_env.check_target_folder(folder)
    base = probe_identity(python).base_executable
    steps = fresh_env.fresh_env_steps(base, folder, fresh_env.install_args(rec))
    console.say(text("command.fix.why", why=rec.why) if rec.why else "")
    console.say(text("command.fix.new_env", folder=folder))
    console.say("\n".join("  " + command_text(step, local_os_name()) for step in steps))
    console.say(text("command.fix.not_changed", python=python))
    if dry_run:
        return EXIT_OK
    if not console.confirm(text("command.fix.proceed"), assume_yes):
        console.say(text("command.fix.nothing_changed"))
        return EXIT_FINDINGS
    tracker = ProgressTracker()
    stages: list[str] = [""]

    def on_line(line: str) -> None:
        state = tracker.feed(line)
        if line.startswith("$ ") or line.lstrip().startswith("ERROR:"):
            console.say(line)
        elif state.stage != stages[0]:
            console.say(text_bar(state))
            stages[0] = state.stage

    result = fresh_env.create_fresh_env(python, rec, folder, on_line=on_line)
    if not result.ok:
        failed = result.runs[-1] if result.runs else None
        console.say(text("command.fix.new_env_failed",
                         error=failed.error_summary if failed else text("command.fix.unknown_reason")))
        console.say(text("command.fix.half_made", folder=folder))
        return EXIT_FINDINGS
    console.say(text("command.fix.checking_new"))
    verified = fresh_env.verify_fresh_env(result)
    console.say(verified.sentence)
    console.say(fresh_env.usage_text(folder))
    return EXIT_OK if verified.works else EXIT_FINDINGS
