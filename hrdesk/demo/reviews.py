"""Review cycles, ratings and the written feedback that goes with them.

Ratings come from each person's latent performance (drifting a little from
year to year) and their engagement, plus noise, cut at fixed shares of the
scale PIP < Needs Improvement < Fully Meets < Exceeds. Two findings are
planted for the audits to discover, and recorded in ``PlantedFindings``:

* a rating disparity: of the women whose score reaches Exceeds in a cycle,
  an exact share is recorded as Fully Meets instead (the "glass ceiling"
  pattern), so women get Exceeds at well under four-fifths of the men's rate;
* a harsh manager: one first-line manager's reports are scored a full band
  lower than their performance warrants (a calibration finding).

Feedback is built from templates; most sentences talk about behaviour and
results, a planted minority about personality ("abrasive", "bossy",
"emotional"), more often about women, for the feedback-language audit.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from hrdesk.demo.org import ALL_DEPARTMENTS, CEO, MANAGER, Org
from hrdesk.demo.people import DAY, People

SCALE: tuple[str, ...] = ("PIP", "Needs Improvement", "Fully Meets", "Exceeds")
PIP, NEEDS_IMPROVEMENT, FULLY_MEETS, EXCEEDS = range(4)
# Cumulative shares of the scale before the planted downgrade: 4% PIP, 9% NI, 57% FM, 30% Exceeds.
CUTS = (0.04, 0.13, 0.70)
N_CYCLES = 3
WOMEN_EXCEEDS_DOWNGRADED = 0.8  # the planted disparity: clear enough to survive the audit's multiplicity correction
HARSH_SHIFT = -2.2  # score shift for the harsh manager's reports (scores have SD about 1.1)
CODED_RATE = {"F": 0.14, "M": 0.05}  # share of reviews with a personality-focused sentence
PLANTED_WORDS: tuple[str, ...] = ("abrasive", "bossy", "emotional", "aggressive", "pushy", "temperamental")


@dataclass(frozen=True)
class Cycle:
    name: str  # e.g. "2025 annual"
    year: int
    opens: np.datetime64  # first day of the review window (early January of the next year)
    hired_by: np.datetime64  # people hired later are not reviewed in this cycle


def make_cycles(as_of: np.datetime64, n: int = N_CYCLES) -> list[Cycle]:
    """The last ``n`` annual cycles whose review window (January-February) has closed by ``as_of``."""
    year = int(str(as_of)[:4])
    last = year - 1 if as_of >= np.datetime64(f"{year}-03-01") else year - 2
    return [
        Cycle(f"{y} annual", y, np.datetime64(f"{y + 1}-01-06"), np.datetime64(f"{y}-09-30"))
        for y in range(last - n + 1, last + 1)
    ]


@dataclass
class Ratings:
    """One entry per review, as parallel arrays."""

    person: np.ndarray
    cycle: np.ndarray  # index into the cycle list
    date: np.ndarray  # datetime64[D]
    rating: np.ndarray  # index into SCALE
    coded: np.ndarray  # bool: the feedback carries a personality-focused sentence


def pick_harsh_manager(org: Org) -> int:
    """The first-line manager with the most direct reports (first such in the tree)."""
    reports = np.bincount(org.manager[org.manager >= 0], minlength=org.size)
    candidates = np.flatnonzero(org.level == MANAGER)
    if len(candidates) == 0:  # a tiny organisation: department heads manage directly
        candidates = np.flatnonzero((org.level != CEO) & (reports > 0))
    return int(candidates[np.argmax(reports[candidates])])


def rate_cycles(org: Org, people: People, cycles: list[Cycle], harsh: int, rng: np.random.Generator) -> Ratings:
    parts = [_rate_one(org, people, c, i, harsh, rng) for i, c in enumerate(cycles)]
    return Ratings(*(np.concatenate([p[k] for p in parts]) for k in range(5)))


def _rate_one(org: Org, people: People, cycle: Cycle, index: int, harsh: int, rng: np.random.Generator) -> tuple:
    n = org.size
    date = cycle.opens + rng.integers(0, 40, n) * DAY
    employed = np.isnat(people.term) | (people.term > date)
    who = np.flatnonzero((people.hire <= cycle.hired_by) & employed & (org.level != CEO))
    drift = 0.3 * rng.standard_normal(n)
    score = 0.85 * (people.performance + drift) + 0.35 * people.engagement_raw + 0.45 * rng.standard_normal(n)
    score = score + HARSH_SHIFT * (org.manager == harsh)
    cuts = np.quantile(score[who], CUTS)
    rating = np.searchsorted(cuts, score[who]).astype(int)
    _plant_disparity(rating, people.sex[who] == "F", rng)
    p_coded = np.where(people.sex[who] == "F", CODED_RATE["F"], CODED_RATE["M"])
    coded = rng.random(len(who)) < p_coded
    return who, np.full(len(who), index), date[who], rating, coded


def _plant_disparity(rating: np.ndarray, female: np.ndarray, rng: np.random.Generator) -> None:
    """Record an exact share of the women who earned Exceeds as Fully Meets."""
    top = np.flatnonzero((rating == EXCEEDS) & female)
    k = round(WOMEN_EXCEEDS_DOWNGRADED * len(top))
    rating[rng.choice(top, size=k, replace=False)] = FULLY_MEETS


# --- feedback and goals ------------------------------------------------------

OPENINGS: dict[int, tuple[str, ...]] = {
    EXCEEDS: (
        "{first} delivered the {project} ahead of schedule and brought the rest of the team along.",
        "{first} took ownership of the {project} and resolved problems before they reached customers.",
        "{first} consistently set a high bar this year; the {project} is the clearest example.",
        "{He} mentored two newer colleagues while leading work on the {project}.",
        "{first}'s work on the {project} saved the department real time and money.",
        "{first} anticipated risks on the {project} and raised them early with clear options.",
    ),
    FULLY_MEETS: (
        "{first} met the agreed goals for the year, including solid work on the {project}.",
        "{first} is a dependable member of the team and delivered {his} part of the {project} as planned.",
        "{first} handled a steady workload this year and contributed reliably to the {project}.",
        "{He} communicates status clearly and completed {his} tasks on the {project} on time.",
        "{first} met deadlines on the {project} and asked for help when blocked.",
        "{first} works well with colleagues and kept the {project} moving.",
    ),
    NEEDS_IMPROVEMENT: (
        "{first} missed several agreed deadlines on the {project}.",
        "{first}'s contribution to the {project} needed more follow-through than expected.",
        "Handovers from {first} on the {project} were often incomplete and needed rework.",
        "{first} needs to raise blockers earlier; the {project} slipped twice without warning.",
        "{first} met some goals, but the quality of {his} work on the {project} varied.",
    ),
    PIP: (
        "{first} did not meet the core expectations of the role this year.",
        "Work on the {project} had to be reassigned after repeated missed commitments by {first}.",
        "{first} has not yet acted on earlier feedback about accuracy and timeliness.",
        "Quality issues in {first}'s work on the {project} led to customer complaints.",
    ),
}
DEVELOPMENT: tuple[str, ...] = (
    "Next year {he} should write down decisions so others can pick up the work.",
    "A good next step is to present the team's results at the monthly review.",
    "{He} would benefit from planning work in smaller, checkable steps.",
    "Taking the lead on one cross-team initiative would stretch {him} well.",
    "Sharing know-how with newer colleagues is the obvious next step for {him}.",
    "{He} should ask for feedback early rather than at the end of a task.",
    "Closer contact with the planning team would help {him} unblock work sooner.",
    "Better estimates would make {his} commitments more reliable.",
)
CODED: tuple[str, ...] = (
    "{He} can come across as abrasive in meetings.",
    "At times {he} is bossy with junior colleagues.",
    "{He} gets emotional when priorities change.",
    "{He} can be aggressive when challenged on {his} ideas.",
    "Some colleagues find {him} pushy.",
    "{He} is quite temperamental under pressure.",
    "{first} needs to be less emotional in difficult conversations.",
    "{first} comes across as abrasive and should soften {his} tone.",
)
GOALS: tuple[str, ...] = (
    "Lead the {project} through to completion by the end of Q2.",
    "Complete one external training course relevant to the role.",
    "Cut rework on the {project} by a quarter.",
    "Mentor one new starter through their first three months.",
    "Present a lessons-learned summary of the {project} to the department.",
    "Deliver at least 90% of agreed tasks on the date promised.",
    "Document the {project} so that a colleague could run it.",
)
PRONOUNS = {
    "F": {"he": "she", "He": "She", "him": "her", "his": "her"},
    "M": {"he": "he", "He": "He", "him": "him", "his": "his"},
}


def write_texts(org: Org, people: People, ratings: Ratings, rng: np.random.Generator) -> tuple[list[str], list[str]]:
    """Feedback and goals for every review, in the order of ``ratings``."""
    k = len(ratings.person)
    picks = rng.integers(0, 2**31, size=(k, 6))
    feedback, goals = [], []
    for i in range(k):
        person = ratings.person[i]
        spec = ALL_DEPARTMENTS[org.department[person]]
        p = picks[i]
        words = {"first": people.first[person], **PRONOUNS[people.sex[person]]}
        project = spec.projects[p[0] % len(spec.projects)]
        openings = OPENINGS[int(ratings.rating[i])]
        sentences = [openings[p[1] % len(openings)].format(project=project, **words)]
        if ratings.coded[i]:
            sentences.append(CODED[p[2] % len(CODED)].format(**words))
        sentences.append(DEVELOPMENT[p[3] % len(DEVELOPMENT)].format(**words))
        feedback.append(" ".join(sentences))
        g1, g2 = p[4] % len(GOALS), p[5] % (len(GOALS) - 1)
        g2 += g2 >= g1  # two different goals
        other = spec.projects[(p[0] + 1) % len(spec.projects)]
        goals.append(" ".join(GOALS[g].format(project=other) for g in (g1, g2)))
    return feedback, goals
