"""While an import checks its rows, Python's garbage collector runs rarely, and runs as before once the import
is over, however it ends."""

import gc

import pytest

from register.core.collector import collecting_rarely
from register.imports.spreadsheet import ImportRefused
from register.missing.import_csv import import_missing
from tests.helpers.spreadsheets import write

ROW = "LA0042,Ana,Lopes,14/02/2011,F,WOTH,N,M,03/06/2026 21:15,,,,,,"


def test_an_import_checks_its_rows_with_the_collector_run_rarely_and_restores_it(register, tmp_path):
    before = gc.get_threshold()
    seen = []
    path = write(tmp_path, [ROW])
    import_missing(register, path, progress=lambda done, rows: seen.append(gc.get_threshold()[0]) or True)
    assert seen and all(young == 50_000 for young in seen)
    assert gc.get_threshold() == before


def test_a_refused_import_restores_the_collector_too(register, tmp_path):
    before = gc.get_threshold()
    path = write(tmp_path, [ROW.replace("14/02/2011", "31/02/2011")])
    with pytest.raises(ImportRefused):
        import_missing(register, path)
    assert gc.get_threshold() == before


def test_batches_at_once_restore_the_settings_when_the_last_ends():
    before = gc.get_threshold()
    with collecting_rarely():
        with collecting_rarely():
            assert gc.get_threshold()[0] == 50_000
        assert gc.get_threshold()[0] == 50_000
    assert gc.get_threshold() == before
