from register import open_register
from register.cli import main
from register.core.db import DEMO_FILE, REGISTER_FILE
from tests.helpers.spreadsheets import ABSENCES, CASES, GOOD, write, write_csv


def test_demo_is_reproducible_by_seed_and_refuses_a_full_register(tmp_path, now, capsys):
    first, second = tmp_path / "one", tmp_path / "two"
    for folder in (first, second):
        assert (
            main(
                [
                    "--data-dir",
                    str(folder),
                    "--user",
                    "Jo",
                    "demo",
                    "--children",
                    "40",
                    "--episodes",
                    "200",
                    "--seed",
                    "7",
                ]
            )
            == 0
        )
    rows = []
    for folder in (first, second):
        reg = open_register(folder / DEMO_FILE)
        rows.append(
            reg.db.execute(
                "SELECT child_id, type, started_at, ended_at, interview_state FROM missing_episodes ORDER BY id"
            ).fetchall()
        )
        assert reg.db["children"].count == 40 and reg.db["missing_episodes"].count == 200
        reg.close()
    assert rows[0] == rows[1]
    assert not (first / REGISTER_FILE).exists()  # the real register is never touched
    out = capsys.readouterr().out
    assert "40 children, 200 episodes, 6 CME cases, 3 private fostering arrangements in" in out
    assert main(["--data-dir", str(first), "demo", "--children", "5", "--episodes", "5"]) == 1
    assert "already holds records" in capsys.readouterr().err


def test_a_demo_needs_a_child_and_has_1500_episodes_unless_told(tmp_path, now, capsys):
    try:
        main(["--data-dir", str(tmp_path), "demo", "--children", "0"])
    except SystemExit as stopped:
        assert stopped.code == 2
    assert "a demo register needs at least one child" in capsys.readouterr().err
    assert not (tmp_path / DEMO_FILE).exists()
    assert main(["--data-dir", str(tmp_path), "demo", "--children", "5"]) == 0
    assert "5 children, 1500 episodes" in capsys.readouterr().out


def test_demo_register_passes_its_own_check(tmp_path, now, capsys):
    main(["--data-dir", str(tmp_path), "demo", "--children", "60", "--episodes", "400"])
    assert main(["--data-dir", str(tmp_path), "--demo", "check"]) == 0
    assert "no problems found" in capsys.readouterr().out


def test_import_from_the_command_line(tmp_path, now, capsys):
    path = write(tmp_path, GOOD)
    assert main(["--data-dir", str(tmp_path), "--demo", "--user", "Jo", "import", "missing", str(path)]) == 0
    assert "4 episodes added" in capsys.readouterr().out
    bad = write(tmp_path, ["LA9,A,B,01/01/2012,M,,N,M,20/11/2026 10:00,19/11/2026 10:00,,,,,"], "bad.csv")
    assert main(["--data-dir", str(tmp_path), "--demo", "import", "missing", str(bad)]) == 1
    assert "Row 2, ended:" in capsys.readouterr().err


def test_check_reports_a_rule_broken_behind_the_programs_back(tmp_path, now, capsys):
    path = write(tmp_path, GOOD)
    main(["--data-dir", str(tmp_path), "--demo", "import", "missing", str(path)])
    reg = open_register(tmp_path / DEMO_FILE)
    reg.db.execute("UPDATE missing_episodes SET ended_at = '2026-11-20T00:00:00Z' WHERE police_reference = 'TV-1'")
    reg.close()
    assert main(["--data-dir", str(tmp_path), "--demo", "check"]) == 1
    out = capsys.readouterr().out
    # The rule it breaks, and the edit itself, which no audit row records.
    assert "Zofia Kowalska" in out and "ended_at: The return is before" in out and "2 problems found" in out
    assert (
        "missing_episodes 2 (Zofia Kowalska) was changed outside the program: ended_at is '2026-11-20T00:00:00Z'" in out
    )


def test_check_reports_an_episode_stored_as_starting_on_the_date_of_birth(tmp_path, now, capsys):
    main(["--data-dir", str(tmp_path), "--demo", "import", "missing", str(write(tmp_path, GOOD))])
    reg = open_register(tmp_path / DEMO_FILE)
    # Hodan was born on 30/09/2011; an episode stored before the rule followed the 903 validator's rule 586.
    reg.db.execute("UPDATE missing_episodes SET started_at = '2011-09-30T08:00:00Z' WHERE police_reference = 'TV-3'")
    reg.close()
    assert main(["--data-dir", str(tmp_path), "--demo", "check"]) == 1
    out = capsys.readouterr().out
    assert "Hodan Warsame" in out and "started_at: This is on or before the child's date of birth (30/09/2011)" in out
    # The rule it breaks, and the edit itself, which no audit row records.
    assert "2 problems found" in out and "(Hodan Warsame) was changed outside the program" in out


def test_a_file_that_is_not_a_register_is_refused(tmp_path, capsys):
    (tmp_path / DEMO_FILE).write_text("not a register")
    assert main(["--data-dir", str(tmp_path), "--demo", "check"]) == 2
    assert "not a register file" in capsys.readouterr().err


def test_education_imports_from_the_command_line(tmp_path, now, capsys):
    from register.education.import_csv import ABSENCE_COLUMNS, CASE_COLUMNS

    cases = write_csv(tmp_path, CASE_COLUMNS, CASES, "cases.csv")
    absences = write_csv(tmp_path, ABSENCE_COLUMNS, ABSENCES, "absences.csv")
    as_an_ewo = ["--data-dir", str(tmp_path), "--demo", "--user", "Sam Okafor", "--role", "ewo", "import"]
    assert main([*as_an_ewo, "cme", str(cases)]) == 0
    assert "3 cases added" in capsys.readouterr().out
    assert main([*as_an_ewo, "absences", str(absences)]) == 0
    assert "3 absences added" in capsys.readouterr().out
    assert main(["--data-dir", str(tmp_path), "--demo", "check"]) == 0


def test_a_read_only_register_is_read_for_viewing_and_never_written(tmp_path, now, capsys, read_only):
    from tests.helpers.read_only import fingerprint

    data = ["--data-dir", str(tmp_path)]
    assert main([*data, "demo", "--children", "30"]) == 0
    assert main([*data, "--demo", "backup"]) == 0
    path = read_only(tmp_path / DEMO_FILE)
    before = fingerprint(path)
    capsys.readouterr()
    out = tmp_path / "out"
    out.mkdir()
    for command in (["check"], ["backups"], ["report", "quarterly", "--quarter", "2026-Q3", "--out", f"{out}/q.pdf"]):
        assert main([*data, "--demo", *command]) == 0, command
        assert "is open for viewing only: the file or its folder is read-only" in capsys.readouterr().err
    assert (out / "q.pdf").exists()
    csv = write(tmp_path, GOOD)
    [backup] = (tmp_path / "backups").iterdir()
    for command in (["import", "missing", str(csv)], ["restore", str(backup)], ["demo"]):
        assert main([*data, "--demo", *command]) == 2, command
        said = capsys.readouterr().err
        assert "cannot be written to (the file or its folder is read-only). Ask for write access" in said
        assert "attempt to write" not in said
    assert fingerprint(path) == before
