"""docs/security.md shows the permission table as the register enforces it: this test writes the table from
``permissions.ROLES`` and fails, printing the table as it should read, if the document says otherwise."""

from __future__ import annotations

from pathlib import Path

from register.core import permissions
from register.core.permissions import Role

DOC = Path(__file__).parents[2] / "docs" / "security.md"
START, END = "<!-- permission table: tests/core/test_permission_table_doc.py -->", "<!-- end of permission table -->"

GROUPS = {
    "Children's details": permissions.PEOPLE,
    "Missing from home or care": permissions.MISSING,
    "Missing education": permissions.EDUCATION,
    "Private fostering": permissions.FOSTERING,
    "Board summaries": permissions.BOARD,
    "Settings": frozenset({"settings"}),
    "Users": frozenset({"users"}),
}


def _cell(role: Role, tables: frozenset[str]) -> str:
    if tables <= role.writes:
        said = "read, change"
    elif tables <= role.reads:
        said = "read"
    elif tables & role.reads:
        said = "part"
    else:
        return "no"
    hidden = {(table, column) for table in tables for column in role.hidden.get(table, ())}
    findings = {(table, column) for table, columns in permissions.MISSING_FINDINGS.items() for column in columns}
    if hidden and hidden <= findings:
        said += " (findings and notes hidden)"
    elif hidden:
        said += " (names and free text hidden)"
    return said


def table() -> str:
    """The permission table in Markdown, one row per role."""
    lines = [
        "| Role | " + " | ".join(GROUPS) + " | May also |",
        "|" + "---|" * (len(GROUPS) + 2),
    ]
    for role in permissions.ROLES.values():
        actions = "; ".join(sorted(role.actions)) or "nothing more"
        lines.append(
            f"| {role.label} | " + " | ".join(_cell(role, tables) for tables in GROUPS.values()) + f" | {actions} |"
        )
    return "\n".join(lines)


def test_the_documented_permission_table_is_the_one_enforced() -> None:
    text = DOC.read_text(encoding="utf-8")
    documented = text[text.index(START) + len(START) : text.index(END)].strip()
    assert documented == table(), f"docs/security.md should show:\n\n{table()}\n"


def test_a_role_that_reads_names_hidden_is_said_so() -> None:
    """The table's words follow the roles: the analyst reads records with names and free text hidden."""
    assert _cell(permissions.ROLES["analyst"], permissions.PEOPLE) == "read (names and free text hidden)"
    assert _cell(permissions.ROLES["ewo"], permissions.MISSING) == "read (findings and notes hidden)"
    assert _cell(permissions.ROLES["board_reader"], permissions.MISSING) == "no"
