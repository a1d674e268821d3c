"""register.log, where tracebacks go, is its owner's only (0600) like the register, rotated copies included."""

from __future__ import annotations

import logging
import stat

from ui import app


def _mode(path):
    return stat.S_IMODE(path.stat().st_mode)


def test_the_log_and_its_rotated_copies_are_readable_by_their_owner_only(tmp_path, monkeypatch):
    monkeypatch.setattr(app.OwnerOnlyLog, "__init__", _small(app.OwnerOnlyLog.__init__))
    old = tmp_path / app.LOG_FILE
    old.write_text("made by an earlier version\n")
    old.chmod(0o644)
    app._keep_a_log(tmp_path)
    handler = logging.getLogger().handlers[-1]
    try:
        assert isinstance(handler, app.OwnerOnlyLog) and _mode(old) == 0o600
        for number in range(50):  # past the (shrunk) size, so the log is rotated
            logging.getLogger("ui").warning("a line long enough to fill the log soon: %d", number)
    finally:
        logging.getLogger().removeHandler(handler)
        handler.close()
    logs = sorted(tmp_path.glob(f"{app.LOG_FILE}*"))
    assert [path.name for path in logs][:2] == [app.LOG_FILE, f"{app.LOG_FILE}.1"]
    assert {path.name: _mode(path) for path in logs} == {path.name: 0o600 for path in logs}


def _small(init):
    def shrunk(self, filename, **options):
        init(self, filename, **{**options, "maxBytes": 500})

    return shrunk
