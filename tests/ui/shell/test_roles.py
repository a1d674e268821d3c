"""The window as each role sees it: pages of registers the role may not read are not made, what would change
what it may not change is not offered, what is hidden from it is left out, an analyst reads no names, a
board reader reads the kept summaries only, a refusal that still happens is said in words, and the demo
register's Role menu reopens it as another role. The register refuses all of it anyway
(tests/core/test_permissions.py); these hold the window to the same table."""

from __future__ import annotations

import logging
from datetime import date

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QLabel

from register import Actor, education, fostering, missing, open_register, people
from register.board import summary as measures
from register.core import periods
from register.core.db import DEMO_FILE
from register.core.errors import PermissionDenied
from tests.helpers.values import at
from tests.helpers.widgets import last_dialog, settled, windows_on
from ui import app
from ui.missing.dashboard import DashboardPage
from ui.shell import unexpected
from ui.shell.tables import ListTable

PLACE, FOUND, NOTE, HARM = "Bus station", "Kebab shop on Mill Road", "Said she was with an older man", "Given alcohol"


@pytest.fixture
def filled(tmp_path, now):
    """A register, written by a manager, holding Zofia with an episode in July to September 2026 (where she was
    last seen and found, notes), its return interview (harm disclosed), a CME case and a private fostering
    arrangement."""
    path = tmp_path / "register.sqlite"
    register = open_register(path, Actor("Pat Manager", "manager"))
    zofia = people.save_child(
        register, people.Child("Zofia", "Kowalska", date(2012, 5, 1), "F", upn="A123456789012", address="1 Elm Row")
    )
    episode = missing.save_episode(
        register,
        missing.Episode(
            zofia.id,
            "M",
            at("20/08/2026 22:15"),
            last_seen_place=PLACE,
            ended_at=at("21/08/2026 09:00"),
            found_place=FOUND,
            notes=NOTE,
        ),
    )
    missing.save_interview(
        register,
        missing.ReturnInterview(
            zofia.id,
            (episode.id,),
            offered_at=at("21/08/2026 10:00"),
            outcome="accepted",
            completed_at=at("22/08/2026 15:00"),
            completed_by="Ruth Okoye",
            harm_disclosed=HARM,
        ),
    )
    education.save_case(register, education.CmeCase(zofia.id, date(2026, 11, 2), "admissions", "not_on_roll"))
    fostering.save_arrangement(
        register,
        fostering.Arrangement(
            zofia.id, date(2026, 11, 2), "carer", "notified", date(2026, 11, 20), "Ann Nowak", "family_friend"
        ),
    )
    register.close()
    return path, zofia.id


@pytest.fixture
def as_role(qtbot, filled):
    """The main window on the filled register, opened as a role."""
    with windows_on(qtbot, filled[0]) as open_as:
        yield lambda role: open_as(Actor("Sam Tester", role))


def _tabs(window):
    return [window.tabs.tabText(number).replace("&", "") for number in range(window.tabs.count())]


def _register_menu(window):
    menu = window.menuBar().actions()[0].menu()
    return [action.text().replace("&", "") for action in menu.actions() if not action.isSeparator()]


ALL_PAGES = [
    "Dashboard",
    "Children",
    "Missing episodes",
    "Education",
    "CME cases",
    "Private fostering",
    "Fostering arrangements",
    "Reports",
]
# Written from the permission table (register/core/permissions.py), role by role.
EXPECTED = {
    "coordinator": (
        ALL_PAGES,
        ["Find a child…", "New child…", "Import a spreadsheet…", "Backups…", "Quit"],
    ),
    "ewo": (
        ["Dashboard", "Children", "Missing episodes", "Education", "CME cases", "Reports"],
        [
            "Find a child…",
            "New child…",
            "Import a spreadsheet…",
            "Term calendar…",
            "CME outcomes…",
            "Backups…",
            "Quit",
        ],
    ),
    "pf_officer": (
        ["Children", "Private fostering", "Fostering arrangements", "Reports"],
        ["Find a child…", "New child…", "Import a spreadsheet…", "Backups…", "Quit"],
    ),
    "analyst": (ALL_PAGES, ["Find a child…", "Pseudonymised extract for analysts…", "Quit"]),
    "board_reader": (["Reports"], ["Quit"]),
}


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_each_role_has_the_pages_and_menu_entries_it_may_use(as_role, role):
    window = as_role(role)
    pages, entries = EXPECTED[role]
    assert _tabs(window) == pages
    assert _register_menu(window) == entries
    if "Children" in pages:
        assert window.pages["children"].new_button.isHidden() != ("New child…" in entries)
    view = window.menuBar().actions()[1].menu()
    assert [action.text().replace("&", "") for action in view.actions()][:-1] == pages
    assert "Role" not in [action.text().replace("&", "") for action in window.menuBar().actions()]  # not the demo


def test_a_role_that_reads_no_register_is_told_so_in_place_of_pages(as_role):
    window = as_role("administrator")
    assert _tabs(window) == ["Your role"]
    assert "Your role (Administrator) may read none of the registers' records" in window.tabs.widget(0).text()
    assert _register_menu(window) == ["Settings…", "Backups…", "Quit"]


def _chronology(record):
    table = record.chronology
    return [
        [table.item(row, column).text() for column in range(table.columnCount())] for row in range(table.rowCount())
    ]


def _line(record, event):
    table = record.chronology
    row = next(row for row in range(table.rowCount()) if table.item(row, 1).text() == event)
    table.setCurrentCell(row, 0)


def test_an_education_welfare_officer_sees_when_a_child_went_missing_but_not_where_or_what_was_found(
    as_role, filled, answered
):
    path, zofia = filled
    window = as_role("ewo")
    record = window.open_child(zofia)
    assert [panel.title() for panel in record.panels] == ["Missing from home or care", "Education"]
    missing_panel = record.panels[0]
    assert missing_panel.buttons == {}
    for key in ("episode", "return", "interview", "notify", "visit", "end"):
        assert key not in record.buttons
    assert {"absence", "case", "enquiry", "escalate", "close", "details"} <= set(record.buttons)
    assert missing_panel.summary.text() == (
        "1 episode; the latest from 20/08/2026 22:15 to 21/08/2026 09:00; return interview: completed within 72 h."
    )
    assert [line[:3] for line in _chronology(record)] == [
        ["20/08/2026 22:15", "Missing (M)", ""],
        ["21/08/2026 09:00", "Returned / found", "Completed within 72 h"],
        ["21/08/2026 10:00", "Return interview offered", ""],
        ["22/08/2026 15:00", "Return interview held", ""],
        ["02/11/2026", "CME case opened", ""],
    ]
    details = [line[3] for line in _chronology(record)]
    assert details[:4] == ["", "away 10 h 45 min", "", "independent"]  # no place, finder, notes or harm, no blanks
    text = " ".join(" ".join(line) for line in _chronology(record)[:4])  # the missing register's lines
    for hidden in (PLACE, FOUND, NOTE, HARM, "Ruth Okoye", "found:", "last seen:", "by "):
        assert hidden not in text
    _line(record, "Returned / found")  # a missing line: the EWO reads the line, not the record or its history
    assert not record.buttons["edit"].isEnabled() and not record.buttons["history"].isEnabled()
    record.edit_entry()  # as a double-click on the line does
    assert answered == [("Open selected", "Your role may read this line of the chronology, not its whole record.")]
    _line(record, "CME case opened")
    assert record.buttons["edit"].isEnabled() and record.buttons["history"].isEnabled()
    assert people.get_child(window.register, zofia).name == "Zofia Kowalska"
    held = open_register(path, Actor("Pat Manager", "manager"))  # the register still holds what was hidden
    [episode] = missing.episodes_for_child(held, zofia)
    held.close()
    assert (episode.last_seen_place, episode.found_place, episode.notes) == (PLACE, FOUND, NOTE)


def test_a_coordinator_opens_a_cme_case_to_read_it_with_save_greyed_out(as_role, filled, qtbot):
    window = as_role("coordinator")
    record = window.open_child(filled[1])
    assert [panel.title() for panel in record.panels] == [
        "Missing from home or care",
        "Education",
        "Private fostering",
    ]
    assert record.panels[1].buttons == {} and record.panels[2].buttons == {}
    assert {"episode", "return", "interview", "delete"} <= set(record.buttons)
    _line(record, "CME case opened")
    record.buttons["edit"].click()
    form = last_dialog(record)
    save = form.buttons.button(form.buttons.StandardButton.Save)
    assert not save.isEnabled()
    assert form.banner.text() == "For reading: your role may not change this record."
    form.reject()


def test_a_private_fostering_officer_sees_only_fostering_in_a_childs_record(as_role, filled):
    window = as_role("pf_officer")
    record = window.open_child(filled[1])
    assert [panel.title() for panel in record.panels] == ["Private fostering"]
    assert [line[1] for line in _chronology(record)] == ["Private fostering notified"]


def _cells(table, column=0):
    return [table.item(row, column).text() for row in range(table.rowCount())]


def test_an_analyst_reads_the_childs_number_where_a_name_would_be(as_role, filled, qtbot):
    zofia = filled[1]
    window = as_role("analyst")
    window.tabs.setCurrentWidget(window.pages["children"])
    children = window.pages["children"]
    assert children.new_button.isHidden()
    assert _cells(children.results) == [f"Child {zofia}"]
    assert _cells(children.results, 5) == [""]  # the UPN column: hidden, read as empty
    window.tabs.setCurrentWidget(window.pages["episodes"])
    episodes = window.pages["episodes"]
    model = episodes.model
    assert model.data(model.index(0, 0)) == f"Child {zofia}"
    window.tabs.setCurrentWidget(window.pages["cases"])
    cases = window.pages["cases"].model
    assert cases.data(cases.index(0, 0)) == f"Child {zofia}"
    window.tabs.setCurrentWidget(window.pages["arrangements"])
    arrangements = window.pages["arrangements"].model
    assert [arrangements.data(arrangements.index(0, column)) for column in (0, 2)] == [f"Child {zofia}", ""]
    record = window.open_child(zofia)
    assert record.windowTitle() == f"Child: Child {zofia}"
    facts = [label.text() for label in record.findChildren(QLabel) if label.text().startswith("<b>")]
    shown = [fact.split(":</b>")[0].removeprefix("<b>") for fact in facts]
    assert shown == ["Born", "Sex", "Ethnicity", "Looked after", "Compulsory school age"]
    assert record._file_name() == f"chronology-Child-{zofia}.pdf"
    assert "details" not in record.buttons
    everything = " ".join(" ".join(line) for line in _chronology(record)) + " ".join(facts)
    for name in ("Zofia", "Kowalska", "None", "A123456789012", "Elm Row", "Ann Nowak"):
        assert name not in everything


def test_an_analysts_dashboard_lists_no_names(as_role, filled, qtbot):
    window = as_role("analyst")
    window.tabs.setCurrentWidget(window.pages["fostering"])
    page = settled(qtbot, window.pages["fostering"])
    tables = [box.findChild(ListTable) for box in page.boxes.values()]
    cells = [
        table.item(row, column).text()
        for table in tables
        for row in range(table.rowCount())
        for column in range(table.columnCount())
    ]
    assert f"Child {filled[1]}" in cells
    assert not any(cell == "None" or "Zofia" in cell or "Nowak" in cell for cell in cells)


def test_a_board_reader_reads_the_published_copy_of_the_summaries_kept(as_role, filled, qtbot):
    path, _ = filled
    manager = open_register(path, Actor("Pat Manager", "manager"))
    quarter = periods.quarter_of(date(2026, 8, 1))
    measures.publish(manager, measures.cached_summary(manager, quarter))  # published by a manager
    manager.close()
    window = as_role("board_reader")
    page = window.pages["reports"]
    qtbot.waitUntil(lambda: page.summary is not None and page.worker is None, timeout=10000)
    assert page.published.isChecked() and not page.published.isEnabled()
    assert "save_notes" not in page.buttons
    assert all(editor.isReadOnly() for editor in page.editors.values())
    assert page.figure_text("missing.began.episodes") == "<5"  # one episode, published as <5
    assert "figures worked out 27/11/2026 17:00 and kept (records may have changed since)" in page.status.text()
    page.period.setCurrentIndex(0)  # October to December 2026: never published
    qtbot.waitUntil(lambda: page.worker is None and page.summary is None, timeout=10000)
    assert "has not been published yet" in page.status.text()
    assert not any(button.isEnabled() for button in page.buttons.values())


def test_a_refusal_left_to_a_button_from_before_is_said_in_words(as_role, filled, answered):
    window = as_role("ewo")
    record = window.open_child(filled[1])
    [episode] = missing.episodes_for_child(window.register, filled[1])
    record.write(lambda: missing.delete_episode(window.register, episode, "Entered in error"), "Episode not deleted")
    assert answered == [
        (
            "Episode not deleted",
            "Your role (Education welfare officer) may not change missing from home or care records. Nothing was "
            "changed. If your work needs it, ask your manager or the register's administrator.",
        )
    ]
    assert len(missing.episodes_for_child(window.register, filled[1])) == 1


def test_a_page_left_from_a_role_before_is_refused_in_a_box_not_a_traceback(as_role, filled, qtbot, answered, caplog):
    window = as_role("pf_officer")
    stale = DashboardPage(window.register, window.open_child, window)  # made for a role that read the missing register
    qtbot.addWidget(stale)
    stale.show()
    qtbot.waitUntil(lambda: not stale.filling, timeout=10000)
    refused = "Your role (Private fostering officer) may not read missing from home or care records."
    [(title, text)] = answered
    assert title == "Not open to your role" and text.startswith(refused)
    with caplog.at_level(logging.INFO):
        unexpected.report(window, PermissionDenied, PermissionDenied(refused), None)
    assert answered[-1] == ("Not open to your role", refused)
    assert [record.levelno for record in caplog.records] == [logging.INFO]


def test_the_demo_registers_role_menu_reopens_it_as_the_role_chosen(qtbot, tmp_path, now, answered):
    path = tmp_path / DEMO_FILE
    window = app.open_window(path, Actor("Try Out", "coordinator"), demo_register=True)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.register.soundness is True, timeout=20000)
    first = window.register
    assert window.windowTitle().endswith("– DEMO (synthetic data)")
    roles = window.menuBar().actions()[2]
    assert roles.text().replace("&", "") == "Role"
    assert [action.text() for action in roles.menu().actions()][:3] == [
        "Missing children coordinator",
        "Education welfare officer",
        "Private fostering officer",
    ]
    child_id = first.db.execute("SELECT child_id FROM missing_episodes LIMIT 1").fetchone()[0]
    window.open_child(child_id)
    window.role_actions["ewo"].trigger()
    assert window.register.actor == Actor("Try Out", "ewo")
    assert window.records == {}
    assert _tabs(window) == ["Dashboard", "Children", "Missing episodes", "Education", "CME cases", "Reports"]
    assert window.windowTitle().endswith("– DEMO (synthetic data)")
    assert window.role_actions["ewo"].isChecked() and not window.role_actions["coordinator"].isChecked()
    status = [label.text() for label in window.statusBar().findChildren(QLabel) if label.isVisible()]
    assert "Signed in as Try Out (Education welfare officer)" in status
    with pytest.raises(Exception):  # noqa: B017 - the register chosen before is closed
        first.db.execute("SELECT 1")
    episode = missing.episodes_for_child(window.register, child_id)[0]
    with pytest.raises(PermissionDenied):  # the register holds the EWO to the table, as for one signed in
        missing.delete_episode(window.register, episode, "Entered in error")
    window.role_actions["board_reader"].trigger()
    assert _tabs(window) == ["Reports"]
    QThreadPool.globalInstance().waitForDone(20000)
    window.register.close()


def test_who_is_signed_in_and_the_role_are_whole_in_the_status_bar_of_a_laptop(qtbot, as_role):
    """On a 1366×768 laptop (the tests' screen) the register's long path gives way, never the role."""
    window = as_role("coordinator")
    window.showMaximized()
    qtbot.waitUntil(lambda: window.width() > 1000)
    who = next(label for label in window.statusBar().findChildren(QLabel) if "(Missing children" in label.text())
    assert who.isVisible() and who.width() >= who.sizeHint().width()
    assert who.geometry().right() <= window.statusBar().width()
    assert who.text() == "Signed in as Sam Tester (Missing children coordinator)"
