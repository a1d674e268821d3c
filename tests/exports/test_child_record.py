"""A child's whole record as JSON and PDF: every field of every record (read back from the file itself with
plain sqlite3), the codes' meanings, the history of changes, each file audited; the parts a role may not
read whole left out and said; refused for the roles that may not name children."""

from __future__ import annotations

import errno
import json
import sqlite3
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from register import Actor, demo, open_register, people
from register.core import access
from register.core.db import DEMO_FILE
from register.core.errors import PermissionDenied
from register.exports import child_export
from register.exports.writing import ExportNotWritten
from register.missing.records import get_episode, save_episode
from tests.helpers.every_kind import WORDS
from tests.helpers.pdf import text_of
from tests.helpers.writer import ROOT

TABLES = (
    "missing_episodes",
    "return_interviews",
    "interview_episodes",
    "cme_cases",
    "cme_enquiries",
    "cme_escalations",
    "absences",
    "pf_arrangements",
    "pf_visits",
)


def _rows(path, child_id):
    """Every record of the child straight from the register file: {table: [row as a dict]}, by rowid."""
    plain = sqlite3.connect(path)
    plain.row_factory = sqlite3.Row
    mine = {
        "children": f"id = {child_id}",
        "missing_episodes": f"child_id = {child_id}",
        "return_interviews": f"child_id = {child_id}",
        "interview_episodes": f"interview_id IN (SELECT id FROM return_interviews WHERE child_id = {child_id})",
        "cme_cases": f"child_id = {child_id}",
        "cme_enquiries": f"case_id IN (SELECT id FROM cme_cases WHERE child_id = {child_id})",
        "cme_escalations": f"case_id IN (SELECT id FROM cme_cases WHERE child_id = {child_id})",
        "absences": f"child_id = {child_id}",
        "pf_arrangements": f"child_id = {child_id}",
        "pf_visits": f"arrangement_id IN (SELECT id FROM pf_arrangements WHERE child_id = {child_id})",
    }
    found = {
        t: [dict(r) for r in plain.execute(f"SELECT * FROM {t} WHERE {w} ORDER BY rowid")] for t, w in mine.items()
    }
    plain.close()
    return found


def _as_printed(value) -> str:
    """A stored value as the PDF should print it, worked out here: UTC instants on England's clocks."""
    if isinstance(value, str) and len(value) == 20 and value.endswith("Z"):
        instant = datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
        return instant.astimezone(ZoneInfo("Europe/London")).strftime("%d/%m/%Y %H:%M")
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        return date.fromisoformat(value).strftime("%d/%m/%Y")
    return str(value)


def test_every_field_of_every_record_is_in_the_json_and_the_pdf(register, every_kind, tmp_path):
    json_path, pdf_path = child_export.write(register, every_kind, tmp_path)
    # produced at 17:00:00 UTC on 27 November 2026: 17:00:00 on England's clocks (GMT)
    assert json_path.name == "whole-record-child-1-2026-11-27-170000.json" and pdf_path.suffix == ".pdf"
    held = json.loads(json_path.read_text(encoding="utf-8"))
    rows = _rows(register.path, every_kind)

    assert held["format"] == "register-whole-record" and held["produced_at"] == "2026-11-27T17:00:00Z"
    assert held["child"]["fields"] == rows["children"][0]
    tables = {table: recs for part in held["registers"] for table, recs in part["tables"].items()}
    for table in TABLES:
        assert [record["fields"] for record in tables[table]] == rows[table], table
        assert len(rows[table]) == 1, table  # one of each kind
    # Instants as stored, UTC with Z: 22:15 on 20 July 2026 in England was 21:15 UTC (BST).
    episode = tables["missing_episodes"][0]
    assert episode["fields"]["started_at"] == "2026-07-20T21:15:00Z"
    assert episode["meanings"]["type"] == "Missing" and episode["meanings"]["risk_grade"] == "High"
    assert held["child"]["meanings"]["ethnicity"] == "Traveller of Irish heritage"
    assert tables["cme_enquiries"][0]["meanings"]["agency"] == "Health (GP, school nurse)"
    assert tables["absences"][0]["meanings"]["school_urn"] == "Heronsgate"  # from the list of schools
    assert tables["pf_visits"][0]["meanings"] == {"kind": "Initial visit", "seen_alone": "Yes"}
    # The history: saved, then its risk grade changed from medium to high.
    assert episode["history"][0]["action"] == "insert" and episode["history"][0]["by"] == "Jo Coordinator"
    assert {"field": "risk_grade", "before": "medium", "after": "high"} in episode["history"][1]["changes"]
    assert tables["interview_episodes"][0]["history"] is None  # a link: its owner's history holds it

    printed = text_of(pdf_path)
    for table, records in rows.items():
        for record in records:
            for column, value in record.items():
                if value is not None:
                    assert _as_printed(value) in printed, (table, column, value)
    for words in ("Female", "High", "Initial visit", "Heronsgate", "Risk grade: medium → high", *WORDS.values()):
        assert words in printed
    assert "20/07/2026 22:15" in printed and "OFFICIAL-SENSITIVE · PERSONAL DATA" in printed
    pages = text_of(pdf_path).count("Page ")
    assert f"Page 1 of {pages}" in printed and f"Page {pages} of {pages}" in printed


def test_each_file_is_audited_and_a_formula_stays_as_typed(register, every_kind, tmp_path):
    people.save_child(register, replace(people.get_child(register, every_kind), other_names='=HYPERLINK("x")'))
    json_path, pdf_path = child_export.write(register, every_kind, tmp_path)
    # JSON is read by a system, never opened as a spreadsheet: the value exactly as typed (docs/exports.md).
    assert json.loads(json_path.read_text())["child"]["fields"]["other_names"] == '=HYPERLINK("x")'
    audited = [json.loads(row[0]) for row in register.db.execute("SELECT after FROM audit_log WHERE action = 'export'")]
    assert [(row["export"], row["file"], row["rows"], row["child_id"]) for row in audited] == [
        ("whole record of a child (JSON)", str(json_path), 10, every_kind),
        ("whole record of a child (PDF)", str(pdf_path), 10, every_kind),
    ]
    assert sorted(p.name for p in tmp_path.iterdir() if "whole-record" in p.name) == [json_path.name, pdf_path.name]


def test_a_long_note_flows_across_pages(register, every_kind, tmp_path):
    episode_id = register.db.execute("SELECT id FROM missing_episodes").fetchone()[0]
    sentence = "She said she had been at the bus station all night and nobody spoke to her. "  # 76 characters
    note = (sentence * 264)[:20_000]
    save_episode(register, replace(get_episode(register, episode_id), notes=note))
    json_path, pdf_path = child_export.write(register, every_kind, tmp_path)
    printed = text_of(pdf_path)
    # All of it is printed, in the episode and again in its history (after the arrow): 263 whole sentences
    # and 12 characters of the next one (20,000 = 263 x 76 + 12), so "station" 263 times in each.
    assert len(note) == 20_000 and printed.count("station") == 263 * 2
    assert "Page 4 of" in printed
    assert json.loads(json_path.read_text())["registers"][0]["tables"]["missing_episodes"][0]["fields"]["notes"] == note


def _exports(register):
    audited = register.db.execute("SELECT count(*) FROM audit_log WHERE action = 'export'").fetchone()[0]
    return audited, register.db.execute("SELECT count(*) FROM access_log").fetchone()[0]


def test_both_files_land_together_or_neither_and_nothing_is_audited(register, every_kind, tmp_path, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    before = _exports(register)
    # The PDF's name is taken by a folder after the names were chosen, before the files are put in place.
    blocked = out / "whole-record-child-1-2026-11-27-170000.pdf"
    real_is_dir = Path.is_dir

    def is_dir(path):
        if path == blocked and not blocked.exists():
            blocked.mkdir()
            return False
        return real_is_dir(path)

    monkeypatch.setattr(Path, "is_dir", is_dir)
    with pytest.raises(ExportNotWritten) as refused:
        child_export.write(register, every_kind, out)
    assert str(refused.value).startswith(f"Nothing was exported: {blocked} could not be written, because a folder")
    assert [p.name for p in out.iterdir()] == [blocked.name]  # no JSON, no half-written file
    assert _exports(register) == before


def test_a_full_disk_leaves_neither_file_and_says_so(register, every_kind, tmp_path, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    before = _exports(register)

    def full(record, path):
        path.write_bytes(b"%PDF-1.4 half")
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(child_export, "write_pdf", full)
    with pytest.raises(ExportNotWritten) as refused:
        child_export.write(register, every_kind, out)
    assert str(refused.value) == (
        f"Nothing was exported: {out / 'whole-record-child-1-2026-11-27-170000.pdf'} could not be written, because "
        "the disk is full. Free some space, or choose another place, and export again."
    )
    assert list(out.iterdir()) == [] and _exports(register) == before


def test_the_access_log_names_the_child_and_a_second_export_keeps_the_first(register, every_kind, tmp_path):
    first = child_export.write(register, every_kind, tmp_path)
    ewo = open_register(register.path, Actor("Sam Okafor", "ewo"))
    second = child_export.write(ewo, every_kind, tmp_path)  # the same second of the same day
    ewo.close()
    assert second[0].name == "whole-record-child-1-2026-11-27-170000-2.json"
    assert json.loads(first[0].read_text())["registers"][0]["included"] is True  # the coordinator's, kept
    assert json.loads(second[0].read_text())["registers"][0]["included"] is False
    noted = register.db.execute(
        "SELECT child_id, what FROM access_log WHERE action = ? ORDER BY id", [access.EXPORTED]
    ).fetchall()
    assert [child for child, _ in noted] == [every_kind, every_kind]
    assert str(first[0]) in noted[0][1] and str(first[1]) in noted[0][1]


def test_an_ewo_gets_the_registers_it_reads_whole_and_is_told_what_is_left_out(register, every_kind, tmp_path):
    ewo = open_register(register.path, Actor("Sam Okafor", "ewo"))
    json_path, pdf_path = child_export.write(ewo, every_kind, tmp_path)
    ewo.close()
    held = json.loads(json_path.read_text())
    assert [(part["key"], part["included"]) for part in held["registers"]] == [
        ("missing", False),
        ("education", True),
        ("fostering", False),
    ]
    assert held["registers"][0]["tables"] == {}
    # Each record's history in full (the audit rows' records are read for the EWO only for tables they read whole).
    [case] = held["registers"][1]["tables"]["cme_cases"]
    assert case["history"][0]["action"] == "insert" and case["history"][0]["changes"]
    printed = text_of(pdf_path)
    assert "Left out: Missing from home or care, because your role (Education welfare officer) may not read" in printed
    assert WORDS["episode_notes"] not in printed and WORDS["enquiry_result"] in printed


@pytest.mark.parametrize("role", ["analyst", "board_reader", "administrator"])
def test_roles_that_may_not_name_children_are_refused(register, every_kind, tmp_path, role):
    other = open_register(register.path, Actor("Sam Tester", role))
    with pytest.raises(PermissionDenied):
        child_export.write(other, every_kind, tmp_path)
    other.close()
    assert not [p for p in tmp_path.iterdir() if "whole-record" in p.name]


def test_the_command_line_finds_the_child_by_case_system_id(tmp_path):
    path = tmp_path / "data" / DEMO_FILE
    register = open_register(path, Actor("Pat Manager", "manager"))
    people.save_child(register, people.Child("Zofia", "Kowalska", date(2012, 5, 1), "F", la_id="LA1"))
    register.close()
    out = tmp_path / "out"
    out.mkdir()
    command = [sys.executable, "-m", "register", "--data-dir", str(path.parent), "--demo", "--role", "coordinator"]
    done = subprocess.run(
        [*command, "export", "child", "LA1", "--out", str(out)], capture_output=True, text=True, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    written = sorted(p.name for p in out.iterdir())
    assert len(written) == 2 and written[0].endswith(".json") and written[1].endswith(".pdf")
    assert json.loads((out / written[0]).read_text())["child"]["fields"]["surname"] == "Kowalska"
    missing = subprocess.run([*command, "export", "child", "LA2", "--out", str(out)], capture_output=True, text=True)
    assert missing.returncode == 1 and "“LA2” names no child in the register" in missing.stderr


def test_a_demo_childs_records_say_they_were_made_together(tmp_path):
    path = tmp_path / "data" / DEMO_FILE
    register = open_register(path, Actor("Pat Manager", "manager"))
    demo.build(register, children=3, seed=1, episodes=6)
    json_path, pdf_path = child_export.write(register, 1, tmp_path)
    register.close()
    held = json.loads(json_path.read_text())
    assert held["child"]["history"][0]["action"] == "bulk insert"  # no insert row of its own
    assert "made with others at once (demo: 3 synthetic children (seed 1))" in text_of(pdf_path)
