"""Python facts, gathered by running the stdlib-only probe WITH the target interpreter.

Two subprocesses: the static probe (never imports torch) and the live probe (imports
torch, so a crash, hang or DLL failure there is a fact, not a crash of the wizard).
The JSON -> dataclass mapping tolerates missing keys (an older probe) and wrong types.
"""

from __future__ import annotations

import dataclasses
import json
import os
import signal
from collections.abc import Callable, Mapping
from typing import Any

from wizard.facts.reasons import because
from wizard.facts.runner import CommandResult, Runner, run_command
from wizard.probe import PROBE_SCHEMA, probe_script_path
from wizard.snapshot import (
    Distribution,
    DuplicateDistribution,
    Fact,
    FactStatus,
    PythonFacts,
    TorchDevice,
    TorchRuntime,
    TorchVersionFile,
)

STAGE_PREFIX = "tsw-probe: stage: "  # written to stderr by probe_live.py before each risky step
OUTPUT_EXCERPT_CHARS = 200


# --------------------------------------------------------------------------- collectors


def collect_python(python: str, runner: Runner = run_command, timeout: float = 60.0) -> Fact[PythonFacts]:
    """The static probe: who the interpreter is, where it installs, what is installed. Never imports torch."""
    result = runner([python, "-B", str(probe_script_path()), "static"], timeout=timeout)
    if result.start_error:
        return unusable_python(python, result)
    if result.timed_out:
        return Fact.missing(
            FactStatus.TIMED_OUT,
            because("reason.python.read_timeout", python=python, seconds=f"{timeout:g}"),
            code="probe_timeout",
            argv=result.argv,
            stderr_tail=_tail(result.stderr),
        )
    data = parse_probe_output(result.stdout)
    if data is None:
        return _no_report(python, result, what=because("reason.while_reading"))
    if data.get("probe_error"):
        return _probe_failed(data, result)
    return Fact.found(python_facts_from_probe(data, python))


def with_whole_damage_scan(python_fact: Fact[PythonFacts], python: str, runner: Runner = run_command,
                           timeout: float = 60.0) -> Fact[PythonFacts]:
    """The Python facts with every RECORD file of torch and its kin checked (the static probe checks only the
    compiled libraries, to stay off the live import's critical path). Unchanged when the scan gives no answer."""
    facts = python_fact.get()
    if facts is None:
        return python_fact
    result = runner([python, "-B", str(probe_script_path()), "damage"], timeout=timeout)
    data = parse_probe_output(result.stdout) if not (result.start_error or result.timed_out) else None
    found = data.get("damaged") if data else None
    if not isinstance(found, dict):
        return python_fact
    damaged = {name: tuple(f for f in files if isinstance(f, str)) for name, files in found.items()
               if isinstance(files, list)}
    dists = tuple(dataclasses.replace(d, damaged=damaged.get(d.name, d.damaged) or d.damaged)
                  for d in facts.distributions)
    return Fact.found(dataclasses.replace(facts, distributions=dists))


def collect_torch(python: str, runner: Runner = run_command, timeout: float = 120.0) -> Fact[TorchRuntime]:
    """The live probe: import torch in its own process and record what happens."""
    result = runner([python, "-B", str(probe_script_path()), "live"], timeout=timeout)
    if result.start_error:
        return unusable_python(python, result)
    step = last_stage(result.stderr)
    if result.timed_out:
        return Fact.missing(
            FactStatus.TIMED_OUT,
            because("reason.torch.import_timeout", seconds=f"{timeout:g}", step=step or because("reason.start_up")),
            code="torch_import_timeout",
            argv=result.argv,
            stderr_tail=_tail(result.stderr),
        )
    data = parse_probe_output(result.stdout)
    if data is None:
        return _live_without_report(python, result, step)
    return torch_fact_from_probe(data, python, result)


def _live_without_report(python: str, result: CommandResult, step: str) -> Fact[TorchRuntime]:
    """The live probe gave no JSON: it crashed, exited early, printed garbage, or never started."""
    crash = crash_name(result)
    if not step and not crash:
        return _no_report(python, result, what=because("reason.while_importing"))
    if crash:
        return Fact.missing(
            FactStatus.FAILED,
            because("reason.torch.crashed", crash=crash, step=step or because("reason.start_up")),
            code="torch_import_crashed",
            argv=result.argv,
            exit_code=result.exit_code,
            signal=result.signal,
            stderr_tail=_tail(result.stderr),
        )
    if result.exit_code == 0:
        return Fact.missing(
            FactStatus.FAILED,
            because("reason.probe.unreadable", output=_excerpt(result.stdout)),
            code="probe_output_invalid",
            argv=result.argv,
            stderr_tail=_tail(result.stderr),
        )
    return Fact.missing(
        FactStatus.FAILED,
        because("reason.torch.exited", code=result.exit_code, step=step),
        code="torch_import_failed",
        argv=result.argv,
        exit_code=result.exit_code,
        stderr_tail=_tail(result.stderr),
    )


def torch_fact_from_probe(data: Mapping[str, Any], python: str, result: CommandResult) -> Fact[TorchRuntime]:
    if data.get("supported") is False:
        return Fact.missing(
            FactStatus.NOT_APPLICABLE,
            because("reason.python.too_old", version=_str(data, "version") or "?"),
            code="python_unsupported",
            argv=result.argv,
        )
    if data.get("probe_error"):
        return _probe_failed(data, result)
    status = data.get("torch_status")
    if status == "not_installed":
        return Fact.missing(
            FactStatus.NOT_FOUND, because("reason.torch.not_installed", python=python), code="torch_not_installed",
            argv=result.argv,
        )
    if status == "import_failed":
        return Fact.missing(
            FactStatus.FAILED,
            because("reason.torch.import_failed", error=_str(data, "error") or because("reason.unknown_error")),
            code="torch_import_failed",
            argv=result.argv,
            stderr_tail=_str(data, "traceback") or _tail(result.stderr),
        )
    if status == "ok" and isinstance(data.get("torch"), Mapping):
        return Fact.found(torch_runtime_from_probe(data["torch"]))
    return Fact.missing(
        FactStatus.FAILED,
        because("reason.probe.incomplete", status=status),
        code="probe_output_invalid",
        argv=result.argv,
        stderr_tail=_tail(result.stderr),
    )


# --------------------------------------------------------------------------- reading the output


def parse_probe_output(stdout: str) -> dict[str, Any] | None:
    """The probe's JSON object: the last stdout line that parses as one with "probe_schema".

    Anything a sitecustomize printed before it is skipped; garbage or partial JSON gives None.
    """
    for line in reversed(stdout.splitlines()):
        line = line.strip()
        if not line.startswith("{"):
            continue
        try:
            data = json.loads(line)
        except ValueError:
            continue
        if isinstance(data, dict) and isinstance(data.get("probe_schema"), int):
            return data
    return None


def last_stage(stderr: str) -> str:
    """The last step the live probe announced on stderr ('import torch'), '' when it never started."""
    step = ""
    for line in stderr.splitlines():
        if line.startswith(STAGE_PREFIX):
            step = line[len(STAGE_PREFIX) :].strip()
    return step


# Windows reports a crash as an NTSTATUS exit code instead of a signal.
WINDOWS_CRASHES = {
    0xC0000005: "access violation",
    0xC000001D: "illegal instruction",
    0xC0000409: "stack buffer overrun",
    0xC00000FD: "stack overflow",
    0xC0000135: "a DLL was not found",
}


def signal_name(number: int) -> str:
    try:
        return f"signal {number}, {signal.Signals(number).name}"
    except ValueError:
        return f"signal {number}"


def crash_name(result: CommandResult) -> str:
    """'signal 11, SIGSEGV' or 'exit code 0xC0000005, access violation'; '' when the process did not crash."""
    if result.signal:
        return signal_name(result.signal)
    code = result.exit_code
    if code is not None and code & 0xFFFFFFFF >= 0xC0000000:
        status = code & 0xFFFFFFFF
        return f"exit code {status:#010X}, {WINDOWS_CRASHES.get(status, 'a fatal error')}".replace("0X", "0x")
    return ""


def unusable_python(python: str, result: CommandResult) -> Fact:
    if "No such file" in result.start_error:
        return Fact.missing(
            FactStatus.NOT_FOUND, because("reason.python.no_program", python=python), code="python_unusable",
            argv=result.argv,
        )
    if os.path.isdir(python):
        return Fact.missing(
            FactStatus.FAILED,
            because("reason.python.folder", python=python),
            code="python_unusable",
            argv=result.argv,
        )
    return Fact.missing(
        FactStatus.FAILED,
        because("reason.python.cannot_run", python=python, error=result.start_error),
        code="python_unusable",
        argv=result.argv,
    )


def _no_report(python: str, result: CommandResult, what: str) -> Fact:
    crash = crash_name(result)
    if crash:
        return Fact.missing(
            FactStatus.FAILED,
            because("reason.python.crashed", python=python, crash=crash, what=what),
            code="probe_crashed",
            argv=result.argv,
            signal=result.signal,
            stderr_tail=_tail(result.stderr),
        )
    said = _excerpt(result.stdout) or _excerpt(result.stderr)
    return Fact.missing(
        FactStatus.FAILED,
        because("reason.python.odd_answer", python=python, what=what, code=result.exit_code, output=said) if said
        else because("reason.python.odd_silence", python=python, what=what, code=result.exit_code),
        code="python_unusable",
        argv=result.argv,
        exit_code=result.exit_code,
        stderr_tail=_tail(result.stderr),
    )


def _probe_failed(data: Mapping[str, Any], result: CommandResult) -> Fact:
    return Fact.missing(
        FactStatus.FAILED,
        because("reason.probe.failed"),
        code="probe_failed",
        argv=result.argv,
        stderr_tail=_tail(_str(data, "probe_error")),
    )


def _excerpt(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:OUTPUT_EXCERPT_CHARS]
    return ""


def _tail(text: str) -> str:
    return text[-2000:]


# --------------------------------------------------------------------------- JSON -> dataclasses


def python_facts_from_probe(data: Mapping[str, Any], python: str = "") -> PythonFacts:
    """PythonFacts from the static probe's JSON; missing or mistyped keys fall back to defaults."""
    identity = {
        "executable": _str(data, "executable") or python,
        "version": _str(data, "version"),
        "implementation": _str(data, "implementation") or "cpython",
        "bits": _int(data, "bits", 64),
        "os": _str(data, "os"),
        "machine": _str(data, "machine"),
    }
    if data.get("supported") is False:
        return PythonFacts(**identity, supported_by_probe=False)
    return PythonFacts(
        **identity,
        libc=_str(data, "libc"),
        env_kind=_str(data, "env_kind"),
        prefix=_str(data, "prefix"),
        base_prefix=_str(data, "base_prefix"),
        conda_env=_str(data, "conda_env"),
        externally_managed=_bool(data, "externally_managed"),
        user_site=_str(data, "user_site"),
        user_site_enabled=_bool(data, "user_site_enabled"),
        site_packages=_strs(data, "site_packages"),
        sys_path=_strs(data, "sys_path"),
        pip_version=_fact(data, "pip_version", _as_str),
        tags=_fact(data, "tags", _as_strs),
        tags_source=_str(data, "tags_source"),
        distributions=tuple(_distribution(d) for d in _dicts(data, "distributions")),
        duplicates=tuple(_duplicate(d) for d in _dicts(data, "duplicates")),
        cwd_shadows=_strs(data, "cwd_shadows"),
        torch_version_file=_fact(data, "torch_version_file", _torch_version_file),
        free_disk_bytes=_fact(data, "free_disk_bytes", _as_int),
        long_paths_enabled=_fact(data, "long_paths_enabled", _as_bool),
        vc_runtime=_fact(data, "vc_runtime", _as_str),
    )


def torch_runtime_from_probe(data: Mapping[str, Any]) -> TorchRuntime:
    """TorchRuntime from the live probe's "torch" object."""
    return TorchRuntime(
        version=_str(data, "version"),
        cuda=_str(data, "cuda"),
        hip=_str(data, "hip"),
        file=_str(data, "file"),
        cuda_available=_bool(data, "cuda_available"),
        cuda_warnings=_strs(data, "cuda_warnings"),
        device_count=_int(data, "device_count", 0),
        devices=tuple(
            TorchDevice(index=_int(d, "index", i), name=_str(d, "name"), capability=_str(d, "capability"))
            for i, d in enumerate(_dicts(data, "devices"))
        ),
        arch_list=_strs(data, "arch_list"),
        cudnn_version=_str(data, "cudnn_version"),
        cuda_op=_fact(data, "cuda_op", _as_str),
        numpy_version=_fact(data, "numpy_version", _as_str),
        numpy_warning=_str(data, "numpy_warning"),
        torchvision=_fact(data, "torchvision", _as_str),
        torchaudio=_fact(data, "torchaudio", _as_str),
        loaded_libraries=_strs(data, "loaded_libraries"),
        step_errors=_strs(data, "step_errors"),
        mps_available=_fact(data, "mps_available", _as_bool),
        xpu_available=_fact(data, "xpu_available", _as_bool),
    )


def _distribution(data: Mapping[str, Any]) -> Distribution:
    return Distribution(
        name=_str(data, "name"),
        version=_str(data, "version"),
        location=_str(data, "location"),
        installer=_str(data, "installer"),
        requires=_strs(data, "requires"),
        damaged=_strs(data, "damaged"),
    )


def _duplicate(data: Mapping[str, Any]) -> DuplicateDistribution:
    return DuplicateDistribution(
        name=_str(data, "name"), locations=_strs(data, "locations"), versions=_strs(data, "versions")
    )


def _torch_version_file(value: Any) -> TorchVersionFile:
    if not isinstance(value, Mapping) or not isinstance(value.get("version"), str):
        raise TypeError("not a torch version file record")
    return TorchVersionFile(
        path=_str(value, "path"),
        version=value["version"],
        cuda=_str(value, "cuda"),
        hip=_str(value, "hip"),
        git_version=_str(value, "git_version"),
    )


def _fact(data: Mapping[str, Any], key: str, decode: Callable[[Any], Any]) -> Fact:
    """A probe fact ({"value": v} or {"problem": {...}}) as a Fact; absent or malformed -> unknown."""
    raw = data.get(key)
    if not isinstance(raw, Mapping):
        return Fact.unknown(because("reason.probe.not_reported", fact=key))
    problem = raw.get("problem")
    if isinstance(problem, Mapping):
        try:
            status = FactStatus(problem.get("status"))
        except ValueError:
            status = FactStatus.UNKNOWN
        return Fact.missing(
            status,
            _str(problem, "reason") or because("reason.probe.could_not_read", fact=key),
            code=_str(problem, "code"),
            stderr_tail=_str(problem, "stderr_tail"),
        )
    if "value" not in raw:
        return Fact.unknown(because("reason.probe.not_reported", fact=key))
    try:
        return Fact.found(decode(raw["value"]))
    except (TypeError, ValueError):
        return Fact.unknown(because("reason.probe.unreadable_form", fact=key))


def _as_str(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("expected a string")
    return value


def _as_int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("expected an integer")
    return value


def _as_bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError("expected true/false")
    return value


def _as_strs(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise TypeError("expected a list of strings")
    return tuple(value)


def _str(data: Mapping[str, Any], key: str) -> str:
    value = data.get(key)
    return value if isinstance(value, str) else ""


def _int(data: Mapping[str, Any], key: str, default: int) -> int:
    value = data.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def _bool(data: Mapping[str, Any], key: str) -> bool:
    return data.get(key) is True


def _strs(data: Mapping[str, Any], key: str) -> tuple[str, ...]:
    value = data.get(key)
    if not isinstance(value, list):
        return ()
    return tuple(item for item in value if isinstance(item, str))


def _dicts(data: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    value = data.get(key)
    if not isinstance(value, list):
        return []
    return [item for item in value if isinstance(item, Mapping)]


__all__ = [
    "PROBE_SCHEMA",
    "collect_python",
    "collect_torch",
    "parse_probe_output",
    "python_facts_from_probe",
    "torch_runtime_from_probe",
]
