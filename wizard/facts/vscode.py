"""VS Code's Python for a folder: .vscode/settings.json's python.defaultInterpreterPath, and the folder's .venv.

The Python extension uses python.defaultInterpreterPath for a workspace the user has not picked an
interpreter for, and offers a .venv in the workspace first. ${workspaceFolder} in the setting is the
folder itself. settings.json is JSON with comments (JSONC); line comments and trailing commas are removed
before parsing, and a file that still does not parse is skipped.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from wizard.facts.interpreter import env_python
from wizard.snapshot import EditorChoice

MAX_SETTINGS_BYTES = 1024 * 1024
SETTING = "python.defaultInterpreterPath"
_LINE_COMMENT = re.compile(r'^(?:[^"\n]|"(?:[^"\\\n]|\\.)*")*?(//.*)$', re.MULTILINE)
_TRAILING_COMMA = re.compile(r",(\s*[}\]])")


def strip_jsonc(text: str) -> str:
    """JSONC to JSON: drop // comments outside strings, /* */ blocks and trailing commas."""
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.DOTALL)
    text = _LINE_COMMENT.sub(lambda m: m.group(0)[: m.start(1) - m.start(0)], text)
    return _TRAILING_COMMA.sub(r"\1", text)


def interpreter_setting(settings_file: Path) -> str:
    """The python.defaultInterpreterPath value as written, '' when absent or unreadable."""
    try:
        if not settings_file.is_file() or settings_file.stat().st_size > MAX_SETTINGS_BYTES:
            return ""
        text = settings_file.read_bytes()[:MAX_SETTINGS_BYTES].decode("utf-8", errors="replace")
        data = json.loads(strip_jsonc(text))
    except (OSError, ValueError):
        return ""
    value = data.get(SETTING) if isinstance(data, dict) else None
    return value if isinstance(value, str) else ""


def resolve_setting(value: str, folder: Path) -> str:
    """The interpreter a setting names, '' when it is not there."""
    path = Path(value.replace("${workspaceFolder}", str(folder))).expanduser()
    if not path.is_absolute():
        path = folder / path
    if path.is_dir():
        inner = env_python(path)
        return str(inner) if inner else ""
    return str(path) if path.is_file() else ""


def editor_choices(folder: Path) -> list[EditorChoice]:
    choices = []
    setting = interpreter_setting(folder / ".vscode" / "settings.json")
    if setting:
        choices.append(EditorChoice(str(folder), "settings.json", setting, resolve_setting(setting, folder)))
    venv_python = env_python(folder / ".venv")
    if venv_python is not None:
        choices.append(EditorChoice(str(folder), ".venv", ".venv", str(venv_python)))
    return choices
