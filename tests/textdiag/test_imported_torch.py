"""A torch version the text names is the running one when torch's own runtime message proves it imported."""

from __future__ import annotations

from wizard.commands.diagnose import snapshot_from_input
from wizard.engine import diagnose
from wizard.findings import Goal
from wizard.textdiag import goal_for_text

CUDA_ON_A_MAC = (
    "MacBook Air M2, torch {version}\n"
    ">>> torch.zeros(1).cuda()\n"
    "AssertionError: Torch not compiled with CUDA enabled\n"
)


def _diagnosis(text: str):
    snapshot = snapshot_from_input(text)
    return snapshot, diagnose(snapshot, goal=goal_for_text(snapshot, Goal()))


def test_the_named_version_runs_when_torch_says_it_has_no_cuda() -> None:
    snapshot, diagnosis = _diagnosis(CUDA_ON_A_MAC.format(version="2.5.1"))
    torch = snapshot.torch.get()
    assert torch is not None and torch.version == "2.5.1" and torch.cuda == ""
    assert diagnosis.errors[0].code == "NO_NVIDIA_GPU"
    # 2.5.1 already has MPS: the cause is asking for CUDA on a Mac, so no reinstall is offered
    assert diagnosis.recommendation is not None and not diagnosis.recommendation.argv
    assert "2.5.1" in diagnosis.recommendation.why


def test_a_version_only_requested_from_pip_is_not_taken_as_the_running_one() -> None:
    text = "pip install torch==2.5.1\n" + CUDA_ON_A_MAC.format(version="").replace("torch \n", "\n")
    snapshot, _ = _diagnosis(text)
    torch = snapshot.torch.get()
    assert torch is None or torch.version != "2.5.1"
