"""``hrdesk letters``: write letters to employees, mark them delivered, and see who lacks a current disclosure.

    hrdesk letters VAULT disclosure (--employee ID ... | --all | --team NAME) --out DIR [--merged]
    hrdesk letters VAULT own-data --employee ID --out DIR
    hrdesk letters VAULT review-summary --employee ID ... [--cycle NAME] --out DIR
    hrdesk letters VAULT delivered (--employee ID ... | --all) --channel email|paper|hand --date YYYY-MM-DD
    hrdesk letters VAULT status [--json]

reportlab is imported only when letters are written.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from hrdesk.commands.common import add_passphrase_args, add_vault_arg, existing_folder, iso_date, open_session_from_args

TYPES = ("disclosure", "own-data", "contest-ack", "contest-outcome", "review-summary")
ACTIONS = (*TYPES, "delivered", "status")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "letters",
        help="write letters to employees (AI-use disclosure, own data), mark them delivered, show who lacks one",
        description="Write letters to employees as PDFs (one per person, or one merged file), mark them delivered, "
        "or show who has a current, a stale or no AI-use disclosure. Every letter written is logged in the vault.",
    )
    add_vault_arg(p)
    p.add_argument("what", choices=ACTIONS, metavar="TYPE|delivered|status",
                   help="a letter type (" + ", ".join(TYPES) + "), 'delivered' or 'status'")
    p.add_argument("--employee", action="append", default=[], metavar="ID", help="an employee id from the HR system (repeatable)")
    p.add_argument("--all", action="store_true", help="every current employee")
    p.add_argument("--team", metavar="NAME", help="the team of this manager")
    p.add_argument("--out", type=Path, metavar="DIR",
                   help="an existing folder to write the PDFs into (one file per letter, named with the person's "
                   "name and id; a file already there is never replaced)")
    p.add_argument("--merged", action="store_true", help="write one PDF holding every letter")
    p.add_argument("--cycle", metavar="NAME", help="with 'review-summary': the review cycle (default: the latest review)")
    p.add_argument("--channel", choices=("email", "paper", "hand"), help="how the letters were delivered")
    p.add_argument("--date", type=iso_date, metavar="YYYY-MM-DD", help="when the letters were delivered")
    p.add_argument("--type", dest="letter_type", choices=TYPES, default="disclosure",
                   help="with 'delivered': which letters (default: disclosure)")
    p.add_argument("--json", action="store_true", help="with 'status': print JSON")
    add_passphrase_args(p, hr_only=True)
    p.set_defaults(handler=cmd_letters)


def cmd_letters(args: argparse.Namespace) -> int:
    if args.what == "status":
        return _status(args)
    if args.what == "delivered":
        return _delivered(args)
    return _write(args)


def _write(args: argparse.Namespace) -> int:
    from hrdesk.commands.records_cmds import _TerminalProgress
    from hrdesk.errors import InvalidInputError
    from hrdesk.letters.kinds import FROM_RECORDS, LetterType, parse_type

    kind = parse_type(args.what)
    if kind is LetterType.REVIEW_SUMMARY:
        return _write_review_summaries(args)
    if kind not in FROM_RECORDS:
        raise InvalidInputError(f"{kind.label} letters are written from a contest or a review session, not from the records alone.",
                                hint="A contest's letters: hrdesk contest VAULT letter C-0001 --out DIR. Nothing was written.")
    if args.out is None:
        raise InvalidInputError("Say where to write the letters with --out DIR.")
    if sum(bool(x) for x in (args.employee, args.all, args.team)) != 1:
        raise InvalidInputError("Choose the recipients one way: --employee ID (repeatable), --all, or --team NAME.")
    existing_folder(args.out)
    with open_session_from_args(args) as session:
        result = session.generate_letters(kind, args.out, employee_ids=args.employee, everyone=args.all, team=args.team,
                                          merged=args.merged, progress=_TerminalProgress()).result
    count = len(result.employees)
    print(f"Wrote {count} {kind.label} letter{'s' if count != 1 else ''} into {len(result.files)} "
          f"file{'s' if len(result.files) != 1 else ''} in {args.out} (template {result.template}, version {result.template_version}).")
    print("Each letter is logged; mark them delivered with: hrdesk letters VAULT delivered --employee ID|--all "
          "--channel email|paper|hand --date YYYY-MM-DD")
    return 0


def _write_review_summaries(args: argparse.Namespace) -> int:
    """Review summaries are written from saved reviews (hrdesk.reviews), one per person named."""
    from hrdesk.errors import InvalidInputError
    from hrdesk.letters.kinds import LetterType
    from hrdesk.reviews.letter import latest_summaries

    if args.out is None:
        raise InvalidInputError("Say where to write the letters with --out DIR.")
    if not args.employee or args.all or args.team:
        raise InvalidInputError("A review summary is written for someone whose review was saved: --employee ID "
                                "(repeatable), with --cycle NAME for a cycle other than their latest review.")
    existing_folder(args.out)
    with open_session_from_args(args) as session:
        contracts = session.read(lambda vault: latest_summaries(vault, args.employee, cycle=args.cycle))
        result = session.generate_letters(LetterType.REVIEW_SUMMARY, args.out, contracts=contracts,
                                          merged=args.merged).result
    print(f"Wrote {len(result.employees)} review summary letter(s) into {len(result.files)} file(s) in {args.out}.")
    return 0


def _delivered(args: argparse.Namespace) -> int:
    from hrdesk.errors import InvalidInputError
    from hrdesk.letters.kinds import parse_type

    if bool(args.employee) == bool(args.all):
        raise InvalidInputError("Say whose letters were delivered: --employee ID (repeatable) or --all.")
    if args.channel is None or args.date is None:
        raise InvalidInputError("Say how and when: --channel email|paper|hand --date YYYY-MM-DD.")
    kind = parse_type(args.letter_type)
    with open_session_from_args(args) as session:
        count = session.mark_letters_delivered(None if args.all else args.employee, channel=args.channel, on=args.date,
                                               kind=kind).result
    print(f"Marked {count} {kind.label} letter{'s' if count != 1 else ''} delivered by {args.channel} on {args.date.isoformat()}.")
    return 0


def _status(args: argparse.Namespace) -> int:
    with open_session_from_args(args) as session:
        summary = session.letter_status()
    if args.json:
        print(json.dumps({
            "current": summary.current, "stale": summary.stale, "none": summary.missing,
            "current_undelivered": summary.undelivered,
            "people": [{"employee_id": p.hris_id, "name": p.name, "manager": p.manager, "state": p.state.value,
                        "reason": p.reason, "generated_at": p.letter.generated_at if p.letter else None,
                        "delivered_on": (p.letter.delivered_on or None) if p.letter else None,
                        "channel": (p.letter.channel or None) if p.letter else None} for p in summary.people],
        }, indent=2, ensure_ascii=False))
        return 0
    print(f"AI-use disclosures: {summary.current} current ({summary.undelivered} not yet marked delivered), "
          f"{summary.stale} stale, {summary.missing} with none.")
    for person in summary.people:
        if person.state.value != "current":
            print(f"  {person.hris_id:<10} {person.name:<30} {person.state.value:<6} {person.reason}")
    return 0
