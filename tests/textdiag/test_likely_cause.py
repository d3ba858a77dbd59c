"""A likely cause: where the text reports that torch cannot use CUDA and nothing places it, the platform can still make
one cause the likeliest. On Windows PyPI's torch wheels are CPU-only builds, so with no CUDA build shown the CPU-only
build is named first ("Most likely"), with the check that confirms it; the driver stays possible."""

from __future__ import annotations

import pytest

from tests.textdiag.pasted import facts_of, findings_of, verdict_of
from wizard.findings import Severity, is_possible_cause
from wizard.verdict import VerdictKind

CUDA_FALSE = ">>> import torch\n>>> torch.cuda.is_available()\nFalse\n"


@pytest.mark.parametrize("windows", [
    "Windows 11\n",
    "Python 3.10.11 (tags/v3.10.11:7d4cc5a, Apr  5 2023, 00:38:17) [MSC v.1929 64 bit (AMD64)] on win32\n",
    "(venv) D:\\projects\\sd>python\n",
])
def test_on_windows_the_cpu_only_build_is_named_first_as_most_likely(windows: str) -> None:
    findings = findings_of(windows + CUDA_FALSE)
    first = next(f for f in findings if f.severity is Severity.ERROR)
    assert first.code == "CPU_ONLY_WHEEL"
    assert first.title_message is not None and first.title_message.key == "CPU_ONLY_WHEEL.likely.title"
    assert "torch.__version__" in first.explanation  # the check that confirms it comes with it
    assert first.actions  # and the fix once it is confirmed
    assert first.details.splitlines() == ["cuda_available: false", "os: windows"]  # what was read, not the marker
    also = [f for f in findings if is_possible_cause(f)]
    assert [f.code for f in also] == ["DRIVER_MISSING"]
    assert also[0].title.startswith("Also possible: the NVIDIA driver")
    assert verdict_of(windows + CUDA_FALSE).kind is VerdictKind.NOT_READY


def test_with_nothing_about_the_setup_told_the_commonest_reason_is_named_first_in_its_own_words() -> None:
    # (on the corpus's tuning half, 6 of 11 such complaints were the CPU-only build, none the driver)
    findings = findings_of("It is using my CPU and is therefore slow. How to utilize my GPU?")
    first = next(f for f in findings if f.severity is Severity.ERROR)
    assert first.code == "CPU_ONLY_WHEEL"
    assert first.title_message is not None and first.title_message.key == "CPU_ONLY_WHEEL.likely.common.title"
    assert "nvidia-smi" in first.explanation  # (what to check next when the build is right)
    assert [f.code for f in findings if is_possible_cause(f)] == ["DRIVER_MISSING"]


@pytest.mark.parametrize("told", [
    "torch 2.3.1\n",  # a plain version: PyPI's Linux build is a CUDA one, Windows' a CPU one
    "NVIDIA driver 550.67\n",  # the driver is there (a Linux branch's number: the system stays open)
])
def test_a_setup_fact_told_without_the_system_leaves_the_causes_possible(told: str) -> None:
    assert verdict_of(told + CUDA_FALSE).kind is VerdictKind.CANNOT_TELL


@pytest.mark.parametrize("elsewhere", [
    "Ubuntu 22.04\n",  # PyPI's Linux torch is a CUDA build: the driver is as likely
    "PS D:\\proj> docker run --gpus all my-image python check.py\n",  # a Linux container on Windows: Linux wheels
    'PS D:\\proj> python app.py\n  File "/usr/local/lib/python3.10/site-packages/app.py", line 3\n',
    # a CUDA build asked of PyTorch's index: no plain install, whatever then went wrong
    "Windows 11\npip install torch --index-url https://download.pytorch.org/whl/cu121\n",
])
def test_where_the_platform_does_not_decide_the_causes_stay_possible(elsewhere: str) -> None:
    findings = findings_of(elsewhere + CUDA_FALSE)
    assert not [f for f in findings if f.severity is Severity.ERROR]
    assert {f.code for f in findings if is_possible_cause(f)} == {"CPU_ONLY_WHEEL", "DRIVER_MISSING"}
    assert verdict_of(elsewhere + CUDA_FALSE).kind is VerdictKind.CANNOT_TELL


def test_inside_wsl_nothing_is_likelier_and_the_driver_is_the_windows_one() -> None:
    # WSL installs Linux wheels (CUDA builds on PyPI), and its GPU driver is the Windows driver: never a Linux one
    text = "Windows 11, WSL2 Ubuntu\n" + CUDA_FALSE
    findings = findings_of(text)
    assert not [f for f in findings if f.severity is Severity.ERROR]
    possible = {f.code: f for f in findings if is_possible_cause(f)}
    assert set(possible) == {"CPU_ONLY_WHEEL", "WSL_DRIVER"}
    assert "in Windows" in possible["WSL_DRIVER"].explanation
    assert verdict_of(text).kind is VerdictKind.CANNOT_TELL


def test_a_cuda_build_shown_on_windows_leaves_no_likely_cpu_build() -> None:
    text = "Windows 11\n>>> torch.__version__\n'2.5.1+cu121'\n" + CUDA_FALSE
    assert not [f for f in findings_of(text) if f.severity is Severity.ERROR]
    assert verdict_of(text).kind is VerdictKind.CANNOT_TELL


def test_the_person_saying_the_program_uses_the_cpu_instead_of_the_gpu_is_the_same_report() -> None:
    text = "Windows 10, RTX 3060. Whisper runs on my CPU instead of the GPU."
    first = next(f for f in findings_of(text) if f.severity is Severity.ERROR)
    assert first.code == "CPU_ONLY_WHEEL"


def test_a_working_gpu_shown_is_no_complaint() -> None:
    text = "Windows 11\n>>> torch.cuda.is_available()\nTrue\nbut training only uses the CPU instead of the GPU"
    assert "CPU_ONLY_WHEEL" not in {f.code for f in findings_of(text) if f.severity is Severity.ERROR}


@pytest.mark.parametrize("line", [
    "(myenv) E:\\code>python train.py",
    "D:\\stable-diffusion-webui\\venv\\Scripts\\python.exe",
    ".\\venv\\Scripts\\activate",
    "在win10上运行",
    "I'm on Win 11",
    "ImportError: DLL load failed while importing _C: The specified module could not be found.",
    "I double-clicked webui-user.bat",
    "python.exe -m pip install torch",
])
def test_windows_is_read_from_drive_paths_venv_scripts_and_short_names(line: str) -> None:
    assert facts_of(line).get("os") == "windows"


@pytest.mark.parametrize("line", [
    "see https://example.org/a:\\b",  # a URL is no drive path
    "winner 10 points",  # "win" inside a word
    "/home/me/venv/bin/activate",
    "/usr/lib/x86_64-linux-gnu/libcuda.so.1",
    "archive.tar.exe.gz is not a program",  # ".exe" inside a longer name
])
def test_not_windows(line: str) -> None:
    assert facts_of(line).get("os") != "windows"


@pytest.mark.parametrize("line", [
    "assert torch.cuda.is_available() is returning False",
    "torch.cuda.is_available() always returns false",
    "is_available() gives me False",
    "print(torch.cuda.is_available())  # False",
    "torch.cuda.is_available() still returns 'False'",
])
def test_is_available_false_told_in_the_usual_words(line: str) -> None:
    assert facts_of(line).get("cuda_available") == "false"


@pytest.mark.parametrize("line", [
    "torch.cuda.is_available() should return True",
    "if torch.cuda.is_available() == False:",
    "device = 'cuda' if torch.cuda.is_available() else 'cpu'",
])
def test_a_wish_or_a_condition_is_not_what_is_available_printed(line: str) -> None:
    assert "cuda_available" not in facts_of(line)


def test_the_gpu_unused_beside_another_vendors_gpu_is_no_nvidia_gpu_not_a_cpu_build() -> None:
    text = "Windows 11, AMD Radeon RX 6700 XT. Stable diffusion runs on my CPU instead of the GPU."
    assert next(f for f in findings_of(text) if f.severity is Severity.ERROR).code == "NO_NVIDIA_GPU"


@pytest.mark.parametrize("stack", [
    "On Windows 11 with torch-directml, the GPU is not used.",
    "Windows 10, ZLUDA with my RX 6800: the GPU is not used",
    "Windows 11\n>>> import torch_directml\n" + CUDA_FALSE,
])
def test_another_vendors_gpu_stack_leaves_no_cuda_cause(stack: str) -> None:
    """DirectML, ZLUDA, ROCm: no CUDA build or NVIDIA driver makes that stack use the GPU, so none is named."""
    assert not {f.code for f in findings_of(stack) if f.severity is Severity.ERROR or is_possible_cause(f)} & {
        "CPU_ONLY_WHEEL", "DRIVER_MISSING", "DRIVER_TOO_OLD"}


@pytest.mark.parametrize(("line", "vendor"), [
    ("I'm running with AMD RX 7900XTX", "amd"),
    ("本人是windows系统，AMD显卡以及驱动", "amd"),
    ("Kernel driver in use: amdgpu", None),  # the Linux kernel driver's name, also on machines with an NVIDIA GPU
])
def test_amd_gpus_as_people_write_them(line: str, vendor: str | None) -> None:
    assert facts_of(line).get("gpu_vendor") == vendor


@pytest.mark.parametrize("text", [
    "Ubuntu 22.04. CUDA works in another conda environment, but here my GPU is not detected.",
    "Windows 11. In my base env torch.cuda.is_available() returns True, but in the project's venv the program does not "
    "use the GPU.",  # (the True shown is the other environment's: no working setup shown here)
    "Stable Diffusion webui detects my GPU without any problem, but this program runs on the CPU.",
])
def test_cuda_working_elsewhere_on_the_machine_leaves_the_cpu_only_build_of_this_environment(text: str) -> None:
    findings = findings_of(text)
    first = next(f for f in findings if f.severity is Severity.ERROR)
    assert first.code == "CPU_ONLY_WHEEL"
    assert first.title_message is not None and first.title_message.key == "CPU_ONLY_WHEEL.likely.elsewhere.title"
    assert "wording" not in first.details  # a marker, not a fact read
    # the driver runs for the other program: it is no possible cause here
    assert not {"DRIVER_MISSING", "DRIVER_TOO_OLD", "WSL_DRIVER"} & {f.code for f in findings if f.severity is not Severity.OK}
    assert verdict_of(text).kind is VerdictKind.NOT_READY


def test_cuda_working_elsewhere_beside_a_cuda_build_shown_here_names_no_build_and_no_driver() -> None:
    text = ("Ubuntu 22.04, torch 2.3.1+cu121. CUDA works in another conda environment, but here my GPU is not "
            "detected.")
    assert not {"CPU_ONLY_WHEEL", "DRIVER_MISSING", "DRIVER_TOO_OLD"} & {
        f.code for f in findings_of(text) if f.severity in (Severity.ERROR, Severity.WARNING)}
    assert verdict_of(text).kind is VerdictKind.CANNOT_TELL


@pytest.mark.parametrize("text", [
    "torch.cuda.is_available() returns True in the terminal but False in my Jupyter notebook",
    "In VS Code the GPU is not used, but from the command line it works fine",
    # torch itself importing in one place and not the other
    "I had the same issue. 'import torch' worked on the terminal but it didn't work on the Jupyter.",
    "import torch works fine in cmd but fails in VS Code with ModuleNotFoundError",
])
def test_working_in_the_terminal_but_not_in_a_notebook_or_editor_is_another_python(text: str) -> None:
    first = next(f for f in findings_of(text) if f.severity is Severity.ERROR)
    assert first.code == "ENV_MISMATCH"
    assert first.title_message is not None and first.title_message.key == "ENV_MISMATCH.likely.title"
    assert "sys.executable" in first.explanation  # the check that confirms it


COMFY_PORTABLE = ("{gpu}torch.cuda.is_available() returns False\n"
                  "If you see this and ComfyUI did not start try updating your Nvidia Drivers to the latest.\n")


def test_a_program_shipping_pytorchs_cuda_build_with_an_nvidia_gpu_named_has_a_driver_too_old_most_likely() -> None:
    # ComfyUI's Windows portable echoes this after it exits; it ships its own Python with PyTorch's CUDA build
    findings = findings_of(COMFY_PORTABLE.format(gpu="NVIDIA GeForce RTX 5080 Laptop GPU\n"))
    first = next(f for f in findings if f.severity is Severity.ERROR)
    assert first.code == "DRIVER_TOO_OLD"
    assert first.title_message is not None and first.title_message.key == "DRIVER_TOO_OLD.likely.title"
    assert all(action.kind != "run" for action in first.actions)  # (the driver is the fix; its version is not known)
    assert [f.code for f in findings if is_possible_cause(f)] == ["DRIVER_MISSING"]
    assert "CPU_ONLY_WHEEL" not in {f.code for f in findings}


def test_the_same_program_with_nothing_nvidia_named_has_most_likely_no_nvidia_gpu() -> None:
    errors = [f.code for f in findings_of(COMFY_PORTABLE.format(gpu="")) if f.severity is Severity.ERROR]
    assert errors[:1] == ["NO_NVIDIA_GPU"]


def test_a_recent_driver_shown_working_leaves_the_cpu_only_build_most_likely() -> None:
    text = ("| NVIDIA-SMI 550.54.14    Driver Version: 550.54.14    CUDA Version: 12.4     |\n"
            ">>> torch.cuda.is_available()\nFalse\n")
    first = next(f for f in findings_of(text) if f.severity is Severity.ERROR)
    assert first.code == "CPU_ONLY_WHEEL"
    assert first.title_message is not None and first.title_message.key == "CPU_ONLY_WHEEL.likely.driver_runs.title"
    assert not [f for f in findings_of(text) if is_possible_cause(f)]  # (the driver runs: not possible)
