"""People-records subcommands: import, employees, export, purge.

pandas and the records layer are imported inside the handlers so that
``hrdesk --help`` stays fast.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from hrdesk.commands.common import add_passphrase_args, add_vault_arg, existing_folder, open_session_from_args
from hrdesk.errors import DamagedVaultError

KINDS = ("employees", "reviews", "checkins")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "import",
        help="import an HRIS export (CSV or .xlsx)",
        description="Import employees, reviews or well-being check-ins from a CSV or .xlsx file. "
        "Columns are mapped automatically where their headers are recognisable; columns without a "
        "declared purpose are dropped. A file with errors imports nothing unless --skip-invalid is given.",
    )
    p.add_argument("vault", type=Path, nargs="?", help="the vault file (*.hrdesk)")
    p.add_argument("file", type=Path, nargs="?", help="the CSV or .xlsx file")
    p.add_argument("--fields", action="store_true", help="list every hrdesk field a column can fill, with its purpose, and exit")
    p.add_argument("--kind", choices=KINDS, default=None, help="what the file holds (default: employees)")
    p.add_argument("--mapping", default="auto", metavar="auto|MAP.json", help="column mapping: 'auto' (default) or a JSON file")
    p.add_argument("--print-mapping", type=Path, metavar="OUT.json", help="write the mapping to OUT.json for editing, and import nothing")
    p.add_argument("--skip-invalid", action="store_true", help="import the valid rows and report the others")
    p.add_argument("--encoding", metavar="NAME", help="the text encoding of a CSV file (e.g. cp1251, iso-8859-7, shift_jis); default: detected")
    p.add_argument("--sheet", metavar="NAME", help="the worksheet of an .xlsx workbook to read; default: the first with data")
    add_passphrase_args(p, hr_only=True)
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser("employees", help="list the employees in a vault", description="List the employees held in the vault.")
    add_vault_arg(p)
    p.add_argument("action", choices=["list"], help="what to do")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    add_passphrase_args(p)
    p.set_defaults(handler=cmd_employees)

    p = sub.add_parser(
        "export",
        help="export everything held about one employee (data-access request)",
        description="Write everything the vault holds about one employee, as JSON and CSV, into a folder.",
    )
    add_vault_arg(p)
    p.add_argument("--employee", required=True, metavar="ID", help="the employee id from the HR system")
    p.add_argument("--out", required=True, type=Path, metavar="DIR", help="an existing folder to write into (a missing one is refused, never created)")
    add_passphrase_args(p, hr_only=True)
    p.set_defaults(handler=cmd_export)

    p = sub.add_parser(
        "purge",
        help="delete records past their retention period",
        description="Delete every record whose retention period has passed, in one transaction.",
    )
    add_vault_arg(p)
    p.add_argument("--dry-run", action="store_true", help="only count what would be deleted")
    p.add_argument("--today", type=dt.date.fromisoformat, metavar="YYYY-MM-DD", help=argparse.SUPPRESS)
    add_passphrase_args(p, hr_only=True)
    p.set_defaults(handler=cmd_purge)


class _TerminalProgress:
    """Progress on stderr, only when it is a terminal."""

    def __init__(self) -> None:
        self._label, self._total, self._done = "", 0, 0
        self._live = sys.stderr.isatty()

    def begin(self, label: str, total: int) -> None:
        self._label, self._total, self._done = label, total, 0

    def advance(self, steps: int = 1) -> None:
        self._done += steps
        if self._live and self._total:
            print(f"\r{self._label}: {100 * self._done // self._total}%", end="", file=sys.stderr, flush=True)

    def cancelled(self) -> bool:
        return False


def cmd_import(args: argparse.Namespace) -> int:
    from hrdesk.errors import InvalidInputError
    from hrdesk.importing import ImportValidationError, Mapping, prepare_for, prepare_import
    from hrdesk.importing.report import describe_understood

    if args.fields:
        from hrdesk.importing.fieldlist import fields_table
        from hrdesk.records.fields import Kind

        print(fields_table((Kind(args.kind),) if args.kind else tuple(Kind)), end="")
        return 0
    if args.vault is None or args.file is None:
        raise InvalidInputError("hrdesk import needs a vault and a file.", hint="hrdesk import VAULT FILE (or --fields for the list of fields).")
    args.kind = args.kind or KINDS[0]
    mapping = None if args.mapping == "auto" else Mapping.load(args.mapping)
    if args.print_mapping:
        plan = prepare_import(args.file, args.kind, mapping, encoding=args.encoding, sheet=args.sheet)
        plan.mapping.save(args.print_mapping)
        width = max(len(c.source) for c in plan.mapping.columns)
        for column in plan.mapping.columns:
            print(f"  {column.source:<{width}}  -> {column.field or '(dropped: ' + column.note + ')'}")
        for line in describe_understood(plan.understood) + [f"Problem: {p}" for p in plan.problems]:
            print(line)
        print(f"Mapping written to {args.print_mapping}; edit it and import with --mapping {args.print_mapping}.")
        for line in plan.source.reading_notes():
            print(line)
        return 0
    with open_session_from_args(args) as session:
        try:
            plan = session.read(
                lambda vault: prepare_for(vault, args.file, args.kind, mapping, encoding=args.encoding, sheet=args.sheet)
            )
            report = session.apply_import(plan, skip_invalid=args.skip_invalid, progress=_TerminalProgress()).result
        except ImportValidationError as exc:
            print(exc.describe(), file=sys.stderr)
            print(f"  {exc.hint}", file=sys.stderr)
            return 2
    print(report.describe())
    return 0


def cmd_employees(args: argparse.Namespace) -> int:

    damaged: list[DamagedVaultError] = []
    with open_session_from_args(args) as session:
        records = session.records()
        managers = {t.id: t.manager_name for t in records.teams.list()}
        rows = [
            {
                "employee_id": e.employee_id,
                "name": e.name,
                "department": e.department,
                "position": e.position,
                "manager": managers.get(e.team_id or ""),
                "status": e.employment_status,
            }
            for e in records.employees.listing(on_damaged=damaged.append)
        ]
    if args.json:
        from hrdesk.commands.jsonout import dumps_records

        print(dumps_records(rows))  # exactly json.dumps(rows, indent=2, ensure_ascii=False), faster
        return _report_damaged(damaged)
    columns = ("employee_id", "name", "department", "manager", "status")
    widths = {c: max([len(c)] + [len(str(r[c] or "")) for r in rows]) for c in columns}
    print("  ".join(c.replace("_", " ").upper().ljust(widths[c]) for c in columns))
    for row in rows:
        print("  ".join(str(row[c] or "").ljust(widths[c]) for c in columns))
    print(f"{len(rows)} employees")
    return _report_damaged(damaged)


def _report_damaged(damaged: list[DamagedVaultError]) -> int:
    """Name each record that failed its integrity check; the others were listed. Exit 2 if any."""
    for exc in damaged:
        print(f"hrdesk: damaged record {exc.record_id} in {exc.table} was left out (it fails its integrity check).", file=sys.stderr)
    if damaged:
        print("  Run 'hrdesk verify' for the full list; restore a backup to get these records back.", file=sys.stderr)
    return 2 if damaged else 0


def cmd_export(args: argparse.Namespace) -> int:
    existing_folder(args.out, what="the employee's data")
    with open_session_from_args(args) as session:
        result = session.export_employee(args.employee, args.out).result
    print(f"Wrote {len(result.files)} files to {result.folder}:")
    for path in result.files:
        print(f"  {path.name}")
    print("They contain personal data, including protected attributes: hand them over securely.")
    return 0


def cmd_purge(args: argparse.Namespace) -> int:
    with open_session_from_args(args) as session:
        if args.dry_run:
            report = session.purge_preview(today=args.today)
        else:
            report = session.purge_expired(today=args.today).result
    print(report.describe())
    return 0
