"""A file or folder named torch that hides the installed package, read from pasted text: LOCAL_TORCH_SHADOW,
whose fix is renaming it, never a reinstall."""

from __future__ import annotations

import pytest

from tests.textdiag.pasted import diagnosis_of, findings_of, first_error
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


HIDDEN_BY_OWN_FILE = (
    'Traceback (most recent call last):\n  File "<stdin>", line 1, in <module>\n'
    '  File "{install}torch{sep}_utils_internal.py", line 4, in <module>\n    import inspect\n'
    '  File "{stdlib}inspect.py", line 35, in <module>\n    import dis\n'
    '  File "{own}dis.py", line 10, in <module>\n    import torch.nn as nn\n'
    "AttributeError: module 'torch' has no attribute 'Tensor'"
)


@pytest.mark.parametrize(("install", "stdlib", "own", "sep"), [
    ("/home/u/anaconda3/lib/python3.7/site-packages/", "/home/u/anaconda3/lib/python3.7/", "/home/u/projects/fix/", "/"),
    ("C:\\Python310\\lib\\site-packages\\", "C:\\Python310\\lib\\", "C:\\Users\\me\\work\\", "\\"),
])
def test_a_file_of_ones_own_imported_for_a_module_of_python_is_named_before_the_error_it_causes(
        install: str, stdlib: str, own: str, sep: str) -> None:
    error = first_error(HIDDEN_BY_OWN_FILE.format(install=install, stdlib=stdlib, own=own, sep=sep))
    assert error.code == "LOCAL_TORCH_SHADOW"  # (not "torch in another Python", the has-no-attribute message's usual)
    assert error.title == "A file of yours hides a module that PyTorch needs"
    assert not [a for a in error.actions if a.kind is ActionKind.RUN]


def test_the_standard_library_importing_its_own_modules_is_no_such_file() -> None:
    text = HIDDEN_BY_OWN_FILE.format(install="/usr/lib/python3/dist-packages/", stdlib="/usr/lib/python3.10/",
                                     own="/usr/lib/python3.10/", sep="/")
    assert first_error(text).code != "LOCAL_TORCH_SHADOW"


@pytest.mark.parametrize("text", [
    "$ cat > code.py\nprint('a')\n$ python3 -c 'import torch'\nIt is important that the filename is 'code.py'\n"
    "Is CUDA available: True\n",
    "I saved my script as random.py and now import torch fails with\n"
    "AttributeError: partially initialized module 'random' has no attribute 'getrandbits'",
])
def test_a_file_named_as_a_module_torch_imports_is_the_likeliest_cause(text: str) -> None:
    error = first_error(text)
    assert error.code == "LOCAL_TORCH_SHADOW" and error.title.startswith("Most likely:")


@pytest.mark.parametrize("text", [
    "python test.py\nimport torch\nRuntimeError: CUDA error: no kernel image is available for execution on the device",
    'Traceback (most recent call last):\n  File "runpy.py", line 196, in _run_module_as_main\n'
    "ImportError: numpy.core.multiarray failed to import\nimport torch",
    "I edited code.py and train.py, nothing about torch here. RuntimeError: CUDA error: out of memory",
    # (a log's location, a helper's question, a denial: none says the person has such a file where Python starts)
    'python -c "import torch; print(torch.cuda.is_available())"\nFalse\n[2024-06-01 10:12:05,002] [INFO] '
    "[logging.py:96:log_dist] [Rank 0] DeepSpeed info: version=0.14.2",
    "import torch fails. Someone on discord asked if I have a file named random.py or typing.py in my folder. "
    "I checked, I don't.",
    "import torch fails. My script is called test.py, I have no file named copy.py there.",
])
def test_a_script_name_torch_never_imports_a_frame_of_an_embedded_python_or_a_text_without_torch_is_no_such_file(
        text: str) -> None:
    assert all(f.code != "LOCAL_TORCH_SHADOW" for f in findings_of(text))


def test_a_file_hiding_a_module_gets_no_install_command() -> None:
    recommendation = diagnosis_of(HIDDEN_BY_OWN_FILE.format(
        install="/home/u/venv/lib/python3.11/site-packages/", stdlib="/usr/lib/python3.11/", own="/home/u/w/",
        sep="/")).recommendation
    assert recommendation is not None and recommendation.kind == "none" and not recommendation.argv
