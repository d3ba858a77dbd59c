"""``torch-setup-wizard facts``: print the raw snapshot."""

from __future__ import annotations

import argparse

from wizard.cli import EXIT_OK
from wizard.commands.common import collect_for_args
from wizard.snapshot import Fact, Snapshot, to_data


def run(args: argparse.Namespace) -> int:
    snapshot = collect_for_args(args)
    print(snapshot.to_json() if args.json else render_facts_text(snapshot))
    return EXIT_OK


def render_facts_text(snapshot: Snapshot) -> str:
    """The snapshot as indented 'name: value' lines, failed facts with their reason."""
    lines: list[str] = [f"Snapshot taken {snapshot.created_at} by torch-setup-wizard {snapshot.tool_version}"]
    for name in ("host", "gpu", "toolkit", "python", "torch"):
        lines.append("")
        lines.append(f"[{name}]")
        _render(getattr(snapshot, name), lines, indent=1)
    return "\n".join(lines)


def _render(value: object, lines: list[str], indent: int, label: str = "") -> None:
    pad = "  " * indent
    prefix = f"{pad}{label}: " if label else pad
    if isinstance(value, Fact):
        if value.ok:
            _render(value.value, lines, indent, label)
        else:
            problem = value.problem
            lines.append(f"{prefix}(unavailable: {problem.status.value}) {problem.reason}")
        return
    data = to_data(value)
    if isinstance(data, dict):
        if label:
            lines.append(f"{pad}{label}:")
            indent += 1
        for key in data:
            _render(getattr(value, key), lines, indent, key)
    elif isinstance(data, list):
        if not data:
            lines.append(f"{prefix}(none)")
            return
        lines.append(f"{pad}{label}:" if label else pad)
        for item in value:  # type: ignore[union-attr]
            if isinstance(item, tuple) and len(item) == 2 and all(isinstance(x, str) for x in item):
                lines.append(f"{pad}  - {item[0]}={item[1]}")
            else:
                _render(item, lines, indent + 1, "-")
    else:
        lines.append(f"{prefix}{data}")
