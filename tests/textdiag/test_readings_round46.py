"""Readings of round 46's session: a driver number NVIDIA gives only to Windows drivers tells the system, and an
install failure told in words is weighed with the facts beside it, as pip's "No matching distribution" is. Each case
is written from NVIDIA's numbering, the launchers' and the languages' own wording, not taken from the corpus."""

from __future__ import annotations

import pytest

from tests.textdiag.pasted import errors_of, facts_of, findings_of, first_error, verdict_of
from wizard.textdiag import snapshot_from_text
from wizard.textdiag.build import windows_driver_number
from wizard.verdict import VerdictKind


@pytest.mark.parametrize("version", ["536.23", "572.16", "452.39", "528.33", "411.63", "581.57"])
def test_a_driver_number_between_the_linux_branches_is_a_windows_drivers(version: str) -> None:
    assert windows_driver_number(version)


@pytest.mark.parametrize("version", ["535.54.03", "550.67", "470.74", "560.94", "565.77", "418.67", "390.87", "536",
                                     "12.4", ""])
def test_a_linux_branch_or_a_three_part_number_tells_no_system(version: str) -> None:
    assert not windows_driver_number(version)


def _os_of(text: str) -> str:
    host = snapshot_from_text(text).host
    return host.value.os if host.value is not None else ""


def test_a_windows_drivers_number_with_nothing_of_linux_is_a_windows_computer() -> None:
    assert _os_of("RTX 3060 laptop, nvidia driver: 536.23, the program never uses the GPU") == "windows"


@pytest.mark.parametrize("linux", [
    "Ubuntu 22.04 in WSL, nvidia driver: 536.23, the program never uses the GPU",
    "nvidia driver: 536.23, docker run --gpus all my-image, the program never uses the GPU",
    "nvidia driver: 536.23\nFile \"/home/me/app/run.py\", line 3\nthe program never uses the GPU",
])
def test_wsl_a_container_or_a_linux_path_beside_it_keeps_the_system_open(linux: str) -> None:
    assert _os_of(linux) != "windows"


def test_a_gpu_unused_beside_a_windows_drivers_number_names_the_cpu_only_build_most_likely() -> None:
    text = "GPU not used\n\npytorch: 2.0.1\nnvidia driver: 536.23\nmy rtx 3060 laptop is never used, only the cpu"
    assert errors_of(text)[:1] == ["CPU_ONLY_WHEEL"]


@pytest.mark.parametrize("told", [
    "I can't install pytorch with this Python",
    "It could not find the correct version of torch, torchvision and torchaudio.",
    "torch installation fails every time",
    "RuntimeError: Couldn't install torch.",
    "无法安装torch",
    "pytorch安装失败了",
    "torchがインストールできない",
    "no puedo instalar torch en Windows",
    "não consigo instalar o torch",
    "Ich kann torch nicht installieren",
    "impossible d'installer torch",
    "не могу установить torch",
])
def test_an_install_failure_told_in_words_is_a_fact(told: str) -> None:
    assert facts_of(told).get("torch_install_failed_told") == "true"


@pytest.mark.parametrize("not_told", [
    "If you can't install torch, use the conda command instead",  # (a hypothesis, an advice)
    "Why can't I install torch?",
    "I installed torch and it works",
    "pip install torch",
])
def test_a_hypothesis_a_question_or_a_success_is_no_install_failure(not_told: str) -> None:
    assert "torch_install_failed_told" not in facts_of(not_told)


def test_an_install_failure_told_with_a_python_the_pinned_release_never_served_is_that_python() -> None:
    text = ("venv \"C:\\sd\\venv\\Scripts\\Python.exe\"\nPython 3.11.0 (main, Oct 24 2022) [MSC v.1933 64 bit (AMD64)]\n"
            "Installing torch and torchvision\nRuntimeError: Couldn't install torch.\nCommand: \"python.exe\" -m pip "
            "install torch==1.12.1+cu113 torchvision==0.13.1+cu113 --extra-index-url https://download.pytorch.org/whl/cu113")
    found = first_error(text)
    assert found.code == "PYTHON_UNSUPPORTED"
    assert any("install torch" in line for line in found.evidence)


def test_an_install_failure_told_with_a_python_the_release_served_names_nothing() -> None:
    text = ("Python 3.10.6 (main) [MSC v.1933 64 bit (AMD64)]\nRuntimeError: Couldn't install torch.\n"
            "Command: pip install torch==2.1.2+cu121 --extra-index-url https://download.pytorch.org/whl/cu121")
    assert "PYTHON_UNSUPPORTED" not in errors_of(text)
    assert verdict_of(text).kind is not VerdictKind.READY


def test_a_windows_drivers_number_is_compared_with_the_windows_floor() -> None:
    # 526.47 is a Windows release of the R525 branch (Linux: 525.xx): below 528.33, which CUDA 12.1 needs on Windows
    text = "torch 2.1.0+cu121, driver 526.47\n>>> torch.cuda.is_available()\nFalse\n"
    assert errors_of(text)[:1] == ["DRIVER_TOO_OLD"]


def test_cuda_unusable_beside_a_windows_drivers_number_is_answered_as_on_windows() -> None:
    text = "NVIDIA driver 551.23\n>>> torch.cuda.is_available()\nFalse\n"
    assert errors_of(text)[:1] == ["CPU_ONLY_WHEEL"]


@pytest.mark.parametrize("text", [
    "RTX 50xx requires sm_120\nPyTorch version: 2.7.0+cu126\nCUDA version: 12.6\nit fails on my card",
    "Dockerfile: RUN pip install torch==2.5.1 --index-url https://download.pytorch.org/whl/cu124\n"
    "this build does not support our RTX 50 series GPU, the container crashes",
])
def test_a_geforce_generation_named_by_its_series_is_judged_against_the_build_shown(text: str) -> None:
    assert errors_of(text)[:1] == ["GPU_ARCH_UNSUPPORTED"]


def test_a_series_the_build_covers_is_no_architecture_problem() -> None:
    text = "RTX 30 series card\nPyTorch version: 2.7.0+cu126\nthe training loss is nan after two epochs"
    assert "GPU_ARCH_UNSUPPORTED" not in errors_of(text)


def test_a_pinned_version_from_a_cuda_index_is_that_build_unless_it_is_advice() -> None:
    advice = ("my RTX 5090 does not work with this program\n"
              "you could try pip install torch==2.5.1 --index-url https://download.pytorch.org/whl/cu124")
    assert "GPU_ARCH_UNSUPPORTED" not in errors_of(advice)  # (the advice is not what runs)


def test_a_pinned_version_from_a_cuda_index_that_covers_the_gpu_is_no_architecture_problem() -> None:
    text = ("pip install torch==2.5.1 --index-url https://download.pytorch.org/whl/cu124\n"
            "my RTX 3060 runs out of memory in the second epoch")
    assert "GPU_ARCH_UNSUPPORTED" not in errors_of(text)


_DYLD = ("dlopen(/Applications/App.app/Contents/Frameworks/Python, 0x000A): Symbol not found: {symbol}\n"
         "  Referenced from: <5D2C1C44-52A6-3F4B-9F57-8C2A1B0E7D11> /Applications/App.app/Contents/Frameworks/Python\n"
         "  Expected in: {where}\n")


@pytest.mark.parametrize("where", ["/usr/lib/libSystem.B.dylib", "<0A1B2C3D-4E5F-6071-8293-A4B5C6D7E8F9> /usr/lib/libc++.1.dylib",
                                   "'/System/Library/Frameworks/Metal.framework/Versions/A/Metal'"])
def test_a_symbol_macos_own_library_lacks_is_a_build_for_a_newer_macos_whose_words_are_the_fix(where: str) -> None:
    found = first_error(_DYLD.format(symbol="_mkfifoat", where=where))
    assert found.code == "PLATFORM_UNSUPPORTED"
    assert found.title_message is not None and found.title_message.key == "PLATFORM_UNSUPPORTED.pasted.macos_too_old.title"
    assert found.actions == ()  # (another PyTorch would not run on this macOS either)


def test_a_python_c_api_symbol_or_one_of_another_library_is_not_the_systems() -> None:
    python_symbol = _DYLD.format(symbol="_PySlice_AdjustIndices", where="/usr/lib/libSystem.B.dylib")
    assert errors_of(python_symbol)[:1] != ["PLATFORM_UNSUPPORTED"]
    elsewhere = _DYLD.format(symbol="_mkfifoat", where="/opt/homebrew/lib/libomp.dylib")
    assert "PLATFORM_UNSUPPORTED" not in errors_of(elsewhere)


def test_torchs_autocast_warning_that_cuda_is_not_available_keeps_a_working_check_elsewhere_from_ready() -> None:
    text = ("venv\\lib\\site-packages\\torch\\amp\\autocast_mode.py:266: UserWarning: User provided device_type of 'cuda',"
            " but CUDA is not available. Disabling\naccelerator device: cpu\n\nbut when I run a test:\n"
            "Is CUDA available: True\nPyTorch version: 2.7.0+cu128\n")
    assert verdict_of(text).kind is not VerdictKind.READY


@pytest.mark.parametrize("told", [
    "this option gives an error as there is no gpu in my system",
    "There's no NVIDIA GPU on this machine.",
    "I tried it on a server without a GPU",
])
def test_the_machine_told_without_a_gpu_is_a_fact(told: str) -> None:
    assert facts_of(told).get("no_nvidia_gpu") == "true"


@pytest.mark.parametrize("not_told", [
    "there is no gpu usage in task manager",
    "I have a server with a GPU",
])
def test_gpu_usage_or_a_machine_with_a_gpu_is_no_such_fact(not_told: str) -> None:
    assert "no_nvidia_gpu" not in facts_of(not_told)


def test_no_cuda_gpus_available_on_a_machine_told_without_a_gpu_is_no_nvidia_gpu() -> None:
    text = ("It fails as there is no gpu in my system.\n"
            "  File \"/home/me/env/lib/python3.10/site-packages/torch/cuda/__init__.py\", line 319, in _lazy_init\n"
            "RuntimeError: No CUDA GPUs are available")
    assert errors_of(text)[:1] == ["NO_NVIDIA_GPU"]


@pytest.mark.parametrize("told", [
    "`pip3.8 install torch==2.5.0 --index-url https://download.pytorch.org/whl/cu118` returns failure.",
    "pip install torch==1.13.1 gives an error",
    "Missing Torch 2.5 wheels for Python 3.8",
    "I dont see any cp38 wheels on https://pypi.org/simple/torch",
])
def test_a_failing_install_command_or_a_missing_wheel_told_is_an_install_failure(told: str) -> None:
    assert facts_of(told).get("torch_install_failed_told") == "true"


def test_a_missing_wheel_told_for_a_python_the_release_no_longer_serves_is_that_python() -> None:
    text = "Missing Torch 2.5 wheels for Python 3.8\n\nI dont see any cp38 wheels on https://pypi.org/simple/torch"
    assert errors_of(text)[:1] == ["PYTHON_UNSUPPORTED"]


def test_an_ngc_images_banner_naming_an_older_host_driver_is_driver_too_old() -> None:
    text = ("ERROR: This container was built for NVIDIA Driver Release 450.36 or later, but\n"
            "       version 440.100 was detected and compatibility mode is UNAVAILABLE.\n"
            "       [[CUDA Driver UNAVAILABLE (cuInit(0) returned 804)]]\nUsing CPU\n")
    assert errors_of(text)[:1] == ["DRIVER_TOO_OLD"]


@pytest.mark.parametrize("status, cause", [
    ("HTTP status server error (500 Internal Server Error) for url (https://download.pytorch.org/whl/cu124/pycparser/)",
     "DISK_OR_NETWORK"),
    ("HTTP status client error (407 Proxy Authentication Required) for url (https://pypi.org/simple/torch/)",
     "DISK_OR_NETWORK"),
])
def test_uvs_http_status_errors_of_a_server_or_a_proxy_are_the_network(status: str, cause: str) -> None:
    text = f"uv pip install torch\nerror: Failed to fetch: `https://download.pytorch.org/whl/cu124/torch/`\n  Caused by: {status}"
    assert errors_of(text)[:1] == [cause]


def test_uvs_not_found_status_is_not_the_network() -> None:
    text = ("error: Failed to fetch: `https://download.pytorch.org/whl/cu999/torch/`\n"
            "  Caused by: HTTP status client error (404 Not Found) for url (https://download.pytorch.org/whl/cu999/torch/)")
    assert "DISK_OR_NETWORK" not in errors_of(text)


@pytest.mark.parametrize("told", ["cuDNN DLLs are missing, manually adding them solves the issue",
                                  "the cublas libraries were not included in the wheel", "it is missing the cuDNN DLLs"])
def test_a_cuda_library_told_missing_is_a_fact(told: str) -> None:
    assert facts_of(told).get("cuda_lib_told_missing") == "true"


def test_torchs_own_dll_failing_beside_a_cuda_library_told_missing_is_that_library() -> None:
    text = ("Nightly wheel for Windows is broken (cuDNN DLLs are missing)\n>>> import torch\n"
            "OSError: [WinError 126] The specified module could not be found. Error loading "
            "\"C:\\Python314\\Lib\\site-packages\\torch\\lib\\shm.dll\" or one of its dependencies.\n")
    assert errors_of(text)[:1] == ["CUDA_LIB_MISSING"]
    plain = text.replace(" (cuDNN DLLs are missing)", "")
    assert errors_of(plain)[:1] == ["VCREDIST_MISSING"]


@pytest.mark.parametrize("cuda, expected", [("9.0.176", True), ("9.2.148", True), ("10.0.130", False)])
def test_a_turing_gpu_needs_a_cuda_10_build(cuda: str, expected: bool) -> None:
    # (an sm_70 cubin would run on sm_75, but CUDA 9's cuBLAS and cuDNN fail on Turing: pytorch/pytorch#18620)
    text = (f"Ubuntu 16.04, RTX 2080 Ti. The GPU training fails.\n>>> torch.version.cuda\n'{cuda}'\n"
            "RuntimeError: cublas runtime error : the GPU program failed to execute")
    assert ("GPU_ARCH_UNSUPPORTED" in errors_of(text)[:1]) is expected


def test_a_refused_wheel_names_the_python_it_needs_not_this_one_in_words_that_say_so() -> None:
    text = ("I got an error while installing on Windows:\n"
            "ERROR: auto_gptq-0.3.0+cu117-cp310-cp310-win_amd64.whl is not a supported wheel on this platform.")
    found = first_error(text)
    assert found.code == "PYTHON_UNSUPPORTED"
    assert found.title_message is not None and found.title_message.key == "PYTHON_UNSUPPORTED.pasted.wheel_tags.title"
    assert found.actions == ()  # (no other torch: the Python the wheel names)
    assert snapshot_from_text(text).python.value is None or snapshot_from_text(text).python.value.version != "3.10"


@pytest.mark.parametrize("text", [
    "python setup.py build_ext --inplace\nnvcc fatal   : Unsupported gpu architecture 'compute_75'\n"
    "error: command '/usr/local/cuda-8.0/bin/nvcc' failed with exit status 1",
    "TORCH_CUDA_ARCH_LIST=12.0 pip install .\nnvcc fatal : Unsupported gpu architecture 'compute_120'",
])
def test_nvcc_refusing_a_gpu_architecture_is_a_toolkit_older_than_it(text: str) -> None:
    assert errors_of(text)[:1] == ["TOOLKIT_MISMATCH"]


def test_macos_missing_libomp_is_openmps_runtime_in_words_that_say_so() -> None:
    text = ("ImportError: dlopen(/opt/venv/lib/python3.6/site-packages/torch/_C.cpython-36m-darwin.so, 9): Library not "
            "loaded: /usr/local/opt/libomp/lib/libomp.dylib\n  Referenced from: /opt/venv/lib/python3.6/site-packages/"
            "torch/lib/libshm.dylib\n  Reason: image not found")
    found = first_error(text)
    assert found.code == "TORCH_IMPORT_FAILED"
    assert found.title_message is not None and found.title_message.key == "TORCH_IMPORT_FAILED.pasted.libomp.title"


@pytest.mark.parametrize("build", [
    "Command ['/tmp/tmp3zxip3u8/.venv/bin/python', 'setup.py', 'egg_info'] errored with return code 1\n"
    "Traceback (most recent call last):\n  File \"setup.py\", line 15, in <module>\n    import torch\n",
    "  Getting requirements to build wheel ... error\n  File \"/tmp/pip-build-env-j1c2adup/overlay/lib/python3.11/"
    "site-packages/setuptools/build_meta.py\", line 295, in _get_build_requires\n",
])
def test_no_torch_inside_a_packages_isolated_build_is_that_environment(build: str) -> None:
    text = build + "ModuleNotFoundError: No module named 'torch'\n"
    found = first_error(text)
    assert found.code == "ENV_MISMATCH"
    assert found.title_message is not None and found.title_message.key == "ENV_MISMATCH.pasted.build_isolation.title"
    assert found.actions == ()


def test_no_torch_in_a_plain_script_is_still_a_missing_torch() -> None:
    text = "Traceback (most recent call last):\n  File \"train.py\", line 1\n    import torch\nModuleNotFoundError: No module named 'torch'"
    assert errors_of(text)[:1] == ["TORCH_MISSING"]


@pytest.mark.parametrize("text", [
    "$ sudo venv/bin/python -c \"import torch;print(torch.cuda.is_available())\"\nTrue\n"
    "$ venv/bin/python -c \"import torch;print(torch.cuda.is_available())\"\nFalse\n",
    "RTX 3060 on Fedora: torch can only access the gpu when run with sudo",
    "Torch is not able to use GPU unless superuser",
])
def test_cuda_only_as_root_is_the_users_permission_on_the_devices(text: str) -> None:
    found = first_error(text)
    assert found.code == "DRIVER_MISSING"
    assert found.title_message is not None and found.title_message.key == "DRIVER_MISSING.pasted.permission.title"


def test_root_named_otherwise_is_no_permission_problem() -> None:
    text = "I installed torch as root in /opt/venv.\n>>> torch.cuda.is_available()\nFalse\n"
    keys = [f.title_message.key for f in findings_of(text) if f.title_message is not None]
    assert "DRIVER_MISSING.pasted.permission.title" not in keys


def test_an_issue_forms_unchecked_options_say_nothing_and_the_checked_one_is_the_answer() -> None:
    text = ("GPU doesn't seem to work\n\nWhat OS are you using?\n- [ ] Linux\n- [ ] Linux in WSL\n- [x] Windows\n"
            "- [ ] Mac\n\nAre you using a GPU?\n- [ ] No. CPU FTW\n- [ x] NVIDIA\n- [ ] AMD\n")
    snapshot = snapshot_from_text(text)
    assert snapshot.host.value is not None and snapshot.host.value.os == "windows"
    assert not snapshot.host.value.is_wsl
    assert "WSL_DRIVER" not in errors_of(text)


def test_transformers_disabling_an_older_torch_is_a_package_that_needs_a_newer_one() -> None:
    assert errors_of("Disabling PyTorch because PyTorch >= 2.1 is required but found 2.0.1")[:1] == ["PACKAGE_CONFLICT"]


@pytest.mark.parametrize("told", ["I run it on a virtual server that doesn't have a GPU",
                                  "Help Running nnUNet on CPU-Only Virtual Server", "the machine has no GPU"])
def test_a_machine_told_without_a_gpu_in_other_words_is_a_fact(told: str) -> None:
    assert facts_of(told).get("no_nvidia_gpu") == "true"


def test_an_old_torchvision_beside_pillow_7_is_a_package_conflict() -> None:
    text = ("  File \"/usr/local/lib/python3.7/site-packages/torchvision/transforms/functional.py\", line 5, in <module>\n"
            "    from PIL import Image, ImageOps, ImageEnhance, PILLOW_VERSION\n"
            "ImportError: cannot import name 'PILLOW_VERSION' from 'PIL' (/usr/local/lib/python3.7/site-packages/PIL/__init__.py)")
    assert errors_of(text)[:1] == ["PACKAGE_CONFLICT"]


def test_a_release_named_whose_builds_all_predate_the_gpu_cannot_use_it() -> None:
    text = ("Isaac Lab 2.1.0 specifies torch==2.5.1 (which only supports up to sm_90). However, my RTX 5060 Ti GPU "
            "requires sm_120.")
    assert errors_of(text)[:1] == ["GPU_ARCH_UNSUPPORTED"]


@pytest.mark.parametrize("text", [
    "my RTX 5060 Ti works fine with torch 2.7.1 in another project",  # (2.7 has sm_120)
    "RTX 5090 here; should I try torch 2.5.1 or 2.7.0?",  # (two versions, a question)
])
def test_a_release_that_covers_the_gpu_or_a_question_is_no_architecture_problem(text: str) -> None:
    assert "GPU_ARCH_UNSUPPORTED" not in errors_of(text)


def test_a_generation_written_with_thousands_is_the_series_not_a_quadro() -> None:
    text = "Docker image doesn't run on Blackwell (RTX 5000 series) cards\nRUN pip install torch==2.6.0 --index-url " \
           "https://download.pytorch.org/whl/cu126"
    assert snapshot_from_text(text).gpu.nvml.value is None or all(
        g.name.replace("NVIDIA GeForce ", "") != "RTX 5000" for g in snapshot_from_text(text).gpu.nvml.value.gpus)
    assert errors_of(text)[:1] == ["GPU_ARCH_UNSUPPORTED"]


@pytest.mark.parametrize("text", [
    "Update: the \"nvcc fatal : Unsupported gpu architecture 'compute_86'\" from yesterday is gone after I installed "
    "CUDA 11.8.\n>>> torch.cuda.is_available()\nTrue\n",
    "Before upgrading the host I got \"This container was built for NVIDIA Driver Release 530.30 or later, but version "
    "460.91.03 was detected\". Host driver now 550.54.14.",
    "I used to get \"Disabling PyTorch because PyTorch >= 2.1 is required but found 2.0.1\" but I upgraded torch.",
])
def test_a_message_told_as_a_past_trouble_fixed_since_names_no_cause(text: str) -> None:
    assert errors_of(text) == []


def test_a_past_trouble_then_the_present_one_is_the_present_ones() -> None:
    text = ("Earlier the cuDNN DLLs were missing, I fixed that by reinstalling. Now on a fresh Windows 11 machine:\n"
            "OSError: [WinError 126] The specified module could not be found. Error loading "
            "\"C:\\Python312\\Lib\\site-packages\\torch\\lib\\fbgemm.dll\" or one of its dependencies.")
    assert errors_of(text)[:1] == ["VCREDIST_MISSING"]


def test_a_container_message_advising_an_earlier_image_is_no_past_trouble() -> None:
    text = ("nvidia-container-cli: requirement error: unsatisfied condition: cuda>=12.4, please update your driver to a "
            "newer version, or use an earlier cuda container: unknown")
    assert errors_of(text)[:1] == ["DRIVER_TOO_OLD"]


@pytest.mark.parametrize("text, fixed", [
    ("RuntimeError: CUDA error: no kernel image is available for execution on the device -> solved by installing "
     "torch 2.7.0+cu128 on my RTX 5090", True),
    ("RuntimeError: CUDA error: no kernel image is available for execution on the device on my RTX 5090; this can be "
     "solved by installing a newer torch?", False),  # (a question about a fix, not a fix)
])
def test_a_message_told_solved_by_an_install_names_no_cause(text: str, fixed: bool) -> None:
    assert ("GPU_ARCH_UNSUPPORTED" not in errors_of(text)) is fixed
