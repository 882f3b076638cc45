"""Accounts in the session: HR adds, resets and removes users; managers' teams follow the import.

A manager's teams are the teams the import built from the manager column whose
manager is them: linked to their employee record, or named as they are. After
every HR write the grants are brought in line (a re-import that gives a team a
new manager moves its key to them, and replaces it so the former one reads
nothing new). A refused attempt is logged before the refusal is raised.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from hrdesk.errors import PermissionDeniedError
from hrdesk.records.names import person_key
from hrdesk.vault import KdfParams, Vault, VaultUser
from hrdesk.vault import members

if TYPE_CHECKING:
    from hrdesk.records import Team


ROLE_WORDS = {members.HR: "HR", members.MANAGER: "manager", members.AUDITOR: "auditor"}
ROLE_NAMES = {"hr": members.HR, "admin": members.HR, "manager": members.MANAGER, "auditor": members.AUDITOR}


@dataclass(frozen=True)
class UserRow:
    """One user as `hrdesk user list` and Settings → Users show them."""

    id: str
    name: str
    role: str  # in words: HR, manager, auditor
    teams: tuple[str, ...]  # managers: the manager names of their teams


def teams_of(user: VaultUser, teams: Iterable["Team"]) -> list[str]:
    """The team ids a manager user manages: by their employee record, else by name."""
    if user.role != members.MANAGER:
        return []
    wanted = person_key(user.manager_name or user.name)
    found = []
    for team in teams:
        if user.employee_id and team.manager_employee_id == user.employee_id:
            found.append(team.id)
        elif person_key(team.manager_name) == wanted:
            found.append(team.id)
    return found


def _teams(vault: Vault) -> list["Team"]:
    from hrdesk.records import Records

    return Records(vault).teams.list()


def wanted_grants(vault: Vault) -> dict[str, set[str]]:
    teams = _teams(vault)
    return {u.id: set(teams_of(u, teams)) for u in vault.users() if u.role == members.MANAGER}


def sync(vault: Vault) -> int:
    """Bring every manager's team keys in line with the teams (HR's session, inside its transaction)."""
    if not vault.has_team_keys or not vault.holds_org_key or vault.user.role != members.HR:
        return 0
    if not any(u.role == members.MANAGER for u in vault.users()):
        return 0
    return members.sync_teams(vault, wanted_grants(vault))


def add_user(vault: Vault, name: str, role: str, passphrase: str, params: KdfParams, *,
             employee_id: str = "", manager_name: str = "") -> VaultUser:
    """Add a user; a manager picked by employee record is matched to teams by that record and its name."""
    role = ROLE_NAMES.get(role.casefold(), role)
    team_ids: list[str] = []
    if role == members.MANAGER:
        if employee_id and not manager_name:
            from hrdesk.records import Records

            manager_name = str(Records(vault).employees.get(employee_id).name or "")
        probe = VaultUser("", name, role, employee_id, manager_name)
        team_ids = teams_of(probe, _teams(vault))
    return members.add(vault, name, role, passphrase, params, employee_id=employee_id,
                       manager_name=manager_name, team_ids=team_ids)


def user_rows(vault: Vault) -> list[UserRow]:
    members.require_hr(vault, "list users")
    teams = _teams(vault)
    names = {t.id: t.manager_name for t in teams}
    rows = []
    for user in sorted(vault.users(), key=lambda u: (u.role != members.HR, u.name.casefold())):
        team_names = tuple(sorted(names[t] for t in teams_of(user, teams)))
        rows.append(UserRow(user.id, user.name, ROLE_WORDS.get(user.role, user.role), team_names))
    return rows


def refuse(vault: Vault, what: str, command: str) -> PermissionDeniedError:
    """Log that ``vault.user`` tried ``command`` and was refused; returns the error to raise."""
    with vault.transaction():
        vault.audit("access.refused", target=vault.user.id, details={"attempted": command})
    role = ROLE_WORDS.get(vault.user.role, vault.user.role)
    return PermissionDeniedError(f"Only HR can {what}; you are signed in as {vault.user.name} ({role}). Nothing was changed.")
