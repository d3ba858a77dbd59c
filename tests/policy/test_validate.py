"""The validator names what makes a command impossible here, and the vetted answer says what to do instead."""

from __future__ import annotations

import dataclasses

from tests.checks import make_scenarios as ms
from wizard.engine import diagnose, executor_accepts
from wizard.findings import Action, Finding, Goal, Recommendation, Severity, Step
from wizard.knowledge import load_knowledge
from wizard.policy.machine import machine_of
from wizard.policy.validate import problems, vetted
from wizard.recommend import recommend
from wizard.snapshot import Fact

KB = load_knowledge()
PY = f"{ms.VENV}/bin/python"


def cu130(python: str = PY, **extra) -> Recommendation:
    index = "https://download.pytorch.org/whl/cu130"
    argv = (python, "-m", "pip", "install", "torch==2.14.0+cu130", "--index-url", index)
    return Recommendation(kind="install", why="", torch="2.14.0", variant="cu130", index_url=index, argv=argv, **extra)


def on(**parts):
    return machine_of(ms.snapshot(**parts), KB)


def test_a_fitting_command_has_no_problem():
    gpu = ms.gpu((ms.nvidia_pci(ms.RTX4070),), ms.nvml_ok((ms.RTX4070,), "580.95.05", "13.0"))
    assert problems(cu130(), on(gpu_facts=gpu), KB) == ()


def test_cuda_on_a_mac_and_for_32_bit_python():
    mac = on(host_fact=ms.host("darwin", "arm64"), python_fact=ms.python(os="darwin", machine="arm64"))
    assert {"cuda_on_mac", "no_wheel"} <= set(problems(cu130(), mac, KB))
    assert "interpreter_bits32" in problems(cu130(), on(python_fact=ms.python(bits=32)), KB)


def test_an_old_driver_needs_the_update_said_and_a_driver_that_exists():
    pascal = ("NVIDIA GeForce GTX 1080", "6.1", 0x1B80)
    old = ms.gpu((ms.nvidia_pci(ms.RTX4070),), ms.nvml_ok((ms.RTX4070,), "535.183.01", "12.2"))
    assert problems(cu130(), on(gpu_facts=old), KB) == ("driver_too_old",)
    assert problems(cu130(needs_driver="580"), on(gpu_facts=old), KB) == ()
    pascal_gpu = ms.gpu((ms.nvidia_pci(pascal),), ms.nvml_ok((pascal,), "470.256.02", "11.4"))
    assert "arch_not_covered" in problems(cu130(needs_driver="580"), on(gpu_facts=pascal_gpu), KB)


def test_the_command_must_be_for_this_interpreter_and_this_index():
    gpu = ms.gpu((ms.nvidia_pci(ms.RTX4070),), ms.nvml_ok((ms.RTX4070,), "580.95.05", "13.0"))
    assert "other_interpreter" in problems(cu130("/usr/bin/python3"), on(gpu_facts=gpu), KB)
    wrong = dataclasses.replace(cu130(), index_url="https://download.pytorch.org/whl/cu126")
    assert "wrong_index" in problems(wrong, on(gpu_facts=gpu), KB)


def test_vetted_replaces_the_impossible_with_a_way_forward():
    mac = on(host_fact=ms.host("darwin", "arm64"), python_fact=ms.python(os="darwin", machine="arm64"))
    answer = vetted(cu130(), mac, KB)
    assert answer.kind == "none" and not answer.argv and "CPU build" in answer.why
    assert "python.org" in vetted(cu130(), on(python_fact=ms.python(bits=32)), KB).why


def test_the_executor_is_asked_about_every_run_action():
    assert executor_accepts((PY, "-m", "pip", "install", "torch"))
    assert not executor_accepts(("sudo", "apt-get", "install", "nvidia-driver-580"))
    assert not executor_accepts((PY, "-m", "pip", "install", "--break-system-packages", "torch"))


def test_nothing_to_change_never_stands_beside_an_error():
    snap = ms.snapshot(python_fact=ms.python(dists=(ms.dist("torch", "2.13.0+cpu"),), machine="ppc64le"),
                       host_fact=ms.host(machine="ppc64le"), torch=ms.torch_ok("2.13.0+cpu"))
    diagnosis = diagnose(snap, KB, Goal(want="cpu"))
    assert diagnosis.errors and diagnosis.recommendation.keeps == "2.13.0+cpu"
    assert "nothing to change" not in diagnosis.recommendation.why and "Keep torch" in diagnosis.recommendation.why


def test_recommend_is_vetted():
    snap = ms.snapshot(gpu_facts=ms.gpu((ms.nvidia_pci(ms.GTX780),), ms.nvml_ok((ms.GTX780,), "470.256.02", "11.4")))
    rec = recommend(snap, KB, Goal(want="cuda"))
    assert rec.variant == "cpu" and problems(rec, machine_of(snap, KB), KB) == ()


def test_refused_run_actions_are_not_shown():
    from wizard.engine import _shown_actions

    item = Finding("X", Severity.ERROR, Step.DRIVER, "t", "e",
                   actions=(Action.run("bad", ("sudo", "x", "y", "z")), Action.copy("Copy", "sudo x")))
    assert [a.label for a in _shown_actions(item, ms.snapshot()).actions] == ["Copy"]


def test_check_and_recommendation_read_the_same_glibc_from_the_tags():
    tags = Fact.found(("cp311-cp311-manylinux_2_17_x86_64", "cp311-cp311-linux_x86_64"))
    snap = ms.snapshot(host_fact=ms.host(libc=""), python_fact=ms.python(libc="", tags=tags))
    diagnosis = diagnose(snap, KB, Goal())
    rec = diagnosis.recommendation
    assert machine_of(snap, KB).glibc == "2.17"
    assert rec.torch == "2.6.0"  # the newest release whose wheels need no more than glibc 2.17
    platform = [f for f in diagnosis.findings if f.code == "PLATFORM_UNSUPPORTED"]
    assert platform and "2.17" in platform[0].explanation + platform[0].details + platform[0].title


def xpu(python: str = PY) -> Recommendation:
    index = "https://download.pytorch.org/whl/xpu"
    argv = (python, "-m", "pip", "install", "torch==2.14.0+xpu", "--index-url", index)
    return Recommendation(kind="install", why="", torch="2.14.0", variant="xpu", index_url=index, argv=argv)


def test_an_xpu_build_needs_an_intel_gpu_the_xpu_builds_support():
    def intel(name):
        return on(gpu_facts=ms.gpu((ms.other_pci("intel", name),)))

    assert problems(xpu(), intel("Intel(R) Arc(TM) A770 Graphics"), KB) == ()
    assert problems(xpu(), intel("Meteor Lake-P [Intel Arc Graphics]"), KB) == ()
    assert problems(xpu(), intel("Intel(R) UHD Graphics 770"), KB) == ("xpu_gpu_not_supported",)
    assert problems(xpu(), on(gpu_facts=ms.gpu(())), KB) == ("xpu_without_intel_gpu",)
    mac = on(host_fact=ms.host("darwin", "arm64"), python_fact=ms.python(os="darwin", machine="arm64"))
    assert "no_wheel" in problems(xpu(), mac, KB)


def test_an_intel_arc_gets_the_xpu_command_and_other_intel_graphics_the_cpu_build_with_the_reason():
    arc = recommend(ms.snapshot(gpu_facts=ms.gpu((ms.other_pci("intel", "Intel(R) Arc(TM) A770 Graphics"),))), KB, Goal())
    assert arc.variant == "xpu" and arc.index_url == "https://download.pytorch.org/whl/xpu"
    assert f"torch=={arc.torch}+xpu" in arc.argv and "Intel's GPU driver" in arc.why
    assert problems(arc, on(gpu_facts=ms.gpu((ms.other_pci("intel", "Intel(R) Arc(TM) A770 Graphics"),))), KB) == ()
    uhd = recommend(ms.snapshot(gpu_facts=ms.gpu((ms.other_pci("intel", "Intel(R) UHD Graphics 770"),))), KB, Goal())
    assert uhd.variant == "cpu" and "UHD Graphics 770" in uhd.why and "CPU build" in uhd.why
    old_python = ms.snapshot(gpu_facts=ms.gpu((ms.other_pci("intel", "Intel(R) Arc(TM) A770 Graphics"),)),
                             python_fact=ms.python("3.8.18"))
    assert recommend(old_python, KB, Goal()).variant in ("cpu", "")  # no XPU build for Python 3.8: never an xpu command


def test_a_cpu_build_on_an_intel_arc_is_not_nothing_to_change_but_an_xpu_build_is():
    def installed(version):
        gpu = ms.gpu((ms.other_pci("intel", "Intel(R) Arc(TM) A770 Graphics"),))
        snap = ms.snapshot(gpu_facts=gpu, python_fact=ms.python(dists=(ms.dist("torch", version),)),
                           torch=ms.torch_ok(version, "", ()))
        return recommend(snap, KB, Goal())

    cpu = installed("2.14.1+cpu")
    assert cpu.variant == "xpu" and "Intel XPU build" in cpu.why and "CUDA" not in cpu.why.split(".")[0]
    assert installed("2.14.1+xpu").kind == "none"  # the XPU build is kept
