"""The statutory returns from the Reports page: preview the 903's rows and its problems, then save it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import openpyxl
from PySide6.QtWidgets import QApplication, QFileDialog

from register import Actor, open_register, people
from register.core import codes
from register.missing.records import Episode, save_episode
from tests.helpers.values import at
from tests.helpers.widgets import choose
from ui.reports.returns_dialog import ReturnsDialog
from ui.shell import msgbox


def test_the_coordinator_previews_the_903_sees_a_child_without_a_reference_and_saves_once_put_right(
    qtbot, window, register, answered, monkeypatch, tmp_path
):
    child = people.save_child(register, people.Child("Gita", "Rao", date(2012, 1, 1), "F", looked_after=True))
    placed = {"looked_after": True, "looked_after_by": "this"}
    save_episode(register, Episode(child.id, "M", at("01/05/2025 10:00"), ended_at=at("01/05/2025 12:00"), **placed))
    page = window.pages["reports"]
    window.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.buttons["returns"].isEnabled(), timeout=15000)  # once the figures are worked out
    page.buttons["returns"].click()
    dialog = next(widget for widget in QApplication.topLevelWidgets() if isinstance(widget, ReturnsDialog))
    choose(dialog.kind, "SSDA903 Missing table (CSV)")
    assert dialog.when.text() == "2025-26"  # the last whole collection year on 27 November 2026
    dialog.preview_button.click()
    assert dialog.table.rowCount() == 1
    assert [dialog.table.item(0, column).text() for column in range(5)] == [
        "",
        "01/01/2012",
        "M",
        "01/05/2025",
        "01/05/2025",
    ]
    assert "Rule CHILD: Gita Rao has no case system id" in dialog.problems.text()

    out = tmp_path / "903.csv"
    monkeypatch.setattr(
        msgbox, "choose_file_to_save", lambda parent, title, suggested, filters, chosen: chosen(str(out))
    )
    dialog.save_button.click()
    assert answered[-1][0] == "The return was not saved" and "rule CHILD: Gita Rao" in answered[-1][1]
    assert not out.exists()

    people.save_child(register, replace(people.get_child(register, child.id), la_id="LA7"))
    dialog.save_button.click()
    assert answered[-1] == ("Return saved", f"Wrote 1 row to {out}.")
    assert out.read_text() == "CHILD,DOB,MISSING,MIS_START,MIS_END\nLA7,01/01/2012,M,01/05/2025,01/05/2025\n"
    dialog.close()


def test_only_the_returns_the_role_may_produce_are_offered(qtbot, register):
    offered = {}
    for role in ("coordinator", "ewo", "manager"):
        other = open_register(register.path, Actor("Sam Tester", role))
        dialog = ReturnsDialog(other)
        qtbot.addWidget(dialog)
        offered[role] = [dialog.kind.itemText(index) for index in range(dialog.kind.count())]
        dialog.close()
        other.close()
    assert offered == {
        "coordinator": ["SSDA903 Missing table (CSV)", "Ofsted Annex A List 8"],
        "ewo": ["Termly CME return"],
        "manager": ["SSDA903 Missing table (CSV)", "Ofsted Annex A List 8", "Termly CME return"],
    }


def test_a_name_typed_without_an_extension_gets_the_chosen_types(qtbot, register, answered, tmp_path):
    dialog = ReturnsDialog(register)
    qtbot.addWidget(dialog)
    choose(dialog.kind, "Termly CME return")
    dialog.when.setText("autumn-2026")
    dialog.save_button.click()
    saving = dialog.findChild(QFileDialog)
    saving.selectNameFilter("Excel workbook (*.xlsx)")
    saving.selectFile(str(tmp_path / "cme"))
    saving.accept()
    # All, each sex, each of 13 year groups, each of 4 lengths, each reason, and the year's: every category
    rows = 1 + len(codes.SEXES) + 13 + 4 + len(codes.CME_REASONS) + 1
    assert answered[-1] == ("Return saved", f"Wrote {rows} rows to {tmp_path / 'cme.xlsx'}.")
    assert openpyxl.load_workbook(tmp_path / "cme.xlsx").sheetnames == ["CME return"]
    dialog.close()
