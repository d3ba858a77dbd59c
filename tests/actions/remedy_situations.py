"""Broken environments, each made for real (real venvs, real pip from the local index, the stand-in torch),
and what the wizard does about each: the first finding, its remedy, ``fix --dry-run``, ``fix --yes``, undo.

Used by tests/actions/test_remedies.py and by benchmarks/remedy_table.py (the closing-note table)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from fixing_envs import CPU_SET, make_venv
from local_index import LocalIndex, WheelSpec, pip_env, standard_wheels

from wizard.checkup import run_checkup
from wizard.findings import Finding, Goal, Severity

CU130_SET = ("torch==2.13.0+cu130", "numpy==1.26.4")


@dataclass
class Situation:
    name: str
    python: str
    cwd: str | None = None
    env: dict[str, str] = field(default_factory=dict)
    installs_recommended: bool = False  # its fix installs the recommended torch: serve stand-ins for that too


def site_packages(python: str) -> Path:
    out = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                         capture_output=True, text=True, check=True).stdout.strip()
    return Path(out)


def damaged_torch(root: Path, index: LocalIndex) -> Situation:
    python = make_venv(root / "venv", index, CPU_SET)
    (site_packages(python) / "torch" / "cuda" / "__init__.py").unlink()  # a file deleted after the install
    return Situation("torch file deleted (damaged install)", python)


def truncated_nvidia(root: Path, index: LocalIndex) -> Situation:
    python = make_venv(root / "venv", index, ())
    subprocess.run([python, "-m", "pip", "install", "-q", *CU130_SET, "--extra-index-url", f"{index.torch_base}/cu130"],
                   check=True, timeout=300, env=pip_env(PIP_INDEX_URL=index.simple_url))
    padding = site_packages(python) / "nvidia_cudnn_cu13" / "lib" / "libcudnn.so.9"
    with padding.open("r+b") as handle:
        handle.truncate(1000)  # a library cut short (a full disk during the install)
    return Situation("nvidia-* file truncated", python)


def venv_without_pip(root: Path, _index: LocalIndex) -> Situation:
    folder = root / "nopip"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder)], check=True, timeout=300)
    return Situation("venv without pip", str(folder / "bin" / "python"), installs_recommended=True)


def torch_py_in_folder(root: Path, index: LocalIndex) -> Situation:
    python = make_venv(root / "venv", index, CPU_SET)
    project = root / "project"
    project.mkdir()
    (project / "torch.py").write_text("print('my experiment')\n")
    return Situation("torch.py in the working folder", python, cwd=str(project))


def cuda_home_missing(root: Path, index: LocalIndex) -> Situation:
    python = make_venv(root / "venv", index, CPU_SET)
    return Situation("CUDA_HOME names a missing folder", python, env={"CUDA_HOME": str(root / "no-such-cuda")})


def _importable_torch(root: Path, body: str) -> str:
    """A venv whose `import torch` runs ``body`` (a stand-in for what a real build does at import)."""
    folder = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder)], check=True, timeout=300)
    python = str(folder / "bin" / "python")
    (site_packages(python) / "torch").mkdir()
    (site_packages(python) / "torch" / "__init__.py").write_text(body)
    return python


def sigill_cpu(root: Path, _index: LocalIndex) -> Situation:
    body = "import os, signal\nos.kill(os.getpid(), signal.SIGILL)\n"  # the real signal an unsupported instruction raises
    return Situation("SIGILL at import (CPU lacks instructions)", _importable_torch(root, body))


def old_libstdcxx(root: Path, _index: LocalIndex) -> Situation:
    body = ("raise ImportError(\"/opt/old/lib/libstdc++.so.6: version `GLIBCXX_3.4.32' not found \"\n"
            "                  \"(required by /x/site-packages/torch/lib/libtorch_cpu.so)\")\n")
    return Situation("GLIBCXX from an old libstdc++", _importable_torch(root, body))


def torchvision_for_other_torch(root: Path, index: LocalIndex) -> Situation:
    """torch 2.13.0+cpu with the torchvision of torch 2.12 beside it (installed with --no-deps, as an old
    requirements file or a copied environment leaves it): torchvision's ops then fail to load."""
    python = make_venv(root / "venv", index, CPU_SET)
    index.serve_also(WheelSpec("torchvision", "0.27.0+cpu", requires=("torch==2.12.0",), variants=("cpu",), padding=1000))
    subprocess.run([python, "-m", "pip", "install", "-q", "--no-deps", "torchvision==0.27.0+cpu", "--extra-index-url",
                    f"{index.torch_base}/cpu"], check=True, timeout=300, env=pip_env(PIP_INDEX_URL=index.simple_url))
    return Situation("torchvision built for another torch", python)


RTX4070 = ("NVIDIA GeForce RTX 4070", "8.9", 12282, 0x278610DE)


def gpu_hidden_by(value: str) -> Callable[[Path, LocalIndex], Situation]:
    """A CUDA build of torch beside a GPU the driver reports (the fake NVML, tests/fake_nvml_lib.py), with
    CUDA_VISIBLE_DEVICES set to ``value``."""
    def make(root: Path, index: LocalIndex) -> Situation:
        from fake_nvml_lib import build_fake_nvml, fake_nvml_env

        python = make_venv(root / "venv", index, ())
        subprocess.run([python, "-m", "pip", "install", "-q", *CU130_SET, "--extra-index-url", f"{index.torch_base}/cu130"],
                       check=True, timeout=300, env=pip_env(PIP_INDEX_URL=index.simple_url))
        nvml = build_fake_nvml(root / "nvml", shutil.which("cc") or "cc")
        env = {**fake_nvml_env(nvml, "ok", [RTX4070], driver="580.95.05", cuda=13000), "CUDA_VISIBLE_DEVICES": value}
        return Situation(f"CUDA_VISIBLE_DEVICES={value!r} hides the GPU", python, env=env)

    return make


def own_system_python(folder: Path) -> str:
    """A Python installation of its own (not a venv: no pyvenv.cfg, so its user site is enabled and comes before
    its site-packages on sys.path, as for a system or conda Python): this interpreter's binary copied under
    ``folder``, the standard library linked in, an empty site-packages, and pip from ensurepip."""
    base = Path(sys.base_prefix)
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    (folder / "bin").mkdir(parents=True)
    own_stdlib = folder / stdlib.relative_to(base)
    (own_stdlib / "site-packages").mkdir(parents=True)
    for entry in stdlib.iterdir():
        if entry.name != "site-packages":
            (own_stdlib / entry.name).symlink_to(entry)
    python = folder / "bin" / "python"
    shutil.copy2(os.path.realpath(sys.executable), python)
    subprocess.run([str(python), "-m", "ensurepip"], check=True, timeout=300, capture_output=True)
    return str(python)


def user_site_shadow(root: Path, index: LocalIndex) -> Situation:
    """``pip install --user`` put an older torch in the user site (PYTHONUSERBASE, a folder of the test's own) of a
    Python that also has torch in its own site-packages: the user site comes first, so its copy is imported.
    (A venv cannot be shadowed this way: with ``--system-site-packages`` CPython's site.venv() adds the venv's
    site-packages before the user site, and pip refuses such a --user install: "lack sys.path precedence".)"""
    python = own_system_python(root / "python")
    env = pip_env(PIP_INDEX_URL=index.simple_url, PIP_ROOT_USER_ACTION="ignore")
    user_base = {"PYTHONUSERBASE": str(root / "userbase")}
    subprocess.run([python, "-m", "pip", "install", "-q", *CPU_SET, "--extra-index-url", f"{index.torch_base}/cpu"],
                   check=True, timeout=300, env={**env, **user_base})
    index.serve_also(WheelSpec("torch", "2.12.0+cpu", variants=("cpu",), padding=1000))
    subprocess.run([python, "-m", "pip", "install", "-q", "--user", "--no-deps", "torch==2.12.0+cpu", "--extra-index-url",
                    f"{index.torch_base}/cpu"], check=True, timeout=300, env={**env, **user_base})
    return Situation("older torch in the user site (pip install --user) shadows the Python's own", python, env=user_base)


def not_python(_root: Path, _index: LocalIndex) -> Situation:
    return Situation("--python is not Python (/bin/ls)", "/bin/ls")


SITUATIONS: dict[str, Callable[[Path, LocalIndex], Situation]] = {
    "sigill_cpu": sigill_cpu,
    "old_libstdcxx": old_libstdcxx,
    "not_python": not_python,
    "torchvision_for_other_torch": torchvision_for_other_torch,
    "visible_devices_minus_one": gpu_hidden_by("-1"),
    "damaged_torch": damaged_torch,
    "truncated_nvidia": truncated_nvidia,
    "venv_without_pip": venv_without_pip,
    "torch_py_in_folder": torch_py_in_folder,
    "cuda_home_missing": cuda_home_missing,
    "user_site_shadow": user_site_shadow,
}


def index_with_recommended(situation: Situation, index: LocalIndex, folder: Path) -> LocalIndex:
    """A local index that also serves stand-ins for what the recommendation asks pip for (its pins follow
    the knowledge base), for situations whose fix installs it. Use as a context manager."""
    from test_fix_command import stand_ins_for

    rec = run_checkup(situation.python, Goal(torch_index=index.torch_base)).diagnosis.recommendation
    served = LocalIndex([*standard_wheels(), *stand_ins_for(rec)], folder)
    os.environ["PIP_INDEX_URL"] = served.simple_url
    return served


def first_finding(situation: Situation, index: LocalIndex) -> Finding:
    """The first error or warning the checkup reports (run in the situation's folder and environment; a
    situation that sets LD_LIBRARY_PATH, which a running process no longer reads, is checked in a new one)."""
    if "LD_LIBRARY_PATH" in situation.env:
        from wizard.report.json_report import load_report

        _snapshot, diagnosis = load_report(wizard(situation, index, "check", "--json").stdout)
        return next(f for f in diagnosis.findings if f.severity in (Severity.ERROR, Severity.WARNING))
    before = dict(os.environ)
    old_cwd = os.getcwd()
    try:
        os.environ.update(situation.env)
        if situation.cwd:
            os.chdir(situation.cwd)
        checkup = run_checkup(situation.python, Goal(torch_index=index.torch_base))
    finally:
        os.chdir(old_cwd)
        os.environ.clear()
        os.environ.update(before)
    problems = [f for f in checkup.diagnosis.findings if f.severity in (Severity.ERROR, Severity.WARNING)]
    assert problems, [f.code for f in checkup.diagnosis.findings]
    return problems[0]


def wizard(situation: Situation, index: LocalIndex, *args: str) -> subprocess.CompletedProcess[str]:
    """``torch-setup-wizard ARGS --python PY`` as the user runs it, in their folder and environment."""
    argv = [sys.executable, "-m", "wizard", *args, "--python", situation.python]
    if args[0] == "fix" and "--undo" not in args:
        argv += ["--torch-index", index.torch_base]
    return subprocess.run(argv, capture_output=True, text=True, timeout=300, cwd=situation.cwd,
                          env={**os.environ, **situation.env, "PYTHONPATH": str(Path(__file__).resolve().parents[2])})


def state(situation: Situation) -> str:
    """What pip sees (``pip list -v``: name, version and folder of each package), or that there is no pip."""
    env = {**pip_env(), **situation.env}
    probe = subprocess.run([situation.python, "-c", "import pip"], capture_output=True, env=env)
    if probe.returncode != 0:
        return "(no pip)"
    listed = subprocess.run([situation.python, "-m", "pip", "list", "-v", "--format", "freeze"], capture_output=True,
                            text=True, env=env, check=True).stdout
    verbose = subprocess.run([situation.python, "-m", "pip", "list", "-v"], capture_output=True, text=True, env=env,
                             check=True).stdout
    return listed + verbose

