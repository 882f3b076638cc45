"""What every subcommand shares: where passphrases come from, and opening a session.

Every subcommand reaches the vault through a ``Session`` (the same door the
window uses): writes are session operations, a changed vault is backed up when
the session closes.

Passphrases never come from a plain argument (it would land in shell history
and in the process list): a prompt, ``--passphrase-file`` or ``HRDESK_PASSPHRASE``.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from typing import TYPE_CHECKING

from hrdesk.errors import InvalidInputError

if TYPE_CHECKING:
    from hrdesk.session import Session

ENV_PASSPHRASE = "HRDESK_PASSPHRASE"


def add_vault_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("vault", type=Path, help="the vault file (*.hrdesk)")


def add_passphrase_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--passphrase-file",
        type=Path,
        metavar="FILE",
        help=f"read the passphrase from the first line of FILE (else ${ENV_PASSPHRASE}, else a prompt)",
    )


def _from_file(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InvalidInputError(f"Cannot read the passphrase file '{path}': {exc.strerror}.") from None
    line = text.splitlines()[0] if text else ""
    if not line:
        raise InvalidInputError(f"The passphrase file '{path}' is empty.")
    return line


def read_passphrase(args: argparse.Namespace, prompt: str = "Passphrase: ") -> str:
    if getattr(args, "passphrase_file", None):
        return _from_file(args.passphrase_file)
    if os.environ.get(ENV_PASSPHRASE):
        return os.environ[ENV_PASSPHRASE]
    if not sys.stdin.isatty():
        raise InvalidInputError(
            "No passphrase given.", hint=f"Use --passphrase-file FILE or set {ENV_PASSPHRASE} when not at a terminal."
        )
    return getpass.getpass(prompt)


def read_new_passphrase(args: argparse.Namespace, prompt: str = "New passphrase: ") -> str:
    """A passphrase being set: from a file/environment as is, or typed twice at a prompt."""
    if getattr(args, "passphrase_file", None) or os.environ.get(ENV_PASSPHRASE) or not sys.stdin.isatty():
        return read_passphrase(args)
    first = getpass.getpass(prompt)
    if getpass.getpass("Repeat it: ") != first:
        raise InvalidInputError("The two passphrases differ. Nothing was changed.")
    return first


def open_session_from_args(args: argparse.Namespace) -> "Session":
    """Unlock the vault named on the command line, as its user."""
    from hrdesk.session import Session

    return Session.open(args.vault, read_passphrase(args))
