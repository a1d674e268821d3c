"""Backups of the register: made with SQLite's online backup API, each verified, kept on a rotation,
listed, and restored without ever deleting the file they replace."""
