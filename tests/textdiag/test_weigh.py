"""Causes weighed in context: one case per context rule (wizard/textdiag/weigh.py)."""

from __future__ import annotations

import pytest

from wizard.textdiag.classify import classify_text


def first_cause(text: str) -> str:
    causes = classify_text(text)
    return causes[0].code if causes else ""


@pytest.mark.parametrize(
    ("text", "cause"),
    [
        # no_nvidia_hardware: the same CUDA message means "no NVIDIA GPU" on a Mac or an AMD-only machine
        ("AssertionError: Torch not compiled with CUDA enabled", "CPU_ONLY_WHEEL"),
        ("On my MacBook Air:\nAssertionError: Torch not compiled with CUDA enabled", "NO_NVIDIA_GPU"),
        ("My laptop has an AMD Radeon GPU.\nAssertionError: Torch not compiled with CUDA enabled", "NO_NVIDIA_GPU"),
        # library_decides_dll: a CUDA DLL is a CUDA library problem, torch's own DLLs need the VC++ runtime
        ('OSError: [WinError 126] x. Error loading "C:\\v\\torch\\lib\\fbgemm.dll" or one of its dependencies.',
         "VCREDIST_MISSING"),
        ('OSError: [WinError 126] x. Error loading "C:\\v\\torch\\lib\\cudnn_cnn_infer64_8.dll" or one of its '
         "dependencies.", "CUDA_LIB_MISSING"),
        # bitness_decides
        ("Python 3.8.10 [MSC v.1928 32 bit (Intel)] on win32\nImportError: DLL load failed: The specified module "
         "could not be found.", "PYTHON_UNSUPPORTED"),
        # old_libstdcxx_platform
        ("ImportError: /lib/libstdc++.so.6: version `GLIBCXX_3.4.32' not found (required by libtorch_python.so)",
         "LIB_PATH_CONFLICT"),
        ("root@board-riscv64:~# python3 x.py\nImportError: /lib/libstdc++.so.6: version `GLIBCXX_3.4.32' not found "
         "(required by libtorch_python.so)", "PLATFORM_UNSUPPORTED"),
        # no_wheel_context: the platform decides
        ("uname -m: riscv64\nERROR: No matching distribution found for torch", "PLATFORM_UNSUPPORTED"),
        # jetson_board
        ("On my Jetson Nano:\nERROR: No matching distribution found for torch==2.1.0", "PLATFORM_UNSUPPORTED"),
        # driver_trouble_hides_gpus
        ("NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.\n"
         "RuntimeError: No CUDA GPUs are available", "DRIVER_MISSING"),
        # torch_found_elsewhere
        ("Requirement already satisfied: torch in /usr/lib/python3/dist-packages (2.1.0)\n"
         "ModuleNotFoundError: No module named 'torch'", "ENV_MISMATCH"),
        # shadowing_script
        ('  File "C:\\Users\\me\\Desktop\\torch.py", line 1, in <module>\nAttributeError: partially initialized '
         "module 'torch' has no attribute 'rand' (most likely due to a circular import)", "ENV_MISMATCH"),
        # network_explains_no_wheel: pip never reached the index, so "no version" says nothing about the Python
        ("WARNING: Retrying (Retry(total=0, connect=None, read=None, redirect=None, status=None)) after connection "
         "broken by 'NewConnectionError(... [Errno 11001] getaddrinfo failed)': /whl/cu121/torch/\n"
         "ERROR: Could not find a version that satisfies the requirement torch (from versions: none)\n"
         "ERROR: No matching distribution found for torch", "DISK_OR_NETWORK"),
        # wsl_driver_side: inside WSL the driver is the Windows one; libcuda.so is its stub in /usr/lib/wsl/lib
        ("Ubuntu under WSL2\nRuntimeError: Found no NVIDIA driver on your system.", "WSL_DRIVER"),
        ("Ubuntu under WSL2\nCUDA SETUP: WARNING! libcuda.so not found! Do you have a CUDA driver installed?",
         "CUDA_LIB_MISSING"),
        ("WSL 2 here: libcuda.so is not found, only libcuda.so.1", "CUDA_LIB_MISSING"),
        ("Ubuntu 22.04: libcuda.so is not found", "DRIVER_MISSING"),
        # dll_without_nvidia_gpu: a CUDA build's DLLs cannot load where there is no NVIDIA GPU (no nvcuda.dll)
        ("OSError: [WinError 126] The specified module could not be found\nThis PC has no dedicated GPU, and "
         "I don't have an NVIDIA GPU.", "NO_NVIDIA_GPU"),
        ("OSError: [WinError 126] The specified module could not be found", "VCREDIST_MISSING"),
        ('Intel UHD graphics only.\nOSError: [WinError 126] x. Error loading "C:\\v\\torch\\lib\\caffe2_nvrtc.dll" '
         "or one of its dependencies.", "NO_NVIDIA_GPU"),
        # prose retellings of catalogued messages
        ("after the upgrade my nvidia driver seems too old for the new build", "DRIVER_TOO_OLD"),
        ("error loading fbgemm.dll after updating torch", "VCREDIST_MISSING"),
        ("Could not load library libcudnn_cnn_infer.so.8. Error: libcuda.so: cannot open shared object file",
         "CUDA_LIB_MISSING"),
        ("pip install torch: the download timed out at 60 %", "DISK_OR_NETWORK"),
        # wsl_driver_side: WSL 1 has no GPU at all, whatever the message; NVML blocked inside WSL is the Windows side
        ("### WSL Version\n- [ ] WSL 2\n- [x] WSL 1\nAssertionError: Torch not compiled with CUDA enabled", "WSL_DRIVER"),
        ("  NAME      STATE           VERSION\n* Ubuntu    Running         1\nbash: nvidia-smi: command not found",
         "WSL_DRIVER"),
        ("### WSL Version\n- [x] WSL 2\n- [ ] WSL 1\nbash: nvidia-smi: command not found", "WSL_DRIVER"),
        ("bash: nvidia-smi: command not found", "DRIVER_MISSING"),
        ("$ nvidia-smi\nFailed to initialize NVML: GPU access blocked by the operating system", "WSL_DRIVER"),
        # network wordings of urllib3 / conda / uv explain an empty "no version"
        ("WARNING: Retrying after connection broken by 'NewConnectionError(... Failed to establish a new connection: "
         "[Errno 101] Network is unreachable')': /whl/torch/\nERROR: No matching distribution found for torch",
         "DISK_OR_NETWORK"),
        ("CondaHTTPError: HTTP 000 CONNECTION FAILED for url <https://conda.anaconda.org/pytorch/linux-64/repodata.json>",
         "DISK_OR_NETWORK"),
        ("The code execution cannot proceed because VCRUNTIME140_1.dll was not found.", "VCREDIST_MISSING"),
        # retold_in_prose: a tool's own message outweighs a retelling beside it
        ("I'm behind a corporate proxy, if that matters.\nModuleNotFoundError: No module named 'torch'",
         "TORCH_MISSING"),
    ],
)
def test_context_chooses_among_the_causes_a_message_is_evidence_for(text: str, cause: str) -> None:
    assert first_cause(text) == cause


def test_reasons_say_what_moved_the_choice() -> None:
    mac = classify_text("macOS 14\nAssertionError: Torch not compiled with CUDA enabled")[0]
    assert mac.code == "NO_NVIDIA_GPU" and any("macOS" in reason for reason in mac.reasons)


def test_arch_list_covering_the_gpu_rules_out_an_arch_problem() -> None:
    from wizard.textdiag.signatures import default_signatures, match_signature
    from wizard.textdiag.weigh import weigh_match

    signature = next(s for s in default_signatures() if s.id == "no_kernel_image")
    found = match_signature(signature, "RuntimeError: CUDA error: no kernel image is available for execution on the device")
    assert found is not None
    plain = weigh_match(found, {}, [])
    covered = weigh_match(found, {"capability": "8.6", "arch_list": "sm_80 sm_86 sm_90"}, [])
    assert plain.cause == "GPU_ARCH_UNSUPPORTED"
    assert covered.cause == "PACKAGE_CONFLICT" and covered.reasons


def test_a_situation_told_without_an_error_string() -> None:
    assert first_cause("import torch works in the terminal, but in the Jupyter notebook it fails.") == "ENV_MISMATCH"
    assert first_cause("It runs fine in the terminal but not in my VS Code notebook") == "ENV_MISMATCH"


def test_a_reachable_index_that_listed_versions_is_not_a_network_problem() -> None:
    text = ("WARNING: Retrying (Retry(total=4, connect=None, read=None, redirect=None, status=None)) after connection "
            "broken by 'ReadTimeoutError(...)': /simple/numpy/\nPython 3.13\n"
            "ERROR: Could not find a version that satisfies the requirement torch==2.2.0 (from versions: 2.6.0, 2.7.0)")
    assert first_cause(text) == "PYTHON_UNSUPPORTED"


def test_driver_errors_outside_wsl_stay_driver_errors() -> None:
    assert first_cause("Ubuntu 22.04\nRuntimeError: Found no NVIDIA driver on your system.") == "DRIVER_MISSING"
