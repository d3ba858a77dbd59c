""""Upgrade pip first" end to end: a Python 3.7 venv with pip 22.0.4 (too old to preview) gets a newer pip from the
local index (a real pip wheel from the interpreters' ensurepip bundles), then the preview and the fix run."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixing_envs import CPU_SET, freeze, make_venv
from gui_fixing_support import offline_pip_wheel, serve_pip_wheel
from local_index import LocalIndex
from test_fix_command import CPU_ONLY, cpu_only_checks, cu130_recommendation

from wizard.facts.collect import collect_snapshot
from wizard.findings import Action, Diagnosis, Goal
from wizard.gui.fix_dialog import FixDialog


def collect_static(python: str, _progress=None):
    return collect_snapshot(python, live_import=False, timeout=60.0)


def test_upgrade_pip_first_then_fix(qtbot, require_pyenv, index: LocalIndex, tmp_path: Path) -> None:
    python37 = require_pyenv("3.7")
    wheel = offline_pip_wheel()
    if wheel is None:
        pytest.skip("no pip wheel between 22.2 and 24.0 is available offline (no ensurepip bundle has one)")
    new_pip = serve_pip_wheel(index, wheel)
    python = make_venv(tmp_path / "py37", index, CPU_SET, python=python37)
    assert "pip==22.0.4" in freeze(python)
    goal = Goal(want="cuda", torch_index=index.torch_base)
    rec = cu130_recommendation(python, goal)
    dialog = FixDialog(None, Action.run(rec.why, rec.argv), python, index.torch_base, snapshot=collect_static(python),
                       diagnosis=Diagnosis((CPU_ONLY,), rec), goal=goal, collect=collect_static,
                       diagnose=cpu_only_checks)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.plan is not None or "will not run" in dialog.plan_view.toPlainText(), timeout=60_000)
    assert dialog.plan is not None, dialog.plan_view.toPlainText()
    assert dialog.plan.pip_too_old and dialog.upgrade_pip_button.isVisible()
    assert "Your pip (22.0.4) is too old" in dialog.warning_label.text()

    dialog.upgrade_pip_button.click()
    qtbot.waitUntil(lambda: dialog.plan.previewed, timeout=120_000)
    assert dialog.session.identity.pip_version == new_pip and f"pip=={new_pip}" in freeze(python)
    assert f"Successfully installed pip-{new_pip}" in dialog.log_view.toPlainText()
    assert not dialog.upgrade_pip_button.isVisible() and not dialog.warning_label.isVisible()
    assert "torch 2.13.0+cpu → 2.13.0+cu130" in dialog.plan_view.toPlainText()
    assert dialog.run_button.isEnabled()

    dialog.run_button.click()
    qtbot.waitUntil(lambda: "Before → after" in dialog.result_label.text(), timeout=120_000)
    assert "torch 2.13.0+cpu (CPU only) → torch 2.13.0+cu130 (CUDA 13.0)" in dialog.result_label.text()
    assert "The problem is gone" in dialog.result_label.text()
    assert "torch==2.13.0+cu130" in freeze(python)
