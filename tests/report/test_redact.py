"""Personal data never reaches an export while redaction is on, and does when the user turns it off."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.report.fixtures import (
    EMAIL,
    FQDN,
    HOST,
    IP,
    MAC,
    PLANTED,
    SERIAL,
    USER,
    UUID_0,
    UUID_1,
    WINDOWS_USER,
    planted_diagnosis,
    planted_snapshot,
)
from wizard.findings import Severity
from wizard.report.export import export_report, render_export
from wizard.report.json_report import load_report
from wizard.report.redact import (
    RedactionContext,
    current_machine_context,
    redact_report,
    redact_report_with_summary,
    redact_snapshot,
    redact_text,
)
from wizard.snapshot import Fact, HostInfo, Snapshot


def leaked(text: str) -> list[str]:
    return [value for value in PLANTED if value.casefold() in text.casefold()]


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_no_planted_personal_data_in_any_export(tmp_path: Path, fmt: str) -> None:
    path = export_report(planted_snapshot(), planted_diagnosis(), tmp_path / f"report.{fmt}", fmt)
    text = path.read_text(encoding="utf-8")
    assert leaked(text) == []
    assert "~/envs/dl/bin/python" in text  # the home became "~", the rest of the path stays useful
    assert "<uuid-1>" in text or "&lt;uuid-1&gt;" in text


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_with_redaction_off_the_planted_data_is_there(tmp_path: Path, fmt: str) -> None:
    path = export_report(planted_snapshot(), planted_diagnosis(), tmp_path / f"report.{fmt}", fmt, redact=False)
    text = path.read_text(encoding="utf-8")
    if fmt == "json":
        text = text.replace("\\\\", "\\")  # JSON doubles the backslash of C:\Users
    assert leaked(text) == list(PLANTED)


def test_placeholders_are_consistent_across_snapshot_and_findings() -> None:
    snapshot, diagnosis = redact_report(planted_snapshot(), planted_diagnosis())
    nvml = snapshot.gpu.nvml.value
    assert [g.uuid for g in nvml.gpus] == ["<uuid-1>", "<uuid-2>"]
    assert snapshot.host.value.env_var("CUDA_VISIBLE_DEVICES") == "<uuid-1>"
    assert "GPU 0: <uuid-1>" in diagnosis.findings[0].details
    assert snapshot.host.value.hostname == "<host>"
    assert snapshot.host.value.kernel == "Linux <host> 6.8.0-45-generic"
    assert snapshot.python.value.executable == "~/envs/dl/bin/python"
    assert diagnosis.recommendation.argv[0] == "~/envs/dl/bin/python"
    assert diagnosis.findings[0].evidence[0].startswith("<user>@<host>:~$")
    assert "C:\\Users\\<user-2>\\miniconda3" in diagnosis.findings[1].explanation


def test_codes_enums_numbers_and_technical_values_survive() -> None:
    original_snapshot, original_diagnosis = planted_snapshot(), planted_diagnosis()
    snapshot, diagnosis = redact_report(original_snapshot, original_diagnosis)
    assert [f.code for f in diagnosis.findings] == [f.code for f in original_diagnosis.findings]
    assert diagnosis.findings[0].severity is Severity.ERROR
    assert snapshot.gpu.nvml.value.driver_version == "580.95.05"
    assert snapshot.gpu.nvml.value.gpus[0].pci_device_id == 0x250310DE
    assert snapshot.gpu.pci.value[0].address == "0000:01:00.0"
    assert snapshot.host.value.env_var("NO_PROXY") == "localhost,127.0.0.1"  # loopback is not personal
    assert snapshot.toolkit.toolkits.value[0].root == "/usr/local/cuda-13.0"
    assert diagnosis.recommendation.index_url == "https://download.pytorch.org/whl/cu130"
    assert Snapshot.from_json(snapshot.to_json()) == snapshot


def test_summary_counts_distinct_values_per_kind() -> None:
    summary = redact_report_with_summary(planted_snapshot(), planted_diagnosis()).summary
    assert summary.count("user") == 2  # alice and AliceW
    assert summary.count("host") == 1  # the FQDN and its short form are one host
    assert summary.count("uuid") == 2
    assert summary.describe() == (
        "2 user names, 1 host name, 2 GPU ids, 1 serial number, 1 e-mail address, 1 MAC address, 2 IP addresses hidden"
    )


def test_summary_when_nothing_personal() -> None:
    assert render_export(planted_snapshot(), planted_diagnosis(), "md", redact=False).summary.describe() == (
        "No personal data found to hide"
    )


def test_redact_snapshot_alone_uses_the_snapshots_own_user_and_host() -> None:
    snapshot = redact_snapshot(planted_snapshot())
    text = snapshot.to_json()
    assert USER not in text and HOST not in text and UUID_0 not in text and UUID_1 not in text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("/home/bob/venv/bin/python", "~/venv/bin/python"),
        ("/Users/bob/miniforge3/bin/python", "~/miniforge3/bin/python"),
        ("C:\\Users\\Bob\\AppData\\Local\\Programs\\Python", "%USERPROFILE%\\AppData\\Local\\Programs\\Python"),
        ("c:/users/bob/x", "%USERPROFILE%/x"),
        ("C:\\Users\\Jo Smith\\venv\\python.exe", "%USERPROFILE%\\venv\\python.exe"),
        ('File "C:\\\\Users\\\\bob\\\\x.py", line 3', 'File "%USERPROFILE%\\\\x.py", line 3'),
        ("/home/bob and /home/carol/x", "~ and /home/<user-2>/x"),
        ("/mnt/c/Users/bob/data (WSL), owner bob", "/mnt/c/Users/<user>/data (WSL), owner <user>"),
        (
            "/root/venv and /home/user/x and C:\\Users\\Public\\x",
            "/root/venv and /home/user/x and C:\\Users\\Public\\x",
        ),
        ("mail bob.jones+gpu@uni.example.org now", "mail <email-1> now"),
        ("ether 3C-7C-3F-AA-BB-CC and 3c:7c:3f:aa:bb:cc", "ether <mac-1> and <mac-1>"),
        ("from 8.8.4.4 via 127.0.0.1 and 0.0.0.0", "from <ip-1> via 127.0.0.1 and 0.0.0.0"),
        ("GPU 0: RTX (UUID: GPU-12345678-abcd-ef01-2345-6789abcdef01)", "GPU 0: RTX (UUID: <uuid-1>)"),
        ("MIG-12345678-abcd-ef01-2345-6789abcdef01", "<uuid-1>"),
        (
            "    Serial Number                         : 1324021012345",
            "    Serial Number                         : <serial-1>",
        ),
        (
            "torch 2.13.0+cu130, driver 580.95.05, cc 8.6, glibc 2.36, 10.0.22631.1",
            "torch 2.13.0+cu130, driver 580.95.05, cc 8.6, glibc 2.36, 10.0.22631.1",
        ),
        ("pci 0000:01:00.0 and 00000000:02:00.0", "pci 0000:01:00.0 and 00000000:02:00.0"),
    ],
)
def test_redact_text_examples(text: str, expected: str) -> None:
    assert redact_text(text) == expected


def test_context_names_and_hosts_are_hidden_as_bare_words() -> None:
    context = RedactionContext(user_names=("bob",), host_names=("gpu-box-3.lab.example.org",))
    text = "bob ran it on gpu-box-3 (gpu-box-3.lab.example.org); bobcat and mybob stay"
    assert redact_text(text, context) == "<user> ran it on <host> (<host>); bobcat and mybob stay"


def test_a_user_called_like_a_placeholder_cannot_break_placeholders() -> None:
    context = RedactionContext(user_names=("mac",), host_names=("uuid",))
    text = "mac saw 3c:7c:3f:aa:bb:cc and GPU-12345678-abcd-ef01-2345-6789abcdef01 on uuid"
    assert redact_text(text, context) == "<user> saw <mac-1> and <uuid-1> on <host>"


def test_non_ascii_user_names() -> None:
    assert redact_text("C:\\Users\\Zoë\\venv and Zoë again") == "%USERPROFILE%\\venv and <user> again"


def test_home_outside_the_usual_places_from_the_snapshot_env() -> None:
    snapshot = planted_snapshot()
    host = HostInfo(os="linux", hostname="n01", env=(("HOME", "/scratch/users/k123"),))
    snapshot = Snapshot(**{**snapshot.__dict__, "host": Fact.found(host)})
    redacted = redact_snapshot(snapshot)
    assert redacted.host.value.env_var("HOME") == "~"


def test_live_export_adds_the_current_user_and_host() -> None:
    context = current_machine_context()
    import getpass
    import socket

    assert getpass.getuser() in context.user_names
    assert socket.gethostname() in context.host_names


def test_redaction_on_is_the_default_and_off_is_explicit() -> None:
    on = render_export(planted_snapshot(), planted_diagnosis(), "json")
    off = render_export(planted_snapshot(), planted_diagnosis(), "json", redact=False)
    assert on.redacted and '"redacted": true' in on.text
    assert not off.redacted and '"redacted": false' in off.text
    assert load_report(on.text)[0].host.value.hostname == "<host>"


def test_unknown_format_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown report format 'pdf'"):
        export_report(planted_snapshot(), planted_diagnosis(), tmp_path / "x.pdf", "pdf")


# --------------------------------------------------------------------------- properties

user_names = st.text(alphabet=string.ascii_letters + string.digits, min_size=3, max_size=12).filter(
    lambda n: (
        n[0].isalpha()
        and n.lower()
        not in {"root", "user", "users", "admin", "guest", "public", "default", "shared", "nobody", "runner"}
    )
)
noise = st.text(alphabet=string.printable, max_size=40)


@settings(max_examples=150, deadline=None)
@given(name=user_names, before=noise, after=noise, windows=st.booleans())
def test_a_user_name_in_a_home_path_never_survives(name: str, before: str, after: str, windows: bool) -> None:
    home = f"C:\\Users\\{name}\\envs" if windows else f"/home/{name}/envs"
    out = redact_text(f"{before} {home} {after} ({name})")
    assert not re.search(rf"(?<![A-Za-z0-9]){re.escape(name)}(?![A-Za-z0-9])", out, re.I)


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=300))
def test_redact_text_never_raises(text: str) -> None:
    context = RedactionContext(user_names=("alice",), host_names=(FQDN,))
    out = redact_text(text, context)
    assert EMAIL not in out and MAC not in out and IP not in out and SERIAL not in out
    assert WINDOWS_USER not in redact_text(f"C:\\Users\\{WINDOWS_USER}\\{text}")
