"""Keep an installed build that fits: a version change only when the cause needs it, and then the why says so.
Judged against the frozen knowledge (tests/fixtures/knowledge), on the scenario fixtures' snapshots."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.checks import make_scenarios as ms
from wizard.engine import diagnose
from wizard.findings import Goal
from wizard.snapshot import Evidence, Snapshot, from_data

NOT_COMPILED = Evidence("not_compiled_with_cuda", "CPU_ONLY_WHEEL", "AssertionError: Torch not compiled with CUDA enabled")
MAC_ARM = dict(host_fact=ms.host("darwin", "arm64"), gpu_facts=ms.gpu(()))


def mac_with(version: str, torch=ms.NOT_IMPORTED, evidence: tuple[Evidence, ...] = ()) -> Snapshot:
    python = ms.python("3.11.7", os="darwin", machine="arm64", dists=(ms.dist("torch", version),))
    return ms.snapshot(**MAC_ARM, python_fact=python, torch=torch, evidence=evidence)


def fixture(name: str) -> Snapshot:
    data = json.loads((ms.SCENARIOS_DIR / f"{name}.json").read_text(encoding="utf-8"))
    return from_data(Snapshot, data["snapshot"])


@pytest.mark.parametrize("want", ["auto", "cuda"])
@pytest.mark.parametrize("evidence", [(), (NOT_COMPILED,)], ids=["no-text", "not-compiled-with-cuda"])
def test_a_mac_keeps_its_torch_when_it_was_not_imported(want, evidence, frozen_knowledge) -> None:
    rec = diagnose(mac_with("2.5.1", evidence=evidence), frozen_knowledge, Goal(want=want)).recommendation
    assert rec.kind == "none" and rec.keeps == "2.5.1" and not rec.argv, rec  # MPS exists since 1.12
    assert "2.5.1" in rec.why


def test_the_m2_fixture_keeps_torch_2_5_1(frozen_knowledge) -> None:
    diagnosis = diagnose(fixture("apple_silicon_old_torch_not_imported_cuda_error"), frozen_knowledge, Goal())
    assert diagnosis.recommendation.kind == "none" and diagnosis.recommendation.keeps == "2.5.1"
    assert all("torch==" not in " ".join(a.argv) for f in diagnosis.findings for a in f.actions)


def test_a_failed_import_is_not_kept(frozen_knowledge) -> None:
    failed = ms.torch_failed("ImportError: dlopen(.../libtorch_cpu.dylib): image not found")
    rec = diagnose(mac_with("2.5.1", torch=failed), frozen_knowledge, Goal()).recommendation
    assert rec.kind == "install" and rec.argv  # the install itself is in question: not "keep"
    assert "2.5.1 is installed as this very build but does not work" in rec.why, rec.why  # and why it changes


def test_a_cpu_build_on_a_gpu_keeps_its_version_and_changes_only_the_build(frozen_knowledge) -> None:
    rec = diagnose(fixture("cpu_wheel_on_rtx4070"), frozen_knowledge, Goal()).recommendation
    assert rec.torch == "2.13.0" and rec.variant.startswith("cu") and "torch==2.13.0+cu" in " ".join(rec.argv)
    assert "keeps torch 2.13.0 and changes only its build" in rec.why


def test_a_version_change_says_why(frozen_knowledge) -> None:
    # an old Windows driver runs none of torch 2.13.0's CUDA builds: the version changes, and the why says so
    rec = diagnose(fixture("driver_too_old_windows_cu126"), frozen_knowledge, Goal()).recommendation
    assert rec.kind == "install" and rec.torch != "2.13.0"
    assert f"changes torch 2.13.0 to {rec.torch}" in rec.why, rec.why


def test_the_same_broken_build_is_not_offered_again_silently(frozen_knowledge) -> None:
    # pip counts an installed 2.13.0+cpu as satisfying "torch==2.13.0+cpu": the why says why another version comes
    rec = diagnose(fixture("import_fails_other_reason"), frozen_knowledge, Goal()).recommendation
    assert rec.kind == "install" and rec.torch != "2.13.0"
    assert "2.13.0+cpu is installed as this very build but does not work" in rec.why, rec.why


def test_pinned_fixtures_are_present() -> None:
    assert Path(ms.SCENARIOS_DIR / "apple_silicon_old_torch_not_imported_cuda_error.json").is_file()
