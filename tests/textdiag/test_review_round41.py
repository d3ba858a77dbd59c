"""A review of the rounds 40-41 readings with invented texts (never corpus texts): each case is a paste a helpdesk would
answer differently from what the engine said before the fix, or a near miss of a new reading."""

from __future__ import annotations

import pytest

from tests.textdiag.pasted import assert_answer, diagnosis_of, first_error, review_params, verdict_of
from tests.textdiag.test_working_setup import COLLECT_ENV_WORKING
from wizard.verdict import VerdictKind

CASES = [
    ("stale_range_warning_then_working",
     "UserWarning:\n    Found GPU0 NVIDIA GeForce RTX 5090 which is of cuda capability 12.0.\n    Minimum and Maximum "
     "cuda capability supported by this version of PyTorch is\n    (5.0) - (9.0)\n\nthis was yesterday. Today after "
     "`pip install torch==2.7.1 --index-url https://download.pytorch.org/whl/cu128` everything works:\n>>> "
     "torch.__version__\n'2.7.1+cu128'\n>>> torch.cuda.is_available()\nTrue\n>>> torch.rand(1, device='cuda')\n"
     "tensor([0.3817], device='cuda:0')\n", None, "ready"),
    ("bottleneck_on_cpu_is_speed",
     "Training is bottlenecked on the CPU, not GPU: nvidia-smi utilization sits around 35%.\n" + COLLECT_ENV_WORKING,
     None, "ready"),
    ("venv_with_prompt_is_its_own_pip",
     "PS C:\\work> python -m venv --prompt ml .venv\n(ml) PS C:\\work> where.exe pip\nC:\\work\\.venv\\Scripts\\pip.exe\n"
     "(ml) PS C:\\work> pip install torch==2.3.0\nERROR: Could not find a version that satisfies the requirement "
     "torch==2.3.0 (from versions: 2.5.0, 2.5.1, 2.6.0)\nERROR: No matching distribution found for torch==2.3.0\n",
     "PYTHON_UNSUPPORTED", None),
    ("musl_message_of_another_package_in_a_folder_named_torch",
     "ImportError: Error relocating /home/app/torchserve-demo/.venv/lib/python3.11/site-packages/scipy/special/"
     "_ufuncs.cpython-311-x86_64-linux-gnu.so: __sprintf_chk: symbol not found\n", None, None),
    ("quoted_no_kernel_image_beside_cpu_build",
     'on my RTX 5090 I get "no kernel image is available for execution on the device" when generating.\n>>> '
     "torch.__version__\n'2.7.1+cpu'\n>>> torch.cuda.is_available()\nFalse\n", "CPU_ONLY_WHEEL", "not_ready"),
    ("rocm_build_working",
     "torch 2.3.1+rocm6.0\nDevice: cuda:0 AMD Radeon RX 7900 XTX\n>>> torch.cuda.is_available()\nTrue\n", None, "ready"),
    ("xformers_beside_a_torch_that_cannot_use_the_gpu",
     "WARNING[XFORMERS]: xFormers can't load C++/CUDA extensions. xFormers was built for:\n    PyTorch 2.1.0+cu121 "
     "with CUDA 1201 (you have 2.1.2+cu121)\n    Python  3.10.11 (you have 3.10.11)\nTraceback (most recent call last):\n"
     "  File \"launch.py\", line 48, in <module>\nRuntimeError: Torch is not able to use GPU; add --skip-torch-cuda-test "
     "to COMMANDLINE_ARGS variable to disable this check\n", "NO_NVIDIA_GPU", "not_ready"),
    ("error_denied_in_german", "Installation ohne Fehler abgeschlossen.\n" + COLLECT_ENV_WORKING, None, "ready"),
    ("error_denied_in_spanish", "Instalé todo sin errores.\n" + COLLECT_ENV_WORKING, None, "ready"),
]


@pytest.mark.parametrize(("text", "first", "verdict"), review_params(CASES))
def test_review41(text: str, first: str | None, verdict: str | None) -> None:
    assert_answer(text, first, verdict)


def test_a_failure_told_after_no_errors_is_still_a_failure() -> None:
    text = "The install went through with no errors, but the webui says Torch is not able to use GPU.\n"
    assert verdict_of(text).kind is not VerdictKind.READY
    assert verdict_of(text).key != "cannot_tell.too_little"


BLACKWELL_ISSUE_FORM = """\
### 🐛 Describe the bug
RuntimeError: CUDA error: no kernel image is available for execution on the device

### Versions
PyTorch version: 2.4.1+cu121
CUDA used to build PyTorch: 12.1
OS: Ubuntu 22.04.4 LTS (x86_64)
Python version: 3.11.9 (main, Apr 19 2024, 16:48:06) [GCC 11.2.0] (64-bit runtime)
Is CUDA available: True
GPU models and configuration: GPU 0: NVIDIA GeForce RTX 5080
Nvidia driver version: 570.124.04
"""


def test_is_available_true_beside_no_kernel_image_does_not_keep_the_build() -> None:
    """'Keep torch 2.4.1+cu121: it is the right build' would keep a build without kernels for sm_120."""
    recommendation = diagnosis_of(BLACKWELL_ISSUE_FORM).recommendation
    assert recommendation.argv and not recommendation.keeps
    assert any("+cu128" in part or "+cu129" in part or "+cu13" in part for part in recommendation.argv)


@pytest.mark.parametrize("text", [
    "root@node:/# nvidia-smi\nFailed to initialize NVML: Unknown Error\n>>> torch.__version__\n'2.5.1+cu124'\n",
    "/home/me/.venv/bin/python3: No module named pip\n",
    "Using CPython 3.14.0\n  × No solution found when resolving dependencies:\n  ╰─▶ Because torch{sys_platform == "
    "'linux'}==2.8.0 has no wheels with a matching Python ABI tag (e.g. `cp314`) and your project depends on "
    "torch==2.8.0, we can conclude that your project's requirements are unsatisfiable.\n",
    "[09:12:01] /opt/dgl/src/runtime/tensordispatch.cc:43: TensorDispatcher: dlopen failed: /env/lib/python3.10/"
    "site-packages/dgl/tensoradapter/pytorch/libtensoradapter_pytorch_2.4.0.so: cannot open shared object file: No "
    "such file or directory\n",
])
def test_no_torch_install_is_recommended_where_the_fix_is_elsewhere(text: str) -> None:
    recommendation = diagnosis_of(text).recommendation
    assert recommendation.kind == "none" and not recommendation.argv


def test_uvs_missing_wheel_is_told_in_uvs_words() -> None:
    text = ("  ╰─▶ Because torch{sys_platform == 'linux'}==2.8.0 has no wheels with a matching Python ABI tag (e.g. "
            "`cp314`), we can conclude that your project's requirements are unsatisfiable.\n")
    finding = first_error(text)
    assert finding.code == "PYTHON_UNSUPPORTED" and "uv sync" in finding.explanation


@pytest.mark.parametrize("marker", ["FROM python:3.11-alpine", "FROM alpine:3.19", "$ cat /etc/alpine-release\n3.19.1",
                                    "RUN apk add --no-cache py3-pip"])
def test_an_alpine_system_without_wheels_gets_the_musl_words_and_no_install(marker: str) -> None:
    text = (f"{marker}\nRUN pip install torch\nERROR: Could not find a version that satisfies the requirement torch "
            "(from versions: none)\nERROR: No matching distribution found for torch\n")
    finding = first_error(text)
    assert finding.code == "PLATFORM_UNSUPPORTED" and "musl" in finding.title
    assert not diagnosis_of(text).recommendation.argv
