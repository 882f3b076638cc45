"""``suggestion_status`` (read by the status line after every change) on a 10,000-employee vault with a year of history.

Setup: the demo organisation of 10,000 people, the six steps signed (the
sign-off records written directly, not walked: 10,000 letters would take
minutes and are not what is measured), then a year of history through the
session: 52 weekly re-imports' worth of record edits (2,600 audit entries
that reopen nothing) and twelve monthly audit runs' entries.

Rows, side by side in one process:

* after: ``suggestion_status`` as shipped (the small state in the vault's
  meta plus the log's head; target under 5 ms, no personal data decrypted);
* anchor: the same answer derived honestly from the audit log in one read
  (every entry decrypted and checked against the registry), which is what
  the status would cost without the kept state;
* the lagging path: the state 200 entries behind the log (writes that did not
  go through a session), read without writing.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hrdesk.demo.build import build_demo_vault
from hrdesk.governance import signoffs
from hrdesk.governance.invalidation import reopenings
from hrdesk.governance.signoffs import GovernanceState, load_state
from hrdesk.governance.status import suggestion_status
from hrdesk.session import Session
from hrdesk.vault import KdfParams
from tests.benchmarks.common import best_of, print_table, row

EMPLOYEES = 10_000
WEEKS = 52
EDITS_PER_WEEK = 50


def _derive_from_log(vault) -> bool:  # type: ignore[no-untyped-def]
    state = load_state(vault)
    fresh = GovernanceState(state.signed, {}, 0)
    return reopenings(fresh, vault.audit_entries())[0].steps_done == 6


def run() -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.hrdesk"
        build_demo_vault(path, passphrase="pw for the bench", n_employees=EMPLOYEES, seed=3,
                         kdf=KdfParams.fast_for_tests())
        with Session.open(path, "pw for the bench") as session:
            def sign_all(vault):  # type: ignore[no-untyped-def]
                for n in range(1, 7):
                    signoffs.record(vault, step=n, signer_id=session.actor.id, signer=session.actor.name,
                                    answers={"step": n}, evidence={})

            session.perform(sign_all)
            people = session.records().employees.list()[:EDITS_PER_WEEK]
            for week in range(WEEKS):
                def edits(vault, week=week):  # type: ignore[no-untyped-def]
                    for person in people:
                        vault.audit("employee.updated", target=person.id, details={"fields": ["position"]})
                    if week % 4 == 0:
                        vault.audit("audit.run", target=f"run{week}", details={})

                session.perform(edits)
            vault = session.vault
            assert suggestion_status(vault).live and _derive_from_log(vault)
            entries = len(vault.audit_entries())
            t_after = best_of(lambda: suggestion_status(vault), 20)
            t_anchor = best_of(lambda: _derive_from_log(vault), 3)
            state = load_state(vault)
            vault.meta_set(signoffs.STATE_KEY, GovernanceState(state.signed, state.reopened,
                                                               state.checked_seq - 200).to_dict())
            t_lag = best_of(lambda: suggestion_status(vault), 10)
    return [
        row(f"suggestion_status, {EMPLOYEES:,} employees, {entries:,} log entries", t_after * 1000, "ms",
            f"derived from the whole log {t_anchor * 1000:.1f} ms", t_after / t_anchor, "< 5 ms"),
        row("  state 200 entries behind the log (read-only catch-up)", t_lag * 1000, "ms", "", t_lag / t_anchor, "info"),
    ]


if __name__ == "__main__":
    print_table(run())
