"""The vault tables the records layer owns, and their link columns.

Link columns hold only opaque vault ids, never personal values; everything
else is in the encrypted payload.
"""

from __future__ import annotations

from hrdesk.vault import Vault

EMPLOYEES = "employees"
TEAMS = "teams"
PROTECTED = "protected_attributes"
CYCLES = "review_cycles"
RATINGS = "ratings"
GOALS = "goals"
FEEDBACK = "feedback"
CHECKINS = "wellbeing_checkins"
CONSENTS = "consents"

LINKS: dict[str, tuple[str, ...]] = {
    EMPLOYEES: ("team_id",),
    TEAMS: ("manager_employee_id",),
    PROTECTED: ("employee_id",),
    CYCLES: (),
    RATINGS: ("employee_id", "cycle_id"),
    GOALS: ("employee_id", "cycle_id"),
    FEEDBACK: ("employee_id", "cycle_id"),
    CHECKINS: ("employee_id",),
    CONSENTS: ("employee_id",),
}

# Tables holding records about one employee, linked by employee_id.
PER_EMPLOYEE = (PROTECTED, RATINGS, GOALS, FEEDBACK, CHECKINS, CONSENTS)


def ensure_tables(vault: Vault) -> None:
    """Create the records tables if missing (idempotent, cheap once known)."""
    for name, links in LINKS.items():
        vault.ensure_table(name, links=links)
