"""What a write changed: a typed, frozen value every operation returns and subscribers receive.

Built from the audit entries the operation appended (one registry says what
each action touches), so it cannot say less than the audit log does.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from hrdesk.session import actions
from hrdesk.session.kinds import Kind
from hrdesk.vault import AuditEntry


@dataclass(frozen=True)
class Changes:
    """Record kinds touched, record ids by kind, the audit actions written, and summary flags."""

    kinds: frozenset[Kind] = frozenset()
    targets: frozenset[tuple[Kind, str]] = frozenset()  # (kind, vault id) of records named by the entries
    actions: tuple[str, ...] = ()
    population_changed: bool = False
    ratings_changed: bool = False
    settings_changed: bool = False
    counts_changed: bool = False  # records may have been added or removed (not only edited in place)

    def touches(self, *kinds: Kind) -> bool:
        """Whether any of ``kinds`` changed (what a view asks before reloading)."""
        return any(kind in self.kinds for kind in kinds)

    def ids(self, kind: Kind) -> frozenset[str]:
        """Vault ids of the records of ``kind`` this change names (may be empty for bulk writes)."""
        return frozenset(record_id for k, record_id in self.targets if k == kind)

    @property
    def audit_inputs_changed(self) -> bool:
        """Whether a saved fairness audit may no longer reflect the data."""
        return any(actions.changes_audit_inputs(name) for name in self.actions)

    def __bool__(self) -> bool:
        return bool(self.kinds)

    def merge(self, other: "Changes") -> "Changes":
        return Changes(
            kinds=self.kinds | other.kinds,
            targets=self.targets | other.targets,
            actions=self.actions + other.actions,
            population_changed=self.population_changed or other.population_changed,
            ratings_changed=self.ratings_changed or other.ratings_changed,
            settings_changed=self.settings_changed or other.settings_changed,
            counts_changed=self.counts_changed or other.counts_changed,
        )


NO_CHANGES = Changes()


def from_entries(entries: Iterable[AuditEntry]) -> Changes:
    """The changes an operation made, read from the audit entries it appended."""
    kinds: set[Kind] = set()
    targets: set[tuple[Kind, str]] = set()
    names: list[str] = []
    population = counts = False
    for entry in entries:
        act = actions.action(entry.action)
        names.append(entry.action)
        kinds |= act.kinds
        if act.target is not None and entry.target:
            targets.add((act.target, entry.target))
        population = population or act.changes_population(entry.details)
        counts = counts or act.counts
    return Changes(
        kinds=frozenset(kinds),
        targets=frozenset(targets),
        actions=tuple(names),
        population_changed=population,
        ratings_changed=Kind.RATINGS in kinds,
        settings_changed=Kind.SETTINGS in kinds,
        counts_changed=counts,
    )


def everything(action_name: str) -> Changes:
    """A change that may have touched anything (a restore): every view reloads."""
    return from_entries([AuditEntry(seq=0, time="", actor="", action=action_name, target="", details={}, prev="")])
