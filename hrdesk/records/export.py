"""An employee's own data, for a data-access request: everything hrdesk holds about them.

Written as JSON (one file, complete) and CSV (one file per kind of record,
for a spreadsheet). It includes the protected attributes: it is their own
data. CSV cells that a spreadsheet would run as a formula (starting with
=, +, -, @, tab or carriage return) are prefixed with a single quote.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hrdesk.spreadsheet import output_folder, safe_cell
from hrdesk.errors import InvalidInputError
from hrdesk.records import Employee, Records, protected
from hrdesk.records.fields import fields_for, Kind



@dataclass(frozen=True)
class ExportResult:
    folder: Path
    files: list[Path]


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _fields(record: Any) -> dict[str, Any]:
    """A flat record's fields (``dataclasses.asdict`` deep-copies every value: a quarter of a batch's time)."""
    return {f.name: getattr(record, f.name) for f in dataclasses.fields(record)}


def _as_dicts(records: list[Any], drop: tuple[str, ...] = ("id", "employee_id")) -> list[dict[str, Any]]:
    return [{k: _plain(v) for k, v in _fields(r).items() if k not in drop} for r in records]


@dataclass(frozen=True)
class _Shared:
    """What every person's report of one read shares: cycle names, team managers, field labels."""

    cycles: dict[str, str]  # cycle id -> name
    managers: dict[str, str]  # team id -> manager name
    labels: dict[str, str]  # field -> label

    @classmethod
    def read(cls, records: Records) -> "_Shared":
        return cls({c.id: c.name for c in records.cycles.list()}, {t.id: t.manager_name for t in records.teams.list()},
                   {name: spec.label for name, spec in fields_for(Kind.EMPLOYEES).items()})


@dataclass
class _Held:
    """One person's records, however they were read (one by one for one export, grouped for a batch)."""

    attrs: Any = None
    ratings: list[Any] = dataclasses.field(default_factory=list)
    goals: list[Any] = dataclasses.field(default_factory=list)
    feedback: list[Any] = dataclasses.field(default_factory=list)
    checkins: list[Any] = dataclasses.field(default_factory=list)
    consents: list[Any] = dataclasses.field(default_factory=list)
    reviews: list[Any] = dataclasses.field(default_factory=list)
    contests: list[Any] = dataclasses.field(default_factory=list)


def collect(records: Records, employee_id: str) -> dict[str, Any]:
    """Everything held about the employee with this HRIS id, as plain JSON-able data."""
    from hrdesk.contests.query import contests
    from hrdesk.reviews.query import reviews

    employee = records.employees.require(employee_id)
    held = _Held(protected.for_subject_access(records.vault, employee.id), records.ratings.for_employee(employee.id),
                 records.goals.for_employee(employee.id), records.feedback.for_employee(employee.id),
                 records.checkins.for_employee(employee.id), records.consents.history(employee.id),
                 reviews(records.vault, employee_id=employee.employee_id, person=employee),
                 [c for c in contests(records.vault) if c.employee_id == employee.employee_id])
    return _report(employee, held, _Shared.read(records))


def collect_many(records: Records, people: Sequence[Employee]) -> dict[str, dict[str, Any]]:
    """``collect`` for many people at once, by vault id: each table is read once and grouped by person,
    so a batch of N data-access reports costs one pass over the vault, not N (own-data letters for everyone)."""
    from hrdesk.contests.query import contests
    from hrdesk.reviews.query import reviews

    held = {p.id: _Held() for p in people}
    by_hris = {p.employee_id: held[p.id] for p in people}
    for name in ("ratings", "goals", "feedback", "checkins"):
        for item in getattr(records, name).list():
            if item.employee_id in held:
                getattr(held[item.employee_id], name).append(item)
    for event in records.consents.list():
        if event.employee_id in held:
            held[event.employee_id].consents.append(event)
    for person_id, attrs in protected.for_subject_access_many(records.vault, held).items():
        held[person_id].attrs = attrs
    for review in reviews(records.vault):
        if review.employee_id in by_hris:
            by_hris[review.employee_id].reviews.append(review)
    for case in contests(records.vault):
        if case.employee_id in by_hris:
            by_hris[case.employee_id].contests.append(case)
    shared = _Shared.read(records)
    return {p.id: _report(p, held[p.id], shared) for p in people}


def _report(employee: Employee, held: _Held, shared: _Shared) -> dict[str, Any]:
    person = {k: _plain(v) for k, v in _fields(employee).items() if k not in ("id", "team_id")}
    labels = shared.labels

    def with_cycle(items: list[Any]) -> list[dict[str, Any]]:
        rows = _as_dicts(items)
        for row in rows:
            row["cycle"] = shared.cycles.get(row.pop("cycle_id", None) or "", "")
        return rows

    return {
        "exported": dt.date.today().isoformat(),
        "employee": {labels.get(k, k): v for k, v in person.items()},
        "team_manager": shared.managers.get(employee.team_id) if employee.team_id else None,
        "protected_attributes": {labels[k]: v for k, v in _as_dicts([held.attrs])[0].items()} if held.attrs else {},
        "ratings": with_cycle(held.ratings),
        "goals": with_cycle(held.goals),
        "feedback": with_cycle(held.feedback),
        "wellbeing_checkins": _as_dicts(held.checkins),
        "consents": _as_dicts(held.consents),
        **_review_sessions(held.reviews),
        "contests": _contests(held.contests),
    }


def _contests(cases: list[Any]) -> list[dict[str, Any]]:
    """The contests they raised, with the outcome and what was corrected (hrdesk.contests)."""
    return [{"case": c.id, "about": c.subject_kind.value, "contested": c.subject, "reason": c.employee_reason,
             "received_on": _plain(c.received_on), "due_on": _plain(c.due_on), "decided_by": c.decided_by,
             "reviewer": c.reviewer, "outcome": c.outcome.value, "decided_on": _plain(c.decided_on),
             "reasons": c.reasons, "changes": "; ".join(c.changes)}
            for c in cases]


def _review_sessions(saved: list[Any]) -> dict[str, list[dict[str, Any]]]:
    """Their review sessions and every decision on a suggestion about them (hrdesk.reviews)."""
    return {
        "reviews": [{"cycle": r.cycle, "saved_on": _plain(r.saved_on), "manager": r.manager,
                     "rating": r.rating_label or None, "feedback": r.feedback,
                     "plan": "; ".join(f"{p.text} ({p.source})" for p in r.plan),
                     "next_checkin": _plain(r.next_checkin), "employee_comment": r.employee_comment} for r in saved],
        "suggestion_decisions": [{"cycle": d.cycle, "decided_on": _plain(d.decided_on), "manager": d.manager,
                                  "suggestion": d.suggestion, "decision": d.verdict.label, "reason": d.reason,
                                  "context": d.context} for r in saved for d in r.decisions],
    }


def export_employee(records: Records, employee_id: str, out_dir: Path | str) -> ExportResult:
    """Write the employee's data into ``out_dir`` (created if needed); audited, without any value."""
    folder = Path(out_dir)
    if (folder / "employee.json").exists():
        raise InvalidInputError(f"'{folder}' already holds an export.", hint="Choose an empty folder.")
    data = collect(records, employee_id)
    output_folder(folder)
    files = [folder / "employee.json"]
    files[0].write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    details = [("employee", data["employee"]), ("protected_attributes", data["protected_attributes"])]
    for name, mapping in details:
        files.append(_write_csv(folder / f"{name}.csv", ["field", "value"], list(mapping.items())))
    for name in ("ratings", "goals", "feedback", "wellbeing_checkins", "consents", "reviews", "suggestion_decisions",
                 "contests"):
        rows = data[name]
        columns = list(rows[0]) if rows else []
        files.append(_write_csv(folder / f"{name}.csv", columns, [[r[c] for c in columns] for r in rows]))
    vault = records.vault
    with vault.transaction():
        vault.audit("export.subject_access", target=records.employees.require(employee_id).id, details={"files": len(files)})
    return ExportResult(folder, files)


def _write_csv(path: Path, header: list[str], rows: list[Any]) -> Path:
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:  # the BOM lets Excel see UTF-8
        writer = csv.writer(handle)
        writer.writerow([safe_cell(h) for h in header])
        writer.writerows([safe_cell(v) for v in row] for row in rows)
    return path
