"""A remedy per cause, as data on the finding: what repairs the cause (not the symptom), or what the
user does by hand when no pip command can.

Pure: reads the CheckContext and the findings, never runs anything. The steps are argvs the fix
session approves (wizard.actions.policy) before running. A remedy keeps every installed version unless
the cause needs another, and then ``version_change`` says which and why.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Callable, Sequence

from packaging.version import InvalidVersion, Version

from wizard.checks.context import CheckContext
from wizard.findings import Action, ActionKind, Finding, Remedy, Severity, is_possible_cause
from wizard.policy.compat import COMPANIONS
from wizard.remedy_texts import remedy_text, remedy_texts
from wizard.shell_text import command_text

DamagedSet = tuple[tuple[str, str], ...]  # (name, version) of each damaged distribution, torch first


def attach_remedies(ctx: CheckContext, findings: Sequence[Finding]) -> list[Finding]:
    """Every finding with the remedy of its cause filled in (findings that already carry one keep it)."""
    codes = {f.code for f in findings if f.severity is Severity.ERROR}
    result = []
    for item in findings:
        if item.remedy is None and item.severity in (Severity.ERROR, Severity.WARNING) and not is_possible_cause(item):
            maker = REMEDIES.get(item.code)
            remedy = maker(ctx, item, codes) if maker is not None else None
            if remedy is not None:
                item = dataclasses.replace(item, remedy=remedy, actions=_with_run_actions(ctx, item, remedy))
        result.append(item)
    return result


def _with_run_actions(ctx: CheckContext, item: Finding, remedy: Remedy) -> tuple[Action, ...]:
    """The remedy's first step as a Run button (first), unless the finding already offers that exact command.
    One step per button: the wizard checks again after each fix, and the next step then has its own plan
    (`fix` on the terminal runs every step in one session). A runnable remedy replaces the finding's other
    commands (the recommendation's reinstall): `fix` runs the remedy, so no other command may look like the fix."""
    actions = _without_other_commands(ctx, item.actions, remedy) if remedy.runnable else item.actions
    item = dataclasses.replace(item, actions=actions)
    existing = {a.argv for a in item.actions if a.kind is ActionKind.RUN}
    label = remedy_texts().get(f"label.{item.code}", remedy_text("label"))
    added: list[Action] = []
    for step in remedy.steps[:1]:
        if step not in existing:
            added += [Action.run(label, step), Action.copy(remedy_text("label.copy"), command_text(step, ctx.os))]
    return (*added, *item.actions)


def _without_other_commands(ctx: CheckContext, actions: Sequence[Action], remedy: Remedy) -> tuple[Action, ...]:
    others = [a for a in actions if a.kind is ActionKind.RUN and a.argv not in remedy.steps]
    texts = {command_text(a.argv, ctx.os).strip() for a in others}
    return tuple(a for a in actions if a not in others and not (a.kind is ActionKind.COPY and a.text.strip() in texts))


# --------------------------------------------------------------------------- pip remedies


def damaged_distributions(ctx: CheckContext) -> DamagedSet:
    """(name, version) of torch-related distributions whose files are missing or truncated; torch first."""
    python = ctx.python
    if python is None:
        return ()
    damaged = [(d.name, d.version) for d in python.distributions if d.damaged and d.version]
    return tuple(sorted(damaged, key=lambda nv: (nv[0] != "torch", nv[0])))


def _local_label(version: str) -> str:
    try:
        return Version(version).local or ""
    except InvalidVersion:
        return ""


def torch_index_sources(ctx: CheckContext, versions: Sequence[str]) -> tuple[str, ...]:
    """``--extra-index-url <torch index>/<label>`` for local builds ("+cpu", "+cu130") that only PyTorch's index has."""
    labels = dict.fromkeys(label for label in map(_local_label, versions) if label)
    sources: list[str] = []
    for label in labels:
        sources += ["--extra-index-url", f"{ctx.goal.torch_index.rstrip('/')}/{label}"]
    return tuple(sources)


def damage_remedy(ctx: CheckContext, _finding: Finding, _codes: set[str]) -> Remedy | None:
    """The same versions again, forced: pip still counts a damaged package installed, so a plain install does nothing."""
    damaged = damaged_distributions(ctx)
    if not damaged or ctx.python is None:
        return None
    pins = tuple(f"{name}=={version}" for name, version in damaged)
    argv = ctx.machine_facts.pip_install("--force-reinstall", "--no-deps", *pins,
                                         *torch_index_sources(ctx, [v for _n, v in damaged]))
    return Remedy(steps=(argv,), note=remedy_text("damaged", packages=", ".join(pins)))


def numpy_remedy(ctx: CheckContext, _finding: Finding, codes: set[str]) -> Remedy | None:
    """numpy<2 (this torch was built for NumPy 1) — unless another copy of torch is the cause: that goes first."""
    if ctx.python is None or "ENV_MISMATCH" in codes or "TORCH_DAMAGED" in codes:
        return None
    numpy = ctx.dists["numpy"].version if "numpy" in ctx.dists else ""
    argv = ctx.machine_facts.pip_install("numpy<2")
    change = remedy_text("numpy_change", numpy=numpy or "2.x", torch=ctx.torch_version or "?")
    return Remedy(steps=(argv,), version_change=change, note=change)


def companion_remedy(ctx: CheckContext, _finding: Finding, codes: set[str]) -> Remedy | None:
    """The torchvision/torchaudio that belong to the installed torch, from the index torch came from (its local
    label names it: "+cpu" → PyTorch's cpu index; none → the index pip already uses), with torch pinned to the
    installed version so pip keeps it. Same versions already (an import fails anyway): forced again, no deps."""
    python, release = ctx.python, ctx.release
    if python is None or release is None or "torch" not in ctx.dists or codes & {"ENV_MISMATCH", "TORCH_DAMAGED"}:
        return None
    torch = ctx.dists["torch"].version
    label = _local_label(torch)
    # torchvision/torchaudio wheels for Linux ARM64 carry no label, not even on the CUDA indexes (pytorch/vision#9330).
    suffix = f"+{label}" if label and ctx.platform != "linux-aarch64" else ""
    wanted = {name: f"{getattr(release, name)}{suffix}" for name in COMPANIONS
              if name in ctx.dists and getattr(release, name)}
    if not wanted:
        return None
    pins = tuple(f"{name}=={version}" for name, version in wanted.items())
    sources = torch_index_sources(ctx, [torch])
    changed = {name: ctx.dists[name].version for name, version in wanted.items() if ctx.dists[name].version != version}
    if not changed:
        argv = ctx.machine_facts.pip_install("--force-reinstall", "--no-deps", *pins, *sources)
        return Remedy(steps=(argv,), note=remedy_text("companions_again", packages=", ".join(pins)))
    argv = ctx.machine_facts.pip_install(f"torch=={torch}", *pins, *sources)
    change = remedy_text("companions_change", torch=torch, changes=", ".join(
        f"{name} {old} → {wanted[name]}" for name, old in changed.items()))
    return Remedy(steps=(argv,), version_change=change, note=change)


def user_site_copy(ctx: CheckContext) -> str:
    """The user-site folder when the torch that wins there shadows the environment's own copy, else ""."""
    python = ctx.python
    if python is None or not python.user_site:
        return ""
    for duplicate in python.duplicates:
        if duplicate.name == "torch" and len(duplicate.locations) > 1 and _same(duplicate.locations[0], python.user_site):
            return duplicate.locations[0]
    return ""


def _same(a: str, b: str) -> bool:
    return os.path.normcase(os.path.normpath(a)) == os.path.normcase(os.path.normpath(b))


def shadow_remedy(ctx: CheckContext, _finding: Finding, _codes: set[str]) -> Remedy | None:
    """Uninstall the user-site copy: pip uninstall removes the copy that wins on sys.path, which is that one."""
    folder = user_site_copy(ctx)
    if not folder or ctx.python is None:
        return _instructions_for_other_copy(ctx, _finding)
    names = [d.name for d in ctx.python.duplicates if d.locations and _same(d.locations[0], folder)
             and d.name in ("torch", "torchvision", "torchaudio")]
    argv = (ctx.machine_facts.python, "-m", "pip", "uninstall", "-y", *names)
    return Remedy(steps=(argv,), note=remedy_text("user_site", folder=folder, packages=", ".join(names)))


def _instructions_for_other_copy(ctx: CheckContext, item: Finding) -> Remedy | None:
    if item.code != "ENV_MISMATCH" or ctx.torch is None or not ctx.torch.file:
        return None
    folder = os.path.dirname(os.path.dirname(ctx.torch.file))
    if ctx.python is not None and any(_same(folder, own) for own in ctx.python.site_packages):
        return None  # the environment's own copy wins (an extra copy after it): nothing to move out of the way
    on_pythonpath = any(_same(entry, folder) for entry in (ctx.env("PYTHONPATH") or "").split(os.pathsep) if entry)
    key = "pythonpath" if on_pythonpath else "other_copy"
    return Remedy(instructions=remedy_text(key, folder=folder))


def ensurepip_remedy(ctx: CheckContext, _finding: Finding, _codes: set[str]) -> Remedy | None:
    if ctx.python is None:
        return None
    return Remedy(steps=((ctx.machine_facts.python, "-m", "ensurepip", "--upgrade"),), note=remedy_text("ensurepip"))


def install_without_pip_remedy(ctx: CheckContext) -> Remedy | None:
    """No torch and no pip: pip first (ensurepip, nothing downloaded), then the recommended install, whose
    plan is shown once pip is there to make it."""
    rec = ctx.recommendation
    if ctx.python is None or rec.kind != "install" or not rec.argv:
        return None
    ensurepip = (ctx.machine_facts.python, "-m", "ensurepip", "--upgrade")
    return Remedy(steps=(ensurepip, rec.argv), note=remedy_text("pip_then_torch"))


# --------------------------------------------------------------------------- what no pip command fixes


_LIBRARY_PATH = re.compile(r"(/[^\s:'\"()]+\.so[\w.]*)")


def lib_path_remedy(ctx: CheckContext, item: Finding, _codes: set[str]) -> Remedy | None:
    """The folders to take off the library path: of each conflicting copy, or of the library the failed import
    names (an old libstdc++ gets its own words)."""
    special = import_failure_remedy(ctx, item)
    if special is not None:
        return special
    paths = _LIBRARY_PATH.findall(item.details or "")
    folders = list(dict.fromkeys(os.path.dirname(p) for p in paths if not ctx.inside_environment(p)))
    return Remedy(instructions=remedy_text("lib_path", folders="; ".join(folders[:3]) or item.details))


GLIBCXX = re.compile(r"(?P<library>/\S*libstdc\+\+\.so[\w.]*): version `(?P<symbol>GLIBCXX_[\d.]+|CXXABI_[\d.]+)' not found")


def import_failure_remedy(ctx: CheckContext, item: Finding) -> Remedy | None:
    """What a reinstall cannot fix in a failed import: an old libstdc++ on the path, a CPU without the
    instructions the build uses (SIGILL). None for other failures (their finding keeps its own advice)."""
    problem = ctx.torch_problem
    text = f"{problem.reason}\n{problem.stderr_tail}" if problem is not None else item.details
    match = GLIBCXX.search(text or "")
    if match:
        folder = match.group("library").rsplit("/", 1)[0]
        return Remedy(instructions=remedy_text("glibcxx", library=match.group("library"), folder=folder,
                                               symbol=match.group("symbol")))
    if problem is not None and (problem.signal == 4 or "Illegal instruction" in text):
        return Remedy(instructions=remedy_text("sigill"))
    return None


def visible_devices_remedy(ctx: CheckContext, _finding: Finding, _codes: set[str]) -> Remedy | None:
    """How to remove CUDA_VISIBLE_DEVICES in the user's shell (bash/zsh, or Command Prompt and PowerShell), and the
    values that would choose GPUs instead: the indexes and UUIDs the driver reports. Nothing is run: the variable
    lives in the user's shell, script or notebook, which no command of ours can change."""
    value = ctx.env("CUDA_VISIBLE_DEVICES")
    gpus = ctx.nvml.gpus if ctx.nvml else ()
    if value is None or not gpus:
        return None
    indexes = ",".join(str(i) for i in range(len(gpus)))
    uuids = ", ".join(g.uuid for g in gpus[:2] if g.uuid)
    key = "visible_devices.windows" if ctx.os == "windows" else "visible_devices.posix"
    return Remedy(instructions=remedy_text(key, value=repr(value), indexes=indexes, first="0",
                                           uuids=uuids or remedy_text("visible_devices.no_uuid")))


def instruction(key: str) -> Callable[[CheckContext, Finding, set[str]], Remedy | None]:
    def make(_ctx: CheckContext, item: Finding, _codes: set[str]) -> Remedy | None:
        return Remedy(instructions=remedy_text(key, details=item.details))

    return make


REMEDIES: dict[str, Callable[[CheckContext, Finding, set[str]], Remedy | None]] = {
    "TORCH_DAMAGED": damage_remedy,
    "NUMPY_ABI": numpy_remedy,
    "PACKAGE_CONFLICT": companion_remedy,
    "ENV_MISMATCH": shadow_remedy,
    "PIP_TOO_OLD": lambda ctx, item, codes: ensurepip_remedy(ctx, item, codes) if _pip_missing(ctx) else None,
    "TORCH_MISSING": lambda ctx, item, codes: install_without_pip_remedy(ctx) if _pip_missing(ctx) else None,
    "LOCAL_TORCH_SHADOW": instruction("local_shadow"),
    "LIB_PATH_CONFLICT": lib_path_remedy,
    "CUDA_HOME_MISSING": instruction("cuda_home_missing"),
    "VISIBLE_DEVICES_MASK": visible_devices_remedy,
    "PYTHON_UNUSABLE": instruction("python_unusable"),
    "TORCH_IMPORT_FAILED": lambda ctx, item, codes: import_failure_remedy(ctx, item),
}


def _pip_missing(ctx: CheckContext) -> bool:
    return ctx.python is not None and not ctx.python.pip_version.ok
