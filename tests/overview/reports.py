"""Generate a folder of saved reports (a class of machines) for the overview tests."""

from __future__ import annotations

from pathlib import Path

from wizard.findings import Diagnosis, Finding, Recommendation, Severity, Step
from wizard.report.json_report import report_json
from wizard.snapshot import Fact, GpuFacts, HostInfo, PythonFacts, Snapshot, ToolkitFacts, TorchRuntime

# (root cause or "OK", its step, how many machines)
CLASS_MIX = (
    ("OK", None, 37),
    ("CPU_ONLY_WHEEL", Step.WHEEL, 6),
    ("DRIVER_TOO_OLD", Step.DRIVER, 2),
    ("NUMPY_ABI", Step.PYTHON, 3),
    ("TORCH_MISSING", Step.WHEEL, 4),
)
BROKEN_FILES = {
    "notes.json": '{"hello": "not a report"}',
    "truncated.json": '{"schema": "torch-setup-wizard/report@1", "snapshot": {',
    "binary.json": "\x00\x01garbage\xff",
    "wrong-shape.json": '{"schema": "torch-setup-wizard/report@1", "snapshot": [], "findings": 3}',
}


def machine_snapshot(host: str, torch_version: str = "2.13.0+cu130") -> Snapshot:
    return Snapshot(
        tool_version="0.1.0",
        created_at="2026-11-20T10:00:00+00:00",
        source="live",
        host=Fact.found(HostInfo(os="linux", hostname=host, machine="x86_64")),
        gpu=GpuFacts(pci=Fact.unknown(), nvml=Fact.unknown(), kernel_modules=Fact.unknown()),
        toolkit=ToolkitFacts(toolkits=Fact.unknown(), search_path_libraries=Fact.unknown(), system_cudnn=Fact.unknown()),
        python=Fact.found(PythonFacts(executable="/usr/bin/python3", version="3.12.1")),
        torch=Fact.found(TorchRuntime(version=torch_version)),
    )


def machine_diagnosis(root_cause: str, step: Step | None) -> Diagnosis:
    findings = [Finding("TORCH_OK", Severity.OK, Step.WHEEL, "PyTorch works", "")]
    if root_cause != "OK":
        findings.insert(0, Finding(root_cause, Severity.ERROR, step, f"{root_cause} title", "explained"))
        findings.insert(1, Finding("TOOLKIT_INFO", Severity.INFO, Step.TOOLKIT, "three CUDA versions", ""))
    return Diagnosis(tuple(findings), Recommendation(kind="none", why="nothing to do"))


def write_class_folder(folder: Path) -> dict[str, int]:
    number = 0
    for code, step, count in CLASS_MIX:
        for _ in range(count):
            number += 1
            host = f"lab-pc-{number:02d}"
            (folder / f"{host}.json").write_text(report_json(machine_snapshot(host), machine_diagnosis(code, step)))
    for name, text in BROKEN_FILES.items():
        (folder / name).write_text(text, errors="surrogateescape")
    (folder / "readme.txt").write_text("not json, not read")
    return {code: count for code, _, count in CLASS_MIX}
