"""The window's shell: what serves every register (forms, pages, lists, workers, message boxes)."""
