"""A file or folder named torch that hides the installed package, read from pasted text: LOCAL_TORCH_SHADOW,
whose fix is renaming it, never a reinstall."""

from __future__ import annotations

import pytest

from tests.textdiag.pasted import first_error
from wizard.findings import ActionKind


@pytest.mark.parametrize("text", [
    'Traceback (most recent call last):\n  File "C:\\Users\\me\\Desktop\\torch.py", line 1, in <module>\n    import torch\n'
    "AttributeError: partially initialized module 'torch' has no attribute 'rand' (most likely due to a circular import)",
    "ImportError: cannot import name '_C' from partially initialized module 'torch' (most likely due to a circular import)",
    "ImportError: Failed to load PyTorch C extensions:\n    It appears that PyTorch has loaded the `torch/_C` folder\n"
    "    of the PyTorch repository rather than the C extensions which\n    are expected in the `torch._C` namespace.",
])
def test_a_torch_that_hides_the_package_is_named_and_not_reinstalled(text: str) -> None:
    error = first_error(text)
    assert error.code == "LOCAL_TORCH_SHADOW"
    assert not [a for a in error.actions if a.kind is ActionKind.RUN]  # renaming is the fix, not pip
    assert error.remedy is not None and not error.remedy.steps and "Rename" in error.remedy.instructions
