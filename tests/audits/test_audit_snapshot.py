"""The data snapshot a saved run cites: the same data gives the same hash whatever its row order, and
any change of a value, or of where one value ends and the next begins, gives another."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from hrdesk.fairness.inputs import AuditInput
from hrdesk.fairness.runs import snapshot_hash


def _input(people: list[tuple], feedback: list[tuple]) -> AuditInput:
    frame = pd.DataFrame(people, columns=["person", "manager", "rating", "engagement", "date_of_birth", "sex"])
    frame["date_of_birth"] = pd.to_datetime(frame["date_of_birth"])
    return AuditInput(people=frame, scale=("Low", "High"), reference_date=dt.date(2026, 1, 1), attributes=("sex",),
                      feedback=pd.DataFrame(feedback, columns=["person", "text", "source"]))


PEOPLE = [("p1", "Amy", "High", 4.5, "1980-01-02", "F"), ("p2", "Amy", "Low", None, None, "M"),
          ("p3", None, "High", 3.0, "1990-05-06", None)]
FEEDBACK = [("p1", "Clear and calm.", "f1"), ("p1", "Clear and calm.", "f2"), ("p3", "Abrasive\x1fat times", "f3")]


def test_the_same_data_in_another_order_has_the_same_snapshot() -> None:
    first = snapshot_hash(_input(PEOPLE, FEEDBACK))
    assert len(first) == 64
    assert snapshot_hash(_input(PEOPLE[::-1], FEEDBACK[::-1])) == first
    assert snapshot_hash(_input(list(PEOPLE), list(FEEDBACK))) == first


def test_any_change_of_the_data_changes_the_snapshot() -> None:
    first = snapshot_hash(_input(PEOPLE, FEEDBACK))
    changed_rating = [PEOPLE[0], ("p2", "Amy", "High", None, None, "M"), PEOPLE[2]]
    changed_birth = [PEOPLE[0], PEOPLE[1], ("p3", None, "High", 3.0, "1990-05-07", None)]
    dropped_feedback = FEEDBACK[:2]
    # the separator moved from inside one text to the boundary of the next: the same joined text
    moved = [FEEDBACK[0], ("p1", "Clear and calm.\x1fAbrasive", "f2"), ("p3", "at times", "f3")]
    snapshots = {snapshot_hash(_input(changed_rating, FEEDBACK)), snapshot_hash(_input(changed_birth, FEEDBACK)),
                 snapshot_hash(_input(PEOPLE, dropped_feedback)), snapshot_hash(_input(PEOPLE, moved)),
                 snapshot_hash(_input(PEOPLE, [(p, t, s) for (p, t, _), s in zip(FEEDBACK, ("f1", "f3", "f2"))]))}
    assert first not in snapshots and len(snapshots) == 5
