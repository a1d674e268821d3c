"""Disclosure control for a published copy of the board's figures: which cells to hide.

Counts of 1 to 4 are hidden ("primary" suppression). A hidden count could still be worked out from
what is shown: from a total (the parts of a total are shown, so the one hidden is the total less the
others), from several totals together, or from the bounds a reader knows (a count shown as "<5" is 1
to 4; a count hidden for another's sake is never 0 or below 5, since only such are chosen). So, while
any hidden cell can be worked out, one more is hidden beside it, the smallest count that is not
nought of a relation it is in ("secondary" suppression). Where every figure of a relation is hidden
and the "<5" marks alone still give one away (four counts of 1 and their total, 4), those counts are
shown as "*" instead, which tells no bound. A figure worked out from a hidden count (a percentage, a
rate) is hidden with it. The rule: the Office for National Statistics' and the
Government Statistical Service's guidance on disclosure control of tables (primary and secondary
suppression); the threshold 5 is the authority's.

The relations are linear equations over cells (a figure's key and its period's key), each a mapping
of cell to its whole-number coefficient whose sum with the values is nought.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from fractions import Fraction

SMALL = 5  # counts of 1 to SMALL - 1 are hidden
Cell = tuple[str, str]  # (figure key, period key)
Equation = Mapping[Cell, int]
PRIMARY, SECONDARY = f"<{SMALL}", "*"  # as a hidden count is shown; a hidden percentage or rate is "*" too


def suppressed(
    values: Mapping[Cell, float | None], counts: Iterable[Cell], equations: list[Equation]
) -> dict[Cell, str]:
    """The counts to hide, each with how it is shown (PRIMARY or SECONDARY), given every cell's value,
    the cells that are counts, and the relations the tables state."""
    small = {cell for cell in counts if values.get(cell) and 0 < (values[cell] or 0) < SMALL}
    hidden = set(small)
    equations = [equation for equation in equations if all(cell in values for cell in equation)]
    while found := worked_out(values, small, hidden, equations):
        cell = min(found)
        near = [equation for equation in equations if cell in equation] or equations
        # A part before a total (a total stands in several relations, and hiding it spreads), the smallest first.
        candidates = [
            (values[other] == 0, sum(other in e for e in equations), values[other], other)
            for equation in near
            for other in equation
            if other not in hidden and values[other] is not None
        ]
        if not candidates:
            # Everything beside it is hidden already, yet the "<5" marks give it away (four counts of 1 and
            # their total of 4: each part is at least 1, so the total is 4 and each part 1). Those marks go:
            # the small counts there are shown as "*", which tells no bound.
            vague = {other for equation in near for other in equation if other in small}
            if not vague:
                raise RuntimeError(f"No figure left to hide beside {cell}: the relations stated cannot all hold")
            small -= vague
            continue
        hidden.add(min(candidates)[-1])
    return {cell: PRIMARY if cell in small else SECONDARY for cell in hidden}


def worked_out(
    values: Mapping[Cell, float | None], small: set[Cell], hidden: set[Cell], equations: list[Equation]
) -> set[Cell]:
    """The hidden cells a reader could work out exactly from the shown cells and the equations: by
    combining equations (linear algebra), or from the bounds of the hidden cells (a small one is 1 to 4,
    another is at least SMALL, or nought if it is nought)."""
    touching = [equation for equation in equations if any(cell in hidden for cell in equation)]
    found = _by_elimination(hidden, touching)
    return found | _by_bounds(values, small, hidden, touching)


def _by_elimination(hidden: set[Cell], equations: list[Equation]) -> set[Cell]:
    """Cells fixed by the equations alone: those whose own row is in the reduced row echelon form of the
    equations restricted to the hidden cells (the shown cells only move the constant)."""
    cells = sorted(hidden)
    index = {cell: number for number, cell in enumerate(cells)}
    rows = []
    for equation in equations:
        row = [Fraction(0)] * len(cells)
        for cell, coefficient in equation.items():
            if cell in index:
                row[index[cell]] += coefficient
        if any(row):
            rows.append(row)
    pivot_row = 0
    for column in range(len(cells)):
        chosen = next((r for r in range(pivot_row, len(rows)) if rows[r][column] != 0), None)
        if chosen is None:
            continue
        rows[pivot_row], rows[chosen] = rows[chosen], rows[pivot_row]
        lead = rows[pivot_row][column]
        rows[pivot_row] = [value / lead for value in rows[pivot_row]]
        for other in range(len(rows)):
            if other != pivot_row and rows[other][column] != 0:
                factor = rows[other][column]
                rows[other] = [a - factor * b for a, b in zip(rows[other], rows[pivot_row], strict=True)]
        pivot_row += 1
    alone = [row for row in rows[:pivot_row] if sum(1 for value in row if value != 0) == 1]
    return {cells[next(column for column, value in enumerate(row) if value != 0)] for row in alone}


def _by_bounds(
    values: Mapping[Cell, float | None], small: set[Cell], hidden: set[Cell], equations: list[Equation]
) -> set[Cell]:
    """Cells whose bounds, narrowed equation by equation until nothing changes, leave one whole number."""
    low: dict[Cell, float] = {}
    high: dict[Cell, float] = {}
    for cell in hidden:
        if cell in small:
            low[cell], high[cell] = 1, SMALL - 1
        else:
            # A nought is hidden only when nothing else is left; the reader cannot tell it from SMALL or more.
            low[cell], high[cell] = (0, math.inf) if values[cell] == 0 else (SMALL, math.inf)
    for _ in range(50):
        changed = False
        for equation in equations:
            constant = sum(
                coefficient * (values[cell] or 0) for cell, coefficient in equation.items() if cell not in hidden
            )
            for cell, coefficient in equation.items():
                if cell not in hidden:
                    continue
                # coefficient * cell = -(constant + the other hidden terms)
                least = most = -constant
                for other, weight in equation.items():
                    if other in hidden and other != cell:
                        terms = (weight * low[other], weight * high[other])
                        least -= max(terms)
                        most -= min(terms)
                bounds = sorted((least / coefficient, most / coefficient))
                new_low = max(low[cell], _whole(bounds[0], math.ceil))
                new_high = min(high[cell], _whole(bounds[1], math.floor))
                if (new_low, new_high) != (low[cell], high[cell]) and new_low <= new_high:
                    low[cell], high[cell], changed = new_low, new_high, True
        if not changed:
            break
    return {cell for cell in hidden if low[cell] == high[cell]}


def _whole(bound: float, rounded: Callable[[float], int]) -> float:
    """A bound rounded to a whole number inwards (a count is whole), past the rounding of a division."""
    return bound if math.isinf(bound) else rounded(bound - 1e-9 if rounded is math.ceil else bound + 1e-9)
