"""Where code runs (snapshot.places): notebook kernels that run another Python, torch installed elsewhere,
and the fix in the environment's own way (uv venvs and projects, conda's torch packages).

Texts: resources/texts/environments.json. Codes: ENV_MISMATCH (kernel, kernel_other, elsewhere),
UV_ENVIRONMENT (venv, venv_no_uv, project) and CONDA_TORCH (docs/diagnosis-codes.md).
"""

from __future__ import annotations

from functools import cache

from wizard import i18n
from wizard.checks.common import recommendation_actions, wants_gpu
from wizard.checks.context import CheckContext
from wizard.checks.texts import Text, load_texts_file, render
from wizard.findings import Action, Finding, Severity, Step
from wizard.policy.machine import uv_index_strategy
from wizard.resources_path import resource
from wizard.shell_text import command_text
from wizard.snapshot import CondaEnvironment, KernelSpec, RunPlaces, TorchAnswer, UvProject, UvVenv

STEP = Step.PYTHON
MAX_KERNEL_FINDINGS = 3
CONDA_TORCH_NAMES = ("pytorch", "torchvision", "torchaudio", "pytorch-cuda", "cpuonly", "pytorch-mutex",
                     "pytorch-cpu", "pytorch-gpu", "libtorch", "torchtriton")


@cache
def environment_texts() -> dict[str, Text]:
    return load_texts_file(resource("texts", "environments.json"))


def place_finding(key: str, severity: Severity, *, details: str = "", actions: list[Action] | tuple = (), **fields: object) -> Finding:
    title, explanation = render(key, fields, environment_texts())
    return Finding(code=key.split(".", 1)[0], severity=severity, step=STEP, title=title, explanation=explanation,
                   details=details, actions=tuple(actions))


def label(key: str, **fields: object) -> str:
    """An action label from the catalog (its title), in the user's language; the Action keeps its message."""
    return i18n.message(f"{key}.title", **fields)


def _places(ctx: CheckContext) -> RunPlaces | None:
    return ctx.snapshot.places.get()


def _norm(path: str) -> str:
    return path.replace("\\", "/").rstrip("/").lower() if path else ""


def same_environment(answer: TorchAnswer, prefix: str, executable: str, python: str) -> bool:
    """Whether an answering interpreter is the checked one (same sys.prefix, or the very same path)."""
    if python and executable and _norm(python) == _norm(executable):
        return True
    return bool(answer.prefix and prefix) and _norm(answer.prefix) == _norm(prefix)


def _python_name(path: str, answer: TorchAnswer) -> str:
    return f"{path} (Python {answer.python_version})" if answer.python_version else path


def working_python(ctx: CheckContext, places: RunPlaces) -> tuple[str, TorchAnswer] | None:
    """The Python with torch the user most likely means: the terminal's, else a discovered one (not the checked one)."""
    python = ctx.python
    candidates = [(places.terminal_python, places.terminal)]
    candidates += [(e.python, e.answer) for e in places.conda_envs]
    candidates += [(v.python, v.answer) for v in places.uv_venvs]
    candidates += [(c.python, c.answer) for c in places.editor]
    candidates += [(k.python, k.answer) for k in places.kernels]
    for path, answer in candidates:
        if path and answer.answered and answer.torch_version and not same_environment(
            answer, python.prefix, python.executable, path
        ):
            return path, answer
    return None


def register_actions(ctx: CheckContext, python: str, answer: TorchAnswer, kernel: KernelSpec) -> list[Action]:
    """Make ``python`` the notebook kernel ``kernel.name`` (ipykernel first when it is missing there)."""
    actions = []
    if not answer.has_ipykernel:
        actions.append(Action.run(label("action.ipykernel_first"), (python, "-m", "pip", "install", "ipykernel")))
    register = (python, "-m", "ipykernel", "install", "--user", "--name", kernel.name,
                "--display-name", kernel.display_name)
    actions.append(Action.run(label("action.register", display=kernel.display_name), register))
    script = "\n".join(command_text(a.argv, ctx.os) for a in actions)
    actions.append(Action.copy(label("action.copy_commands"), script))
    return actions


def check_kernel_mismatch(ctx: CheckContext) -> list[Finding]:
    """ENV_MISMATCH: the notebook kernel runs a Python without torch while another Python has it."""
    places, python = _places(ctx), ctx.python
    if places is None or python is None:
        return []
    kernel = places.kernel(places.checked_kernel) if places.checked_kernel else _kernel_running_checked(ctx, places)
    working = working_python(ctx, places)
    if kernel is not None and not ctx.torch_installed and working is not None:
        path, answer = working
        install = recommendation_actions(ctx, label("action.install_into_kernel"))
        return [place_finding(
            "ENV_MISMATCH.kernel", Severity.ERROR,
            details=f"kernel {kernel.name}: {kernel.spec_file} runs {python.executable}; torch {answer.torch_version} is in {path}",
            actions=[*install, *register_actions(ctx, path, answer, kernel)],
            display=kernel.display_name, kernel_python=python.executable,
            working=_python_name(path, answer), torch=answer.torch_version,
        )]
    if places.checked_kernel:
        return []
    if ctx.torch_installed:
        return [_kernel_other(ctx, kernel) for kernel in _kernels_without_torch(ctx, places)][:MAX_KERNEL_FINDINGS]
    if working is None:
        return []
    path, answer = working
    return [place_finding(
        "ENV_MISMATCH.elsewhere", Severity.WARNING,
        details=f"checked: {python.executable} (no torch); torch {answer.torch_version} in {path}",
        actions=[Action.copy(label("action.copy_check"), f"torch-setup-wizard check --python {path}")],
        checked=python.executable, working=_python_name(path, answer), torch=answer.torch_version,
    )]


def _kernel_running_checked(ctx: CheckContext, places: RunPlaces) -> KernelSpec | None:
    """The notebook kernel that runs the checked Python (checked with --python or from the wizard), if one does."""
    python = ctx.python
    return next((k for k in places.kernels if k.python and same_environment(k.answer, python.prefix, python.executable,
                                                                            k.python)), None)


def _kernels_without_torch(ctx: CheckContext, places: RunPlaces) -> list[KernelSpec]:
    python = ctx.python
    return [k for k in places.kernels if k.python and k.answer.answered and not k.answer.torch_version
            and not same_environment(k.answer, python.prefix, python.executable, k.python)]


def _kernel_other(ctx: CheckContext, kernel: KernelSpec) -> Finding:
    python = ctx.python
    answer = TorchAnswer(True, python.version, ctx.torch_version, _has_ipykernel(ctx), prefix=python.prefix)
    return place_finding(
        "ENV_MISMATCH.kernel_other", Severity.WARNING,
        details=f"kernel {kernel.name}: {kernel.spec_file} runs {kernel.python} (no torch); checked: {python.executable}",
        actions=register_actions(ctx, python.executable, answer, kernel),
        display=kernel.display_name, kernel_python=kernel.python, checked=python.executable, torch=ctx.torch_version,
    )


def _has_ipykernel(ctx: CheckContext) -> bool:
    """ipykernel importable in the checked Python: its distributions, or what it answered discovery (any sys.path entry)."""
    python, places = ctx.python, _places(ctx)
    if "ipykernel" in ctx.dists:
        return True
    answers = [places.terminal] + [c.answer for c in places.editor] + [e.answer for e in places.conda_envs]
    answers += [v.answer for v in places.uv_venvs]
    return any(a.answered and a.has_ipykernel and same_environment(a, python.prefix, "", "") for a in answers)


# --------------------------------------------------------------------------- uv


def uv_venv_of(places: RunPlaces, prefix: str) -> UvVenv | None:
    return next((v for v in places.uv_venvs if _norm(v.prefix) == _norm(prefix) or
                 (v.answer.prefix and _norm(v.answer.prefix) == _norm(prefix))), None)


def uv_project_of(places: RunPlaces, prefix: str) -> UvProject | None:
    return next((p for p in places.uv_projects if p.venv and _norm(p.venv) == _norm(prefix)), None)


def uv_pip_argv(uv: str, python: str, pip_argv: tuple[str, ...]) -> tuple[str, ...]:
    """`python -m pip install ARGS` as `uv pip install --python python ARGS` (uv's pip interface takes pip's options)."""
    return (uv, "pip", "install", "--python", python, *pip_argv[4:], *uv_index_strategy(pip_argv[4:]))


def index_name(variant: str) -> str:
    return f"pytorch-{variant}" if variant else "pytorch"


def pyproject_diff(project: UvProject, variant: str, index_url: str) -> str:
    """The pyproject.toml change that makes uv take torch (and torchvision, torchaudio) from the variant's index,
    as a diff to apply by hand (uv's guide "Using uv with PyTorch": an explicit index and sources naming it)."""
    name = index_name(variant)
    packages = ["torch", *(p for p in ("torchvision", "torchaudio") if any(n == p for n, _t in project.sources))]
    old_sources = {n: t for n, t in project.sources}
    lines = [f"--- {project.folder}/pyproject.toml", f"+++ {project.folder}/pyproject.toml"]
    lines.append(" [tool.uv.sources]" if project.has_sources_table else "+[tool.uv.sources]")
    for package in packages:
        if package in old_sources:
            lines.append(f'-{package} = {{ index = "{old_sources[package]}" }}')
        lines.append(f'+{package} = {{ index = "{name}" }}')
    if not any(index == name for index, _url in project.indexes):
        lines += ["+", "+[[tool.uv.index]]", f'+name = "{name}"', f'+url = "{index_url}"', "+explicit = true"]
    return "\n".join(lines)


def project_is_right(project: UvProject, variant: str, index_url: str) -> bool:
    """Whether torch's source already names an index with the recommended URL."""
    urls = dict((name, url) for name, url in project.indexes)
    torch_targets = [t for n, t in project.sources if n == "torch"]
    return any(urls.get(t, t).rstrip("/") == index_url.rstrip("/") for t in torch_targets)


def in_uv_environment(ctx: CheckContext) -> bool:
    """Whether the Python checked is a uv venv's or a uv project's: UV_ENVIRONMENT then says how to install."""
    places, python = _places(ctx), ctx.python
    if places is None or python is None:
        return False
    return uv_project_of(places, python.prefix) is not None or uv_venv_of(places, python.prefix) is not None


def check_uv(ctx: CheckContext) -> list[Finding]:
    """UV_ENVIRONMENT: the Python checked lives in a uv project or uv venv: install the uv way."""
    places, python, rec = _places(ctx), ctx.python, ctx.recommendation
    if places is None or python is None or rec.kind != "install" or not rec.argv:
        return []
    project = uv_project_of(places, python.prefix)
    if project is not None:
        uv = places.uv or "uv"
        sync = (uv, "sync", "--project", project.folder)
        right = project_is_right(project, rec.variant, rec.index_url)
        actions = [] if right else [Action.copy(label("action.copy_diff"), pyproject_diff(project, rec.variant, rec.index_url))]
        actions.append(Action.run(label("action.uv_sync"), sync) if places.uv else
                       Action.copy(label("action.copy_commands"), command_text(sync, ctx.os)))
        key = "UV_ENVIRONMENT.project_ready" if right else "UV_ENVIRONMENT.project"
        return [place_finding(key, Severity.WARNING, details=f"{project.folder}: sources {project.sources}; lock {project.locked}",
                        actions=actions, folder=project.folder, index=index_name(rec.variant), url=rec.index_url)]
    venv = uv_venv_of(places, python.prefix)
    if venv is None:
        return []
    if places.uv:
        argv = uv_pip_argv(places.uv, python.executable, rec.argv)
        actions = [Action.run(label("action.uv_install"), argv), Action.copy(label("action.copy_commands"), command_text(argv, ctx.os))]
        return [place_finding("UV_ENVIRONMENT.venv", Severity.WARNING, details=f"{venv.prefix}: made by uv {venv.uv_version}",
                        actions=actions, prefix=venv.prefix, uv=venv.uv_version)]
    if venv.has_pip:
        return []
    ensure = (python.executable, "-m", "ensurepip", "--upgrade")
    actions = [Action.run(label("action.ensurepip"), ensure), *recommendation_actions(ctx)]
    return [place_finding("UV_ENVIRONMENT.venv_no_uv", Severity.WARNING, details=f"{venv.prefix}: made by uv {venv.uv_version}, no pip",
                    actions=actions, prefix=venv.prefix)]


# --------------------------------------------------------------------------- conda


def conda_env_of(places: RunPlaces, prefix: str) -> CondaEnvironment | None:
    return next((e for e in places.conda_envs if _norm(e.prefix) == _norm(prefix) or
                 (e.answer.prefix and _norm(e.answer.prefix) == _norm(prefix))), None)


def is_cpu_only(env: CondaEnvironment) -> bool:
    """conda's CPU-only PyTorch: the cpuonly package, pytorch-mutex's "cpu" build, or a pytorch build named *cpu*."""
    for package in env.torch_packages:
        if package.name == "cpuonly" or (package.name == "pytorch-mutex" and package.build == "cpu"):
            return True
        if package.name == "pytorch" and "cpu" in package.build:
            return True
    return False


def check_conda(ctx: CheckContext) -> list[Finding]:
    """CONDA_TORCH: PyTorch came from conda packages; the supported route is pip inside the env, after removing them."""
    places, python = _places(ctx), ctx.python
    if places is None or python is None:
        return []
    env = conda_env_of(places, python.prefix)
    if env is None or not any(p.name in ("pytorch", "cpuonly", "pytorch-cuda", "pytorch-mutex") for p in env.torch_packages):
        return []
    present = {p.name for p in env.torch_packages}
    names = [name for name in CONDA_TORCH_NAMES if name in present]
    remove = ("conda", "remove", "--prefix", env.prefix, "--yes", *names)
    channels = sorted({p.channel for p in env.torch_packages if p.channel})
    cpu_only = is_cpu_only(env)
    key = "CONDA_TORCH.pytorch_channel" if "pytorch" in channels else "CONDA_TORCH"
    # The pytorch channel's last release was 2.5 (pytorch/pytorch#138506); conda-forge's builds are maintained.
    if cpu_only and wants_gpu(ctx) and ctx.usable_gpus:
        severity = Severity.ERROR
    elif "pytorch" in channels or env.pip_torch or cpu_only:
        severity = Severity.WARNING
    else:
        severity = Severity.INFO
    steps = [Action.copy(label("action.conda_remove"), command_text(remove, ctx.os))]
    steps += recommendation_actions(ctx, label("action.pip_in_conda"))
    packages = ", ".join(f"{p.name} {p.version} ({p.build})" for p in env.torch_packages)
    return [place_finding(
        key, severity, details=f"{env.prefix}: {packages}; channels: {', '.join(channels) or '?'}"
        + (f"; pip's torch {env.pip_torch} too" if env.pip_torch else ""),
        actions=steps, env=env.name, packages=", ".join(names),
        cpu=" " + label("word.cpu_only") if cpu_only else "",  # the catalog trims a leading space
        pip=label("word.pip_too", version=env.pip_torch) if env.pip_torch else "",
    )]


CHECKS = (check_kernel_mismatch, check_uv, check_conda)
