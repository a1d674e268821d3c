"""The education pages and forms of the window."""
