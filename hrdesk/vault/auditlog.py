"""The append-only, hash-chained audit log.

Each entry is encrypted like any record, and chained by an HMAC (keyed from
the data key, so the chain leaks nothing about the content) over the previous
entry's MAC and this entry's canonical JSON. The newest (seq, mac) is kept as
an encrypted "head" so that deleting entries from the end is detected too.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from hrdesk.errors import DamagedVaultError, PermissionDeniedError
from hrdesk.vault import anchor, sealing
from hrdesk.vault.cipher import DecryptionFailed, audit_aad
from hrdesk.vault.store import Store

GENESIS = "0" * 64


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    time: str
    actor: str
    action: str
    target: str
    details: dict = field(default_factory=dict)
    prev: str = GENESIS

    def to_dict(self) -> dict:
        return {
            "seq": self.seq,
            "time": self.time,
            "actor": self.actor,
            "action": self.action,
            "target": self.target,
            "details": self.details,
            "prev": self.prev,
        }

    @classmethod
    def from_dict(cls, data: dict) -> "AuditEntry":
        return cls(**{k: data[k] for k in ("seq", "time", "actor", "action", "target", "details", "prev")})


@dataclass(frozen=True)
class ChainReport:
    """The outcome of re-computing the chain; ``first_broken`` is a seq number or None."""

    entries: int
    first_broken: int | None = None
    problem: str = ""

    @property
    def ok(self) -> bool:
        return self.first_broken is None and not self.problem

    def summary(self) -> str:
        if self.ok:
            return f"Audit log intact: {self.entries} entries, chain verified."
        where = f"entry #{self.first_broken}" if self.first_broken is not None else "the log"
        return f"Audit log BROKEN at {where}: {self.problem}"


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def entry_mac(key: bytes, entry: AuditEntry) -> str:
    canonical = json.dumps(entry.to_dict(), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hmac.new(key, (entry.prev + canonical).encode("utf-8"), hashlib.sha256).hexdigest()



HEAD_KEY = "audit_head"
MAC_KEY_META = "audit_key"  # the chain's MAC key, kept stable across data-key rotations


class AuditLog:
    """Append, read and verify the chained log of one store, keyed by ``mac_key``.

    In a vault with team keys every entry is *sealed* to the audit public key
    (``sealing``): every user can append to the one chain (they hold the chain
    key and the public key), only HR and auditors (who hold ``reader``) can read.
    """

    def __init__(self, store: Store, mac_key: bytes, *, public: bytes | None = None, reader: bytes | None = None) -> None:
        self.store = store
        self.mac_key = mac_key
        self.public = public
        self.reader = reader
        self.appended: list[AuditEntry] = []  # this session's own entries (a manager cannot read them back)

    @property
    def readable(self) -> bool:
        return self.public is None or self.reader is not None

    def _require_readable(self) -> None:
        if not self.readable:
            raise PermissionDeniedError("Only HR and auditors can read the audit log.")

    def seal(self, entry: AuditEntry) -> bytes:
        plain = json.dumps(entry.to_dict(), separators=(",", ":"), ensure_ascii=False).encode("utf-8")
        if self.public is not None:
            return sealing.seal(self.public, plain, audit_aad(entry.seq))
        return self.store.require_cipher().encrypt_bytes(plain, audit_aad(entry.seq))

    def append(self, *, actor: str, action: str, target: str = "", details: Mapping[str, Any] | None = None) -> AuditEntry:
        """Append one chained entry in the current transaction (or its own)."""
        store = self.store
        with store.write():
            head = store.meta_get(HEAD_KEY, None)
            if head is None:
                if store.conn.execute("SELECT 1 FROM audit_log LIMIT 1").fetchone():
                    raise DamagedVaultError("the audit log's head record is missing", table="vault_meta")
                head = {"seq": 0, "mac": GENESIS}
            entry = AuditEntry(
                seq=head["seq"] + 1, time=now_iso(), actor=actor, action=action, target=target,
                details=dict(details or {}), prev=head["mac"],
            )
            mac = entry_mac(self.mac_key, entry)
            blob = self.seal(entry)
            with store.errors("audit_log"):
                store.conn.execute("INSERT INTO audit_log VALUES (?, ?, ?)", (entry.seq, mac, blob))
            store.meta_set(HEAD_KEY, {"seq": entry.seq, "mac": mac})
        self.appended.append(entry)
        return entry

    def _decode(self, seq: int, blob: bytes) -> AuditEntry:
        if sealing.is_sealed(blob):
            if self.reader is None:
                raise DecryptionFailed("sealed entry and no reading key")
            data = json.loads(sealing.open_sealed(self.reader, blob, audit_aad(seq)))
        else:
            data = self.store.require_cipher().decrypt_json(blob, audit_aad(seq))
        if not isinstance(data, dict):
            raise DecryptionFailed("not an entry")
        return AuditEntry.from_dict(data)

    def since(self, seq: int) -> list[AuditEntry]:
        """Entries after ``seq``: read from the file, or (for a manager) this session's own."""
        if not self.readable:
            return [e for e in self.appended if e.seq > seq]
        return self.entries(after=seq)

    def entries(self, after: int = 0) -> list[AuditEntry]:
        self._require_readable()
        with self.store.io, self.store.errors("audit_log"):
            rows = self.store.conn.execute(
                "SELECT seq, payload FROM audit_log WHERE seq > ? ORDER BY seq", (after,)
            ).fetchall()
        entries = []
        for seq, blob in rows:
            try:
                entries.append(self._decode(seq, blob))
            except (DecryptionFailed, KeyError, TypeError, ValueError):
                raise DamagedVaultError("an audit log entry fails its integrity check", table="audit_log", record_id=str(seq)) from None
        return entries

    def verify(self, vault_id: str, *, anchored: bool = True) -> ChainReport:
        """Recompute every MAC in order and name the first entry that does not fit.

        ``anchored=False`` (a backup being inspected) skips the comparison with the
        head this computer remembers, and does not move it: a copy is older by design.
        """
        self.store.require_cipher()
        self._require_readable()
        with self.store.io, self.store.errors("audit_log"):
            rows = self.store.conn.execute("SELECT seq, mac, payload FROM audit_log ORDER BY seq").fetchall()
        prev = GENESIS
        for expected, (seq, mac, blob) in enumerate(rows, start=1):
            if seq != expected:
                return ChainReport(len(rows), expected, f"entry #{expected} is missing (next found is #{seq})")
            try:
                entry = self._decode(seq, blob)
            except (DecryptionFailed, KeyError, TypeError, ValueError):
                return ChainReport(len(rows), seq, "its content was altered (decryption failed)")
            if entry.prev != prev or entry.seq != seq:
                return ChainReport(len(rows), seq, "it does not link to the entry before it")
            # Bytes: a damaged MAC may hold non-ASCII text, which compare_digest refuses as str.
            if not hmac.compare_digest(entry_mac(self.mac_key, entry).encode(), str(mac).encode("utf-8", "replace")):
                return ChainReport(len(rows), seq, "its hash does not match its content")
            prev = mac
        try:
            head = self.store.meta_get(HEAD_KEY, None)
        except DamagedVaultError:
            return ChainReport(len(rows), None, "the chain head record was altered")
        if head is None or not rows:
            # Creating a vault writes entry #1, so an empty log or a missing head is never legitimate.
            return ChainReport(len(rows), 1, "the audit log or its head was erased")
        if head["seq"] != len(rows) or head["mac"] != prev:
            return ChainReport(len(rows), len(rows) + 1, f"entries after #{len(rows)} were removed (log should end at #{head['seq']})")
        if not anchored:
            return ChainReport(len(rows))
        return check_anchor(vault_id, [mac for _seq, mac, _blob in rows])

    def remember_head(self, vault_id: str) -> None:
        head = self.store.meta_get(HEAD_KEY, None)
        if head:
            anchor.remember(vault_id, int(head["seq"]), str(head["mac"]))


def check_anchor(vault_id: str, macs: list[str]) -> ChainReport:
    """Compare with the furthest head this computer has seen (see ``anchor``), then move it on."""
    known = anchor.load(vault_id)
    if known is not None and known.seq > len(macs):
        return ChainReport(
            len(macs), len(macs) + 1,
            f"the log ends at #{len(macs)}, but this computer saw it reach #{known.seq} on {known.seen[:10]}: "
            "entries were removed or an older copy of the vault was put back",
        )
    if known is not None and macs[known.seq - 1] != known.mac:
        return ChainReport(len(macs), known.seq, "it is not the entry this computer saw at that position")
    anchor.remember(vault_id, len(macs), macs[-1])
    return ChainReport(len(macs))
