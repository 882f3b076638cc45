"""A monitoring run decrypts each table once, and reports exactly what reading each table again would."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

from hrdesk.monitoring.reads import ReadOnce
from hrdesk.monitoring.service import compute
from hrdesk.records import tables
from hrdesk.session import Session
from tests.monitoring.helpers import DEMO_PASSPHRASE, live_demo, sign_step6, step6_answers


class Counting:
    """The vault, counting the rows each whole-table read decrypts."""

    def __init__(self, vault) -> None:  # type: ignore[no-untyped-def]
        self.vault, self.decrypted = vault, Counter()

    def rows(self, table, where=None, **kwargs):  # type: ignore[no-untyped-def]
        for row in self.vault.rows(table, where, **kwargs):
            if not where:
                self.decrypted[table] += 1
            yield row

    def __getattr__(self, name):  # type: ignore[no-untyped-def]
        return getattr(self.vault, name)


def _report(vault) -> dict:  # type: ignore[no-untyped-def]
    report = compute(vault, by="HR lead", today=dt.date(2026, 11, 26)).to_dict()
    report.pop("computed_at")
    return report


def test_a_run_decrypts_each_table_once_and_reports_the_same(tmp_path: Path, tmp_path_factory) -> None:
    with Session.open(live_demo(tmp_path_factory, tmp_path / "demo.hrdesk"), DEMO_PASSPHRASE) as hr:
        managers = sorted({e.manager_name for e in hr.records().employees.list() if e.manager_name})
        hr.perform(lambda vault: sign_step6(vault, dt.date(2026, 6, 1), step6_answers(managers[::3], min_group=5)))
        vault = hr.vault
        plain, once = Counting(vault), Counting(vault)
        expected, got = _report(plain), _report(ReadOnce(once))
        sizes = {table: vault.count(table) for table in once.decrypted}
    people, checkins = sizes[tables.EMPLOYEES], sizes[tables.CHECKINS]
    assert got == expected and expected["flag_rates"] and expected["pilot"]
    assert plain.decrypted[tables.EMPLOYEES] >= 3 * people and plain.decrypted[tables.CHECKINS] == 2 * checkins
    assert once.decrypted[tables.EMPLOYEES] == people and once.decrypted[tables.CHECKINS] == checkins
    assert all(once.decrypted[t] == sizes[t] for t in once.decrypted)  # every table read is read once
