"""A CUDA build asked for where none exists: on a Mac (PyTorch never published CUDA builds for macOS), or where pip
searched PyTorch's own index and listed none of its builds (they carry local versions, "+cu…", wherever one fits)."""

from __future__ import annotations

import pytest

from tests.textdiag.pasted import diagnosis_of, first_error
from wizard.textdiag.era import listed_versions_cause, no_local_build_listed

PLAIN_LIST = "1.11.0, 1.12.0, 1.12.1, 1.13.0"
LOCAL_LIST = "1.11.0, 1.11.0+cu113, 1.12.0, 1.12.0+cu113, 1.12.1, 1.12.1+cu116"


def test_a_list_without_any_local_build_from_pytorchs_index_means_none_fits_this_platform() -> None:
    assert no_local_build_listed(PLAIN_LIST, "cu113", pytorch_index_searched=True)
    assert listed_versions_cause(PLAIN_LIST, "torch==1.12.1+cu113", pytorch_index_searched=True) == "PLATFORM_UNSUPPORTED"


@pytest.mark.parametrize(("listed", "searched"), [
    (PLAIN_LIST, False),  # only PyPI searched: local builds are never there, the index is what is missing
    (LOCAL_LIST, True),  # PyTorch's builds listed, only not +cu113 for 1.12.1: that variant is missing
])
def test_otherwise_the_missing_local_build_is_the_variant_the_index_lacks(listed: str, searched: bool) -> None:
    assert not no_local_build_listed(listed, "cu113", searched)
    assert listed_versions_cause(listed, "torch==1.12.1+cu113", pytorch_index_searched=searched) == "INDEX_VARIANT_MISSING"


def test_a_cpu_build_asked_is_not_read_as_a_missing_cuda_build() -> None:
    assert not no_local_build_listed(PLAIN_LIST, "cpu", pytorch_index_searched=True)


LINKS_PAGE = (
    "$ pip install torch==1.12.1+cu113 -f https://download.pytorch.org/whl/torch_stable.html\n"
    "Looking in links: https://download.pytorch.org/whl/torch_stable.html\n"
    f"ERROR: Could not find a version that satisfies the requirement torch==1.12.1+cu113 (from versions: {PLAIN_LIST})\n"
    "ERROR: No matching distribution found for torch==1.12.1+cu113\n")
MAC_PIN = (
    "pip install -r requirements.txt\nLooking in indexes: https://pypi.org/simple, https://download.pytorch.org/whl/cu117\n"
    "ERROR: Could not find a version that satisfies the requirement torch==1.13.1+cu117 (from versions: 2.0.0, 2.0.1)\n"
    "ERROR: No matching distribution found for torch==1.13.1+cu117\n\nMy environment: macOS 13.4.1, python 3.11\n")


@pytest.mark.parametrize("text", [LINKS_PAGE, MAC_PIN])
def test_the_finding_says_no_cuda_build_exists_here_and_offers_no_cuda_install(text: str) -> None:
    finding = first_error(text)
    assert finding.code == "PLATFORM_UNSUPPORTED"
    assert "no CUDA build" in finding.title
    assert not finding.actions  # (the plain build is the fix, which the words give)
    recommendation = diagnosis_of(text).recommendation
    assert not any("+cu" in arg or "/whl/cu" in arg for arg in recommendation.argv)


def test_a_mac_pinning_a_cuda_build_is_the_platform_even_where_its_python_is_too_new_for_that_release() -> None:
    assert first_error(MAC_PIN).code == "PLATFORM_UNSUPPORTED"  # (1.13.1 had no Python 3.11 wheel either)


def test_with_the_system_unknown_no_install_command_is_guessed() -> None:
    recommendation = diagnosis_of(LINKS_PAGE).recommendation
    assert (recommendation.kind, recommendation.argv) == ("none", ())
    assert "pip install torch" in recommendation.why


def test_a_mac_asking_only_a_cuda_index_for_a_plain_version_is_that_index_missing_its_wheels() -> None:
    text = ("Mac, python 3.12\npip install torch==2.6.0 --index-url https://download.pytorch.org/whl/cu118\n"
            "Looking in indexes: https://download.pytorch.org/whl/cu118\n"
            "ERROR: Could not find a version that satisfies the requirement torch==2.6.0 (from versions: none)\n"
            "ERROR: No matching distribution found for torch==2.6.0\n")
    assert first_error(text).code == "INDEX_VARIANT_MISSING"
