"""A published copy hides counts of 1 to 4 and everything from which one could be worked out.

The reader here is an adversary: from the published CSV alone, and the totals the tables state (each
checked to hold in the unpublished figures), it works out every hidden cell it can, by combining the
totals (a hidden cell is fixed if its column of the totals' matrix is not a combination of the other
hidden cells' columns) and by the bounds each total puts on a small count.
"""

from __future__ import annotations

import csv
from fractions import Fraction

import pytest

from register import demo
from register.board import summary as measures
from register.board.figures_csv import write_figures_csv
from register.core import periods
from register.reports.board_pdf import write_board_summary
from tests.helpers.pdf import text_of

HIDDEN = ("<5", "*")


def rank(rows: list[list[Fraction]]) -> int:
    rows = [list(row) for row in rows if any(row)]
    found = 0
    for column in range(len(rows[0]) if rows else 0):
        pivot = next((r for r in range(found, len(rows)) if rows[r][column]), None)
        if pivot is None:
            continue
        rows[found], rows[pivot] = rows[pivot], rows[found]
        for r in range(len(rows)):
            if r != found and rows[r][column]:
                factor = rows[r][column] / rows[found][column]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[found], strict=True)]
        found += 1
    return found


def worked_out(shown: dict[tuple[str, str], str], equations) -> dict[tuple[str, str], str]:
    """Every hidden cell a reader can work out from the shown cells and the totals, with how."""
    hidden = sorted(cell for cell, text in shown.items() if text in HIDDEN)
    touching = [e for e in equations if any(cell in e for cell in hidden)]
    matrix = [[Fraction(e.get(cell, 0)) for cell in hidden] for e in touching]
    whole = rank(matrix)
    found = {}
    for column, cell in enumerate(hidden):
        others = [row[:column] + row[column + 1 :] for row in matrix]
        if rank(others) < whole:
            found[cell] = "from the totals"
    for equation in touching:  # a total less its shown parts, shared by hidden cells with bounds
        cells = [cell for cell in equation if cell in hidden]
        if [shown[cell] for cell in cells].count("<5") != 1:
            continue
        rest = -sum(k * int(shown[c].replace(",", "")) for c, k in equation.items() if c not in hidden)
        small = next(cell for cell in cells if shown[cell] == "<5")
        others = [cell for cell in cells if cell != small]
        if any(equation[cell] * equation[small] < 0 for cell in others):  # a hidden total: no upper bound
            continue
        # The small cell and the others are parts of a shown total: small = rest - the others, each at least 5.
        if abs(rest) - 5 * len(others) <= 1:
            found[small] = "from a total and the bounds"
    return found


def published(summary, tmp_path) -> dict[tuple[str, str], str]:
    path = tmp_path / "published.csv"
    write_figures_csv(summary, path, published=True)
    return {(row["key"], row["period"]): row["value"] for row in csv.DictReader(path.open(encoding="utf-8"))}


def unpublished(summary):
    return {cell: row.values[index] for cell, (row, index) in summary.cells().items()}


@pytest.fixture
def demo_register(register):
    # Seed 1 has a quarter whose CME referrals are four counts of 1 summing to 4 (all small, their total too).
    demo.build(register, 300, seed=1)
    return register


@pytest.mark.parametrize("key", ["2026-27-Q2", "2026-27-Q1", "2025-26-Q4", "2025-26"])
def test_no_hidden_figure_can_be_worked_out_from_the_published_copy(demo_register, tmp_path, key):
    period = periods.year(key) if key.count("-") == 1 else periods.quarter(key)
    summary = measures.summary(demo_register, period)
    values, equations = unpublished(summary), summary.equations()
    for equation in equations:  # every total stated holds
        assert sum(k * (values[cell] or 0) for cell, k in equation.items()) == 0, equation
    shown = published(summary, tmp_path)
    small = [
        cell for cell, value in values.items() if summary.cells()[cell][0].kind == "count" and value in (1, 2, 3, 4)
    ]
    assert small and all(shown[cell] in HIDDEN for cell in small)
    assert "*" in shown.values()  # some second cells were needed
    assert worked_out(shown, equations) == {}
    # A percentage or a rate of a hidden count is hidden too.
    for (key, period), (row, _) in summary.cells().items():
        if row.of and any(shown[(source, period)] in HIDDEN for source in row.of):
            assert shown[(key, period)] in HIDDEN + ("–",), key


def test_the_issues_example_is_closed(hand_built, tmp_path):
    """Episodes that ended by how long they lasted: shown as 7 = 3 + 1 + 2 + 1, each part under 5; and a
    total with one part hidden gives it away unless a second is hidden with it."""
    shown = published(hand_built, tmp_path)
    q = "2025-26-Q4"
    assert shown[("missing.ended.episodes", q)] == "7"
    parts = [
        shown[(f"missing.ended.duration.{d}", q)] for d in ("under_24_hours", "1_2_days", "3_7_days", "over_7_days")
    ]
    assert parts == ["<5"] * 4
    assert worked_out(shown, hand_built.equations()) == {}
    # The reader's method finds the cell when only the small one is hidden, as the old copy did.
    old = dict(shown)
    old.update({("missing.began.type.A", q): "1", ("missing.began.type.M", q): "6"})
    old[("missing.began.type.A", q)] = "<5"
    assert ("missing.began.type.A", q) in worked_out(old, hand_built.equations())


def test_the_published_pdf_hides_a_small_counts_share_and_is_marked_for_publication(hand_built, tmp_path):
    write_board_summary(hand_built, {}, tmp_path / "published.pdf", published=True)
    write_board_summary(hand_built, {}, tmp_path / "members.pdf")
    text, members = text_of(tmp_path / "published.pdf"), text_of(tmp_path / "members.pdf")
    # The hand-built equality table for the missing register: 1 girl and 2 boys, every one of them hidden.
    assert "Sex: Female <5 *" in text and "Sex: Female 1 33.3%" in members
    assert "OFFICIAL: FOR PUBLICATION" in text and "the published copy, for anyone to read" in text
    assert "not to be passed on" not in text and "OFFICIAL-SENSITIVE" not in text
    assert "not to be passed on" in members


def test_a_relation_whose_every_figure_is_small_gives_nothing_away():
    """Four counts of 1 and their total, 4: shown as "<5" each, a reader knows each part is at least 1, so
    the total is 4 and each part 1. Hidden with no bound ("*"), nothing can be worked out."""
    from register.core.disclosure import suppressed

    parts = [(f"referrals.{reason}", "q") for reason in "abcd"]
    total = ("referrals", "q")
    values = {**{cell: 1 for cell in parts}, total: 4}
    equations = [{total: 1, **{cell: -1 for cell in parts}}]
    marks = suppressed(values, values, equations)
    assert set(marks) == set(values)
    shown = {cell: marks.get(cell, str(value)) for cell, value in values.items()}
    assert worked_out(shown, equations) == {}
    assert set(marks.values()) == {"*"}
