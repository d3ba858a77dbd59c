"""Render the wizard's pages to docs/screenshots/*.png (offscreen), from real diagnoses.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/render_screenshots.py [--out docs/screenshots]

Every situation is a scenario snapshot (tests/checks/scenarios/*.json) or a pasted error text
(tests/textdiag/corpus/*.txt) run through the real engine (wizard.engine.diagnose), shown by the
real wizard: nothing on these pictures is hand-written. Rendered: the three README situations
(a CPU build of torch on a GPU machine, an NVIDIA GPU without a driver, a healthy machine) page
by page, an externally-managed system Python, a pasted error, a saved report opened read-only,
the page shown while a check runs (and after 3 s, what it waits for), the Welcome page with the example course profile, the class
overview of a folder of reports, and two pages in a dark palette. With --languages (or as part of
the full run): Welcome, a step page with an error and the Summary in Chinese, Spanish and German
(lang-<code>-*.png), with Qt's own translations installed as the wizard does; in German and pseudo also the
share and new-environment dialogs.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
SCENARIOS = REPO / "tests" / "checks" / "scenarios"
CORPUS = REPO / "tests" / "textdiag" / "corpus"
SIZE = (900, 680)
PAGE_NAMES = ("welcome", "driver", "toolkit", "cudnn", "python", "pytorch", "summary")


@dataclass(frozen=True)
class Situation:
    """A picture series: ``name``-<page>.png for each page in ``pages``, from one scenario file."""

    name: str
    scenario: str
    pages: tuple[str, ...] = PAGE_NAMES


SITUATIONS = (
    Situation("cpu-build-on-gpu", "cpu_wheel_on_rtx4070"),
    Situation("no-driver", "driver_not_installed"),
    Situation("healthy", "healthy_cuda_linux"),
    Situation("system-python", "ubuntu_system_python_with_gpu", ("python", "summary")),
)
PASTED_TEXT = "038-torch-not-compiled-cuda-smi.txt"  # "Torch not compiled with CUDA enabled" + nvidia-smi
POSSIBLE_CAUSE_TEXT = "222-zh-found-no-driver-warning-no-gpu-ltp.txt"  # "Found no NVIDIA driver", nothing else known
CANNOT_TELL_TEXT = "306-colab-assert-cuda-not-available-runtime.txt"  # only is_available() False, no platform shown
LIKELY_CAUSE_TEXT = "548-ja-sbv2-windows-cuda-false-python-session.txt"  # only is_available() False on Windows
READ_ONLY_SCENARIO = "cpu_wheel_on_rtx4070"
DARK_SCENARIO = "cpu_wheel_on_rtx4070"


def load_scenario(name: str):
    """(snapshot, goal) of tests/checks/scenarios/<name>.json."""
    from wizard.findings import Goal
    from wizard.snapshot import Snapshot, from_data

    data = json.loads((SCENARIOS / f"{name}.json").read_text(encoding="utf-8"))
    return from_data(Snapshot, data["snapshot"]), Goal(want=data.get("goal", {}).get("want", "auto"))


def diagnose(snapshot, goal):
    from wizard.engine import diagnose as engine_diagnose

    return engine_diagnose(snapshot, goal=goal)


def load_module(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def wait_until(app, condition: Callable[[], bool], seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the wizard did not get there in time")
        app.processEvents()
        time.sleep(0.005)


def grab(window, path: Path, app) -> None:
    for _ in range(5):
        app.processEvents()
    window.grab().save(str(path))
    print(path.relative_to(REPO) if path.is_relative_to(REPO) else path)


def interpreter_choice(snapshot, path: str):
    """How discovery would list the scenario's interpreter (the path is ours: the wizard checks that it exists)."""
    from wizard.gui.wizard import PythonChoice

    python = snapshot.python.value
    torch = next((d.version for d in python.distributions if d.name == "torch"), "") if python else ""
    label = f"{python.prefix} ({python.env_kind or 'Python'})" if python else path
    return PythonChoice(path=path, version=python.version if python else "", label=label, has_torch=bool(torch),
                        torch_version=torch)


def live_wizard(snapshot, goal, app, size=SIZE):
    """A wizard whose check 'collects' the scenario snapshot and runs the real engine on it."""
    from wizard.gui.wizard import SetupWizard

    choice = interpreter_choice(snapshot, sys.executable)
    window = SetupWizard(python=sys.executable, goal=goal, collect=lambda _python, _progress: snapshot,
                         diagnose=diagnose, discover=lambda: [choice])
    window.resize(*size)
    window.show()
    wait_until(app, lambda: window.welcome.python_combo.itemText(0) != sys.executable)
    return window


def render_situation(situation: Situation, out: Path, app) -> None:
    snapshot, goal = load_scenario(situation.scenario)
    window = live_wizard(snapshot, goal, app)
    if "welcome" in situation.pages:
        grab(window, out / f"{situation.name}-welcome.png", app)
    window.next()
    wait_until(app, lambda: window.result is not None and not window.checking)
    for page_name in PAGE_NAMES[1:]:
        if page_name in situation.pages:
            grab(window, out / f"{situation.name}-{page_name}.png", app)
        window.next()
    window.close()


def render_checking(out: Path, app) -> None:
    from wizard.gui.wizard import SetupWizard

    snapshot, goal = load_scenario("healthy_cuda_linux")
    release = threading.Event()

    def slow_collect(_python, progress):
        progress("Importing PyTorch in your environment…")
        release.wait(30)
        return snapshot

    window = SetupWizard(python=sys.executable, goal=goal, collect=slow_collect, diagnose=diagnose, discover=None)
    window.resize(*SIZE)
    window.show()
    window.next()
    page = window.currentPage()
    wait_until(app, lambda: page.busy is not None and page.busy.stage.text().startswith("Importing"))
    grab(window, out / "checking-driver.png", app)
    wait_until(app, lambda: "Still waiting" in page.busy.stage.text())  # after 3 s: what it waits for, Stop
    grab(window, out / "checking-waiting.png", app)
    release.set()
    wait_until(app, lambda: not window.checking)
    window.close()


def render_report(snapshot, diagnosis, origin: str, prefix: str, pages: dict[int, str], out: Path, app) -> None:
    """A read-only wizard over (snapshot, diagnosis); ``pages`` maps page ids to picture names."""
    from wizard.gui.wizard import SetupWizard

    window = SetupWizard(report=(snapshot, diagnosis), origin=origin, discover=None)
    window.resize(*SIZE)
    window.show()
    for page_id in range(max(pages) + 1):
        if page_id in pages:
            grab(window, out / f"{prefix}-{pages[page_id]}.png", app)
        window.next()
    window.close()


def render_read_only(out: Path, app) -> None:
    snapshot, goal = load_scenario(READ_ONLY_SCENARIO)
    render_report(snapshot, diagnose(snapshot, goal), "", "report", {0: "welcome", 5: "pytorch", 6: "summary"},
                  out, app)


def render_pasted_error(out: Path, app) -> None:
    """What "I have an error message…" shows for a pasted traceback + nvidia-smi header."""
    from wizard.findings import Goal
    from wizard.textdiag import snapshot_from_text

    snapshot = snapshot_from_text((CORPUS / PASTED_TEXT).read_text(encoding="utf-8"))
    render_report(snapshot, diagnose(snapshot, Goal()), "From the text you pasted", "pasted-error",
                  {0: "welcome", 5: "pytorch", 6: "summary"}, out, app)


def render_possible_cause(out: Path, app) -> None:
    """A pasted message of two causes: the likelier one as the error, the other as "Also possible"."""
    from wizard.findings import Goal
    from wizard.textdiag import snapshot_from_text

    snapshot = snapshot_from_text((CORPUS / POSSIBLE_CAUSE_TEXT).read_text(encoding="utf-8"))
    render_report(snapshot, diagnose(snapshot, Goal()), "From the text you pasted", "pasted-possible",
                  {1: "driver", 6: "summary"}, out, app)


def render_cannot_tell(out: Path, app) -> None:
    """Only "is_available() False": cannot tell yet, with the possible causes and the question that settles it."""
    from wizard.findings import Goal
    from wizard.textdiag import goal_for_text, snapshot_from_text

    snapshot = snapshot_from_text((CORPUS / CANNOT_TELL_TEXT).read_text(encoding="utf-8"))
    render_report(snapshot, diagnose(snapshot, goal_for_text(snapshot, Goal())), "From the text you pasted",
                  "pasted-cannot-tell", {6: "summary"}, out, app)


def render_likely_cause(out: Path, app) -> None:
    """Only "is_available() False" on Windows: the CPU-only build as the likeliest cause, the driver as also possible."""
    from wizard.findings import Goal
    from wizard.textdiag import goal_for_text, snapshot_from_text

    snapshot = snapshot_from_text((CORPUS / LIKELY_CAUSE_TEXT).read_text(encoding="utf-8"))
    render_report(snapshot, diagnose(snapshot, goal_for_text(snapshot, Goal())), "From the text you pasted",
                  "pasted-likely", {1: "driver", 5: "torch", 6: "summary"}, out, app)


def render_course_welcome(out: Path, app) -> None:
    from wizard.findings import Goal
    from wizard.gui.wizard import PythonChoice, SetupWizard
    from wizard.profile import load_profile

    profile = load_profile(REPO / "docs" / "examples" / "course-profile.toml")
    choices = [PythonChoice(path=sys.executable, version="3.12.3", label="~/dl101 (venv)", has_torch=False)]
    window = SetupWizard(python=sys.executable, goal=Goal(want=profile.want, profile=profile), discover=lambda: choices)
    window.resize(*SIZE)
    window.show()
    wait_until(app, lambda: "dl101" in window.welcome.python_combo.itemText(0))
    grab(window, out / "course-welcome.png", app)
    window.close()


def places_layout(root: Path) -> tuple[dict[str, str], Path]:
    """A student's machine on disk (env, working folder): venvs made for real, a torch dist-info in one, kernel.json
    files as `python -m ipykernel install --user` writes them, a conda install with the pytorch channel's cpuonly
    records (tests/conda_layouts.py), and a uv project with its .venv, pyproject.toml and uv.lock."""
    import subprocess

    sys.path.insert(0, str(REPO))
    from tests.conda_layouts import make_env, make_installation, pytorch_channel_cpu_records

    home = root / "student"

    def venv(folder: Path, torch: str = "", uv: str = "") -> Path:
        subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder)], check=True, timeout=300)
        if torch:
            site = next(folder.glob("lib/python3*/site-packages"))
            (site / f"torch-{torch}.dist-info").mkdir()
        if uv:
            cfg = folder / "pyvenv.cfg"
            cfg.write_text(cfg.read_text(encoding="utf-8") + f"uv = {uv}\n", encoding="utf-8")
        return folder / "bin" / "python3"

    terminal = venv(home / ".venv", torch="2.13.0+cpu")
    course = venv(home / "venvs" / "dl101")
    for name, display, python in (("dl101", "DL 101", course), ("python3", "Python 3 (ipykernel)", terminal)):
        spec = home / ".local/share/jupyter/kernels" / name / "kernel.json"
        spec.parent.mkdir(parents=True)
        spec.write_text(json.dumps({"argv": [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                                    "display_name": display, "language": "python",
                                    "metadata": {"debugger": True}}, indent=1), encoding="utf-8")
    make_env(make_installation(home), "pytorch-old", pytorch_channel_cpu_records(), home=home)
    project = home / "thesis"
    project.mkdir()
    (project / "pyproject.toml").write_text(
        '[project]\nname = "thesis"\nversion = "0.1.0"\nrequires-python = ">=3.10"\ndependencies = ["torch>=2.9"]\n\n'
        '[tool.uv.sources]\ntorch = [{ index = "pytorch-cu130" }]\n\n'
        '[[tool.uv.index]]\nname = "pytorch-cu130"\nurl = "https://download.pytorch.org/whl/cu130"\nexplicit = true\n',
        encoding="utf-8")
    (project / "uv.lock").write_text(
        'version = 1\nrequires-python = ">=3.10"\n\n[[package]]\nname = "torch"\nversion = "2.13.0+cu130"\n'
        'source = { registry = "https://download.pytorch.org/whl/cu130" }\n', encoding="utf-8")
    venv(project / ".venv", uv="0.9.7")
    env = {"HOME": str(home), "PATH": str(terminal.parent)}
    return env, project


def render_places_welcome(out: Path, app) -> None:
    """Welcome listing notebook kernels, conda environments and a uv project, found by the real discovery."""
    from wizard.facts.places import collect_places
    from wizard.findings import Goal
    from wizard.gui.wizard import PythonChoice, SetupWizard

    root = Path(tempfile.mkdtemp(prefix="tsw-"))
    try:
        env, project = places_layout(root)
        places = collect_places(env=env, cwd=project, os_name="linux")
        choices = [PythonChoice(path=sys.executable, version="3.12.3", label="~/.venv (venv) - torch 2.13.0+cpu",
                                has_torch=True)]
        window = SetupWizard(python=sys.executable, goal=Goal(), discover=lambda: choices, places=lambda: places)
        window.resize(SIZE[0], 860)
        window.show()
        wait_until(app, lambda: window.welcome.places_box.isVisible())
        grab(window, out / "places-welcome.png", app)
        window.close()
    finally:
        shutil.rmtree(root, ignore_errors=True)


def render_overview(out: Path, app) -> None:
    from PySide6.QtCore import Qt

    from wizard.gui.overview_window import OverviewWindow

    reports = load_module("tsw_overview_reports", REPO / "tests" / "overview" / "reports.py")
    with tempfile.TemporaryDirectory() as folder:
        reports.write_class_folder(Path(folder))
        window = OverviewWindow()
        window.load_folder(Path(folder))
        window.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)  # machines with a root cause first
        window.show()
        grab(window, out / "overview.png", app)
        window.close()


def dark_palette():
    """A dark palette like the ones desktop themes set (every role the wizard's widgets use)."""
    from PySide6.QtGui import QColor, QPalette

    palette = QPalette()
    roles = QPalette.ColorRole
    colours = {
        roles.Window: "#2b2b2b", roles.WindowText: "#e6e6e6", roles.Base: "#1f1f1f", roles.AlternateBase: "#333333",
        roles.ToolTipBase: "#3a3f4b", roles.ToolTipText: "#f0f0f0", roles.Text: "#e6e6e6", roles.Button: "#3a3a3a",
        roles.ButtonText: "#e6e6e6", roles.BrightText: "#ff6b6b", roles.Link: "#7ab7ff", roles.Highlight: "#2f65ca",
        roles.HighlightedText: "#ffffff", roles.PlaceholderText: "#9a9a9a", roles.Light: "#505050",
        roles.Midlight: "#404040", roles.Mid: "#303030", roles.Dark: "#202020", roles.Shadow: "#101010",
    }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a7a7a"))
    return palette


def render_dark(out: Path, app) -> None:
    original = app.palette()
    app.setPalette(dark_palette())
    try:
        snapshot, goal = load_scenario(DARK_SCENARIO)
        window = live_wizard(snapshot, goal, app)
        window.next()
        wait_until(app, lambda: window.result is not None and not window.checking)
        for _ in range(4):
            window.next()
        grab(window, out / "dark-pytorch.png", app)
        window.next()
        grab(window, out / "dark-summary.png", app)
        window.close()
    finally:
        app.setPalette(original)


LANGUAGE_SHOTS = ("zh_CN", "es", "de", "pseudo")  # pseudo: 40 % longer, accented (layout check)
LANGUAGE_SCENARIO = "driver_not_installed"  # an error on the GPU and driver page


def render_language(locale: str, out: Path, app) -> None:
    snapshot, goal = load_scenario(LANGUAGE_SCENARIO)
    window = live_wizard(snapshot, goal, app)
    grab(window, out / f"lang-{locale}-welcome.png", app)
    window.next()
    wait_until(app, lambda: window.result is not None and not window.checking)
    grab(window, out / f"lang-{locale}-driver.png", app)
    while window.currentPage() is not window.summary:
        window.next()
    grab(window, out / f"lang-{locale}-summary.png", app)
    window.close()


DIALOG_SHOTS = ("pseudo", "de")  # the dialogs besides the pages: every word from the catalogs (pseudo: all accented)
DIALOG_SCENARIO = "ubuntu_system_python_with_gpu"  # its recommendation is a new environment


def render_dialogs(locale: str, out: Path, app) -> None:
    """The share dialog and the new-environment dialog (lang-<code>-export.png, lang-<code>-new-env.png)."""
    from wizard.gui.export_dialog import ExportDialog
    from wizard.gui.fresh_env_dialog import FreshEnvDialog

    snapshot, goal = load_scenario(DIALOG_SCENARIO)
    diagnosis = diagnose(snapshot, goal)
    export = ExportDialog(None, snapshot, diagnosis, live=True)
    export.resize(*SIZE)
    export.show()
    grab(export, out / f"lang-{locale}-export.png", app)
    export.close()
    fresh = FreshEnvDialog(None, sys.executable, diagnosis.recommendation)
    fresh.resize(*SIZE)
    fresh.show()
    wait_until(app, lambda: fresh.ready is not None)
    grab(fresh, out / f"lang-{locale}-new-env.png", app)
    fresh.close()


def render_languages(out: Path, app, locales: tuple[str, ...] = LANGUAGE_SHOTS) -> None:
    from wizard import i18n
    from wizard.gui.translations import install_qt_translator

    try:
        for locale in locales:
            i18n.set_locale(locale)
            install_qt_translator(app, locale)
            render_language(locale, out, app)
            if locale in DIALOG_SHOTS:
                render_dialogs(locale, out, app)
    finally:
        i18n.set_locale(i18n.SOURCE_LOCALE)
        install_qt_translator(app, i18n.SOURCE_LOCALE)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--languages", action="store_true", help="only the pages in other languages")
    args = parser.parse_args(argv)
    from PySide6.QtCore import QSettings

    from wizard.gui.app import make_application

    app = make_application()
    app.setStyle("Fusion")  # the same look on every machine that renders these
    settings_dir = Path(tempfile.mkdtemp(prefix="tsw-screenshots-"))  # never the user's real settings
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(settings_dir))
    args.out.mkdir(parents=True, exist_ok=True)
    try:
        if args.languages:
            render_languages(args.out, app)
            return 0
        for situation in SITUATIONS:
            render_situation(situation, args.out, app)
        render_checking(args.out, app)
        render_read_only(args.out, app)
        render_pasted_error(args.out, app)
        render_possible_cause(args.out, app)
        render_cannot_tell(args.out, app)
        render_likely_cause(args.out, app)
        render_course_welcome(args.out, app)
        render_places_welcome(args.out, app)
        render_overview(args.out, app)
        render_dark(args.out, app)
        render_languages(args.out, app)
    finally:
        shutil.rmtree(settings_dir, ignore_errors=True)
        for window in app.topLevelWidgets():
            window.deleteLater()
        app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
