"""Issue #16 end to end: real kernelspecs (real ipykernel), real uv venvs and a uv project (real uv), conda layouts.

Every run goes through the command line (wizard.cli.main) with this test's HOME, Jupyter data folder, PATH and
working folder, and PyTorch stand-ins from the local index; nothing outside tmp_path is changed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from local_index import LocalIndex, pip_env

from tests.conda_layouts import make_env, make_installation, pytorch_channel_cpu_records
from tests.conftest import add_site
from wizard.cli import main
from wizard.facts.places import ask

pytestmark = pytest.mark.slow


def venv(folder: Path, pip: bool = True) -> str:
    args = [sys.executable, "-m", "venv", str(folder)] + ([] if pip else ["--without-pip"])
    subprocess.run(args, check=True, timeout=300)
    return str(folder / "bin" / "python3") if os.name != "nt" else str(folder / "Scripts" / "python.exe")


def install_stand_in_torch(python: str, index: LocalIndex) -> None:
    """The torch stand-in from the local index, by this test run's pip (`pip --python`): the venv needs no pip of its own."""
    subprocess.run([sys.executable, "-m", "pip", "--python", python, "install", "-q", "torch==2.13.0+cpu",
                    "--index-url", f"{index.torch_base}/cpu"], check=True, timeout=300, env=pip_env())


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A HOME, Jupyter data folder and working folder of this test's own."""
    home = tmp_path / "home"
    (home / "work").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(home / "jupyter"))
    for name in ("JUPYTER_PATH", "VIRTUAL_ENV", "CONDA_PREFIX", "CONDA_EXE", "CONDA_ENVS_PATH", "XDG_DATA_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(home / "work")
    return home


def put_first_on_path(monkeypatch: pytest.MonkeyPatch, *folders: str) -> None:
    monkeypatch.setenv("PATH", os.pathsep.join([*folders, os.environ.get("PATH", "")]))


def run_cli(capsys: pytest.CaptureFixture, *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    print(captured.out + captured.err)  # shown when a test fails
    return code, "".join((captured.out + captured.err).split())  # wrapped lines (even inside paths) read as one


def has(out: str, text: str) -> bool:
    """Whether the output says ``text``, however the report wrapped its lines."""
    return "".join(text.split()) in out


COURSE = '[course]\nname = "Course"\n[torch]\nversion = "==2.13.0"\n'


PROFILE = [""]


@pytest.fixture(autouse=True)
def course_profile(tmp_path: Path) -> None:
    """The local index serves torch 2.13.0 stand-ins: a course profile pins that release (the knowledge has newer)."""
    path = tmp_path / "course.toml"
    path.write_text(COURSE, encoding="utf-8")
    PROFILE[0] = str(path)


def register_kernel(python: str, name: str, display: str) -> Path:
    """`python -m ipykernel install --user` for real (ipykernel from PyPI), into $JUPYTER_DATA_DIR."""
    subprocess.run([python, "-m", "ipykernel", "install", "--user", "--name", name, "--display-name", display],
                   check=True, timeout=120, capture_output=True)
    return Path(os.environ["JUPYTER_DATA_DIR"]) / "kernels" / name / "kernel.json"


@pytest.fixture
def kernel_without_torch(home: Path, tmp_path: Path, ipykernel_site: Path, index: LocalIndex,
                         monkeypatch: pytest.MonkeyPatch) -> dict:
    """A kernel "course" registered from a venv without torch; the terminal's Python (first on PATH) has torch."""
    kernel_python = venv(tmp_path / "kernel-env", pip=False)
    add_site(kernel_python, ipykernel_site)
    spec = register_kernel(kernel_python, "course", "Course")
    working = venv(tmp_path / "working-env", pip=False)
    install_stand_in_torch(working, index)
    add_site(working, ipykernel_site)
    put_first_on_path(monkeypatch, str(Path(working).parent))
    return {"kernel": kernel_python, "working": working, "spec": spec}


def test_check_kernel_names_both_pythons_and_offers_both_fixes(kernel_without_torch: dict, index: LocalIndex,
                                                                capsys: pytest.CaptureFixture) -> None:
    assert json.loads(kernel_without_torch["spec"].read_text())["argv"][0] == kernel_without_torch["kernel"]
    code, out = run_cli(capsys, "check", "--kernel", "course", "--no-import", "--want", "cpu",
                        "--torch-index", index.torch_base, "--profile", PROFILE[0])
    assert code == 1
    working, kernel = kernel_without_torch["working"], kernel_without_torch["kernel"]
    assert has(out, f'The notebook kernel "Course" runs a Python without PyTorch; PyTorch is in {working}')
    assert has(out, f"{kernel}, which has no torch")
    assert has(out, f"{kernel} -m pip install torch==2.13.0+cpu")  # fix 1: install into the kernel's Python
    assert has(out, f"{working} -m ipykernel install --user --name course --display-name Course")  # fix 2
    code, facts = run_cli(capsys, "facts", "--no-import")
    assert has(facts, f'the notebook kernel "Course" (course) runs {kernel} - no torch')


def test_fix_installs_into_the_notebook_kernels_python(kernel_without_torch: dict, index: LocalIndex,
                                                        capsys: pytest.CaptureFixture) -> None:
    subprocess.run([kernel_without_torch["kernel"], "-m", "ensurepip"], check=True, timeout=300, capture_output=True)  # fix uses its pip
    code, out = run_cli(capsys, "fix", "--kernel", "course", "--yes", "--want", "cpu", "--torch-index", index.torch_base, "--profile", PROFILE[0])
    assert code == 0, out
    assert ask(kernel_without_torch["kernel"]).torch_version == "2.13.0+cpu"
    code, out = run_cli(capsys, "check", "--kernel", "course", "--want", "cpu",
                        "--torch-index", index.torch_base, "--profile", PROFILE[0])
    assert code == 0 and not has(out, "runs a Python without PyTorch")


def test_fix_registers_the_working_python_as_the_notebook_kernel(kernel_without_torch: dict, index: LocalIndex,
                                                                  capsys: pytest.CaptureFixture) -> None:
    code, out = run_cli(capsys, "fix", "--kernel", "course", "--register-kernel", "--yes", "--want", "cpu",
                        "--torch-index", index.torch_base, "--profile", PROFILE[0])
    working = kernel_without_torch["working"]
    assert code == 0, out
    assert has(out, f'The notebook kernel "course" now runs {working} - torch 2.13.0+cpu')
    assert json.loads(kernel_without_torch["spec"].read_text())["argv"][0] == working
    assert json.loads(kernel_without_torch["spec"].read_text())["display_name"] == "Course"
    assert ask(kernel_without_torch["kernel"]).torch_version == ""  # the kernel's old venv was left alone


def test_checking_the_terminals_python_offers_it_as_the_kernel_once(kernel_without_torch: dict, index: LocalIndex,
                                                                    capsys: pytest.CaptureFixture) -> None:
    working, kernel = kernel_without_torch["working"], kernel_without_torch["kernel"]
    code, out = run_cli(capsys, "check", "--python", working, "--no-import", "--want", "cpu",
                        "--torch-index", index.torch_base, "--profile", PROFILE[0])
    assert has(out, 'The notebook kernel "Course" runs another Python, which has no PyTorch')
    assert has(out, f'but the notebook kernel "Course" runs {kernel}, which has no torch')
    assert not has(out, f"{working} -m pip install ipykernel")  # ipykernel is importable there already
    code, out = run_cli(capsys, "fix", "--python", working, "--register-kernel", "--yes", "--want", "cpu",
                        "--torch-index", index.torch_base, "--profile", PROFILE[0])
    assert code == 0 and has(out, f'The notebook kernel "course" now runs {working} - torch 2.13.0+cpu')
    spec_after = kernel_without_torch["spec"].read_text()
    code, out = run_cli(capsys, "fix", "--python", working, "--register-kernel", "--yes", "--want", "cpu",
                        "--torch-index", index.torch_base, "--profile", PROFILE[0])
    assert code == 1 and has(out, "There is nothing to register")
    assert kernel_without_torch["spec"].read_text() == spec_after


# --------------------------------------------------------------------------- uv


@pytest.fixture
def uv_env(home: Path, tmp_path: Path, uv_program: str, index: LocalIndex, monkeypatch: pytest.MonkeyPatch) -> str:
    """uv on PATH, with its cache in tmp_path, no user config, and the local index as its default index."""
    put_first_on_path(monkeypatch, str(Path(uv_program).parent))
    monkeypatch.setenv("UV_CACHE_DIR", str(tmp_path / "uv-cache"))
    monkeypatch.setenv("UV_NO_CONFIG", "1")
    monkeypatch.setenv("UV_PYTHON_DOWNLOADS", "never")
    monkeypatch.setenv("UV_DEFAULT_INDEX", index.simple_url)
    return uv_program


def uv(uv_program: str, *args: str) -> None:
    subprocess.run([uv_program, *args], check=True, timeout=300, capture_output=True)


def test_a_uv_venv_is_fixed_with_uv_pip(uv_env: str, home: Path, index: LocalIndex, capsys: pytest.CaptureFixture) -> None:
    folder = home / "work" / "uvenv"
    uv(uv_env, "venv", str(folder), "--python", sys.executable)
    python = str(folder / "bin" / "python")
    assert "uv = " in (folder / "pyvenv.cfg").read_text()
    code, out = run_cli(capsys, "check", "--python", python, "--no-import", "--want", "cpu",
                        "--torch-index", index.torch_base, "--profile", PROFILE[0])
    assert has(out, "This environment was made by uv: install with uv")
    assert has(out, f"{uv_env} pip install --python {python} torch==2.13.0+cpu")
    code, out = run_cli(capsys, "fix", "--python", python, "--yes", "--want", "cpu", "--torch-index", index.torch_base, "--profile", PROFILE[0])
    assert code == 0, out
    assert has(out, f"$ {uv_env} pip install --python {python}")
    assert ask(python).torch_version == "2.13.0+cpu"


def apply_added_lines(diff: str, pyproject: Path) -> None:
    """What a user does with the shown diff when pyproject.toml has no [tool.uv.sources] yet: add the + lines."""
    added = [line[1:] for line in diff.splitlines() if line.startswith("+") and not line.startswith("+++")]
    pyproject.write_text(pyproject.read_text(encoding="utf-8") + "\n" + "\n".join(added) + "\n", encoding="utf-8")


def test_a_uv_project_gets_the_pyproject_change_then_uv_sync(uv_env: str, home: Path, index: LocalIndex,
                                                              capsys: pytest.CaptureFixture) -> None:
    project = home / "work"
    (project / "pyproject.toml").write_text(
        '[project]\nname = "course"\nversion = "0.1.0"\nrequires-python = ">=3.10"\ndependencies = ["torch"]\n\n'
        "[tool.uv]\npackage = false\n", encoding="utf-8")
    uv(uv_env, "venv", str(project / ".venv"), "--python", sys.executable)
    python = str(project / ".venv" / "bin" / "python")
    from wizard.commands.common import collect_for_args  # the diff comes from the real check of this project
    from wizard.engine import diagnose
    from wizard.findings import Goal

    args = type("Args", (), {"python": python, "kernel": None, "no_import": True, "timeout": 60.0})()
    diagnosis = diagnose(collect_for_args(args), goal=Goal(want="cpu", torch_index=index.torch_base))
    finding = next(f for f in diagnosis.findings if f.code == "UV_ENVIRONMENT")
    assert "set the PyTorch index in pyproject.toml, then uv sync" in finding.title
    diff = next(a.text for a in finding.actions if a.kind.value == "copy")
    assert '+torch = { index = "pytorch-cpu" }' in diff and f'+url = "{index.torch_base}/cpu"' in diff
    apply_added_lines(diff, project / "pyproject.toml")
    code, out = run_cli(capsys, "check", "--python", python, "--no-import", "--want", "cpu",
                        "--torch-index", index.torch_base, "--profile", PROFILE[0])
    assert has(out, "This uv project takes PyTorch from the right index: run uv sync")
    code, out = run_cli(capsys, "fix", "--python", python, "--yes", "--want", "cpu", "--torch-index", index.torch_base, "--profile", PROFILE[0])
    assert code == 0, out
    assert has(out, f"$ {uv_env} sync --project {project}")
    assert ask(python).torch_version == "2.13.0+cpu"
    code, facts = run_cli(capsys, "facts", "--python", python, "--no-import")
    assert has(facts, "project course in") and has(facts, "torch from the index pytorch-cpu")
    assert has(facts, "uv.lock pins torch 2.13.0+cpu")


# --------------------------------------------------------------------------- conda


def test_a_conda_env_with_cpuonly_gets_the_stepwise_advice_and_fix_never_runs_conda(
        home: Path, index: LocalIndex, capsys: pytest.CaptureFixture) -> None:
    install = make_installation(home)
    prefix = make_env(install, "course", pytorch_channel_cpu_records(), home=home)
    python = str(prefix / "bin" / "python")
    code, out = run_cli(capsys, "check", "--python", python, "--no-import", "--want", "cpu",
                        "--torch-index", index.torch_base, "--profile", PROFILE[0])
    assert has(out, "comes from the discontinued pytorch conda channel (a CPU-only build)")
    remove = f"conda remove --prefix {prefix} --yes pytorch torchvision torchaudio cpuonly pytorch-mutex"
    assert has(out, "Step 1: remove conda's PyTorch packages (run it yourself)") and has(out, remove)
    flat = "".join
    assert out.index(flat(remove.split())) < out.index(flat(f"{python} -m pip install torch==2.13.0+cpu".split()))
    code, out = run_cli(capsys, "fix", "--python", python, "--yes", "--want", "cpu", "--torch-index", index.torch_base, "--profile", PROFILE[0])
    assert code == 1 and has(out, "the wizard never runs conda commands") and has(out, remove)
    assert (prefix / "conda-meta" / "cpuonly-2.0-0.json").is_file() and ask(python).torch_version == ""


# --------------------------------------------------------------------------- undo of the environment's own ways


def test_undo_puts_the_kernelspec_back(kernel_without_torch: dict, index: LocalIndex, capsys: pytest.CaptureFixture) -> None:
    spec = kernel_without_torch["spec"]
    before = {p.name: p.read_bytes() for p in spec.parent.iterdir()}
    working = kernel_without_torch["working"]
    code, out = run_cli(capsys, "fix", "--kernel", "course", "--register-kernel", "--yes", "--want", "cpu",
                        "--torch-index", index.torch_base, "--profile", PROFILE[0])
    assert code == 0 and has(out, "fix --undo") and json.loads(spec.read_text())["argv"][0] == working, out
    code, out = run_cli(capsys, "fix", "--undo", "--yes", "--python", working)
    assert code == 0 and has(out, "The environment is back exactly as it was before the fix."), out
    assert {p.name: p.read_bytes() for p in spec.parent.iterdir()} == before  # the kernel runs the old Python again


def test_undo_removes_a_kernelspec_the_fix_created(home: Path, tmp_path: Path, ipykernel_site: Path, index: LocalIndex,
                                                    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    from wizard.actions import backup, environment_fix

    working = venv(tmp_path / "working-env", pip=False)
    add_site(working, ipykernel_site)
    way = environment_fix.Way("register", ((working, "-m", "ipykernel", "install", "--user", "--name", "fresh"),), working)
    saved = environment_fix.save_before(way)
    assert environment_fix.run_way(way, print).ok
    folder = home / "jupyter" / "kernels" / "fresh"
    assert (folder / "kernel.json").is_file()
    result = backup.restore_way_state(working, saved)
    assert result.identical and not folder.exists()


def test_undo_of_uv_sync_restores_the_project_files_and_the_venv(uv_env: str, home: Path, index: LocalIndex,
                                                                 capsys: pytest.CaptureFixture) -> None:
    project = home / "work"
    pyproject = ('[project]\nname = "course"\nversion = "0.1.0"\nrequires-python = ">=3.10"\ndependencies = ["torch"]\n\n'
                 "[tool.uv]\npackage = false\n\n[tool.uv.sources]\ntorch = { index = \"pytorch-cpu\" }\n\n"
                 f'[[tool.uv.index]]\nname = "pytorch-cpu"\nurl = "{index.torch_base}/cpu"\nexplicit = true\n')
    (project / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    uv(uv_env, "venv", str(project / ".venv"), "--python", sys.executable)
    python = str(project / ".venv" / "bin" / "python")
    code, out = run_cli(capsys, "fix", "--python", python, "--yes", "--want", "cpu", "--torch-index", index.torch_base,
                        "--profile", PROFILE[0])
    assert code == 0 and has(out, f"$ {uv_env} sync --project {project}"), out
    assert ask(python).torch_version == "2.13.0+cpu" and (project / "uv.lock").is_file()
    code, out = run_cli(capsys, "fix", "--undo", "--yes", "--python", python)
    assert code == 0 and has(out, "The environment is back exactly as it was before the fix."), out
    assert ask(python).torch_version == "" and not (project / "uv.lock").exists()
    assert (project / "pyproject.toml").read_text(encoding="utf-8") == pyproject
