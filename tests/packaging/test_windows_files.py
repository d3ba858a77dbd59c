"""The Windows packaging files, checked without Windows: the installer script refers to files that
exist and to the executables the spec builds, versions agree with wizard.__version__, the icon is a
well-formed ICO with the sizes Windows asks for. (iscc itself cannot run here.)
"""

from __future__ import annotations

import ast
import configparser
import os
import re
import struct
import subprocess
import sys
from pathlib import Path

import wizard

REPO = Path(__file__).resolve().parents[2]
PACKAGING = REPO / "packaging"
WINDOWS = PACKAGING / "windows"
ISS = WINDOWS / "installer.iss"
ICO = WINDOWS / "torch-setup-wizard.ico"
SPEC = PACKAGING / "torch-setup-wizard.spec"
VERSION_INFO = WINDOWS / "version_info.txt"
ICON_SIZES = [16, 32, 48, 256]


def iss_defines() -> dict[str, str]:
    return dict(re.findall(r'^#define\s+(\w+)\s+"([^"]*)"', ISS.read_text(encoding="utf-8"), re.MULTILINE))


def iss_section(name: str) -> list[str]:
    """The non-comment lines of one [Section], continuation lines (ending in \\) joined."""
    lines, inside, pending = [], False, ""
    for raw in ISS.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if re.fullmatch(r"\[\w+\]", line):
            inside = line == f"[{name}]"
            continue
        if not inside or not line or line.startswith(";"):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        lines.append(pending + line)
        pending = ""
    return lines


def iss_setup() -> dict[str, str]:
    return dict(line.split("=", 1) for line in iss_section("Setup"))


def expand(value: str) -> str:
    """Replace {#Name} preprocessor references with their #define values."""
    defines = iss_defines()
    return re.sub(r"\{#(\w+)\}", lambda m: defines[m.group(1)], value)


def windows_path(relative: str) -> Path:
    """A path the .iss gives relative to its own folder, on this machine."""
    return (WINDOWS / relative.replace("\\", "/")).resolve()


def spec_executables() -> dict[str, bool]:
    """EXE name → console flag, as the spec builds them."""
    text = SPEC.read_text(encoding="utf-8")
    return {name: console == "True" for name, console in re.findall(r'name="([\w-]+)", console=(True|False)', text)}


def test_installer_version_is_the_wizards() -> None:
    assert iss_defines()["AppVersion"] == wizard.__version__
    assert "{#AppVersion}" in iss_setup()["OutputBaseFilename"]


def test_installer_names_the_executables_the_spec_builds() -> None:
    executables = spec_executables()
    defines = iss_defines()
    assert executables == {"torch-setup-wizard": True, "torch-setup-wizard-gui": False}
    assert defines["AppExe"] == "torch-setup-wizard-gui.exe"  # the Start menu opens the windowed one
    assert defines["CliExe"] == "torch-setup-wizard.exe"


def test_installer_files_exist_relative_to_the_script() -> None:
    setup = iss_setup()
    assert windows_path(setup["SetupIconFile"]).is_file()
    assert windows_path(expand(iss_defines()["BundleDir"])) == REPO / "dist" / "torch-setup-wizard"  # where the spec's COLLECT puts it by default
    assert re.search(r'COLLECT\(\*executables, .*name="torch-setup-wizard"\)', SPEC.read_text(encoding="utf-8"))
    assert windows_path(setup["OutputDir"]) == REPO / "dist"


def test_installer_is_per_user_with_start_menu_uninstall_and_optional_path() -> None:
    setup = iss_setup()
    assert setup["PrivilegesRequired"] == "lowest"
    assert setup["DefaultDirName"].startswith("{autopf}\\")  # %LOCALAPPDATA%\Programs in per-user mode
    assert setup["ArchitecturesInstallIn64BitMode"] == "x64compatible"
    assert setup["ChangesEnvironment"] == "yes"
    icons = iss_section("Icons")
    assert any(line.startswith('Name: "{group}\\{#AppName}"') and 'Filename: "{app}\\{#AppExe}"' in line
               for line in icons)
    assert any("{uninstallexe}" in line for line in icons)
    tasks = {re.match(r'Name: "(\w+)"', line).group(1) for line in iss_section("Tasks")}
    used = set()
    for section in ("Icons", "Registry", "Files", "Run"):
        for line in iss_section(section):
            used.update(re.findall(r"Tasks: (\w+)", line))
    assert used <= tasks and "addtopath" in tasks
    path_entry = next(line for line in iss_section("Registry") if 'ValueName: "Path"' in line)
    assert "Root: HKCU" in path_entry and "{olddata};{app}" in path_entry and "uninsdeletevalue" not in path_entry
    code = "\n".join(iss_section("Code"))
    for function in ("function NeedsAddPath", "procedure CurUninstallStepChanged", "usPostUninstall"):
        assert function in code


def test_version_resource_agrees_with_the_wizard() -> None:
    text = VERSION_INFO.read_text(encoding="utf-8")
    tree = ast.parse(text)  # PyInstaller evaluates this file as a Python expression
    assert isinstance(tree.body[-1], ast.Expr)
    numbers = tuple(int(part) for part in wizard.__version__.split(".")) + (0,) * (4 - len(wizard.__version__.split(".")))
    for key in ("filevers", "prodvers"):
        found = re.search(rf"{key}=\(([\d, ]+)\)", text).group(1)
        assert tuple(int(n) for n in found.split(",")) == numbers
    strings = dict(re.findall(r"StringStruct\('(\w+)', '([^']*)'\)", text))
    assert strings["FileVersion"] == strings["ProductVersion"] == wizard.__version__
    assert strings["OriginalFilename"] == iss_defines()["CliExe"]
    assert "version_info.txt" in SPEC.read_text(encoding="utf-8")


def ico_entries(data: bytes) -> list[tuple[int, int, bytes]]:
    """(width, height, payload) of each image in an ICO file."""
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind) == (0, 1)
    entries = []
    for index in range(count):
        width, height, _, _, planes, bits, size, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * index)
        assert planes == 1 and bits == 32
        assert offset + size <= len(data)
        entries.append((width or 256, height or 256, data[offset : offset + size]))
    return entries


def payload_size(payload: bytes) -> tuple[int, int]:
    if payload.startswith(b"\x89PNG\r\n\x1a\n"):
        return struct.unpack_from(">II", payload, 16)  # IHDR width, height
    header_size, width, double_height = struct.unpack_from("<Iii", payload)
    assert header_size == 40
    return width, double_height // 2


def check_ico(path: Path) -> None:
    entries = ico_entries(path.read_bytes())
    assert [width for width, _, _ in entries] == ICON_SIZES
    for width, height, payload in entries:
        assert payload_size(payload) == (width, height)


def test_committed_icon_is_a_complete_ico() -> None:
    check_ico(ICO)
    assert "torch-setup-wizard.ico" in SPEC.read_text(encoding="utf-8")


def test_make_icon_renders_the_svg_into_an_ico(tmp_path: Path) -> None:
    output = tmp_path / "icon.ico"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, str(WINDOWS / "make_icon.py"), "--output", str(output)],
                          capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    check_ico(output)
    # The 16 px image is a real rendering: opaque flame/background pixels, transparent corners.
    _, _, bmp = ico_entries(output.read_bytes())[0]
    first_row_alpha = bmp[40 + 15 * 16 * 4 + 3]  # rows are stored bottom-up: the last row is the top one
    centre_alpha = bmp[40 + (8 * 16 + 8) * 4 + 3]
    assert first_row_alpha == 0 and centre_alpha == 255


def test_make_icon_says_clearly_when_the_svg_is_missing(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, str(WINDOWS / "make_icon.py"), "--svg", str(tmp_path / "none.svg"),
                           "--output", str(tmp_path / "x.ico")], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.startswith("make_icon: no SVG at ") and "Traceback" not in done.stderr


def test_linux_desktop_entry_starts_the_windowed_program() -> None:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read(PACKAGING / "linux" / "torch-setup-wizard.desktop", encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application"
    assert entry["Exec"].split()[0] == "torch-setup-wizard-gui"
    assert (REPO / "resources" / "icons" / f"{entry['Icon']}.svg").is_file()
    assert entry["Terminal"] == "false"
