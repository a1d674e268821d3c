"""The analysts' extract: a plain SQLite file holding no name, identifier, address or free text anywhere in
its bytes, each child a pseudonym the same in every extract of one register and unlike another register's,
the date of birth as year and month; an analyst may produce it, audited."""

from __future__ import annotations

import hashlib
import hmac
import json
import sqlite3
import subprocess
import sys
from datetime import date

import pytest

from register import Actor, demo, open_register, people
from register.core.errors import PermissionDenied
from register.education.records import add_outcome
from register.exports import pseudonymised
from tests.helpers.every_kind import WORDS
from tests.helpers.writer import ROOT


def _extract(path, out, role="analyst"):
    register = open_register(path, Actor("Ada Analyst", role))
    try:
        return pseudonymised.write(register, out)
    finally:
        register.close()


def _plain(path, sql):
    plain = sqlite3.connect(path)
    try:
        return plain.execute(sql).fetchall()
    finally:
        plain.close()


def test_no_name_identifier_address_or_free_text_is_anywhere_in_the_file(register, every_kind, tmp_path):
    out = tmp_path / "extract.sqlite"
    _extract(register.path, out)
    held = out.read_bytes()
    for words in WORDS.values():
        assert words.encode() not in held, words
    for staff in ("Jo Coordinator", "Ruth", "Sam"):  # who saved each record, who visited, who interviewed
        assert staff.encode() not in held, staff


def test_no_school_of_the_demo_is_in_the_file(tmp_path):
    register = open_register(tmp_path / "register.sqlite", Actor("Pat Manager", "manager"))
    demo.build(register, children=40, seed=3)
    schools = register.db.execute("SELECT urn, name FROM schools").fetchall()
    referrers = register.db.execute("SELECT DISTINCT referrer_urn FROM cme_cases WHERE referrer_urn <> ''").fetchall()
    absences = register.db.execute("SELECT count(*) FROM absences").fetchone()[0]
    register.close()
    assert len(schools) >= 3 and referrers and absences  # the demo has schools, referring schools and absences
    out = tmp_path / "extract.sqlite"
    _extract(register.path, out)
    held = out.read_bytes()
    for urn, name in schools:
        assert urn.encode() not in held and name.encode() not in held, name
    for (urn,) in referrers:
        assert urn.encode() not in held, urn
    assert _plain(out, "SELECT count(*) FROM absences") == [(absences,)]  # the absences stay, their school gone
    assert _plain(out, "SELECT name FROM sqlite_master WHERE name = 'schools'") == []


def test_a_child_keeps_one_pseudonym_across_extracts_and_tables(register, every_kind, tmp_path):
    _extract(register.path, tmp_path / "first.sqlite")
    _extract(register.path, tmp_path / "second.sqlite")
    first = _plain(tmp_path / "first.sqlite", "SELECT child, born, sex, ethnicity FROM children")
    assert first == _plain(tmp_path / "second.sqlite", "SELECT child, born, sex, ethnicity FROM children")
    key = first[0][0]
    assert first == [(key, "2011-02", "F", "WIRT")]  # born 14 February 2011: year and month only
    assert len(key) == 16 and key != str(every_kind)
    for table in ("missing_episodes", "return_interviews", "cme_cases", "absences", "pf_arrangements"):
        assert _plain(tmp_path / "first.sqlite", f"SELECT child FROM {table}") == [(key,)], table
    # Not the child's number under a key anyone could guess: another register's child 1 has another pseudonym.
    other = open_register(tmp_path / "other.sqlite", Actor("Pat Manager", "manager"))
    assert people.save_child(other, people.Child("Ana", "Lopes", date(2011, 2, 14), "F")).id == every_kind
    other.close()
    _extract(tmp_path / "other.sqlite", tmp_path / "third.sqlite")
    assert _plain(tmp_path / "third.sqlite", "SELECT child FROM children") != [(key,)]
    assert key != hmac.new(b"", b"child:1", hashlib.sha256).hexdigest()[:16]
    # The secret is the register's own, kept out of the audit trail that many roles read.
    secret = register.db.execute("SELECT value FROM settings WHERE key = 'pseudonym_secret'").fetchone()[0]
    assert len(secret) == 64
    assert register.db.execute("SELECT count(*) FROM audit_log WHERE after LIKE ?", [f"%{secret}%"]).fetchone() == (0,)


def test_what_is_kept_and_what_a_spreadsheet_would_run_is_text(register, every_kind, tmp_path):
    outcome = add_outcome(register, '=HYPERLINK("http://example.org")')
    out = tmp_path / "extract.sqlite"
    _extract(register.path, out)
    assert _plain(out, "SELECT type, risk_grade, started_at FROM missing_episodes") == [
        ("M", "high", "2026-07-20T21:15:00Z")
    ]
    assert _plain(out, f"SELECT label FROM cme_outcomes WHERE code = '{outcome}'") == [
        ('\'=HYPERLINK("http://example.org")',)
    ]
    columns = {row[1] for row in _plain(out, "PRAGMA table_info(children)")}
    assert columns == {"child", "born", "sex", "ethnicity", "disabled", "looked_after", "looked_after_by",
                       "first_language", "version", "updated_at"}  # fmt: skip


def test_an_analyst_and_a_manager_may_produce_it_others_may_not(register, every_kind, tmp_path):
    _extract(register.path, tmp_path / "a.sqlite", "analyst")
    _extract(register.path, tmp_path / "m.sqlite", "manager")
    for role in ("coordinator", "ewo", "pf_officer", "board_reader", "administrator"):
        with pytest.raises(PermissionDenied):
            _extract(register.path, tmp_path / f"{role}.sqlite", role)
        assert not (tmp_path / f"{role}.sqlite").exists()
    audited = [
        (row[0], json.loads(row[1])["export"])
        for row in register.db.execute("SELECT role, after FROM audit_log WHERE action = 'export'")
    ]
    assert audited == [("analyst", "pseudonymised extract"), ("manager", "pseudonymised extract")]


def test_the_command_line_writes_it_for_an_analyst(tmp_path):
    data = tmp_path / "data"
    out = tmp_path / "extract.sqlite"
    command = [sys.executable, "-m", "register", "--data-dir", str(data), "--demo"]
    subprocess.run([*command, "demo", "--children", "20"], capture_output=True, check=True, cwd=ROOT)
    done = subprocess.run(
        [*command, "--role", "analyst", "export", "pseudonymised", "--out", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    assert _plain(out, "SELECT count(*) FROM children") == [(20,)]
