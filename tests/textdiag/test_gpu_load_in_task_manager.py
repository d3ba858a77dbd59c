"""A GPU called idle from Windows' Task Manager: its GPU graphs show the 3D, Copy and Video engines by default, CUDA
work only on a graph switched to "Cuda" or "Compute_0", so the wizard asks for nvidia-smi instead of naming a cause."""

from __future__ import annotations

import pytest

from tests.textdiag.pasted import errors_of, facts_of, verdict_of
from wizard.verdict import NVIDIA_SMI_COMMAND, VerdictKind

IDLE_IN_TASK_MANAGER = ("Training is slow on my Windows 11 laptop (RTX 4060 Laptop GPU). Only the CPU gets load: "
                        "according to Task Manager my GPU stays at 0% the whole time.")


def test_a_gpu_idle_in_task_manager_names_no_cause_and_asks_for_nvidia_smi() -> None:
    verdict = verdict_of(IDLE_IN_TASK_MANAGER)
    assert errors_of(IDLE_IN_TASK_MANAGER) == []
    assert (verdict.kind, verdict.key, verdict.command) == (
        VerdictKind.CANNOT_TELL, "cannot_tell.gpu_load_in_task_manager", NVIDIA_SMI_COMMAND)
    assert "Compute_0" in verdict.question


@pytest.mark.parametrize("shown", [
    "\n>>> torch.cuda.is_available()\nFalse",
    "\n>>> torch.__version__\n'2.5.1+cpu'",
])
def test_cuda_shown_unusable_beside_it_is_read_as_before(shown: str) -> None:
    text = IDLE_IN_TASK_MANAGER + shown
    assert errors_of(text)[:1] == ["CPU_ONLY_WHEEL"]
    assert verdict_of(text).kind is VerdictKind.NOT_READY


@pytest.mark.parametrize("text", [
    "GPU usage stays at 2% in Task Manager while it trains",
    "任务管理器里显卡占用一直是0",
    "タスクマネージャーでGPUが0%のまま",
    "В диспетчере задач видеокарта загружена на 0%",
])
def test_the_gpu_load_read_in_task_manager_is_a_fact_in_any_language(text: str) -> None:
    assert facts_of(text).get("gpu_load_seen") == "task_manager"


def test_a_gpu_busy_in_task_manager_is_no_complaint_to_answer() -> None:
    verdict = verdict_of("Windows 11, RTX 3060. Task Manager shows the GPU at 95% while it trains, works great.")
    assert verdict.key != "cannot_tell.gpu_load_in_task_manager"


def test_task_manager_named_for_something_else_is_no_gpu_load() -> None:
    assert facts_of("I opened task manager and ended the python process").get("gpu_load_seen") is None
