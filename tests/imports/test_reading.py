"""Files as authorities really have them: what Excel and other tools write is read, and what is
malformed or contradicts the register is refused, naming the row, with nothing written."""

from datetime import date

import pytest

from register import check, people
from register.imports.spreadsheet import ImportRefused
from register.missing.import_csv import COLUMNS, import_missing
from tests.helpers.spreadsheets import write

HEADER = ",".join(COLUMNS)


def row(ref="LA0042", forenames="Ana", surname="Lopes", dob="14/02/2011", kind="M", started="03/06/2026 21:15", **rest):
    cells = [ref, forenames, surname, dob, "F", "WOTH", "N", kind, started, rest.get("ended", "")]
    cells += [rest.get("risk", ""), rest.get("police", ""), "", rest.get("outcome", ""), ""]
    return ",".join(cells)


def refusal(register, path):
    with pytest.raises(ImportRefused) as refused:
        import_missing(register, path)
    return [str(problem) for problem in refused.value.problems]


def stored(register, columns="started_at, ended_at"):
    return register.db.execute(f"SELECT {columns} FROM missing_episodes ORDER BY started_at").fetchall()


# ---- 5: identity conflicts ---------------------------------------------------------


def test_a_row_whose_child_ref_is_another_birth_date_in_the_register_is_refused_naming_both(register, tmp_path):
    import_missing(register, write(tmp_path, [row()], "first.csv"))
    others = [row(ref=f"LA00{n}", forenames="Kit", surname=f"Child{n}") for n in range(1, 6)]  # rows 2-6
    lines = [*others, row(dob="15/02/2011", started="10/06/2026 10:00")]  # row 7
    problems = refusal(register, write(tmp_path, lines, "second.csv"))
    assert problems == [
        "Row 7, child_ref: child_ref LA0042 is Ana Lopes born 14/02/2011 in the register; this row says "
        "15/02/2011. Correct the row, or the child's details in the register first"
    ]
    assert register.db["children"].count == 1 and register.db["missing_episodes"].count == 1


def test_a_name_that_differs_is_refused_and_one_that_folds_the_same_is_not(register, tmp_path):
    import_missing(register, write(tmp_path, [row(ended="04/06/2026 10:00")], "first.csv"))
    problems = refusal(register, write(tmp_path, [row(forenames="Anna", started="10/06/2026 10:00")], "2.csv"))
    assert problems == [
        "Row 2, child_ref: child_ref LA0042 is Ana Lopes born 14/02/2011 in the register; this row says Anna "
        "Lopes. Correct the row, or the child's details in the register first"
    ]
    summary = import_missing(register, write(tmp_path, [row(forenames="ANÁ", started="10/06/2026 10:00")], "3.csv"))
    assert summary.counts == {"children already in the register": 1, "episodes added": 1}


def test_two_rows_of_one_file_giving_one_child_ref_two_children_are_refused(register, tmp_path):
    lines = [row(), row(forenames="Anna", dob="15/02/2011", started="10/06/2026 10:00")]
    assert refusal(register, write(tmp_path, lines)) == [
        "Row 3, child_ref: child_ref LA0042 is Ana Lopes born 14/02/2011 in row 2; this row says Anna Lopes born "
        "15/02/2011. Correct the row, or the child's details in the register first"
    ]
    assert register.db["children"].count == 0


def test_check_reports_children_who_may_be_one_child_recorded_twice(register):
    people.save_child(register, people.Child("Łucja", "Wiśniewska", date(2014, 7, 7), "F", la_id="A1"))
    people.save_child(register, people.Child("Lucja", "Wisniewska", date(2014, 7, 7), "F"))
    people.save_child(register, people.Child("Lucja", "Wisniewska", date(2014, 7, 8), "F"))  # another birthday
    found = [problem for problem in check.problems(register) if "recorded twice" in problem]
    assert found == [
        "Children who may be one child recorded twice (same name and date of birth): Łucja Wiśniewska (born "
        "07/07/2014), id 1, child_ref A1; Lucja Wisniewska (born 07/07/2014), id 2"
    ]


# ---- 6: malformed rows --------------------------------------------------------------


def test_a_row_with_more_cells_than_the_header_is_refused_naming_it(register, tmp_path):
    lines = [row(), row(ref="LA0043", forenames="Kit") + ",Smith, John"]  # an unquoted comma in a note
    assert refusal(register, write(tmp_path, lines)) == [
        "Row 3, row: this row has 17 cells but the header names 15 columns (“Smith” is beyond the last column): "
        "a comma inside a cell that is not in quotes splits it in two"
    ]
    assert register.db["children"].count == 0
    # Empty cells beyond the last column, as Excel pads a row, are nothing.
    assert import_missing(register, write(tmp_path, [row() + ",,"], "padded.csv")).rows == 1


def test_a_start_without_its_type_is_refused_not_taken_as_m(register, tmp_path):
    assert refusal(register, write(tmp_path, [row(kind="")])) == [
        "Row 2, type: the type is needed: M (missing) or A (away from placement without authorisation)"
    ]
    assert register.db["missing_episodes"].count == 0


# ---- 7 and 4: times with a zone, and the clock changes ----------------------------------


def test_a_time_with_z_or_an_offset_is_exactly_that_instant(register, tmp_path):
    # Worked by hand: 3 June 2026 is in BST (UTC+1). 21:15Z is 22:15 on the wall; 22:15+01:00 is 21:15Z;
    # 2026-06-05T08:00:00-04:00 is 12:00Z. Read as wall-clock times they would be an hour (or five) out.
    lines = [
        row(started="2026-06-03T21:15:00Z", ended="2026-06-04T09:00:00+01:00"),
        row(started="2026-06-05T08:00:00-04:00", ended="2026-06-05 13:00:00Z"),
    ]
    import_missing(register, write(tmp_path, lines))
    assert stored(register) == [
        ("2026-06-03T21:15:00Z", "2026-06-04T08:00:00Z"),
        ("2026-06-05T12:00:00Z", "2026-06-05T13:00:00Z"),
    ]


def test_the_hour_that_happens_twice_is_read_when_a_cell_says_which(register, tmp_path):
    # Worked by hand: on 25/10/2026 01:45 BST is 00:45 UTC and 01:30 GMT is 01:30 UTC, 45 minutes later.
    import_missing(register, write(tmp_path, [row(started="25/10/2026 01:45 BST", ended="25/10/2026 01:30 GMT")]))
    assert stored(register) == [("2026-10-25T00:45:00Z", "2026-10-25T01:30:00Z")]


def test_a_repeated_time_without_its_clock_and_a_time_lost_in_spring_are_refused(register, tmp_path):
    lines = [row(started="25/10/2026 01:30"), row(ref="LA0043", forenames="Kit", started="29/03/2026 01:00")]
    problems = refusal(register, write(tmp_path, lines))
    assert problems == [
        "Row 2, started: 01:30 on 25/10/2026 happened twice in England (the clocks went back): say which, 01:30 "
        "BST (the first) or 01:30 GMT (the second, an hour later)",
        "Row 3, started: 01:00 on 29/03/2026 did not happen in England: the clocks went forward from 01:00 to "
        "02:00 that night",
    ]
    # Their edges are read: 00:59 and 02:00 on both nights happened once.
    edges = [
        row(started="25/10/2026 00:59", ended="25/10/2026 02:00"),
        row(ref="LA0043", forenames="Kit", started="29/03/2026 00:59", ended="29/03/2026 02:00"),
    ]
    import_missing(register, write(tmp_path, edges, "edges.csv"))
    assert stored(register) == [
        ("2026-03-29T00:59:00Z", "2026-03-29T01:00:00Z"),
        ("2026-10-24T23:59:00Z", "2026-10-25T02:00:00Z"),
    ]


# ---- 8: what Excel and other tools write ----------------------------------------------


def test_rows_of_only_commas_at_the_end_are_skipped(register, tmp_path):
    summary = import_missing(register, write(tmp_path, [row(), ",,,,,,,,,,,,,,", ",,,,,,,,,,,,,,"]))
    assert summary.rows == 1 and register.db["missing_episodes"].count == 1


@pytest.mark.parametrize(
    ("encoding", "separator"), [("utf-16", "\t"), ("cp1252", ","), ("utf-8", ";"), ("utf-8", "\t"), ("utf-8-sig", ",")]
)
def test_unicode_text_windows_1252_and_other_separators_are_read(register, tmp_path, encoding, separator):
    lines = [HEADER, row(forenames="Zoë", surname="Brontë"), row(ref="LA0043", forenames="Chloé", surname="Ngô")]
    if encoding == "cp1252":
        lines[2] = row(ref="LA0043", forenames="Chloé", surname="Nagy")  # ô is in Windows-1252, ơ would not be
    path = tmp_path / "file.csv"
    path.write_bytes(("\r\n".join(line.replace(",", separator) for line in lines) + "\r\n").encode(encoding))
    import_missing(register, path)
    names = register.db.execute("SELECT forenames, surname FROM children ORDER BY la_id").fetchall()
    assert names[0] == ("Zoë", "Brontë") and names[1][0] == "Chloé"


def test_a_file_mixing_utf8_and_windows_1252_is_refused_naming_the_first_row_that_does_not_decode(register, tmp_path):
    path = tmp_path / "mixed.csv"
    utf8 = (HEADER + "\r\n" + row(forenames="Zoë") + "\r\n").encode("utf-8")
    pasted = (row(ref="LA0043", forenames="Chloé", started="10/06/2026 10:00") + "\r\n").encode("cp1252")
    path.write_bytes(utf8 + pasted)
    [problem] = refusal(register, path)
    assert problem.startswith("Row 3, file: row 3 is not in the same encoding as row 2 (the file mixes UTF-8 and")
    assert register.db["children"].count == 0
    assert register.db.execute("SELECT count(*) FROM children WHERE forenames LIKE '%Ã%'").fetchone()[0] == 0


def test_seconds_a_date_cell_with_its_midnight_and_blank_like_cells_are_read(register, tmp_path):
    line = row(dob="2011-02-14 00:00:00", started="03/06/2026 9:05:00", risk="N/A", police="-", outcome="n/k")
    import_missing(register, write(tmp_path, [line]))
    # 09:05 BST on 3 June 2026 is 08:05 UTC.
    assert stored(register, "started_at, risk_grade, police_reference") == [("2026-06-03T08:05:00Z", None, None)]
    assert register.db.execute("SELECT dob FROM children").fetchone()[0] == "2011-02-14"
    assert register.db["return_interviews"].count == 0
    problems = refusal(register, write(tmp_path, [row(dob="2011-02-14 10:30:00", ref="LA0043")], "time.csv"))
    assert problems == ["Row 2, dob: “2011-02-14 10:30:00” is not a date: write it as DD/MM/YYYY"]
