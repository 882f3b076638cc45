"""A week's base and its daily increments: every kept day restores exactly, damage costs only what is damaged.

The backup folder used to hold a full copy per kept day (4x the vault after a
week); now the first backup of a week is a compressed base and every later day
the pages that differ from it (``vault.packed``). These tests hold the promises
the policy made before: what is kept, every kept point restorable, a restore
all-or-nothing, a damaged or hostile file refused with a sentence, and a key
rotation reaching every day.
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
import zlib
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from hrdesk import cli
from hrdesk.errors import DamagedBackupError, WrongPassphraseError
from hrdesk.session import Session
from hrdesk.vault import KdfParams, Vault, packed
from hrdesk.vault.backup import (
    backup_dir,
    check_backup,
    check_records_if_due,
    list_backups,
    make_backup,
    readable_copy,
    restore_backup,
)

PW = "pw"
MONDAY = datetime(2026, 3, 2, 18, 0, 0)


def _texts(path: Path, passphrase: str = PW) -> list[str]:
    """Every note of the vault or backup at ``path``, decrypted (a base or increment is rebuilt first)."""
    with readable_copy(path) as copy, Vault.open(copy, passphrase) as v:
        texts = sorted(r.payload["text"] for r in v.rows("notes"))
        assert not v.damaged_records()
        v.close(backup=False)
    return texts


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def week(tmp_path: Path, fast_kdf: KdfParams) -> tuple[Path, dict[Path, list[str]]]:
    """A vault of 1,500 notes used for seven days: each day edits and adds a few, then takes the
    day's backup (all seven kept); returns the vault and what each backup should hold."""
    path = tmp_path / "org.hrdesk"
    v, _ = Vault.create(path, org_name="Org", admin_name="HR", passphrase=PW, kdf=fast_kdf)
    v.ensure_table("notes")
    ids = v.insert_many("notes", [(None, {}, {"text": f"note {i:04d} " + "x" * 40}) for i in range(1500)])
    expected: dict[Path, list[str]] = {}
    for day in range(7):
        with v.transaction():
            for n in range(5):
                v.update("notes", ids[day * 5 + n], {"text": f"edited on day {day}, #{n}"})
            v.insert("notes", {"text": f"added on day {day}"})
        taken = make_backup(v, keep=7, now=MONDAY + timedelta(days=day))
        expected[taken.path] = sorted(r.payload["text"] for r in v.rows("notes"))
    v.close(backup=False)
    return path, expected


def test_a_week_is_one_base_and_six_small_increments_that_each_restore_exactly(week) -> None:
    path, expected = week
    backups = list_backups(path)
    assert [b.kind for b in reversed(backups)] == ["base"] + ["increment"] * 6
    base = backups[-1]
    assert all(b.base == base.path for b in backups[:-1])
    vault_size = path.stat().st_size
    assert base.size_bytes < vault_size  # the structure compresses, the ciphertexts do not
    assert all(b.size_bytes < vault_size / 4 for b in backups[:-1]), (vault_size, [b.size_bytes for b in backups])
    # what the default policy keeps after such a week (the base and the newest three days) costs less than the vault
    assert base.size_bytes + sum(b.size_bytes for b in backups[:3]) < vault_size
    for b in backups:
        check_backup(b.path)
        restore_backup(path, b.path)
        assert _texts(path) == expected[b.path], f"{b.path.name} did not bring back its day"


def _daily(tmp_path: Path, fast_kdf: KdfParams, days: int, keep: int, *, checked: bool) -> Path:
    """A vault used for ``days`` days from a Monday, a note and a backup a day; with ``checked``,
    the window's record check runs on the first day."""
    path = tmp_path / "org.hrdesk"
    v, _ = Vault.create(path, org_name="Org", admin_name="HR", passphrase=PW, kdf=fast_kdf)
    v.ensure_table("notes")
    for day in range(days):
        v.insert("notes", {"text": f"day {day}"})
        make_backup(v, keep=keep, now=MONDAY + timedelta(days=day))
        if checked and day == 0:
            check_records_if_due(v, now=MONDAY + timedelta(minutes=5))
    v.close(backup=False)
    return path


def test_the_default_policy_after_a_week_keeps_the_newest_three_and_the_checked_base(tmp_path: Path, fast_kdf: KdfParams) -> None:
    path = _daily(tmp_path, fast_kdf, 7, 3, checked=True)
    kept = list_backups(path)
    assert [(b.taken, b.kind) for b in kept] == [(MONDAY + timedelta(days=d), k) for d, k in
                                                 ((6, "increment"), (5, "increment"), (4, "increment"), (0, "base"))]
    assert sorted(p.name for p in backup_dir(path).iterdir()) == sorted(b.path.name for b in kept)
    for b in kept:
        assert _texts(b.path)[-1] == f"day {(b.taken - MONDAY).days}"


def test_a_new_week_starts_a_new_base_and_a_kept_day_keeps_its_base(tmp_path: Path, fast_kdf: KdfParams) -> None:
    path = _daily(tmp_path, fast_kdf, 10, 2, checked=False)
    kinds = [(b.taken, b.kind) for b in list_backups(path)]
    day = lambda d: MONDAY + timedelta(days=d)  # noqa: E731
    # newest two (days 9, 8: increments of the second week's base, day 7), the first week's newest
    # (day 6, which keeps its base, day 0), the oldest (no record check yet: day 0 itself)
    assert kinds == [(day(9), "increment"), (day(8), "increment"), (day(7), "base"),
                     (day(6), "increment"), (day(0), "base")]
    assert all(_texts(b.path)[-1] == f"day {(b.taken - MONDAY).days}" for b in list_backups(path))


def test_a_damaged_increment_is_refused_and_costs_nothing_else(week, capsys) -> None:
    path, expected = week
    backups = list_backups(path)
    damaged = backups[2].path
    data = bytearray(damaged.read_bytes())
    data[len(data) // 2] ^= 0xFF
    damaged.write_bytes(bytes(data))
    before = _digest(path)
    with pytest.raises(DamagedBackupError) as err:
        restore_backup(path, damaged)
    assert damaged.name in str(err.value) and "Nothing was replaced" in str(err.value)
    assert _digest(path) == before and not list(path.parent.glob("*.restoring"))
    assert not list(backup_dir(path).glob("*before-restore*")), "nothing kept: nothing was replaced"
    for other in (backups[0], backups[1], backups[3], backups[-1]):
        restore_backup(path, other.path)
        assert _texts(path) == expected[other.path]
    # the CLI says the same in a sentence, exit 2, no traceback
    assert cli.main(["restore", str(path), str(damaged), "--passphrase-file", _pw_file(path)]) == 2
    err_text = capsys.readouterr().err
    assert "cannot be used" in err_text and "Traceback" not in err_text


def _pw_file(path: Path) -> str:
    pw = path.with_name("pw.txt")
    pw.write_text(PW + "\n")
    return str(pw)


def test_a_damaged_base_refuses_its_week_with_a_sentence_and_the_next_backup_starts_a_new_base(
    tmp_path: Path, fast_kdf: KdfParams
) -> None:
    path = tmp_path / "org.hrdesk"
    v, _ = Vault.create(path, org_name="Org", admin_name="HR", passphrase=PW, kdf=fast_kdf)
    v.ensure_table("notes")
    v.insert_many("notes", [(None, {}, {"text": f"n{i}"}) for i in range(300)])
    base = make_backup(v, keep=7, now=MONDAY)
    v.insert("notes", {"text": "tuesday"})
    tuesday = make_backup(v, keep=7, now=MONDAY + timedelta(days=1))
    data = bytearray(base.path.read_bytes())
    data[-200] ^= 0x55  # bit rot in the base's compressed pages
    base.path.write_bytes(bytes(data))
    with pytest.raises(DamagedBackupError, match="cannot be used"):
        check_backup(base.path)
    with pytest.raises(DamagedBackupError) as err:
        check_backup(tuesday.path)
    assert base.path.name in str(err.value)  # names the file at fault: the base
    v.insert("notes", {"text": "wednesday"})
    wednesday = make_backup(v, keep=7, now=MONDAY + timedelta(days=2))
    assert wednesday.kind == "base", "an increment against a damaged base would be worthless"
    assert base.path.exists() and tuesday.path.exists(), "damage found is never a reason to delete"
    v.close(backup=False)
    restore_backup(path, wednesday.path)
    assert "wednesday" in _texts(path)


def test_a_missing_base_is_named(week, capsys) -> None:
    path, _ = week
    backups = list_backups(path)
    backups[-1].path.unlink()
    before = _digest(path)
    with pytest.raises(DamagedBackupError, match="weekly base it needs .* is missing"):
        restore_backup(path, backups[0].path)
    assert _digest(path) == before


def _hostile_increment(folder: Path, name: str, header: dict, body: bytes) -> Path:
    blob = json.dumps(header).encode()
    target = folder / name
    target.write_bytes(packed.INCREMENT_MAGIC + struct.pack(">I", len(blob)) + blob + body)
    return target


def test_hostile_files_in_the_backup_folder_are_ignored_and_refused(week, tmp_path: Path) -> None:
    path, expected = week
    folder = backup_dir(path)
    real = list_backups(path)
    base = real[-1]
    header, _start = packed.read_header(real[0].path)
    good = {"format": 1, "vault_id": header.vault_id, "page_size": header.page_size, "pages": 4,
            "sha256": "0" * 64, "base": base.path.name, "base_sha256": packed.read_header(base.path)[0].sha256,
            "changed": 1}
    hostile = [
        # garbage with a backup's name, dated far in the future so the policy would keep it first
        _write(folder / "org-20991231T000000.hrinc", os.urandom(3000)),
        _write(folder / "org-20991231T000001.hrbase", b"SQLite format 3\x00" + os.urandom(5000)),
        # a base "beside it" that is really elsewhere
        _hostile_increment(folder, "org-20991231T000002.hrinc", {**good, "base": os.path.join(os.pardir, "x.hrbase")}, b""),
        # a header far too long, and one claiming a terabyte
        _write(folder / "org-20991231T000003.hrinc", packed.INCREMENT_MAGIC + struct.pack(">I", 1 << 30)),
        _hostile_increment(folder, "org-20991231T000004.hrinc", {**good, "pages": 1 << 40}, b""),
    ]
    # a decompression bomb: a few KiB that inflate to 64 MiB, for an increment of one page
    bomb = _hostile_increment(folder, "org-20991231T000005.hrinc", good, zlib.compress(bytes(64 << 20), 9))
    # a symlink named like a base
    link = folder / "org-20991231T000006.hrbase"
    link.symlink_to(base.path)
    listed = list_backups(path)
    assert [b.path for b in listed if b.path not in (bomb,)] == [b.path for b in real]
    for item in [*hostile, bomb, link]:
        with pytest.raises(DamagedBackupError):
            check_backup(item if item != link else hostile[0])
    with pytest.raises(DamagedBackupError, match="more than its header says"):
        restore_backup(path, bomb)
    # the policy never lets them push out a real day, and never deletes them
    with Vault.open(path, PW) as v:
        make_backup(v, keep=3, now=MONDAY + timedelta(days=6, hours=1))
        v.close(backup=False)
    assert all(item.exists() or item.is_symlink() for item in [*hostile, bomb, link])
    restore_backup(path, real[0].path)
    assert _texts(path) == expected[real[0].path]


def _write(target: Path, data: bytes) -> Path:
    target.write_bytes(data)
    return target


def test_the_window_and_cli_restore_a_day_and_log_it(week, tmp_path: Path, capsys) -> None:
    path, expected = week
    tuesday = list_backups(path)[-2]
    assert tuesday.kind == "increment"
    assert cli.main(["backup", str(path), "--list"]) == 0
    listing = capsys.readouterr().out
    assert "weekly base" in listing and f"day's changes, needs {list_backups(path)[-1].path.name}" in listing
    assert cli.main(["restore", str(path), str(tuesday.path), "--passphrase-file", _pw_file(path)]) == 0
    assert "recorded in its audit log" in capsys.readouterr().out
    assert _texts(path) == expected[tuesday.path]
    session = Session.open(path, PW)  # the window's way: restore from an open session, then unlock
    newest = list_backups(path)[0]
    session.restore(newest.path)
    session.unlock(PW)
    assert session.vault.audit_entries()[-1].target == newest.path.name
    session.close(backup=False)
    assert _texts(path) == expected[newest.path]


def test_a_key_rotation_rewrites_every_day_of_the_week(week, fast_kdf: KdfParams) -> None:
    """After a rotation, no kept day opens with the old passphrase, and each still holds its day."""
    path, expected = week
    by_day = {b.taken: expected[b.path] for b in list_backups(path)}
    with Vault.open(path, PW) as v:
        report = v.rotate_keys("a new passphrase", kdf=fast_kdf)
        v.close(backup=False)
    assert not report.backups_retired
    after = list_backups(path)
    assert [b.kind for b in reversed(after)] == ["base"] + ["increment"] * 6
    # a day keeps sharing its unchanged pages with its (re-encrypted) base: it stays small
    assert all(b.size_bytes < path.stat().st_size / 4 for b in after[:-1]), [b.size_bytes for b in after]
    for b in after:
        with readable_copy(b.path) as copy, pytest.raises(WrongPassphraseError):
            Vault.open(copy, PW)
        assert _texts(b.path, "a new passphrase") == by_day[b.taken]
    leftovers = [p.name for p in backup_dir(path).iterdir() if p.suffix not in (".hrbase", ".hrinc")]
    assert leftovers == []


def test_a_purge_starts_over_with_one_base(week) -> None:
    from hrdesk.vault.backup import replace_backups

    path, _ = week
    with Vault.open(path, PW) as v:
        replace_backups(v)
        v.close(backup=False)
    assert [b.kind for b in list_backups(path)] == ["base"]


def test_opening_a_backup_as_a_vault_says_what_it_is(week) -> None:
    from hrdesk.errors import InvalidInputError

    path, _ = week
    for b in list_backups(path)[:2]:
        with pytest.raises(InvalidInputError, match="is a backup .*not a vault"):
            Vault.open(b.path, PW)


def test_chunks_that_do_not_compress_are_stored_as_they_are_and_still_checked(tmp_path: Path) -> None:
    """Ciphertext does not compress: such chunks are kept as they are (no inflating them back every
    day), and damage in one is still found by its CRC."""
    import sqlite3

    plain = tmp_path / "random.sqlite"
    conn = sqlite3.connect(plain)
    conn.execute("CREATE TABLE t (b BLOB)")
    conn.executemany("INSERT INTO t VALUES (?)", [(os.urandom(1300),) for _ in range(1200)])
    conn.commit()
    conn.close()
    base = tmp_path / "x-20260302T180000.hrbase"
    header = packed.write_base(plain, base, "vault-id")
    header_again, start = packed.read_header(base)
    methods = [stored == length for length, stored, _data in packed._chunks(base, header, start, inflate=False)]
    assert any(methods) and header_again == header
    again = tmp_path / "again.sqlite"
    packed.rebuild(base, again)
    assert again.read_bytes() == plain.read_bytes()
    data = bytearray(base.read_bytes())
    data[-1000] ^= 1  # inside the last chunk, stored as it is
    base.write_bytes(bytes(data))
    with pytest.raises(DamagedBackupError, match="checksum"):
        packed.verify(base)


def test_full_copies_from_earlier_versions_stay_listed_restorable_and_rekeyed(tmp_path: Path, fast_kdf: KdfParams) -> None:
    from hrdesk.vault.backup import snapshot

    path = tmp_path / "org.hrdesk"
    v, _ = Vault.create(path, org_name="Org", admin_name="HR", passphrase=PW, kdf=fast_kdf)
    v.ensure_table("notes")
    v.insert("notes", {"text": "in the old full copy"})
    v.close(backup=False)
    backup_dir(path).mkdir(mode=0o700)
    legacy = backup_dir(path) / "org-20260301T180000.hrdesk"  # what earlier versions wrote: the SQLite file itself
    snapshot(path, legacy)
    with Vault.open(path, PW) as v:
        v.insert("notes", {"text": "later"})
        make_backup(v, keep=3, now=MONDAY)
        v.close(backup=False)
    assert [(b.path, b.kind) for b in list_backups(path)][1] == (legacy, "full")
    restore_backup(path, legacy)
    assert _texts(path) == ["in the old full copy"]
    with Vault.open(path, PW) as v:
        assert not v.rotate_keys("rotated", kdf=fast_kdf).backups_retired
        v.close(backup=False)
    assert _texts(legacy, "rotated") == ["in the old full copy"]
    with pytest.raises(WrongPassphraseError):
        Vault.open(legacy, PW)


def test_record_pages_are_stored_as_they_are_and_the_rest_compressed_and_it_rebuilds_exactly(tmp_path: Path) -> None:
    """A base never spends time compressing the record pages (ciphertext: a tenth smaller for three quarters of
    the time); the index and interior pages beside them are compressed; the file comes back byte for byte."""
    import sqlite3

    plain = tmp_path / "vaultlike.sqlite"
    conn = sqlite3.connect(plain)
    conn.execute("CREATE TABLE t (id BLOB, team TEXT, payload BLOB)")
    conn.execute("CREATE INDEX t_team ON t (team)")  # team names repeat: index pages compress well
    conn.executemany("INSERT INTO t VALUES (?, ?, ?)",
                     [(os.urandom(8), f"team of manager number {i % 40:03d}", os.urandom(180)) for i in range(6000)])
    conn.commit()
    conn.close()
    base = tmp_path / "x-20260302T180000.hrbase"
    header = packed.write_base(plain, base, "vault-id")
    _header, start = packed.read_header(base)
    page = header.page_size
    kinds = []
    for length, _stored, data in packed._chunks(base, header, start, inflate=True):
        leaf = {data[i] == 0x0D for i in range(0, length, page) if not (i == 0 and not kinds)}
        assert len(leaf) <= 1, "a chunk mixes record pages with other pages"
        kinds.append((leaf == {True}, length))
    stored_as_is = [length == stored for length, stored, _d in packed._chunks(base, header, start, inflate=False)]
    assert all(as_is for (is_leaf, _n), as_is in zip(kinds, stored_as_is) if is_leaf)
    assert any(not is_leaf for is_leaf, _n in kinds) and not all(stored_as_is)  # the index pages were compressed
    again = tmp_path / "again.sqlite"
    packed.rebuild(base, again)
    assert again.read_bytes() == plain.read_bytes()
