"""The kinds of thing a change can touch: what a view declares it shows, what ``Changes`` names."""

from __future__ import annotations

from enum import StrEnum

from hrdesk.records import tables


class Kind(StrEnum):
    """A kind of record or state a write can change (one per screen-visible concern).

    Record kinds carry their table's name, so a kind and the table it lives in never drift apart.
    """

    EMPLOYEES = tables.EMPLOYEES
    TEAMS = tables.TEAMS
    PROTECTED = tables.PROTECTED
    CYCLES = tables.CYCLES
    RATINGS = tables.RATINGS
    GOALS = tables.GOALS
    FEEDBACK = tables.FEEDBACK
    CHECKINS = tables.CHECKINS
    CONSENTS = tables.CONSENTS
    SCALES = "scales"
    AUDIT_RUNS = "audit_runs"
    SETTINGS = "settings"  # vault-level settings: retention periods, purposes
    GOVERNANCE = "governance"  # the six steps' sign-offs and what they rest on (the decision register too)
    LETTERS = "letters"  # the log of letters generated and delivered to employees
    MONITORING = "monitoring"  # monitoring runs after go-live, and the alerts they raised
    CONTESTS = "contests"  # employees' contest cases (hrdesk.contests.store.TABLE)
    AUDIT_LOG = "audit_log"  # every write appends here
    BACKUPS = "backups"
    KEYS = "keys"  # passphrases, recovery key, users
    REVIEWS = "reviews"  # review sessions: the manager's rating, plan, check-in date and suggestion decisions


#: Everything a person can be counted or rated by: what a fairness audit reads.
AUDIT_INPUTS = frozenset({Kind.EMPLOYEES, Kind.TEAMS, Kind.PROTECTED, Kind.CYCLES, Kind.RATINGS, Kind.FEEDBACK, Kind.SCALES})

#: Every kind that holds records about people (a restore or a purge can touch all of them).
PEOPLE = frozenset({Kind.EMPLOYEES, Kind.TEAMS, Kind.PROTECTED, Kind.CYCLES, Kind.RATINGS, Kind.GOALS,
                    Kind.FEEDBACK, Kind.CHECKINS, Kind.CONSENTS, Kind.REVIEWS, Kind.CONTESTS})

ALL = frozenset(Kind)
