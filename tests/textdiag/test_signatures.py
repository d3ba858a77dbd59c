"""The error-signature catalogue: validation, examples, facts revealed, causes refined by context."""

from __future__ import annotations

import copy
import json

import pytest

from wizard.resources_path import resource
from wizard.snapshot import FactStatus
from wizard.textdiag import SignatureError, default_signatures, load_signatures, snapshot_from_text
from wizard.textdiag.clean import clean_text
from wizard.textdiag.signatures import match_all, match_signature, parse_signatures
from wizard.textdiag.vocabulary import capability_from_sm, cuda_version, library_major, python_version

SHIPPED = json.loads(resource("textdiag", "signatures.json").read_text(encoding="utf-8"))


def test_shipped_catalogue_loads_and_every_example_matches() -> None:
    signatures = default_signatures()
    assert len(signatures) >= 30
    for signature in signatures:
        found = match_signature(signature, signature.example)
        assert found is not None, signature.id
        assert signature.source.startswith("https://")


def _broken(**changes) -> dict:
    data = copy.deepcopy(SHIPPED)
    data["signatures"][0].update(changes)
    return data


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"regex": "(unclosed"}, "does not compile"),
        ({"regex": r"(?:a\s*)+found version"}, "quantifier inside a quantifier"),
        ({"cause": "NOT_A_CODE"}, "unknown cause code"),
        ({"regex": r"too old \(found version (?P<shoe_size>\d+)\)"}, "not a known fact key"),
        ({"needle": "Driver On Your System"}, "lower-case"),
        ({"example": "nothing like it"}, "does not match the example"),
        ({"source": "http://example.com"}, "https URL"),
        ({"colour": "red"}, "unknown keys"),
    ],
)
def test_malformed_entries_are_rejected_with_the_entry_named(changes, message) -> None:
    with pytest.raises(SignatureError, match=message) as error:
        parse_signatures(_broken(**changes))
    assert "signatures[0] (driver_too_old)" in str(error.value)


def test_duplicate_ids_and_bad_files(tmp_path) -> None:
    data = copy.deepcopy(SHIPPED)
    data["signatures"].append(copy.deepcopy(data["signatures"][0]))
    with pytest.raises(SignatureError, match="duplicate id"):
        parse_signatures(data)
    bad = tmp_path / "signatures.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(SignatureError, match="not valid JSON"):
        load_signatures(bad)
    with pytest.raises(SignatureError, match="cannot read"):
        load_signatures(tmp_path / "missing.json")


def test_normalisers() -> None:
    assert cuda_version("11040") == "11.4" and cuda_version("12.4") == "12.4" and cuda_version("9000") == "9.0"
    assert capability_from_sm("sm_120") == "12.0" and capability_from_sm("sm_86") == "8.6"
    assert library_major("libcudart.so.12") == "12" and library_major("cudnn_ops_train64_8.dll") == "8"
    assert python_version("312") == "3.12" and python_version("3.11") == "3.11"


def test_driver_too_old_reveals_what_the_driver_supports() -> None:
    snap = snapshot_from_text("RuntimeError: The NVIDIA driver on your system is too old (found version 11040).")
    assert snap.gpu.nvml.value.cuda_driver_version == "11.4"
    evidence = snap.evidence[0]
    assert evidence.cause == "DRIVER_TOO_OLD" and ("driver_cuda", "11.4") in evidence.facts


def test_arch_warning_reveals_gpu_capability_and_arch_list() -> None:
    text = (
        "NVIDIA GeForce RTX 5090 with CUDA capability sm_120 is not compatible with the current PyTorch installation.\n"
        "The current PyTorch install supports CUDA capabilities sm_50 sm_60 sm_70 sm_75 sm_80 sm_86 sm_90.\n"
    )
    snap = snapshot_from_text(text)
    facts = dict(snap.evidence[0].facts)
    assert facts["sm"] == "sm_120" and facts["capability"] == "12.0"
    assert facts["arch_list"] == "sm_50 sm_60 sm_70 sm_75 sm_80 sm_86 sm_90"
    gpu = snap.gpu.nvml.value.gpus[0]
    assert (gpu.name, gpu.compute_capability) == ("NVIDIA GeForce RTX 5090", "12.0")
    assert snap.torch.problem.status is FactStatus.UNKNOWN  # which CUDA the build has is not in the text


def test_old_gpu_warning_reveals_the_gpu_and_its_capability() -> None:
    text = ("UserWarning:\n    Found GPU0 GeForce GTX 960M which is of cuda capability 5.0.\n"
            "    PyTorch no longer supports this GPU because it is too old.\n")
    evidence = snapshot_from_text(text).evidence[0]
    assert evidence.cause == "GPU_ARCH_UNSUPPORTED"
    assert ("gpu_name", "GeForce GTX 960M") in evidence.facts and ("capability", "5.0") in evidence.facts


@pytest.mark.parametrize(
    ("symbol", "signature"),
    [("cuCtxGetCurrent", "cuda_driver_symbol_undefined"), ("cudaLaunchKernelExC", "cuda_symbol_undefined"),
     ("_ZN3c104cuda9SetDeviceEi", "cuda_symbol_undefined")],
)
def test_driver_api_symbols_are_told_from_runtime_and_cxx_symbols(symbol: str, signature: str) -> None:
    """cu + a capital letter is the driver API (libcuda); cuda* is the runtime; _Z… is a C++ name."""
    text = f"ImportError: /x/torch/lib/libtorch_cuda.so: undefined symbol: {symbol}"
    matched = {s.id for s in default_signatures() if match_signature(s, text)}
    assert signature in matched
    assert matched & {"cuda_driver_symbol_undefined", "cuda_symbol_undefined"} == {signature}


def test_missing_library_reveals_name_and_major() -> None:
    snap = snapshot_from_text("OSError: libcudart.so.12: cannot open shared object file: No such file or directory")
    facts = dict(snap.evidence[0].facts)
    assert (facts["library"], facts["lib_major"], facts["os"]) == ("libcudart.so.12", "12", "linux")
    assert snap.host.value.os == "linux"


@pytest.mark.parametrize(
    ("text", "cause"),
    [
        ('OSError: [WinError 126] The specified module could not be found. Error loading "C:\\t\\torch\\lib\\fbgemm.dll"', "VCREDIST_MISSING"),
        ('OSError: [WinError 126] Error loading "C:\\t\\torch\\lib\\cudnn_cnn_infer64_8.dll" or one of its dependencies.', "CUDA_LIB_MISSING"),
        ("ModuleNotFoundError: No module named 'torch'", "TORCH_MISSING"),
        ("Requirement already satisfied: torch in /opt/venv/lib/python3.11/site-packages (2.1.0)\n"
         "ModuleNotFoundError: No module named 'torch'", "ENV_MISMATCH"),
        ("RuntimeError: No CUDA GPUs are available", "VISIBLE_DEVICES_MASK"),
        ("NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.\n"
         "RuntimeError: No CUDA GPUs are available", "DRIVER_MISSING"),
        # no /dev/dxg: the Windows side gives WSL 2 no GPU device at all, whatever is installed inside
        ("$ ls -l /dev/dxg\nls: cannot access '/dev/dxg': No such file or directory\n"
         "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.", "WSL_DRIVER"),
        # the NVIDIA kernel module: none for this kernel, refused by Secure Boot, the GPU owned by nouveau
        ("modprobe: FATAL: Module nvidia not found in directory /lib/modules/5.15.0-91-generic", "DRIVER_MISSING"),
        ("modprobe: FATAL: Module nvidia not found in directory /lib/modules/5.15.90.1-microsoft-standard-WSL2\n"
         "Ubuntu 22.04 on WSL2", "WSL_DRIVER"),
        ("modprobe: ERROR: could not insert 'nvidia': Key was rejected by service", "DRIVER_MISSING"),
        # the probe message counts an NVIDIA GPU on the bus: an integrated AMD GPU named beside it does not make it
        # "no NVIDIA GPU"
        ("Laptop with AMD Radeon graphics\nNVRM: The NVIDIA probe routine was not called for 1 device(s).",
         "DRIVER_MISSING"),
        # cuDNN's and CTranslate2's (faster-whisper) own loaders: a CUDA library of theirs is not on the search path
        ("Could not locate zlibwapi.dll. Please make sure it is in your library path!", "CUDA_LIB_MISSING"),
        ("RuntimeError: Library cublas64_12.dll is not found or cannot be loaded", "CUDA_LIB_MISSING"),
        ("RuntimeError: Library libcublas.so.12 is not found or cannot be loaded", "CUDA_LIB_MISSING"),
        ("Unable to load any of {libcudnn_ops.so.9.1.0, libcudnn_ops.so.9.1, libcudnn_ops.so.9, libcudnn_ops.so}\n"
         "Invalid handle. Cannot load symbol cudnnCreateTensorDescriptor", "CUDA_LIB_MISSING"),
    ],
)
def test_causes_refined_by_the_rest_of_the_text(text, cause) -> None:
    assert [e.cause for e in snapshot_from_text(text).evidence if e.cause][0] == cause


@pytest.mark.parametrize(
    ("text", "cause"),
    [
        ("ERROR: No matching distribution found for torch==2.5.1+cu130", "INDEX_VARIANT_MISSING"),  # 2.5 had no cu130
        ("ERROR: No matching distribution found for torch==2.9.0+cu128\n/usr/lib/python3.9/site-packages", "PYTHON_UNSUPPORTED"),
        # a current release pinned with +cu128 and nothing showing PyTorch's index: PyPI never has +local builds
        ("ERROR: No matching distribution found for torch==2.9.0+cu128", "INDEX_VARIANT_MISSING"),
        ("ERROR: No matching distribution found for torch==1.8.1+cu111", "PYTHON_UNSUPPORTED"),  # ancient: old Pythons only
        ("Looking in indexes: https://download.pytorch.org/whl/cu131\n"
         "ERROR: No matching distribution found for torch", "INDEX_VARIANT_MISSING"),
        ("Python 3.8.0 (tags/v3.8.0) [MSC v.1916 32 bit (Intel)] on win32\n"
         "ERROR: No matching distribution found for torch", "PYTHON_UNSUPPORTED"),
        ("ERROR: Could not find a version that satisfies the requirement torch (from versions: none)\n"
         "ERROR: No matching distribution found for torch", "PYTHON_UNSUPPORTED"),
    ],
)
def test_no_wheel_found_is_explained_by_python_platform_or_variant(text, cause) -> None:
    causes = [e.cause for e in snapshot_from_text(text).evidence if e.cause]
    assert causes and set(causes) == {cause}


def test_nvml_failure_becomes_a_failed_nvml_fact() -> None:
    snap = snapshot_from_text("Failed to initialize NVML: Driver/library version mismatch")
    assert snap.gpu.nvml.problem.status is FactStatus.FAILED
    assert snap.gpu.nvml.problem.code == "nvml_rm_version_mismatch"


def test_torchvision_is_not_mistaken_for_torch() -> None:
    # (torchvision's own no-wheel reading answers it; torch's no-wheel reasoning and its requested build do not)
    text = "ERROR: No matching distribution found for torchvision==0.99.0"
    evidence = [e for e in snapshot_from_text(text).evidence if e.cause]
    assert evidence and {e.signature for e in evidence} == {"pip_no_matching_companion"}
    assert all(key != "requested" for e in evidence for key, _ in e.facts)


def test_kernel_module_version_mismatch_reveals_the_client_driver() -> None:
    snapshot = snapshot_from_text("NVRM: API mismatch: the client has the version 535.129.03, but\n"
                                  "NVRM: this kernel module has the version 535.113.01.  Please")
    evidence = next(e for e in snapshot.evidence if e.cause)
    assert evidence.cause == "DRIVER_MISSING" and ("driver_version", "535.129.03") in evidence.facts
def test_a_gpu_kernels_illegal_instruction_is_not_the_processors() -> None:
    from wizard.textdiag.classify import classify_text

    assert [c.code for c in classify_text("Illegal instruction (core dumped)")] == ["TORCH_IMPORT_FAILED"]
    assert classify_text("RuntimeError: CUDA error: an illegal instruction was encountered") == []


UV_NO_WHEEL = ("error: Distribution `torch==2.6.0 @ registry+https://pypi.org/simple` can't be installed because it "
               "doesn't have a source distribution or wheel for the current platform\n\n")


@pytest.mark.parametrize(
    ("hint", "cause"),
    [
        ("hint: You're using CPython 3.14 (`cp314`), but `torch` (v2.6.0) only has wheels with the following Python "
         "ABI tags: `cp312`, `cp313`", "PYTHON_UNSUPPORTED"),
        ("hint: You're on macOS (`macosx_15_0_x86_64`), but `torch` (v2.6.0) only has wheels for the following "
         "platforms: `manylinux_2_28_x86_64`, `macosx_11_0_arm64`, `win_amd64`", "PLATFORM_UNSUPPORTED"),
    ],
)
def test_uv_hint_under_no_wheel_for_the_platform_tells_python_from_platform(hint: str, cause: str) -> None:
    causes = {e.cause for e in snapshot_from_text(UV_NO_WHEEL + hint).evidence if e.cause}
    assert causes == {cause}  # the hint decides; the bare message then names nothing else (not even as possible)


def test_uv_hint_about_another_package_is_no_torch_evidence() -> None:
    hint = ("hint: You're on Linux (`manylinux_2_40_x86_64`), but `kaleido` (v0.2.1.post1) only has wheels for the "
            "following platform: `manylinux2014_armv7l`")
    assert not [e.cause for e in snapshot_from_text(hint).evidence if e.cause]


def test_uv_python_hint_names_the_interpreter_in_use() -> None:
    text = UV_NO_WHEEL + "hint: You're using CPython 3.13 (`cp313`), but `torch` (v2.1.2) only has wheels with " \
                         "the following Python ABI tags: `cp38`, `cp39`, `cp310`, `cp311`"
    assert snapshot_from_text(text).python.value.version == "3.13"


def test_uvs_bare_no_wheel_message_is_torchs_only_when_torch_or_nothing_is_named() -> None:
    from wizard.textdiag.classify import classify_text

    tail = " can't be installed because it doesn't have a source distribution or wheel for the current platform"
    torch = classify_text("error: Distribution `torch==2.8.0 @ registry+https://pypi.org/simple`" + tail)
    assert [c.code for c in torch] == ["PYTHON_UNSUPPORTED"]
    assert classify_text("error: Distribution `triton==2.1.0 @ registry+https://pypi.org/simple`" + tail) == []


def _signature(signature_id: str):
    return next(s for s in default_signatures() if s.id == signature_id)


@pytest.mark.parametrize(
    ("text", "conflict"),
    [
        ("The conflict is caused by:\n    The user requested torch==2.0.0\n"
         "    torchvision 0.15.1+cu118 depends on torch==2.0.0\n    xformers 0.0.26 depends on torch==2.3.0", True),
        # the same release with and without a local version: the pins agree, torch itself has no fitting wheel
        ("The conflict is caused by:\n    The user requested torch==2.0.0+cu118\n"
         "    torchvision 0.15.1+cu118 depends on torch==2.0.0", False),
        # 2.0 and 2.0.1 are different releases, although one is a prefix of the other
        ("The conflict is caused by:\n    The user requested torch==2.0\n"
         "    torchaudio 2.0.2 depends on torch==2.0.1", True),
    ],
)
def test_a_resolver_conflict_is_a_companion_conflict_only_when_two_torch_pins_differ(text: str, conflict: bool) -> None:
    assert (match_signature(_signature("pip_conflict_two_torch_pins"), text) is not None) is conflict


def test_pips_conflict_report_names_the_dependent_and_only_a_torch_requirement() -> None:
    torch_pin = "torchaudio 2.0.2+cu118 requires torch==2.0.1, but you have torch 2.0.0 which is incompatible."
    found = match_signature(_signature("pip_dependent_requires_other_torch"), torch_pin)
    assert found is not None and ("package", "torchaudio") in found.facts
    # torch requiring another triton is not a companion built for another torch
    other = "torch 2.0.1 requires triton==2.0.0, but you have triton 2.1.0 which is incompatible."
    assert match_signature(_signature("pip_dependent_requires_other_torch"), other) is None


def test_only_a_numpy_scalar_type_makes_torchs_dtype_inference_error_a_numpy_abi_one() -> None:
    signature = _signature("torch_numpy_scalar_dtype_unknown")
    assert match_signature(signature, "RuntimeError: Could not infer dtype of numpy.float64") is not None
    assert match_signature(signature, "RuntimeError: Could not infer dtype of dict") is None


def test_a_conflict_retold_in_chinese_needs_a_named_package_and_two_different_torch_versions() -> None:
    signature = _signature("dependent_requires_other_torch_told_zh")
    told = "但该版本xformers要求torch=2.1.0，我现在安装的torch2.0.1不知道如何进行"
    found = match_signature(signature, told)
    assert found is not None and ("package", "xformers") in found.facts
    assert match_signature(signature, "xformers要求torch=2.1.0，我安装的torch2.1.0") is None  # the same torch
    assert match_signature(signature, "requirements.txt要求torch 2.1.0，我安装的torch 2.0.1") is None  # a wish, no package


@pytest.mark.parametrize("printed", ["No supported Nvidia GPU found, use CPU instead", "没有发现支持的N卡, 使用CPU进行推理"])
def test_rvc_falling_back_to_the_cpu_says_is_available_was_false(printed: str) -> None:
    signature = _signature("rvc_no_supported_nvidia_gpu_cpu_zh" if "N卡" in printed else "rvc_no_supported_nvidia_gpu_cpu")
    found = match_signature(signature, f"python infer-web.py\n{printed}")
    assert found is not None and ("cuda_available", "false") in found.facts


def test_rvc_using_mps_on_a_mac_is_not_read() -> None:
    assert match_signature(_signature("rvc_no_supported_nvidia_gpu_cpu"), "No supported Nvidia GPU found, use MPS instead") is None
    assert match_signature(_signature("rvc_no_supported_nvidia_gpu_cpu_zh"), "没有发现支持的N卡, 使用MPS进行推理") is None


def test_a_message_wrapped_where_the_needle_runs_is_still_read() -> None:
    # (the line before the break has two spaces in it, so the cleaner leaves the break: the matcher reads across it)
    text = ('Of course I do.  It raises an assertion error which shows "The NVIDIA driver\n'
            'on your system is too old (found version 8000)".\n')
    found = [m for m in match_all(clean_text(text)) if m.signature.cause == "DRIVER_TOO_OLD"]
    assert found and ("driver_cuda", "8.0") in found[0].facts
