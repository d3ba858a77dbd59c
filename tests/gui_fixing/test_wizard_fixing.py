"""The fixing flows from the wizard itself: real collector and engine, real pip against the local index, real Qt.

The collectors read a sysfs tree with an RTX 4070 (their ``root`` parameter) so the engine recommends a CUDA
build on any machine, GPU or not; everything else (probe, pip, venvs, torch stand-ins) is real.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from fixing_envs import freeze
from gui_fixing_support import ModalScript, serve_more, stand_ins_for, visible_dialog
from local_index import LocalIndex

from wizard.engine import diagnose
from wizard.facts.collect import collect_snapshot
from wizard.findings import Goal, Step
from wizard.gui.fix_dialog import FixDialog
from wizard.gui.fresh_env_dialog import FreshEnvDialog
from wizard.gui.undo_dialog import UndoDialog
from wizard.gui.widgets import FindingCard
from wizard.gui.wizard import PAGE_SUMMARY, STEP_PAGES, SetupWizard

SYSTEM_PYTHON = "/usr/bin/python3"


def collector(root: Path):
    def collect(python: str, progress):
        return collect_snapshot(python, live_import=True, timeout=120.0, root=root, progress=progress)

    return collect


def recommendation_for(python: str, root: Path, goal: Goal):
    return diagnose(collector(root)(python, lambda _s: None), goal=goal).recommendation


def open_wizard(qtbot, python: str, root: Path, goal: Goal) -> SetupWizard:
    wizard = SetupWizard(python=python, goal=goal, collect=collector(root), discover=None)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    wizard.next()  # leave Welcome: the check starts
    wait_checked(qtbot, wizard)
    return wizard


def wait_checked(qtbot, wizard: SetupWizard) -> None:
    qtbot.waitUntil(lambda: wizard.result is not None and not wizard.checking, timeout=120_000)


def go_to(wizard: SetupWizard, page_id: int) -> None:
    while wizard.currentId() < page_id:
        wizard.next()
    assert wizard.currentId() == page_id


def cards(page) -> list[FindingCard]:
    return [w for w in page.finding_widgets if isinstance(w, FindingCard)]


def button(card: FindingCard, text: str):
    return next((b for b in card.action_buttons if b.text() == text), None)


def test_fix_verify_and_undo_from_the_wizard(qtbot, cpu_env, index: LocalIndex, gpu_root: Path) -> None:
    """The done criterion: a CPU-only torch is replaced by the recommended build, verified, and undone exactly."""
    goal = Goal(want="cuda", torch_index=index.torch_base)
    rec = recommendation_for(cpu_env.python, gpu_root, goal)
    assert rec.kind == "install" and rec.variant.startswith("cu"), rec
    serve_more(index, stand_ins_for(rec))
    new_torch = next(a.split("==", 1)[1] for a in rec.argv if a.startswith("torch=="))
    before = freeze(cpu_env.python)
    assert before == cpu_env.baseline and "torch==2.13.0+cpu" in before

    wizard = open_wizard(qtbot, cpu_env.python, gpu_root, goal)
    assert wizard.summary.undo_button.isHidden() and not wizard.summary.fresh_env_button.isHidden()  # nothing to undo
    go_to(wizard, STEP_PAGES[Step.WHEEL])
    page = wizard.step_pages[Step.WHEEL]
    card = next(c for c in cards(page) if any(a.argv == rec.argv for a in c.finding.actions))
    run = button(card, "Run this fix…")
    assert run is not None and card.finding.code in ("CPU_ONLY_WHEEL", "TORCH_IMPORT_FAILED")

    seen: dict[str, object] = {}

    def run_it(dialog: FixDialog) -> None:
        seen["command"] = dialog.command_view.toPlainText()
        seen["plan"] = dialog.plan_view.toPlainText()
        seen["fix_dialog"] = dialog
        dialog.run_button.click()

    def close(dialog: FixDialog) -> None:
        seen["result"] = dialog.result_label.text()
        dialog.close_button.click()

    def fix_ready():
        dialog = visible_dialog(FixDialog)()
        return dialog if dialog is not None and dialog.run_button.isEnabled() else None

    def fix_verified():
        dialog = seen.get("fix_dialog")
        return dialog if dialog is not None and "Before → after" in dialog.result_label.text() else None

    script = ModalScript([
        ("the fix dialog's plan", fix_ready, run_it),
        ("the verification", fix_verified, close),
    ]).start()  # fmt: skip
    run.click()  # returns when the dialogs are closed
    assert not script.failures, script.failures  # one dialog: its Run is the only confirmation
    assert f"torch=={new_torch}" in seen["command"], seen["command"]  # the exact command, before anything ran
    assert f"torch 2.13.0+cpu → {new_torch}" in seen["plan"], seen["plan"]
    assert f"Before → after: torch 2.13.0+cpu (CPU only) → torch {new_torch}" in seen["result"], seen["result"]
    verification = seen["fix_dialog"].verification
    assert "CPU_ONLY_WHEEL" in verification.fixed and "CPU_ONLY_WHEEL" not in verification.remaining
    assert f"torch=={new_torch}" in freeze(cpu_env.python)

    wait_checked(qtbot, wizard)  # the wizard looked again after the fix
    go_to(wizard, PAGE_SUMMARY)
    summary = wizard.summary
    assert summary.undo_button.isVisible() and summary.undo_button.isEnabled()

    def restore(dialog: UndoDialog) -> None:
        seen["changes"] = dialog.changes_view.toPlainText()
        seen["about"] = dialog.about_label.text()
        seen["undo_dialog"] = dialog
        dialog.restore_button.click()

    def undo_ready():
        dialog = visible_dialog(UndoDialog)()
        return dialog if dialog is not None and dialog.restore_button.isEnabled() else None

    def restored():
        dialog = seen.get("undo_dialog")
        return dialog if dialog is not None and dialog.result_of_restore is not None else None

    script = ModalScript([
        ("the undo preview", undo_ready, restore),
        ("the restore", restored, lambda dialog: dialog.close_button.click()),
    ]).start()  # fmt: skip
    summary.undo_button.click()
    assert not script.failures, script.failures
    assert f"torch {new_torch} → 2.13.0+cpu" in seen["changes"], seen["changes"]
    assert "nvidia-cudnn-cu13" not in seen["changes"] or "To be removed" in seen["changes"]
    assert "before it ran a fix" in seen["about"]
    assert seen["undo_dialog"].result_of_restore.identical
    assert freeze(cpu_env.python) == before  # pip freeze --all: identical, string for string
    wait_checked(qtbot, wizard)  # and the wizard checked again after the undo
    assert wizard.result.snapshot.python.get().torch_version_file.get().version == "2.13.0+cpu"


@pytest.mark.skipif(not os.path.isfile(SYSTEM_PYTHON), reason=f"no system Python at {SYSTEM_PYTHON}")
def test_new_environment_for_an_externally_managed_python(qtbot, index: LocalIndex, gpu_root: Path,
                                                          tmp_path: Path) -> None:
    """PEP 668 system Python: cards offer "Create a new environment…", the dialog builds it, the wizard checks it."""
    goal = Goal(want="cuda", torch_index=index.torch_base)
    rec = recommendation_for(SYSTEM_PYTHON, gpu_root, goal)
    if rec.kind != "new_venv":
        pytest.skip(f"{SYSTEM_PYTHON} is not externally managed (PEP 668) here: the engine says {rec.kind}")
    serve_more(index, stand_ins_for(rec))
    wizard = open_wizard(qtbot, SYSTEM_PYTHON, gpu_root, goal)
    offering = []
    for step in Step:
        go_to(wizard, STEP_PAGES[step])
        for card in cards(wizard.step_pages[step]):
            runs_steps = [a for a in card.finding.actions if a.argv in rec.steps]
            texts = [b.text() for b in card.action_buttons]
            if runs_steps:
                offering.append(card.finding.code)
                assert "Create a new environment…" in texts and "Run this fix…" not in texts, texts
    assert offering, "no finding offers the new environment"
    go_to(wizard, PAGE_SUMMARY)
    summary = wizard.summary
    assert summary.create_env_button is not None and summary.fresh_env_button.isHidden()  # one button, not twins
    folder = tmp_path / "my torch env"
    seen: dict[str, object] = {}

    def create(dialog: FreshEnvDialog) -> None:
        dialog.folder_edit.setText(str(folder))
        seen["dialog"] = dialog
        dialog.create_button.click()

    def ready():
        dialog = visible_dialog(FreshEnvDialog)()
        return dialog if dialog is not None and dialog.create_button.isEnabled() else None

    def finished():
        dialog = seen.get("dialog")
        return dialog if dialog is not None and (dialog.check_button.isVisible() or "half-made" in
                                                 dialog.result_label.text()) else None

    def check_it(dialog: FreshEnvDialog) -> None:
        seen["result"] = dialog.result_label.text()
        seen["usage"] = [box.text.toPlainText() for box in getattr(dialog, "usage_boxes", [])]
        seen["log"] = dialog.panel.log_view.toPlainText()
        dialog.check_button.click()

    script = ModalScript([("the fresh-env dialog", ready, create), ("the new environment", finished, check_it)],
                         timeout=240).start()
    summary.create_env_button.click()
    assert not script.failures, script.failures
    new_python = str(folder / "bin" / "python")
    assert "imports correctly in the new environment" in seen["result"], (seen["result"], seen["log"])
    assert f"source '{folder}/bin/activate'" in seen["usage"]
    assert any("ipykernel install --user --name 'my torch env'" in u for u in seen["usage"]), seen["usage"]
    assert wizard.python == new_python and wizard.currentId() == STEP_PAGES[Step.DRIVER]
    wait_checked(qtbot, wizard)
    facts = wizard.result.snapshot.python.get()
    assert facts.executable == new_python and facts.env_kind == "venv"
    assert wizard.result.diagnosis.recommendation.kind != "new_venv"
    torch = wizard.result.snapshot.torch.get()
    assert torch is not None and torch.cuda == f"{rec.variant[2:-1]}.{rec.variant[-1]}"


@pytest.mark.skipif(not os.path.isfile(SYSTEM_PYTHON), reason=f"no system Python at {SYSTEM_PYTHON}")
def test_a_saved_report_offers_no_fixing(qtbot, index: LocalIndex, gpu_root: Path) -> None:
    """Read-only (a report from another machine): commands to tell the user, never buttons that change this one."""
    goal = Goal(want="cuda", torch_index=index.torch_base)
    snapshot = collector(gpu_root)(SYSTEM_PYTHON, lambda _s: None)
    diagnosis = diagnose(snapshot, goal=goal)
    wizard = SetupWizard(report=(snapshot, diagnosis), discover=None)
    qtbot.addWidget(wizard)
    summary = wizard.summary
    assert summary.fresh_env_button.isHidden() and summary.undo_button.isHidden()
    assert summary.create_env_button is None
    for card in cards(summary):
        assert not any(b.text() in ("Run this fix…", "Create a new environment…") for b in card.action_buttons)
