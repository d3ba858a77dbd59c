"""Gather every fact into one Snapshot, collectors running concurrently.

The live import of torch is the slow part (seconds); the GPU, toolkit and static
Python collectors run beside it, so a full collection costs about one ``import torch``.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from wizard import __version__
from wizard.facts.host import collect_host
from wizard.facts.reasons import because
from wizard.facts.runner import Runner, run_command
from wizard.snapshot import Fact, FactStatus, GpuFacts, Snapshot, ToolkitFacts

if TYPE_CHECKING:
    from wizard.index.request import IndexRequest

Progress = Callable[[str], None]

STAGES = {
    "host": "Looking at the operating system…",
    "gpu": "Asking the NVIDIA driver…",
    "toolkit": "Looking for CUDA toolkits and cuDNN…",
    "python": "Looking inside your Python environment…",
    "torch": "Importing PyTorch in your environment…",
    "index": "Reading the PyTorch package index…",
    "places": "Looking for notebook kernels, conda and uv environments…",
}


def collect_snapshot(
    python: str,
    *,
    live_import: bool = True,
    timeout: float = 120.0,
    runner: Runner = run_command,
    env: Mapping[str, str] | None = None,
    root: Path = Path("/"),
    progress: Progress | None = None,
    index: IndexRequest | None = None,
    places: bool = True,
    checked_kernel: str = "",
) -> Snapshot:
    """Collect a Snapshot for the target interpreter ``python``.

    ``env`` and ``root`` stand in for os.environ and the filesystem root in tests.
    ``places``: also look where code runs (kernels, conda, uv, VS Code); ``checked_kernel`` is the
    notebook kernel the user named (--kernel), recorded with them.
    ``progress`` is called (from worker threads) with a stage text as each collector starts
    and with ``"done:<name>"`` as each finishes.
    ``index``: also read the PyTorch package index (wizard.index), beside the probes and bounded in time.
    """
    from wizard.facts.python_env import collect_python, collect_torch

    env = dict(os.environ if env is None else env)
    report = progress or (lambda _stage: None)

    def stage(name: str, func: Callable[[], object]) -> Callable[[], object]:
        def wrapped() -> object:
            report(STAGES[name])
            try:
                return func()
            finally:
                report(f"done:{name}")

        return wrapped

    def gpu() -> object:
        from wizard.facts.gpu import collect_gpu  # imports pynvml: done in the worker, not before the probes start

        return collect_gpu(env=env, root=root, runner=runner)

    def toolkit() -> object:
        from wizard.facts.toolkit import collect_toolkit

        return collect_toolkit(env=env, root=root, runner=runner)

    # The live import of torch is the long pole: it starts first, the rest runs beside it.
    jobs: dict[str, Callable[[], object]] = {}
    if live_import:
        jobs["torch"] = stage("torch", lambda: collect_torch(python, runner=runner, timeout=timeout))
    jobs["python"] = stage("python", lambda: collect_python(python, runner=runner, timeout=min(timeout, 60.0)))
    jobs["host"] = stage("host", lambda: collect_host(env=env, root=root, runner=runner))
    jobs["gpu"] = stage("gpu", gpu)
    jobs["toolkit"] = stage("toolkit", toolkit)
    def read_index() -> object:
        from wizard.index.collect import collect_index  # ssl, http.client: loaded in the worker, after the probes start

        return collect_index(index, python, runner=runner, environ=env)

    if index is not None:
        jobs["index"] = stage("index", read_index)
    if places:
        jobs["places"] = stage("places", lambda: _places(env, runner, checked_kernel, python))
    with ThreadPoolExecutor(max_workers=len(jobs), thread_name_prefix="collect") as pool:
        futures = {name: pool.submit(job) for name, job in jobs.items()}
        results = {name: _result_or_crash(name, future) for name, future in futures.items()}

    torch_fact = results.get("torch") or Fact.missing(FactStatus.UNKNOWN, because("reason.import_skipped"))
    if _import_in_question(torch_fact):
        from wizard.facts.python_env import with_whole_damage_scan

        results["python"] = with_whole_damage_scan(results["python"], python, runner=runner, timeout=min(timeout, 60.0))
    return Snapshot(
        tool_version=__version__,
        created_at=datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        source="live",
        host=results["host"],
        gpu=results["gpu"] if isinstance(results["gpu"], GpuFacts) else _crashed_gpu(results["gpu"]),
        toolkit=results["toolkit"] if isinstance(results["toolkit"], ToolkitFacts) else _crashed_toolkit(results["toolkit"]),
        python=results["python"],
        torch=torch_fact,
        **({"index": results["index"]} if "index" in results else {}),
        places=_places_fact(results.get("places")),
    )


def _import_in_question(torch_fact: Fact) -> bool:
    """Whether torch's import failed, hung, raised in a step, or was not run: then every file of its RECORD is
    checked for damage, not only its compiled libraries (a healthy check never pays for the whole scan)."""
    torch = torch_fact.get()
    if torch is None:
        problem = torch_fact.problem
        return problem is not None and problem.code != "torch_not_installed" and problem.status is not FactStatus.NOT_FOUND
    return bool(torch.step_errors) or any(
        f.problem is not None and f.problem.status is FactStatus.FAILED for f in (torch.torchvision, torch.torchaudio))


def _places(env: dict, runner: Runner, checked_kernel: str, python: str) -> object:
    from wizard.facts.places import collect_places

    return collect_places(env=env, runner=runner, checked_kernel=checked_kernel, checked_python=python)


def _places_fact(result: object) -> Fact:
    from wizard.snapshot import RunPlaces

    if result is None:
        return Fact.unknown(because("reason.not_looked_for"))
    return Fact.found(result) if isinstance(result, RunPlaces) else result  # a crashed collector is a failed Fact


def _result_or_crash(name: str, future: Future) -> object:
    """A collector that raises becomes a failed fact with the traceback: one bug never stops the report."""
    try:
        return future.result()
    except Exception as exc:  # noqa: BLE001 - deliberately broad: any collector bug becomes a fact
        import traceback

        tail = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))[-2000:]
        return Fact.missing(FactStatus.FAILED, because("reason.collector_crashed", name=name, error=exc), code="collector_crashed",
                            stderr_tail=tail)


def _crashed_gpu(fact: Fact) -> GpuFacts:
    return GpuFacts(pci=fact, nvml=fact, kernel_modules=fact)


def _crashed_toolkit(fact: Fact) -> ToolkitFacts:
    return ToolkitFacts(toolkits=fact, search_path_libraries=fact, system_cudnn=fact)
