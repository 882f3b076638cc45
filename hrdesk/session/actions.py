"""One registry of audit-log actions: what each one changes, and how to say it in words.

Every ``vault.audit(action, ...)`` in hrdesk names an action registered here.
``Changes`` are built from it, the audit-log screen describes entries with it,
and whether a saved audit run is out of date is decided from it (not from
string prefixes of action names).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from hrdesk.session.kinds import ALL, AUDIT_INPUTS, PEOPLE, Kind

#: Employee fields whose change moves someone in or out of the population an audit counts.
POPULATION_FIELDS = frozenset({"employment_status", "termination_date", "team_id", "manager_name", "hire_date"})
#: Employee fields that are ratings an audit judges (the import keeps the latest rating on the record).
RATING_FIELDS = frozenset({"performance_score", "engagement", "satisfaction"})
#: Employee fields (and the import's "team") that name someone's manager, as their AI-use disclosure does.
MANAGER_FIELDS = frozenset({"manager_name", "team_id", "team"})


@dataclass(frozen=True)
class Action:
    """One audit-log action: its name, the kinds it changes and a sentence for people."""

    name: str
    kinds: frozenset[Kind]
    description: str
    target: Kind | None = None  # what the entry's target id names, if a record
    population: bool = False  # adds or removes people, or changes who counts as employed
    writes: bool = True  # False for entries that record a read (protected attributes, exports)
    counts: bool = True  # may add or remove records (False: edits values in place, or records a read)
    # Changes what employees were told about the system (decision register, purposes, rights, a new model):
    # every AI-use disclosure generated before such an entry is stale (hrdesk.letters.log).
    system_change: bool = False
    # The first governance step an entry of this action reopens (with every step after it); 0: none.
    # Population and rating changes reopen step 1 without naming it here (see ``reopens_step``).
    reopens: int = 0
    moves_team: bool = False  # gives its target employee another team, so another manager


    def reopens_step(self, details: Mapping[str, Any]) -> int:
        """The first governance step this entry reopens (0: none): the registry, never the name, decides."""
        if self.reopens:
            return self.reopens
        if self.changes_population(details) or self.changes_ratings(details):
            return 1
        return 0

    def changes_population(self, details: Mapping[str, Any]) -> bool:
        """Whether this entry (with its details) changed who is in the population."""
        if self.name == "employee.updated":
            return bool(POPULATION_FIELDS & set(details.get("fields", ())))
        if self.name == "import.employees" and "added" in details:  # a re-import that added or moved nobody did not
            return bool(details.get("added")) or bool(POPULATION_FIELDS & set(details.get("fields_changed") or ()))
        return self.population

    def changes_ratings(self, details: Mapping[str, Any]) -> bool:
        """Whether this entry changed a rating an audit judges (rating records, or the rating on a record)."""
        if Kind.RATINGS in self.kinds:
            return True
        if self.name in ("employee.updated", "import.employees"):
            return bool(RATING_FIELDS & set(details.get("fields", ()) or details.get("fields_changed") or ()))
        return False

    def changes_manager(self, details: Mapping[str, Any]) -> bool:
        """Whether this entry gave its target employee another manager (their AI-use disclosure names them)."""
        if self.name == "employee.updated":
            return bool(MANAGER_FIELDS & set(details.get("fields", ())))
        return self.moves_team

    @property
    def changes_audit_inputs(self) -> bool:
        """Whether data a fairness audit reads may have changed."""
        return bool(self.kinds & AUDIT_INPUTS)


def _a(name: str, kinds: Iterable[Kind], description: str, **extra: Any) -> Action:
    return Action(name, frozenset(kinds) | {Kind.AUDIT_LOG}, description, **extra)


_ACTIONS = (
    _a("vault.created", [Kind.KEYS, Kind.SETTINGS], "Created the vault"),
    _a("vault.migrated", [Kind.SETTINGS], "Upgraded the vault's file format"),
    _a("vault.opened_with_recovery_key", [Kind.KEYS], "Opened the vault with the recovery key and set a new passphrase",
       counts=False),
    _a("vault.passphrase_changed", [Kind.KEYS], "Changed a passphrase", counts=False),
    _a("vault.key_rotated", [Kind.KEYS, Kind.BACKUPS], "Replaced the data key and re-encrypted every record "
       "(old passphrases, recovery key and backups no longer open it)", counts=False),
    _a("vault.restored_from_backup", ALL, "Restored the vault from a backup", population=True),
    _a("vault.team_keys_installed", [Kind.KEYS, Kind.SETTINGS],
       "Moved the vault to team keys (each team's records under its own key)", counts=False),
    _a("user.added", [Kind.KEYS], "Added a user", counts=False),
    _a("user.removed", [Kind.KEYS], "Removed a user and replaced every key they held", counts=False),
    _a("user.passphrase_reset", [Kind.KEYS], "Reset a user's passphrase", counts=False),
    _a("user.teams_changed", [Kind.KEYS], "Changed which teams' keys a manager holds", counts=False),
    _a("user.failed_sign_ins", set(), "Failed sign-in attempts before this sign-in", writes=False, counts=False),
    _a("access.refused", set(), "Refused an action the signed-in user's role does not allow", writes=False,
       counts=False),
    _a("employee.moved_team", {Kind.EMPLOYEES, Kind.TEAMS, Kind.RATINGS, Kind.GOALS, Kind.FEEDBACK, Kind.CHECKINS,
                               Kind.CONSENTS, Kind.REVIEWS},
       "Moved an employee's records to their new team's key", target=Kind.EMPLOYEES, counts=False, moves_team=True),
    _a("demo.created", PEOPLE | {Kind.SCALES, Kind.SETTINGS}, "Generated the demo organisation", population=True),
    _a("import.employees", {Kind.EMPLOYEES, Kind.TEAMS, Kind.PROTECTED}, "Imported employees", population=True),
    _a("import.reviews", {Kind.CYCLES, Kind.RATINGS, Kind.GOALS, Kind.FEEDBACK}, "Imported reviews"),
    _a("import.checkins", {Kind.CHECKINS}, "Imported well-being check-ins"),
    _a("employee.updated", {Kind.EMPLOYEES, Kind.TEAMS}, "Changed an employee record", target=Kind.EMPLOYEES,
       counts=False),
    _a("review_cycles.added", {Kind.CYCLES}, "Added a review cycle", target=Kind.CYCLES),
    _a("review_cycles.deleted", {Kind.CYCLES}, "Deleted a review cycle", target=Kind.CYCLES),
    _a("ratings.added", {Kind.RATINGS}, "Added a rating", target=Kind.RATINGS),
    _a("ratings.deleted", {Kind.RATINGS}, "Deleted a rating", target=Kind.RATINGS),
    _a("goals.added", {Kind.GOALS}, "Added a goal", target=Kind.GOALS),
    _a("goals.deleted", {Kind.GOALS}, "Deleted a goal", target=Kind.GOALS),
    _a("feedback.added", {Kind.FEEDBACK}, "Added written feedback", target=Kind.FEEDBACK),
    _a("feedback.deleted", {Kind.FEEDBACK}, "Deleted written feedback", target=Kind.FEEDBACK),
    _a("wellbeing_checkins.added", {Kind.CHECKINS}, "Added a well-being check-in", target=Kind.CHECKINS),
    _a("wellbeing_checkins.deleted", {Kind.CHECKINS}, "Deleted a well-being check-in", target=Kind.CHECKINS),
    _a("scale.declared", {Kind.SCALES}, "Declared a rating scale", counts=False),
    _a("consent.changed", {Kind.CONSENTS}, "Recorded a consent change", target=Kind.EMPLOYEES),
    _a("retention.changed", {Kind.SETTINGS}, "Changed the retention periods", counts=False, system_change=True,
       reopens=3),
    _a("retention.purged", PEOPLE | {Kind.AUDIT_RUNS, Kind.BACKUPS}, "Deleted records past their retention period",
       population=True),
    _a("purposes.changed", {Kind.SETTINGS}, "Changed the purposes data is kept for", counts=False, system_change=True,
       reopens=3),
    _a("governance.signed_off", {Kind.GOVERNANCE}, "Signed off a governance step", counts=False),
    _a("governance.register_changed", {Kind.GOVERNANCE}, "Changed the decision register (which decisions AI may inform)",
       counts=False, system_change=True, reopens=2),
    _a("governance.rights_changed", {Kind.GOVERNANCE}, "Changed employees' rights, the contest process or AI opt-out",
       counts=False, system_change=True, reopens=3),
    _a("governance.reopened", {Kind.GOVERNANCE}, "Reopened governance steps after a change they rest on", counts=False),
    _a("governance.quiz_taken", {Kind.GOVERNANCE}, "Took the manager AI-literacy quiz"),
    _a("governance.training_attested", {Kind.GOVERNANCE}, "Recorded a manager's AI-literacy training done elsewhere"),
    _a("governance.quiz_settings_changed", {Kind.GOVERNANCE}, "Changed the AI-literacy quiz's length or pass mark",
       counts=False),
    _a("letters.generated", {Kind.LETTERS}, "Generated letters to employees"),
    _a("letters.delivered", {Kind.LETTERS}, "Marked letters as delivered", counts=False),
    _a("letters.settings_changed", {Kind.SETTINGS, Kind.LETTERS}, "Changed the letterhead, signature or template folder",
       counts=False),
    _a("letters.contact_changed", {Kind.SETTINGS, Kind.LETTERS},
       "Changed how employees raise a concern (contact or response time)", counts=False, system_change=True,
       reopens=5),
    # A retrained model is a changed AI tool: the decision and tools registers (step 2) need a fresh look.
    _a("suggest.trained", {Kind.SETTINGS, Kind.GOVERNANCE},
       "Trained an AI suggestion model (a new model: governance and AI-use disclosures need a fresh look)",
       counts=False, system_change=True, reopens=2),
    _a("packet.signing_key_created", [Kind.KEYS, Kind.SETTINGS],
       "Created the organisation's key that signs audit packets (its fingerprint is on every packet's cover)",
       counts=False),
    _a("contest.added", {Kind.CONTESTS}, "Received an employee's contest", target=Kind.CONTESTS),
    _a("contest.reviewer_assigned", {Kind.CONTESTS}, "Assigned the reviewer of a contest", target=Kind.CONTESTS,
       counts=False),
    # an upheld data contest's correction has its own "employee.updated" entry (the edit path)
    _a("contest.resolved", {Kind.CONTESTS}, "Decided a contest (its outcome and reasons)", target=Kind.CONTESTS,
       counts=False),
    _a("audit.run", {Kind.AUDIT_RUNS}, "Ran a fairness audit", target=Kind.AUDIT_RUNS),
    _a("audit.quotes_purged", {Kind.AUDIT_RUNS}, "Removed expired feedback quotes from saved audit runs"),
    # Review sessions (hrdesk.reviews): a manager's own rating, plan and decisions on suggestions. Kept apart
    # from the imported ratings, so recording a review never reopens governance or stales an audit.
    _a("reviews.cycle_opened", {Kind.REVIEWS}, "Opened a review cycle", target=Kind.CYCLES),
    _a("reviews.cycle_closed", {Kind.REVIEWS}, "Closed a review cycle (now read-only)",
       target=Kind.CYCLES, counts=False),
    _a("reviews.recorded", {Kind.REVIEWS}, "Recorded a review conversation and the decisions on its suggestions",
       target=Kind.REVIEWS),
    _a("protected_attributes.read", set(), "Read protected attributes for a declared purpose", writes=False,
       counts=False),
    _a("monitoring.run", {Kind.MONITORING}, "Ran monitoring against governance step 6's thresholds",
       target=Kind.MONITORING),
    _a("monitoring.alert_raised", {Kind.MONITORING}, "Raised a monitoring alert to the escalation contact",
       target=Kind.MONITORING),
    _a("monitoring.alert_handled", {Kind.MONITORING}, "Recorded how a monitoring alert was handled",
       target=Kind.MONITORING, counts=False),
    _a("export.subject_access", set(), "Exported one employee's data for a data-access request",
       target=Kind.EMPLOYEES, writes=False, counts=False),
    _a("packet.exported", set(), "Exported the PDF audit packet (the period, and whether employees were named, "
       "are in the entry)", writes=False, counts=False),
)

REGISTRY: dict[str, Action] = {a.name: a for a in _ACTIONS}


def action(name: str) -> Action:
    """The registered action; an unregistered name (e.g. from a newer hrdesk) changes nothing known."""
    found = REGISTRY.get(name)
    if found is not None:
        return found
    return Action(name, frozenset({Kind.AUDIT_LOG}), f"Recorded '{name}'", counts=False)


def is_registered(name: str) -> bool:
    return name in REGISTRY


def describe(name: str) -> str:
    """The action in words, for the audit-log screen."""
    return action(name).description


def changes_audit_inputs(name: str) -> bool:
    """Whether an entry with this action means a saved audit run no longer reflects the data."""
    return action(name).changes_audit_inputs


def changes_system(name: str) -> bool:
    """Whether an entry with this action makes earlier AI-use disclosures stale."""
    return action(name).system_change


def register(new: Action) -> Action:
    """Add an action (for areas that land later: governance, letters, suggestions)."""
    if new.name in REGISTRY and REGISTRY[new.name] != new:
        raise ValueError(f"the audit action '{new.name}' is already registered differently")
    REGISTRY[new.name] = new
    return new
