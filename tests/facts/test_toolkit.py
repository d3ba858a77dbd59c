"""CUDA toolkits and CUDA/cuDNN/NCCL libraries: the real toolkit on this machine, fake Linux and Windows layouts."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from wizard.facts.runner import CommandResult, ScriptedRunner, run_command
from wizard.facts.toolkit import collect_toolkit, library_from_name, parse_nvcc_version
from wizard.snapshot import FactStatus, ToolkitFacts, from_data, to_data

REAL_TOOLKIT = Path("/usr/local/cuda-13.0")
NVCC_12_1 = """nvcc: NVIDIA (R) Cuda compiler driver
Copyright (c) 2005-2023 NVIDIA Corporation
Built on Mon_Apr__3_17:16:06_PDT_2023
Cuda compilation tools, release 12.1, V12.1.105
Build cuda_12.1.r12.1/compiler.32688072_0
"""
WINDOWS_CUDA = "C:\\Program Files\\NVIDIA GPU Computing Toolkit\\CUDA"


def write(path: Path, content: str = "") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content)
    return path


def make_toolkit(folder: Path, version: str = "", version_txt: str = "", nvcc: str = "nvcc") -> Path:
    if version:
        write(folder / "version.json", json.dumps({"cuda": {"name": "CUDA SDK", "version": version}}))
    if version_txt:
        write(folder / "version.txt", f"CUDA Version {version_txt}\n")
    write(folder / "bin" / nvcc, "")
    write(folder / "include" / "cuda_runtime.h", "")
    return folder


def by_root(facts: ToolkitFacts) -> dict[str, object]:
    return {Path(toolkit.root).name: toolkit for toolkit in facts.toolkits.value}


# --------------------------------------------------------------------------- the real toolkit


@pytest.mark.skipif(not REAL_TOOLKIT.is_dir(), reason="no CUDA 13.0 toolkit at /usr/local/cuda-13.0 on this machine")
def test_real_toolkit_found_and_active():
    facts = collect_toolkit(os.environ)
    toolkits = {toolkit.root: toolkit for toolkit in facts.toolkits.value}
    real = toolkits[str(REAL_TOOLKIT)]
    assert real.version.startswith("13.0.")
    assert real.version_source in ("version.json", "version.txt", "nvcc --version")
    assert "/usr/local/cuda-13.0" in real.found_via
    if not (os.environ.get("CUDA_HOME") or os.environ.get("CUDA_PATH")):
        assert real.active
    assert from_data(ToolkitFacts, json.loads(json.dumps(to_data(facts)))) == facts


@pytest.mark.skipif(not REAL_TOOLKIT.is_dir(), reason="no CUDA 13.0 toolkit at /usr/local/cuda-13.0 on this machine")
def test_real_toolkit_without_nvcc_on_path_is_active_through_usr_local_cuda():
    facts = collect_toolkit({"PATH": "/usr/bin:/bin"}, runner=run_command)
    (real,) = [toolkit for toolkit in facts.toolkits.value if toolkit.root == str(REAL_TOOLKIT)]
    assert real.active
    assert "PATH" not in real.found_via
    assert real.nvcc == str(REAL_TOOLKIT / "bin" / "nvcc")


# --------------------------------------------------------------------------- fake Linux layouts


def test_two_linux_toolkits_and_cuda_home(tmp_path):
    local = tmp_path / "usr/local"
    make_toolkit(local / "cuda-11.8", version="11.8.89")
    make_toolkit(local / "cuda-12.4", version_txt="12.4.131")
    (local / "cuda").symlink_to("/usr/local/cuda-12.4")  # absolute, as installers make it: read under root
    runner = ScriptedRunner()
    env = {"CUDA_HOME": "/usr/local/cuda-11.8", "PATH": "/usr/local/cuda/bin:/usr/bin"}
    facts = collect_toolkit(env, root=tmp_path, runner=runner, sys_platform="linux")
    toolkits = by_root(facts)
    assert sorted(toolkits) == ["cuda-11.8", "cuda-12.4"]
    old, new = toolkits["cuda-11.8"], toolkits["cuda-12.4"]
    assert (old.version, old.version_source, old.active) == ("11.8.89", "version.json", True)
    assert old.found_via == ("CUDA_HOME", "/usr/local/cuda-11.8")
    assert (new.version, new.version_source, new.active) == ("12.4.131", "version.txt", False)
    assert new.found_via == ("PATH", "/usr/local/cuda", "/usr/local/cuda-12.4")
    assert new.nvcc == str(local / "cuda-12.4/bin/nvcc")
    assert runner.calls == []  # version files were enough


def test_without_cuda_home_nvcc_on_path_is_active(tmp_path):
    local = tmp_path / "usr/local"
    make_toolkit(local / "cuda-11.8", version="11.8.89")
    make_toolkit(local / "cuda-12.4", version="12.4.1")
    (local / "cuda").symlink_to("cuda-12.4")
    facts = collect_toolkit({"PATH": "/usr/local/cuda-11.8/bin"}, root=tmp_path, runner=ScriptedRunner())
    assert [t.root for t in facts.toolkits.value if t.active] == [str(local / "cuda-11.8")]
    facts = collect_toolkit({"PATH": "/usr/bin"}, root=tmp_path, runner=ScriptedRunner())
    assert [t.root for t in facts.toolkits.value if t.active] == [str(local / "cuda-12.4")]


def test_cuda_home_naming_a_missing_folder_leaves_none_active(tmp_path):
    make_toolkit(tmp_path / "usr/local/cuda-12.4", version="12.4.1")
    facts = collect_toolkit({"CUDA_HOME": "/opt/gone"}, root=tmp_path, runner=ScriptedRunner())
    assert [t.active for t in facts.toolkits.value] == [False]


def test_nvcc_only_toolkit_asks_nvcc(tmp_path):
    nvcc = write(tmp_path / "opt/mycuda/bin/nvcc")
    runner = ScriptedRunner({(str(nvcc), "--version"): CommandResult((str(nvcc), "--version"), 0, stdout=NVCC_12_1)})
    facts = collect_toolkit({"PATH": "/opt/mycuda/bin"}, root=tmp_path, runner=runner)
    (toolkit,) = facts.toolkits.value
    assert (toolkit.version, toolkit.version_source) == ("12.1.105", "nvcc --version")
    assert (toolkit.found_via, toolkit.active, toolkit.nvcc) == (("PATH",), True, str(nvcc))


def test_nvcc_that_fails_leaves_the_version_empty(tmp_path):
    write(tmp_path / "opt/mycuda/bin/nvcc")
    (toolkit,) = collect_toolkit({"PATH": "/opt/mycuda/bin"}, root=tmp_path, runner=ScriptedRunner()).toolkits.value
    assert (toolkit.version, toolkit.version_source) == ("", "")


def test_nvcc_wrapper_script_leads_to_its_toolkit(tmp_path):
    make_toolkit(tmp_path / "usr/local/cuda-13.0", version="13.0.88")
    write(tmp_path / "usr/local/bin/nvcc", '#!/bin/sh\nexec /usr/local/cuda-13.0/bin/nvcc "$@"\n')
    (toolkit,) = collect_toolkit({"PATH": "/usr/local/bin"}, root=tmp_path, runner=ScriptedRunner()).toolkits.value
    assert toolkit.root == str(tmp_path / "usr/local/cuda-13.0")
    assert toolkit.found_via == ("PATH", "/usr/local/cuda-13.0")
    assert toolkit.active


def test_no_toolkit_at_all(tmp_path):
    facts = collect_toolkit({"PATH": "/usr/bin"}, root=tmp_path, runner=ScriptedRunner())
    assert facts.toolkits.ok and facts.toolkits.value == ()
    assert facts.search_path_libraries.value == () and facts.system_cudnn.value == ()


def test_ld_library_path_libraries(tmp_path):
    libs = tmp_path / "opt/libs/lib"
    write(libs / "libcudnn.so.8.9.7")
    (libs / "libcudnn.so.8").symlink_to("libcudnn.so.8.9.7")
    write(libs / "libcudart.so.11.0")
    write(libs / "libnccl.so.2.18.3")
    write(libs / "libcublasLt.so.12")
    write(libs / "libz.so.1")
    env = {"LD_LIBRARY_PATH": "/opt/libs/lib::/nonexistent", "PATH": "/usr/bin"}
    copies = collect_toolkit(env, root=tmp_path, runner=ScriptedRunner()).search_path_libraries.value
    found = {(Path(c.path).name, c.family, c.version, c.search_path) for c in copies}
    assert found == {
        ("libcudnn.so.8.9.7", "cudnn", "8.9.7", "LD_LIBRARY_PATH"),
        ("libcudart.so.11.0", "cudart", "11.0", "LD_LIBRARY_PATH"),
        ("libnccl.so.2.18.3", "nccl", "2.18.3", "LD_LIBRARY_PATH"),
        ("libcublasLt.so.12", "cublas", "12", "LD_LIBRARY_PATH"),
    }


def test_cudnn_version_from_the_header_beside_it(tmp_path):
    write(tmp_path / "opt/cudnn/lib/libcudnn.so.8")
    write(
        tmp_path / "opt/cudnn/include/cudnn_version.h",
        "#define CUDNN_MAJOR 8\n#define CUDNN_MINOR 9\n#define CUDNN_PATCHLEVEL 7\n",
    )
    (copy,) = collect_toolkit(
        {"LD_LIBRARY_PATH": "/opt/cudnn/lib"}, root=tmp_path, runner=ScriptedRunner()
    ).search_path_libraries.value
    assert (copy.family, copy.version) == ("cudnn", "8.9.7")


def test_system_cudnn_copies(tmp_path):
    multiarch = tmp_path / "usr/lib/x86_64-linux-gnu"
    write(multiarch / "libcudnn.so.9.1.0")
    (multiarch / "libcudnn.so.9").symlink_to("libcudnn.so.9.1.0")
    write(multiarch / "libcudnn_ops.so.9.1.0")
    write(
        tmp_path / "usr/include/x86_64-linux-gnu/cudnn_version_v9.h", "#define CUDNN_MAJOR 9\n#define CUDNN_MINOR 1\n"
    )
    make_toolkit(tmp_path / "usr/local/cuda-12.4", version="12.4.1")
    write(tmp_path / "usr/local/cuda-12.4/lib64/libcudnn.so.8")
    write(tmp_path / "etc/ld.so.conf.d/cuda.conf", "/usr/local/cuda-12.4/lib64\n")
    make_toolkit(tmp_path / "usr/local/cuda-11.8", version="11.8.89")
    write(tmp_path / "usr/local/cuda-11.8/lib64/libcudnn.so.8.6.0")
    copies = collect_toolkit({}, root=tmp_path, runner=ScriptedRunner()).system_cudnn.value
    found = {(str(Path(c.path).relative_to(tmp_path)), c.version, c.search_path) for c in copies}
    assert found == {
        ("usr/lib/x86_64-linux-gnu/libcudnn.so.9.1.0", "9.1.0", "ldconfig"),
        ("usr/lib/x86_64-linux-gnu/libcudnn_ops.so.9.1.0", "9.1.0", "ldconfig"),
        ("usr/local/cuda-12.4/lib64/libcudnn.so.8", "8", "ldconfig"),
        ("usr/local/cuda-11.8/lib64/libcudnn.so.8.6.0", "8.6.0", ""),
    }


# --------------------------------------------------------------------------- a Windows layout


def test_windows_layout(tmp_path):
    base = tmp_path / "Program Files/NVIDIA GPU Computing Toolkit/CUDA"
    make_toolkit(base / "v12.4", version="12.4.131", nvcc="nvcc.exe")
    make_toolkit(base / "v11.8", version="11.8.89", nvcc="nvcc.exe")
    write(base / "v12.4/bin/cudart64_12.dll")
    write(base / "v12.4/bin/cudnn64_9.dll")
    write(base / "v11.8/bin/cudart64_110.dll")
    installer = tmp_path / "Program Files/NVIDIA/CUDNN/v9.1"
    write(installer / "bin/12.3/cudnn64_9.dll")
    write(installer / "bin/12.3/cudnn_ops64_9.dll")
    write(
        installer / "include/12.3/cudnn_version.h",
        "#define CUDNN_MAJOR 9\n#define CUDNN_MINOR 1\n#define CUDNN_PATCHLEVEL 0\n",
    )
    env = {
        "CUDA_PATH": f"{WINDOWS_CUDA}\\v12.4",
        "CUDA_PATH_V12_4": f"{WINDOWS_CUDA}\\v12.4",
        "CUDA_PATH_V11_8": f"{WINDOWS_CUDA}\\v11.8",
        "Path": f"C:\\Windows\\system32;{WINDOWS_CUDA}\\v12.4\\bin;{WINDOWS_CUDA}\\v11.8\\libnvvp",
    }
    runner = ScriptedRunner()
    facts = collect_toolkit(env, root=tmp_path, runner=runner, sys_platform="win32")
    toolkits = by_root(facts)
    new, old = toolkits["v12.4"], toolkits["v11.8"]
    assert (new.version, new.active, new.nvcc) == ("12.4.131", True, str(base / "v12.4/bin/nvcc.exe"))
    assert new.found_via == ("PATH", "CUDA_PATH", "CUDA_PATH_V12_4", "Program Files")
    assert (old.version, old.active) == ("11.8.89", False)
    assert old.found_via == ("CUDA_PATH_V11_8", "Program Files")
    on_path = {(Path(c.path).name, c.family, c.version, c.search_path) for c in facts.search_path_libraries.value}
    assert on_path == {("cudart64_12.dll", "cudart", "12", "PATH"), ("cudnn64_9.dll", "cudnn", "9", "PATH")}
    system = {(str(Path(c.path).relative_to(tmp_path)), c.version) for c in facts.system_cudnn.value}
    assert system == {
        ("Program Files/NVIDIA GPU Computing Toolkit/CUDA/v12.4/bin/cudnn64_9.dll", "9"),
        ("Program Files/NVIDIA/CUDNN/v9.1/bin/12.3/cudnn64_9.dll", "9.1.0"),
        ("Program Files/NVIDIA/CUDNN/v9.1/bin/12.3/cudnn_ops64_9.dll", "9.1.0"),
    }
    assert runner.calls == []


def test_macos_has_no_toolkit_facts(tmp_path):
    facts = collect_toolkit({}, root=tmp_path, runner=ScriptedRunner(), sys_platform="darwin")
    assert facts.toolkits.problem.status == FactStatus.NOT_APPLICABLE


# --------------------------------------------------------------------------- pure parsing


@pytest.mark.parametrize(
    ("name", "windows", "expected"),
    [
        ("libcudart.so.12.4.127", False, ("cudart", "12.4.127")),
        ("libcudart.so.11.0", False, ("cudart", "11.0")),
        ("libcudnn.so.8", False, ("cudnn", "8")),
        ("libcudnn_cnn_infer.so.8.9.7", False, ("cudnn", "8.9.7")),
        ("libcudnn_ops.so.9", False, ("cudnn", "9")),
        ("libcublasLt.so.12", False, ("cublas", "12")),
        ("libnccl.so.2", False, ("nccl", "2")),
        ("libnvJitLink.so.12", False, ("nvjitlink", "12")),
        ("libcuda.so.1", False, ("cuda", "1")),
        ("libcudart.so", False, ("cudart", "")),
        ("libcudart_static.a", False, None),
        ("libcudart.so.12.dbg", False, None),
        ("libz.so.1", False, None),
        ("cudart64_12.dll", True, ("cudart", "12")),
        ("cudart64_110.dll", True, ("cudart", "11.0")),
        ("cudnn64_9.dll", True, ("cudnn", "9")),
        ("cudnn_ops_infer64_8.dll", True, ("cudnn", "8")),
        ("CUBLASLT64_12.DLL", True, ("cublas", "12")),
        ("nvrtc64_120_0.dll", True, ("nvrtc", "12.0")),
        ("cudart32_110.dll", True, None),
        ("libcudart.so.12", True, None),
    ],
)
def test_library_from_name(name, windows, expected):
    assert library_from_name(name, windows) == expected


@pytest.mark.parametrize(
    ("text", "version"),
    [
        (NVCC_12_1, "12.1.105"),
        ("Cuda compilation tools, release 13.0, V13.0.88", "13.0.88"),
        ("Cuda compilation tools, release 9.2", "9.2"),
        ("command not found", ""),
    ],
)
def test_parse_nvcc_version(text, version):
    assert parse_nvcc_version(text) == version
