"""The Python a pasted text names is judged against the torch of the text's own era (wizard/textdiag/era.py)."""

from __future__ import annotations

import pytest

from wizard.engine import diagnose
from wizard.findings import Severity
from wizard.textdiag import snapshot_from_text
from wizard.textdiag.era import NOT_SERVED, SERVED, UNKNOWN, all_releases, judge_python, listed_versions_cause


def _python_finding(text: str):
    diagnosis = diagnose(snapshot_from_text(text))
    return next((f for f in diagnosis.findings if f.code.startswith("PYTHON_UNSUPPORTED")), None)


@pytest.mark.parametrize(
    ("python", "facts", "served"),
    [
        ("3.7", {"torch_installed": "1.4.0"}, SERVED),  # torchvision's table: 1.4 served 2.7 and 3.5-3.8
        ("3.9", {"torch_installed": "1.4.0"}, NOT_SERVED),
        ("3.12", {"requested": "torch==2.0.1"}, NOT_SERVED),  # the knowledge base: 2.0 is 3.8-3.11
        ("3.8", {"requested": "torch==2.0.1+cu118"}, SERVED),
        ("3.6", {"torchvision_version": "0.9.1"}, SERVED),  # 0.9 pairs with torch 1.8
        ("3.6", {"torch_cuda": "10.1"}, SERVED),  # CUDA 10.1 builds predate the knowledge base's releases
        ("3.6", {"available_versions": "1.8.0, 1.8.1, 1.9.0"}, SERVED),  # pip lists only what it could install
        ("3.6", {"available_versions": "0.1.2, 0.1.2.post1"}, UNKNOWN),  # the placeholder sdist says nothing
        ("3.6", {}, UNKNOWN),
        ("2.7", {}, NOT_SERVED),
        ("3.40", {}, NOT_SERVED),
    ],
)
def test_python_is_judged_against_the_era_the_text_shows(python, facts, served) -> None:
    assert judge_python(python, facts).served == served


def test_the_era_says_what_set_it() -> None:
    judged = judge_python("3.7", {"torch_installed": "1.4.0"})
    assert judged.era == "1.4" and "1.4.0" in judged.basis


def test_torch_inside_that_pythons_site_packages_proves_a_wheel_existed() -> None:
    text = 'File "/usr/lib/python3.6/site-packages/torch/__init__.py", line 79, in <module>'
    assert judge_python("3.6", {}, text).served == SERVED
    assert judge_python("3.7", {}, text).served == UNKNOWN  # another Python's site-packages proves nothing


def test_every_release_has_a_python_range_and_old_releases_come_from_the_table() -> None:
    versions = {r.torch for r in all_releases()}
    assert {"1.4", "0.4", "1.11"} <= versions
    assert any(v.startswith("2.") for v in versions)


def test_an_old_post_is_not_blamed_on_todays_python_range() -> None:
    old_post = (
        "I have torch 1.4.0 and python 3.6\n"
        "RuntimeError: CUDA error: no kernel image is available for execution on the device\n"
    )
    found = _python_finding(old_post)
    assert found is None or found.severity is not Severity.ERROR


def test_a_python_too_new_for_the_requested_torch_is_the_cause() -> None:
    text = (
        "Python 3.12\n$ pip install torch==2.0.1\n"
        "ERROR: Could not find a version that satisfies the requirement torch==2.0.1 (from versions: 2.2.0, 2.2.1)\n"
        "ERROR: No matching distribution found for torch==2.0.1\n"
    )
    diagnosis = diagnose(snapshot_from_text(text))
    assert diagnosis.errors and diagnosis.errors[0].code.startswith("PYTHON_UNSUPPORTED")


def test_python_2_without_an_era_stays_an_error() -> None:
    found = _python_finding("Python 2.7.15\nImportError: No module named torch\n")
    assert found is not None and found.severity is Severity.ERROR


@pytest.mark.parametrize(
    ("listed", "requested", "python", "cause"),
    [
        # the release is listed, only not the +variant build: the index searched lacks that build
        ("1.13.0, 1.13.1, 2.0.0, 2.3.0, 2.3.1, 2.4.0", "torch==2.3.1+cu121", "", "INDEX_VARIANT_MISSING"),
        ("2.3.0, 2.3.0+cpu, 2.3.1, 2.3.1+cpu", "torch==2.3.1+cpu", "", ""),
        # the list stops at 2.2.2 although later releases served every Python it fits: the platform (Intel Macs)
        ("1.11.0, 1.12.0, 1.13.1, 2.0.0, 2.1.2, 2.2.0, 2.2.1, 2.2.2", "torch==2.5.1", "", "PLATFORM_UNSUPPORTED"),
        ("2.2.0, 2.2.1, 2.2.2", "torch==2.4.1", "3.12", "PLATFORM_UNSUPPORTED"),
        # the same stop on an index of CUDA builds is that index's end
        ("2.6.0+cu118, 2.7.0+cu118, 2.7.1+cu118", "torch==2.8.0", "", "INDEX_VARIANT_MISSING"),
        # a list that stops because of the Python (3.7's last release is 1.13.1) proves nothing about the platform
        ("1.11.0, 1.12.0, 1.12.1, 1.13.0, 1.13.1", "torch==2.5.0", "3.7", ""),
        ("1.13.0, 1.13.1", "torch==2.5.0", "", ""),
        # a release that never existed (1.13 was followed by 2.0) is on no index; a pinned nightly is only on PyTorch's
        # nightly index, which keeps a limited span of dates: not listed, the index read does not carry it
        ("1.4.0, 1.5.0, 1.6.0", "torch==1.15.0", "", "INDEX_VARIANT_MISSING"),
        ("2.2.2, 2.3.0.dev20240301, 2.3.0.dev20240311", "torch==2.4.0.dev20240415", "", "INDEX_VARIANT_MISSING"),
        ("2.2.0, 2.2.1", "torch==2.4.0.dev20240415", "", "INDEX_VARIANT_MISSING"),
        # an old release for a newer Python: the list starts at 2.2.0, the first release for Python 3.12 (a Python an
        # earlier release served would have it listed), and 1.8.1 never served 3.12 (a named Python 3.9, which it
        # served, proves nothing); a release older than the tables (0.3.1), a release newer than they know, an empty
        # list: nothing proven here
        ("2.2.0, 2.2.1, 2.2.2, 2.3.0", "torch==1.8.1", "", "PYTHON_UNSUPPORTED"),
        ("2.2.0, 2.2.1, 2.2.2, 2.3.0", "torch==1.8.1", "3.9", ""),
        # a lower bound above the whole list (pip's "torch<3.0.0,>=2.3.0"), on a list that stops at the Intel-Mac
        # ceiling while newer releases served its Pythons: the platform
        ("2.2.0, 2.2.1, 2.2.2", "torch<3.0.0,>=2.3.0", "", "PLATFORM_UNSUPPORTED"),
        ("2.2.0, 2.2.1, 2.2.2, 2.3.0", "torch<3.0.0,>=2.3.0", "", ""),
        ("1.4.0, 1.5.0, 1.6.0", "torch==0.3.1", "", ""),
        ("2.2.0, 2.2.1, 2.2.2", "torch==9.1.0", "", ""),
        ("none", "torch==2.5.1", "", ""),
        ("0.1.2, 0.1.2.post1", "torch==2.5.1", "", ""),
    ],
)
def test_pips_list_of_installable_versions_proves_a_cause(listed: str, requested: str, python: str, cause: str) -> None:
    assert listed_versions_cause(listed, requested, python) == cause
