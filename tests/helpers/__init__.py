"""What the tests share: values and instants, widget driving, spreadsheets, and fixtures (registered
by tests/conftest.py)."""
