"""The audit's input as the typed records give it (one dataclass per record, ``records.*.list()``): the
reference the bulk read from the vault is checked against."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from hrdesk.fairness.inputs import AuditInput
from hrdesk.fairness.vault_input import ATTRIBUTES, left_voluntarily
from hrdesk.records import Records, protected
from hrdesk.records.fields import Purpose


def reference_people(records: Records, cycle: str | None) -> pd.DataFrame:
    """The people frame as the typed records give it, one dataclass per record."""
    cycles = records.cycles.list()
    order = {c.id: i for i, c in enumerate(sorted(cycles, key=lambda c: (c.end or c.start or dt.date.min, c.name)))}
    chosen = next((c for c in cycles if c.name == cycle), None)
    employees = records.employees.list()
    if chosen is not None:
        employees = [e for e in employees
                     if not ((e.hire_date and chosen.end and e.hire_date > chosen.end)
                             or (e.termination_date and chosen.start and e.termination_date < chosen.start))]
    best: dict = {}
    for r in records.ratings.list():
        if r.scale != "performance" or (chosen is not None and r.cycle_id != chosen.id):
            continue
        key = (order.get(r.cycle_id or "", -1), r.review_date or dt.date.min)
        if r.employee_id not in best or key > best[r.employee_id][0]:
            best[r.employee_id] = (key, r)
    attrs = protected.for_fairness(records.vault, purpose=Purpose.FAIRNESS)
    rows = []
    for e in employees:
        rating = best.get(e.id, (None, None))[1]
        a = attrs.get(e.id)
        fallback = chosen is None
        rows.append({
            "person": e.id, "manager": e.manager_name,
            "rating": rating.value if rating else (e.performance_score if fallback else None),
            "engagement": e.engagement, "satisfaction": e.satisfaction,
            "left_voluntarily": left_voluntarily(e.employment_status), "promoted": pd.NA,
            "last_review_date": rating.review_date if rating and rating.review_date else (e.last_review_date if fallback else None),
            "date_of_birth": protected.birth_date_for_age(a) if a else None,
            "sex": a.sex if a else None, "race": a.race if a else None,
            "hispanic_latino": (None if a.hispanic_latino is None else ("Yes" if a.hispanic_latino else "No")) if a else None,
            "disability": a.disability if a else None,
        })
    frame = pd.DataFrame(rows)
    for column in ("last_review_date", "date_of_birth"):
        frame[column] = pd.to_datetime(frame[column], errors="coerce")
    frame["promoted"] = frame["promoted"].astype("boolean")
    return frame


def reference_input(records: Records, cycle: str | None, reference_date: dt.date) -> AuditInput:
    """The whole ``AuditInput`` from the typed records: people, scale, attributes present, feedback."""
    people = reference_people(records, cycle)
    chosen = next((c for c in records.cycles.list() if c.name == cycle), None)
    feedback = pd.DataFrame([(f.employee_id, f.text, f.id) for f in records.feedback.list()
                             if chosen is None or f.cycle_id == chosen.id], columns=["person", "text", "source"])
    return AuditInput(people=people, scale=tuple(records.ratings.scale()), reference_date=reference_date,
                      attributes=tuple(a for a in ATTRIBUTES if people[a].notna().any()), feedback=feedback)
