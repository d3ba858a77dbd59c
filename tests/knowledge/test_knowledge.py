"""The shipped knowledge files: they validate, hold the facts the wizard relies on, and broken copies fail clearly."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import FROZEN_KNOWLEDGE
from wizard.actions.urls import ALLOWED_HOSTS, ALLOWED_PAGES, is_allowed_url
from wizard.knowledge import KnowledgeError, capability_covered, load_knowledge
from wizard.knowledge.loader import FILES, default_knowledge_dir
from wizard.resources_path import resource

SHIPPED = resource("knowledge")


@pytest.fixture(scope="module")
def kb(shipped_knowledge):
    """The shipped files: facts about past releases never change, so they are checked on the shipped data."""
    return shipped_knowledge


# --------------------------------------------------------------------------- the shipped files


def test_every_shipped_file_validates_and_loading_is_cached():
    assert sorted(p.name for p in SHIPPED.glob("*.json")) == sorted(FILES)
    assert load_knowledge() is load_knowledge()
    assert load_knowledge(default_knowledge_dir()) == load_knowledge()


def test_tests_run_on_the_frozen_copy_which_the_loader_still_accepts(frozen_knowledge):
    assert default_knowledge_dir() == FROZEN_KNOWLEDGE
    assert sorted(p.name for p in FROZEN_KNOWLEDGE.glob("*.json")) == sorted(FILES)
    assert frozen_knowledge.newest_release().version == "2.14.1"


def test_shipped_releases_are_unique_newest_first_and_reach_the_frozen_ones(kb, frozen_knowledge):
    versions = [r.parsed for r in kb.releases]
    assert len(set(versions)) == len(versions)
    assert [v.release[:2] for v in versions] == sorted((v.release[:2] for v in versions), reverse=True)
    assert kb.newest_release().parsed >= frozen_knowledge.newest_release().parsed
    assert all(r.torchvision for r in kb.releases if r.verified)


def test_checked_on_is_a_date(kb):
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", kb.checked_on)


def test_every_release_from_1_12_to_2_15_in_the_frozen_copy(frozen_knowledge):
    kb = frozen_knowledge
    versions = [r.version for r in kb.releases]
    expected = ["1.12.0", "1.12.1", "1.13.0", "1.13.1", "2.0.0", "2.0.1", "2.1.0", "2.1.1", "2.1.2", "2.2.0", "2.2.1",
                "2.2.2", "2.3.0", "2.3.1", "2.4.0", "2.4.1", "2.5.0", "2.5.1", "2.6.0", "2.7.0", "2.7.1", "2.8.0",
                "2.9.0", "2.9.1", "2.10.0", "2.11.0", "2.12.0", "2.12.1", "2.13.0", "2.14.0", "2.14.1", "2.15.0"]
    assert versions == list(reversed(expected))  # newest first
    assert [r.version for r in kb.releases if not r.verified] == ["2.15.0"]
    assert kb.newest_release().version == "2.14.1"


def test_driver_floors(kb):
    assert kb.driver_floor("12.6", "linux") == "525.60.13"
    assert kb.driver_floor("12.8", "windows") == "528.33"
    assert kb.driver_floor("13.0", "linux") == kb.driver_floor("13.2", "windows") == "580"
    assert kb.driver_floor("11.8", "linux") == "450.80.02"
    assert kb.driver_floor("10.2", "windows") == "441.22"
    assert kb.toolkit_driver("12.8", "linux") == "570.26"
    assert kb.toolkit_driver("13.0", "windows") is None  # N/A: 13.x no longer bundles a Windows driver


def test_release_2_13_0(kb):
    release = kb.release("2.13.0")
    assert (release.python_min, release.python_max) == ("3.10", "3.14")
    assert [v.name for v in release.variants if v.kind in ("cuda", "cpu")] == ["cu126", "cu130", "cu132", "cpu"]
    assert (release.torchvision, release.torchaudio) == ("0.28.0", "")
    assert release.default_variant("linux-x86_64") == "cu130"
    assert release.default_variant("windows-x86_64") == "cpu"
    assert release.min_glibc == "2.28" and release.min_vc_runtime == "14.40"


def test_patch_releases_share_data_but_not_pairs(kb):
    a, b = kb.release("2.7.0"), kb.release("2.7.1")
    assert a.variants == b.variants
    assert (a.torchvision, b.torchvision, b.torchaudio) == ("0.22.0", "0.22.1", "2.7.1")
    assert kb.release("2.4.0").numpy1_only == ("windows",) and kb.release("2.4.1").numpy1_only == ()


def test_torchaudio_ends_at_2_11(kb):
    assert kb.release("2.11.0").torchaudio == "2.11.0"
    assert all(not r.torchaudio for r in kb.releases if r.parsed.release >= (2, 12))


def test_arch_lists(kb):
    cu128 = kb.release("2.7.0").variant("cu128")
    assert "12.0+PTX" in cu128.arch_list("linux-x86_64") and "12.0" in cu128.arch_list("windows-x86_64")
    assert not capability_covered("6.1", kb.release("2.13.0").variant("cu130").arch_list("linux-x86_64"))
    assert capability_covered("6.1", kb.release("2.13.0").variant("cu126").arch_list("linux-x86_64"))
    assert "6.1" in kb.release("2.13.0").variant("cu126").arch_list("windows-x86_64")
    assert "11.0" in kb.release("2.14.0").variant("cu130").arch_list("linux-aarch64")
    assert "7.0" not in kb.release("2.11.0").variant("cu128").arch_list("linux-x86_64")  # Volta dropped again


@pytest.mark.parametrize(("capability", "archs", "covered"), [
    ("8.9", ("sm_86",), True),  # same-major cubin with a lower minor runs
    ("8.6", ("sm_89",), False),
    ("12.1", ("12.0+PTX",), True),
    ("12.1", ("12.0",), True),
    ("11.0", ("12.0+PTX",), False),  # PTX only JIT-compiles upwards
    ("13.0", ("12.0+PTX",), True),
    ("13.0", ("12.0",), False),  # a cubin never crosses a major
    ("7.5", ("compute_70",), True),
    ("6.1", ("5.0", "6.0", "7.0"), True),
    ("3.5", ("3.7+PTX",), False),
    ("3.7", ("sm_37",), True),
    ("garbage", ("8.6",), False),
])
def test_capability_covered(capability, archs, covered):
    assert capability_covered(capability, archs) is covered


def test_every_arch_list_entry_and_default_is_consistent(kb):
    for release in kb.releases:
        for platform, name in release.pypi_default:
            assert platform in release.variant(name).platforms
        for variant in release.variants:
            if variant.kind == "cuda":
                assert all(variant.arch_list(p) for p in variant.platforms), (release.version, variant.name)


def test_macos_x86_64_ends_with_2_2(kb):
    mac = [r.version for r in kb.releases if r.variants_for("darwin-x86_64")]
    assert max(mac, key=lambda v: tuple(map(int, v.split(".")))) == "2.2.2"
    assert kb.release("2.2.2").variant("cpu").local_label("darwin-x86_64") == ""
    assert kb.release("2.2.2").variant("cpu").local_label("linux-x86_64") == "cpu"


@pytest.mark.parametrize(("name", "capability"), [
    ("NVIDIA GeForce RTX 5090", "12.0"), ("NVIDIA GeForce RTX 5060 Ti", "12.0"), ("NVIDIA GeForce GTX 1660 SUPER", "7.5"),
    ("NVIDIA GeForce GTX 1650", "7.5"), ("NVIDIA H100 80GB HBM3", "9.0"), ("NVIDIA GeForce RTX 4070 Laptop GPU", "8.9"),
    ("NVIDIA RTX 4000 Ada Generation", "8.9"), ("Quadro RTX 4000", "7.5"), ("NVIDIA RTX A4000", "8.6"),
    ("NVIDIA GeForce RTX 3060", "8.6"), ("NVIDIA A100-SXM4-80GB", "8.0"), ("Tesla V100-PCIE-16GB", "7.0"),
    ("NVIDIA GeForce GTX 1080 Ti", "6.1"), ("NVIDIA TITAN Xp", "6.1"), ("NVIDIA TITAN X (Pascal)", "6.1"),
    ("GeForce GTX TITAN X", "5.2"), ("GeForce GTX 970", "5.2"), ("GeForce GTX 750 Ti", "5.0"), ("Tesla K80", "3.7"),
    ("GeForce GTX 780", "3.5"), ("GeForce GTX 680", "3.0"), ("Tesla T4", "7.5"), ("NVIDIA L4", "8.9"),
    ("NVIDIA L40S", "8.9"), ("NVIDIA B200", "10.0"), ("NVIDIA GB10", "12.1"), ("NVIDIA GeForce RTX 2080 Ti", "7.5"),
])
def test_gpu_name_patterns(kb, name, capability):
    assert kb.gpu_model(name).capability == capability


def test_gpu_model_unknown_name(kb):
    assert kb.gpu_model("Matrox G200eW") is None


def test_urls_are_allowed_and_named(kb):
    names = dict(kb.urls)
    for name in ("driver_download", "pytorch_get_started", "previous_versions", "python_downloads", "cuda_compat",
                 "wsl_cuda", "vc_redist", "long_paths", "pep668"):
        assert is_allowed_url(kb.url(name)), name
    assert names["long_paths"] == "https://pip.pypa.io/warnings/enable-long-paths"
    whole_hosts = {p.split("/")[2] for p in kb.url_allow_list if p.count("/") == 3}
    assert whole_hosts == set(ALLOWED_HOSTS)
    assert {p for p in kb.url_allow_list if p.count("/") > 3} == set(ALLOWED_PAGES)
    with pytest.raises(KeyError):
        kb.url("no_such_url")


def test_windows_prerequisites(kb):
    (vc,) = kb.windows_prerequisites
    assert (vc.url, vc.min_version, vc.applies_from_torch) == ("https://aka.ms/vs/17/release/vc_redist.x64.exe", "14.40",
                                                               "2.9.0")
    assert any(i.torch == "==2.4.0" and i.fixed_in == "2.4.1" for i in kb.known_issues)


def test_every_source_resolves(kb):
    keys = {s.key for s in kb.sources}
    entries = [*kb.driver_floors, *kb.toolkit_drivers, *kb.releases, *kb.gpu_families, *kb.gpu_models,
               *kb.windows_prerequisites, *kb.known_issues, *(v for r in kb.releases for v in r.variants)]
    for entry in entries:
        parts = entry.source.split(", ")
        assert len(kb.sources_for(entry.source)) == len(parts), entry
        assert all(p in keys or p.startswith("https://") for p in parts)


# --------------------------------------------------------------------------- broken copies


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    target = tmp_path / "knowledge"
    shutil.copytree(SHIPPED, target)
    return target


def edit(folder: Path, name: str, change) -> None:
    data = json.loads((folder / name).read_text())
    change(data)
    (folder / name).write_text(json.dumps(data, indent=2))


def release_entry(data: dict, version: str) -> dict:
    return next(r for r in data["releases"] if r["version"] == version)


def index_of(data: dict, version: str) -> int:
    return next(i for i, r in enumerate(data["releases"]) if r["version"] == version)


def fails(folder: Path) -> str:
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(folder)
    message = str(caught.value)
    assert "\n" not in message and isinstance(caught.value, ValueError)
    return message


def test_bad_json_names_file_and_line(copy):
    text = (copy / "gpus.json").read_text().splitlines()
    text[2] = text[2] + ","
    (copy / "gpus.json").write_text("\n".join(text))
    assert re.match(r"gpus\.json: invalid JSON at line \d+, column \d+: ", fails(copy))


def test_missing_file(copy):
    (copy / "urls.json").unlink()
    assert fails(copy).startswith("urls.json: file is missing")


def test_missing_key(copy):
    edit(copy, "releases.json", lambda d: release_entry(d, "2.7.0").pop("python"))
    index = index_of(json.loads((copy / "releases.json").read_text()), "2.7.0")
    assert fails(copy) == f"releases.json: releases[{index}] (2.7.0): missing key 'python'"


def test_bad_arch_entry(copy):
    def change(d):
        release_entry(d, "2.7.0")["variants"][2]["arch"]["linux-x86_64"] = "7.5;8.0;12.0+PTXX"
    edit(copy, "releases.json", change)
    index = index_of(json.loads((copy / "releases.json").read_text()), "2.7.0")
    assert fails(copy) == (f"releases.json: releases[{index}] (2.7.0): variant 'cu128': arch list entry '12.0+PTXX' "
                           "is not a compute capability")


def test_bad_version(copy):
    edit(copy, "releases.json", lambda d: release_entry(d, "2.13.0").update(torchvision="0.28.x"))
    assert "(2.13.0): torchvision '0.28.x' is not a valid version" in fails(copy)


def test_unknown_source_key(copy):
    edit(copy, "drivers.json", lambda d: d["minor_version_floors"][1].update(source=["NV-MVC", "NO-SUCH-KEY"]))
    assert fails(copy) == ("drivers.json: minor_version_floors[1] (12): source 'NO-SUCH-KEY' is neither a key of "
                           "sources.json nor an https URL")


def test_duplicate_release(copy):
    edit(copy, "releases.json", lambda d: d["releases"].append(dict(release_entry(d, "2.9.0"))))
    message = fails(copy)
    assert message.startswith("releases.json: releases[") and message.endswith("(2.9.0): duplicate release 2.9.0")


def test_unknown_platform(copy):
    edit(copy, "releases.json", lambda d: release_entry(d, "2.8.0")["variants"][3]["platforms"].append("linux-riscv64"))
    assert "(2.8.0): variant 'cpu': unknown platform 'linux-riscv64'" in fails(copy)


def test_python_range_reversed(copy):
    edit(copy, "releases.json", lambda d: release_entry(d, "2.5.0").update(python=["3.12", "3.9"]))
    assert "(2.5.0): python_min 3.12 is newer than python_max 3.9" in fails(copy)


def test_pypi_default_must_exist(copy):
    edit(copy, "releases.json", lambda d: release_entry(d, "2.6.0")["pypi_default"].update({"linux-x86_64": "cu999"}))
    assert "(2.6.0): pypi_default['linux-x86_64']: variant 'cu999' is not a variant of this release" in fails(copy)


def test_same_as_must_exist(copy):
    edit(copy, "releases.json", lambda d: release_entry(d, "2.9.1").update(same_as="2.9.7"))
    assert "(2.9.1): same_as '2.9.7' does not name an earlier release entry" in fails(copy)


def test_wrong_type(copy):
    edit(copy, "releases.json", lambda d: release_entry(d, "2.10.0").update(verified="yes"))
    assert "(2.10.0): 'verified' must be true/false, got a string" in fails(copy)


def test_bad_driver_version(copy):
    edit(copy, "drivers.json", lambda d: d["toolkit_drivers"][0].update(linux="595.71.05-beta"))
    assert "drivers.json: toolkit_drivers[0] (13.2.2): linux driver '595.71.05-beta' is not a driver version" in fails(copy)


def test_url_off_the_allow_list(copy):
    edit(copy, "urls.json", lambda d: d["urls"].update(driver_download="http://evil.example/drivers"))
    assert fails(copy).startswith("urls.json: urls['driver_download']: 'http://evil.example/drivers' is not on")


def test_bad_gpu_pattern(copy):
    edit(copy, "gpus.json", lambda d: d["models"][0].update(pattern="RTX (50"))
    assert fails(copy).startswith("gpus.json: models[0] (RTX (50): pattern is not a valid regular expression")


def test_top_level_not_an_object(copy):
    (copy / "windows.json").write_text("[]")
    assert fails(copy) == "windows.json: the top level must be a JSON object, got a list"
