"""A CPU build of torch where CUDA was wanted, read the ways people and tools show it beside the "+cpu" version.

The person says so ("it installs the cpu only version", 默认是cpu版本); conda prints the pytorch channel's CPU build
strings and packages (py3.8_cpu_0, pytorch-mutex 1.0 cpu, cpuonly) or conda-forge's (cpu_mkl_py310h…); a "+cpu" pin or
the /whl/cpu index is named while nothing names a CUDA build. CUDA was wanted when is_available() printed False, a
CUDA index or conda's cudatoolkit / pytorch-cuda was asked for, or the program "uses the CPU instead of the GPU".
"""

from __future__ import annotations

import pytest

from tests.textdiag.pasted import errors_of, facts_of
from wizard.evidence import is_possible_cause as evidence_is_possible
from wizard.textdiag import snapshot_from_text


def possible(text: str) -> list[str]:
    return [e.cause for e in snapshot_from_text(text).evidence if evidence_is_possible(e)]


@pytest.mark.parametrize("told", [
    "for some people when installing pytorch it installs the cpu only version",
    "the update uninstalls torch and only the CPU version will be reinstalled",
    "it broke my installation by forcing a non-CUDA version of Torch to be installed",
    "The openai-whisper package installed Torch without the CUDA version",
    "it shows that I installed pytorch_cpu rather than pytorch_cuda",
    "this line currently only installs cpu versions of pytorch",
    "the instructions mislead to accidental installation of pytorch without cuda",
    "requirements里torch install时默认是cpu版本",
    "教程中默认安装的torch是cpu版本 怎么安装gpu版本呢？",
    "自动安装的torch选择的是cpu版，对于有显卡的电脑来说有点浪费性能",
    "安装的torch变成了cpu版",
    # "when" and an action done in the passive: what happened, as "when I install it"
    "When suite2p is installed, it automatically installs pytorch with CPU support only",
])
def test_the_person_saying_a_cpu_build_got_installed_is_a_fact(told: str) -> None:
    assert facts_of(told).get("torch_build_told") == "cpu"


@pytest.mark.parametrize("not_told", [
    "I want to install the CPU only version to save disk space",
    "Can we not default to installing the CPU version of torch?",
    "Does pip install the CPU version on Windows?",
    "pip install -e .[torch] 安装的是cpu版本的torch吗",
    "安装的torch用的是cpu版吗",
    "安装的torch不是cpu版",
    "I uninstalled it and installed the GPU version instead of the CPU version",
    "I got the CPU version working, but the GPU version fails",
    "conda install pytorch-cpu -c pytorch",
    "If suite2p is installed, it installs pytorch with CPU support only",  # (after "if": a hypothesis)
])
def test_a_wish_a_denial_or_a_yes_no_question_is_no_such_fact(not_told: str) -> None:
    assert "torch_build_told" not in facts_of(not_told)


@pytest.mark.parametrize("conda", [
    "    pytorch-1.12.1             |      py3.8_cpu_0       133.8 MB  pytorch",
    "`mamba env create` installs the CPU version of PyTorch (`py3.9_cpu_0`)",
    "pytorch-mutex             1.0                         cpu    pytorch",
    "cpuonly                   2.0                           0    pytorch",
    "  pytorch                   2.1.2           cpu_mkl_py310h9b4e8dc_100    conda-forge",
])
def test_conda_build_strings_and_packages_of_cpu_builds(conda: str) -> None:
    assert facts_of(conda).get("conda_cpu_build") == "true"


def test_a_conda_cuda_build_is_no_cpu_build_and_names_a_cuda_build() -> None:
    row = "pytorch                   1.11.0          py3.8_cuda11.3_cudnn8.2.0_0    pytorch"
    facts = facts_of(row)
    assert "conda_cpu_build" not in facts and facts.get("cuda_build_named") == "true"


@pytest.mark.parametrize(("spec", "cuda"), [
    ("conda install pytorch==1.12.1 torchvision==0.13.1 cudatoolkit=10.2 -c pytorch", "10.2"),
    ("  - cudatoolkit=11.3", "11.3"),
    ("conda install pytorch torchvision torchaudio pytorch-cuda=12.1 -c pytorch -c nvidia", "12.1"),
    ("cudatoolkit               11.3.1               h2bc3f7f_2", "11.3"),
])
def test_cuda_asked_of_conda_is_a_fact(spec: str, cuda: str) -> None:
    assert facts_of(spec).get("conda_cuda") == cuda


@pytest.mark.parametrize("said", ["YOLOv8 using my cpu instead of gpu", "I can run it, but it only uses my CPU"])
def test_the_program_running_on_the_cpu_instead_of_the_gpu_is_a_fact(said: str) -> None:
    assert facts_of(said).get("gpu_unused") == "true"


@pytest.mark.parametrize(("printed", "value"), [
    ("Local repro reports torch 2.7.0+cpu, torch.version.cuda None, torch.cuda.is_available False.", "false"),
    ("所以cuda.is_available()只会返回false，导致--use-cuda不能使用", "false"),
    ("torch.cuda.is_available()がFalseを返します", "false"),
])
def test_is_available_without_parentheses_or_told_in_chinese_and_japanese(printed: str, value: str) -> None:
    assert facts_of(printed).get("cuda_available") == value


def test_mps_told_in_japanese_is_not_cuda() -> None:
    assert "cuda_available" not in facts_of("torch.backends.mps.is_available()がFalseです")


def test_cuda_builds_named_in_pins_and_indexes_are_marked() -> None:
    assert facts_of("pip install torch==2.1.0+cu121").get("cuda_build_named") == "true"
    assert facts_of("pip install torch --index-url https://download.pytorch.org/whl/cu126").get("cuda_build_named") == "true"
    assert "cuda_build_named" not in facts_of("pip install torch --index-url https://download.pytorch.org/whl/cpu")


BANNER = ("Ultralytics YOLOv8.1.3 Python-3.10.11 torch-2.1.0+cpu\n"
          "torch.cuda.is_available(): False\ntorch.cuda.device_count(): 0\n")


def test_a_named_cpu_build_that_reports_cuda_unavailable_is_the_cpu_wheel() -> None:
    assert errors_of(BANNER) == ["CPU_ONLY_WHEEL"]
    assert possible(BANNER) == ["NO_NVIDIA_GPU"]  # nothing names an NVIDIA GPU: then no CUDA build could help
    assert possible(BANNER + "Video card: 3060ti, driver 546.33\n") == []


def test_a_cpu_build_named_beside_a_cuda_build_says_nothing_alone() -> None:
    both = BANNER + "then I installed torch==2.1.0+cu121 and it is still the same\n"
    assert "CPU_ONLY_WHEEL" not in errors_of(both)


def test_the_cpu_index_is_the_answer_only_where_the_gpu_was_wanted() -> None:
    installed = "I installed it with pip install torch==2.2.0 --index-url https://download.pytorch.org/whl/cpu\n"
    assert errors_of("YOLOv8 using my cpu instead of gpu\n" + installed) == ["CPU_ONLY_WHEEL"]
    assert "CPU_ONLY_WHEEL" not in errors_of(installed)


def test_a_cpu_build_told_is_the_cpu_wheel_and_an_nvidia_gpu_rules_out_no_gpu() -> None:
    told = "when installing pytorch it installs the cpu only version, so my GPU is never used"
    assert errors_of(told) == ["CPU_ONLY_WHEEL"]
    assert possible(told) == ["NO_NVIDIA_GPU"]
    assert possible(told + " (RTX 3060 laptop)") == []


def test_conda_planning_a_cpu_build_for_a_cuda_spec_is_the_cpu_wheel() -> None:
    plan = ("conda install pytorch==1.12.1 torchvision==0.13.1 cudatoolkit=10.2 -c pytorch\n"
            "    pytorch-1.12.1             |      py3.8_cpu_0       133.8 MB  pytorch\n"
            "    pytorch-mutex-1.0          |              cpu           3 KB  pytorch\n")
    assert errors_of(plan) == ["CPU_ONLY_WHEEL"]
    no_cuda_asked = plan.replace(" cudatoolkit=10.2", "")
    assert "CPU_ONLY_WHEEL" not in errors_of(no_cuda_asked)


def test_xformers_names_the_torch_it_runs_beside() -> None:
    warning = ("WARNING[XFORMERS]: xFormers can't load C++/CUDA extensions. xFormers was built for:\n"
               "    PyTorch 2.0.1+cu118 with CUDA 1108 (you have 2.0.1+cpu)\n"
               "    Python  3.9.13 (you have 3.9.12)\n")
    assert facts_of(warning)["torch_version"] == "2.0.1+cpu"
    assert errors_of(warning + "I can run it normally, but it only uses my CPU for work\n") == ["CPU_ONLY_WHEEL"]

