"""A paste that shows a working setup gets ``ready``, never when an error is reported beside it (round 4).

The formats are the ones torch and people print: ``torch.cuda.is_available()`` / ``torch.backends.mps.is_available()``
in a REPL, a notebook or a print line, a tensor printed on a ``cuda``/``mps`` device, "runs on the GPU" in prose,
collect_env's "Is CUDA available" / "Is MPS available".
"""

from __future__ import annotations

import pytest

from tests.textdiag.pasted import diagnosis_of, facts_of, verdict_of
from wizard.engine import diagnose
from wizard.findings import Goal
from wizard.textdiag import goal_for_text, snapshot_from_text
from wizard.verdict import VerdictKind, reports_error, reports_failure

COLLECT_ENV_WORKING = """\
PyTorch version: 1.11.0
Is debug build: False
CUDA used to build PyTorch: 11.3
OS: Ubuntu 21.10 (x86_64)
Libc version: glibc-2.34
Python version: 3.8.12 (default, Oct 12 2021, 13:49:34)  [GCC 7.5.0] (64-bit runtime)
Python platform: Linux-5.15.32-051532-generic-x86_64-with-glibc2.17
Is CUDA available: True
GPU models and configuration: GPU 0: NVIDIA GeForce RTX 3090
Nvidia driver version: 510.47.03
"""




@pytest.mark.parametrize(
    ("text", "key"),
    [
        (">>> import torch\n>>> torch.cuda.is_available()\nTrue\n>>> torch.cuda.get_device_name(0)\n"
         "'NVIDIA GeForce RTX 3080'", "ready.gpu"),
        ("In [2]: torch.cuda.is_available()\nOut[2]: True", "ready.gpu"),
        ("I followed the CUDA on WSL guide and torch prints true from is_available() now.", "ready.gpu"),
        (">>> torch.ones(2, device='cuda')\ntensor([1., 1.], device='cuda:0')", "ready.gpu"),
        ("The training script runs fine on the GPU with torch 2.3.1.", "ready.gpu"),
        (">>> torch.cuda.get_device_name(0)\n'NVIDIA GeForce RTX 4070'", "ready.gpu"),
        ("In [3]: torch.cuda.device_count()\nOut[3]: 2", "ready.gpu"),
        # a notebook rendered to markdown (GitHub, a blog): the output follows a blank line
        ("!nvidia-smi\n| NVIDIA-SMI 527.99       Driver Version: 527.99       CUDA Version: 12.0     |\n\n"
         "In [3]:\ntorch.cuda.device_count()\n\n1", "ready.gpu"),
        (">>> torch.backends.mps.is_available()\nTrue", "ready.mps"),
        ('print("MPS available:", torch.backends.mps.is_available())\nMPS available: True', "ready.mps"),
        ('$ python -c "import torch; print(torch.__version__, torch.cuda.is_available())"\n2.3.1+cu121 True',
         "ready.gpu"),
        ("[pip3] exceptiongroup==1.2.0\npytest-rerunfailures==14.0\n" + COLLECT_ENV_WORKING, "ready.gpu"),
        (">>> torch.ones(1, device='mps')\ntensor([1.], device='mps:0')", "ready.mps"),
        # the environment reports of Hugging Face's, detectron2's and OpenMMLab's bug templates, and Lightning's log
        ("- `transformers` version: 4.36.2\n- Python version: 3.10.12\n- PyTorch version (GPU?): 2.1.2+cu121 (True)\n"
         "- Tensorflow version (GPU?): not installed (NA)\n", "ready.gpu"),
        ("- PyTorch version (accelerator?): 2.5.1+cu124 (CUDA)\n- GPU type: NVIDIA GeForce RTX 4090\n", "ready.gpu"),
        ("PyTorch                1.9.0+cu111\nPyTorch Debug Build    False\nCUDA available         True\n"
         "GPU 0,1,2,3            NVIDIA GeForce RTX 3090\n", "ready.gpu"),
        ("sys.platform: linux\nCUDA available: True\nGPU 0: Tesla V100-SXM2-32GB\n", "ready.gpu"),
        ("GPU available: True (cuda), used: True\nTPU available: False, using: 0 TPU cores\n", "ready.gpu"),
        ("GPU available: True (mps), used: True\n", "ready.mps"),
        # the CUDA device a tool names as the one it runs on: torch's device-properties repr, the YOLO banner,
        # ComfyUI's start log (beside the torch version it prints, the runtime then counts as available)
        ("Using CUDA device0 _CudaDeviceProperties(name='NVIDIA A10G', total_memory=22723MB)\n", "ready.gpu"),
        ("YOLOv5 v7.0-217 Python-3.9.17 torch-1.13.1+cu117 CUDA:0 (NVIDIA GeForce RTX 2080 SUPER, 7982MiB)\n",
         "ready.gpu"),
        ("Total VRAM 24564 MB, total RAM 65451 MB\npytorch version: 2.1.2+cu121\nSet vram state to: NORMAL_VRAM\n"
         "Device: cuda:0 NVIDIA GeForce RTX 4090 : cudaMallocAsync\nStarting server\n", "ready.gpu"),
        # on a Mac whose MPS works, torch.cuda.is_available() printing False is the expected answer
        ("M1 MacBook\n>>> torch.cuda.is_available()\nFalse\n>>> torch.backends.mps.is_available()\nTrue", "ready.mps"),
    ],
)
def test_a_working_setup_shown_is_ready(text: str, key: str) -> None:
    verdict = verdict_of(text)
    assert (verdict.kind, verdict.key) == (VerdictKind.READY, key)


@pytest.mark.parametrize(
    "text",
    [
        # the same REPL later prints False (another interpreter, a reinstall): not a working setup
        ">>> torch.cuda.is_available()\nTrue\n... after the update:\n>>> torch.cuda.is_available()\nFalse",
        # an error message beside the working check
        ">>> torch.cuda.is_available()\nTrue\n>>> torch.randn(5).to(2)\nRuntimeError: CUDA error: invalid device ordinal",
        # negated prose
        "It doesn't run on the GPU, only on the CPU.",
        "When installing, the msg is that my Nvidia version is too old.",
        '$ python -c "import torch; print(torch.__version__, torch.cuda.is_available())"\n2.3.1+cpu False',
        ">>> torch.cuda.device_count()\n0",
        "- PyTorch version (GPU?): 2.1.2+cu121 (False)\n- Using GPU in script?: yes",
        "GPU available: False, used: False\nTPU available: False, using: 0 TPU cores",
        # ComfyUI on the CPU, and the YOLO banner without CUDA
        "pytorch version: 2.1.2+cpu\nDevice: cpu\nTraceback (most recent call last):\nRuntimeError: boom",
        "Ultralytics 8.3.75 Python-3.8.19 torch-1.12.1+cu113 CPU (Intel Core(TM) i7-9750H 2.60GHz)\n"
        "AssertionError: Torch not compiled with CUDA enabled",
        "In [3]:\ntorch.cuda.device_count()\n\n0",
    ],
)
def test_a_failure_beside_or_instead_of_a_working_check_is_never_ready(text: str) -> None:
    assert verdict_of(text).kind is not VerdictKind.READY


def test_soft_failure_words_do_not_hide_a_working_collect_env() -> None:
    """"get_device_name fails to identify the card" reports a name bug, not an error: the setup shown works."""
    text = "`get_device_name` fails to identify RTX 3090 Ti\n\n" + COLLECT_ENV_WORKING
    assert reports_failure(text) and not reports_error(text)
    assert verdict_of(text).kind is VerdictKind.READY
    with_error = text + "\nRuntimeError: CUDA error: an illegal memory access was encountered\n"
    assert verdict_of(with_error).kind is not VerdictKind.READY


@pytest.mark.parametrize("template", [
    "### Error traceback\n\nno error\n",
    "**Error logs**\n\n(none)\n",
    "## Error message / Output\n\nIt runs without any errors, but slowly.\n",
])
def test_an_issue_forms_error_headings_and_an_error_denied_report_no_failure(template: str) -> None:
    """Issue forms ask for "### Error traceback" and people answer "no error": neither reports a failure."""
    text = f"ocr_predictor always use cpu not gpu\n\n{template}\n{COLLECT_ENV_WORKING}"
    assert not reports_failure(text)
    verdict = verdict_of(text)
    assert (verdict.kind, verdict.key) == (VerdictKind.READY, "ready.gpu_program_on_cpu")


@pytest.mark.parametrize("text", [
    "### Error traceback\n\nRuntimeError: CUDA error: no kernel image is available for execution on the device\n",
    "# RuntimeError: CUDA error: an illegal memory access was encountered\n",
    "No errors during install, but import torch fails with an error.\n",
])
def test_an_error_under_or_in_a_heading_still_reports_a_failure(text: str) -> None:
    assert reports_failure(text + COLLECT_ENV_WORKING)
    assert verdict_of(text + COLLECT_ENV_WORKING).kind is not VerdictKind.READY


def test_soft_failure_words_without_a_working_setup_still_report_a_failure() -> None:
    verdict = verdict_of("pip install torch fails on my laptop")
    assert verdict.kind is VerdictKind.CANNOT_TELL and verdict.key == "cannot_tell.unplaced_failure"


def test_lspci_with_only_an_intel_gpu_makes_a_missing_driver_no_nvidia_gpu() -> None:
    text = ("$ lspci | grep -i vga\n00:02.0 VGA compatible controller: Intel Corporation UHD Graphics 620 (rev 07)\n"
            "RuntimeError: Found no NVIDIA driver on your system. Please check that you have an NVIDIA GPU and installed "
            "a driver from http://www.nvidia.com/Download/index.aspx")
    snapshot = snapshot_from_text(text)
    assert [e.cause for e in snapshot.evidence if e.cause] == ["NO_NVIDIA_GPU"]


def test_collect_envs_libc_field_wins_over_the_interpreters_glibc() -> None:
    """"-with-glibc2.17" in Python platform is the glibc the interpreter was linked against, not the system's."""
    snapshot = snapshot_from_text(COLLECT_ENV_WORKING)
    assert snapshot.host.get().libc == "glibc 2.34"


@pytest.mark.parametrize(
    ("prose", "expected"),
    [
        ("torch.cuda.is_available() returns True", {"cuda_available": "true"}),
        ("torch.backends.mps.is_available()\nFalse", {"mps_available": "false"}),
        ("the tests ran successfully on CUDA", {"cuda_works": "true"}),
        ("nothing works on the GPU", {"cuda_works": None}),
        ("installed on a Windows machine without a CUDA-enabled GPU", {"no_nvidia_gpu": "true"}),
        ("I don't have an NVIDIA GPU", {"no_nvidia_gpu": "true"}),
        ("I don't have a GPU, only the CPU", {"no_nvidia_gpu": "true"}),
        ("my notebook has no graphics card", {"no_nvidia_gpu": "true"}),
        ("There is no CUDA GPU installed on the machine (it is Virtualbox virtual machine)", {"no_nvidia_gpu": "true"}),
        ("No CUDA GPUs are available", {"no_nvidia_gpu": None}),
        ("I don't have a GPU problem, it is the driver", {"no_nvidia_gpu": None}),
        ("笔记本没有独立显卡", {"no_nvidia_gpu": "true"}),
        # which WSL: the ticked box counts, not the template's other line; the WSL app's own version does not
        ("- [X] WSL 2\n- [ ] WSL 1", {"wsl_version": "2"}),
        ("WSL version: 2.1.5.0", {"wsl_version": None}),
        ("Linux-4.4.0-19041-Microsoft-x86_64-with-glibc2.29", {"wsl_version": "1"}),
        ("I'm running WSL 1 on Windows 10", {"wsl_version": "1"}),
        # lspci: only an integrated GPU, or an Optimus laptop whose NVIDIA line counts
        ("00:02.0 VGA compatible controller: Intel Corporation UHD Graphics 620 (rev 07)", {"gpu_vendor": "intel"}),
        ("00:02.0 VGA compatible controller: Intel Corporation UHD Graphics 630\n"
         "01:00.0 3D controller: NVIDIA Corporation TU117M [GeForce GTX 1650 Mobile] (rev a1)", {"gpu_vendor": "nvidia"}),
    ],
)
def test_working_and_absence_facts(prose: str, expected: dict[str, str | None]) -> None:
    facts = facts_of(prose)
    assert {key: facts.get(key) for key in expected} == expected


@pytest.mark.parametrize(
    ("build", "driver_cuda", "cause"),
    [
        ("2.5.1+cu124", "11.4", "DRIVER_TOO_OLD"),  # a CUDA 12 build on a driver of CUDA 11.4: never runs
        ("2.9.0+cu130", "12.8", "DRIVER_TOO_OLD"),
        ("2.5.1+cu118", "11.4", None),  # same major: CUDA's minor-version compatibility runs it, so not the proof
        ("2.5.1+cu121", "12.2", None),
    ],
)
def test_a_cuda_build_above_the_drivers_major_is_a_driver_too_old(build: str, driver_cuda: str, cause: str | None) -> None:
    text = (f"torch {build}\ntorch.cuda.is_available() False\n"
            f"| NVIDIA-SMI 470.82.01    Driver Version: 470.82.01    CUDA Version: {driver_cuda}     |\n")
    causes = [e.cause for e in snapshot_from_text(text).evidence if e.cause]
    assert causes == ([cause] if cause else [])


@pytest.mark.parametrize(
    "text",
    [
        # PyPI publishes only CPU builds for Windows and macOS: the wheel pip downloaded and installed says so
        "Collecting torch\n  Downloading torch-2.3.1-cp311-cp311-win_amd64.whl (159.8 MB)\nSuccessfully installed "
        "torch-2.3.1\n>>> torch.cuda.is_available()\nFalse\nI have an RTX 3060 laptop.",
        # torch.version.cuda printed None: a build without CUDA
        ">>> print(torch.version.cuda)\nNone\n>>> torch.cuda.is_available()\nFalse\nMy GPU is an NVIDIA RTX 4070.",
        # conda's build string names the CPU build
        "pytorch                   2.0.1               py3.10_cpu_0    pytorch\n"
        "torch.cuda.is_available() is False, I have an RTX 3080",
    ],
)
def test_a_cpu_build_shown_beside_an_nvidia_gpu_is_the_cpu_wheel(text: str) -> None:
    snapshot = snapshot_from_text(text)
    runtime = snapshot.torch.get()
    assert runtime is not None and runtime.cuda == "" and not runtime.cuda_available
    diagnosis = diagnose(snapshot, goal=goal_for_text(snapshot, Goal()))
    assert diagnosis.errors and diagnosis.errors[0].code == "CPU_ONLY_WHEEL"


def test_a_pypi_wheel_only_downloaded_is_not_an_installed_build() -> None:
    text = "Downloading torch-2.3.1-cp311-cp311-win_amd64.whl (159.8 MB)\nERROR: Exception: the download failed"
    assert snapshot_from_text(text).torch.get() is None


@pytest.mark.parametrize("text", [
    "I have a Dell XPS 13 with Iris Xe graphics. torch.cuda.is_available() returns False",
    "MacBook Air M2\n>>> torch.cuda.is_available()\nFalse",
    "This PC has no dedicated GPU.\nIn [2]: torch.cuda.is_available()\nOut[2]: False",
])
def test_cuda_unavailable_where_the_text_shows_no_nvidia_gpu_is_no_nvidia_gpu(text: str) -> None:
    snapshot = snapshot_from_text(text)
    assert [e.cause for e in snapshot.evidence if e.cause] == ["NO_NVIDIA_GPU"]
    verdict = verdict_of(text)
    assert verdict.kind is VerdictKind.NOT_READY


@pytest.mark.parametrize("text", [
    "RTX 3060 laptop, torch.cuda.is_available() returns False",  # an NVIDIA GPU is named: cannot tell why yet
    "Intel UHD Graphics 620 and a GeForce MX250; torch.cuda.is_available() returns False",
    "torch.cuda.is_available() returns False",  # nothing about the GPU at all
])
def test_cuda_unavailable_with_an_nvidia_gpu_or_no_gpu_facts_is_not_no_nvidia_gpu(text: str) -> None:
    assert "NO_NVIDIA_GPU" not in [e.cause for e in snapshot_from_text(text).evidence]
    assert verdict_of(text).kind is not VerdictKind.READY  # (the CPU-only build most likely: test_likely_cause.py)


@pytest.mark.parametrize("text", [
    "torch.cuda.is_available()应该返回True",  # "should return True": a wish, not what happened
    "I expect torch.cuda.is_available True here",
    "torch.cuda.is_available() returned True before I updated the driver; now it says False",  # a past state
    "The README says to check it:\nprint(torch.cuda.is_available())  # True",  # a tutorial's expected output
])
def test_is_available_true_told_in_words_is_never_a_working_setup(text: str) -> None:
    assert facts_of(text).get("cuda_available") != "true"
    assert verdict_of(text).kind is not VerdictKind.READY


def test_is_available_false_told_in_words_is_read() -> None:
    assert facts_of("我的 torch.cuda.is_available()只会返回false")["cuda_available"] == "false"


@pytest.mark.parametrize("error", [
    "RuntimeError: no tokenizer was found",
    "ValueError: too many values to unpack (expected 2)",
])
def test_a_working_setup_beside_an_error_of_the_program_itself_is_ready(error: str) -> None:
    verdict = verdict_of(f"{error}\n\n{COLLECT_ENV_WORKING}")
    assert verdict.kind is VerdictKind.READY
    assert verdict.key == "ready.gpu_other_error"


@pytest.mark.parametrize("error", [
    "RuntimeError: CUDA error: an illegal memory access was encountered",
    "RuntimeError: Expected all tensors to be on the same device, but found at least two devices",
    "ImportError: cannot import name 'packaging' from 'pkg_resources'",
    "Segmentation fault (core dumped)",
    "RuntimeError: operator torchvision::nms does not exist",
    # setup errors whose line names neither torch nor CUDA
    "RuntimeError: cuFFT error: CUFFT_INTERNAL_ERROR",
    "OSError: [WinError 1455] The paging file is too small for this operation to complete",
    "Windows fatal exception: access violation",
    "error: Microsoft Visual C++ 14.0 or greater is required. Get it with \"Microsoft C++ Build Tools\"",
    "RuntimeError: Ninja is required to load C++ extensions",
    "ERROR: No matching distribution found for flash-attn",
    "subprocess.CalledProcessError: Command '['ninja', '-v']' returned non-zero exit status 1.",
    "RuntimeError: Expected is_sm80 || is_sm90 to be true, but got false.",
])
def test_an_error_that_names_the_setup_is_never_ready_beside_it(error: str) -> None:
    assert verdict_of(f"{error}\n\n{COLLECT_ENV_WORKING}").kind is not VerdictKind.READY


@pytest.mark.parametrize("failure", [
    "I get an error when I start the webui",
    "我运行的时候报错了",
    "The bounding box prediction does not work, I get an error",
])
def test_a_failure_told_without_its_error_beside_a_working_setup_is_not_called_the_programs(failure: str) -> None:
    verdict = verdict_of(f"{failure}\n\n{COLLECT_ENV_WORKING}")
    assert verdict.kind is VerdictKind.CANNOT_TELL  # the error itself is needed to tell whose it is


@pytest.mark.parametrize("failure", [
    "It doesn't work.",
    "[Bug]: InternVL bounding box prediction does not work",
    "The sampler is not working as the paper says",
])
def test_something_not_working_told_in_words_naming_nothing_of_the_setup_beside_a_working_setup_is_ready(
        failure: str) -> None:
    verdict = verdict_of(f"{failure}\n\n{COLLECT_ENV_WORKING}")
    assert (verdict.kind, verdict.key) == (VerdictKind.READY, "ready.gpu_problem_elsewhere")


@pytest.mark.parametrize("failure", [
    "CUDA does not work in my notebook",
    "The GPU is not working, training fails",
    "torch doesn't work after the driver update",
])
def test_something_of_the_setup_not_working_beside_a_working_setup_is_never_ready(failure: str) -> None:
    assert verdict_of(f"{failure}\n\n{COLLECT_ENV_WORKING}").kind is not VerdictKind.READY


MMCV_ENV_WORKING = ("KeyError: 'GroupFree3DNet is not in the detector registry'\n\nsys.platform: linux\n"
                    "Python: 3.6.9 (default, Nov  7 2019, 10:44:02) [GCC 8.3.0]\nCUDA available: True\n"
                    "GPU 0: GeForce GTX 1080 Ti\nCUDA_HOME: /usr/local/cuda\n")


def test_another_tools_environment_report_showing_cuda_working_beside_the_programs_own_error_is_ready() -> None:
    # (OpenMMLab's collect_env: "CUDA available: True"; no torch version, so no runtime, but CUDA is shown working)
    verdict = verdict_of(MMCV_ENV_WORKING)
    assert (verdict.kind, verdict.key) == (VerdictKind.READY, "ready.gpu_other_error")
    assert verdict_of(MMCV_ENV_WORKING + "RuntimeError: CUDA error: an illegal memory access was encountered\n").kind \
        is not VerdictKind.READY  # (an error naming the setup is never the program's own; a device-side assert is)


@pytest.mark.parametrize(("line", "fact"), [
    # LlamaFactory's environment report: "(GPU)" only where transformers' is_torch_cuda_available() is True
    ("- PyTorch version: 2.3.0+cu121 (GPU)", {"cuda_available": "true", "torch_version": "2.3.0+cu121"}),
    # Hugging Face trainers' device log line
    ("[INFO|parser.py:355] >> Process rank: 0, device: cuda:0, n_gpu: 1,", {"cuda_works": "true"}),
])
def test_training_tools_reports_of_cuda_working_are_read(line: str, fact: dict[str, str]) -> None:
    facts = facts_of(line)
    assert {key: facts.get(key) for key in fact} == fact
    assert "cuda_available" not in facts_of("- PyTorch version: 2.3.0+cu121")


OUT_OF_MEMORY = ('Traceback (most recent call last):\n  File "train.py", line 88, in <module>\n    loss.backward()\n'
                 "torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB. GPU 0 has a total capacity "
                 "of 7.78 GiB of which 1.02 GiB is free.")


@pytest.mark.parametrize("text", [
    OUT_OF_MEMORY,
    "RuntimeError: CUDA out of memory. Tried to allocate 20.00 MiB (GPU 0; 3.95 GiB total capacity; 3.31 GiB already "
    "allocated; 6.50 MiB free; 3.36 GiB reserved in total by PyTorch)",
])
def test_the_cuda_allocator_out_of_memory_is_a_working_gpu_and_the_programs_size(text: str) -> None:
    verdict = verdict_of(text)
    assert verdict.kind is VerdictKind.READY and verdict.key == "ready.gpu_out_of_memory"
    recommendation = diagnosis_of(text).recommendation
    assert recommendation is not None and recommendation.kind == "none" and not recommendation.argv  # (no reinstall)


def test_out_of_memory_beside_a_failure_of_the_setup_is_not_ready() -> None:
    text = OUT_OF_MEMORY + "\nThen after a reboot: RuntimeError: Found no NVIDIA driver on your system."
    assert verdict_of(text).kind is not VerdictKind.READY


@pytest.mark.parametrize("error", [
    "RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! "
    "(when checking argument for argument mat1 in method wrapper_CUDA_addmm)",
    "RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same",
    "RuntimeError: Expected object of device type cuda but got device type cpu for argument #1 'self' in call to "
    "_thnn_conv2d_forward",
    "RuntimeError: Input and parameter tensors are not at the same device, found input tensor at cpu and parameter "
    "tensor at cuda:0",
    "RuntimeError: CUDA error: device-side assert triggered\nCUDA kernel errors might be asynchronously reported at "
    "some other API call, so the stacktrace below might be incorrect.\nFor debugging consider passing "
    "CUDA_LAUNCH_BLOCKING=1.",
])
def test_tensors_on_two_devices_or_a_kernels_own_assert_are_the_programs_error_on_a_working_gpu(error: str) -> None:
    text = f'Traceback (most recent call last):\n  File "main.py", line 40, in <module>\n    out = model(x)\n{error}'
    verdict = verdict_of(text)
    assert verdict.kind is VerdictKind.READY and verdict.key == "ready.gpu_other_error"


def test_two_cpu_tensor_types_prove_no_gpu() -> None:
    text = "RuntimeError: Input type (torch.FloatTensor) and weight type (torch.DoubleTensor) should be the same"
    assert verdict_of(text).kind is not VerdictKind.READY
    assert "cuda_works" not in facts_of(text)


def test_torchs_advice_under_a_cuda_error_does_not_hide_the_error_itself() -> None:
    text = ("RuntimeError: CUDA error: no kernel image is available for execution on the device\nCUDA kernel errors "
            "might be asynchronously reported at some other API call, so the stacktrace below might be incorrect.")
    assert verdict_of(text).kind is VerdictKind.NOT_READY


@pytest.mark.parametrize("said", ["torch.cuda.is_available() 返回为True", "torch.cuda.is_available()返回True",
                                  "torch.cuda.is_available() devuelve True", "torch.cuda.is_available() возвращает True"])
def test_is_available_told_with_the_verb_of_another_language_is_read(said: str) -> None:
    assert facts_of(said).get("cuda_available") == "true"


def test_a_kernels_assert_lines_and_indices_on_another_device_beside_a_working_gpu_are_the_programs() -> None:
    text = ("Using torch 1.13.1 CUDA:0 (NVIDIA GeForce GTX 1650, 4095MB)\n"
            "/pytorch/aten/src/ATen/native/cuda/IndexKernel.cu:60: block: [0,0,0], thread: [0,0,0] Assertion "
            '`index >= -sizes[i] && index < sizes[i] && "index out of bounds"` failed.\n'
            "RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)")
    assert verdict_of(text).kind is VerdictKind.READY


def test_a_collect_env_version_with_words_added_after_it_is_the_version() -> None:
    text = ("PyTorch version: 1.9.0 (this problem can be reproduced in 1.8.1 as well)\nIs debug build: False\n"
            "CUDA used to build PyTorch: 10.2\nIs CUDA available: True\n")
    assert facts_of(text).get("torch_version") == "1.9.0"


def test_an_operator_the_mps_backend_lacks_beside_mps_shown_available_is_the_programs() -> None:
    text = ("NotImplementedError: Could not run 'aten::empty.memory_format' with arguments from the 'SparseMPS' "
            "backend. This could be because the operator doesn't exist for this backend.\n\n"
            "Both `torch.backends.mps.is_available()` and `torch.backends.mps.is_built()` are true.")
    assert facts_of(text).get("mps_available") == "true"
    assert verdict_of(text).key == "ready.mps_other_error"


def test_an_operator_missing_from_the_cuda_backend_is_never_the_programs_own() -> None:
    text = ("NotImplementedError: Could not run 'torchvision::nms' with arguments from the 'CUDA' backend.\n"
            ">>> torch.cuda.is_available()\nTrue")
    assert verdict_of(text).kind is not VerdictKind.READY


@pytest.mark.parametrize(("line", "key"), [("Using cuda device", "ready.gpu"), ("Using mps device", "ready.mps")])
def test_the_quickstart_tutorials_device_line_shows_the_device_working(line: str, key: str) -> None:
    assert verdict_of(line).key == key


@pytest.mark.parametrize("text", [
    # (a CUDA error run onto one line with torch's advice: the advice is cut out, the error stays)
    "I have an RTX 3060 on WSL2 and torch.cuda.is_available() returns True but anything I do fails with RuntimeError: "
    "CUDA error: operation not supported CUDA kernel errors might be asynchronously reported at some other API call, "
    "so the stacktrace below might be incorrect. For debugging consider passing CUDA_LAUNCH_BLOCKING=1.",
    # (accelerate's own device is the CPU: the training process does not use CUDA)
    ">>> torch.cuda.is_available()\nTrue\n(venv) C:\\kohya_ss> accelerate launch train_network.py\n"
    "ValueError: fp16 mixed precision requires a GPU (not 'cpu').",
    # (a torchvision operator missing on MPS is torchvision's build, not PyTorch's feature gap)
    "Both `torch.backends.mps.is_available()` and `torch.backends.mps.is_built()` are true.\n"
    "NotImplementedError: Could not run 'torchvision::nms' with arguments from the 'MPS' backend.",
])
def test_a_setup_error_beside_a_program_error_phrase_is_never_ready(text: str) -> None:
    assert verdict_of(text).kind is not VerdictKind.READY
