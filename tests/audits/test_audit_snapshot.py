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


def test_the_same_values_held_by_other_pandas_types_have_the_same_snapshot() -> None:
    first = snapshot_hash(_input(PEOPLE, FEEDBACK))
    data = _input(PEOPLE, FEEDBACK)
    people = data.people.astype({"manager": object, "sex": object})
    people["date_of_birth"] = people["date_of_birth"].astype("datetime64[s]")  # dates to the second, not the microsecond
    people["engagement"] = people["engagement"].astype(object).where(people["engagement"].notna(), None)
    people.loc[1, "manager"] = "Amy"
    assert people["manager"].dtype == object and people["engagement"].iloc[1] is None
    same = AuditInput(people=people, scale=data.scale, reference_date=data.reference_date,
                      attributes=data.attributes, feedback=data.feedback)
    assert snapshot_hash(same) == first
    whole = [(p, m, r, None if e is None else int(e * 2), d, s) for p, m, r, e, d, s in PEOPLE]
    halves = [(p, m, r, None if e is None else float(int(e * 2)), d, s) for p, m, r, e, d, s in PEOPLE]
    assert snapshot_hash(_input(whole, FEEDBACK)) == snapshot_hash(_input(halves, FEEDBACK))  # 9 and 9.0


def test_a_value_moved_to_another_column_or_a_missing_value_filled_changes_the_snapshot() -> None:
    first = snapshot_hash(_input(PEOPLE, FEEDBACK))
    swapped = [("p1", "High", "Amy", 4.5, "1980-01-02", "F"), *PEOPLE[1:]]  # manager and rating swapped
    filled = [PEOPLE[0], ("p2", "Amy", "Low", None, None, "None"), PEOPLE[2]]  # the text "None" is not a missing value
    nothing = [PEOPLE[0], PEOPLE[1], ("p3", "None", "High", 3.0, "1990-05-06", None)]
    snapshots = {snapshot_hash(_input(rows, FEEDBACK)) for rows in (swapped, filled, nothing)}
    assert first not in snapshots and len(snapshots) == 3
