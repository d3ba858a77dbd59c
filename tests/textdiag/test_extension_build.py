"""Building a CUDA extension against torch: torch.utils.cpp_extension refuses when nvcc's CUDA major differs from
torch.version.cuda. The finding names the mismatch; a reinstall is offered only when the recommended build has the
toolkit's CUDA major (any other build would fail the same check)."""

from __future__ import annotations

from tests.textdiag.pasted import findings_of
from wizard.findings import Severity

MISMATCH = ("      RuntimeError:\n"
            "      The detected CUDA version ({toolkit}) mismatches the version that was used to compile\n"
            "      PyTorch (11.7). Please make sure to use the same CUDA versions.")


def _error(text: str):
    return next(f for f in findings_of(text) if f.severity is Severity.ERROR)


def test_the_cpp_extension_refusal_is_a_toolkit_mismatch_in_its_own_words() -> None:
    error = _error(MISMATCH.format(toolkit="12.2"))
    assert error.code == "TOOLKIT_MISMATCH"
    assert error.title_message is not None and error.title_message.key == "TOOLKIT_MISMATCH.pasted.title"


def test_no_install_is_offered_that_would_fail_the_same_check() -> None:
    error = _error(MISMATCH.format(toolkit="12.2"))  # the recommended build is cu130 (13.x) in the shipped knowledge
    assert not any(action.argv for action in error.actions)


def test_the_minor_version_warning_is_not_a_mismatch() -> None:
    text = ("UserWarning: The detected CUDA version (12.1) has a minor version mismatch with the version that was used "
            "to compile PyTorch (12.4). Most likely this shouldn't be a problem.")
    assert "TOOLKIT_MISMATCH" not in {f.code for f in findings_of(text) if f.severity is Severity.ERROR}
