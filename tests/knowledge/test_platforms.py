"""platforms.json: the per-platform facts load, answer the policy's questions, and a broken copy names the entry."""

from __future__ import annotations

import pytest

from tests.knowledge.test_knowledge import copy, edit, fails  # noqa: F401 - the shared broken-copy fixture
from wizard.knowledge import load_knowledge


@pytest.fixture(scope="module")
def kb():
    return load_knowledge()


@pytest.mark.parametrize("capability, branch", [("3.5", "470"), ("3.7", "470"), ("6.1", "580"), ("7.0", "580"),
                                                ("7.5", ""), ("12.0", "")])
def test_last_driver_branch_per_architecture(kb, capability, branch):
    assert kb.last_driver_for(capability) == branch


@pytest.mark.parametrize("name, gfx", [("AMD Radeon RX 7900 XTX", "gfx1100"), ("Radeon RX 7800 XT", "gfx1101"),
                                       ("AMD Radeon RX 9070 XT", "gfx1201"), ("AMD Instinct MI300X", "gfx942"),
                                       ("AMD Radeon RX 580", "gfx803"), ("AMD Radeon RX 6800", "gfx1030"),
                                       ("Some AMD GPU", "")])
def test_amd_gfx_from_the_name(kb, name, gfx):
    assert kb.amd_gfx(name) == gfx


def test_rocm_builds_cover_rdna3_but_not_polaris(kb):
    rocm = [v.name for r in kb.releases if r.verified for v in r.variants if v.kind == "rocm" and v.name >= "rocm6"]
    assert rocm and all("gfx1100" in kb.rocm_gfx(name) for name in rocm)
    assert not any("gfx803" in kb.rocm_gfx(name) for name in rocm)
    assert kb.rocm_gfx("cu130") == ()


def test_intel_mac_and_other_platform_answers(kb):
    facts = kb.platforms
    assert facts.intel_mac_last == "2.2.2" and kb.release("2.2.2").variant("cpu").platforms
    assert facts.jetson_url.startswith("https://docs.nvidia.com/")
    assert "linux-x86_64" in facts.xpu_platforms and facts.mps_min_torch == "1.12.0"
    assert ("3.8", "2.4.1", "2024-09-04") in facts.python_last_torch


def test_a_bad_gfx_target_names_the_entry(copy):  # noqa: F811
    edit(copy, "platforms.json", lambda d: d["amd_gpus"][0].update(gfx="navi31"))
    assert "platforms.json: amd_gpus[0]" in fails(copy) and "navi31" in fails(copy)


def test_an_unsourced_entry_is_refused(copy):  # noqa: F811
    edit(copy, "platforms.json", lambda d: d["driver_branches"][1].pop("source"))
    assert "driver_branches[1] (Kepler)" in fails(copy)


def test_the_jetson_link_must_be_allowed(copy):  # noqa: F811
    edit(copy, "platforms.json", lambda d: d["jetson"].update(url="https://example.com/jetson"))
    assert "allow-list" in fails(copy)


def test_the_intel_mac_release_must_have_a_mac_build(copy):  # noqa: F811
    edit(copy, "platforms.json", lambda d: d["intel_mac_last"].update(torch="2.14.0"))
    assert "darwin-x86_64" in fails(copy)
