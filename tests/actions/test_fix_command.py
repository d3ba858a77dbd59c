"""``fix``: plan, ask, back up, run with progress, verify, restore — real pip, real venvs, the local index."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest
from fixing_envs import freeze, snapshot_of
from local_index import LocalIndex, WheelSpec, pip_env, standard_wheels

from tests.conftest import refused
from wizard.actions import backup
from wizard.actions.verify import verify_fix
from wizard.commands.fix import Console, apply_recommendation, undo
from wizard.findings import Diagnosis, Finding, Goal, Recommendation, Severity, Step
from wizard.snapshot import Snapshot

CPU_ONLY = Finding("CPU_ONLY_WHEEL", Severity.ERROR, Step.WHEEL, "PyTorch was installed without GPU support", "…")


def cpu_only_checks(snapshot: Snapshot, goal: Goal) -> Diagnosis:
    """The one check these tests need (the real registry lives in wizard.checks): a CPU build is an error."""
    version_file = snapshot.python.get().torch_version_file.get()
    findings = (CPU_ONLY,) if version_file is not None and not version_file.cuda else ()
    return Diagnosis(findings, Recommendation(kind="none", why="nothing to do"))


def verify_with_real_interpreter(python: str, before_snapshot, before, goal):
    return verify_fix(python, before_snapshot, before, goal, collect=snapshot_of, diagnose=cpu_only_checks)


def cu130_recommendation(python: str, goal: Goal, variant: str = "cu130") -> Recommendation:
    index_url = f"{goal.torch_index}/{variant}"
    argv = (python, "-m", "pip", "install", f"torch==2.13.0+{variant}", f"torchvision==0.28.0+{variant}", "--index-url", index_url)
    return Recommendation("install", "Install the CUDA 13.0 build", "2.13.0", "0.28.0", variant=variant, index_url=index_url, argv=argv)


class Recorder(Console):
    def __init__(self, answers: list[str] | None = None) -> None:
        self.lines: list[str] = []
        self.answers = answers
        super().__init__(say=self.lines.append, ask=self._ask, live_bar=False)

    def _ask(self, question: str) -> str:
        self.lines.append(question)
        if self.answers is None or not self.answers:
            raise EOFError
        return self.answers.pop(0)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def fix(python: str, goal: Goal, console: Console, rec: Recommendation | None = None, **kwargs) -> int:
    snapshot = snapshot_of(python)
    diagnosis = Diagnosis((CPU_ONLY,), rec or cu130_recommendation(python, goal))
    return apply_recommendation(python, snapshot, diagnosis, goal, console, verify=verify_with_real_interpreter, **kwargs)


def test_fix_succeeds_is_verified_and_can_be_undone(cpu_env, index: LocalIndex) -> None:
    goal = Goal(want="cuda", torch_index=index.torch_base)
    console = Recorder()
    assert fix(cpu_env.python, goal, console, assume_yes=True) == 0
    text = console.text
    assert f"$ {cpu_env.python} -m pip install --no-input --progress-bar raw torch==2.13.0+cu130" in text
    assert "Downloading torch 2.13.0+cu130 (2.2 MB)…" in text and "%" in text  # the text progress bar moved
    assert "Before → after: torch 2.13.0+cpu (CPU only) → torch 2.13.0+cu130 (CUDA 13.0)" in text
    assert "The problem is gone: the check no longer finds CPU_ONLY_WHEEL." in text
    assert "torch==2.13.0+cu130" in freeze(cpu_env.python)
    declined = Recorder(answers=["n"])
    assert undo(cpu_env.python, declined) == 1  # undo shows what it will do and asks first
    assert "To be installed again (as saved): torch==2.13.0+cpu" in declined.text and "Restore it? [y/N]" in declined.text
    assert "Nothing was changed." in declined.text and "torch==2.13.0+cu130" in freeze(cpu_env.python)
    undo_console = Recorder()
    assert undo(cpu_env.python, undo_console, assume_yes=True) == 0
    assert "back exactly as it was" in undo_console.text
    assert freeze(cpu_env.python) == cpu_env.baseline


def test_dry_run_and_no_answer_change_nothing(cpu_env, index: LocalIndex) -> None:
    goal = Goal(torch_index=index.torch_base)
    dry = Recorder()
    assert fix(cpu_env.python, goal, dry, dry_run=True) == 0
    assert "To be replaced by another build:" in dry.text and "Proceed?" not in dry.text
    no_stdin = Recorder(answers=None)
    assert fix(cpu_env.python, goal, no_stdin) == 1
    assert "Proceed? [y/N]" in no_stdin.text and "no terminal input" in no_stdin.text and "Nothing was changed." in no_stdin.text
    said_no = Recorder(answers=["n"])
    assert fix(cpu_env.python, goal, said_no) == 1
    assert freeze(cpu_env.python) == cpu_env.baseline
    assert backup.latest_backup(cpu_env.python) is None  # nothing ran, nothing saved


def test_variant_missing_from_index_stops_before_changing(cpu_env, index: LocalIndex) -> None:
    goal = Goal(torch_index=index.torch_base)
    console = Recorder()
    assert fix(cpu_env.python, goal, console, cu130_recommendation(cpu_env.python, goal, "cu999"), assume_yes=True) == 1
    assert "No matching distribution found for torch==2.13.0+cu999" in console.text and "Nothing was changed." in console.text
    assert freeze(cpu_env.python) == cpu_env.baseline


def test_network_fault_says_nothing_changed(cpu_env, index: LocalIndex) -> None:
    # The install's download breaks (the plan reads only the index's metadata for pip < 25.3; a newer pip's
    # --dry-run fetches no wheel either).
    index.fail_download("torch-2.13.0+cu130-py3-none-any.whl", mode="close", skip=0)
    console = Recorder()
    assert fix(cpu_env.python, Goal(torch_index=index.torch_base), console, assume_yes=True) == 1
    assert "The fix failed. pip said:" in console.text
    assert "pip stopped before changing anything" in console.text
    assert freeze(cpu_env.python) == cpu_env.baseline


def test_half_way_failure_is_restored_automatically_with_yes(cpu_env, tmp_path: Path, monkeypatch) -> None:
    from local_index import broken_torchvision_cu130, standard_wheels

    specs = [s for s in standard_wheels() if s.filename != broken_torchvision_cu130().filename]
    with LocalIndex([*specs, broken_torchvision_cu130()], tmp_path / "wheels") as broken:
        monkeypatch.setenv("PIP_INDEX_URL", broken.simple_url)
        console = Recorder()
        assert fix(cpu_env.python, Goal(torch_index=broken.torch_base), console, assume_yes=True) == 1
    assert "The environment was partly changed." in console.text
    assert "Restoring the previous state automatically (--yes)" in console.text
    assert "back exactly as it was" in console.text
    assert freeze(cpu_env.python) == cpu_env.baseline


def test_refuses_another_interpreter(cpu_env, index: LocalIndex) -> None:
    goal = Goal(torch_index=index.torch_base)
    snapshot = snapshot_of(sys.executable)  # the check looked at a different Python
    diagnosis = Diagnosis((CPU_ONLY,), cu130_recommendation(cpu_env.python, goal))
    with refused("refused.interpreter_changed"):
        apply_recommendation(cpu_env.python, snapshot, diagnosis, goal, Recorder(), assume_yes=True)


_ENGINE_READY = all(
    importlib.util.find_spec(name) is not None
    for name in ("wizard.recommend", "wizard.checks.registry", "wizard.facts.python_env", "wizard.facts.gpu")
)


def stand_ins_for(rec: Recommendation) -> list[WheelSpec]:
    """Stand-in wheels for exactly what the recommendation engine asks pip for (its pins change with the knowledge)."""
    pins = dict(a.split("==", 1) for a in rec.argv[4:] if "==" in a and not a.startswith("-"))
    torch_public = pins.get("torch", "").split("+")[0]
    cuda = None if rec.variant in ("", "cpu") else f"{rec.variant[2:-1]}.{rec.variant[-1]}"
    return [
        WheelSpec(name, version, requires=(() if name == "torch" else (f"torch=={torch_public}",)),
                  torch_cuda=cuda if name == "torch" else None, variants=(rec.variant,))
        for name, version in pins.items()
    ]  # fmt: skip


@pytest.mark.skipif(not _ENGINE_READY, reason="the collectors / recommendation engine are not in the tree yet")
def test_cli_fix_end_to_end(cpu_env, tmp_path: Path, c_compiler: str) -> None:
    """`torch-setup-wizard fix --torch-index <local> --yes` as a user runs it on a machine whose driver (the fake
    NVML library, loaded by the real pynvml) presents an RTX 4070, then `fix --undo`."""
    import json
    import os

    from tests.fake_nvml_lib import build_fake_nvml, fake_nvml_env
    from wizard.snapshot import from_data

    lib_dir = build_fake_nvml(tmp_path / "nvml", c_compiler)
    gpu = fake_nvml_env(lib_dir, "ok", [("NVIDIA GeForce RTX 4070", "8.9", 12282, 0x278610DE)],
                        driver="580.95.05", cuda=13000)
    check = subprocess.run(
        [sys.executable, "-m", "wizard", "check", "--json", "--no-import", "--python", cpu_env.python,
         "--torch-index", "http://x/whl"],
        capture_output=True, text=True, env={**os.environ, **gpu}, timeout=300,
    )
    rec = from_data(Recommendation, json.loads(check.stdout)["recommendation"])
    assert rec.kind == "install" and rec.variant.startswith("cu"), rec
    with LocalIndex([*standard_wheels(), *stand_ins_for(rec)], tmp_path / "wheels") as served:
        env = pip_env(PIP_INDEX_URL=served.simple_url, TSW_DATA_DIR=str(tmp_path / "data"), **gpu)
        argv = [sys.executable, "-m", "wizard", "fix", "--python", cpu_env.python]
        done = subprocess.run(
            [*argv, "--torch-index", served.torch_base, "--yes"], capture_output=True, text=True, env=env, timeout=300
        )
        output = done.stdout + done.stderr
        assert "Saved the current state" in output and "Before → after: torch 2.13.0+cpu" in output, output
        assert f"torch=={rec.torch}+{rec.variant}" in freeze(cpu_env.python)
        undo_run = subprocess.run([*argv, "--undo", "--yes"], capture_output=True, text=True, env=env, timeout=300)
    assert undo_run.returncode == 0, undo_run.stdout + undo_run.stderr
    assert freeze(cpu_env.python) == cpu_env.baseline


def test_undo_refuses_an_edited_backup(cpu_env, index: LocalIndex) -> None:
    """A backup is data on disk: its sources and pins go through the same policy as a fix."""
    saved = backup.save_state(cpu_env.python, sources=[f"{index.torch_base}/cpu"])
    record = json.loads(saved.read_text())
    record["index_urls"] = ["file:///tmp/evil"]
    saved.write_text(json.dumps(record))
    subprocess.run([cpu_env.python, "-m", "pip", "uninstall", "-y", "-q", "numpy"], check=True, env=pip_env())
    console = Recorder()
    from wizard.cli import UsageError

    with pytest.raises(UsageError, match="http"):
        undo(cpu_env.python, console, assume_yes=True)
    assert "numpy" not in freeze(cpu_env.python)  # nothing ran
