"""``hrdesk packet``: write the signed PDF audit packet (HR only).

    hrdesk packet VAULT --out FILE.pdf [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--names]

Employees are pseudonymised unless ``--names``; the choice is printed on the
cover and logged. Progress goes to stderr; reportlab is imported only here.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from hrdesk.commands.common import add_passphrase_args, add_vault_arg, open_session_from_args


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "packet",
        help="write the signed PDF audit packet for an auditor (HR only)",
        description="Write the PDF audit packet: governance and sign-offs, the decision register, rights and privacy, "
        "audits with charts, model cards, decisions, contests, training and letters, monitoring, and the audit log's "
        "integrity, with every table attached as JSON. Employees are pseudonymised unless --names. Signed with the "
        "vault's key: 'hrdesk verify FILE.pdf' checks it.",
    )
    add_vault_arg(p)
    p.add_argument("--out", type=Path, required=True, metavar="FILE.pdf", help="where to write the packet")
    p.add_argument("--from", dest="period_from", type=_date, metavar="YYYY-MM-DD",
                   help="the first day of the period covered (default: the vault's first record)")
    p.add_argument("--to", dest="period_to", type=_date, metavar="YYYY-MM-DD",
                   help="the last day of the period covered (default: today)")
    p.add_argument("--names", action="store_true",
                   help="show employees' names instead of per-packet pseudonyms (printed on the cover and logged)")
    add_passphrase_args(p, hr_only=True)
    p.set_defaults(handler=cmd_packet)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date as YYYY-MM-DD") from None


class _StderrProgress:
    """Each phase on its own line on stderr; on a terminal, its percentage redrawn in place."""

    def __init__(self) -> None:
        self._label, self._total, self._done = "", 0, 0
        self._live = sys.stderr.isatty()

    def begin(self, label: str, total: int) -> None:
        if self._live and self._total:
            print(file=sys.stderr)
        self._label, self._total, self._done = label, total, 0
        print(f"{label}…", file=sys.stderr, flush=True)

    def advance(self, steps: int = 1) -> None:
        self._done += steps
        if self._live and self._total:
            print(f"\r  {100 * self._done // self._total}%", end="", file=sys.stderr, flush=True)

    def cancelled(self) -> bool:
        return False


def cmd_packet(args: argparse.Namespace) -> int:
    from hrdesk.packet.build import export_packet
    from hrdesk.packet.context import PacketOptions

    options = PacketOptions(args.period_from, args.period_to, args.names)
    with open_session_from_args(args) as session:
        result = export_packet(session, args.out, options, progress=_StderrProgress())
    signed = f"signed, key fingerprint {result.fingerprint}" if result.signed else "NOT signed"
    print(f"Wrote the audit packet {result.path}: {result.pages} pages, {result.tables} tables attached as JSON, "
          f"{signed}.")
    print("Employees are shown by name (logged)." if args.names else "Employees are pseudonymised.")
    print(f"SHA-256 {result.sha256}")
    return 0
