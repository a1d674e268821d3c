"""A register on a network folder: told apart from one on this computer's disks, and kept without the
write-ahead log, which network file systems cannot hold safely."""

from pathlib import Path

from register import Actor, open_register
from register.core import opening

MOUNTS = """/dev/sda1 / ext4 rw,relatime 0 0
tmpfs /tmp tmpfs rw 0 0
server:/export /mnt/share nfs4 rw,relatime 0 0
//nas/team /mnt/team\\040drive cifs rw 0 0
"""


def test_network_file_systems_are_told_apart_from_local_disks():
    assert opening.network_filesystem(Path("/mnt/share/register.sqlite"), MOUNTS, "linux") == "nfs4"
    assert opening.network_filesystem(Path("/mnt/team drive/register.sqlite"), MOUNTS, "linux") == "cifs"
    assert opening.network_filesystem(Path("/mnt/shared/register.sqlite"), MOUNTS, "linux") is None  # not /mnt/share
    assert opening.network_filesystem(Path("/home/jo/register.sqlite"), MOUNTS, "linux") is None
    assert opening.network_filesystem(Path("/tmp/register.sqlite"), MOUNTS, "linux") is None
    unc = Path("//fileserver/children/register.sqlite")
    assert opening.network_filesystem(unc, None, "win32") == "a Windows network share"


def test_a_register_on_a_network_folder_uses_the_rollback_journal(tmp_path, monkeypatch):
    monkeypatch.setattr(opening, "network_filesystem", lambda path: "nfs4")
    register = open_register(tmp_path / "register.sqlite", Actor("Jo"))
    assert register.network == "nfs4"
    assert register.db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    register.close()
    monkeypatch.undo()
    local = open_register(tmp_path / "register.sqlite", Actor("Jo"))
    assert local.network is None and local.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    local.close()
