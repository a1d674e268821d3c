"""docs/schema.md is the public description of the file: it must name every column."""

import re
from pathlib import Path

from register import open_register

DOC = (Path(__file__).resolve().parents[1] / "docs" / "schema.md").read_text()


def test_every_table_and_column_is_documented(tmp_path):
    reg = open_register(tmp_path / "register.sqlite")
    documented = set(re.findall(r"[a-z_]+", DOC))
    for table in reg.db.table_names():
        if table.startswith("_"):
            continue
        assert table in documented, table
        for column in reg.db[table].columns_dict:
            assert column in documented, f"{table}.{column}"
    reg.close()
