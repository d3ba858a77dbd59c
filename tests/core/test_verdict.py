"""The honest verdict: ready only with evidence, cannot_tell with the one question that settles it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.textdiag.pasted import verdict_of
from wizard.verdict import VerdictKind, reports_failure, verdict_texts

REPO = Path(__file__).resolve().parents[2]
HEALTHY = """Collecting environment information...
PyTorch version: 2.3.0+cu121
Is debug build: False
CUDA used to build PyTorch: 12.1
OS: Ubuntu 22.04.4 LTS (x86_64)
Python version: 3.10.12 (main, Jul 29 2024, 16:56:48) [GCC 11.4.0] (64-bit runtime)
Python platform: Linux-6.5.0-45-generic-x86_64-with-glibc2.35
Is CUDA available: True
GPU models and configuration: GPU 0: NVIDIA GeForce RTX 4080 SUPER
Nvidia driver version: 535.183.01
"""



def test_a_working_collect_env_is_ready_and_names_the_gpu() -> None:
    verdict = verdict_of(HEALTHY)
    assert verdict.kind is VerdictKind.READY and "RTX 4080 SUPER" in verdict.headline


def test_a_mac_cpu_setup_is_ready_on_the_cpu() -> None:
    text = HEALTHY.replace("OS: Ubuntu 22.04.4 LTS (x86_64)", "OS: macOS 14.4 (arm64)").replace(
        "Is CUDA available: True", "Is CUDA available: False").replace(
        "GPU models and configuration: GPU 0: NVIDIA GeForce RTX 4080 SUPER\nNvidia driver version: 535.183.01\n", "")
    assert verdict_of(text.replace("CUDA used to build PyTorch: 12.1", "CUDA used to build PyTorch: None")).kind is (
        VerdictKind.READY)


def test_a_recognised_failure_is_not_ready_with_the_root_cause() -> None:
    verdict = verdict_of("RuntimeError: The NVIDIA driver on your system is too old (found version 11040).")
    assert verdict.kind is VerdictKind.NOT_READY and verdict.headline.startswith("Not ready")


@pytest.mark.parametrize(
    ("text", "key", "command"),
    [
        ("I installed torch yesterday and something is wrong when I train, it fails.", "cannot_tell.unplaced_failure",
         "python -m torch.utils.collect_env"),
        ("I installed torch yesterday, here is my setup: Windows 11, Python 3.12", "cannot_tell.too_little",
         "python -m torch.utils.collect_env"),
        (HEALTHY.replace("Is CUDA available: True", "Is CUDA available: False").replace(
            "GPU models and configuration: GPU 0: NVIDIA GeForce RTX 4080 SUPER\nNvidia driver version: 535.183.01\n",
            ""), "cannot_tell.no_gpu_facts", "nvidia-smi"),
    ],
)
def test_cannot_tell_asks_the_one_question_that_settles_it(text: str, key: str, command: str) -> None:
    verdict = verdict_of(text)
    assert verdict.kind is VerdictKind.CANNOT_TELL and verdict.key == key
    assert verdict.question and verdict.command == command


def test_failure_words_in_several_languages_and_collect_envs_unknowns() -> None:
    assert reports_failure("安装后 import torch 报错")
    assert reports_failure("Beim Import kommt ein Fehler")
    assert not reports_failure("cuDNN version: Could not collect\nIs CUDA available: False")


def test_every_verdict_text_has_a_headline() -> None:
    for key, entry in verdict_texts().items():
        assert entry["headline"].strip(), key
        assert key.split(".")[0] in {"ready", "not_ready", "cannot_tell", "could_not_run"}


@pytest.mark.parametrize(
    ("stdin", "status", "marker"),
    [
        (HEALTHY, 0, "Verdict: Ready"),
        ("RuntimeError: The NVIDIA driver on your system is too old (found version 11040).", 1, "Verdict: Not ready"),
        ("Something is wrong when I train, it fails.", 3, "python -m torch.utils.collect_env"),
    ],
)
def test_diagnose_exit_status_follows_the_verdict(stdin: str, status: int, marker: str) -> None:
    result = subprocess.run([sys.executable, "-m", "wizard", "diagnose", "-"], input=stdin.encode(),
                            capture_output=True, cwd=REPO, timeout=120)
    assert result.returncode == status, result.stderr
    assert marker in result.stdout.decode()


def test_the_report_json_carries_the_verdict() -> None:
    import json

    result = subprocess.run([sys.executable, "-m", "wizard", "diagnose", "--json", "-"],
                            input=b"Something fails when I train.", capture_output=True, cwd=REPO, timeout=120)
    data = json.loads(result.stdout)
    assert data["verdict"] == "cannot_tell" and data["verdict_detail"]["command"]
