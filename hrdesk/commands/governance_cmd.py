"""``hrdesk governance``: the six governance steps from the command line, in the same order the window enforces.

    hrdesk governance VAULT status [--json]
    hrdesk governance VAULT show STEP [--json]
    hrdesk governance VAULT complete STEP --answers FILE.json --signed-by NAME
    hrdesk governance VAULT complete STEP --same-answers --signed-by NAME   (re-sign a reopened step)

A step attempted out of order, or answers that do not hold, exit 2 with the
reason (the field and what is wrong); nothing is written then.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from hrdesk.commands.common import add_passphrase_args, add_vault_arg, open_session_from_args
from hrdesk.errors import InvalidInputError
from hrdesk.paths import resource


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "governance",
        help="the six governance steps before AI suggestions: status, what a step needs, sign a step",
        description="Walk the six governance steps in order (audit, decision register, rights and privacy, manager "
        "training, communication, go-live). Each step is signed by a named HR user with answers from a JSON file "
        f"(format in the README; examples in {resource('governance')}).",
    )
    add_vault_arg(p)
    p.add_argument("what", choices=("status", "show", "complete"), help="status, show STEP or complete STEP")
    p.add_argument("step", nargs="?", metavar="STEP", help="with show/complete: the step, 1-6")
    p.add_argument("--answers", type=Path, metavar="FILE.json", help="with complete: the step's answers")
    p.add_argument("--same-answers", action="store_true",
                   help="with complete: sign a reopened step again with the answers it was last signed with")
    p.add_argument("--signed-by", metavar="NAME", help="with complete: the HR user who signs")
    p.add_argument("--json", action="store_true", help="print JSON")
    add_passphrase_args(p)
    p.set_defaults(handler=cmd_governance)


def cmd_governance(args: argparse.Namespace) -> int:
    if args.what != "status" and not args.step:
        raise InvalidInputError(f"Say which step: 'hrdesk governance VAULT {args.what} STEP' (1-6).")
    if args.what == "complete":
        return _complete(args)
    with open_session_from_args(args) as session:
        if args.what == "status":
            return _status(session, args.json)
        from hrdesk.governance.show import show

        found = session.read(lambda vault: show(vault, args.step))
    if args.json:
        print(json.dumps(found, indent=2, ensure_ascii=False))
    else:
        _print_show(found)
    return 0


def _status(session: Any, as_json: bool) -> int:
    from hrdesk.governance.status import suggestion_status
    from hrdesk.governance.wizard import overview

    status = session.read(suggestion_status)
    views = session.read(overview)
    if as_json:
        print(json.dumps({"live": status.live, "steps_done": status.steps_done, "reason": status.reason,
                          "reopened": status.reopened, "steps": [v.to_dict() for v in views]},
                         indent=2, ensure_ascii=False))
        return 0
    print(f"{status.headline}: {status.reason}.")
    for view in views:
        print(f"  [{view.state.value:>8}] {view.sentence}")
    return 0


def _print_show(found: dict[str, Any]) -> None:
    print(found["sentence"])
    if "last_signoff" in found:
        last = found["last_signoff"]
        match = "answers match what was signed" if last["answers_match"] else "ANSWERS DO NOT MATCH what was signed"
        print(f"Last signed by {last['by']} on {last['at'][:10]} ({match}).")
    now = found["now"]
    number = found["step"]
    if number == 1:
        if not now["audit_run"]:
            print("No saved audit run: run 'hrdesk audit VAULT' first.")
            return
        print(f"Audit run {now['audit_run']} of {now['run_time'][:10]}, snapshot {now['snapshot'][:16]}"
              + ("" if now["current"] else f": OUT OF DATE, {len(now['changes_since'])} change(s) since"))
        for f in now["findings"]:
            print(f"  {f['severity']:>5} {f['id']}: needs {'a response' if f['needs'] == 'response' else 'an acknowledgement'}")
            print(f"        {f['summary']}")
    elif number == 2:
        for d in now["register"]["decisions"]:
            mode = "AI may inform" if d["ai_may_inform"] else "human only"
            print(f"  {d['label']}: {mode}" + (f", accountable: {d['accountable']}" if d["accountable"] else ""))
        for claim in now["unvalidated_claims"]:
            print(f"  Unvalidated claim: {claim}")
    elif number == 3:
        print("Retention (months): " + ", ".join(f"{k} {v}" for k, v in now["retention_months"].items()))
        print("Columns imports left out: " + (", ".join(now["dropped_columns"]) or "none"))
        if "summary" in found:
            print()
            print(found["summary"])
    elif number == 4:
        q = now["quiz"]
        print(f"Quiz: {q['questions']} questions, pass mark {q['pass_mark']:.0%}.")
        for m in now["managers"]:
            print(f"  {m['name']} ({m['team_size']} in team): {m['state']}")
    elif number == 5:
        print(f"{now['ready']} of {now['employees']} employees have a current disclosure marked delivered.")
        for p in now["lacking"][:50]:
            print(f"  {p['employee_id']} {p['name']}: {p['state']}, {p['reason']}")
        if len(now["lacking"]) > 50:
            print(f"  ... and {len(now['lacking']) - 50} more (--json lists everyone)")
    else:
        print("Managers (pilot teams are named by their manager): " + ", ".join(now["managers"]))


def _complete(args: argparse.Namespace) -> int:
    from hrdesk.governance import wizard

    if not args.signed_by:
        raise InvalidInputError("Name who signs with --signed-by NAME (an HR user of this vault).")
    if bool(args.answers) == bool(args.same_answers):
        raise InvalidInputError("Give the answers with --answers FILE.json, or --same-answers to sign again unchanged.")
    answers = None if args.same_answers else _read_answers(args.answers)
    with open_session_from_args(args) as session:
        if answers is None:
            outcome = wizard.resign(session, args.step, args.signed_by)
        else:
            outcome = wizard.complete(session, args.step, answers, args.signed_by)
        signed = outcome.result
        from hrdesk.governance.status import suggestion_status

        status = session.read(suggestion_status)
    print(f"Step {signed.step} signed by {signed.by} on {signed.time[:10]} (answers {signed.answers_hash[:12]}).")
    print(f"{status.headline}: {status.reason}.")
    return 0


def _read_answers(path: Path) -> Any:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InvalidInputError(f"The answers file '{path}' does not exist.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInputError(f"The answers file '{path}' cannot be read: {exc}.") from None
    except json.JSONDecodeError as exc:
        raise InvalidInputError(f"The answers file '{path}' is not valid JSON: {exc.msg} at line {exc.lineno}, "
                                f"column {exc.colno}.", hint="Nothing was signed.") from None
    except RecursionError:
        raise InvalidInputError(f"The answers file '{path}' is nested too deeply to be governance answers.",
                                hint="See the README for the format. Nothing was signed.") from None
