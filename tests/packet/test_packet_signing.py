"""Signing audit packets: the vault's Ed25519 key, the appended block, and every way a packet can be changed."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pypdf
import pytest
import signing_pdfs
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from hrdesk.packet import signing
from hrdesk.packet.signing import SigningIdentity, sign_pdf, sign_with_key, signing_identity
from hrdesk.packet.verify import Status, fingerprint_of, normalise_fingerprint, verify_packet
from hrdesk.session import Kind, Session
from hrdesk.session.actions import is_registered
from hrdesk.vault import KdfParams

PASSPHRASE = "correct horse battery staple"
TEXT = "Decision register: 3 decisions, owner Dana HR"


def make_pdf(text: str = TEXT, *, compress: bool = False) -> bytes:
    return signing_pdfs.make_pdf(text, "Signed by hrdesk", compress=compress)


@pytest.fixture
def session(tmp_path: Path):
    s, _recovery = Session.create(tmp_path / "acme.hrdesk", org_name="Acme Ltd", admin_name="Dana HR",
                                  passphrase=PASSPHRASE, kdf=KdfParams.fast_for_tests())
    yield s
    s.close(backup=False)


@pytest.fixture
def signed(session: Session) -> bytes:
    return sign_pdf(session.vault, make_pdf())


# --- the key --------------------------------------------------------------------------


def test_the_key_is_made_once_logged_once_and_keeps_its_fingerprint(session: Session) -> None:
    first = signing_identity(session.vault)
    again = signing_identity(session.vault)
    assert first == again
    assert re.fullmatch(r"SHA256:[0-9a-f]{4}( [0-9a-f]{4}){15}", first.fingerprint)
    assert first.public_key_pem.startswith(b"-----BEGIN PUBLIC KEY-----\n")
    created = [e for e in session.vault.audit_entries() if e.action == signing.KEY_CREATED]
    assert len(created) == 1 and created[0].details["fingerprint"] == first.fingerprint
    assert is_registered(signing.KEY_CREATED)


def test_the_key_is_made_in_the_callers_transaction_and_rolls_back_with_it(session: Session) -> None:
    class Abort(Exception):
        pass

    with pytest.raises(Abort), session.vault.transaction():
        signing_identity(session.vault)
        raise Abort
    assert session.vault.meta_get(signing.PRIVATE_META, None) is None
    assert not [e for e in session.vault.audit_entries() if e.action == signing.KEY_CREATED]


def test_made_through_a_session_operation_the_changes_name_the_keys(session: Session) -> None:
    outcome = session.perform(signing_identity)
    assert isinstance(outcome.result, SigningIdentity)
    assert outcome.changes.touches(Kind.KEYS)


def test_the_private_key_is_never_in_the_file_in_plaintext(session: Session) -> None:
    signing_identity(session.vault)
    private = session.vault.meta_get(signing.PRIVATE_META)["private"]
    session.close(backup=False)
    data = (session.path).read_bytes()
    assert bytes.fromhex(private) not in data and private.encode() not in data


def test_packets_signed_before_and_after_a_key_rotation_both_verify_with_one_fingerprint(session: Session) -> None:
    before = sign_pdf(session.vault, make_pdf("before rotation"))
    fingerprint = signing_identity(session.vault).fingerprint
    session.rotate_keys("a brand new passphrase for the vault")
    after = sign_pdf(session.vault, make_pdf("after rotation"))
    assert signing_identity(session.vault).fingerprint == fingerprint
    for packet in (before, after):
        verdict = verify_packet(packet, expected_fingerprint=fingerprint)
        assert verdict.status is Status.VALID and verdict.fingerprint == fingerprint
    session.close(backup=False)
    reopened = Session.open(session.path, "a brand new passphrase for the vault")
    try:
        assert signing_identity(reopened.vault).fingerprint == fingerprint
    finally:
        reopened.close(backup=False)


# --- the signed PDF ----------------------------------------------------------------------


def test_a_signed_packet_verifies_and_says_who_signed_it_when_and_for_whom(session: Session, signed: bytes) -> None:
    verdict = verify_packet(signed)
    assert verdict.status is Status.VALID and verdict.exit_code == 0
    assert verdict.fingerprint == signing_identity(session.vault).fingerprint
    assert verdict.organisation == "Acme Ltd"
    sentence = verdict.sentence()
    assert "Valid" in sentence and "Acme Ltd" in sentence and verdict.fingerprint in sentence
    assert re.search(r"on \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC", sentence)


def test_the_signed_packet_still_reads_in_pypdf_and_renders_in_pdftoppm(signed: bytes, tmp_path: Path) -> None:
    reader = pypdf.PdfReader(io.BytesIO(signed), strict=True)
    assert TEXT in reader.pages[0].extract_text()
    assert reader.metadata.title == "Audit packet"
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    (tmp_path / "packet.pdf").write_bytes(signed)
    done = subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", "packet.pdf", "page"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stderr == ""  # poppler prints "Syntax Error" for a damaged file
    assert (tmp_path / "page-1.png").stat().st_size > 1000


def test_the_file_ends_as_a_pdf_must_with_the_block_inside_the_last_1024_bytes(signed: bytes) -> None:
    pdf_end = signed.index(b"%hrdesk-packet-signature")
    assert signed.endswith(b"\n%%EOF\n") and len(signed) - pdf_end < 1024
    original, repeated = re.findall(rb"startxref\s+(\d+)\s+%%EOF", signed)
    assert original == repeated


def test_a_long_or_strange_organisation_name_still_fits_and_reads_back(tmp_path: Path) -> None:
    key = Ed25519PrivateKey.generate()
    name = 'Ökonomie "Süd" \u5c71\u7530\n%%EOF\x1b[31m ' * 40
    packet = sign_with_key(key, make_pdf(), organisation=name)
    verdict = verify_packet(packet)
    assert verdict.status is Status.VALID
    assert verdict.organisation.endswith("...") and name.startswith(verdict.organisation[:-3])
    assert len(packet) - packet.index(b"%hrdesk-packet-signature") < 1024
    assert packet.count(b"%%EOF") == 2  # the name cannot end the file early


def test_only_a_finished_unsigned_pdf_can_be_signed(signed: bytes, session: Session) -> None:
    from hrdesk.errors import BugError

    with pytest.raises(BugError):
        sign_pdf(session.vault, signed)
    with pytest.raises(BugError):
        sign_pdf(session.vault, b"not a pdf")


def test_only_hr_signs(session: Session, tmp_path: Path) -> None:
    from hrdesk.errors import PermissionDeniedError

    signing_identity(session.vault)
    session.add_user("Ada Auditor", "auditor", "an auditor passphrase that is long", kdf=KdfParams.fast_for_tests())
    session.close(backup=False)
    auditor = Session.open(session.path, "an auditor passphrase that is long", user="Ada Auditor")
    try:
        with pytest.raises(PermissionDeniedError):
            sign_pdf(auditor.vault, make_pdf())
        assert signing.organisation_identity(auditor.vault) is not None  # may compare, not sign
    finally:
        auditor.close(backup=False)


# --- tampering ------------------------------------------------------------------------------


def test_one_changed_byte_in_a_content_stream_is_altered(signed: bytes) -> None:
    at = signed.index(b"(Decision register")
    tampered = signed[:at + 1] + b"d" + signed[at + 2:]
    assert len(tampered) == len(signed)
    assert pypdf.PdfReader(io.BytesIO(tampered)).pages[0].extract_text().startswith("decision register")
    verdict = verify_packet(tampered)
    assert verdict.status is Status.ALTERED and verdict.exit_code == 1
    assert "signature does not match" in verdict.sentence()


def test_one_changed_byte_in_a_compressed_content_stream_is_altered(session: Session) -> None:
    packet = sign_pdf(session.vault, make_pdf(compress=True))
    start = packet.index(b"stream", packet.index(b"/FlateDecode")) + 8
    tampered = packet[:start + 5] + bytes([packet[start + 5] ^ 0x01]) + packet[start + 6:]
    assert verify_packet(tampered).status is Status.ALTERED


@pytest.mark.parametrize("line, replacement", [
    (b"%Organisation: ", b'%Organisation: "Other Org"'),
    (b"%Signed-at: ", b"%Signed-at: 2020-01-01T00:00:00Z"),
    (b"%PDF-bytes: ", b"%PDF-bytes: 1"),
    (b"%Signature: ", b"%Signature: " + b"A" * 86 + b"=="),
])
def test_a_changed_statement_in_the_block_is_altered(signed: bytes, line: bytes, replacement: bytes) -> None:
    start = signed.index(line)
    end = signed.index(b"\n", start)
    assert verify_packet(signed[:start] + replacement + signed[end:]).status is Status.ALTERED


def test_a_substituted_public_key_with_the_old_signature_is_altered(signed: bytes) -> None:
    other = Ed25519PrivateKey.generate()
    forged = sign_with_key(other, make_pdf(), organisation="Acme Ltd")
    key_line = re.search(rb"%Public-key: .*\n", forged)[0]
    fp_line = re.search(rb"%Key-fingerprint: .*\n", forged)[0]
    swapped = re.sub(rb"%Public-key: .*\n", key_line, signed)
    assert verify_packet(swapped).status is Status.ALTERED  # the stated fingerprint no longer fits the key
    swapped = re.sub(rb"%Key-fingerprint: .*\n", fp_line, swapped)
    assert verify_packet(swapped).status is Status.ALTERED  # the signature was not made by that key


def test_an_appended_incremental_update_is_altered(signed: bytes) -> None:
    writer = pypdf.PdfWriter(io.BytesIO(signed), incremental=True)
    writer.add_metadata({"/Title": "Edited after signing"})
    out = io.BytesIO()
    writer.write(out)
    updated = out.getvalue()
    assert updated.startswith(signed) and len(updated) > len(signed)
    assert pypdf.PdfReader(io.BytesIO(updated)).metadata.title == "Edited after signing"
    verdict = verify_packet(updated)
    assert verdict.status is Status.ALTERED
    assert "added after the signature" in verdict.sentence()


def test_appending_a_copy_of_the_signature_block_after_an_update_is_altered(signed: bytes) -> None:
    block = signed[signed.index(b"%hrdesk-packet-signature"):]
    writer = pypdf.PdfWriter(io.BytesIO(signed), incremental=True)
    writer.add_metadata({"/Title": "Edited after signing"})
    out = io.BytesIO()
    writer.write(out)
    assert verify_packet(out.getvalue() + block).status is Status.ALTERED


def test_a_pdf_resaved_with_edited_text_is_unsigned(signed: bytes) -> None:
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(signed)))
    content = writer.pages[0]["/Contents"].get_object()
    content.set_data(content.get_data().replace(b"3 decisions", b"0 decisions"))
    out = io.BytesIO()
    writer.write(out)
    edited = out.getvalue()
    assert "0 decisions" in pypdf.PdfReader(io.BytesIO(edited)).pages[0].extract_text()
    verdict = verify_packet(edited)
    assert verdict.status is Status.UNSIGNED and verdict.exit_code == 2


def test_a_truncated_packet_is_not_valid(signed: bytes) -> None:
    assert verify_packet(signed[:-10]).status is Status.ALTERED
    assert verify_packet(signed[:len(signed) // 2]).status is Status.UNSIGNED


def test_an_unsigned_pdf_is_unsigned_and_not_a_pdf_is_unsigned_too() -> None:
    assert verify_packet(make_pdf()).status is Status.UNSIGNED
    verdict = verify_packet(b"PK\x03\x04 a zip file")
    assert verdict.status is Status.UNSIGNED and "not a PDF" in verdict.sentence()


# --- whose key ------------------------------------------------------------------------------


def test_a_packet_signed_by_another_key_is_valid_alone_but_not_the_organisations(session: Session) -> None:
    ours = signing_identity(session.vault).fingerprint
    forged = sign_with_key(Ed25519PrivateKey.generate(), make_pdf("0 contests"), organisation="Acme Ltd")
    alone = verify_packet(forged)
    assert alone.status is Status.VALID and alone.fingerprint != ours
    checked = verify_packet(forged, expected_fingerprint=ours)
    assert checked.status is Status.OTHER_KEY and checked.exit_code == 1
    assert ours in checked.sentence() and alone.fingerprint in checked.sentence()


def test_fingerprints_are_compared_however_they_are_typed(session: Session, signed: bytes) -> None:
    fingerprint = signing_identity(session.vault).fingerprint
    typed = fingerprint.removeprefix("SHA256:").replace(" ", "").upper()
    assert normalise_fingerprint(typed) == fingerprint
    assert verify_packet(signed, expected_fingerprint=typed).status is Status.VALID
    raw = Ed25519PrivateKey.generate().public_key().public_bytes_raw()
    assert fingerprint_of(raw) != fingerprint


def test_a_flipped_bit_anywhere_in_the_file_is_never_valid(signed: bytes) -> None:
    """The tamper matrix: one bit flipped in every byte of the PDF, and every bit of every byte of the block.

    (Every bit found the one byte that once slipped through: the signature's last base64 character
    carries unused bits, so 'g' and 'o' there decode to the same signature.)
    """
    block_start = signed.index(b"%hrdesk-packet-signature")
    still_valid = []
    for at in range(len(signed)):
        for bit in range(8) if at >= block_start else (2,):
            flipped = signed[:at] + bytes([signed[at] ^ (1 << bit)]) + signed[at + 1:]
            if verify_packet(flipped).status is Status.VALID:
                still_valid.append((at, bit))
    assert still_valid == [], f"{len(still_valid)} flipped bits went unnoticed, e.g. {still_valid[:3]}"


def test_another_spelling_of_the_same_signature_is_altered(signed: bytes) -> None:
    import base64

    line = re.search(rb"%Signature: (\S+)\n", signed)
    text = line[1]
    alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    other = alphabet[alphabet.index(text[85]) ^ 0x01]  # the lowest of the four bits that character does not use
    spelled = text[:85] + bytes([other]) + text[86:]
    assert base64.b64decode(spelled) == base64.b64decode(text)  # the same 64 bytes...
    verdict = verify_packet(signed[:line.start(1)] + spelled + signed[line.end(1):])
    assert verdict.status is Status.ALTERED and "encoding" in verdict.reason  # ...yet a changed file


def test_cut_short_at_any_length_is_never_valid(signed: bytes) -> None:
    assert all(verify_packet(signed[:n]).status is not Status.VALID for n in range(len(signed)))
