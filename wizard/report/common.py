"""What every report format says, as plain strings: the verdict, the key facts, commands.

The renderers (markdown.py, html.py) only decide how these look.
"""

from __future__ import annotations

import shlex
import subprocess
from collections.abc import Sequence

from wizard import words
from wizard.facts.reasons import reason_text
from wizard.findings import Action, ActionKind, Diagnosis, Finding, Recommendation, Severity
from wizard.i18n import text
from wizard.snapshot import Fact, Snapshot

TITLE = "Torch Setup Wizard report"  # the English title; report_title() is the reader's
SEVERITY_WORDS = words.SEVERITY_WORDS
NVIDIA_VENDOR_ID = 0x10DE


def verdict(diagnosis: Diagnosis) -> str:
    """One sentence: how many problems, and the root cause first."""
    errors = diagnosis.errors
    warnings = [f for f in diagnosis.findings if f.severity is Severity.WARNING]
    if errors:
        key = "verdict.report_one_problem" if len(errors) == 1 else "verdict.report_problems"
        return text(key, count=len(errors), title=errors[0].title, code=errors[0].code)
    return words.with_warnings(text("verdict.no_problems"), len(warnings))


def report_title() -> str:
    return text("report.title")


def report_date(snapshot: Snapshot) -> str:
    """'2026-11-24 12:39 UTC' from the ISO timestamp, or the raw text when it is not one."""
    stamp = snapshot.created_at
    if len(stamp) >= 16 and stamp[10] == "T":
        return f"{stamp[:10]} {stamp[11:16]} UTC"
    return stamp or "unknown"


def is_windows(snapshot: Snapshot) -> bool:
    host = snapshot.host.get()
    if host is not None and host.os:
        return host.os == "windows"
    python = snapshot.python.get()
    return python is not None and python.os == "windows"


def format_command(argv: Sequence[str], windows: bool) -> str:
    """One line to paste into the reporting machine's terminal (cmd.exe quoting on Windows)."""
    if windows:
        return subprocess.list2cmdline(list(argv))
    return " ".join(_posix_quote(arg) for arg in argv)


def _posix_quote(arg: str) -> str:
    """shlex.quote, except that a leading "~/" (a redacted home) stays unquoted so the shell expands it."""
    if arg == "~" or arg.startswith("~/"):
        rest = arg[2:]
        return "~/" + shlex.quote(rest) if rest else "~"
    return shlex.quote(arg)


def recommendation_command(recommendation: Recommendation, windows: bool) -> str:
    """The recommended command(s), one per line; "" when there is nothing to run."""
    if recommendation.kind == "none":
        return ""
    if recommendation.steps:
        return "\n".join(format_command(step, windows) for step in recommendation.steps)
    if recommendation.argv:
        return format_command(recommendation.argv, windows)
    return recommendation.url


def action_text(action: Action, windows: bool) -> str:
    """What to do, without the label: the command, the URL or the text to copy."""
    if action.kind is ActionKind.RUN:
        return format_command(action.argv, windows)
    if action.kind is ActionKind.OPEN_URL:
        return action.url
    return action.text


def finding_heading(finding: Finding) -> str:
    return f"{SEVERITY_WORDS[finding.severity]} {finding.code}: {finding.title}"


def key_facts(snapshot: Snapshot) -> list[tuple[str, str]]:
    """The facts a helpdesk asks for first, as (label, value) rows; unknown facts say why."""
    return [
        (text("report.fact.system"), _system(snapshot)),
        (text("report.fact.python"), _python(snapshot)),
        (text("report.fact.pytorch"), _torch(snapshot)),
        (text("report.fact.gpu"), _gpus(snapshot)),
        (text("report.fact.driver"), _driver(snapshot)),
        (text("report.fact.toolkit"), _toolkits(snapshot)),
        (text("report.fact.source"), _source(snapshot)),
    ]


def _why(fact: Fact) -> str:
    problem = fact.problem
    if problem is None:
        return text("report.value.unknown")
    return text("report.value.unknown_why", reason=reason_text(problem)) if problem.reason else text("report.value.unknown")


def _system(snapshot: Snapshot) -> str:
    host = snapshot.host.get()
    if host is None:
        return _why(snapshot.host)
    parts = [host.os_release or host.os or text("plain.unknown_os")]
    if host.machine:
        parts.append(host.machine)
    if host.is_wsl:
        parts.append("WSL")
    return ", ".join(parts)


def _python(snapshot: Snapshot) -> str:
    python = snapshot.python.get()
    if python is None:
        return _why(snapshot.python)
    key = "report.value.python_kind" if python.env_kind else "report.value.python"
    return text(key, implementation=python.implementation, version=python.version, bits=python.bits,
                kind=python.env_kind, path=python.executable)


def _torch(snapshot: Snapshot) -> str:
    runtime = snapshot.torch.get()
    if runtime is not None:
        key = "report.value.torch_gpu" if words.torch_uses_gpu(runtime) else "report.value.torch_no_gpu"
        return text(key, version=runtime.version, build=words.torch_build_words(runtime))
    python = snapshot.python.get()
    version_file = python.torch_version_file.get() if python is not None else None
    if version_file is not None:
        return text("report.value.torch_not_imported", version=version_file.version, why=_why(snapshot.torch))
    return _why(snapshot.torch)


def _gpus(snapshot: Snapshot) -> str:
    nvml = snapshot.gpu.nvml.get()
    if nvml is not None and nvml.gpus:
        return "; ".join(text("report.value.gpu", name=g.name, capability=g.compute_capability or "?") for g in nvml.gpus)
    devices = snapshot.gpu.pci.get()
    if devices is None:
        return _why(snapshot.gpu.pci)
    named = [d.name or f"{d.vendor or '?'} {d.vendor_id:04x}:{d.device_id:04x}" for d in devices]
    return "; ".join(named) if named else text("report.value.no_gpu")


def _driver(snapshot: Snapshot) -> str:
    nvml = snapshot.gpu.nvml.get()
    if nvml is None:
        return _why(snapshot.gpu.nvml)
    return text("report.value.driver", driver=nvml.driver_version, cuda=nvml.cuda_driver_version or "?")


def _toolkits(snapshot: Snapshot) -> str:
    toolkits = snapshot.toolkit.toolkits.get()
    if toolkits is None:
        return _why(snapshot.toolkit.toolkits)
    if not toolkits:
        return text("report.value.no_toolkit")
    return "; ".join(text("report.value.toolkit_active" if t.active else "report.value.toolkit", version=t.version,
                          path=t.root) for t in toolkits)


def _source(snapshot: Snapshot) -> str:
    if snapshot.source in ("live", "text", "report"):
        return text(f"report.source.{snapshot.source}")
    return snapshot.source or text("report.value.unknown")
