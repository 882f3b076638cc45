"""The README's "verify without hrdesk" recipe (standard-library Python + openssl), run exactly as written there."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest
from signing_pdfs import make_pdf as _pdf
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from hrdesk.packet.signing import sign_pdf, sign_with_key, signing_identity
from hrdesk.session import Session
from hrdesk.vault import KdfParams

README = Path(__file__).resolve().parents[2] / "README.md"
SECTION = "## Checking an audit packet (anyone, without hrdesk)"


def _openssl_problem() -> str:
    """Why this machine cannot run the recipe ("" when it can)."""
    for tool in ("openssl", "bash", "tail", "sha256sum"):
        if shutil.which(tool) is None:
            return f"'{tool}' is not installed"
    helptext = subprocess.run(["openssl", "pkeyutl", "-help"], capture_output=True, text=True).stderr
    if "-rawin" not in helptext:
        return "this openssl has no 'pkeyutl -rawin' (OpenSSL 3.0 or newer is needed)"
    algorithms = subprocess.run(["openssl", "list", "-public-key-algorithms"], capture_output=True, text=True).stdout
    if "ED25519" not in algorithms.upper():
        return "this openssl has no Ed25519"
    return ""


pytestmark = pytest.mark.skipif(bool(_openssl_problem()), reason=_openssl_problem() or "openssl is usable")


def recipe() -> str:
    """The shell block of the README's section, verbatim."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index(SECTION):]
    section = section[:section.index("\n## ", 1)]
    blocks = re.findall(r"```bash\n(.*?)```", section, flags=re.S)
    assert len(blocks) == 1, "the README section should hold exactly one bash block: the recipe"
    return blocks[0]


def run_recipe(packet: bytes, folder: Path) -> subprocess.CompletedProcess[str]:
    folder.mkdir()
    (folder / "packet.pdf").write_bytes(packet)
    # `python3` in the recipe is this interpreter; the recipe itself imports only the standard library.
    bin_dir = folder / "bin"
    bin_dir.mkdir()
    (bin_dir / "python3").symlink_to(sys.executable)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    return subprocess.run(["bash", "-e", "-c", recipe()], cwd=folder, env=env, capture_output=True, text=True,
                          timeout=120)


@pytest.fixture
def packet_and_fingerprint(tmp_path: Path) -> tuple[bytes, str]:
    session, _ = Session.create(tmp_path / "acme.hrdesk", org_name="Acme Ltd", admin_name="Dana HR",
                                passphrase="correct horse battery staple", kdf=KdfParams.fast_for_tests())
    try:
        return sign_pdf(session.vault, _pdf("Contests: 4 received, 4 answered in time")), \
            signing_identity(session.vault).fingerprint
    finally:
        session.close(backup=False)


def _hex(fingerprint: str) -> str:
    return fingerprint.removeprefix("SHA256:").replace(" ", "")


def test_the_recipe_uses_only_the_standard_library() -> None:
    imports = re.findall(r"^(?:import|from) .*$", recipe(), flags=re.M)
    assert imports == ["import base64, re, sys"]


def test_the_recipe_verifies_a_signed_packet_and_prints_its_fingerprint(packet_and_fingerprint, tmp_path) -> None:
    packet, fingerprint = packet_and_fingerprint
    done = run_recipe(packet, tmp_path / "check")
    assert done.returncode == 0, done.stderr
    assert "Signature Verified Successfully" in done.stdout
    assert done.stdout.strip().splitlines()[-1].split()[0] == _hex(fingerprint)


def test_the_recipe_fails_on_one_changed_content_byte(packet_and_fingerprint, tmp_path) -> None:
    packet, _ = packet_and_fingerprint
    at = packet.index(b"4 received")
    done = run_recipe(packet[:at] + b"0" + packet[at + 1:], tmp_path / "check")
    assert done.returncode != 0
    assert "Signature Verified Successfully" not in done.stdout


def test_the_recipe_fails_on_an_appended_incremental_update(packet_and_fingerprint, tmp_path) -> None:
    packet, _ = packet_and_fingerprint
    writer = pypdf.PdfWriter(io.BytesIO(packet), incremental=True)
    writer.add_metadata({"/Title": "Edited after signing"})
    out = io.BytesIO()
    writer.write(out)
    done = run_recipe(out.getvalue(), tmp_path / "check")
    assert done.returncode != 0
    assert "something was added after it" in done.stderr


def test_the_recipe_fails_on_an_unsigned_pdf(tmp_path) -> None:
    done = run_recipe(_pdf("no signature"), tmp_path / "check")
    assert done.returncode != 0 and "No hrdesk signature" in done.stderr


def test_a_packet_signed_by_another_key_shows_another_fingerprint(packet_and_fingerprint, tmp_path) -> None:
    _, fingerprint = packet_and_fingerprint
    forged = sign_with_key(Ed25519PrivateKey.generate(), _pdf("Contests: none"), organisation="Acme Ltd")
    done = run_recipe(forged, tmp_path / "check")
    assert "Signature Verified Successfully" in done.stdout  # intact by its own key...
    assert done.stdout.strip().splitlines()[-1].split()[0] != _hex(fingerprint)  # ...which is not the organisation's
