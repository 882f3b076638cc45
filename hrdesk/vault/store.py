"""The vault's storage: its SQLite connection, transactions, record tables and encrypted settings.

Tables hold only opaque random ids, the link columns between them, and an
AES-GCM payload. The store encrypts with whatever cipher the keyring handed
it (``set_cipher``) and knows nothing of passphrases, users or the audit log.

Since format 3 an id as ``new_id`` makes it (16 hex digits) is kept as its 8
bytes, in the row and in every index and link column that holds it; any other
id stays text. Callers see text ids either way, and the associated data is
built from the text, so a ciphertext is bound to exactly what it was before.
A table of one record per linked row (``schema.ONE_PER``: an employee's
protected attributes) uses that row's id as its own and keeps no link column
or index for it.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import logging
import re
import secrets
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from hrdesk.errors import (
    DamagedVaultError,
    InvalidInputError,
    NotAVaultError,
    PermissionDeniedError,
    RecordNotFoundError,
    VaultLockedError,
)
from hrdesk.vault import connection, encoding, schema
from hrdesk.vault.cipher import (
    NONCE_BYTES,
    DecryptionFailed,
    KeyNotHeld,
    RecordCipher,
    associated_data,
    audit_aad,
    header_length,
    headers_for,
    kid_of,
)

if TYPE_CHECKING:
    import sqlite_utils

log = logging.getLogger("hrdesk.vault.store")

_NAME_RE = re.compile(r"^[a-z][a-z0-9_]{0,62}$")
# The team-key tables (see teamkeys): keys, grants and sign-in names.
KEY_TABLES = ("vault_keys", "key_grants", "logins")
RESERVED = frozenset(
    {"users", "keyslots", "vault_meta", "audit_log", "record_tables", "hrdesk_header", *schema.COPY_TABLES, *KEY_TABLES}
)
NOT_YOURS = "This record is not yours to read: it belongs to another team or to the organisation's records."
# Tables every vault of format 1 or later has; missing one is damage, not a bug.
REQUIRED = ("hrdesk_header", "users", "keyslots", "vault_meta", "audit_log", "record_tables")
TABLES_META_KEY = "record_tables"  # the authenticated copy of the record-table list
INSERT_SLICE = 2000  # rows encrypted and handed to SQLite at a time (memory, not transactions)
# Tables whose records' key depends on the record's own id, not only on its links (``teamkeys.kid_for``).
_KEY_OF_ID = frozenset({"teams", "vault_meta", "vault_meta_copy"})


class StoredRow(NamedTuple):
    """One decrypted record: its opaque id, its link columns and its payload.

    A named tuple, not a frozen dataclass: a listing of 100,000 people builds
    one per record, and a frozen dataclass's ``__init__`` cost a tenth of that.
    """

    id: str
    links: dict[str, str | None]
    payload: dict[str, Any]


_NO_CIPHERTEXT = frozenset({"hrdesk_header", "record_tables", "keyslots", "keyslots_copy"})
_AAD_TABLE = {"users_copy": "users", "vault_meta_copy": "vault_meta"}
KEY_COLUMN = {"audit_log": "seq", "vault_meta": "key", "vault_meta_copy": "key"}


def aad_builder(table: str, columns: Sequence[str]) -> Callable[[Mapping[str, Any]], bytes] | None:
    """How the associated data of a row of ``table`` is built from its columns; None: no ciphertext.

    Works from the file's own columns, so tables the vault's lists do not name
    (removed from them by an attacker) are checked and re-encrypted too.
    """
    if table in _NO_CIPHERTEXT or "payload" not in columns:
        return None
    if table == "audit_log":
        return lambda row: audit_aad(int(row["seq"]))
    if table in ("vault_meta", "vault_meta_copy"):
        return lambda row: associated_data("vault_meta", str(row["key"]))
    if "id" not in columns:
        return None
    aad_table = _AAD_TABLE.get(table, table)
    links = [c for c in columns if c not in ("id", "payload")]
    keyed = schema.ONE_PER.get(table)
    if keyed in columns:
        keyed = None
    elif keyed is not None:  # one record per linked row: its id is the link
        links.append(keyed)

    def aad(row: Mapping[str, Any]) -> bytes:
        row_id = id_text(row["id"])
        values = {c: row_id if c == keyed else row[c] for c in links}
        return associated_data(aad_table, row_id, {c: None if v is None else id_text(v) for c, v in values.items()})

    return aad


def _aad_maker(table: str, names: tuple[str, ...]) -> Callable[[tuple], bytes]:
    """``associated_data(table, id, links)`` of a fetched ``(id, *links, payload)`` row, as one
    small function per table (ids and links must be text: anything else raises TypeError)."""
    prefix = f"{table}\x1f"
    order = sorted(range(len(names)), key=lambda i: names[i])
    parts = [(f"\x1f{names[i]}=", i + 1) for i in order]
    if not parts:
        return lambda row: (prefix + row[0]).encode("utf-8")
    if len(parts) == 1:
        (n0, i0), = parts
        return lambda row: (prefix + row[0] + n0 + (row[i0] or "")).encode("utf-8")
    if len(parts) == 2:
        (n0, i0), (n1, i1) = parts
        return lambda row: (prefix + row[0] + n0 + (row[i0] or "") + n1 + (row[i1] or "")).encode("utf-8")
    return lambda row: (prefix + row[0] + "".join([n + (row[i] or "") for n, i in parts])).encode("utf-8")


def _padding(encode: Callable[[Any], bytes], table: str) -> Callable[[Any], bytes]:
    """``encode`` followed by the table's padding (``schema.PADDED``), if it has any."""
    pad = encoding.padder(schema.PADDED.get(table))
    if pad is None:
        return encode
    return lambda payload: pad(encode(payload))


def new_id() -> str:
    return secrets.token_hex(8)


stored_id = schema.packed_id


def _unchanged(value: object) -> object:
    return value


def id_text(value: object) -> str:
    """An id or link as the text callers and the associated data know: a packed id as its hex digits,
    damage (a number where text was) as its text, so it then fails its integrity check by name."""
    if isinstance(value, bytes):
        return value.hex()
    return str(value)


def _texts_maker(links: int) -> Callable[[tuple], tuple]:
    """A fetched ``(id, *links, payload)`` row with packed ids as their text, as one small function
    (``bytes.hex`` inline: cheaper than the text decoding older text ids went through)."""
    if links == 0:
        return lambda r: (r[0].hex() if r[0].__class__ is bytes else r[0], r[1])
    if links == 1:
        return lambda r: (r[0].hex() if r[0].__class__ is bytes else r[0],
                          r[1].hex() if r[1].__class__ is bytes else r[1], r[2])
    if links == 2:  # ratings and feedback: about an employee, in a cycle
        return lambda r: (r[0].hex() if r[0].__class__ is bytes else r[0],
                          r[1].hex() if r[1].__class__ is bytes else r[1],
                          r[2].hex() if r[2].__class__ is bytes else r[2], r[3])
    return lambda r: (*[v.hex() if v.__class__ is bytes else v for v in r[:-1]], r[-1])


_UNSEEN = object()  # ``values``: a header not met yet; a record that is not this user's to read


def _opener(cipher: RecordCipher, blob: bytes, end: int, restricted: bool) -> Callable[[bytes, bytes, bytes], bytes] | None:
    """The AES-GCM decrypt of the key ``blob``'s header (``end`` bytes long) names, for ``Store.values``; None
    when a manager does not hold it. Raises when ``end`` is not the header's length or the key is not held."""
    if header_length(blob) != end:
        raise DecryptionFailed("not the header's length")
    if restricted and not cipher.holds(kid_of(blob)):
        return None
    return cipher.key_for_header(blob[:end]).decrypt


def _fresh_ids() -> Iterator[str]:
    """New ids, as ``new_id`` makes them, drawn from the system's randomness a few thousand at a time."""
    count = 16  # a single insert draws a few; a bulk one thousands at a time
    while True:
        pool = secrets.token_hex(8 * count)
        count = 4096
        for start in range(0, len(pool), 16):
            yield pool[start : start + 16]


def _fresh_raw_ids() -> Iterator[bytes]:
    """The 8 random bytes of new ids (``new_id`` is their hex), drawn from the system thousands at a time."""
    while True:
        pool = secrets.token_bytes(8 * 4096)
        yield from (pool[start : start + 8] for start in range(0, len(pool), 8))


def check_name(name: str) -> None:
    if not _NAME_RE.match(name):
        raise InvalidInputError(f"'{name}' is not a valid table or column name.")


class Store:
    """One open SQLite connection to a vault file, with its transaction depth and table list."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self.conn = conn
        self.io = threading.RLock()
        self._depth = 0
        self._cipher: RecordCipher | None = None
        self._links: dict[str, tuple[str, ...]] = {}
        self._present: set[str] = set()
        self._keyed: dict[str, str] = {}  # table -> the link that is its id (schema.ONE_PER, in this file)
        self.stored: Callable[[object], object] = _unchanged  # stored_id from format 3 on (refresh_present)
        self.changed = False
        self.scopes: Any = None  # teamkeys.KeyScopes: which key each record is written under

    def kid_for(self, table: str, row_id: str, links: Mapping[str, str | None]) -> str:
        if self.scopes is None:
            return "dk"
        kid = self.scopes.kid_for(table, row_id, links)
        self.scopes.ensure_key(kid)
        return kid

    @property
    def restricted(self) -> bool:
        """A manager's or auditor's keys: rows under other keys are not theirs and are left out of lists."""
        return self._cipher is not None and not self._cipher.holds("dk")

    # --- errors and the cipher --------------------------------------------------

    def errors(self, table: str = "") -> contextlib.AbstractContextManager[None]:
        return connection.sqlite_errors(self.path, table)

    def set_cipher(self, cipher: RecordCipher | None) -> None:
        self._cipher = cipher

    @property
    def has_cipher(self) -> bool:
        return self._cipher is not None

    def require_cipher(self) -> RecordCipher:
        if self._cipher is None:
            raise VaultLockedError()
        return self._cipher

    def encrypt(self, table: str, row_id: str, payload: Mapping[str, Any], links: Mapping[str, str | None]) -> bytes:
        kid = self.kid_for(table, row_id, links)
        data = encoding.padded(encoding.encode(payload), schema.PADDED.get(table, 0))
        return self.require_cipher().encrypt_bytes(data, associated_data(table, row_id, links), kid)

    def decrypt(self, table: str, row_id: str, blob: bytes, links: Mapping[str, str | None]) -> dict[str, Any]:
        try:
            data = self.require_cipher().decrypt_json(blob, associated_data(table, row_id, links))
        except KeyNotHeld:
            if not self.restricted:
                raise DamagedVaultError(
                    "this record names a key the vault does not have", table=table, record_id=row_id
                ) from None
            raise PermissionDeniedError(NOT_YOURS) from None
        except DecryptionFailed:
            data = None
        if not isinstance(data, dict):
            raise DamagedVaultError(
                "this record was altered or moved and fails its integrity check", table=table, record_id=row_id
            )
        return data

    # --- the file ---------------------------------------------------------------

    def header(self) -> dict[str, str]:
        with self.io, self.errors("hrdesk_header"):
            return dict(self.conn.execute("SELECT key, value FROM hrdesk_header").fetchall())

    def file_tables(self) -> dict[str, list[str]]:
        """Every table in the file with its columns (whatever the vault's own lists say)."""
        with self.io, self.errors():
            names = [r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
            return {n: [c[1] for c in self.conn.execute(f'PRAGMA table_info("{n}")')] for n in names}

    def check_structure(self) -> None:
        """Refuse a file whose vault tables were dropped: that is damage, not a bug in our SQL."""
        present = self.file_tables()
        for name in REQUIRED:
            if name not in present:
                raise DamagedVaultError(f"its table '{name}' is missing", table=name)

    def read_version(self) -> int:
        try:
            with self.errors("hrdesk_header"):
                rows = dict(self.conn.execute("SELECT key, value FROM hrdesk_header").fetchall())
        except sqlite3.OperationalError:
            raise NotAVaultError(str(self.path)) from None  # no header table: some other SQLite file
        if rows.get("magic") != schema.MAGIC:
            raise NotAVaultError(str(self.path))
        try:
            return int(rows["schema_version"])
        except (KeyError, ValueError):
            raise DamagedVaultError("the file header has no valid format version", table="hrdesk_header") from None

    def page_problems(self) -> list[str]:
        """SQLite's ``quick_check`` of every page (it grows with the file: not on the open path)."""
        try:
            with self.io, self.errors():
                result = [str(r[0]) for r in self.conn.execute("PRAGMA quick_check").fetchall()]
        except DamagedVaultError as exc:
            return [f"the database file: {exc.message}"]
        return [] if result == ["ok"] else [f"the database file: {problem}" for problem in result[:10]]

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.conn.close()

    # --- transactions -------------------------------------------------------------

    @contextlib.contextmanager
    def write(self) -> Iterator[None]:
        """One SQLite transaction; nested calls join the outermost one."""
        with self.io:
            if self._depth:
                self._depth += 1
                try:
                    yield
                finally:
                    self._depth -= 1
                return
            with self.errors():
                self.conn.execute("BEGIN IMMEDIATE")
            self._depth = 1
            try:
                yield
            except BaseException:
                self._depth = 0
                self._rollback()
                raise
            self._depth = 0
            try:
                with self.errors():
                    self.conn.execute("COMMIT")
            except BaseException:
                self._rollback()
                raise
            if self.scopes is not None:
                self.scopes.committed()
            self.changed = True

    def _rollback(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.conn.execute("ROLLBACK")
        if self.scopes is not None:
            self.scopes.rolled_back()  # keys made inside the transaction are gone from the file: forget them
        # A table created inside the rolled-back transaction is gone again: forget it too.
        with contextlib.suppress(sqlite3.Error, DamagedVaultError, VaultLockedError):
            self.reload_tables()

    # --- record tables --------------------------------------------------------------

    def reload_tables(self) -> None:
        """Read the record-table list: the authenticated copy wins over the plaintext one."""
        with self.io, self.errors("record_tables"):
            rows = self.conn.execute("SELECT name, links FROM record_tables").fetchall()
        try:
            plain = {name: tuple(json.loads(links)) for name, links in rows}
        except (ValueError, TypeError):
            plain = None
        signed = self.meta_get(TABLES_META_KEY, None) if self.has_cipher else None
        if signed is not None:
            self._links = {name: tuple(links) for name, links in signed.items()}
        elif plain is None:
            raise DamagedVaultError("the list of record tables is unreadable", table="record_tables")
        else:
            self._links = plain
        self.refresh_present()

    def plaintext_table_list(self) -> dict[str, tuple[str, ...]] | None:
        with self.io, self.errors("record_tables"):
            rows = self.conn.execute("SELECT name, links FROM record_tables").fetchall()
        try:
            return {name: tuple(json.loads(links)) for name, links in rows}
        except (ValueError, TypeError):
            return None

    def ensure_table(self, name: str, links: Sequence[str] = ()) -> None:
        """Create a record table (id, link columns, payload) if it does not exist yet."""
        self.require_cipher()
        check_name(name)
        if name in RESERVED:
            raise InvalidInputError(f"'{name}' is reserved by the vault.")
        for link in links:
            check_name(link)
        links = tuple(links)
        known = self._links.get(name)
        if known is not None:
            if known != links:
                raise InvalidInputError(f"Table '{name}' already exists with links {known}, not {links}.")
            return
        keyed = schema.ONE_PER.get(name) if self.stored is stored_id else None
        kept = tuple(link for link in links if link != keyed)
        with self.write():
            table = self.db[name]
            columns: dict[str, type] = {"id": str, **{link: str for link in kept}, "payload": bytes}
            table.create(columns, pk="id", not_null={"payload"}, if_not_exists=True)
            for link in kept:
                table.create_index([link], index_name=f"idx_{name}_{link}", if_not_exists=True)
            self.conn.execute("INSERT OR REPLACE INTO record_tables VALUES (?, ?)", (name, json.dumps(links)))
            self._links[name] = links
            self._present.add(name)
            if keyed in links:
                self._keyed[name] = keyed
            self.sign_table_list()

    def sign_table_list(self) -> None:
        """Keep the authenticated copy of the table list in step with the plaintext one."""
        self.meta_set(TABLES_META_KEY, {name: list(links) for name, links in sorted(self._links.items())})

    def table_links(self, table: str) -> tuple[str, ...]:
        try:
            links = self._links[table]
        except KeyError:
            raise InvalidInputError(f"The vault has no table '{table}'.") from None
        if table not in self._present:
            raise DamagedVaultError("the whole table is missing from the file", table=table)
        return links

    def link_values(self, table: str, links: Mapping[str, str | None] | None) -> dict[str, str | None]:
        names = self.table_links(table)
        given = dict(links or {})
        unknown = set(given) - set(names)
        if unknown:
            raise InvalidInputError(f"Table '{table}' has no link(s) {sorted(unknown)}.")
        return {name: given.get(name) for name in names}

    def tables(self) -> dict[str, tuple[str, ...]]:
        return dict(self._links)

    # --- records ------------------------------------------------------------------------

    def insert_many(
        self, table: str, rows: Iterable[tuple[str | None, Mapping[str, str | None], Mapping[str, Any]]]
    ) -> list[str]:
        """Encrypt and insert ``rows`` (id or None for a new one, links, payload); returns their ids.

        Written in slices of ``INSERT_SLICE`` rows inside one transaction: an import of
        300,000 people never holds every ciphertext at once, and is still all or nothing.
        """
        names = self.table_links(table)
        known = frozenset(names)
        keyed = self._keyed.get(table)
        kept = [i for i, name in enumerate(names) if name != keyed]
        aad_of = _aad_maker(table, names)
        stored = self.stored
        seal_for = self._sealers(table, names, by_links=False)
        encode = _padding(encoding.encode, table)
        fresh = _fresh_ids()
        ids: list[str] = []

        def sealed() -> Iterator[tuple]:
            for row_id, links, payload in rows:
                if links is not None and links.keys() <= known:  # the usual case, checked once per row without copies
                    linked = {name: links.get(name) for name in names}
                else:
                    linked = self.link_values(table, links)
                row_id = row_id or (self._key_of(table, keyed, linked) if keyed else next(fresh))
                if keyed and linked[keyed] != row_id:
                    raise InvalidInputError(f"A record of {table} takes the id of its {keyed}: leave its id out.")
                values = tuple(linked.values())
                ids.append(row_id)
                yield (stored(row_id), *[stored(values[i]) for i in kept],
                       seal_for(row_id, values)(encode(payload), aad_of((row_id, *values))))

        self._insert_slices(table, names, kept, sealed())
        return ids

    def insert_new(
        self, table: str, links: Sequence[str], keys: Sequence[str],
        rows: Iterable[tuple[Sequence[str | None], Sequence[Any]]],
    ) -> list[str]:
        """Encrypt and insert many new records of one shape; returns their ids. Each row is (the values of
        ``links``, the values of ``keys``): the records ``insert_many`` writes for
        ``(None, dict(zip(links, ...)), dict(zip(keys, ...)))``, byte for byte but for the random ids and
        nonces, without building those dicts or parsing ids back from text (an import of 100,000 people).
        A record of a one-per table takes the id of the row it belongs to, as there.
        """
        names = self.table_links(table)
        if tuple(links) != names:
            if sorted(links) != sorted(names):
                raise InvalidInputError(f"Table '{table}' links {', '.join(names) or 'nothing'}, not {', '.join(links)}.")
            order = [tuple(links).index(name) for name in names]
            rows = ((tuple(values[i] for i in order), payload) for values, payload in rows)
        keyed = self._keyed.get(table)
        at = names.index(keyed) if keyed else -1
        kept = [i for i, name in enumerate(names) if name != keyed]
        aad_of = _aad_maker(table, names)
        encode = _padding(encoding.values_encoder(keys), table)
        seal_for = self._sealers(table, names, by_links=not keyed and table not in _KEY_OF_ID)
        stored_link = self._stored_links()
        fresh, packed = _fresh_raw_ids().__next__, self.stored is stored_id
        stored = self.stored
        ids: list[str] = []
        width, one_link = len(names), len(kept) == 1

        def sealed() -> Iterator[tuple]:
            for values, payload in rows:
                if len(values) != width:
                    raise InvalidInputError(f"A record of {table} takes {width} links, not {len(values)}.")
                if keyed:
                    row_id = values[at]
                    if not row_id:
                        raise InvalidInputError(f"A record of {table} needs its {keyed}.")
                    row_key = stored(row_id)
                else:
                    row_key = fresh()
                    row_id = row_key.hex()
                    if not packed:  # a vault of format 2 keeps ids as text
                        row_key = row_id
                blob = seal_for(row_id, values)(encode(payload), aad_of((row_id, *values)))
                ids.append(row_id)
                if one_link:  # most tables link one other record: no list per row
                    yield row_key, stored_link(values[kept[0]]), blob
                else:
                    yield (row_key, *[stored_link(values[i]) for i in kept], blob)

        self._insert_slices(table, names, kept, sealed())
        return ids

    def _insert_slices(self, table: str, names: tuple[str, ...], kept: list[int], params: Iterator[tuple]) -> None:
        """``params`` (id, the ``kept`` links, ciphertext) inserted in slices of ``INSERT_SLICE`` rows inside ONE
        transaction: an import of 300,000 people never holds every ciphertext at once, and is still all or nothing."""
        sql = f"INSERT INTO {table} (id, {''.join(names[i] + ', ' for i in kept)}payload) VALUES ({', '.join('?' * (len(kept) + 2))})"
        with self.write(), self.errors(table):
            while batch := list(itertools.islice(params, INSERT_SLICE)):
                self.conn.executemany(sql, batch)

    def _sealers(self, table: str, names: tuple[str, ...], *, by_links: bool) -> Callable[[str, Sequence], Callable[[bytes, bytes], bytes]]:
        """The sealer of each new record of ``table`` by its id and link values, each key's made once (a new
        team's key too); looked up by the link values alone when ``by_links`` (the key does not depend on
        the record's own id), so most records pay one dict lookup."""
        cipher, scopes = self.require_cipher(), self.scopes
        seals: dict[str, Callable[[bytes, bytes], bytes]] = {}
        if scopes is None:
            seal = cipher.sealer("dk")
            return lambda _row_id, _values: seal

        def by_kid(row_id: str, values: Sequence) -> Callable[[bytes, bytes], bytes]:
            linked = dict(zip(names, values))
            kid = scopes.kid_for(table, row_id, linked)
            seal = seals.get(kid)
            if seal is None:
                self.kid_for(table, row_id, linked)  # makes a new team's key
                seal = seals[kid] = cipher.sealer(kid)
            return seal

        if not by_links:
            return by_kid
        known: dict[tuple, Callable[[bytes, bytes], bytes]] = {}

        def by_values(row_id: str, values: Sequence) -> Callable[[bytes, bytes], bytes]:
            seal = known.get(values)  # type: ignore[call-overload]
            if seal is None:
                seal = known[tuple(values)] = by_kid(row_id, values)
            return seal

        return by_values

    def _stored_links(self) -> Callable[[str | None], object]:
        """``self.stored`` of link values, each distinct one worked out once (an import's 100,000
        employees name 60 teams)."""
        stored, known = self.stored, {}

        def stored_link(value: str | None) -> object:
            found = known.get(value)
            if found is None:
                found = known[value] = stored(value)
            return found

        return stored_link

    def update(
        self, table: str, row_id: str, payload: Mapping[str, Any], *, links: Mapping[str, str | None] | None = None
    ) -> None:
        values = self.link_values(table, links) if links is not None else self.get(table, row_id).links
        keyed = self._keyed.get(table)
        if keyed is not None and values.get(keyed) != row_id:
            raise InvalidInputError(f"A record of {table} stays with the record it belongs to ({keyed}).")
        kept = {name: value for name, value in values.items() if name != keyed}
        sets = "".join(f", {name}=?" for name in kept)
        blob = self.encrypt(table, row_id, payload, values)
        stored = self.stored
        with self.write(), self.errors(table):
            cur = self.conn.execute(f"UPDATE {table} SET payload=?{sets} WHERE id=?",
                                    (blob, *map(stored, kept.values()), stored(row_id)))
            if cur.rowcount == 0:
                raise RecordNotFoundError(f"No record {row_id} in {table}.")

    def delete(self, table: str, ids: Iterable[str]) -> int:
        self.require_cipher()
        self.table_links(table)
        with self.write(), self.errors(table):
            cur = self.conn.executemany(f"DELETE FROM {table} WHERE id=?", ((self.stored(i),) for i in ids))
        return cur.rowcount

    def get(self, table: str, row_id: str) -> StoredRow:
        names = self.table_links(table)
        with self.io, self.errors(table):
            row = self.conn.execute(f"SELECT {self._columns(table, names)} FROM {table} WHERE id=?",
                                    (self.stored(row_id),)).fetchone()
        if row is None:
            raise RecordNotFoundError(f"No record {row_id} in {table}.")
        return self.row(table, names, row)

    def row(self, table: str, names: tuple[str, ...], row: tuple) -> StoredRow:
        row_id = id_text(row[0])
        links = {name: None if value is None else id_text(value) for name, value in zip(names, row[1:-1])}
        if not isinstance(row[-1], bytes):
            raise DamagedVaultError("this record's payload is not a ciphertext", table=table, record_id=row_id)
        return StoredRow(row_id, links, self.decrypt(table, row_id, row[-1], links))

    def rows(
        self,
        table: str,
        where: Mapping[str, str | None] | None = None,
        *,
        on_damaged: Callable[[DamagedVaultError], None] | None = None,
        limit: int | None = None,
    ) -> Iterator[StoredRow]:
        """Decrypt rows lazily; a damaged row raises DamagedVaultError naming it.

        With ``on_damaged`` a damaged row is handed to it and skipped, so one bad
        record does not hide the rest of the table. ``limit``: the first rows only
        (in the order they were written), e.g. a list's first screen.
        """
        names = self.table_links(table)
        sql, args = self._select(table, names, where)
        if limit is not None:
            sql, args = sql + " LIMIT ?", [*args, int(limit)]
        texts = _texts_maker(len(names))
        with self.io, self.errors(table):
            # Packed ids become text as they are fetched: the 8-byte values are not kept beside it.
            fetched = list(map(texts, self.conn.execute(sql, args)))
        restricted = self.restricted
        cipher = self._cipher
        if cipher is None:
            yield from (self.row(table, names, row) for row in fetched)  # raises VaultLockedError
            return
        # The associated data of every row, built as ``associated_data`` builds it, without its
        # per-row call: this loop runs once per record of a listing (100,000 at a time).
        aad_of = _aad_maker(table, names)
        for row in fetched:
            blob = row[-1]
            if restricted and not cipher.holds(kid_of(blob)):
                continue  # another team's record, or the organisation's: not in this user's lists
            try:
                try:
                    data = cipher.decrypt_json(blob, aad_of(row))
                except (DecryptionFailed, TypeError, AttributeError):  # TypeError: damage made an id a number
                    data = None
                if type(data) is not dict:
                    yield self.row(table, names, row)  # the slow path names the damage (or a key not held)
                    continue
                yield StoredRow(row[0], dict(zip(names, row[1:-1])), data)
            except DamagedVaultError as exc:
                if on_damaged is None:
                    raise
                on_damaged(exc)

    def values(
        self, table: str, read: Callable[[bytes], Any], *, only: Callable[[list[tuple]], Iterable[tuple]] | None = None
    ) -> Iterator[tuple[tuple, Any]]:
        """``((id, *links), read(plaintext))`` of every row of ``table`` this user may read, in the order written.

        For bulk readers that decode only what they use (``encoding.values_reader``: the audit of 100,000
        people), without a ``StoredRow`` and a payload dict per record. ``only`` picks, from the fetched
        rows ``(id, *links, ciphertext)``, the ones worth decrypting by their ids and links
        alone (an audit of one cycle, each person's latest cycle). A row that fails its check, or whose
        payload ``read`` refuses, raises DamagedVaultError naming it, as in ``rows``.

        One loop opens each record (header, key, associated data, decryption, ``read``); anything unusual
        about a record (a failed check, a payload ``read`` refuses, a header it cannot use) sends it down the
        slow path, which is ``rows``' own and names the damage.
        """
        names = self.table_links(table)
        sql, args = self._select(table, names, None)
        cipher = self.require_cipher()
        texts = _texts_maker(len(names))
        with self.io, self.errors(table):
            fetched = list(map(texts, self._fetch_utf8(sql, args)))  # packed ids as their text, as in ``rows``
        if only is not None:
            fetched = list(only(fetched))
        aad_of = _aad_maker(table, names)
        restricted = self.restricted
        opened: dict[bytes, Any] = {}  # header -> its key's AES-GCM decrypt, or None: not this user's
        # Yielded one by one, not gathered: a re-import keeps only the records that differ, and holding every
        # decoded value beside every ciphertext put its peak memory at 100,000 people from 336 to 430 MiB.
        for row in fetched:
            try:
                blob = row[-1]
                end = 2 + blob[1] if blob[1] else 10  # the header's length (``header_length``, checked below)
                header = blob[:end]
                decrypt = opened.get(header, _UNSEEN)
                if decrypt is _UNSEEN:
                    decrypt = opened[header] = _opener(cipher, blob, end, restricted)
                if decrypt is None:
                    continue  # another team's record, or the organisation's, as in ``rows``
                value = read(decrypt(blob[end:end + NONCE_BYTES], blob[end + NONCE_BYTES:], header + aad_of(row)))
            except Exception:  # noqa: BLE001 - anything at all: the slow path decides, exactly as ``rows`` does
                value = self._value_slowly(table, names, row, read)
                if value is _UNSEEN:
                    continue
            yield row[:-1], value

    def _value_slowly(self, table: str, names: tuple[str, ...], row: tuple, read: Callable[[bytes], Any]) -> Any:
        """``read`` of one fetched ``values`` row the careful way: ``_UNSEEN`` when it is not this user's
        to read, DamagedVaultError naming it when it fails its check or ``read`` refuses it."""
        cipher = self.require_cipher()
        blob = row[-1]
        if self.restricted and not cipher.holds(kid_of(blob)):
            return _UNSEEN  # another team's record, or the organisation's, as in ``rows``
        try:
            return read(cipher.decrypt_bytes(blob, _aad_maker(table, names)(row)))
        except (DecryptionFailed, ValueError, TypeError, AttributeError):
            self.row(table, names, row)  # names the damage (or a key not held)
            raise DamagedVaultError("this record's payload is not a record", table=table,
                                    record_id=id_text(row[0])) from None

    def _fetch_utf8(self, sql: str, args: Sequence[Any]) -> list[tuple]:
        """``fetchall`` with SQLite's own UTF-8 decoding of text (the forgiving Python decoder, called once per
        text cell, was a quarter of the fetch at 100,000 people); a cell that is not UTF-8, which only damage
        makes, is read again the forgiving way so its record fails its check by name."""
        forgiving, self.conn.text_factory = self.conn.text_factory, str
        try:
            return self.conn.execute(sql, args).fetchall()
        except sqlite3.OperationalError as exc:
            if getattr(exc, "sqlite_errorcode", None) is not None:
                raise  # SQLite's own failure, mapped by the caller's ``errors``
        finally:
            self.conn.text_factory = forgiving
        return self.conn.execute(sql, args).fetchall()

    def _select(self, table: str, names: tuple[str, ...], where: Mapping[str, str | None] | None) -> tuple[str, list]:
        sql = f"SELECT {self._columns(table, names)} FROM {table}"
        clauses, args = self._where(table, names, where)
        if self.restricted and self._cipher is not None:
            # A manager's lists: only rows under keys they hold leave SQLite (the kid is in each ciphertext's
            # header), so reading one team of 10,000 people no longer hands every payload to Python. The loop in
            # ``rows`` still checks each row's key.
            heads = sorted(head for k in self._cipher.kids if k.isascii() for head in headers_for(k))
            by_length: dict[int, list[bytes]] = {}
            for head in heads:
                by_length.setdefault(len(head), []).append(head)
            held = " OR ".join(f"substr(payload, 1, {n}) IN ({', '.join('?' * len(group))})"
                               for n, group in by_length.items()) or "0"
            clauses += (" AND " if clauses else " WHERE ") + f"({held})"
            args = [*args, *(h for group in by_length.values() for h in group)]
            teams = sorted(k[2:] for k in self._cipher.kids if k.startswith("t-"))
            if teams and "employee_id" in names and table in getattr(self.scopes, "employee_tables", ()):
                # A record about an employee is under that employee's team key: look only at the held teams'
                # people, through the employee_id index, instead of scanning every team's rows.
                column = "id" if self._keyed.get(table) == "employee_id" else "employee_id"
                clauses += (f" AND {column} IN (SELECT id FROM employees WHERE team_id IN "
                            f"({', '.join('?' * len(teams))}))")
                args += [self.stored(team) for team in teams]
        return sql + clauses + " ORDER BY rowid", args

    def _where(self, table: str, names: tuple[str, ...], where: Mapping[str, str | None] | None) -> tuple[str, list]:
        if not where:
            return "", []
        unknown = set(where) - set(names)
        if unknown:
            raise InvalidInputError(f"Table '{table}' has no link(s) {sorted(unknown)}.")
        keyed = self._keyed.get(table)
        parts = [f"{'id' if k == keyed else k} IS ?" for k in where]
        return " WHERE " + " AND ".join(parts), [self.stored(value) for value in where.values()]

    def _columns(self, table: str, names: tuple[str, ...]) -> str:
        """The SELECT list of a record: its id and links (the keyed link is the id), then its payload."""
        keyed = self._keyed.get(table)
        links = "".join(f", {'id' if n == keyed else n}" for n in names)
        return f"id{links}, payload"

    def _key_of(self, table: str, keyed: str, links: Mapping[str, str | None]) -> str:
        """The id of a new record of a one-per table: the id of the record it belongs to."""
        value = links.get(keyed)
        if not value:
            raise InvalidInputError(f"A record of {table} needs its {keyed}.")
        return value

    def count(self, table: str, where: Mapping[str, str | None] | None = None) -> int:
        names = self.table_links(table)
        if self.restricted:
            return sum(1 for _ in self.rows(table, where, on_damaged=lambda _exc: None))
        clauses, args = self._where(table, names, where)
        with self.io, self.errors(table):
            return int(self.conn.execute(f"SELECT COUNT(*) FROM {table}{clauses}", args).fetchone()[0])

    # --- small encrypted settings ---------------------------------------------------------

    def meta_get(self, key: str, default: Any = None) -> Any:
        """A setting; a damaged row falls back to its copy, so one bad byte costs nothing."""
        with self.io, self.errors("vault_meta"):
            row = self.conn.execute("SELECT payload FROM vault_meta WHERE key=?", (key,)).fetchone()
            copy = self.conn.execute(
                "SELECT payload FROM vault_meta_copy WHERE key=?", (key,)
            ).fetchone() if self.has_copies else None
        if row is None and copy is None:
            return default
        for candidate in (row, copy):
            if candidate is None:
                continue
            try:
                return self.decrypt("vault_meta", key, candidate[0], {})["value"]
            except (DamagedVaultError, KeyError):
                continue
        raise DamagedVaultError(
            "this setting was altered and fails its integrity check", table="vault_meta", record_id=key
        )

    def meta_set(self, key: str, value: Any) -> None:
        blob = self.encrypt("vault_meta", key, {"value": value}, {})
        with self.write(), self.errors("vault_meta"):
            self.conn.execute("INSERT OR REPLACE INTO vault_meta VALUES (?, ?)", (key, blob))
            if self.has_copies:
                self.conn.execute("INSERT OR REPLACE INTO vault_meta_copy VALUES (?, ?)", (key, blob))

    def meta_delete(self, key: str) -> None:
        with self.write(), self.errors("vault_meta"):
            self.conn.execute("DELETE FROM vault_meta WHERE key=?", (key,))
            if self.has_copies:
                self.conn.execute("DELETE FROM vault_meta_copy WHERE key=?", (key,))

    @property
    def has_copies(self) -> bool:
        """Vaults of format 2 keep a second copy of settings, users and key slots."""
        return "vault_meta_copy" in self._present

    def refresh_present(self) -> None:
        """Re-read which tables the file has, and how it keeps ids (after opening and after migrations)."""
        present = self.file_tables()
        self._present = set(present)
        self._keyed = {table: link for table, link in schema.ONE_PER.items()
                       if "id" in present.get(table, ()) and link not in present[table]}
        with self.io, self.errors("hrdesk_header"):
            row = self.conn.execute("SELECT value FROM hrdesk_header WHERE key='schema_version'").fetchone()
        try:
            compact = row is not None and int(row[0]) >= schema.COMPACT_IDS
        except ValueError:
            compact = False
        self.stored = stored_id if compact else _unchanged

    # --- integrity -------------------------------------------------------------------------

    def damaged_ciphertexts(self, *, skip: Sequence[str] = ("audit_log",)) -> list[tuple[str, str]]:
        """Every (table, key) in the FILE whose ciphertext fails authentication, listed or not."""
        cipher = self.require_cipher()
        damaged = []
        for table, columns in sorted(self.file_tables().items()):
            aad = aad_builder(table, columns)
            if aad is None or table in skip:
                continue
            ident = KEY_COLUMN.get(table, "id")
            with self.io, self.errors(table):
                rows = self.conn.execute(f'SELECT {", ".join(columns)} FROM "{table}" ORDER BY rowid').fetchall()
            for fetched in rows:
                row = dict(zip(columns, fetched))
                try:
                    cipher.decrypt_bytes(row["payload"], aad(row))
                except DecryptionFailed:
                    damaged.append((table, id_text(row[ident])))
        return damaged

    def table_problems(self) -> list[str]:
        """What the file's tables say that the vault's authenticated list does not."""
        problems = []
        present = self.file_tables()
        signed = {name: tuple(links) for name, links in (self.meta_get(TABLES_META_KEY, None) or {}).items()}
        plain = self.plaintext_table_list()
        for name in sorted(set(present) - RESERVED - set(signed)):
            count = self.conn.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0]
            problems.append(f"table '{name}' ({count} rows) is not one of this vault's tables")
        for name in sorted(set(signed) - set(present)):
            problems.append(f"table '{name}' is missing from the file")
        if plain is None:
            problems.append("the plain list of record tables is unreadable")
        elif signed and plain != signed:
            changed = sorted(set(plain) ^ set(signed) | {n for n in set(plain) & set(signed) if plain[n] != signed[n]})
            problems.append(f"the plain list of record tables was altered ({', '.join(changed)})")
        return problems

    def copy_problems(self) -> list[str]:
        """Key slots whose two copies differ: one of them was damaged (the other still opens the vault)."""
        if not self.has_copies:
            return []
        with self.io, self.errors("keyslots"):
            main = set(self.conn.execute("SELECT * FROM keyslots").fetchall())
            copy = set(self.conn.execute("SELECT * FROM keyslots_copy").fetchall())
        differing = sorted({str(r[0]) for r in main ^ copy})
        return [f"key slot {slot}: its two copies differ (one was damaged or altered)" for slot in differing]

    # --- format 3 -------------------------------------------------------------------------

    def key_one_per_tables(self) -> dict[str, int]:
        """Give each ``schema.ONE_PER`` table of an older file its keyed layout; returns rows moved per table.

        In the caller's transaction (the migration's). Each record is decrypted under its old
        associated data (its own id and the link) and encrypted again, under the same key, bound to
        the id of the record it belongs to. A table that cannot move (a record without its link, two
        for the same one, a record that fails its check or is under a key not held) keeps its old
        layout, which reads as before: a damaged record must not stop the vault from opening.
        """
        cipher = self.require_cipher()
        moved: dict[str, int] = {}
        for table, link in schema.ONE_PER.items():
            columns = self.file_tables().get(table, [])
            if "id" not in columns or link not in columns or "payload" not in columns:
                continue
            new_columns = [c for c in columns if c != link]
            old_aad, new_aad = aad_builder(table, columns), aad_builder(table, new_columns)
            assert old_aad is not None and new_aad is not None
            with self.errors(table):
                fetched = self.conn.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY rowid").fetchall()
            rows = [dict(zip(columns, values)) for values in fetched]
            owners = [row[link] for row in rows]
            if None in owners or len(set(owners)) != len(owners):
                log.warning("%s keeps its old layout: a record without its %s, or two for one", table, link)
                continue
            try:
                for row in rows:
                    plain = encoding.padded(cipher.decrypt_bytes(row["payload"], old_aad(row)), schema.PADDED.get(table, 0))
                    row["id"] = row.pop(link)
                    row["payload"] = cipher.encrypt_bytes(plain, new_aad(row), kid_of(row["payload"]) or "dk")
            except DecryptionFailed:
                log.warning("%s keeps its old layout: one of its records fails its check", table)
                continue
            kept = [c for c in new_columns if c not in ("id", "payload")]
            with self.errors(table):
                self.conn.execute(f"DROP TABLE {table}")  # and the indexes on its id and link
                self.db[table].create({"id": str, **{c: str for c in kept}, "payload": bytes}, pk="id",
                                      not_null={"payload"})
                for column in kept:
                    self.db[table].create_index([column], index_name=f"idx_{table}_{column}")
                self.conn.executemany(
                    f"INSERT INTO {table} ({', '.join(new_columns)}) VALUES ({', '.join('?' * len(new_columns))})",
                    [tuple(self.stored(row[c]) if c != "payload" else row[c] for c in new_columns) for row in rows])
            moved[table] = len(rows)
        self.refresh_present()
        return moved

    # --- maintenance -----------------------------------------------------------------------

    def vacuum(self) -> None:
        """Rewrite the file so freed pages (and their old ciphertext) are gone from disk."""
        with self.io, self.errors():
            self.conn.execute("VACUUM")
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def backup_to(self, target: Path) -> None:
        """Copy a consistent snapshot with SQLite's online backup API."""
        with self.io, self.errors():
            dest = sqlite3.connect(str(target))
            try:
                self.conn.backup(dest)
                # A standalone copy: no -wal/-shm side files to lose when it is moved.
                dest.execute("PRAGMA journal_mode=DELETE")
            finally:
                dest.close()

    @property
    def db(self) -> "sqlite_utils.Database":
        """sqlite-utils over the store's own connection (imported on first use: it pulls in pandas)."""
        import sqlite_utils

        return sqlite_utils.Database(self.conn)
