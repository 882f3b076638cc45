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
from dataclasses import dataclass, field
from datetime import datetime, timezone

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


def audit_aad(seq: int) -> bytes:
    return f"audit_log\x1f{seq}".encode("ascii")
