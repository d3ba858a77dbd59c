"""`torch-setup-wizard check` end to end: a subprocess against real interpreters, with the fake NVML where a GPU is needed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.checks import make_scenarios as ms
from tests.fake_nvml_lib import build_fake_nvml, fake_nvml_env
from wizard.commands.check import display_command, render_text
from wizard.engine import diagnose
from wizard.findings import Goal
from wizard.report.json_report import REPORT_SCHEMA, load_report

REPO = Path(__file__).resolve().parents[2]
RTX4070 = [("NVIDIA GeForce RTX 4070", "8.9", 12282, 0x278610DE)]
REPORT_KEYS = {"schema", "tool_version", "snapshot", "findings", "recommendation"}
FINDING_KEYS = {"code", "severity", "step", "title", "explanation", "details", "actions", "evidence", "caused_by"}


@pytest.fixture(scope="session")
def nvml_dir(tmp_path_factory, c_compiler) -> Path:
    return build_fake_nvml(tmp_path_factory.mktemp("fake-nvml"), c_compiler)


@pytest.fixture(scope="session")
def no_nvml_env(tmp_path_factory) -> dict[str, str]:
    empty = tmp_path_factory.mktemp("no-nvml")
    return {**os.environ, "LD_LIBRARY_PATH": str(empty)}


def check(python: str, env: dict[str, str], *extra: str, json_output: bool = True) -> tuple[int, dict | str, str]:
    argv = [sys.executable, "-m", "wizard", "check", "--python", python, *(["--json"] if json_output else []), *extra]
    done = subprocess.run(argv, capture_output=True, text=True, env=env, cwd=REPO, timeout=300)
    out = json.loads(done.stdout) if json_output and done.returncode in (0, 1) else done.stdout
    return done.returncode, out, done.stderr


def errors(report: dict) -> list[str]:
    return [f["code"] for f in report["findings"] if f["severity"] == "error"]


def assert_report_shape(report: dict) -> None:
    assert set(report) >= REPORT_KEYS and report["schema"] == REPORT_SCHEMA
    for item in report["findings"]:
        assert set(item) >= FINDING_KEYS and item["severity"] in ("error", "warning", "info", "ok")
    severities = [("error", "warning", "info", "ok").index(f["severity"]) for f in report["findings"]]
    assert severities == sorted(severities)
    load_report(json.dumps(report))  # reads back


def test_cpu_build_with_rtx4070_and_driver_580_is_cpu_only_wheel(torch_python, nvml_dir):
    env = {**os.environ, **fake_nvml_env(nvml_dir, "ok", RTX4070, driver="580.95.05", cuda=13000)}
    code, report, _ = check(torch_python, env)
    assert code == 1
    assert_report_shape(report)
    assert errors(report) == ["CPU_ONLY_WHEEL"]
    assert report["recommendation"]["variant"] == "cu130"
    assert report["recommendation"]["argv"][0] == torch_python
    cpu = report["findings"][0]
    assert any(a["kind"] == "run" and a["argv"] == report["recommendation"]["argv"] for a in cpu["actions"])
    assert any(f["code"] == "DRIVER_OK" and "580.95.05" in f["title"] for f in report["findings"])


def test_cpu_build_with_driver_470_recommends_a_build_the_driver_runs(torch_python, nvml_dir):
    env = {**os.environ, **fake_nvml_env(nvml_dir, "ok", RTX4070, driver="470.256.02", cuda=11040)}
    code, report, _ = check(torch_python, env)
    assert code == 1 and errors(report) == ["CPU_ONLY_WHEEL"]
    variant = report["recommendation"]["variant"]
    assert variant.startswith("cu11"), variant  # 470 runs CUDA 11.x wheels only (minor-version floor 450.80.02)


def test_healthy_cpu_machine_exits_0_with_ascii_fallback(torch_python, no_nvml_env):
    code, text, _ = check(torch_python, {**no_nvml_env, "PYTHONIOENCODING": "ascii"}, json_output=False)
    assert code == 0, text
    assert "[ok] OK" in text and "[x] Problem" not in text and "\033[" not in text
    assert "Verdict: Ready" in text


def test_plain_venv_is_torch_missing(plain_venv_python, no_nvml_env):
    code, report, _ = check(plain_venv_python, no_nvml_env)
    assert code == 1 and errors(report) == ["TORCH_MISSING"]
    assert report["recommendation"]["kind"] == "install" and report["recommendation"]["variant"] == "cpu"


@pytest.mark.parametrize(
    "version, first_error", [("2.7", "PYTHON_UNSUPPORTED"), ("3.7", "TORCH_MISSING"), ("3.13", "TORCH_MISSING")]
)
def test_pyenv_interpreters(require_pyenv, no_nvml_env, version, first_error):
    code, report, _ = check(require_pyenv(version), no_nvml_env)
    assert code == 1
    assert_report_shape(report)
    assert errors(report)[0] == first_error
    if version == "2.7":
        assert report["recommendation"]["kind"] == "python"
    if version == "3.7":  # its last torch (1.13.1) is years old: a warning, and a current Python first
        assert [f["code"] for f in report["findings"] if f["severity"] == "warning"][:1] == ["PYTHON_UNSUPPORTED"]
        assert report["recommendation"]["kind"] == "python"


def test_debian_system_python_is_externally_managed(no_nvml_env):
    if not Path("/usr/bin/python3").is_file() or not list(Path("/usr/lib").glob("python3*/EXTERNALLY-MANAGED")):
        pytest.skip("no PEP 668 system Python here")
    code, report, _ = check("/usr/bin/python3", no_nvml_env)
    assert code == 1 and errors(report)[0] == "EXTERNALLY_MANAGED"
    assert report["recommendation"]["kind"] == "new_venv"
    assert "--break-system-packages" not in json.dumps(report["recommendation"])


def test_unusable_python_exits_2_with_one_line(no_nvml_env, tmp_path):
    code, out, err = check(str(tmp_path / "no-such-python"), no_nvml_env)
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1


def test_output_folder_gets_hostname_json(torch_python, no_nvml_env, tmp_path):
    code, _, _ = check(torch_python, no_nvml_env, "--output", str(tmp_path), "--no-import", json_output=False)
    files = list(tmp_path.glob("*.json"))
    assert code == 3 and len(files) == 1  # --no-import: nothing shows torch works, so the verdict is "cannot tell"
    snapshot, diagnosis = load_report(files[0].read_text(encoding="utf-8"))
    assert files[0].stem == snapshot.host.value.hostname.replace(" ", "_") and diagnosis.recommendation.kind


def driver_too_old_for_cu130():
    """An RTX 4070 on driver 535 (CUDA 12.2) with a cu130 torch: one error, the driver."""
    return ms.snapshot(
        gpu_facts=ms.gpu((ms.nvidia_pci(ms.RTX4070),), ms.nvml_ok((ms.RTX4070,), "535.183.01", "12.2")),
        python_fact=ms.python(dists=ms.cuda_dists("2.13.0+cu130")),
        torch=ms.torch_ok("2.13.0+cu130", "13.0", (), ms.CU130_ARCHS, "92000"),
    )


def test_render_text_groups_by_step_and_colours_only_when_asked():
    snap = driver_too_old_for_cu130()
    diagnosis = diagnose(snap, None, Goal())
    plain = render_text(snap, diagnosis, color=False)
    coloured = render_text(snap, diagnosis, color=True)
    assert "\033[" not in plain and "\033[31m" in coloured
    positions = [
        plain.index(title) for title in ("GPU and driver", "cuDNN", "Python environment", "Recommendation", "Verdict")
    ]
    assert positions == sorted(positions)
    assert "[✗] Problem  Your NVIDIA driver is too old" in plain
    assert display_command(diagnosis.recommendation.argv, "linux") in plain
    assert "[x] Problem" in render_text(snap, diagnosis, color=False, unicode=False)


def test_a_finding_with_a_blank_quote_renders_without_it():
    """A report read from elsewhere (or evidence derived from facts) may carry a blank excerpt: no crash, no empty line."""
    import dataclasses

    snap = driver_too_old_for_cu130()
    diagnosis = diagnose(snap, None, Goal())
    first = dataclasses.replace(diagnosis.errors[0], evidence=("", "  \n", "quoted line\nmore"))
    findings = tuple(first if f is diagnosis.errors[0] else f for f in diagnosis.findings)
    plain = render_text(snap, dataclasses.replace(diagnosis, findings=findings), color=False)
    assert plain.count(": quoted line") == 1 and ": \n" not in plain


def test_display_command_quotes_per_os():
    argv = ("C:\\Program Files\\Python\\python.exe", "-m", "pip", "install", "numpy<2")
    # (cmd.exe reads a bare "<2" as input redirected from a file named "2": quoted, as in a POSIX shell)
    assert display_command(argv, "windows") == '"C:\\Program Files\\Python\\python.exe" -m pip install "numpy<2"'
    assert display_command(argv, "linux") == "'C:\\Program Files\\Python\\python.exe' -m pip install 'numpy<2'"
