"""`hrdesk verify`: a packet PDF (no passphrase) or a vault, told apart by the file's first bytes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from signing_pdfs import make_pdf as _pdf
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from hrdesk import cli
from hrdesk.packet.signing import sign_pdf, sign_with_key, signing_identity
from hrdesk.session import Session
from hrdesk.vault import KdfParams

PASSPHRASE = "correct horse battery staple"
AUDITOR_PASSPHRASE = "an auditor passphrase that is long"


@pytest.fixture
def org(tmp_path: Path) -> dict[str, Path | str]:
    """A vault with an auditor, and a packet it signed (the vault closed, as an auditor would find it)."""
    path = tmp_path / "acme.hrdesk"
    session, _ = Session.create(path, org_name="Acme Ltd", admin_name="Dana HR", passphrase=PASSPHRASE,
                                kdf=KdfParams.fast_for_tests())
    session.add_user("Ada Auditor", "auditor", AUDITOR_PASSPHRASE, kdf=KdfParams.fast_for_tests())
    packet = tmp_path / "packet.pdf"
    packet.write_bytes(sign_pdf(session.vault, _pdf("Governance: 6 of 6 steps signed")))
    fingerprint = signing_identity(session.vault).fingerprint
    session.close(backup=False)
    (tmp_path / "pw").write_text(PASSPHRASE + "\n")
    (tmp_path / "auditor-pw").write_text(AUDITOR_PASSPHRASE + "\n")
    return {"vault": path, "packet": packet, "fingerprint": fingerprint, "dir": tmp_path}


def test_a_valid_packet_exits_0_with_a_sentence_and_asks_for_no_passphrase(org, capsys, monkeypatch) -> None:
    monkeypatch.delenv("HRDESK_PASSPHRASE", raising=False)
    assert cli.main(["verify", str(org["packet"])]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Valid:") and "Acme Ltd" in out and org["fingerprint"] in out


def test_an_altered_packet_exits_1(org, capsys) -> None:
    data = org["packet"].read_bytes()
    at = data.index(b"6 of 6")
    org["packet"].write_bytes(data[:at] + b"5" + data[at + 1:])
    assert cli.main(["verify", str(org["packet"])]) == 1
    assert capsys.readouterr().out.startswith("Altered:")


def test_an_unsigned_pdf_exits_2(tmp_path: Path, capsys) -> None:
    plain = tmp_path / "plain.pdf"
    plain.write_bytes(_pdf("no signature here"))
    assert cli.main(["verify", str(plain)]) == 2
    assert capsys.readouterr().out.startswith("Unsigned:")


def test_the_file_type_comes_from_its_bytes_not_its_name(org, capsys) -> None:
    disguised = org["dir"] / "packet.hrdesk"
    shutil.copy(org["packet"], disguised)
    assert cli.main(["verify", str(disguised)]) == 0
    assert capsys.readouterr().out.startswith("Valid:")
    vault_as_pdf = org["dir"] / "vault.pdf"
    shutil.copy(org["vault"], vault_as_pdf)
    assert cli.main(["verify", str(vault_as_pdf), "--passphrase-file", str(org["dir"] / "pw")]) == 0
    assert "Every record and setting passes its integrity check." in capsys.readouterr().out


def test_verifying_a_vault_works_as_before(org, capsys) -> None:
    assert cli.main(["verify", str(org["vault"]), "--passphrase-file", str(org["dir"] / "pw")]) == 0
    out = capsys.readouterr().out
    assert "Every record and setting passes its integrity check." in out
    assert cli.main(["verify", str(org["vault"]), "--fingerprint", str(org["fingerprint"])]) == 2
    assert "are for checking audit packets" in capsys.readouterr().err


def test_a_missing_packet_is_a_clear_error(tmp_path: Path, capsys) -> None:
    assert cli.main(["verify", str(tmp_path / "nowhere.pdf")]) == 2
    assert "There is no readable file" in capsys.readouterr().err


def test_with_the_vault_the_organisations_own_packet_is_valid(org, capsys) -> None:
    args = ["verify", str(org["packet"]), "--vault", str(org["vault"]), "--passphrase-file", str(org["dir"] / "pw")]
    assert cli.main(args) == 0
    assert "organisation's own signing key" in capsys.readouterr().out


def test_an_auditor_account_can_check_a_packet_against_the_vault(org, capsys) -> None:
    args = ["verify", str(org["packet"]), "--vault", str(org["vault"]), "--user", "Ada Auditor",
            "--passphrase-file", str(org["dir"] / "auditor-pw")]
    assert cli.main(args) == 0


def test_a_packet_signed_by_another_key_fails_against_the_vault_and_the_fingerprint(org, capsys) -> None:
    forged = org["dir"] / "forged.pdf"
    forged.write_bytes(sign_with_key(Ed25519PrivateKey.generate(), _pdf("Governance: 6 of 6 steps signed"),
                                     organisation="Acme Ltd"))
    assert cli.main(["verify", str(forged)]) == 0  # intact by its own embedded key...
    capsys.readouterr()
    args = ["verify", str(forged), "--vault", str(org["vault"]), "--passphrase-file", str(org["dir"] / "pw")]
    assert cli.main(args) == 1  # ...but not the organisation's
    out = capsys.readouterr().out
    assert out.startswith("Not signed by this organisation") and str(org["fingerprint"]) in out
    assert cli.main(["verify", str(forged), "--fingerprint", str(org["fingerprint"])]) == 1
    assert cli.main(["verify", str(org["packet"]), "--fingerprint", str(org["fingerprint"])]) == 0


def test_a_vault_that_never_signed_cannot_vouch_for_a_packet(org, tmp_path: Path, capsys) -> None:
    other = tmp_path / "other.hrdesk"
    Session.create(other, org_name="Other Org", admin_name="Olga HR", passphrase=PASSPHRASE,
                   kdf=KdfParams.fast_for_tests())[0].close(backup=False)
    args = ["verify", str(org["packet"]), "--vault", str(other), "--passphrase-file", str(org["dir"] / "pw")]
    assert cli.main(args) == 1
    assert "has never signed a packet" in capsys.readouterr().out


def test_a_mistyped_fingerprint_is_a_clear_error(org, capsys) -> None:
    assert cli.main(["verify", str(org["packet"]), "--fingerprint", "SHA256:1234"]) == 2
    assert "is not a key fingerprint" in capsys.readouterr().err
