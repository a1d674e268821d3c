"""Work off the window's thread reaches the window whole: its result, what it changed, or the error itself."""

from __future__ import annotations

import logging

from register import RegisterError
from register.imports.spreadsheet import ImportRefused
from register.missing.face import FACE as MISSING
from tests.helpers.spreadsheets import GOOD, write
from ui.shell.workers import UNEXPECTED, Worker


def run(qtbot, register, job, signal="finished"):
    worker = Worker(register.path, register.actor, job)
    with qtbot.waitSignal(getattr(worker.signals, signal), timeout=10000) as caught:
        worker.start()
    return caught.args[0]


def test_a_refused_import_arrives_as_the_error_with_its_rows(qtbot, register, tmp_path):
    path = write(tmp_path, ["LA9,A,B,31/02/2012,M,,N,M,20/11/2026 10:00,,,,,,"])
    importer = MISSING.importers[0]
    error = run(qtbot, register, lambda own, progress: importer.run(own, path, progress), "failed")
    assert isinstance(error, ImportRefused)
    assert [(problem.row, problem.column) for problem in error.problems] == [(2, "dob")]


def test_an_unexpected_error_is_logged_and_reaches_the_person_in_words(qtbot, register, caplog):
    def broken(own, progress):
        raise ZeroDivisionError("a bug")

    with caplog.at_level(logging.ERROR):
        error = run(qtbot, register, broken, "failed")
    assert isinstance(error, RegisterError) and str(error) == UNEXPECTED
    assert "ZeroDivisionError: a bug" in caplog.text  # the traceback is in the log, not in the message


def test_what_a_job_wrote_is_announced_before_its_result(qtbot, register, tmp_path):
    path = write(tmp_path, GOOD)
    worker = Worker(register.path, register.actor, lambda own, progress: MISSING.importers[0].run(own, path, progress))
    arrived = []
    worker.signals.changed.connect(lambda change: arrived.append(("changed", change)))
    worker.signals.finished.connect(lambda summary: arrived.append(("finished", summary)))
    with qtbot.waitSignal(worker.signals.finished, timeout=10000):
        worker.start()
    assert [what for what, _ in arrived] == ["changed", "finished"]
    change = arrived[0][1]
    assert {"children", "missing_episodes", "return_interviews"} <= change.tables and len(change.child_ids) == 3


def test_a_worker_never_makes_a_new_register_where_the_file_has_gone(qtbot, register, tmp_path):
    gone = tmp_path / "moved-away.sqlite"
    worker = Worker(gone, register.actor, lambda own, progress: own.db["children"].count)
    with qtbot.waitSignal(worker.signals.failed, timeout=10000) as caught:
        worker.start()
    assert "the file is no longer there" in str(caught.args[0])
    assert not gone.exists()


def test_an_error_nothing_caught_is_logged_and_said_in_words(qtbot, window, answered, caplog):
    import sys

    from register import NotFoundError
    from ui.shell import unexpected

    try:
        raise KeyError("a bug in a slot")
    except KeyError:
        with caplog.at_level(logging.ERROR):
            unexpected.report(window, *sys.exc_info())
    assert answered == [("Something went wrong", unexpected.SOMETHING_WENT_WRONG)]
    assert "KeyError: 'a bug in a slot'" in caplog.text and "Traceback" in caplog.text
    answered.clear()
    unexpected.report(window, NotFoundError, NotFoundError("That episode is no longer in the register."), None)
    assert answered == [("Something went wrong", "That episode is no longer in the register.")]


def test_a_result_arriving_after_its_page_was_closed_is_let_go(qtbot, register, now):
    """A page closed (or rebuilt for another role) while its worker ran: the result finds no page and is
    dropped, with no error in the window."""
    import shiboken6
    from PySide6.QtCore import QThreadPool

    from ui.reports.page import ReportsPage
    from ui.shell.events import RegisterEvents

    page = ReportsPage(register, RegisterEvents())
    page.show()  # shown, the page asks a worker for the figures
    assert page.worker is not None
    shiboken6.delete(page)  # the page is gone before the worker's result arrives
    QThreadPool.globalInstance().waitForDone(20000)
    qtbot.wait(100)  # the result's signal is delivered now: pytest-qt fails the test on any error it raises
