"""Monthly well-being check-ins for the last twelve months.

Most people answer most months (mood, workload and stress on 1-5, sometimes
a comment). The patterns the product should surface are planted gently: a
few people slide into burnout over several months (workload and stress up,
mood down, tired comments), and people who later resigned look unhappier in
the months before they left. These signals are for coaching only; the demo
keeps them out of ratings, as the product does.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from hrdesk.demo.org import ALL_DEPARTMENTS, Org
from hrdesk.demo.people import DAY, VOLUNTARY, People

MONTHS = 12
PARTICIPATION = 0.85  # share of people who use check-ins at all
SKIP = 0.1  # chance a participant skips a given month
BURNOUT_SHARE = 0.08  # of participants still employed
COMMENT_RATE = 0.3
WORKLOAD_BY_DEPARTMENT = {"Production": 0.2, "Software Engineering": 0.3, "Customer Support": 0.35, "Sales": 0.15}

COMMENTS: dict[str, tuple[str, ...]] = {
    "positive": (
        "Good month, the team is working well together.",
        "Enjoyed the training session this month.",
        "Feeling settled in the role now.",
        "Nice to see our project finally land.",
        "Things are calm and manageable right now.",
    ),
    "neutral": (
        "Busy but fine overall.",
        "Nothing special to report this month.",
        "Some back-and-forth on priorities this month.",
        "Waiting on decisions from other teams.",
        "A steady month with no surprises.",
    ),
    "workload": (
        "A lot of overtime this month.",
        "Too many urgent requests landing at once.",
        "Covering for two colleagues who are out.",
        "The deadlines this quarter are very tight.",
        "Hard to finish anything with all the interruptions.",
    ),
    "low": (
        "Not a great month, struggling to stay motivated.",
        "Feeling a bit disconnected from the team lately.",
        "Unsure where my role is heading.",
        "Personal things made this month hard.",
    ),
    "burnout": (
        "I'm running on empty.",
        "Working most evenings and weekends to keep up.",
        "Sleeping badly because of work.",
        "I don't see how this workload is sustainable.",
        "Exhausted and I need a proper break soon.",
    ),
}


@dataclass
class CheckIns:
    """One entry per check-in, as parallel arrays, plus what absences are drawn from."""

    person: np.ndarray
    date: np.ndarray  # datetime64[D]
    mood: np.ndarray
    workload: np.ndarray
    stress: np.ndarray
    comment: np.ndarray  # object: str, "" for none
    burnout: np.ndarray  # per person: bool, the planted burnout pattern
    mean_stress: np.ndarray  # per person, NaN without check-ins


def make_checkins(org: Org, people: People, as_of: np.datetime64, rng: np.random.Generator) -> CheckIns:
    n = org.size
    last_month = as_of.astype("datetime64[M]")
    months = last_month - np.arange(MONTHS - 1, -1, -1)
    dates = months.astype("datetime64[D]")[None, :] + rng.integers(0, 28, (n, MONTHS)) * DAY
    dates = np.minimum(dates, as_of)
    employed = (people.hire[:, None] <= dates) & (np.isnat(people.term)[:, None] | (people.term[:, None] > dates))
    participant = rng.random(n) < PARTICIPATION
    answered = employed & participant[:, None] & (rng.random((n, MONTHS)) >= SKIP)

    burnout = _pick_burnout(people, participant, rng)
    onset = rng.integers(3, 8, n)
    step = np.arange(MONTHS)[None, :]
    ramp = np.clip((step - onset[:, None] + 1) / (MONTHS - onset[:, None]), 0.0, 1.0) * burnout[:, None]
    leaving = _leaving_ramp(people, dates)

    dept_load = np.array([WORKLOAD_BY_DEPARTMENT.get(ALL_DEPARTMENTS[d].name, 0.0) for d in org.department])
    mood_base = 3.6 + 0.55 * people.engagement_raw + 0.3 * rng.standard_normal(n)
    load_base = 3.0 + dept_load + 0.35 * rng.standard_normal(n)
    noise = rng.standard_normal((3, n, MONTHS))
    mood_f = mood_base[:, None] + 0.55 * noise[0] - 1.9 * ramp - 1.3 * leaving
    load_f = load_base[:, None] + 0.55 * noise[1] + 1.8 * ramp
    stress_f = 2.4 + 0.55 * (load_f - 3.0) - 0.45 * (mood_f - 3.6) + 0.5 * noise[2] + 1.2 * ramp + 0.6 * leaving
    mood, load, stress = (np.clip(np.rint(x), 1, 5).astype(int) for x in (mood_f, load_f, stress_f))

    comment = _comments(mood, load, ramp, answered, rng)
    rows, cols = np.nonzero(answered)
    mean_stress = np.full(n, np.nan)
    counts = answered.sum(axis=1)
    has = counts > 0
    mean_stress[has] = (stress * answered).sum(axis=1)[has] / counts[has]
    return CheckIns(
        person=rows, date=dates[rows, cols], mood=mood[rows, cols], workload=load[rows, cols],
        stress=stress[rows, cols], comment=comment[rows, cols], burnout=burnout, mean_stress=mean_stress,
    )


def _pick_burnout(people: People, participant: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Burnout among people still here; committed high performers are somewhat more at risk."""
    pool = np.flatnonzero(participant & people.active)
    k = round(BURNOUT_SHARE * len(pool))
    burnout = np.zeros(len(participant), dtype=bool)
    if k:
        weights = np.exp(0.5 * people.performance[pool])
        burnout[rng.choice(pool, size=k, replace=False, p=weights / weights.sum())] = True
    return burnout


def _leaving_ramp(people: People, dates: np.ndarray) -> np.ndarray:
    """0..1 over the four months before a resignation."""
    resigned = people.status == VOLUNTARY
    days_left = (people.term[:, None] - dates) / DAY
    ramp = np.clip(1.0 - days_left / 120.0, 0.0, 1.0)
    return np.where(resigned[:, None] & ~np.isnan(ramp), ramp, 0.0)


def _comments(mood: np.ndarray, load: np.ndarray, ramp: np.ndarray, answered: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    category = np.select(
        [ramp > 0.3, load >= 4, mood <= 2, mood >= 4], ["burnout", "workload", "low", "positive"], "neutral"
    )
    rate = np.where(ramp > 0.3, 0.6, COMMENT_RATE)
    wants = answered & (rng.random(mood.shape) < rate)
    pick = rng.integers(0, 2**31, mood.shape)
    comment = np.full(mood.shape, "", dtype=object)
    for name, pool in COMMENTS.items():
        sel = wants & (category == name)
        comment[sel] = np.array(pool, dtype=object)[pick[sel] % len(pool)]
    return comment
