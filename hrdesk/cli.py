"""The ``hrdesk`` command: no arguments opens the desktop app, subcommands work headless.

Known failures (``HrdeskError``) print their message and hint and exit 2.
Anything else is a bug: it is logged with its traceback (the log file says
where), a short message says so, and the exit status is 1. A bug is never
dressed up as "your vault is damaged".
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from hrdesk import version_text
from hrdesk.commands.common import safe_console
from hrdesk.errors import HrdeskError

COMMAND_MODULES = (
    "hrdesk.commands.vault_cmds",
    "hrdesk.commands.records_cmds",
    "hrdesk.commands.demo_cmd",
    "hrdesk.commands.audit_cmds",
    "hrdesk.commands.letters_cmd",
    "hrdesk.commands.user_cmds",
    "hrdesk.commands.governance_cmd",
    "hrdesk.commands.suggest_cmd",
    "hrdesk.commands.monitor_cmd",
    "hrdesk.commands.contest_cmd",
    "hrdesk.commands.review_cmd",
    "hrdesk.commands.packet_cmd",
)

EXIT_BUG = 1
EXIT_KNOWN_ERROR = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hrdesk",
        description="Governed, explainable AI for performance management, offline. "
        "Run without a subcommand to open the desktop app.",
    )
    parser.add_argument("--version", action="version", version=version_text())
    parser.add_argument("--demo", action="store_true", help="open the app on a freshly generated demo vault")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def _run_gui(demo: bool) -> int:
    from hrdesk.ui.app import run

    return run(demo=demo)


def main(argv: list[str] | None = None) -> int:
    """Run ``hrdesk``; every line it prints is safe for the console (see ``commands.common.safe_console``)."""
    try:
        with safe_console():
            return _main(sys.argv[1:] if argv is None else argv)
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away; that is not an error worth a traceback.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
        return 0


def _main(argv: list[str]) -> int:
    if argv in ([], ["--demo"]):
        # Straight to the window: building the subcommand parser would import the
        # vault and its crypto before the first pixel is drawn.
        return _run_gui(demo=bool(argv))
    args = build_parser().parse_args(argv)
    try:
        if args.command is None:
            return _run_gui(args.demo)
        return int(args.handler(args) or 0)
    except HrdeskError as exc:
        print(f"hrdesk: {exc.message}", file=sys.stderr)
        if exc.hint:
            print(f"  {exc.hint}", file=sys.stderr)
        return EXIT_KNOWN_ERROR
    except KeyboardInterrupt:
        print("hrdesk: interrupted; nothing was changed.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        raise  # the reader went away (`hrdesk x --help | head`): main() ends quietly, it is no bug
    except Exception as exc:  # noqa: BLE001 - the one place a bug is turned into a report
        return _report_bug(exc)


def _report_bug(exc: Exception) -> int:
    """Log the bug with its traceback and tell the person plainly; the vault's transaction was rolled back."""
    from hrdesk import logs

    try:
        where = logs.setup()
    except OSError:
        where = None  # no writable log folder: the terminal still gets the message
    logs.log_bug(type(exc), exc, exc.__traceback__)
    print(f"hrdesk hit a bug: {type(exc).__name__}: {exc}", file=sys.stderr)
    print("  This is a fault in hrdesk, not in your vault or your file. Nothing half-written was kept: "
          "every change is one transaction, rolled back on failure.", file=sys.stderr)
    if where is not None:
        print(f"  The details are logged in {where}; please send them to whoever supports hrdesk for you.",
              file=sys.stderr)
    return EXIT_BUG


if __name__ == "__main__":
    sys.exit(main())
