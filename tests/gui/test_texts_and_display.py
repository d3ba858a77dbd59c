"""Pure texts (verdicts, commands, the plain report), the pre-Qt display check, and the core without PySide6."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from tsw_gui_fixtures import ALL_SITUATIONS, INSTALL_CU130, snapshot_cpu_machine

from wizard.findings import Goal, Recommendation, Step
from wizard.gui.display_check import XCB_PLUGIN_LIBRARIES, display_problem, missing_libraries, x_display_reachable
from wizard.gui.texts import (
    empty_step_note,
    format_command,
    not_applicable_reason,
    plain_text_report,
    recommendation_command,
    verdict,
)

REPO = Path(__file__).resolve().parents[2]


def situation(name: str):
    make_snapshot, make_diagnosis = ALL_SITUATIONS[name]
    return make_snapshot(), make_diagnosis()


def test_format_command_quotes_for_the_users_shell():
    argv = ["/home/a b/python", "-m", "pip", "install", "torch==2.13.0"]
    assert format_command(argv, windows=False) == "'/home/a b/python' -m pip install torch==2.13.0"
    assert format_command(argv, windows=True) == '"/home/a b/python" -m pip install torch==2.13.0'


def test_verdicts():
    assert verdict(*situation("healthy"), Goal()) == "PyTorch can use your NVIDIA GeForce RTX 4070"
    assert verdict(*situation("cpu-machine"), Goal()) == "PyTorch works on the CPU; no NVIDIA GPU found"
    assert verdict(*situation("no-driver"), Goal()) == "1 problem found — fix it and check again"
    snapshot, diagnosis = situation("cpu-build-on-gpu")
    doubled = type(diagnosis)(findings=diagnosis.findings * 2, recommendation=diagnosis.recommendation)
    assert verdict(snapshot, doubled, Goal()) == "2 problems found — fix the first one first"


def test_not_applicable_reasons():
    cpu_only = snapshot_cpu_machine()
    assert not_applicable_reason(Step.CUDNN, cpu_only, Goal()).startswith("Not needed here: cuDNN")
    assert not_applicable_reason(Step.DRIVER, cpu_only, Goal()) == ""
    gpu_machine, _ = situation("healthy")
    assert not_applicable_reason(Step.CUDNN, gpu_machine, Goal()) == ""
    assert "only matters when PyTorch uses the GPU" in not_applicable_reason(Step.TOOLKIT, gpu_machine, Goal(want="cpu"))


def test_a_pasted_text_that_names_no_gpu_is_not_said_to_have_found_none():
    from wizard.textdiag import snapshot_from_text

    pasted = snapshot_from_text("unable to execute '/usr/local/cuda/bin/nvcc': No such file or directory")
    assert not_applicable_reason(Step.TOOLKIT, pasted, Goal()) == ""
    assert not_applicable_reason(Step.CUDNN, pasted, Goal()) == ""


def test_an_empty_step_after_an_earlier_problem_says_so():
    _snapshot, diagnosis = situation("no-driver")
    assert empty_step_note(Step.CUDNN, diagnosis) == (
        "Nothing could be checked here yet: first fix the problem on the “GPU and driver” page.")
    assert empty_step_note(Step.DRIVER, diagnosis) == "Nothing to report for this step."


def test_plain_text_report_for_a_helpdesk_chat():
    text = plain_text_report(*situation("cpu-build-on-gpu"), Goal())
    assert text.splitlines()[0] == "Torch Setup Wizard: 1 problem found — fix it and check again"
    assert "Machine: lab-pc-07 (Ubuntu 24.04.1 LTS)" in text
    assert "[Problem] CPU_ONLY_WHEEL: PyTorch was installed without GPU support" in text
    assert f"    run: {format_command(INSTALL_CU130)}" in text
    assert text.rstrip().endswith(format_command(INSTALL_CU130))


def test_recommendation_command_lists_every_step():
    steps = (("python3", "-m", "venv", "env"), ("env/bin/python", "-m", "pip", "install", "torch"))
    new_venv = Recommendation(kind="new_venv", why="", steps=steps, argv=steps[-1])
    assert recommendation_command(new_venv) == "python3 -m venv env\nenv/bin/python -m pip install torch"
    assert recommendation_command(Recommendation(kind="none", why="")) == ""


def test_no_display_is_one_plain_message():
    message = display_problem({}, "linux")
    assert message.startswith("The wizard's window cannot open: no display found")
    assert "torch-setup-wizard check" in message
    assert display_problem({}, "win32") == ""
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux") == ""


def test_missing_xcb_libraries_name_the_debian_packages():
    def loader(name: str) -> object:
        if name in ("libxcb-cursor.so.0", "libxcb-icccm.so.4"):
            raise OSError(f"{name}: cannot open shared object file")
        return object()

    message = display_problem({"DISPLAY": ":0"}, "linux", load=loader, reachable=lambda _d: True)
    assert "sudo apt install libxcb-cursor0 libxcb-icccm4 " in message
    assert display_problem({"DISPLAY": ":0"}, "linux", load=lambda _n: object(), reachable=lambda _d: True) == ""
    unreachable = display_problem({"DISPLAY": ":7"}, "linux", load=lambda _n: object(), reachable=lambda _d: False)
    assert "cannot connect to the display ':7'" in unreachable


def test_real_library_probe_and_real_x_connection():
    assert missing_libraries(libraries={"libc.so.6": "libc6", "libtsw-no-such-lib.so.9": "nothing"}) == [
        "libtsw-no-such-lib.so.9"
    ]
    assert set(missing_libraries()) <= set(XCB_PLUGIN_LIBRARIES)
    assert x_display_reachable(":4711") is False  # no X server answers there


def test_gui_command_without_a_display_exits_2_with_the_message():
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run([sys.executable, "-m", "wizard", "gui"], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.startswith("torch-setup-wizard: The wizard's window cannot open: no display found")
    assert "Traceback" not in done.stderr and "qt.qpa" not in done.stderr
    assert done.stderr.count("\n") == 1


def test_gui_command_rejects_an_unreadable_report(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    bad = tmp_path / "r.json"
    bad.write_text("{ not json")
    done = subprocess.run([sys.executable, "-m", "wizard", "gui", "--open", str(bad)], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.startswith(f"torch-setup-wizard: {bad}: not JSON")


BLOCK_PYSIDE = textwrap.dedent("""
    import importlib, pkgutil, sys
    class Block:
        def find_spec(self, name, path=None, target=None):
            if name == "PySide6" or name.startswith(("PySide6.", "shiboken6")):
                raise ImportError("PySide6 is blocked: the core must not import it (" + name + ")")
    sys.meta_path.insert(0, Block())
    import wizard
    names = [m.name for m in pkgutil.walk_packages(wizard.__path__, "wizard.")]
    core = [n for n in names if not n.startswith("wizard.gui.") or n == "wizard.gui.display_check"]
    # wizard.probe.* are scripts the *target* interpreter runs, not modules of this process.
    core = [n for n in core if n != "wizard.__main__" and not n.startswith("wizard.probe.")]
    for name in core:
        try:
            importlib.import_module(name)
        except Exception as exc:  # a module still being written elsewhere must not hide a PySide6 import
            if "PySide6 is blocked" in str(exc):
                raise
            print("not importable (not our concern here):", name, exc, file=sys.stderr)
    assert not any(m.startswith("PySide6") for m in sys.modules)
    print(len(core))
""")


def test_the_core_imports_without_pyside6():
    done = subprocess.run([sys.executable, "-c", BLOCK_PYSIDE], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert int(done.stdout) > 10


def test_gui_command_rejects_a_bad_course_profile(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    profile = tmp_path / "course.toml"
    profile.write_text("[course\n")
    done = subprocess.run([sys.executable, "-m", "wizard", "gui", "--profile", str(profile)], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "not valid TOML" in done.stderr and "Traceback" not in done.stderr


def test_gui_command_paints_the_first_page_and_exits(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TSW_BENCH_FIRST_PAINT": "1"}
    done = subprocess.run([sys.executable, "-m", "wizard", "gui", "--python", sys.executable], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-1000:]
    assert done.stdout.startswith("first-paint ")
