"""``hrdesk monitor``: monitoring after go-live against governance step 6's thresholds, and its alerts.

    hrdesk monitor VAULT [--json]                          # HR: run now (keeps the report, raises new alerts)
                                                           # auditor: show the report HR's last run kept
    hrdesk monitor VAULT show [--json]                     # the last kept report, without running
    hrdesk monitor VAULT handle ALERT_ID --note "..."      # HR: record how an alert was handled
"""

from __future__ import annotations

import argparse

from hrdesk.commands.common import add_passphrase_args, add_vault_arg, open_session_from_args

ACTIONS = ("run", "show", "handle")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "monitor",
        help="monitoring after go-live: flag rates by group, override and contest rates, alerts, the pilot",
        description="Compare the live system with governance step 6's thresholds: who the suggestions flag by "
        "protected group, each manager's override rate against the band, contests against the promised "
        "deadline, and (with pilot teams) whether the pilot helps. HR runs it (a breach raises an alert to the "
        "escalation contact, once); an auditor reads the report HR's last run kept.",
    )
    add_vault_arg(p)
    p.add_argument("what", nargs="?", choices=ACTIONS, default="run",
                   help="run (default; an auditor is shown the last report), show, or handle")
    p.add_argument("alert", nargs="?", metavar="ALERT_ID", help="with 'handle': the alert's id (as listed)")
    p.add_argument("--note", default="", help="with 'handle': how the alert was handled, in words")
    p.add_argument("--json", action="store_true", help="print JSON")
    add_passphrase_args(p)
    p.set_defaults(handler=cmd_monitor)


def cmd_monitor(args: argparse.Namespace) -> int:
    from hrdesk.errors import InvalidInputError, PermissionDeniedError
    from hrdesk.session import accounts
    from hrdesk.session.actor import Role

    if args.what == "handle" and not args.alert:
        raise InvalidInputError("Say which alert: hrdesk monitor VAULT handle ALERT_ID --note \"what was done\"")
    if args.what != "handle" and args.alert:
        raise InvalidInputError(f"'{args.what}' takes no alert id ('{args.alert}'): it shows every alert.",
                                hint="To record how an alert was handled: hrdesk monitor VAULT handle ALERT_ID "
                                "--note \"what was done\"")
    with open_session_from_args(args) as session:
        role = session.actor.role
        if role is Role.MANAGER:
            accounts.refuse(session.vault, "read monitoring", "monitor")  # logs the attempt
            raise PermissionDeniedError("Monitoring is for HR and auditors: it compares every manager's decisions. "
                                        "Nothing was changed.", hint="Ask HR for the monitoring report.")
        if args.what == "handle":
            alert = session.handle_monitoring_alert(args.alert, args.note).result
            print(_json(alert) if args.json else f"Recorded: {alert.sentence()}")
            return 0
        if args.what == "run" and role is Role.HR:
            report = session.run_monitoring().result
        else:
            from hrdesk.monitoring.query import latest_report

            report = session.read(latest_report)
            if report is None:
                print("Monitoring has not run yet: HR runs it with 'hrdesk monitor VAULT' (or the Monitoring page).")
                return 0
        return _print(session, report, args.json)


def _print(session, report, as_json: bool) -> int:
    from hrdesk.monitoring.query import alerts
    from hrdesk.monitoring.text import report_text

    found = session.read(alerts)
    if as_json:
        from hrdesk.monitoring.model import alert_to_dict

        print(_json({"report": report.to_dict(), "alerts": [{"id": a.id, **alert_to_dict(a)} for a in found]}))
    else:
        print(report_text(report, found))
    return 0


def _json(data) -> str:
    from hrdesk.monitoring.model import Alert, alert_to_dict

    if isinstance(data, Alert):
        data = {"id": data.id, **alert_to_dict(data)}
    from hrdesk.commands.jsonout import dumps_readable

    return dumps_readable(data, default=str)
