"""``hrdesk --demo`` derives the Argon2id key of its public passphrase once: the vault it
creates is reopened with the keys the creation already holds, never unlocked a second time."""

from __future__ import annotations

from pathlib import Path

import pytest

from hrdesk.errors import InvalidInputError
from hrdesk.progress import NULL_PROGRESS
from hrdesk.ui.app import build_demo
from hrdesk.vault import KdfParams, Vault, keyslots


@pytest.fixture
def derivations(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every Argon2id run, counted around the real function."""
    calls: list[str] = []
    real = keyslots.derive_key

    def counted(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
        calls.append(passphrase)
        return real(passphrase, salt, params)

    monkeypatch.setattr(keyslots, "derive_key", counted)
    return calls


def test_the_demo_derives_its_key_once(tmp_path: Path, derivations: list[str]) -> None:
    session, passphrase = build_demo(tmp_path, NULL_PROGRESS, KdfParams.fast_for_tests())
    try:
        assert derivations == [passphrase]
        assert session.path == tmp_path / "demo.hrdesk"
        assert session.records().employees.count() > 0
        assert session.vault.user.role == "admin"
    finally:
        session.close(backup=False)
    with Vault.open(tmp_path / "demo.hrdesk", passphrase) as vault:  # the passphrase opens it as usual
        assert vault.count("employees") > 0
    assert len(derivations) == 2


def test_held_keys_open_only_the_vault_they_came_from(tmp_path: Path) -> None:
    first, _ = Vault.create(tmp_path / "a.hrdesk", org_name="A", admin_name="HR", passphrase="pw",
                            kdf=KdfParams.fast_for_tests())
    other, _ = Vault.create(tmp_path / "b.hrdesk", org_name="B", admin_name="HR", passphrase="pw",
                            kdf=KdfParams.fast_for_tests())
    held = first.held_keys()
    first.close(backup=False)
    other.close(backup=False)
    with pytest.raises(InvalidInputError, match="not the vault"):
        Vault.open_held(tmp_path / "b.hrdesk", held)
    reopened = Vault.open_held(tmp_path / "a.hrdesk", held)
    assert reopened.org_name == "A"
    reopened.close(backup=False)
