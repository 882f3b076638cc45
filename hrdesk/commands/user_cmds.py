"""``hrdesk user add|list|remove|reset VAULT ...``: HR manages who may sign in (HR, managers, auditors).

The new user's passphrase comes from ``--new-passphrase-file``, ``HRDESK_NEW_PASSPHRASE``
or a prompt (typed twice), never from a plain argument. A manager or auditor
running any of these is refused with exit 2, and the attempt is logged.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from hrdesk.commands.common import add_passphrase_args, add_vault_arg, open_session_from_args

ROLES = ("hr", "manager", "auditor")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "user",
        help="add, list, remove users or reset a user's passphrase (HR only)",
        description="Manage the vault's users. A manager sees only their team (their teams come from the "
        "manager column of the import); an auditor reads governance, saved audits and the audit log, no "
        "individual records. Removing a user replaces every key they held.",
    )
    p.add_argument("action", choices=("add", "list", "remove", "reset"), help="what to do")
    add_vault_arg(p)
    p.add_argument("name", nargs="?", help="the user's name (add, remove, reset)")
    p.add_argument("--role", choices=ROLES, help="with add: the new user's role")
    p.add_argument("--employee", metavar="ID", help="with add --role manager: their employee id from the HR system")
    p.add_argument("--manager-name", metavar="NAME",
                   help="with add --role manager: their name as the import's manager column has it (default: NAME)")
    p.add_argument("--new-passphrase-file", type=Path, metavar="FILE",
                   help="with add and reset: read the user's passphrase from FILE (else $HRDESK_NEW_PASSPHRASE, else a prompt)")
    p.add_argument("--json", action="store_true", help="with list: print JSON")
    add_passphrase_args(p, hr_only=True)
    p.set_defaults(handler=cmd_user, hr_only_what="manage users")


def _need_name(args: argparse.Namespace) -> str:
    from hrdesk.errors import InvalidInputError

    if not args.name or not args.name.strip():
        raise InvalidInputError(f"'hrdesk user {args.action}' needs the user's name.",
                                hint=f"hrdesk user {args.action} VAULT \"Amy Dunn\"")
    return args.name


def cmd_user(args: argparse.Namespace) -> int:
    from hrdesk.commands.vault_cmds import require_acceptable_new
    from hrdesk.errors import InvalidInputError

    if args.action in ("add", "remove", "reset"):
        _need_name(args)
    if args.action == "add" and not args.role:
        raise InvalidInputError("'hrdesk user add' needs --role hr, manager or auditor.")
    with open_session_from_args(args) as session:  # a manager is refused (and logged) here
        new = require_acceptable_new(args) if args.action in ("add", "reset") else ""
        if args.action == "list":
            rows = session.users()
            if args.json:
                print(json.dumps([{"name": r.name, "role": r.role, "teams": list(r.teams)} for r in rows], indent=2))
            else:
                for r in rows:
                    teams = f"  (teams of: {', '.join(r.teams)})" if r.teams else ""
                    print(f"{r.name:<30} {r.role}{teams}")
            return 0
        if args.action == "add":
            employee_id = ""
            if args.employee:
                found = session.records().employees.by_employee_id(args.employee)
                if found is None:
                    raise InvalidInputError(f"No employee with id '{args.employee}' in this vault.")
                employee_id = found.id
            user = session.add_user(args.name, args.role, new, employee_id=employee_id,
                                    manager_name=args.manager_name or "").result
            teams = next((r.teams for r in session.users() if r.id == user.id), ())
            print(f"Added {user.name} ({args.role})." + (f" Teams: {', '.join(teams)}." if teams else ""))
            if args.role == "manager" and not teams:
                print("  No team has this manager yet: they will see their team once an import names them.")
            return 0
        if args.action == "reset":
            user = session.reset_user_passphrase(args.name, new).result
            print(f"Reset the passphrase of {user.name}: the old one no longer opens this vault.")
            return 0
        user, records = session.remove_user(args.name).result
        print(f"Removed {user.name}; every key they held was replaced ({records} records re-encrypted).")
        return 0
