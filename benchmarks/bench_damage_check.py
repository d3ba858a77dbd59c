"""How long the damaged-install check (RECORD sizes of torch) takes in the static probe, on a real torch.

    .venv/bin/python benchmarks/bench_damage_check.py [PYTHON_WITH_TORCH]
(default: the tests' cached real CPU torch venv, ~/.cache/tsw-tests/torch-2.13.0)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PROBE = Path(__file__).resolve().parents[1] / "wizard" / "probe"
CODE = f"""
import sys, time
sys.path.insert(0, {str(PROBE)!r})
import probe_dists
dist = [d for d in probe_dists.scan_distributions(sys.path) if d["name"] == "torch"][0]
lines = sum(1 for _ in open(dist["metadata_dir"] + "/RECORD"))
times = []
for _ in range(3):
    start = time.perf_counter(); damaged = probe_dists.damaged_files(dist); times.append(time.perf_counter() - start)
print("torch %s: %d RECORD lines, damaged %d, size check %.3f s (best of 3), %.3f s (first)" % (
    dist["version"], lines, len(damaged), min(times), times[0]))
"""

python = sys.argv[1] if len(sys.argv) > 1 else str(Path.home() / ".cache/tsw-tests/torch-2.13.0/bin/python")
raise SystemExit(subprocess.run([python, "-c", CODE]).returncode)
