"""Audit runs saved in the vault, so governance step 1 and the audit packet can cite them.

A run records when, who, a hash of the exact data audited (so a later change of
data is visible as a different snapshot), the settings, and the full result.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hrdesk.collector import collector_paused
from hrdesk.fairness._compact import expand, to_compact
from hrdesk.fairness.result import AuditResult
from hrdesk.fairness.settings import AuditSettings
from hrdesk.progress import NULL_PROGRESS, Progress, check_cancelled
from hrdesk.records import Records, tables
from hrdesk.vault import AuditEntry, Vault

if TYPE_CHECKING:  # the audit itself (pandas, scipy) is imported only by what runs one
    import pandas as pd

    from hrdesk.fairness.inputs import AuditInput

TABLE = "audit_runs"
WHAT = "The audit"


@dataclass(frozen=True)
class AuditRun:
    id: str
    time: str
    actor: str
    cycle: str | None
    snapshot: str
    settings: AuditSettings
    result: AuditResult
    # Nanoseconds when saved: ``time`` has one-second resolution, and two runs saved in the same
    # second must still come out newest first (governance step 1 cites the latest). 0 for older runs.
    order: int = 0

    @property
    def findings_count(self) -> int:
        return len(self.result.findings)


def snapshot_hash(data: AuditInput) -> str:
    """SHA-256 of the audited data in a stable order: the same data gives the same hash.

    People in the order of their ids and written feedback in the order of its record ids (both
    unique); each column as its values' bytes: numbers as 8-byte floats, dates as microseconds,
    yes/no as bytes, anything else as texts joined by a separator (with their lengths when a text
    holds the separator itself, and which are missing), so a value can never run into the next one.
    (Runs saved before November 2026 hashed the data as text, or through pandas' row hashes, at
    several times the cost: their snapshots differ from newer ones.)
    """
    digest = hashlib.sha256()
    _hash_table(digest, "people", data.people, "person")
    if data.feedback is not None and len(data.feedback):
        _hash_table(digest, "feedback", data.feedback, "source")
    digest.update(json.dumps(list(data.scale)).encode())
    return digest.hexdigest()


def _hash_table(digest: Any, name: str, frame: pd.DataFrame, key: str) -> None:
    import numpy as np

    columns = {column: frame[column].to_numpy() for column in frame.columns}
    if key in columns:
        keys = list(map(str, columns[key].tolist()))
    else:
        keys = ["\x1f".join(row) for row in zip(*(map(str, values) for values in columns.values()))]
    order = np.array(sorted(range(len(keys)), key=keys.__getitem__), dtype=np.intp)  # stable, as the ids are
    for column, values in columns.items():
        data = _value_bytes(values[order])
        digest.update(json.dumps([name, column, len(values), len(data)]).encode())
        digest.update(data)


def _value_bytes(values: Any) -> bytes:
    """The bytes of one column's values (see ``snapshot_hash``): the same for the same values, whichever
    of pandas' types hold them (whole numbers or floats, dates to the second or to the microsecond)."""
    import numpy as np

    kind = values.dtype.kind
    if kind in "iuf":
        return b"f8" + values.astype("<f8").tobytes()
    if kind == "b":
        return b"b1" + values.astype(np.uint8).tobytes()
    if kind in "mM":
        unit = "datetime64[us]" if kind == "M" else "timedelta64[us]"
        return kind.encode() + values.astype(unit).view("<i8").tobytes()
    texts = values.tolist()
    try:
        joined, missing = "\x1f".join(texts), b""  # all texts: none missing
    except TypeError:
        import pandas as pd

        texts = list(map(str, texts))
        joined, missing = "\x1f".join(texts), np.packbits(pd.isna(values)).tobytes()
    lengths = b""
    if joined.count("\x1f") != len(texts) - 1:  # a text holds the separator: say where each one ends
        lengths = np.fromiter(map(len, texts), dtype="<i8", count=len(texts)).tobytes()
    tag = b"t" + (b"m" if missing else b"-") + (b"l" if lengths else b"-")  # which parts follow
    return tag + missing + lengths + joined.encode("utf-8", "surrogatepass")


def run_and_save(
    vault: Vault,
    settings: AuditSettings | None = None,
    *,
    cycle: str | None = None,
    reference_date: dt.date | None = None,
    progress: Progress = NULL_PROGRESS,
) -> AuditRun:
    """Audit the vault's records and store the run; nothing is stored if cancelled."""
    from hrdesk.fairness.run import run_audit
    from hrdesk.fairness.vault_input import audit_input_from_records

    settings = settings or AuditSettings()
    progress.begin("Reading records", 0)
    data = audit_input_from_records(Records(vault), cycle=cycle, reference_date=reference_date)
    check_cancelled(progress, WHAT)
    result = run_audit(data, settings, progress)
    check_cancelled(progress, WHAT)
    return save_run(vault, data, settings, result, cycle)


def save_run(vault: Vault, data: AuditInput, settings: AuditSettings, result: AuditResult, cycle: str | None) -> AuditRun:
    """Store ``result`` of auditing ``data`` as a run, with its snapshot and its audit entry, in one transaction.

    The cycle collector is held off meanwhile: the compact form of a 100,000-person result is some
    hundred thousand new lists and strings, none in a cycle, and collecting walked all of them.
    """
    with collector_paused():
        return _save_run(vault, data, settings, result, cycle)


def _save_run(vault: Vault, data: AuditInput, settings: AuditSettings, result: AuditResult, cycle: str | None) -> AuditRun:
    vault.ensure_table(TABLE)
    snapshot = snapshot_hash(data)
    now = dt.datetime.now(dt.timezone.utc)
    time = now.isoformat(timespec="seconds")
    order = int(now.timestamp() * 1_000_000) * 1000
    payload = {
        "time": time,
        "order": order,
        "actor": vault.user.name,
        "cycle": cycle,
        "snapshot": snapshot,
        "settings": settings.to_dict(),
        "result": to_compact(result),  # tables by column: a fraction of the bytes and the time (see _compact)
    }
    with vault.transaction():
        run_id = vault.insert(TABLE, payload)
        vault.audit(
            "audit.run",
            target=run_id,
            details={"snapshot": snapshot[:16], "findings": len(result.findings), "people": len(data.people)},
        )
    return AuditRun(run_id, time, vault.user.name, cycle, snapshot, settings, result, order)


def forget_purged(vault: Vault, deleted: dict[str, list[str]]) -> int:
    """Drop quotes of purged people and purged feedback from saved runs; returns how many went.

    Runs keep the aggregate numbers (they are the governance evidence), but a
    verbatim feedback snippet must not outlive the feedback's retention period.
    """
    if TABLE not in vault.tables():
        return 0
    people = set(deleted.get(tables.EMPLOYEES, ()))
    sources = set(deleted.get(tables.FEEDBACK, ()))
    removed = 0
    with vault.transaction():
        for row in list(vault.rows(TABLE)):
            language = row.payload["result"].get("language", {})
            hits = expand(language.get("hits", []))
            kept = [h for h in hits if h.get("person") not in people and h.get("source") not in sources]
            if len(kept) != len(hits):
                removed += len(hits) - len(kept)
                payload = dict(row.payload)
                payload["result"] = {**payload["result"], "language": {**language, "hits": kept, "hits_kept": len(kept)}}
                vault.update(TABLE, row.id, payload)
        if removed:
            vault.audit("audit.quotes_purged", details={"quotes": removed})
    return removed


def changes_since(vault: Vault, run: AuditRun, entries: list[AuditEntry] | None = None) -> list[AuditEntry]:
    """Data changes logged after ``run``: a reason to run the audit again before citing it.

    Read from the audit log rather than re-reading the records, so checking
    costs no decryption of personal data and no protected-attribute access.
    Which actions count is decided by the session's action registry (the kinds
    each action changes), not by the shape of their names.
    """
    from hrdesk.session.actions import changes_audit_inputs

    entries = vault.audit_entries() if entries is None else entries
    saved = next((e.seq for e in entries if e.action == "audit.run" and e.target == run.id), None)
    after = (lambda e: e.seq > saved) if saved is not None else (lambda e: e.time > run.time)
    return [e for e in entries if after(e) and changes_audit_inputs(e.action)]


def list_runs(vault: Vault) -> list[AuditRun]:
    """Saved runs, newest first."""
    if TABLE not in vault.tables():
        return []
    runs = [
        AuditRun(
            id=row.id,
            time=row.payload["time"],
            actor=row.payload["actor"],
            cycle=row.payload.get("cycle"),
            snapshot=row.payload["snapshot"],
            settings=AuditSettings.from_dict(row.payload["settings"]),
            result=AuditResult.from_dict(row.payload["result"]),
            order=int(row.payload.get("order", 0)),
        )
        for row in vault.rows(TABLE)
    ]
    return sorted(runs, key=lambda r: (r.time, r.order), reverse=True)


def latest_run(vault: Vault) -> AuditRun | None:
    runs = list_runs(vault)
    return runs[0] if runs else None
