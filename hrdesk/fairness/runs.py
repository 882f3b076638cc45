"""Audit runs saved in the vault, so governance step 1 and the audit packet can cite them.

A run records when, who, a hash of the exact data audited (so a later change of
data is visible as a different snapshot), the settings, and the full result.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

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
    # The result, or its stored form (``AuditResult.to_dict``'s, compact or not), rebuilt on first use:
    # a 100,000-person run takes half a second to rebuild, and a list of runs mostly shows when and by whom.
    result_source: AuditResult | Mapping[str, Any] = field(repr=False, compare=False)
    # Nanoseconds when saved: ``time`` has one-second resolution, and two runs saved in the same
    # second must still come out newest first (governance step 1 cites the latest). 0 for older runs.
    order: int = 0

    @functools.cached_property
    def result(self) -> AuditResult:
        source = self.result_source
        return source if isinstance(source, AuditResult) else AuditResult.from_dict(source)

    @property
    def findings_count(self) -> int:
        """How many findings the run holds, without rebuilding the rest of a stored result."""
        source = self.result_source
        if isinstance(source, AuditResult) or "result" in self.__dict__:
            return len(self.result.findings)
        return len(expand(source.get("findings", [])))


def snapshot_hash(data: AuditInput) -> str:
    """SHA-256 of the audited data in a stable order: the same data gives the same hash.

    Every column as text, people in the order of their ids and written feedback in the order of
    its record ids (both unique), the texts of a column joined by a separator (with their lengths
    when a text holds the separator itself), so a value can never run into the next one. (Runs
    saved before November 2026 hashed the same data through pandas' row hashes, at several times
    the cost: their snapshots differ from newer ones.)
    """
    digest = hashlib.sha256()
    _hash_table(digest, "people", data.people, "person")
    if data.feedback is not None and len(data.feedback):
        _hash_table(digest, "feedback", data.feedback, "source")
    digest.update(json.dumps(list(data.scale)).encode())
    return digest.hexdigest()


def _hash_table(digest: Any, name: str, frame: pd.DataFrame, key: str) -> None:
    import numpy as np

    columns = {column: _texts(frame[column]) for column in frame.columns}
    keys = columns[key] if key in columns else ["\x1f".join(row) for row in zip(*columns.values())]
    order = np.argsort(np.array(keys, dtype=str), kind="stable")  # fixed-width text: sorted in C
    for column, texts in columns.items():
        texts = texts[order]
        joined = "\x1f".join(texts)
        digest.update(json.dumps([name, column, len(texts)]).encode())
        if joined.count("\x1f") != len(texts) - 1:  # a text holds the separator: say where each one ends
            digest.update(np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)).tobytes())
        digest.update(joined.encode("utf-8", "surrogatepass"))


def _texts(column: pd.Series) -> Any:
    """A column as an array of texts (pandas' string columns keep a missing value as NaN through ``astype``)."""
    return column.astype(str).to_numpy(dtype=object, na_value="nan")


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
    """Store ``result`` of auditing ``data`` as a run, with its snapshot and its audit entry, in one transaction."""
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
            result_source=row.payload["result"],
            order=int(row.payload.get("order", 0)),
        )
        for row in vault.rows(TABLE)
    ]
    return sorted(runs, key=lambda r: (r.time, r.order), reverse=True)


def latest_run(vault: Vault) -> AuditRun | None:
    runs = list_runs(vault)
    return runs[0] if runs else None
