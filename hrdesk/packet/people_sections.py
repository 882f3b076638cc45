"""Section 8: managers' AI-literacy training, and the AI-use disclosures employees received.

Training comes from ``governance.training`` (quiz passes and HR's
attestations), disclosures from the letter log (``letters.log``): delivered,
stale with the reason, missing. Managers and employees appear under the
packet's pseudonyms unless names were chosen.
"""

from __future__ import annotations

from collections import Counter

from hrdesk.packet.content import Section, Table, day
from hrdesk.packet.context import PacketContext


def training_and_letters(ctx: PacketContext) -> Section:
    from hrdesk.governance.training import managers_in_scope, training_records, training_state

    section = Section(8, "Training and communication")
    managers = managers_in_scope(ctx.records)
    states = training_state(ctx.vault, managers)
    trained = sum(1 for s in states if s.trained)
    quiz = sum(1 for s in states if s.trained and s.record and s.record.kind == "quiz")
    section.say(f"{trained} of {len(managers)} managers whose teams are in scope are trained: {quiz} passed the "
                f"AI-literacy quiz, {trained - quiz} had training elsewhere attested by HR; "
                f"{len(managers) - trained} are not trained (and see no suggestions).")
    section.table(Table("training-managers", "Each manager in scope and their training",
                        ("manager", "team size", "state", "how", "when", "recorded by"),
                        tuple((ctx.names.manager(s.manager.name), s.manager.team_size, s.state,
                               _how(s.record), day(s.record.time) if s.record else "",
                               s.record.recorded_by if s.record else "") for s in states),
                        empty="No manager has a team in scope.", widths=(1.4, 0.7, 1.2, 2.6, 0.9, 1.1)))
    records = [r for r in training_records(ctx.vault) if ctx.options.covers(r.time)]
    counts = Counter((r.kind, r.passed) for r in records)
    section.table(Table("training-records", "Training records made in this period",
                        ("kind", "result", "records"),
                        tuple((kind, "passed" if passed else "failed", n) for (kind, passed), n in sorted(counts.items())),
                        empty="No quiz was taken and no training was attested in this period.", widths=(1.5, 1.0, 1.0)))
    _letters(ctx, section)
    return section


def _how(record: object) -> str:
    if record is None:
        return ""
    detail = getattr(record, "detail", {})
    if getattr(record, "kind", "") == "quiz":
        return f"quiz {detail.get('correct')}/{detail.get('total')} (pass mark {detail.get('pass_mark', 0):.0%})"
    return f"{detail.get('what', '')} ({detail.get('provider', '')}, {detail.get('when', '')})"


def _letters(ctx: PacketContext, section: Section) -> None:
    from hrdesk.letters.log import disclosure_status, letters

    summary = disclosure_status(ctx.vault, ctx.employees, ctx.managers_by_team)
    delivered = sum(1 for p in summary.people if p.current_and_delivered)
    section.say("AI-use disclosures", "h2")
    section.say(f"Of {len(summary.people)} current employees, {summary.current} have a current AI-use disclosure "
                f"({delivered} marked delivered, {summary.undelivered} not yet), {summary.stale} have a stale one "
                f"(the system changed after it) and {summary.missing} have none.")
    section.table(Table("disclosures-summary", "AI-use disclosures by state",
                        ("state", "employees"), (("current, delivered", delivered),
                                                 ("current, not marked delivered", summary.undelivered),
                                                 ("stale", summary.stale), ("none", summary.missing)),
                        widths=(2.0, 1.0)))
    reasons = Counter(p.reason for p in summary.people if p.state.value == "stale")
    section.table(Table("disclosures-stale", "Why disclosures are stale",
                        ("reason", "employees"), tuple(sorted(reasons.items(), key=lambda x: -x[1])),
                        empty="No disclosure is stale.", widths=(4.0, 1.0)))
    lacking = [p for p in summary.people if not p.current_and_delivered]
    section.table(Table("disclosures-lacking", "Employees without a current disclosure marked delivered",
                        ("employee", "manager", "state", "why"),
                        tuple((ctx.names.employee(p.hris_id, p.name), ctx.names.manager(p.manager), p.state.value,
                               p.reason or "not marked delivered") for p in lacking),
                        empty="Every current employee has a current disclosure marked delivered.",
                        widths=(1.4, 1.4, 0.8, 3.4)))
    logged = [r for r in letters(ctx.vault) if ctx.options.covers(r.generated_at)]
    by_kind = Counter((r.kind, r.channel or "not marked delivered") for r in logged)
    section.table(Table("letters-log", "Letters generated in this period, by type and delivery",
                        ("letter type", "delivery", "letters"),
                        tuple((k, c, n) for (k, c), n in sorted(by_kind.items())),
                        empty="No letter was generated in this period.", widths=(1.6, 1.6, 1.0)))
