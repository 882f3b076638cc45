"""The bulk insert an import uses: the same records, bound the same way, as one insert at a time."""

from __future__ import annotations

import pytest

from hrdesk.errors import DamagedVaultError
from hrdesk.vault import KdfParams, Vault
from hrdesk.vault.cipher import associated_data
from hrdesk.vault.store import _aad_maker, _fresh_ids
from hrdesk.vault.schema import packed_id


@pytest.mark.parametrize("names", [(), ("team_id",), ("employee_id", "cycle_id"), ("z_link", "a_link", "m_link")])
@pytest.mark.parametrize("fill", [None, "abc"])
def test_bulk_associated_data_is_the_one_a_single_insert_binds(names: tuple[str, ...], fill: str | None) -> None:
    values = tuple(fill if i % 2 == 0 else f"v{i}" for i in range(len(names)))
    made = _aad_maker("ratings", names)(("0123456789abcdef", *values))
    assert made == associated_data("ratings", "0123456789abcdef", dict(zip(names, values)))


def test_fresh_ids_look_like_new_ids_and_do_not_repeat() -> None:
    fresh = _fresh_ids()
    ids = [next(fresh) for _ in range(10_000)]
    assert len(set(ids)) == len(ids)
    assert all(len(i) == 16 and int(i, 16) >= 0 for i in ids)


def test_records_written_in_many_slices_read_back_and_stay_bound_to_their_row(tmp_path) -> None:
    vault, _ = Vault.create(tmp_path / "v.hrdesk", org_name="O", admin_name="HR", passphrase="pw",
                            kdf=KdfParams.fast_for_tests())
    vault.ensure_table("things", links=("group_id", "owner_id"))
    rows = [(None, {"group_id": f"g{i % 3}" if i % 5 else None, "owner_id": None}, {"n": i, "name": f"thing {i}"})
            for i in range(4_500)]  # more than two slices
    ids = vault.insert_many("things", rows)
    got = {r.id: r for r in vault.rows("things")}
    assert [got[i].payload["n"] for i in ids] == list(range(4_500))
    assert got[ids[7]].links == {"group_id": "g1", "owner_id": None}
    # a ciphertext moved to another row fails its check instead of reading as that row
    conn = vault._store.conn
    blob = conn.execute("SELECT payload FROM things WHERE id=?", (packed_id(ids[0]),)).fetchone()[0]
    conn.execute("UPDATE things SET payload=? WHERE id=?", (blob, packed_id(ids[1])))
    with pytest.raises(DamagedVaultError):
        vault.get("things", ids[1])
    vault.close(backup=False)
