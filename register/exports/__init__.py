"""The statutory returns and the lists as files: each return one module, none imports Qt.

``sheets`` writes a table as CSV or an Excel workbook (a cell that would run as a formula is written
as text); ``writing`` writes an export whole or not at all, asks the person's role first and leaves
an audit row and a log line. docs/exports.md lists each export, its columns and its source.
"""
