"""Print, for each platform situation, the first finding and the recommended command the real engine gives.

    .venv/bin/python tools/platform_answers.py            # the markdown table in docs/compatibility.md

Every row is a scenario snapshot (tests/checks/scenarios/*.json) run through wizard.engine.diagnose with the
shipped knowledge: nothing in the table is written by hand.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from wizard.engine import diagnose  # noqa: E402
from wizard.findings import Goal  # noqa: E402
from wizard.knowledge import load_knowledge  # noqa: E402
from wizard.shell_text import command_text  # noqa: E402
from wizard.snapshot import Snapshot, from_data  # noqa: E402

SITUATIONS = (
    ("Linux, NVIDIA RTX 4070, driver 580, CPU wheel installed", "cpu_wheel_on_rtx4070"),
    ("Linux, NVIDIA, driver 535 (too old for cu130)", "driver_too_old_for_cu130"),
    ("macOS arm64 (Apple silicon), no torch", "apple_silicon_fresh"),
    ("macOS x86_64 (Intel Mac), Python 3.11", "intel_mac_latest_is_2_2"),
    ("Linux, AMD RX 7900 XTX (gfx1100 from /sys/class/kfd)", "amd_rocm_gfx_from_kfd"),
    ("Linux, AMD RX 580 (gfx803)", "amd_unsupported_gfx"),
    ("Windows, AMD RX 7900 XTX", "amd_windows"),
    ("Linux, Intel Arc A770", "intel_arc_linux_fresh"),
    ("Windows, Intel Arc B580", "intel_arc_windows_fresh"),
    ("Linux, Intel UHD Graphics 770 (not an XPU-validated GPU)", "intel_uhd_linux_fresh"),
    ("WSL 2, Windows driver 566, no torch", "wsl_with_windows_driver_fresh"),
    ("WSL 2, a Linux NVIDIA driver installed inside", "wsl_with_linux_driver_inside"),
    ("NVIDIA Jetson AGX Orin (aarch64)", "jetson_orin"),
    ("Kepler GTX 780 on its last driver (470)", "kepler_driver_470_fresh"),
    ("Pascal GTX 1080 on driver 470", "pascal_driver_470_fresh"),
    ("32-bit Python on Windows", "python_32bit_windows"),
    ("PyPy (not CPython)", "pypy"),
    ("Linux with glibc 2.17", "old_glibc"),
    ("Python 3.8 (last torch 2.4.1, 2024)", "python38_outdated"),
    ("Python 2.7", "python27"),
)


def answer(name: str) -> tuple[str, str, str]:
    data = json.loads((ROOT / "tests/checks/scenarios" / f"{name}.json").read_text(encoding="utf-8"))
    snapshot = from_data(Snapshot, data["snapshot"])
    diagnosis = diagnose(snapshot, load_knowledge(), Goal(want=data.get("goal", {}).get("want", "auto")))
    first = diagnosis.findings[0] if diagnosis.findings else None
    rec = diagnosis.recommendation
    host = snapshot.host.get()
    shell = host.os if host else "linux"
    steps = rec.steps or ((rec.argv,) if rec.argv else ())
    command = " && ".join(command_text(step, shell) for step in steps)
    if not command:
        command = f"({rec.kind}: {rec.url})" if rec.url else f"({rec.kind}: no command)"
    finding = f"{first.severity.value} {first.code}" if first else "-"
    return finding, command, rec.why


def main() -> int:
    print("| situation | first finding | recommended command |")
    print("|---|---|---|")
    for label, name in SITUATIONS:
        finding, command, _ = answer(name)
        print(f"| {label} (`{name}`) | {finding} | `{command}` |")
    if "--why" in sys.argv:
        for label, name in SITUATIONS:
            print(f"\n**{label}**: {answer(name)[2]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
