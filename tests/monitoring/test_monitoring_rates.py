"""Override rates per manager against the band, contests against the deadline, flag rates through the audits engine."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from scipy import stats

from hrdesk.contests.model import Contest, Outcome, Subject
from hrdesk.monitoring.decisions import contest_breaches, contest_summary, manager_breaches, manager_decisions
from hrdesk.monitoring.model import BREACH, TOO_FEW, WATCH, WITHIN, Thresholds
from hrdesk.reviews.model import SuggestionDecision, Verdict

DAY = dt.date(2026, 9, 1)


def thresholds(**over) -> Thresholds:
    values = dict(impact_ratio_floor=0.8, override_low=0.05, override_high=0.6, contest_rate_ceiling=0.05,
                  min_group_size=10, escalation_contact="Priya Raman", escalation_days=5, pilot_teams=(),
                  contest_response_days=10, go_live=DAY)
    values.update(over)
    return Thresholds(**values)


def decisions(manager: str, accept: int, set_aside: int, disagree: int) -> list[SuggestionDecision]:
    verdicts = [Verdict.ACCEPT] * accept + [Verdict.SET_ASIDE] * set_aside + [Verdict.DISAGREE] * disagree
    return [SuggestionDecision(f"{manager}-{i}", f"r{i}", f"e{i}", "2026 H2", manager, "retention", "talk", v,
                               "reason", "", DAY) for i, v in enumerate(verdicts)]


def test_each_manager_is_judged_against_the_band_and_a_thin_record_is_said_in_words() -> None:
    rows = {r.manager: r for r in manager_decisions(
        decisions("Ann", 2, 9, 9) + decisions("Bob", 20, 0, 0) + decisions("Cy", 12, 5, 3) + decisions("Di", 1, 1, 1),
        thresholds())}
    assert rows["Ann"].override_rate == pytest.approx(0.9) and rows["Ann"].judgement == BREACH
    assert "above the override band of 5% to 60%" in rows["Ann"].sentence
    assert rows["Bob"].override_rate == 0 and rows["Bob"].judgement == BREACH and "below" in rows["Bob"].sentence
    assert rows["Cy"].judgement == WITHIN and (rows["Cy"].accepted, rows["Cy"].set_aside, rows["Cy"].disagreed) == (12, 5, 3)
    assert rows["Di"].judgement == TOO_FEW
    assert rows["Di"].sentence == "Di: 3 decisions so far, too few to judge (at least 10 are needed)."
    # the Wilson interval, against scipy's
    ci = stats.binomtest(18, 20).proportion_ci(method="wilson")
    assert (rows["Ann"].ci_low, rows["Ann"].ci_high) == pytest.approx((ci.low, ci.high))
    keys = {b.key for b in manager_breaches(list(rows.values()), thresholds())}
    assert keys == {"override/above/Ann", "override/below/Bob"}


def contest(i: int, received: dt.date, *, outcome: Outcome = Outcome.OPEN, decided: dt.date | None = None,
            due_days: int = 10) -> Contest:
    return Contest(f"C-{i:04d}", f"e{i}", Subject.SUGGESTION, "a flag", "", "wrong", received,
                   received + dt.timedelta(days=due_days), "HR partner", "Ann", outcome, decided)


def test_contests_are_counted_against_the_promised_deadline_and_the_ceiling() -> None:
    cases = [contest(1, DAY, outcome=Outcome.UPHELD, decided=DAY + dt.timedelta(days=4)),
             contest(2, DAY, outcome=Outcome.NOT_UPHELD, decided=DAY + dt.timedelta(days=14)),
             contest(3, DAY + dt.timedelta(days=30)),                      # open, past due on the day
             contest(4, DAY + dt.timedelta(days=50))]                      # open, not yet due
    today = DAY + dt.timedelta(days=55)
    s = contest_summary(cases, 40, thresholds(), today)
    assert (s.received, s.open, s.overdue, s.upheld, s.not_upheld) == (4, 2, 1, 1, 1)
    assert (s.answered_on_time, s.answered_late, s.median_response_days, s.longest_response_days) == (1, 1, 9.0, 14)
    assert s.contest_rate == pytest.approx(0.1) and s.rate_judgement == BREACH and s.deadline_judgement == BREACH
    assert "against 10 days promised" in s.sentence
    assert {b.key for b in contest_breaches(s, thresholds())} == {"contests/overdue", "contests/late", "contests/rate"}
    few = contest_summary(cases[:1], 3, thresholds(), today)
    assert few.rate_judgement == TOO_FEW and "not judged yet: 3 decisions" in few.sentence
    assert contest_summary([], 0, thresholds(), today).sentence.startswith("No contests received.")


def test_flag_rates_come_from_the_audits_engine_and_match_scipy_and_fairlearn() -> None:
    from fairlearn.metrics import MetricFrame, selection_rate

    from hrdesk.monitoring.flags import rates_from
    from hrdesk.suggest.pipeline import FeatureTable
    from hrdesk.suggest.service import Suggestion, SuggestionList

    rng = np.random.default_rng(4)
    n = 400
    sex = np.where(rng.random(n) < 0.5, "Female", "Male").astype(object)
    race = rng.choice(np.array(["White", "Black", "Asian", "Two or more"], dtype=object), n, p=[0.6, 0.25, 0.135, 0.015])
    p = np.where(sex == "Female", 0.35, 0.12)               # women flagged about three times as often: planted
    flagged = rng.random(n) < p
    ids = tuple(f"{10000 + i}" for i in range(n))
    table = FeatureTable(ids, ids, ids, ("t",) * n, ("M",) * n, (), np.empty((n, 0)), np.zeros(n, bool),
                         np.ones(n, bool), np.ones(n, bool), np.zeros(n, "datetime64[D]"), 0, DAY, None, None)
    items = tuple(Suggestion("retention", "d", ids[i], ids[i], "M", "t", "", "") for i in np.flatnonzero(flagged))
    rows, note = rates_from(table, SuggestionList(True, "", items), {"sex": sex, "race": race}, thresholds())
    by = {(r.attribute, r.group): r for r in rows}
    frame = MetricFrame(metrics=selection_rate, y_true=flagged, y_pred=flagged, sensitive_features=sex)
    for group in ("Female", "Male"):
        assert by[("Sex", group)].rate == pytest.approx(frame.by_group[group])
    women, men = by[("Sex", "Female")], by[("Sex", "Male")]
    assert women.impact_ratio == pytest.approx((1 - women.rate) / (1 - men.rate))
    table2 = [[women.flagged, women.n - women.flagged], [men.flagged, men.n - men.flagged]]
    assert women.p_value == pytest.approx(stats.chi2_contingency(table2, correction=False).pvalue)
    assert women.p_adjusted < 0.05 and women.impact_ratio < 0.8 and women.judgement == BREACH
    assert men.engine_status == "reference" and "the yardstick" in men.sentence
    small = by[("Race/ethnicity", "Two or more")]
    assert small.n < 10 and small.judgement == TOO_FEW and "not judged" in small.sentence
    assert "comparisons corrected together" in note
    # race was not planted: nothing there is raised (a low ratio without clear evidence is only watched)
    assert all(r.judgement in (WITHIN, WATCH, TOO_FEW, "not_judged") for r in rows if r.attribute == "Race/ethnicity")


def test_a_manager_who_receives_suggestions_but_has_decided_nothing_is_listed_in_words() -> None:
    rows = manager_decisions(decisions("Ann", 8, 1, 1), thresholds(), expected=["Ann", "Zoe"])
    zoe = rows[-1]
    assert (zoe.manager, zoe.decisions, zoe.override_rate, zoe.judgement) == ("Zoe", 0, None, TOO_FEW)
    assert zoe.sentence == "Zoe: 0 decisions so far, too few to judge (at least 10 are needed)."
    from hrdesk.monitoring.decisions import decisions_note

    assert decisions_note([], manager_decisions([], thresholds(), expected=["Zoe"])).startswith(
        "No decisions on suggestions are recorded yet (1 manager receives suggestions)")
