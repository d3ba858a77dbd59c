"""Readings from what torch, NVML, pip, uv and the musl loader print (round 40): each case is written from the tool's
own message format, not taken from the corpus."""

from __future__ import annotations

import pytest

from tests.textdiag.pasted import diagnosis_of, errors_of, first_error, verdict_of
from wizard.findings import ActionKind
from wizard.textdiag.vocabulary import capability_range, covered_beyond_range
from wizard.verdict import VerdictKind, reports_failure

RANGE_WARNING = """\
/opt/venv/lib/python3.12/site-packages/torch/cuda/__init__.py:283: UserWarning:
    Found GPU0 {name} which is of cuda capability {capability}.
    Minimum and Maximum cuda capability supported by this version of PyTorch is
    ({low}) - ({high})

  warnings.warn(
"""


def _range_warning(name: str, capability: str, low: str, high: str) -> str:
    return RANGE_WARNING.format(name=name, capability=capability, low=low, high=high)


@pytest.mark.parametrize(("capability", "supported", "covered"), [
    ("12.1", "8.0-12.0", True),  # a GB10 on a build up to sm_120: the same major runs its cubins
    ("8.9", "5.0-8.6", True),
    ("6.1", "7.0-12.0", False),  # below the lowest
    ("13.0", "8.0-12.0", False),  # a newer major: no cubin of 12.x runs there
    ("", "8.0-12.0", False),
    ("12.1", "", False),
])
def test_a_gpu_above_the_builds_highest_capability_in_the_same_major_is_covered(capability: str, supported: str,
                                                                                 covered: bool) -> None:
    assert covered_beyond_range(capability, supported) is covered


def test_the_capability_range_is_read_as_printed() -> None:
    assert capability_range("(8.0) - (12.0)") == "8.0-12.0"
    assert capability_range("(7.0)") == ""


def test_torchs_capability_range_warning_for_a_gpu_in_the_builds_family_is_a_working_gpu() -> None:
    text = _range_warning("NVIDIA GB10", "12.1", "8.0", "12.0") + "\ntorch 2.9.1, training runs.\n"
    assert errors_of(text) == []
    verdict = verdict_of(text)
    assert (verdict.kind, verdict.key) == (VerdictKind.READY, "ready.gpu")


@pytest.mark.parametrize(("name", "capability", "low", "high"), [
    ("NVIDIA GeForce GTX 1070", "6.1", "7.0", "12.0"),  # Pascal after the builds dropped it
    ("NVIDIA Future GPU", "13.0", "8.0", "12.0"),
])
def test_torchs_capability_range_warning_outside_the_builds_family_is_the_architecture(name: str, capability: str,
                                                                                      low: str, high: str) -> None:
    assert errors_of(_range_warning(name, capability, low, high))[:1] == ["GPU_ARCH_UNSUPPORTED"]


@pytest.mark.parametrize("text", [
    "$ nvidia-smi\nFailed to initialize NVML: Unknown Error\n",
    "RuntimeError: No CUDA GPUs are available\n\nroot@job-7f9c:/workspace# nvidia-smi\nFailed to initialize NVML: "
    "Unknown Error\n",
])
def test_nvml_unknown_error_is_a_gpu_the_driver_cannot_reach_and_no_driver_download(text: str) -> None:
    finding = first_error(text)
    assert finding.code == "DRIVER_MISSING"
    assert finding.title == "The driver cannot reach the GPU here"
    assert "restart" in finding.explanation and not finding.actions


BLACKWELL_NO_KERNEL_WITH_CPU_CHECK = """\
RTX 5080, Windows 11. The app stops with:
torch.AcceleratorError: CUDA error: no kernel image is available for execution on the device
Then I checked torch:
C:\\Apps\\Studio>python -c "import torch; print(torch.__version__); print(torch.cuda.is_available())"
2.6.0+cpu
False
"""


def test_a_cuda_error_beside_a_cpu_build_printed_is_the_programs_cuda_build_not_the_cpu_one() -> None:
    """'no kernel image' comes only from a CUDA build running a kernel: the +cpu printed is another Python's."""
    finding = first_error(BLACKWELL_NO_KERNEL_WITH_CPU_CHECK)
    assert finding.code == "GPU_ARCH_UNSUPPORTED"
    assert "CPU_ONLY_WHEEL" not in errors_of(BLACKWELL_NO_KERNEL_WITH_CPU_CHECK)


def test_the_recommended_build_has_compiled_kernels_for_a_blackwell_gpu() -> None:
    """Keeping the installed 2.6.0 would mean a cu118 build whose only kernel for sm_120 is PTX of sm_37: not offered."""
    diagnosis = diagnosis_of(BLACKWELL_NO_KERNEL_WITH_CPU_CHECK)
    commands = [a.argv for f in diagnosis.findings for a in f.actions if a.kind is ActionKind.RUN]
    assert commands and all("torch==2.6.0+cu118" not in argv for argv in commands)


PIP_VERBOSE_SKIPS = """\
Using pip 20.2.4 from /usr/local/lib/python3.9/site-packages/pip (python 3.9)
  Skipping link: none of the wheel's tags match: cp37-cp37m-manylinux1_x86_64: https://files.pythonhosted.org/packages/aa/torch-1.7.0-cp37-cp37m-manylinux1_x86_64.whl
  Skipping link: none of the wheel's tags match: cp38-cp38-{platform}: https://files.pythonhosted.org/packages/bb/torch-1.7.0-cp38-cp38-{platform}.whl
ERROR: Could not find a version that satisfies the requirement torch
"""


@pytest.mark.parametrize("text", [
    "OSError: Error relocating /usr/local/lib/python3.11/site-packages/torch/lib/libgomp-a34b3233.so.1: "
    "pthread_attr_setaffinity_np: symbol not found\n",
    "OSError: Error loading shared library ld-linux-x86-64.so.2: No such file or directory (needed by "
    "/usr/local/lib/python3.11/site-packages/torch/lib/libtorch_global_deps.so)\n",
])
def test_musls_loader_under_torch_means_no_pytorch_for_that_system_and_no_install_command(text: str) -> None:
    diagnosis = diagnosis_of(text)
    finding = first_error(text)
    assert finding.code == "PLATFORM_UNSUPPORTED" and "musl" in finding.title
    assert not finding.actions
    assert diagnosis.recommendation.argv == ()  # (no PyTorch wheel loads on musl: nothing to install there)


@pytest.mark.parametrize("text", [
    "/home/me/.local/share/pipx/venvs/tool/bin/python3: No module named pip\nFailed to install PyTorch\n",
    "C:\\Users\\me\\proj\\.venv\\Scripts\\python.exe: No module named pip\n",
])
def test_an_interpreter_without_pip_is_told_to_get_pip_first(text: str) -> None:
    finding = first_error(text)
    assert finding.code == "PIP_TOO_OLD" and "ensurepip" in finding.explanation
    assert not finding.actions  # (a pip install command would fail the same way)


@pytest.mark.parametrize("text", ["No module named pipes", "ModuleNotFoundError: No module named 'pipeline'"])
def test_other_modules_named_like_pip_are_not_pip(text: str) -> None:
    assert "PIP_TOO_OLD" not in errors_of(text)


def test_an_issue_forms_heading_is_not_the_failure_but_the_error_under_it_is() -> None:
    assert not reports_failure("### Error logs\n\n_No response_\n")
    assert reports_failure("### Error logs\n\nImportError: DLL load failed while importing _C\n")


# ------------------------------------------------------------------ round 41: companions' own checks, pip of another Python

XFORMERS_WARNING = """\
WARNING[XFORMERS]: xFormers can't load C++/CUDA extensions. xFormers was built for:
    PyTorch {built} with CUDA {cuda} (you have {have})
    Python  3.11.9 (you have 3.11.9)
  Please reinstall xformers (see https://github.com/facebookresearch/xformers#installing-xformers)
  Memory-efficient attention, SwiGLU, sparse and more won't be available.
"""


def test_xformers_built_for_another_torch_is_a_companion_for_another_torch() -> None:
    text = XFORMERS_WARNING.format(built="2.4.0+cu121", cuda="1201", have="2.5.1+cu124")
    finding = first_error(text)
    assert finding.code == "PACKAGE_CONFLICT" and "another PyTorch version" in finding.title


def test_xformers_on_a_rocm_torch_is_no_conflict() -> None:
    text = XFORMERS_WARNING.format(built="2.0.1+cu118", cuda="1108", have="2.0.1+rocm5.4.2")
    assert "PACKAGE_CONFLICT" not in errors_of(text)


@pytest.mark.parametrize(("prompt", "path", "outside"), [
    ("(ml) bash-3.2$ which pip3", "/Library/Frameworks/Python.framework/Versions/3.8/bin/pip3", True),
    ("(ml) user@box:~$ which pip", "/home/user/miniconda3/envs/ml/bin/pip", False),
    ("(.venv) PS C:\\proj> where pip", "C:\\Python311\\Scripts\\pip.exe", True),
    ("(base) user@box:~$ which pip", "/usr/bin/pip", False),  # (conda's base lives in a folder of another name)
])
def test_which_pip_in_an_activated_environment_answering_a_pip_outside_it(prompt: str, path: str,
                                                                          outside: bool) -> None:
    text = (f"{prompt}\n{path}\n(ml) $ pip install torch==2.1.0\n"
            "ERROR: Could not find a version that satisfies the requirement torch==2.1.0 (from versions: none)\n"
            "ERROR: No matching distribution found for torch==2.1.0\n")
    finding = first_error(text)
    assert (finding.code == "ENV_MISMATCH") is outside
    if outside:
        assert "python -m pip install" in finding.explanation and not finding.actions


def test_dgls_missing_tensor_adapter_is_dgl_built_for_other_torch_versions() -> None:
    text = ("[12:00:01] /opt/dgl/src/runtime/tensordispatch.cc:43: TensorDispatcher: dlopen failed: /env/lib/python3.10/"
            "site-packages/dgl/tensoradapter/pytorch/libtensoradapter_pytorch_2.3.1.so: cannot open shared object file: "
            "No such file or directory\n")
    finding = first_error(text)
    assert finding.code == "PACKAGE_CONFLICT" and not finding.actions


TF_CUDART_NOT_LOADED = (
    "2024-03-05 13:50:49.887707: W tensorflow/compiler/xla/stream_executor/platform/default/dso_loader.cc:64] Could "
    "not load dynamic library 'libcudart.so.11.0'; dlerror: libcudart.so.11.0: cannot open shared object file: No "
    "such file or directory\n"
    "2024-03-05 13:50:49.887745: I tensorflow/compiler/xla/stream_executor/cuda/cudart_stub.cc:29] Ignore above "
    "cudart dlerror if you do not have a GPU set up on your machine.\n")


def test_tensorflows_own_library_messages_say_nothing_of_a_torch_shown_working() -> None:
    text = TF_CUDART_NOT_LOADED + ">>> import torch\n>>> torch.cuda.is_available()\nTrue\n"
    assert errors_of(text) == []
    assert verdict_of(text).key == "ready.gpu"


def test_tensorflows_messages_beside_torch_failing_do_not_call_it_ready() -> None:
    text = TF_CUDART_NOT_LOADED + "RTX 3060\n>>> torch.cuda.is_available()\nFalse\n"
    assert verdict_of(text).kind is not VerdictKind.READY


# ------------------------------------------------------------------ round 42: launchers, channels, Rosetta

def test_a_programs_system_cuda_not_found_is_the_toolkit_not_torch() -> None:
    """'System CUDA not found' (a program looking for a CUDA toolkit) says nothing of torch's own CUDA."""
    text = "Using GPU: NVIDIA GeForce RTX 3060\nWARNING: System CUDA not found, falling back to PyTorch kernels.\n"
    assert "CPU_ONLY_WHEEL" not in errors_of(text)


def test_the_py_launcher_beside_a_conda_environment_runs_another_python() -> None:
    text = ("(deepke) C:\\work> conda activate deepke\n(deepke) C:\\work> pip install torch==1.10.0\n"
            "(deepke) C:\\work> py predict.py\nModuleNotFoundError: No module named 'torch'\n")
    finding = first_error(text)
    assert finding.code == "ENV_MISMATCH" and "py" in finding.title and not finding.actions


def test_an_intel_python_on_an_apple_chip_mac_is_rosetta() -> None:
    text = ("Can't install on my new MacBook M5 Pro.\n  ╰─▶ Because torch==2.11.0 has no wheels with a matching platform "
            "tag (e.g., `macosx_26_0_x86_64`), we can conclude that your requirements are unsatisfiable.\n")
    finding = first_error(text)
    assert finding.code == "PLATFORM_UNSUPPORTED" and "Rosetta" in finding.title


# Texts whose first finding must name one cause, each written from the tool's own format: torchrun's rank labels, uv's
# markers in braces, pip -v's skipped wheels (for the running Python or not), xFormers beside a CPU torch, a CUDA
# library torch itself failed to load, the py launcher without conda, conda 4.3's wording
FIRST_CAUSE_CASES = [
    ("range_warning_with_torchrun_rank_labels",
     ("0: /usr/local/lib/python3.12/dist-packages/torch/cuda/__init__.py:283: UserWarning:  0:     Found GPU0 "
      "NVIDIA GeForce GTX 1080 Ti which is of cuda capability 6.1. 0:     Minimum and Maximum cuda capability "
      "supported by this version of PyTorch is 0:     (7.5) - (12.0)\n"),
     "GPU_ARCH_UNSUPPORTED"),
    ("uv_markers_in_braces",
     ("  × No solution found when resolving dependencies:\n"
      "  ╰─▶ Because torch{sys_platform == 'linux'}==2.8.0 has no wheels with a matching Python ABI tag "
      "(e.g. `cp314`) and your project depends on torch{sys_platform == 'linux'}==2.8.0, we can conclude that "
      "your project's requirements are unsatisfiable.\n"),
     "PYTHON_UNSUPPORTED"),
    ("pip_skips_wheels_of_other_pythons_only",
     PIP_VERBOSE_SKIPS.format(platform="manylinux1_x86_64"),
     "PYTHON_UNSUPPORTED"),
    ("pip_skips_a_wheel_of_the_running_python",
     PIP_VERBOSE_SKIPS.replace("3.9", "3.8").format(platform="win_amd64"),  # (on Linux: a Windows wheel)
     "PLATFORM_UNSUPPORTED"),
    ("xformers_beside_a_cpu_torch",
     "RTX 4070\n" + XFORMERS_WARNING.format(built="2.4.0+cu121", cuda="1201", have="2.4.0+cpu"),
     "CPU_ONLY_WHEEL"),
    ("cuda_library_missing_for_torch_itself",
     ("  File \"/env/lib/python3.10/site-packages/torch/__init__.py\", line 229, in _load_global_deps\n"
      "OSError: libcudart.so.11.0: cannot open shared object file: No such file or directory\n"),
     "CUDA_LIB_MISSING"),
    ("py_launcher_without_conda",
     "C:\\work> py predict.py\nModuleNotFoundError: No module named 'torch'\n",
     "TORCH_MISSING"),
    ("uv_long_markers_in_braces",
     ("  ╰─▶ Because torch{platform_machine == 'aarch64' or platform_machine == 's390x' or platform_machine == "
      "'x86_64'}==2.11.0+cpu has no wheels with a matching platform tag (e.g., `macosx_26_0_x86_64`) and you "
      "require torch{platform_machine == 'aarch64' or platform_machine == 's390x' or platform_machine == "
      "'x86_64'}==2.11.0+cpu, we can conclude that your requirements are unsatisfiable.\n"),
     "PLATFORM_UNSUPPORTED"),
    ("conda_4_3_packages_missing",
     ("PackageNotFoundError: Packages missing in current channels:\n\n  - pytorch\n\nWe have searched for the "
      "packages in the following channels:\n\n  - https://conda.anaconda.org/pytorch/linux-ppc64le\n"),
     "PLATFORM_UNSUPPORTED"),
]


@pytest.mark.parametrize(("text", "cause"),
                         [pytest.param(text, cause, id=case) for case, text, cause in FIRST_CAUSE_CASES])
def test_the_first_finding_names_the_cause(text: str, cause: str) -> None:
    assert errors_of(text)[:1] == [cause]
