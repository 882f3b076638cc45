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
ROUNDS = 5


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


#: Another checkout of hrdesk (a before/after in the same rounds): ``HRDESK_BENCH_BEFORE=/path``.
BEFORE_ENV = "HRDESK_BENCH_BEFORE"
#: The same run by that code, in a process of its own on a copy of the vault, timed inside (unlock and imports left out).
BEFORE_RUN = r"""
import datetime as dt, sys, time
import hrdesk.fairness, hrdesk.suggest.service  # imported before the timing, as in this process
from hrdesk.monitoring import service
from hrdesk.vault import Vault
with Vault.open(sys.argv[1], "pw") as vault:
    start = time.perf_counter()
    service._run(vault, "bench", dt.date.today())
    print(time.perf_counter() - start)
"""


def run() -> list[dict]:
    import os
    import shutil

    from hrdesk.monitoring import service
    from tests.benchmarks.common import bench_env, python, run_process

    before = os.environ.get(BEFORE_ENV)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.hrdesk"
        build_demo_vault(path, passphrase="pw", n_employees=EMPLOYEES, seed=3, kdf=KdfParams.fast_for_tests())
        _live(path)
        earlier_vault = shutil.copyfile(path, Path(tmp) / "before.hrdesk")
        ours, anchor, earlier = [], [], []
        with Vault.open(path, "pw") as vault:
            for _ in range(ROUNDS):  # alternating, side by side
                start = time.perf_counter()
                report = service._run(vault, "bench", dt.date.today())
                ours.append(time.perf_counter() - start)
                start = time.perf_counter()
                _anchor(vault)
                anchor.append(time.perf_counter() - start)
                if before:
                    done = run_process(python("-c", BEFORE_RUN, str(earlier_vault)), bench_env(Path(before)))
                    earlier.append(float(done.stdout.split()[-1]))
    flags = len(report.flag_rates)
    floor = "every table it reads decrypted once, in 1 transaction"
    rows = [compare(f"monitoring run, {EMPLOYEES:,} employees, 3 cycles, pilot of {len(report.thresholds.pilot_teams)} "
                    f"teams ({flags} group rows)", Timing(tuple(ours)), floor, Timing(tuple(anchor)), "report")]
    if earlier:
        rows.append(compare(f"  the same, code from {Path(before).name} (before)", Timing(tuple(earlier)), floor,
                            Timing(tuple(anchor)), "info"))
    return rows


if __name__ == "__main__":
    print_table(run())
