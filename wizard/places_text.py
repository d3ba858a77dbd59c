"""Where code runs, in words: the headed lists of `facts` and the Welcome page (texts: resources/texts/places.json,
through wizard.i18n in the user's language)."""

from __future__ import annotations

from wizard import i18n
from wizard.snapshot import RunPlaces, TorchAnswer, UvProject


def say(key: str, **fields: object) -> str:
    """The catalog line ``key`` (its title) filled with ``fields``, in the user's language."""
    return i18n.text(f"{key}.title", **fields)


def torch_words(answer: TorchAnswer) -> str:
    if not answer.answered:
        return say("word.not_asked", why=answer.why_not) if answer.why_not else say("word.no_python")
    return say("word.torch", version=answer.torch_version) if answer.torch_version else say("word.no_torch")


def project_line(project: UvProject) -> str:
    requirement = project.torch_requirement or say("word.no_torch_dependency")
    torch_sources = [target for name, target in project.sources if name == "torch"]
    if torch_sources:
        index = say("word.index", index=", ".join(torch_sources))
    else:
        index = say("word.default_index") if project.torch_requirement else ""
    pins = ", ".join(f"{name} {version}" for name, version, _url in project.locked)
    lock = say("word.locked", pins=pins) if pins else ("" if project.has_lock else say("word.no_lock"))
    return say("line.uv_project", name=project.name or "?", folder=project.folder, requirement=requirement,
               index=index, lock=lock)


def places_sections(places: RunPlaces) -> list[tuple[str, list[str]]]:
    """(heading, lines) for every kind of place, in the order a student meets them."""
    terminal = (
        [say("line.terminal", python=places.terminal_python, version=places.terminal.python_version or "?",
             torch=torch_words(places.terminal))]
        if places.terminal_python else []
    )
    kernels = [
        say("line.kernel", display=k.display_name, name=k.name, python=k.python, torch=torch_words(k.answer))
        if k.python else say("line.kernel_unknown", display=k.display_name, name=k.name, how=k.python_note)
        for k in places.kernels
    ]
    conda: list[str] = []
    for env in places.conda_envs:
        conda.append(say("line.conda", name=env.name, prefix=env.prefix, torch=torch_words(env.answer)))
        if env.torch_packages:
            packages = ", ".join(
                f"{p.name} {p.version} ({p.build}{', ' + p.channel if p.channel else ''})" for p in env.torch_packages
            )
            conda.append("    " + say("line.conda_packages", packages=packages))
        if env.pip_torch:
            conda.append("    " + say("line.conda_pip", version=env.pip_torch))
    uv = [project_line(p) for p in places.uv_projects]
    uv += [say("line.uv_venv", prefix=v.prefix, uv=v.uv_version, pip="" if v.has_pip else say("word.no_pip"),
               torch=torch_words(v.answer)) for v in places.uv_venvs]
    editor = [say("line.editor", source=c.source, folder=c.folder, python=c.python or c.setting,
                  torch=torch_words(c.answer)) for c in places.editor]
    sections = [("heading.terminal", terminal), ("heading.kernels", kernels), ("heading.conda", conda),
                ("heading.uv", uv), ("heading.editor", editor)]
    return [(say(key), lines or [say("word.not_found")]) for key, lines in sections]


def places_text(places: RunPlaces) -> str:
    """The sections as plain text: a heading, then its lines indented."""
    out: list[str] = []
    for heading, lines in places_sections(places):
        out.append(heading)
        out.extend(f"  {line}" for line in lines)
    return "\n".join(out)
