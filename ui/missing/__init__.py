"""The missing pages and forms of the window."""
