"""Where review sessions live in the vault: two encrypted record tables, and the cycles' open/closed state.

``reviews`` holds one record per employee and cycle (the manager's rating,
feedback, plan, next check-in); ``review_decisions`` one per suggestion the
manager decided on. Both link the employee's vault id, so they are encrypted
under that employee's team key (``vault.teamkeys.BY_EMPLOYEE``): the manager
who holds it can write them, nobody else's manager can read them. Cycles are
the records layer's ``review_cycles`` (shared key), with their open/closed
dates added to the payload.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hrdesk.records import tables as record_tables
from hrdesk.reviews.model import PlanItem, ReviewCycle, ReviewRecord, SuggestionDecision, Verdict
from hrdesk.vault import StoredRow, Vault

REVIEWS = "reviews"
DECISIONS = "review_decisions"
LINKS = {REVIEWS: ("employee_id", "cycle_id"), DECISIONS: ("employee_id", "review_id")}
NO_DATE = dt.date.min  # an imported cycle with no dated review at all


def ensure_tables(vault: Vault) -> None:
    """Create the review tables if missing (idempotent)."""
    vault.ensure_table(record_tables.CYCLES)
    for name, links in LINKS.items():
        vault.ensure_table(name, links=links)


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


# --- cycles ---------------------------------------------------------------------------------------


def cycle_from_row(row: StoredRow) -> ReviewCycle:
    """A cycle HR opened is open until closed; an imported one is history, closed at its last review."""
    p = row.payload
    start, end = _date(p.get("start")), _date(p.get("end"))
    if p.get("opened_on"):
        return ReviewCycle(row.id, p["name"], _date(p["opened_on"]) or NO_DATE, _date(p.get("closed_on")),
                           opened_by=p.get("opened_by", ""), closed_by=p.get("closed_by", ""))
    opened = start or end or NO_DATE
    return ReviewCycle(row.id, p["name"], opened, end or opened, imported=True)


def cycle_rows(vault: Vault) -> list[StoredRow]:
    vault.ensure_table(record_tables.CYCLES)
    return list(vault.rows(record_tables.CYCLES))


# --- reviews and decisions ------------------------------------------------------------------------


def review_payload(record: ReviewRecord) -> dict[str, Any]:
    return {"hris_id": record.employee_id, "cycle": record.cycle, "manager": record.manager,
            "recorded_by": record.recorded_by, "saved_on": _iso(record.saved_on), "rating": record.rating,
            "rating_scale": record.rating_scale, "rating_label": record.rating_label, "feedback": record.feedback,
            "plan": [{"text": p.text, "source": p.source} for p in record.plan],
            "next_checkin": _iso(record.next_checkin), "employee_comment": record.employee_comment}


def decision_payload(d: SuggestionDecision, order: int) -> dict[str, Any]:
    """``order``: where the suggestion stood on the manager's page (decisions are listed in that order)."""
    return {"order": order, "hris_id": d.employee_id, "cycle": d.cycle, "manager": d.manager, "kind": d.kind,
            "suggestion": d.suggestion, "verdict": d.verdict.value, "reason": d.reason, "context": d.context,
            "decided_on": _iso(d.decided_on), "key": d.key}


def decision_order(row: StoredRow) -> tuple[str, str, int]:
    return (str(row.payload.get("decided_on")), str(row.links.get("review_id")), int(row.payload.get("order", 0)))


def decision_from_row(row: StoredRow) -> SuggestionDecision:
    p = row.payload
    return SuggestionDecision(row.id, str(row.links.get("review_id") or ""), p["hris_id"], p["cycle"], p["manager"],
                              p["kind"], p["suggestion"], Verdict(p["verdict"]), p.get("reason", ""),
                              p.get("context", ""), _date(p["decided_on"]) or NO_DATE, key=p.get("key", ""))


def review_from_row(row: StoredRow, decisions: tuple[SuggestionDecision, ...] = ()) -> ReviewRecord:
    p = row.payload
    return ReviewRecord(
        id=row.id, employee_id=p["hris_id"], cycle=p["cycle"], manager=p["manager"],
        saved_on=_date(p["saved_on"]) or NO_DATE, rating=p.get("rating"), rating_scale=p.get("rating_scale", ""),
        feedback=p.get("feedback", ""), plan=tuple(PlanItem(i["text"], i["source"]) for i in p.get("plan", ())),
        next_checkin=_date(p.get("next_checkin")), decisions=decisions,
        employee_comment=p.get("employee_comment", ""), rating_label=p.get("rating_label", ""),
        recorded_by=p.get("recorded_by", ""), cycle_id=str(row.links.get("cycle_id") or ""),
    )
