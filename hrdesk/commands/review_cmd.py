"""``hrdesk review``: review cycles, one person's review page, and recording a review from an answers file.

    hrdesk review VAULT cycle list [--json]
    hrdesk review VAULT cycle open NAME          (HR)
    hrdesk review VAULT cycle close NAME         (HR; a closed cycle is read-only)
    hrdesk review VAULT show --employee ID [--json]
    hrdesk review VAULT record --employee ID --answers FILE.json [--user NAME]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hrdesk.commands.common import add_passphrase_args, add_vault_arg, open_session_from_args, printable

if TYPE_CHECKING:
    from hrdesk.reviews.model import ReviewRecord
    from hrdesk.reviews.page import ReviewPage
    from hrdesk.session import Session

ANSWERS_HELP = """\
The answers file is one JSON object:
  "cycle": "2026 annual"          optional when exactly one cycle is open
  "rating": "Fully Meets"         the manager's own rating: a label of the vault's scale or its
                                  position (1 = lowest); null or left out: not rated yet
  "feedback": "..."               written feedback (behaviour, not personality)
  "plan": [{"text": "...", "source": "employee"}]
                                  source: "suggestion" (a suggestion named it; needs a suggestion
                                  accepted), "employee" (the employee's own choice) or "manager"
  "next_checkin": "YYYY-MM-DD"    optional, today or later
  "decisions": {"retention": {"verdict": "accept", "reason": "...", "context": "..."}}
                                  one per suggestion shown ('show' lists their keys); verdict:
                                  accept (as a conversation topic), set-aside or disagree; a reason
                                  is required; context: what the data cannot see (may be "")
  "employee_comment": "..."       optional
Saving again in the same cycle replaces that person's review. Nothing is saved when anything
is wrong; the message names the field."""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "review",
        help="review sessions: open and close cycles, show one person's review page, record a review",
        description="Review sessions. HR opens and closes review cycles (a closed cycle is read-only); a manager "
        "shows the review page of someone in their team (with the suggestions governance lets them see) and "
        "records the review: their own rating, feedback, the agreed plan, the next check-in and a decision with "
        "its reason on each suggestion.",
        epilog=ANSWERS_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_vault_arg(p)
    p.add_argument("what", choices=("cycle", "show", "record"), help="cycle, show or record")
    p.add_argument("words", nargs="*", metavar="list|open NAME|close NAME",
                   help="with 'cycle': list, or open/close and the cycle's name")
    p.add_argument("--employee", metavar="ID", help="with 'show' and 'record': the HR system's employee id")
    p.add_argument("--answers", type=Path, metavar="FILE.json", help="with 'record': the review, as described below")
    p.add_argument("--json", action="store_true", help="with 'show' and 'cycle list': print JSON")
    add_passphrase_args(p)
    p.set_defaults(handler=cmd_review)


def cmd_review(args: argparse.Namespace) -> int:
    from hrdesk.errors import InvalidInputError

    if args.what == "cycle":
        return _cycle(args)
    if args.words:
        raise InvalidInputError(f"'{' '.join(args.words)}' is not understood after '{args.what}'.",
                                hint=f"Use: hrdesk review VAULT {args.what} --employee ID")
    if not args.employee:
        raise InvalidInputError(f"Say whose review: hrdesk review VAULT {args.what} --employee ID")
    if args.what == "show":
        return _show(args)
    return _record(args)


# --- cycles ---------------------------------------------------------------------------------------


def _cycle(args: argparse.Namespace) -> int:
    from hrdesk.errors import InvalidInputError

    words = list(args.words)
    action = words[0] if words else ""
    if action not in ("list", "open", "close") or (action == "list") != (len(words) == 1):
        raise InvalidInputError("Say what to do with cycles: cycle list, cycle open NAME or cycle close NAME.")
    name = " ".join(words[1:])
    with open_session_from_args(args) as session:
        if action == "list":
            return _list_cycles(session, args.json)
        outcome = session.open_review_cycle(name) if action == "open" else session.close_review_cycle(name)
    cycle = outcome.result
    if action == "open":
        print(f"Opened the review cycle '{printable(cycle.name)}' on {cycle.opened_on}: managers can record reviews in it.")
    else:
        print(f"Closed the review cycle '{printable(cycle.name)}' on {cycle.closed_on}: its reviews are now read-only.")
    return 0


def _list_cycles(session: "Session", as_json: bool) -> int:
    from hrdesk.reviews.query import cycles

    found = session.read(cycles)
    if as_json:
        print(json.dumps([{"name": c.name, "open": c.is_open, "opened_on": _iso(c.opened_on),
                           "closed_on": _iso(c.closed_on), "imported": c.imported} for c in found],
                         indent=2, ensure_ascii=False))
        return 0
    if not found:
        print("No review cycles yet. HR opens one with: hrdesk review VAULT cycle open NAME")
    for c in found:
        state = "open" if c.is_open else f"closed {c.closed_on}"
        note = " (imported)" if c.imported else ""
        print(f"  {printable(c.name):<24} {state}{note}")
    return 0


def _iso(value: Any) -> str | None:
    return value.isoformat() if value and value.year > 1 else None


# --- one person's page ------------------------------------------------------------------------------


def _show(args: argparse.Namespace) -> int:
    from hrdesk.reviews.page import load_page_for

    with open_session_from_args(args) as session:
        page = load_page_for(session, args.employee)
    if args.json:
        print(json.dumps(page_json(page), indent=2, ensure_ascii=False))
    else:
        print("\n".join(printable(line) for line in page_lines(page)))
    return 0


def page_json(page: "ReviewPage") -> dict[str, Any]:
    """The page as JSON: what a script needs to write an answers file."""
    e = page.employee
    return {
        "employee_id": e.employee_id, "name": e.name, "manager": page.detail.team_name,
        "department": e.department, "position": e.position, "hire_date": _iso(e.hire_date),
        "cycle": page.cycle.name if page.cycle else None, "open_cycles": [c.name for c in page.open_cycles],
        "rating_scale": list(page.scale),
        "rating_history": [{"cycle": p.cycle, "rating": p.value, "date": _iso(p.date)} for p in page.rating_history],
        "wellbeing": None if page.detail.checkins_hidden else [
            {"date": _iso(c.date), "mood": c.mood, "workload": c.workload, "stress": c.stress} for c in page.detail.checkins],
        "feedback": [{"cycle": cycle, "date": _iso(f.date), "text": f.text} for cycle, f in page.detail.feedback],
        "goals": [{"text": g.text, "status": g.status, "date": _iso(g.date)} for g in page.goals],
        "suggestions": {"live": page.suggestions.live, "reason": page.suggestions.reason, "items": [
            {"key": s.key, "kind": s.kind, "suggest": s.suggestion.suggest, "because": s.suggestion.because,
             "explanation": s.explanation.to_dict() if s.explanation else None} for s in page.suggestions.items]},
        "saved_review": review_json(page.current) if page.current else None,
    }


def review_json(r: "ReviewRecord") -> dict[str, Any]:
    """A saved review in the answers file's own format (so it can be edited and recorded again)."""
    return {"cycle": r.cycle, "rating": r.rating_label or None, "feedback": r.feedback,
            "plan": [{"text": p.text, "source": p.source} for p in r.plan], "next_checkin": _iso(r.next_checkin),
            "decisions": {d.key: {"verdict": d.verdict.value, "reason": d.reason, "context": d.context}
                          for d in r.decisions}, "employee_comment": r.employee_comment}


def page_lines(page: "ReviewPage") -> list[str]:
    from hrdesk.reviews.draft import SOURCE_WORDS

    e = page.employee
    lines = [f"{e.name} ({e.employee_id}), {e.position or 'no position'}, team of {page.detail.team_name or '-'}"]
    lines.append(f"Review cycle: {page.cycle.name}" if page.cycle else
                 "No single open review cycle: " + (", ".join(c.name for c in page.open_cycles) or "none is open"))
    lines += ["", "Rating history:", *_or_none([f"  {p.cycle}: {p.value}" for p in page.rating_history])]
    lines += ["", "Well-being check-ins (for coaching only, never for evaluation):"]
    if page.detail.checkins_hidden:
        lines.append("  not shared with their manager")
    else:
        lines += _or_none([f"  {c.date}: mood {c.mood}, workload {c.workload}, stress {c.stress}"
                           for c in page.detail.checkins[-4:]])
    lines += ["", "Recent feedback:", *_or_none([f"  {cycle}: {f.text}" for cycle, f in page.detail.feedback[-3:]])]
    lines += ["", "Goals:", *_or_none([f"  [{g.status}] {g.text}" for g in page.goals])]
    lines += ["", "AI suggestions:"]
    if not page.suggestions.items:
        lines.append(f"  none: {page.suggestions.reason}")
    for s in page.suggestions.items:
        lines.append(f"  [{s.key}] {s.text}")
        lines.append(f"      because {s.suggestion.because}")
        if s.explanation and s.explanation.counterfactual:
            lines.append(f"      what would change it: {s.explanation.counterfactual.words}")
    if page.current:
        r = page.current
        lines += ["", f"Saved review ({r.cycle}, {r.saved_on}): rating {r.rating_label or 'not given'}"]
        lines += [f"  plan: {p.text} ({SOURCE_WORDS[p.source]})" for p in r.plan]
        lines += [f"  {d.key}: {d.verdict.label} - {d.reason}" for d in r.decisions]
    return lines


def _or_none(lines: list[str]) -> list[str]:
    return lines or ["  none"]


# --- recording ------------------------------------------------------------------------------------------


def read_answers(path: Path) -> Any:
    from hrdesk.errors import InvalidInputError

    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InvalidInputError(f"There is no answers file '{path}'.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInputError(f"Cannot read the answers file '{path}': {getattr(exc, 'strerror', None) or exc}.",
                                hint="Save it as UTF-8 JSON.") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInputError(f"The answers file '{path}' is not valid JSON: {exc.msg} at line {exc.lineno}, "
                                f"column {exc.colno}.", hint="Nothing was saved.") from None
    except RecursionError:
        raise InvalidInputError(f"The answers file '{path}' is nested too deeply to be a review.",
                                hint="See 'hrdesk review --help' for the format. Nothing was saved.") from None


def _record(args: argparse.Namespace) -> int:
    from hrdesk.errors import InvalidInputError
    from hrdesk.reviews.draft import from_answers

    if args.answers is None:
        raise InvalidInputError("Say where the review is: --answers FILE.json (see 'hrdesk review --help').")
    draft = from_answers(args.employee, read_answers(args.answers))  # checked before the vault is opened
    with open_session_from_args(args) as session:
        saved = session.record_review(draft).result
    counts = {v: sum(d.verdict.value == v for d in saved.decisions) for v in ("accept", "set-aside", "disagree")}
    print(f"Saved the review of {printable(saved.employee_id)} in '{printable(saved.cycle)}': rating "
          f"{printable(saved.rating_label) or 'not given'}, {len(saved.plan)} plan item(s), {len(saved.decisions)} "
          f"decision(s) on suggestions (accepted {counts['accept']}, set aside {counts['set-aside']}, "
          f"disagreed {counts['disagree']}).")
    print(f"Its summary letter: hrdesk letters VAULT review-summary --employee {printable(saved.employee_id)} --out DIR")
    return 0
