"""Sign-offs: who signed which step, when, on what evidence, and a hash of the answers.

Two stores, for two readers:

* the table ``governance_signoffs`` holds every sign-off in full (answers,
  evidence ids, the answers' hash, the one-page summary of step 3), encrypted
  like every record; the wizard, ``show`` and the packet read it;
* the small meta value ``governance.state`` holds, per step, the latest
  sign-off's audit sequence number and the latest change that reopened it,
  plus how far the audit log has been checked for such changes. The status
  line reads only this (and the log's head), so it costs two small
  decryptions however large the vault, and never touches personal data.

A step is *signed* when it has a sign-off and no reopening newer than it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hrdesk.vault import Vault

TABLE = "governance_signoffs"
STATE_KEY = "governance.state"
ACTION_SIGNED = "governance.signed_off"


def answers_hash(answers: Mapping[str, Any]) -> str:
    """SHA-256 of the answers in a canonical form: the same answers give the same hash, whatever the key order."""
    text = json.dumps(answers, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Reopening:
    """A change that reopened steps: which change (in words), when, by whom, from which step on."""

    from_step: int
    seq: int  # the audit entry of the change
    time: str
    by: str
    action: str
    description: str

    def sentence(self, step: int | None = None) -> str:
        which = f"step {step}" if step is not None else f"steps {self.from_step}-6"
        return f"{which} reopened: {self.description.rstrip('.')} on {self.time[:10]} by {self.by}"

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> "Reopening":
        return cls(**{k: raw[k] for k in cls.__dataclass_fields__})


@dataclass(frozen=True)
class SignedMark:
    """The state's short form of a sign-off (enough to decide and say whether a step is signed)."""

    seq: int
    time: str
    by: str
    hash: str
    id: str = ""


@dataclass(frozen=True)
class GovernanceState:
    signed: dict[int, SignedMark] = field(default_factory=dict)
    reopened: dict[int, Reopening] = field(default_factory=dict)  # the latest change that reopened each step
    checked_seq: int = 0  # the audit log has been searched for reopening changes up to here

    def is_signed(self, step: int) -> bool:
        mark = self.signed.get(step)
        if mark is None:
            return False
        again = self.reopened.get(step)
        return again is None or again.seq < mark.seq

    def reopening(self, step: int) -> Reopening | None:
        """The change that reopened ``step`` since its sign-off, if any."""
        mark, again = self.signed.get(step), self.reopened.get(step)
        if mark is not None and again is not None and again.seq > mark.seq:
            return again
        return None

    @property
    def steps_done(self) -> int:
        """How many steps, from the first, are signed without a gap."""
        done = 0
        for number in range(1, 7):
            if not self.is_signed(number):
                break
            done = number
        return done

    @property
    def anything_signed(self) -> bool:
        return bool(self.signed)

    def to_dict(self) -> dict[str, Any]:
        return {"signed": {str(k): dict(v.__dict__) for k, v in self.signed.items()},
                "reopened": {str(k): v.to_dict() for k, v in self.reopened.items()},
                "checked_seq": self.checked_seq}

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any] | None) -> "GovernanceState":
        if not raw:
            return cls()
        return cls(signed={int(k): SignedMark(**v) for k, v in (raw.get("signed") or {}).items()},
                   reopened={int(k): Reopening.from_dict(v) for k, v in (raw.get("reopened") or {}).items()},
                   checked_seq=int(raw.get("checked_seq", 0)))


def load_state(vault: "Vault") -> GovernanceState:
    return GovernanceState.from_dict(vault.meta_get(STATE_KEY, None))


def save_state(vault: "Vault", state: GovernanceState) -> None:
    vault.meta_set(STATE_KEY, state.to_dict())


@dataclass(frozen=True)
class SignOff:
    """One sign-off in full, as the wizard, ``show`` and the packet cite it."""

    id: str
    step: int
    time: str
    by: str
    by_id: str
    audit_seq: int
    answers: dict[str, Any]
    answers_hash: str
    evidence: dict[str, Any]
    summary: str = ""  # step 3's one-page summary, kept for the packet

    @property
    def answers_match(self) -> bool:
        """Whether the stored answers still hash to what was signed (a changed record would not)."""
        return answers_hash(self.answers) == self.answers_hash


def ensure_table(vault: "Vault") -> None:
    vault.ensure_table(TABLE)


def record(vault: "Vault", *, step: int, signer_id: str, signer: str, answers: Mapping[str, Any],
           evidence: Mapping[str, Any], summary: str = "") -> SignOff:
    """Store a sign-off with its audit entry and mark it in the state (inside the caller's transaction)."""
    ensure_table(vault)
    digest = answers_hash(answers)
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    entry = vault.audit(ACTION_SIGNED, details={"step": step, "signed_by": signer, "answers_hash": digest[:16],
                                                "evidence": _evidence_brief(evidence)})
    payload = {"step": step, "time": now, "by": signer, "by_id": signer_id, "audit_seq": entry.seq,
               "answers": dict(answers), "answers_hash": digest, "evidence": dict(evidence), "summary": summary}
    row_id = vault.insert(TABLE, payload)
    state = load_state(vault)
    signed = dict(state.signed)
    signed[step] = SignedMark(entry.seq, now, signer, digest, row_id)
    checked = state.checked_seq if state.anything_signed else entry.seq
    save_state(vault, GovernanceState(signed, dict(state.reopened), checked))
    return SignOff(row_id, step, now, signer, signer_id, entry.seq, dict(answers), digest, dict(evidence), summary)


def _evidence_brief(evidence: Mapping[str, Any]) -> dict[str, Any]:
    """Evidence ids for the audit entry: lists are counted, not copied (a letter id per employee is long)."""
    return {k: (f"{len(v)} ids" if isinstance(v, list | tuple) and len(v) > 5 else v) for k, v in evidence.items()}


def all_signoffs(vault: "Vault") -> list[SignOff]:
    """Every sign-off, oldest first."""
    if TABLE not in vault.tables():
        return []
    out = [SignOff(id=row.id, **{k: row.payload[k] for k in SignOff.__dataclass_fields__ if k != "id"})
           for row in vault.rows(TABLE)]
    return sorted(out, key=lambda s: s.audit_seq)


def latest(vault: "Vault", step: int) -> SignOff | None:
    state = load_state(vault)
    mark = state.signed.get(step)
    if mark is None:
        return None
    if mark.id and TABLE in vault.tables():
        row = vault.get(TABLE, mark.id)
        return SignOff(id=row.id, **{k: row.payload[k] for k in SignOff.__dataclass_fields__ if k != "id"})
    found = [s for s in all_signoffs(vault) if s.step == step]
    return found[-1] if found else None
