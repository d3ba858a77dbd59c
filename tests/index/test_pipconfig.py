"""pip's configuration read without starting pip, checked against real pip's own `pip config list` (the oracle) for
the same files and variables: each level, pip's override order, PIP_CONFIG_FILE, PIP_* variables, a proxy in a file."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv

import pytest

from wizard.facts.runner import run_command
from wizard.index.netconfig import parse_pip_config_list, pip_net_settings
from wizard.index.pipconfig import PipConfigError, config_files, read_pip_config, target_prefixes

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the oracle's folders are the POSIX ones")


@pytest.fixture()
def target(tmp_path):
    """A fresh venv (its own sys.prefix for the site file) whose `python -m pip` is this test run's pip."""
    folder = tmp_path / "target"
    venv.EnvBuilder(with_pip=False).create(folder)
    return folder, str(folder / "bin" / "python")


@pytest.fixture()
def environ(tmp_path):
    """This machine's variables without any PIP_*, with a home and XDG folders of the test's own."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "XDG_"))}
    env.update(HOME=str(tmp_path / "home"), XDG_CONFIG_DIRS=str(tmp_path / "xdg"), PYTHONPATH=sysconfig.get_path("purelib"))
    return env


def pip_config_list(python: str, environ: dict[str, str]) -> dict[str, str]:
    answer = subprocess.run([python, "-m", "pip", "config", "list"], env=environ, capture_output=True, text=True,
                            timeout=60)
    assert answer.returncode == 0, answer.stderr[-300:]
    return parse_pip_config_list(answer.stdout)


def write(path, text: str) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return str(path)


def test_every_level_in_pips_order_as_pip_reads_it(tmp_path, target, environ):
    prefix, python = target
    home = tmp_path / "home"
    write(tmp_path / "xdg" / "pip" / "pip.conf", "[global]\nproxy = http://global:1\ntimeout = 5\ncert = /g.pem\n")
    write(home / ".pip" / "pip.conf", "[global]\nproxy = http://legacy-user:2\nretries = 2\n")
    write(home / ".config" / "pip" / "pip.conf", "[global]\nproxy = http://user:3\ntrusted_host = u.example\n")
    write(prefix / "pip.conf", "[global]\nproxy = http://site:4\n[install]\nCert = /site-install.pem\n")

    mine = read_pip_config(python, environ, sys.platform)
    assert mine == pip_config_list(python, environ)
    assert (mine["global.proxy"], mine["global.timeout"], mine["global.trusted-host"]) == (
        "http://site:4", "5", "u.example")  # later levels win key by key; names normalized as pip does

    settings = pip_net_settings(python, runner=_refuse_to_run, environ=environ)
    assert (settings.proxy, settings.cert, settings.from_pip) == ("http://site:4", "/site-install.pem", True)


def test_xdg_config_home_and_pip_config_file_skip_the_user_files(tmp_path, target, environ):
    _prefix, python = target
    write(tmp_path / "cfg-home" / "pip" / "pip.conf", "[global]\nproxy = http://xdg-home:1\nindex-url = http://i/\n")
    environ["XDG_CONFIG_HOME"] = str(tmp_path / "cfg-home")
    assert read_pip_config(python, environ, sys.platform) == pip_config_list(python, environ)
    assert read_pip_config(python, environ, sys.platform)["global.proxy"] == "http://xdg-home:1"

    environ["PIP_CONFIG_FILE"] = write(tmp_path / "chosen.conf", "[install]\nproxy = http://u:s3cret@file-proxy:8\n")
    mine = read_pip_config(python, environ, sys.platform)
    assert mine == pip_config_list(python, environ)
    assert "global.index-url" not in mine  # an existing PIP_CONFIG_FILE hides the user's files
    assert pip_net_settings(python, runner=_refuse_to_run, environ=environ).proxy == "http://u:s3cret@file-proxy:8"


def test_environment_variables_override_files_and_devnull_hides_every_file(tmp_path, target, environ):
    prefix, python = target
    write(prefix / "pip.conf", "[install]\nproxy = http://site:4\n[global]\ncert = /site.pem\n")
    environ.update(PIP_PROXY="http://env:5", PIP_TRUSTED_HOST="a.example b.example", PIP_VERSION="ignored")
    mine = read_pip_config(python, environ, sys.platform)
    assert mine == pip_config_list(python, environ)
    settings = pip_net_settings(python, runner=_refuse_to_run, environ=environ)
    assert (settings.proxy, settings.cert, settings.trusted_hosts) == ("http://env:5", "/site.pem",
                                                                      ("a.example", "b.example"))

    environ["PIP_CONFIG_FILE"] = os.devnull
    mine = read_pip_config(python, environ, sys.platform)
    assert mine == pip_config_list(python, environ)
    assert not any(key.startswith(("global.", "install.")) for key in mine)


def test_a_file_pip_refuses_gives_no_settings_and_a_fifo_never_hangs(tmp_path, target, environ):
    prefix, python = target
    write(prefix / "pip.conf", "proxy = http://no-section:1\n")
    assert subprocess.run([python, "-m", "pip", "config", "list"], env=environ, capture_output=True,
                          timeout=60).returncode != 0  # pip stops on it too
    with pytest.raises(PipConfigError):
        read_pip_config(python, environ, sys.platform)
    assert not pip_net_settings(python, runner=_refuse_to_run, environ=environ).from_pip

    (prefix / "pip.conf").unlink()
    os.mkfifo(prefix / "pip.conf")
    with pytest.raises(PipConfigError, match="named pipe"):
        read_pip_config(python, environ, sys.platform)


def test_where_the_prefix_cannot_be_told_the_targets_own_pip_is_asked(tmp_path, target, environ):
    _prefix, python = target
    environ["PIP_PROXY"] = "http://env:5"
    environ["PYTHONHOME"] = sys.base_prefix  # moves sys.prefix: only the interpreter itself knows where
    assert read_pip_config(python, environ, sys.platform) is None
    asked = []

    def runner(argv, timeout=30.0, **_):
        asked.append(argv)
        return run_command(argv, timeout=timeout, env=environ)

    assert pip_net_settings(python, runner=runner, environ=environ).proxy == "http://env:5"
    assert asked == [[python, "-m", "pip", "config", "list"]]
    assert target_prefixes(str(tmp_path / "no-python"), {}, sys.platform) is None


def test_windows_folders_in_pips_order(tmp_path):
    environ = {"USERPROFILE": r"C:\Users\ana", "APPDATA": r"C:\Users\ana\AppData\Roaming", "ProgramData": r"D:\PD",
               "PIP_CONFIG_FILE": str(tmp_path / "absent.ini")}
    files = config_files((tmp_path / "env", tmp_path / "base"), environ, "win32")
    assert [f.replace("\\", "/") for f in files] == [
        "D:/PD/pip/pip.ini", "C:/Users/ana/pip/pip.ini", "C:/Users/ana/AppData/Roaming/pip/pip.ini",
        f"{tmp_path}/base/pip.ini", f"{tmp_path}/env/pip.ini", f"{tmp_path}/absent.ini"]


def _refuse_to_run(argv, **_):
    raise AssertionError(f"pip was started: {argv}")
