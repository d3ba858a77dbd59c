"""Messages as people pass them on: typographic quotes and a dropped letter, pip's no-match retold without its
requirement, a title that drops a colon; pip ignoring an untrusted index; a Linux driver installed inside WSL; CUDA
unusable on a Jetson; a CPU build or an idle GPU told in words."""

from __future__ import annotations

import pytest

from tests.textdiag.pasted import diagnosis_of, errors_of, facts_of, findings_of, first_error, verdict_of
from wizard.findings import Severity
from wizard.textdiag import snapshot_from_text
from wizard.textdiag.clean import clean_text
from wizard.verdict import VerdictKind


def first(text: str):
    return next(f for f in findings_of(text) if f.severity is Severity.ERROR)


def test_typographic_quotes_become_the_ones_the_program_printed() -> None:
    assert clean_text("Error loading “C:\\x\\c10.dll” — torch’s").text == 'Error loading "C:\\x\\c10.dll" — torch\'s'


def test_a_dll_load_error_retyped_with_typographic_quotes_and_a_dropped_letter_is_still_read() -> None:
    text = "Erro loading “xxx\\Lib\\site-packages\\torch\\lib\\fbgemm.dll” or one of its dependencies."
    assert errors_of(text)[:1] == ["VCREDIST_MISSING"]


def test_pips_no_match_retold_without_its_requirement_takes_the_build_the_text_pins() -> None:
    text = ("Windows 11, RTX 4060 Laptop GPU. The setup script asks for torch==2.6.0+cu121 and pip crashes with "
            "`No matching distribution found`, so it falls back to the CPU build.")
    assert errors_of(text)[:1] == ["INDEX_VARIANT_MISSING"]  # 2.6.0 has no cu121 build (knowledge)


def test_an_index_pip_ignored_as_untrusted_explains_why_it_found_nothing() -> None:
    text = ("Looking in indexes: http://mirror.example.com/simple/\nCollecting torch\n  The repository located at "
            "mirror.example.com is not a trusted or secure host and is being ignored.\n  Could not find a version that "
            "satisfies the requirement torch (from versions: )\nNo matching distribution found for torch\n")
    assert "INDEX_VARIANT_MISSING" in errors_of(text)
    assert facts_of(text).get("index_ignored") is None  # (a signature's fact, not prose)


def test_an_undefined_nccl_symbol_retold_in_a_title_without_its_colon_is_still_a_library_conflict() -> None:
    assert errors_of("undefined symbol ncclCommRegister\nwhen I activate the conda env the error occurs") == [
        "LIB_PATH_CONFLICT"]


@pytest.mark.parametrize("text", [
    "I installed the NVIDIA GPU driver, cudatoolkit, and cudnn in wsl too. Now I cannot use GPU in my wsl.",
    "Ubuntu 22.04 under WSL2\n$ sudo apt install nvidia-driver-535\nnvidia-smi: NVIDIA-SMI has failed\n",
])
def test_a_linux_driver_installed_inside_wsl_is_named_in_its_own_words(text: str) -> None:
    found = first(text)
    assert found.code == "WSL_DRIVER"
    assert found.title_message is not None and found.title_message.key == "WSL_DRIVER.pasted.linux_driver.title"
    assert "wording" not in found.details  # a marker, not a fact read


@pytest.mark.parametrize("text", ["Never install the NVIDIA driver inside WSL, only in Windows.",
                                  "If you installed a Linux driver in WSL, remove it."])
def test_advice_about_drivers_inside_wsl_is_no_report_of_one(text: str) -> None:
    assert "WSL_DRIVER" not in errors_of(text)


def test_cuda_unusable_on_a_jetson_points_to_nvidias_jetpack_builds() -> None:
    found = first("Jetson Nano (JetPack 4.4): torch installs fine, but cuda.is_available() returns false")
    assert found.code == "PLATFORM_UNSUPPORTED"
    assert any(a.url.startswith("https://docs.nvidia.com/") and "jetson" in a.url for a in found.actions)


@pytest.mark.parametrize(("said", "key", "value"), [
    ("[Issue]: Torch cpu installed on nvidia system", "torch_build_told", "cpu"),
    ("Noticed there is some CPU load, and no GPU load", "gpu_unused", "true"),
])
def test_a_cpu_build_or_an_idle_gpu_told_in_a_titles_words(said: str, key: str, value: str) -> None:
    assert facts_of(said).get(key) == value


@pytest.mark.parametrize(("said", "errors"), [
    ("torch missing from requirements.txt\nI ran pip install -r requirements.txt and torch was missing when I ran it.",
     ["TORCH_MISSING"]),
    ("If torch is not installed, run pip install torch", []),  # advice
    ("torch is missing CUDA support", ["CPU_ONLY_WHEEL"]),  # a build told, not a missing torch
])
def test_torch_told_missing_is_torch_missing(said: str, errors: list[str]) -> None:
    assert errors_of(said) == errors


@pytest.mark.parametrize("said", ["missing cuda torch", "no CUDA-enabled pytorch here",
                                  "conda replaced the CUDA-enabled pytorch with CPU-enabled-only pytorch",
                                  "the installer replaces conda-installed CUDA PyTorch with CPU one"])
def test_a_cpu_build_told_as_a_missing_or_replaced_cuda_build(said: str) -> None:
    assert facts_of(said).get("torch_build_told") == "cpu"


def test_a_cuda_error_here_beside_cuda_working_for_other_projects_leaves_this_environments_build() -> None:
    text = ("cuda error\n\nMy computer has CUDA correctly installed and it works fine with other open-source projects. "
            "However, when I start this project, I get this error.")
    assert errors_of(text) == ["CPU_ONLY_WHEEL"]
    assert first(text).title_message.key == "CPU_ONLY_WHEEL.likely.elsewhere.title"


@pytest.mark.parametrize("said", ["it says cuda is false", "my GPU is not working with pytorch", "GPU not working",
                                  "I can't get pytorch to use my gpu", "the GPU doesn't work"])
def test_cuda_unusable_in_everyday_words(said: str) -> None:
    assert facts_of(said).get("gpu_unused") == "true"


@pytest.mark.parametrize("said", ["If the GPU is not working, use the CPU", "Does your GPU not work?",
                                  "GPU support is not working", "My GPU works fine"])
def test_conditions_questions_and_other_subjects_are_no_such_complaint(said: str) -> None:
    assert "gpu_unused" not in facts_of(said)


@pytest.mark.parametrize("said", ["cuda显示false", "显卡不工作", "GPU跑不起来", "GPUで動かない", "CUDA가 False로 나옵니다",
                                  "не работает видеокарта", "видеокарта не работает", "CUDA devuelve False",
                                  "la GPU no funciona", "a GPU não funciona", "die GPU funktioniert nicht",
                                  "la GPU ne fonctionne pas", "CUDA gibt False zurück"])
def test_cuda_unusable_in_everyday_words_of_the_other_languages(said: str) -> None:
    assert facts_of(said).get("gpu_unused") == "true"


@pytest.mark.parametrize("said", ["si la GPU no funciona, usa la CPU", "如果显卡不工作就用CPU"])
def test_conditions_in_the_other_languages_are_no_such_complaint(said: str) -> None:
    assert "gpu_unused" not in facts_of(said)


@pytest.mark.parametrize(("said", "cuda"), [("nvidia-smi shows CUDA Version: 11.4", "11.4"),
                                            ("nvidia-smi says CUDA 12.2", "12.2"),
                                            ("nvidia-smi shows driver 470.82 and CUDA 11.4", "11.4")])
def test_nvidia_smis_cuda_column_told_in_prose_is_the_drivers_cuda(said: str, cuda: str) -> None:
    facts = facts_of(said)
    assert facts.get("driver_cuda") == cuda and "toolkit_version" not in facts


def test_a_build_above_the_cuda_nvidia_smi_shows_in_prose_is_driver_too_old() -> None:
    assert errors_of("nvidia-smi shows CUDA Version: 11.4 and I installed torch 2.3.0+cu121, is_available() "
                     "returns False") == ["DRIVER_TOO_OLD"]


def test_error_804_inside_torchs_cudagetdevicecount_message_is_the_drivers_age() -> None:
    text = ("RuntimeError: Unexpected error from cudaGetDeviceCount(). Did you run some cuda functions before calling "
            "NumCudaDevices() that might have already set an error? Error 804: forward compatibility was attempted on "
            "non supported HW")
    assert errors_of(text)[:1] == ["DRIVER_TOO_OLD"]


@pytest.mark.parametrize("text", [
    "RuntimeError: Couldn't load custom C++ ops. This can happen if your PyTorch and torchvision versions are "
    "incompatible, or if you had errors while compiling torchvision from source.",
    'OSError: [WinError 127] The specified procedure could not be found. Error loading "C:\\x\\site-packages\\torchaudio'
    '\\lib\\libtorchaudio.pyd" or one of its dependencies.',
])
def test_torchvisions_or_torchaudios_own_library_failing_is_a_package_built_for_another_torch(text: str) -> None:
    assert errors_of(text)[:1] == ["PACKAGE_CONFLICT"]


def test_torchs_own_cuda_dll_failing_stays_a_cuda_library_problem() -> None:
    text = ('OSError: [WinError 127] The specified procedure could not be found. Error loading "C:\\x\\torch\\lib\\'
            'cudnn_adv_infer64_8.dll" or one of its dependencies.')
    assert errors_of(text)[:1] == ["CUDA_LIB_MISSING"]


@pytest.mark.parametrize("text", [
    "ModuleNotFoundError: No module named 'torch'\nbut pip list shows torch 2.1.0",  # installed, in another Python
    "in jupyter notebook import torch fails with No module named torch, but in the terminal it works",
])
def test_no_module_named_torch_told_beside_torch_installed_or_in_a_notebook_is_another_python(text: str) -> None:
    assert errors_of(text) == ["ENV_MISMATCH"]


def test_a_submodule_of_torch_missing_is_not_torch_missing() -> None:
    assert "TORCH_MISSING" not in errors_of("ModuleNotFoundError: No module named 'torch._C'")


def test_uvs_own_platform_hint_decides_between_python_and_platform() -> None:
    text = ("error: Distribution `torchaudio==2.6.0+cpu @ registry+https://download.pytorch.org/whl/cpu` can't be "
            "installed because it doesn't have a source distribution or wheel for the current platform\n\nhint: You're "
            "on Linux (`manylinux_2_38_aarch64`), but `torchaudio` (v2.6.0+cpu) only has wheels for the following "
            "platforms: `linux_x86_64`, `win_amd64`\n")
    assert errors_of(text)[:1] == ["PLATFORM_UNSUPPORTED"]


def test_torchs_dist_info_folder_is_the_installed_torch_and_its_arch_list_is_compared_with_the_gpu() -> None:
    # torch 2.8's CUDA 12.9 builds have no kernels for Pascal (sm_61); a +cu build on Windows is an x86_64 one
    text = ("Windows, GTX 1080 Ti. It does not run. The package is "
            "'F:\\ComfyUI\\python_embeded\\Lib\\site-packages\\torch-2.8.0+cu129.dist-info'\n")
    assert facts_of(text).get("torch_version") == "2.8.0+cu129"
    assert errors_of(text)[:1] == ["GPU_ARCH_UNSUPPORTED"]


def test_one_of_torchs_own_libraries_missing_by_name_is_a_package_built_for_another_torch() -> None:
    assert errors_of("import torchaudio\nOSError: libtorch_cuda_cpp.so: cannot open shared object file: No such file "
                     "or directory")[:1] == ["PACKAGE_CONFLICT"]


def test_a_symbol_version_the_loaded_library_lacks_is_an_older_copy_loaded_first() -> None:
    text = ("OSError: /home/u/miniconda3/envs/x/lib/python3.8/site-packages/torch/lib/../../../../libcublas.so.11: symbol "
            "free_gemm_select version libcublasLt.so.11 not defined in file libcublasLt.so.11 with link time reference")
    assert errors_of(text)[:1] == ["LIB_PATH_CONFLICT"]


@pytest.mark.parametrize(("said", "told"), [("after the --upgrade, for some reason, Torch changed to the cpu.", "cpu"),
                                            ("torch switched to the cpu device mode", None)])
def test_torch_changed_to_the_cpu_is_the_build_told(said: str, told: str | None) -> None:
    assert facts_of(said).get("torch_build_told") == told


def test_the_no_kernel_image_enum_name_and_an_unknown_machine_still_compare_the_gpu_with_the_build() -> None:
    text = ("A Tesla P100 fails on any CUDA operation with `cudaErrorNoKernelImageForDevice`.\n"
            "- `torch 2.10.0+cu128`, `torch.version.cuda == \"12.8\"`\n")
    assert errors_of(text)[:1] == ["GPU_ARCH_UNSUPPORTED"]


def test_an_orin_board_told_in_chinese_is_a_jetson() -> None:
    assert facts_of("我有一块orin板子，webui检测不到显卡").get("platform_board") == "jetson"
    assert errors_of("我有一块orin板子，webui检测不到显卡") == ["PLATFORM_UNSUPPORTED"]


@pytest.mark.parametrize("text", ["vmware ubuntu22.04\n现在是 run in CPU mode",
                                  "I use VirtualBox with Ubuntu; torch.cuda.is_available() returns False"])
def test_cuda_unusable_inside_a_desktop_virtual_machine_is_no_gpu_reaching_it(text: str) -> None:
    found = first(text)
    assert found.code == "NO_NVIDIA_GPU"
    assert found.title_message.key == "NO_NVIDIA_GPU.pasted.desktop_vm.title"


@pytest.mark.parametrize("said", ["After updating, the system switches to CPU without asking",
                                  "now it runs in CPU mode"])
def test_switching_to_or_running_in_cpu_mode_is_the_gpu_unused(said: str) -> None:
    assert facts_of(said).get("gpu_unused") == "true"


def test_no_kernel_image_retold_without_its_is_is_still_cudas_error() -> None:
    text = "GPU: NVIDIA RTX 5090D (sm_120)\nCUDA error: no kernel image available for sm_120\n"
    assert errors_of(text)[:1] == ["GPU_ARCH_UNSUPPORTED"]


@pytest.mark.parametrize("text", [
    "ERROR: Could not find a version that satisfies the requirement torch==1.13.0+cu116。",  # (a CJK full stop)
    "ERROR: Could not find a version that satisfies the requirement torch==2.0.1+cu121\n"
    "ERROR: No matching distribution found for torch==2.0.1+cu121",  # (no version list: retold or older pip)
])
def test_pips_could_not_find_without_its_version_list_still_reads_the_requirement(text: str) -> None:
    assert errors_of(text)[:1] == ["INDEX_VARIANT_MISSING"]  # (+local builds are on PyTorch's index only)
    assert facts_of(text).get("requested") is None  # (a signature's fact, not prose)


def test_a_hugging_face_trainers_device_log_line_on_cpu_is_the_gpu_unused() -> None:
    line = "[INFO|parser.py:242] 2024-04-11 11:16:12,325 >> Process rank: 0, device: cpu, n_gpu: 0, distributed training: False"
    assert facts_of(line).get("gpu_unused") == "true"
    assert "gpu_unused" not in facts_of("Process rank: 0, device: cuda:0, n_gpu: 1, distributed training: False")


def test_other_programs_also_using_the_gpu_in_chinese_is_cuda_working_elsewhere() -> None:
    assert facts_of("有其他程序也在使用gpu，但是我的任务检测不到cuda").get("gpu_works_elsewhere") == "true"


@pytest.mark.parametrize(("text", "cause"), [
    ("pip couldn't find a pytorch 1.3 version with my python 3.8 virtualenv", "PYTHON_UNSUPPORTED"),  # (1.3: up to 3.7)
    ("Windows 11, Python 3.10. pip can't find torch==2.1.2+cu121 at all", "INDEX_VARIANT_MISSING"),  # (PyPI: no +local)
])
def test_pip_not_finding_torch_told_in_a_sentence_is_the_no_wheel_reading(text: str, cause: str) -> None:
    assert errors_of(text)[:1] == [cause]


@pytest.mark.parametrize(("text", "cause"), [
    # YOLOv5/v7's select_device asserts torch.cuda.is_available() before this message
    ("AssertionError: Invalid CUDA '--device 0' requested, use '--device cpu' or pass valid CUDA device(s)\n"
     "Windows 10, I installed it with pip install -r requirements.txt", "CPU_ONLY_WHEEL"),
    # a module of torch another package imports: that package was built for a newer torch
    ("  File \"/usr/lib/python3/site-packages/torchvision/__init__.py\", line 6, in <module>\n"
     "ModuleNotFoundError: No module named 'torch._custom_ops'", "PACKAGE_CONFLICT"),
])
def test_programs_own_cuda_checks_and_torch_submodules_are_read(text: str, cause: str) -> None:
    assert errors_of(text)[:1] == [cause]


def test_a_programs_warning_that_it_runs_on_the_cpu_is_the_gpu_unused() -> None:
    line = "inference_codeformer.py:49: RuntimeWarning: Running on CPU now! Make sure your PyTorch version matches your CUDA."
    assert facts_of(line).get("gpu_unused") == "true"
    assert "gpu_unused" not in facts_of("WARNING: using CPU threads: 8")


def test_a_problem_with_running_cuda_on_the_gpu_is_no_working_setup() -> None:
    assert "cuda_works" not in facts_of("I have a problem with running CUDA on GPU.")
    assert facts_of("training ran fine on the GPU").get("cuda_works") == "true"


def test_mkls_missing_jit_symbol_is_torch_failing_to_import() -> None:
    text = "OSError: /opt/conda/lib/python3.10/site-packages/torch/lib/libtorch_cpu.so: undefined symbol: iJIT_NotifyEvent"
    assert errors_of(text)[:1] == ["TORCH_IMPORT_FAILED"]


def test_nvidia_container_clis_dxcore_line_is_wsls_driver_only_inside_wsl() -> None:
    line = "I0514 05:28:58.048063 3500294 nvc.c:415] dxcore initialization failed, continuing assuming a non-WSL environment"
    assert errors_of(line) == []  # (logged on every host that is not WSL)
    assert errors_of("Ubuntu 20.04 on WSL2, docker run --gpus all fails:\n" + line)[:1] == ["WSL_DRIVER"]


def test_torch_built_without_cuda_told_in_other_words_is_the_cpu_only_build() -> None:
    assert errors_of("Torch built without cuda support")[:1] == ["CPU_ONLY_WHEEL"]


@pytest.mark.parametrize(("text", "cause"), [
    ("Everything worked until yesterday, today I get this error:\n"
     "PyTorch has CUDA Version=11.7 and torchvision has CUDA Version=11.8.", "PACKAGE_CONFLICT"),
    ("The install step fails on recent nightlies with `WinError 206: filename or extension is too long`.",
     "LONG_PATHS_DISABLED"),
])
def test_a_message_retold_without_its_first_sentence_or_its_brackets_is_still_read(text: str, cause: str) -> None:
    assert errors_of(text)[:1] == [cause]


@pytest.mark.parametrize(("path", "machine"), [
    ("/usr/local/Cellar/poetry/1.8.3_2/libexec/lib/python3.12/site-packages/poetry/installation/chooser.py", "x86_64"),
    ("/usr/local/Homebrew/Library/Homebrew/brew.sh", "x86_64"),
])
def test_homebrews_intel_prefix_says_an_intel_mac(path: str, machine: str) -> None:
    facts = facts_of(f"  at {path}:74 in choose_for")
    assert facts.get("os") == "darwin" and facts.get("machine") == machine


def test_homebrews_apple_silicon_and_linux_prefixes_are_not_the_intel_one() -> None:
    assert facts_of("  at /opt/homebrew/lib/python3.12/site-packages/x.py").get("machine") != "x86_64"
    assert facts_of("/home/linuxbrew/.linuxbrew/Cellar/python@3.12/bin/python3").get("machine") != "x86_64"


def test_a_dll_named_by_one_message_does_not_decide_another_messages_cause() -> None:
    text = ("Could not locate cudnn_ops_infer64_8.dll. Please make sure it is in your library path!\n"
            "UserWarning:\nNVIDIA GeForce RTX 5080 with CUDA capability sm_120 is not compatible with the current "
            "PyTorch installation.\nThe current PyTorch install supports CUDA capabilities sm_50 sm_60 sm_61 sm_70 "
            "sm_75 sm_80 sm_86 sm_90.")
    codes = [f.code for f in findings_of(text) if f.severity in (Severity.ERROR, Severity.WARNING)]
    assert "CUDA_LIB_MISSING" in codes and "GPU_ARCH_UNSUPPORTED" in codes  # (each message its own cause)


@pytest.mark.parametrize(("text", "cause"), [
    ("Windows 10, RTX A5000. RuntimeError: CUDA error: all CUDA-capable devices are busy or unavailable", "DRIVER_MISSING"),
    ("torch 2.4 from pip install ultralytics: my program on the Pi failed with an illegal instruction.",
     "TORCH_IMPORT_FAILED"),
    ("CUDA PyTorch install failed: × Failed to download `nvidia-cusolver-cu12==11.7.1.2` ├─▶ Request failed after 3 "
     "retries in 128.9s ├─▶ error sending request for url │ (https://pypi.nvidia.com/x.whl) ╰─▶ operation timed out",
     "DISK_OR_NETWORK"),
    ("python.exe -m pip install -U demucs\nbefore install, torch is cpuonly\nWindows10 GPU=2080Ti", "CPU_ONLY_WHEEL"),
])
def test_messages_and_statements_of_round_22_are_read(text: str, cause: str) -> None:
    assert errors_of(text)[:1] == [cause]


def test_devices_busy_after_is_available_true_is_no_missing_driver() -> None:
    text = (">>> torch.cuda.is_available()\nTrue\n>>> torch.tensor(1).cuda()\n"
            "RuntimeError: CUDA error: all CUDA-capable devices are busy or unavailable")
    assert "DRIVER_MISSING" not in errors_of(text)


def test_an_illegal_instruction_reads_as_the_build_for_another_processor_not_a_damaged_install() -> None:
    finding = first("Illegal instruction (core dumped)")
    assert finding.code == "TORCH_IMPORT_FAILED" and "processor" in finding.title
    assert "TORCH_IMPORT_FAILED" not in errors_of("RuntimeError: CUDA error: an illegal instruction was encountered")


@pytest.mark.parametrize(("text", "cause"), [
    ("I have an intel nuc 10, my graphics card does not support cuda. Can I use audiocraft without cuda?",
     "NO_NVIDIA_GPU"),
    ("(1) ltt_install_torch does not install CUDA version of pytorch", "CPU_ONLY_WHEEL"),
    ("I dont get cuda support on two windows systems with nvidia cards.", "CPU_ONLY_WHEEL"),
    ("Configure the environment on a computer without GPU graphics card.\n"
     "AssertionError: Torch not compiled with CUDA enabled", "NO_NVIDIA_GPU"),
    ("I only have CPU device and the error occurred:\nAssertionError: Torch not compiled with CUDA enabled",
     "NO_NVIDIA_GPU"),
    ("MisconfigurationException:\n    You requested GPUs: [0]\n    But your machine only has: []\n"
     "_pytorch_select           0.1                       cpu_0", "CPU_ONLY_WHEEL"),
    ("Chosen device: cpu\n我的显卡是4080 16G 运行时却选择了cpu", "CPU_ONLY_WHEEL"),
])
def test_statements_and_logs_of_round_22_are_read(text: str, cause: str) -> None:
    assert errors_of(text)[:1] == [cause]


def test_a_program_logging_the_cpu_without_an_nvidia_gpu_named_is_no_complaint() -> None:
    assert facts_of("Using device: cpu\nEpoch 1/10 loss 0.52").get("gpu_unused") is None
    assert verdict_of("Using device: cpu\nEpoch 1/10 loss 0.52").kind is not VerdictKind.NOT_READY


@pytest.mark.parametrize("text", [
    "ERROR: Cannot install torch==2.1.0 and torchvision==0.15.2 because these package versions have conflicting "
    "dependencies.",
    "The conflict is caused by:\n    The user requested torch==2.1.0\n    torchvision 0.15.2 depends on torch==2.0.1",
])
def test_pips_resolution_impossible_between_torch_and_a_companion_is_a_package_conflict(text: str) -> None:
    assert errors_of(text)[:1] == ["PACKAGE_CONFLICT"]


@pytest.mark.parametrize("text", [
    "Requirement already satisfied: torch in c:\\users\\jesse\\appdata\\local\\programs\\python\\python39\\lib\\"
    "site-packages (1.7.1)\nprint(torch.cuda.is_available())\n\nit prints False so clearly I am doing something wrong",
    "$ conda install -c conda-forge opencv\nThe following packages will be UPDATED:\n\n"
    "  pytorch            pytorch::pytorch-1.12.1-py3.10_cuda11~ --> pkgs/main::pytorch-1.12.1-cpu_py310h9dbd814_1",
])
def test_a_cpu_build_shown_by_pip_already_satisfied_on_windows_or_by_condas_plan_is_read(text: str) -> None:
    assert errors_of(text)[:1] == ["CPU_ONLY_WHEEL"]


def test_pip_already_satisfied_in_a_conda_environment_names_no_build() -> None:
    text = ("Requirement already satisfied: torch in c:\\users\\me\\anaconda3\\envs\\x\\lib\\site-packages (1.7.1)\n"
            "print(torch.cuda.is_available())\nFalse")
    assert facts_of(text).get("torch_build") != "cpu"


def test_pip_already_satisfied_through_another_package_names_the_installed_build() -> None:
    text = ("Requirement already satisfied: torch==1.10.0 in /usr/local/lib/python3.7/dist-packages (from torchaudio) "
            "(1.10.0+cu111)")
    runtime = snapshot_from_text(text).torch.get()
    assert runtime is not None and runtime.version == "1.10.0+cu111" and runtime.cuda == "11.1"


@pytest.mark.parametrize(("text", "cause"), [
    ("ImportError: DLL load failed while importing flash_attn_2_cuda: Das angegebene Modul wurde nicht gefunden.",
     "CPU_ONLY_WHEEL"),
    ("[BUG] Fresh install uses NumPy 2, which isn't supported by PyTorch 2.2", "NUMPY_ABI"),
])
def test_a_cuda_extensions_module_failing_to_load_and_numpy_2_told_unsupported_are_read(text: str, cause: str) -> None:
    assert errors_of(text)[:1] == [cause]


def test_a_cuda_extensions_module_failing_beside_a_cuda_build_of_torch_is_the_extension_built_for_another() -> None:
    text = ("torch 2.3.1+cu121\nImportError: DLL load failed while importing flash_attn_2_cuda: The specified module "
            "could not be found.")
    assert errors_of(text)[:1] == ["PACKAGE_CONFLICT"]


@pytest.mark.parametrize("said", ["the model loads on cpu even though I have an RTX 3060", "everything goes to the CPU",
                                  "the model loaded onto the CPU"])
def test_a_model_said_to_load_or_go_to_the_cpu_is_the_gpu_unused(said: str) -> None:
    assert facts_of(said).get("gpu_unused") == "true"


@pytest.mark.parametrize("text", [
    "I use pycharm to import torch, cannot use it.\nBut I use cmd to import torch, it can work.\nWhat happened?",
    "When I type `import torch`, a warning appears - `Import \"torch\" could not be resolvedPylancereportMissingImports`."
    "\n- pytorch version: 1.9.0",
])
def test_an_editor_that_cannot_import_the_torch_a_terminal_imports_is_another_environment(text: str) -> None:
    assert errors_of(text)[:1] == ["ENV_MISMATCH"]


@pytest.mark.parametrize("said", [
    "MacBook Pro 2019 (Intel), macOS 14",
    "my MacBook Pro (13-inch, 2019, Four Thunderbolt 3 ports)",
    "iMac 2017 running Monterey",
    "Mac mini (Intel) with Ventura",
])
def test_a_mac_told_by_an_intel_year_or_intel_is_an_intel_mac(said: str) -> None:
    facts = facts_of(said)
    assert facts.get("os") == "darwin" and facts.get("machine") == "x86_64"


@pytest.mark.parametrize("said", [
    "MacBook Pro (14-inch, 2021) with the M1 Pro",
    "MacBook Air 2022, Sonoma 14.2",
    "MacBook Pro M3 Max 2023",
])
def test_a_mac_of_the_apple_silicon_years_is_not_read_as_intel(said: str) -> None:
    assert facts_of(said).get("machine") != "x86_64"


def test_whispers_fp16_warning_on_a_mac_with_only_an_amd_gpu_is_no_nvidia_gpu() -> None:
    text = ("venv/lib/python3.11/site-packages/whisper/transcribe.py:114: UserWarning: FP16 is not supported on CPU; "
            "using FP32 instead\nHow do I get it onto the GPU? It's a 2018 MacBook Pro with a Radeon Pro 560X.")
    assert errors_of(text)[:1] == ["NO_NVIDIA_GPU"]


def test_whispers_warnings_say_which_device_decoded() -> None:
    assert facts_of("UserWarning: FP16 is not supported on CPU; using FP32 instead").get("program_chose_cpu") == "true"
    assert facts_of("UserWarning: Performing inference on CPU when CUDA is available").get("cuda_available") == "true"


@pytest.mark.parametrize("text", [
    "ImportError: dlopen(/Users/me/anaconda3/lib/python3.7/site-packages/_torch_sox.cpython-37m-darwin.so, 2): "
    "Symbol not found: __ZN3c1011CPUTensorIdEv\n  Referenced from: /Users/me/anaconda3/lib/python3.7/site-packages/"
    "_torch_sox.cpython-37m-darwin.so",
    "ImportError: /home/me/venv/lib/python3.10/site-packages/torchvision/_C.so: undefined symbol: ...",
])
def test_an_extension_that_cannot_bind_torchs_own_symbol_was_built_for_another_torch(text: str) -> None:
    assert errors_of(text)[:1] == ["PACKAGE_CONFLICT"]


def test_a_python_c_api_symbol_on_macos_still_points_to_the_interpreter() -> None:
    text = "ImportError: dlopen(/x/torch/_C.cpython-36m-darwin.so, 10): Symbol not found: _PySlice_AdjustIndices"
    assert errors_of(text)[:1] == ["PYTHON_UNSUPPORTED"]


_REPLACING = ("  Attempting uninstall: torch\n    Found existing installation: torch 2.3.1+cu121\n"
              "    Uninstalling torch-2.3.1+cu121:\n      Successfully uninstalled torch-2.3.1+cu121\n")


def test_an_install_that_replaces_the_cuda_build_on_windows_leaves_the_cpu_build() -> None:
    text = ("(venv) C:\\sd> pip install -r requirements.txt\n" + _REPLACING
            + "Successfully installed torch-2.4.0 transformers-4.44.0\nNow the web UI says CUDA is not available.")
    assert errors_of(text)[:1] == ["CPU_ONLY_WHEEL"]


def test_an_install_that_replaces_the_cuda_build_with_another_version_on_linux_is_a_package_conflict() -> None:
    text = ("$ pip install xformers\nCollecting torch==2.3.0\n  Using cached torch-2.3.0-cp310-cp310-manylinux1_x86_64.whl\n"
            + _REPLACING + "Successfully installed torch-2.3.0 xformers-0.0.26.post1\n")
    assert errors_of(text)[:1] == ["PACKAGE_CONFLICT"]


def test_replacing_one_cuda_build_with_a_newer_cuda_build_is_the_wish_not_a_conflict() -> None:
    text = ("$ pip install torch==2.4.0 --index-url https://download.pytorch.org/whl/cu124\n" + _REPLACING
            + "Successfully installed torch-2.4.0+cu124\n")
    assert "PACKAGE_CONFLICT" not in errors_of(text)


def test_pythons_windows_banner_names_windows() -> None:
    banner = "Python 3.10.2 (tags/v3.10.2:a58ebcc, Jan 17 2022, 14:12:15) [MSC v.1929 64 bit (AMD64)]"
    assert facts_of(banner).get("os") == "windows"


@pytest.mark.parametrize("text", [
    "Collecting torch==2.4.1\n  Downloading torch-2.4.1-cp311-cp311-win_amd64.whl (199.4 MB)\n"
    "     ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━ 3.1/199.4 MB 18.2 kB/s eta 2:59:41\nit never finishes",
    "Installing torch takes forever, the download speed is extremely slow here.",
])
def test_a_download_crawling_or_told_too_slow_is_the_network(text: str) -> None:
    assert errors_of(text)[:1] == ["DISK_OR_NETWORK"]


def test_a_fast_download_or_a_slow_model_is_not_the_network() -> None:
    fast = "  Downloading torch-2.4.1-cp311-cp311-win_amd64.whl (199.4 MB)\n  ━━━━━━━━━ 199.4/199.4 MB 11.2 MB/s eta 0:00:00"
    assert "DISK_OR_NETWORK" not in errors_of(fast)
    assert "DISK_OR_NETWORK" not in errors_of("Training is very slow on my RTX 3060, is the GPU used at all?")


@pytest.mark.parametrize(("text", "cause"), [
    ("跑 demo 的时候报错，看提示是显卡驱动程序太旧了，服务器上不方便升级", "DRIVER_TOO_OLD"),
    ("The torch version in the installer is too old for my RTX 5080, how do I update it?", "GPU_ARCH_UNSUPPORTED"),
    ("项目自带的torch版本太低了，RTX 5090 跑不起来", "GPU_ARCH_UNSUPPORTED"),
])
def test_a_cause_told_in_the_persons_words_is_read(text: str, cause: str) -> None:
    assert errors_of(text)[:1] == [cause]


def test_a_torch_too_old_for_a_package_is_no_gpu_architecture_problem() -> None:
    assert "GPU_ARCH_UNSUPPORTED" not in errors_of("xformers 需要 torch 2.1，我的 torch版本太低了")


def test_a_package_asking_for_torchs_cuda_library_beside_a_cpu_build_is_the_cpu_build() -> None:
    text = ("WARNING: libc10_cuda.so: cannot open shared object file: No such file or directory\n"
            "$ pip list | grep torch\ntorch                 2.1.2+cpu\nxformers              0.0.23")
    assert errors_of(text)[:1] == ["CPU_ONLY_WHEEL"]
    text_cuda = text.replace("2.1.2+cpu", "2.1.2+cu121")
    assert errors_of(text_cuda)[:1] == ["PACKAGE_CONFLICT"]


@pytest.mark.parametrize(("text", "cause"), [
    ("  File \"/v/lib/python3.10/site-packages/torchvision/ops/boxes.py\", line 41, in nms\n"
     "NotImplementedError: Could not run 'torchvision::nms' with arguments from the 'CUDA' backend.", "PACKAGE_CONFLICT"),
    ("ImportError: vllm/_C.abi3.so: undefined symbol", "PACKAGE_CONFLICT"),
    ("UnsatisfiableError: The following specifications were found\nto be incompatible with the existing python "
     "installation in your environment:\n\nSpecifications:\n\n  - torchvision -> python[version='>=3.7,<3.8.0a0']\n\n"
     "Your python: python=3.10", "PYTHON_UNSUPPORTED"),
])
def test_sourced_wordings_of_companions_extensions_and_conda_name_their_cause(text: str, cause: str) -> None:
    assert errors_of(text)[:1] == [cause]


def test_torchs_own_module_with_an_unnamed_symbol_is_no_extension_of_another_package() -> None:
    text = "ImportError: torch/_C.cpython-310-x86_64-linux-gnu.so: undefined symbol"
    assert "PACKAGE_CONFLICT" not in errors_of(text)[:1]


_CPU_BUILD_COLLECT_ENV = ("Collecting environment information...\nPyTorch version: 2.1.0.dev20230905\n"
                          "Is debug build: False\nCUDA used to build PyTorch: Could not collect\n"
                          "ROCM used to build PyTorch: N/A\n\nOS: Ubuntu 22.04.3 LTS (x86_64)\n"
                          "Python version: 3.9.18 (64-bit runtime)\nIs CUDA available: False\n")


def test_a_collect_env_of_a_cpu_build_after_asking_conda_for_cuda_is_the_cpu_build() -> None:
    text = "> mamba install pytorch pytorch-cuda=11.8 -c pytorch-nightly -c nvidia\n" + _CPU_BUILD_COLLECT_ENV
    assert errors_of(text)[:1] == ["CPU_ONLY_WHEEL"]


def test_a_collect_env_of_a_cpu_build_alone_is_no_wish_for_cuda() -> None:
    assert "CPU_ONLY_WHEEL" not in errors_of(_CPU_BUILD_COLLECT_ENV)


def test_docker_without_a_gpu_device_driver_needs_the_container_toolkit_not_a_new_torch() -> None:
    text = ("$ docker run --gpus all -it --rm nvcr.io/nvidia/pytorch:24.05-py3\n"
            "docker: Error response from daemon: could not select device driver \"\" with capabilities: [[gpu]].\n"
            "nvidia-smi works on the host.")
    found = first_error(text)
    assert found.code == "DRIVER_MISSING"
    assert "Container Toolkit" in found.title


def test_is_available_told_as_its_outcome_after_the_call() -> None:
    said = "Installing from the cu121 index gives `torch.cuda.is_available()` as False on the board."
    assert facts_of(said).get("cuda_available") == "false"


def test_a_raspberry_pi_is_32_bit_arm_unless_the_text_shows_its_64_bit_system() -> None:
    assert facts_of("pip install torch fails on my Raspberry Pi 3").get("machine") == "armv7l"
    shown = "Raspberry Pi 4\nUsing host libthread_db library \"/lib/aarch64-linux-gnu/libthread_db.so.1\"."
    assert facts_of(shown).get("machine") == "aarch64"


@pytest.mark.parametrize("text", [
    "Because torchvision (0.4.0) depends on torch (1.2.0)\nSo, because my_project depends on both torch (=1.1.0) and "
    "torchvision (^0.4.0), version solving failed.",
    "  ╰─▶ Because torchaudio==2.5.1 depends on torch==2.5.1 and you require torch==2.4.0, we can conclude that your "
    "requirements and torchaudio==2.5.1 are incompatible.",
    "OSError: undefined symbol: _ZN5torch3jit17parseSchemaOrNameERKSs",
])
def test_a_companion_or_extension_pinned_to_another_torch_told_by_resolvers_or_loaders(text: str) -> None:
    assert errors_of(text)[:1] == ["PACKAGE_CONFLICT"]


def test_conda_finding_the_torch_asked_for_only_built_for_another_cuda_is_a_missing_variant() -> None:
    text = ("conda install pytorch=1.0.1 torchvision cudatoolkit=10.1\nUnsatisfiableError: The following specifications "
            "were found to be in conflict:\n  - cudatoolkit 10.1*\n  - pytorch 1.0.1* -> cudatoolkit >=10.0.130,<10.1.0a0")
    assert errors_of(text)[:1] == ["INDEX_VARIANT_MISSING"]


def test_a_title_naming_the_attempt_on_cuda_is_no_report_that_cuda_works() -> None:
    text = ("Running boltz2 on CUDA 13.0 NVIDIA GB10\n\npip install boltz[cuda] -U\n"
            "But when I try running boltz, it hangs and nothing happens.")
    assert facts_of(text).get("cuda_works") != "true"
    assert verdict_of(text).kind is not VerdictKind.READY


def test_another_packages_module_missing_a_procedure_on_windows_was_built_for_another_torch() -> None:
    text = ("With torch 2.2.1 and exllamav2 0.0.20:\n"
            "  File \"C:\\ai\\venv\\Lib\\site-packages\\exllamav2\\ext.py\", line 19, in <module>\n    import exllamav2_ext\n"
            "ImportError: DLL load failed while importing exllamav2_ext: The specified procedure could not be found.")
    assert errors_of(text)[:1] == ["PACKAGE_CONFLICT"]
    torch_own = text.replace("exllamav2_ext", "_C").replace("exllamav2\\ext.py", "torch\\__init__.py")
    assert errors_of(torch_own)[:1] != ["PACKAGE_CONFLICT"]


def test_an_extension_build_failing_on_the_toolkit_mismatch_is_the_error_not_a_warning() -> None:
    text = ("RuntimeError:\nThe detected CUDA version (11.5) mismatches the version that was used to compile\n"
            "PyTorch (12.1). Please make sure to use the same CUDA versions.\nERROR: Failed building editable for SAM-2")
    assert errors_of(text)[:1] == ["TOOLKIT_MISMATCH"]
    assert verdict_of(text).kind is VerdictKind.NOT_READY


def test_pkg_resources_version_conflict_over_torch_is_a_package_conflict() -> None:
    assert errors_of("error: torch 1.1.0 is installed but torch>=1.4 is required by {'timm'}")[:1] == ["PACKAGE_CONFLICT"]


def test_is_available_told_replying_true_is_read() -> None:
    assert facts_of("It's replying true for `torch.cuda.is_available()`").get("cuda_available") == "true"


@pytest.mark.parametrize("said", [
    "你可能正在使用CPU版本的PyTorch，请重新安装CUDA版本的PyTorch。",
    "The requirements step installs pytorch with CPU support only.",
])
def test_a_cpu_build_told_by_a_program_or_a_person(said: str) -> None:
    assert facts_of(said).get("torch_build_told") == "cpu"


# A review's invented texts: the new readings must not fire where they do not apply.
@pytest.mark.parametrize("text", [
    "ImportError: DLL load failed while importing _fblas: The specified procedure could not be found.",
    "ImportError: /home/u/venv/lib/python3.10/site-packages/lxml/etree.cpython-310-x86_64-linux-gnu.so: undefined symbol",
    "Training on my RTX 3080 is slower than I expected. The GPU does not appear to be the bottleneck.",
    "Is my torch compiled with CUDA 12.4 or not compiled with CUDA 12.1? My driver is 535.",
    "RTX 4090，torch版本太低，装不了 xformers 0.0.28",
    "The bundled pytorch was too old for my RTX 5070 Ti, so I installed 2.7.0+cu128 and now it works.",
    "请问驱动太老会不会导致这个问题？",
    "Slow download of the llama weights; the install itself was fine and CUDA works.",
    "huggingface_hub download is super slow, any tips?",
])
def test_a_new_reading_stays_quiet_where_it_does_not_apply(text: str) -> None:
    assert not {"PACKAGE_CONFLICT", "CPU_ONLY_WHEEL", "GPU_ARCH_UNSUPPORTED", "DRIVER_TOO_OLD",
                "DISK_OR_NETWORK"} & set(errors_of(text)[:1])


def test_pip_reinstalling_the_same_torch_from_pypi_on_linux_with_cuda_working_is_no_conflict() -> None:
    text = ("$ pip install -r requirements.txt\n" + _REPLACING + "Successfully installed torch-2.3.1 transformers-4.44.0\n"
            ">>> torch.cuda.is_available()\nTrue")
    assert "PACKAGE_CONFLICT" not in errors_of(text)


@pytest.mark.parametrize(("text", "cause"), [
    ("torch 2.5.1 is too old for my RTX 5090, how do I get a newer one?", "GPU_ARCH_UNSUPPORTED"),
    ("Error response from daemon: could not select device driver \"nvidia\" with capabilities: [[gpu compute utility]]",
     "DRIVER_MISSING"),
    ("ImportError: dlopen(/x/site-packages/torch_scatter/_scatter_cpu.so, 0x0002): Symbol not found: "
     "(__ZN3c1017RegisterOperatorsD1Ev)", "PACKAGE_CONFLICT"),
    ("pip._vendor.pkg_resources.ContextualVersionConflict: (torch 2.5.1+cu121 (/home/u/venv/lib/python3.10/site-packages),"
     " Requirement.parse('torch>=2.9.0'), {'kernelbench'})", "PACKAGE_CONFLICT"),
    ("报错说显卡驱动版本低，怎么办", "DRIVER_TOO_OLD"),
])
def test_other_real_forms_of_the_new_readings(text: str, cause: str) -> None:
    assert errors_of(text)[:1] == [cause]


def test_a_raspberry_pi_5_or_a_64_bit_pi_os_is_aarch64() -> None:
    assert facts_of("pip install torch on a Raspberry Pi 5 fails").get("machine") == "aarch64"
    assert facts_of("Raspberry Pi 4 with Raspberry Pi OS 64-bit (bookworm)").get("machine") == "aarch64"


def test_docker_without_the_toolkit_gets_no_install_command_and_no_driver_download() -> None:
    text = "docker: Error response from daemon: could not select device driver \"\" with capabilities: [[gpu]]."
    diagnosis = diagnosis_of(text)
    assert diagnosis.recommendation.kind == "none"
    assert not diagnosis.findings[0].actions


@pytest.mark.parametrize(("said", "key", "value"), [
    ("I installed the GPU version, but it still works on cpu", "gpu_unused", "true"),
    ("tried to update everything and still can't load the gpu", "gpu_unused", "true"),
    ("Following the README, conda will install the cpu version of pytorch.", "torch_build_told", "cpu"),
    ("This environment seems to lack CUDA support for torch.", "torch_build_told", "cpu"),
])
def test_more_ways_people_tell_the_gpu_unused_or_the_cpu_build(said: str, key: str, value: str) -> None:
    assert facts_of(said).get(key) == value


def test_torchs_assertion_told_as_a_title_cuda_not_compiled() -> None:
    assert errors_of("Cuda not compiled\n\nThe app stops when I pick the GPU.")[:1] == ["CPU_ONLY_WHEEL"]


@pytest.mark.parametrize("text", [
    "My RTX 5070 Ti: the program crashes with an error as soon as I start generating.",
    "Bought an NVIDIA 50 series card and now the app fails to run, any solution?",
])
def test_a_failure_on_the_newest_gpu_generation_names_a_torch_older_than_the_card_as_likeliest(text: str) -> None:
    found = first_error(text)
    assert found.code == "GPU_ARCH_UNSUPPORTED" and found.title.startswith("Most likely")


@pytest.mark.parametrize("text", [
    "My RTX 3060: the program crashes with an error as soon as I start generating.",  # (kernels since long ago)
    "RTX 5090, torch.cuda.is_available() returns False",  # (a missing arch still finds the GPU)
    "RTX 5090 with torch 2.8.0+cu128: the program crashes with an error.",  # (a version shown: the checks judge it)
])
def test_an_older_generation_cuda_unusable_or_a_version_shown_is_not_that_reading(text: str) -> None:
    assert not any(f.code == "GPU_ARCH_UNSUPPORTED" and f.title.startswith("Most likely") for f in findings_of(text))


@pytest.mark.parametrize(("text", "cause"), [
    ("There are no wheels available for Python 3.14 on Windows, pip finds nothing.", "PYTHON_UNSUPPORTED"),
    ("Exception: Version mismatch: Open3D needs PyTorch version 2.0.*, but version 2.4.1+cu121 is installed!",
     "PACKAGE_CONFLICT"),
])
def test_no_wheel_for_a_python_told_and_open3ds_own_version_check(text: str, cause: str) -> None:
    assert errors_of(text)[:1] == [cause]


def test_a_line_opening_with_the_gerund_and_saying_it_works_reports_cuda_working() -> None:
    assert facts_of("Running stable diffusion on CUDA works fine now\nthanks!").get("cuda_works") == "true"
    assert facts_of("Running boltz2 on CUDA 13.0 NVIDIA GB10").get("cuda_works") != "true"
