"""Managers' decisions on suggestions against the override band, and contests against the promised deadline.

Both are pure functions of the records (``SuggestionDecision`` and
``Contest``, the reviews and contests contracts) and the step-6 thresholds,
so tests build the records directly.

The override rate counts *set aside* and *disagree* together: both mean the
manager did not take the suggestion up. Below the band managers may be
rubber-stamping the model (automation bias); above it they may not trust it,
or it may be wrong for their team. A manager with fewer decisions than step
6's minimum group size is not judged, and the row says so.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter, defaultdict
from collections.abc import Sequence

import numpy as np

from hrdesk.contests.model import Contest, Outcome as ContestOutcome
from hrdesk.fairness.stats import wilson_interval
from hrdesk.monitoring.model import (
    BREACH, NOT_JUDGED, TOO_FEW, WITHIN, Breach, ContestSummary, ManagerDecisions, Thresholds,
)
from hrdesk.reviews.model import SuggestionDecision, Verdict

#: without step 6, managers with fewer decisions than this are not described as a rate at all
DEFAULT_MIN_DECISIONS = 10


def manager_decisions(decisions: Sequence[SuggestionDecision], thresholds: Thresholds | None,
                      expected: Sequence[str] = ()) -> tuple[ManagerDecisions, ...]:
    """Per manager (alphabetically): accept / set-aside / disagree counts and the override rate against the band.

    ``expected``: managers who receive suggestions; one who has recorded no decision yet gets a row that says so.
    """
    counts: dict[str, Counter[Verdict]] = defaultdict(Counter)
    for name in expected:
        counts[name]  # noqa: B018 - present, with no decisions
    for d in decisions:
        counts[d.manager][Verdict(d.verdict)] += 1
    out = []
    minimum = thresholds.min_group_size if thresholds else DEFAULT_MIN_DECISIONS
    for manager in sorted(counts, key=str.casefold):
        c = counts[manager]
        n = sum(c.values())
        over = c[Verdict.SET_ASIDE] + c[Verdict.DISAGREE]
        rate = over / n if n else None
        low, high = wilson_interval(np.array([over]), np.array([n]))
        judgement, sentence = _judge_manager(manager, n, over, rate, thresholds, minimum)
        out.append(ManagerDecisions(manager, n, c[Verdict.ACCEPT], c[Verdict.SET_ASIDE], c[Verdict.DISAGREE], rate,
                                    float(low[0]) if n else None, float(high[0]) if n else None, judgement, sentence))
    return tuple(out)


def _judge_manager(manager: str, n: int, over: int, rate: float | None, t: Thresholds | None,
                   minimum: int) -> tuple[str, str]:
    if n < minimum:
        return TOO_FEW, (f"{manager}: {n} decision{'s' if n != 1 else ''} so far, too few to judge "
                         f"(at least {minimum} are needed).")
    said = f"{manager} set aside or disagreed with {over} of {n} suggestions ({rate:.0%})"
    if t is None:
        return NOT_JUDGED, said + "; no override band is signed yet (governance step 6)."
    if rate < t.override_low:
        return BREACH, said + f", below the override band of {t.override_band()}: suggestions may be taken up unchecked."
    if rate > t.override_high:
        return BREACH, said + f", above the override band of {t.override_band()}: the suggestions may not fit this team."
    return WITHIN, said + f", within the override band of {t.override_band()}."


def manager_breaches(rows: Sequence[ManagerDecisions], t: Thresholds | None) -> list[Breach]:
    out = []
    for r in rows:
        if r.judgement != BREACH or t is None or r.override_rate is None:
            continue
        side = "above" if r.override_rate > t.override_high else "below"
        out.append(Breach(
            key=f"override/{side}/{r.manager}",
            title=f"{r.manager} overrides {r.override_rate:.0%} of suggestions ({side} the band of {t.override_band()})",
            detail=r.sentence + " Look at the reasons recorded with these decisions and talk with the manager.",
            evidence=f"{r.set_aside + r.disagreed}/{r.decisions}"))
    return out


def decisions_note(decisions: Sequence[SuggestionDecision], rows: Sequence[ManagerDecisions]) -> str:
    if not decisions:
        waiting = (f" ({len(rows)} manager{'s receive' if len(rows) != 1 else ' receives'} suggestions)"
                   if rows else "")
        return f"No decisions on suggestions are recorded yet{waiting}, so no manager's override rate can be judged."
    few = sum(1 for r in rows if r.judgement == TOO_FEW)
    total = len(decisions)
    over = sum(1 for d in decisions if Verdict(d.verdict) is not Verdict.ACCEPT)
    deciding = sum(1 for r in rows if r.decisions)
    text = (f"{total} decisions by {deciding} manager{'s' if deciding != 1 else ''}; "
            f"{over} ({over / total:.0%}) set aside or disagreed.")
    if few:
        text += f" {few} manager{'s have' if few != 1 else ' has'} too few decisions to judge yet."
    return text


def contest_summary(contests: Sequence[Contest], decisions: int, thresholds: Thresholds | None,
                    today: dt.date) -> ContestSummary:
    """Counts, outcomes and response times against the deadline step 3 promised, and the contest rate."""
    closed = [c for c in contests if not c.is_open]
    days = [c.response_days() for c in closed if c.response_days() is not None]
    on_time = sum(1 for c in closed if c.decided_on is not None and c.decided_on <= c.due_on)
    overdue = sum(1 for c in contests if c.is_overdue(today))
    outcomes = Counter(c.outcome for c in contests)
    minimum = thresholds.min_group_size if thresholds else DEFAULT_MIN_DECISIONS
    rate = len(contests) / decisions if decisions else None
    if thresholds is None:
        rate_judgement = NOT_JUDGED
    elif decisions < minimum:
        rate_judgement = TOO_FEW
    else:
        rate_judgement = BREACH if rate > thresholds.contest_rate_ceiling else WITHIN
    late = len(closed) - on_time
    deadline = BREACH if overdue or late else (WITHIN if contests else NOT_JUDGED)
    promised = thresholds.contest_response_days if thresholds else None
    summary = ContestSummary(
        received=len(contests), open=sum(1 for c in contests if c.is_open), overdue=overdue,
        upheld=outcomes[ContestOutcome.UPHELD], partly_upheld=outcomes[ContestOutcome.PARTLY_UPHELD],
        not_upheld=outcomes[ContestOutcome.NOT_UPHELD], answered_on_time=on_time, answered_late=late,
        median_response_days=float(statistics.median(days)) if days else None,
        longest_response_days=max(days) if days else None, promised_days=promised, decisions=decisions,
        contest_rate=rate, rate_judgement=rate_judgement, deadline_judgement=deadline, sentence="")
    return _with_sentence(summary, thresholds)


def _with_sentence(s: ContestSummary, t: Thresholds | None) -> ContestSummary:
    import dataclasses

    if not s.received:
        text = "No contests received."
    else:
        text = (f"{s.received} contest{'s' if s.received != 1 else ''} received: {s.open} open"
                f"{f' ({s.overdue} overdue)' if s.overdue else ''}, {s.upheld} upheld, {s.partly_upheld} partly upheld, "
                f"{s.not_upheld} not upheld.")
        if s.median_response_days is not None:
            promise = f" against {s.promised_days} days promised" if s.promised_days else ""
            text += (f" Answered in a median of {s.median_response_days:g} days{promise}; "
                     f"{s.answered_on_time} on time, {s.answered_late} late.")
    if s.rate_judgement == TOO_FEW:
        text += f" The contest rate is not judged yet: {s.decisions} decisions so far."
    elif s.contest_rate is not None and t is not None:
        side = "above" if s.rate_judgement == BREACH else "within"
        text += (f" Contest rate {s.contest_rate:.1%} of {s.decisions} decisions, {side} the ceiling of "
                 f"{t.contest_rate_ceiling:.1%}.")
    return dataclasses.replace(s, sentence=text)


def contest_breaches(s: ContestSummary, t: Thresholds | None) -> list[Breach]:
    if t is None:
        return []
    out = []
    if s.overdue:
        out.append(Breach("contests/overdue", f"{s.overdue} contest{'s are' if s.overdue != 1 else ' is'} past the "
                                              f"promised response time",
                          s.sentence + " Answer them, and tell each employee when they will hear.", f"{s.overdue}"))
    if s.answered_late:
        out.append(Breach("contests/late", f"{s.answered_late} contest{'s were' if s.answered_late != 1 else ' was'} "
                                           f"answered after the promised deadline",
                          s.sentence, f"{s.answered_late}"))
    if s.rate_judgement == BREACH and s.contest_rate is not None:
        out.append(Breach("contests/rate", f"Contest rate {s.contest_rate:.1%} is above the ceiling of "
                                           f"{t.contest_rate_ceiling:.1%}",
                          s.sentence + " Look at what is contested: a pattern may point at a wrong suggestion.",
                          f"{s.received}/{s.decisions}"))
    return out
