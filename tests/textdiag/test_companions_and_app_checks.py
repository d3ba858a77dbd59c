"""Extensions and companions built for another torch (torchaudio's and torchvision's CUDA check, DGL's graphbolt
library, Open3D's version check, a PubGrub resolver's two torch pins), an application's own start checks (Forge's),
and the readings round 30's tuning texts showed missing: a retold capability message, another vendor's card in
Chinese, the Windows launcher's Python, a system summary that is no collect_env."""

from __future__ import annotations

import pytest

from tests.textdiag.pasted import errors_of, facts_of, verdict_of
from wizard.textdiag.collect_env import parse_collect_env
from wizard.verdict import VerdictKind


@pytest.mark.parametrize("text", [
    "Traceback (most recent call last):\n  File \"run.py\", line 3, in <module>\n    import torchaudio\nRuntimeError: Detected "
    "that PyTorch and TorchAudio were compiled with different CUDA versions. PyTorch has CUDA version 12.4 whereas "
    "TorchAudio has CUDA version 12.1. Please install the TorchAudio version that matches your PyTorch version.",
    "RuntimeError: Detected that PyTorch and torchvision were compiled with different CUDA major versions. PyTorch has "
    "CUDA Version=12.8 and torchvision has CUDA Version=11.8. Please reinstall the torchvision that matches your PyTorch "
    "install.",
])
def test_a_companion_built_for_another_cuda_is_a_package_conflict(text: str) -> None:
    assert errors_of(text)[:1] == ["PACKAGE_CONFLICT"]


def test_dgl_without_a_graphbolt_library_for_the_installed_torch_is_a_package_conflict() -> None:
    text = ("import dgl\nFileNotFoundError: Cannot find DGL C++ graphbolt library at /opt/conda/lib/python3.11/site-packages/"
            "dgl/graphbolt/libgraphbolt_pytorch_2.5.1.so")
    assert errors_of(text)[:1] == ["PACKAGE_CONFLICT"]


def test_a_traceback_through_open3ds_version_check_is_a_package_conflict() -> None:
    text = ("  File \"C:\\venv\\lib\\site-packages\\open3d\\ml\\torch\\__init__.py\", line 36, in <module>\n"
            "    match_torch_ver = '.'.join(_o3d_torch_version.release[:2] + ('*',))\n"
            "TypeError: sequence item 0: expected str instance, int found")
    assert errors_of(text)[:1] == ["PACKAGE_CONFLICT"]


@pytest.mark.parametrize("text", [
    "Because mmcv-full (1.7.2) depends on torch (1.13.1)\n and detector depends on torch (2.1.0), mmcv-full is forbidden.",
    "  × No solution found when resolving dependencies:\n  ╰─▶ Because vllm==0.6.3 depends on torch==2.4.0 and your project "
    "depends on torch==2.5.1, we can conclude that your project's requirements and vllm==0.6.3 are incompatible.",
])
def test_a_package_pinning_another_torch_in_a_pubgrub_explanation_is_a_package_conflict(text: str) -> None:
    assert errors_of(text)[:1] == ["PACKAGE_CONFLICT"]


@pytest.mark.parametrize("text", [
    "Because there are no versions of torch that satisfy torch>=2.6 and your project depends on torch>=2.6, we can "
    "conclude that your project's requirements are unsatisfiable.",
    "Because mylib (1.0) depends on torch (>=2.3)\n and mylib (1.1) depends on torch (>=2.3), mylib (>=1.0,<1.2) "
    "requires torch (>=2.3).\nSo, because no versions of torch match >=2.3\n and myproj depends on mylib (^1.0), "
    "version solving failed.",
])
def test_a_pubgrub_explanation_without_two_packages_pinning_torch_is_no_conflict_between_them(text: str) -> None:
    assert "PACKAGE_CONFLICT" not in errors_of(text)


def test_forges_driver_check_names_the_old_driver() -> None:
    text = "Traceback (most recent call last):\nSystemError: Please update your GPU driver to support cu130 ; or manually install older PyTorch"
    assert errors_of(text)[:1] == ["DRIVER_TOO_OLD"]


def test_forges_cuda_check_on_a_machine_that_ran_it_yesterday_names_no_missing_gpu() -> None:
    failing = ("Python 3.11.9 (tags/v3.11.9, Apr  2 2024) [MSC v.1938 64 bit (AMD64)]\nVersion: neo\n"
               "RuntimeError: PyTorch is not able to access CUDA\n")
    assert errors_of(failing)[:1] == ["NO_NVIDIA_GPU"]  # (nothing NVIDIA named: a start check that asserts CUDA)
    worked = failing + "I updated it this morning. Yesterday, it was working perfectly.\n"
    assert facts_of(worked).get("worked_before") == "true"
    assert "NO_NVIDIA_GPU" not in errors_of(worked)
    assert verdict_of(worked).kind is VerdictKind.CANNOT_TELL


@pytest.mark.parametrize("text", ["It ran fine yesterday.", "Was working perfectly yesterday, now this."])
def test_a_program_that_ran_here_before_is_told_in_short_forms_too(text: str) -> None:
    assert facts_of(text).get("worked_before") == "true"


@pytest.mark.parametrize("text", ["it was not working yesterday either", "if it worked yesterday, why not today?"])
def test_a_denied_or_supposed_past_success_is_no_success(text: str) -> None:
    assert facts_of(text).get("worked_before") is None


def test_the_capability_message_retold_in_chinese_is_an_unsupported_architecture() -> None:
    assert errors_of("装了 cu124 的 pytorch 以后，报错说 sm_120 不兼容")[:1] == ["GPU_ARCH_UNSUPPORTED"]


@pytest.mark.parametrize("text", [
    "是不是sm_120不兼容？",
    "不是sm_120不兼容的问题，torch.cuda.is_available()是True，是显存不够",
    "flash-attn 和 sm_75 不兼容",
    "sm_120不兼容，后来装了cu128的nightly就好了",
])
def test_the_capability_retold_as_a_question_a_denial_another_package_or_fixed_is_no_reading(text: str) -> None:
    assert "GPU_ARCH_UNSUPPORTED" not in errors_of(text)


@pytest.mark.parametrize("text", [
    "请问这个项目可以使用AMD显卡跑吗",
    "我的电脑是A卡，能用A卡跑吗",
])
def test_another_vendors_card_asked_about_in_chinese_is_no_nvidia_gpu(text: str) -> None:
    assert facts_of(text).get("gpu_vendor") == "amd"
    assert errors_of(text)[:1] == ["NO_NVIDIA_GPU"]


@pytest.mark.parametrize("text", [
    "支持A卡吗？打算买一张7900XTX",  # (a question before buying)
    "这个项目支持A卡吗？我自己是RTX 4070，cuda正常",  # (an NVIDIA card glued to a CJK word)
    "我不是A卡，是N卡，能用GPU跑吗？",  # ("N卡": an NVIDIA card)
    "以前是AMD显卡，现在换成了RTX 4070，torch.cuda.is_available()返回False",
])
def test_an_amd_card_asked_about_or_replaced_beside_an_nvidia_one_is_no_missing_nvidia_gpu(text: str) -> None:
    assert "NO_NVIDIA_GPU" not in errors_of(text)


@pytest.mark.parametrize(("text", "name"), [
    ("我的显卡是RTX 4070", "NVIDIA GeForce RTX 4070"),
    ("rtx3060显卡跑不动", "NVIDIA GeForce RTX 3060"),
])
def test_an_nvidia_name_glued_to_chinese_words_is_read(text: str, name: str) -> None:
    assert facts_of(text).get("gpu_name") == name


def test_the_gpu_asked_about_with_no_other_vendor_named_says_nothing_of_the_vendor() -> None:
    assert errors_of("请问这个项目可以使用显卡跑吗") == []


def test_the_cpu_named_before_its_verb_in_chinese_is_the_gpu_unused() -> None:
    assert facts_of("装好以后只能CPU跑，很慢").get("gpu_unused") == "true"


@pytest.mark.parametrize("text", [
    "以前一直CPU跑，现在换了4090，cuda已经可以用了",
    "数据预处理还是CPU运行比较快，训练用GPU没问题",
    "没有独显的话只能CPU跑吧？",
    "请问没有N卡是不是只能CPU跑？",
])
def test_the_cpu_before_its_verb_in_the_past_by_choice_or_asked_is_no_gpu_unused(text: str) -> None:
    assert facts_of(text).get("gpu_unused") is None


def test_a_torch_version_glued_to_chinese_words_is_read() -> None:
    facts = facts_of("装了torch 2.5.1+cu124，但是只能CPU跑")
    assert (facts.get("torch_variant"), facts.get("gpu_unused")) == ("cu124", "true")
    assert "CPU_ONLY_WHEEL" not in errors_of("装了torch 2.5.1+cu124，但是只能CPU跑")


def test_a_system_summary_with_os_and_cpu_lines_is_no_collect_env() -> None:
    summary = ["OS: macOS 13.4 22F66 x86_64", "Host: MacBookPro16,1", "CPU: Intel i9-9880H (16) @ 2.30GHz",
               "GPU: Intel UHD Graphics 630, AMD Radeon Pro 5500M"]
    assert parse_collect_env(summary) is None
    collect_env = ["OS: Ubuntu 22.04.4 LTS (x86_64)", "CPU:", "Architecture: x86_64"]
    env = parse_collect_env(collect_env)
    assert env is not None and "CPU" in env.fields


@pytest.mark.parametrize(("text", "expected"), [
    ("torch  : 2.10.0+cpu  cuda=False capability=-", "2.10.0+cpu"),
    ("- torch: 2.3.1+cu121", "2.3.1+cu121"),
])
def test_a_programs_padded_torch_line_names_the_build(text: str, expected: str) -> None:
    assert facts_of(text).get("torch_version") == expected


@pytest.mark.parametrize("text", [
    "Checking dependencies...\n  torch  : 2.4.0+cu121  (required)  NOT FOUND\n  numpy  : 1.26.4  OK",
    "  torch  : 2.4.0+cu121  required, found 2.1.0+cpu",
])
def test_a_requirement_checkers_torch_line_is_no_installed_torch(text: str) -> None:
    assert facts_of(text).get("torch_installed") is None


@pytest.mark.parametrize("text", [
    "When I install openblas with conda, it always downgrades the pytorch to cpu version and is_available()=False",
    "conda install -c pytorch pytorch-nightly suggested the cpu version for installation, is that right?",
    "the node downloaded a none cuda Torch and replaced the one installed",  # ("none" for "non", as typed)
])
def test_an_installer_replacing_or_planning_the_cpu_build_is_told(text: str) -> None:
    assert facts_of(text).get("torch_build_told") == "cpu"


@pytest.mark.parametrize("text", [
    "I also tried to install the cpu version, same error",
    "When I install faiss, conda tries to install the cpu version instead of faiss-gpu.",
    "pip wants to install the cpu version of onnxruntime, how do I get onnxruntime-gpu?",
    "conda suggested cpu version of tensorflow for my mac",
    "The docs suggested cpu version for CI runners. For my desktop I use cu124 and everything works.",
    "I upgraded the torch to CPU version on purpose for the server",
    "I had to downgrade torch to the cpu version because my laptop has no GPU, and it works fine now on CPU.",
])
def test_the_person_choosing_a_cpu_build_or_another_packages_is_no_installer_choosing_torchs(text: str) -> None:
    assert facts_of(text).get("torch_build_told") is None


def test_is_available_compared_in_code_is_no_result() -> None:
    assert facts_of("if torch.cuda.is_available() == False:\n    device = 'cpu'").get("cuda_available") is None
    assert facts_of("because torch.cuda.is_available()=False").get("cuda_available") == "false"


# ---- round 31's tuning half

def test_nvrtc_refusing_the_gpus_architecture_is_an_unsupported_architecture() -> None:
    text = "RTX 4090, torch 1.10.0+cu113\nRuntimeError: nvrtc: error: invalid value for --gpu-architecture (-arch)"
    assert errors_of(text)[:1] == ["GPU_ARCH_UNSUPPORTED"]


def test_rocblas_without_a_library_for_the_gpu_names_the_rocm_build_and_offers_no_cuda_command() -> None:
    from tests.textdiag.pasted import diagnosis_of

    text = ("GPU: AMD Radeon RX 7900 XTX, Ubuntu 22.04, torch 2.0.0 from pip\nrocBLAS error: Cannot read "
            "/env/lib/python3.10/site-packages/torch/lib/rocblas/library/TensileLibrary.dat: No such file or directory")
    diagnosis = diagnosis_of(text)
    rocm = next(f for f in diagnosis.findings if f.code == "GPU_ARCH_UNSUPPORTED")
    assert "ROCm" in rocm.title and not rocm.actions
    assert "+cu" not in " ".join(diagnosis.recommendation.argv)


def test_only_an_amd_gpu_told_gets_no_cuda_command() -> None:
    from tests.textdiag.pasted import diagnosis_of

    diagnosis = diagnosis_of("Windows 11, AMD Radeon RX 6800. torch.cuda.is_available() returns False, why?")
    assert "+cu" not in " ".join(diagnosis.recommendation.argv)
    with_rtx = diagnosis_of("Windows 11, Intel(R) UHD Graphics 630 and an RTX card. is_available() returns False")
    assert "NO_NVIDIA_GPU" not in [f.code for f in with_rtx.errors]


@pytest.mark.parametrize("text", [
    "ERROR! Intel® Extension for PyTorch* needs to work with PyTorch 2.8.*, but PyTorch 2.6.0+cu124 is found. Please "
    "switch to the matching version and run again.",
    "pip list shows torch 2.7.1\nipex 2.8\nimport intel_extension_for_pytorch fails",
])
def test_intel_extension_for_pytorch_of_another_release_is_a_package_conflict(text: str) -> None:
    assert errors_of(text)[:1] == ["PACKAGE_CONFLICT"]


def test_intel_extension_for_pytorch_of_the_same_release_is_no_conflict() -> None:
    assert "PACKAGE_CONFLICT" not in errors_of("torch 2.2.1, ipex 2.2.0, runs on the CPU as expected")


@pytest.mark.parametrize("text", [
    "OSError: libtorchaudio.so: undefined symbol: aoti_torch_abi_version",
    "[BUG] undefined symbol: _ZTVN5torch3jit6MethodE",
])
def test_a_companion_or_torch_class_symbol_unbound_is_a_package_conflict(text: str) -> None:
    assert errors_of(text)[:1] == ["PACKAGE_CONFLICT"]


def test_glibcs_math_library_too_old_is_the_platform() -> None:
    text = ("/lib64/libm.so.6: version `GLIBC_2.27' not found (required by /opt/libtorch/lib/libtorch_cpu.so)")
    assert errors_of(text)[:1] == ["PLATFORM_UNSUPPORTED"]


def test_condas_cudatoolkit_block_with_the_requested_cudatoolkit_is_a_missing_build() -> None:
    text = ("UnsatisfiableError: The following specifications were found to be incompatible with each other:\n\n"
            "Package cudatoolkit conflicts for:\npytorch==1.6.0 -> cudatoolkit[version='>=10.1,<10.2|>=10.2,<10.3']\n"
            "cudatoolkit=11.0\n\nPackage libgcc-ng conflicts for:\npython=3.8 -> libgcc-ng[version='>=7.3.0']")
    assert errors_of(text)[:1] == ["INDEX_VARIANT_MISSING"]


def test_condas_cudatoolkit_block_without_a_requested_cudatoolkit_says_nothing_of_it() -> None:
    text = ("Package cudatoolkit conflicts for:\ntorchvision==0.10.0 -> cudatoolkit[version='>=10.2,<10.3|>=11.1,<11.2']\n"
            "torchaudio==0.10.0 -> cudatoolkit[version='>=10.2,<10.3|>=11.1,<11.2|>=11.3,<11.4']")
    assert "INDEX_VARIANT_MISSING" not in errors_of(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("ERROR: Could not find a version that satisfies the requirement torch==1.15.0 (from versions: 1.4.0, 1.5.0, "
     "1.5.1, 1.6.0)\nERROR: No matching distribution found for torch==1.15.0", "INDEX_VARIANT_MISSING"),
    ("ERROR: Could not find a version that satisfies the requirement torch==2.4.0.dev20240415 (from versions: 2.2.2, "
     "2.3.0.dev20240301, 2.3.0.dev20240311)\nERROR: No matching distribution found for torch==2.4.0.dev20240415",
     "INDEX_VARIANT_MISSING"),
])
def test_a_version_never_released_or_a_nightly_no_longer_served_is_missing_on_the_index(text: str, expected: str) -> None:
    assert errors_of(text)[:1] == [expected]


def test_no_module_named_torch_under_sudo_is_another_pythons() -> None:
    text = "It works as my user, but `sudo python3 setup.py develop` says\nModuleNotFoundError: No module named 'torch'"
    assert errors_of(text)[:1] == ["ENV_MISMATCH"]


@pytest.mark.parametrize(("text", "cuda"), [
    (">>> torch.version.cuda\n'9.0.176'", "9.0"),
    ("I noticed that the pytorch point to cuda 9.0.176 (type torch.version.cuda in terminal)", "9.0"),
    ("print(torch.version.cuda)  # should be 11.8", None),
])
def test_torch_version_cuda_printed_names_the_builds_cuda(text: str, cuda: str | None) -> None:
    assert facts_of(text).get("torch_cuda") == cuda


# ---- round 32's tuning half

@pytest.mark.parametrize("text", [
    "Exception: >- DeepSpeed Op Builder: Installed CUDA version 9.1 does not match the version torch was compiled with "
    "11.8, unable to compile cuda/cpp extensions without a matching cuda version.",
    "RuntimeError: Cuda extensions are being compiled with a version of Cuda that does not match the version used to "
    "compile Pytorch binaries.  Pytorch binaries were compiled with Cuda 12.1.",
])
def test_deepspeeds_and_apexs_toolkit_checks_are_a_toolkit_mismatch(text: str) -> None:
    assert errors_of(text)[:1] == ["TOOLKIT_MISMATCH"]


def test_deepspeed_accepting_a_minor_difference_is_no_mismatch() -> None:
    text = ("Installed CUDA version 12.6 does not match the version torch was compiled with 12.4 but since the APIs are "
            "compatible, accepting this combination")
    assert "TOOLKIT_MISMATCH" not in errors_of(text)


def test_a_driver_that_answered_with_its_cuda_is_too_old_for_a_newer_build_not_missing() -> None:
    text = ("tried torch==1.9.0+cu111: CUDA driver initialization failed, you might not have a CUDA gpu\n"
            "then: The NVIDIA driver on your system is too old (found version 10010).")
    assert errors_of(text)[:1] == ["DRIVER_TOO_OLD"]


def test_tgis_capability_check_is_the_programs_kernels_with_no_torch_install() -> None:
    from tests.textdiag.pasted import diagnosis_of

    diagnosis = diagnosis_of("ImportError: GPU with CUDA capability 7 0 is not supported\nTesla V100-SXM2")
    finding = next(f for f in diagnosis.findings if f.code == "GPU_ARCH_UNSUPPORTED")
    assert "program" in finding.title and not finding.actions


def test_sdpas_warning_raised_on_a_cuda_tensor_shows_cuda_working() -> None:
    text = ("UserWarning: 1Torch was not compiled with flash attention. (Triggered internally at C:\\actions-runner\\_work"
            "\\pytorch\\pytorch\\builder\\windows\\pytorch\\aten\\src\\ATen\\native\\transformers\\cuda\\sdp_utils.cpp:555.)")
    assert facts_of(text).get("cuda_works") == "true"


# ---- a review's invented texts (round 31-32 readings)

@pytest.mark.parametrize("text", [
    "torch 2.5.1+cu124\nRuntimeError: CUDA driver initialization failed, you might not have a CUDA gpu.\n"
    "| NVIDIA-SMI 535.104.05   Driver Version: 535.104.05   CUDA Version: 12.2     |",
])
def test_a_driver_of_the_builds_cuda_major_is_not_too_old_for_it(text: str) -> None:
    assert "DRIVER_TOO_OLD" not in errors_of(text)


@pytest.mark.parametrize("text", [
    "I don't have an RTX card, only a Radeon RX 6600. torch.cuda.is_available() returns False",
    "Should I buy an RTX card? For now I have Radeon RX 6600 and torch.cuda.is_available() returns False",
    "[Bug]: webui fails looking for an NVIDIA GPU when I have an AMD GPU. torch.cuda.is_available() False",
])
def test_an_nvidia_card_denied_wished_or_required_is_no_nvidia_gpu_here(text: str) -> None:
    from tests.textdiag.pasted import diagnosis_of

    assert facts_of(text).get("nvidia_gpu_told") is None
    assert "+cu" not in " ".join(diagnosis_of(text).recommendation.argv)


@pytest.mark.parametrize("text", [
    "ThinkPad P14s: Intel UHD Graphics and NVIDIA T500. torch.cuda.is_available() returns False",
    "My laptop has Intel UHD Graphics and an NVIDIA GPU. torch.cuda.is_available() returns False",
])
def test_an_nvidia_gpu_told_without_a_known_model_keeps_the_cuda_build(text: str) -> None:
    from tests.textdiag.pasted import diagnosis_of

    assert facts_of(text).get("nvidia_gpu_told") == "true"
    assert "+cu" in " ".join(diagnosis_of(text).recommendation.argv)


def test_a_rocm_error_wants_no_nvidia_gpu() -> None:
    text = ("rocBLAS error: Cannot read /opt/rocm/lib/rocblas/library/TensileLibrary.dat: No such file or directory for "
            "GPU arch : gfx1031\nRX 6700 XT, Ubuntu 22.04")
    assert "NO_NVIDIA_GPU" not in errors_of(text)


def test_ipex_against_another_torch_offers_no_torch_reinstall() -> None:
    from tests.textdiag.pasted import diagnosis_of

    text = ("ERROR! Intel® Extension for PyTorch* needs to work with PyTorch 2.8.*, but PyTorch 2.7.0+xpu is found. "
            "Please switch to the matching version and run again.\nIntel Arc B580, Windows 11")
    finding = next(f for f in diagnosis_of(text).findings if f.code == "PACKAGE_CONFLICT")
    assert "Intel Extension for PyTorch" in finding.explanation and not finding.actions


def test_ipex_removed_is_no_ipex_beside_torch() -> None:
    text = "I removed ipex 2.1.10 and now use torch 2.5.1 xpu directly; torch.xpu.is_available() is True"
    assert "PACKAGE_CONFLICT" not in errors_of(text)


@pytest.mark.parametrize("text", [
    "OSError: libtorchaudio_ffmpeg.so: undefined symbol: avcodec_get_supported_config",
    "ImportError: /lib64/libm.so.6: version 'GLIBC_2.29' not found (required by /x/numpy/core/_multiarray_umath.so)",
    "Don't use sudo pip install! Anyway: ModuleNotFoundError: No module named 'torch' in my venv",
])
def test_other_libraries_needs_and_advice_are_not_read_as_torchs(text: str) -> None:
    assert not set(errors_of(text)) & {"PACKAGE_CONFLICT", "PLATFORM_UNSUPPORTED", "ENV_MISMATCH"}


def test_a_torch_class_vtable_unbound_on_linux_is_a_package_conflict() -> None:
    text = ("ImportError: /home/u/venv/lib/python3.10/site-packages/flash_attn_2_cuda.cpython-310-x86_64-linux-gnu.so: "
            "undefined symbol: _ZTVN5torch8autograd12AutogradMetaE")
    assert errors_of(text)[:1] == ["PACKAGE_CONFLICT"]


def test_a_required_cuda_told_is_no_builds_cuda() -> None:
    text = "RTX 3090. The README says: make sure torch.version.cuda is 10.2 or newer. Mine? is_available() returns False"
    assert facts_of(text).get("torch_cuda") is None


def test_the_sdpa_warning_quoted_in_prose_shows_nothing_working() -> None:
    text = ("Many people see 'Torch was not compiled with flash attention. (Triggered internally at ..\\aten\\src\\ATen\\"
            "native\\transformers\\cuda\\sdp_utils.cpp:455.)' It is harmless. My problem: torch.cuda.is_available() "
            "returns False on my RTX 3060")
    assert facts_of(text).get("cuda_works") is None


# ---- round 33's tuning half

def test_an_old_dll_error_under_a_packages_extension_import_is_a_package_conflict() -> None:
    text = ("Updated to pytorch 1.4.\n    from detectron2 import _C\n"
            "ImportError: DLL load failed: The specified procedure could not be found.")
    assert errors_of(text)[:1] == ["PACKAGE_CONFLICT"]


def test_the_basic_aten_operators_without_a_cuda_backend_are_the_cpu_build() -> None:
    text = ("Exception: Could not run 'aten::empty_strided' with arguments from the 'CUDA' backend. This could be "
            "because the operator doesn't exist for this backend")
    assert errors_of(text)[:1] == ["CPU_ONLY_WHEEL"]
    other = "NotImplementedError: Could not run 'aten::_sparse_coo_tensor_with_dims' with arguments from the 'CUDA' backend"
    assert "CPU_ONLY_WHEEL" not in errors_of(other)
