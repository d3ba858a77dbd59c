"""The wizard's fix dialog drives the same FixSession as ``fix``: a real venv whose torch lost a file after the
install (real pip against the local index, the stand-in torch, the real checkup) is planned step by step,
repaired at the same version, verified through the checkup, and undone to exactly what was there."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixing_envs import freeze
from local_index import LocalIndex
from remedy_situations import damaged_torch, index_with_recommended, site_packages, state, venv_without_pip

from wizard.actions import backup
from wizard.checkup import run_checkup
from wizard.findings import Action, Goal, Severity
from wizard.gui.fix_dialog import FixDialog
from wizard.i18n import text as tr


def open_fix(qtbot, python: str, torch_base: str, goal: Goal):
    """The dialog a finding card's "Run this fix…" opens for the first error with a runnable remedy."""
    checkup = run_checkup(python, goal)
    problem = next(f for f in checkup.diagnosis.findings if f.severity is Severity.ERROR and f.remedy is not None)
    assert problem.remedy.runnable, problem
    dialog = FixDialog(None, Action.run(problem.title, problem.remedy.steps[0]), python, torch_base,
                       snapshot=checkup.snapshot, diagnosis=checkup.diagnosis, goal=goal)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.session is not None or "will not run" in dialog.plan_view.toPlainText(), timeout=120_000)
    assert dialog.session is not None, dialog.plan_view.toPlainText()
    return dialog, problem


def wait_verified(qtbot, dialog: FixDialog) -> None:
    qtbot.waitUntil(lambda: "Before → after" in dialog.result_label.text() or dialog.undo_button.isVisible() and
                    not dialog.is_busy(), timeout=240_000)
    assert "Before → after" in dialog.result_label.text(), (dialog.stage_label.text(), dialog.log_view.toPlainText())


@pytest.fixture
def offline(monkeypatch):
    monkeypatch.setenv("TSW_OFFLINE", "1")  # the checkup reads no package index: the probes decide


def test_remedy_is_planned_run_verified_and_undone(qtbot, index: LocalIndex, tmp_path: Path, offline) -> None:
    situation = damaged_torch(tmp_path, index)
    lost = site_packages(situation.python) / "torch" / "cuda" / "__init__.py"
    before = freeze(situation.python)
    dialog, problem = open_fix(qtbot, situation.python, index.torch_base, Goal(torch_index=index.torch_base))
    plan_text = dialog.plan_view.toPlainText()
    steps = dialog.session.steps
    assert steps and all(f"Step {n} of {len(steps)}" in plan_text for n in range(1, len(steps) + 1)), plan_text
    assert "--force-reinstall" in " ".join(steps[0].command.argv) and "torch==2.13.0+cpu" in steps[0].command.argv
    assert "torch 2.13.0+cpu" in plan_text and "download" in plan_text.lower()  # what pip will change, and its size
    assert dialog.run_button.isEnabled()

    dialog.run_button.click()
    wait_verified(qtbot, dialog)
    assert dialog.verification is not None and problem.code in dialog.verification.fixed, dialog.verification
    assert dialog.verification.problem_gone, dialog.result_label.text()
    assert lost.is_file()  # the same version, reinstalled: the deleted file is back
    assert dialog.session.state.value == "verified"

    dialog.undo_button.click()
    qtbot.waitUntil(lambda: "back exactly as it was" in dialog.stage_label.text(), timeout=240_000)
    assert freeze(situation.python) == before
    assert backup.latest_backup(situation.python) is not None


def wait_continue(qtbot, dialog: FixDialog) -> None:
    qtbot.waitUntil(lambda: dialog.run_button.isEnabled() and dialog.run_button.text() == tr("gui.fix.continue"),
                    timeout=240_000)


def test_pip_first_then_torch_in_one_session(qtbot, index: LocalIndex, tmp_path: Path, offline) -> None:
    """Two steps, the second planned only once the first installed pip (as ``fix`` does it)."""
    situation = venv_without_pip(tmp_path, index)
    with index_with_recommended(situation, index, tmp_path / "served") as served:
        dialog, problem = open_fix(qtbot, situation.python, served.torch_base, Goal(torch_index=served.torch_base))
        plan_text = dialog.plan_view.toPlainText()
        assert "Step 1 of 2" in plan_text and "Step 2 of 2" in plan_text and "-m ensurepip --upgrade" in plan_text
        assert "shown then, before it starts" in plan_text, plan_text
        assert state(situation) == "(no pip)"  # planning changed nothing
        dialog.run_button.click()
        wait_continue(qtbot, dialog)  # pip is there now: the torch step is planned, shown, and waits
        assert "To be installed:" in dialog.log_view.toPlainText()
        assert "torch==" not in state(situation)
        dialog.run_button.click()
        wait_verified(qtbot, dialog)
        log = dialog.log_view.toPlainText()
        assert log.index("Successfully installed pip") < log.index("To be installed:") < log.rindex("Successfully installed")
        assert problem.code in dialog.verification.fixed and dialog.verification.problem_gone, dialog.result_label.text()
        assert "torch==" in state(situation)
        dialog.undo_button.click()
        qtbot.waitUntil(lambda: not dialog.is_busy() and "Restoring" not in dialog.stage_label.text(), timeout=240_000)
    assert state(situation) == "(no pip)", dialog.stage_label.text()


def test_a_step_planned_late_can_be_declined_and_the_earlier_step_undone(qtbot, index: LocalIndex, tmp_path: Path,
                                                                          offline) -> None:
    """Cancel while the late-planned torch step waits: it never runs; Undo takes pip away again."""
    situation = venv_without_pip(tmp_path, index)
    with index_with_recommended(situation, index, tmp_path / "served") as served:
        dialog, _problem = open_fix(qtbot, situation.python, served.torch_base, Goal(torch_index=served.torch_base))
        dialog.run_button.click()
        wait_continue(qtbot, dialog)
        dialog.cancel_button.click()
        qtbot.waitUntil(lambda: dialog.undo_button.isVisible() and not dialog.is_busy(), timeout=60_000)
        assert dialog.stage_label.text() == tr("gui.fix.declined")
        assert dialog.session.state.value == "failed"
        assert "torch==" not in state(situation) and state(situation) != "(no pip)"  # only pip came
        dialog.undo_button.click()
        qtbot.waitUntil(lambda: not dialog.is_busy() and "Restoring" not in dialog.stage_label.text(), timeout=240_000)
    assert state(situation) == "(no pip)", dialog.stage_label.text()
