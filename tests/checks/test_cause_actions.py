"""A finding's actions fix its cause: a driver cause offers the driver, a search-path cause the environment
change, a visibility cause the variable; none of them offers reinstalling torch by default."""

from __future__ import annotations

import dataclasses

import pytest

from tests.checks import make_scenarios as ms
from tests.checks.test_scenarios import SCENARIOS, load
from wizard.engine import diagnose
from wizard.findings import ActionKind, Goal
from wizard.knowledge import load_knowledge
from wizard.snapshot import Fact

KB = load_knowledge()
DRIVER_OR_ENV = ("DRIVER_TOO_OLD", "DRIVER_MISSING", "WSL_DRIVER", "VISIBLE_DEVICES_MASK", "LIB_PATH_CONFLICT")


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_driver_and_environment_causes_never_start_with_a_reinstall(path):
    _, snapshot, goal = load(path)
    for item in diagnose(snapshot, KB, goal).findings:
        if item.code in DRIVER_OR_ENV and item.actions:
            assert "reinstall" not in item.actions[0].label.lower(), (item.code, item.actions[0])
            assert item.actions[0].kind is not ActionKind.RUN, (item.code, item.actions[0])


def test_pasted_driver_too_old_offers_the_driver_first():
    _, snapshot, goal = load(next(p for p in SCENARIOS if p.stem == "pasted_driver_too_old"))
    found = next(f for f in diagnose(snapshot, KB, goal).findings if f.code == "DRIVER_TOO_OLD")
    assert found.actions[0].kind is ActionKind.OPEN_URL and "nvidia.com" in found.actions[0].url


def test_a_shadowing_cuda_folder_is_taken_off_the_search_path_and_the_rest_kept():
    _, snapshot, goal = load(next(p for p in SCENARIOS if p.stem == "undefined_symbol_from_ld_library_path"))
    host = dataclasses.replace(snapshot.host.value, env=(("LD_LIBRARY_PATH", "/opt/intel/lib:/usr/local/cuda-12.1/lib64"),))
    snapshot = dataclasses.replace(snapshot, host=Fact.found(host))
    found = next(f for f in diagnose(snapshot, KB, goal).findings if f.code == "LIB_PATH_CONFLICT")
    assert [a.text for a in found.actions] == ["export LD_LIBRARY_PATH=/opt/intel/lib"]


def test_on_windows_the_path_keeps_its_other_folders():
    env = (("PATH", r"C:\Windows;C:\Program Files\NVIDIA GPU Computing Toolkit\CUDA\v12.1\bin"),)
    snap = ms.snapshot(host_fact=ms.host("windows", env=dict(env)), python_fact=ms.python(os="windows"))
    from wizard.checks.common import search_path_actions
    from wizard.checks.context import build_context
    from wizard.recommend import recommend

    ctx = build_context(snap, KB, Goal(), recommend(snap, KB, Goal()))
    assert [a.text for a in search_path_actions(ctx)] == [r'set "PATH=C:\Windows"']


def test_a_pasted_windows_dll_error_offers_the_vc_runtime_not_a_reinstall():
    from wizard.textdiag.build import snapshot_from_text

    pasted = (
        "  File \"C:\\Users\\li\\train.py\", line 1, in <module>\n    import torch\n"
        "OSError: [WinError 126] 找不到指定的模块。 Error loading "
        "\"C:\\Users\\li\\venv\\lib\\site-packages\\torch\\lib\\c10.dll\" or one of its dependencies.\n"
    )
    found = next(f for f in diagnose(snapshot_from_text(pasted), KB, Goal()).findings if f.code == "VCREDIST_MISSING")
    assert [(a.kind, a.url) for a in found.actions] == [(ActionKind.OPEN_URL, KB.url("vc_redist"))]
