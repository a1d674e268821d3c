"""The fostering pages and forms of the window."""
