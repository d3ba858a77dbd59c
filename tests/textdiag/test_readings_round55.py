"""Readings of round 55's session, each written from a tool's own output or a package's published metadata, not from
the corpus."""

from __future__ import annotations

import pytest

from tests.textdiag.pasted import diagnosis_of, errors_of, facts_of, verdict_of


@pytest.mark.parametrize("library", ["libcudss.so.0", "libcufile.so.0", "libnvshmem_host.so.3"])
def test_the_newer_cuda_libraries_torch_loads_are_cuda_libraries_too(library: str) -> None:
    # (torch 2.8.0's Requires-Dist on PyPI names nvidia-cufile-cu12, 2.9.0's also nvidia-nvshmem-cu12; the Jetson builds
    # of torch 2.8 on load cuDSS)
    text = (">>> import torch\nTraceback (most recent call last):\n  File \"<stdin>\", line 1, in <module>\n"
            f"ImportError: {library}: cannot open shared object file: No such file or directory\n")
    assert errors_of(text)[:1] == ["CUDA_LIB_MISSING"]


def test_another_programs_library_that_cannot_be_opened_is_no_cuda_library() -> None:
    text = "ImportError: libGL.so.1: cannot open shared object file: No such file or directory\n"
    assert "CUDA_LIB_MISSING" not in errors_of(text)


HIP_OOM = ("torch 2.4.1+rocm6.1, Radeon RX 7900 XTX, Ubuntu 22.04\nTraceback (most recent call last):\n"
           "  File \"train.py\", line 88, in <module>\ntorch.OutOfMemoryError: HIP out of memory. Tried to allocate "
           "2.00 GiB. GPU 0 has a total capacity of 23.98 GiB of which 1.20 GiB is free.\n")


def test_hips_allocator_out_of_memory_is_the_programs_on_a_working_amd_gpu() -> None:
    verdict = verdict_of(HIP_OOM)
    assert verdict.kind.value == "ready" and verdict.key == "ready.gpu_out_of_memory"
    assert "AMD GPU (ROCm)" in verdict.headline and "NVIDIA" not in verdict.headline
    diagnosis = diagnosis_of(HIP_OOM)
    assert "NO_NVIDIA_GPU" not in [f.code for f in diagnosis.findings]
    assert not diagnosis.recommendation.argv  # (nothing to install: the GPU works)


def test_a_rocm_build_named_beside_an_amd_gpu_keeps_the_amd_gpu_and_offers_no_cuda_build() -> None:
    text = ("pip install torch --index-url https://download.pytorch.org/whl/rocm6.1\nRX 6600 on Ubuntu 22.04\n"
            "RuntimeError: HIP error: invalid device function\n")
    recommendation = diagnosis_of(text).recommendation
    assert "+cu" not in " ".join(recommendation.argv) and "/whl/cu" not in recommendation.index_url


def test_no_nvidia_driver_from_a_cuda_build_on_an_amd_machine_is_the_failures_error() -> None:
    text = ("What GPU are you using? AMD Radeon RX 7900 XT\nAfter the update ComfyUI fails at launch:\n"
            "RuntimeError: Found no NVIDIA driver on your system. Please check that you have an NVIDIA GPU and "
            "installed a driver from http://www.nvidia.com/Download/index.aspx\n"
            "Fixed it with pip install torch==2.3.1+rocm6.0 --index-url https://download.pytorch.org/whl/rocm6.0\n")
    assert errors_of(text)[:1] == ["NO_NVIDIA_GPU"]


@pytest.mark.parametrize("message", [
    "ImportError: Cannot load Graphbolt C++ library",
    "FileNotFoundError: Cannot find DGL C++ graphbolt library at /env/lib/python3.11/site-packages/dgl/graphbolt/"
    "libgraphbolt_pytorch_2.4.0.so",
])
def test_dgls_graphbolt_library_not_for_this_torch_is_a_package_pairing(message: str) -> None:
    assert errors_of(f"import dgl\n{message}\n")[:1] == ["PACKAGE_CONFLICT"]


def test_an_extension_build_refusing_the_gpus_arch_is_a_torch_release_older_than_the_gpu() -> None:
    text = ("pytorch 1.6.0, cuda 10.2, RTX 3090\n  File \"torch/utils/cpp_extension.py\", line 1562, in "
            "_get_cuda_arch_flags\nValueError: Unknown CUDA arch (8.6) or GPU not supported\n")
    assert errors_of(text)[:1] == ["GPU_ARCH_UNSUPPORTED"]


@pytest.mark.parametrize("words", ["找不到指定的程序。", "Die angegebene Prozedur wurde nicht gefunden.",
                                   "指定されたプロシージャが見つかりません。", "The specified program could not be found."])
def test_windows_procedure_not_found_in_other_languages_is_an_extension_built_for_another_torch(words: str) -> None:
    text = (f"torch 2.2.2+cu121 on Windows 11\n  File \"C:\\env\\lib\\site-packages\\mmcv\\utils\\ext_loader.py\"\n"
            f"ImportError: DLL load failed while importing _ext: {words}\n")
    assert errors_of(text)[:1] == ["PACKAGE_CONFLICT"]


UV_PIP = ("PS C:\\proj> uv venv\nCreating virtual environment at: .venv\nPS C:\\proj> uv pip install torch torchvision\n"
          "Installed 14 packages in 3.2s\n + torch==2.7.1\nPS C:\\proj> .venv\\Scripts\\python -c \"import torch; "
          "print(torch.__version__, torch.cuda.is_available())\"\n2.7.1+cpu False\nI have an RTX 4070 laptop.\n")


def test_a_uv_pip_environment_gets_uvs_own_install_command_with_the_companions_it_asked_for() -> None:
    # (uv's environments have no pip of their own: `python -m pip` there says "No module named pip"; uv pip install
    # run where the text ran it finds that environment)
    diagnosis = diagnosis_of(UV_PIP)
    argv = diagnosis.recommendation.argv
    assert argv[:3] == ("uv", "pip", "install") and "torch==2.7.1+cu126" in argv
    assert any(arg.startswith("torchvision==") and arg.endswith("+cu126") for arg in argv)
    first = next(f for f in diagnosis.findings if f.code == "CPU_ONLY_WHEEL")
    assert any(a.argv[:3] == ("uv", "pip", "install") for a in first.actions)


def test_plain_pip_keeps_pip_and_a_companion_only_named_elsewhere_is_not_added() -> None:
    text = UV_PIP.replace("uv pip install torch torchvision", "pip install torch").replace("uv venv", "python -m venv .venv")
    text = text.replace("Installed 14 packages in 3.2s\n + torch==2.7.1", "Successfully installed torch-2.7.1")
    argv = diagnosis_of(text + "I also read about torchvision.\n").recommendation.argv
    assert argv[1:4] == ("-m", "pip", "install") and not any(arg.startswith("torchvision") for arg in argv)


@pytest.mark.parametrize("name", ["Arc A770", "Arc B580", "Arc(TM) A380"])
def test_an_arc_card_named_by_its_model_alone_is_an_intel_gpu(name: str) -> None:
    assert facts_of(f"My GPU is an {name} 16GB on Windows 11.\n").get("gpu_vendor") == "intel"


@pytest.mark.parametrize("text", [
    "Does \"CUDA out of memory. Tried to allocate 20.00 MiB\" mean the GPU is full? I'm about to buy an RTX 4060.\n",
    "I haven't installed anything yet; the forum is full of \"HIP out of memory. Tried to allocate 2.00 GiB\" posts.\n",
])
def test_an_allocator_message_asked_about_shows_no_gpu_working(text: str) -> None:
    assert verdict_of(text).kind.value != "ready"


def test_an_allocator_message_the_person_got_still_shows_the_gpu_working_whatever_the_question() -> None:
    text = ("RTX 3060, torch 2.3.1+cu121. I get \"torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB. "
            "GPU 0 has a total capacity of 11.76 GiB of which 1.02 GiB is free.\" - would a smaller batch help?\n")
    assert facts_of(text).get("cuda_works") == "true"


@pytest.mark.parametrize(("field", "vendor"), [("AMD Raven", "amd"), ("Intel Iris Plus Graphics 655", "intel"),
                                              ("Apple M2 Pro", "apple"), ("GeForce RTX 3060", "nvidia")])
def test_an_issue_templates_gpu_field_names_its_vendor(field: str, vendor: str) -> None:
    assert facts_of(f" - GPU models and configuration: {field}\n").get("gpu_vendor") == vendor


def test_a_gpu_field_naming_two_vendors_leaves_the_vendor_to_the_gpu_names() -> None:
    assert facts_of(" - GPU models and configuration: Intel UHD 620 + NVIDIA MX150\n").get("gpu_vendor") != "intel"


@pytest.mark.parametrize("text", [
    "A colleague told me to try \"uv pip install\" instead, but I haven't.\n",
    "Should I use uv pip install for this?\n",
])
def test_uv_pip_only_named_in_prose_is_not_how_the_packages_went_in(text: str) -> None:
    assert facts_of(text).get("uv_pip_ran") is None


@pytest.mark.parametrize("text", [
    "Ran `uv pip install torch==2.5.1 torchaudio` into my venv, then my script fails.\n",
    "uv pip install torch --index-url https://download.pytorch.org/whl/cu124 でインストールしました。\n",
    "(.venv) me@box:~/proj$ uv pip install torch\n",
    "Installed 14 packages in 3.2s\n",
])
def test_uv_pip_shown_running_or_told_as_done(text: str) -> None:
    assert facts_of(text).get("uv_pip_ran") == "true"


def test_cudas_asynchronous_allocator_out_of_memory_is_the_programs_on_a_working_gpu() -> None:
    # (c10/cuda/CUDAMallocAsyncAllocator.cpp, the backend ComfyUI picks)
    text = ("RTX 4070, torch 2.5.1+cu124\nTraceback (most recent call last):\n  File \"run.py\", line 9, in <module>\n"
            "torch.OutOfMemoryError: Allocation on device 0 would exceed allowed memory. (out of memory)\n"
            "Currently allocated     : 10.43 GiB\nRequested               : 2.00 GiB\n")
    assert verdict_of(text).kind.value == "ready"


def test_an_apostrophe_before_the_message_is_no_quote_of_it() -> None:
    text = ("I'm getting torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB. GPU 0 has a total "
            "capacity of 8.00 GiB of which 1.00 GiB is free. Would a smaller batch help?\n")
    assert facts_of(text).get("cuda_works") == "true"


@pytest.mark.parametrize("text", ["Intel UHD 620 (no other GPU), Windows 11\n",
                                  "AMD Ryzen 7 with Radeon 780M graphics, no NVIDIA\n",
                                  "Core Ultra 7 with Arc graphics, no dedicated GPU\n"])
def test_no_other_gpu_told_beside_the_machines_graphics(text: str) -> None:
    assert facts_of(text).get("no_nvidia_gpu") == "true"


def test_no_gpu_found_by_a_program_is_not_told_by_the_owner() -> None:
    assert facts_of("The installer printed: no dedicated GPU found, falling back.\n").get("no_nvidia_gpu") is None


def test_nvidia_smis_csv_query_gives_the_driver_under_its_header() -> None:
    text = ("$ nvidia-smi --query-gpu=name,driver_version --format=csv\nname, driver_version\n"
            "NVIDIA GH200 480GB, 560.35.03\n")
    assert facts_of(text).get("driver_version") == "560.35.03"


def test_a_csv_row_of_another_shape_gives_no_driver() -> None:
    assert facts_of("name, driver_version\nNVIDIA A100, 550.54.15, extra\n").get("driver_version") is None
