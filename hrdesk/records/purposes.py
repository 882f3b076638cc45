"""Which declared purposes are active in this vault.

All five are active in a new vault. Switching one off (say the organisation
decides not to monitor fairness) means later imports drop its fields; data
already held is removed by the purge or by hand, not silently here.
"""

from __future__ import annotations

from hrdesk.records.fields import ALL_PURPOSES, Purpose
from hrdesk.vault import Vault

ACTIVE_PURPOSES_KEY = "records.active_purposes"


def active_purposes(vault: Vault) -> frozenset[Purpose]:
    stored = vault.meta_get(ACTIVE_PURPOSES_KEY)
    return ALL_PURPOSES if stored is None else frozenset(Purpose(p) for p in stored)


def set_active_purposes(vault: Vault, purposes: frozenset[Purpose] | set[Purpose]) -> None:
    with vault.transaction():
        vault.meta_set(ACTIVE_PURPOSES_KEY, sorted(p.value for p in purposes))
        vault.audit("purposes.changed", details={"active": sorted(p.value for p in purposes)})
