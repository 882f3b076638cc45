"""Own-data (data-access) letters for 2,000 people: hrdesk filling every person's report (everything held
about them, from every table) against an anchor doing the same reads in one pass (each table decrypted once,
grouped by employee) and nothing else. Before the batch read each table once, this was one pass over the
employees per person (quadratic).

    python -m tests.benchmarks own_data
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from tests.benchmarks.common import compare, demo_vault, side_by_side

N = 2000
TABLES = ("protected_attributes", "ratings", "goals", "feedback", "wellbeing_checkins", "consents", "reviews",
          "review_decisions")


def one_pass(vault: Any) -> dict[str, dict[str, list[dict]]]:
    """The anchor: every employee and each per-employee table read once, payloads grouped by employee."""
    held: dict[str, dict[str, list[dict]]] = {row.id: defaultdict(list) for row in vault.rows("employees")}
    names = {row.id: row.payload for table in ("review_cycles", "teams") for row in vault.rows(table)}
    for table in TABLES:
        for row in vault.rows(table):
            person = held.get(row.links.get("employee_id") or "")
            if person is not None:
                person[table].append(row.payload)
    assert names is not None
    return held


def run() -> list[dict]:
    from hrdesk.letters import LetterType
    from hrdesk.letters.service import prepare_batch
    from hrdesk.reviews.store import ensure_tables
    from hrdesk.session import Session

    with Session.open(demo_vault(N), "pw") as session:
        session.read(ensure_tables)
        ids = [str(e.employee_id) for e in session.records().employees.list()]
        assert len(ids) == N

        def ours() -> None:
            batch = prepare_batch(session, LetterType.OWN_DATA, employee_ids=ids)
            assert len(batch.letters) == N

        def anchor() -> None:
            assert len(session.read(one_pass)) == N

        times = side_by_side({"hrdesk": ours, "anchor": anchor}, repeat=3)
    return [compare(f"own-data letters: {N:,} reports filled (no PDFs)", times["hrdesk"],
                    "every table read once, grouped by employee", times["anchor"], "≤ 3x")]
