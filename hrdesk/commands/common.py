"""What every subcommand shares: where passphrases come from, and opening a session.

Every subcommand reaches the vault through a ``Session`` (the same door the
window uses): writes are session operations, a changed vault is backed up when
the session closes.

Passphrases never come from a plain argument (it would land in shell history
and in the process list): a prompt, ``--passphrase-file`` or ``HRDESK_PASSPHRASE``.

Everything the command prints goes through ``safe_console``: names and cells
come from other people's files, so a control character in them (a terminal
escape, the right-to-left override, a bell) is shown as ``\\uXXXX`` instead of
acting on the terminal, and a character the console cannot encode (a CJK
name on a cp1252 Windows console) is escaped instead of crashing the command
after its work is done.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import getpass
import io
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from typing import TYPE_CHECKING

from hrdesk.errors import InvalidInputError

if TYPE_CHECKING:
    from hrdesk.session import Session

ENV_PASSPHRASE = "HRDESK_PASSPHRASE"


# C0 and C1 controls (not tab or newline), DEL, bidirectional controls, line/paragraph separators
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def printable(text: str) -> str:
    """``text`` with every character that would act on a terminal shown as ``\\uXXXX`` (valid inside JSON strings too)."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class SafeStream(io.TextIOBase):
    """A text stream that escapes control characters and what its console cannot encode, then writes through."""

    def __init__(self, target: TextIO) -> None:
        self.target = target
        self._encoding = getattr(target, "encoding", None) or "utf-8"

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self._encoding

    def write(self, text: str) -> int:
        # A carriage return that starts a write is a progress line redrawing itself; any other is data.
        lead = "\r" if text.startswith("\r") else ""
        safe = lead + printable(text[len(lead):])
        try:
            safe.encode(self._encoding)
        except (UnicodeEncodeError, LookupError):
            safe = safe.encode(self._encoding, "backslashreplace").decode(self._encoding, "replace")
        self.target.write(safe)
        return len(text)

    def flush(self) -> None:
        self.target.flush()

    def isatty(self) -> bool:
        return self.target.isatty()

    def fileno(self) -> int:
        return self.target.fileno()


@contextlib.contextmanager
def safe_console() -> Iterator[None]:
    """While inside, ``print`` to stdout or stderr cannot crash on encoding or leak control characters."""
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeStream(sys.stdout), SafeStream(sys.stderr)  # type: ignore[assignment]
    try:
        yield
        sys.stdout.flush()  # a closed pipe shows here, inside, where the caller handles it
    finally:
        sys.stdout, sys.stderr = saved


def add_vault_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("vault", type=Path, help="the vault file (*.hrdesk)")


def add_passphrase_args(parser: argparse.ArgumentParser, *, hr_only: bool = False, user: bool = True) -> None:
    """The passphrase options, and ``--user NAME`` for commands that open a vault.

    ``hr_only``: a manager or auditor running the command is refused (exit 2),
    nothing is changed, and the attempt is logged in the vault.
    """
    parser.add_argument(
        "--passphrase-file",
        type=Path,
        metavar="FILE",
        help=f"read the passphrase from the first line of FILE (else ${ENV_PASSPHRASE}, else a prompt)",
    )
    if user:
        parser.add_argument("--user", metavar="NAME", default=None,
                            help="sign in as this user (default: the vault's HR user)")
    parser.set_defaults(hr_only=hr_only, hr_only_what=f"run 'hrdesk {parser.prog.split()[-1]}'")


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

    path = getattr(args, "vault", None) or args.file
    session = Session.open(path, read_passphrase(args), user=getattr(args, "user", None))
    try:
        if session.failed_attempts:
            print(f"Note: {session.failed_attempts_message()}", file=sys.stderr)
        if getattr(args, "hr_only", False):
            action = getattr(args, "action", None)
            command = " ".join(w for w in (getattr(args, "command", None), action if isinstance(action, str) else None) if w)
            session.require_hr(args.hr_only_what, command)
    except BaseException:
        session.close(backup=False)
        raise
    return session


def iso_date(text: str) -> dt.date:
    """An argparse type: a date written YYYY-MM-DD, refused with the expected form otherwise."""
    from hrdesk.records.dates import parse_iso_day

    try:
        return parse_iso_day(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date as YYYY-MM-DD") from None


def existing_folder(folder: Path, *, option: str = "--out", what: str = "the letters") -> Path:
    """``--out DIR`` (or ``--csv DIR``): a folder that exists. A mistyped one is refused, never created, so files
    full of personal data never land where nobody meant; every command that writes into a folder (letters, contest
    letters, the packet, the data-access export, the audit's CSV tables) refuses a missing one the same way."""
    if folder.is_file():
        raise InvalidInputError(f"'{folder}' is a file, not a folder.",
                                hint=f"Give the folder to write {what} into ({option} DIR); nothing was written.")
    if not folder.is_dir():
        raise InvalidInputError(f"The folder '{folder}' does not exist.",
                                hint=f"Create it first, or choose another {option} DIR; nothing was written.")
    return folder
