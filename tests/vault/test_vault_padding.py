"""A protected attribute's ciphertext is as long as anyone else's: its length gives no value away.

Without a key, the vault file still shows each record's length. Unpadded, the
record of a person whose race is not in the compression dictionary ("American
Indian or Alaska Native") was 53-58 bytes against 32-38 for everyone else, and
the record is keyed by the person's employee id: anyone with the file and the
sqlite3 shell could pick them out. Records of ``schema.PADDED`` tables are
padded to a multiple of 48 bytes before they are encrypted, on every way they
are written; a key rotation pads those written before.

The standard race and ethnicity categories and the common answers to the
other questions are in the compression dictionary (encoding version 3), so
every combination of them deflates to 42 bytes at most, under the 48: with version 2's
dictionary, "Native Hawaiian or Other Pacific Islander" took the next size.
A value no dictionary knows, long enough, still can (a custom category of
thirty characters and more).
"""

from __future__ import annotations

import itertools
import sqlite3
from pathlib import Path

import pytest

from hrdesk.vault import Vault, encoding, schema
from tests.conftest import PASSPHRASE

PA = "protected_attributes"
RACES = ("White", "Black or African American", "Asian", "Two or more races", "American Indian or Alaska Native",
         "Native Hawaiian or Other Pacific Islander", "Hispanic or Latino", "Some Other Race",
         "Middle Eastern or North African", "Prefer not to say")
SEXES = ("Female", "Male", "F", "M", "Non-binary", "Prefer not to say")
DISABILITY = (None, "Yes", "No", "Prefer not to say", True, False)


def _payloads() -> list[dict]:
    out = []
    for sex, race, hispanic, disability in itertools.product(SEXES, RACES, (True, False, None), DISABILITY):
        payload = {"date_of_birth": "1984-03-12", "hispanic_latino": hispanic, "race": race, "sex": sex}
        if disability is not None:
            payload["disability"] = disability
        out.append(payload)
    return out


def _lengths(path: Path) -> set[int]:
    conn = sqlite3.connect(path)
    try:
        return {n for (n,) in conn.execute(f"SELECT length(payload) FROM {PA}")}
    finally:
        conn.close()


def _people(vault: Vault, n: int) -> list[str]:
    vault.ensure_table("employees", links=("team_id",))
    vault.ensure_table(PA, links=("employee_id",))
    return vault.insert_many("employees", [(None, {"team_id": None}, {"name": f"P{i}"}) for i in range(n)])


def test_every_protected_record_has_one_length_whatever_its_values(vault: Vault, vault_path: Path) -> None:
    payloads = _payloads()
    people = _people(vault, len(payloads) + 2)
    half = len(payloads) // 2
    vault.insert_many(PA, [(None, {"employee_id": e}, p) for e, p in zip(people, payloads[:half])])  # a bulk write
    vault.insert_new(PA, ("employee_id",), ("date_of_birth", "hispanic_latino", "race", "sex"),
                     [((e,), (p["date_of_birth"], p["hispanic_latino"], p["race"], p["sex"]))
                      for e, p in zip(people[half:], payloads[half:]) if "disability" not in p])  # the import's write
    vault.insert(PA, {"sex": "F"}, links={"employee_id": people[-2]})  # one at a time
    vault.update(PA, people[0], {**payloads[0], "race": "American Indian or Alaska Native"})  # an edit
    read = {r.id: r.payload for r in vault.rows(PA)}
    assert read[people[0]]["race"] == "American Indian or Alaska Native"
    assert [read[e] for e in people[1:half]] == payloads[1:half]  # padded records read back exactly
    vault.close(backup=False)
    assert len(_lengths(vault_path)) == 1, _lengths(vault_path)


def test_padding_is_read_by_every_reader_and_never_doubles() -> None:
    data = encoding.encode({"race": "White", "sex": "Female"})
    padded = encoding.padded(data, 64)
    assert len(padded) == 64 and encoding.padded(padded, 64) == padded
    assert encoding.decode(padded) == {"race": "White", "sex": "Female"}
    assert encoding.values_reader(("sex", "race"))(padded) == ("Female", "White")
    assert encoding.padded(b'{"old": "json"}', 64) == b'{"old": "json"}'  # version 0 text is left alone
    long = encoding.encode({"race": "x" * 100})
    assert len(encoding.padded(long, 64)) % 64 == 0 and encoding.decode(encoding.padded(long, 64)) == {"race": "x" * 100}


def test_a_key_rotation_pads_records_written_before_padding(vault: Vault, vault_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    payloads = _payloads()[:12]
    people = _people(vault, len(payloads))
    with monkeypatch.context() as unpadded:  # as a vault written before padding holds them
        unpadded.setattr(schema, "PADDED", {})
        vault.insert_many(PA, [(None, {"employee_id": e}, p) for e, p in zip(people, payloads)])
    vault.close(backup=False)
    assert len(_lengths(vault_path)) > 1
    with Vault.open(vault_path, PASSPHRASE) as again:
        again.rotate_keys(PASSPHRASE)
        assert [r.payload for r in again.rows(PA)] == payloads
        again.close(backup=False)
    assert len(_lengths(vault_path)) == 1
