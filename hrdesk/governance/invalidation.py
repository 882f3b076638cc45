"""Reopening: a change a signed step rests on reopens that step and every step after it.

Which change reopens which step is decided by the session's one action
registry (``Action.reopens_step``): an import that changes the population or
the ratings reopens step 1 (the audit no longer describes the data), a changed
decision register or a retrained model step 2, changed rights, purposes or
retention step 3, a changed concern contact step 5. Never by the shape of an
action's name.

``catch_up`` runs inside every session operation's transaction, after the
operation's own writes, so the state the status line reads is always current
and the reopening is audit-logged in the same transaction as its cause.
``pending`` answers the same question without writing, for a read of a vault
written by something that did not go through a session.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from hrdesk.governance.signoffs import GovernanceState, Reopening, load_state, save_state
from hrdesk.governance.steps import COUNT
from hrdesk.session import actions

if TYPE_CHECKING:
    from hrdesk.vault import AuditEntry, Vault

ACTION_REOPENED = "governance.reopened"


def reopenings(state: GovernanceState, entries: Iterable["AuditEntry"]) -> tuple[GovernanceState, list[Reopening]]:
    """The state after ``entries`` (oldest first), and the changes that reopened a signed step."""
    signed, reopened, checked = state.signed, dict(state.reopened), state.checked_seq
    found: list[Reopening] = []
    for entry in entries:
        checked = max(checked, entry.seq)
        act = actions.action(entry.action)
        first = act.reopens_step(entry.details)
        if not first:
            continue
        hit = [n for n in range(first, COUNT + 1) if n in signed and signed[n].seq < entry.seq
               and (n not in reopened or reopened[n].seq < signed[n].seq)]
        if not hit:
            continue
        description = act.description
        if act.changes_population(entry.details) and not act.reopens:
            description += " (the population changed)"
        elif act.changes_ratings(entry.details) and not act.reopens:
            description += " (ratings changed)"
        change = Reopening(first, entry.seq, entry.time, entry.actor, entry.action, description)
        for n in hit:
            reopened[n] = change
        found.append(change)
    return GovernanceState(dict(signed), reopened, checked), found


def catch_up(vault: "Vault") -> list[Reopening]:
    """Apply the audit entries written since the last check; log each reopening. Call inside a transaction."""
    state = load_state(vault)
    if not state.anything_signed:
        return []
    head = int((vault.meta_get("audit_head", None) or {}).get("seq", 0))
    if head <= state.checked_seq:
        return []
    new_state, found = reopenings(state, vault.audit_entries(after=state.checked_seq))
    for change in found:
        steps = sorted(n for n, r in new_state.reopened.items() if r is change)
        entry = vault.audit(ACTION_REOPENED, details={
            "steps": steps, "cause": change.action, "cause_seq": change.seq, "by": change.by})
        new_state = GovernanceState(new_state.signed, new_state.reopened, entry.seq)
    save_state(vault, new_state)
    return found


def pending(vault: "Vault", state: GovernanceState | None = None) -> GovernanceState:
    """The state as it would be after ``catch_up`` (a read: nothing is written)."""
    state = load_state(vault) if state is None else state
    if not state.anything_signed:
        return state
    head = int((vault.meta_get("audit_head", None) or {}).get("seq", 0))
    if head <= state.checked_seq or not vault.can_read_audit_log:
        return state  # a manager cannot read the log: the state as HR's last write left it
    return reopenings(state, vault.audit_entries(after=state.checked_seq))[0]
