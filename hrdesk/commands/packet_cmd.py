"""``hrdesk packet``: write the signed PDF audit packet (HR only).

    hrdesk packet VAULT --out FILE.pdf [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--names] [--replace]

Employees are pseudonymised unless ``--names``; the choice is printed on the
cover and logged. An existing FILE.pdf is never replaced unless ``--replace``
(a packet is evidence somebody may already hold). Progress goes to stderr;
reportlab is imported only here.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from hrdesk.commands.common import add_passphrase_args, add_vault_arg, iso_date, open_session_from_args


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "packet",
        help="write the signed PDF audit packet for an auditor (HR only)",
        description="Write the PDF audit packet: governance and sign-offs, the decision register, rights and privacy, "
        "audits with charts, model cards, decisions, contests, training and letters, monitoring, and the audit log's "
        "integrity, with every table attached as JSON. Employees are pseudonymised unless --names. Signed with the "
        "vault's key: 'hrdesk verify FILE.pdf' checks it. An existing FILE.pdf is never replaced unless --replace.",
    )
    add_vault_arg(p)
    p.add_argument("--out", type=Path, required=True, metavar="FILE.pdf", help="where to write the packet, in an existing folder (a missing one is refused)")
    p.add_argument("--from", dest="period_from", type=iso_date, metavar="YYYY-MM-DD",
                   help="the first day of the period covered, today or earlier (default: the vault's first record); "
                   "--from alone covers that day to today")
    p.add_argument("--to", dest="period_to", type=iso_date, metavar="YYYY-MM-DD",
                   help="the last day of the period covered, today or earlier (default: today); --to alone covers "
                   "the vault's first record to that day. The cover prints both ends as dates")
    p.add_argument("--replace", action="store_true",
                   help="replace FILE.pdf if it exists (logged); without it an existing file is refused and kept")
    p.add_argument("--names", action="store_true",
                   help="show employees' names instead of per-packet pseudonyms (printed on the cover and logged)")
    add_passphrase_args(p, hr_only=True)
    p.set_defaults(handler=cmd_packet)


def _stderr_progress():  # type: ignore[no-untyped-def]
    """The import's terminal progress (a percentage redrawn on a terminal), with each phase named on stderr
    even when it is not a terminal (a script's log shows how far the packet got)."""
    from hrdesk.commands.records_cmds import _TerminalProgress

    class Phases(_TerminalProgress):
        def begin(self, label: str, total: int) -> None:
            if self._live and self._total:
                print(file=sys.stderr)
            super().begin(label, total)
            print(f"{label}…", file=sys.stderr, flush=True)

    return Phases()


def cmd_packet(args: argparse.Namespace) -> int:
    from hrdesk.packet.build import export_packet
    from hrdesk.packet.context import PacketOptions

    options = PacketOptions(args.period_from, args.period_to, args.names)
    with open_session_from_args(args) as session:
        result = export_packet(session, args.out, options, progress=_stderr_progress(), replace=args.replace)
    signed = f"signed, key fingerprint {result.fingerprint}" if result.signed else "NOT signed"
    print(f"Wrote the audit packet {result.path}: {result.pages} pages, {result.tables} tables attached as JSON, "
          f"{signed}.")
    if result.replaced:
        print("Replaced the earlier file of that name (--replace; the audit log records it).")
    print("Employees are shown by name (logged)." if args.names else "Employees are pseudonymised.")
    print(f"SHA-256 {result.sha256}")
    return 0
