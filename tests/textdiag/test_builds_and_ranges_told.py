"""Readings of round 34's session: a torch build told in a sentence, tools' "CUDA available" fields, is_available()'s
answer retold, and a package's torch range weighed against the torch the text shows."""

from __future__ import annotations

import pytest

from tests.textdiag.pasted import errors_of, facts_of, findings_of
from wizard.findings import Severity


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a torch build told in a sentence that names torch: what is installed
        ("I checked Pytorch with print(torch.version) in my environment. I found it's just for CPU (2.0.0+cpu), "
         "not for CUDA.", {"torch_version": "2.0.0+cpu"}),
        ("my torch is 2.1.0+cu118 and the GPU stays idle", {"torch_version": "2.1.0+cu118"}),
        # ... not a build a line installs, pins or sets against another (xFormers names the torch it was built for)
        ("then I ran pip install torch==2.1.0+cu118 and nothing changed", {"torch_installed": None}),
        ("xFormers was built for:\n    PyTorch 2.1.0+cu121 with CUDA 1201 (you have 2.1.0+cpu)",
         {"torch_version": "2.1.0+cpu"}),
        # ... nor a suffix cut short in a title ("+cu12" is no build PyTorch publishes)
        ("RTX 5090 Not Detected by PyTorch 2.2.0+cu12", {"torch_installed": None}),
        # tools' own "CUDA available" fields: docTR's collect_env (torch's line, not TensorFlow's), a banner's note
        ("Is CUDA available (TensorFlow): No\nIs CUDA available (PyTorch): Yes\n", {"cuda_available": "true"}),
        ("Is CUDA available (TensorFlow): No\n", {"cuda_available": None}),
        ("NVIDIA GeForce GTX 1650 Ti\nCUDA available: True (version:11.1)\n", {"cuda_available": "true"}),
        # is_available()'s answer retold: "shows as"; in Chinese "is" after a confirming verb (traditional or
        # simplified characters), not in a question or a wish
        ("print(torch.cuda.is_available())\nshows as TRUE", {"cuda_available": "true"}),
        ("也確認過torch.cuda.is_available()為true", {"cuda_available": "true"}),
        ("我确认了torch.cuda.is_available()是False", {"cuda_available": "false"}),
        ("为什么torch.cuda.is_available()是True却用不了", {"cuda_available": None}),
        ("torch.cuda.is_available()应该是True", {"cuda_available": None}),
    ],
)
def test_facts_told(text: str, expected: dict[str, str | None]) -> None:
    facts = facts_of(text)
    for key, value in expected.items():
        assert facts.get(key) == value, (key, facts)


RANGE = "facenet-pytorch 2.6.0 requires torch<2.3.0,>=2.2.0"


def test_a_torch_outside_a_packages_range_is_a_conflict_with_its_own_words() -> None:
    text = f"{RANGE}, but you have torch 2.3.1 which is incompatible.\n"
    assert errors_of(text)[0] == "PACKAGE_CONFLICT"
    first = next(f for f in findings_of(text) if f.severity is Severity.ERROR)
    assert "range" in first.explanation and "--no-deps" in first.explanation
    assert not first.actions  # (reinstalling torch's companions is not the fix: the package's release is)


def test_the_range_retold_beside_the_torch_pip_would_uninstall() -> None:
    assert errors_of(f"{RANGE}, uninstalling torch 2.3.1 will break other nodes")[0] == "PACKAGE_CONFLICT"


@pytest.mark.parametrize(
    "text",
    [
        "PyTorch version: 2.2.1+cu121\n" + RANGE,  # the torch shown lies inside the range
        RANGE,  # no torch shown: nothing to weigh the range against
        "mmcv 2.1.0 requires torch>=1.8, which is not installed.",  # torch missing, not another torch
    ],
)
def test_a_range_without_a_torch_outside_it_is_no_conflict(text: str) -> None:
    assert "PACKAGE_CONFLICT" not in errors_of(text)
