"""The dialog that puts an environment back as it was before the last fix (the latest backup).

It first shows what will change (the backup's date and the package differences, from
``backup.restore_plan``), then, once confirmed, runs ``backup.restore_state`` in a worker thread with its
output in the shared CommandPanel. ``exec()`` returns Accepted when the restore ran, so the wizard looks again.
"""

from __future__ import annotations

import datetime
import os
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtWidgets import QDialog, QHBoxLayout, QPlainTextEdit, QVBoxLayout, QWidget

from wizard.actions import backup
from wizard.actions.runner import ActionRefused, probe_identity
from wizard.gui.fix_dialog import CloseGuard, CommandPanel
from wizard.gui.widgets import make_button, make_label, monospace_font
from wizard.gui.workers import start_job
from wizard.i18n import text

_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)$")


def saved_when(created_at: str) -> str:
    """'2025-06-01 14:03' in local time from the backup's UTC timestamp; the text itself when unreadable."""
    try:
        moment = datetime.datetime.fromisoformat(created_at)
    except (TypeError, ValueError):
        return created_at or text("undo.unknown_time")
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def _versions(freeze_text: str) -> dict[str, str]:
    found = {}
    for line in freeze_text.splitlines():
        match = _PIN.match(line.strip())
        if match:
            found[re.sub(r"[-_.]+", "-", match.group(1)).lower()] = match.group(2)
    return found


def describe_restore(backup_freeze: str, current_freeze: str) -> list[str]:
    """The package differences a restore undoes, one plain line each ([] when nothing differs)."""
    remove, install, unrestorable = backup.restore_plan(backup_freeze, current_freeze)
    now = _versions(current_freeze)
    lines: list[str] = []
    if remove:
        lines.append(text("undo.to_remove"))
        lines += [f"  {name} {now.get(name, '')}".rstrip() for name in remove]
    if install:
        lines.append(text("undo.to_put_back"))
        for requirement in install:
            match = _PIN.match(requirement)
            if match is None:
                lines.append(f"  {requirement}")
                continue
            name = re.sub(r"[-_.]+", "-", match.group(1)).lower()
            current = now.get(name)
            lines.append(f"  {name} {current} → {match.group(2)}" if current
                         else "  " + text("undo.was_removed", name=name, version=match.group(2)))
    if unrestorable:
        lines.append(text("undo.unrestorable"))
        lines += [f"  {line}" for line in unrestorable]
    return lines


@dataclass(frozen=True)
class _Preview:
    path: Path | None = None
    when: str = ""
    changes: list[str] = field(default_factory=list)
    problem: str = ""


class UndoDialog(CloseGuard, QDialog):
    """Show what the latest backup of ``python``'s environment would put back; restore it when confirmed."""

    def __init__(self, parent: QWidget | None, python: str, backup_path: Path | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(text("undo.title"))
        self.setAccessibleName(text("undo.title"))
        self.python = python
        self.backup_path = backup_path
        self.preview: _Preview | None = None
        self.result_of_restore: backup.RestoreResult | None = None
        self.restoring = False
        self._cancel = threading.Event()
        self._jobs: list[object] = []
        self._build()
        self._jobs.append(start_job(self._preview_work, None, self._previewed, name="undo-preview"))

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(make_label(text("undo.title"), bold=True, point_delta=2))
        self.about_label = make_label(text("undo.looking", python=self.python), selectable=True,
                                      accessible=text("undo.about_name"))
        layout.addWidget(self.about_label)
        self.changes_view = QPlainTextEdit()
        self.changes_view.setReadOnly(True)
        self.changes_view.setFont(monospace_font())
        self.changes_view.setAccessibleName(text("undo.changes_name"))
        layout.addWidget(self.changes_view, 1)
        self.panel = CommandPanel(self)
        layout.addWidget(self.panel, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.restore_button = make_button(text("undo.restore"), text("undo.restore_tip"), self.restore)
        self.restore_button.setEnabled(False)
        self.cancel_button = make_button(text("undo.cancel"), text("undo.cancel_tip"), self.cancel)
        self.cancel_button.hide()
        self.close_button = make_button(text("gui.close"), text("undo.close_tip"), self._close)
        for button in (self.restore_button, self.cancel_button, self.close_button):
            row.addWidget(button)
        layout.addLayout(row)
        self.resize(720, 480)

    # ------------------------------------------------------------------ what will change
    def _preview_work(self, _progress: Callable[[str], None]) -> _Preview:
        path = self.backup_path or backup.latest_backup(self.python)
        if path is None:
            return _Preview(problem=text("undo.nothing_saved", python=self.python))
        try:
            record = backup.load_backup(path)
            identity = probe_identity(self.python)
            if os.path.normcase(os.path.abspath(identity.prefix)) != os.path.normcase(
                    os.path.abspath(record.get("prefix", ""))):
                return _Preview(path, problem=text("undo.other_environment", path=path, saved=record.get("prefix"),
                                                             current=identity.prefix))
            changes = describe_restore(record["freeze"], backup.freeze(self.python))
        except (backup.BackupError, ActionRefused) as exc:
            return _Preview(path, problem=text("undo.unusable", error=exc))
        return _Preview(path, saved_when(record.get("created_at", "")), changes)

    def _previewed(self, preview: object) -> None:
        assert isinstance(preview, _Preview)
        self.preview = preview
        if preview.problem:
            self.about_label.setText(preview.problem)
            self.changes_view.setPlainText("")
            self.changes_view.hide()
            return
        self.backup_path = preview.path
        self.about_label.setText(
            text("undo.about", python=self.python, when=preview.when))
        if preview.changes:
            self.changes_view.setPlainText("\n".join(preview.changes))
            self.restore_button.setEnabled(True)
        else:
            self.changes_view.setPlainText(text("undo.nothing_differs"))

    # ------------------------------------------------------------------ restore
    def restore(self) -> None:
        if self.backup_path is None or self.restoring:
            return
        self.restoring = True
        self._cancel.clear()
        self.restore_button.setEnabled(False)
        self.cancel_button.show()
        self.close_button.setEnabled(False)
        self.panel.busy(text("undo.restoring"))
        python, path, cancel = self.python, self.backup_path, self._cancel

        def work(progress: Callable[[str], None]) -> object:
            try:
                return backup.restore_state(python, path, on_line=progress, cancel=cancel)
            except (backup.BackupError, ActionRefused) as exc:
                return str(exc)
            except Exception as exc:  # noqa: BLE001 - the dialog says what went wrong, never crashes
                return text("undo.unexpected", error=exc)

        self._jobs.append(start_job(work, self.panel.feed, self._restored, name="undo-restore"))

    def _restored(self, result: object) -> None:
        self.restoring = False
        self.cancel_button.hide()
        self.close_button.setEnabled(True)
        if isinstance(result, backup.RestoreResult):
            self.result_of_restore = result
            self.panel.finish(result.identical)
            stopped = any(r.cancelled for r in result.runs)
            self.panel.set_stage(f"{result.summary} {text('undo.stopped_part_way')}" if stopped else result.summary)
            if not result.identical:
                self.restore_button.setEnabled(True)
        else:
            self.panel.finish(False)
            self.panel.set_stage(text("undo.failed", error=result))
            self.restore_button.setEnabled(True)

    def cancel(self) -> None:
        if self.restoring:
            self._cancel.set()
            self.panel.set_stage(text("undo.stopping"))

    def _close(self) -> None:
        self.reject()

    def reject(self) -> None:
        """Close, Esc and the window's close box: never while pip runs; Accepted once something was restored."""
        if self.restoring:
            return
        if self.result_of_restore is not None:
            self.accept()  # something ran: the wizard checks again
        else:
            super().reject()

    def is_busy(self) -> bool:
        return self.restoring
