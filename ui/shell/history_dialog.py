"""The audit trail of one record: who changed what, when, from what to what."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from register.core import audit, timescales
from register.core.db import Register
from register.core.words import counted
from ui.shell.screen import fit_to_screen
from ui.shell.tables import ListTable

_WHAT = {"children": "child's details", "missing_episodes": "episode", "return_interviews": "return interview"}


def _value(value) -> str:  # type: ignore[no-untyped-def]
    return "(empty)" if value in (None, "") else str(value)


class HistoryDialog(QDialog):
    def __init__(self, register: Register, table: str, row_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"History of this {_WHAT.get(table, 'record')}")
        layout = QVBoxLayout(self)
        entries = audit.history(register, table, row_id)
        layout.addWidget(QLabel(f"{counted(len(entries), 'change')}, oldest first. Times are UK local time.", self))
        self.table = ListTable(["When", "Who", "What", "Changes"], self, wrap=True)
        rows = []
        for entry in entries:
            if entry.action == "insert":
                changes = "created"
            elif entry.action == "bulk insert":
                changes = f"created in bulk ({(entry.after or {}).get('description', '')})"
            elif entry.action == "delete":
                reason = (entry.after or {}).get("reason", "")
                changes = f"deleted: {reason}" if reason else "deleted"
            else:
                changes = "\n".join(
                    f"{field}: {_value(before)} → {_value(after)}" for field, before, after in entry.changes()
                )
            rows.append(
                (entry, [timescales.show_instant(entry.at), f"{entry.actor} ({entry.role})", entry.action, changes])
            )
        self.table.fill(rows)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        fit_to_screen(self, 760, 420)
