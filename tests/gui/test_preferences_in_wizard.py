"""The PyTorch mirror set in Preferences reaches the recommendation; --torch-index still wins."""

from __future__ import annotations

from wizard.findings import Goal
from wizard.gui.preferences import set_torch_index_preference, torch_index_preference
from wizard.gui.wizard import SetupWizard

MIRROR = "https://mirror.example.edu/pytorch/whl"


def test_saved_mirror_becomes_the_goal_and_the_recommendation_uses_it(qtbot) -> None:
    from tsw_gui_fixtures import snapshot_cpu_build_on_gpu

    from wizard.engine import diagnose

    set_torch_index_preference(MIRROR + "/")
    assert torch_index_preference() == MIRROR
    wizard = SetupWizard(discover=None)
    qtbot.addWidget(wizard)
    assert wizard.goal.torch_index == MIRROR
    assert wizard.welcome.preferences_button.isVisible() or not wizard.isVisible()
    recommendation = diagnose(snapshot_cpu_build_on_gpu(), goal=wizard.goal).recommendation
    assert recommendation.index_url.startswith(MIRROR + "/")


def test_command_line_index_wins_over_the_saved_one(qtbot) -> None:
    set_torch_index_preference(MIRROR)
    wizard = SetupWizard(goal=Goal(torch_index="http://127.0.0.1:9/whl"), discover=None)
    qtbot.addWidget(wizard)
    assert wizard.goal.torch_index == "http://127.0.0.1:9/whl"


def test_resetting_the_preference_gives_the_default_back(qtbot) -> None:
    set_torch_index_preference(MIRROR)
    set_torch_index_preference("")
    wizard = SetupWizard(discover=None)
    qtbot.addWidget(wizard)
    assert wizard.goal.torch_index == Goal().torch_index
    wizard.set_torch_index(MIRROR)
    assert wizard.goal.torch_index == MIRROR
