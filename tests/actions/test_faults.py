"""Every way a fix can go wrong, with real pip; after each, restore makes ``pip freeze --all`` IDENTICAL again."""

from __future__ import annotations

import json
import threading
from pathlib import Path

from fixing_envs import freeze
from local_index import LocalIndex, broken_torchvision_cu130, standard_wheels

from wizard.actions import backup
from wizard.actions.policy import ApprovedCommand, approve
from wizard.actions.runner import prepare_pip_argv, probe_identity, run_streaming


def cu130_argv(python: str, torch_base: str, variant: str = "cu130") -> ApprovedCommand:
    argv = (
        python, "-m", "pip", "install", f"torch==2.13.0+{variant}", f"torchvision==0.28.0+{variant}",
        "--index-url", f"{torch_base}/{variant}",
    )  # fmt: skip
    return prepare_pip_argv(approve(argv, python), probe_identity(python).pip_version)


def save(python: str, torch_base: str) -> Path:
    # What the fix command records: the fix's index and PyTorch's index for the installed +cpu builds.
    return backup.save_state(python, sources=[f"{torch_base}/cu130", f"{torch_base}/cpu"])


def restore_and_compare(python: str, saved: Path, baseline: str) -> backup.RestoreResult:
    result = backup.restore_state(python, saved)
    assert result.freeze_after == baseline  # string equality: exactly the previous set
    assert result.identical
    return result


def test_save_state_records_the_exact_set(cpu_env, index: LocalIndex) -> None:
    saved = save(cpu_env.python, index.torch_base)
    record = json.loads(saved.read_text())
    assert record["freeze"] == cpu_env.baseline
    assert {p["name"] for p in record["packages"]} >= {"torch", "torchvision", "numpy", "pip"}
    assert all(p.get("location") for p in record["packages"])
    assert record["index_urls"] == [f"{index.torch_base}/cu130", f"{index.torch_base}/cpu"]
    assert backup.latest_backup(cpu_env.python) == saved
    assert backup.latest_backup("/some/other/python") is None


def test_no_matching_distribution_leaves_env_untouched(cpu_env, index: LocalIndex) -> None:
    saved = save(cpu_env.python, index.torch_base)
    result = run_streaming(cu130_argv(cpu_env.python, index.torch_base, "cu999"))
    assert result.exit_code == 1
    assert "No matching distribution found for torch==2.13.0+cu999" in result.error_summary
    assert freeze(cpu_env.python) == cpu_env.baseline
    restored = restore_and_compare(cpu_env.python, saved, cpu_env.baseline)
    assert restored.removed == () and restored.reinstalled == ()


def test_network_fault_mid_download(cpu_env, index: LocalIndex) -> None:
    saved = save(cpu_env.python, index.torch_base)
    index.fail_download("torch-2.13.0+cu130-py3-none-any.whl", mode="close", after_bytes=700_000)
    lines: list[str] = []
    result = run_streaming(cu130_argv(cpu_env.python, index.torch_base), lines.append)
    assert not result.ok and result.error_summary
    assert any(line.startswith("Progress ") for line in lines)  # it was downloading when the server went away
    assert freeze(cpu_env.python) == cpu_env.baseline  # downloads come before any change
    index.heal()
    restore_and_compare(cpu_env.python, saved, cpu_env.baseline)


def test_cancel_during_download_then_restore(cpu_env, index: LocalIndex) -> None:
    saved = save(cpu_env.python, index.torch_base)
    index.fail_download("torch-2.13.0+cu130-py3-none-any.whl", mode="stall")
    cancel = threading.Event()

    def on_line(line: str) -> None:
        if line.startswith("Progress ") and not line.startswith("Progress 0 "):
            cancel.set()

    result = run_streaming(cu130_argv(cpu_env.python, index.torch_base), on_line, cancel=cancel, timeout=120)
    assert result.cancelled
    index.heal()
    assert freeze(cpu_env.python) == cpu_env.baseline
    restore_and_compare(cpu_env.python, saved, cpu_env.baseline)


def test_failure_half_way_is_restored(cpu_env, index: LocalIndex, tmp_path: Path, monkeypatch) -> None:
    specs = [s for s in standard_wheels() if s.filename != broken_torchvision_cu130().filename]
    with LocalIndex([*specs, broken_torchvision_cu130()], tmp_path / "wheels") as broken:
        monkeypatch.setenv("PIP_INDEX_URL", broken.simple_url)
        saved = save(cpu_env.python, broken.torch_base)
        result = run_streaming(cu130_argv(cpu_env.python, broken.torch_base))
        assert result.exit_code == 1 and "Invalid script entry point" in result.error_summary
        half_way = freeze(cpu_env.python)
        assert "torch==2.13.0+cu130" in half_way and "nvidia-cudnn-cu13==9.13.0.50" in half_way
        assert "torchvision==0.28.0+cpu" in half_way  # pip rolled back only the package that failed
        restored = restore_and_compare(cpu_env.python, saved, cpu_env.baseline)
    assert restored.removed == ("nvidia-cudnn-cu13",)
    assert restored.reinstalled == ("torch==2.13.0+cpu",)


def test_restore_refuses_a_backup_of_another_environment(cpu_env, index: LocalIndex, tmp_path: Path) -> None:
    saved = save(cpu_env.python, index.torch_base)
    record = json.loads(saved.read_text())
    record["prefix"] = str(tmp_path / "elsewhere")
    other = tmp_path / "other.json"
    other.write_text(json.dumps(record))
    try:
        backup.restore_state(cpu_env.python, other)
    except backup.BackupError as exc:
        assert exc.key == "backup_error.other_environment" and str(tmp_path / "elsewhere") in str(exc)
    else:
        raise AssertionError("restore_state accepted a backup of another environment")
    (tmp_path / "junk.json").write_text("{not json")
    try:
        backup.load_backup(tmp_path / "junk.json")
    except backup.BackupError as exc:
        assert exc.key == "backup_error.unreadable" and "junk.json" in str(exc)
    else:
        raise AssertionError("load_backup accepted junk")


def test_restore_plan_is_pure() -> None:
    before = "numpy==1.26.4\npip==24.2\ntorch==2.13.0+cpu\n-e git+https://x/y.git@abc#egg=mine\n"
    after = "numpy==2.1.0\nnvidia-cudnn-cu13==9.13.0.50\npip==24.2\ntorch==2.13.0+cu130\n"
    remove, install, unrestorable = backup.restore_plan(before, after)
    assert remove == ["nvidia-cudnn-cu13"]
    assert install == ["numpy==1.26.4", "torch==2.13.0+cpu"]
    assert unrestorable == ["-e git+https://x/y.git@abc#egg=mine"]
