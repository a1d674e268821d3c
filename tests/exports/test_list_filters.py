"""``python -m register export list``: each list narrowed by the filters its page has (status, dates,
search), the private fostering arrangements among them, and the door: only a role that reads the register."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from datetime import date

import openpyxl
import pytest

from register import Actor, fostering, open_register, people
from register.cli import main
from register.core.db import DEMO_FILE
from register.core.errors import PermissionDenied
from register.exports import lists
from register.missing.listing import EpisodeFilter
from register.missing.records import Episode, save_episode
from tests.helpers.values import at
from tests.helpers.writer import ROOT


@pytest.fixture
def path(tmp_path, now):
    """A demo register (so --role picks the role): four episodes and three fostering arrangements."""
    path = tmp_path / "data" / DEMO_FILE
    register = open_register(path, Actor("Pat Manager", "manager"))
    for day, (forenames, surname, returned) in enumerate(
        [("Ana", "Pop", True), ("Bilal", "Ahmed", False), ("Tom", "Ahmed", False), ("Zofia", "Kowalska", False)],
        start=1,
    ):
        child = people.save_child(register, people.Child(forenames, surname, date(2012, 5, day), "F"))
        started = at(f"0{day}/11/2026 10:00")
        save_episode(
            register, Episode(child.id, "M", started, ended_at=at(f"0{day}/11/2026 12:00") if returned else None)
        )
    for day, (forenames, carer) in enumerate([("Kwame", "=cmd|' /C calc'!A0"), ("Esi", "Ama Boateng")], start=2):
        child = people.save_child(register, people.Child(forenames, "Mensah", date(2013, 1, day), "M"))
        fostering.save_arrangement(
            register,
            fostering.Arrangement(child.id, date(2026, 10, day), "school", "late", date(2026, 10, 1), carer, "cousin"),
        )
    register.close()
    return path


def _export(path, role, *options):
    return subprocess.run(
        [sys.executable, "-m", "register", "--data-dir", str(path.parent), "--demo", "--role", role, "export", "list"]
        + list(options),
        capture_output=True,
        text=True,
        cwd=ROOT,
    )


def _rows(csv_path):
    with csv_path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_the_episode_list_is_narrowed_by_status_dates_and_search_as_its_page_narrows_it(path, tmp_path):
    out = tmp_path / "episodes.csv"
    done = _export(
        path, "coordinator", "episodes", "--status", "open", "--from", "2026-11-02", "--to", "2026-11-03",
        "--search", "ahmed", "--sort", "last seen", "--descending", "--out", str(out),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"Missing episodes: wrote 2 rows to {out}\n"
    # Open, last seen 2 to 3 November, named Ahmed: Bilal (2nd) and Tom (3rd), latest first. Ana returned
    # and Zofia was last seen on the 4th.
    assert [row[0] for row in _rows(out)[1:]] == ["Tom Ahmed", "Bilal Ahmed"]


def test_a_state_the_list_does_not_have_or_a_mistyped_day_is_refused_in_words(path, tmp_path):
    out = tmp_path / "cases.csv"
    done = _export(path, "coordinator", "cme-cases", "--status", "ended", "--out", str(out))
    assert done.returncode == 2
    assert "--status “ended” is not a state of the cme-cases list: open, closed, all" in done.stderr
    done = _export(path, "coordinator", "episodes", "--from", "1/11/2026", "--out", str(out))
    assert done.returncode == 2 and "--from “1/11/2026” is not a date" in done.stderr
    assert not out.exists()


def test_the_private_fostering_officer_exports_the_arrangements_with_a_formula_kept_as_text(path, tmp_path):
    out = tmp_path / "fostering.xlsx"
    done = _export(path, "pf_officer", "fostering", "--from", "2026-10-01", "--sort", "notified", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"Private fostering arrangements: wrote 2 rows to {out}\n"
    sheet = openpyxl.load_workbook(out)["Private fostering arrangements"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == (
        "Child", "Born", "Carer", "Relationship", "Notified", "Notice", "Started", "Ended", "Suitability",
    )  # fmt: skip
    assert [row[:5] for row in rows[1:]] == [
        ("Kwame Mensah", "02/01/2013", "=cmd|' /C calc'!A0", "Cousin", "02/10/2026"),
        ("Esi Mensah", "03/01/2013", "Ama Boateng", "Cousin", "03/10/2026"),
    ]
    carer = sheet.cell(row=2, column=3)
    assert (carer.data_type, carer.quotePrefix) == ("s", True)  # Excel shows it as text and never runs it
    register = open_register(path, Actor("Pat Manager", "manager"))
    audited = [
        json.loads(row["after"]) for row in register.db.query("SELECT after FROM audit_log WHERE action = 'export'")
    ]
    noted = register.db.execute("SELECT COUNT(*) FROM access_log WHERE what LIKE 'list: Private fostering%'").fetchone()
    register.close()
    assert [(row["export"], row["rows"]) for row in audited] == [("list: Private fostering arrangements", 2)]
    assert noted == (2,)  # one access-log row for each child it names


def test_a_role_that_may_not_read_the_missing_register_may_not_export_its_list(path, tmp_path, now):
    out = tmp_path / "episodes.csv"
    done = _export(path, "pf_officer", "episodes", "--out", str(out))
    assert done.returncode == 1
    assert "may not read the missing from home or care register, so it may not export its list" in done.stderr
    register = open_register(path, Actor("Sam Officer", "pf_officer"))
    with pytest.raises(PermissionDenied, match="may not read"):
        lists.write_list(register, "episodes", EpisodeFilter(), 0, False, now, out)
    register.close()
    assert not out.exists()


def test_a_list_or_the_access_log_is_written_only_as_xlsx_or_csv(tmp_path, capsys):
    """A name ending .pdf is refused in words, before anything is read or written (it was written as CSV)."""
    assert main(["--data-dir", str(tmp_path), "demo", "--children", "30"]) == 0
    for command in (["export", "list", "episodes"], ["access-log"]):
        out = tmp_path / "list.pdf"
        assert main(["--data-dir", str(tmp_path), "--demo", "--role", "manager", *command, "--out", str(out)]) != 0
        said = capsys.readouterr().err
        assert "does not end in .xlsx or .csv" in said and not out.exists(), said
