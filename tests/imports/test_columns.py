"""What the import dialog and the templates say of each import's columns is what the import does:
a column said to be required refuses a row that leaves it blank, naming it; one said to be optional
does not (the template's example row with it blank imports, unless another column depends on it)."""

import csv

import pytest

from register import Actor, open_register
from register.core.face import Column
from register.faces import REGISTERS
from register.imports.columns import in_header_order
from register.imports.spreadsheet import ImportRefused

IMPORTERS = [importer for face in REGISTERS for importer in face.importers]


def _blanked(tmp_path, importer, column):
    path = tmp_path / f"{importer.kind}-{column}.csv"
    row = ["" if name == column else cell for name, cell in zip(importer.names, importer.example, strict=True)]
    with path.open("w", newline="", encoding="utf-8") as file:
        csv.writer(file).writerows([importer.names, row])
    return path


@pytest.mark.parametrize("importer", IMPORTERS, ids=lambda importer: importer.kind)
def test_each_required_column_left_blank_refuses_the_row_naming_it(tmp_path, now, importer):
    required = [column.name for column in importer.columns if column.required]
    assert "dob" in required and "forenames" in required  # every import names its child
    for name in required:
        register = open_register(tmp_path / f"{name}.sqlite", Actor("Jo Coordinator", "manager"))
        try:
            with pytest.raises(ImportRefused) as refused:
                importer.run(register, _blanked(tmp_path, importer, name), None)
            assert (2, name) in [(problem.row, problem.column) for problem in refused.value.problems]
            assert register.db["children"].count == 0
        finally:
            register.close()


def test_an_optional_column_left_blank_imports(tmp_path, now):
    missing = next(importer for importer in IMPORTERS if importer.kind == "missing")
    assert not next(column for column in missing.columns if column.name == "police_reference").required
    register = open_register(tmp_path / "r.sqlite", Actor("Jo Coordinator", "manager"))
    try:
        assert missing.run(register, _blanked(tmp_path, missing, "police_reference"), None).rows == 1
    finally:
        register.close()


def test_columns_described_must_be_the_header_the_import_reads():
    columns = (Column("dob", "date of birth", "01/01/2012"), Column("sex", "M or F", "F"))
    assert in_header_order(["dob", "sex"], columns) == columns
    with pytest.raises(ValueError, match=r"\(dob, sex\) are not the header read \(sex, dob\)"):
        in_header_order(["sex", "dob"], columns)
