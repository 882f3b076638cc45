"""The purge removes exactly what has expired, in one audited transaction, through the session's one door."""

from __future__ import annotations

import datetime as dt

import pytest

from hrdesk.errors import InvalidInputError
from hrdesk.records import Records, retention
from hrdesk.records.employees import upsert_employees
from hrdesk.session import Kind, Session
from hrdesk.vault.schema import packed_id

TODAY = dt.date(2025, 6, 15)


@pytest.fixture
def session(vault) -> Session:
    """The door the CLI and the window use; the purge has no other."""
    return Session(vault)


@pytest.fixture
def records(vault) -> Records:
    records = Records(vault)
    people = [
        {"employee_id": "stay", "name": "Stay, Ann", "termination_date": None, "sex": "F"},
        {"employee_id": "old", "name": "Gone, Long", "termination_date": "2023-06-14", "sex": "M"},  # 24 months + 1 day ago
        {"employee_id": "recent", "name": "Gone, Just", "termination_date": "2023-06-15", "sex": "M"},  # exactly 24 months: kept
    ]
    with vault.transaction():
        upsert_employees(vault, people, fields={"employee_id", "name", "termination_date", "sex"})
    records.ratings.declare_scale(["Low", "High"])
    stay, old = records.employees.by_employee_id("stay"), records.employees.by_employee_id("old")
    cycle = records.cycles.add("2019")
    records.ratings.add(stay.id, cycle.id, "High", review_date=dt.date(2020, 6, 14))  # expired (60 months)
    records.ratings.add(stay.id, cycle.id, "Low", review_date=dt.date(2020, 6, 15))  # kept
    records.ratings.add(stay.id, cycle.id, "Low")  # undated: kept
    records.feedback.add(stay.id, cycle.id, "old words", date=dt.date(2022, 6, 1))  # expired (36)
    records.feedback.add(stay.id, cycle.id, "new words", date=dt.date(2023, 1, 1))
    records.goals.add(stay.id, cycle.id, "old goal", date=dt.date(2021, 1, 1))  # expired (36)
    records.checkins.add(stay.id, dt.date(2024, 6, 14), mood=3, workload=3, stress=3)  # expired (12)
    records.checkins.add(stay.id, dt.date(2024, 6, 15), mood=3, workload=3, stress=3)
    records.checkins.add(old.id, dt.date(2025, 1, 1), mood=3, workload=3, stress=3)  # goes with the leaver
    records.consents.record_change(old.id, "ai_processing", False, by="HR")
    return records


def test_dry_run_counts_without_deleting(records: Records, session: Session) -> None:
    before = records.counts()
    report = session.purge_preview(today=TODAY)
    assert report.deleted == {"leavers": 1, "leavers' other records": 3, "checkins": 1, "feedback": 1, "goals": 1, "ratings": 1}
    assert report.undated_kept == 1
    assert records.counts() == before


def test_purge_removes_exactly_the_expired(records: Records, session: Session) -> None:
    vault = records.vault
    outcome = session.purge_expired(today=TODAY)
    report = outcome.result
    assert report.total == 8 and report.vacuumed
    assert outcome.changes.touches(Kind.EMPLOYEES, Kind.RATINGS, Kind.CHECKINS, Kind.BACKUPS)
    assert {e.employee_id for e in records.employees.list()} == {"stay", "recent"}
    assert vault.count("protected_attributes") == 2 and vault.count("consents") == 0
    stay = records.employees.by_employee_id("stay")
    assert sorted(str(r.review_date) for r in records.ratings.for_employee(stay.id)) == ["2020-06-15", "None"]
    assert [f.text for f in records.feedback.list()] == ["new words"]
    assert records.goals.list() == []
    assert [c.date for c in records.checkins.list()] == [dt.date(2024, 6, 15)]
    entry = vault.audit_entries()[-1]
    assert entry.action == "retention.purged" and entry.details["leavers"] == 1 and entry.details["ratings"] == 1
    assert "old words" not in repr(entry.details)
    again = session.purge_expired(today=TODAY)
    assert again.result.total == 0 and not again.changes  # idempotent: nothing written, nothing logged


def test_deleted_ciphertext_does_not_stay_in_the_file(records: Records, session: Session) -> None:
    vault = records.vault
    old = records.employees.by_employee_id("old")
    blob = vault.connection.execute("SELECT payload FROM employees WHERE id=?", (packed_id(old.id),)).fetchone()[0]
    session.purge_expired(today=TODAY)
    vault.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    on_disk = vault.path.read_bytes()
    wal = vault.path.with_name(vault.path.name + "-wal")
    on_disk += wal.read_bytes() if wal.exists() else b""
    assert blob[16:48] not in on_disk


def test_retention_periods_can_be_set_per_vault(records: Records, session: Session) -> None:
    session.set_retention({"checkins": 6})
    assert retention.retention_months(records.vault)["checkins"] == 6
    assert session.purge_preview(today=dt.date(2025, 1, 1)).deleted["checkins"] == 2  # both mid-June 2024 check-ins
    with pytest.raises(InvalidInputError):
        session.set_retention({"checkins": 0})


def test_add_months_clamps_the_day() -> None:
    assert retention.add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert retention.add_months(dt.date(2023, 12, 15), 12) == dt.date(2024, 12, 15)


def test_older_backups_holding_expired_records_are_replaced(records: Records, session: Session) -> None:
    from hrdesk.vault import packed
    from hrdesk.vault.backup import list_backups, make_backup

    def held(path):  # what the backup holds, uncompressed (a compressed base would hide the bytes)
        return b"".join(packed.rebuilt(path))

    vault = records.vault
    old = records.employees.by_employee_id("old")
    blob = vault.connection.execute("SELECT payload FROM employees WHERE id=?", (packed_id(old.id),)).fetchone()[0]
    stale = make_backup(vault, now=dt.datetime(2025, 1, 1))
    assert blob[16:48] in held(stale.path)
    report = session.purge_expired(today=TODAY).result
    assert report.backups_replaced == 1 and "replaced by one fresh backup" in report.describe()
    backups = list_backups(vault.path)
    assert len(backups) == 1 and backups[0].path != stale.path
    assert all(blob[16:48] not in held(b.path) for b in backups)
