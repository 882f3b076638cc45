"""Own-data (data-access) letters for many people read each table once, not once per person: the batch's
reads of the vault do not grow with the number of letters, and each person's report holds exactly what
their single data-access export holds (their records only, nobody else's)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest

from hrdesk.letters import LetterType
from hrdesk.letters.service import prepare_batch
from hrdesk.records import Records
from hrdesk.records.export import collect, collect_many
from hrdesk.session import Session

DAY = dt.date(2024, 6, 1)


def _give_records(session: Session) -> list[str]:
    """Ratings, goals, feedback, check-ins and consent changes for a few people; returns their HRIS ids."""
    chosen = ["10026", "10310", "10084"]

    def write(vault) -> None:  # noqa: ANN001
        records = Records(vault)
        cycle = records.cycles.add("2024", dt.date(2024, 1, 1), dt.date(2024, 12, 31))
        scale = records.ratings.scale()
        for n, hris in enumerate(chosen):
            person = records.employees.require(hris)
            records.ratings.add(person.id, cycle.id, scale[n % len(scale)], review_date=DAY)
            records.goals.add(person.id, cycle.id, f"Goal {n} for {hris}", date=DAY)
            for k in range(n + 1):
                records.feedback.add(person.id, cycle.id, f"Feedback {k} on {hris}", date=DAY, author="Their manager")
                records.checkins.add(person.id, DAY + dt.timedelta(days=k), mood=3, workload=2 + k, stress=2)
            records.consents.record_change(person.id, "ai_processing", n % 2 == 0, by="Dana HR", note="by e-mail")

    session.perform(write)
    return chosen


@pytest.fixture
def counted(session: Session, monkeypatch: pytest.MonkeyPatch) -> Iterator[Counter]:
    """How many times each table is read (the vault's own ``rows``, counted on the way through)."""
    reads: Counter = Counter()
    real = session.vault.rows

    def rows(table: str, *args: Any, **kwargs: Any):  # noqa: ANN202
        reads[table] += 1
        return real(table, *args, **kwargs)

    monkeypatch.setattr(session.vault, "rows", rows)
    yield reads


def test_each_persons_report_is_their_single_export(session: Session) -> None:
    chosen = _give_records(session)
    everyone = session.records().employees.list()
    batch = session.read(lambda vault: collect_many(Records(vault), everyone))
    assert set(batch) == {e.id for e in everyone}
    for person in everyone:
        single = session.read(lambda vault, p=person: collect(Records(vault), p.employee_id))
        assert batch[person.id] == single, person.employee_id
    busiest = next(e for e in everyone if e.employee_id == chosen[2])
    assert len(batch[busiest.id]["feedback"]) == 3 and len(batch[busiest.id]["wellbeing_checkins"]) == 3
    assert {f["text"] for f in batch[busiest.id]["feedback"]} == {f"Feedback {k} on {chosen[2]}" for k in range(3)}
    assert batch[busiest.id]["protected_attributes"]  # their own, from the import


def test_a_batch_of_own_data_letters_reads_each_table_a_fixed_number_of_times(session: Session, counted: Counter) -> None:
    _give_records(session)
    ids = sorted(str(e.employee_id) for e in session.records().employees.list())
    reads = []
    for n in (10, 60):
        counted.clear()
        batch = prepare_batch(session, LetterType.OWN_DATA, employee_ids=ids[:n])
        assert len(batch.letters) == n
        reads.append(dict(counted))
    assert reads[0] == reads[1]  # the same reads for 60 letters as for 10
    assert reads[1]["employees"] <= 2, reads[1]
