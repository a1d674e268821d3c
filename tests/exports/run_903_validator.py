"""Run the DfE's SSDA903 validator (csc-validator-be-903) on one Missing table, in the validator's own
environment: ``python run_903_validator.py MISSING.csv COLLECTION_YEAR RULE...``.

Prints, as JSON, each rule asked for with the CHILD of every row it flags, and the rules that could not
run (``{"flagged": {"574": ["LA0001"]}, "failed": [], "skipped": []}``). It imports only the validator and
pandas, never the register: the validator pins an old pandas the register's environment does not have.
"""

import importlib
import json
import logging
import sys

from lac_validator.lac_validator import LacValidator
from lac_validator.types import UploadedFile


def main() -> None:
    path, year, *rules = sys.argv[1:]
    logging.disable(logging.CRITICAL)
    ruleset = f"lac{int(year) - 1}_{year[2:]}"  # 2026 (the year ending 31 March 2026): lac2025_26
    registry = importlib.import_module(f"lac_validator.rules.{ruleset}").registry
    with open(path, "rb") as file:
        content = file.read()
    validator = LacValidator(
        metadata={"collectionYear": year, "localAuthority": "E09000027"},
        files=[UploadedFile(name="missing.csv", description="This year", file_content=content)],
        registry=registry,
        selected_rules=rules,
    )
    missing = validator.ds_results["Missing"]
    flagged = {}
    for rule in rules:
        column = f"ERR_{rule}"
        if column in missing.columns:
            rows = missing[missing[column] == True]  # noqa: E712 (a pandas mask)
            flagged[rule] = sorted(str(child) for child in rows["CHILD"])
    unknown = sorted(set(rules) - {str(code) for code in registry})
    print(json.dumps({"flagged": flagged, "failed": validator.fails, "skipped": validator.skips, "unknown": unknown}))


if __name__ == "__main__":
    main()
