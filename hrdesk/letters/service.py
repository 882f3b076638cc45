"""Letters as session operations: read the records, write the PDFs outside any transaction, then log them.

The PDFs are written with no write transaction open (a thousand letters take
seconds); the log entry and its audit entry are one operation afterwards. If
logging fails the files just written are removed, so a letter on disk is
always a letter in the log.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hrdesk import __version__
from hrdesk.letters import log
from hrdesk.letters.generate import Batch, GenerationResult, choose_recipients, prepare, write
from hrdesk.letters.kinds import LetterType
from hrdesk.progress import NULL_PROGRESS, Progress

if TYPE_CHECKING:
    from hrdesk.session import Outcome, Session
    from hrdesk.vault import Vault


def prepare_batch(session: "Session", kind: LetterType, *, employee_ids: Sequence[str] = (), everyone: bool = False,
                  team: str | None = None, contracts: Sequence[Any] = (), progress: Progress = NULL_PROGRESS) -> Batch:
    """The filled letters for the chosen people (a read)."""
    from hrdesk.records import Records

    def build(vault: "Vault") -> Batch:
        records = Records(vault)
        if contracts:  # one letter per contest or review, even two for one person
            by_id = {e.employee_id: e for e in records.employees.list()}
            people = [by_id.get(c.employee_id) or records.employees.require(c.employee_id) for c in contracts]
        else:
            people = choose_recipients(records, employee_ids=employee_ids, everyone=everyone, team=team)
        return prepare(records, kind, people, contracts=contracts, progress=progress)

    return session.read(build)


def generate(session: "Session", kind: LetterType, out_dir: Path, *, employee_ids: Sequence[str] = (),
             everyone: bool = False, team: str | None = None, contracts: Sequence[Any] = (), merged: bool = False,
             progress: Progress = NULL_PROGRESS) -> "Outcome[GenerationResult]":
    batch = prepare_batch(session, kind, employee_ids=employee_ids, everyone=everyone, team=team, contracts=contracts,
                          progress=progress)
    files = write(batch, Path(out_dir), merged=merged, progress=progress)
    people = [p.employee for p in batch.letters]
    try:
        return session.perform(lambda vault: _record(vault, batch, files, merged, session.actor.name, people))
    except BaseException:
        for path in files:
            path.unlink(missing_ok=True)
        raise


def _record(vault: "Vault", batch: Batch, files: list[Path], merged: bool, actor: str, people: list[Any]) -> GenerationResult:
    with vault.transaction():
        log.record_generated(vault, kind=batch.kind.value, template=batch.template.name,
                             template_version=batch.template.version, employee_ids=[p.id for p in people], actor=actor,
                             hrdesk_version=__version__, system_version=batch.population.system_version)
        if batch.kind is LetterType.OWN_DATA:  # a data-access report is a subject-access disclosure, logged per person
            for person in people:
                vault.audit("export.subject_access", target=person.id, details={"format": "letter (PDF)"})
    return GenerationResult(batch.kind, tuple(files), tuple(p.employee_id for p in people), batch.template.name,
                            batch.template.version, batch.population.system_version, merged)


def mark_delivered(session: "Session", employee_ids: Sequence[str] | None, *, channel: str, on: dt.date,
                   kind: LetterType = LetterType.DISCLOSURE) -> "Outcome[int]":
    """Mark the latest ``kind`` letter of each person (HRIS ids; ``None``: everyone with one) delivered."""
    from hrdesk.records import Records

    def run(vault: "Vault") -> int:
        ids = None
        if employee_ids is not None:
            records = Records(vault)
            by_id = {e.employee_id: e.id for e in records.employees.list()}
            ids = [by_id.get(e) or records.employees.require(e).id for e in employee_ids]
        return log.mark_delivered(vault, ids, kind=kind.value, channel=channel, on=on)

    return session.perform(run)


def status(session: "Session") -> log.DisclosureSummary:
    """Who has a current, a stale or no AI-use disclosure (current employees)."""
    from hrdesk.records import Records

    def read(vault: "Vault") -> log.DisclosureSummary:
        records = Records(vault)
        managers = {t.id: t.manager_name for t in records.teams.list()}
        return log.disclosure_status(vault, records.employees.list(), managers)

    return session.read(read)
