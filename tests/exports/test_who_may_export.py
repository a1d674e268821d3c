"""Which role may produce each export, held to a hand-written table through the Python API and the
command line; each export written leaves one audit row, a refused one leaves no file."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import pytest

from register import Actor, open_register, people
from register.core import periods
from register.core.db import DEMO_FILE
from register.core.errors import PermissionDenied
from register.exports import annex_a, child_export, cme_return, lists, pseudonymised, ssda903
from register.missing.listing import EpisodeFilter
from register.missing.records import Episode, save_episode
from tests.helpers.values import at
from tests.helpers.writer import ROOT

# From the roles of the security issue: the coordinator (missing) produces the 903 and Annex A; an
# EWO (education) the CME return; a manager everything; every practitioner may export a list of what
# their role may read; an analyst (pseudonymised extracts only), a board reader and an administrator none.
W, R = "written", "refused"
EXPECTED = {
    "coordinator": {"ssda903": W, "annex-a": W, "cme-return": R, "list": W, "child": W, "pseudonymised": R},
    "ewo": {"ssda903": R, "annex-a": R, "cme-return": W, "list": W, "child": W, "pseudonymised": R},
    # the door: no missing records; a whole record of the registers it reads whole (docs/exports.md)
    "pf_officer": {"ssda903": R, "annex-a": R, "cme-return": R, "list": R, "child": W, "pseudonymised": R},
    "manager": {"ssda903": W, "annex-a": W, "cme-return": W, "list": W, "child": W, "pseudonymised": W},
    "analyst": {"ssda903": R, "annex-a": R, "cme-return": R, "list": R, "child": R, "pseudonymised": W},
    "board_reader": {"ssda903": R, "annex-a": R, "cme-return": R, "list": R, "child": R, "pseudonymised": R},
    "administrator": {"ssda903": R, "annex-a": R, "cme-return": R, "list": R, "child": R, "pseudonymised": R},
}


@pytest.fixture
def path(tmp_path, now):
    path = tmp_path / "data" / DEMO_FILE  # a plain register with --role, as the demo is
    register = open_register(path, Actor("Pat Manager", "manager"))
    child = people.save_child(
        register, people.Child("Zofia", "Kowalska", date(2012, 5, 1), "F", looked_after=True, la_id="LA1")
    )
    placed = {"looked_after": True, "looked_after_by": "this"}
    save_episode(register, Episode(child.id, "M", at("01/05/2025 10:00"), ended_at=at("01/05/2025 12:00"), **placed))
    register.close()
    return path


def _exports(register, folder, now):
    return {
        "ssda903": lambda: ssda903.write(
            register, ssda903.missing_table(register, periods.year("2025-26")), folder / "903.csv"
        ),
        "annex-a": lambda: annex_a.write(register, date(2026, 3, 31), folder / "annex-a.xlsx"),
        "cme-return": lambda: cme_return.write(register, cme_return.term("autumn-2026"), folder / "cme.csv"),
        "list": lambda: lists.write_list(register, "episodes", EpisodeFilter(), 0, False, now, folder / "list.xlsx"),
        "child": lambda: child_export.write(register, 1, folder),
        "pseudonymised": lambda: pseudonymised.write(register, folder / "extract.sqlite"),
    }


@pytest.mark.parametrize("role", list(EXPECTED))
def test_each_role_produces_only_the_exports_it_may(path, tmp_path, now, role):
    folder = tmp_path / role
    folder.mkdir()
    register = open_register(path, Actor("Sam Tester", role))
    met = {}
    for name, export in _exports(register, folder, now).items():
        try:
            export()
            met[name] = W
        except PermissionDenied as refused:
            assert (
                "may not produce" in str(refused) or "may not export" in str(refused) or "may not read" in str(refused)
            )
            met[name] = R
    register.close()
    assert met == EXPECTED[role]
    files = {
        "ssda903": ["903.csv"],
        "annex-a": ["annex-a.xlsx"],
        "cme-return": ["cme.csv"],
        "list": ["list.xlsx"],
        "child": ["whole-record-child-1-2026-11-27-170000.json", "whole-record-child-1-2026-11-27-170000.pdf"],
        "pseudonymised": ["extract.sqlite"],
    }
    written = [file for name, seen in met.items() if seen == W for file in files[name]]
    assert sorted(p.name for p in folder.iterdir()) == sorted(written)
    manager = open_register(path, Actor("Pat Manager", "manager"))
    audited = [
        json.loads(row["after"]) for row in manager.db.query("SELECT after FROM audit_log WHERE action = 'export'")
    ]
    manager.close()
    exported = [
        {
            "ssda903": "SSDA903 Missing table",
            "annex-a": "Annex A List 8",
            "cme-return": "CME return",
            "list": "list: Missing episodes",
            "child": "whole record of a child (JSON)",
            "pseudonymised": "pseudonymised extract",
        }[name]
        for name, seen in met.items()
        if seen == W
    ] + ["whole record of a child (PDF)"] * (met["child"] == W)
    assert sorted(row["export"] for row in audited) == sorted(exported)


@pytest.mark.parametrize("role", list(EXPECTED))
def test_the_command_line_holds_each_role_to_the_same_table(path, tmp_path, role):
    out = tmp_path / "903.csv"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "register",
            "--data-dir",
            str(path.parent),
            "--demo",
            "--role",
            role,
            "export",
            "ssda903",
            "--year",
            "2025-26",
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    if EXPECTED[role]["ssda903"] == W:
        assert done.returncode == 0, done.stderr
        assert out.read_text() == "CHILD,DOB,MISSING,MIS_START,MIS_END\nLA1,01/05/2012,M,01/05/2025,01/05/2025\n"
    else:
        assert done.returncode == 1
        assert "may not produce the SSDA903 Missing table" in done.stderr
        assert not out.exists()
