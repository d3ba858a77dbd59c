"""``torch-setup-wizard facts``: print the raw snapshot."""

from __future__ import annotations

import argparse

from wizard.cli import EXIT_OK
from wizard.commands.common import collect_for_args
from wizard.facts.reasons import reason_text
from wizard.i18n import text
from wizard.safe_text import terminal_safe
from wizard.snapshot import Fact, Problem, Snapshot, to_data


def run(args: argparse.Namespace) -> int:
    snapshot = collect_for_args(args)
    print(snapshot.to_json() if args.json else render_facts_text(snapshot))
    return EXIT_OK


def render_facts_text(snapshot: Snapshot) -> str:
    """The snapshot as indented 'name: value' lines, failed facts with their reason."""
    snapshot = terminal_safe(snapshot)
    lines: list[str] = [text("command.facts.header", date=snapshot.created_at, version=snapshot.tool_version)]
    for name in ("host", "gpu", "toolkit", "python", "torch"):
        lines.append("")
        lines.append(f"[{name}]")
        _render(getattr(snapshot, name), lines, indent=1)
    lines += ["", text("command.facts.places"), *_places_lines(snapshot)]
    return "\n".join(lines)


def _places_lines(snapshot: Snapshot) -> list[str]:
    """Kernels, conda envs, uv and VS Code under plain headings (the JSON has every field)."""
    from wizard.places_text import places_text

    places = snapshot.places
    if not places.ok:
        return ["  " + unavailable(places.problem)]
    return ["  " + line for line in places_text(places.value).splitlines()]


def unavailable(problem: Problem) -> str:
    """'(unavailable: not found) torch is not installed in …', in the user's language where the reason is a catalog
    text (the OS's and programs' own words inside it stay as they are)."""
    return text("fact.unavailable", status=text(f"fact.status.{problem.status.value}"), reason=reason_text(problem))


LONG_LIST = 8  # lists longer than this (wheel tags: ~900) show their first entries and a count


def _render(value: object, lines: list[str], indent: int, label: str = "") -> None:
    pad = "  " * indent
    prefix = f"{pad}{label}: " if label else pad
    if isinstance(value, Fact):
        if value.ok:
            _render(value.value, lines, indent, label)
        else:
            lines.append(prefix + unavailable(value.problem))
        return
    if isinstance(value, tuple):
        _render_list(value, lines, indent, label)
        return
    data = to_data(value)
    if isinstance(data, dict):
        if label:
            lines.append(f"{pad}{label}:")
            indent += 1
        for key in data:
            _render(getattr(value, key), lines, indent, key)
    else:
        lines.append(f"{prefix}{data}")


def _render_list(items: tuple, lines: list[str], indent: int, label: str) -> None:
    pad = "  " * indent
    if not items:
        lines.append(f"{pad}{label}: " + text("fact.none"))
        return
    lines.append(f"{pad}{label}:")
    shown = items if len(items) <= LONG_LIST or label == "env" else items[:5]
    for item in shown:
        if isinstance(item, tuple) and len(item) == 2 and all(isinstance(x, str) for x in item):
            lines.append(f"{pad}  - {item[0]}={item[1]}")
        elif isinstance(item, (str, int, float, bool)):
            lines.append(f"{pad}  - {item}")
        else:
            lines.append(f"{pad}  -")
            _render(item, lines, indent + 2)
    if len(shown) < len(items):
        lines.append(f"{pad}  " + text("command.facts.more", count=len(items) - len(shown), option="--json"))
