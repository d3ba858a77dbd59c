"""pip's network settings: the files and variables (also without starting pip: test_pipconfig.py), or the target's real
pip (`pip config list`) where its prefix cannot be told."""

from __future__ import annotations

import sys

from tests.local_index import pip_env
from wizard.facts.runner import run_command
from wizard.index.netconfig import NetSettings, parse_pip_config_list, pip_net_settings, settings_from_pip_config


def _runner_with(env: dict[str, str]):
    def run(argv, timeout=30.0, **_):
        return run_command(argv, timeout=timeout, env=env)

    return run


def test_real_pip_config_file_and_environment_in_pips_order(tmp_path):
    config = tmp_path / "pip.conf"
    config.write_text("[global]\nproxy = http://global-proxy:3128\ncert = /etc/ca.pem\n"
                      "trusted-host = a.example b.example\n[install]\nproxy = http://install-proxy:3128\n")
    env = pip_env(PIP_CONFIG_FILE=str(config))
    settings = pip_net_settings(sys.executable, runner=_runner_with(env), environ=env)
    assert settings.from_pip
    assert settings.proxy == "http://install-proxy:3128"  # the install section wins over global
    assert (settings.cert, settings.trusted_hosts) == ("/etc/ca.pem", ("a.example", "b.example"))

    env["PIP_PROXY"] = "http://user:s3cret@env-proxy:8080"
    settings = pip_net_settings(sys.executable, runner=_runner_with(env), environ=env)
    assert settings.proxy == "http://user:s3cret@env-proxy:8080"  # PIP_* variables win, as in pip
    assert "s3cret" not in repr(settings)


def test_no_usable_pip_gives_defaults(tmp_path):
    settings = pip_net_settings(str(tmp_path / "no-python"), runner=run_command)
    assert settings == NetSettings(from_pip=False)


def test_odd_lines_are_skipped():
    values = parse_pip_config_list("global.proxy='http://p:1'\nnot a line\nglobal.cert=unquoted\n:env:.timeout='60'\n")
    assert values == {"global.proxy": "http://p:1", ":env:.timeout": "60"}
    assert settings_from_pip_config(values).proxy == "http://p:1"
