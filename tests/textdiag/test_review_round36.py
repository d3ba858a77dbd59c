"""A review of rounds 34-35's readings with invented texts (never corpus texts): each case is (id, text, expected first
error code or None for none, expected verdict kind or None for "any"). PROBLEMS were answered wrong before the review's
fixes; RIGHT were answered right already."""

from __future__ import annotations

import pytest

from tests.textdiag.pasted import assert_answer, facts_of, review_params, verdict_of

ARCH = ("UserWarning: \nNVIDIA GeForce RTX 5090 with CUDA capability sm_120 is not compatible with the current PyTorch "
        "installation.\nThe current PyTorch install supports CUDA capabilities sm_50 sm_60 sm_70 sm_75 sm_80 sm_86 sm_90.")

PROBLEMS = [
    # a torch named as the one uninstalled / tried before lies outside the range; the torch now installed is inside
    ("range_old_torch_prose", "I had torch 2.3.1 but mmcv 2.1.0 requires torch<2.2,>=1.8, so I reinstalled torch "
     "2.1.2+cu121. Works now.", None, None),
    ("range_pip_log_downgraded", "  Attempting uninstall: torch\n    Found existing installation: torch 2.3.1\n"
     "    Uninstalling torch-2.3.1:\n      Successfully uninstalled torch-2.3.1\nSuccessfully installed torch-2.1.2\n"
     "mmcv 2.1.0 requires torch<2.2,>=1.8\n", None, None),
    ("range_quoted_then_fixed", "torch==2.3.0 is installed. mmcv 2.1.0 requires torch<2.2,>=1.8 (from its setup.py). "
     "I use mmcv 2.2.0 instead which supports it, and torch.cuda.is_available() returns True", None, "ready"),
    ("range_question_readme", "mmcv 2.1.0 requires torch<2.2,>=1.8 but the README example uses torch 2.3 -- which is "
     "right?", None, None),
    # pip's legacy resolver and `pip check` say "has requirement" (pip docs: pip_check.rst)
    ("range_legacy_resolver", "ERROR: mmcv 2.1.0 has requirement torch<2.2,>=1.8, but you'll have torch 2.3.0 which is "
     "incompatible.", "PACKAGE_CONFLICT", "not_ready"),
    ("range_pip_check", "mmcv 2.1.0 has requirement torch<2.2,>=1.8, but you have torch 2.3.0.", "PACKAGE_CONFLICT",
     "not_ready"),
    ("pin_pip_check", "torchvision 0.16.0 has requirement torch==2.1.0, but you have torch 2.3.0.", "PACKAGE_CONFLICT",
     "not_ready"),
    # torch's own `from torch._C import *` failing is not "a package needs another torch"
    ("name_C_unknown_location", "ImportError: cannot import name '_C' from 'torch' (unknown location)",
     "LOCAL_TORCH_SHADOW", "not_ready"),
    ("name_C_source_tree", "Traceback (most recent call last):\n  File \"<stdin>\", line 1, in <module>\n  File "
     "\"/home/me/pytorch/torch/__init__.py\", line 229, in <module>\n    from torch._C import *\nImportError: cannot import "
     "name '_C' from 'torch' (/home/me/pytorch/torch/__init__.py)", "LOCAL_TORCH_SHADOW", "not_ready"),
    ("name_unknown_location", "ImportError: cannot import name 'DataLoader' from 'torch.utils.data' (unknown location)",
     "LOCAL_TORCH_SHADOW", "not_ready"),
    # a one-line Windows paste whose path holds three "\n" is taken for a string literal and mangled
    ("winpath_one_line", r'OSError: [WinError 1455] The paging file is too small for this operation to complete. Error '
     r'loading "C:\Users\nathan\Documents\new_project\nlp\venv\lib\site-packages\torch\lib\cudnn_cnn_infer64_8.dll" or '
     r'one of its dependencies.', "CUDA_LIB_MISSING", "not_ready"),
    # a build of another machine / the past read as the one installed
    ("build_other_machine", "My old laptop had torch 2.0.1+cpu, this desktop runs it fine: torch.cuda.is_available() "
     "True, RTX 4080", None, "ready"),
    # "installed into another python" in a denial, a conditional and a question
    ("env_denied", "I thought it was installed into the wrong environment, but no: which python shows the venv. Error: "
     "RuntimeError: CUDA error: no kernel image is available for execution on the device", "GPU_ARCH_UNSUPPORTED",
     "not_ready"),
    ("env_conditional", "The installer can install to the system python if you tick the box, I did not. "
     "torch.cuda.is_available() returns True", None, "ready"),
    ("env_question_zh", "请问是装到系统环境还是虚拟环境？", None, "cannot_tell"),
    # is_available() True confirmed beside the GPU unused: torch works in the Python checked; the verdict says where the
    # program's CPU use comes from (test_working_cuda_beside_a_program_on_the_cpu_says_where_to_look)
    ("zh_confirmed_but_cpu", "我也確認過torch.cuda.is_available()為True，但是訓練還是用CPU", None, "ready"),
    ("zh_confirmed_but_idle", "已经确认torch.cuda.is_available()为True，但是跑模型的时候显卡占用是0%，一直很慢", None,
     "ready"),
    # a requirements list, not a tool's output
    ("yes_field_requirements", "Requirements:\n  CUDA available: Yes (recommended)\n  RAM: 16 GB", None, "cannot_tell"),
    # advice, not what happened
    ("cpu_build_tip", "Tip: on Windows a plain `pip install torch` gives the CPU version; add --index-url "
     "https://download.pytorch.org/whl/cu124 to get CUDA.", None, "cannot_tell"),
    # the retold capability warning in a question / a solved report
    ("capability_question", "Is the RTX 5070 Ti with CUDA capability sm_120 not compatible with the current PyTorch "
     "nightly? I installed 2.8.0.dev+cu128 and it works", None, None),
    # (a message told as a past trouble, fixed since, names no cause: build._as_told, round 46)
    ("capability_fixed", "Fixed: RTX 5090 with CUDA capability sm_120 is not compatible with the current "
     "PyTorch -> solved by installing torch 2.7.0+cu128, now torch.cuda.is_available() returns True and "
     "training runs on GPU", None, "ready"),
    # a CPU torchvision beside a CUDA torch: the companion build, not a source build without a toolkit
    ("torchvision_cpu_build", "torch 1.3.0+cu100, torchvision 0.4.1+cpu\nRuntimeError: Not compiled with GPU support "
     "(nms at /pytorch/torchvision/csrc/nms.h:22)", "PACKAGE_CONFLICT", "not_ready"),
]

RIGHT = [
    ("pip_range_conflict", "mmcv 2.1.0 requires torch<2.2,>=1.8, but you have torch 2.3.0+cu121 which is incompatible.",
     "PACKAGE_CONFLICT", "not_ready"),
    ("pip_range_inside", "mmcv 2.1.0 requires torch<2.2,>=1.8\nI have torch 2.1.0+cu121 installed. Is that ok?", None,
     "cannot_tell"),
    ("pip_range_not_installed", "sentence-transformers 2.2.2 requires torch>=1.6.0, which is not installed.", None, None),
    ("pip_range_dev", "fastai 2.7.12 requires torch<2.1,>=1.7, but you have torch 2.1.0.dev20230801+cu121 which is "
     "incompatible.", "PACKAGE_CONFLICT", "not_ready"),
    ("kaolin_outside", "ImportError: Kaolin requires PyTorch >=1.6.0, <=1.13.0, but found version 1.13.1 instead.",
     "PACKAGE_CONFLICT", "not_ready"),
    ("kaolin_inside", "ImportError: Kaolin requires PyTorch >=1.6.0, <=1.13.1, but found version 1.13.1+cu117 instead.",
     None, None),
    ("other_package_range", "WARNING: mmdet 3.3.0 requires mmcv<2.2.0,>=2.0.0rc4, but you have mmcv 2.2.0 which is "
     "incompatible.", None, None),
    ("torch_six", "ImportError: cannot import name 'container_abcs' from 'torch._six' (/opt/conda/lib/python3.8/"
     "site-packages/torch/_six.py)", "PACKAGE_CONFLICT", "not_ready"),
    ("circular", "ImportError: cannot import name 'Tensor' from partially initialized module 'torch' (most likely due to "
     "a circular import) (/home/me/torch.py)", "LOCAL_TORCH_SHADOW", "not_ready"),
    ("ffi", "ImportError: torch.utils.ffi is deprecated. Please use cpp extensions instead.", "PACKAGE_CONFLICT",
     "not_ready"),
    ("unsloth_old", "Unsloth: Torch = 2.1.0 too old! Please upgrade", "PACKAGE_CONFLICT", "not_ready"),
    ("unsloth_fstring", "print(f'Torch = {torch.__version__} too new!')  # what does this line in unsloth mean?", None,
     None),
    ("hip", "\"hipErrorNoBinaryForGpu: Unable to find code object for all current devices!\"\nAborted (core dumped)",
     "GPU_ARCH_UNSUPPORTED", "not_ready"),
    ("capability_retold", "RTX 5070ti with CUDA capability sm_120 not compatible with the current PyTorch Instalation",
     "GPU_ARCH_UNSUPPORTED", "not_ready"),
    ("detectron2_no_gpu", "File \"detectron2/layers/nms.py\", line 20, in batched_nms\nRuntimeError: Not compiled with "
     "GPU support", "TOOLKIT_MISMATCH", "not_ready"),
    ("py_c_api", "ImportError: /x/site-packages/torch/lib/libtorch_python.so: undefined symbol: PyCode_GetCode",
     "PYTHON_UNSUPPORTED", "not_ready"),
    ("cxx_symbol_not_python", "ImportError: /x/flash_attn_2_cuda.cpython-310-x86_64-linux-gnu.so: undefined symbol: "
     "_ZN3c104cuda9SetDeviceEi", "PACKAGE_CONFLICT", "not_ready"),
    ("env_system_python", "I used pip3 install torch and it got installed into the system python instead of the venv",
     "ENV_MISMATCH", "not_ready"),
    ("env_zh", "torch装到了系统的Python里，没有装进整合包自带的环境", "ENV_MISMATCH", "not_ready"),
    ("env_zh_negated", "不要装到系统环境里，要装到整合包的环境。我装对了，但是还是报错 Torch not compiled with CUDA enabled",
     "CPU_ONLY_WHEEL", "not_ready"),
    ("env_question_en", "Should I install torch into the system python or into a venv?", None, "cannot_tell"),
    ("apple_zh", "我的电脑是苹果M1芯片，运行时报错 AssertionError: Torch not compiled with CUDA enabled", "NO_NVIDIA_GPU",
     "not_ready"),
    ("apple_ja", "M2チップのMacで AssertionError: Torch not compiled with CUDA enabled が出ます", "NO_NVIDIA_GPU",
     "not_ready"),
    ("m15_laptop", "我用的是华硕M15笔记本，RTX 3060，报错 AssertionError: Torch not compiled with CUDA enabled",
     "CPU_ONLY_WHEEL", "not_ready"),
    ("no_cuda_or_gpu", "I do not have CUDA or any GPU available, I just want to run it on the CPU. AssertionError: Torch "
     "not compiled with CUDA enabled", "NO_NVIDIA_GPU", "not_ready"),
    ("docTR_env", "Is CUDA available (TensorFlow): Yes\nIs CUDA available (PyTorch): No", None, "cannot_tell"),
    ("shows_as_false", "torch.cuda.is_available() shows as False even though nvidia-smi works", "CPU_ONLY_WHEEL",
     "not_ready"),
    ("zh_question_true_or_false", "请帮忙确认torch.cuda.is_available()是True还是False", None, "cannot_tell"),
    ("cellpose_not_working", "[INFO] TORCH CUDA version not installed/working.\n>>>> using CPU", None, "cannot_tell"),
    ("pyg_cuda_differs", "RuntimeError: Detected that PyTorch and torch_sparse were compiled with different CUDA "
     "versions. PyTorch has CUDA version 11.8 and torch_sparse has CUDA version 12.1.", "PACKAGE_CONFLICT", "not_ready"),
    ("dgl_cpu", "dgl._ffi.base.DGLError: Device API cuda is not enabled. Please install the cuda version of dgl.",
     "PACKAGE_CONFLICT", "not_ready"),
    ("build_then_fixed", "Previously my torch was 2.0.1+cpu; I reinstalled with the cu118 index and now "
     "torch.cuda.is_available() returns True", None, "ready"),
    ("gives_cpu_question", "pip install torch gives CPU PyTorch? No, on Linux it gives the CUDA build. Mine prints "
     "2.3.0+cu121 and is_available() True", None, "ready"),
]


@pytest.mark.parametrize(("text", "first", "verdict"), review_params(PROBLEMS + RIGHT))
def test_review36(text: str, first: str | None, verdict: str | None) -> None:
    assert_answer(text, first, verdict)


def test_review36_intel_core_m3_is_not_an_apple_chip() -> None:
    """酷睿m3 (Intel Core m3) is no Apple M3: not a Mac."""
    assert facts_of("我的笔记本是英特尔酷睿m3芯片，集成显卡。AssertionError: Torch not compiled with CUDA enabled").get("os") != "darwin"


def test_working_cuda_beside_a_program_on_the_cpu_says_where_to_look() -> None:
    verdict = verdict_of("已经确认torch.cuda.is_available()为True，但是跑模型的时候显卡占用是0%，一直很慢")
    assert verdict.key == "ready.gpu_program_on_cpu"
    assert "another Python" in verdict.headline and 'to("cuda")' in verdict.headline
    assert verdict_of("torch.cuda.is_available() returns True").key == "ready.gpu"
