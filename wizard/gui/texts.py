"""Plain-language texts the wizard shows, computed from a Snapshot and a Diagnosis.

Pure functions without Qt, so they are easy to test and read.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from wizard import words
from wizard.findings import Action, ActionKind, Diagnosis, Finding, Goal, Message, Recommendation, Severity, Step
from wizard.i18n import message, text
from wizard.shell_text import command_text
from wizard.snapshot import Snapshot

# One definition each, in the user's language (wizard.words, resources/texts/words.json).
STEP_TITLES, STEP_SUBTITLES, STEP_CHECKING, SEVERITY_WORDS = (
    words.STEP_TITLES, words.STEP_SUBTITLES, words.STEP_CHECKING, words.SEVERITY_WORDS,
)

COLLECTION_FAILED = "COLLECTION_FAILED"
NVIDIA_VENDOR_ID = 0x10DE


def format_command(argv: Sequence[str], windows: bool | None = None) -> str:
    """One line a user can paste into their terminal (cmd.exe quoting on Windows, POSIX elsewhere)."""
    if windows is None:
        windows = sys.platform == "win32"
    return command_text(argv, "windows" if windows else "linux")


def has_nvidia_gpu(snapshot: Snapshot) -> bool:
    """True when the PCI scan or NVML saw an NVIDIA GPU."""
    nvml = snapshot.gpu.nvml.get()
    if nvml is not None and nvml.gpus:
        return True
    devices = snapshot.gpu.pci.get(()) or ()
    return any(d.vendor == "nvidia" or d.vendor_id == NVIDIA_VENDOR_ID for d in devices)


def _gpus_unknown(snapshot: Snapshot) -> bool:
    """Neither NVML nor a PCI scan answered (pasted text that names no GPU, a scan that failed)."""
    return snapshot.gpu.nvml.get() is None and snapshot.gpu.pci.get() is None


def gpu_name(snapshot: Snapshot) -> str:
    """The name of the first NVIDIA GPU, best source first: what torch saw, NVML, the PCI table."""
    runtime = snapshot.torch.get()
    if runtime is not None and runtime.devices:
        return runtime.devices[0].name
    nvml = snapshot.gpu.nvml.get()
    if nvml is not None and nvml.gpus:
        return nvml.gpus[0].name
    for device in snapshot.gpu.pci.get(()) or ():
        if (device.vendor == "nvidia" or device.vendor_id == NVIDIA_VENDOR_ID) and device.name:
            return device.name
    return "NVIDIA GPU"


def not_applicable_reason(step: Step, snapshot: Snapshot | None, goal: Goal) -> str:
    """One line saying why a step does not matter here, or "" when it does."""
    if snapshot is None or step in (Step.DRIVER, Step.PYTHON, Step.WHEEL):
        return ""
    if not has_nvidia_gpu(snapshot):
        if _gpus_unknown(snapshot):
            return ""  # (nothing said which GPUs there are, as in most pasted texts: "none was found" would be untrue)
        return text("step.not_needed.cudnn_no_gpu" if step is Step.CUDNN else "step.not_needed.toolkit_no_gpu")
    if goal.want == "cpu":
        return text("step.not_needed.cudnn_cpu" if step is Step.CUDNN else "step.not_needed.toolkit_cpu")
    return ""


def empty_step_note(step: Step, diagnosis: Diagnosis) -> str:
    """What a step page without findings says: blocked by an earlier problem, or nothing to report."""
    for finding in diagnosis.errors:
        if finding.step.order < step.order and finding.code != COLLECTION_FAILED:
            return text("step.blocked", step=STEP_TITLES[finding.step])
    return text("step.nothing")


def text_verdict(snapshot: Snapshot, diagnosis: Diagnosis, goal: Goal) -> str:
    """Pasted text: ready / not ready / cannot tell, and for "cannot tell" the one thing to paste (wizard.verdict)."""
    from wizard.verdict import verdict_for

    result = verdict_for(snapshot, diagnosis, goal)
    return "\n".join(part for part in (result.headline, result.question, result.command) if part)


def findings_for_step(diagnosis: Diagnosis, step: Step) -> tuple[Finding, ...]:
    """The step's findings, plus any collection failure (which concerns every step)."""
    return tuple(f for f in diagnosis.findings if f.step is step or f.code == COLLECTION_FAILED)


def verdict(snapshot: Snapshot | None, diagnosis: Diagnosis, goal: Goal) -> str:
    """The summary in one sentence (for a report or pasted text: what was found, not what to press)."""
    if snapshot is not None and snapshot.source == "text":
        return text_verdict(snapshot, diagnosis, goal)
    errors = diagnosis.errors
    if any(f.code == COLLECTION_FAILED for f in errors):
        return text("verdict.check_failed")
    live = snapshot is None or snapshot.source == "live"
    if errors:
        if len(errors) == 1:
            return text("verdict.one_problem_live" if live else "verdict.one_problem")
        return text("verdict.problems_live" if live else "verdict.problems", count=len(errors))
    warnings = [f for f in diagnosis.findings if f.severity is Severity.WARNING]
    runtime = snapshot.torch.get() if snapshot is not None else None
    if runtime is not None and runtime.cuda_available and runtime.device_count > 0:
        sentence = text("verdict.gpu_usable", gpu=gpu_name(snapshot))
    elif runtime is not None and snapshot is not None and not has_nvidia_gpu(snapshot):
        sentence = text("verdict.cpu_no_gpu")
    elif runtime is not None and goal.want == "cpu":
        sentence = text("verdict.cpu_as_asked")
    elif runtime is not None:
        sentence = text("verdict.cpu_only")
    else:
        sentence = text("verdict.no_problems")
    return words.with_warnings(sentence, len(warnings))


def recommendation_command(recommendation: Recommendation) -> str:
    """The recommended command(s) as text to copy; "" when there is nothing to run."""
    if recommendation.kind == "none":
        return ""
    if recommendation.steps:
        return "\n".join(format_command(step) for step in recommendation.steps)
    if recommendation.argv:
        return format_command(recommendation.argv)
    return recommendation.url


def action_line(action: Action) -> str:
    if action.kind is ActionKind.RUN:
        return "    " + text("plain.run", command=format_command(action.argv))
    if action.kind is ActionKind.OPEN_URL:
        return "    " + text("plain.see", url=action.url)
    return f"    {action.label}: {action.text}"


def plain_text_report(snapshot: Snapshot | None, diagnosis: Diagnosis, goal: Goal) -> str:
    """A plain-text report for a helpdesk chat: verdict, machine, findings root cause first, the fix."""
    lines = [text("plain.title", verdict=verdict(snapshot, diagnosis, goal))]
    lines += machine_lines(snapshot)
    lines.append("")
    for finding in diagnosis.findings:
        lines.append(f"[{SEVERITY_WORDS[finding.severity]}] {finding.code}: {finding.title}")
        if finding.severity is not Severity.OK:
            lines.append(f"    {finding.explanation}")
            lines += [action_line(a) for a in finding.actions]
    command = recommendation_command(diagnosis.recommendation)
    if command:
        lines += ["", text("plain.recommended", why=diagnosis.recommendation.why), command]
    return "\n".join(lines)


def machine_lines(snapshot: Snapshot | None) -> list[str]:
    if snapshot is None:
        return []
    lines = []
    host = snapshot.host.get()
    if host is not None:
        lines.append(text("plain.machine", host=host.hostname or text("plain.unknown_host"),
                          os=host.os_release or host.os or text("plain.unknown_os")))
    python = snapshot.python.get()
    if python is not None:
        lines.append(text("plain.python", version=python.version, path=python.executable))
    runtime = snapshot.torch.get()
    if runtime is not None and runtime.version:
        lines.append(text("plain.pytorch", version=runtime.version, build=words.torch_build_words(runtime)))
    if snapshot.created_at:
        lines.append(text("plain.read" if snapshot.source == "text" else "plain.checked",
                          time=readable_time(snapshot.created_at)))
    return lines


def readable_time(iso: str) -> str:
    """'2026-11-24T12:00:00+00:00' → '2026-11-24 12:00 UTC' (left as it is when it is not ISO 8601)."""
    import datetime

    try:
        moment = datetime.datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if moment.utcoffset() == datetime.timedelta(0):
        return moment.strftime("%Y-%m-%d %H:%M UTC")
    return moment.strftime("%Y-%m-%d %H:%M %z").strip()


def report_origin(snapshot: Snapshot) -> str:
    """'Report from another machine (host, date)' for read-only mode."""
    host = snapshot.host.get()
    name = host.hostname if host is not None and host.hostname else "unknown host"
    date = snapshot.created_at.split("T")[0] if snapshot.created_at else "unknown date"
    return text("gui.report_origin", host=name, date=date)


def collection_failed_finding(error: str, details: str) -> Finding:
    """A check that could not run at all becomes a visible finding on every page."""
    return Finding(
        code=COLLECTION_FAILED,
        severity=Severity.ERROR,
        step=Step.DRIVER,
        title=text("gui.collection_failed.title"),
        explanation=text("gui.collection_failed.explanation"),
        title_message=Message("gui.collection_failed.title"),
        explanation_message=Message("gui.collection_failed.explanation"),
        details=f"{error}\n\n{details}".strip(),
    )


def failed_diagnosis(error: str, details: str) -> Diagnosis:
    return Diagnosis(
        findings=(collection_failed_finding(error, details),),
        recommendation=Recommendation(kind="none", why=message("plain.check_not_run")),
    )


def command_lead(snapshot: Snapshot | None, read_only: bool) -> str:
    """The words before a command box: whose computer the command is for."""
    if not read_only:
        return text("gui.command_lead.live")
    if snapshot is not None and snapshot.source == "text":
        return text("gui.command_lead.text")
    return text("gui.command_lead.report")
