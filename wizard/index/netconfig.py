"""The network settings pip would use for an install: proxy, certificates, trusted hosts.

Read the way pip reads them: its config files in pip's order plus PIP_* variables (wizard.index.pipconfig reads
them without starting pip; only where the target's prefix cannot be told is its own ``python -m pip config list``
asked), then the standard HTTPS_PROXY/NO_PROXY variables that pip's HTTP library honours too. Collector side. The result lives only in
memory for the index fetch: it may hold proxy credentials, so it is never stored, logged or put in a snapshot.
"""

from __future__ import annotations

import ast
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field

from wizard.facts.runner import Runner, run_command
from wizard.index.pipconfig import PipConfigError, read_pip_config

# pip's precedence for `pip install`: environment variables over the install section over global.
_SECTIONS = (":env:", "install", "global")
PIP_CONFIG_TIMEOUT = 10.0


@dataclass(frozen=True)
class NetSettings:
    proxy: str = field(default="", repr=False)  # "http://user:secret@proxy:3128": never printed (repr hides it)
    cert: str = ""  # a CA bundle file
    client_cert: str = ""
    trusted_hosts: tuple[str, ...] = ()
    from_pip: bool = False  # pip's configuration could be read


def parse_pip_config_list(text: str) -> dict[str, str]:
    """``section.key='value'`` lines of `pip config list` → {"section.key": value}; odd lines are skipped."""
    values: dict[str, str] = {}
    for line in text.splitlines():
        key, sep, raw = line.partition("=")
        if not sep or "." not in key:
            continue
        try:
            value = ast.literal_eval(raw.strip())
        except (ValueError, SyntaxError):
            continue
        if isinstance(value, str):
            values[key.strip()] = value
    return values


def settings_from_pip_config(values: dict[str, str], from_pip: bool = True) -> NetSettings:
    def pick(name: str) -> str:
        for section in _SECTIONS:
            value = values.get(f"{section}.{name}", "").strip()
            if value:
                return value
        return ""

    return NetSettings(
        proxy=pick("proxy"),
        cert=pick("cert"),
        client_cert=pick("client-cert"),
        trusted_hosts=tuple(pick("trusted-host").split()),
        from_pip=from_pip,
    )


def pip_net_settings(python: str, runner: Runner = run_command, environ: Mapping[str, str] | None = None,
                     platform: str = sys.platform) -> NetSettings:
    """The target interpreter's pip settings; where pip could not read them, the defaults (standard variables
    apply). ``environ`` stands in for os.environ (the target's pip sees the same variables)."""
    try:
        values = read_pip_config(python, os.environ if environ is None else environ, platform)
    except PipConfigError:
        return NetSettings(from_pip=False)  # pip itself stops on such a file: `pip config list` fails too
    if values is not None:
        return settings_from_pip_config(values)
    return pip_config_list_settings(python, runner)


def pip_config_list_settings(python: str, runner: Runner = run_command) -> NetSettings:
    """The settings as the target's own pip prints them (a subprocess: only where the files cannot be found)."""
    result = runner([python, "-m", "pip", "config", "list"], timeout=PIP_CONFIG_TIMEOUT)
    if not result.ok:
        return NetSettings(from_pip=False)
    return settings_from_pip_config(parse_pip_config_list(result.stdout))
