"""A review of the rounds 43-45 readings with invented texts (never corpus texts): each case is a paste a helpdesk would
answer differently from what the engine said before the fix, or a near miss of a new reading."""

from __future__ import annotations

import pytest

from tests.textdiag.pasted import assert_answer, diagnosis_of, first_error, review_params

DRIVER_INIT = ("UserWarning: CUDA initialization: CUDA driver initialization failed, you might not have a CUDA gpu.\n"
               "torch 2.2.0+cu121\ntorch.cuda.is_available() False")

CASES = [
    # Docker Desktop's WSL 2 path only where Docker is in use on the Windows machine that failed
    ("docker_denied", f"Windows 11, RTX 4080. This is not in Docker, just a conda env.\n{DRIVER_INIT}",
     "DRIVER_MISSING", None),
    ("docker_none", f"Windows 11, RTX 4080, no docker, plain venv.\n{DRIVER_INIT}", "DRIVER_MISSING", None),
    ("docker_in_the_past", f"Windows 11, RTX 4080. I used to use Docker but uninstalled it; now plain venv.\n{DRIVER_INIT}",
     "DRIVER_MISSING", None),
    ("docker_on_a_linux_server",
     "My laptop is Windows 11, but I ssh into our Ubuntu 22.04 server and run docker there:\n$ docker run --gpus all -it "
     f"pytorch/pytorch:2.2.0-cuda12.1-cudnn8-runtime python -c 'import torch'\n{DRIVER_INIT}\nThe server has 4x A100.",
     "DRIVER_MISSING", None),
    ("docker_compose_on_windows", f"Windows 11, RTX 4080, I run it with docker compose up:\n{DRIVER_INIT}",
     "WSL_DRIVER", None),
    # a denial in Chinese ("this time pip install xformers did not overwrite torch")
    ("replaced_denied_zh",
     "这次 pip install xformers 没有把torch覆盖了，torch 2.1.2+cu121 正常，torch.cuda.is_available() True，RTX 4090。",
     None, "ready"),
    # a template's answer printed False with no NVIDIA GPU and no failure told is no complaint about the CPU build
    ("template_false_without_a_complaint",
     "- PyTorch version: 2.1.0+cpu\n- OS: Windows 11\n- GPU: none (Intel Iris Xe)\n- torch.cuda.is_available():\nFalse",
     None, None),
    # a companion from a page for another CUDA asks for that CUDA's libraries
    ("wheel_page_other_cuda_library",
     "torch 2.2.1+cu121 installed.\n$ pip install torch-sparse -f https://data.pyg.org/whl/torch-1.13.0+cu117.html\n"
     ">>> import torch_sparse\nOSError: libcusparse.so.11: cannot open shared object file: No such file or directory",
     "PACKAGE_CONFLICT", None),
    ("dgl_page_other_cuda_library",
     "torch 2.1.0+cu121\npip install dgl -f https://data.dgl.ai/wheels/torch-2.1/cu118/repo.html\n>>> import dgl\n"
     "OSError: libcudart.so.11.0: cannot open shared object file: No such file or directory", "PACKAGE_CONFLICT", None),
    # a lower bound above pip's list proves a platform ceiling only where the list stops at a known one (Intel Macs)
    ("lower_bound_on_apple_silicon",
     "MacBook Air M1, Python 3.12\nERROR: Could not find a version that satisfies the requirement torch>=2.10.0 (from "
     "versions: 2.2.0, 2.2.1, 2.2.2, 2.3.0, 2.3.1, 2.4.0, 2.5.0, 2.6.0, 2.7.0, 2.8.0, 2.9.0)\nERROR: No matching "
     "distribution found for torch>=2.10.0", None, None),
]


@pytest.mark.parametrize(("text", "first", "verdict"), review_params(CASES))
def test_review44(text: str, first: str | None, verdict: str | None) -> None:
    if first is None and verdict is None:
        codes = [f.code for f in diagnosis_of(text).errors]
        assert "CPU_ONLY_WHEEL" not in codes and "PLATFORM_UNSUPPORTED" not in codes
        return
    assert_answer(text, first, verdict)


def test_a_pip_build_folder_in_a_traceback_frame_names_a_mac() -> None:
    from tests.textdiag.pasted import facts_of

    text = ("I'm on Windows normally but installed on this machine:\n  error: subprocess-exited-with-error\n"
            '  File "/var/folders/xy/abc/T/pip-build-env-1/overlay/lib/python3.11/site-packages/setuptools/build_meta.py",'
            " line 341\n  OSError: CUDA_HOME environment variable is not set.")
    assert facts_of(text).get("os") == "darwin"


def test_the_python_words_fit_a_list_that_starts_after_the_release_asked() -> None:
    text = ("ERROR: Could not find a version that satisfies the requirement torch==2.0.1 (from versions: 2.2.0, 2.2.1, "
            "2.2.2, 2.3.0, 2.3.1)\nERROR: No matching distribution found for torch==2.0.1")
    found = first_error(text)
    assert found.code == "PYTHON_UNSUPPORTED" and "from versions: none" not in found.explanation


def test_a_32_bit_arm_system_is_the_platform_not_a_python_to_reinstall() -> None:
    text = ("Raspberry Pi 4, 32-bit Raspberry Pi OS (armv7l), Python 3.11\nERROR: Could not find a version that satisfies "
            "the requirement torch (from versions: none)\nERROR: No matching distribution found for torch")
    found = first_error(text)
    assert found.code == "PLATFORM_UNSUPPORTED" and "Windows installer" not in found.explanation
    windows = ("Python 3.11.4 (tags/v3.11.4:d2340ef, Jun  7 2023) [MSC v.1934 32 bit (Intel)] on win32\nERROR: Could not "
               "find a version that satisfies the requirement torch (from versions: none)")
    assert first_error(windows).code == "PYTHON_UNSUPPORTED"  # (a 32-bit Python on Windows: the 64-bit installer)


@pytest.mark.parametrize("told", [
    "Cuando instalo sentence-transformers, pip desinstala torch 2.2.0 e instala torch 2.1.0.",
    "requirements.txt をインストールしたら torch が 2.0.1 に上書きされました。",
    "Quand j'installe le paquet, pip désinstalle torch 2.2.0.",
])
def test_an_install_that_replaced_torch_told_in_spanish_japanese_or_french(told: str) -> None:
    from tests.textdiag.pasted import facts_of

    assert facts_of(told).get("torch_replaced_told") == "true"


def test_torchs_newer_wording_of_tensors_on_two_devices_is_the_programs_placement() -> None:
    from tests.textdiag.pasted import verdict_of
    from tests.textdiag.test_working_setup import COLLECT_ENV_WORKING

    text = ("RuntimeError: Expected all tensors to be on the same device, but got index is on cuda:1, different from "
            "other tensors on cuda:0 (when checking argument in method wrapper_CUDA__index_select)\n" + COLLECT_ENV_WORKING)
    assert verdict_of(text).key == "ready.gpu_other_error"


def test_an_install_that_replaced_the_cuda_build_on_windows_and_lost_cuda_brought_pypis_cpu_wheel() -> None:
    text = ("Windows 11, RTX 3060, driver 546.01.\nWhen I pip install -r requirements.txt it uninstalls "
            "torch-2.1.2+cu121 and installs torch-2.1.2, now\n>>> torch.cuda.is_available()\nFalse")
    assert first_error(text).code == "CPU_ONLY_WHEEL"
    linux = text.replace("Windows 11", "Ubuntu 22.04").replace("driver 546.01", "driver 535")
    assert all(f.code != "CPU_ONLY_WHEEL" for f in diagnosis_of(linux).errors)  # (PyPI's Linux torch is a CUDA build)


def test_a_program_telling_cuda_is_not_available_is_a_problem_reported_not_too_little_to_tell() -> None:
    from tests.textdiag.pasted import verdict_of

    text = ("18:55:10-746256 INFO     Torch: torch==2.3.0+cu121\n18:55:10-746256 WARNING  Torch: CUDA is not available, "
            "running on CPU\n18:55:11-001234 INFO     Device: NVIDIA GeForce RTX 3060")
    assert verdict_of(text).key == "cannot_tell.unplaced_failure"  # (it asks for collect_env of that environment)


SECOND_REVIEW = [
    # Docker mentioned but not in use for the environment that fails
    ("docker_not_used", "Windows 11, RTX 3060. I don't use Docker, just a plain venv.\nRuntimeError: CUDA driver version "
     "is insufficient for CUDA runtime version", "DRIVER_TOO_OLD", None),
    ("docker_works_native_fails", "Windows 11, RTX 3070. Inside a docker container everything works, but in my native "
     "conda env:\nRuntimeError: CUDA driver version is insufficient for CUDA runtime version", "DRIVER_TOO_OLD", None),
    ("docker_image_not_used", "Windows 11, RTX 3060. Following the README (they also provide a docker image, which I "
     "don't use), I installed with pip.\nRuntimeError: CUDA driver version is insufficient for CUDA runtime version",
     "DRIVER_TOO_OLD", None),
    # Debian's armhf is 32-bit ARM: the platform, not a Python to reinstall
    ("armhf", "Installing on an Orange Pi with Armbian armhf (32-bit userland), python 3.11:\nERROR: Could not find a "
     "version that satisfies the requirement torch (from versions: none)", "PLATFORM_UNSUPPORTED", None),
    # a placement error whose tensor on cuda:0 shows CUDA working, beside "CUDA works" told in prose
    ("placement_beside_works_told", "CUDA works, is_available is True and nvidia-smi shows my RTX 4090.\nRuntimeError: "
     "Expected all tensors to be on the same device, but got mat1 is on cpu, different from other tensors on cuda:0 "
     "(when checking argument in method wrapper_CUDA_addmm)", None, "ready"),
]


@pytest.mark.parametrize(("text", "first", "verdict"), review_params(SECOND_REVIEW))
def test_second_review(text: str, first: str | None, verdict: str | None) -> None:
    assert_answer(text, first, verdict)


@pytest.mark.parametrize("denied", ["torch は上書きされていません（2.1.0+cu121 のまま）。",
                                    "pip deinstalliert torch nicht, es bleibt 2.1.0+cu121."])
def test_a_replacement_denied_in_japanese_or_german_is_no_such_fact(denied: str) -> None:
    from tests.textdiag.pasted import facts_of

    assert "torch_replaced_told" not in facts_of(denied)
    assert facts_of("Wenn ich accelerate installiere, deinstalliert pip torch 2.1.2+cu121 und installiert torch 2.5.0."
                    ).get("torch_replaced_told") == "true"


@pytest.mark.parametrize("record", [
    "[W NNPACK.cpp:64] Could not initialize NNPACK! Reason: Unsupported hardware.",
    "[W1016 11:28:34.389016046 socket.cpp:697] [c10d] The client socket has failed to connect to [localhost]:29500 "
    "(errno: 99 - Cannot assign requested address).",
])
def test_torchs_own_cpp_warning_records_beside_cuda_working_are_no_failure_report(record: str) -> None:
    from tests.textdiag.pasted import verdict_of

    text = (">>> torch.cuda.is_available()\nTrue\n>>> torch.cuda.get_device_name(0)\n'NVIDIA GeForce RTX 3060'\n"
            + record)
    assert verdict_of(text).key == "ready.gpu"
