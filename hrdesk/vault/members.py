"""Users and what they hold: HR adds managers and auditors, resets their passphrases, removes them.

Every rule is enforced here (and again by the keys themselves: only HR's
unlock yields the data key that these changes need), so no window or command
can be bypassed to let a manager add users or change roles.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from hrdesk.errors import InvalidInputError, PermissionDeniedError
from hrdesk.vault import signin, teamkeys
from hrdesk.vault.kdf import KdfParams
from hrdesk.vault.keyring import VaultUser
from hrdesk.vault.store import new_id

if TYPE_CHECKING:
    from hrdesk.vault.vault import Vault

HR, MANAGER, AUDITOR = "admin", "manager", "auditor"
ROLES = (HR, MANAGER, AUDITOR)


def require_hr(vault: "Vault", what: str) -> None:
    if vault.user.role != HR or not vault.holds_org_key:
        raise PermissionDeniedError(f"Only HR can {what}.", hint="Sign in as an HR user.")


def find(vault: "Vault", name_or_id: str) -> VaultUser:
    wanted = " ".join(name_or_id.casefold().split())
    for user in vault.users():
        if user.id == name_or_id or " ".join(user.name.casefold().split()) == wanted:
            return user
    raise InvalidInputError(f"This vault has no user called '{name_or_id}'.", hint="'hrdesk user list' shows them.")


def base_kids(role: str) -> tuple[str, ...]:
    return teamkeys.AUDITOR_KIDS if role == AUDITOR else teamkeys.MANAGER_KIDS


def add(vault: "Vault", name: str, role: str, passphrase: str, params: KdfParams, *,
        employee_id: str = "", manager_name: str = "", team_ids: Iterable[str] = ()) -> VaultUser:
    """A new user with their own key slot; a manager gets their teams' keys, an auditor the governance ones."""
    require_hr(vault, "add users")
    name = " ".join(name.split())
    if not name:
        raise InvalidInputError("A user needs a name.")
    if role not in ROLES:
        raise InvalidInputError(f"'{role}' is not a role.", hint="Use hr, manager or auditor.")
    if not passphrase:
        raise InvalidInputError("The passphrase must not be empty.")
    if any(" ".join(u.name.casefold().split()) == name.casefold() for u in vault.users()):
        raise InvalidInputError(f"There is already a user called '{name}'.", hint="Pick another name.")
    store, keyring, scopes = vault._store, vault._keyring, vault._scopes
    keys = vault._require_keys()
    user = VaultUser(new_id(), name, role, employee_id, manager_name if role == MANAGER else "")
    with store.write():
        keyring.store_user(user)
        signin.set_login(store, store.header().get("vault_id", ""), user.id, user.name)
        if role == HR:
            keyring.set_passphrase_slot(user.id, keys.data_key, passphrase, params)  # type: ignore[arg-type]
        else:
            user_key = os.urandom(32)
            teamkeys.escrow_user_key(scopes, user.id, user_key)
            keyring.set_passphrase_slot(user.id, user_key, passphrase, params, kind="member")
            teamkeys.write_profile(store, user, user_key)
            kids = list(base_kids(role))
            if role == MANAGER:
                kids += [teamkeys.team_kid(t) for t in team_ids]
                for kid in kids:
                    scopes.ensure_key(kid)
            teamkeys.set_grants(store, keys, user.id, kids)
        vault.audit("user.added", target=user.id,
                    details={"role": role, "teams": sorted(team_ids) if role == MANAGER else []})
    return user


def reset_passphrase(vault: "Vault", name_or_id: str, passphrase: str, params: KdfParams) -> VaultUser:
    """HR sets a manager's or auditor's new passphrase; the old one opens nothing from now on."""
    require_hr(vault, "reset passphrases")
    user = find(vault, name_or_id)
    if user.role == HR:
        raise PermissionDeniedError(
            "An HR user's passphrase is not reset by another user.",
            hint="They change it themselves, or recover with the vault's recovery key.",
        )
    if not passphrase:
        raise InvalidInputError("The passphrase must not be empty.")
    store = vault._store
    with store.write():
        key = teamkeys.user_key(store, vault._require_keys(), user.id)
        vault._keyring.set_passphrase_slot(user.id, key, passphrase, params, kind="member")
        signin.clear(store, user.id)
        vault.audit("user.passphrase_reset", target=user.id, details={"role": user.role})
    return user


def remove(vault: "Vault", name_or_id: str) -> tuple[VaultUser, int]:
    """Delete a user's slots and grants, and replace every key they held (their team's records re-encrypted).

    One transaction: killed half-way, nothing changed. Returns the user and the records re-encrypted.
    """
    require_hr(vault, "remove users")
    user = find(vault, name_or_id)
    if user.role == HR and sum(1 for u in vault.users() if u.role == HR) <= 1:
        raise InvalidInputError("The last HR user cannot be removed.", hint="Add another HR user first.")
    if user.id == vault.user.id:
        raise InvalidInputError("You cannot remove yourself.", hint="Another HR user can.")
    store = vault._store
    with store.write():
        held = teamkeys.remove_member(store, user.id)
        vault._keyring.delete_user_slots(user.id)
        vault._keyring.delete_user(user.id)
        records = teamkeys.rotate(store, vault._scopes, held)
        vault.audit("user.removed", target=user.id,
                    details={"role": user.role, "keys_replaced": len(held - {teamkeys.CHAIN, teamkeys.AUDIT_READER}),
                             "records": records})
    return user, records


def team_grants(vault: "Vault") -> dict[str, set[str]]:
    """Each manager's team ids as their grants say."""
    found = {}
    for user in vault.users():
        if user.role == MANAGER:
            kids = teamkeys.granted_kids(vault._store, user.id)
            found[user.id] = {k[len(teamkeys.TEAM_PREFIX):] for k in kids if k.startswith(teamkeys.TEAM_PREFIX)}
    return found


def sync_teams(vault: "Vault", wanted: Mapping[str, set[str]]) -> int:
    """Give each manager exactly the team keys of ``wanted`` (user id -> team ids); a team taken away
    gets a new key, so the former manager reads nothing written from now on. Returns grants changed."""
    require_hr(vault, "change who manages a team")
    store, scopes = vault._store, vault._scopes
    keys = vault._require_keys()
    changed, taken = 0, set()
    with store.write():
        for user_id, team_ids in wanted.items():
            kids = [*teamkeys.MANAGER_KIDS, *(teamkeys.team_kid(t) for t in team_ids)]
            for kid in kids:
                scopes.ensure_key(kid)
            added, removed = teamkeys.set_grants(store, keys, user_id, kids)
            if added or removed:
                changed += len(added) + len(removed)
                taken |= removed
                vault.audit("user.teams_changed", target=user_id,
                            details={"added": len(added), "removed": len(removed)})
        if taken:
            teamkeys.rotate(store, scopes, taken)
    return changed
