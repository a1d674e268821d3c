"""The real register from the command line: init asks the administrator's passphrase twice, every command
signs in (asked, or REGISTER_PASSPHRASE for scheduled jobs), and an administrator manages users."""

from __future__ import annotations

import getpass
import os
import subprocess
import sys
from datetime import date

import pytest

from register import open_register, people
from register.cli import main
from register.core import keys, users
from register.core.db import REGISTER_FILE, Actor
from tests.helpers.sign_in import ADA, JO


@pytest.fixture
def typed(monkeypatch):
    """What the person types at getpass's prompts, in order; the prompts are kept."""
    answers: list[str] = []
    prompts: list[str] = []

    def ask(prompt: str = "") -> str:
        prompts.append(prompt)
        return answers.pop(0)

    monkeypatch.setattr(getpass, "getpass", ask)
    return answers, prompts


def test_init_makes_a_real_register_once_the_passphrase_is_typed_the_same_twice(tmp_path, now, typed, capsys):
    answers, prompts = typed
    data = ["--data-dir", str(tmp_path), "--user", ADA.name]
    answers += ["short", "short"]
    assert main([*data, "init"]) == 1
    assert "at least 12 characters long (it has 5)" in capsys.readouterr().err
    answers += [ADA.passphrase, ADA.passphrase + "x"]
    assert main([*data, "init"]) == 2
    assert "The two passphrases differ" in capsys.readouterr().err and not (tmp_path / REGISTER_FILE).exists()
    answers += [ADA.passphrase, ADA.passphrase]
    assert main([*data, "init"]) == 0
    said = capsys.readouterr()
    assert "Ada Admin is its administrator" in said.out and "Three or four ordinary words" in said.err
    assert prompts[-2:] == ["New passphrase for Ada Admin: ", "The same passphrase again: "]
    answers += [ADA.passphrase]
    assert main([*data, "users", "list"]) == 0
    assert capsys.readouterr().out == "Ada Admin  (Administrator, active)\n"
    assert prompts[-1] == "Passphrase for Ada Admin: "


def test_a_real_register_is_refused_without_a_name_a_right_passphrase_or_with_a_role(real_path, capsys, monkeypatch):
    data = ["--data-dir", str(real_path.parent)]
    assert main([*data, "check"]) == 2
    assert "is a real register: sign in with python -m register --user NAME check" in capsys.readouterr().err
    monkeypatch.setenv("REGISTER_PASSPHRASE", "not the passphrase")
    assert main([*data, "--user", JO.name, "check"]) == 2
    assert "That name and passphrase do not match" in capsys.readouterr().err
    monkeypatch.setenv("REGISTER_PASSPHRASE", JO.passphrase)
    assert main([*data, "--user", JO.name, "--role", "manager", "check"]) == 2
    assert "--role is for trying the demo register" in capsys.readouterr().err
    assert main([*data, "--user", JO.name, "check"]) == 0
    assert main([*data, "--user", JO.name, "users", "list"]) == 1
    assert "Your role (Missing children coordinator) may not manage users" in capsys.readouterr().err


def test_an_administrator_adds_disables_and_resets_users_from_the_command_line(real_path, typed, capsys, monkeypatch):
    answers, _ = typed
    data = ["--data-dir", str(real_path.parent), "--user", ADA.name]
    monkeypatch.setenv("REGISTER_PASSPHRASE", ADA.passphrase)
    answers += ["marble giraffe umbrella"] * 2
    assert main([*data, "users", "add", "Sam Okafor", "--role", "ewo"]) == 0
    assert "Added Sam Okafor  (Education welfare officer, active)" in capsys.readouterr().out
    assert main([*data, "users", "disable", JO.name]) == 0
    assert main([*data, "users", "disable", ADA.name]) == 1
    assert "Ada Admin is the register's last administrator" in capsys.readouterr().err
    assert main([*data, "users", "role", "Sam Okafor", "manager"]) == 0
    capsys.readouterr()
    assert main([*data, "users", "list"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert listed[1:] == [
        "Jo Coordinator  (Missing children coordinator, disabled 27/11/2026 17:00)",
        "Sam Okafor  (Team manager, active)",
    ]
    answers += ["a brand new passphrase"] * 2
    assert main([*data, "users", "reset", JO.name]) == 0
    jo = open_register(real_path, sign_in=keys.Credentials(JO.name, "a brand new passphrase"))
    assert jo.actor == Actor(JO.name, "coordinator")


def test_the_unencrypted_register_is_refused_until_it_is_encrypted(tmp_path, now, typed, capsys, monkeypatch):
    answers, _ = typed
    plain = open_register(tmp_path / REGISTER_FILE, Actor("Jo"))
    people.save_child(plain, people.Child("Zofia", "Wojciechowska", date(2012, 5, 1), "F"))
    plain.close()
    data = ["--data-dir", str(tmp_path), "--user", ADA.name]
    assert main([*data, "check"]) == 2
    assert (
        "is not encrypted yet: encrypt it first with python -m register --user NAME encrypt" in capsys.readouterr().err
    )
    answers += [ADA.passphrase, ADA.passphrase]
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    assert main([*data, "encrypt"]) == 0
    said = capsys.readouterr().out
    assert "is a real register, encrypted" in said and "register-unencrypted-2026-11-27-170000.sqlite: it holds" in said
    assert b"Wojciechowska" not in (tmp_path / REGISTER_FILE).read_bytes()
    assert b"Wojciechowska" in (tmp_path / "register-unencrypted-2026-11-27-170000.sqlite").read_bytes()


def test_a_real_register_whose_keys_file_is_gone_is_said_to_miss_it(real_path, capsys, monkeypatch):
    monkeypatch.setenv("REGISTER_PASSPHRASE", JO.passphrase)
    keys.keys_path(real_path).unlink()
    assert main(["--data-dir", str(real_path.parent), "--user", JO.name, "check"]) == 2
    said = capsys.readouterr().err
    assert f"{real_path} is encrypted, but its keys file {keys.keys_path(real_path)} is missing" in said
    assert "Copy register.keys back beside it from the register's backups folder" in said
    assert "not encrypted yet" not in said
    before = real_path.read_bytes()
    for command in ("encrypt", "init"):  # nor is it encrypted again as if it were plain
        monkeypatch.setenv("REGISTER_PASSPHRASE", ADA.passphrase)
        assert main(["--data-dir", str(real_path.parent), "--user", ADA.name, command]) == 2
        assert f"its keys file {keys.keys_path(real_path)} is missing" in capsys.readouterr().err
    assert real_path.read_bytes() == before and users.plain_copies(real_path) == []


def _without_a_terminal(data, *command, **variables):
    """python -m register run as a job would be: in a session of its own (no terminal) with its input closed."""
    return subprocess.run(
        [sys.executable, "-m", "register", "--data-dir", str(data), *command],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        start_new_session=True,
        env={**os.environ, **variables},
        timeout=120,
    )


def test_init_encrypt_and_users_run_without_a_terminal_from_the_environment_and_say_when_nothing_was_typed(tmp_path):
    data = tmp_path / "data"
    ran = _without_a_terminal(data, "--user", ADA.name, "init")
    assert ran.returncode == 2 and "Traceback" not in ran.stderr
    assert "No passphrase was typed: the input ended (there is no terminal to type it at)" in ran.stderr
    assert "set REGISTER_PASSPHRASE for a job" in ran.stderr and not (data / REGISTER_FILE).exists()
    ran = _without_a_terminal(data, "--user", ADA.name, "init", REGISTER_PASSPHRASE=ADA.passphrase)
    assert ran.returncode == 0 and "Ada Admin is its administrator" in ran.stdout
    ran = _without_a_terminal(data, "--user", ADA.name, "users", "add", JO.name, "--role", "coordinator")
    assert ran.returncode == 2 and "Traceback" not in ran.stderr and "No passphrase was typed" in ran.stderr
    signed_in = {"REGISTER_PASSPHRASE": ADA.passphrase}
    ran = _without_a_terminal(data, "--user", ADA.name, "users", "add", JO.name, "--role", "coordinator", **signed_in)
    assert ran.returncode == 1 and "Traceback" not in ran.stderr
    assert "set REGISTER_NEW_PASSPHRASE for a job" in ran.stderr
    jo = {**signed_in, "REGISTER_NEW_PASSPHRASE": JO.passphrase}
    ran = _without_a_terminal(data, "--user", ADA.name, "users", "add", JO.name, "--role", "coordinator", **jo)
    assert ran.returncode == 0 and "Added Jo Coordinator" in ran.stdout
    again = {**signed_in, "REGISTER_NEW_PASSPHRASE": "a brand new passphrase"}
    assert _without_a_terminal(data, "--user", ADA.name, "users", "reset", JO.name, **again).returncode == 0
    assert open_register(data / REGISTER_FILE, sign_in=keys.Credentials(JO.name, "a brand new passphrase"))


def test_encrypting_without_a_terminal_keeps_the_plain_copy_and_says_so(tmp_path, now):
    open_register(tmp_path / REGISTER_FILE, Actor("Jo")).close()
    ran = _without_a_terminal(tmp_path, "--user", ADA.name, "encrypt", REGISTER_PASSPHRASE=ADA.passphrase)
    assert ran.returncode == 0 and "Traceback" not in ran.stderr
    (kept,) = users.plain_copies(tmp_path / REGISTER_FILE)
    assert f"No answer (the input ended), so {kept} is kept: it holds every record unencrypted." in ran.stdout


def test_init_with_its_input_closed_says_so_without_a_traceback(tmp_path):
    """Started with its input closed (as `<&-` does in a shell: Python then has no sys.stdin at all), init and
    encrypt say that nothing was typed, or that no answer came, as when the input is empty."""
    closed = subprocess.run(
        [sys.executable, "-m", "register", "--data-dir", str(tmp_path), "--user", ADA.name, "init"],
        preexec_fn=lambda: os.close(0),  # noqa: PLW1509 - the child closes its own input before it starts
        capture_output=True,
        text=True,
        start_new_session=True,
        timeout=120,
    )
    assert closed.returncode == 2 and "Traceback" not in closed.stderr, closed.stderr
    assert "No passphrase was typed: the input ended" in closed.stderr and not (tmp_path / REGISTER_FILE).exists()
