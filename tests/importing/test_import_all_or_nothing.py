"""A large import is written in slices inside ONE transaction: a failure anywhere leaves the vault as it was.

The write side hands SQLite a few thousand encrypted records at a time (so an
import of 300,000 people never holds every ciphertext at once); these tests
make the file fill up or a record fail part way through, after several
slices went in, and check that nothing of the import is left: no employee,
team, protected attribute, setting or audit entry, and the same file again
imports cleanly afterwards.
"""

from __future__ import annotations

import hashlib
import io
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hrdesk.errors import HrdeskError
from hrdesk.importing import import_file
from hrdesk.importing.readers import _lines
from hrdesk.records import Records, tables
from hrdesk.vault import Vault
from hrdesk.vault import store as store_module
from tests.benchmarks.bench_import import write_hr_csv

ROWS = 5_000  # more than two slices of employees, and as many protected-attribute rows again


@pytest.fixture(scope="module")
def big_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "hr5000.csv"
    write_hr_csv(path, ROWS, seed=11)
    return path


def _state(vault: Vault) -> dict[str, object]:
    """Everything an import could change, as the file holds it (ciphertexts included)."""
    conn: sqlite3.Connection = vault._store.conn
    state: dict[str, object] = {}
    for table in (tables.EMPLOYEES, tables.TEAMS, tables.PROTECTED, "vault_meta", "vault_keys", "audit_log"):
        rows = conn.execute(f'SELECT * FROM "{table}" ORDER BY rowid').fetchall()
        state[table] = hashlib.sha256(repr(rows).encode()).hexdigest(), len(rows)
    return state


def _assert_whole(vault: Vault) -> None:
    assert vault._store.conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert vault.verify_audit_chain().ok


def test_a_disk_that_fills_up_mid_import_leaves_the_vault_unchanged(vault: Vault, hr_dataset: Path, big_csv: Path) -> None:
    import_file(vault, hr_dataset)  # people already there, who must come through untouched
    before = _state(vault)
    listed = [(e.id, e.employee_id, e.name) for e in Records(vault).employees.list()]
    conn = vault._store.conn
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count={pages + 400}")  # room for a slice or two (~1.6 MB), not 5,000 people
    with pytest.raises(HrdeskError, match="disk is full"):
        import_file(vault, big_csv)
    assert _state(vault) == before
    assert [(e.id, e.employee_id, e.name) for e in Records(vault).employees.list()] == listed
    conn.execute("PRAGMA max_page_count=4294967294")
    report = import_file(vault, big_csv)
    assert report.added == ROWS
    assert vault.count(tables.EMPLOYEES) == 311 + ROWS
    assert vault.count(tables.PROTECTED) == 311 + ROWS
    _assert_whole(vault)


def test_a_record_that_fails_in_a_late_slice_leaves_nothing_behind(vault: Vault, big_csv: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    Records(vault)  # the record tables exist before an import's transaction
    before = _state(vault)
    real_encoder = store_module.encoding.values_encoder  # the bulk write encodes each new record through it
    written = {"n": 0}

    def failing_encoder(keys: tuple[str, ...]) -> Callable[[tuple], bytes]:
        encode = real_encoder(keys)

        def failing_encode(values: tuple) -> bytes:
            written["n"] += 1
            if written["n"] == ROWS + 3_000:  # every employee written, and a slice of their protected attributes
                raise OSError("simulated failure while writing")
            return encode(values)

        return failing_encode

    monkeypatch.setattr(store_module.encoding, "values_encoder", failing_encoder)
    with pytest.raises(OSError, match="simulated"):
        import_file(vault, big_csv)
    assert written["n"] == ROWS + 3_000
    assert _state(vault) == before
    assert Records(vault).employees.list() == []
    monkeypatch.setattr(store_module.encoding, "values_encoder", real_encoder)
    assert import_file(vault, big_csv).added == ROWS
    _assert_whole(vault)


def test_the_slices_are_smaller_than_the_import(big_csv: Path) -> None:
    """The tests above only mean something if the import really spans several slices."""
    assert ROWS > 2 * store_module.INSERT_SLICE


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('ab,"; \t\r\n\x85\u2028\x0b\x0c\x1c\x1e\u2029é')), max_size=60))
def test_lines_are_split_exactly_as_the_csv_module_saw_them_before(text: str) -> None:
    """The reader feeds csv line by line instead of through a StringIO: the same lines, endings kept."""
    assert list(_lines(text)) == list(io.StringIO(text, newline=""))


@pytest.mark.parametrize("kind, text", [
    ("reviews", "Employee ID,Cycle,Review Date,Rating,Feedback\n99999,2026,2026-01-10,Exceeds,Good\n"),  # nobody known
    ("employees", "Employee_Name,EmpID,DOB\n\"Amy, A\",10001,31/31/2020\n"),  # an impossible date
])
def test_a_file_whose_every_row_is_refused_leaves_a_fresh_vault_without_a_table_more(
        vault: Vault, tmp_path: Path, kind: str, text: str) -> None:
    """Found by the fuzz test: the record tables were made before the rows were checked, so a refused import of a
    fresh vault left its empty tables behind (a write the user never asked for, though it logged nothing)."""
    before = (sorted(vault.tables()), len(vault.audit_entries()))
    path = tmp_path / f"{kind}.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(HrdeskError):
        import_file(vault, path, kind=kind)
    assert (sorted(vault.tables()), len(vault.audit_entries())) == before
