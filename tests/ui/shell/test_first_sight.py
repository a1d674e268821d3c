"""What a person sees on opening the register: the children listed, help at hand, and Alt+letter keys that
each lead to one place."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QMenu

from register import people
from tests.helpers.widgets import clashes, marked, mnemonic


def test_no_two_alt_letters_clash_in_a_menu_a_page_or_a_childs_record(qtbot, window, register, hand_built):
    # The menu bar and the page tabs are in view on every page, so each page is checked together with them.
    always = [action.text() for action in window.menuBar().actions()]
    always += [window.tabs.tabText(number) for number in range(window.tabs.count())]
    assert clashes(always) == {}
    for key, page in window.pages.items():
        assert clashes(always + marked(page)) == {}, key
    menus = [action.menu() for action in window.menuBar().actions()]
    assert len(menus) == 3
    for menu in menus:
        assert isinstance(menu, QMenu)
        assert clashes([action.text() for action in menu.actions() if not action.isSeparator()]) == {}, menu.title()
    child = register.db.execute("SELECT id FROM children ORDER BY id LIMIT 1").fetchone()[0]
    record = window.open_child(child)
    assert len(marked(record)) >= 17 and clashes(marked(record)) == {}


def test_the_clash_check_finds_a_clash():
    assert clashes(["&Register", "&Reports", "Save && &close"]) == {"R": ["&Register", "&Reports"]}
    assert mnemonic("Save && close") is None and mnemonic("Rep&orts") == "O"


def test_the_children_page_lists_the_children_before_anyone_types(qtbot, window, register):
    for forenames, surname in (("Zofia", "Kowalska"), ("Bilal", "Ahmed"), ("Ana", "Pop"), ("Tom", "Ahmed")):
        people.save_child(register, people.Child(forenames, surname, date(2012, 5, 1), "F"))
    page = window.pages["children"]
    window.tabs.setCurrentWidget(page)
    page.refresh()
    names = [page.results.item(row, 0).text() for row in range(page.results.rowCount())]
    assert names == ["Bilal Ahmed", "Tom Ahmed", "Zofia Kowalska", "Ana Pop"]  # by surname
    assert page.status.text().startswith("4 children in the register, by surname")
    page.results.setFocus()
    page.results.selectRow(2)
    opened = []
    page.open_child = opened.append
    qtbot.keyClick(page.results, "\r")
    assert len(opened) == 1 and people.get_child(register, opened[0]).surname == "Kowalska"


def test_help_lists_the_shortcuts_and_says_where_the_register_and_its_backups_are(qtbot, window, answered):
    menu = window.menuBar().actions()[-1].menu()
    assert menu.title() == "&Help"
    shortcuts, where = menu.actions()
    shortcuts.trigger()
    title, text = answered[-1]
    assert title == "Keyboard shortcuts"
    for expected in (
        "Ctrl+F\tRegister ▸ Find a child",
        "Ctrl+Shift+I\tRegister ▸ Import a spreadsheet\n",
        "Ctrl+8\tView ▸ Reports",
        "Ctrl+Shift+E\tExport… the list of the page in view",
        "Ctrl+E\tNew episode",
        "Ctrl+P",
        "F5\tReload, once a save is refused",
    ):
        assert expected in text
    where.trigger()
    title, text = answered[-1]
    assert str(window.register.path) in text and str(window.register.path.parent / "backups") in text
