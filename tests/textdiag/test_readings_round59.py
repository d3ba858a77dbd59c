"""Readings of round 59's session, each written from PyTorch's published builds (the knowledge base's platforms of
every release's variants), not from the corpus."""

from __future__ import annotations

import pytest

from tests.textdiag.pasted import diagnosis_of, errors_of, facts_of, findings_of, verdict_of
from wizard.textdiag import snapshot_from_text
from wizard.textdiag.build import gpu_build_never_published_for_os
from wizard.verdict import VerdictKind


def _pip(prompt: str, index: str, requirement: str = "torch torchvision") -> str:
    first = requirement.split()[0]  # (pip names the first requirement it could not find, as asked)
    return (f"{prompt} pip install {requirement} --index-url https://download.pytorch.org/whl/{index}\n"
            f"Looking in indexes: https://download.pytorch.org/whl/{index}\n"
            f"ERROR: Could not find a version that satisfies the requirement {first} (from versions: none)\n"
            f"ERROR: No matching distribution found for {first}\n")


@pytest.mark.parametrize("text", [
    _pip("PS C:\\Users\\me>", "rocm6.2") + "Radeon RX 7900 XTX, Windows 11, Python 3.11\n",
    _pip("PS C:\\Users\\me>", "rocm6.2"),  # (no GPU named: a ROCm build is asked for an AMD GPU)
])
def test_a_rocm_index_asked_on_windows_is_a_build_pytorch_never_published_there(text: str) -> None:
    # (PyTorch's ROCm builds are manylinux x86_64 wheels only; the Python 3.11 shown is served)
    assert errors_of(text)[:1] == ["INDEX_VARIANT_MISSING"]
    recommendation = diagnosis_of(text).recommendation
    assert recommendation is not None and "cu1" not in " ".join(recommendation.argv)  # (no CUDA build for an AMD GPU)
    assert "/whl/rocm" not in " ".join(recommendation.argv)  # (nor the index that has nothing for Windows)


def test_a_pinned_rocm_build_on_windows_is_the_platform() -> None:
    text = _pip("C:\\Users\\me>", "rocm6.1", "torch==2.4.1+rocm6.1") + "Windows 10\n"
    assert errors_of(text)[:1] == ["PLATFORM_UNSUPPORTED"]


def test_an_xpu_index_asked_on_a_mac_is_a_build_pytorch_never_published_there() -> None:
    text = _pip("(base) me@MacBook-Air ~ %", "xpu") + "macOS 14.5 on an M2\n"
    assert errors_of(text)[:1] == ["INDEX_VARIANT_MISSING"]


@pytest.mark.parametrize(("facts", "never"), [
    ({"os": "windows", "index_variant": "rocm6.2"}, True),
    ({"os": "darwin", "requested": "torch==2.5.1+cu121"}, True),
    ({"os": "darwin", "index_variant": "xpu"}, True),
    ({"os": "linux", "index_variant": "rocm6.2"}, False),  # (Linux gets ROCm builds: another reason)
    ({"os": "windows", "index_variant": "cu121"}, False),  # (CUDA builds exist for Windows)
    ({"os": "windows", "index_variant": "xpu"}, False),
    ({"os": "windows", "index_variant": "rocm6.2", "linux_also_named": "true"}, False),  # (a container or WSL too)
    ({"os": "windows", "index_variant": "cpu"}, False),
    ({"index_variant": "rocm6.2"}, False),  # (no OS shown)
])
def test_a_kind_of_build_is_never_published_for_an_os_by_every_releases_platforms(facts: dict, never: bool) -> None:
    assert gpu_build_never_published_for_os(facts) is never


@pytest.mark.parametrize(("text", "amd"), [
    (_pip("$", "rocm6.2"), True),
    (_pip("$", "rocm6.2") + "GPU 0: NVIDIA GeForce RTX 3060\n", False),  # (an NVIDIA GPU named: the index is a mistake)
])
def test_a_rocm_build_asked_names_an_amd_gpu_only_where_no_nvidia_gpu_is_named(text: str, amd: bool) -> None:
    devices = snapshot_from_text(text).gpu.pci.get()
    assert (devices is not None and [device.vendor for device in devices] == ["amd"]) is amd


CUDA_INIT_WARNING = (
    "/home/me/venv/lib/python3.11/site-packages/torch/cuda/__init__.py:138: UserWarning: CUDA initialization: Found no "
    "NVIDIA driver on your system. Please check that you have an NVIDIA GPU and installed a driver from "
    "http://www.nvidia.com/Download/index.aspx (Triggered internally at ../c10/cuda/CUDAFunctions.cpp:108.)\n"
    "  return torch._C._cuda_getDeviceCount() > 0\n")


def test_torchs_no_driver_warning_on_a_machine_told_to_have_no_gpu_is_no_cause_and_no_cuda_build_is_offered() -> None:
    # (is_available() of a CUDA build warns so on every machine without an NVIDIA driver and answers False)
    text = "I train on my laptop's CPU (no GPU), slow but fine. At start I get:\n" + CUDA_INIT_WARNING + "Is it a problem?"
    diagnosis = diagnosis_of(text)
    assert errors_of(text) == []
    assert diagnosis.recommendation is not None and "+cu" not in " ".join(diagnosis.recommendation.argv)


@pytest.mark.parametrize("text", [
    "My RTX 3060 is not used, I get:\n" + CUDA_INIT_WARNING,  # (an NVIDIA GPU: its driver)
    "I have no GPU. Training crashes:\n" + CUDA_INIT_WARNING + "RuntimeError: Found no NVIDIA driver on your system.",
    "No GPU here but the program still runs on the CPU and is slow:\n" + CUDA_INIT_WARNING,  # (the CPU is the complaint)
])
def test_the_same_warning_beside_a_failure_or_an_nvidia_gpu_is_still_read(text: str) -> None:
    assert errors_of(text)[:1] in (["NO_NVIDIA_GPU"], ["DRIVER_MISSING"])


@pytest.mark.parametrize("told", [
    "I run it on my laptop CPU (no GPU), it is slow",
    "Windows 11, 16 GB RAM, no GPU.",
    "I don't have an NVIDIA card",
])
def test_no_gpu_told_beside_the_machines_parts_is_read(told: str) -> None:
    assert facts_of(told).get("no_nvidia_gpu") == "true"


@pytest.mark.parametrize("told", ["Error: no GPU found, falling back", "It fails, no GPU detected", "(no GPU support)"])
def test_a_programs_no_gpu_found_is_not_the_machine_told(told: str) -> None:
    assert facts_of(told).get("no_nvidia_gpu") is None


WORKING_CHECK = ('C:\\Users\\max>python -c "import torch; print(torch.__version__, torch.cuda.is_available(), '
                 'torch.cuda.get_device_name(0))"\n2.5.1+cu124 True NVIDIA GeForce RTX 3060 Ti\n')
# (ComfyUI's start log: comfy/model_management.py prints "pytorch version:" and the device it chose)
COMFYUI_ON_A_CPU_BUILD = ("D:\\ComfyUI_windows_portable>.\\python_embeded\\python.exe -s ComfyUI\\main.py\n"
                          "Total VRAM 32637 MB, total RAM 32637 MB\npytorch version: 2.5.1+cpu\nDevice: cpu\n"
                          "Generating one image takes 10 minutes, it runs on the CPU.\n")


def test_a_program_on_a_cpu_build_of_its_own_beside_cuda_working_in_another_python_is_that_cpu_build() -> None:
    text = WORKING_CHECK + COMFYUI_ON_A_CPU_BUILD
    assert errors_of(text)[:1] == ["CPU_ONLY_WHEEL"]
    assert verdict_of(text).kind is VerdictKind.NOT_READY
    argv = " ".join(diagnosis_of(text).recommendation.argv)
    assert "+cu124" in argv  # (the CUDA line the working Python proves the driver runs, not the newest one)


def test_a_program_on_the_cpu_beside_cuda_working_and_no_cpu_build_shown_stays_ready_with_where_to_look() -> None:
    text = WORKING_CHECK + "But the webui still runs on the CPU and is slow."
    assert verdict_of(text).key == "ready.gpu_program_on_cpu"


COLLECT_ENV_BEFORE = (
    "PyTorch version: 2.4.1+cu121\nIs debug build: False\nCUDA used to build PyTorch: 12.1\nOS: Ubuntu 22.04.5 LTS "
    "(x86_64)\nIs CUDA available: True\nGPU models and configuration: GPU 0: NVIDIA GeForce RTX 3080\n"
    "Nvidia driver version: 535.183.01\n")


@pytest.mark.parametrize("lost", [
    "After the update and a reboot my script says CUDA is not available anymore and runs on CPU.",
    "Since last week the GPU is no longer detected.",
    "Now torch doesn't see my GPU anymore.",
])
def test_cuda_lost_since_a_working_report_is_the_driver_side_and_torch_is_kept(lost: str) -> None:
    text = "It worked when I set it up:\n" + COLLECT_ENV_BEFORE + lost
    assert verdict_of(text).kind is VerdictKind.NOT_READY
    assert errors_of(text)[:1] == ["DRIVER_MISSING"]
    recommendation = diagnosis_of(text).recommendation
    assert recommendation is not None and not recommendation.argv  # (reinstalling torch would not bring it back)


@pytest.mark.parametrize("told", [
    "CUDA is not available on this laptop.",  # (a state, not a loss)
    "It is no longer slow after I moved the data to the GPU.",
    "I no longer use the GPU for this.",
])
def test_cuda_not_lost_where_the_text_says_nothing_stopped_working(told: str) -> None:
    assert facts_of(told).get("cuda_lost") is None


@pytest.mark.parametrize(("query", "driver"), [
    ("$ nvidia-smi --query-gpu=name,driver_version --format=csv,noheader\nNVIDIA GH200 480GB, 560.35.03\n", "560.35.03"),
    ("> nvidia-smi --query-gpu=driver_version,memory.total --format=csv,noheader,nounits\n572.16, 24564\n", "572.16"),
])
def test_nvidia_smis_query_without_its_header_gives_the_driver_by_the_commands_own_field_names(
        query: str, driver: str) -> None:
    assert facts_of(query)["driver_version"] == driver


@pytest.mark.parametrize("read", ["os.environ.get('CUDA_VISIBLE_DEVICES')", 'os.getenv("CUDA_VISIBLE_DEVICES")',
                                  "os.environ['CUDA_VISIBLE_DEVICES']"])
def test_the_visible_devices_variable_printed_in_a_one_line_check_is_read_with_the_build(read: str) -> None:
    text = ("torch.cuda.is_available() False but nvidia-smi works\n"
            f'PS D:\\proj> python -c "import torch, os; print(torch.__version__, torch.version.cuda, '
            f'torch.cuda.is_available(), {read})"\n2.5.1+cu124 12.4 False -1\n'
            'PS D:\\proj> nvidia-smi --query-gpu=name,driver_version --format=csv,noheader\n'
            'NVIDIA GeForce RTX 3060, 560.94\n')
    facts = facts_of(text)
    assert (facts["torch_version"], facts["cuda_visible_devices"]) == ("2.5.1+cu124", "-1")
    assert errors_of(text)[:1] == ["VISIBLE_DEVICES_MASK"]
    assert not diagnosis_of(text).recommendation.argv  # (a setting hides the GPU: nothing to install)


def test_an_unset_visible_devices_variable_printed_as_none_is_no_setting() -> None:
    text = ('python -c "import torch, os; print(torch.__version__, torch.cuda.is_available(), '
            'os.environ.get(\'CUDA_VISIBLE_DEVICES\'))"\n2.5.1+cu124 False None\n')
    assert "cuda_visible_devices" not in facts_of(text)


ROCMINFO_AND_A_CUDA_BUILD = (
    "Ubuntu 22.04. I installed ROCm 6.2, rocminfo shows the card:\n$ rocminfo | grep -E \"Marketing Name|gfx\"\n"
    "  Marketing Name:          AMD Ryzen 9 7900X 12-Core Processor\n  Name:                    gfx1100\n"
    "  Marketing Name:          Radeon RX 7900 XTX\n$ python -c \"import torch; print(torch.__version__, "
    "torch.cuda.is_available())\"\n2.5.1+cu124 False\n")


def test_an_amd_gpu_on_linux_with_a_cuda_build_gets_the_rocm_build_for_its_gfx_target() -> None:
    argv = " ".join(diagnosis_of(ROCMINFO_AND_A_CUDA_BUILD).recommendation.argv)
    assert "+rocm" in argv and "/whl/rocm" in argv  # (not "keep the CUDA build": ROCm builds cover gfx1100)


@pytest.mark.parametrize(("text", "gfx", "name"), [
    ("  Name:                    gfx1030\n", "gfx1030", None),
    ("rocBLAS error: Cannot read TensileLibrary.dat for GPU arch : gfx1031\nAMDGPU target gfx1031\n", "gfx1031", None),
    ("My Radeon RX 6700 XT on Ubuntu", None, "AMD Radeon RX 6700 XT"),
    ("AMD RX7900XTX", None, "AMD Radeon RX 7900XTX"),
])
def test_the_amd_gpus_target_and_model_are_read(text: str, gfx: str | None, name: str | None) -> None:
    facts = facts_of(text)
    assert facts.get("amd_gfx") == gfx and facts.get("amd_gpu_name") == name


def _traceback(*frames: str, error: str) -> str:
    lines = "".join(f'  File "{path}", line 40, in <module>\n    import something\n' for path in frames)
    return f"Traceback (most recent call last):\n{lines}{error}\n"


ENV_TORCH = "C:\\Users\\ana\\miniconda3\\envs\\proj\\lib\\site-packages\\torch\\__init__.py"
USER_NUMPY = "C:\\Users\\ana\\AppData\\Roaming\\Python\\Python310\\site-packages\\numpy\\__init__.py"
LINUX_TORCH = "/home/ana/venv/lib/python3.10/site-packages/torch/__init__.py"
LINUX_USER_NUMPY = "/home/ana/.local/lib/python3.10/site-packages/numpy/core/__init__.py"


@pytest.mark.parametrize("text", [
    _traceback("main.py", ENV_TORCH, USER_NUMPY, error="OSError: [WinError 193] %1 is not a valid Win32 application"),
    _traceback("train.py", LINUX_TORCH, LINUX_USER_NUMPY,
               error="ImportError: numpy.core.multiarray failed to import"),
])
def test_a_package_torch_imports_from_the_user_site_is_that_copy(text: str) -> None:
    # (site.USER_SITE is on sys.path of every Python of that version, conda environments included)
    assert errors_of(text)[:1] == ["ENV_MISMATCH"]
    assert not diagnosis_of(text).recommendation.argv  # (uninstalling the copy is the fix, not installing torch)


@pytest.mark.parametrize("text", [
    # (torch itself in the user site, and nothing after it elsewhere: one install)
    _traceback("main.py", "C:\\Users\\ana\\AppData\\Roaming\\Python\\Python310\\site-packages\\torch\\__init__.py",
               error="OSError: [WinError 126] The specified module could not be found. Error loading c10.dll"),
    # (a frame of the user site before torch's: the program's own helper, not what torch imports)
    _traceback(LINUX_USER_NUMPY, LINUX_TORCH, error="ImportError: libcudnn.so.9: cannot open shared object file"),
])
def test_no_user_site_copy_under_torch_is_no_such_reading(text: str) -> None:
    assert "ENV_MISMATCH" not in errors_of(text)[:1]


TRITON_NOTHING = ("ERROR: Could not find a version that satisfies the requirement triton>=2.0.0 (from versions: none)\n"
                  "ERROR: No matching distribution found for triton>=2.0.0\n")


@pytest.mark.parametrize(("system", "cause"), [
    ("Using cached torch-2.4.1-cp311-cp311-win_amd64.whl.metadata (27 kB)\n", "PLATFORM_UNSUPPORTED"),
    ("MacBook Pro, macOS 14\n", "PLATFORM_UNSUPPORTED"),
    ("Ubuntu 24.04, Python 3.14\n", "PYTHON_UNSUPPORTED"),  # (triton's Linux wheels: the Python)
])
def test_no_triton_wheel_is_the_platform_off_linux(system: str, cause: str) -> None:
    # (triton's PyPI files are manylinux wheels only)
    assert errors_of(system + TRITON_NOTHING)[:1] == [cause]


@pytest.mark.parametrize(("system", "cause"), [
    ("I ran into the error when pip install vllm in Mac:\n", "NO_NVIDIA_GPU"),
    ("Ubuntu 22.04, pip install vllm:\n", "CUDA_HOME_MISSING"),
])
def test_a_package_that_cannot_find_cuda_home_on_a_mac_is_a_mac_without_cuda(system: str, cause: str) -> None:
    text = system + "    RuntimeError: Cannot find CUDA_HOME. CUDA must be available to build the package.\n"
    assert errors_of(text)[:1] == [cause]


def test_torch_2_0s_preload_names_its_library_by_a_longer_pattern_too() -> None:
    # (torch 2.0.1's _preload_cuda_deps: "libnvrtc.so.*[0-9].*[0-9]" as well as "libcublas.so.*[0-9]")
    text = "ValueError: libnvrtc.so.*[0-9].*[0-9] not found in the system path ['/home/u', '/usr/lib/python310.zip']"
    assert errors_of(text)[:1] == ["CUDA_LIB_MISSING"]


def test_flash_attentions_own_gpu_check_is_the_programs_kernels_and_no_torch_install() -> None:
    text = "Deploying Wan2.1 on a 2080 Ti: RuntimeError: FlashAttention only supports Ampere GPUs or newer."
    assert errors_of(text)[:1] == ["GPU_ARCH_UNSUPPORTED"]
    assert not diagnosis_of(text).recommendation.argv  # (PyTorch itself may work on the GPU: no reinstall)


JETSON_CPU_BUILD = (
    "nvidia@orin-nano:~$ python3 -m pip install torch torchvision\nSuccessfully installed torch-2.5.1 torchvision-0.20.1\n"
    "nvidia@orin-nano:~$ python3 -c \"import torch; print(torch.__version__, torch.cuda.is_available(), "
    "torch.version.cuda)\"\n2.5.1 False None\nnvidia@orin-nano:~$ cat /etc/nv_tegra_release\n# R36 (release), REVISION: "
    "4.0, GCID: 37537400, BOARD: generic, EABI: aarch64\nHow do I get CUDA working with torch?\n")


def test_a_cpu_build_from_pip_on_a_jetson_is_answered_with_nvidias_build_not_another_cpu_build() -> None:
    diagnosis = diagnosis_of(JETSON_CPU_BUILD)
    first = next(f for f in diagnosis.findings if f.code == "CPU_ONLY_WHEEL")
    assert "Jetson" in first.title  # (no "install the CUDA build" from pip's index: NVIDIA's builds, linked)
    assert [a.url for a in first.actions] == [
        "https://docs.nvidia.com/deeplearning/frameworks/install-pytorch-jetson-platform/index.html"]
    assert diagnosis.recommendation is not None and not diagnosis.recommendation.argv
    assert "jetson" in diagnosis.recommendation.why.lower() and "docs.nvidia.com" in diagnosis.recommendation.why


ROSETTA = ('macOS 14.5, Python 3.11\n% python -c "import torch, platform; print(torch.__version__, platform.machine(), '
           'torch.backends.mps.is_available())"\n2.2.2 x86_64 False\n% sysctl -n machdep.cpu.brand_string\nApple M1 Pro\n')


def test_an_intel_python_under_rosetta_missing_mps_is_the_cause_and_no_install_into_it_is_offered() -> None:
    facts = facts_of(ROSETTA)
    assert (facts["machine"], facts["mps_available"]) == ("x86_64", "false")
    assert errors_of(ROSETTA)[:1] == ["PLATFORM_UNSUPPORTED"]
    diagnosis = diagnosis_of(ROSETTA)
    assert not diagnosis.recommendation.argv and "arm64" in diagnosis.recommendation.why
    assert not any(f.actions for f in diagnosis.findings if f.code == "PLATFORM_UNSUPPORTED")


def test_a_wsl_driver_message_beside_a_linux_driver_installed_inside_wsl_says_to_remove_that_driver() -> None:
    text = ("I ran `sudo apt install nvidia-driver-550` inside Ubuntu 22.04 (WSL2). Now:\nuser@LAPTOP:~$ nvidia-smi\n"
            "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the latest "
            "NVIDIA driver is installed and running.\nuser@LAPTOP:~$ uname -r\n5.15.167.4-microsoft-standard-WSL2\n")
    first = next(f for f in findings_of(text) if f.code == "WSL_DRIVER")
    assert first.title_message is not None and first.title_message.key == "WSL_DRIVER.pasted.linux_driver.title"
