"""Section 4: the data audits (saved runs, findings with their responses, rate tables and charts, power).

Rates come from the saved runs exactly as stored (``fairness.runs``). Groups
too small to judge are combined into one row per table (their count and
events summed), so no small group's rate is shown on its own.
"""

from __future__ import annotations

from typing import Any

from hrdesk.packet.content import combined, Bar, RateChart, Section, Table, day, num, pct
from hrdesk.packet.context import PacketContext
from hrdesk.fairness.wording import group_label
from hrdesk.packet.power import detectable_gap

SMALL = "too_small"
MAX_FINDINGS = 60


def audits(ctx: PacketContext) -> Section:
    from hrdesk.fairness.runs import list_runs

    section = Section(4, "Data audits")
    runs = [r for r in list_runs(ctx.vault) if ctx.options.covers(r.time)]
    section.table(Table("audit-runs", "Saved audit runs in this period, newest first",
                        ("run", "when", "by", "people", "flags", "watches", "notes", "data snapshot (SHA-256)"),
                        tuple((r.id[:8], r.time.replace("T", " ")[:16], r.actor, r.result.population,
                               _count(r, "flag"), _count(r, "watch"), _count(r, "note"), r.snapshot[:16])
                              for r in runs),
                        empty="No audit was run in this period.", widths=(0.8, 1.3, 1.0, 0.7, 0.6, 0.7, 0.6, 1.6)))
    if not runs:
        return section
    run = runs[0]
    result = run.result
    section.say(f"The latest run ({run.id[:8]}, {day(run.time)}, {result.population} people, as of "
                f"{result.reference_date}) in detail.", "h2")
    for note in result.notes:
        section.say(ctx.names.scrub(note), "note")
    _findings(ctx, section, run)
    _families(section, result)
    _rates(ctx, section, result)
    _means(section, result)
    _calibration(ctx, section, result)
    return section


def _count(run: Any, severity: str) -> int:
    return sum(1 for f in run.result.findings if f.severity == severity)


def _responses(ctx: PacketContext, run_id: str) -> dict[str, dict[str, Any]]:
    """Step 1's responses to this run's findings (from the latest sign-off citing it)."""
    from hrdesk.governance import signoffs

    found: dict[str, dict[str, Any]] = {}
    for s in signoffs.all_signoffs(ctx.vault):
        if s.step == 1 and s.evidence.get("audit_run") == run_id:
            found = dict(s.answers.get("responses") or {})
    return found


def _findings(ctx: PacketContext, section: Section, run: Any) -> None:
    responses = _responses(ctx, run.id)
    shown = [f for f in run.result.findings if f.severity in ("flag", "watch")] or list(run.result.findings)
    rows = []
    for f in shown[:MAX_FINDINGS]:
        answer = responses.get(f.id) or {}
        if answer.get("response"):
            said = f"{answer['response']}: {answer.get('text', '')}" + (
                f" (evidence: {answer['evidence']})" if answer.get("evidence") else "")
        elif answer.get("acknowledged"):
            said = "acknowledged" + (f": {answer['note']}" if answer.get("note") else "")
        else:
            said = "no response recorded"
        rows.append((f.severity, ctx.names.scrub(f.title), ctx.names.scrub(f.summary or f.text), ctx.names.scrub(said)))
    more = len(shown) - MAX_FINDINGS
    section.table(Table("audit-findings", "Findings (flags and watches) with the response recorded at governance step 1",
                        ("severity", "finding", "in plain words", "response"), tuple(rows),
                        empty="This run raised no finding.",
                        note=f"{more} more findings are in the vault's saved run." if more > 0 else "",
                        widths=(0.7, 1.8, 3.0, 2.2)))


def _families(section: Section, result: Any) -> None:
    section.table(Table("audit-comparisons", "How many comparisons were made, and how many chance alone would explain",
                        ("family", "comparisons", "expected by chance at 5%", "significant after correction", "method"),
                        tuple((f.label, f.tests, num(f.by_chance, 1), f.significant, f.method) for f in result.families),
                        empty="This run predates the multiple-comparisons correction.", widths=(2.6, 0.9, 1.2, 1.2, 1.4)))


def _rates(ctx: PacketContext, section: Section, result: Any) -> None:
    tables = [t for t in result.rates if t.protected and len(t.dimension) == 1 and t.family in ("main", "")]
    if not tables:
        section.say("No rate by a protected attribute could be computed (no protected attribute is recorded).")
        return
    section.say("Rates per group, with 95% confidence intervals and the four-fifths line", "h2")
    section.say("Each chart shows how often each group had the outcome, with its 95% interval (Wilson). The dashed "
                "line is the four-fifths rule: for a favourable outcome a group's rate should reach four fifths of "
                "the most favoured group's; for an unfavourable one, its rate of avoiding the outcome should. Groups "
                "too small to judge are combined into one bar, hatched, and never judged.")
    power_rows = []
    for table in tables:
        outcome = result.outcome(table.outcome)
        label = outcome.label if outcome else table.outcome
        favourable = not outcome or outcome.direction != "unfavourable"
        judged = not outcome or outcome.direction in ("favourable", "unfavourable")
        rows = _aggregate_small(table)
        key = table.id.replace("/", "-")
        section.chart(_chart(f"{label} by {table.dimension_label}", rows, table, favourable, judged))
        section.table(Table(key, f"{label} by {table.dimension_label}",
                            ("group", "people", "with outcome", "rate", "95% CI", "impact ratio", "p (adjusted)", "status"),
                            tuple((r["group"], r["n"], r["events"], pct(r["rate"]),
                                   f"{pct(r['ci_low'])} – {pct(r['ci_high'])}" if r["ci_low"] is not None else "—",
                                   num(r["impact_ratio"]), num(r["p_adjusted"], 3), r["status"]) for r in rows),
                            note=(f"{table.unknown} people with the attribute unknown are left out."
                                  if table.unknown else ""), widths=(2.2, 0.7, 0.8, 0.7, 1.3, 0.8, 0.9, 1.1)))
        power_rows.append(_power_row(label, table, outcome))
    section.say("What size of gap the audit could detect", "h2")
    section.say("For each outcome and attribute: the smallest group large enough to judge, and how far its rate would "
                "have to fall behind everyone else's (below it for a favourable outcome, above it for an unfavourable "
                "one) for the audit's test at the 5% level to find it 80% of the time (normal approximation). A smaller "
                "gap may exist without being flagged: no flag is not proof of no gap.")
    section.table(Table("audit-power", "Detectable gap per outcome and attribute",
                        ("outcome", "attribute", "smallest judged group", "its size", "everyone else",
                         "everyone else's rate", "detectable gap"), tuple(power_rows), widths=(1.8, 1.2, 1.6, 0.7, 0.9, 0.9, 1.0)))


def _aggregate_small(table: Any) -> list[dict[str, Any]]:
    """The table's rows with every group too small to judge combined into one row (never shown alone)."""
    import numpy as np

    from hrdesk.fairness.stats import wilson_interval

    rows, labels = table.rows, {table.dimension[0]: table.dimension_label}
    out, small = [], [r for r in rows if r.status == SMALL]
    for r in rows:
        if r.status == SMALL:
            continue
        out.append({"group": group_label(table.dimension, tuple(r.parts), labels), "n": r.n, "events": r.events, "rate": r.rate, "ci_low": r.ci_low,
                    "ci_high": r.ci_high, "impact_ratio": r.impact_ratio, "p_adjusted": r.p_adjusted,
                    "status": r.status, "small": False})
    if small:
        n, k = sum(r.n for r in small), sum(r.events for r in small)
        low, high = wilson_interval(np.array([k]), np.array([n])) if n else (np.array([None]), np.array([None]))
        out.append({"group": combined(len(small)), "n": n, "events": k,
                    "rate": k / n if n else None, "ci_low": float(low[0]) if n else None,
                    "ci_high": float(high[0]) if n else None, "impact_ratio": None, "p_adjusted": None,
                    "status": "too small to judge", "small": True})
    return out


def _chart(title: str, rows: list[dict[str, Any]], table: Any, favourable: bool, judged: bool) -> RateChart:
    """The rates as a chart; the four-fifths line only for outcomes that are favourable or unfavourable."""
    reference = table.row(table.reference) if table.reference and judged else None
    line = None
    if reference is not None and reference.rate is not None:
        ref = reference.rate
        line = 0.8 * ref if favourable else 1 - 0.8 * (1 - ref)
    bars = tuple(Bar(r["group"], r["rate"], r["ci_low"], r["ci_high"], r["n"], r["small"], r["status"]) for r in rows)
    words = "four fifths of the most favoured group's rate" if favourable else \
        "the rate at which avoiding it falls to four fifths of the most favoured group's"
    return RateChart(title, bars, line, words, favourable)


def _power_row(label: str, table: Any, outcome: Any) -> tuple[Any, ...]:
    """The smallest judged group, and the gap (in the direction of faring worse) found with 80% power."""
    judged = [r for r in table.rows if r.status not in (SMALL, "unknown")]
    if not judged or not outcome or outcome.overall is None:
        return (label, table.dimension_label, "—", "—", "—", "—", "cannot be said")
    smallest = min(judged, key=lambda r: r.n)
    rest = smallest.rest_n if smallest.rest_n is not None else table.base - table.unknown - smallest.n
    rate = smallest.rest_rate if smallest.rest_rate is not None else outcome.overall
    gap = detectable_gap(rate, smallest.n, rest, lower=outcome.direction != "unfavourable")
    said = (f"{gap * 100:.1f} percentage points" if gap is not None
            else "none: no possible rate of this group would be found reliably")
    return (label, table.dimension_label, group_label(table.dimension, tuple(smallest.parts),
                                                      {table.dimension[0]: table.dimension_label}),
            smallest.n, rest, pct(rate), said)


def _means(section: Section, result: Any) -> None:
    """Mean scores per group (the rating on its scale's positions, engagement, satisfaction), gaps and statuses."""
    tables = [t for t in result.means if t.protected and len(t.dimension) == 1 and t.family in ("main", "")]
    section.say("Mean scores per group", "h2")
    if not tables:
        section.say("No mean score by a protected attribute could be computed (no protected attribute or no score "
                    "is recorded).")
        return
    section.say("Each group's mean, with its 95% interval (t), and its gap to the reference group's mean with a "
                "Welch 95% interval. p compares the group with everyone else whose attribute is known, adjusted "
                "for the number of comparisons (Benjamini–Hochberg). Groups too small to judge are combined into "
                "one row, never judged.")
    for table in tables:
        outcome = result.outcome(table.outcome)
        label = outcome.label if outcome else table.outcome
        key = table.id.replace("/", "-")
        section.table(Table(key, f"{label} by {table.dimension_label}",
                            ("group", "people", "mean", "95% CI", "gap to reference", "gap 95% CI", "p (adjusted)",
                             "status"),
                            tuple(_mean_rows(table)),
                            note=(f"{table.unknown} people with the attribute unknown are left out."
                                  if table.unknown else ""), widths=(2.0, 0.7, 0.6, 1.1, 0.9, 1.3, 1.1, 1.2)))


def _mean_rows(table: Any) -> list[tuple[Any, ...]]:
    """The table's rows as shown, every group too small to judge combined into one row (its people and
    their overall mean, which the groups' own means and sizes give exactly)."""
    from hrdesk.fairness.result import STATUS_TEXT

    labels = {table.dimension[0]: table.dimension_label}
    rows, small = [], [r for r in table.rows if r.status == SMALL]
    for r in table.rows:
        if r.status == SMALL:
            continue
        rows.append((group_label(table.dimension, tuple(r.parts), labels), r.n, num(r.mean),
                     f"{num(r.ci_low)} – {num(r.ci_high)}" if r.ci_low is not None else "—", num(r.gap),
                     f"{num(r.gap_ci_low)} to {num(r.gap_ci_high)}" if r.gap_ci_low is not None else "—",
                     num(r.p_adjusted, 3), STATUS_TEXT.get(r.status, r.status)))
    if small:
        scored = [r for r in small if r.mean is not None and r.n]
        people = sum(r.n for r in scored)
        mean = sum(r.mean * r.n for r in scored) / people if people else None
        rows.append((combined(len(small)), sum(r.n for r in small), num(mean), "—", "—", "—", "—",
                     STATUS_TEXT[SMALL]))
    return rows


#: managers listed by name (or pseudonym) in the packet: those flagged or to watch, flags first
MAX_MANAGERS = 60


def _calibration(ctx: PacketContext, section: Section, result: Any) -> None:
    """Whose ratings stand apart from everyone else's: the teams flagged or to watch, and how many were compared."""
    from hrdesk.fairness.result import STATUS_TEXT

    cal = result.calibration
    section.say("Manager calibration: each team's ratings against everyone else's", "h2")
    if not cal.managers:
        section.say("No team's ratings could be compared: no ratings with a manager are recorded.")
        return
    small = sum(1 for m in cal.managers if m.status == SMALL)
    flags = [m for m in cal.managers if m.status == "flag"]
    watches = [m for m in cal.managers if m.status == "watch"]
    judged = len(cal.managers) - small
    scale = " · ".join(cal.scale)
    said = (f"{judged} of {len(cal.managers)} teams had enough rated people to compare with everyone else "
            f"({small} too small to judge): {len(flags)} flagged, {len(watches)} to watch. A team is flagged when "
            "the spread of its ratings (chi-square or Fisher) or its mean rating (Welch) differs from everyone "
            "else's after adjusting for the number of teams compared (Benjamini–Hochberg); that asks whether the "
            "manager rates differently, not whether the team performs differently.")
    if cal.unassigned:
        said += f" {cal.unassigned} rated people have no manager recorded and are in no team."
    section.say(said)
    shown = [*flags, *watches]
    rows = tuple((ctx.names.manager(m.manager), m.team_size, m.rated, " · ".join(str(c) for c in m.counts),
                  num(m.mean), num(m.rest_mean),
                  f"{num(m.gap_ci_low)} to {num(m.gap_ci_high)}" if m.gap_ci_low is not None else "—",
                  num(m.distribution_p_adjusted, 3), num(m.gap_p_adjusted, 3), STATUS_TEXT.get(m.status, m.status))
                 for m in shown[:MAX_MANAGERS])
    more = len(shown) - MAX_MANAGERS
    section.table(Table("audit-calibration", f"Teams whose ratings stand apart (ratings counted as {scale})",
                        ("manager", "team", "rated", "ratings, lowest first", "mean", "everyone else",
                         "gap 95% CI", "p spread (adj.)", "p mean (adj.)", "status"), rows,
                        empty="No team's ratings stand apart from everyone else's.",
                        note=(f"Mean rating uses 1 = {cal.scale[0]} … {len(cal.scale)} = {cal.scale[-1]}."
                              if cal.scale else "") + (f" {more} more teams are in the vault's saved run." if more > 0
                                                       else ""),
                        widths=(1.3, 0.6, 0.6, 1.4, 0.6, 0.9, 1.3, 0.9, 0.9, 0.8)))
