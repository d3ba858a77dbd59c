"""Readings of rounds 34 and 35: a torch build told in a sentence, tools' "CUDA available" fields, is_available()'s
answer retold, a package's torch range weighed against the torch the text shows, packages built for another CUDA or
another torch, ROCm builds without code for the GPU, a Mac's chip and "no GPU" told in more words."""

from __future__ import annotations

import pytest

from tests.textdiag.pasted import errors_of, facts_of, findings_of, verdict_of
from wizard.findings import Severity
from wizard.verdict import VerdictKind


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a torch build told in a sentence that names torch: what is installed
        ("I checked Pytorch with print(torch.version) in my environment. I found it's just for CPU (2.0.0+cpu), "
         "not for CUDA.", {"torch_version": "2.0.0+cpu"}),
        ("my torch is 2.1.0+cu118 and the GPU stays idle", {"torch_version": "2.1.0+cu118"}),
        # ... not a build a line installs, pins or sets against another (xFormers names the torch it was built for)
        ("then I ran pip install torch==2.1.0+cu118 and nothing changed", {"torch_installed": None}),
        ("xFormers was built for:\n    PyTorch 2.1.0+cu121 with CUDA 1201 (you have 2.1.0+cpu)",
         {"torch_version": "2.1.0+cpu"}),
        # ... nor a suffix cut short in a title ("+cu12" is no build PyTorch publishes)
        ("RTX 5090 Not Detected by PyTorch 2.2.0+cu12", {"torch_installed": None}),
        # tools' own "CUDA available" fields: docTR's collect_env (torch's line, not TensorFlow's), a banner's note
        ("Is CUDA available (TensorFlow): No\nIs CUDA available (PyTorch): Yes\n", {"cuda_available": "true"}),
        ("Is CUDA available (TensorFlow): No\n", {"cuda_available": None}),
        ("NVIDIA GeForce GTX 1650 Ti\nCUDA available: True (version:11.1)\n", {"cuda_available": "true"}),
        # is_available()'s answer retold: "shows as"; in Chinese "is" after a confirming verb (traditional or
        # simplified characters), not in a question or a wish
        ("print(torch.cuda.is_available())\nshows as TRUE", {"cuda_available": "true"}),
        ("也確認過torch.cuda.is_available()為true", {"cuda_available": "true"}),
        ("我确认了torch.cuda.is_available()是False", {"cuda_available": "false"}),
        ("为什么torch.cuda.is_available()是True却用不了", {"cuda_available": None}),
        ("torch.cuda.is_available()应该是True", {"cuda_available": None}),
        # the machine and the build told in more words
        ("我用的是苹果M1芯片，已经将前面问题都跑通了", {"os": "darwin", "gpu_vendor": "apple"}),
        ("However, I do not have CUDA or any GPU available.", {"no_nvidia_gpu": "true"}),
        ("Mamba installation from the doc gives CPU PyTorch", {"torch_build_told": "cpu"}),
        ("the install command causes the CPU version of 1.13.0 to be installed", {"torch_build_told": "cpu"}),
        ("I did not install the CPU version", {"torch_build_told": None}),
        # cellpose's start-up check, printed after a tensor ran on the GPU
        ("2024-01-01 [INFO] ** TORCH CUDA version installed and working. **", {"cuda_works": "true"}),
    ],
)
def test_facts_told(text: str, expected: dict[str, str | None]) -> None:
    facts = facts_of(text)
    for key, value in expected.items():
        assert facts.get(key) == value, (key, facts)


RANGE = "facenet-pytorch 2.6.0 requires torch<2.3.0,>=2.2.0"


def test_a_torch_outside_a_packages_range_is_a_conflict_with_its_own_words() -> None:
    text = f"{RANGE}, but you have torch 2.3.1 which is incompatible.\n"
    assert errors_of(text)[0] == "PACKAGE_CONFLICT"
    first = next(f for f in findings_of(text) if f.severity is Severity.ERROR)
    assert "range" in first.explanation and "--no-deps" in first.explanation
    assert not first.actions  # (reinstalling torch's companions is not the fix: the package's release is)


def test_the_range_retold_beside_the_torch_pip_would_uninstall() -> None:
    assert errors_of(f"{RANGE}, uninstalling torch 2.3.1 will break other nodes")[0] == "PACKAGE_CONFLICT"


@pytest.mark.parametrize(
    "text",
    [
        "PyTorch version: 2.2.1+cu121\n" + RANGE,  # the torch shown lies inside the range
        RANGE,  # no torch shown: nothing to weigh the range against
        "mmcv 2.1.0 requires torch>=1.8, which is not installed.",  # torch missing, not another torch
    ],
)
def test_a_range_without_a_torch_outside_it_is_no_conflict(text: str) -> None:
    assert "PACKAGE_CONFLICT" not in errors_of(text)


@pytest.mark.parametrize(
    ("text", "cause", "words"),
    [
        # a package's own import check of its torch range, weighed like pip's
        ("ImportError: Kaolin requires PyTorch >=1.6.0, <=1.13.0, but found version 1.13.1 instead.",
         "PACKAGE_CONFLICT", "--no-deps"),
        # PyG's extensions and DGL come in one build per CUDA version and a CPU build
        ("RuntimeError: Detected that PyTorch and torch_sparse were compiled with different CUDA versions. PyTorch has "
         "CUDA version 10.1 and torch_sparse has CUDA version 10.0.", "PACKAGE_CONFLICT", "wheel page"),
        ("dgl._ffi.base.DGLError: Check failed: allow_missing: Device API gpu is not enabled. Please install the cuda "
         "version of dgl.", "PACKAGE_CONFLICT", "wheel page"),
        # an extension built where no matching toolkit (or no GPU) was found
        ("RuntimeError: Not compiled with GPU support", "TOOLKIT_MISMATCH", "FORCE_CUDA"),
        # a Python C API function the interpreter lacks (3.6.0 has no PySlice_Unpack)
        ("Python 3.6.0 (default, Nov 17 2017)\n>>> m[:,1]=1\npython: symbol lookup error: /v/lib/python3.6/site-packages/"
         "torch/lib/libtorch_python.so: undefined symbol: PySlice_Unpack", "PYTHON_UNSUPPORTED", ""),
        # torch's capability warning retold in a title
        ("RTX 5070ti with CUDA capability sm_120 not compatible with the current PyTorch Instalation",
         "GPU_ARCH_UNSUPPORTED", ""),
    ],
)
def test_messages_of_packages_built_for_another_setup(text: str, cause: str, words: str) -> None:
    first = next(f for f in findings_of(text) if f.severity is Severity.ERROR)
    assert first.code == cause
    assert words in first.explanation


def test_a_package_check_whose_range_holds_the_torch_found_is_no_conflict() -> None:
    assert "PACKAGE_CONFLICT" not in errors_of("Kaolin requires PyTorch >=1.6.0, <=1.13.1, but found version 1.13.1")


def test_torchvisions_own_cuda_check_keeps_the_companions_words() -> None:
    text = ("RuntimeError: Detected that PyTorch and torchvision were compiled with different CUDA major versions. "
            "PyTorch has CUDA Version=13.0 and torchvision has CUDA Version=12.8.")
    first = next(f for f in findings_of(text) if f.severity is Severity.ERROR)
    assert first.code == "PACKAGE_CONFLICT" and "torchvision" in first.explanation


@pytest.mark.parametrize(
    ("text", "cause"),
    [
        ("After running install_torch_gpu.bat CUDA is still off. I checked: torch got installed into the system python "
         "instead of the program's own one.", "ENV_MISMATCH"),
        ("运行install_torch_gpu.bat后还是无法开启cuda加速，检查发现好像是安装到系统环境中去了", "ENV_MISMATCH"),
        # a denial or a question is no such report
        ("CUDA is still off. I did not install it into the system python, only into the venv.", ""),
        ("CUDA is still off. Should I install it into the system python?", ""),
    ],
)
def test_an_install_told_to_have_gone_into_another_python(text: str, cause: str) -> None:
    assert (cause in errors_of(text)) if cause else ("ENV_MISMATCH" not in errors_of(text))


@pytest.mark.parametrize(
    ("text", "cause", "words"),
    [
        # no NVIDIA GPU at all: an Apple chip told in Chinese, or "no GPU" beside torch's CUDA assertion
        ("Inference failed: Torch not compiled with CUDA enabled\n我用的是苹果M1芯片", "NO_NVIDIA_GPU", ""),
        ("I get the error \"Torch not compiled with CUDA enabled\". However, I do not have CUDA or any GPU available.",
         "NO_NVIDIA_GPU", ""),
        # HIP found no code object for the AMD GPU's gfx target
        ('"hipErrorNoBinaryForGpu: Unable to find code object for all current devices!"\nAborted (core dumped)',
         "GPU_ARCH_UNSUPPORTED", "HSA_OVERRIDE_GFX_VERSION"),
        # a package written for another torch release
        ("ImportError: cannot import name 'return_and_correct_aliasing' from 'torch.utils._python_dispatch'",
         "PACKAGE_CONFLICT", "a release of the package made for your torch"),
        ("ImportError: torch.utils.ffi is deprecated. Please use cpp extensions instead.", "PACKAGE_CONFLICT",
         "a release of the package made for your torch"),
        ("RuntimeError: Torch = 2.6.0+cu124 too new!", "PACKAGE_CONFLICT", "a release of the package made for your torch"),
    ],
)
def test_the_machine_or_the_package_decides(text: str, cause: str, words: str) -> None:
    first = next(f for f in findings_of(text) if f.severity is Severity.ERROR)
    assert first.code == cause
    assert words in first.explanation


def test_a_circular_import_of_a_file_named_torch_is_no_missing_name() -> None:
    text = ("ImportError: cannot import name '_VF' from partially initialized module 'torch' (most likely due to a "
            "circular import) (C:\\work\\torch.py)")
    assert "PACKAGE_CONFLICT" not in errors_of(text)


@pytest.mark.parametrize(
    ("text", "cause"),
    [
        # pip installed a torchaudio that pairs with another torch
        ("$ pip install torch==1.13.1 torchaudio --extra-index-url https://download.pytorch.org/whl/cpu\n"
         "Successfully installed torch-1.13.1 torchaudio-2.0.0", "PACKAGE_CONFLICT"),
        # a package's exact pin collected over the installed torch build
        ("Successfully installed torch-2.2.2+cu121 torchaudio-2.2.2+cu121 torchvision-0.17.2+cu121\n$ pip install torchtext\n"
         "Collecting torch==2.2.1 (from torchtext)\n  Downloading torch-2.2.1-cp311-cp311-manylinux1_x86_64.whl", "PACKAGE_CONFLICT"),
        # no wheel for a companion: a source build's version is on no index; Windows' old companions on PyTorch's only
        ("ERROR: No matching distribution found for torchvision==0.6.0a0+82fd1c8 (from -r requirements.txt (line 3))",
         "INDEX_VARIANT_MISSING"),
        ("C:\\Users\\me>pip install torchvision==0.3.0\nERROR: Could not find a version that satisfies the requirement "
         "torchvision==0.3.0 (from versions: 0.1.6, 0.2.2.post3)\nERROR: No matching distribution found for "
         "torchvision==0.3.0", "INDEX_VARIANT_MISSING"),
        ("Windows 10\nERROR: Could not find a version that satisfies the requirement torchaudio==0.4.0 (from versions: "
         "none)\nERROR: No matching distribution found for torchaudio==0.4.0", "PLATFORM_UNSUPPORTED"),
        # pip lists only older releases than the one asked for: this Python gets no newer wheel
        ("Python 3.8\nERROR: Could not find a version that satisfies the requirement torchvision==0.5 (from versions: "
         "0.1.6, 0.2.2, 0.2.2.post3)\nERROR: No matching distribution found for torchvision==0.5", "PYTHON_UNSUPPORTED"),
        ("Missing Windows Wheel for torchvision==0.11.2+cu111", "INDEX_VARIANT_MISSING"),
        # the container runtime finds no working host driver; inside WSL 2 that is the Windows driver
        ("docker: Error response from daemon: OCI runtime create failed: ... stderr: nvidia-container-cli: "
         "initialization error: nvml error: driver not loaded: unknown.", "DRIVER_MISSING"),
        ("root@DESKTOP:~# uname -r\n5.10.16.3-microsoft-standard-WSL2\nstderr: nvidia-container-cli: initialization "
         "error: driver error: failed to process request", "WSL_DRIVER"),
    ],
)
def test_installs_and_containers_read(text: str, cause: str) -> None:
    assert errors_of(text)[0] == cause


def test_a_package_pin_inside_the_installed_torch_replaces_nothing() -> None:
    text = "Successfully installed torch-2.2.1+cu121\nCollecting torch==2.2.1 (from torchtext)"
    assert "PACKAGE_CONFLICT" not in errors_of(text)


def test_the_oom_killers_word_counts_only_on_its_own_line() -> None:
    working = ("Running this against the bundled interpreter:\n  torch: 2.7.1+cu128 | available: True\n"
               "torch.cuda.is_available() returns True, but the engine still runs on the CPU; a full restart (engine "
               "process killed, not just the window) changes nothing.")
    assert verdict_of(working).key == "ready.gpu_program_on_cpu"
    assert verdict_of("Collecting torch==2.1.0\nKilled\n").kind is not VerdictKind.READY


def test_cuda_told_working_elsewhere_beside_a_program_on_the_cpu_is_never_ready() -> None:
    text = ("Windows 11. The application is working, but only the CPU device is shown as available. I am able to run "
            "the GPU version of pytorch on other projects like automatic1111.")
    assert facts_of(text).get("gpu_works_elsewhere") == "true"
    assert verdict_of(text).kind is not VerdictKind.READY


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('I have installed the right version of torch and the value of "torch.cuda.is_available()" is True.',
         {"cuda_available": "true"}),
    ],
)
def test_is_available_quoted_in_prose(text: str, expected: dict[str, str]) -> None:
    facts = facts_of(text)
    assert {key: facts.get(key) for key in expected} == expected


def test_the_last_line_of_torchs_capability_warning_alone() -> None:
    text = ("Run fails (CUDA error) - Linux/RTX3070\nThe current PyTorch install supports CUDA capabilities sm_37 sm_50 "
            "sm_60 sm_70.\nIf you want to use the NVIDIA GeForce RTX 3070 GPU with PyTorch, please check the "
            "instructions at https://pytorch.org/get-started/locally/")
    assert errors_of(text)[0] == "GPU_ARCH_UNSUPPORTED"


@pytest.mark.parametrize(
    ("text", "cause"),
    [
        # a Slurm job that asked for no GPU: the compute node gives it none
        ('python -c "import torch; print(torch.cuda.is_available())"\n# True  (login node)\n'
         'srun python -c "import torch; print(torch.cuda.is_available())"\n# False', "DRIVER_MISSING"),
        # conda's cudatoolkit=10.2 build on a driver whose CUDA is 10.1 (no minor-version compatibility before 11)
        ("conda install pytorch torchvision cudatoolkit=10.2 -c pytorch\nPytorch does not see GPUs\n"
         "| NVIDIA-SMI 418.67       Driver Version: 418.67       CUDA Version: 10.1     |", "DRIVER_TOO_OLD"),
        # inference on a machine without a GPU, beside torch's CUDA assertion
        ("Using the pre-trained model for inference on a CPU machine.\nAssertionError: Torch not compiled with CUDA "
         "enabled\nPyTorch: 1.9.0+cpu", "NO_NVIDIA_GPU"),
        # mmcv's ops built without CUDA
        ("RuntimeError: nms_impl: implementation for device cuda:0 not found.\nBut print(torch.cuda.is_available()) is "
         "True.", "PACKAGE_CONFLICT"),
    ],
)
def test_clusters_conda_builds_and_op_registries(text: str, cause: str) -> None:
    assert errors_of(text)[0] == cause


def test_a_slurm_job_that_asks_for_a_gpu_is_not_told_to_ask_for_one() -> None:
    text = ("#SBATCH --gres=gpu:4\nsrun python test.py\ntorch.cuda.is_available() returns False\n")
    first = next((f for f in findings_of(text) if f.severity is Severity.ERROR), None)
    assert first is None or "--gres" not in first.explanation


@pytest.mark.parametrize(
    ("text", "cause"),
    [
        # conda env create's not-found for a CUDA package of the channels the environment file lists
        ("C:\\work> conda env create -f environment.yml\nSolving environment: failed\n\nResolvePackageNotFound:\n"
         "  - cudatoolkit=11.1\n", "INDEX_VARIANT_MISSING"),
        # torchcodec's library built for a newer torch
        ("OSError: /x/site-packages/torchcodec/libtorchcodec_core6.so: undefined symbol: torch_dtype_float4_e2m1fn_x2",
         "PACKAGE_CONFLICT"),
    ],
)
def test_conda_environments_and_media_companions(text: str, cause: str) -> None:
    assert errors_of(text)[0] == cause
