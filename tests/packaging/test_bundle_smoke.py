"""Smoke test of the FROZEN Linux bundle: the CLI, a real check of another interpreter, the GUI.

Builds (or reuses, see conftest.py) the PyInstaller bundle and runs its executables as a user would.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

import wizard
from wizard.report.json_report import REPORT_SCHEMA, load_report

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux bundle"),
]

CLI = "torch-setup-wizard"
GUI = "torch-setup-wizard-gui"
# Libraries PyInstaller deliberately leaves to the user's system (they belong to the display
# server and the graphics driver); a kept plugin may need them, the bundle must not carry them.
HOST_LIBRARY_PREFIXES = ("libwayland-", "libGL", "libEGL", "libOpenGL", "libGLX", "libdrm", "libgbm", "libvulkan")


def run_frozen(bundle: Path, exe: str, *args: str, env: dict[str, str] | None = None,
               timeout: float = 180) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(bundle / exe), *args], capture_output=True, text=True, timeout=timeout,
                          env=env if env is not None else clean_env())


def clean_env(**extra: str) -> dict[str, str]:
    """This session's environment without the variables a test wants to control itself."""
    env = {k: v for k, v in os.environ.items() if k not in ("LD_LIBRARY_PATH", "QT_PLUGIN_PATH", "TSW_RESOURCES")}
    env.update(extra)
    return env


def internal(bundle: Path) -> Path:
    return bundle / "_internal"


def test_version_comes_from_the_frozen_app(frozen_bundle: Path) -> None:
    done = run_frozen(frozen_bundle, CLI, "--version", timeout=30)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"torch-setup-wizard {wizard.__version__} (knowledge checked ")
    assert "unknown" not in done.stdout  # the knowledge files were found inside the bundle


def test_check_of_the_torch_venv_gives_a_valid_report(frozen_bundle: Path, torch_python: str) -> None:
    done = run_frozen(frozen_bundle, CLI, "check", "--python", torch_python, "--json")
    assert done.returncode in (0, 1), done.stderr
    data = json.loads(done.stdout)
    assert data["schema"] == REPORT_SCHEMA
    snapshot, diagnosis = load_report(done.stdout)  # the same schema the unfrozen wizard reads
    assert snapshot.python.value is not None
    assert snapshot.python.value.executable == torch_python  # the TARGET ran the probe, not the bundle
    assert snapshot.torch.value is not None, snapshot.torch.problem
    assert snapshot.torch.value.version == "2.13.0+cpu"
    assert diagnosis.findings, "a check always reports findings"
    codes = {finding.code for finding in diagnosis.findings}
    assert "TORCH_OK" in codes
    host_env = dict(snapshot.host.value.env)
    assert all(str(frozen_bundle) not in value for value in host_env.values()), host_env


def test_check_of_python_2_runs_the_probe_in_that_interpreter(frozen_bundle: Path, require_pyenv) -> None:
    python27 = require_pyenv("2.7")
    done = run_frozen(frozen_bundle, CLI, "check", "--python", python27, "--json", "--no-import")
    assert done.returncode == 1, done.stderr  # an error finding: PyTorch does not support Python 2
    snapshot, diagnosis = load_report(done.stdout)
    assert snapshot.python.value.version.startswith("2.7")
    assert "PYTHON_UNSUPPORTED" in {finding.code for finding in diagnosis.findings}


def test_programs_it_starts_get_the_users_environment(frozen_bundle: Path, tmp_path: Path) -> None:
    """The bootloader's LD_LIBRARY_PATH and the Qt hook's QT_PLUGIN_PATH must not reach the target."""
    log = tmp_path / "seen.txt"
    wrapper = tmp_path / "python"
    wrapper.write_text(
        "#!/bin/sh\n"
        f'printf "%s|%s\\n" "${{LD_LIBRARY_PATH-unset}}" "${{QT_PLUGIN_PATH-unset}}" >> "{log}"\n'
        f'exec "{sys.executable}" "$@"\n'
    )
    wrapper.chmod(0o755)
    for users_value, expected in (("/opt/tsw-user-lib", "/opt/tsw-user-lib|unset"), (None, "unset|unset")):
        log.unlink(missing_ok=True)
        env = clean_env() if users_value is None else clean_env(LD_LIBRARY_PATH=users_value)
        done = run_frozen(frozen_bundle, CLI, "check", "--python", str(wrapper), "--json", "--no-import", env=env)
        assert done.returncode in (0, 1), done.stderr
        seen = set(log.read_text().splitlines())
        assert seen == {expected}
        snapshot, _ = load_report(done.stdout)
        assert dict(snapshot.host.value.env).get("LD_LIBRARY_PATH") == users_value


def test_bundle_carries_probe_sources_and_resources(frozen_bundle: Path) -> None:
    probe = internal(frozen_bundle) / "wizard" / "probe"
    for name in ("probe_entry.py", "probe_static.py", "probe_live.py", "probe_dists.py"):
        assert (probe / name).is_file(), name
    assert not (probe / "__pycache__").exists()
    resources = internal(frozen_bundle) / "resources"
    assert (resources / "knowledge" / "releases.json").is_file()
    assert (resources / "icons" / "torch-setup-wizard.svg").is_file()
    assert (frozen_bundle / "share" / "applications" / "torch-setup-wizard.desktop").is_file()
    assert os.access(frozen_bundle / "install-user.sh", os.X_OK)


def test_unused_qt_parts_are_left_out(frozen_bundle: Path) -> None:
    qt = internal(frozen_bundle) / "PySide6" / "Qt"
    plugins = {p.relative_to(qt / "plugins").as_posix() for p in (qt / "plugins").rglob("*.so")}
    for needed in ("platforms/libqoffscreen.so", "platforms/libqxcb.so", "platforms/libqwayland.so",
                   "imageformats/libqsvg.so", "iconengines/libqsvgicon.so",
                   "wayland-shell-integration/libxdg-shell.so"):
        assert needed in plugins
    for unused in ("platforms/libqeglfs.so", "platforms/libqvnc.so", "platforms/libqlinuxfb.so",
                   "platformthemes/libqgtk3.so", "imageformats/libqjpeg.so"):
        assert unused not in plugins
    kept_translations = sorted(p.name for p in (qt / "translations").iterdir())  # Qt's words, shipped languages
    assert kept_translations == sorted(f"qtbase_{c}.qm" for c in ("zh_CN", "es", "pt_BR", "ja", "ko", "de", "fr"))
    names = {p.name for p in internal(frozen_bundle).iterdir()}
    assert not any(n.startswith(("libcairo", "libpango", "libgtk", "libQt6Quick", "libQt6Qml")) for n in names)


def test_kept_plugins_find_their_libraries(frozen_bundle: Path) -> None:
    if not shutil.which("ldd"):
        pytest.skip("no ldd")
    qt = internal(frozen_bundle) / "PySide6" / "Qt"
    env = clean_env(LD_LIBRARY_PATH=str(internal(frozen_bundle)))  # what the bootloader sets
    missing: dict[str, list[str]] = {}
    for plugin in sorted((qt / "plugins").rglob("*.so")):
        out = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, env=env, timeout=30).stdout
        lost = [line.split()[0] for line in out.splitlines() if "not found" in line]
        lost = [name for name in lost if not name.startswith(HOST_LIBRARY_PREFIXES)]
        if lost:
            missing[plugin.name] = lost
    assert not missing, f"libraries neither in the bundle nor on this system: {missing}"


def test_gui_paints_its_first_page_offscreen(frozen_bundle: Path, torch_python: str) -> None:
    env = clean_env(QT_QPA_PLATFORM="offscreen", TSW_BENCH_FIRST_PAINT="1", QT_DEBUG_PLUGINS="1")
    done = run_frozen(frozen_bundle, GUI, "--python", torch_python, env=env, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    assert any(line.startswith("first-paint ") for line in done.stdout.splitlines()), done.stdout
    assert "iconengines/libqsvgicon.so\" loaded library" in done.stderr  # the SVG icons really load


def test_gui_opens_a_window_on_x11(frozen_bundle: Path, tmp_path: Path) -> None:
    xvfb = shutil.which("Xvfb")
    if not xvfb:
        pytest.skip("no Xvfb on this machine (apt install xvfb)")
    read_end, write_end = os.pipe()
    server = subprocess.Popen([xvfb, "-displayfd", str(write_end), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                              pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_end)
    try:
        with os.fdopen(read_end) as display_pipe:
            display = display_pipe.readline().strip()
        assert display, "Xvfb did not report a display number"
        env = clean_env(DISPLAY=f":{display}", TSW_BENCH_FIRST_PAINT="1", QT_DEBUG_PLUGINS="1")
        env.pop("QT_QPA_PLATFORM", None)
        env.pop("WAYLAND_DISPLAY", None)
        done = run_frozen(frozen_bundle, GUI, env=env, timeout=60)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=10)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "platforms/libqxcb.so\" loaded library" in done.stderr
    assert any(line.startswith("first-paint ") for line in done.stdout.splitlines())


def test_ci_smoke_script_passes_on_the_frozen_bundle(frozen_bundle: Path, torch_python: str) -> None:
    """packaging/smoke_test.py, which CI runs on every installer, against the real frozen app."""
    script = Path(__file__).resolve().parents[2] / "packaging" / "smoke_test.py"
    done = subprocess.run([sys.executable, str(script), "--app-dir", str(frozen_bundle), "--python", torch_python,
                           "--torch-version", "2.13.0"], capture_output=True, text=True, timeout=600,
                          env=clean_env(QT_QPA_PLATFORM="offscreen"))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "TORCH_OK" in done.stdout and done.stdout.rstrip().endswith("smoke test passed")
