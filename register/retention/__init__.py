"""Retention: a child's records are reviewed once the child reaches the age the register's settings give
(25 unless changed), and a manager may then erase them, leaving a stub and the audit trail's who and when.
docs/security.md (Retention) says what erasure does and does not reach."""
