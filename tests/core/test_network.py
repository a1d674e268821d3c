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


MAC_MOUNTS = """/dev/disk3s1s1 on / (apfs, sealed, local, read-only, journaled)
/dev/disk3s5 on /System/Volumes/Data (apfs, local, journaled, nobrowse)
//jo@nas.council.local/Children%20Team on /Volumes/Children Team (smbfs, nodev, nosuid, mounted by jo)
fileserver:/export/registers on /Volumes/registers (nfs, asynchronous)
afp_0TQvk400000wJE000000003J-1.2c000006 on /Volumes/Archive (afpfs, nodev, nosuid, mounted by jo)
"""


def test_a_macs_network_folders_are_told_apart_from_its_disks():
    def on(path):
        return opening.network_filesystem(Path(path), MAC_MOUNTS, "darwin")

    assert on("/Volumes/Children Team/register.sqlite") == "smbfs"
    assert on("/Volumes/registers/register.sqlite") == "nfs"
    assert on("/Volumes/Archive/2025/register.sqlite") == "afpfs"
    assert on("/Users/jo/Library/Application Support/children-missing-register/register.sqlite") is None
    assert on("/System/Volumes/Data/Users/jo/register.sqlite") is None


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
