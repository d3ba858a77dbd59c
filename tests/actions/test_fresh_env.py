"""A fresh environment with the recommended build: created, installed, verified; the old one untouched."""

from __future__ import annotations

from pathlib import Path

from fixing_envs import freeze, snapshot_of
from local_index import LocalIndex
from test_fix_command import CPU_ONLY, Recorder

from tests.conftest import refused
from wizard.actions.fresh_env import (
    FreshEnvResult,
    check_target_folder,
    create_fresh_env,
    default_env_folder,
    install_args,
    usage_text,
    venv_python,
    verify_fresh_env,
)
from wizard.commands.fix import apply_recommendation
from wizard.findings import Diagnosis, Goal, Recommendation


def new_venv_recommendation(python: str, index: LocalIndex) -> Recommendation:
    pip = (python, "-m", "pip", "install", "torch==2.13.0+cu130", "--index-url", f"{index.torch_base}/cu130")
    return Recommendation("new_venv", "This Python is externally managed; use a new environment.", "2.13.0",
                          variant="cu130", argv=pip, steps=((python, "-m", "venv", "/x/torch-env"), pip))  # fmt: skip


def test_create_install_verify(cpu_env, index: LocalIndex, tmp_path: Path) -> None:
    folder = tmp_path / "torch-env"
    lines: list[str] = []
    result = create_fresh_env(cpu_env.python, new_venv_recommendation(cpu_env.python, index), folder, on_line=lines.append)
    assert result.ok, lines[-20:]
    assert result.python == str(folder / "bin" / "python")
    assert "torch==2.13.0+cu130" in freeze(result.python) and "nvidia-cudnn-cu13==9.13.0.50" in freeze(result.python)
    verified = verify_fresh_env(result)
    assert verified.works
    assert verified.sentence == "PyTorch 2.13.0+cu130 (built for CUDA 13.0) imports correctly in the new environment."
    assert freeze(cpu_env.python) == cpu_env.baseline  # the old environment is never touched
    with refused("refused.folder_not_empty"):
        check_target_folder(folder)


def test_fix_command_new_venv_prints_how_to_use_it(cpu_env, index: LocalIndex, tmp_path: Path) -> None:
    folder = tmp_path / "course-env"
    rec = new_venv_recommendation(cpu_env.python, index)
    console = Recorder()
    code = apply_recommendation(
        cpu_env.python, snapshot_of(cpu_env.python), Diagnosis((CPU_ONLY,), rec), Goal(torch_index=index.torch_base),
        console, assume_yes=True, env_folder=folder,
    )  # fmt: skip
    assert code == 0, console.text
    text = console.text
    assert f"-m venv {folder}" in text and "is not changed" in text
    assert "PyTorch 2.13.0+cu130 (built for CUDA 13.0) imports correctly" in text
    assert f"source {folder}/bin/activate" in text
    assert f"{folder}/bin/python -m ipykernel install --user --name course-env" in text
    assert freeze(cpu_env.python) == cpu_env.baseline


def test_pure_helpers(tmp_path: Path) -> None:
    assert default_env_folder() == Path.home() / "torch-env"
    rec = Recommendation("new_venv", "", steps=(("py", "-m", "venv", "x"), ("x/bin/python", "-m", "pip", "install", "torch")))
    assert install_args(rec) == ("torch",)
    with refused("refused.no_install_command"):
        install_args(Recommendation("new_venv", ""))
    windows = usage_text(Path("C:/Users/ana/torch-env"), os_name="nt")
    assert "Scripts\\activate" in windows and "ipykernel install --user --name torch-env" in windows
    empty = tmp_path / "empty"
    empty.mkdir()
    check_target_folder(empty)  # an empty folder is fine
    (tmp_path / "file").write_text("x")
    with refused("refused.folder_not_empty"):
        check_target_folder(tmp_path / "file")


def test_a_new_environment_whose_torch_does_not_import_is_not_called_working(tmp_path: Path) -> None:
    import venv

    folder = tmp_path / "no-torch"
    venv.create(folder, with_pip=False)
    result = FreshEnvResult(folder, str(venv_python(folder)), ())
    verified = verify_fresh_env(result, timeout=60)
    assert not verified.works
    assert "does not import" in verified.sentence and "torch" in verified.sentence
