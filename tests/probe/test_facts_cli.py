"""`torch-setup-wizard facts --json` end to end: the probe's facts land in a Snapshot that round-trips."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import TORCH_CPU_VERSION
from wizard.snapshot import FactStatus, Snapshot


def facts_json(*args: str) -> Snapshot:
    done = subprocess.run(
        [sys.executable, "-m", "wizard", "facts", "--json", *args], capture_output=True, text=True, timeout=180
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    snapshot = Snapshot.from_json(done.stdout)
    assert Snapshot.from_json(snapshot.to_json()) == snapshot
    return snapshot


def test_facts_of_the_torch_venv(torch_python: str) -> None:
    snapshot = facts_json("--python", torch_python)
    assert snapshot.python.value.torch_version_file.value.version == TORCH_CPU_VERSION
    assert snapshot.torch.value.version == TORCH_CPU_VERSION
    assert snapshot.torch.value.cuda_available is False


def test_facts_of_python_2_7(require_pyenv) -> None:
    snapshot = facts_json("--python", require_pyenv("2.7"))
    assert snapshot.python.value.supported_by_probe is False
    assert snapshot.torch.problem.status is FactStatus.NOT_APPLICABLE
