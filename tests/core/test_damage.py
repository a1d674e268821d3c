"""A register with a damaged page is never written to or reported from: the person is told, in words,
and pointed at the backups."""

from __future__ import annotations

import pytest

from register.cli import main
from register.core.db import DEMO_FILE
from tests.helpers.spreadsheets import GOOD, write


@pytest.fixture
def damaged(tmp_path, now):
    assert main(["--data-dir", str(tmp_path), "demo", "--children", "300"]) == 0
    path = tmp_path / DEMO_FILE
    data = bytearray(path.read_bytes())
    middle = len(data) // 4096 // 2
    data[middle * 4096 : (middle + 1) * 4096] = b"\x5a" * 4096  # one page in the middle overwritten
    path.write_bytes(bytes(data))
    return path


def test_check_says_the_file_is_damaged_and_stops(damaged, tmp_path, capsys):
    assert main(["--data-dir", str(tmp_path), "--demo", "check"]) == 1
    out = capsys.readouterr().out
    assert "the file is damaged (database disk image is malformed)" in out and "1 problem found" in out


@pytest.mark.parametrize(
    "command",
    [
        ["report", "quarterly", "--quarter", "2026-Q3", "--out", "{out}/q.pdf"],
        ["import", "missing", "{csv}"],
        ["backup"],
    ],
)
def test_nothing_is_reported_from_written_to_or_backed_up_from_a_damaged_file(damaged, tmp_path, capsys, command):
    before = damaged.read_bytes()
    csv = write(tmp_path, GOOD)
    out = tmp_path / "out"
    out.mkdir()
    arguments = [part.format(out=out, csv=csv) for part in command]
    assert main(["--data-dir", str(tmp_path), "--demo", *arguments]) == 2
    said = capsys.readouterr().err
    # SQLite's own words depend on which page the damage hit ("database disk image is malformed", "*** in
    # database main *** Page 330: ..."); the person is told it is damaged and that nothing was written.
    assert "is damaged (" in said and "): nothing was written or reported" in said
    assert "Restore the latest good backup" in said
    assert damaged.read_bytes() == before and list(out.iterdir()) == [] and not (tmp_path / "backups").exists()


def test_a_damaged_register_is_mended_by_restoring_a_good_backup(tmp_path, now, capsys):
    from register.backups import store

    assert main(["--data-dir", str(tmp_path), "demo", "--children", "300"]) == 0
    assert main(["--data-dir", str(tmp_path), "--demo", "backup"]) == 0
    [good] = store.backups(tmp_path / DEMO_FILE)
    path = tmp_path / DEMO_FILE
    data = bytearray(path.read_bytes())
    middle = len(data) // 4096 // 2
    data[middle * 4096 : (middle + 1) * 4096] = b"\x5a" * 4096
    path.write_bytes(bytes(data))
    capsys.readouterr()
    assert main(["--data-dir", str(tmp_path), "--demo", "--role", "manager", "restore", str(good.path)]) == 0
    assert "The register as it was is kept as" in capsys.readouterr().out
    assert main(["--data-dir", str(tmp_path), "--demo", "check"]) == 0  # sound again
    aside = [backup for backup in store.backups(path) if backup.before_restore]
    assert len(aside) == 1 and store.check_backup(aside[0])  # kept as it was: damaged


def test_an_unexpected_error_in_a_sound_register_is_not_called_damage(tmp_path, now, capsys):
    """A table gone (dropped with sqlite3) is no damage SQLite's quick check sees: the command stops, says
    SQLite's words and what to run, and does not send the person to restore a backup they do not need."""
    import sqlite3

    assert main(["--data-dir", str(tmp_path), "demo", "--children", "50"]) == 0
    connection = sqlite3.connect(tmp_path / DEMO_FILE)
    connection.execute("DROP TABLE figure_cache")
    connection.close()
    out = tmp_path / "q.pdf"
    command = ["--data-dir", str(tmp_path), "--demo", "report", "annual", "--year", "2025-26", "--out", str(out)]
    assert main(command) == 2
    said = capsys.readouterr().err
    assert "no such table: figure_cache" in said and "python -m register check" in said
    assert "damaged" not in said and not out.exists()
