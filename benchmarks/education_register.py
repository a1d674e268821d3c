"""Time the education register at the size the issue names: 50,000 CME cases, 250,000 enquiries
and 500,000 absence spells beside the 1,000,000-episode demo.

    python benchmarks/education_register.py [--data-dir DIR]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from common import FULL_DEMO, demo_register, fill_page, record, summary, timed

from register import Actor, open_register
from register.education.dashboard import dashboard as ewo_dashboard
from register.education.listing import CASES, CaseFilter


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path)
    arguments = parser.parse_args()
    folder = arguments.data_dir or Path(tempfile.mkdtemp(prefix="register-bench-"))
    path = demo_register(folder, *FULL_DEMO, target=90)

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    register = open_register(path, Actor("Ruth Okoye", "ewo"))
    counts = {table: register.db[table].count for table in ("cme_cases", "cme_enquiries", "absences")}
    print(", ".join(f"{table}: {count:,}" for table, count in counts.items()))
    from ui.main_window import MainWindow

    window = MainWindow(register, demo=True)
    window.show()
    app.processEvents()
    page = window.pages["cases"]
    table = page.table
    window.tabs.setCurrentWidget(page)

    def show(list_filter: CaseFilter) -> int:
        page.model.set_filter(list_filter)
        table.viewport().repaint()
        return page.model.rowCount()

    for label, case_filter in {
        "all cases": CaseFilter(status="all"),
        "open": CaseFilter(status="open"),
        "closed": CaseFilter(status="closed"),
        "whereabouts unknown": CaseFilter(status="all", whereabouts_known=False),
        "reason 9(1)(i)": CaseFilter(status="all", reason="deletion_i"),
        "officer Ruth Okoye": CaseFilter(status="all", officer="Ruth Okoye"),
        "outcome left the country": CaseFilter(status="all", outcome="left_country"),
        "search 'pop'": CaseFilter(status="all", search="pop"),
    }.items():
        seconds, count = timed(lambda case_filter=case_filter: show(case_filter))
        record(f"case list filter: {label} ({count:,} rows)", seconds, 0.3)
    show(CaseFilter(status="all"))
    total = page.model.rowCount()
    for column, (name, _) in enumerate(CASES.columns):
        for descending in (False, True):

            def sort(column=column, descending=descending) -> None:  # type: ignore[no-untyped-def]
                table.sortByColumn(column, Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder)
                table.viewport().repaint()

            record(f"case list sort by {name} {'descending' if descending else 'ascending'}", timed(sort)[0], 0.3)

        def to_end() -> None:
            table.scrollTo(page.model.index(total - 1, 0))
            table.viewport().repaint()

        record("  then scroll to the end", timed(to_end)[0], 0.3)

    seconds, board = timed(lambda: ewo_dashboard(register, "Ruth Okoye"))
    print(
        f"dashboard: {board.mine.total} mine, {board.open_total} open, {board.stale.total} stale, "
        f"{len(board.absence)} absence runs, {board.whereabouts_unknown.total} whereabouts unknown"
    )
    record("EWO dashboard figures", seconds, 0.5)

    page = window.pages["education"]
    window.tabs.setCurrentWidget(page)
    fill_page(app, page)
    record("EWO dashboard fills (figures and lists on screen)", timed(lambda: fill_page(app, page))[0], 0.5)
    register.close()
    return summary()


if __name__ == "__main__":
    sys.exit(main())
