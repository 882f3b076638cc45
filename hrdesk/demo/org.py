"""Departments, positions and the reporting tree of the demo organisation.

The shape follows a mid-sized manufacturer (like the public HRDataset the
tests use): a large production floor with wide spans of control, smaller
technical and office departments with narrow ones. That gives the demo about
one manager in ten, teams of a believable size, and departments whose sizes
and gender balance differ the way real ones do.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# Levels in the tree.
CEO, HEAD, MANAGER, STAFF = 0, 1, 2, 3
NO_MANAGER = -1


@dataclass(frozen=True)
class DepartmentSpec:
    name: str
    share: float  # of the headcount outside the executive office
    female_share: float
    span: int  # direct reports per first-line manager
    head_title: str
    manager_title: str
    roles: tuple[tuple[str, float], ...]  # individual-contributor titles and their weights
    projects: tuple[str, ...]  # work that feedback and goals talk about


EXECUTIVE = DepartmentSpec(
    "Executive Office", 0.0, 0.5, 0, "President & CEO", "", (("Executive Assistant", 1.0),),
    ("board reporting pack", "annual planning cycle", "investor update"),
)

DEPARTMENTS: tuple[DepartmentSpec, ...] = (
    DepartmentSpec(
        "Production", 0.42, 0.6, 14, "Director of Operations", "Production Manager",
        (("Production Technician I", 0.58), ("Production Technician II", 0.3), ("Quality Inspector", 0.12)),
        ("line 3 changeover", "safety audit", "scrap-reduction project", "night-shift handover checklist",
         "new packaging line", "preventive maintenance schedule"),
    ),
    DepartmentSpec(
        "Sales", 0.13, 0.5, 9, "Director of Sales", "Sales Manager",
        (("Area Sales Manager", 0.45), ("Account Executive", 0.35), ("Sales Development Representative", 0.2)),
        ("north-east territory plan", "key-account renewals", "CRM clean-up", "trade-show pipeline",
         "pricing proposal for distributors", "quarterly forecast"),
    ),
    DepartmentSpec(
        "Software Engineering", 0.14, 0.25, 7, "VP of Engineering", "Software Engineering Manager",
        (("Software Engineer", 0.5), ("Senior Software Engineer", 0.32), ("QA Engineer", 0.18)),
        ("order-tracking service", "mobile app release", "test automation suite", "API migration",
         "on-call runbook", "performance dashboard"),
    ),
    DepartmentSpec(
        "IT/IS", 0.11, 0.32, 8, "CIO", "IT Manager",
        (("IT Support", 0.3), ("Network Engineer", 0.2), ("Database Administrator", 0.15),
         ("Data Analyst", 0.2), ("BI Developer", 0.15)),
        ("laptop refresh", "network upgrade", "backup restore test", "reporting warehouse",
         "single sign-on rollout", "helpdesk ticket backlog"),
    ),
    DepartmentSpec(
        "Customer Support", 0.12, 0.66, 11, "Director of Customer Support", "Support Team Lead",
        (("Customer Support Specialist", 0.72), ("Senior Support Specialist", 0.28)),
        ("returns process", "knowledge-base rewrite", "first-contact resolution target",
         "chat support pilot", "escalation queue", "customer satisfaction survey"),
    ),
    DepartmentSpec(
        "Admin Offices", 0.08, 0.7, 8, "Director of Shared Services", "Shared Services Manager",
        (("Accountant I", 0.28), ("Sr. Accountant", 0.14), ("HR Generalist", 0.2),
         ("Administrative Assistant", 0.22), ("Payroll Specialist", 0.16)),
        ("month-end close", "payroll system upgrade", "onboarding checklist", "audit preparation",
         "expense policy", "benefits enrolment"),
    ),
)

ALL_DEPARTMENTS: tuple[DepartmentSpec, ...] = (EXECUTIVE, *DEPARTMENTS)


@dataclass(frozen=True)
class Org:
    """One row per person, as parallel arrays (index = person)."""

    department: np.ndarray  # index into ALL_DEPARTMENTS
    level: np.ndarray  # CEO, HEAD, MANAGER or STAFF
    manager: np.ndarray  # index of the person's manager, NO_MANAGER for the CEO
    position: np.ndarray  # title (object array of str)

    @property
    def size(self) -> int:
        return len(self.level)

    def is_manager(self) -> np.ndarray:
        """People with at least one direct report."""
        has_reports = np.zeros(self.size, dtype=bool)
        has_reports[self.manager[self.manager >= 0]] = True
        return has_reports


def _largest_remainder(total: int, shares: np.ndarray) -> np.ndarray:
    """Integer counts that sum to ``total`` and follow ``shares`` as closely as possible."""
    raw = shares / shares.sum() * total
    counts = np.floor(raw).astype(int)
    short = total - counts.sum()
    counts[np.argsort(-(raw - counts), kind="stable")[:short]] += 1
    return counts


def build_org(n: int, rng: np.random.Generator) -> Org:
    """Lay out ``n`` people: a CEO and assistants, then each department's head, teams and staff."""
    n_exec = 1 + max(1, round(n * 0.005))
    sizes = _largest_remainder(n - n_exec, np.array([d.share for d in DEPARTMENTS]))
    department, level, manager, position = [], [], [], []

    def add(dept: int, lvl: int, boss: int, title: str) -> int:
        department.append(dept)
        level.append(lvl)
        manager.append(boss)
        position.append(title)
        return len(level) - 1

    ceo = add(0, CEO, NO_MANAGER, EXECUTIVE.head_title)
    for _ in range(n_exec - 1):
        add(0, STAFF, ceo, EXECUTIVE.roles[0][0])
    for d_index, (spec, size) in enumerate(zip(DEPARTMENTS, sizes), start=1):
        _add_department(d_index, spec, int(size), ceo, add, rng)
    return Org(np.array(department), np.array(level), np.array(manager), np.array(position, dtype=object))


def _add_department(d_index: int, spec: DepartmentSpec, size: int, ceo: int, add, rng: np.random.Generator) -> None:
    head = add(d_index, HEAD, ceo, spec.head_title)
    rest = size - 1
    n_teams = round(rest / (spec.span + 1)) if rest > spec.span + 1 else 0
    titles, weights = zip(*spec.roles)
    if n_teams == 0:  # a small department: the head manages everyone directly
        for title in rng.choice(titles, size=rest, p=np.array(weights) / sum(weights)):
            add(d_index, STAFF, head, str(title))
        return
    team_sizes = _largest_remainder(rest - n_teams, np.ones(n_teams))
    for team_size in team_sizes:
        boss = add(d_index, MANAGER, head, spec.manager_title)
        for title in rng.choice(titles, size=int(team_size), p=np.array(weights) / sum(weights)):
            add(d_index, STAFF, boss, str(title))
