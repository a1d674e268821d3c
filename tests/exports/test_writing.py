"""What every export shares: a file that cannot be put in place leaves no audit or access row and is said in
words naming the file asked for; the format follows the file's extension; a period that has not begun is
refused; a role is refused for its role before anything is looked up."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import openpyxl
import pytest

from register import Actor, demo, open_register, people
from register.core import periods
from register.core.db import DEMO_FILE
from register.exports import annex_a, cme_return, ssda903
from register.exports.writing import ExportNotWritten
from tests.helpers.writer import ROOT

CENSUS = date(2026, 10, 1)  # before the tests' today, 27 November 2026


def _noted(register) -> tuple[int, int]:
    audited = register.db.execute("SELECT count(*) FROM audit_log WHERE action = 'export'").fetchone()[0]
    return audited, register.db.execute("SELECT count(*) FROM access_log").fetchone()[0]


def test_a_file_that_cannot_be_put_in_place_leaves_no_audit_or_access_row(register, tmp_path):
    people.save_child(register, people.Child("Gita", "Rao", date(2012, 1, 1), "F", looked_after=True))
    out = tmp_path / "sub.xlsx"
    out.mkdir()  # a folder has the name asked for
    with pytest.raises(ExportNotWritten) as refused:
        annex_a.write(register, CENSUS, out)
    assert str(refused.value) == (
        f"Nothing was exported: {out} could not be written, because a folder of that name is already there. "
        "Give another name and export again."
    )
    assert _noted(register) == (0, 0)
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_the_command_line_names_the_file_asked_for_in_words(tmp_path):
    path = tmp_path / "data" / DEMO_FILE
    open_register(path, Actor("Pat Manager", "manager")).close()
    command = [sys.executable, "-m", "register", "--data-dir", str(path.parent), "--demo", "--role", "coordinator"]
    done = subprocess.run(
        [*command, "export", "annex-a", "--date", "2026-10-01", "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 2
    assert done.stderr.strip() == (
        f"Nothing was written: {tmp_path} does not end in .xlsx or .csv, and this export is written only as an "
        "Excel workbook or CSV. Give the file a name ending in .xlsx or .csv."
    )
    folder = tmp_path / "sub.csv"
    folder.mkdir()
    done = subprocess.run(
        [*command, "export", "annex-a", "--date", "2026-10-01", "--out", str(folder)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr and ".part" not in done.stderr
    assert done.stderr.strip() == (
        f"Nothing was exported: {folder} could not be written, because a folder of that name is already there. "
        "Give another name and export again."
    )
    reader = open_register(path, Actor("Pat Manager", "manager"))
    assert _noted(reader) == (0, 0)
    reader.close()


def test_the_format_follows_the_extension_and_one_it_cannot_have_is_refused(register, tmp_path):
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    table = ssda903.missing_table(register, periods.year("2025-26"))
    with pytest.raises(ValueError, match=r"x\.xlsx does not end in \.csv, and this export is written only as CSV"):
        ssda903.write(register, table, tmp_path / "x.xlsx")
    with pytest.raises(ValueError, match=r"a\.pdf does not end in \.xlsx or \.csv"):
        annex_a.write(register, CENSUS, tmp_path / "a.pdf")
    with pytest.raises(ValueError, match=r"return does not end in \.xlsx or \.csv"):
        cme_return.write(register, cme_return.term("autumn-2026"), tmp_path / "return")
    assert list(tmp_path.iterdir()) == []
    annex_a.write(register, CENSUS, tmp_path / "a.XLSX")
    assert openpyxl.load_workbook(tmp_path / "a.XLSX").sheetnames == ["List 8"]
    cme_return.write(register, cme_return.term("autumn-2026"), tmp_path / "cme.xlsx")
    assert openpyxl.load_workbook(tmp_path / "cme.xlsx").sheetnames == ["CME return"]
    assert ssda903.write(register, table, tmp_path / "903.csv") == 0
    assert _noted(register)[0] == 3


def test_a_period_that_has_not_begun_is_refused(register):
    # Today is 27 November 2026: the year 2026-27 has begun, 2027-28 has not.
    assert ssda903.missing_table(register, periods.year("2026-27")).rows == []
    with pytest.raises(ValueError, match=r"The collection year 2027-28 has not begun \(it begins on 01/04/2027\)"):
        ssda903.missing_table(register, periods.year("2027-28"))
    assert annex_a.list_8(register, date(2026, 11, 27)) == []
    with pytest.raises(ValueError, match="The census date 28/11/2026 has not come yet"):
        annex_a.list_8(register, date(2026, 11, 28))
    assert cme_return.figures(register, cme_return.term("autumn-2026"))[0] == (
        "Missing education on the census date",
        "All",
        0,
    )
    # Spring 2027's census is the third Thursday of January 2027: 21 January.
    with pytest.raises(ValueError, match="The spring 2027 census date, 21/01/2027, has not come yet"):
        cme_return.figures(register, cme_return.term("spring-2027"))


def test_an_analyst_asking_for_a_whole_record_is_refused_for_the_role(tmp_path):
    path = tmp_path / "data" / DEMO_FILE
    open_register(path, Actor("Pat Manager", "manager")).close()
    done = subprocess.run(
        [sys.executable, "-m", "register", "--data-dir", str(path.parent), "--demo", "--role", "analyst"]
        + ["export", "child", "LA404", "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 1
    assert done.stderr.startswith("Your role (Analyst) may not export a child's whole record.")
    assert "names no child" not in done.stderr


FULL_DISK = """
import resource, signal, sys
from datetime import date
from register import Actor, RegisterError, open_register
from register.exports import annex_a, pseudonymised
register = open_register(sys.argv[1], Actor("Pat Manager", "manager"))
register.db.execute("SELECT count(*) FROM children").fetchone()
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a file may grow no further: as a full disk, EFBIG not ENOSPC
resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
for out, write in ((sys.argv[2], pseudonymised.write), (sys.argv[3], lambda r, p: annex_a.write(r, date(2026, 10, 1), p))):
    try:
        write(register, out)
    except RegisterError as error:
        print(error)
"""


def test_a_file_too_big_for_the_disk_is_said_in_words(tmp_path):
    register = open_register(tmp_path / "register.sqlite", Actor("Pat Manager", "manager"))
    demo.build(register, children=40, seed=3)
    register.close()
    out = tmp_path / "out"
    out.mkdir()
    extract, workbook = out / "extract.sqlite", out / "list8.xlsx"
    done = subprocess.run(
        [sys.executable, "-c", FULL_DISK, str(tmp_path / "register.sqlite"), str(extract), str(workbook)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0 and done.stderr == "", done.stderr  # no traceback, no noise from a zip file
    assert done.stdout.splitlines() == [
        f"Nothing was exported: {extract} could not be written, because the disk refused it (disk I/O error). "
        "Free some space, or choose another place, and export again.",  # SQLite's words for a file too big
        f"Nothing was exported: {workbook} could not be written, because the file would be larger than this "
        "disk allows. Choose another place and export again.",
    ]
    assert list(out.iterdir()) == []


def test_the_access_log_to_a_folder_is_refused_in_words(tmp_path):
    path = tmp_path / "data" / DEMO_FILE
    open_register(path, Actor("Pat Manager", "manager")).close()
    folder = tmp_path / "log.csv"
    folder.mkdir()
    done = subprocess.run(
        [sys.executable, "-m", "register", "--data-dir", str(path.parent), "--demo", "--role", "manager"]
        + ["access-log", "--out", str(folder)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 1
    assert done.stderr.strip() == (
        f"Nothing was exported: {folder} could not be written, because a folder of that name is already there. "
        "Give another name and export again."
    )
