"""What a manager submits for one review, from the window or an answers file, checked field by field.

The answers file (``hrdesk review VAULT record --employee ID --answers FILE.json``)::

    {
      "cycle": "2026 annual",              optional when exactly one cycle is open
      "rating": "Fully Meets",             the manager's own rating: a label of the vault's scale or its
                                           position (1 = lowest); null or left out: no rating yet
      "feedback": "What went well ...",
      "plan": [{"text": "Lead the Q3 migration", "source": "employee"}],
                                           source: "suggestion" (a suggestion named it), "employee"
                                           (the employee's own choice) or "manager"
      "next_checkin": "2026-03-02",        optional, YYYY-MM-DD, today or later
      "decisions": {"retention": {"verdict": "accept", "reason": "...", "context": "..."}},
                                           one per suggestion shown (keys from ``hrdesk review VAULT show``);
                                           verdict: accept | set-aside | disagree; reason required;
                                           context: what the data cannot see (may be empty)
      "employee_comment": ""               optional
    }
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from hrdesk.records.dates import parse_iso_day
from hrdesk.errors import InvalidInputError
from hrdesk.reviews.model import PlanItem, Verdict

SOURCES = ("suggestion", "employee", "manager")
SOURCE_WORDS = {"suggestion": "from a suggestion", "employee": "the employee's choice", "manager": "the manager's idea"}
FIELDS = ("cycle", "rating", "feedback", "plan", "next_checkin", "decisions", "employee_comment")
MAX_TEXT = 20_000
MAX_PLAN_ITEMS = 100  # an agreed plan is a handful of items; far more is a generated or broken file


@dataclass(frozen=True)
class DecisionDraft:
    verdict: Verdict
    reason: str
    context: str = ""


@dataclass(frozen=True)
class ReviewDraft:
    """A review before it is saved; ``rating`` is a label, a 1-based position, or None (not rated)."""

    employee_id: str  # HRIS id
    cycle: str | None = None
    rating: str | int | float | None = None
    feedback: str = ""
    plan: tuple[PlanItem, ...] = ()
    next_checkin: dt.date | None = None
    decisions: Mapping[str, DecisionDraft] | None = None
    employee_comment: str = ""


def _fail(field: str, problem: str, hint: str = "") -> InvalidInputError:
    return InvalidInputError(f"{field}: {problem}", hint=hint or "See 'hrdesk review record --help' for the format.")


def text(value: Any, field: str, *, required: bool = False) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise _fail(field, f"must be text, not {type(value).__name__}")
    value = value.strip()
    if required and not value:
        raise _fail(field, "must not be empty")
    if len(value) > MAX_TEXT:
        raise _fail(field, f"is longer than {MAX_TEXT:,} characters")
    if any(ord(ch) < 32 and ch not in "\n\t" for ch in value):
        raise _fail(field, "holds control characters")
    return value


def plan_item(value: Any, field: str) -> PlanItem:
    if not isinstance(value, Mapping):
        raise _fail(field, 'must be {"text": ..., "source": "suggestion|employee|manager"}')
    source = value.get("source")
    if source not in SOURCES:
        raise _fail(f"{field}.source", f"'{source}' is not one of {', '.join(SOURCES)}")
    return PlanItem(text(value.get("text"), f"{field}.text", required=True), source)


def verdict(value: Any, field: str) -> Verdict:
    try:
        return Verdict(str(value).strip().lower().replace("_", "-").replace(" ", "-"))
    except ValueError:
        raise _fail(field, f"'{value}' is not accept, set-aside or disagree") from None


def decision(value: Any, field: str) -> DecisionDraft:
    if not isinstance(value, Mapping):
        raise _fail(field, 'must be {"verdict": ..., "reason": ..., "context": ...}')
    return DecisionDraft(verdict(value.get("verdict"), f"{field}.verdict"),
                         text(value.get("reason"), f"{field}.reason", required=True),
                         text(value.get("context"), f"{field}.context"))


def date(value: Any, field: str) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return parse_iso_day(str(value))
    except ValueError:
        raise _fail(field, f"'{value}' is not a date as YYYY-MM-DD") from None


def from_answers(employee_id: str, data: Any) -> ReviewDraft:
    """A draft from a parsed answers file; unknown fields are refused (with a guess at what was meant)."""
    if not isinstance(data, Mapping):
        raise InvalidInputError("The answers file must hold one JSON object (see 'hrdesk review record --help').")
    for key in data:
        if key not in FIELDS:
            close = difflib.get_close_matches(str(key), FIELDS, n=1)
            raise _fail(str(key), "is not a field of a review" + (f"; did you mean '{close[0]}'?" if close else ""),
                        "Fields: " + ", ".join(FIELDS) + ".")
    rating = data.get("rating")
    if isinstance(rating, bool) or not isinstance(rating, str | int | float | type(None)):
        raise _fail("rating", "must be a label of the rating scale or its position (1 = lowest)")
    plan = data.get("plan") or []
    if not isinstance(plan, list):
        raise _fail("plan", "must be a list of plan items")
    if len(plan) > MAX_PLAN_ITEMS:
        raise _fail("plan", f"has {len(plan):,} items; a plan holds at most {MAX_PLAN_ITEMS} items")
    decisions = data.get("decisions") or {}
    if not isinstance(decisions, Mapping):
        raise _fail("decisions", 'must map each suggestion key to {"verdict": ..., "reason": ...}')
    return ReviewDraft(
        employee_id=employee_id,
        cycle=text(data.get("cycle"), "cycle") or None,
        rating=rating.strip() if isinstance(rating, str) else rating,
        feedback=text(data.get("feedback"), "feedback"),
        plan=tuple(plan_item(item, f"plan[{i + 1}]") for i, item in enumerate(plan)),
        next_checkin=date(data.get("next_checkin"), "next_checkin"),
        decisions={str(k): decision(v, f"decisions.{k}") for k, v in decisions.items()},
        employee_comment=text(data.get("employee_comment"), "employee_comment"),
    )
