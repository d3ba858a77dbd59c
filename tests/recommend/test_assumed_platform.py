"""The recommendation says what it assumed: the whole platform when the OS is unknown, only the processor when the
OS is known (pasted text often names "Ubuntu 22.04" but not the CPU)."""

from __future__ import annotations

import pytest

from tests.textdiag.pasted import diagnosis_of
from wizard.i18n import text


@pytest.mark.parametrize(("paste", "key", "platform"), [
    ("torch.cuda.is_available() returns False, what do I do?", "why.os_assumed", "Linux (x86_64)"),
    ("Ubuntu 22.04\nImportError: libcudnn.so.9: cannot open shared object file", "why.arch_assumed", "Linux (x86_64)"),
])
def test_the_recommendation_names_what_it_assumed(paste: str, key: str, platform: str) -> None:
    why = diagnosis_of(paste).recommendation.why
    assert text(key, platform=platform) in why
    other = "why.os_assumed" if key == "why.arch_assumed" else "why.arch_assumed"
    assert text(other, platform=platform) not in why
