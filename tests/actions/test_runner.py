"""What the runner refuses, who the interpreter is, and the dry-run plan — with real pip against the local index."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

from fixing_envs import make_venv
from local_index import LocalIndex

from tests.conftest import refused
from wizard.actions.index_plan import needs_index_plan
from wizard.actions.plan import make_plan, render_plan
from wizard.actions.policy import approve
from wizard.actions.runner import (
    check_same_interpreter,
    prepare_pip_argv,
    probe_identity,
    run_streaming,
)

PY = "/envs/a/bin/python"


def test_prepare_pip_argv_adds_raw_progress_only_where_pip_has_it() -> None:
    command = approve((PY, "-m", "pip", "install", "torch"), PY)
    assert prepare_pip_argv(command, "24.2").argv == (PY, "-m", "pip", "install", "--no-input", "--progress-bar", "raw", "torch")
    assert prepare_pip_argv(command, "23.2.1").argv == (PY, "-m", "pip", "install", "--no-input", "torch")
    uninstall = approve((PY, "-m", "pip", "uninstall", "x"), PY)
    assert prepare_pip_argv(uninstall, "24.2").argv == (PY, "-m", "pip", "uninstall", "--no-input", "--yes", "x")


def test_runners_take_only_approved_commands() -> None:
    with refused("refused.not_approved"):
        run_streaming((PY, "-m", "pip", "install", "torch"))  # type: ignore[arg-type]
    with refused("refused.not_approved"):
        prepare_pip_argv((PY, "-m", "pip", "install", "torch"), "24.2")  # type: ignore[arg-type]


def test_identity_and_same_interpreter(cpu_env, snapshot_for, tmp_path: Path) -> None:
    identity = probe_identity(cpu_env.python)
    assert identity.in_venv and identity.pip_version and Path(identity.purelib).is_dir()
    check_same_interpreter(identity, snapshot_for(cpu_env.python))
    with refused("refused.interpreter_changed"):
        check_same_interpreter(identity, snapshot_for(sys.executable))
    with refused("refused.no_interpreter"):
        probe_identity(str(tmp_path / "missing" / "python"))
    not_python = tmp_path / "python"
    not_python.write_text("#!/bin/sh\nexit 3\n")
    not_python.chmod(0o755)
    with refused("refused.interpreter_exit_code"):  # nothing on stderr: the exit code is all there is
        probe_identity(str(not_python))
    not_python.write_text("#!/bin/sh\necho 'python3.12: bad magic number' >&2\nexit 1\n")
    with refused("refused.interpreter_does_not_run"):  # its own words go in as data
        probe_identity(str(not_python))


def cu130_argv(python: str, index: LocalIndex, variant: str = "cu130") -> tuple[str, ...]:
    return (
        python, "-m", "pip", "install", f"torch==2.13.0+{variant}", f"torchvision==0.28.0+{variant}",
        "--index-url", f"{index.torch_base}/{variant}",
    )  # fmt: skip


def test_plan_lists_changes_sizes_and_disk(cpu_env, index: LocalIndex) -> None:
    identity = probe_identity(cpu_env.python)
    index.downloads.clear()
    plan = make_plan(cu130_argv(cpu_env.python, index), identity, env_kind="venv")
    assert plan.previewed and not plan.problem
    # pip < 25.3 downloads every wheel for --dry-run: there the plan comes from the PEP 658 metadata instead
    assert plan.from_index_metadata == needs_index_plan(identity.pip_version)
    assert not (plan.from_index_metadata and index.downloads)  # not one wheel fetched to make the plan
    changes = {p.name: (p.change, p.old_version, p.version) for p in plan.packages}
    assert changes == {
        "torch": ("replace", "2.13.0+cpu", "2.13.0+cu130"),
        "torchvision": ("replace", "0.28.0+cpu", "0.28.0+cu130"),
        "nvidia-cudnn-cu13": ("install", "", "9.13.0.50"),
    }
    expected = sum(index.files[name].stat().st_size for name in index.files if "cu130" in name or "cudnn" in name)
    assert plan.download_bytes == expected
    assert plan.free_bytes and plan.enough_disk
    text = render_plan(plan)
    assert "To be replaced by another build:" in text and "torch 2.13.0+cpu → 2.13.0+cu130" in text
    assert "To be installed:" in text and "nvidia-cudnn-cu13 9.13.0.50" in text and "free disk space" in text


def test_plan_reports_no_matching_distribution(cpu_env, index: LocalIndex) -> None:
    plan = make_plan(cu130_argv(cpu_env.python, index, "cu999"), probe_identity(cpu_env.python))
    assert not plan.previewed
    assert "No matching distribution found for torch==2.13.0+cu999" in plan.problem
    assert "pip says this will not work" in render_plan(plan)


def test_plan_with_too_old_pip_offers_upgrade(require_pyenv, tmp_path: Path, index: LocalIndex) -> None:
    python = make_venv(tmp_path / "old", index, (), python=require_pyenv("3.7"))  # ensurepip gives pip 22.0.4
    plan = make_plan((python, "-m", "pip", "install", "torch==2.13.0+cpu"), probe_identity(python))
    assert plan.pip_too_old and plan.pip_upgrade_argv == (python, "-m", "pip", "install", "--upgrade", "pip")
    assert "too old to show what will change" in render_plan(plan)


def test_streaming_cancel_stops_pip(cpu_env, index: LocalIndex) -> None:
    index.fail_download("torch-2.13.0+cu130-py3-none-any.whl", mode="stall")
    cancel = threading.Event()
    lines: list[str] = []

    def on_line(line: str) -> None:
        lines.append(line)
        if line.startswith("Progress ") and not line.startswith("Progress 0 "):
            cancel.set()  # the download has begun and stalls: stop it

    command = approve(cu130_argv(cpu_env.python, index), cpu_env.python)
    result = run_streaming(prepare_pip_argv(command, probe_identity(cpu_env.python).pip_version), on_line, cancel=cancel, timeout=120)
    assert result.cancelled and not result.ok and result.seconds < 60
    assert any("Downloading" in line for line in lines)


def test_metadata_plan_matches_pips_own_dry_run(cpu_env, index: LocalIndex) -> None:
    """The index-metadata plan names the same packages and versions as pip's --dry-run report."""
    from wizard.actions.plan import dry_run_argv, installed_versions, parse_report, plan_from_index, report_json
    from wizard.facts.runner import run_command

    argv = cu130_argv(cpu_env.python, index)
    installed = installed_versions(cpu_env.python)
    ours = plan_from_index(argv, installed, run_command, None, lambda _url: 0)
    pip_says = parse_report(report_json(run_command(dry_run_argv(argv), timeout=300).stdout), installed)
    assert ours is not None
    assert {(p.name, p.version, p.change) for p in ours} == {(p.name, p.version, p.change) for p in pip_says}
