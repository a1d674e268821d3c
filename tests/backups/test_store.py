"""Backups: verified copies made while the register is open, a rotation, and restores that keep the
register as it was."""

from __future__ import annotations

import shutil
from datetime import date, datetime, timedelta

import pytest

from register import Actor, RegisterError, missing, open_register, people
from register.backups import store
from register.cli import main
from register.core import clock
from register.core.clock import LONDON, frozen_at
from register.core.db import DEMO_FILE
from tests.helpers.values import at


def test_a_backup_is_a_verified_copy_beside_the_register(register, child):
    missing.save_episode(register, missing.Episode(child.id, "M", at("26/11/2026 22:15")))
    made = store.make_backup(register)
    assert made.path == register.path.parent / "backups" / "register-2026-11-27-170000.sqlite"
    assert sorted(path.name for path in made.path.parent.iterdir()) == [made.path.name]  # no -wal, no part file
    copy = open_register(made.path, Actor("Auditor"))
    assert copy.db["missing_episodes"].count == 1 and copy.db["children"].count == 1
    copy.close()
    assert store.backups(register.path) == [made] and store.check_backup(made) == []


def test_the_rotation_keeps_seven_days_four_weeks_and_twelve_months(register, tmp_path):
    first = store.make_backup(register)
    day = date(2026, 9, 1)
    while day <= date(2026, 11, 27):  # a backup each evening for three months
        name = f"register-{day:%Y-%m-%d}-180000.sqlite"
        shutil.copy(first.path, first.path.parent / name)
        day += timedelta(days=1)
    first.path.unlink()
    store.rotate(register.path)
    kept = sorted(timestamp.made_at.astimezone(LONDON).date() for timestamp in store.backups(register.path))
    # The last 7 days; the newest of ISO weeks 46 and 45 (weeks 48 and 47 already have one of those days);
    # the newest of October and of September.
    assert kept == [
        date(2026, 9, 30),
        date(2026, 10, 31),
        date(2026, 11, 8),
        date(2026, 11, 15),
        *(date(2026, 11, number) for number in range(21, 28)),
    ]


def test_a_backup_is_made_at_most_once_a_day(register):
    assert store.backup_if_due(register) is not None
    assert store.backup_if_due(register) is None
    with frozen_at(datetime(2026, 11, 28, 9, 0, tzinfo=LONDON)):
        assert store.backup_if_due(register) is not None
    assert len(store.backups(register.path)) == 2


def test_a_restore_keeps_the_register_as_it_was_and_says_so_in_the_trail(register, child):
    before = store.make_backup(register)
    with frozen_at(datetime(2026, 11, 27, 17, 5, tzinfo=LONDON)):
        missing.save_episode(register, missing.Episode(child.id, "M", at("26/11/2026 22:15")))
        kept = store.restore(register, before.path).kept
    assert register.db["missing_episodes"].count == 0  # as it was when backed up
    aside = open_register(kept.path)
    assert aside.db["missing_episodes"].count == 1  # the register as it was before the restore
    aside.close()
    last = register.db.execute("SELECT action, actor FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    assert last == ("restore", "Jo Coordinator")
    assert people.get_child(register, child.id).surname == "Kowalska"
    assert kept.before_restore and kept.path.name.startswith("register-before-restore-2026-11-27-1705")
    # The same day's next backups rotate away the earlier ones, never the register kept aside.
    store.make_backup(register)
    store.rotate(register.path)
    assert kept.path.exists() and not before.path.exists()
    assert sorted(backup.before_restore for backup in store.backups(register.path)) == [False, True]


def test_a_damaged_backup_or_another_file_is_never_restored(register, child, tmp_path):
    made = store.make_backup(register)
    damaged = tmp_path / "damaged.sqlite"
    data = bytearray(made.path.read_bytes())
    data[4096 * 3 : 4096 * 3 + 200] = b"\xff" * 200  # a page of the copy overwritten
    damaged.write_bytes(bytes(data))
    other = tmp_path / "other.sqlite"
    other.write_text("not a register")
    for wrong in (damaged, other):
        with pytest.raises(RegisterError, match="cannot be restored"):
            store.restore(register, wrong)
    assert people.get_child(register, child.id).forenames == "Zofia" and len(store.backups(register.path)) == 1


def test_backups_from_the_command_line(tmp_path, now, capsys):
    assert main(["--data-dir", str(tmp_path), "demo", "--children", "5"]) == 0
    assert main(["--data-dir", str(tmp_path), "--demo", "backup"]) == 0
    made = tmp_path / "backups" / "demo-register-2026-11-27-170000.sqlite"
    assert f"Backed up and checked: {made}" in capsys.readouterr().out
    assert main(["--data-dir", str(tmp_path), "--demo", "backups", "--check"]) == 0
    listed = capsys.readouterr().out
    assert "27/11/2026 17:00" in listed and "check: ok" in listed and "1 backup in" in listed
    assert main(["--data-dir", str(tmp_path), "--demo", "--role", "manager", "restore", str(made)]) == 0
    kept = tmp_path / "backups" / "demo-register-before-restore-2026-11-27-170000.sqlite"
    assert f"The register as it was is kept as {kept}" in capsys.readouterr().out
    assert made.exists() and kept.exists() and (tmp_path / DEMO_FILE).exists()


def test_backups_go_to_the_folder_chosen_in_settings(register, tmp_path, capsys):
    from register.core import settings

    share = tmp_path / "share" / "register-backups"
    settings.put(register, {settings.BACKUP_FOLDER: str(share)})
    made = store.backup_if_due(register)
    assert made is not None and made.path.parent == share and not (register.path.parent / "backups").exists()
    assert store.backups(register.path, store.folder_of(register)) == [made]
    settings.put(register, {settings.BACKUP_FOLDER: ""})  # empty: beside the register again
    assert store.folder_of(register) == register.path.parent / "backups"


def test_a_backup_says_which_earlier_backup_of_the_day_the_rotation_removed(register, tmp_path, capsys):
    """A second backup the same day replaces the first (the newest of each day is kept): the person is told,
    naming it, so a backup made before a risky change does not go unnoticed."""
    assert main(["--data-dir", str(tmp_path), "demo", "--children", "20"]) == 0
    data = ["--data-dir", str(tmp_path), "--demo", "--role", "manager", "backup"]
    assert main(data) == 0
    first = capsys.readouterr().out
    assert "The rotation" not in first
    [earlier] = store.backups(tmp_path / "demo-register.sqlite")
    with frozen_at(clock.now() + timedelta(seconds=2)):
        assert main(data) == 0
    said = capsys.readouterr().out
    assert (
        f"The rotation (the newest backup of each of the last 7 days, 4 weeks and 12 months is kept) removed {earlier.path.name}"
        in said
    )
    assert not earlier.path.exists()
