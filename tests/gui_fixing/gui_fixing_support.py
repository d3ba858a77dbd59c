"""Helpers for the fixing GUI tests: extra wheels on the local index, a sysfs with an NVIDIA card, modal driving."""

from __future__ import annotations

import glob
import os
import re
import shutil
import time
from collections.abc import Callable
from pathlib import Path

from local_index import LocalIndex, WheelSpec, build_wheels
from packaging.version import Version
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from wizard.findings import Recommendation

REPORT_PIP, NO_PY37_PIP = Version("22.2"), Version("24.1")  # 22.2: --dry-run --report; 24.1 dropped Python 3.7


def serve_more(index: LocalIndex, specs: list[WheelSpec]) -> None:
    """Add stand-in wheels to a running index (its pages are built from ``specs`` at request time)."""
    new = [s for s in specs if s.filename not in index.files]
    index.files.update(build_wheels(new, index.folder))
    index.specs.extend(new)


def stand_ins_for(rec: Recommendation) -> list[WheelSpec]:
    """Stand-in wheels for exactly the pins of the recommendation (they follow the knowledge base)."""
    args = rec.argv[4:] if rec.argv else ()
    pins = dict(a.split("==", 1) for a in args if "==" in a and not a.startswith("-"))
    torch_public = pins.get("torch", "").split("+")[0]
    cuda = None if rec.variant in ("", "cpu") else f"{rec.variant[2:-1]}.{rec.variant[-1]}"
    return [
        WheelSpec(name, version, requires=(() if name == "torch" else (f"torch=={torch_public}",)),
                  torch_cuda=cuda if name == "torch" else None, variants=(rec.variant,))
        for name, version in pins.items()
    ]  # fmt: skip


def offline_pip_wheel() -> Path | None:
    """A pip wheel new enough to preview (≥ 22.2) that still runs on Python 3.7, from the pythons' ensurepip bundles."""
    pyenv = os.environ.get("PYENV_ROOT", str(Path.home() / ".pyenv"))
    patterns = [f"{pyenv}/versions/*/lib/python3*/ensurepip/_bundled/pip-*.whl", "/usr/share/python-wheels/pip-*.whl"]
    found: dict[Version, Path] = {}
    for pattern in patterns:
        for name in glob.glob(pattern):
            match = re.match(r"pip-([\d.]+)-py3", Path(name).name)
            if match and REPORT_PIP <= Version(match.group(1)) < NO_PY37_PIP:
                found[Version(match.group(1))] = Path(name)
    return found[max(found)] if found else None


def serve_pip_wheel(index: LocalIndex, wheel: Path) -> str:
    """Serve a real pip wheel from the index (a WheelSpec of the same file name, its file replaced); its version."""
    version = re.match(r"pip-([\d.]+)-", wheel.name).group(1)
    spec = WheelSpec("pip", version)
    serve_more(index, [spec])
    shutil.copyfile(wheel, index.files[spec.filename])
    return version


def add_nvidia_card(root: Path, address: str = "0000:01:00.0", device: int = 0x2786) -> Path:
    """A sysfs tree under ``root`` with one NVIDIA GPU (an RTX 4070) bound to the nvidia driver."""
    entry = root / "sys/bus/pci/devices" / address
    entry.mkdir(parents=True, exist_ok=True)
    (entry / "vendor").write_text("0x10de\n")
    (entry / "device").write_text(f"0x{device:04x}\n")
    (entry / "class").write_text("0x030000\n")
    (root / "sys/bus/pci/drivers/nvidia").mkdir(parents=True, exist_ok=True)
    if not (entry / "driver").is_symlink():
        (entry / "driver").symlink_to("../../../bus/pci/drivers/nvidia")
    return root


class ModalScript:
    """Drive modal dialogs (opened with exec()) from timers: each step waits for its condition, then acts.

    ``steps`` are (description, condition, action); a step whose deadline passes is recorded in ``failures``
    and every visible dialog is rejected, so a broken flow ends the nested event loops instead of hanging.
    """

    def __init__(self, steps: list[tuple[str, Callable[[], object], Callable[[object], None]]],
                 timeout: float = 120.0) -> None:
        self.steps, self.timeout = list(steps), timeout
        self.failures: list[str] = []
        self.done: list[str] = []
        self._deadline = 0.0

    def start(self) -> ModalScript:
        self._deadline = time.monotonic() + self.timeout
        QTimer.singleShot(0, self._tick)
        return self

    def _tick(self) -> None:
        if not self.steps:
            return
        what, condition, action = self.steps[0]
        try:
            found = condition()
        except Exception as exc:  # noqa: BLE001 - a failing condition is a test failure, recorded
            self._fail(f"{what}: {exc!r}")
            return
        if found:
            self.steps.pop(0)
            self.done.append(what)
            try:
                action(found)
            except Exception as exc:  # noqa: BLE001
                self._fail(f"{what}: {exc!r}")
                return
            self._deadline = time.monotonic() + self.timeout
        elif time.monotonic() > self._deadline:
            self._fail(f"timed out waiting for: {what}")
            return
        QTimer.singleShot(50, self._tick)

    def _fail(self, message: str) -> None:
        self.failures.append(message)
        self.steps.clear()
        for widget in QApplication.topLevelWidgets():
            panel = getattr(widget, "panel", None)
            if panel is not None and getattr(panel, "running", False):
                panel.cancel()
        QTimer.singleShot(200, _reject_dialogs)


def _reject_dialogs() -> None:
    from PySide6.QtWidgets import QDialog

    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            if getattr(getattr(widget, "panel", None), "running", False):
                QTimer.singleShot(200, _reject_dialogs)
                continue
            widget.done(QDialog.DialogCode.Rejected)


def visible_dialog(kind: type) -> Callable[[], QWidget | None]:
    """A condition: the visible top-level widget of this class, once it is shown."""

    def find() -> QWidget | None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, kind) and widget.isVisible():
                return widget
        return None

    return find
