"""The DfE's SSDA903 validator in its own virtual environment (.venv-903 beside the project's .venv):
it pins pandas < 2 and numpy < 1.25, which the register's own environment does not have.

.ci/run makes it before the tests; on a machine without it, the first test that needs it makes it
(a minute, once). A validator that cannot be installed fails the test, saying why: it is never skipped.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.writer import ROOT

VALIDATOR = "csc-validator-be-903==0.1.17"
ENVIRONMENT = ROOT / ".venv-903"
RUNNER = Path(__file__).parent / "run_903_validator.py"
# The rules that read the Missing table alone (the others need the Episodes file: see docs/exports.md).
MISSING_RULES = ("564", "565", "566", "567", "570", "571", "574", "586", "1004", "1005", "1006")


def _python() -> Path:
    return ENVIRONMENT / "bin" / "python"


@pytest.fixture(scope="session")
def validator_903():
    """A function running the validator's Missing-table rules on a CSV file for a collection year
    ("2025-26"): returns {rule: [CHILD of each row it flags]} for the rules that flagged anything."""
    ready = _python().exists() and subprocess.run([_python(), "-c", "import lac_validator"]).returncode == 0
    if not ready:
        made = subprocess.run(
            f"'{sys.executable}' -m venv '{ENVIRONMENT}' && '{_python()}' -m pip install -q '{VALIDATOR}'",
            shell=True,
            capture_output=True,
            text=True,
        )
        if made.returncode != 0:
            pytest.fail(f"The DfE's validator ({VALIDATOR}) could not be installed in {ENVIRONMENT}:\n{made.stderr}")

    def run(path: Path, year_key: str, rules: tuple[str, ...] = MISSING_RULES) -> dict[str, list[str]]:
        ending = str(int(year_key[:4]) + 1)  # the validator names a year by the year it ends in
        done = subprocess.run([_python(), RUNNER, path, ending, *rules], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        result = json.loads(done.stdout)
        assert result["failed"] == [] and result["unknown"] == [], result  # every rule ran
        return {rule: children for rule, children in result["flagged"].items() if children}

    return run
