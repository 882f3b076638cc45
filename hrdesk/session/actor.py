"""Who acts in a session: the unlocked user and their role.

Today every vault has one HR user; the accounts work adds managers (who see
only their team) and auditors (who read). Rules that depend on the role ask
``Actor``, never the widgets.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from hrdesk.vault import VaultUser


class Role(StrEnum):
    HR = "admin"  # the vault's HR administrator (stored as "admin" since the first vault format)
    MANAGER = "manager"
    AUDITOR = "auditor"


@dataclass(frozen=True)
class Actor:
    """The person a session acts as; the audit log names them on every entry."""

    id: str
    name: str
    role: Role

    @classmethod
    def of(cls, user: VaultUser) -> "Actor":
        try:
            role = Role(user.role)
        except ValueError:
            role = Role.AUDITOR  # an unknown role from a newer hrdesk gets the least it could need
        return cls(user.id, user.name, role)

    @property
    def may_write(self) -> bool:
        return self.role is not Role.AUDITOR
