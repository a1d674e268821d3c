import pytest

from register import Actor, RegisterFileError, open_register
from register.core import migrations
from register.core.db import APPLICATION_ID
from register.core.opening import integrity_problems
from register.core.sqlite import sqlite3


def test_a_new_register_is_created_with_the_schema(tmp_path):
    reg = open_register(tmp_path / "new" / "register.sqlite", Actor("Jo"))
    tables = set(reg.db.table_names())
    assert {"children", "missing_episodes", "return_interviews", "interview_episodes", "audit_log"} <= tables
    assert reg.db["missing_episodes"].columns_dict["started_at"] is str
    assert {fk.other_table for fk in reg.db["missing_episodes"].foreign_keys} == {"children"}
    assert reg.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert reg.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert reg.db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert any(index.columns == ["child_id", "started_at"] for index in reg.db["missing_episodes"].indexes)
    assert integrity_problems(reg) == []
    reg.close()
    # Opening again applies nothing twice.
    again = open_register(tmp_path / "new" / "register.sqlite", Actor("Jo"))
    assert again.db["_sqlite_migrations"].count == len(migrations.KNOWN)
    again.close()


def test_an_empty_file_is_refused_not_taken_for_a_new_register(tmp_path):
    path = tmp_path / "empty.sqlite"
    path.touch()  # a register cut short when it was copied
    with pytest.raises(RegisterFileError, match=r"the file is empty \(0 bytes\)\. A register is never empty"):
        open_register(path)
    assert path.stat().st_size == 0 and not (tmp_path / "empty.sqlite-wal").exists()


def test_a_folder_that_cannot_be_made_is_refused_in_words(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(RegisterFileError, match="its folder cannot be used"):
        open_register(blocker / "register.sqlite")


def test_a_disk_full_while_opening_is_said_in_words(tmp_path):
    path = tmp_path / "register.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA max_page_count = 2")  # SQLite's file is "full" at two pages
    with pytest.raises(sqlite3.OperationalError, match="full") as full:
        connection.execute("CREATE TABLE a (x)")
        connection.execute("CREATE TABLE b (x)")
        connection.execute("CREATE TABLE c (x)")
    connection.close()
    from register.core.opening import in_words

    assert in_words(full.value) == "the disk is full. Free some space, then open it again; nothing was changed."


def test_a_text_file_is_refused(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_text("shopping list")
    with pytest.raises(RegisterFileError, match="not a register file"):
        open_register(path)
    assert path.read_text() == "shopping list"


def test_another_programs_database_is_refused_untouched(tmp_path):
    path = tmp_path / "other.sqlite"
    other = sqlite3.connect(path)
    other.execute("CREATE TABLE recipes (name TEXT)")
    other.commit()
    other.close()
    with pytest.raises(RegisterFileError, match="not a register"):
        open_register(path)
    tables = [row[0] for row in sqlite3.connect(path).execute("SELECT name FROM sqlite_master")]
    assert tables == ["recipes"]


def test_a_register_from_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "register.sqlite"
    open_register(path).close()
    newer = sqlite3.connect(path)
    newer.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('register', 'm999_future', 'x')"
    )
    newer.commit()
    newer.close()
    with pytest.raises(RegisterFileError, match="newer version"):
        open_register(path)


def test_a_damaged_file_is_refused(tmp_path):
    path = tmp_path / "register.sqlite"
    open_register(path).close()
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # wreck the first page's schema
    path.write_bytes(bytes(data))
    with pytest.raises(RegisterFileError, match="damaged|not a register"):
        open_register(path)
