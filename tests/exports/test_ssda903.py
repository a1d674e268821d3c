"""The SSDA903 Missing table: hand-worked rows on each rule's edge, checked by the DfE's own validator."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from datetime import date

import pytest

from register import Actor, demo, open_register, people
from register.core import periods
from register.core.db import DEMO_FILE
from register.exports import ssda903
from register.missing.records import Episode, save_episode
from tests.helpers.values import at
from tests.helpers.writer import ROOT

YEAR = periods.year("2025-26")  # 1 April 2025 to 31 March 2026; BST from 30 March 2025 and from 29 March 2026


def _child(register, forenames, surname, born, la_id, by="this"):
    return people.save_child(
        register,
        people.Child(forenames, surname, born, "F", looked_after=bool(by), looked_after_by=by, la_id=la_id),
    )


def _episode(register, child, kind, start, end=None, by="this"):
    placed = {"looked_after": bool(by), "looked_after_by": by, "placing_authority": "Kent" if by == "other" else ""}
    return save_episode(register, Episode(child.id, kind, at(start), ended_at=at(end) if end else None, **placed))


@pytest.fixture
def on_the_edges(register):
    """Children and episodes on each edge of the year and of the rules (times are England's clocks)."""
    amira = _child(register, "Amira", "Haddad", date(2010, 6, 15), "LA0001")
    _episode(register, amira, "M", "31/03/2025 20:00", "01/04/2025 00:30")  # ends 23:30 UTC 31 March: in the year
    _episode(register, amira, "A", "05/06/2025 10:00", "05/06/2025 12:00")
    _episode(register, amira, "M", "05/06/2025 12:00", "05/06/2025 18:00")  # starts as the away episode ends
    _episode(register, amira, "M", "31/03/2026 23:30", "01/04/2026 02:00")  # still missing when the year closed
    ben = _child(register, "Ben", "Osei", date(2011, 1, 10), "LA0002")
    _episode(register, ben, "M", "30/03/2025 18:00", "31/03/2025 23:30")  # ended the day before the year
    _episode(register, ben, "M", "10/01/2026 09:00")  # still missing today
    cara = _child(register, "Cara", "Nowak", date(2025, 5, 1), "LA0003")
    _episode(register, cara, "M", "02/05/2025 00:30", "02/05/2025 09:00")  # 23:30 UTC on her birthday: day after
    dev = _child(register, "Dev", "Patel", date(2012, 2, 2), "LA0004")
    _episode(register, dev, "M", "01/04/2026 00:30", "01/04/2026 03:00")  # starts 23:30 UTC 31 March: next year
    other = _child(register, "Eve", "Smith", date(2012, 3, 3), "LA0005", by="other")
    _episode(register, other, "A", "01/06/2025 10:00", "01/06/2025 11:00", by="other")  # placed here by Kent
    home = _child(register, "Finn", "Jones", date(2012, 4, 4), "LA0006", by="")
    _episode(register, home, "M", "01/06/2025 10:00", "01/06/2025 11:00", by="")  # not looked after
    return register


# Worked out from the rule: looked after by this authority, overlapping 1 April 2025 to 31 March 2026
# on England's clocks, by CHILD then start; an end after 31 March left blank.
EXPECTED = (
    "CHILD,DOB,MISSING,MIS_START,MIS_END\r\n"
    "LA0001,15/06/2010,M,31/03/2025,01/04/2025\r\n"
    "LA0001,15/06/2010,A,05/06/2025,05/06/2025\r\n"
    "LA0001,15/06/2010,M,05/06/2025,05/06/2025\r\n"
    "LA0001,15/06/2010,M,31/03/2026,\r\n"
    "LA0002,10/01/2011,M,10/01/2026,\r\n"
    "LA0003,01/05/2025,M,02/05/2025,02/05/2025\r\n"
)


def test_the_year_on_its_edges_is_written_as_worked_out_and_the_dfe_validator_finds_nothing(
    on_the_edges, tmp_path, validator_903
):
    table = ssda903.missing_table(on_the_edges, YEAR)
    assert table.problems == []
    out = tmp_path / "missing.csv"
    assert ssda903.write(on_the_edges, table, out) == 6
    assert out.read_bytes().decode("utf-8") == EXPECTED  # no byte order mark, no extra column
    assert validator_903(out, "2025-26") == {}


def test_the_demo_register_passes_the_dfe_validator(tmp_path, now, validator_903):
    register = open_register(tmp_path / "demo.sqlite", Actor("Demo", "manager"))
    demo.build(register, 300, 1)
    for year in (periods.year("2025-26"), periods.year("2026-27")):
        table = ssda903.missing_table(register, year)
        assert table.problems == [] and len(table.rows) > 20, year
        out = tmp_path / f"{year.key}.csv"
        ssda903.write(register, table, out)
        assert validator_903(out, year.key) == {}
    register.close()


def test_an_episode_that_breaks_a_rule_is_named_before_writing_and_the_validator_flags_it(
    on_the_edges, tmp_path, validator_903
):
    # Written past the register's rules (as an old import might have): an episode of Amira's overlapping another.
    amira = on_the_edges.db.execute("SELECT id FROM children WHERE la_id = 'LA0001'").fetchone()[0]
    with on_the_edges.atomic():
        first = dict(next(on_the_edges.db.query("SELECT * FROM missing_episodes WHERE child_id = ?", [amira])))
        del first["id"]
        overlapping = {**first, "started_at": "2025-05-20T10:00:00Z", "ended_at": "2025-06-10T10:00:00Z"}
        on_the_edges.db["missing_episodes"].insert(overlapping)  # 20 May to 10 June, over both June episodes
    table = ssda903.missing_table(on_the_edges, YEAR)
    assert [(problem.rule, problem.child_id) for problem in table.problems] == [("574", amira), ("574", amira)]
    out = tmp_path / "missing.csv"
    with pytest.raises(ssda903.ReturnHasProblems, match="rule 574: Amira Haddad"):
        ssda903.write(on_the_edges, table, out)
    assert not out.exists()
    ssda903.write(on_the_edges, table, out, anyway=True)
    assert validator_903(out, "2025-26") == {"574": ["LA0001"]}


def test_the_command_line_names_the_children_and_rules_and_writes_nothing_until_put_right(tmp_path):
    data = tmp_path / "data"
    register = open_register(data / DEMO_FILE, Actor("Jo", "coordinator"))
    child = people.save_child(register, people.Child("Gita", "Rao", date(2012, 1, 1), "F", looked_after=True))
    _episode(register, child, "M", "01/05/2025 10:00", "01/05/2025 12:00")
    register.close()
    out = tmp_path / "903.csv"

    def export(*extra):
        command = [sys.executable, "-m", "register", "--data-dir", str(data), "--demo", "--role", "coordinator"]
        return subprocess.run(
            [*command, "export", "ssda903", "--year", "2025-26", "--out", str(out), *extra],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )

    refused = export()
    assert refused.returncode == 1
    assert "rule CHILD: Gita Rao has no case system id (the 903's CHILD)" in refused.stderr
    assert not out.exists()
    register = open_register(data / DEMO_FILE, Actor("Jo", "coordinator"))
    people.save_child(register, replace(people.get_child(register, child.id), la_id="LA9"))
    register.close()
    written = export()
    assert written.returncode == 0, written.stderr
    assert "2025-26: wrote 1 row" in written.stdout
    assert out.read_text() == "CHILD,DOB,MISSING,MIS_START,MIS_END\n" + "LA9,01/01/2012,M,01/05/2025,01/05/2025\n"
