"""Older vaults are migrated forward once, in one transaction, keeping their data."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from hrdesk.vault import KdfParams, Vault, schema


def test_open_applies_pending_migrations_in_order(vault_path: Path, fast_kdf: KdfParams, monkeypatch: pytest.MonkeyPatch) -> None:
    v, _ = Vault.create(vault_path, org_name="Old", admin_name="HR", passphrase="pw", kdf=fast_kdf)
    v.ensure_table("notes")
    v.insert("notes", {"text": "from version 1"})
    v.close(backup=False)

    applied = []

    def v2_add_index(conn: sqlite3.Connection) -> None:
        applied.append(nxt)
        conn.execute("CREATE TABLE migration_marker (x)")

    nxt = schema.SCHEMA_VERSION + 1
    monkeypatch.setattr(schema, "SCHEMA_VERSION", nxt)
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, (nxt, "marker", v2_add_index)])
    with Vault.open(vault_path, "pw") as migrated:
        assert migrated.facts().schema_version == nxt
        assert [r.payload["text"] for r in migrated.rows("notes")] == ["from version 1"]
    with Vault.open(vault_path, "pw"):
        pass
    assert applied == [nxt]  # applied once, not on every open
