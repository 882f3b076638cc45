"""``hrdesk contest``: employees' contests as cases, from intake to the outcome letter (HR only).

    hrdesk contest VAULT add --employee ID --about suggestion|decision|data --subject TEXT --reason TEXT
                             [--received YYYY-MM-DD] [--due YYYY-MM-DD] [--ref REF] [--reviewer NAME]
    hrdesk contest VAULT list [--all] [--json]
    hrdesk contest VAULT show CASE [--json]
    hrdesk contest VAULT assign CASE --reviewer NAME
    hrdesk contest VAULT resolve CASE --outcome upheld|partly-upheld|not-upheld --reasons TEXT
                                 [--decided YYYY-MM-DD] [--set VALUE | --set FIELD=VALUE ...]
    hrdesk contest VAULT letter CASE --out DIR [--which ack|outcome]
    hrdesk contest VAULT reviewers [--json]

Every write is one transaction with its audit entry; a refusal (the deciding
manager as reviewer, a due date past the promised one, a correction the edit
rules refuse) exits 2 with the reason and changes nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hrdesk.commands.common import add_passphrase_args, add_vault_arg, existing_folder, iso_date, open_session_from_args
from hrdesk.errors import InvalidInputError

if TYPE_CHECKING:
    from hrdesk.contests.model import Contest
    from hrdesk.session import Session

ACTIONS = ("add", "list", "show", "assign", "resolve", "letter", "reviewers")
NEEDS_CASE = ("show", "assign", "resolve", "letter")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "contest",
        help="employees' contests of a suggestion, a decision or a data item: add, list, assign, resolve, letters",
        description="Handle an employee's contest as a case (C-0001, C-0002, ...): record it with the date it was "
        "received (the answer is due within the days promised in governance step 3), assign a reviewer (never the "
        "manager who decided), resolve it (an upheld data contest corrects the record through the normal edit "
        "rules), and write the acknowledgement and outcome letters. HR only.",
        epilog="Examples: hrdesk contest org.hrdesk add --employee 10007 --about decision --subject \"the 2026 "
        "rating\" --reason \"...\"; hrdesk contest org.hrdesk resolve C-0001 --outcome upheld --reasons \"...\" "
        "--set \"Production Technician II\"",
    )
    add_vault_arg(p)
    p.add_argument("action", choices=ACTIONS, metavar="add|list|show|assign|resolve|letter|reviewers",
                   help="what to do ('reviewers': who may be named as a case's reviewer)")
    p.add_argument("case", nargs="?", metavar="CASE", help="with show/assign/resolve/letter: the case number, e.g. C-0001")
    add = p.add_argument_group("add")
    add.add_argument("--employee", metavar="ID", help="the employee's id from the HR system")
    add.add_argument("--about", choices=("suggestion", "decision", "data"), help="what is contested")
    add.add_argument("--subject", metavar="TEXT", help="what is contested, in words (it appears in the letters)")
    add.add_argument("--reason", metavar="TEXT", help="the employee's reason, in their words")
    add.add_argument("--received", type=iso_date, metavar="YYYY-MM-DD", help="when the contest reached HR (default: today)")
    add.add_argument("--due", type=iso_date, metavar="YYYY-MM-DD",
                     help="when the answer is due (default: received + the days promised in governance step 3; "
                     "required until step 3 is set)")
    add.add_argument("--ref", metavar="REF", default="",
                     help="data: the field contested (department, position, employment_status, termination_date); "
                     "decision: the review it was made in (its cycle name, e.g. '2026 annual', or its id); "
                     "suggestion: the decision on it (retention, development, wellbeing, or its id). The manager "
                     "recorded there decided; without one, the employee's team manager")
    p.add_argument("--reviewer", metavar="NAME", default="",
                   help="with add/assign: who reviews the case: an HR user or a manager the vault knows (see "
                   "'reviewers'; 'Last, First' matches too), never the manager who decided")
    res = p.add_argument_group("resolve")
    res.add_argument("--outcome", metavar="OUTCOME", help="upheld, partly-upheld or not-upheld")
    res.add_argument("--reasons", metavar="TEXT", help="the reasons for the outcome (they appear in the letter)")
    res.add_argument("--decided", type=iso_date, metavar="YYYY-MM-DD", help="when it was decided (default: today)")
    res.add_argument("--set", dest="corrections", action="append", default=[], metavar="VALUE|FIELD=VALUE",
                     help="an upheld data contest: the corrected value of the contested field (or FIELD=VALUE, "
                     "repeatable, e.g. employment_status and termination_date together)")
    p.add_argument("--all", action="store_true", help="with list: decided cases too (default: open cases)")
    p.add_argument("--out", type=Path, metavar="DIR", help="with letter: an existing folder to write the PDFs into "
                   "(named with the case, the person's name and id; a file already there is never replaced)")
    p.add_argument("--which", choices=("ack", "outcome"), default="",
                   help="with letter: only the acknowledgement or only the outcome (default: every letter the case has)")
    p.add_argument("--json", action="store_true", help="with list/show/reviewers: print JSON")
    add_passphrase_args(p, hr_only=True)
    p.set_defaults(handler=cmd_contest)


def cmd_contest(args: argparse.Namespace) -> int:
    _check_args(args)
    with open_session_from_args(args) as session:
        return {"add": _add, "list": _list, "show": _show, "assign": _assign, "resolve": _resolve,
                "letter": _letter, "reviewers": _reviewers}[args.action](session, args)


def _check_args(args: argparse.Namespace) -> None:
    """Refuse a malformed command before the vault is opened (nothing read, nothing written)."""
    if args.action in NEEDS_CASE and not args.case:
        raise InvalidInputError(f"Say which case: 'hrdesk contest VAULT {args.action} C-0001'.")
    if args.action == "add":
        missing = [flag for flag, value in (("--employee ID", args.employee), ("--about suggestion|decision|data", args.about),
                                            ("--subject TEXT", args.subject), ("--reason TEXT", args.reason)) if not value]
        if missing:
            raise InvalidInputError("A contest needs " + ", ".join(missing) + ".", hint="Nothing was saved.")
    if args.action == "assign" and not args.reviewer.strip():
        raise InvalidInputError("Say who reviews the case: --reviewer NAME.")
    if args.action == "resolve" and not (args.outcome and args.reasons):
        raise InvalidInputError("Resolving needs --outcome upheld|partly-upheld|not-upheld and --reasons TEXT.",
                                hint="Nothing was changed.")
    if args.action == "letter" and args.out is None:
        raise InvalidInputError("Say where to write the letters with --out DIR.")
    if args.action == "letter":
        existing_folder(args.out)


def _add(session: "Session", args: argparse.Namespace) -> int:
    from hrdesk.contests.cases import NewContest, parse_subject

    new = NewContest(employee_id=args.employee, subject_kind=parse_subject(args.about), subject=args.subject,
                     employee_reason=args.reason, received_on=args.received or dt.date.today(), subject_ref=args.ref,
                     due_on=args.due, reviewer=args.reviewer)
    contest = session.add_contest(new).result
    print(f"Recorded contest {contest.id} from employee {contest.employee_id}: the answer is due by "
          f"{contest.due_on.isoformat()}.")
    if contest.reviewer:
        print(f"Reviewer: {contest.reviewer}. Write the acknowledgement: hrdesk contest VAULT letter {contest.id} --out DIR")
    else:
        print(f"Next: assign a reviewer (not {contest.decided_by or 'the manager who decided'}): "
              f"hrdesk contest VAULT assign {contest.id} --reviewer NAME")
    return 0


def _assign(session: "Session", args: argparse.Namespace) -> int:
    contest = session.assign_contest_reviewer(args.case, args.reviewer).result
    print(f"{contest.reviewer} reviews contest {contest.id} (due by {contest.due_on.isoformat()}).")
    return 0


def _resolve(session: "Session", args: argparse.Namespace) -> int:
    from hrdesk.contests.cases import Resolution, parse_outcome
    from hrdesk.contests.service import read_one

    outcome = parse_outcome(args.outcome)
    case = read_one(session, args.case)
    resolution = Resolution(outcome, args.reasons, args.decided or dt.date.today(),
                            correction=_corrections(args.corrections, case.subject_ref))
    decided = session.resolve_contest(args.case, resolution).result
    print(f"Contest {decided.id}: {decided.outcome.value}, decided on {decided.decided_on} "
          f"({decided.response_days()} days after it was received).")
    for change in decided.changes:
        print(f"  {change}")
    print(f"Write the outcome letter: hrdesk contest VAULT letter {decided.id} --which outcome --out DIR")
    return 0


def _corrections(given: list[str], field: str) -> dict[str, str]:
    """``--set VALUE`` corrects the contested field; ``--set FIELD=VALUE`` names it."""
    from hrdesk.records.edit_rules import EDITABLE_FIELDS

    out: dict[str, str] = {}
    for text in given:
        name, sep, value = text.partition("=")
        key = name.strip().lower().replace(" ", "_")
        if sep and key in EDITABLE_FIELDS:
            out[key] = value.strip()
        elif sep and key.replace("_", "").isalpha():
            raise InvalidInputError(f"'{name.strip()}' in --set is not a field hrdesk can correct by hand.",
                                    hint="Fields: " + ", ".join(EDITABLE_FIELDS) + " (--set FIELD=VALUE), or give "
                                    "only the value (--set VALUE) to correct the contested field. Nothing was changed.")
        elif field:
            out[field] = text.strip()
        else:
            raise InvalidInputError(f"'{text}': this contest is not about a data item, so there is no field to set.",
                                    hint="Only an upheld data contest corrects the record.")
    return out


def _letter(session: "Session", args: argparse.Namespace) -> int:
    from hrdesk.commands.records_cmds import _TerminalProgress

    written = session.write_contest_letters(args.case, args.out, which=args.which, progress=_TerminalProgress())
    for result, path in zip(written.results, written.files):
        print(f"Wrote the {result.kind.label.lower()} of {written.contest.id} to {path}")
    print("Each letter is logged; mark them delivered with: hrdesk letters VAULT delivered --employee "
          f"{written.contest.employee_id} --type contest-ack|contest-outcome --channel email|paper|hand --date YYYY-MM-DD")
    return 0


def _reviewers(session: "Session", args: argparse.Namespace) -> int:
    from hrdesk.contests.service import reviewers

    people = reviewers(session)
    if args.json:
        print(json.dumps([{"name": p.name, "role": p.role} for p in people], indent=2, ensure_ascii=False))
        return 0
    print("Who may review a contest (never the manager who decided it, nor the employee):")
    for person in people:
        print(f"  {person.name} ({person.role})")
    return 0


def _list(session: "Session", args: argparse.Namespace) -> int:
    from hrdesk.contests.query import status_words  # here, not at the top: every hrdesk command builds this parser

    today = dt.date.today()
    found = session.contests()
    names = {e.employee_id: e.name for e in session.records().employees.list()}
    shown = found if args.all else [c for c in found if c.is_open]
    if args.json:
        print(json.dumps({"today": today.isoformat(), "open": sum(c.is_open for c in found),
                          "overdue": sum(c.is_overdue(today) for c in found),
                          "contests": [_as_json(c, names, today) for c in shown]}, indent=2, ensure_ascii=False))
        return 0
    overdue = sum(c.is_overdue(today) for c in found)
    print(f"Contests: {sum(c.is_open for c in found)} open ({overdue} overdue), "
          f"{sum(not c.is_open for c in found)} decided.")
    if not shown:
        print("  No open contests." if not args.all else "  No contests yet.")
    for c in shown:
        print(f"  {c.id}  {c.employee_id:<8} {names.get(c.employee_id, '')[:26]:<26} {c.subject_kind.value:<10} "
              f"received {c.received_on}  due {c.due_on}  {c.reviewer or '(no reviewer)':<22} {status_words(c, today)}")
    return 0


def _show(session: "Session", args: argparse.Namespace) -> int:
    from hrdesk.contests.query import status_words
    from hrdesk.contests.service import read_one

    today = dt.date.today()
    c = read_one(session, args.case)
    names = {e.employee_id: e.name for e in session.records().employees.list()}
    if args.json:
        print(json.dumps(_as_json(c, names, today), indent=2, ensure_ascii=False))
        return 0
    rows = [("Case", c.id), ("Employee", f"{names.get(c.employee_id, '')} ({c.employee_id})"),
            ("About", f"{c.subject_kind.value}: {c.subject}" + (f" [{c.subject_ref}]" if c.subject_ref else "")),
            ("Their reason", c.employee_reason), ("Received", c.received_on.isoformat()), ("Due", c.due_on.isoformat()),
            ("Decided by", c.decided_by or "(a data item: nobody decided)"), ("Reviewer", c.reviewer or "(none yet)"),
            ("Status", status_words(c, today))]
    if not c.is_open:
        rows += [("Reasons", c.reasons)] + [("Changed", change) for change in c.changes]
    for label, value in rows:
        print(f"{label + ':':<14}{value}")
    return 0


def _as_json(c: "Contest", names: dict[str, str], today: dt.date) -> dict[str, Any]:
    return {"id": c.id, "employee_id": c.employee_id, "employee_name": names.get(c.employee_id, ""),
            "subject_kind": c.subject_kind.value, "subject": c.subject, "subject_ref": c.subject_ref,
            "employee_reason": c.employee_reason, "received_on": c.received_on.isoformat(),
            "due_on": c.due_on.isoformat(), "reviewer": c.reviewer, "decided_by": c.decided_by,
            "outcome": c.outcome.value, "decided_on": c.decided_on.isoformat() if c.decided_on else None,
            "reasons": c.reasons, "changes": list(c.changes), "overdue": c.is_overdue(today),
            "days_overdue": max(0, (today - c.due_on).days) if c.is_open else 0,
            "response_days": c.response_days()}
