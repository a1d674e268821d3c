"""Real registers for the tests of sign-in: an administrator and a coordinator, with Argon2id made cheap."""

from __future__ import annotations

import pytest

from register.core import keys, users
from register.core.keys import Credentials

ADA = Credentials("Ada Admin", "kettle orbit lantern sixty")
JO = Credentials("Jo Coordinator", "purple tractor saxophone")


@pytest.fixture(autouse=True)
def _cheap_derivation(monkeypatch):
    """Each passphrase costs Argon2id 1 pass over 8 MiB in tests (a quarter of a second each otherwise).
    A slot keeps its own cost, so a slot made here is opened at the same cost in any process."""
    monkeypatch.setattr(keys, "DERIVATION", keys.Derivation(time_cost=1, memory_kib=8 * 1024, parallelism=1))


@pytest.fixture
def real_path(tmp_path, now):
    """A real register at tmp_path/data/register.sqlite, made by its administrator Ada, with Jo, a
    coordinator; nobody is signed in to it."""
    path = tmp_path / "data" / "register.sqlite"
    register = users.create(path, ADA)
    users.add(register, JO, "coordinator")
    register.close()
    return path
