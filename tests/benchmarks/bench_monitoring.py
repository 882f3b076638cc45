"""Monitoring on a 10,000-employee demo vault with three review cycles, governance live and a pilot.

hrdesk: one monitoring run as HR does it (``monitoring.service._run``): the
survey round, the live suggestions and their flag rates through the audits
engine (protected attributes read and logged), decisions and contests, the
pilot's difference in differences on every measure, the report kept and
alerts raised. Anchor: the reading it cannot avoid, in one transaction: every
table the run reads (employees, ratings, goals, check-ins, consents,
protected attributes, review decisions, contests) decrypted once. Side by
side, alternating, min and median.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import time
from pathlib import Path

from hrdesk.demo.build import build_demo_vault
from hrdesk.vault import KdfParams, Vault
from tests.benchmarks.common import Timing, compare, print_table

EMPLOYEES = 10_000
ROUNDS = 3


def _live(path: Path) -> None:
    from hrdesk.governance.register import load_register, save_register
    from hrdesk.records import Records
    from hrdesk.session import Session
    from hrdesk.suggest.service import train
    from tests.monitoring.helpers import sign_step6, step6_answers

    session = Session.open(path, "pw")
    try:
        train(session)
        managers = sorted({e.manager_name for e in session.records().employees.list() if e.manager_name})

        def live(vault: Vault) -> None:
            register = load_register(vault)
            for key in ("retention_risk_conversation", "development_recommendation", "wellbeing_checkin_prompt"):
                register = register.with_decision(key, ai_may_inform=True, accountable="HR lead")
            save_register(vault, register)
            sign_step6(vault, dt.date.today() - dt.timedelta(days=180), step6_answers(managers[::4]))

        session.perform(live)
        assert Records(session.vault).cycles.count() >= 3
    finally:
        session.close(backup=False)


def _anchor(vault: Vault) -> None:
    from hrdesk.records import tables
    from hrdesk.reviews.store import DECISIONS

    present = vault.tables()
    with vault.transaction():
        for table in (tables.EMPLOYEES, tables.RATINGS, tables.GOALS, tables.CHECKINS, tables.CONSENTS,
                      tables.PROTECTED, DECISIONS, "contests"):
            if table in present:
                list(vault.rows(table))


def run() -> list[dict]:
    from hrdesk.monitoring import service

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.hrdesk"
        build_demo_vault(path, passphrase="pw", n_employees=EMPLOYEES, seed=3, kdf=KdfParams.fast_for_tests())
        _live(path)
        ours, anchor = [], []
        with Vault.open(path, "pw") as vault:
            for _ in range(ROUNDS):  # alternating, side by side
                start = time.perf_counter()
                report = service._run(vault, "bench", dt.date.today())
                ours.append(time.perf_counter() - start)
                start = time.perf_counter()
                _anchor(vault)
                anchor.append(time.perf_counter() - start)
    flags = len(report.flag_rates)
    return [compare(f"monitoring run, {EMPLOYEES:,} employees, 3 cycles, pilot of {len(report.thresholds.pilot_teams)} "
                    f"teams ({flags} group rows)", Timing(tuple(ours)),
                    "every table it reads decrypted once, in 1 transaction", Timing(tuple(anchor)), "report")]


if __name__ == "__main__":
    print_table(run())
