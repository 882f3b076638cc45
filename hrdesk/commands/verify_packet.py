"""``hrdesk verify PACKET.pdf``: valid / altered / unsigned (exit 0 / 1 / 2), no passphrase needed.

``--vault VAULT`` or ``--fingerprint FP`` also checks that the key which
signed the packet is the organisation's: a packet re-signed with someone
else's key is intact by its own embedded key, and only this comparison
tells it apart.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from hrdesk.errors import InvalidInputError, PermissionDeniedError

EXIT_NOT_OURS = 1


def add_packet_verify_args(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--vault", type=Path, metavar="VAULT", dest="packet_vault",
                       help="for a packet: also check it was signed by this vault's key (needs its passphrase; "
                            "an HR or auditor account)")
    group.add_argument("--fingerprint", metavar="FP",
                       help="for a packet: also check it was signed by the key with this fingerprint "
                            "(as the organisation gave it to you, e.g. 'SHA256:1a2b 3c4d ...')")


def is_pdf(path: Path) -> bool:
    """Whether ``path`` holds a PDF, by its first bytes (never by its name)."""
    from hrdesk.packet.verify import PDF_MAGIC

    try:
        with open(path, "rb") as handle:
            head = handle.read(1024)
    except IsADirectoryError:
        return False
    except OSError:
        if path.suffix.lower() == ".pdf":
            raise InvalidInputError(f"There is no readable file at '{path}'.", hint="Check the path.") from None
        return False  # the vault check names the problem as it always has
    return PDF_MAGIC in head


def verify_packet_command(args: argparse.Namespace) -> int:
    from hrdesk.packet.verify import normalise_fingerprint, verify_packet_file

    expected = normalise_fingerprint(args.fingerprint) if getattr(args, "fingerprint", None) else ""
    vault = getattr(args, "packet_vault", None)
    if vault is not None:
        expected = _vault_fingerprint(args, vault)
        if not expected:
            return _never_signed(args, vault)
    verdict = verify_packet_file(args.file, expected_fingerprint=expected)
    print(verdict.sentence())
    return verdict.exit_code


def _vault_fingerprint(args: argparse.Namespace, path: Path) -> str:
    """The fingerprint of the vault's signing key ("" when it never signed a packet)."""
    from hrdesk.commands.common import read_passphrase
    from hrdesk.packet.signing import organisation_identity
    from hrdesk.session import Session

    session = Session.open(path, read_passphrase(args), user=getattr(args, "user", None))
    try:
        identity = session.read(organisation_identity)
    except PermissionDeniedError:
        raise PermissionDeniedError(
            "A manager's account cannot read the organisation's signing key.",
            hint="Use an HR or auditor account, or --fingerprint FP with the fingerprint the organisation gave you.",
        ) from None
    finally:
        session.close(backup=False)
    return identity.fingerprint if identity is not None else ""


def _never_signed(args: argparse.Namespace, vault: Path) -> int:
    from hrdesk.packet.verify import verify_packet_file

    verdict = verify_packet_file(args.file)
    if not verdict.ok:
        print(verdict.sentence())
        return verdict.exit_code
    print(f"Not signed by this organisation: the signature is intact (key {verdict.fingerprint}), but the vault "
          f"'{vault}' has never signed a packet, so this packet was not signed by it.")
    return EXIT_NOT_OURS
