"""The released migrations write the same schema forever, and an old register is brought up to date."""

import json
from pathlib import Path

from sqlite_utils import Database

from register import Actor, open_register
from register.core import migrations
from register.core.db import APPLICATION_ID
from register.core.sqlite import sqlite3

SNAPSHOT = Path(__file__).with_name("schema.json")


def schema(path: Path) -> list[list[str]]:
    """Every table, index, view and trigger a file holds, with its SQL, sorted."""
    connection = sqlite3.connect(path)
    try:
        rows = connection.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name"
        ).fetchall()
    finally:
        connection.close()
    return [list(row) for row in rows]


def test_a_fresh_file_has_exactly_the_released_schema(tmp_path):
    """A change to today's code must never change what an old migration writes: add a migration instead.

    (To release a new migration, write its schema into tests/core/schema.json with this test's
    ``schema()`` and check the difference by eye.)
    """
    open_register(tmp_path / "register.sqlite").close()
    assert schema(tmp_path / "register.sqlite") == json.loads(SNAPSHOT.read_text())


def test_migrations_import_no_other_part_of_the_register():
    source = Path(migrations.__file__).read_text()
    assert "from register" not in source and "import register" not in source


def test_a_register_at_the_first_schema_is_brought_up_to_date_keeping_its_records(tmp_path, now):
    path = tmp_path / "register.sqlite"
    old = sqlite3.connect(path, isolation_level=None)
    old.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    migrations.migrations.apply(Database(old), stop_before="m002_education_register")
    old.execute(
        "INSERT INTO children (forenames, surname, dob, sex, disabled, looked_after, version, updated_at, updated_by) "
        "VALUES ('Zofia', 'Kowalska', '2012-05-01', 'F', 0, 0, 1, '2026-01-01T00:00:00Z', 'Jo')"
    )
    old.close()
    reg = open_register(path, Actor("Jo"))
    assert reg.db["children"].count == 1
    assert {fk.other_table for fk in reg.db["cme_cases"].foreign_keys} == {"children", "cme_outcomes"}
    assert reg.db["cme_outcomes"].count == 9
    # The default calendar is this school year and next (the tests' today is 27/11/2026): six terms each.
    names = [row[0] for row in reg.db.execute("SELECT name FROM school_terms ORDER BY starts_on")]
    assert names[0] == "Autumn 1 2026-27" and names[-1] == "Summer 2 2027-28" and len(names) == 12
    reg.close()
    assert schema(path) == json.loads(SNAPSHOT.read_text())
    # Opened again, nothing is applied or filled twice.
    again = open_register(path, Actor("Jo"))
    assert again.db["school_terms"].count == 12
    assert again.db["_sqlite_migrations"].count == len(migrations.KNOWN)
    again.close()


def test_commentary_written_for_a_calendar_quarter_is_kept_under_its_financial_year_name(tmp_path, now):
    path = tmp_path / "register.sqlite"
    old = sqlite3.connect(path, isolation_level=None)
    old.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    migrations.migrations.apply(Database(old), stop_before="m006_quarters_of_the_financial_year")
    for period in ("2026-Q1", "2026-Q2", "2026-Q4", "2026-27"):  # Jan-Mar, Apr-Jun, Oct-Dec 2026; a year
        old.execute(
            "INSERT INTO commentaries (period, section, text, version, updated_at, updated_by) "
            "VALUES (?, 'missing', ?, 1, '2026-01-01T00:00:00Z', 'Jo')",
            [period, f"Written for {period}"],
        )
    old.close()
    reg = open_register(path, Actor("Jo"))
    kept = dict(reg.db.execute("SELECT text, period FROM commentaries").fetchall())
    reg.close()
    assert kept == {
        "Written for 2026-Q1": "2025-26-Q4",
        "Written for 2026-Q2": "2026-27-Q1",
        "Written for 2026-Q4": "2026-27-Q3",
        "Written for 2026-27": "2026-27",
    }
