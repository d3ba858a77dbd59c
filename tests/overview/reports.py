"""Generate a folder of saved reports (a class of machines) for the overview tests: each report is a scenario
snapshot from tests/checks/scenarios/ run through the real engine, saved as `check --json` would save it."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from wizard.engine import diagnose
from wizard.findings import Goal
from wizard.report.json_report import report_json
from wizard.snapshot import Fact, HostInfo, Snapshot

SCENARIOS = Path(__file__).resolve().parents[1] / "checks" / "scenarios"

# (scenario, the root cause the engine must name first — "OK" for none, how many machines)
CLASS_MIX = (
    ("healthy_cuda_linux", "OK", 20),
    ("healthy_cpu_no_gpu", "OK", 10),
    ("healthy_cuda_windows", "OK", 7),
    ("cpu_wheel_on_rtx4070", "CPU_ONLY_WHEEL", 6),
    ("torch_missing_on_gpu_machine", "TORCH_MISSING", 4),
    ("numpy2_with_torch_2_2", "NUMPY_ABI", 3),
    ("driver_too_old_for_cu130", "DRIVER_TOO_OLD", 2),
)
BROKEN_FILES = {
    "notes.json": '{"hello": "not a report"}',
    "truncated.json": '{"schema": "torch-setup-wizard/report@1", "snapshot": {',
    "binary.json": "\x00\x01garbage\xff",
    "wrong-shape.json": '{"schema": "torch-setup-wizard/report@1", "snapshot": [], "findings": 3}',
}


def scenario(name: str) -> tuple[Snapshot, Goal]:
    data = json.loads((SCENARIOS / f"{name}.json").read_text(encoding="utf-8"))
    return Snapshot.from_json(json.dumps(data["snapshot"])), Goal(**data.get("goal", {}))


CHECKED_AT = "2026-11-20T10:00:00+00:00"  # the day the class ran its checks


def on_host(snapshot: Snapshot, hostname: str) -> Snapshot:
    host = snapshot.host.get() or HostInfo(os="")
    return dataclasses.replace(
        snapshot, host=Fact.found(dataclasses.replace(host, hostname=hostname)), created_at=CHECKED_AT
    )


def write_class_folder(folder: Path) -> dict[str, int]:
    """52 machines' reports plus broken files; returns the expected count per root cause."""
    number = 0
    counts: dict[str, int] = {}
    for name, root_cause, count in CLASS_MIX:
        snapshot, goal = scenario(name)
        for _ in range(count):
            number += 1
            host = f"lab-pc-{number:02d}"
            machine = on_host(snapshot, host)
            diagnosis = diagnose(machine, goal=goal)
            first = diagnosis.errors[0].code if diagnosis.errors else "OK"
            assert first == root_cause, f"{name}: the engine now names {first} first, the class mix expects {root_cause}"
            (folder / f"{host}.json").write_text(report_json(machine, diagnosis), encoding="utf-8")
        counts[root_cause] = counts.get(root_cause, 0) + count
    for file_name, text in BROKEN_FILES.items():
        (folder / file_name).write_text(text, errors="surrogateescape")
    (folder / "readme.txt").write_text("not json, not read")
    return counts
