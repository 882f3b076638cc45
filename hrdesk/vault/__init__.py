"""Encrypted storage for one organisation: the vault.

API summary:

## The vault API

```python
from hrdesk.vault import Vault, KdfParams, StoredRow, AuditEntry
vault, recovery_key = Vault.create(path, org_name="Acme", admin_name="Dana HR", passphrase="...", kdf=None)  # kdf=None calibrates Argon2id (~0.5 s); tests pass KdfParams.fast_for_tests()
vault = Vault.open(path, passphrase, user="Amy Dunn")   # user: a name (any case); None: HR. Wrong passphrase: counted, growing delay
vault.failed_attempts                         # failures since this user's last sign-in (logged as user.failed_sign_ins)
vault = Vault.open(path, passphrase)          # raises WrongPassphraseError, NotAVaultError, DamagedVaultError, NewerVaultVersionError, VaultInUseError
vault.org_name, vault.user  # user: VaultUser(id, name, role) ; role "admin" for HR
vault.ensure_table("employees", links=("team_id",))   # idempotent; table = id PK, one column per link (opaque random ids / foreign keys only; format 3 keeps new_id's ids in 8 bytes, callers always see text), payload BLOB (AES-GCM, AAD binds table+id+links); schema.ONE_PER tables (protected_attributes) use the linked record's id as their own
with vault.transaction():                      # one SQLite transaction; nested use joins the outer one; rollback on exception
    new_id = vault.insert("employees", {"name": "...", ...}, links={"team_id": tid})   # payload: JSON-able dict; id optional (random opaque hex if None)
    vault.update("employees", new_id, payload, links={"team_id": tid})   # replaces payload (and links if given)
    vault.insert_many("ratings", [(None_or_id, {"employee_id": eid, "cycle_id": cid}, payload), ...])  -> list[str]   # fast bulk path
    vault.delete("wellbeing", [id1, id2])
    vault.audit("import.employees", target="file.csv", details={"added": 3, "updated": 1})   # hash-chained audit log entry, same transaction. NEVER put personal values (names, ratings, notes) in details: counts, opaque ids, field names only.
row = vault.get("employees", id)   # StoredRow(id: str, links: dict[str, str|None], payload: dict); raises RecordNotFoundError / DamagedVaultError
for row in vault.rows("ratings", where={"employee_id": eid}):  # iterator of StoredRow, where matches link columns
for row in vault.rows("employees", on_damaged=damaged.append):  # skip damaged rows, each reported as a DamagedVaultError naming it
vault.count("employees", where=None) -> int
vault.meta_get(key, default=None) / vault.meta_set(key, value)   # small encrypted vault-level settings (JSON-able), e.g. retention periods, rating scale
vault.close()
```
Every state-changing operation writes an audit entry through `vault.audit(...)` inside its transaction. Payloads are JSON: store dates as ISO strings and convert in the records layer.
Layout: ``store`` (connection, transactions, record tables, encrypted settings),
``keyring`` (key slots, users, unlock; returns keys), ``auditlog`` (append,
read, verify, anchor), ``backup`` (copies, restore, pending clean-ups),
``rotation`` (new data key, re-encryption), ``files`` (new files put in place
atomically), ``teamkeys`` (which key each record is under: org, shared,
governance, one per team; grants; re-keying), ``members`` (HR adds, resets
and removes users), ``signin`` (users by name, failed-attempt delays),
``sealing`` (audit entries sealed to the audit public key); ``vault.Vault`` is
the façade over them. A manager's vault lists only rows under keys they hold;
``get`` of any other row raises PermissionDeniedError.

Test fixture (the lead writes it in tests/conftest.py): `vault` -> an open Vault in tmp_path with fast KDF; `vault_path`, `passphrase`. Until it exists, make your own in your test files with `Vault.create(tmp_path / "t.hrdesk", org_name="T", admin_name="HR", passphrase="pw", kdf=KdfParams.fast_for_tests())`.

"""

from hrdesk.vault.auditlog import AuditEntry, ChainReport
from hrdesk.vault.kdf import KdfParams
from hrdesk.vault.keyring import VaultUser
from hrdesk.vault.store import StoredRow, new_id
from hrdesk.vault.vault import Vault, VaultFacts

__all__ = ["AuditEntry", "ChainReport", "KdfParams", "StoredRow", "Vault", "VaultFacts", "VaultUser", "new_id"]
