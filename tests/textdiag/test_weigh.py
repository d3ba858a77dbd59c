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
        # ... also torch's "driver too old" (a leftover NVIDIA driver answered), the model written with its suffix glued on
        ("I'm running with AMD RX 7900XTX\nRuntimeError: The NVIDIA driver on your system is too old (found version "
         "11010).", "NO_NVIDIA_GPU"),
        ("RuntimeError: The NVIDIA driver on your system is too old (found version 11010).", "DRIVER_TOO_OLD"),
        # ... but a Ryzen processor's name "with Radeon Graphics" names no GPU of AMD's alone (laptops pair it with NVIDIA)
        ("Processor: AMD Ryzen 7 5800H with Radeon Graphics\nRuntimeError: The NVIDIA driver on your system is too old "
         "(found version 11040).", "DRIVER_TOO_OLD"),
        # local_version_needs_its_index: a +cuNNN pin pip did not find, with nothing showing PyTorch's index: PyPI never
        # has local versions; "(from versions: none)" (no torch at all) and an index shown leave the Python first
        ("ERROR: No matching distribution found for torch==2.1.2+cu121", "INDEX_VARIANT_MISSING"),
        ("ERROR: Could not find a version that satisfies the requirement torch==1.11.0+cu113 (from versions: none)\n"
         "ERROR: No matching distribution found for torch==1.11.0+cu113", "PYTHON_UNSUPPORTED"),
        ("pip install torch==2.1.2+cu121 -f https://download.pytorch.org/whl/torch_stable.html\n"
         "ERROR: No matching distribution found for torch==2.1.2+cu121", "PYTHON_UNSUPPORTED"),
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
        # ... and so does a platform the knowledge base knows but no release builds for (as the platform check says)
        ("Windows 11 on Arm (ARM64), Python 3.12\nERROR: Could not find a version that satisfies the requirement torch "
         "(from versions: none)\nERROR: No matching distribution found for torch", "PLATFORM_UNSUPPORTED"),
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
         "module 'torch' has no attribute 'rand' (most likely due to a circular import)", "LOCAL_TORCH_SHADOW"),
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
        # no_nvidia_hardware: the text saying the machine has no GPU (in English or Chinese)
        ("RuntimeError: Found no NVIDIA driver on your system.\nI don't have a GPU on this laptop.", "NO_NVIDIA_GPU"),
        ("AssertionError: Torch not compiled with CUDA enabled\nMy laptop has no GPU, I run it on the CPU.",
         "NO_NVIDIA_GPU"),
        ("RuntimeError: Found no NVIDIA driver on your system.\n我的电脑没有显卡", "NO_NVIDIA_GPU"),
        ("Ubuntu 22.04\nRuntimeError: Found no NVIDIA driver on your system.\nI don't have a GPU problem, the driver is "
         "the problem.", "DRIVER_MISSING"),
        ("AssertionError: Torch not compiled with CUDA enabled\nI have an RTX 3060, the GPU is fine.", "CPU_ONLY_WHEEL"),
        # no_wheel_context: pip's own list of installable versions decides (wizard/textdiag/era.py)
        ("ERROR: Could not find a version that satisfies the requirement torch==2.3.0 (from versions: 2.0.0, 2.0.1, "
         "2.1.0, 2.1.1, 2.1.2, 2.2.0, 2.2.1, 2.2.2)\nERROR: No matching distribution found for torch==2.3.0",
         "PLATFORM_UNSUPPORTED"),
        ("ERROR: Could not find a version that satisfies the requirement torch==1.9.0+cu111 (from versions: 1.7.1, "
         "1.8.0, 1.8.1, 1.9.0, 1.9.1, 1.10.0)\nERROR: No matching distribution found for torch==1.9.0+cu111",
         "INDEX_VARIANT_MISSING"),
        ("ERROR: Could not find a version that satisfies the requirement torch==2.5.0 (from versions: 1.13.0, 1.13.1)\n"
         "ERROR: No matching distribution found for torch==2.5.0", "PYTHON_UNSUPPORTED"),
        # poetry found wheels and skipped them all for their tags; the release serves the Python named: the platform
        ("Python 3.12\n  | Unable to find installation candidates for torch (2.5.1)\n  |   - 17 wheel(s) were skipped as "
         "your project's environment does not support the identified abi tags", "PLATFORM_UNSUPPORTED"),
        ("Python 3.13\n  | Unable to find installation candidates for torch (2.1.2)\n  |   - 17 wheel(s) were skipped as "
         "your project's environment does not support the identified abi tags", "PYTHON_UNSUPPORTED"),
        # urllib3: the body of a download broke (the paste may be cut before the exception line)
        ('ERROR: Exception:\nTraceback (most recent call last):\n  File "/usr/lib/python3/dist-packages/pip/_vendor/'
         'urllib3/response.py", line 438, in _error_catcher\n    yield', "DISK_OR_NETWORK"),
        ("pip._vendor.urllib3.exceptions.ProtocolError: ('Connection broken: IncompleteRead(0 bytes read)', "
         "IncompleteRead(0 bytes read))", "DISK_OR_NETWORK"),
        # round 5, from the tools' sources: the driver's user space, cuDNN's Windows loader, failed downloads
        ("RuntimeError: CUDA driver initialization failed, you might not have a CUDA gpu.", "DRIVER_MISSING"),
        ("RuntimeError: CUDA driver initialization failed, you might not have a CUDA gpu.\nThis server has no GPU "
         "at all, my laptop has no GPU either.", "NO_NVIDIA_GPU"),
        ("NVIDIA-SMI couldn't find libnvidia-ml.so library in your system.", "DRIVER_MISSING"),
        ("RuntimeError: CUDA error: system has unsupported display driver / cuda driver combination", "DRIVER_MISSING"),
        ("Could not load library cudnn_ops_infer64_8.dll. Error code 126", "CUDA_LIB_MISSING"),
        ("ERROR: HTTP error 403 while getting https://download.pytorch.org/whl/cu118/torch-2.1.0.whl", "DISK_OR_NETWORK"),
        ("  \u251c\u2500\u25b6 request or response body error\n  \u2570\u2500\u25b6 operation timed out", "DISK_OR_NETWORK"),
        ("CondaError: Downloaded bytes did not match Content-Length", "DISK_OR_NETWORK"),
        ("ssl.SSLError: [SSL: DECRYPTION_FAILED_OR_BAD_RECORD_MAC] decryption failed or bad record mac", "DISK_OR_NETWORK"),
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


@pytest.mark.parametrize(("context", "cause"), [
    ("", "NO_NVIDIA_GPU"),  # nothing NVIDIA named, the platform unknown: the message's own first question
    ("Windows 11\n", "NO_NVIDIA_GPU"),  # Windows installs an NVIDIA GPU's driver itself
    ("Ubuntu 22.04\n", "DRIVER_MISSING"),  # a Linux install often lacks the driver
    ("GPU: GTX 1650\n", "DRIVER_MISSING"),  # an NVIDIA GPU named: its driver is what is missing
])
def test_found_no_nvidia_driver_with_nothing_nvidia_named_off_linux_reads_as_no_nvidia_gpu(context: str,
                                                                                          cause: str) -> None:
    assert first_cause(context + "RuntimeError: Found no NVIDIA driver on your system.") == cause


def test_a_404_is_a_missing_file_not_the_network() -> None:
    assert first_cause("ERROR: HTTP error 404 while getting https://download.pytorch.org/whl/cu118/x.whl") != (
        "DISK_OR_NETWORK")

def test_a_cuda_index_has_no_macos_wheels() -> None:
    """cuda_index_on_macos: nothing found on a CUDA index from a Mac is that index's gap, not the Python."""
    no_wheel = ("Looking in indexes: https://download.pytorch.org/whl/cu118\n"
                "ERROR: Could not find a version that satisfies the requirement torch==2.6.0 (from versions: none)")
    assert first_cause("On my MacBook Air:\n" + no_wheel) == "INDEX_VARIANT_MISSING"
    assert first_cause("Ubuntu 24.04\n" + no_wheel) != "INDEX_VARIANT_MISSING"
    # an Intel Mac's 2.2.x ceiling and a Python no release served still decide first
    assert first_cause("Intel MacBook Pro, Python 3.7.9\n" + no_wheel) == "PYTHON_UNSUPPORTED"


def test_out_of_memory_on_a_jetson_is_not_a_platform_problem() -> None:
    """jetson_board leaves pip's MemoryError alone: running out of memory says nothing about which wheel fits."""
    text = "Jetson Nano, 4GB of RAM, no swap\n  File \"/usr/lib/python3/dist-packages/pip/req/req_set.py\"\nMemoryError"
    assert first_cause(text) == "DISK_OR_NETWORK"


def test_a_memory_error_is_pips_only_beside_an_install() -> None:
    """memory_error_needs_an_install: pip's MemoryError when a request is shown, else the running code's."""
    assert first_cause("pip3 install --no-cache-dir torch-1.1.0-cp36-cp36m-linux_aarch64.whl\nI get a `MemoryError`"
                       ) == "DISK_OR_NETWORK"
    assert first_cause("I get a MemoryError when training my model on the CPU") == ""


def test_a_cuda_build_named_on_a_mac_is_no_wish_for_cuda() -> None:
    """wanted_cuda: no CUDA build exists for macOS, so a cuNNN index or +cuNNN build there was copied, not chosen."""
    from wizard.textdiag.weigh import wanted_cuda

    assert wanted_cuda([], {"index_variant": "cu118"})
    assert not wanted_cuda([], {"os": "darwin", "index_variant": "cu118", "torch_variant": "cu118"})
    assert wanted_cuda(["CPU_ONLY_WHEEL"], {"os": "darwin"})  # a CUDA error still proves the wish


def test_a_path_past_260_characters_is_windows_path_limit() -> None:
    """path_past_windows_limit: MAX_PATH counts the terminating null, so 260 characters already fail (pip's own hint
    starts at 261), with repr's doubled backslashes counted once."""
    def pip_error(path: str) -> str:
        return f"ERROR: Could not install packages due to an EnvironmentError: [Errno 2] No such file or directory: '{path}'"

    deep = "C:\\\\Users\\\\me\\\\AppData\\\\Local\\\\Packages\\\\" + "\\\\".join(["a" * 20] * 11) + "\\\\x.zip"
    assert len(deep.replace("\\\\", "\\")) > 260
    assert first_cause(pip_error(deep)) == "LONG_PATHS_DISABLED"
    # over 260 characters as printed, not once the doubled backslashes count once: not the path limit
    near = "C:\\\\" + "\\\\".join(["b" * 18] * 13) + "\\\\y.py"
    assert len(near) > 260 and len(near.replace("\\\\", "\\")) < 260
    assert first_cause(pip_error(near)) == ""
    exactly = "C:\\\\" + "\\\\".join(["c" * 19] * 12) + "\\\\" + "z" * 17  # 260 characters with the null 261
    assert len(exactly.replace("\\\\", "\\")) == 260
    assert first_cause(pip_error(exactly)) == "LONG_PATHS_DISABLED"


def test_no_module_named_torch_in_a_notebook_is_the_kernels_python() -> None:
    """raised_in_a_notebook: Jupyter/IPython run a kernel of their own; in a plain script it stays a missing torch."""
    error = "ModuleNotFoundError: No module named 'torch'"
    assert first_cause(f"<ipython-input-3-eb42ca6e4af3> in <module>\n----> 1 import torch\n{error}") == "ENV_MISMATCH"
    assert first_cause(f"When I run cell 1 of demo.ipynb I get {error}") == "ENV_MISMATCH"
    assert first_cause(f'  File "C:\\app\\run.py", line 3, in <module>\n    import torch\n{error}') == "TORCH_MISSING"


def test_dyld_names_the_symbol_only_a_python_symbol_blames_the_python() -> None:
    """symbol_names_its_library: a _Py… symbol is the interpreter's; a torch C++ symbol in a torchaudio/torchvision
    library (companion_symbol_not_found_macos) is a companion built for another torch."""
    assert first_cause("ImportError: dlopen(/x/torch/_C.cpython-36m-darwin.so, 10): Symbol not found: "
                       "_PySlice_AdjustIndices") == "PYTHON_UNSUPPORTED"
    assert first_cause("OSError: dlopen(/Users/me/env/lib/python3.9/site-packages/torchvision/image.so, 0x0006): "
                       "Symbol not found: __ZN3c106detail14torchCheckFailEPKcS2_jRKNSt3__112basic_stringIcEE"
                       ) == "PACKAGE_CONFLICT"
    # not a companion's library and not a Python symbol: no longer read as an unsupported Python
    assert first_cause("ImportError: dlopen(/x/site-packages/torch/_C.so, 2): Symbol not found: "
                       "__ZN3c1011CPUTensorIdEv") != "PYTHON_UNSUPPORTED"


def test_no_wheel_on_64_bit_windows_from_the_pytorch_index_is_the_python() -> None:
    """windows_x64_has_pytorch_wheels: download.pytorch.org serves win_amd64, so only the Python can lack a wheel."""
    placeholder = ("Collecting torch\n  Using cached https://files.pythonhosted.org/packages/f8/02/880b468bd382dc79896ea"
                   "ecbeb8ce95e9c4b99a24902874a2cef0b562cea/torch-0.1.2.post2.tar.gz")
    find_links = "C:\\>pip install torch -f https://download.pytorch.org/whl/torch_stable.html\n"
    banner = "Python 3.8.0 (tags/v3.8.0:fa919fd, Oct 14 2019) [MSC v.1916 64 bit (AMD64)] on win32\n"
    assert first_cause(banner + find_links + placeholder) == "PYTHON_UNSUPPORTED"
    # the same placeholder on an ARM board, or without the PyTorch index, is not decided by this rule
    assert first_cause("uname -m: armv7l\n" + find_links + placeholder) == "PLATFORM_UNSUPPORTED"
    from wizard.textdiag.clean import clean_text
    from wizard.textdiag.signatures import match_all
    from wizard.textdiag.weigh import windows_x64_has_pytorch_wheels

    [found] = match_all(clean_text(placeholder))
    windows = {"os": "windows", "machine": "x86_64"}
    assert list(windows_x64_has_pytorch_wheels(found, {**windows, "requested": "torch"}, []))  == []  # PyPI only
    assert list(windows_x64_has_pytorch_wheels(found, {**windows, "requested": "torch -f https://download.pytorch"
                                                       ".org/whl/torch_stable.html", "available_versions": "1.4.0"},
                                               [])) == []  # real versions listed: the Python is served


def test_a_library_missing_for_a_companions_extension_is_the_companions_build() -> None:
    """companion_import_needs_it: torch imported before torchvision's _C, so its CUDA libraries were there."""
    frame = '  File "/x/site-packages/torchvision/ops/boxes.py", line 2, in <module>\n'
    missing = "ImportError: libcudart.so.9.0: cannot open shared object file: No such file or directory"
    assert first_cause(frame + "    from torchvision import _C\n" + missing) == "PACKAGE_CONFLICT"
    # raised by torch's own import, the same message is a missing CUDA library
    assert first_cause('  File "/x/site-packages/torch/__init__.py", line 229, in <module>\n'
                       "    from torch._C import *  # noqa: F403\n" + missing) == "CUDA_LIB_MISSING"


def test_a_no_wheel_text_that_blames_an_outdated_python_makes_it_an_error() -> None:
    """check_python_supported: "outdated" is a warning, unless the pasted failure itself blames this Python."""
    from wizard.engine import diagnose
    from wizard.findings import Goal, Severity
    from wizard.textdiag import snapshot_from_text

    text = ("Python 3.8.0 (tags/v3.8.0:fa919fd, Oct 14 2019) [MSC v.1916 64 bit (AMD64)] on win32\nC:\\>pip install torch -f https://download.pytorch.org/whl/torch_stable.html\n"
            "ERROR: Could not find a version that satisfies the requirement torch (from versions: 0.1.2, 0.1.2.post1, "
            "0.1.2.post2)\nERROR: No matching distribution found for torch")
    findings = diagnose(snapshot_from_text(text), goal=Goal()).findings
    python = [f for f in findings if f.code == "PYTHON_UNSUPPORTED"]
    assert python and python[0].severity == Severity.ERROR


@pytest.mark.parametrize(("where", "cause"), [
    ("/usr/local/cuda-12.3/lib64", "CUDNN_MISMATCH"),  # a system cuDNN found first on the library path
    ("/usr/lib/x86_64-linux-gnu", "CUDNN_MISMATCH"),
    ("/home/u/venv/lib/python3.10/site-packages/nvidia/cudnn/lib", "CUDA_LIB_MISSING"),  # the wheel's own copy
    ("/opt/conda/envs/work/lib", "CUDA_LIB_MISSING"),  # the environment's own (conda's) copy
])
def test_a_cudnn_library_failing_from_a_system_folder_is_a_system_cudnn_shadowing_torchs(where: str, cause: str) -> None:
    text = (f"Could not load library libcudnn_cnn_train.so.8. Error: {where}/libcudnn_cnn_train.so.8: undefined symbol: "
            "_ZN5cudnn3cnn34layerNormFwd_execute_internal_implERKNS_7backend11VariantPackEP11CUstream_st")
    assert first_cause(text) == cause


CONDA_NOT_FOUND = ("conda install pytorch torchvision torchaudio {spec} -c pytorch\n"
                   "PackagesNotFoundError: The following packages are not available from current channels:\n\n"
                   "  - {missing}\n\nOS: {os}\n")


@pytest.mark.parametrize(("missing", "os_name", "cause"), [
    ("cudatoolkit=11.1", "Windows 10", "INDEX_VARIANT_MISSING"),  # the channel that carries it was not asked
    ("pytorch-cuda=12.1", "Ubuntu 22.04", "INDEX_VARIANT_MISSING"),  # (-c nvidia missing)
    ("cudatoolkit=11.3", "macOS 13", "PLATFORM_UNSUPPORTED"),  # no CUDA package fits a Mac: not a channel to add
    ("pytorch", "Ubuntu 22.04", "PLATFORM_UNSUPPORTED"),  # torch itself missing: the platform reading stays
])
def test_conda_missing_a_cuda_package_is_its_channel_not_the_platform(missing: str, os_name: str, cause: str) -> None:
    spec = missing if missing != "pytorch" else ""
    assert first_cause(CONDA_NOT_FOUND.format(spec=spec, missing=missing, os=os_name)) == cause
