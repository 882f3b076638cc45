"""The status line's read: only the governance state and the log's head, never personal data."""

from __future__ import annotations

from pathlib import Path

import pytest

from hrdesk.governance.status import suggestion_status
from hrdesk.vault import auditlog, store
from tests.governance.helpers import walk


def test_suggestion_status_decrypts_no_personal_data(small_session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    walk(small_session, tmp_path, upto=2)
    read: list[str] = []
    original_decrypt, original_decode = store.Store.decrypt, auditlog.AuditLog._decode

    def decrypt(self, table, row_id, blob, links):  # type: ignore[no-untyped-def]
        read.append(f"{table}:{row_id}")
        return original_decrypt(self, table, row_id, blob, links)

    def decode(self, seq, blob):  # type: ignore[no-untyped-def]
        read.append(f"audit_log:{seq}")
        return original_decode(self, seq, blob)

    monkeypatch.setattr(store.Store, "decrypt", decrypt)
    monkeypatch.setattr(auditlog.AuditLog, "_decode", decode)
    status = small_session.read(suggestion_status)
    assert status.steps_done == 2 and not status.live
    assert status.reason == "governance step 3 of 6 is not signed off yet (Employee rights and privacy)"
    assert sorted(read) == ["vault_meta:audit_head", "vault_meta:governance.state"]
    # a write that bypassed the session leaves entries unchecked: only those are read, nothing else
    small_session.vault.audit("retention.changed", details={})
    read.clear()
    status = small_session.read(suggestion_status)
    assert status.steps_done == 2 and "step 3" in status.reason
    assert all(r.startswith(("vault_meta:", "audit_log:")) for r in read)
    assert len([r for r in read if r.startswith("audit_log:")]) == 1
