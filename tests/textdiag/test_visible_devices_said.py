"""CUDA_VISIBLE_DEVICES shown set in pasted text (a shell export, Python's os.environ, Jupyter's %env) beside CUDA being
unusable: a value that names no GPU, or an index beyond the GPUs the text names, most likely hides the GPU. The words
say what to change; no reinstall is offered (it would not help)."""

from __future__ import annotations

import pytest

from tests.textdiag.pasted import errors_of, facts_of, findings_of
from wizard.findings import Severity

CUDA_FALSE = ">>> torch.cuda.is_available()\nFalse\n"


@pytest.mark.parametrize(("line", "value"), [
    ("export CUDA_VISIBLE_DEVICES=", "(empty)"),  # (an empty value once crashed the reader)
    ('export CUDA_VISIBLE_DEVICES=""', "(empty)"),
    ('os.environ["CUDA_VISIBLE_DEVICES"] = "2"', "2"),
    ("os.environ['CUDA_VISIBLE_DEVICES']='1,2'  # use the second gpu", "1,2"),
    ('os.environ.setdefault("CUDA_VISIBLE_DEVICES", "0")', "0"),
    ("%env CUDA_VISIBLE_DEVICES=-1", "-1"),
])
def test_the_variable_is_read_from_a_shell_python_or_a_notebook(line: str, value: str) -> None:
    assert facts_of(line).get("cuda_visible_devices") == value


@pytest.mark.parametrize("line", ['print(os.environ["CUDA_VISIBLE_DEVICES"])', "CUDA_VISIBLE_DEVICES is not set"])
def test_the_variable_named_without_a_value_reveals_none(line: str) -> None:
    assert "cuda_visible_devices" not in facts_of(line)


@pytest.mark.parametrize("line", ['os.environ["CUDA_VISIBLE_DEVICES"] = "2"', "export CUDA_VISIBLE_DEVICES=-1",
                                  "export CUDA_VISIBLE_DEVICES="])
def test_a_value_hiding_the_gpu_beside_cuda_unusable_is_named_first_without_a_reinstall(line: str) -> None:
    first = next(f for f in findings_of(f"{line}\n{CUDA_FALSE}") if f.severity is Severity.ERROR)
    assert first.code == "VISIBLE_DEVICES_MASK"
    assert first.title_message is not None and first.title_message.key == "VISIBLE_DEVICES_MASK.likely.title"
    assert first.actions == ()  # changing the variable is the fix; a reinstall would change nothing


@pytest.mark.parametrize("text", [
    f"export CUDA_VISIBLE_DEVICES=0\n{CUDA_FALSE}",  # the first GPU stays visible
    f"GPU 0: NVIDIA GeForce RTX 3090\nGPU 1: NVIDIA GeForce RTX 3090\nGPU 2: NVIDIA GeForce RTX 3090\n"
    f"export CUDA_VISIBLE_DEVICES=2\n{CUDA_FALSE}",  # three GPUs named: index 2 is one of them
    f"export CUDA_VISIBLE_DEVICES=GPU-5a3c1d2e\n{CUDA_FALSE}",  # a UUID: which GPU it names is not known here
])
def test_a_value_that_leaves_a_gpu_visible_is_no_mask(text: str) -> None:
    assert "VISIBLE_DEVICES_MASK" not in {f.code for f in findings_of(text) if f.severity is Severity.ERROR}


@pytest.mark.parametrize(("text", "value"), [("执行CUDA_VISIBLE_DEVICES=5 python startup.py -a，发现使用的是CPU", "5"),
                                             ("CUDA_VISIBLE_DEVICES=0,1 python train.py", "0,1")])
def test_the_variable_set_before_a_command_is_the_shells_word_also_glued_to_a_cjk_word(text: str, value: str) -> None:
    assert facts_of(text).get("cuda_visible_devices") == value


def test_a_driver_message_translated_by_a_browser_is_torchs_own() -> None:
    text = "你系统的NVIDIA驱动程序版本太旧（发现版本11,060）。请从网址http：//www.nvidia.com/Download/index.aspx下载"
    assert errors_of(text)[:1] == ["DRIVER_TOO_OLD"]
