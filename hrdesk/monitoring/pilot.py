"""'Does it help?': pilot teams against comparison teams, before and after go-live.

Where the numbers come from (hrdesk keeps no more than this):

* **voluntary leaving** — every employee's hire and leaving dates and how they
  left (the audit's rule: ``fairness.vault_input.left_voluntarily``): for each
  team and calendar month, voluntary leavers over the people employed at the
  start of the month, in percent. Complete history, back to the first hire.
* **check-in mood** — the dated well-being check-ins (mood 1-5): each team's
  average per month. Used only as team averages, never about a person, and
  never for evaluation: it answers whether the *system* helps.
* **engagement** and **satisfaction** — the survey scores of the HRIS import
  (``EngagementSurvey``, ``EmpSatisfaction`` in HRDataset). hrdesk keeps only
  each person's latest score, so monitoring keeps each team's average every
  time it sees the scores change (``surveys``): one survey round per new
  import. Rounds before the first monitoring run after go-live are lost;
  the comparison says so when it has too few.

A team is a manager's people (pilot teams are named by manager, as in step
6), placed by the team they are in now. The go-live month itself is left
out (part before, part after), and so is the current, unfinished month.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from hrdesk.monitoring.did import diff_in_diff, months_needed
from hrdesk.monitoring.model import PilotComparison, PilotEstimate, Thresholds

if TYPE_CHECKING:
    from hrdesk.records.types import CheckIn, Employee
    from hrdesk.vault import Vault

#: periods needed on each side of go-live before an estimate is attempted
MIN_PERIODS = 3
#: months of history before go-live used at most
HISTORY_MONTHS = 24


@dataclass(frozen=True)
class Outcome:
    key: str
    label: str
    source: str
    unit: str
    smallest_effect: float   # the smallest change worth detecting: "enough data" means the interval is this narrow
    period_words: str        # "months" | "survey rounds"


OUTCOMES = {
    "engagement": Outcome("engagement", "Engagement", "the engagement survey score of the HRIS import (1-5), "
                          "each team's average per survey round", "points on 1-5", 0.2, "survey rounds"),
    "satisfaction": Outcome("satisfaction", "Satisfaction", "the satisfaction survey score of the HRIS import, "
                            "each team's average per survey round", "points on its scale", 0.2, "survey rounds"),
    "mood": Outcome("mood", "Check-in mood", "the well-being check-ins' mood (1-5), each team's monthly average",
                    "points on 1-5", 0.2, "months"),
    "voluntary_leaving": Outcome("voluntary_leaving", "Voluntary leaving", "hire and leaving dates: voluntary "
                                 "leavers per month over the people employed at the month's start",
                                 "percentage points a month", 0.5, "months"),
}


@dataclass(frozen=True)
class Panel:
    """Team averages per period: one cell per (team, period) with the people (or check-ins) behind it."""

    team: tuple[str, ...]
    period: np.ndarray   # month index (year * 12 + month - 1), or survey round's month
    y: np.ndarray
    weight: np.ndarray


def month_index(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def _month_start(index: int) -> dt.date:
    return dt.date(index // 12, index % 12 + 1, 1)


def _team(name: str | None) -> str:
    return (name or "").strip()


def leaving_panel(employees: Sequence["Employee"], first: int, last: int) -> Panel:
    """Voluntary leavers per team and month over the headcount at the month's start, in percent."""
    from hrdesk.fairness.vault_input import left_voluntarily

    teams, hired, ended, voluntary = [], [], [], []
    for e in employees:
        if not _team(e.manager_name):
            continue
        teams.append(_team(e.manager_name))
        hired.append(month_index(e.hire_date) if e.hire_date else -1)
        ended.append(month_index(e.termination_date) if e.termination_date else 10 ** 9)
        voluntary.append(e.termination_date is not None and left_voluntarily(e.employment_status))
    names, code = np.unique(np.array(teams, dtype=object), return_inverse=True) if teams else (np.array([]), np.array([], int))
    hired_a, ended_a, vol = np.array(hired), np.array(ended), np.array(voluntary, dtype=bool)
    out_t, out_p, out_y, out_w = [], [], [], []
    for m in range(first, last + 1):
        present = (hired_a < m) & (ended_a >= m)   # employed on the first of the month (hired in an earlier month)
        heads = np.bincount(code[present], minlength=len(names))
        left = np.bincount(code[present & vol & (ended_a == m)], minlength=len(names))
        for t in np.flatnonzero(heads):
            out_t.append(str(names[t]))
            out_p.append(m)
            out_y.append(100.0 * left[t] / heads[t])
            out_w.append(float(heads[t]))
    return Panel(tuple(out_t), np.array(out_p, dtype=int), np.array(out_y, dtype=float), np.array(out_w, dtype=float))


def mood_panel(checkins: Sequence["CheckIn"], team_of: dict[str, str], first: int, last: int) -> Panel:
    """Each team's average check-in mood per month (``team_of``: employee vault id -> manager name)."""
    sums: dict[tuple[str, int], list[float]] = {}
    for c in checkins:
        team = team_of.get(c.employee_id)
        m = month_index(c.date)
        if not team or not first <= m <= last:
            continue
        cell = sums.setdefault((team, m), [0.0, 0.0])
        cell[0] += c.mood
        cell[1] += 1
    keys = sorted(sums)
    return Panel(tuple(k[0] for k in keys), np.array([k[1] for k in keys], dtype=int),
                 np.array([sums[k][0] / sums[k][1] for k in keys]), np.array([sums[k][1] for k in keys]))


def estimate(outcome: Outcome, panel: Panel, pilot_teams: Sequence[str], go_live: dt.date) -> PilotEstimate:
    """The difference-in-differences estimate for one outcome, or the honest reason there is none yet."""
    pilot_names = {t.casefold() for t in pilot_teams}
    g = month_index(go_live)
    keep = panel.period != g
    team = np.array(panel.team, dtype=object)[keep]
    period, y, w = panel.period[keep], panel.y[keep], panel.weight[keep]
    pilot = np.array([t.casefold() in pilot_names for t in team], dtype=bool)
    after = period > g
    before_n, after_n = len(np.unique(period[~after])), len(np.unique(period[after]))
    n_pilot = len(set(team[pilot])) if len(team) else 0
    n_comp = len(set(team[~pilot])) if len(team) else 0
    means = [_mean(y, w, pilot & ~after), _mean(y, w, pilot & after), _mean(y, w, ~pilot & ~after),
             _mean(y, w, ~pilot & after)]
    base = dict(outcome=outcome.key, label=outcome.label, source=outcome.source, unit=outcome.unit,
                pilot_teams=n_pilot, comparison_teams=n_comp, periods_before=before_n, periods_after=after_n,
                pilot_before=means[0], pilot_after=means[1], comparison_before=means[2], comparison_after=means[3],
                smallest_effect=outcome.smallest_effect, method=METHOD)
    words = outcome.period_words
    if not len(team):
        return PilotEstimate(**base, effect=None, ci_low=None, ci_high=None, enough_data=False, more_months=None,
                             sentence=f"{outcome.label}: not enough data: none is on record for these teams.")
    if n_pilot < 2 or n_comp < 2:
        return PilotEstimate(**base, effect=None, ci_low=None, ci_high=None, enough_data=False, more_months=None,
                             sentence=f"{outcome.label}: not enough data: only {n_pilot} pilot and {n_comp} comparison "
                                      f"team(s) have any; at least two of each are needed, and more time alone will "
                                      f"not change that.")
    if before_n < MIN_PERIODS or after_n < MIN_PERIODS:
        more = max(0, MIN_PERIODS - after_n)
        have = f"{_count(before_n, words)} before go-live and {_count(after_n, words)} after are on record"
        when = (f"at least {_count(more, 'more ' + words)}" if before_n >= MIN_PERIODS
                else "a comparison only once more history exists (it cannot be recovered for the past)")
        if before_n >= MIN_PERIODS:
            have = f"{_count(after_n, words)} after go-live so far"
        return PilotEstimate(**base, effect=None, ci_low=None, ci_high=None, enough_data=False,
                             more_months=more if before_n >= MIN_PERIODS else None,
                             sentence=f"{outcome.label}: not enough data yet: {have}; at least {MIN_PERIODS} on "
                                      f"each side are needed, so {when}.")
    result = diff_in_diff(np.unique(team, return_inverse=True)[1], period, y, w, pilot, after)
    if result is None:
        return PilotEstimate(**base, effect=None, ci_low=None, ci_high=None, enough_data=False, more_months=None,
                             sentence=f"{outcome.label}: the panel cannot separate the pilot from the calendar.")
    half = (result.ci_high - result.ci_low) / 2
    more = months_needed(half, outcome.smallest_effect, before_n, after_n)
    enough = more == 0
    interval = (f"{result.effect:+.2f} {outcome.unit} (95% interval {result.ci_low:+.2f} to {result.ci_high:+.2f}; "
                f"{result.teams_pilot} pilot and {result.teams_comparison} comparison teams, {before_n} {words} "
                f"before and {after_n} after go-live)")
    if enough:
        verdict = ("a clear change" if result.ci_low > 0 or result.ci_high < 0
                   else "no clear change either way")
        sentence = f"{outcome.label}: pilot teams changed by {interval} relative to comparison teams: {verdict}."
    else:
        later = (f"about {_count(more, 'more ' + words)} at this size" if more is not None
                 else "not reachable at this size: more pilot or comparison teams are needed")
        sentence = (f"{outcome.label}: not enough data yet: {later} (the estimate so far is {interval}; an interval "
                    f"of ±{outcome.smallest_effect:g} is needed to see a change of {outcome.smallest_effect:g}).")
    return PilotEstimate(**base, effect=result.effect, ci_low=result.ci_low, ci_high=result.ci_high,
                         enough_data=enough, more_months=more, sentence=sentence)


METHOD = ("Difference in differences: two-way fixed effects (team and period) on team averages weighted by "
          "people, 95% interval clustered by team (CR1 sandwich, Student's t with min(pilot, comparison "
          "teams) - 1 degrees of freedom).")


def _count(n: int, words: str) -> str:
    return f"{n} {words if n != 1 else words[:-1]}"


def _mean(y: np.ndarray, w: np.ndarray, mask: np.ndarray) -> float | None:
    total = float(w[mask].sum())
    return float((y[mask] * w[mask]).sum() / total) if total > 0 else None


def compare(vault: "Vault", thresholds: Thresholds | None, *, today: dt.date) -> PilotComparison | None:
    """The pilot comparison for every outcome, or ``None`` when step 6 took every team live (no pilot)."""
    from hrdesk.monitoring import surveys
    from hrdesk.records import Records

    if thresholds is None or not thresholds.pilot_teams:
        return None
    go_live = thresholds.go_live
    if go_live is None:
        return PilotComparison(None, thresholds.pilot_teams, (), "The go-live date is not on record, so the pilot "
                               "cannot be compared before and after.")
    records = Records(vault)
    employees = records.employees.list()
    team_of = {e.id: _team(e.manager_name) for e in employees}
    first, last = month_index(go_live) - HISTORY_MONTHS, month_index(today) - 1
    panels = {"voluntary_leaving": leaving_panel(employees, first, last),
              "mood": mood_panel(records.checkins.list(), team_of, first, last)}
    panels.update(surveys.panels(vault))
    estimates = tuple(estimate(OUTCOMES[key], panels[key], thresholds.pilot_teams, go_live)
                      for key in OUTCOMES if key in panels)
    clear = [e for e in estimates if e.enough_data]
    sentence = (f"{len(thresholds.pilot_teams)} pilot team(s) since {go_live.isoformat()}: "
                + (f"{len(clear)} of {len(estimates)} measures have enough data." if clear
                   else "not enough data yet for any measure."))
    return PilotComparison(go_live, thresholds.pilot_teams, estimates, sentence)
