"""``hrdesk suggest``: train the suggestion model, list current suggestions, explain one, show the model card.

    hrdesk suggest VAULT train [--type retention]
    hrdesk suggest VAULT list [--json]
    hrdesk suggest VAULT explain EMPLOYEE_ID [--json]
    hrdesk suggest VAULT card [--json]

Before go-live ``list`` prints only the reason (exit 0) and ``explain`` refuses (exit 2).
"""

from __future__ import annotations

import argparse
from dataclasses import asdict

from hrdesk.commands.common import add_passphrase_args, add_vault_arg, open_session_from_args

ACTIONS = ("train", "list", "explain", "card")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "suggest",
        help="AI suggestions: train the model, list suggestions, explain one, show the model card",
        description="Train the retention-risk model on the vault's history (with its model card), list the "
        "suggestions governance allows, explain one employee's suggestion exactly, or show the model card.",
    )
    add_vault_arg(p)
    p.add_argument("what", choices=ACTIONS, help="train, list, explain or card")
    p.add_argument("employee", nargs="?", metavar="EMPLOYEE_ID", help="with 'explain': the HR system's employee id")
    p.add_argument("--type", dest="kind", default="retention", choices=("retention", "development", "wellbeing"),
                   help="with 'train': which model (only 'retention' learns from history)")
    p.add_argument("--json", action="store_true", help="print JSON")
    add_passphrase_args(p)
    p.set_defaults(handler=cmd_suggest)


def cmd_suggest(args: argparse.Namespace) -> int:
    from hrdesk.errors import InvalidInputError

    if args.what == "explain" and not args.employee:
        raise InvalidInputError("Say whose suggestion to explain: hrdesk suggest VAULT explain EMPLOYEE_ID")
    with open_session_from_args(args) as session:
        return {"train": _train, "list": _list, "explain": _explain, "card": _card}[args.what](session, args)


def _train(session, args: argparse.Namespace) -> int:
    from hrdesk.commands.records_cmds import _TerminalProgress
    from hrdesk.suggest.card_text import card_summary
    from hrdesk.suggest.service import train

    result = train(session, kind=args.kind, progress=_TerminalProgress())
    if args.json:
        _dump(result.card)
    else:
        print(card_summary(result.card))
    return 0


def _list(session, args: argparse.Namespace) -> int:
    from hrdesk.suggest.service import current_suggestions, manager_of

    manager = manager_of(session)
    found = session.read(lambda vault: current_suggestions(vault, manager=manager))
    if args.json:
        _dump({"live": found.live, "reason": found.reason, "notes": list(found.notes),
               "suggestions": [asdict(s) for s in found.items]})
        return 0
    if not found.live:
        print(found.reason)
        return 0
    for note in found.notes:
        print(f"Note: {note}")
    if not found.items:
        print("No suggestions at the moment.")
    for team, items in found.by_team().items():
        print(f"\nTeam of {team}")
        for s in items:
            chance = f" ({s.probability:.0%} estimated chance of leaving)" if s.probability is not None else ""
            print(f"  {s.employee_id} {s.name} — {s.kind}{chance}\n    because {s.because}\n    {s.suggest}")
    return 0


def _explain(session, args: argparse.Namespace) -> int:
    from hrdesk.suggest.card_text import explanation_text
    from hrdesk.suggest.service import explain_employee, manager_of

    manager = manager_of(session)
    explanation = session.read(lambda vault: explain_employee(vault, args.employee, manager=manager))
    if args.json:
        _dump(explanation.to_dict())
    else:
        print(explanation_text(explanation))
    return 0


def _card(session, args: argparse.Namespace) -> int:
    from hrdesk.suggest.card_text import card_text
    from hrdesk.suggest.retention import KIND
    from hrdesk.suggest.store import load_stored

    card = session.read(lambda vault: load_stored(vault, KIND))["card"]
    if args.json:
        _dump(card)
    else:
        print(card_text(card))
    return 0


def _dump(data) -> None:
    from hrdesk.commands.jsonout import dumps_readable

    print(dumps_readable(data, default=str))
