"""NVML through the REAL pynvml, loading a fake libnvidia-ml.so.1 (compiled here) in a subprocess."""

from __future__ import annotations

import ctypes.util
import json
import os
import subprocess
import sys
import time

import pynvml
import pytest

from tests.fake_nvml_lib import build_fake_nvml, fake_nvml_env
from wizard.facts.nvml import cuda_version_from_int, nvml_error_code, problem_from_nvml_error
from wizard.snapshot import FactStatus

RTX_3060 = ("NVIDIA GeForce RTX 3060", "8.6", 12288, 0x250310DE)
TESLA_T4 = ("Tesla T4", "7.5", 15360, 0x1EB810DE)

QUERY = """
import json, sys
from wizard.facts.nvml import collect_nvml, query_nvml
from wizard.facts.pci import nvidia_capability
from wizard.snapshot import to_data
timeout = float(sys.argv[1])
fact = query_nvml(nvidia_capability) if timeout <= 0 else collect_nvml(timeout, nvidia_capability)
print(json.dumps(to_data(fact)))
"""


@pytest.fixture(scope="session")
def fake_nvml_dir(tmp_path_factory: pytest.TempPathFactory, c_compiler: str):
    return build_fake_nvml(tmp_path_factory.mktemp("nvml-current"), c_compiler)


@pytest.fixture(scope="session")
def old_nvml_dir(tmp_path_factory: pytest.TempPathFactory, c_compiler: str):
    return build_fake_nvml(tmp_path_factory.mktemp("nvml-old"), c_compiler, old_driver=True)


def run_query(extra_env: dict[str, str], timeout: float = 0.0) -> dict:
    """query_nvml (or collect_nvml with a timeout) in a fresh interpreter; the Fact as JSON data."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("FAKE_NVML_", "LD_LIBRARY_PATH"))}
    env.update(extra_env)
    done = subprocess.run(
        [sys.executable, "-c", QUERY, str(timeout)], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_one_gpu(fake_nvml_dir):
    fact = run_query(fake_nvml_env(fake_nvml_dir, "ok", [RTX_3060], driver="550.127.08", cuda=12040))
    assert fact["problem"] is None
    info = fact["value"]
    assert info["driver_version"] == "550.127.08"
    assert info["cuda_driver_version"] == "12.4"
    assert info["nvml_version"] == "12.550.127.08"
    assert info["missing_functions"] == []
    assert info["gpus"] == [
        {
            "index": 0,
            "name": "NVIDIA GeForce RTX 3060",
            "compute_capability": "8.6",
            "memory_total_mib": 12288,
            "pci_bus_id": "00000000:01:00.0",
            "pci_device_id": 0x250310DE,
            "uuid": "GPU-fake-0001",
        }
    ]


def test_two_gpus(fake_nvml_dir):
    gpus = "NVIDIA GeForce RTX 3060:8.6:12288:0x250310DE;Tesla T4:7.5:15360:0x1EB810DE:00000000:3B:00.0:GPU-t4-uuid"
    info = run_query(fake_nvml_env(fake_nvml_dir, "ok", gpus, driver="580.65.06", cuda=13000))["value"]
    assert info["driver_version"] == "580.65.06"
    assert info["cuda_driver_version"] == "13.0"
    assert [(g["index"], g["name"], g["compute_capability"]) for g in info["gpus"]] == [
        (0, "NVIDIA GeForce RTX 3060", "8.6"),
        (1, "Tesla T4", "7.5"),
    ]
    assert info["gpus"][1]["pci_bus_id"] == "00000000:3B:00.0"
    assert info["gpus"][1]["uuid"] == "GPU-t4-uuid"
    assert info["gpus"][1]["memory_total_mib"] == 15360


def test_driver_without_gpus_reports_the_driver(fake_nvml_dir):
    info = run_query(fake_nvml_env(fake_nvml_dir, "ok", []))["value"]
    assert info["driver_version"] == "550.127.08"
    assert info["gpus"] == []


@pytest.mark.parametrize(
    ("scenario", "code"),
    [
        ("driver_not_loaded", "nvml_driver_not_loaded"),
        ("no_permission", "nvml_no_permission"),
        ("rm_mismatch", "nvml_rm_version_mismatch"),
        ("gpu_lost", "nvml_gpu_lost"),
        ("unknown", "nvml_unknown"),
    ],
)
def test_driver_errors_become_coded_problems(fake_nvml_dir, scenario, code):
    fact = run_query(fake_nvml_env(fake_nvml_dir, scenario, [RTX_3060]))
    assert fact["value"] is None
    assert fact["problem"]["status"] == "failed"
    assert fact["problem"]["code"] == code
    assert fact["problem"]["reason"].startswith("nvml")  # names the call that failed


def test_rm_mismatch_says_to_restart(fake_nvml_dir):
    fact = run_query(fake_nvml_env(fake_nvml_dir, "rm_mismatch", [RTX_3060]))
    assert "restart" in fact["problem"]["reason"]


def test_unknown_error_keeps_the_number(fake_nvml_dir):
    fact = run_query(fake_nvml_env(fake_nvml_dir, "unknown", [RTX_3060]))
    assert "NVML error 999" in fact["problem"]["reason"]


def test_library_absent(tmp_path):
    if ctypes.util.find_library("nvidia-ml"):
        pytest.skip("this machine has a real libnvidia-ml; the 'library absent' case cannot be shown here")
    empty = tmp_path / "empty"
    empty.mkdir()
    fact = run_query({"LD_LIBRARY_PATH": str(empty)})
    assert fact["value"] is None
    assert fact["problem"]["status"] == "not_found"
    assert fact["problem"]["code"] == "nvml_library_not_found"


def test_old_driver_falls_back_and_records_what_is_missing(old_nvml_dir):
    fact = run_query(fake_nvml_env(old_nvml_dir, "ok", [RTX_3060], driver="418.226.00", cuda=10010))
    assert fact["problem"] is None
    info = fact["value"]
    assert info["driver_version"] == "418.226.00"  # still reported
    assert info["cuda_driver_version"] == "10.1"  # from nvmlSystemGetCudaDriverVersion (v1)
    assert info["missing_functions"] == ["nvmlSystemGetCudaDriverVersion_v2", "nvmlDeviceGetCudaComputeCapability"]
    gpu = info["gpus"][0]
    assert gpu["name"] == "NVIDIA GeForce RTX 3060"
    assert gpu["compute_capability"] == "8.6"  # from the PCI id table, 0x2503
    assert gpu["memory_total_mib"] == 12288


def test_hanging_driver_times_out(fake_nvml_dir):
    env = fake_nvml_env(fake_nvml_dir, "hang", [RTX_3060]) | {"FAKE_NVML_HANG_SECONDS": "20"}
    started = time.monotonic()
    fact = run_query(env, timeout=1.0)
    assert time.monotonic() - started < 10
    assert fact["problem"]["status"] == "timed_out"
    assert fact["problem"]["code"] == "nvml_timeout"


def test_collect_nvml_returns_the_answer_within_the_timeout(fake_nvml_dir):
    fact = run_query(fake_nvml_env(fake_nvml_dir, "ok", [TESLA_T4]), timeout=10.0)
    assert fact["value"]["gpus"][0]["name"] == "Tesla T4"


# --------------------------------------------------------------------------- pure mapping


@pytest.mark.parametrize(
    ("value", "code", "status"),
    [
        (pynvml.NVML_ERROR_LIBRARY_NOT_FOUND, "nvml_library_not_found", FactStatus.NOT_FOUND),
        (pynvml.NVML_ERROR_DRIVER_NOT_LOADED, "nvml_driver_not_loaded", FactStatus.FAILED),
        (pynvml.NVML_ERROR_NO_PERMISSION, "nvml_no_permission", FactStatus.FAILED),
        (pynvml.NVML_ERROR_FUNCTION_NOT_FOUND, "nvml_function_not_found", FactStatus.FAILED),
        (pynvml.NVML_ERROR_LIB_RM_VERSION_MISMATCH, "nvml_rm_version_mismatch", FactStatus.FAILED),
        (pynvml.NVML_ERROR_GPU_IS_LOST, "nvml_gpu_lost", FactStatus.FAILED),
        (pynvml.NVML_ERROR_UNKNOWN, "nvml_unknown", FactStatus.FAILED),
        (pynvml.NVML_ERROR_TIMEOUT, "nvml_unknown", FactStatus.FAILED),
    ],
)
def test_problem_from_pynvml_error(value, code, status):
    error = pynvml.NVMLError(value)  # pynvml turns this into its NVMLError_* subclass
    problem = problem_from_nvml_error(error, "nvmlInit")
    assert (problem.code, problem.status) == (code, status)
    assert problem.reason.startswith("nvmlInit: ")


def test_problem_from_other_exceptions():
    assert nvml_error_code(pynvml.NVMLLibraryMismatchError("unversioned function")) == "nvml_function_not_found"
    problem = problem_from_nvml_error(OSError("libnvidia-ml.so.1: wrong ELF class"))
    assert problem.code == "nvml_unknown"
    assert "wrong ELF class" in problem.reason


@pytest.mark.parametrize(("value", "text"), [(12040, "12.4"), (13000, "13.0"), (11080, "11.8"), (10010, "10.1")])
def test_cuda_version_from_int(value, text):
    assert cuda_version_from_int(value) == text
