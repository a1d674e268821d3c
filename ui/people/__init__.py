"""The people pages and forms of the window."""
