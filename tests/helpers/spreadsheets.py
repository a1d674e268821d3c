"""Spreadsheets the imports read, written to tmp_path: a good episodes file, and how to write any."""

from __future__ import annotations

from pathlib import Path

from register.missing.import_csv import COLUMNS

# Four good rows of episodes: two for one child, a looked after child still away, a name in Arabic script.
GOOD = [
    "LA001,Zofia,Kowalska,01/05/2012,F,WOTH,N,M,20/11/2026 22:15,21/11/2026 09:00,medium,TV-1,21/11/2026 10:00,accepted,22/11/2026 15:00",
    "LA001,Zofia,Kowalska,01/05/2012,F,WOTH,N,M,2026-11-24 20:00,2026-11-25T08:30,low,TV-2,,declined,",
    "LA002,Hodan,Warsame,2011-09-30,F,BAFR,Y,A,23/11/2026 19:00,,high,TV-3,,,",
    ",محمد,خان,03/03/2013,M,APKN,N,M,10/10/2026 12:00,10/10/2026 18:00,none,,,,",
]


# CME cases and absences for the education imports (their columns: CASE_COLUMNS, ABSENCE_COLUMNS).
CASES = [
    "LA101,Andrei,Popescu,12/03/2013,M,02/11/2026,123456,absent_10_days,09/10/2026,N,,",
    "LA102,Hodan,Warsame,30/09/2012,F,2026-09-15,Admissions,not_on_roll,,Y,on_roll_here,2026-10-01",
    "LA101,Andrei,Popescu,12/03/2013,M,01/03/2026,police,i,,N,Left the country (confirmed),20/03/2026",
]
ABSENCES = [
    "LA101,Andrei,Popescu,12/03/2013,M,123456,Oak Park Primary,19/10/2026,23/10/2026,10",
    "LA101,Andrei,Popescu,12/03/2013,M,123456,Oak Park Primary,03/11/2026,06/11/2026,",
    ",Łucja,Wiśniewska,07/07/2014,F,654321,Elm Academy,2026-11-16,2026-11-20,10",
]


def write_csv(tmp_path: Path, columns, lines: list[str], name="file.csv") -> Path:
    """A CSV file in tmp_path with a header row naming ``columns``, then ``lines``."""
    path = tmp_path / name
    path.write_text("\n".join([",".join(columns), *lines]) + "\n", encoding="utf-8")
    return path


def write(tmp_path: Path, lines: list[str], name="episodes.csv") -> Path:
    """An episodes file (the missing import's columns) holding ``lines``."""
    return write_csv(tmp_path, COLUMNS, lines, name)
