"""A saved review as the review-summary letter's data contract (``letters.kinds.ReviewSummary``)."""

from __future__ import annotations

from collections.abc import Sequence

from hrdesk.errors import InvalidInputError
from hrdesk.letters.kinds import ReviewSummary
from hrdesk.reviews.model import ReviewRecord
from hrdesk.vault import Vault

SOURCE_NOTE = {"suggestion": "", "employee": " (your own choice)", "manager": ""}


def summary(review: ReviewRecord) -> ReviewSummary:
    """What the conversation agreed, in the words the letter uses; the employee's own choices are marked."""
    plan = tuple(f"{item.text}{SOURCE_NOTE.get(item.source, '')}" for item in review.plan)
    discussed = tuple(f"{d.suggestion}: {d.verdict.label.lower()} ({d.reason})" for d in review.decisions)
    return ReviewSummary(review.employee_id, review.saved_on, review.cycle, review.manager, plan,
                         review.next_checkin, review.employee_comment, discussed)


def latest_summaries(vault: Vault, hris_ids: Sequence[str], *, cycle: str | None = None) -> list[ReviewSummary]:
    """The latest saved review of each person (in ``cycle`` when named), as letter contracts, in the order given.

    Refuses, naming them, when someone has no saved review: nothing is written for anyone then.
    """
    from hrdesk.reviews.query import reviews

    found = []
    missing = []
    for hris_id in hris_ids:
        saved = reviews(vault, employee_id=hris_id, cycle=cycle)
        if saved:
            found.append(summary(saved[-1]))
        else:
            missing.append(hris_id)
    if missing:
        where = f" in the cycle '{cycle}'" if cycle else ""
        raise InvalidInputError(f"No saved review{where} for employee {', '.join(missing)}, so there is no review "
                                "summary to write.", hint="Record the review first (the Reviews section, or "
                                "'hrdesk review VAULT record'). Nothing was written.")
    return found
