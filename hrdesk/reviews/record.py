"""Recording one review conversation: the rules, then one transaction with its audit entry.

The rules live here, not in the window: a manager records only for their own
team; only an open cycle takes reviews; every suggestion shown gets a verdict
with a reason; a plan item said to come from a suggestion needs a suggestion
accepted as a topic; the rating is the manager's own (a label of the vault's
scale, never filled in by a model). Saving again in the same cycle replaces
that person's review and its decisions (a revised decision keeps its id, which a contest may name).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import replace

from hrdesk.errors import InvalidInputError, PermissionDeniedError, RecordNotFoundError
from hrdesk.records import Records
from hrdesk.records.types import Employee
from hrdesk.reviews.cycles import writable_cycle
from hrdesk.reviews.draft import ReviewDraft
from hrdesk.reviews.model import ReviewRecord, SuggestionDecision, Verdict
from hrdesk.reviews.store import (DECISIONS, REVIEWS, decision_payload, ensure_tables, review_from_row,
                                  review_payload)
from hrdesk.reviews.suggestions import PersonSuggestions
from hrdesk.session.actor import Actor, Role
from hrdesk.vault import Vault

DEFAULT_SCALE = ("1", "2", "3", "4", "5")
MAX_CHECKIN_DAYS = 731  # the next check-in within two years


def reviewee(vault: Vault, actor: Actor, hris_id: str) -> Employee:
    """The person a review is about, if ``actor`` may record it: a manager only for their own team."""
    hris_id = str(hris_id).strip()
    person = Records(vault).employees.by_employee_id(hris_id)
    if actor.role is Role.MANAGER:
        if person is None or person.team_id not in vault.held_team_ids():
            raise PermissionDeniedError(f"Employee '{hris_id}' is not in your team: a manager records reviews only "
                                        "for their own team. Nothing was saved.",
                                        hint="Pick someone from your team, or ask HR.")
    elif person is None:
        raise RecordNotFoundError(f"No employee with employee id '{hris_id}'.", hint="Nothing was saved.")
    if actor.role is Role.AUDITOR:
        raise PermissionDeniedError("An auditor reads reviews but does not record them.")
    return person


def rating_scale(vault: Vault) -> tuple[str, ...]:
    """The labels a manager rates with, lowest first (the vault's performance scale, else 1 to 5)."""
    return tuple(Records(vault).ratings.scale()) or DEFAULT_SCALE


def resolve_rating(value: str | int | float | None, scale: tuple[str, ...]) -> tuple[float | None, str]:
    """(position on the scale, 1 = lowest; label) of a typed rating, or (None, "") when there is none."""
    if value is None or value == "":
        return None, ""
    if isinstance(value, str):
        by_label = {label.casefold(): i for i, label in enumerate(scale)}
        if value.casefold() in by_label:
            i = by_label[value.casefold()]
            return float(i + 1), scale[i]
        try:
            value = float(value)
        except ValueError:
            raise InvalidInputError(f"rating: '{value}' is not on the rating scale ({' < '.join(scale)}).") from None
    if not math.isfinite(float(value)) or float(value) != int(value) or not 1 <= int(value) <= len(scale):
        raise InvalidInputError(f"rating: {value} is not a position on the rating scale: 1 ({scale[0]}) to "
                                f"{len(scale)} ({scale[-1]}).")
    return float(int(value)), scale[int(value) - 1]


def _check_decisions(draft: ReviewDraft, shown: PersonSuggestions) -> None:
    given = dict(draft.decisions or {})
    keys = shown.by_key()
    unknown = sorted(set(given) - set(keys))
    if unknown:
        offered = ", ".join(keys) or "none"
        raise InvalidInputError(f"decisions: no suggestion '{unknown[0]}' was shown for this person "
                                f"(shown: {offered}).", hint="Nothing was saved. 'hrdesk review VAULT show "
                                "--employee ID' lists the suggestions and their keys.")
    missing = [k for k in keys if k not in given]
    if missing:
        raise InvalidInputError(f"decisions: decide on every suggestion shown; none yet for {', '.join(missing)}.",
                                hint="Accept it as a conversation topic, set it aside, or disagree, with a reason.")
    unexplained = [k for k in keys if not given[k].reason.strip()]
    if unexplained:
        raise InvalidInputError(f"decisions: give a reason for the decision on {', '.join(unexplained)}.",
                                hint="A reason is what makes the decision a person's, not the model's.")
    if any(p.source == "suggestion" for p in draft.plan) and not any(
            d.verdict is Verdict.ACCEPT for d in given.values()):
        raise InvalidInputError("plan: an item is marked as coming from a suggestion, but no suggestion was accepted "
                                "as a conversation topic.",
                                hint="Mark it as the employee's choice or the manager's idea instead.")


def _check_checkin(day: dt.date | None, today: dt.date) -> None:
    if day is None:
        return
    if day < today:
        raise InvalidInputError(f"next_checkin: {day.isoformat()} is in the past.")
    if (day - today).days > MAX_CHECKIN_DAYS:
        raise InvalidInputError(f"next_checkin: {day.isoformat()} is more than two years away.")


def record_review(vault: Vault, actor: Actor, draft: ReviewDraft, shown: PersonSuggestions, *,
                  today: dt.date | None = None) -> ReviewRecord:
    """Check ``draft`` against the rules and the suggestions ``shown``, then save it (one transaction)."""
    today = today or dt.date.today()
    ensure_tables(vault)
    person = reviewee(vault, actor, draft.employee_id)
    cycle = writable_cycle(vault, draft.cycle)
    rating, label = resolve_rating(draft.rating, scale := rating_scale(vault))
    _check_decisions(draft, shown)
    _check_checkin(draft.next_checkin, today)
    if actor.role is Role.MANAGER:
        manager, recorded_by = vault.user.manager_name or actor.name, ""
    else:  # HR typing in a review the manager held
        manager, recorded_by = person.manager_name or actor.name, actor.name
    record = ReviewRecord(id="", employee_id=person.employee_id, cycle=cycle.name, manager=manager, saved_on=today,
                          rating=rating, rating_scale=f"1-{len(scale)}", feedback=draft.feedback, plan=draft.plan,
                          next_checkin=draft.next_checkin, employee_comment=draft.employee_comment,
                          rating_label=label, recorded_by=recorded_by, cycle_id=cycle.id)
    links = {"employee_id": person.id, "cycle_id": cycle.id}
    with vault.transaction():
        earlier = [row for row in vault.rows(REVIEWS, where={"employee_id": person.id})
                   if row.links.get("cycle_id") == cycle.id]
        old: dict[str, str] = {}  # suggestion key -> the decision's id, from the review saved before
        if earlier:
            review_id = earlier[0].id
            vault.update(REVIEWS, review_id, review_payload(record), links=links)
            old = {str(row.payload.get("key")): row.id for row in vault.rows(DECISIONS, where={"employee_id": person.id})
                   if row.links.get("review_id") == review_id}
        else:
            review_id = vault.insert(REVIEWS, review_payload(record), links=links)
        decisions = []
        decision_links = {"employee_id": person.id, "review_id": review_id}
        for order, item in enumerate(shown.items):
            d = (draft.decisions or {})[item.key]
            decision = SuggestionDecision("", review_id, person.employee_id, cycle.name, manager, item.kind,
                                          item.text, d.verdict, d.reason, d.context, today, key=item.key)
            kept = old.pop(item.key, None)  # a decision revised keeps its id: a contest may name it
            if kept is not None:
                vault.update(DECISIONS, kept, decision_payload(decision, order), links=decision_links)
            else:
                kept = vault.insert(DECISIONS, decision_payload(decision, order), links=decision_links)
            decisions.append(replace(decision, id=kept))
        vault.delete(DECISIONS, list(old.values()))  # suggestions no longer shown
        vault.audit("reviews.recorded", target=review_id, details={
            "cycle_id": cycle.id, "replaced": bool(earlier), "rated": rating is not None, "plan_items": len(draft.plan),
            "decisions": {v.value: sum(d.verdict is v for d in decisions) for v in Verdict}})
        return review_from_row(vault.get(REVIEWS, review_id), tuple(decisions))
