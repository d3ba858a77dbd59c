"""The scenarios the polish tests render: snapshots from tests/checks/scenarios, diagnosed by the real engine."""

from __future__ import annotations

import json
from pathlib import Path

SCENARIOS = Path(__file__).resolve().parent.parent / "checks" / "scenarios"
# The three README situations, as scenario snapshots run through the real engine.
SITUATIONS = {
    "cpu-build-on-gpu": "cpu_wheel_on_rtx4070",
    "no-driver": "driver_not_installed",
    "healthy": "healthy_cuda_linux",
}


def load_scenario(name: str):
    from wizard.findings import Goal
    from wizard.snapshot import Snapshot, from_data

    data = json.loads((SCENARIOS / f"{name}.json").read_text(encoding="utf-8"))
    return from_data(Snapshot, data["snapshot"]), Goal(want=data.get("goal", {}).get("want", "auto"))


def real_diagnose(snapshot, goal):
    from wizard.engine import diagnose

    return diagnose(snapshot, goal=goal)
