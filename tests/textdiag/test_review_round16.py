"""The readings added from rounds 16-17 do not fire where their words appear for another reason (a review's cases)."""

from __future__ import annotations

import pytest

from tests.textdiag.pasted import diagnosis_of, errors_of, facts_of, first_error, verdict_of
from wizard.verdict import VerdictKind

CONDA_AARCH64 = ("conda install pytorch torchvision pytorch-cuda=12.1 -c pytorch -c nvidia\n"
                 "PackagesNotFoundError: The following packages are not available from current channels:\n\n"
                 "  - pytorch-cuda=12.1\n\nCurrent channels:\n\n  - https://conda.anaconda.org/pytorch/linux-aarch64\n"
                 "  - https://conda.anaconda.org/nvidia/linux-aarch64\n")


@pytest.mark.parametrize(("text", "not_this"), [
    # pip's own "requires X, which is not installed" is torch missing, not a companion built for another torch
    ("torchvision 0.15.2 requires torch==2.0.1, which is not installed.", "PACKAGE_CONFLICT"),
    # PyTorch's page only mentioned, not used by pip: the +cu121 build is what PyPI lacks, not this platform
    ("$ pip install torch==2.1.0+cu121\nERROR: Could not find a version that satisfies the requirement "
     "torch==2.1.0+cu121 (from versions: 2.0.0, 2.0.1, 2.1.0, 2.1.1)\nThe README says to use -f "
     "https://download.pytorch.org/whl/torch_stable.html but I skipped that\n", "PLATFORM_UNSUPPORTED"),
    # CUDA unusable, with Jupyter only mentioned: not another Python
    ("torch imports fine in cmd but CUDA is not available; I don't use jupyter", "ENV_MISMATCH"),
    # Colab as the place where it works
    ("torch.cuda.is_available() returns False on my own PC, but the same notebook works fine in colab.", "NO_NVIDIA_GPU"),
    # "docker run" in a sentence
    ("I installed docker but never used it (docker run hello-world works). On the host: torch.cuda.is_available() "
     "returns False", "DRIVER_MISSING"),
    # the channel is there and the subdir is aarch64: no such CUDA package for this platform, not a channel to add
    (CONDA_AARCH64, "INDEX_VARIANT_MISSING"),
    # pip not finding an installed torch (another environment), not a version it cannot find
    ("pip can't find torch but python can import it. pip show torch says WARNING: Package(s) not found: torch",
     "PYTHON_UNSUPPORTED"),
])
def test_a_reading_does_not_fire_on_its_words_in_another_sense(text: str, not_this: str) -> None:
    assert not_this not in errors_of(text)[:1]


def test_conda_reads_its_platform_from_the_channel_subdir() -> None:
    assert {key: facts_of(CONDA_AARCH64).get(key) for key in ("os", "machine")} == {"os": "linux", "machine": "aarch64"}
    assert facts_of("Current channels:\n  - https://repo.anaconda.com/pkgs/main/win-32\n").get("python_bits") == "32"


def test_a_mac_named_beside_a_linux_server_does_not_make_the_pip_error_a_mac_one() -> None:
    text = ("I ssh from my MacBook into our lab server.\n$ pip install torch==2.1.0+cu121\nERROR: Could not find a "
            "version that satisfies the requirement torch==2.1.0+cu121 (from versions: 2.0.0, 2.1.0)\n")
    assert errors_of(text)[:1] == ["INDEX_VARIANT_MISSING"]


def test_a_bundled_cuda_build_replaced_by_a_pip_install_is_no_longer_known() -> None:
    text = ("My comfyui portable with RTX 3060 fails: torch.cuda.is_available() False. I did pip install torch in "
            "python_embeded earlier.\nIf you see this and ComfyUI did not start try updating your Nvidia Drivers to "
            "the latest.\n")
    assert "DRIVER_TOO_OLD" not in errors_of(text)


def test_cuda_working_told_in_words_does_not_make_a_traceback_the_programs_own() -> None:
    text = ("It worked on the GPU yesterday. Today:\nTraceback (most recent call last):\n  File \"a.py\", line 1, in "
            "<module>\nKeyError: 'x'\n")
    assert verdict_of(text).kind is not VerdictKind.READY


def test_other_programs_using_the_gpu_right_now_in_chinese_is_no_statement_that_it_works_elsewhere() -> None:
    assert "gpu_works_elsewhere" not in facts_of("其他程序正在使用GPU，会不会有影响？")


# ---- the session's second review (rounds 22-23 readings): texts a reviewer wrote to break them


def test_a_cpu_run_asked_for_is_no_complaint() -> None:
    text = ("NVIDIA GeForce RTX 3060 12GB. I'm running whisper on CPU on purpose (GPU is busy with SD):\n"
            "$ whisper audio.mp3 --device cpu --model small\nUsing device: cpu")
    assert errors_of(text) == []


def test_a_cuda_extension_lacking_a_procedure_is_built_for_another_torch() -> None:
    text = ("flash_attn-2.7.4+cu124torch2.6.0cxx11abiFALSE-cp310-cp310-win_amd64.whl\n"
            "ImportError: DLL load failed while importing flash_attn_2_cuda: The specified procedure could not be found.")
    assert errors_of(text)[:1] == ["PACKAGE_CONFLICT"]


@pytest.mark.parametrize("text", [
    "My GPU doesn't support CUDA 12.1 so I installed the CUDA 11.8 toolkit, but torch.cuda.is_available() is still False.",
    "Windows 11, Intel(R) UHD Graphics 630 and an RTX card, how do I use my GPU? torch 2.3.1+cu121",
])
def test_a_cuda_version_limit_or_a_cuda_build_beside_intel_graphics_is_no_missing_nvidia_gpu(text: str) -> None:
    assert "NO_NVIDIA_GPU" not in errors_of(text)


@pytest.mark.parametrize("line", ["CUDA_VISIBLE_DEVICES=$GPU python train.py", "CUDA_VISIBLE_DEVICES=${GPU_ID:-0} python x.py",
                                  'os.environ["CUDA_VISIBLE_DEVICES"] = args.gpu'])
def test_cuda_visible_devices_set_from_a_variable_is_not_read_as_hiding_the_gpu(line: str) -> None:
    assert "cuda_visible_devices" not in facts_of(line)


def test_a_screen_resolution_is_no_geforce_card() -> None:
    assert "gpu_name" not in facts_of("My graphics card is 1080p capable")


def test_pip_already_satisfied_in_a_mamba_environment_names_no_cpu_build() -> None:
    text = ("Requirement already satisfied: torch in c:\\users\\me\\mambaforge\\envs\\sd\\lib\\site-packages (2.5.1)\n"
            "print(torch.cuda.is_available())\nFalse")
    assert first_error(text).title.startswith("Most likely")


def test_a_cuda_error_beside_is_available_true_gets_no_words_of_a_gpu_shown_working() -> None:
    text = (">>> torch.cuda.is_available()\nTrue\n>>> torch.tensor(1).cuda()\n"
            "RuntimeError: CUDA error: all CUDA-capable devices are busy or unavailable")
    recommendation = diagnosis_of(text).recommendation
    assert recommendation is None or "shows PyTorch using" not in recommendation.why
