"""The session's named operations: each one call, one transaction, one ``Outcome``.

Each wraps a core function in ``Session.perform`` so the window and the CLI
call the same thing and receive the same ``Changes``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from hrdesk.progress import NULL_PROGRESS, Progress
from hrdesk.session.changes import Changes

if TYPE_CHECKING:
    from hrdesk.contests.cases import NewContest, Resolution
    from hrdesk.contests.model import Contest
    from hrdesk.contests.service import ContestLetters
    from hrdesk.fairness.runs import AuditRun
    from hrdesk.governance.register import DecisionRegister
    from hrdesk.letters.generate import GenerationResult
    from hrdesk.letters.kinds import LetterType
    from hrdesk.letters.log import DisclosureSummary
    from hrdesk.letters.settings import LetterSettings
    from hrdesk.monitoring.model import Alert, MonitoringReport
    from hrdesk.fairness.settings import AuditSettings
    from hrdesk.importing.plan import ImportPlan
    from hrdesk.importing.report import ImportReport
    from hrdesk.records import ConsentEvent, Employee, Records
    from hrdesk.records.export import ExportResult
    from hrdesk.records.retention import PurgeReport
    from hrdesk.reviews.draft import ReviewDraft
    from hrdesk.reviews.model import ReviewCycle, ReviewRecord
    from hrdesk.reviews.suggestions import PersonSuggestions
    from hrdesk.vault import Vault

T = TypeVar("T")


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """What an operation returned, and what it changed."""

    result: T
    changes: Changes


class Operations:
    """Mixed into ``Session``: every write a person can make, by name."""

    def perform(self, fn: "Callable[[Vault], T]", *, atomic: bool = True) -> Outcome[T]:  # pragma: no cover - Session's
        raise NotImplementedError

    def read(self, fn: "Callable[[Vault], T]") -> T:  # pragma: no cover - defined by Session
        raise NotImplementedError

    def require_hr(self, what: str, command: str) -> None:  # pragma: no cover - defined by Session
        raise NotImplementedError

    def update_employee(self, employee_id: str, **fields: Any) -> "Outcome[Employee]":
        """Change fields of one employee record: HR only (``records.edit_rules``; the window checks the values first)."""
        from hrdesk.records import Records
        from hrdesk.records.edit_rules import PROFILE_EDIT_COMMAND, PROFILE_EDIT_WHAT, may_edit_profile

        if self.actor.may_write and not may_edit_profile(self.actor.role):  # an auditor is refused as a reader below
            self.require_hr(PROFILE_EDIT_WHAT, PROFILE_EDIT_COMMAND)  # logs the manager's attempt, then refuses
        return self.perform(lambda vault: _update_employee(Records(vault), employee_id, fields))

    def record_consent(self, employee_id: str, kind: str, granted: bool, *, by: str, note: str) -> "Outcome[ConsentEvent]":
        from hrdesk.records import Records

        return self.perform(lambda vault: Records(vault).consents.record_change(employee_id, kind, granted, by=by, note=note))

    def apply_import(self, plan: "ImportPlan", *, skip_invalid: bool = False,
                     progress: Progress = NULL_PROGRESS) -> "Outcome[ImportReport]":
        from hrdesk.importing.apply import apply_import

        return self.perform(lambda vault: apply_import(vault, plan, skip_invalid=skip_invalid, progress=progress))

    def run_audit(self, settings: "AuditSettings", *, cycle: str | None = None, reference_date: dt.date | None = None,
                  progress: Progress = NULL_PROGRESS) -> "Outcome[AuditRun]":
        """Run the fairness audit on the vault's records and save the run (cited by governance and the packet)."""
        from hrdesk.fairness.runs import run_and_save

        # Not atomic: the audit computes for seconds and saves the run in a transaction of its own.
        return self.perform(lambda vault: run_and_save(vault, settings, cycle=cycle, reference_date=reference_date,
                                                       progress=progress), atomic=False)

    def set_retention(self, months: Mapping[str, int]) -> Outcome[None]:
        from hrdesk.records.retention import set_retention_months

        return self.perform(lambda vault: set_retention_months(vault, dict(months)))

    def purge_expired(self, *, today: dt.date | None = None, progress: Progress = NULL_PROGRESS,
                      months: dict[str, int] | None = None) -> "Outcome[PurgeReport]":
        """Delete records past their retention period, and the quotes saved audit runs hold of them."""
        from hrdesk.records.retention import finish_purge
        from hrdesk.session.purge import purge_expired

        # Not atomic: the scan decrypts every dated record first; the deleting is one transaction of its own.
        outcome = self.perform(lambda vault: purge_expired(vault, today=today, progress=progress, months=months),
                               atomic=False)
        self.read(lambda vault: finish_purge(vault, outcome.result))
        return outcome

    def purge_preview(self, *, today: dt.date | None = None, progress: Progress = NULL_PROGRESS,
                      months: dict[str, int] | None = None) -> "PurgeReport":
        """What a purge would delete today (a read: nothing is written)."""
        from hrdesk.session.purge import purge_expired

        return self.read(lambda vault: purge_expired(vault, today=today, dry_run=True, progress=progress, months=months))

    def export_employee(self, hris_id: str, folder: Path) -> "Outcome[ExportResult]":
        """The data-access export of one employee (logged, so it is an operation)."""
        from hrdesk.records import Records
        from hrdesk.records.export import export_employee

        self.require_hr("export an employee's data", "export")  # a data-access export is HR's (it logs the attempt)
        return self.perform(lambda vault: export_employee(Records(vault), hris_id, folder))

    # --- letters and the decision register (hrdesk.letters, hrdesk.governance.register) ----------

    def set_decision_register(self, register: "DecisionRegister") -> "Outcome[DecisionRegister]":
        """Store the decision register (validated); earlier AI-use disclosures become stale."""
        from hrdesk.governance.register import save_register

        self.require_hr("change the decision register", "governance")
        return self.perform(lambda vault: save_register(vault, register))

    def decision_register(self) -> "DecisionRegister":
        """The stored decision register, or the default (AI informs no decision yet); a read."""
        from hrdesk.governance.register import load_register

        return self.read(load_register)

    def letter_settings(self) -> "LetterSettings":
        """The letter settings kept in the vault; a read."""
        from hrdesk.letters.settings import load_settings

        return self.read(load_settings)

    def set_letter_settings(self, settings: "LetterSettings") -> "Outcome[LetterSettings]":
        """Organisation name, letterhead, logo, signature, concern contact and template folder for letters."""
        from hrdesk.letters.settings import save_settings

        self.require_hr("change the letter settings", "letters")
        return self.perform(lambda vault: save_settings(vault, settings))

    def generate_letters(self, kind: "LetterType", out_dir: Path, *, employee_ids: "Sequence[str]" = (),
                         everyone: bool = False, team: str | None = None, contracts: "Sequence[Any]" = (),
                         merged: bool = False, progress: Progress = NULL_PROGRESS) -> "Outcome[GenerationResult]":
        """Write one PDF per person (or one merged PDF) into ``out_dir`` and log every letter."""
        from hrdesk.letters.service import generate

        self.require_hr("write letters to employees", "letters")
        return generate(self, kind, Path(out_dir), employee_ids=employee_ids, everyone=everyone, team=team,  # type: ignore[arg-type]
                        contracts=contracts, merged=merged, progress=progress)

    def mark_letters_delivered(self, employee_ids: "Sequence[str] | None", *, channel: str, on: dt.date,
                               kind: "LetterType | None" = None) -> "Outcome[int]":
        """Mark each person's latest letter of ``kind`` (default: the disclosure) delivered; ``None``: everyone."""
        from hrdesk.letters.kinds import LetterType
        from hrdesk.letters.service import mark_delivered

        self.require_hr("mark letters delivered", "letters delivered")
        return mark_delivered(self, employee_ids, channel=channel, on=on, kind=kind or LetterType.DISCLOSURE)  # type: ignore[arg-type]

    def letter_status(self) -> "DisclosureSummary":
        """Who has a current, a stale or no AI-use disclosure (a read)."""
        from hrdesk.letters.service import status

        return status(self)  # type: ignore[arg-type]

    # --- monitoring after go-live (hrdesk.monitoring) ------------------------------------------

    def run_monitoring(self, *, today: dt.date | None = None) -> "Outcome[MonitoringReport]":
        """HR: compare everything with governance step 6's thresholds, keep the report, raise new alerts."""
        from hrdesk.monitoring.service import run

        return run(self, today=today)  # type: ignore[arg-type]

    def handle_monitoring_alert(self, alert_id: str, note: str, *, today: dt.date | None = None) -> "Outcome[Alert]":
        """HR: record how a monitoring alert was handled (audit-logged)."""
        from hrdesk.monitoring.service import handle_alert

        return handle_alert(self, alert_id, note, today=today)  # type: ignore[arg-type]

    # --- contests (hrdesk.contests): HR only ------------------------------------------------

    def add_contest(self, new: "NewContest", *, today: dt.date | None = None) -> "Outcome[Contest]":
        """Record a contest received; the due date comes from the rights settings (governance step 3)."""
        from hrdesk.contests import service

        return service.add(self, new, today=today)  # type: ignore[arg-type]

    def assign_contest_reviewer(self, case: str, reviewer: str) -> "Outcome[Contest]":
        """Name a case's reviewer; never the manager who decided."""
        from hrdesk.contests import service

        return service.assign(self, case, reviewer)  # type: ignore[arg-type]

    def resolve_contest(self, case: str, resolution: "Resolution", *, today: dt.date | None = None) -> "Outcome[Contest]":
        """Decide a case; an upheld data contest corrects the record through the employee edit path."""
        from hrdesk.contests import service

        return service.resolve(self, case, resolution, today=today)  # type: ignore[arg-type]

    def contests(self, *, since: dt.date | None = None, until: dt.date | None = None) -> "list[Contest]":
        """Every contest case received in [since, until] (a read)."""
        from hrdesk.contests import service

        return service.read_all(self, since=since, until=until)  # type: ignore[arg-type]

    def write_contest_letters(self, case: str, out_dir: Path, *, which: str = "",
                              progress: Progress = NULL_PROGRESS) -> "ContestLetters":
        """The case's acknowledgement (and outcome, once decided) as PDFs, each logged."""
        from hrdesk.contests import service

        return service.write_letters(self, case, out_dir, which=which, progress=progress)  # type: ignore[arg-type]

    # --- review sessions (hrdesk.reviews) ----------------------------------------------------------

    def open_review_cycle(self, name: str) -> "Outcome[ReviewCycle]":
        """HR opens a review cycle (a new one, or an imported one of that name)."""
        from hrdesk.reviews import service

        return service.open_cycle(self, name)  # type: ignore[arg-type]

    def close_review_cycle(self, name: str) -> "Outcome[ReviewCycle]":
        """HR closes a review cycle: it becomes read-only."""
        from hrdesk.reviews import service

        return service.close_cycle(self, name)  # type: ignore[arg-type]

    def record_review(self, draft: "ReviewDraft", *, shown: "PersonSuggestions | None" = None) -> "Outcome[ReviewRecord]":
        """Save one review conversation with its decisions on the suggestions ``shown``."""
        from hrdesk.reviews import service

        return service.record_review(self, draft, shown=shown)  # type: ignore[arg-type]


def _update_employee(records: "Records", employee_id: str, fields: dict[str, Any]) -> "Employee":
    """A hand edit: a department must be one the vault knows (``records.edit_rules.known_value``), whoever calls."""
    from hrdesk.records.edit_rules import known_value, vault_values

    if "department" in fields:
        fields = {**fields, "department": known_value(
            "department", str(fields["department"]), vault_values(records.employees.list(), "department"))}
    return records.employees.update(employee_id, **fields)
