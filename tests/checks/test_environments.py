"""wizard/checks/environments.py through the real engine: scenario snapshots plus where code runs (snapshot.places)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from wizard.engine import diagnose
from wizard.findings import ActionKind, Finding, Goal, Severity
from wizard.resources_path import resource
from wizard.snapshot import (
    CondaEnvironment,
    CondaPackage,
    Fact,
    FactStatus,
    KernelSpec,
    RunPlaces,
    Snapshot,
    TorchAnswer,
    UvProject,
    UvVenv,
    from_data,
)

SCENARIOS = Path(__file__).parent / "scenarios"
VENV = "/home/student/venv"
PYTHON = f"{VENV}/bin/python"
WORKING = "/home/student/.venv/bin/python3"


def scenario(name: str) -> Snapshot:
    return from_data(Snapshot, json.loads((SCENARIOS / f"{name}.json").read_text(encoding="utf-8"))["snapshot"])


def with_places(snapshot: Snapshot, places: RunPlaces) -> Snapshot:
    return dataclasses.replace(snapshot, places=Fact.found(places))


def answer(torch: str = "", ipykernel: bool = False, prefix: str = "") -> TorchAnswer:
    return TorchAnswer(True, "3.12.3", torch, ipykernel, prefix=prefix)


def kernel(python: str = PYTHON, torch: str = "", prefix: str = VENV) -> KernelSpec:
    return KernelSpec("dl101", "DL 101", "/home/student/.local/share/jupyter/kernels/dl101/kernel.json", "python",
                      python, python, "argv", answer(torch, prefix=prefix))


def findings(snapshot: Snapshot, code: str, want: str = "auto") -> list[Finding]:
    return [f for f in diagnose(snapshot, goal=Goal(want=want)).findings if f.code == code]


def run_argvs(finding: Finding) -> list[tuple[str, ...]]:
    return [a.argv for a in finding.actions if a.kind is ActionKind.RUN]


# --------------------------------------------------------------------------- notebook kernels


def test_the_checked_kernel_without_torch_names_both_pythons_and_offers_both_fixes() -> None:
    places = RunPlaces(terminal_python=WORKING, terminal=answer("2.13.0+cu130", prefix="/home/student/.venv"),
                       kernels=(kernel(),), checked_kernel="dl101")
    (found,) = findings(with_places(scenario("torch_missing_on_gpu_machine"), places), "ENV_MISMATCH")
    assert found.severity is Severity.ERROR
    assert found.title == (f'The notebook kernel "DL 101" runs a Python without PyTorch; PyTorch is in {WORKING} '
                           "(Python 3.12.3)")
    assert PYTHON in found.explanation and "torch 2.13.0+cu130" in found.explanation
    argvs = run_argvs(found)
    assert argvs[0][:4] == (PYTHON, "-m", "pip", "install")  # 1: install into the kernel's Python
    assert argvs[1] == (WORKING, "-m", "pip", "install", "ipykernel")  # ipykernel is missing there: first
    assert argvs[2] == (WORKING, "-m", "ipykernel", "install", "--user", "--name", "dl101", "--display-name", "DL 101")


def test_a_kernel_running_the_checked_python_is_found_without_naming_it() -> None:
    places = RunPlaces(terminal_python=WORKING, terminal=answer("2.13.0", ipykernel=True, prefix="/home/student/.venv"),
                       kernels=(kernel(),))  # the wizard's own choice, or --python, instead of --kernel
    (found,) = findings(with_places(scenario("torch_missing_on_gpu_machine"), places), "ENV_MISMATCH")
    assert found.severity is Severity.ERROR and found.title.startswith('The notebook kernel "DL 101" runs a Python')
    assert run_argvs(found)[-1][:4] == (WORKING, "-m", "ipykernel", "install")  # ipykernel there: no pip step


def test_no_kernel_finding_when_no_other_python_has_torch() -> None:
    places = RunPlaces(terminal_python=PYTHON, terminal=answer(prefix=VENV), kernels=(kernel(),), checked_kernel="dl101")
    assert findings(with_places(scenario("torch_missing_on_gpu_machine"), places), "ENV_MISMATCH") == []


def test_a_kernel_running_another_python_without_torch_is_a_warning_for_the_working_python() -> None:
    places = RunPlaces(terminal_python=PYTHON, terminal=answer("2.13.0", ipykernel=True, prefix=VENV),
                       kernels=(kernel("/opt/jupyter/bin/python", prefix="/opt/jupyter"), kernel(PYTHON, "2.13.0")))
    found = findings(with_places(scenario("healthy_cuda_linux"), places), "ENV_MISMATCH")
    assert [f.severity for f in found] == [Severity.WARNING]  # the kernel that runs this very Python is fine
    assert "/opt/jupyter/bin/python" in found[0].explanation
    assert run_argvs(found[0]) == [(PYTHON, "-m", "ipykernel", "install", "--user", "--name", "dl101",
                                    "--display-name", "DL 101")]


def test_torch_only_elsewhere_is_said_with_both_names() -> None:
    places = RunPlaces(terminal_python=PYTHON, terminal=answer(prefix=VENV),
                       conda_envs=(CondaEnvironment("/home/student/miniconda3/envs/dl", "dl", "/home/student/miniconda3/envs/dl/bin/python",
                                                    answer=answer("2.5.1", prefix="/home/student/miniconda3/envs/dl")),))
    (found,) = findings(with_places(scenario("torch_missing_on_gpu_machine"), places), "ENV_MISMATCH")
    assert found.severity is Severity.WARNING
    assert found.title == "PyTorch is installed in another Python: /home/student/miniconda3/envs/dl/bin/python (Python 3.12.3)"
    assert PYTHON in found.explanation


# --------------------------------------------------------------------------- uv


def test_a_uv_venv_gets_uv_pip_install_with_the_recommended_arguments() -> None:
    snapshot = scenario("torch_missing_on_gpu_machine")
    places = RunPlaces(uv="/home/student/.local/bin/uv", uv_venvs=(UvVenv(VENV, PYTHON, "0.9.7"),))
    diagnosis = diagnose(with_places(snapshot, places), goal=Goal())
    (found,) = [f for f in diagnosis.findings if f.code == "UV_ENVIRONMENT"]
    (argv,) = run_argvs(found)
    assert argv[:5] == ("/home/student/.local/bin/uv", "pip", "install", "--python", PYTHON)
    assert argv[5:] == diagnosis.recommendation.argv[4:]


def test_a_uv_venv_without_uv_gets_ensurepip_first() -> None:
    places = RunPlaces(uv_venvs=(UvVenv(VENV, PYTHON, "0.9.7", has_pip=False),))
    (found,) = findings(with_places(scenario("torch_missing_on_gpu_machine"), places), "UV_ENVIRONMENT")
    argvs = run_argvs(found)
    assert argvs[0] == (PYTHON, "-m", "ensurepip", "--upgrade") and argvs[1][1:4] == ("-m", "pip", "install")
    assert "ensurepip" in found.explanation


def test_a_uv_venv_without_pip_gets_one_way_to_install_not_a_second_pip_warning() -> None:
    snapshot = scenario("torch_missing_on_gpu_machine")
    no_pip = dataclasses.replace(snapshot.python.value, pip_version=Fact.missing(FactStatus.NOT_FOUND, "No module named pip"))
    snapshot = dataclasses.replace(snapshot, python=Fact.found(no_pip))
    plain = diagnose(snapshot, goal=Goal()).findings
    assert [f.code for f in plain if f.code == "PIP_TOO_OLD"] == ["PIP_TOO_OLD"]  # outside uv, pip's absence is said
    places = RunPlaces(uv="/home/student/.local/bin/uv", uv_venvs=(UvVenv(VENV, PYTHON, "0.9.7", has_pip=False),))
    codes = [f.code for f in diagnose(with_places(snapshot, places), goal=Goal()).findings]
    assert "UV_ENVIRONMENT" in codes and "PIP_TOO_OLD" not in codes


def test_a_uv_project_gets_a_diff_replacing_the_wrong_source() -> None:
    project = UvProject("/home/student/thesis", "thesis", "torch>=2.9", sources=(("torch", "pytorch-cpu"),),
                        indexes=(("pytorch-cpu", "https://download.pytorch.org/whl/cpu"),), has_sources_table=True,
                        venv="/home/student/thesis/.venv")
    snapshot = scenario("torch_missing_on_gpu_machine")
    python = dataclasses.replace(snapshot.python.value, prefix="/home/student/thesis/.venv",
                                 executable="/home/student/thesis/.venv/bin/python")
    snapshot = dataclasses.replace(snapshot, python=Fact.found(python))
    diagnosis = diagnose(with_places(snapshot, RunPlaces(uv="/usr/bin/uv", uv_projects=(project,))), goal=Goal())
    (found,) = [f for f in diagnosis.findings if f.code == "UV_ENVIRONMENT"]
    diff = next(a.text for a in found.actions if a.kind is ActionKind.COPY).splitlines()
    variant = diagnosis.recommendation.variant
    assert " [tool.uv.sources]" in diff and '-torch = { index = "pytorch-cpu" }' in diff
    assert f'+torch = {{ index = "pytorch-{variant}" }}' in diff
    assert f'+url = "{diagnosis.recommendation.index_url}"' in diff
    assert run_argvs(found) == [("/usr/bin/uv", "sync", "--project", "/home/student/thesis")]


# --------------------------------------------------------------------------- conda


def conda_env(*packages: CondaPackage, pip_torch: str = "") -> CondaEnvironment:
    return CondaEnvironment(VENV, "dl", PYTHON, packages, pip_torch, answer(prefix=VENV))


CPUONLY = (CondaPackage("pytorch", "2.5.1", "py3.12_cpu_0", "pytorch"), CondaPackage("cpuonly", "2.0", "0", "pytorch"),
           CondaPackage("pytorch-mutex", "1.0", "cpu", "pytorch"))


@pytest.mark.parametrize(("want", "severity"), [("cuda", Severity.ERROR), ("cpu", Severity.WARNING)])
def test_conda_cpuonly_gets_the_stepwise_route(want: str, severity: Severity) -> None:
    places = RunPlaces(conda_envs=(conda_env(*CPUONLY, pip_torch="2.13.0"),))
    (found,) = findings(with_places(scenario("torch_missing_on_gpu_machine"), places), "CONDA_TORCH", want)
    assert found.severity is severity
    assert "discontinued pytorch conda channel (a CPU-only build)" in found.title
    assert "pip installed torch 2.13.0 beside them" in found.explanation
    first, *rest = found.actions
    assert first.kind is ActionKind.COPY and first.text == f"conda remove --prefix {VENV} --yes pytorch cpuonly pytorch-mutex"
    assert rest[0].kind is ActionKind.RUN and rest[0].argv[1:4] == ("-m", "pip", "install")
    assert not any(a.argv and a.argv[0] == "conda" for a in found.actions)  # conda is shown, never run


def test_conda_forge_pytorch_is_not_called_the_pytorch_channel() -> None:
    places = RunPlaces(conda_envs=(conda_env(CondaPackage("pytorch", "2.7.1", "cuda126_generic_py312_h1", "conda-forge")),))
    (found,) = findings(with_places(scenario("torch_missing_on_gpu_machine"), places), "CONDA_TORCH")
    assert "discontinued" not in found.title and "CPU-only" not in found.title
    assert found.severity is Severity.INFO  # conda-forge's maintained build alone is not a problem


def test_no_places_means_no_new_findings() -> None:
    snapshot = scenario("torch_missing_on_gpu_machine")
    codes = {f.code for f in diagnose(snapshot, goal=Goal()).findings}
    assert not codes & {"CONDA_TORCH", "UV_ENVIRONMENT"}


def test_every_environment_and_place_text_is_used_by_the_code() -> None:
    import wizard

    code = "\n".join(p.read_text(encoding="utf-8") for p in Path(wizard.__file__).parent.rglob("*.py"))
    for catalog in ("environments.json", "places.json"):
        keys = [k for k in json.loads(resource("texts", catalog).read_text(encoding="utf-8")) if not k.startswith("_")]
        unused = [k for k in keys if f'"{k}"' not in code]
        assert unused == [], catalog
