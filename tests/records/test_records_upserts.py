"""The import's bulk upserts of reviews and check-ins: the records layer owns their shapes."""

from __future__ import annotations

import datetime as dt

from hrdesk.records import Records
from hrdesk.records.employees import upsert_employees
from hrdesk.records.upserts import CheckInRow, ReviewRow, upsert_checkins, upsert_reviews


def test_reviews_add_then_update_then_stay_unchanged(vault) -> None:
    records = Records(vault)
    with vault.transaction():
        upsert_employees(vault, [{"employee_id": "1", "name": "Lee, Ann"}], fields={"employee_id", "name"})
    ann = records.employees.by_employee_id("1")
    records.ratings.declare_scale(["Low", "High"])
    rows = [ReviewRow(ann.id, "2024  Annual", "2024-12-01", "High", feedback="Clear writer", goals="Mentor one person")]
    with vault.transaction():
        first = upsert_reviews(vault, rows)
    assert first.rows == [["added", "added", "added"]] and first.cycles_added == 1
    rating = records.ratings.for_employee(ann.id)[0]
    assert rating.value == "High" and rating.review_date == dt.date(2024, 12, 1)
    assert records.goals.for_employee(ann.id)[0].status == "open"
    assert [e.action for e in vault.audit_entries()][-1] == "review_cycles.added"
    with vault.transaction():
        again = upsert_reviews(vault, [ReviewRow(ann.id, "2024 annual", "2024-12-01", "Low", feedback="Clear writer")])
    assert again.rows == [["updated", "unchanged"]] and again.cycles_added == 0, "the cycle matched by name"
    assert again.fields_changed == {"ratings.value": 1}
    assert [r.value for r in records.ratings.for_employee(ann.id)] == ["Low"]


def test_checkins_are_one_per_employee_and_day(vault) -> None:
    records = Records(vault)
    with vault.transaction():
        upsert_employees(vault, [{"employee_id": "7", "name": "Bo, Chan"}], fields={"employee_id", "name"})
    bo = records.employees.by_employee_id("7")
    with vault.transaction():
        done = upsert_checkins(vault, [CheckInRow(bo.id, "2025-01-06", 3, 4, 4), CheckInRow(bo.id, "2025-01-06", 3, 4, 4),
                                       CheckInRow(bo.id, "2025-01-13", 2, 5, 5, "long week")])
    assert done.rows == [["added"], ["unchanged"], ["added"]]
    assert [(c.date, c.stress, c.comment) for c in records.checkins.for_employee(bo.id)] == [
        (dt.date(2025, 1, 6), 4, None), (dt.date(2025, 1, 13), 5, "long week")]
