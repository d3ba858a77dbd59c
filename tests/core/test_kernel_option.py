"""--kernel NAME on the command line: a clear one-line error when the kernel is not there or cannot be told."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from wizard.cli import main


def write_kernel(data_dir: Path, name: str, argv0: str) -> None:
    spec = data_dir / "kernels" / name / "kernel.json"
    spec.parent.mkdir(parents=True)
    spec.write_text(json.dumps({"argv": [argv0, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                                "display_name": name, "language": "python"}), encoding="utf-8")


@pytest.fixture
def jupyter(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "jupyter"))
    monkeypatch.delenv("JUPYTER_PATH", raising=False)
    monkeypatch.chdir(tmp_path)
    write_kernel(tmp_path / "jupyter", "course", sys.executable)
    write_kernel(tmp_path / "jupyter", "bare", "python")
    return tmp_path


@pytest.mark.parametrize(("argv", "message"), [
    (["check", "--kernel", "nope"], "no notebook kernel named 'nope' (kernels found: bare, course)"),
    (["fix", "--kernel", "bare", "--dry-run"], "the notebook kernel 'bare' runs the Python that runs Jupyter"),
    (["facts", "--kernel", "course", "--python", sys.executable], "name either --python or --kernel, not both"),
    (["gui", "--kernel", "nope"], "no notebook kernel named 'nope'"),
])
def test_kernel_errors_are_one_line(jupyter: Path, argv: list[str], message: str, capsys, monkeypatch) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_facts_for_a_kernel_checks_its_python(jupyter: Path, capsys) -> None:
    assert main(["facts", "--kernel", "course", "--no-import", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["python"]["value"]["executable"] == sys.executable
    assert data["places"]["value"]["checked_kernel"] == "course"
