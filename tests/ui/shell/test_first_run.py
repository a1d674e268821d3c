"""On a new register's first start, the person who may change the settings names the authority and its
safeguarding partnership; both are in Settings afterwards."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit

from register import Actor, open_register
from register.core import settings
from tests.helpers.widgets import last_dialog, save, type_into
from ui.main_window import MainWindow
from ui.shell.first_run import FirstRunDialog
from ui.shell.settings_dialog import SettingsDialog


def test_the_first_start_asks_for_both_names_and_not_again(qtbot, window, register):
    window.ask_names_if_first_start()
    dialog = last_dialog(window)
    assert isinstance(dialog, FirstRunDialog)
    type_into(qtbot, dialog.authority, "Northshire County Council")
    save(dialog)  # the partnership's name left empty
    assert dialog.isVisible() and dialog.error_text("partnership_name") == "Write the safeguarding partnership name."
    assert not settings.is_set(register, settings.AUTHORITY_NAME)  # nothing saved
    type_into(qtbot, dialog.partnership, "Northshire Safeguarding Children Partnership")
    save(dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert settings.get(register, settings.AUTHORITY_NAME) == "Northshire County Council"
    assert settings.get(register, settings.PARTNERSHIP_NAME) == "Northshire Safeguarding Children Partnership"
    window.ask_names_if_first_start()
    assert not [d for d in window.findChildren(FirstRunDialog) if d.isVisible()]
    # Settings shows the partnership's name to change later.
    shown = SettingsDialog(register, window.events, window)
    qtbot.addWidget(shown)
    fields = {field.text() for field in shown.findChildren(QLineEdit)}
    assert "Northshire Safeguarding Children Partnership" in fields


def test_someone_who_may_not_change_the_settings_is_not_asked(qtbot, tmp_path, now):
    open_register(tmp_path / "r.sqlite").close()
    register = open_register(tmp_path / "r.sqlite", Actor("Sam", "ewo"))
    main = MainWindow(register)
    qtbot.addWidget(main)
    main.ask_names_if_first_start()
    assert not main.findChildren(FirstRunDialog)
    register.close()
