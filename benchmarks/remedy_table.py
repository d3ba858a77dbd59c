"""The closing-note table: each broken situation built for real (tests/actions/remedy_situations.py), then
situation → first finding → remedy → state after `fix --yes` → state after `fix --undo --yes`.

    .venv/bin/python benchmarks/remedy_table.py [NAME ...]   (names from SITUATIONS: only those rows)
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "actions"), str(ROOT)]

from local_index import LocalIndex, pip_env, standard_wheels  # noqa: E402
from remedy_situations import SITUATIONS, first_finding, index_with_recommended, state, wizard  # noqa: E402

from wizard.shell_text import command_text  # noqa: E402


def remedy_words(finding) -> str:
    remedy = finding.remedy
    if remedy is None:
        return "(none)"
    if remedy.steps:
        return "; ".join(command_text(("python", *step[1:]), "linux") for step in remedy.steps)
    return "by hand: " + remedy.instructions.splitlines()[0][:90]


def after_fix(situation, index, before: str) -> str:
    done = wizard(situation, index, "fix", "--yes")
    verdict = next((line for line in done.stdout.splitlines() if line.startswith(("The problem", "The check finds"))), "")
    changed = "packages unchanged" if state(situation) == before else "packages changed"
    if "Saved the current state" not in done.stdout:
        said = "by hand first" if "By hand" in done.stdout else done.stdout.strip().splitlines()[-1][:80]
        return f"exit {done.returncode}: nothing run ({said}); {changed}"
    return f"exit {done.returncode}: {verdict or done.stdout.strip().splitlines()[-1]} ({changed})"


def after_undo(situation, index, before: str) -> str:
    undo = wizard(situation, index, "fix", "--undo", "--yes")
    same = state(situation) == before
    return f"exit {undo.returncode}: " + ("identical to before" if same else "DIFFERS from before")


def main(names: list[str]) -> int:
    with tempfile.TemporaryDirectory() as tmp, LocalIndex(standard_wheels(), Path(tmp) / "wheels") as index:
        for name in [k for k in os.environ if k.startswith("PIP_")]:
            del os.environ[name]  # only the local index, as in the tests
        os.environ.update(pip_env({}, PIP_INDEX_URL=index.simple_url))
        os.environ["TSW_DATA_DIR"] = str(Path(tmp) / "data")
        print("| situation | first finding | remedy | after `fix --yes` | after `fix --undo --yes` |")
        print("|---|---|---|---|---|")
        chosen = [SITUATIONS[name] for name in names] if names else list(SITUATIONS.values())
        for number, make in enumerate(chosen):
            situation = make(Path(tmp) / f"s{number}", index)
            before = state(situation)
            first = first_finding(situation, index)
            served = index_with_recommended(situation, index, Path(tmp) / f"i{number}") if situation.installs_recommended else None
            with served or contextlib.nullcontext(index) as where:
                fixed = after_fix(situation, where, before)
                undone = after_undo(situation, where, before) if "nothing run" not in fixed else "(nothing to undo)"
            os.environ["PIP_INDEX_URL"] = index.simple_url
            print(f"| {situation.name} | {first.code} ({first.severity.value}) | {remedy_words(first)} | {fixed} | {undone} |",
                  flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
