"""The board's summaries in the window."""
