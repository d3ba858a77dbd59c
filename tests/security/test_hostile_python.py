"""A hostile ``--python``: an "interpreter" that floods its output, hangs, leaves a setsid'ed daemon, prints
escape sequences, HTML or credentials, or has shell syntax in its path. The wizard asks it, bounded in time
and memory, and shows what it said as data. A few cases run the real CLI in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.security.referee import SECRET, hostile_case
from wizard.facts.python_env import collect_python, collect_torch

pytestmark = pytest.mark.skipif(os.name != "posix", reason="the fake interpreters are shell scripts")

PY = sys.executable


def fake_pythons(canary: Path) -> dict[str, str]:
    """name → the body of a /bin/sh script that stands in for an interpreter (it gets the probe's argv)."""
    return {
        "stdout-flood": f"exec {PY} -c \"import sys\nwhile True: sys.stdout.write('x' * 65536)\"",
        "stderr-flood": f"exec {PY} -c \"import sys\nwhile True: sys.stderr.write('e' * 65536)\"",
        "sleeps-forever": "exec sleep 600",
        "setsid-daemon": f"{PY} -c \"import os, time\nif os.fork() == 0:\n    os.setsid(); time.sleep(600)\n\" ; sleep 600",
        "escapes-and-html": "printf '\\033]0;pwned\\007\\033[2J<img src=\"file:///dev/zero\"><h1>ok</h1>\\n'; exit 1",
        "secret-in-stderr": f"echo 'ProxyError: http://alice:{SECRET}@proxy.corp.example:3128 refused' >&2; exit 1",
        "fake-probe-json": "printf '%s' '" + json.dumps({"probe_error": "\x1b]8;;https://evil\x1b\\x<b>y</b>",
                                                         "traceback": f"https://bob:{SECRET}@h/"}) + "'",
        "binary-garbage": "head -c 200000 /dev/urandom; exit 3",
        "exit-by-signal": "kill -SEGV $$",
        "json-bomb": f"{PY} -c \"print('[' * 200000 + ']' * 200000)\"",
    }


def make_fake_python(name: str, body: str, folder: Path) -> str:
    path = folder / f"python-{name}"
    path.write_text("#!/bin/sh\n" + body + "\n")
    path.chmod(0o755)
    return str(path)


def ask(python: str, out) -> None:
    from wizard.report.json_report import report_json
    from wizard.report.redact import redact_text

    fact = collect_python(python, timeout=2)
    torch = collect_torch(python, timeout=2)
    assert fact.value is None or fact.value.executable
    from tests.security.hostile import hostile_report

    snapshot, diagnosis = hostile_report("plain")
    snapshot = type(snapshot)(**{**snapshot.__dict__, "python": fact, "torch": torch})
    out.output(report_json(snapshot, diagnosis), redact_text(repr(fact.problem)))


@pytest.mark.parametrize("name", list(fake_pythons(Path("/x"))))
def test_a_hostile_interpreter_is_asked_within_bounds(name: str, tmp_path: Path, canary: Path) -> None:
    python = make_fake_python(name, fake_pythons(canary)[name], tmp_path)
    hostile_case(f"python:{name}", "--python", lambda out: ask(python, out), canary=canary, secrets=(SECRET,))


@pytest.mark.parametrize("path", ["{canary}; touch {canary}", "$(touch {canary})", "`touch {canary}`", "-c",
                                  "--version", "| touch {canary}"])
def test_shell_syntax_in_the_interpreter_path_is_never_run(path: str, canary: Path) -> None:
    python = path.format(canary=canary)
    hostile_case(f"python-path:{path[:12]}", "--python", lambda out: ask(python, out), canary=canary)


def run_cli(args: list[str], timeout: float = 60) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "NO_COLOR": "1"}
    return subprocess.run([PY, "-m", "wizard", *args], capture_output=True, text=True, timeout=timeout, env=env,
                          errors="replace")


def test_the_cli_answers_a_flooding_interpreter(tmp_path: Path, canary: Path) -> None:
    python = make_fake_python("flood", fake_pythons(canary)["stdout-flood"], tmp_path)

    def body(out) -> None:
        result = run_cli(["facts", "--python", python], timeout=9)
        out.output(result.stdout, result.stderr)
        assert "Traceback" not in result.stderr

    hostile_case("cli:facts --python flooder", "cli", body, canary=canary)


def test_the_cli_refuses_a_fifo_report_and_a_device_paste(tmp_path: Path, canary: Path) -> None:
    fifo = tmp_path / "report.json"
    os.mkfifo(fifo)

    def body(out) -> None:
        for args in (["gui", "--open", str(fifo)], ["diagnose", "/dev/zero"], ["check", "--profile", str(fifo)]):
            result = run_cli(args, timeout=9)
            out.output(result.stdout, result.stderr)
            assert result.returncode == 2 and "Traceback" not in result.stderr, (args, result.stderr[-500:])

    hostile_case("cli:fifo and /dev/zero", "cli", body, canary=canary)


def test_the_cli_overview_csv_names_skipped_files_and_defuses_formulas(tmp_path: Path, canary: Path) -> None:
    from tests.security.hostile import hostile_report, with_hostname
    from wizard.report.json_report import report_json

    snapshot, diagnosis = hostile_report("plain")
    (tmp_path / "a.json").write_text(report_json(with_hostname(snapshot, "=cmd|' /C calc'!A0\x1b]0;t\x07"), diagnosis))
    os.mkfifo(tmp_path / "pipe.json")
    (tmp_path / "broken.json").write_text("{")

    def body(out) -> None:
        result = run_cli(["overview", str(tmp_path), "--csv"], timeout=9)
        out.output(result.stdout, result.stderr)
        assert "\n'=cmd" in result.stdout and "\x1b" not in result.stdout
        assert "skipped pipe.json: pipe.json is a named pipe (FIFO)" in result.stderr
        assert "skipped broken.json" in result.stderr
        as_json = json.loads(run_cli(["overview", str(tmp_path), "--json"], timeout=9).stdout)
        assert {s["file"] for s in as_json["skipped"]} == {"pipe.json", "broken.json"}

    hostile_case("cli:overview --csv/--json", "cli", body, canary=canary)


def test_torch_index_credentials_are_never_printed(tmp_path: Path) -> None:
    """--torch-index/TSW_TORCH_INDEX with credentials: used for pip, absent from --help, check text and JSON."""
    index = f"https://student:{SECRET}@mirror.uni.example/whl"
    env = {**os.environ, "TSW_TORCH_INDEX": index, "NO_COLOR": "1"}

    def body(out) -> None:
        for args in (["check", "--help"], ["check", "--python", PY, "--torch-index", index],
                     ["check", "--python", PY, "--json"]):
            result = subprocess.run([PY, "-m", "wizard", *args], capture_output=True, text=True, timeout=9, env=env)
            out.output(result.stdout, result.stderr)
            assert "Traceback" not in result.stderr

    hostile_case("cli:--torch-index with credentials", "cli", body, secrets=(SECRET,))
