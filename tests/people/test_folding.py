"""Names that do not decompose (Ł, Đ, ı, ø) are found and matched typed without their marks."""

from datetime import date

from sqlite_utils import Database

from register import Actor, open_register, people
from register.core import migrations
from register.core.db import APPLICATION_ID
from register.core.sqlite import sqlite3
from register.missing.import_csv import import_missing
from tests.helpers.spreadsheets import write

# Worked by hand: Ł is L with a stroke, Đ is D with a stroke, ı is a dotless i, ø is o with a stroke;
# none of them is a letter plus a combining mark, so only transliteration takes them to L, D, i, o.
NAMES = [("Łucja", "Wiśniewska"), ("Thu", "Đặng"), ("Elif", "Yıldız"), ("Søren", "Madsen")]


def _children(register):
    return {
        forenames: people.save_child(register, people.Child(forenames, surname, date(2014, 7, 7), "F"))
        for forenames, surname in NAMES
    }


def test_names_that_do_not_decompose_are_found_without_their_marks(register):
    saved = _children(register)
    for typed, wanted in (
        ("Lucja", "Łucja"),
        ("Dang", "Thu"),
        ("Yildiz", "Elif"),
        ("Soren", "Søren"),
        ("wisn", "Łucja"),
    ):
        assert [c.id for c in people.find_children(register, typed)] == [saved[wanted].id], typed
    assert [c.forenames for c in people.similar_children(register, "Lucja", "Wisniewska", date(2014, 7, 7))] == [
        "Łucja"
    ]


def test_an_import_files_lucja_under_the_lucja_already_in_the_register(register, tmp_path):
    saved = _children(register)
    row = ",Lucja,Wisniewska,07/07/2014,F,WOTH,N,M,20/11/2026 22:15,21/11/2026 09:00,,,,,"
    summary = import_missing(register, write(tmp_path, [row]))
    assert summary.counts.get("children already in the register") == 1 and "children added" not in summary.counts
    assert register.db["children"].count == 4
    child_id = register.db.execute("SELECT child_id FROM missing_episodes").fetchone()[0]
    assert child_id == saved["Łucja"].id


def test_a_register_indexed_by_the_old_fold_is_reindexed_once_by_migration_m005(tmp_path, now):
    path = tmp_path / "old.sqlite"
    old = sqlite3.connect(path, isolation_level=None)
    old.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    migrations.migrations.apply(Database(old), stop_before="m005_fold_names_with_anyascii")
    # As a register made before: its words folded by decomposition, which kept ł, đ, ı and ø.
    old_words = {1: ["łucja", "wisniewska"], 2: ["thu", "đang"], 3: ["elif", "yıldız"], 4: ["søren", "madsen"]}
    for child_id, (forenames, surname) in enumerate(NAMES, start=1):
        old.execute(
            "INSERT INTO children (id, forenames, surname, dob, sex, disabled, looked_after, version, updated_at, "
            "updated_by) VALUES (?, ?, ?, '2014-07-07', 'F', 0, 0, 1, '2026-01-01T00:00:00Z', 'Jo')",
            [child_id, forenames, surname],
        )
        old.executemany("INSERT INTO child_name_words VALUES (?, ?)", [(w, child_id) for w in old_words[child_id]])
    old.close()

    register = open_register(path, Actor("Sam Officer"))
    assert [c.forenames for c in people.find_children(register, "Lucja")] == ["Łucja"]
    assert [c.forenames for c in people.find_children(register, "Yildiz")] == ["Elif"]
    words = {word for (word,) in register.db.execute("SELECT word FROM child_name_words")}
    assert words == {"lucja", "wisniewska", "thu", "dang", "elif", "yildiz", "soren", "madsen"}
    # One audit row, by the name index, says what the words are now folded by; no child's record changed.
    audit = list(
        register.db.execute(
            "SELECT actor, table_name, after FROM audit_log WHERE actor NOT IN ('default calendar', 'register upgrade')"
        )
    )
    assert len(audit) == 1 and audit[0][:2] == ("name index", "settings") and '"anyascii"' in audit[0][2]
    assert register.db.execute("SELECT max(version) FROM children").fetchone()[0] == 1
    register.close()
    register = open_register(path, Actor("Sam Officer"))  # once: opening again rebuilds nothing
    assert register.db.execute("SELECT count(*) FROM audit_log WHERE actor = 'name index'").fetchone()[0] == 1
    register.close()
