"""``torch-setup-wizard check``: diagnose this machine for one interpreter, doctor style or as JSON."""

from __future__ import annotations

import argparse
import os
import socket
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from wizard.atomic_write import write_text_atomic
from wizard.cli import EXIT_FINDINGS, EXIT_OK, UsageError
from wizard.findings import Diagnosis, Finding, Recommendation, Severity, Step
from wizard.i18n import after_label, localized_diagnosis, text
from wizard.safe_text import terminal_safe
from wizard.shell_text import command_text as display_command
from wizard.snapshot import Snapshot
from wizard.verdict import Verdict, VerdictKind, verdict_for, with_root_cause
from wizard.words import SEVERITY_WORDS, STEP_TITLES  # one definition each, in the user's language

# (unicode mark, ascii mark, ANSI colour); the word is SEVERITY_WORDS[severity]
STATUS = {
    Severity.OK: ("✓", "ok", "32"),
    Severity.ERROR: ("✗", "x", "31"),
    Severity.WARNING: ("!", "!", "33"),
    Severity.INFO: ("i", "i", "36"),
}


PROBE_HEAD_START_S = 1.0  # at most this long the main thread waits for the first probe to start


def warm_engine() -> None:
    """Import the checks and the recommendation ahead of need (run while the probes work)."""
    import wizard.checks.registry  # noqa: F401
    import wizard.recommend  # noqa: F401


def run(args: argparse.Namespace) -> int:
    from wizard.checkup import default_timeout
    from wizard.commands.common import collect_for_args, goal_for_args
    from wizard.commands.waiting import WaitNotice
    from wizard.engine import diagnose
    from wizard.knowledge import load_knowledge

    goal = goal_for_args(args)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="check") as pool, \
            WaitNotice(getattr(args, "timeout", None) or default_timeout()) as notice:
        probes_started = threading.Event()

        def progress(stage: str) -> None:
            probes_started.set()
            notice(stage)

        collecting = pool.submit(collect_for_args, args, goal, progress)  # the probes start now …
        # … first, without the imports below competing for the interpreter lock; then the knowledge base and the
        # engine load while torch is being imported
        probes_started.wait(PROBE_HEAD_START_S)
        try:
            knowledge = load_knowledge()
            warm_engine()
        except (ValueError, OSError) as exc:
            collecting.cancel()
            raise UsageError(text("command.knowledge_damaged", error=exc)) from None
        snapshot = collecting.result()
    diagnosis = diagnose(snapshot, knowledge, goal)
    verdict = verdict_for(snapshot, diagnosis, goal)
    if getattr(args, "output", None):
        write_report(snapshot, diagnosis, Path(args.output))
    if args.json:
        from wizard.report.json_report import report_json

        print(report_json(snapshot, diagnosis, verdict_fields(verdict)))
    else:
        color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        print(render_text(snapshot, diagnosis, color=color, unicode=can_encode(sys.stdout, "✓✗"), verdict=verdict))
    return verdict.kind.exit_code


def exit_code(diagnosis: Diagnosis) -> int:
    """The exit status without a snapshot: 1 with errors, else 0 (``run`` uses the verdict's status)."""
    return EXIT_FINDINGS if diagnosis.errors else EXIT_OK


def verdict_fields(verdict: Verdict) -> dict[str, object]:
    """The report JSON's verdict fields: ``verdict`` (ready | not_ready | cannot_tell) and its sentences."""
    return {"verdict": verdict.kind.report_value, "verdict_detail": verdict.to_data()}


def write_report(snapshot: Snapshot, diagnosis: Diagnosis, target: Path) -> Path:
    """Write the JSON report to ``target`` (a folder: <hostname>.json in it). Raises UsageError on failure."""
    from wizard.report.json_report import report_json

    if target.is_dir():
        host = snapshot.host.get()
        name = (host.hostname if host and host.hostname else socket.gethostname()) or "report"
        target = target / f"{_safe_name(name)}.json"
    try:
        write_text_atomic(target, report_json(snapshot, diagnosis) + "\n")
    except OSError as exc:
        raise UsageError(text("command.cannot_write_report", path=target, error=exc.strerror or exc)) from None
    return target


def _safe_name(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in name) or "report"


def can_encode(stream: object, text: str) -> bool:
    encoding = getattr(stream, "encoding", None) or "ascii"
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def render_text(
    snapshot: Snapshot, diagnosis: Diagnosis, color: bool, unicode: bool = True, verdict: Verdict | None = None
) -> str:
    """The doctor-style report: findings grouped by step, the recommended command, a one-line verdict."""
    diagnosis = localized_diagnosis(diagnosis)
    snapshot, diagnosis = terminal_safe(snapshot), terminal_safe(diagnosis)  # outside text: no escapes, no secrets
    verdict = terminal_safe(verdict) if verdict is not None else None
    from wizard.actions.environment_fix import fix_commands

    promised = fix_commands(diagnosis) if snapshot.source != "text" else frozenset()  # fix acts on this machine only
    lines = [_header(snapshot), ""]
    for step in Step:
        findings = diagnosis.for_step(step)
        if not findings:
            continue
        lines.append(_paint(STEP_TITLES[step], "1", color))
        for item in findings:
            lines.extend(_finding_lines(item, color, unicode, _evidence_label(snapshot), _target_os(snapshot), promised))
        lines.append("")
    lines.extend(_recommendation_lines(snapshot, diagnosis.recommendation, color))
    if verdict is not None:
        verdict = with_root_cause(verdict, diagnosis)  # the root cause's title in the reader's language
    lines.extend(verdict_lines(verdict, color) if verdict is not None else [_verdict(diagnosis, color)])
    return "\n".join(lines)


def verdict_lines(verdict: Verdict, color: bool) -> list[str]:
    """"Verdict: <headline>", then for cannot_tell the question and the command that settles it."""
    colour = {VerdictKind.READY: "32", VerdictKind.NOT_READY: "31"}.get(verdict.kind, "33")
    label = text("report.verdict_label")
    lines = [_paint(f"{label}{after_label(label)}{verdict.headline}", colour, color)]
    if verdict.question:
        lines.append(f"  {verdict.question}")
    if verdict.command:
        lines.append(f"      {verdict.command}")
    return lines


def _header(snapshot: Snapshot) -> str:
    python = snapshot.python.get()
    if python is None:
        return text("cli.header_no_python")
    if not python.executable:
        return text("cli.header_version_only", version=python.version)
    return text("cli.header", target=f"{python.executable} (Python {python.version})")


def _evidence_label(snapshot: Snapshot) -> str:
    """Evidence quotes pasted text in `diagnose`, and a test's output (a course smoke test) in `check`."""
    return text("cli.evidence_text") if snapshot.source == "text" else text("cli.evidence_output")


def _finding_lines(
    item: Finding, color: bool, unicode: bool, evidence_label: str = "", os_name: str = "linux",
    promised: frozenset[tuple[str, ...]] = frozenset(),
) -> list[str]:
    mark, ascii_mark, colour = STATUS[item.severity]
    evidence_label = evidence_label or text("cli.evidence_text")
    label = f"[{mark if unicode else ascii_mark}] {SEVERITY_WORDS[item.severity]}"
    lines = [f"  {_paint(label, colour, color)}  {item.title}"]
    if item.severity is not Severity.OK:
        lines.extend(_wrap(item.explanation, "      "))
        if item.caused_by:
            lines.append("      " + text("cli.consequence", code=item.caused_by))
        for excerpt in item.evidence:
            if excerpt.strip():  # a report from elsewhere may hold blank excerpts: show nothing for them
                lines.append(f"      {evidence_label}: {excerpt.strip().splitlines()[0][:200]}")
        lines.extend(_action_lines(item, os_name, promised))
    return lines


def _action_lines(item: Finding, os_name: str, promised: frozenset[tuple[str, ...]] = frozenset()) -> list[str]:
    """Every action as text: links to open, commands to copy, and the commands to run; "`fix` runs it for you"
    only for those a plain `fix` really runs (``promised``: wizard.actions.environment_fix.fix_commands)."""
    lines = []
    run_commands = {display_command(a.argv, os_name) for a in item.actions if a.argv}
    for action in item.actions:
        if action.kind.value == "copy" and action.text.strip() in run_commands:
            continue  # the same command is printed once, with its run label
        if action.kind.value == "open_url":
            lines.append(f"      -> {action.label}: {action.url}")
        elif action.kind.value == "copy":
            lines.append(f"      {action.label}:")
            lines.extend(f"        {line}" for line in action.text.strip().splitlines())
        elif action.argv:
            promise = tuple(action.argv) in promised
            lines.append("      " + (text("cli.fix_runs_it", label=action.label) if promise else f"{action.label}:"))
            lines.append(f"        {display_command(action.argv, os_name)}")
    return lines


def _wrap(text: str, indent: str, width: int = 100) -> list[str]:
    import textwrap

    if any(_is_wide(c) for c in text):
        return _wrap_wide(text, indent, width)
    return textwrap.wrap(text, width=width, initial_indent=indent, subsequent_indent=indent) or [indent]


NO_LINE_START = frozenset("，。、；：！？）」』】〉》")  # CJK punctuation stays on the line it ends


def _is_wide(char: str) -> bool:
    import unicodedata

    return unicodedata.east_asian_width(char) in ("W", "F")


def _wrap_wide(text: str, indent: str, width: int) -> list[str]:
    """Wrap by terminal columns (a CJK character takes two); a line may break between any two CJK characters,
    and inside Latin runs only at spaces, as textwrap does."""
    lines, line, used = [], indent, len(indent)
    for token in _tokens(text):
        size = sum(2 if _is_wide(c) else 1 for c in token)
        if token.isspace():
            if used > len(indent):
                line, used = line + " ", used + 1
            continue
        if used + size > width and used > len(indent) and token not in NO_LINE_START:
            lines.append(line.rstrip())
            line, used = indent, len(indent)
        line, used = line + token, used + size
    lines.append(line.rstrip())
    return [entry for entry in lines if entry.strip()] or [indent]


def _tokens(text: str) -> list[str]:
    """Spaces; single Chinese/Japanese characters (a line may break after any); runs of anything else,
    Korean words included (Korean breaks at spaces)."""
    tokens: list[str] = []
    for char in text:
        previous = tokens[-1][-1] if tokens else ""
        joins = bool(previous) and (previous.isspace() == char.isspace()) and not _breaks_anywhere(char) and (
            not _breaks_anywhere(previous))
        if joins:
            tokens[-1] += char
        else:
            tokens.append(char)
    return tokens


def _breaks_anywhere(char: str) -> bool:
    return _is_wide(char) and not ("\uac00" <= char <= "\ud7a3" or "\u1100" <= char <= "\u11ff")


def _recommendation_lines(snapshot: Snapshot, rec: Recommendation, color: bool) -> list[str]:
    if rec.kind == "none":
        return [_paint(text("cli.recommendation"), "1", color), *_wrap(rec.why or text("cli.nothing_to_change"), "  "), ""]
    os_name = _target_os(snapshot)
    lines = [_paint(text("cli.recommendation"), "1", color)]
    if rec.why:
        lines.extend(_wrap(rec.why, "  "))
    commands = rec.steps if rec.kind == "new_venv" and rec.steps else ((rec.argv,) if rec.argv else ())
    for argv in commands:
        lines.append("    " + _paint(display_command(argv, os_name), "1", color))
    if rec.kind == "python" and rec.url:
        lines.append(f"  -> {rec.url}")
    lines.append("")
    return lines


def _target_os(snapshot: Snapshot) -> str:
    host = snapshot.host.get()
    if host and host.os:
        return host.os
    python = snapshot.python.get()
    return python.os if python else ("windows" if os.name == "nt" else "linux")


def _verdict(diagnosis: Diagnosis, color: bool) -> str:
    errors = diagnosis.errors
    warnings = [f for f in diagnosis.findings if f.severity is Severity.WARNING]
    if errors:
        key = {1: "verdict.cli_not_ready", 2: "verdict.cli_not_ready_one_more"}.get(len(errors), "verdict.cli_not_ready_more")
        return _paint(text(key, title=errors[0].title, count=len(errors) - 1), "31", color)
    if warnings:
        return _paint(text("verdict.cli_warnings", count=len(warnings)), "33", color)
    return _paint(text("verdict.cli_ready"), "32", color)


def _paint(text: str, code: str, color: bool) -> str:
    return f"\033[{code}m{text}\033[0m" if color else text
