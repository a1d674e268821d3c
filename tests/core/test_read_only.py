"""A register that cannot be written to is refused in words, and may be opened for viewing only: its
records show, every save is refused in words, and the file is left byte for byte as it was."""

from __future__ import annotations

from datetime import date

import pytest
from sqlite_utils import Database

from register import Actor, RegisterFileError, RegisterReadOnlyError, open_register, people
from register.backups import store
from register.board import summary as measures
from register.core import migrations, periods
from register.core.db import APPLICATION_ID
from register.core.opening import OUT_OF_DATE, VIEWING_ONLY
from register.core.sqlite import sqlite3
from tests.helpers.read_only import fingerprint

JO = Actor("Jo Coordinator", "manager")


@pytest.fixture
def closed(tmp_path, now):
    """A register file holding one child, with no connection open on it."""
    folder = tmp_path / "shared"
    folder.mkdir()
    path = folder / "register.sqlite"
    register = open_register(path, JO)
    people.save_child(register, people.Child("Zofia", "Kowalska", date(2012, 5, 1), "F", ethnicity="WOTH"))
    register.close()
    return path


def _refuses_a_save(register):
    with pytest.raises(RegisterFileError) as refused:
        people.save_child(register, people.Child("Andrei", "Popescu", date(2013, 3, 12), "M", ethnicity="WROM"))
    said = str(refused.value)
    assert "open for viewing only" in said and "Nothing was saved" in said and "ask for write access" in said
    assert "attempt to write" not in said


@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_read_only_register_is_refused_in_words_then_opens_for_viewing_only(closed, read_only, what):
    read_only(closed if what == "file" else closed.parent)
    before = fingerprint(closed)
    with pytest.raises(RegisterReadOnlyError, match=r"cannot be written to \(the file or its folder is read-only\)"):
        open_register(closed, JO)
    register = open_register(closed, JO, create=False, read_only=True)
    try:
        # A read-only folder cannot hold SQLite's shared lock file: then it opens without locks, and says so.
        assert register.read_only == (VIEWING_ONLY if what == "file" else OUT_OF_DATE)
        assert [child.surname for child in people.find_children(register, "Kowalska")] == ["Kowalska"]
        _refuses_a_save(register)
        assert register.db["children"].count == 1
    finally:
        register.close()
    assert fingerprint(closed) == before


def test_a_read_only_register_of_an_older_version_is_refused_with_what_to_do(tmp_path):
    path = tmp_path / "register.sqlite"
    old = sqlite3.connect(path, isolation_level=None)
    old.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    migrations.migrations.apply(Database(old), stop_before="m002_education_register")
    old.close()
    before = fingerprint(path)
    with pytest.raises(RegisterFileError, match="written by an older version") as refused:
        open_register(path, JO, create=False, read_only=True)
    assert "open it once with write access to bring it up to date" in str(refused.value)
    assert fingerprint(path) == before


def test_the_board_is_worked_out_but_not_kept_and_nothing_is_restored_over_it(closed, read_only, tmp_path):
    register = open_register(closed, JO)
    backup = store.make_backup(register, tmp_path / "backups")
    register.close()
    read_only(closed)
    before = fingerprint(closed)
    register = open_register(closed, JO, create=False, read_only=True)
    try:
        found = measures.cached_summary(register, periods.quarter("2026-Q3"))
        assert found.sections and register.db["figure_cache"].count == 0
        with pytest.raises(RegisterFileError, match="open for viewing only"):
            store.restore(register, backup.path)
        assert not (closed.parent / store.FOLDER).exists()  # not even the register as it was kept aside
    finally:
        register.close()
    assert fingerprint(closed) == before


def test_a_write_sqlite_finds_read_only_is_refused_in_words_not_sqlites(register):
    # What a register opened for writing meets when its folder or its .sqlite-shm file is read-only
    # after all: SQLite's own refusal, here made by query_only.
    register.db.execute("PRAGMA query_only = ON")
    with pytest.raises(RegisterFileError) as refused:
        people.save_child(register, people.Child("Andrei", "Popescu", date(2013, 3, 12), "M", ethnicity="WROM"))
    assert "cannot be written to" in str(refused.value) and "Nothing was saved" in str(refused.value)
    assert "attempt to write" not in str(refused.value)
