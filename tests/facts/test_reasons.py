"""Why a fact has no value: the collectors write catalog texts (resources/texts/facts.json), the snapshot keeps the
English sentence (what checks read) and the message, and `facts` shows the reason in the reader's language with
the OS's and programs' own words left as they are."""

from __future__ import annotations

import ast
import dataclasses
import json
from collections.abc import Iterator
from pathlib import Path

from wizard import i18n
from wizard.commands.facts import render_facts_text
from wizard.facts.gpu import read_wsl_driver_libs
from wizard.facts.nvml import problem_from_nvml_error
from wizard.facts.python_env import collect_torch
from wizard.facts.reasons import because, reason_text
from wizard.facts.runner import CommandResult, ScriptedRunner
from wizard.probe import probe_script_path
from wizard.snapshot import Fact, FactStatus, Problem, Snapshot, from_data

REPO = Path(__file__).resolve().parents[2]


def a_snapshot() -> Snapshot:
    """A whole recorded snapshot (a healthy CPU machine) to put one failed fact into."""
    data = json.loads((REPO / "tests/checks/scenarios/healthy_cpu_no_gpu.json").read_text(encoding="utf-8"))
    return from_data(Snapshot, data["snapshot"])


def test_the_stored_reason_stays_english_and_carries_its_message(tmp_path: Path) -> None:
    (tmp_path / "proc/sys/kernel").mkdir(parents=True)
    (tmp_path / "proc/sys/kernel/osrelease").write_text("6.6.87.2-microsoft-standard-WSL2")
    problem = read_wsl_driver_libs(tmp_path).problem
    assert problem.reason == ("WSL without /usr/lib/wsl/lib: WSL 1, or the Windows NVIDIA driver does not expose "
                              "the GPU to WSL")
    assert [m.key for m in problem.reason_messages] == ["reason.wsl_without_lib"]
    assert reason_text(problem, "fr").startswith("WSL sans /usr/lib/wsl/lib : WSL 1")


def test_a_failed_command_keeps_its_words_inside_a_translated_reason(german: None) -> None:
    result = CommandResult(argv=("/opt/py/bin/python", "-B", "probe.py", "live"), exit_code=None,
                           start_error="[Errno 13] Permission denied: '/opt/py/bin/python'")
    runner = ScriptedRunner({("/opt/py/bin/python", "-B", str(probe_script_path()), "live"): result})
    problem = collect_torch("/opt/py/bin/python", runner).problem
    assert problem.reason == ("/opt/py/bin/python cannot be run as a program "
                              "([Errno 13] Permission denied: '/opt/py/bin/python')")  # German is the display only
    assert reason_text(problem) == ("/opt/py/bin/python lässt sich nicht als Programm ausführen "
                                    "([Errno 13] Permission denied: '/opt/py/bin/python')")


def test_nested_reasons_render_whole_in_another_language() -> None:
    class NvmlError(Exception):
        value = 9  # NVML_ERROR_DRIVER_NOT_LOADED

    problem = problem_from_nvml_error(NvmlError(), "nvmlInit")
    assert problem.reason == ("nvmlInit: the NVIDIA driver is installed but not running "
                              "(its kernel module is not loaded)")
    assert reason_text(problem, "ja") == "nvmlInit：NVIDIA ドライバーはインストールされていますが動いていません（カーネルモジュールが読み込まれていません）"


def test_a_reason_survives_the_report_and_a_reason_from_code_stays_as_written() -> None:
    snapshot = dataclasses.replace(a_snapshot(), torch=Fact.missing(FactStatus.UNKNOWN, because("reason.import_skipped")))
    loaded = Snapshot.from_json(snapshot.to_json())
    torch_problem = loaded.torch.problem
    assert torch_problem.reason == "the live import of torch was skipped (--no-import)"
    assert reason_text(torch_problem, "es") == "se omitió la importación real de torch (--no-import)"
    plain = Problem(FactStatus.FAILED, "an older wizard wrote this")
    assert reason_text(plain, "de") == "an older wizard wrote this" and plain.reason_messages == ()
    assert reason_text(Fact.unknown().problem, "ko") == "수집하지 않음"  # a fixed reason stored as plain text


def test_facts_prints_the_label_status_and_reason_in_the_users_language(german: None) -> None:
    snapshot = dataclasses.replace(a_snapshot(), torch=Fact.missing(FactStatus.NOT_FOUND, i18n.message(
        "reason.torch.not_installed", "en", python="/srv/venv/bin/python")))
    shown = render_facts_text(snapshot)
    assert "(nicht verfügbar: nicht gefunden) torch ist in /srv/venv/bin/python nicht installiert" in shown
    assert "unavailable" not in shown


def because_calls() -> Iterator[tuple[str, ast.Call]]:
    for path in sorted((REPO / "wizard").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "because":
                yield f"{path.relative_to(REPO).as_posix()}:{node.lineno}", node


def test_every_reason_names_a_facts_text_and_gives_exactly_its_fields() -> None:
    english = i18n.load_catalog_file(i18n.catalog_path("facts"))
    wrong, used = [], set()
    for where, call in because_calls():
        first = call.args[0] if call.args else None
        if not isinstance(first, ast.Constant):
            if isinstance(first, ast.JoinedStr):  # reason_for(code): f"reason.nvml.{code}", checked below
                continue
            wrong.append(f"{where}: because() takes a literal key")
            continue
        used.add(first.value)
        given = {keyword.arg for keyword in call.keywords}
        if first.value not in english:
            wrong.append(f"{where}: no {first.value} in resources/texts/facts.json")
        elif given != set(i18n.template_fields(english[first.value])):
            wrong.append(f"{where}: {first.value} needs {sorted(i18n.template_fields(english[first.value]))}")
    assert wrong == []
    from wizard.facts.nvml import REASON_CODES

    used |= {f"reason.nvml.{code}" for code in REASON_CODES}
    used.add("reason.not_gathered")  # Fact.unknown()'s default (wizard/snapshot.py), matched by its English text
    reasons = {key for key in english if key.startswith("reason.")}
    assert sorted(reasons - used) == []
