"""The predicates and the machine reading, on machines built from the shared scenario builders."""

from __future__ import annotations

import dataclasses

import pytest

from tests.checks import make_scenarios as ms
from wizard.knowledge import load_knowledge
from wizard.policy.compat import (
    builds_for,
    driver_runs,
    glibc_ok,
    interpreter_problem,
    newer_driver_exists,
    outdated_python,
)
from wizard.policy.machine import machine_of
from wizard.snapshot import Fact, FactStatus

KB = load_knowledge()
GTX1080 = ("NVIDIA GeForce GTX 1080", "6.1", 0x1B80)


def machine(**parts):
    return machine_of(ms.snapshot(**parts), KB)


def nvidia(model, driver, cuda):
    return ms.gpu((ms.nvidia_pci(model),), ms.nvml_ok((model,), driver, cuda))


@pytest.mark.parametrize("overrides, problem", [
    ({}, ""), ({"bits": 32}, "bits32"), ({"implementation": "pypy"}, "implementation"),
])
def test_interpreter_problem(overrides, problem):
    assert interpreter_problem(machine(python_fact=ms.python(**overrides))) == problem
    assert interpreter_problem(machine(python_fact=ms.python("2.7.18"))) == "python2"


def test_musl_never_and_unknown_glibc_always_fits():
    release = KB.release("2.14.0")
    assert not glibc_ok(machine(python_fact=ms.python(libc="musl 1.2.4")), release)
    assert not glibc_ok(machine(python_fact=ms.python(libc="glibc 2.17")), release)
    unknown = machine(python_fact=ms.python(libc="", tags=Fact.found(())), host_fact=ms.host(libc=""))
    assert unknown.glibc == "" and glibc_ok(unknown, release)


def test_builds_for_follow_python_and_platform():
    assert builds_for(machine(python_fact=ms.python("3.9.19")), KB)[0].version == "2.8.0"
    intel_mac = machine(host_fact=ms.host("darwin", "x86_64"),
                        python_fact=ms.python("3.11.9", os="darwin", machine="x86_64"))
    assert builds_for(intel_mac, KB)[0].version == "2.2.2"


def test_driver_runs_by_version_by_cuda_and_unknown():
    cu130 = KB.release("2.14.0").variant("cu130")
    cu126 = KB.release("2.14.0").variant("cu126")
    old = machine(gpu_facts=nvidia(ms.RTX3060, "535.183.01", "12.2"))
    assert driver_runs(cu130, old, KB) is False and driver_runs(cu126, old, KB) is True
    only_cuda = dataclasses.replace(old, driver="")
    assert driver_runs(cu130, only_cuda, KB) is False and driver_runs(cu126, only_cuda, KB) is True
    assert driver_runs(cu130, machine(), KB) is None


def test_inside_wsl_the_windows_floor_applies():
    wsl = machine(host_fact=ms.host(is_wsl=True), gpu_facts=ms.gpu((), ms.nvml_ok((ms.RTX3060,), "527.50", "12.0")))
    assert wsl.driver_os == "windows"
    assert driver_runs(KB.release("2.14.0").variant("cu126"), wsl, KB) is False  # Windows needs 528.33


def test_a_newer_driver_exists_except_past_the_last_branch():
    kepler = machine(gpu_facts=nvidia(ms.GTX780, "470.256.02", "11.4"))
    pascal = machine(gpu_facts=nvidia(GTX1080, "470.256.02", "11.4"))
    assert not newer_driver_exists(kepler, KB, "525.60.13")
    assert newer_driver_exists(pascal, KB, "580") and not newer_driver_exists(pascal, KB, "590")
    assert newer_driver_exists(machine(gpu_facts=nvidia(ms.RTX5090, "470.256.02", "11.4")), KB, "580")


def test_a_python_whose_last_torch_is_years_old_is_outdated():
    assert outdated_python(machine(python_fact=ms.python("3.8.18")), KB) == "2.4.1"
    assert outdated_python(machine(python_fact=ms.python("3.9.19")), KB) == ""
    assert outdated_python(machine(python_fact=ms.python("3.12.3")), KB) == ""


def test_machine_reads_amd_gfx_from_the_kernel_over_the_name():
    gpus = dataclasses.replace(ms.gpu((ms.other_pci("amd", "AMD Radeon RX 6800"),)), amd_gfx=Fact.found(("gfx1100",)))
    assert [g.gfx for g in machine(gpu_facts=gpus).amd_gpus] == ["gfx1100"]
    assert [g.gfx for g in machine(gpu_facts=ms.gpu((ms.other_pci("amd", "AMD Radeon RX 6800"),))).amd_gpus] == [
        "gfx1030"]


def test_machine_knows_a_jetson_and_a_pending_driver_restart():
    host = Fact.found(dataclasses.replace(ms.host("linux", "aarch64").value, device_model="NVIDIA Jetson Orin Nano"))
    assert machine(host_fact=host, python_fact=ms.python(machine="aarch64")).jetson
    assert not machine(host_fact=host).jetson  # an x86_64 interpreter: not the Jetson's own Python
    pending = machine(gpu_facts=ms.gpu((ms.nvidia_pci(ms.RTX3060),),
                                       ms.nvml_missing("nvml_rm_version_mismatch", "mismatch", FactStatus.FAILED),
                                       ms.KernelModules(nvidia_loaded=True, nvidia_version="535.183.01")))
    assert pending.driver == "535.183.01" and pending.usable_driver == "" and pending.driver_pending_restart
