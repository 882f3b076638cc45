"""transactions, the table cache, and what still works while locked."""

from __future__ import annotations

import pytest

from hrdesk.errors import VaultLockedError
from hrdesk.vault import Vault


def test_ensure_table_in_a_rolled_back_transaction_does_not_poison_the_cache(vault: Vault) -> None:
    """The DDL rolls back with the transaction, but _links keeps the table.

    ensure_table then returns early forever (this session), and every write
    to the table fails as 'The vault is damaged (in notes): no such table'.
    """
    with pytest.raises(RuntimeError):
        with vault.transaction():
            vault.ensure_table("notes")
            raise RuntimeError("anything after it fails, e.g. a cancel")
    vault.ensure_table("notes")  # idempotent by contract: the table must exist afterwards
    vault.insert("notes", {"text": "after"})
    assert vault.count("notes") == 1


def test_delete_is_refused_while_locked(vault: Vault) -> None:
    """delete() never touches the key, so it runs (unaudited: audit() needs the key) on a locked vault."""
    vault.ensure_table("notes")
    nid = vault.insert("notes", {"text": "keep me"})
    vault.lock()
    with pytest.raises(VaultLockedError):
        vault.delete("notes", [nid])
    vault.unlock("correct horse battery staple")
    assert vault.count("notes") == 1
