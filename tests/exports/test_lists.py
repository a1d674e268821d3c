"""A list as a spreadsheet: the rows as filtered and sorted on screen, every page, with text that a
spreadsheet would run kept as text."""

from __future__ import annotations

import csv
from datetime import date

import openpyxl
import pytest

from register import people
from register.exports import lists, sheets
from register.missing.listing import EpisodeFilter
from register.missing.records import Episode, save_episode
from tests.helpers.values import at

DANGEROUS = ["=1+1", "+44 7700 900000", "-2", "@SUM(A1)", "\tTabbed", "\rReturned"]


def test_every_dangerous_beginning_is_written_as_text_in_a_workbook_and_a_csv(tmp_path):
    book, text = tmp_path / "t.xlsx", tmp_path / "t.csv"
    rows = [[value, 5, date(2026, 3, 31)] for value in [*DANGEROUS, "Plain"]]
    sheets.write_workbook(book, [("T", ["value", "n", "day"], rows)])
    sheets.write_csv(text, ["value", "n", "day"], rows)
    cells = list(openpyxl.load_workbook(book)["T"].iter_rows(min_row=2))
    assert [(row[0].value, row[0].data_type, row[0].quotePrefix) for row in cells] == [
        *((value, "s", True) for value in DANGEROUS[:-1]),
        ("_x000d_Returned", "s", True),  # Excel's escape for a carriage return, which XML would read as a new line
        ("Plain", "s", False),
    ]
    assert {(row[1].value, row[1].data_type) for row in cells} == {(5, "n")}
    with text.open(encoding="utf-8-sig", newline="") as handle:
        read = list(csv.reader(handle))[1:]
    assert [row[0] for row in read] == [*(f"'{value}" for value in DANGEROUS), "Plain"]
    assert {tuple(row[1:]) for row in read} == {("5", "31/03/2026")}


@pytest.fixture
def episodes(register, now):
    names = [('=HYPERLINK("http://example.invalid","Click")', "Zed"), ("Sam", "Ng"), ("Sam", "Adeyemi")]
    for number, (forenames, surname) in enumerate(names):
        child = people.save_child(register, people.Child(forenames, surname, date(2012, 1, 1 + number), "M"))
        save_episode(
            register,
            Episode(
                child.id, "M", at(f"0{1 + number}/11/2026 10:00"), ended_at=None if number else at("01/11/2026 12:00")
            ),
        )
    return register


def test_the_episode_list_as_sorted_and_filtered_with_a_formula_in_a_name_kept_as_text(episodes, now, tmp_path):
    out = tmp_path / "episodes.xlsx"
    written = lists.write_list(episodes, "episodes", EpisodeFilter(status="open"), 0, True, now, out)
    assert written == 2  # the closed episode is filtered out
    rows = list(openpyxl.load_workbook(out)["Missing episodes"].iter_rows(values_only=True))
    assert rows[0][:4] == ("Child", "Born", "Type", "Last seen")
    assert [row[0] for row in rows[1:]] == ["Sam Ng", "Sam Adeyemi"]  # surname descending
    every = tmp_path / "all.csv"
    lists.write_list(episodes, "episodes", EpisodeFilter(), 0, False, now, every)
    with every.open(encoding="utf-8-sig", newline="") as handle:
        names = [row[0] for row in list(csv.reader(handle))[1:]]
    assert names == ["Sam Adeyemi", "Sam Ng", '\'=HYPERLINK("http://example.invalid","Click") Zed']


def test_more_rows_than_a_page_are_all_written(register, now, tmp_path, monkeypatch):
    monkeypatch.setattr(lists, "PAGE", 2)
    for day in range(1, 6):
        child = people.save_child(register, people.Child("Kid", f"Number{day}", date(2012, 1, day), "F"))
        save_episode(
            register, Episode(child.id, "M", at(f"0{day}/11/2026 10:00"), ended_at=at(f"0{day}/11/2026 11:00"))
        )
    out = tmp_path / "all.csv"
    assert lists.write_list(register, "episodes", EpisodeFilter(), 3, False, now, out) == 5
    with out.open(encoding="utf-8-sig", newline="") as handle:
        assert [row[0] for row in list(csv.reader(handle))[1:]] == [f"Kid Number{day}" for day in range(1, 6)]
