"""The Snapshot's JSON form round-trips exactly, and bad JSON gives a clear error."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wizard.snapshot import (
    CudaToolkit,
    Distribution,
    DuplicateDistribution,
    Evidence,
    Fact,
    FactStatus,
    GpuFacts,
    HostInfo,
    KernelModules,
    LibraryCopy,
    NvmlGpu,
    NvmlInfo,
    PciDevice,
    Problem,
    PythonFacts,
    Snapshot,
    SnapshotFormatError,
    ToolkitFacts,
    TorchDevice,
    TorchRuntime,
    TorchVersionFile,
)

text = st.text(max_size=20)
small_int = st.integers(min_value=-(2**40), max_value=2**40)
words = st.tuples(text, ...) if False else st.lists(text, max_size=3).map(tuple)


def facts_of(value_strategy):
    problems = st.builds(
        Problem,
        status=st.sampled_from(list(FactStatus)),
        reason=text,
        code=text,
        argv=words,
        exit_code=st.none() | small_int,
        signal=st.none() | st.integers(min_value=1, max_value=64),
        stderr_tail=text,
    )
    return st.one_of(value_strategy.map(Fact.found), problems.map(lambda p: Fact(problem=p)))


hosts = st.builds(
    HostInfo,
    os=st.sampled_from(["linux", "windows", "darwin", ""]),
    os_release=text,
    machine=text,
    hostname=text,
    is_wsl=st.booleans(),
    env=st.lists(st.tuples(text, text), max_size=3).map(tuple),
)
pci = st.builds(PciDevice, address=text, vendor_id=small_int, device_id=small_int, name=text, compute_capability=text)
gpus = st.builds(NvmlGpu, index=small_int, name=text, compute_capability=text, memory_total_mib=small_int, uuid=text)
nvml = st.builds(NvmlInfo, driver_version=text, cuda_driver_version=text, gpus=st.lists(gpus, max_size=2).map(tuple))
gpu_facts = st.builds(
    GpuFacts,
    pci=facts_of(st.lists(pci, max_size=2).map(tuple)),
    nvml=facts_of(nvml),
    kernel_modules=facts_of(st.builds(KernelModules, nvidia_loaded=st.booleans(), nvidia_version=text)),
    wsl_driver_libs=facts_of(words),
)
libs = st.lists(st.builds(LibraryCopy, path=text, family=text, version=text), max_size=2).map(tuple)
toolkit_facts = st.builds(
    ToolkitFacts,
    toolkits=facts_of(st.lists(st.builds(CudaToolkit, root=text, version=text, found_via=words), max_size=2).map(tuple)),
    search_path_libraries=facts_of(libs),
    system_cudnn=facts_of(libs),
)
python_facts = st.builds(
    PythonFacts,
    executable=text,
    version=text,
    bits=st.sampled_from([32, 64]),
    pip_version=facts_of(text),
    tags=facts_of(words),
    distributions=st.lists(st.builds(Distribution, name=text, version=text, requires=words), max_size=2).map(tuple),
    duplicates=st.lists(st.builds(DuplicateDistribution, name=text, locations=words), max_size=1).map(tuple),
    torch_version_file=facts_of(st.builds(TorchVersionFile, path=text, version=text, cuda=text)),
    free_disk_bytes=facts_of(st.integers(min_value=0, max_value=2**50)),
    long_paths_enabled=facts_of(st.booleans()),
)
torch_runtime = st.builds(
    TorchRuntime,
    version=text,
    cuda=text,
    cuda_available=st.booleans(),
    cuda_warnings=words,
    devices=st.lists(st.builds(TorchDevice, index=small_int, name=text, capability=text), max_size=2).map(tuple),
    arch_list=words,
    cuda_op=facts_of(text),
)
snapshots = st.builds(
    Snapshot,
    tool_version=text,
    created_at=text,
    source=st.sampled_from(["live", "text", "report"]),
    host=facts_of(hosts),
    gpu=gpu_facts,
    toolkit=toolkit_facts,
    python=facts_of(python_facts),
    torch=facts_of(torch_runtime),
    evidence=st.lists(
        st.builds(Evidence, signature=text, cause=text, excerpt=text, facts=st.lists(st.tuples(text, text), max_size=2).map(tuple)),
        max_size=2,
    ).map(tuple),
)


@settings(max_examples=150, deadline=None)
@given(snapshots)
def test_snapshot_json_round_trips_exactly(snapshot: Snapshot) -> None:
    assert Snapshot.from_json(snapshot.to_json()) == snapshot


@settings(max_examples=30, deadline=None)
@given(snapshots)
def test_round_trip_is_stable_text(snapshot: Snapshot) -> None:
    once = snapshot.to_json()
    assert Snapshot.from_json(once).to_json() == once


def _minimal() -> dict:
    snapshot = Snapshot(
        tool_version="0.1.0",
        created_at="2026-11-24T00:00:00+00:00",
        source="live",
        host=Fact.found(HostInfo(os="linux")),
        gpu=GpuFacts(pci=Fact.unknown(), nvml=Fact.unknown(), kernel_modules=Fact.unknown()),
        toolkit=ToolkitFacts(toolkits=Fact.unknown(), search_path_libraries=Fact.unknown(), system_cudnn=Fact.unknown()),
        python=Fact.unknown(),
        torch=Fact.unknown(),
    )
    return json.loads(snapshot.to_json())


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(schema="torch-setup-wizard/snapshot@99"), "unsupported snapshot schema"),
        (lambda d: d.pop("host"), "missing field 'host'"),
        (lambda d: d["host"].update(value={"os": 3}), "$.host.value.os: expected a string"),
        (lambda d: d["gpu"]["nvml"].update(problem={"status": "exploded", "reason": "x"}), "$.gpu.nvml.problem.status"),
        (lambda d: d.update(evidence="nope"), "$.evidence: expected a list"),
    ],
)
def test_bad_snapshot_json_names_the_path(mutate, message) -> None:
    data = _minimal()
    mutate(data)
    with pytest.raises(SnapshotFormatError) as info:
        Snapshot.from_json(json.dumps(data))
    assert message in str(info.value)


def test_fact_helpers() -> None:
    missing = Fact.missing(FactStatus.TIMED_OUT, "slow", argv=("nvidia-smi",))
    assert not missing.ok and missing.get("default") == "default"
    assert missing.problem.argv == ("nvidia-smi",)
    assert Fact.found(0).ok and Fact.found(0).get() == 0
