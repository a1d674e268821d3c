"""The board's oversight summaries: figures for a period, commentary, and the CSV."""
