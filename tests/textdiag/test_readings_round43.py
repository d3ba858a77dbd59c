"""Readings of round 43's session: a console's cut told from lines of one width by chance, an action done told in the
passive after "when", an install that replaced torch told in words, and a warning record that is no failure report. Each case is written from the grammar or the
tool's behaviour, not taken from the corpus."""

from __future__ import annotations

import pytest

from tests.textdiag.pasted import diagnosis_of, facts_of, first_error, verdict_of
from tests.textdiag.test_working_setup import COLLECT_ENV_WORKING
from wizard.findings import Severity
from wizard.verdict import VerdictKind


@pytest.mark.parametrize("told", [
    "When I install torch-directml, it removed torch-2.0.0 and installed torch-1.13.1",
    "pip install xformers always re-installs torch 2.0.1 over the container's",
    "Installing Ax keeps upgrading the torch version, which I would like to avoid",
    "pip install -r requirements.txt overrides pytorch version and cuda version",
    "the installer first removes PyTorch that I built for my GPU",
    "torch was downgraded to 1.13.1 after installing the requirements",
    "安装依赖时会自动卸载torch",
    "安装requirements之后把torch覆盖了",
    "torch版本被改了",
])
def test_an_install_that_replaced_torch_told_in_words_is_a_fact(told: str) -> None:
    assert facts_of(told).get("torch_replaced_told") == "true"


@pytest.mark.parametrize("not_told", [
    "I upgraded torch to 2.1 and now the extension fails",  # (the person's own choice)
    "pip uninstall torch\nWARNING: Skipping torch as it is not installed.",  # (a command the person ran)
    "Next, uninstall torch: pip uninstall torch",
    "How do I stop pip from replacing torch?",  # (a question)
    "于是再次卸载torch",  # (the person's own step)
    "我把torch升级到2.1了",
    "torch was upgraded by me to 2.1",
])
def test_the_persons_own_change_a_command_or_a_question_is_no_such_fact(not_told: str) -> None:
    assert "torch_replaced_told" not in facts_of(not_told)


def test_an_install_that_replaced_torch_is_a_package_conflict_whose_words_are_the_fix() -> None:
    text = ("PyTorch 2.0 support\n\nWhen I try to install torch-directml, it removed torch-2.0.0 and installed "
            "torch-1.13.1. Can you support torch 2.0?")
    found = first_error(text)
    assert (found.code, found.severity) == ("PACKAGE_CONFLICT", Severity.ERROR)
    assert found.title_message is not None and found.title_message.key == "PACKAGE_CONFLICT.pasted.replaced.title"
    assert found.actions == ()  # (reinstalling another torch would meet the same requirement again)


def test_an_install_that_replaced_torch_and_lost_cuda_is_left_to_the_build_that_came_in() -> None:
    text = ("After installing the package it replaced my torch, and now torch.cuda.is_available() returns False on my "
            "RTX 3060.\n>>> torch.__version__\n'2.5.1+cpu'")
    codes = [f.code for f in diagnosis_of(text).errors]
    assert codes[:1] == ["CPU_ONLY_WHEEL"]


def test_when_and_an_action_done_in_the_passive_is_what_happened_if_stays_a_hypothesis() -> None:
    assert facts_of("When suite2p is installed, it installs pytorch with CPU support only").get(
        "torch_build_told") == "cpu"
    assert "torch_build_told" not in facts_of("If suite2p is installed, it installs pytorch with CPU support only")



@pytest.mark.parametrize("record", [
    # a log record at warning level (Python logging's level name first, glog's "W<mmdd> <time> <thread>")
    "WARNING 12-04 08:26:48 cuda.py:30] You are using a deprecated `pynvml` package; when both are installed it "
    "will cause errors.",
    "Warning: Your installation of OpenCV appears to be broken: module 'cv2.dnn' has no attribute 'DictValue'.",
    "[WARNING] the tokenizer failed to load its fast version, falling back",
    "W0601 10:54:51.761023 7588 torch\\_dynamo\\convert_frame.py:824] won't convert forward: graph break",
])
def test_a_warning_record_beside_cuda_shown_working_is_no_failure_report(record: str) -> None:
    verdict = verdict_of(f"{record}\n{COLLECT_ENV_WORKING}")
    assert verdict.kind is VerdictKind.READY


@pytest.mark.parametrize("record", [
    "ERROR 12-04 08:26:48 engine.py:30] the engine failed to start",
    "[ERROR] loading the CUDA kernels of the extension failed",
])
def test_an_error_record_beside_cuda_shown_working_still_reports_a_failure(record: str) -> None:
    assert verdict_of(f"{record}\n{COLLECT_ENV_WORKING}").kind is not VerdictKind.READY


@pytest.mark.parametrize(("command", "page"), [
    ("pip install torch_scatter -f https://data.pyg.org/whl/torch-1.13.0+cu117.html", "1.13.0+cu117"),
    ("pip install torch-scatter -f https://pytorch-geometric.com/whl/torch-1.7.1+cu110.html", "1.7.1+cu110"),
    ("pip install dgl -f https://data.dgl.ai/wheels/torch-2.3/cu121/repo.html", "2.3+cu121"),
])
def test_a_companions_wheel_page_names_the_torch_its_wheels_are_for_not_a_torch_named(command: str, page: str) -> None:
    facts = facts_of(command)
    assert facts.get("wheel_page_torch") == page and "torch_named" not in facts


PYG_FAILURE = "ImportError: {path}/torch_scatter/_scatter_cuda.so: undefined symbol: _ZN2at4_ops6narrow4call"


@pytest.mark.parametrize(("installed", "page"), [
    ("2.1.0+cu121", "1.13.0+cu117"),  # another release
    ("2.1.0+cu118", "2.1.0+cu121"),  # the same release, another CUDA
    ("2.1.0+cpu", "2.1.0+cu121"),
])
def test_a_wheel_page_for_another_torch_than_the_one_installed_is_a_package_conflict(installed: str, page: str) -> None:
    text = (f"PyTorch version: {installed}\nOS: Ubuntu 22.04 (x86_64)\nPython version: 3.10.12\n"
            f"I installed PyG with pip install torch_scatter -f https://data.pyg.org/whl/torch-{page}.html and "
            "now importing it fails.")
    found = first_error(text)
    assert found.code == "PACKAGE_CONFLICT"
    assert found.title_message is not None and found.title_message.key == "PACKAGE_CONFLICT.pasted.wheel_page.title"


def test_pip_building_a_package_its_wheel_page_has_no_wheel_for_is_the_page_missing_that_build() -> None:
    text = ("pip install torch-scatter -f https://data.pyg.org/whl/torch-2.1.0+cu121.html\n"
            "Building wheels for collected packages: torch-scatter\n  Building wheel for torch-scatter (setup.py) ... error\n"
            "  ERROR: Failed building wheel for torch-scatter\n* PyTorch version: 2.1.0+cu121\n* Python version: 3.12.1")
    found = first_error(text)
    assert found.code == "INDEX_VARIANT_MISSING" and found.actions == ()
    matching = "pip install torch-scatter -f https://data.pyg.org/whl/torch-2.1.0+cu121.html\nPyTorch version: 2.1.0+cu121"
    assert all(f.code not in ("PACKAGE_CONFLICT", "INDEX_VARIANT_MISSING") for f in diagnosis_of(matching).errors)


@pytest.mark.parametrize(("frame", "os_name"), [
    ('  File "/Users/me/code/app/.venv/lib/python3.10/site-packages/torch/cuda/__init__.py", line 221, in _lazy_init',
     "darwin"),
    ('  File "/opt/homebrew/lib/python3.11/site-packages/app/main.py", line 3, in <module>', "darwin"),
    ('  File "/home/me/app/main.py", line 3, in <module>', "linux"),
    ('  File "C:\\Users\\me\\app\\main.py", line 3, in <module>', "windows"),
])
def test_a_traceback_frames_path_names_the_failing_machines_os_above_an_os_told_in_prose(frame: str, os_name: str) -> None:
    other = {"darwin": "It runs well on my Linux server, but on the laptop:", "linux": "It works on my Mac, not here:",
             "windows": "It runs well on my Linux server, but on the laptop:"}[os_name]
    assert facts_of(f"{other}\nTraceback (most recent call last):\n{frame}\nAssertionError: boom").get("os") == os_name


def test_torch_not_compiled_with_cuda_in_a_traceback_from_a_mac_home_folder_is_no_nvidia_gpu() -> None:
    text = ("It runs well on an NVIDIA Linux machine, but on my laptop:\nTraceback (most recent call last):\n"
            '  File "/Users/me/code/tool/.conda/lib/python3.10/site-packages/torch/cuda/__init__.py", line 221, in '
            '_lazy_init\n    raise AssertionError("Torch not compiled with CUDA enabled")\n'
            "AssertionError: Torch not compiled with CUDA enabled")
    assert first_error(text).code == "NO_NVIDIA_GPU"


@pytest.mark.parametrize("field", ["* PyTorch version: 1.5.0 (CPU toolkit)", "- PyTorch version: 2.0.1, CPU only",
                                   "PyTorch version: 1.13.1 (cpu)"])
def test_a_template_field_naming_the_cpu_build_after_the_version_shows_a_cpu_build(field: str) -> None:
    assert facts_of(field).get("torch_build") == "cpu"
    assert "torch_build" not in facts_of("PyTorch version: 2.1.0 (CUDA 12.1)")


def test_a_cpu_build_in_a_template_beside_is_available_false_printed_is_the_cpu_wheel() -> None:
    text = ("Error:\npython -c \"import torch; print(torch.cuda.is_available())\"\n>>> False\n\n## Environment\n\n"
            "* OS: Windows 10\n* Python version: 3.7.1\n* PyTorch version: 1.5.0 (CPU toolkit)\n"
            "* CUDA/cuDNN version: 10.1\n")
    assert first_error(text).code == "CPU_ONLY_WHEEL"


@pytest.mark.parametrize("told", ["It installed PyTorch, but the cpu version, so the GPU could not be found",
                                  "the script installs torch, but only the CPU build"])
def test_an_install_told_to_have_brought_the_cpu_build_after_but_is_a_fact(told: str) -> None:
    assert facts_of(told).get("torch_build_told") == "cpu"


def test_a_cuda_index_listing_only_plain_builds_for_a_cuda_build_asked_is_the_platform() -> None:
    # (PyTorch's CUDA indexes also carry the plain aarch64 CPU wheels: on aarch64 Linux pip sees only those)
    text = ("RUN pip install torch==2.5.1+cu121 --index-url https://download.pytorch.org/whl/cu121\n"
            "Looking in indexes: https://download.pytorch.org/whl/cu121\n"
            "ERROR: Could not find a version that satisfies the requirement torch==2.5.1+cu121 (from versions: 1.11.0, "
            "1.12.0, 1.13.1, 2.0.0, 2.0.1)\nERROR: No matching distribution found for torch==2.5.1+cu121")
    assert first_error(text).code == "PLATFORM_UNSUPPORTED"
    labelled = text.replace("2.0.0, 2.0.1", "2.0.0+cu121, 2.0.1+cu121")
    assert first_error(labelled).code == "INDEX_VARIANT_MISSING"  # (that index's builds fit here: it stops there)


@pytest.mark.parametrize("printed", ["import torch\ntorch.cuda.is_available()\n\nshows False.",
                                     ">>> torch.cuda.is_available()\nFalse"])
def test_is_available_false_after_a_blank_line_where_a_code_fence_was_reports_a_failure(printed: str) -> None:
    from wizard.verdict import reports_failure

    assert reports_failure(printed)
    assert not reports_failure("torch.cuda.is_available()\n\nThe docs say it is fine.\n\nFalse alarms are common.")


ERROR_500 = ("Unexpected error from cudaGetDeviceCount(). Did you run some cuda functions before calling NumCudaDevices() "
             "that might have already set an error? Error 500: named symbol not found")


def test_a_driver_error_in_a_container_on_windows_is_the_wsl_2_driver_path_docker_desktop_uses() -> None:
    assert first_error(f"OS: Windows 11\nI run the image with docker compose and get:\n{ERROR_500}").code == "WSL_DRIVER"
    no_driver = ("win10 + docker + NVIDIA GeForce GTX 1660\nRuntimeError: Found no NVIDIA driver on your system. Please "
                 "check that you have an NVIDIA GPU and installed a driver from http://www.nvidia.com/Download/index.aspx")
    assert first_error(no_driver).code == "DRIVER_MISSING"  # (no driver in the container at all: started without it)


def _signature_fact(text: str, key: str) -> str:
    from wizard.textdiag import snapshot_from_text

    return next((dict(item.facts)[key] for item in snapshot_from_text(text).evidence if key in dict(item.facts)), "")


def test_a_from_versions_list_cut_off_in_the_paste_is_still_read_and_a_release_older_than_it_is_the_python() -> None:
    text = ("ERROR: Could not find a version that satisfies the requirement torch==2.0.1+cu118 (from versions: 2.2.0, "
            "2.2.0+cu118, 2.2.1, 2.2.1+cu118, 2.3.0, 2.3.0+cu118, 2.\n\nwhy\n\nOn Windows")
    assert _signature_fact(text, "available_versions").startswith("2.2.0, 2.2.0+cu118")
    assert first_error(text).code == "PYTHON_UNSUPPORTED"


def test_pips_specifier_list_is_read_whole_and_a_lower_bound_above_the_list_is_the_platforms_ceiling() -> None:
    text = ("ERROR: Could not find a version that satisfies the requirement torch<3.0.0,>=2.3.0 (from versions: 2.2.0, "
            "2.2.1, 2.2.2)\nERROR: No matching distribution found for torch<3.0.0,>=2.3.0")
    assert _signature_fact(text, "requested") == "torch<3.0.0,>=2.3.0"
    assert first_error(text).code == "PLATFORM_UNSUPPORTED"


def test_tensors_on_two_gpus_are_the_programs_placement_beside_cuda_working() -> None:
    text = ("RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and "
            "cuda:1! (when checking argument for argument index in method wrapper__index_select)\n" + COLLECT_ENV_WORKING)
    assert verdict_of(text).key == "ready.gpu_other_error"


def test_a_build_script_reading_torch_version_cuda_as_a_string_on_a_mac_is_no_nvidia_gpu() -> None:
    text = ("when i pip requirements\n\nTraceback (most recent call last):\n"
            '        File "/private/var/folders/qm/wtdnd37s0fz2frcd95_m0cmw0000gn/T/pip-install-ubxft3ba/pkg/setup.py", '
            'line 21, in <module>\n          CUDA_VERSION = "".join(torch.version.cuda.split("."))\n'
            "      AttributeError: 'NoneType' object has no attribute 'split'\n\nis the project support mac?")
    assert facts_of(text).get("os") == "darwin"
    assert first_error(text).code == "NO_NVIDIA_GPU"
    linux = text.replace("/private/var/folders/qm/wtdnd37s0fz2frcd95_m0cmw0000gn/T", "/tmp").replace(
        "is the project support mac?", "")
    assert first_error(linux).code == "CPU_ONLY_WHEEL"  # (torch.version.cuda None: the torch it builds against)


@pytest.mark.parametrize("asked", ["GPU Conversion is inactive, its button is greyed out. I'm using an AMD Radeon.",
                                   "I have an AMD Radeon RX 6600 and the program only runs on the CPU",
                                   "不支持A卡吗？只能CPU跑？"])
def test_a_gpu_option_left_off_or_the_cpu_only_beside_only_an_amd_gpu_is_no_nvidia_gpu(asked: str) -> None:
    assert first_error(asked).code == "NO_NVIDIA_GPU"
    assert all(f.code != "NO_NVIDIA_GPU" for f in diagnosis_of(
        asked.replace("AMD Radeon RX 6600", "RTX 3060").replace("an AMD Radeon", "an RTX 3060")
        .replace("A卡", "N卡")).errors)
