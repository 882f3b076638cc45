"""The people records: employees, teams, review cycles, ratings, goals, feedback,
well-being check-ins and consents, all in the vault and all changes audited.

    records = Records(vault)
    records.employees.list() / .get(id) / .by_employee_id("10026") / .update(id, department="IT")
    records.teams.list(); records.employees.in_team(team_id)
    records.cycles / .ratings / .goals / .feedback / .checkins: .list(), .get(id), .for_employee(id), .add(...)
    records.ratings.scale() -> ["PIP", "Needs Improvement", "Fully Meets", "Exceeds"]
    records.consents.record_change(id, "ai_processing", False, by="Dana HR"); .current(id); .history(id)
    records.counts() -> RecordCounts

Protected attributes are not reachable from here: see ``records.protected``.
The suggestion pipeline reads ``records.features.feature_rows``.
"""

from __future__ import annotations

from hrdesk.records import tables
from hrdesk.records.consent import AI_PROCESSING, ConsentRepository
from hrdesk.records.employees import EmployeeRepository, TeamRepository
from hrdesk.records.fields import Purpose
from hrdesk.records.repository import (
    CheckInRepository,
    CycleRepository,
    FeedbackRepository,
    GoalRepository,
    RatingRepository,
)
from hrdesk.records.types import (
    CheckIn,
    ConsentEvent,
    Employee,
    Feedback,
    Goal,
    ProtectedAttributes,
    Rating,
    RecordCounts,
    ReviewCycle,
    Team,
)
from hrdesk.vault import Vault


class Records:
    """Typed access to everything the vault holds about people."""

    def __init__(self, vault: Vault) -> None:
        tables.ensure_tables(vault)
        self.vault = vault
        self.employees = EmployeeRepository(vault)
        self.teams = TeamRepository(vault)
        self.cycles = CycleRepository(vault)
        self.ratings = RatingRepository(vault)
        self.goals = GoalRepository(vault)
        self.feedback = FeedbackRepository(vault)
        self.checkins = CheckInRepository(vault)
        self.consents = ConsentRepository(vault)

    def counts(self) -> RecordCounts:
        employees = self.employees.list()
        leavers = sum(1 for e in employees if e.is_leaver)
        return RecordCounts(
            employees=len(employees),
            active_employees=len(employees) - leavers,
            leavers=leavers,
            teams=self.teams.count(),
            review_cycles=self.cycles.count(),
            ratings=self.ratings.count(),
            goals=self.goals.count(),
            feedback=self.feedback.count(),
            checkins=self.checkins.count(),
            opted_out_of_ai=len(self.consents.opted_out(AI_PROCESSING)),
        )


__all__ = [
    "CheckIn",
    "ConsentEvent",
    "Employee",
    "Feedback",
    "Goal",
    "ProtectedAttributes",
    "Purpose",
    "Rating",
    "RecordCounts",
    "Records",
    "ReviewCycle",
    "Team",
]
