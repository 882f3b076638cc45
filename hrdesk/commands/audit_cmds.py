"""``hrdesk audit``: the bias and data-quality audit from the command line."""

from __future__ import annotations

import argparse
from pathlib import Path

from hrdesk.commands.common import add_passphrase_args, add_vault_arg, existing_folder, open_session_from_args


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "audit",
        help="run a bias and data-quality audit and save it in the vault",
        description="Audit ratings, leaving and written feedback for bias and data quality. "
        "The run is saved in the vault (with a hash of the data audited) so governance and the "
        "audit packet can cite it.",
    )
    add_vault_arg(p)
    add_passphrase_args(p, hr_only=True)
    p.add_argument("--json", action="store_true", help="print the full result as JSON (shape documented in the README)")
    p.add_argument("--by", nargs="+", metavar="ATTR", help="only these protected attributes (e.g. sex race age_band)")
    p.add_argument("--min-group", type=int, metavar="N", help="groups smaller than N are 'too small to judge' (default 5)")
    p.add_argument("--cycle", metavar="NAME", help="audit one review cycle (default: each person's latest rating)")
    p.add_argument("--no-intersections", action="store_true", help="skip intersectional groups (e.g. sex x race)")
    p.add_argument("--csv", metavar="DIR", help="also write every table as a CSV file into DIR, an existing folder (a missing one is refused)")
    p.set_defaults(handler=cmd_audit)


def _settings(args: argparse.Namespace):
    from hrdesk.fairness import AuditSettings

    changes: dict = {}
    if args.by:
        changes["attributes"] = tuple(args.by)
    if args.min_group is not None:
        changes["min_group"] = args.min_group
    if args.no_intersections:
        changes["intersections"] = False
    return AuditSettings(**changes)


def cmd_audit(args: argparse.Namespace) -> int:
    from hrdesk.commands.jsonout import dumps_readable
    from hrdesk.fairness import export_csv, render_text

    settings = _settings(args)
    if args.csv:
        existing_folder(Path(args.csv), option="--csv", what="the audit's tables")
    with open_session_from_args(args) as session:
        run = session.run_audit(settings, cycle=args.cycle).result
    if args.csv:
        export_csv(run.result, args.csv)
    if args.json:
        out = {"run": {"id": run.id, "time": run.time, "actor": run.actor, "cycle": run.cycle, "snapshot": run.snapshot}}
        out["result"] = run.result.to_dict()
        print(dumps_readable(out))
    else:
        print(render_text(run.result))
        print(f"\nSaved as audit run {run.id} (data snapshot {run.snapshot[:16]}).")
    return 0
