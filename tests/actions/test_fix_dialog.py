"""The fix dialog with real Qt widgets (offscreen), real QProcess and real pip against the local index."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
from fixing_envs import freeze, snapshot_of
from local_index import LocalIndex, broken_torchvision_cu130, standard_wheels
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog
from test_fix_command import CPU_ONLY, cpu_only_checks, cu130_recommendation

from wizard.actions import backup
from wizard.findings import Action, Diagnosis, Goal
from wizard.gui.fix_dialog import FixDialog
from wizard.gui.preferences import PreferencesDialog, set_torch_index_preference, torch_index_preference

pytest.importorskip("pytestqt")


def open_dialog(qtbot, python: str, torch_base: str, variant: str = "cu130", argv: tuple[str, ...] | None = None) -> FixDialog:
    goal = Goal(want="cuda", torch_index=torch_base)
    rec = cu130_recommendation(python, goal, variant)
    action = Action.run(rec.why, argv or rec.argv)
    dialog = FixDialog(
        None, action, python, torch_base,
        snapshot=snapshot_of(python), diagnosis=Diagnosis((CPU_ONLY,), rec), goal=goal,
        collect=lambda p, _progress: snapshot_of(p), diagnose=cpu_only_checks,
    )  # fmt: skip
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def wait_ready(qtbot, dialog: FixDialog) -> None:
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=60_000)


def test_confirm_run_progress_verify(qtbot, cpu_env, index: LocalIndex) -> None:
    dialog = open_dialog(qtbot, cpu_env.python, index.torch_base)
    assert dialog.command_view.toPlainText() == shlex.join(dialog.action.argv)  # the exact argv, quoted, selectable
    wait_ready(qtbot, dialog)
    assert dialog.run_button.isEnabled()
    assert "(venv)" in dialog.env_label.text() and cpu_env.python in dialog.env_label.text()
    plan_text = dialog.plan_view.toPlainText()
    assert "torch 2.13.0+cpu → 2.13.0+cu130" in plan_text and "nvidia-cudnn-cu13 9.13.0.50" in plan_text
    assert "free disk space" in plan_text
    values: list[int] = []
    dialog.progress_bar.valueChanged.connect(values.append)
    dialog.run_button.click()
    qtbot.waitUntil(lambda: "Before → after" in dialog.result_label.text(), timeout=120_000)
    assert "torch 2.13.0+cpu (CPU only) → torch 2.13.0+cu130 (CUDA 13.0)" in dialog.result_label.text()
    assert "The problem is gone" in dialog.result_label.text()
    assert len(set(values)) >= 3 and max(values) == 1000  # the bar really moved
    log = dialog.log_view.toPlainText()
    assert "--progress-bar raw" in log and "Progress " in log and "Successfully installed" in log
    dialog.close_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert backup.restore_state(cpu_env.python, dialog.backup_path).identical


def test_cancel_then_undo(qtbot, cpu_env, index: LocalIndex) -> None:
    index.fail_download("torch-2.13.0+cu130-py3-none-any.whl", mode="stall", skip=1)  # the dry run's download passes
    dialog = open_dialog(qtbot, cpu_env.python, index.torch_base)
    wait_ready(qtbot, dialog)
    dialog.run_button.click()
    qtbot.waitUntil(lambda: "Downloading torch 2.13.0+cu130" in dialog.stage_label.text(), timeout=60_000)
    pid = dialog.process.processId()
    dialog.cancel_button.click()
    qtbot.waitUntil(dialog.undo_button.isVisible, timeout=30_000)
    index.heal()
    assert dialog.stage_label.text() == "You stopped the fix."
    assert "pip stopped before changing anything" in dialog.result_label.text()
    assert not Path(f"/proc/{pid}").exists() or "zombie" in Path(f"/proc/{pid}/status").read_text().lower()
    dialog.undo_button.click()
    qtbot.waitUntil(lambda: "back exactly as it was" in dialog.stage_label.text(), timeout=60_000)
    assert freeze(cpu_env.python) == cpu_env.baseline


def test_failure_half_way_offers_undo(qtbot, cpu_env, tmp_path: Path, monkeypatch) -> None:
    specs = [s for s in standard_wheels() if s.filename != broken_torchvision_cu130().filename]
    with LocalIndex([*specs, broken_torchvision_cu130()], tmp_path / "wheels") as broken:
        monkeypatch.setenv("PIP_INDEX_URL", broken.simple_url)
        dialog = open_dialog(qtbot, cpu_env.python, broken.torch_base)
        wait_ready(qtbot, dialog)
        dialog.run_button.click()
        qtbot.waitUntil(dialog.undo_button.isVisible, timeout=120_000)
        assert "Invalid script entry point" in dialog.stage_label.text()
        assert "partly changed" in dialog.result_label.text()
        dialog.undo_button.click()
        qtbot.waitUntil(lambda: "back exactly as it was" in dialog.stage_label.text(), timeout=120_000)
    assert freeze(cpu_env.python) == cpu_env.baseline
    assert f"$ {cpu_env.python} -m pip uninstall --no-input --yes nvidia-cudnn-cu13" in dialog.log_view.toPlainText()


def test_missing_variant_cannot_run(qtbot, cpu_env, index: LocalIndex) -> None:
    dialog = open_dialog(qtbot, cpu_env.python, index.torch_base, variant="cu999")
    wait_ready(qtbot, dialog)
    assert "No matching distribution found for torch==2.13.0+cu999" in dialog.plan_view.toPlainText()
    assert not dialog.run_button.isEnabled() and "will not work" in dialog.warning_label.text()


def test_refuses_commands_it_does_not_run(qtbot, cpu_env, index: LocalIndex) -> None:
    argv = ("sudo", cpu_env.python, "-m", "pip", "install", "torch")
    dialog = open_dialog(qtbot, cpu_env.python, index.torch_base, argv=argv)
    qtbot.waitUntil(lambda: "will not run" in dialog.plan_view.toPlainText(), timeout=30_000)
    assert "sudo" in dialog.plan_view.toPlainText() and not dialog.run_button.isEnabled()


def test_torch_index_preference(qtbot, tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat)
    assert torch_index_preference(settings) == "https://download.pytorch.org/whl"
    set_torch_index_preference("https://mirror.example.edu/pytorch/whl/", settings)
    assert torch_index_preference(settings) == "https://mirror.example.edu/pytorch/whl"
    with pytest.raises(ValueError, match="https://"):
        set_torch_index_preference("mirror.example.edu", settings)
    dialog = PreferencesDialog(None, settings)
    qtbot.addWidget(dialog)
    assert dialog.url_edit.text() == "https://mirror.example.edu/pytorch/whl"
    dialog.url_edit.setText("ftp://nope")
    dialog.save()
    assert "https://" in dialog.error_label.text() and torch_index_preference(settings).startswith("https://mirror")
    dialog.url_edit.setText("")
    dialog.save()
    assert torch_index_preference(settings) == "https://download.pytorch.org/whl"


def test_the_wizard_runs_the_remedy_of_a_damaged_install(qtbot, tmp_path: Path, index: LocalIndex) -> None:
    """From the wizard: the Run button of the first finding is its remedy (the same version, forced), and the
    dialog's re-check (the same checkup as the CLI's) no longer finds the damage."""
    from remedy_situations import SITUATIONS, first_finding, state

    from wizard.checkup import collect
    from wizard.engine import diagnose
    from wizard.findings import ActionKind

    situation = SITUATIONS["damaged_torch"](tmp_path, index)
    before = state(situation)
    goal = Goal(torch_index=index.torch_base)
    first = first_finding(situation, index)
    run = next(a for a in first.actions if a.kind is ActionKind.RUN)
    assert first.code == "TORCH_DAMAGED" and run.argv == first.remedy.steps[0]
    snapshot = collect(situation.python, goal)
    dialog = FixDialog(None, run, situation.python, index.torch_base, snapshot=snapshot,
                       diagnosis=diagnose(snapshot, goal=goal), goal=goal,
                       collect=lambda p, _progress: collect(p, goal), diagnose=lambda s, g: diagnose(s, goal=g))
    qtbot.addWidget(dialog)
    dialog.show()
    wait_ready(qtbot, dialog)
    assert "To be reinstalled (the same version" in dialog.plan_view.toPlainText()
    dialog.run_button.click()
    qtbot.waitUntil(lambda: "Before → after" in dialog.result_label.text(), timeout=120_000)
    assert "no longer finds TORCH_DAMAGED" in dialog.result_label.text()
    assert state(situation) == before
