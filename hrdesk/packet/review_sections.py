"""Sections 6, 7 and 9: suggestion decisions, contests, and monitoring after go-live.

Each reads only the contract its owner publishes: ``reviews.query.decisions``
(``reviews.model.SuggestionDecision``), ``contests.query.contests``
(``contests.model.Contest``) and ``monitoring.query`` (``MonitoringReport``,
``Alert``). A section with nothing in its period says so in words.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
from collections import Counter
from typing import Any

from hrdesk.packet.content import combined, Section, Table, num, pct
from hrdesk.packet.context import PacketContext

SAMPLE = 25


def _count_table(key: str, title: str, heading: tuple[str, str], counts: Counter[str]) -> Table:
    """A two-column table of how many fall in each kind, kinds in order."""
    return Table(key, title, heading, tuple(sorted(counts.items())), widths=(2.0, 1.0))


def decisions(ctx: PacketContext) -> Section:
    from hrdesk.reviews.query import decisions as recorded

    found = recorded(ctx.vault, since=ctx.options.period_from, until=ctx.options.period_to)
    return decisions_section(ctx, Section(6, "Suggestions and decisions"), list(found))


def decisions_section(ctx: PacketContext, section: Section, found: list[Any]) -> Section:
    if not found:
        section.say("No decision on an AI suggestion was recorded in this period.")
        return section
    overrides = sum(1 for d in found if d.verdict.value != "accept")
    section.say(f"{len(found)} decisions on AI suggestions were recorded by named managers in this period; "
                f"{overrides} ({pct(overrides / len(found))}) set the suggestion aside or disagreed with it.")
    section.table(_count_table("decisions-by-type", "Decisions by suggestion type", ("suggestion type", "decisions"),
                               Counter(d.kind for d in found)))
    by_team = Counter((ctx.names.manager(d.manager), d.kind) for d in found)
    section.table(Table("decisions-by-team", "Decisions by team (its manager) and type",
                        ("team of", "suggestion type", "decisions"),
                        tuple((m, k, n) for (m, k), n in sorted(by_team.items())), widths=(1.6, 1.6, 1.0)))
    rows = []
    per_manager: dict[str, Counter[str]] = {}
    for d in found:
        per_manager.setdefault(d.manager, Counter())[d.verdict.value] += 1
    for manager, c in sorted(per_manager.items()):
        total = sum(c.values())
        rows.append((ctx.names.manager(manager), total, pct(c["accept"] / total), pct(c["set-aside"] / total),
                     pct(c["disagree"] / total)))
    section.table(Table("decisions-by-manager", "Accept, set aside and disagree rates per manager",
                        ("manager", "decisions", "accepted", "set aside", "disagreed"), tuple(rows),
                        widths=(1.6, 0.9, 0.9, 0.9, 0.9)))
    sample = random.Random(len(found)).sample(found, min(SAMPLE, len(found)))
    sample.sort(key=lambda d: (d.decided_on, d.id))
    section.table(Table("decisions-sample", f"A sample of {len(sample)} decisions with their reasons",
                        ("date", "employee", "manager", "type", "verdict", "reason", "context the data cannot see"),
                        tuple((d.decided_on, ctx.employee_label(d.employee_id), ctx.names.manager(d.manager), d.kind,
                               d.verdict.label, ctx.names.scrub(d.reason), ctx.names.scrub(d.context) or "—")
                              for d in sample), widths=(0.9, 0.9, 0.9, 0.9, 1.1, 2.2, 1.8)))
    return section


def contests(ctx: PacketContext) -> Section:
    from hrdesk.contests.query import contests as received

    found = received(ctx.vault, since=ctx.options.period_from, until=ctx.options.period_to)
    return contests_section(ctx, Section(7, "Contests"), list(found))


def contests_section(ctx: PacketContext, section: Section, found: list[Any], today: dt.date | None = None) -> Section:
    from hrdesk.governance.step_rights import stored_rights

    if not found:
        section.say("No contests were received in this period.")
        return section
    today = today or dt.date.today()
    rights = stored_rights(ctx.vault)
    promised = f"{rights.contest_response_days} days" if rights else "no response time recorded"
    decided = [c for c in found if c.decided_on is not None]
    days = [c.response_days() for c in decided]
    on_time = sum(1 for c in decided if c.decided_on <= c.due_on)
    overdue = sum(1 for c in found if c.is_overdue(today))
    section.say(f"{len(found)} contests were received in this period; {len(decided)} decided ({on_time} by their due "
                f"date, {len(decided) - on_time} late), {len(found) - len(decided)} open ({overdue} past their due date). "
                f"Promised response time: {promised}."
                + (f" Median response {statistics.median(days):g} days, longest {max(days)}." if days else ""))
    section.table(_count_table("contests-outcomes", "Contests by outcome", ("outcome", "contests"),
                               Counter(c.outcome.value for c in found)))
    section.table(_count_table("contests-subjects", "What was contested", ("subject", "contests"),
                               Counter(c.subject_kind.value for c in found)))
    section.table(Table("contests", "Every contest in this period",
                        ("case", "employee", "subject", "received", "due", "decided", "days", "outcome", "reviewer"),
                        tuple((c.id, ctx.employee_label(c.employee_id), ctx.names.scrub(c.subject), c.received_on,
                               c.due_on, c.decided_on or "open", c.response_days() if c.decided_on else "—",
                               c.outcome.value, ctx.names.scrub(c.reviewer)) for c in found),
                        widths=(0.7, 0.9, 2.0, 0.9, 0.9, 0.9, 0.5, 1.0, 1.2)))
    return section


def monitoring(ctx: PacketContext) -> Section:
    from hrdesk.monitoring.query import alerts, latest_report

    return monitoring_section(ctx, Section(9, "Monitoring"), latest_report(ctx.vault), list(alerts(ctx.vault)))


def monitoring_section(ctx: PacketContext, section: Section, report: Any, alerts: list[Any]) -> Section:
    alerts = [a for a in alerts if ctx.options.covers(a.raised_on)]
    if report is None:
        section.say("Monitoring has not been run: no report of thresholds, breaches or alerts exists.")
    else:
        _report(ctx, section, report)
    section.table(Table("monitoring-alerts", "Alerts raised in this period and how each was handled",
                        ("raised", "alert", "escalated to", "respond by", "status", "handling"),
                        tuple((a.raised_on, ctx.names.scrub(a.title), a.contact, a.respond_by, a.status,
                               (f"{a.handled_on} by {a.handled_by}: {ctx.names.scrub(a.handling)}" if not a.is_open
                                else "not yet handled")) for a in alerts),
                        empty="No monitoring alert was raised in this period.", widths=(0.9, 2.4, 1.3, 0.9, 0.7, 2.2)))
    return section


def _report(ctx: PacketContext, section: Section, report: Any) -> None:
    section.say(f"Latest monitoring run: {report.computed_at[:16].replace('T', ' ')} by {report.computed_by}, "
                f"covering {report.since or 'go-live'} to {report.until}. {report.headline()}")
    t = report.thresholds
    if t is not None:
        section.table(Table("monitoring-thresholds", "Thresholds signed at governance step 6", ("threshold", "value"), (
            ("Impact ratio floor", num(t.impact_ratio_floor)), ("Override rate band", t.override_band()),
            ("Contest rate ceiling", pct(t.contest_rate_ceiling)), ("Minimum group size", t.min_group_size),
            ("Escalation contact", f"{t.escalation_contact} (within {t.escalation_days} days)"),
            ("Pilot teams", ", ".join(ctx.names.manager(m) for m in t.pilot_teams) or "all teams"),
        ), widths=(2.0, 4.0)))
    for note in (report.flag_note, report.decisions_note, *report.notes):
        if note:
            section.say(ctx.names.scrub(note), "note")
    section.table(Table("monitoring-flag-rates", "How often each group is flagged, against the floor",
                        ("suggestion", "attribute", "group", "people", "flagged", "rate", "impact ratio", "judgement"),
                        tuple(_flag_rows(report.flag_rates)),
                        empty="No flag rate by group could be computed.", widths=(1.0, 1.0, 1.6, 0.7, 0.7, 0.7, 0.8, 1.0)))
    section.table(Table("monitoring-overrides", "Override rates per manager, against the band",
                        ("manager", "decisions", "override rate", "95% CI", "judgement"),
                        tuple((ctx.names.manager(m.manager), m.decisions, pct(m.override_rate),
                               f"{pct(m.ci_low)} – {pct(m.ci_high)}", m.judgement) for m in report.managers),
                        empty="No manager recorded decisions.", widths=(1.6, 0.9, 1.0, 1.4, 1.0)))
    section.say(ctx.names.scrub(report.contests.sentence))
    section.table(Table("monitoring-breaches", "Breaches of the thresholds", ("breach", "detail"),
                        tuple((ctx.names.scrub(b.title), ctx.names.scrub(b.detail)) for b in report.breaches),
                        empty="No threshold was breached.", widths=(2.5, 4.0)))
    pilot = report.pilot
    section.say("Does it help? The pilot comparison", "h2")
    if pilot is None:
        section.say("No pilot comparison: governance step 6 put every team live at once, so there is no comparison group.")
        return
    section.say(ctx.names.scrub(pilot.sentence))
    section.table(Table("monitoring-pilot", "Difference in differences, pilot teams against the others",
                        ("outcome", "unit", "effect", "95% CI", "enough data", "method"),
                        tuple((e.label, e.unit, num(e.effect), f"{num(e.ci_low)} – {num(e.ci_high)}",
                               "yes" if e.enough_data else f"no (about {e.more_months} more months)", e.method)
                              for e in pilot.estimates),
                        empty="No outcome could be compared.", widths=(1.4, 1.3, 0.7, 1.2, 1.3, 1.6)))


def _flag_rows(rates: Any) -> list[tuple[Any, ...]]:
    """Per suggestion kind and attribute, the groups too small to judge combined into one row."""
    out: list[tuple[Any, ...]] = []
    small: dict[tuple[str, str], list[Any]] = {}
    for r in rates:
        if r.judgement == "too_few" or r.engine_status == "too_small":
            small.setdefault((r.kind, r.attribute), []).append(r)
            continue
        out.append((r.kind, r.attribute, r.group, r.n, r.flagged, pct(r.rate), num(r.impact_ratio), r.judgement))
    for (kind, attribute), items in small.items():
        n, k = sum(r.n for r in items), sum(r.flagged for r in items)
        out.append((kind, attribute, combined(len(items)), n, k,
                    pct(k / n if n else None), "—", "too few to judge"))
    return out
