"""knowledge_with_index: the index decides what exists for this interpreter, the bundled tables keep the rest.

Runs the real recommendation on the merged knowledge (frozen test knowledge: newest verified release 2.14.1)."""

from __future__ import annotations

import dataclasses

from tests.index.mirrors import NEW_RELEASES, PYTHONS, tag
from tests.knowledge.test_recommend import nvml, python_facts, snapshot
from wizard.engine import diagnose
from wizard.findings import Goal
from wizard.index.merge import cuda_from_requires, knowledge_with_index, merge_listing, platform_of_tag
from wizard.recommend import recommend
from wizard.snapshot import Fact, FactStatus, IndexFile, IndexListing, IndexPage, Snapshot

BASE = "https://mirror.example/whl"
CP311 = frozenset({"cp311-cp311-manylinux_2_36_x86_64", "cp311-cp311-manylinux_2_28_x86_64", "cp311-abi3-linux_x86_64",
                   "py3-none-any"})
RUNTIME = {"cu130": "nvidia-cuda-runtime-cu13==13.0.96", "cu132": "nvidia-cuda-runtime-cu13==13.2.51",
           "cu134": "nvidia-cuda-runtime-cu13==13.4.12"}


def page(variant: str, project: str, versions: dict[str, str], pythons=PYTHONS, with_metadata=True, status="ok"):
    files = []
    for version, requires in versions.items():
        for python in pythons:
            filename = f"{project}-{version}+{variant}-{tag(python)}.whl"
            files.append(IndexFile(filename, (requires,) if with_metadata and requires else ()))
    return IndexPage(variant, project, status, tuple(files))


def mirror(variants=("cpu", "cu130", "cu132"), pythons=PYTHONS, with_metadata=True, missing=()) -> IndexListing:
    pages = []
    for variant in variants:
        torch = {version: RUNTIME.get(variant, "") for version in NEW_RELEASES}
        vision = {vision: f"torch=={version}" for version, vision in NEW_RELEASES.items()}
        pages.append(page(variant, "torch", torch, pythons, with_metadata))
        pages.append(page(variant, "torchvision", vision, pythons, with_metadata))
    pages += [IndexPage(variant, "torch", "missing") for variant in missing]
    return IndexListing(base=BASE, source="index", fetched_at="2026-12-06T10:00:00+00:00", pages=tuple(pages))


def with_index(snap: Snapshot, listing: IndexListing | Fact) -> Snapshot:
    fact = listing if isinstance(listing, Fact) else Fact.found(listing)
    return dataclasses.replace(snap, index=fact)


def cp311_snapshot(**kw) -> Snapshot:
    python = python_facts(tags=Fact.found(tuple(sorted(CP311))))
    return snapshot(python=python, **kw)


def test_a_newer_release_on_the_index_is_recommended_with_its_torchvision(frozen_knowledge):
    snap = with_index(cp311_snapshot(nvml_fact=nvml("580.65.06", ("NVIDIA GeForce RTX 4070", "8.9"))), mirror())
    merged = knowledge_with_index(frozen_knowledge, snap)
    rec = recommend(snap, merged, Goal(torch_index=BASE))
    assert (rec.torch, rec.variant) == ("2.17.0", "cu130")
    assert "torch==2.17.0+cu130" in rec.argv and rec.index_url == f"{BASE}/cu130"
    assert merged.release("2.17.0").torchvision == "0.32.0"  # paired through its metadata (requires torch==2.17.0)
    summary = merged.index
    assert (summary.source, summary.base) == ("index", BASE)
    assert ("2.17.0", "index") in summary.provenance and ("2.14.1", "bundled") in summary.provenance
    assert [n.version for n in summary.notes if n.kind == "newer"] == ["2.17.0", "2.16.0"]
    # the bundled tables still decide what they know: 2.17.0's cu130 inherits 2.14.1's arch lists and cuDNN
    assert merged.release("2.17.0").variant("cu130").arch_lists == frozen_knowledge.release("2.14.1").variant("cu130").arch_lists


def test_no_wheel_for_this_python_means_no_recommendation_of_it(frozen_knowledge):
    snap = with_index(cp311_snapshot(), mirror(pythons=("cp312", "cp313")))
    merged = knowledge_with_index(frozen_knowledge, snap)
    rec = recommend(snap, merged, Goal())
    assert rec.torch not in NEW_RELEASES
    assert "linux-x86_64" not in merged.release("2.17.0").variant("cpu").platforms
    cp313 = merge_listing(frozen_knowledge, mirror(pythons=("cp312", "cp313")), frozenset({"cp313-cp313-manylinux_2_28_x86_64"}),
                          "linux-x86_64")
    assert "linux-x86_64" in cp313.release("2.17.0").variant("cpu").platforms
    assert (cp313.release("2.17.0").python_min, cp313.release("2.17.0").python_max) == ("3.12", "3.13")


def test_the_bundled_newest_release_missing_on_the_index_is_reported_and_dropped(frozen_knowledge):
    listing = dataclasses.replace(mirror(), pages=mirror().pages + (page("cu126", "torch", {"2.14.1": ""}, ("cp312",)),))
    merged = merge_listing(frozen_knowledge, listing, CP311, "linux-x86_64")
    missing = {n.variant for n in merged.index.notes if n.kind == "missing_wheel" and n.version == "2.14.1"}
    assert missing == {"cpu", "cu130", "cu132", "cu126"}  # read, but nothing for cp311 (rocm was not read: no claim)
    assert "linux-x86_64" not in merged.release("2.14.1").variant("cu126").platforms
    assert "linux-x86_64" in merged.release("2.14.1").variant("rocm7.14").platforms


def test_a_mirror_without_a_variant_never_gets_it_recommended(frozen_knowledge):
    snap = with_index(cp311_snapshot(nvml_fact=nvml("580.65.06", ("NVIDIA GeForce RTX 4070", "8.9"))),
                      mirror(variants=("cpu", "cu132"), missing=("cu130",)))
    merged = knowledge_with_index(frozen_knowledge, snap)
    rec = recommend(snap, merged, Goal())
    assert (rec.torch, rec.variant) == ("2.17.0", "cu132")
    assert [n.variant for n in merged.index.notes if n.kind == "missing_variant"] == ["cu130"]
    assert all("linux-x86_64" not in (r.variant("cu130").platforms if r.variant("cu130") else ()) for r in merged.releases)


def test_an_unknown_variant_takes_its_cuda_runtime_from_the_wheel_metadata(frozen_knowledge):
    listing = mirror(variants=("cpu", "cu134"))
    merged = merge_listing(frozen_knowledge, listing, CP311, "linux-x86_64")
    cu134 = merged.release("2.17.0").variant("cu134")
    assert (cu134.kind, cu134.cuda) == ("cuda", "13.4")
    newest_13 = frozen_knowledge.release("2.14.1").variant("cu132")
    assert cu134.arch_lists == newest_13.arch_lists  # the newest CUDA 13 build's lists, until the tables know it
    without_metadata = merge_listing(frozen_knowledge, mirror(variants=("cu134",), with_metadata=False), CP311,
                                     "linux-x86_64")
    assert without_metadata.release("2.17.0").variant("cu134").cuda == "13.4"  # from the name, as a last resort


def test_torchvision_pairing_without_metadata_keeps_the_bundled_offset(frozen_knowledge):
    merged = merge_listing(frozen_knowledge, mirror(with_metadata=False), CP311, "linux-x86_64")
    assert merged.release("2.16.0").torchvision == "0.31.0"
    assert merged.release("2.17.0").torchvision == "0.32.0"
    assert merged.release("2.17.0").torchaudio == ""


def test_an_unverified_bundled_entry_found_on_the_index_is_confirmed(frozen_knowledge):
    assert not frozen_knowledge.release("2.15.0").verified
    listing = IndexListing(BASE, "index", "2026-12-06T10:00:00+00:00",
                           (page("cpu", "torch", {"2.15.0": ""}), page("cpu", "torchvision", {"0.30.0": "torch==2.15.0"})))
    merged = merge_listing(frozen_knowledge, listing, CP311, "linux-x86_64")
    release = merged.release("2.15.0")
    assert release.verified and release.torchvision == "0.30.0"
    assert [(n.kind, n.version) for n in merged.index.notes if n.kind == "confirmed"] == [("confirmed", "2.15.0")]


def test_offline_or_unreachable_answers_from_the_bundled_tables_and_says_why(frozen_knowledge):
    for code, reason in (("index_offline", "offline: the package index was not asked"),
                         ("index_unreachable", "https://download.pytorch.org/whl did not answer within 4 s (timed out)")):
        snap = with_index(cp311_snapshot(), Fact.missing(FactStatus.FAILED, reason, code=code))
        merged = knowledge_with_index(frozen_knowledge, snap)
        assert merged.releases == frozen_knowledge.releases
        assert (merged.index.source, merged.index.reason) == ("bundled", reason)
        titles = [f.title for f in diagnose(snap, frozen_knowledge, Goal()).findings if f.code == "INDEX_SOURCE"]
        assert titles == ["PyTorch versions: the wizard's own tables (checked 2026-11-24)"]
    assert knowledge_with_index(frozen_knowledge, cp311_snapshot()) is frozen_knowledge  # not read at all: unchanged


def test_why_the_bundled_tables_were_used_is_said_in_the_readers_language(frozen_knowledge):
    from wizard import i18n

    snap = with_index(cp311_snapshot(), Fact.missing(FactStatus.NOT_APPLICABLE, "offline: not asked", code="index_offline"))
    source = next(f for f in diagnose(snap, frozen_knowledge, Goal()).findings if f.code == "INDEX_SOURCE")
    english = source.explanation
    assert "offline" in english and "not asked" not in english  # the phrase, not the collector's English reason
    german = i18n.shown(english, "de")
    assert i18n.text("phrase.index_reason.offline", "de") in german and "offline: not asked" not in german


def test_the_listing_travels_in_the_snapshot_json():
    snap = with_index(cp311_snapshot(), mirror())
    assert Snapshot.from_json(snap.to_json()) == snap


def test_platform_tags_and_cuda_requirements():
    assert platform_of_tag("manylinux_2_28_x86_64") == "linux-x86_64"
    assert platform_of_tag("manylinux2014_aarch64") == "linux-aarch64"
    assert platform_of_tag("win_amd64") == "windows-x86_64"
    assert platform_of_tag("macosx_11_0_arm64") == "darwin-arm64"
    assert platform_of_tag("macosx_10_9_x86_64") == "darwin-x86_64"
    assert platform_of_tag("any") == "any" and platform_of_tag("emscripten_3_1_wasm32") == ""
    assert cuda_from_requires([("nvidia-cublas-cu12==12.8.4.1",), ("nvidia-cuda-runtime-cu12==12.8.90; sys_platform == 'linux'",)]) == "12.8"
    assert cuda_from_requires([("nvidia-cublas-cu12==12.8.4.1",)]) == "12"
    assert cuda_from_requires([("filelock",)]) == ""


def test_an_answer_from_another_index_than_the_commands_is_not_used(frozen_knowledge):
    snap = with_index(cp311_snapshot(), mirror())
    merged = knowledge_with_index(frozen_knowledge, snap, "https://download.pytorch.org/whl")
    assert merged.releases == frozen_knowledge.releases
    assert merged.index.source == "bundled" and BASE in merged.index.reason
    same = knowledge_with_index(frozen_knowledge, snap, "https://user:pw@mirror.example/whl/")  # credentials aside
    assert same.index.source == "index"


def test_an_answer_the_merge_cannot_use_leaves_the_bundled_tables(frozen_knowledge):
    no_verified = dataclasses.replace(frozen_knowledge, releases=tuple(r for r in frozen_knowledge.releases if not r.verified))
    merged = knowledge_with_index(no_verified, with_index(cp311_snapshot(), mirror()))
    assert merged.releases == no_verified.releases
    assert merged.index.source == "bundled" and "could not be used" in merged.index.reason


def test_odd_files_on_a_page_are_ignored(frozen_knowledge):
    odd = IndexPage("cpu", "torch", "ok", (
        IndexFile("torch-2.18.0.tar.gz"), IndexFile("torch-x-y.whl"), IndexFile("torch-2.18.0+cpu-cp311-cp311-linux_x86_64"),
        IndexFile("torchvision-2.18.0+cpu-cp311-cp311-manylinux_2_28_x86_64.whl"),  # another project on this page
        IndexFile("torch-2.17.0+cpu-cp311-cp311-manylinux_2_28_x86_64.whl", ("torch==not a version",)),
    ))
    merged = merge_listing(frozen_knowledge, IndexListing(BASE, "index", "2026-12-06T10:00:00+00:00", (odd,)), CP311,
                           "linux-x86_64")
    assert [r.version for r in merged.releases][:2] == ["2.17.0", "2.15.0"]


def test_an_installed_torchvision_is_pinned_to_the_one_of_the_newer_release(frozen_knowledge):
    from wizard.snapshot import Distribution

    python = python_facts(tags=Fact.found(tuple(sorted(CP311))),
                          distributions=(Distribution(name="torchvision", version="0.28.0+cpu", location="/site"),))
    snap = with_index(snapshot(python=python), mirror())
    rec = recommend(snap, knowledge_with_index(frozen_knowledge, snap), Goal(torch_index=BASE))
    assert rec.argv[4:6] == ("torch==2.17.0+cpu", "torchvision==0.32.0+cpu")
