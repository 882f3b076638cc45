"""One monitoring computation decrypts each whole table once, whichever layer asks for it.

A run reads the employees through the survey round, the suggestions' feature
pipeline (features, then names) and the pilot's panels, and the check-ins
through the well-being prompts and the pilot's mood panel: four and two
decryptions of the same rows, about 40% of a run at 10,000 people. Nothing
the computation reads is written while it runs, so ``ReadOnce`` keeps each
whole-table read for the length of one ``compute`` and hands every later
caller the same rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hrdesk.errors import DamagedVaultError
    from hrdesk.vault import StoredRow, Vault


class ReadOnce:
    """The vault, with each whole-table ``rows`` read decrypted once; everything else goes to the vault itself.

    Filtered, limited and damage-tolerant reads are not kept (their callers want something else than the
    table). Use one for reads that nothing writes in between, and drop it after.
    """

    def __init__(self, vault: "Vault") -> None:
        self._vault = vault
        self._tables: dict[str, list["StoredRow"]] = {}

    def rows(self, table: str, where: Mapping[str, str | None] | None = None, *,
             on_damaged: "Callable[[DamagedVaultError], None] | None" = None,
             limit: int | None = None) -> Iterator["StoredRow"]:
        if where or on_damaged is not None or limit is not None:
            return self._vault.rows(table, where, on_damaged=on_damaged, limit=limit)
        if table not in self._tables:
            self._tables[table] = list(self._vault.rows(table))
        return iter(self._tables[table])

    def __getattr__(self, name: str) -> Any:
        return getattr(self._vault, name)
