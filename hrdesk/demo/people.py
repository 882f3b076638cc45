"""Who the demo people are: protected attributes, ages, tenure, leavers, names.

Everything is drawn with numpy in whole arrays so 10,000 people take
milliseconds. Two attributes are placed by exact counts rather than by chance
because the demo has to *show* something reliably: the very small race groups
(so the audits' small-group handling is visible) and Hispanic/Latino, the
deliberately fair attribute, which is assigned by stratified sampling on the
final outcome so that it shows no disparity by construction, not by luck.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from hrdesk.demo import names
from hrdesk.demo.org import ALL_DEPARTMENTS, CEO, HEAD, MANAGER, STAFF, Org

DAY = np.timedelta64(1, "D")
YEAR_DAYS = 365.25

# Shares of the whole organisation; the last two are small on purpose
# (fewer than five people at N=300, so "too small to judge" shows in audits).
RACE_SHARES: dict[str, float] = {
    "White": 0.585,
    "Black or African American": 0.2,
    "Asian": 0.13,
    "Two or more races": 0.065,
    "American Indian or Alaska Native": 0.012,
    "Native Hawaiian or Other Pacific Islander": 0.008,
}
HISPANIC_SHARE = 0.16
LEAVER_SHARE = 0.15
INVOLUNTARY_SHARE = 0.2  # of leavers

VOLUNTARY_REASONS: dict[str, float] = {
    "Another position": 0.24, "more money": 0.14, "unhappy": 0.14, "career change": 0.1, "hours": 0.08,
    "relocation out of area": 0.07, "return to school": 0.06, "retiring": 0.06, "medical issues": 0.04,
    "military": 0.03, "maternity leave - did not return": 0.04,
}
INVOLUNTARY_REASONS: dict[str, float] = {
    "performance": 0.4, "attendance": 0.3, "no-call, no-show": 0.15, "gross misconduct": 0.15,
}
STILL_EMPLOYED = "N/A-StillEmployed"
ACTIVE, VOLUNTARY, FOR_CAUSE = "Active", "Voluntarily Terminated", "Terminated for Cause"


@dataclass
class People:
    """Per-person attributes as parallel arrays; index = person, as in ``Org``."""

    sex: np.ndarray
    race: np.ndarray
    dob: np.ndarray  # datetime64[D]
    hire: np.ndarray  # datetime64[D]
    term: np.ndarray  # datetime64[D], NaT for people still employed
    status: np.ndarray
    term_reason: np.ndarray
    performance: np.ndarray  # latent, standard normal; drives ratings
    engagement_raw: np.ndarray  # latent, standard normal, correlated with performance
    hispanic: np.ndarray | None = None  # bool; set after ratings exist (see ``assign_hispanic``)
    first: np.ndarray | None = None
    last: np.ndarray | None = None

    @property
    def active(self) -> np.ndarray:
        return np.isnat(self.term)


def _exact_labels(n: int, shares: dict[str, float], rng: np.random.Generator) -> np.ndarray:
    """Exactly the expected number of each label (largest remainder), in random order."""
    labels = list(shares)
    raw = np.array([shares[k] for k in labels]) * n / sum(shares.values())
    counts = np.floor(raw).astype(int)
    counts[np.argsort(-(raw - counts), kind="stable")[: n - counts.sum()]] += 1
    out = np.repeat(np.array(labels, dtype=object), counts)
    rng.shuffle(out)
    return out


def make_people(org: Org, as_of: np.datetime64, rng: np.random.Generator) -> People:
    n = org.size
    female_share = np.array([ALL_DEPARTMENTS[d].female_share for d in org.department])
    sex = np.where(rng.random(n) < female_share, "F", "M").astype(object)
    race = _exact_labels(n, RACE_SHARES, rng)
    performance = rng.standard_normal(n)
    engagement_raw = 0.5 * performance + np.sqrt(0.75) * rng.standard_normal(n)
    dob, age = _birth_dates(org, as_of, rng)
    hire = _hire_dates(org, as_of, age, rng)
    people = People(
        sex=sex, race=race, dob=dob, hire=hire, term=np.full(n, np.datetime64("NaT"), dtype="datetime64[D]"),
        status=np.full(n, ACTIVE, dtype=object), term_reason=np.full(n, STILL_EMPLOYED, dtype=object),
        performance=performance, engagement_raw=engagement_raw,
    )
    _make_leavers(people, org, as_of, age, rng)
    return people


def _birth_dates(org: Org, as_of: np.datetime64, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    n = org.size
    bump = np.select([org.level == CEO, org.level == HEAD, org.level == MANAGER], [15.0, 10.0, 5.0], 0.0)
    age = np.clip(np.rint(rng.normal(37.0, 10.5, n) + bump), 20, 64).astype(int)
    days = np.floor((age + rng.random(n)) * YEAR_DAYS).astype(int)
    return as_of - days * DAY, age


def _hire_dates(org: Org, as_of: np.datetime64, age: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    n = org.size
    mean = np.select([org.level == CEO, org.level == HEAD, org.level == MANAGER], [10.0, 9.0, 8.0], 6.5)
    tenure = np.minimum(rng.exponential(mean, n) + 0.05, np.minimum(age - 19.0, 30.0))
    return as_of - np.floor(tenure * YEAR_DAYS).astype(int) * DAY


def _weighted_pick(pool: np.ndarray, k: int, weights: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    k = min(k, len(pool))
    if k == 0:
        return pool[:0]
    return rng.choice(pool, size=k, replace=False, p=weights / weights.sum())


def _make_leavers(people: People, org: Org, as_of: np.datetime64, age: np.ndarray, rng: np.random.Generator) -> None:
    """About 15% leavers, all individual contributors; the weak leave for cause, the disengaged by choice."""
    staff = np.flatnonzero(org.level == STAFF)
    n_leavers = round(LEAVER_SHARE * org.size)
    n_cause = round(INVOLUNTARY_SHARE * n_leavers)
    cause = _weighted_pick(staff, n_cause, np.exp(-1.4 * people.performance[staff]), rng)
    rest = np.setdiff1d(staff, cause)
    chosen = _weighted_pick(rest, n_leavers - len(cause), np.exp(-1.0 * people.engagement_raw[rest]), rng)
    leavers = np.concatenate([cause, chosen])
    days_ago = rng.integers(14, 3 * 365, len(leavers))
    term = as_of - days_ago * DAY
    age_then = age[leavers] - days_ago / YEAR_DAYS
    tenure = np.minimum(rng.exponential(2.6, len(leavers)) + 0.15, np.maximum(age_then - 19.0, 0.2))
    people.term[leavers] = term
    people.hire[leavers] = term - np.floor(tenure * YEAR_DAYS).astype(int) * DAY
    people.status[cause] = FOR_CAUSE
    people.status[chosen] = VOLUNTARY
    people.term_reason[cause] = _reasons(INVOLUNTARY_REASONS, len(cause), rng)
    reasons = _reasons(VOLUNTARY_REASONS, len(chosen), rng)
    # Reasons that only fit some people fall back to the commonest reason.
    reasons[(reasons == "retiring") & (age[chosen] < 57)] = "Another position"
    reasons[(reasons == "maternity leave - did not return") & (people.sex[chosen] != "F")] = "career change"
    people.term_reason[chosen] = reasons


def _reasons(table: dict[str, float], k: int, rng: np.random.Generator) -> np.ndarray:
    p = np.array(list(table.values()))
    return rng.choice(np.array(list(table), dtype=object), size=k, p=p / p.sum())


def assign_hispanic(people: People, outcome: np.ndarray, strata: np.ndarray, rng: np.random.Generator) -> None:
    """Mark ``HISPANIC_SHARE`` of people as Hispanic/Latino so that the attribute is fair by design.

    Within each ``outcome`` (the final rating, or none) exactly the nearest
    whole number to the share is chosen, so the outcome rates are equal across
    the attribute up to half a person; within an outcome the choice is spread
    evenly over ``strata`` (sex, status) by systematic sampling from a random
    start, so the attribute does not lean on those either.
    """
    hispanic = np.zeros(len(outcome), dtype=bool)
    for value in np.unique(outcome):
        members = np.flatnonzero(outcome == value)
        k = round(HISPANIC_SHARE * len(members))
        if k == 0:
            continue
        order = members[np.lexsort((rng.random(len(members)), strata[members]))]
        step = len(members) / k
        hispanic[order[np.floor(rng.random() * step + np.arange(k) * step).astype(int)]] = True
    people.hispanic = hispanic


def assign_names(people: People, rng: np.random.Generator) -> None:
    """First names by sex, surnames by plausible origin; full names kept unique."""
    n = len(people.sex)
    female = people.sex == "F"
    first = np.empty(n, dtype=object)
    last = np.empty(n, dtype=object)
    todo = np.arange(n)
    for _attempt in range(30):  # redraw only the later holders of a repeated name
        _draw_first(first, todo, female, rng)
        _draw_last(last, todo, people, rng)
        todo = np.flatnonzero((pd.Series(last) + ", " + pd.Series(first)).duplicated(keep="first").to_numpy())
        if len(todo) == 0:
            break
    people.first, people.last = first, last


def _draw_first(first: np.ndarray, todo: np.ndarray, female: np.ndarray, rng: np.random.Generator) -> None:
    f = todo[female[todo]]
    m = todo[~female[todo]]
    first[f] = rng.choice(np.array(names.FEMALE_FIRST, dtype=object), size=len(f))
    first[m] = rng.choice(np.array(names.MALE_FIRST, dtype=object), size=len(m))


def _draw_last(last: np.ndarray, todo: np.ndarray, people: People, rng: np.random.Generator) -> None:
    hispanic = people.hispanic if people.hispanic is not None else np.zeros(len(last), dtype=bool)
    latin = hispanic[todo] & (rng.random(len(todo)) < names.HISPANIC_SURNAME_SHARE)
    pool = np.array(names.SURNAMES["hispanic"], dtype=object)
    last[todo[latin]] = rng.choice(pool, size=int(latin.sum()))
    rest = todo[~latin]
    for race, mix in names.SURNAME_MIX.items():
        who = rest[people.race[rest] == race]
        if len(who) == 0:
            continue
        origins = list(mix)
        p = np.array([mix[o] for o in origins])
        picked = rng.choice(len(origins), size=len(who), p=p / p.sum())
        for i, origin in enumerate(origins):
            pool = np.array(names.SURNAMES[origin], dtype=object)
            sel = who[picked == i]
            last[sel] = rng.choice(pool, size=len(sel))
