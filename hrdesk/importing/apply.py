"""Step two of an import: write a checked plan to the vault, all or nothing.

Everything lands in one vault transaction with its audit entries; an error,
a cancel or a crash leaves the vault exactly as it was. Rows that refer to
the vault (reviews and check-ins name employees by employee id) are checked
against it before the first write, so "all or nothing" covers them too.
"""

from __future__ import annotations

from typing import Any

from hrdesk.errors import InvalidInputError
from hrdesk.importing.collector import collector_paused
from hrdesk.importing.mapping import MappingError
from hrdesk.importing.plan import ImportPlan
from hrdesk.importing.report import ImportReport, ImportValidationError, RowError
from hrdesk.importing.validate import ValidRow
from hrdesk.progress import NULL_PROGRESS, Progress, check_cancelled
from hrdesk.records import Records, tables
from hrdesk.records.employees import upsert_employees
from hrdesk.records.fields import PURPOSE_LABELS, Kind, fields_for
from hrdesk.records.purposes import active_purposes
from hrdesk.records.repository import RATING_SCALES_KEY
from hrdesk.records.upserts import CheckInRow, ReviewRow, upsert_checkins, upsert_reviews
from hrdesk.vault import Vault

_UNKNOWN_EMPLOYEE = "no employee with this employee id in the vault (import the employee file first)"


def apply_import(
    vault: Vault, plan: ImportPlan, *, skip_invalid: bool = False, progress: Progress = NULL_PROGRESS
) -> ImportReport:
    """Write ``plan`` to ``vault``; raise ``ImportValidationError`` (writing nothing) if it has errors.

    With ``skip_invalid`` the valid rows are imported and the rest reported;
    file-level problems (a required column missing, an undeclared scale)
    always stop the import.
    """
    if plan.problems:
        raise ImportValidationError(errors=plan.errors, problems=plan.problems, reading=plan.source.reading_notes())
    with collector_paused():
        return _apply(vault, plan, skip_invalid=skip_invalid, progress=progress)


def _apply(vault: Vault, plan: ImportPlan, *, skip_invalid: bool, progress: Progress) -> ImportReport:
    _check_purposes(vault, plan)
    # Reviews and check-ins name employees by HRIS id; an employee file is matched inside the upsert
    # (reading every employee here too would decrypt them all twice on a re-import).
    known = plan.kind is not Kind.EMPLOYEES and tables.EMPLOYEES in vault.tables()
    employee_ids = {r.payload["employee_id"]: r.id for r in vault.rows(tables.EMPLOYEES)} if known else {}
    rows, errors = _resolve_employees(plan, employee_ids)
    if errors and not skip_invalid:
        raise ImportValidationError(errors=errors, problems=[], importable=len(rows), reading=plan.source.reading_notes())
    # The tables exist before the transaction, and only once the file is known to be imported: a refused file
    # leaves a fresh vault without a table more (the fuzz test found that it did not).
    Records(vault)
    if plan.kind is Kind.REVIEWS:  # a cycle HR closed in the app is read-only (the rule is hrdesk.reviews')
        from hrdesk.reviews.cycles import refuse_closed_for_import

        refuse_closed_for_import(vault, (r.values["cycle"] for r in rows))
    report = ImportReport(
        str(plan.kind),
        plan.source.path.name,
        plan.rows_read,
        skipped=errors,
        dropped_columns=plan.dropped_columns,
        reading=plan.source.reading_notes(),
        understood=list(plan.understood),
    )
    progress.begin(f"Importing {plan.kind}", len(rows))
    with vault.transaction():
        _store_scales(vault, plan)
        if plan.kind is Kind.EMPLOYEES:
            _write_employees(vault, plan, rows, report, progress)
        else:
            _write_linked(vault, plan, rows, employee_ids, report, progress)
        check_cancelled(progress, "The import")
        vault.audit(f"import.{plan.kind}", target=plan.source.path.name, details=_audit_details(report))
    return report


def _check_purposes(vault: Vault, plan: ImportPlan) -> None:
    inactive = plan.purposes - active_purposes(vault)
    used = {fields_for(plan.kind)[f].purpose for f in plan.fields}
    if inactive & used:
        names = ", ".join(sorted(PURPOSE_LABELS[p] for p in inactive & used))
        raise InvalidInputError(
            f"This import would keep data for {names}, which is not an active purpose in this vault.",
            hint="Prepare the import again from this vault so those columns are dropped.",
        )


def _resolve_employees(plan: ImportPlan, employee_ids: dict[str, str]) -> tuple[list[ValidRow], list[RowError]]:
    """Split off rows that name an employee the vault does not have (reviews and check-ins)."""
    errors = list(plan.errors)
    if plan.kind is Kind.EMPLOYEES:
        return plan.rows, errors
    source = plan.mapping.mapped()["employee_id"]
    rows = []
    for row in plan.rows:
        if row.values["employee_id"] in employee_ids:
            rows.append(row)
        else:
            errors.append(RowError(row.row, source, _UNKNOWN_EMPLOYEE, row.values["employee_id"]))
    errors.sort(key=lambda e: (e.row, e.column))
    return rows, errors


def _store_scales(vault: Vault, plan: ImportPlan) -> None:
    """Keep each scale's order in the vault; a different order for a known scale is refused."""
    used = {fields_for(plan.kind)[f].scale for f in plan.fields} - {""}
    stored = dict(vault.meta_get(RATING_SCALES_KEY, {}))
    for name in sorted(used):
        labels = plan.mapping.scales[name]
        if name in stored and stored[name] != labels:
            raise MappingError(
                f"The vault's {name} scale is {' < '.join(stored[name])}, but this import declares {' < '.join(labels)}.",
                hint="Use the vault's scale in the mapping.",
            )
        if name not in stored:
            stored[name] = labels
            vault.meta_set(RATING_SCALES_KEY, stored)
            vault.audit("scale.declared", target=name, details={"levels": len(labels)})


def _write_employees(vault: Vault, plan: ImportPlan, rows: list[ValidRow], report: ImportReport, progress: Progress) -> None:
    before = vault.count(tables.EMPLOYEES)
    result = upsert_employees(vault, [r.values for r in rows], fields=plan.fields, progress=progress)
    report.added, report.updated, report.unchanged = result.added, result.updated, result.unchanged
    report.teams_added = result.teams_added
    report.fields_changed = dict(result.fields_changed)
    report.not_in_file = before - result.updated - result.unchanged
    for employee, fields in result.changes.items():
        vault.audit("employee.updated", target=employee, details={"fields": fields, "source": "import"})


def _write_linked(
    vault: Vault, plan: ImportPlan, rows: list[ValidRow], employee_ids: dict[str, str], report: ImportReport, progress: Progress
) -> None:
    """Reviews and check-ins go through the records layer's bulk upserts, which own their payload shapes."""
    if plan.kind is Kind.REVIEWS:
        reviews = [ReviewRow(employee=employee_ids[r.values["employee_id"]], cycle=r.values["cycle"],
                             review_date=r.values["review_date"], rating=r.values["rating"],
                             feedback=r.values.get("feedback") or None, goals=r.values.get("goals") or None)
                   for r in rows]
        outcomes = upsert_reviews(vault, reviews, progress=progress)
    else:
        checkins = [CheckInRow(employee=employee_ids[r.values["employee_id"]], date=r.values["date"],
                               mood=r.values["mood"], workload=r.values["workload"], stress=r.values["stress"],
                               comment=r.values.get("comment"))
                    for r in rows]
        outcomes = upsert_checkins(vault, checkins, progress=progress)
    for row_outcomes in outcomes.rows:
        _tally(report, row_outcomes)
    report.fields_changed.update(outcomes.fields_changed)


def _tally(report: ImportReport, outcomes: list[str]) -> None:
    """A row is added when its main record is new, updated when anything else in it changed."""
    if outcomes[0] == "added":
        report.added += 1
    elif any(o != "unchanged" for o in outcomes):
        report.updated += 1
    else:
        report.unchanged += 1


def _audit_details(report: ImportReport) -> dict[str, Any]:
    """Counts and field/column names only: never a value from the file."""
    return {
        "rows": report.rows_read,
        "added": report.added,
        "updated": report.updated,
        "unchanged": report.unchanged,
        "skipped_rows": len({e.row for e in report.skipped}),
        "teams_added": report.teams_added,
        "fields_changed": dict(sorted(report.fields_changed.items())),
        "dropped_columns": [d.source for d in report.dropped_columns],
    }
