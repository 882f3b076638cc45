"""The sections every window has, in sidebar order.

Screens that do not exist yet point at the module that will hold them
(``hrdesk/ui/<name>_view.py`` with a ``<Name>View(context)`` class) and fall
back to a placeholder, so adding the real screen needs no edit here or in the
window. Importing this module registers them (once) in ``REGISTRY``.
"""

from __future__ import annotations

import importlib.util

from hrdesk.ui.placeholder import placeholder
from hrdesk.ui.sections import REGISTRY, Section, SectionRegistry, lazy


HR, MANAGER, AUDITOR = "admin", "manager", "auditor"  # session.Role values
PEOPLE_ROLES = frozenset({HR, MANAGER})  # individual records: never an auditor's
OVERSIGHT_ROLES = frozenset({HR, AUDITOR})  # governance, audits, the audit log: never a manager's


def _future(key: str, title: str, icon: str, order: int, class_name: str, promise: str,
            roles: frozenset[str] = frozenset()) -> Section:
    module = f"hrdesk.ui.{key}_view"
    return Section(
        key, title, icon, order=order, summary=promise, planned=importlib.util.find_spec(module) is None,
        factory=lazy(f"hrdesk.ui.{key}_view", class_name, fallback=placeholder(title, promise)), roles=roles,
    )


BUILTIN: tuple[Section, ...] = (
    Section("overview", "Overview", "overview", order=10, summary="The vault, its backups and governance progress.",
            factory=lazy("hrdesk.ui.overview", "OverviewView")),
    Section("monitoring", "Monitoring", "monitoring", order=15,
            summary="After go-live: flag rates by group, override and contest rates against governance step 6's "
            "thresholds, alerts to the escalation contact, and whether the pilot helps.",
            factory=lazy("hrdesk.ui.monitoring_view", "MonitoringView"), roles=OVERSIGHT_ROLES),
    _future("employees", "Employees", "employees", 20, "EmployeesView",
            "Your people, imported from the HRIS export through a column-mapping step that keeps only the columns "
            "a declared purpose needs. Teams, consent and opt-outs, and well-being check-ins beside performance.",
            PEOPLE_ROLES),
    _future("reviews", "Reviews", "reviews", 30, "ReviewsView",
            "Review cycles, ratings, goals and written feedback. A manager opens only their own team and records a "
            "decision, with its reason, on every suggestion.", PEOPLE_ROLES),
    _future("governance", "Governance", "governance", 40, "GovernanceView",
            "The six governance steps, each signed off by a named person, in order: data audit, decision register, "
            "employee rights and privacy assessment, manager training, communication, and monitored deployment.",
            OVERSIGHT_ROLES),
    Section("audits", "Audits", "audits", order=50,
            summary="Bias and data-quality audits: selection rates and impact ratios, rating gaps with confidence "
            "intervals, small groups marked as too small to judge, calibration per manager, feedback language.",
            factory=lazy("hrdesk.ui.audits_section", "AuditsSection"), roles=OVERSIGHT_ROLES),
    _future("suggestions", "Suggestions", "suggestions", 60, "SuggestionsView",
            "Explainable suggestions (retention risk, development, well-being prompts) with their reasons, what would "
            "change them and their model card. Locked until governance is complete.", PEOPLE_ROLES),
    _future("letters", "Letters", "letters", 70, "LettersView",
            "Letters to employees: the AI-use disclosure, their own data report, contest acknowledgements and outcomes, "
            "review summaries. Every letter sent is logged.", frozenset({HR})),
    _future("contests", "Contests", "contests", 80, "ContestsView",
            "Employees' contests of a suggestion or decision, who reviews them, and the outcome they were told.",
            frozenset({HR})),
    Section("auditlog", "Audit log", "auditlog", order=90, summary="Every change, chained and verifiable.",
            factory=lazy("hrdesk.ui.audit_log", "AuditLogView"), roles=OVERSIGHT_ROLES),
    Section("settings", "Settings", "settings", order=100, summary="Automatic lock and backups.",
            factory=lazy("hrdesk.ui.settings_view", "SettingsView")),
)


def register_builtin(registry: SectionRegistry = REGISTRY) -> None:
    """Add the built-in sections that nobody has registered a replacement for."""
    for section in BUILTIN:
        if registry.get(section.key) is None:
            registry.register(section)


register_builtin()

# Screens that live in their own modules register themselves (replacing a placeholder above).
import hrdesk.ui.people_sections  # noqa: E402,F401
import hrdesk.ui.letters_section  # noqa: E402,F401
import hrdesk.ui.contests_section  # noqa: E402,F401  (File → Record a contest…)
import hrdesk.ui.training_quiz  # noqa: E402,F401  (the managers' AI-literacy quiz action)
import hrdesk.ui.packet_dialog  # noqa: E402,F401  (File → Export audit packet…)
