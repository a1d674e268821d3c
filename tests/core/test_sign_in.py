"""A real register is encrypted and opens only for a user who signs in: nobody reads a name in its files,
a wrong passphrase is refused in words, five in a row lock the account for 15 minutes, an administrator
adds and disables users without anyone else's passphrase, and the last administrator stays."""

from __future__ import annotations

import multiprocessing
import re
import stat
from datetime import date, timedelta

import pytest

from register import open_register, people
from register.backups import store
from register.core import keys, users
from register.core.clock import frozen_at
from register.core.db import Actor
from register.core.errors import PermissionDenied, RegisterError, RegisterFileError, ValidationError
from register.core.keys import Credentials, SignInRefused
from register.core.sqlite import sqlite3
from tests.helpers.sign_in import ADA, JO
from tests.helpers.values import NOW

SURNAME = b"Wojciechowska"  # a synthetic surname, in no table name or code of the register


def _files(folder):
    return {path.name: path for path in folder.rglob("*") if path.is_file()}


def _with_a_child(path, credentials=JO):
    register = open_register(path, sign_in=credentials)
    people.save_child(register, people.Child("Zofia", SURNAME.decode(), date(2012, 5, 1), "F"))
    return register


def test_no_name_can_be_read_in_a_real_registers_files_and_each_is_its_owners_only(real_path):
    register = _with_a_child(real_path)  # open: the -wal and -shm files are there too
    files = _files(real_path.parent)
    assert {"register.sqlite", "register.sqlite-wal", "register.sqlite-shm", "register.keys"} <= set(files)
    for name, path in files.items():
        assert SURNAME not in path.read_bytes(), name  # what `strings` would show
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, name
    register.close()
    assert SURNAME not in real_path.read_bytes()
    assert people.find_children(open_register(real_path, sign_in=JO), "Wojc")[0].surname == SURNAME.decode()


def test_a_real_register_cannot_be_read_without_a_right_passphrase(real_path):
    with pytest.raises(SignInRefused, match="is a real register: sign in with your name and passphrase"):
        open_register(real_path, Actor("Jo Coordinator", "manager"))  # a name and role are not enough
    with pytest.raises(SignInRefused, match=r"^That name and passphrase do not match\. .* 4 tries left"):
        open_register(real_path, sign_in=Credentials("Jo Coordinator", "purple tractor saxophone!"))
    with pytest.raises(SignInRefused, match=r"^That name and passphrase do not match\. Check both"):
        open_register(real_path, sign_in=Credentials("Nobody", "purple tractor saxophone"))
    # Without the keys file SQLCipher is given no key, and says so in words, not "file is not a database".
    keys.keys_path(real_path).rename(real_path.with_name("elsewhere.keys"))
    with pytest.raises(RegisterFileError, match="keys file \\(register.keys beside it\\) is missing"):
        open_register(real_path, Actor("Jo Coordinator", "manager"))


def test_the_signed_in_person_has_the_role_the_administrator_gave_them(real_path):
    jo = open_register(real_path, sign_in=Credentials("jo coordinator", JO.passphrase))  # a name in any case
    assert jo.actor == Actor("Jo Coordinator", "coordinator")
    with pytest.raises(PermissionDenied, match="may not manage users"):
        users.add(jo, Credentials("Sam", "another long passphrase"), "ewo")
    # A worker's own connection opens with the key the sign-in unlocked, asking nothing.
    again = open_register(real_path, sign_in=jo.unlocked)
    assert again.actor == jo.actor and again.unlocked == jo.unlocked


def test_five_wrong_passphrases_in_a_row_lock_the_account_for_fifteen_minutes(real_path):
    wrong = Credentials("Jo Coordinator", "not my passphrase at all")
    for left in (4, 3, 2, 1):
        with pytest.raises(SignInRefused, match=f"{left} tr(y|ies) left"):
            open_register(real_path, sign_in=wrong)
    # 17:00 UTC on 27 November is 17:00 in London (GMT): locked until 17:15.
    with pytest.raises(SignInRefused, match="locked until 27/11/2026 17:15"):
        open_register(real_path, sign_in=wrong)
    with (
        frozen_at(NOW + timedelta(minutes=14, seconds=59)),
        pytest.raises(SignInRefused, match="until 27/11/2026 17:15"),
    ):
        open_register(real_path, sign_in=JO)  # even the right passphrase, while locked
    assert open_register(real_path, sign_in=ADA).actor.role == "administrator"  # others are not locked out
    with frozen_at(NOW + timedelta(minutes=15)):
        assert open_register(real_path, sign_in=JO).actor.name == "Jo Coordinator"
        with pytest.raises(SignInRefused, match="4 tries left"):  # the count started again
            open_register(real_path, sign_in=wrong)


def test_a_right_passphrase_clears_the_wrong_tries_before_it(real_path):
    wrong = Credentials("Jo Coordinator", "not my passphrase at all")
    for _ in range(4):
        with pytest.raises(SignInRefused):
            open_register(real_path, sign_in=wrong)
    open_register(real_path, sign_in=JO).close()
    with pytest.raises(SignInRefused, match="4 tries left"):
        open_register(real_path, sign_in=wrong)


def test_an_administrator_adds_disables_and_resets_users_without_their_passphrases(real_path):
    ada = open_register(real_path, sign_in=ADA)
    sam = Credentials("Sam Okafor", "marble giraffe umbrella")
    users.add(ada, sam, "ewo")  # Jo's passphrase is not needed, nor Sam's old one
    assert open_register(real_path, sign_in=sam).actor == Actor("Sam Okafor", "ewo")
    users.disable(ada, "Jo Coordinator")
    assert keys.names(keys.keys_path(real_path)) == ["Ada Admin", "Sam Okafor"]  # Jo's slot is gone
    with pytest.raises(SignInRefused, match="That name and passphrase do not match"):
        open_register(real_path, sign_in=JO)
    assert open_register(real_path, sign_in=sam).actor.name == "Sam Okafor"  # the others still open it
    users.reset(ada, Credentials("Jo Coordinator", "a brand new passphrase"))  # back, with a new passphrase
    assert open_register(real_path, sign_in=Credentials("Jo Coordinator", "a brand new passphrase")).actor.name
    users.set_role(ada, "Sam Okafor", "pf_officer")
    assert open_register(real_path, sign_in=sam).actor.role == "pf_officer"
    listed = {user.name: user for user in users.listing(ada)}
    assert listed["Sam Okafor"].role == "pf_officer" and listed["Jo Coordinator"].disabled_at is None
    with ada.unguarded():  # what the file holds: the administrator's role reads no audit row's record
        audited = ada.db.execute(
            "SELECT action, actor, json_extract(after, '$.name'), json_extract(after, '$.role'), "
            "json_extract(after, '$.disabled_at') FROM audit_log WHERE table_name = 'users' ORDER BY id"
        ).fetchall()
    assert audited == [
        ("insert", "Ada Admin", "Ada Admin", "administrator", None),
        ("insert", "Ada Admin", "Jo Coordinator", "coordinator", None),
        ("insert", "Ada Admin", "Sam Okafor", "ewo", None),
        ("update", "Ada Admin", "Jo Coordinator", "coordinator", "2026-11-27T17:00:00Z"),
        ("update", "Ada Admin", "Jo Coordinator", "coordinator", None),
        ("update", "Ada Admin", "Sam Okafor", "pf_officer", None),
    ]


def test_a_new_users_passphrase_and_name_are_checked(real_path):
    ada = open_register(real_path, sign_in=ADA)
    with pytest.raises(ValidationError) as weak:
        users.add(ada, Credentials("Sam", "short one"), "ewo")
    assert weak.value.problems == {"passphrase": "The passphrase must be at least 12 characters long (it has 9)."}
    with pytest.raises(ValidationError) as taken:
        users.add(ada, Credentials("jo coordinator", "some long passphrase"), "ewo")
    assert taken.value.problems == {"name": "There is already a user called jo coordinator."}


@pytest.mark.parametrize(
    ("name", "passphrase", "part"),
    [
        ("Alice Admin", "alice horse battery", "alice"),
        ("Alice Admin", "kettle ADMIN orbit", "admin"),
        ("Bo Nkemelu-Ode", "lantern nkemelu sixty", "nkemelu"),
        ("Bo Nkemelu-Ode", "sixty lantern code", "ode"),
    ],
)
def test_a_passphrase_holding_any_part_of_the_name_is_refused(real_path, name, passphrase, part):
    ada = open_register(real_path, sign_in=ADA)
    with pytest.raises(ValidationError) as weak:
        users.add(ada, Credentials(name, passphrase), "ewo")
    assert weak.value.problems == {
        "passphrase": f"The passphrase must not contain any part of your name (it has “{part}”)."
    }
    users.add(ada, Credentials(name, "kettle orbit bo lantern"), "ewo")  # “bo” is too short to count


def test_nobody_may_disable_the_last_administrator_or_take_their_role(real_path):
    ada = open_register(real_path, sign_in=ADA)
    with pytest.raises(PermissionDenied, match="Ada Admin is the register's last administrator"):
        users.disable(ada, "Ada Admin")
    with pytest.raises(PermissionDenied, match="last administrator"):
        users.set_role(ada, "Ada Admin", "manager")
    users.set_role(ada, "Jo Coordinator", "administrator")
    users.disable(ada, "Ada Admin")  # another administrator remains
    assert open_register(real_path, sign_in=JO).actor.role == "administrator"


def test_a_plain_register_is_encrypted_and_the_plain_file_kept_aside_until_confirmed(tmp_path, now):
    path = tmp_path / "register.sqlite"
    plain = open_register(path, Actor("Jo Coordinator"))
    people.save_child(plain, people.Child("Zofia", SURNAME.decode(), date(2012, 5, 1), "F"))
    plain.close()
    assert SURNAME in path.read_bytes()
    register, kept = users.encrypt(path, ADA)
    register.close()
    assert kept.name == "register-unencrypted-2026-11-27-170000.sqlite" and SURNAME in kept.read_bytes()
    assert SURNAME not in path.read_bytes() and keys.is_real(path)
    jo = open_register(path, sign_in=ADA)
    with pytest.raises(PermissionDenied, match="may not read children's details"):  # an administrator's role
        jo.db.execute("SELECT surname FROM children")
    with jo.unguarded():
        assert jo.db.execute("SELECT surname FROM children").fetchall() == [(SURNAME.decode(),)]
    assert users.plain_copies(path) == [kept]
    users.forget_plain_copy(kept)
    assert users.plain_copies(path) == [] and not kept.exists()
    with pytest.raises(RegisterError, match="is already encrypted"):
        users.encrypt(path, ADA)


def test_a_backup_of_a_real_register_is_encrypted_checked_and_restored_with_its_key(real_path, tmp_path):
    register = _with_a_child(real_path)
    made = store.make_backup(register)
    assert SURNAME not in made.path.read_bytes() and stat.S_IMODE(made.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(made.path.parent.stat().st_mode) == 0o700
    assert (made.path.parent / "register.keys").exists()  # without it no backup could be read
    assert store.check_backup(made, register.unlocked.key) == []
    assert store.check_backup(made) != []  # without the key it is no register at all
    people.save_child(register, people.Child("Later", "Added", date(2013, 1, 1), "M"))
    manager = open_register(real_path, sign_in=ADA)
    users.set_role(manager, "Jo Coordinator", "manager")
    manager.close()
    register.close()
    register = open_register(real_path, sign_in=JO)
    store.restore(register, made.path)
    assert register.db.execute("SELECT surname FROM children").fetchall() == [(SURNAME.decode(),)]


def _save_children(path, passphrase, name, count, results):
    register = open_register(path, sign_in=Credentials(name, passphrase))
    for number in range(count):
        people.save_child(register, people.Child(f"{name.split()[0]}{number}", "Nowak", date(2012, 1, 1), "F"))
    results.put(register.db.execute("SELECT count(*) FROM children").fetchone()[0])
    register.close()


def test_two_people_in_their_own_processes_work_in_one_encrypted_register_at_once(real_path):
    ada = open_register(real_path, sign_in=ADA)
    users.add(ada, Credentials("Sam Okafor", "marble giraffe umbrella"), "coordinator")
    ada.close()
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    workers = [
        context.Process(target=_save_children, args=(real_path, JO.passphrase, JO.name, 20, results)),
        context.Process(target=_save_children, args=(real_path, "marble giraffe umbrella", "Sam Okafor", 20, results)),
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    assert [worker.exitcode for worker in workers] == [0, 0]
    assert max(results.get(timeout=5), results.get(timeout=5)) == 40
    assert open_register(real_path, sign_in=JO).db.execute("SELECT count(*) FROM children").fetchone()[0] == 40


def _guess(path, name, passphrase, start, said):
    start.wait(60)
    try:
        keys.unlock(keys.keys_path(path), Credentials(name, passphrase))
        said.put("opened")
    except SignInRefused as refused:
        said.put(str(refused))


def test_wrong_passphrases_guessed_at_once_from_many_processes_are_checked_at_most_five_times(real_path, monkeypatch):
    # Jo's slot at a cost that takes a moment to check (a slot keeps its own cost in every process), so that
    # twelve guesses released at once are all under way together.
    monkeypatch.setattr(keys, "DERIVATION", keys.Derivation(time_cost=2, memory_kib=32 * 1024, parallelism=1))
    users.reset(open_register(real_path, sign_in=ADA), JO)
    context = multiprocessing.get_context("spawn")
    start, said = context.Barrier(12), context.Queue()
    guesses = [
        context.Process(target=_guess, args=(real_path, JO.name, f"wrong guess number {n}", start, said))
        for n in range(12)
    ]
    for guess in guesses:
        guess.start()
    answers = [said.get(timeout=120) for _ in guesses]
    for guess in guesses:
        guess.join(60)
    # Counted one at a time before each check: tries 1 to 4 are checked and told what is left, the fifth is
    # checked and locks the account, the other seven are refused as locked without being checked.
    told = sorted(int(found[1]) for answer in answers if (found := re.search(r"(\d) tr(?:y|ies) left", answer)))
    assert told == [1, 2, 3, 4]
    assert sum("locked until" in answer for answer in answers) == 8 and "opened" not in answers
    with sqlite3.connect(keys.keys_path(real_path)) as connection:
        failures, until = connection.execute(
            "SELECT failures, locked_until FROM slots WHERE name = ?", [JO.name]
        ).fetchone()
    assert failures == 0 and until is not None
    with pytest.raises(SignInRefused, match="locked until"):
        keys.unlock(keys.keys_path(real_path), JO)  # even the right one, while locked


ED = Credentials("Ed Welfare", "copper meadow violin")
CORA = Credentials("Cora2", "harbour pencil thunder")


def test_a_restore_makes_the_key_slots_agree_with_the_restored_users(real_path):
    ada = open_register(real_path, sign_in=ADA)
    users.add(ada, ED, "ewo")
    made = store.make_backup(ada)  # Ada, Jo and Ed, all active
    users.add(ada, CORA, "coordinator")
    users.disable(ada, ED.name)
    restored = store.restore(ada, made.path)
    # Cora2 is no user in the restored register: her slot goes. Ed is active there but has no slot.
    assert (restored.slots_removed, restored.without_passphrase) == (("Cora2",), ("Ed Welfare",))
    words = restored.words("the kept file")
    assert "Cora2's passphrase no longer opens it (their key slot was removed): they are not an active" in words
    assert "Ed Welfare is a user in the restored register with no passphrase that opens it" in words
    assert keys.names(keys.keys_path(real_path)) == ["Ada Admin", "Jo Coordinator"]
    for keys_file in (keys.keys_path(real_path), made.path.parent / "register.keys"):  # the backups' copy too
        with pytest.raises(SignInRefused, match="do not match"):
            keys.unlock(keys_file, CORA)
    assert [user.label for user in users.listing(ada)] == [
        "Ada Admin  (Administrator, active)",
        "Ed Welfare  (Education welfare officer, no passphrase: an administrator must reset it)",
        "Jo Coordinator  (Missing children coordinator, active)",
    ]
    with ada.unguarded():  # the test reads the audit row itself: an administrator reads no audit content
        last = ada.db.execute("SELECT after FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()[0]
    assert '"slots removed": ["Cora2"]' in last
    # Both can be managed again: Cora2 added afresh, Ed reset (and signs in) or disabled.
    users.add(ada, CORA, "coordinator")
    users.reset(ada, ED)
    assert open_register(real_path, sign_in=ED).actor == Actor(ED.name, "ewo")
    users.disable(ada, ED.name)
    assert "Ed Welfare  (Education welfare officer, disabled" in users.listing(ada)[2].label


def test_the_backups_copy_of_the_keys_file_loses_a_slot_as_the_keys_file_does(real_path):
    ada = open_register(real_path, sign_in=ADA)
    copy = store.make_backup(ada).path.parent / "register.keys"
    assert keys.unlock(copy, JO).key == ada.unlocked.key  # before: Jo's slot opens the live register's key
    users.disable(ada, JO.name)
    with pytest.raises(SignInRefused, match="do not match"):
        keys.unlock(copy, JO)
    users.add(ada, ED, "ewo")
    users.reset(ada, Credentials(ED.name, "another long passphrase"))
    with pytest.raises(SignInRefused, match="do not match"):
        keys.unlock(copy, ED)  # his first passphrase is gone from the copy too
    assert keys.unlock(copy, Credentials(ED.name, "another long passphrase")).name == ED.name
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600 and list(copy.parent.glob(".*part")) == []
