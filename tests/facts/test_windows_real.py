"""What only a real Windows can show: the py launcher's listing, the registry (VC++ runtime, long paths),
the Microsoft Store alias, a path longer than MAX_PATH and torch's DLL loader failing.

Every test runs the wizard's own code paths (discover, the static and live probes, the check command)
against the machine itself. Marked windows_only: skipped elsewhere with the reason; the CI matrix
(.github/workflows/ci.yml) runs them on windows-latest.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from wizard.checks.import_errors import classify_import_failure
from wizard.facts.discover import (
    LISTING_TIMEOUT,
    describe_interpreter,
    discover_interpreters,
    identity,
    parse_py_launcher,
    path_candidates,
)
from wizard.facts.pci import scan_windows
from wizard.facts.python_env import collect_python, collect_torch
from wizard.facts.runner import run_command

pytestmark = pytest.mark.windows_only

VC_RUNTIME_KEY = r"SOFTWARE\Microsoft\VisualStudio\14.0\VC\Runtimes\x64"
FILESYSTEM_KEY = r"SYSTEM\CurrentControlSet\Control\FileSystem"
# `py -0p` lines: " -V:3.12 *        C:\...\python.exe" (launcher 3.11+) or " -3.9-64 C:\...\python.exe" (older).
LAUNCHER_TAG = re.compile(r"^\s*-(?:V:)?(?P<tag>[^\s*]+)")
MAX_PATH = 260


def hklm_values(key_path: str, names: tuple[str, ...], views: tuple[str, ...] = ("KEY_WOW64_64KEY",)) -> list | None:
    """The values straight from the registry (the first view that has them), None when absent from all."""
    import winreg

    for view in views:
        try:
            with winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, key_path, 0, winreg.KEY_READ | getattr(winreg, view)) as key:
                return [winreg.QueryValueEx(key, name)[0] for name in names]
        except FileNotFoundError:
            continue
    return None


def py_launcher() -> str:
    found = shutil.which("py")
    if found is None:
        pytest.skip("no py launcher on PATH")
    return found


def report_of(python: str, *extra: str) -> dict:
    done = subprocess.run([sys.executable, "-m", "wizard", "check", "--python", python, "--json", *extra],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout)


# --------------------------------------------------------------------------- the py launcher


def test_every_interpreter_py_lists_is_parsed() -> None:
    result = run_command([py_launcher(), "-0p"], timeout=LISTING_TIMEOUT)
    assert result.ok, result
    text = result.stdout + "\n" + result.stderr
    naming_a_file = [line for line in text.splitlines() if re.search(r"[A-Za-z]:\\", line)]
    paths = parse_py_launcher(text)
    assert paths, text
    assert len(paths) == len(naming_a_file), text  # no listed interpreter is lost to the format
    assert all(os.path.isfile(path) for path in paths), text


def test_discovery_lists_and_asks_each_launcher_interpreter() -> None:
    listing = run_command([py_launcher(), "-0p"], timeout=LISTING_TIMEOUT).stdout
    tags = {}
    for line in listing.splitlines():
        tag, paths = LAUNCHER_TAG.match(line), parse_py_launcher(line)
        if tag and paths:
            tags[identity(paths[0])] = tag["tag"]
    choices = {identity(choice.path): choice for choice in discover_interpreters()}
    for key, tag in tags.items():
        assert key in choices, (tag, sorted(choices))  # found (as "py launcher", or earlier under PATH / venv)
        version = choices[key].version
        assert version, choices[key].label  # it answered the question
        number = re.match(r"\d+(?:\.\d+)?", tag)
        if number:  # PythonCore tags are the version ("3.12", "3.12-32"); others (ContinuumAnalytics/...) are names
            assert version.startswith(number.group(0) + ".") or version == number.group(0), (tag, version)
    assert any(choice.kind == "py launcher" for choice in choices.values()) or len(tags) <= 1


# --------------------------------------------------------------------------- registry


def test_vc_runtime_comes_from_the_registry_or_msvcp140() -> None:
    facts = collect_python(sys.executable)
    assert facts.ok, facts.problem
    vc = facts.value.vc_runtime
    from_registry = hklm_values(VC_RUNTIME_KEY, ("Major", "Minor", "Bld"), ("KEY_WOW64_64KEY", "KEY_WOW64_32KEY"))
    if from_registry is not None:
        assert vc.ok and vc.value == "{}.{}.{}".format(*from_registry)
    elif vc.ok:  # the key is absent but System32\msvcp140.dll is there: its file version
        assert (Path(os.environ["SYSTEMROOT"]) / "System32" / "msvcp140.dll").is_file()
    else:
        assert vc.problem.code == "vc_runtime_missing"
    if vc.ok:
        assert re.fullmatch(r"14\.\d+\.\d+", vc.value), vc.value


def test_long_paths_fact_is_the_registry_value() -> None:
    facts = collect_python(sys.executable)
    assert facts.ok, facts.problem
    value = hklm_values(FILESYSTEM_KEY, ("LongPathsEnabled",))
    expected = bool(value[0]) if value is not None else False  # absent: never enabled
    assert facts.value.long_paths_enabled.ok
    assert facts.value.long_paths_enabled.value is expected


# --------------------------------------------------------------------------- long paths


def test_an_environment_deeper_than_max_path(tmp_path: Path) -> None:
    deep = tmp_path
    while len(str(deep)) <= MAX_PATH + 20:
        deep = deep / "a-folder-name-that-helps-to-pass-max-path"
    enabled = hklm_values(FILESYSTEM_KEY, ("LongPathsEnabled",))
    if not (enabled and enabled[0]):
        codes = {finding["code"] for finding in report_of(sys.executable, "--no-import")["findings"]}
        assert "LONG_PATHS_DISABLED" in codes
        return
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(deep / "venv")], check=True, timeout=300)
    python = deep / "venv" / "Scripts" / "python.exe"
    facts = collect_python(str(python))
    assert facts.ok, facts.problem
    assert len(facts.value.prefix) > MAX_PATH and facts.value.env_kind == "venv"
    assert describe_interpreter(str(python)).version == ".".join(map(str, sys.version_info[:3]))
    codes = {finding["code"] for finding in report_of(str(python), "--no-import")["findings"]}
    assert "LONG_PATHS_DISABLED" not in codes


# --------------------------------------------------------------------------- the Store alias


def test_the_microsoft_store_alias() -> None:
    alias = Path(os.environ.get("LOCALAPPDATA", "")) / "Microsoft" / "WindowsApps" / "python.exe"
    if not os.path.lexists(alias):
        pytest.skip(f"no Store alias at {alias} (Windows Server has no Microsoft Store; a Windows 10/11 desktop has one)")
    assert [candidate.path for candidate in path_candidates({"PATH": str(alias.parent)})] == [str(alias)]
    choice = describe_interpreter(str(alias))
    if choice.version:  # a Store Python is installed behind the alias
        facts = collect_python(str(alias))
        assert facts.ok and facts.value.env_kind == "store", facts
    else:  # the alias only offers the Store: "Python was not found; run without arguments to install from the
        # Microsoft Store, ..." with exit code 9009
        assert "exit code 9009" in choice.label and "Python was not found" in choice.label, choice.label


# --------------------------------------------------------------------------- torch's DLL loader


def linked_copy(source: Path, target: Path) -> None:
    """A copy of a venv whose files are hard links (fast; deleting one leaves the original alone)."""
    def link_or_copy(src: str, dst: str) -> None:
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)

    shutil.copytree(source, target, copy_function=link_or_copy)


@pytest.mark.slow
def test_a_deleted_torch_dll_gives_the_real_winerror(torch_python: str, tmp_path: Path) -> None:
    broken = tmp_path / "broken-venv"
    linked_copy(Path(torch_python).parents[1], broken)
    library = broken / "Lib" / "site-packages" / "torch" / "lib"
    (library / "c10.dll").unlink()  # every other torch DLL depends on it
    python = str(broken / "Scripts" / "python.exe")

    fact = collect_torch(python, timeout=300)
    assert fact.problem is not None and fact.problem.code == "torch_import_failed", fact
    text = fact.problem.stderr_tail or fact.problem.reason
    # torch/__init__.py's _load_dll_libraries: OSError: [WinError 126] The specified module could not be
    # found. Error loading "<venv>\Lib\site-packages\torch\lib\<name>.dll" or one of its dependencies.
    assert re.search(r'\[WinError 126\][^\n]*Error loading "[^"]+\\torch\\lib\\[\w.-]+\.dll" or one of its dependencies',
                     text), text
    code, culprit = classify_import_failure(text)
    assert code == "VCREDIST_MISSING" and culprit.endswith(".dll"), (code, culprit)

    findings = report_of(python)["findings"]
    failed = [finding for finding in findings if finding["code"] in ("VCREDIST_MISSING", "TORCH_IMPORT_FAILED")]
    assert failed and failed[0]["severity"] == "error", findings
    # Whatever the cause, reinstalling torch is offered: a deleted DLL is not fixed by the VC++ runtime alone.
    runs = [action["argv"] for finding in failed for action in finding["actions"] if action["kind"] == "run"]
    assert any("install" in argv and any(arg.startswith("torch") for arg in argv) for argv in runs), failed



# --------------------------------------------------------------------------- display devices


def test_the_powershell_query_runs_and_is_read() -> None:
    fact = scan_windows(run_command)
    assert fact.ok, fact.problem  # the query's quoting survives argv -> powershell.exe, the JSON parses
    controllers = run_command(["powershell.exe", "-NoProfile", "-NonInteractive", "-Command",
                               "@(Get-CimInstance Win32_VideoController).Count"], timeout=60)
    assert controllers.ok, controllers
    assert len(fact.value) >= int(controllers.stdout.strip())
    for device in fact.value:
        if "VEN_" in device.address:
            assert device.vendor_id != 0, device
