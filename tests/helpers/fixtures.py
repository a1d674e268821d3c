"""The fixtures every folder of tests uses: real register files in tmp_path, a clock the tests set,
the main window, and message boxes that are recorded, not shown."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QThreadPool

from register import Actor, open_register, people
from register.core.clock import frozen_at
from tests.helpers.values import NOW
from ui.main_window import MainWindow
from ui.shell import msgbox


@pytest.fixture(autouse=True)
def _data_dir(tmp_path, monkeypatch):
    """No test touches a real user's register."""
    monkeypatch.setenv("REGISTER_DATA_DIR", str(tmp_path / "data"))


@pytest.fixture
def now():
    with frozen_at(NOW):
        yield NOW


@pytest.fixture
def register(tmp_path, now):
    reg = open_register(tmp_path / "register.sqlite", Actor("Jo Coordinator", "manager"))
    yield reg
    reg.close()


@pytest.fixture
def child(register):
    return people.save_child(register, people.Child("Zofia", "Kowalska", date(2012, 5, 1), "F", ethnicity="WOTH"))


@pytest.fixture
def pupil(register):
    return people.save_child(register, people.Child("Andrei", "Popescu", date(2013, 3, 12), "M", ethnicity="WROM"))


@pytest.fixture
def window(qtbot, register):
    main = MainWindow(register)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitUntil(lambda: register.soundness is True, timeout=10000)  # the check for damage at start
    yield main
    for record in list(main.records.values()):
        record.close()
    QThreadPool.globalInstance().waitForDone(20000)  # no worker outlives its test


@pytest.fixture
def answered(monkeypatch):
    """Message boxes are recorded, not shown; file dialogs answer with a chosen path."""
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(msgbox, "inform", lambda parent, title, text: shown.append((title, text)))
    monkeypatch.setattr(msgbox, "warn", lambda parent, title, text, details="": shown.append((title, text)))
    return shown
