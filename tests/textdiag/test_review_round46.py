"""A review of round 46's readings with invented texts (never corpus texts): the cases it found wrong, kept as
tests. Each text is the reviewer's; the expectation is what a careful helpdesk expert answers."""

from __future__ import annotations

import pytest

from tests.textdiag.pasted import errors_of, findings_of

# found by the review, not from this session's readings, and left: why
KNOWN_WRONG = {
    "U6-403-pypi-quote-in-advice": "the proxy-in-prose signature reads 'your proxy blocks' in a colleague's conditional tip",
}

CASES = {
    'D15-server-nolinuxword': ("Our lab's GPU server (RTX A6000 x4) fails while my own laptop (driver 537.42) runs the same code fine.\nOn the server:\n>>> torch.__version__\n'2.3.0'\n>>> torch.cuda.is_available()\nFalse",
        'not', 'CPU_ONLY_WHEEL'),
    'D16-colab-second': ("On my PC (driver 566.36) training works. On Google Colab I get:\n>>> import torch; torch.__version__\n'2.5.1'\n>>> torch.cuda.is_available()\nFalse",
        'not', 'CPU_ONLY_WHEEL'),
    'I9-reply-advice': ("My training crashes: CUDA out of memory. Tried to allocate 2.00 GiB (GPU 0; 8.00 GiB total capacity; 6.1 GiB already allocated)\ntorch 1.13.1, Python 3.11\n--\nReply: you can't install torch 1.13 on Python 3.11 anyway, are you sure that's the version?",
        'not', 'PYTHON_UNSUPPORTED'),
    'S2-wish-buy': ('I want to buy an RTX 50 series card next month. Right now training on the CPU is painfully slow.\nI installed pip install torch==2.5.1 --index-url https://download.pytorch.org/whl/cu124 last week.\nWill the card work with this?',
        'not', 'GPU_ARCH_UNSUPPORTED'),
    'S9-zh-wait': ('等50系显卡出来再换卡，现在用的是笔记本。\npip install torch==2.5.1 --index-url https://download.pytorch.org/whl/cu124 之后显存不够用 CUDA out of memory',
        'not', 'GPU_ARCH_UNSUPPORTED'),
    'S12-readme-note': ('README says: "RTX 50 series users must install the CUDA 12.8 build".\nMy setup: pip install torch==2.5.1 --index-url https://download.pytorch.org/whl/cu124 then python app.py\nTraceback (most recent call last):\n  File "C:\\app\\app.py", line 3, in <module>\n    import cv2\nModuleNotFoundError: No module named \'cv2\'',
        'not', 'GPU_ARCH_UNSUPPORTED'),
    'S13-two-lines-dockerfile': ('Dockerfile:\nFROM python:3.11-slim\n# RTX 50 series needs cu128, old line kept for reference:\n# RUN pip install torch==2.5.1 --index-url https://download.pytorch.org/whl/cu124\nRUN pip install torch --index-url https://download.pytorch.org/whl/cu128\ncontainer logs: RuntimeError: CUDA error: out of memory',
        'not', 'GPU_ARCH_UNSUPPORTED'),
    'S15-zh-advice': ("我的 RTX 5090 跑 ComfyUI 报错。\n有人说：试试 pip install torch==2.5.1 --index-url https://download.pytorch.org/whl/cu124\n现在的报错：ModuleNotFoundError: No module named 'comfy_extras'",
        'not', 'GPU_ARCH_UNSUPPORTED'),
    'M1-fire-torch-metal': ('>>> import torch\nTraceback (most recent call last):\n  File "<stdin>", line 1, in <module>\n  File "/Users/kim/venv/lib/python3.11/site-packages/torch/__init__.py", line 237, in <module>\n    from torch._C import *  # noqa: F403\nImportError: dlopen(/Users/kim/venv/lib/python3.11/site-packages/torch/_C.cpython-311-darwin.so, 0x0002): Symbol not found: _OBJC_CLASS_$_MTLResidencySetDescriptor\n  Referenced from: <6A1C3B2E-0D4F-3A7B-9C1D-2E4F6A8B0C1D> /Users/kim/venv/lib/python3.11/site-packages/torch/lib/libtorch_cpu.dylib\n  Expected in:     <B4E2F1A0-3C5D-3E6F-8A9B-0C1D2E3F4A5B> /System/Library/Frameworks/Metal.framework/Versions/A/Metal\nmacOS 13.6.7, MacBook Air M1',
        'first', 'PLATFORM_UNSUPPORTED'),
    'M8-dyld-pid-padded': ('dyld[4121]: Symbol not found: _mkfifoat\n  Referenced from: <5D2C1C44-52A6-3F4B-9F57-8C2A1B0E7D11> /Applications/App.app/Contents/MacOS/App\n  Expected in:     <0A1B2C3D-4E5F-6071-8293-A4B5C6D7E8F9> /usr/lib/libSystem.B.dylib\nzsh: abort      ./App',
        'first', 'PLATFORM_UNSUPPORTED'),
    'M9-importerror-uuid-onespace': ('ImportError: dlopen(/Applications/App.app/Contents/Frameworks/Python, 0x000A): Symbol not found: _mkfifoat\n  Referenced from: <5D2C1C44-52A6-3F4B-9F57-8C2A1B0E7D11> /Applications/App.app/Contents/Frameworks/Python\n  Expected in: <0A1B2C3D-4E5F-6071-8293-A4B5C6D7E8F9> /usr/lib/libSystem.B.dylib',
        'first', 'PLATFORM_UNSUPPORTED'),
    'N10-reported-speech-nvsmi': ('The program says there is no GPU in my system, but nvidia-smi shows my card.\nRuntimeError: No CUDA GPUs are available',
        'not', 'NO_NVIDIA_GPU'),
    'N11-system-monitor': ('there is no GPU in my system monitor graphs while training, only CPU at 100%.\nRuntimeError: No CUDA GPUs are available',
        'not', 'NO_NVIDIA_GPU'),
    'G2-ngc-minor-compat-works': ("Starting the container prints\nERROR: This container was built for NVIDIA Driver Release 545.23 or later, but\n       version 535.104.05 was detected and compatibility mode is UNAVAILABLE.\nbut training runs fine anyway:\n>>> torch.cuda.is_available()\nTrue\n>>> torch.cuda.get_device_name(0)\n'NVIDIA A100-SXM4-80GB'\nCan I ignore this message?",
        'not', 'DRIVER_TOO_OLD'),
    'G3-ngc-plus-oom': ('ERROR: This container was built for NVIDIA Driver Release 530.30 or later, but\n       version 525.85.12 was detected and compatibility mode is UNAVAILABLE.\n...\ntorch.cuda.OutOfMemoryError: CUDA out of memory. Tried to allocate 1.50 GiB. GPU 0 has a total capacity of 23.65 GiB of which 312.56 MiB is free.',
        'not', 'DRIVER_TOO_OLD'),
    'G4-ngc-question-other': ("Question about NGC: what does 'This container was built for NVIDIA Driver Release 550.54 or later, but version 535.183.01 was detected' mean for my colleague's box? On my own machine nothing is wrong:\n>>> torch.cuda.is_available()\nTrue\n>>> torch.cuda.get_device_name(0)\n'NVIDIA RTX A5000'",
        'not', 'DRIVER_TOO_OLD'),
    'U3-retry-then-resolution': ('$ uv pip install torch==2.2.2 --index-url https://download.pytorch.org/whl/cu121\nwarning: Request failed after 1 retry: HTTP status server error (503 Service Unavailable) for url (https://download.pytorch.org/whl/cu121/torch/), retrying\n  × No solution found when resolving dependencies:\n  ╰─▶ Because torch==2.2.2 has no wheels with a matching Python ABI tag (e.g., `cp313`) and you require torch==2.2.2, we can conclude that your requirements are unsatisfiable.\nUsing Python 3.13.1 environment at: .venv',
        'first', 'PYTHON_UNSUPPORTED'),
    'U6-403-pypi-quote-in-advice': ("torch.cuda.is_available() False with 2.4.0+cpu on Windows.\nTip from a colleague: if uv shows 'HTTP status client error (403 Forbidden)' your proxy blocks download.pytorch.org.",
        'not', 'DISK_OR_NETWORK'),
    'U4-401-private': ('error: Failed to fetch: `https://artifactory.corp.example/api/pypi/pytorch-remote/simple/torch/`\n  Caused by: HTTP status client error (401 Unauthorized) for url (https://artifactory.corp.example/api/pypi/pytorch-remote/simple/torch/)',
        'first', 'DISK_OR_NETWORK'),
    'W2-fbgemm-past': ('Earlier the cuDNN DLLs were missing, I fixed that by reinstalling. Now on a fresh Windows 11 machine:\nOSError: [WinError 126] The specified module could not be found. Error loading "C:\\Python312\\Lib\\site-packages\\torch\\lib\\fbgemm.dll" or one of its dependencies.',
        'first', 'VCREDIST_MISSING'),
    'W3-cpu-build-misbelief': ('torch 2.3.0+cpu\nOSError: [WinError 126] The specified module could not be found. Error loading "C:\\ai\\env\\lib\\site-packages\\torch\\lib\\fbgemm.dll" or one of its dependencies.\nI think the CUDA DLLs are missing?',
        'first', 'VCREDIST_MISSING'),
}



WORDING = {
    'M5-libsystem-old-style': ('dyld: Symbol not found: _aligned_alloc\n  Referenced from: /Users/ana/Library/Python/3.9/lib/python/site-packages/torch/lib/libc10.dylib\n  Expected in: /usr/lib/libSystem.B.dylib\n in /Users/ana/Library/Python/3.9/lib/python/site-packages/torch/lib/libc10.dylib\nmacOS Mojave 10.14.6',
        'PLATFORM_UNSUPPORTED.pasted.macos_too_old.title'),
    'N1-no-gpu-fire': ('I only want to run it on the CPU, there is no GPU in my system.\n  File "C:\\Users\\me\\app\\run.py", line 8, in <module>\n    model.to("cuda")\nAssertionError: Torch not compiled with CUDA enabled',
        'NO_NVIDIA_GPU.pasted.no_gpu_told.title'),
    'N9-no-gpu-in-system-plus-cuda-wanted': ('there is no GPU in my system but I need CUDA for a course assignment; pip install torch gives me 2.5.1+cpu. How do I get CUDA?',
        'NO_NVIDIA_GPU.pasted.no_gpu_told.title'),
    'I1-a1111-py312-fire': ('venv "C:\\\\stable-diffusion-webui\\\\venv\\\\Scripts\\\\Python.exe"\nPython 3.12.4 (tags/v3.12.4:8e8a4ba, Jun  6 2024, 19:30:16) [MSC v.1940 64 bit (AMD64)]\nVersion: v1.10.1\nCommit hash: 82a973c04367123ae98bd9abdf80d9eda9b910e2\nInstalling torch and torchvision\nTraceback (most recent call last):\n  File "C:\\stable-diffusion-webui\\launch.py", line 48, in <module>\n    main()\n  File "C:\\stable-diffusion-webui\\modules\\launch_utils.py", line 380, in prepare_environment\n    run(f\'"{python}" -m {torch_command}\', "Installing torch and torchvision", "Couldn\'t install torch", live=True)\nRuntimeError: Couldn\'t install torch.\nCommand: "C:\\stable-diffusion-webui\\venv\\Scripts\\python.exe" -m pip install torch==2.1.2 torchvision==0.16.2 --extra-index-url https://download.pytorch.org/whl/cu121\nError code: 1',
        'PYTHON_UNSUPPORTED.pasted.install_failed.title'),
}



# the second review (of the round-48 readings and the first review's fixes): what it found wrong, fixed
SECOND_REVIEW = {
    'libomp_lightgbm': ("import lightgbm fails on my M1 mac, torch works fine (torch.__version__ 2.1.0, mps available True)\nOSError: dlopen(/opt/homebrew/lib/python3.11/site-packages/lightgbm/lib/lib_lightgbm.so, 0x0006): Library not loaded: /opt/homebrew/opt/libomp/lib/libomp.dylib\n  Referenced from: <1E2B> /opt/homebrew/lib/python3.11/site-packages/lightgbm/lib/lib_lightgbm.so\n  Reason: tried: '/opt/homebrew/opt/libomp/lib/libomp.dylib' (no such file)",
        'not', 'TORCH_IMPORT_FAILED'),
    'libomp_xgboost': ('XGBoostError: XGBoost Library (libxgboost.dylib) could not be loaded.\nLikely causes:\n  * OpenMP runtime is not installed\n    - vcomp140.dll or libgomp-1.dll for Windows\n    - libomp.dylib for Mac OSX\n    - libgomp.so for Linux and other UNIX-like OSes\n    Mac OSX users: Run `brew install libomp` to install OpenMP runtime.\nError message(s): ["dlopen(/Users/x/venv/lib/python3.10/site-packages/xgboost/lib/libxgboost.dylib, 0x0006): Library not loaded: @rpath/libomp.dylib\\n  Referenced from: <ABC> /Users/x/venv/lib/python3.10/site-packages/xgboost/lib/libxgboost.dylib\\n  Reason: tried: \'/usr/local/opt/libomp/lib/libomp.dylib\' (no such file)"]',
        'not', 'TORCH_IMPORT_FAILED'),
    'iso_user_script': ('I ran python setup.py install in my repo and got\nTraceback (most recent call last):\n  File "setup.py", line 3, in <module>\n    import torch\nModuleNotFoundError: No module named \'torch\'\nI never installed torch in this conda env, I only did conda create -n foo python=3.10',
        'first', 'TORCH_MISSING'),
    'iso_other_module': ('  Getting requirements to build wheel ... error\n      File "/tmp/pip-build-env-abc/overlay/lib/python3.11/site-packages/setuptools/build_meta.py", line 288, in _get_build_requires\n      ModuleNotFoundError: No module named \'numpy\'\nthen my script: \n  File "train.py", line 1, in <module>\n    import torch\nModuleNotFoundError: No module named \'torch\'',
        'first', 'TORCH_MISSING'),
    'sudo_docker_group': ('docker only works with sudo for me (I\'m not in the docker group yet). With sudo docker run --gpus all pytorch/pytorch python -c "import torch; print(torch.cuda.is_available())" I get True. Without sudo: permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock',
        'not', 'DRIVER_MISSING'),
    'ngc_within_major': ('NVIDIA Release 24.01 (build 80741402)\nPyTorch Version 2.2.0a0+81ea7a4\nWARNING: This container was built for NVIDIA Driver Release 545.23 or later, but\n       version 535.129.03 was detected and compatibility mode is UNAVAILABLE.\nroot@1:/workspace# python -c "import torch;print(torch.randn(2).cuda())"\nRuntimeError: CUDA error: no kernel image is available for execution on the device\nGPU: Tesla P100',
        'first', 'GPU_ARCH_UNSUPPORTED'),
}



SECOND_REVIEW_WORDS = {
    'nvcc_fire_89': ("Building wheel for flash-attn (setup.py) ... error\n  running build_ext\n  /usr/local/cuda/bin/nvcc -I/usr/include/python3.10 -c csrc/flash_attn/flash_api.cpp -gencode arch=compute_89,code=sm_89\n  nvcc fatal   : Unsupported gpu architecture 'compute_89'\n  error: command '/usr/local/cuda/bin/nvcc' failed with exit code 1\nGPU is RTX 4090, nvcc --version says release 11.7, V11.7.64",
        'TOOLKIT_MISMATCH.pasted.arch_unsupported.title'),
    'nvcc_old_arch_cuda12': ('Trying to build my custom op for an old Tesla K80 with TORCH_CUDA_ARCH_LIST="3.7"\nnvcc --version\nCuda compilation tools, release 12.1, V12.1.105\n...\nnvcc fatal   : Unsupported gpu architecture \'compute_37\'\nerror: command \'/usr/local/cuda-12.1/bin/nvcc\' failed with exit code 1',
        'TOOLKIT_MISMATCH.pasted.arch_unsupported.title'),
    'tf_fire': ("Disabling PyTorch because PyTorch >= 2.1 is required but found 2.0.1\nNone of PyTorch, TensorFlow >= 2.0, or Flax have been found. Models won't be available and only tokenizers, configuration and file/data utilities can be used.\nImportError: AutoModelForCausalLM requires the PyTorch library but it was not found in your environment.",
        'PACKAGE_CONFLICT.pasted.transformers_needs_newer_torch.title'),
}



def test_a_source_builds_version_is_never_offered_to_install_again() -> None:
    text = 'NVIDIA Release 24.01 (build 80741402)\nPyTorch Version 2.2.0a0+81ea7a4\nWARNING: This container was built for NVIDIA Driver Release 545.23 or later, but\n       version 535.129.03 was detected and compatibility mode is UNAVAILABLE.\nroot@1:/workspace# python -c "import torch;print(torch.randn(2).cuda())"\nRuntimeError: CUDA error: no kernel image is available for execution on the device\nGPU: Tesla P100'
    first = next(f for f in findings_of(text) if f.severity.name == "ERROR")
    assert not any("a0" in action.label for action in first.actions)


# (both reviews' cases, read the same way)
ALL_CASES = {**CASES, **SECOND_REVIEW}
ALL_WORDING = {**WORDING, **SECOND_REVIEW_WORDS}


@pytest.mark.parametrize("name", sorted(ALL_CASES))
def test_review46(name: str) -> None:
    if name in KNOWN_WRONG:
        pytest.xfail(KNOWN_WRONG[name])
    text, kind, code = ALL_CASES[name]
    errors = errors_of(text)
    if kind == "first":
        assert errors[:1] == [code]
    else:
        assert code not in errors


@pytest.mark.parametrize("name", sorted(ALL_WORDING))
def test_review46_words_and_no_other_torch(name: str) -> None:
    text, key = ALL_WORDING[name]
    first = next(f for f in findings_of(text) if f.severity.name == "ERROR")
    assert first.title_message is not None and first.title_message.key == key
    assert first.actions == ()
