"""``hrdesk demo VAULT``: create a vault holding a synthetic, realistic demo organisation.

The generator (numpy, pandas) is imported inside the handler so that
``hrdesk --help`` does not pay for it.
"""

from __future__ import annotations

import argparse
import sys

from hrdesk.commands.common import add_passphrase_args, add_vault_arg, read_new_passphrase
from hrdesk.errors import InvalidInputError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "demo",
        help="create a demo vault with a synthetic organisation",
        description="Create a new vault holding a synthetic but realistic organisation (teams, review cycles, "
        "feedback, well-being check-ins, and a planted rating disparity for the audits to find). "
        "The same seed always gives the same organisation.",
    )
    add_vault_arg(p)
    p.add_argument("--employees", type=int, metavar="N", help="people in the organisation, leavers included (default 300)")
    p.add_argument("--seed", type=int, metavar="S", help="random seed (default 1)")
    add_passphrase_args(p, user=False)
    p.set_defaults(handler=cmd_demo)


class _StderrProgress:
    """Names each phase on stderr; the demo is quick enough not to need a bar."""

    def begin(self, label: str, total: int) -> None:
        print(f"{label}...", file=sys.stderr)

    def advance(self, steps: int = 1) -> None:
        pass

    def cancelled(self) -> bool:
        return False


def cmd_demo(args: argparse.Namespace) -> int:
    from hrdesk.demo.build import build_demo_vault
    from hrdesk.demo.generate import MAX_EMPLOYEES, MIN_EMPLOYEES
    from hrdesk.demo.settings import load_demo_settings

    settings = load_demo_settings()
    employees = settings.employees if args.employees is None else args.employees
    seed = settings.seed if args.seed is None else args.seed
    if not MIN_EMPLOYEES <= employees <= MAX_EMPLOYEES:
        raise InvalidInputError(f"--employees must be between {MIN_EMPLOYEES} and {MAX_EMPLOYEES}.")
    if args.vault.exists():
        raise InvalidInputError(f"'{args.vault}' already exists.", hint="Choose a new file name for the demo vault.")
    passphrase = read_new_passphrase(args)
    from hrdesk.session.passphrase import require_acceptable

    require_acceptable(passphrase)  # a demo vault is a real vault: the same rule as everywhere else
    info = build_demo_vault(
        args.vault, passphrase=passphrase, n_employees=employees, seed=seed, progress=_StderrProgress(), settings=settings
    )
    print(f"Created demo vault '{info.path}' for {info.org_name} ({employees} people, seed {seed}).")
    for report in info.reports:
        print(f"  {report.kind}: {report.added} records imported")
    print()
    print("RECOVERY KEY (shown once; this is a demo, but treat it as you would a real one):")
    print(f"    {info.recovery_key}")
    print()
    print("Planted for the audits to find: women receive 'Exceeds' far less often than men;")
    print(f"one manager ({info.planted.harsh_manager_name}) rates harshly; Hispanic/Latino shows no disparity.")
    return 0
