"""`check` and `fix --yes` (real CLI, real venvs, real pip) against local mirrors of the PyTorch index: one with
releases newer than the (frozen) knowledge, one missing a variant, a slow one, a dead one, one behind an
authenticating proxy, and --offline."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import FROZEN_KNOWLEDGE, REPO
from tests.index.mirrors import newer_mirror
from tests.index.proxy import AuthProxy
from tests.local_index import LocalIndex, pip_env


def wizard_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = pip_env(TSW_KNOWLEDGE_DIR=str(FROZEN_KNOWLEDGE), TSW_CACHE_DIR=str(tmp_path / "cache"), **extra)
    env.pop("TSW_OFFLINE", None)  # these tests read their local index
    return env


def run_wizard(args: list[str], env: dict[str, str], timeout: float = 240) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "wizard", *args], capture_output=True, text=True, env=env,
                          cwd=REPO, timeout=timeout)


def check_json(python: str, base: str, env: dict[str, str], *more: str) -> dict:
    result = run_wizard(["check", "--json", "--python", python, "--torch-index", base, *more], env)
    assert result.returncode in (0, 1), result.stderr[-2000:]
    return json.loads(result.stdout)


def index_lines(report: dict) -> list[str]:
    return [f["title"] for f in report["findings"] if f["code"] in ("INDEX_SOURCE", "INDEX_NOTE")]


def test_check_recommends_the_newer_release_the_mirror_has(newer_index, plain_venv_python, tmp_path):
    report = check_json(plain_venv_python, newer_index.torch_base, wizard_env(tmp_path))
    rec = report["recommendation"]
    assert (rec["torch"], rec["variant"], rec["index_url"]) == ("2.17.0", "cpu", f"{newer_index.torch_base}/cpu")
    assert "torch==2.17.0+cpu" in rec["argv"]
    lines = index_lines(report)
    assert "PyTorch versions: read from the package index just now" in lines
    assert f"{newer_index.torch_base} has PyTorch 2.17.0, 2.16.0, newer than the wizard's tables know" in lines
    assert report["snapshot"]["index"]["value"]["source"] == "index"


def test_a_mirror_missing_a_variant_is_named_and_its_builds_avoided(plain_venv_python, tmp_path):
    with LocalIndex(newer_mirror(variants=("cpu", "cu132"), with_2_14_1=False), tmp_path / "w") as index:
        report = check_json(plain_venv_python, index.torch_base, wizard_env(tmp_path), "--want", "cuda")
    assert f"{index.torch_base} does not offer the cu130 builds" in index_lines(report)
    assert report["recommendation"]["variant"] != "cu130"


def test_offline_answers_from_the_bundled_tables_and_says_so(newer_index, plain_venv_python, tmp_path):
    before = len(newer_index.requests)
    report = check_json(plain_venv_python, newer_index.torch_base, wizard_env(tmp_path), "--offline")
    assert len(newer_index.requests) == before  # not asked at all
    assert report["recommendation"]["torch"] == "2.14.1"
    assert index_lines(report) == ["PyTorch versions: the wizard's own tables (checked 2026-11-24)"]
    source = next(f for f in report["findings"] if f["code"] == "INDEX_SOURCE")
    assert "offline" in source["explanation"]


def test_a_dead_index_answers_from_the_bundled_tables_without_hanging(dead_url, plain_venv_python, tmp_path):
    started = time.monotonic()
    report = check_json(plain_venv_python, dead_url, wizard_env(tmp_path))
    assert time.monotonic() - started < 120
    assert report["recommendation"]["torch"] == "2.14.1"
    source = next(f for f in report["findings"] if f["code"] == "INDEX_SOURCE")
    assert source["title"] == "PyTorch versions: the wizard's own tables (checked 2026-11-24)"
    assert "connection refused" in source["explanation"]


def test_a_slow_index_costs_the_read_budget_then_the_bundled_tables_answer(plain_venv_python, tmp_path):
    with LocalIndex(newer_mirror(variants=("cpu",)), tmp_path / "w", delay=30.0) as index:
        started = time.monotonic()
        report = check_json(plain_venv_python, index.torch_base, wizard_env(tmp_path))
        elapsed = time.monotonic() - started
        index.delay = 0.0
    assert elapsed < 30.0  # the mirror's 30 s delay is never waited for
    assert report["recommendation"]["torch"] == "2.14.1"
    source = next(f for f in report["findings"] if f["code"] == "INDEX_SOURCE")
    assert "timed out" in source["explanation"]


def test_check_through_an_authenticating_proxy_never_stores_the_password(newer_index, plain_venv_python, tmp_path):
    with AuthProxy() as proxy:
        env = wizard_env(tmp_path, PIP_PROXY=proxy.url_with_credentials, NO_PROXY="", no_proxy="")
        result = run_wizard(["check", "--json", "--python", plain_venv_python, "--torch-index", newer_index.torch_base,
                             "--output", str(tmp_path / "report.json")], env)
    report = json.loads(result.stdout)
    assert report["recommendation"]["torch"] == "2.17.0" and proxy.seen
    stored = [result.stdout, result.stderr, (tmp_path / "report.json").read_text()]
    stored += [p.read_text() for p in (tmp_path / "cache").rglob("*.json")]
    assert not any(proxy.password in text for text in stored)


def _fresh_venv(folder: Path) -> str:
    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True, timeout=300)
    return str(folder / "bin" / "python")


def _installed(python: str, name: str) -> str:
    out = subprocess.run([python, "-c", f"import importlib.metadata as m; print(m.version('{name}'))"],
                         capture_output=True, text=True, timeout=60)
    return out.stdout.strip()


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="stand-in wheels carry Linux platform tags")
def test_fix_yes_installs_and_verifies_the_newer_release(newer_index, tmp_path):
    python = _fresh_venv(tmp_path / "venv")
    result = run_wizard(["fix", "--yes", "--python", python, "--torch-index", newer_index.torch_base],
                        wizard_env(tmp_path), timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert _installed(python, "torch") == "2.17.0+cpu"
    after = check_json(python, newer_index.torch_base, wizard_env(tmp_path))
    assert not [f for f in after["findings"] if f["severity"] == "error"]
    assert after["recommendation"]["kind"] == "none"


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="stand-in wheels carry Linux platform tags")
def test_fix_yes_through_the_authenticating_proxy(newer_index, tmp_path):
    python = _fresh_venv(tmp_path / "venv")
    with AuthProxy() as proxy:
        env = wizard_env(tmp_path, PIP_PROXY=proxy.url_with_credentials, NO_PROXY="", no_proxy="")
        result = run_wizard(["fix", "--yes", "--python", python, "--torch-index", newer_index.torch_base], env,
                            timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert _installed(python, "torch") == "2.17.0+cpu"
    assert any(url.endswith(".whl") for url in proxy.seen)  # pip itself went through the proxy
    assert proxy.password not in result.stdout + result.stderr
