"""Shared fixtures: real register files in tmp_path and a clock the tests set."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import UTC, date, datetime  # noqa: E402

import pytest  # noqa: E402

from register import Actor, open_register, people
from register.core import timescales  # noqa: E402
from register.core.clock import frozen_at  # noqa: E402

# A fixed "now" for the tests: Friday 27 November 2026, 17:00 in England (GMT).
NOW = datetime(2026, 11, 27, 17, 0, tzinfo=UTC)


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
    reg = open_register(tmp_path / "register.sqlite", Actor("Jo Coordinator"))
    yield reg
    reg.close()


@pytest.fixture
def child(register):
    return people.save_child(register, people.Child("Zofia", "Kowalska", date(2012, 5, 1), "F", ethnicity="WOTH"))


def at(text: str) -> datetime:
    """An instant from England's wall clock, written 'DD/MM/YYYY HH:MM'."""
    day, clock_time = text.split()
    return timescales.parse_local(day, clock_time)


def refused(save, *args, **kwargs) -> dict[str, str]:
    """The problems, by field, with which a save is refused (the test fails if it is not)."""
    from register import ValidationError

    with pytest.raises(ValidationError) as caught:
        save(*args, **kwargs)
    return caught.value.problems


def last_dialog(parent):
    """The dialog most recently opened (and still open) from ``parent``, found as a person would see it."""
    from PySide6.QtWidgets import QDialog

    shown = [dialog for dialog in parent.findChildren(QDialog) if dialog.isVisible()]
    assert shown, f"no dialog is open over {parent!r}"
    return shown[-1]


def settled(qtbot, page):
    """Wait until a page's figures, gathered off the window's thread, are on screen; returns the page."""
    qtbot.waitUntil(lambda: not page.filling, timeout=10000)
    return page
