"""The words a coordinator reads: counts that agree, one name for type A, labels in her terms, and file
dialogs that start in her Documents folder."""

from __future__ import annotations

import ast
from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from register import missing
from register.core.words import counted
from register.imports.spreadsheet import ImportRefused, RowProblem
from tests.helpers.values import at
from tests.helpers.widgets import last_dialog
from ui.shell import msgbox

ROOT = Path(__file__).resolve().parents[3]
AWAY = "Away from placement without authorisation"


def test_counts_agree_with_their_nouns():
    assert [counted(n, "problem") for n in (0, 1, 2)] == ["0 problems", "1 problem", "2 problems"]
    assert counted(1, "enquiry", "enquiries") == "1 enquiry" and counted(3, "enquiry", "enquiries") == "3 enquiries"
    one = ImportRefused([RowProblem(2, "dob", "not a date")])
    two = ImportRefused([RowProblem(2, "dob", "not a date"), RowProblem(3, "sex", "not a sex")])
    assert str(one).startswith("Nothing was imported: 1 problem to put right first.")
    assert str(two).startswith("Nothing was imported: 2 problems to put right first.")


def test_no_text_of_the_program_says_s_in_brackets():
    """Every string the program holds, read by Python's parser: none hedges its plural with "(s)"."""
    found = []
    for path in [*ROOT.glob("register/**/*.py"), *ROOT.glob("ui/**/*.py"), *ROOT.glob("*.py")]:
        if path.name == "words.py":  # its docstring names what it prevents
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and "(s)" in node.value:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value[:60]}")
    assert found == []


def test_type_a_has_one_name_on_every_screen(qtbot, window, register, child):
    record = window.open_child(child.id)
    record.buttons["episode"].click()
    form = last_dialog(record)
    assert [form.type.itemText(i) for i in range(form.type.count())] == ["Missing", AWAY]
    form.reject()
    problems = missing.episode_problems(
        missing.Episode(child.id, "A", at("26/11/2026 22:15")), child, [], at("27/11/2026 17:00")
    )
    assert problems["type"].startswith(f"{AWAY} (A) is only for a looked after child")
    missing.save_episode(
        register,
        missing.Episode(child.id, "A", at("26/11/2026 22:15"), looked_after=True, looked_after_by="this"),
    )
    record.refresh()
    assert any(f"{AWAY} (A)" in record.chronology.item(row, 1).text() for row in range(record.chronology.rowCount()))


def test_the_cme_form_asks_for_a_reason_in_a_coordinators_words(qtbot, window, child):
    record = window.open_child(child.id)
    record.buttons["case"].click()
    form = last_dialog(record)
    label = form.form.labelForField(form.school_age_note.parentWidget())
    assert label.text().replace("&", "") == "Reason if outside compulsory school age"
    form.reject()


def test_file_dialogs_start_in_the_documents_folder(qtbot, window, child, tmp_path, monkeypatch):
    documents = tmp_path / "home" / "Documents"
    documents.mkdir(parents=True)
    monkeypatch.setattr(msgbox, "documents_folder", lambda: documents)
    record = window.open_child(child.id)
    record.buttons["pdf"].click()
    saving = next(dialog for dialog in record.findChildren(QFileDialog) if dialog.isVisible())
    assert Path(saving.directory().absolutePath()) == documents
    assert saving.selectedFiles()[0].endswith("chronology-Zofia-Kowalska.pdf")
    saving.reject()
    opening = msgbox.choose_file_to_open(window, "Import a spreadsheet", "CSV files (*.csv)", lambda chosen: None)
    assert Path(opening.directory().absolutePath()) == documents
    opening.reject()
