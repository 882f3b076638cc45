"""The kinds of thing a change can touch: what a view declares it shows, what ``Changes`` names."""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    """A kind of record or state a write can change (one per screen-visible concern)."""

    EMPLOYEES = "employees"
    TEAMS = "teams"
    PROTECTED = "protected_attributes"
    CYCLES = "review_cycles"
    RATINGS = "ratings"
    GOALS = "goals"
    FEEDBACK = "feedback"
    CHECKINS = "wellbeing_checkins"
    CONSENTS = "consents"
    SCALES = "scales"
    AUDIT_RUNS = "audit_runs"
    SETTINGS = "settings"  # vault-level settings: retention periods, purposes
    GOVERNANCE = "governance"  # the six steps' sign-offs and what they rest on (the decision register too)
    LETTERS = "letters"  # the log of letters generated and delivered to employees
    AUDIT_LOG = "audit_log"  # every write appends here
    BACKUPS = "backups"
    KEYS = "keys"  # passphrases, recovery key, users


#: Everything a person can be counted or rated by: what a fairness audit reads.
AUDIT_INPUTS = frozenset({Kind.EMPLOYEES, Kind.TEAMS, Kind.PROTECTED, Kind.CYCLES, Kind.RATINGS, Kind.FEEDBACK, Kind.SCALES})

#: Every kind that holds records about people (a restore or a purge can touch all of them).
PEOPLE = frozenset({Kind.EMPLOYEES, Kind.TEAMS, Kind.PROTECTED, Kind.CYCLES, Kind.RATINGS, Kind.GOALS,
                    Kind.FEEDBACK, Kind.CHECKINS, Kind.CONSENTS})

ALL = frozenset(Kind)
