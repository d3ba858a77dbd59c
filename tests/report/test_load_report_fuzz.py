"""load_report raises ReportFormatError — one line, never anything else — for any input at all."""

from __future__ import annotations

import copy
import json
import time
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.report.fixtures import planted_diagnosis, planted_snapshot
from wizard.report.json_report import REPORT_SCHEMA, ReportFormatError, load_report, report_data, report_json

VALID = report_data(planted_snapshot(), planted_diagnosis())
TEN_MB = 10 * 1024 * 1024

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=20,
)


def load_or_error(text: Any) -> str:
    """'ok' when it loads, else the error message; any other exception fails the test."""
    try:
        load_report(text)
    except ReportFormatError as exc:
        message = str(exc)
        assert message and "\n" not in message and len(message) <= 300
        return message
    return "ok"


def paths(data: Any, prefix: tuple = ()) -> list[tuple]:
    """Every path into a JSON document, the root excluded."""
    found = []
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in items:
        found.append((*prefix, key))
        found += paths(value, (*prefix, key))
    return found


ALL_PATHS = paths(VALID)


def replaced(data: Any, path: tuple, value: Any) -> Any:
    data = copy.deepcopy(data)
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return data


def test_the_fixture_report_loads() -> None:
    assert load_or_error(report_json(planted_snapshot(), planted_diagnosis())) == "ok"


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=400))
def test_arbitrary_text(text: str) -> None:
    load_or_error(text)


@settings(max_examples=200, deadline=None)
@given(data=json_values)
def test_arbitrary_json(data: Any) -> None:
    load_or_error(json.dumps(data))


@settings(max_examples=300, deadline=None)
@given(snapshot=json_values, findings=json_values, recommendation=json_values)
def test_right_schema_with_wrong_shapes(snapshot: Any, findings: Any, recommendation: Any) -> None:
    document = {"schema": REPORT_SCHEMA, "snapshot": snapshot, "findings": findings, "recommendation": recommendation}
    assert load_or_error(json.dumps(document)) != "ok"


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(index=st.integers(min_value=0, max_value=len(ALL_PATHS) - 1), value=json_values)
def test_a_valid_report_with_one_value_anywhere_replaced(index: int, value: Any) -> None:
    load_or_error(json.dumps(replaced(VALID, ALL_PATHS[index], value)))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(index=st.integers(min_value=0, max_value=len(ALL_PATHS) - 1))
def test_a_valid_report_with_one_key_removed(index: int) -> None:
    path = ALL_PATHS[index]
    data = copy.deepcopy(VALID)
    target = data
    for key in path[:-1]:
        target = target[key]
    del target[path[-1]]
    load_or_error(json.dumps(data))


@pytest.mark.parametrize("depth", [50, 900, 5_000, 200_000])
@pytest.mark.parametrize("where", ["root", "snapshot", "details", "schema"])
def test_huge_nesting_depth(depth: int, where: str) -> None:
    nested = "[" * depth + "]" * depth
    document = {
        "root": nested,
        "snapshot": f'{{"schema": "{REPORT_SCHEMA}", "findings": [], "snapshot": {nested}}}',
        "details": json.dumps(VALID).replace('"details": ""', f'"details": {nested}', 1),
        "schema": f'{{"schema": {nested}}}',
    }[where]
    load_or_error(document)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "null",
        "[]",
        '"report"',
        "\x00\x01garbage\xff",
        '{"schema": "torch-setup-wizard/report@1"',
        '{"schema": "torch-setup-wizard/report@1", "findings": "no"}',
        '{"schema": "torch-setup-wizard/report@1", "findings": [], "snapshot": {"schema": "x"}}',
        "1" * 5000,
        '{"schema": "torch-setup-wizard/report@1", "findings": [' + "1" * 5000 + "]}",
        '{"schema": NaN}',
    ],
)
def test_known_bad_documents(text: str) -> None:
    assert load_or_error(text) != "ok"


@pytest.mark.parametrize("value", [None, 42, b"\xff\xfe{", bytearray(b"[]"), ["a"], {"schema": REPORT_SCHEMA}])
def test_values_that_are_not_text(value: Any) -> None:
    assert load_or_error(value) != "ok"


def test_ten_megabytes_of_garbage_and_of_brackets() -> None:
    assert load_or_error("x" * TEN_MB) != "ok"
    assert load_or_error("[" * TEN_MB) != "ok"
    assert load_or_error('{"schema": "' + "s" * TEN_MB + '"}').startswith("not a torch-setup-wizard report")


def test_a_ten_megabyte_report_still_loads_quickly() -> None:
    data = copy.deepcopy(VALID)
    data["findings"][0]["details"] = "line of a very long traceback\n" * (TEN_MB // 30)
    text = json.dumps(data)
    assert len(text) > TEN_MB
    started = time.perf_counter()
    _, diagnosis = load_report(text)
    assert time.perf_counter() - started < 5
    assert diagnosis.findings[0].details.count("\n") == TEN_MB // 30


def test_messages_name_the_damaged_place() -> None:
    broken = replaced(VALID, ("findings", 0, "severity"), "catastrophic")
    message = load_or_error(json.dumps(broken))
    assert message.startswith("damaged report: $.findings[0].severity")
    missing = replaced(VALID, ("snapshot", "gpu"), None)
    assert "$.snapshot.gpu" in load_or_error(json.dumps(missing))
