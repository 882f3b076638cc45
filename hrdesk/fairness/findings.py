"""Turn tables into findings: what to look at first, in plain language.

Rules (the same everywhere):

* **flag** — impact ratio below the threshold (0.8, four-fifths rule, against
  the most favoured group) AND the group fares worse than everyone else by a
  statistically meaningful margin: the p-value of that comparison *adjusted*
  for the audit's many comparisons (Benjamini–Hochberg within its family, see
  ``multiplicity``) is below alpha;
* **watch** — only one of the two holds (a low ratio that could be chance, or
  a small but real difference). A low ratio whose raw p-value is below alpha
  but whose adjusted one is not is a watch, and its text says the gap may be
  chance given how many comparisons were made;
* groups too small to judge never produce a finding, whatever their ratio.

Every finding's numbers carry the raw ``p_value``, the ``p_adjusted`` one,
its ``family`` and the family's size (``comparisons``). Each finding has two
texts: ``summary``, the finding in plain words for an HR reader ("Women
received 'Exceeds' about a third as often as men: 8% vs 25%. A gap this size
is very unlikely to be chance."), and ``text``, the same with its statistics.
What could not be judged comes from ``unjudged`` as ``note`` findings.

For continuous outcomes the ratio is the scoring rate's (share above the
population median) and the difference test is Welch's on the means.
Intersections (two attributes) split people so thinly that ratios below
0.8 arise by chance all the time; there a "watch" is raised as a finding only
when the difference was statistically meaningful before or after the
correction — a ratio-only watch stays visible as the row's status in its
table. Manager rows of the rate tables do not produce four-fifths findings:
comparing each team to the single most lenient manager says more about that
manager than about the team. Managers are judged by calibration instead
(each team against the rest of the organisation).
Each finding keeps the numbers behind it and points at its table and rows,
so a reader (or the window) can go straight from sentence to evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hrdesk.fairness.result import (
    Calibration, Finding, GroupMean, GroupRate, LanguageReport, MeanTable, OutcomeInfo, QualityReport,
    RateTable, Status, TestFamily,
)
from hrdesk.fairness.multiplicity import CALIBRATION, DATA, INTERSECTIONS, MAIN
from hrdesk.fairness.settings import AuditSettings
from hrdesk.fairness.wording import (
    as_often, chance, chance_verdict, describe, expected_by_chance, group_label, num, pct, pvalue, sentence, times,
)


KIND_ORDER = ("disparity", "mean_gap", "calibration", "language", "data_quality", "not_judged")
#: flags first, then what could not be judged (it qualifies everything below), then watches
SEVERITY_ORDER = (Status.FLAG, Status.NOTE, Status.WATCH)
#: attribute coverage below this share is worth a note
COVERAGE_WATCH = 0.95


@dataclass(frozen=True)
class Context:
    outcomes: dict[str, OutcomeInfo]
    labels: dict[str, str]
    settings: AuditSettings
    scale: tuple[str, ...]
    families: dict[str, TestFamily] = field(default_factory=dict)

    def comparisons(self, family: str) -> int:
        f = self.families.get(family)
        return f.tests if f else 0


def build_findings(
    ctx: Context, *, rates: list[RateTable], means: list[MeanTable], calibration: Calibration,
    quality: QualityReport, language: LanguageReport, scoring: dict[str, str], notes: tuple[Finding, ...] = (),
) -> tuple[Finding, ...]:
    """All findings, flags first. ``scoring`` maps a continuous outcome key to
    the key of its scoring-rate outcome."""
    scoring_keys = set(scoring.values())
    found: list[Finding] = list(notes)
    for table in rates:
        if table.protected and table.outcome not in scoring_keys:
            found += [rate_finding(ctx, table, row) for row in table.rows if _raise(ctx, table, row)]
    found += _mean_findings(ctx, rates, means, scoring)
    found += [calibration_finding(ctx, m) for m in calibration.managers if m.status in (Status.FLAG, Status.WATCH)]
    found += _language_findings(language)
    found += quality_findings(ctx, quality)
    return tuple(sorted(found, key=_order))


def _order(f: Finding):
    ratio = f.numbers.get("impact_ratio")
    # single attributes before the intersections that split the same people again
    return (SEVERITY_ORDER.index(f.severity), KIND_ORDER.index(f.kind), f.numbers.get("family") == INTERSECTIONS,
            ratio if isinstance(ratio, float) else 1.0,
            f.numbers.get("p_value") or 1.0, f.id)


def _raise(ctx: Context, table, row) -> bool:
    """Does a row's status become a finding? (see the module docstring)"""
    if row.status == Status.FLAG:
        return True
    if row.status != Status.WATCH:
        return False
    worse = _fares_worse(ctx.outcomes[table.outcome].direction, row)
    return len(table.dimension) == 1 or (worse and (_below(ctx, row.p_value) or _below(ctx, row.p_adjusted)))


def _fares_worse(direction: str, row: GroupRate) -> bool:
    """Is the group worse off than everyone else? (its p-value only matters then)"""
    if row.rate is None or row.rest_rate is None:
        return True
    if direction == "favourable":
        return row.rate < row.rest_rate
    return row.rate > row.rest_rate if direction == "unfavourable" else True


def _below(ctx: Context, p: float | None) -> bool:
    return p is not None and p < ctx.settings.alpha


def _family(table) -> str:
    return table.family or (MAIN if len(table.dimension) == 1 else INTERSECTIONS)


def _chance(ctx: Context, family: str, p: float | None, p_adjusted: float | None) -> str:
    """What the raw p-value means once the audit's many comparisons are allowed for.

    Returns the end of a sentence that began "... could arise by chance 1 time in 22".
    """
    m = ctx.comparisons(family)
    if p_adjusted is None or not m:
        return "."
    among = "comparisons between intersectional groups" if family == INTERSECTIONS else "comparisons"
    if _below(ctx, p_adjusted):
        return (f", and it stays meaningful after allowing for the {m:,} {among} this audit made "
                f"(false-discovery-rate adjusted p {pvalue(p_adjusted)}).")
    if _below(ctx, p):
        return (f" — but this audit made {m:,} {among}, and {expected_by_chance(m, p)}, so this one may be "
                f"chance (false-discovery-rate adjusted p {pvalue(p_adjusted)}). Worth watching, not enough to act "
                "on by itself.")
    return "."


def _p_numbers(family: str, ctx: Context, p_adjusted: float | None) -> dict:
    return {"p_adjusted": p_adjusted, "family": family, "comparisons": ctx.comparisons(family)}


def _severity(ratio_low: bool, significant: bool) -> str | None:
    if ratio_low and significant:
        return Status.FLAG
    return Status.WATCH if ratio_low or significant else None


def _people(ctx: Context, dimension, parts) -> str:
    return describe(dimension, parts, ctx.labels)


def rate_finding(ctx: Context, table: RateTable, row: GroupRate) -> Finding:
    """One group's rate against the most favoured group's, in words."""
    o = ctx.outcomes[table.outcome]
    ref = table.row(table.reference)
    who, ref_who = _people(ctx, table.dimension, row.parts), _people(ctx, table.dimension, ref.parts)
    text = f"{sentence(who)} {o.event} at {pct(row.rate)} vs {pct(ref.rate)} for {ref_who}"
    if o.direction == "unfavourable":
        text += f" ({times(row.relative_risk)}); on the favourable side the impact ratio is {num(row.impact_ratio)}"
    elif o.direction == "favourable":
        text += f"; impact ratio {num(row.impact_ratio)}"
    family = _family(table)
    text += (f". Against everyone else ({pct(row.rest_rate)} of {row.rest_n or 0:,} people), with {row.n:,} people "
             f"in the group, a gap this size would arise by chance {chance(row.p_value)}"
             f"{_chance(ctx, family, row.p_value, row.p_adjusted)}")
    if row.one_person:
        text += " One more person in this group with the favourable outcome would lift the ratio to the four-fifths line: the gap rests on a single person."
    kind = "language" if table.outcome.startswith("feedback_") else "disparity"
    return Finding(
        id=f"{table.id}/{row.group}", kind=kind, severity=row.status,
        title=f"{o.label} by {table.dimension_label}: {group_label(table.dimension, row.parts, ctx.labels)}",
        text=text, table=table.id,
        groups=(row.group, ref.group), numbers={**_rate_numbers(row, ref, o), **_p_numbers(family, ctx, row.p_adjusted)},
        summary=_rate_summary(ctx, table, row, ref, o),
    )


def _rate_summary(ctx: Context, table: RateTable, row: GroupRate, ref: GroupRate, o: OutcomeInfo) -> str:
    """The finding in plain words: "Women received 'Exceeds' about a third as often as men: 8% vs 25%." """
    who, ref_who = _people(ctx, table.dimension, row.parts), _people(ctx, table.dimension, ref.parts)
    ratio = row.rate / ref.rate if row.rate is not None and ref.rate else None
    rest = f" (everyone else: {pct(row.rest_rate)})" if len(table.rows) - bool(table.unknown) > 2 else ""
    if ratio is None and o.direction == "unfavourable":
        how = f"while no {ref_who} did"
        return (f"{sentence(who)} {o.event} at {pct(row.rate)} {how}{rest}. "
                f"{chance_verdict(row.p_value, row.p_adjusted, ctx.settings.alpha)}")
    return (f"{sentence(who)} {o.event} {as_often(ratio)} {ref_who}: {pct(row.rate)} vs {pct(ref.rate)}{rest}. "
            f"{chance_verdict(row.p_value, row.p_adjusted, ctx.settings.alpha)}")


def _rate_numbers(row: GroupRate, ref: GroupRate, o: OutcomeInfo) -> dict:
    return {
        "group": row.group, "n": row.n, "events": row.events, "rate": row.rate, "ci_low": row.ci_low,
        "ci_high": row.ci_high, "reference_group": ref.group, "reference_n": ref.n, "reference_events": ref.events,
        "reference_rate": ref.rate, "impact_ratio": row.impact_ratio, "relative_risk": row.relative_risk,
        "p_value": row.p_value, "test": row.test, "one_person": bool(row.one_person), "direction": o.direction,
    }


def _mean_findings(ctx: Context, rates: list[RateTable], means: list[MeanTable], scoring: dict[str, str]) -> list[Finding]:
    by_id = {(t.outcome, t.dimension): t for t in rates}
    out = []
    for table in means:
        if not table.protected or table.reference is None:
            continue
        score = by_id.get((scoring.get(table.outcome), table.dimension))
        for row in table.rows:
            srow = score.row(row.group) if score else None
            if row.status in (Status.TOO_SMALL, Status.REFERENCE, Status.UNKNOWN):
                continue
            low = bool(srow and srow.impact_ratio is not None and srow.impact_ratio < ctx.settings.impact_threshold)
            lower = row.rest_mean is None or (row.mean is not None and row.mean < row.rest_mean)
            sig = _below(ctx, row.p_adjusted) and lower
            severity = _severity(low, sig)
            if severity and (len(table.dimension) == 1 or sig or _below(ctx, row.p_value)):
                out.append(mean_finding(ctx, table, row, score, srow, severity))
    return out


def mean_finding(ctx: Context, table: MeanTable, row: GroupMean, score: RateTable | None,
                 srow: GroupRate | None, severity: str) -> Finding:
    o = ctx.outcomes[table.outcome]
    ref = table.row(table.reference)
    who, ref_who = _people(ctx, table.dimension, row.parts), _people(ctx, table.dimension, ref.parts)
    text = (f"{o.label}: {who} averaged {num(row.mean)} vs {num(ref.mean)} for {ref_who} "
            f"(gap {num(row.gap)}, 95% CI {num(row.gap_ci_low)} to {num(row.gap_ci_high)})")
    numbers = {"group": row.group, "n": row.n, "mean": row.mean, "reference_group": ref.group, "reference_n": ref.n,
               "reference_mean": ref.mean, "gap": row.gap, "gap_ci_low": row.gap_ci_low,
               "gap_ci_high": row.gap_ci_high, "p_value": row.p_value,
               **_p_numbers(_family(table), ctx, row.p_adjusted)}
    groups = [row.group, ref.group]
    if srow is not None and score is not None and score.reference is not None:
        sref = score.row(score.reference)
        text += (f"; {pct(srow.rate)} scored above the organisation's median vs {pct(sref.rate)} for "
                 f"{_people(ctx, table.dimension, sref.parts)}, impact ratio {num(srow.impact_ratio)}")
        numbers.update(scoring_rate=srow.rate, reference_scoring_rate=sref.rate, impact_ratio=srow.impact_ratio,
                       scoring_p_value=srow.p_value, one_person=bool(srow.one_person))
    text += (f". Against everyone else (mean {num(row.rest_mean)} for {row.rest_n or 0:,} people), with {row.n:,} "
             f"people in the group, a gap this size would arise by chance {chance(row.p_value)}"
             f"{_chance(ctx, _family(table), row.p_value, row.p_adjusted)}")
    if srow is not None and srow.one_person:
        text += " One more person above the median would lift the ratio to the four-fifths line: the gap rests on a single person."
    summary = (f"{o.label}: {who} averaged {num(row.mean)} vs {num(ref.mean)} for {ref_who}"
               f"{f' (everyone else: {num(row.rest_mean)})' if len(table.rows) - bool(table.unknown) > 2 else ''}. "
               f"{chance_verdict(row.p_value, row.p_adjusted, ctx.settings.alpha)}")
    return Finding(id=f"{table.id}/{row.group}", kind="mean_gap", severity=severity,
                   title=f"{o.label} by {table.dimension_label}: {group_label(table.dimension, row.parts, ctx.labels)}",
        text=text, table=table.id,
                   groups=tuple(dict.fromkeys(groups)), numbers=numbers, summary=summary)


def calibration_finding(ctx: Context, m) -> Finding:
    """A manager whose ratings differ from the rest of the organisation."""
    high, low = ctx.settings.high_and_low(ctx.scale)
    share = lambda counts, cats: sum(counts[ctx.scale.index(c)] for c in cats) / max(sum(counts), 1)  # noqa: E731
    mine, rest = m.counts, m.rest_counts
    text = (f"{m.manager}'s team ({m.team_size} people, {m.rated} rated) was rated differently from the rest of the "
            f"organisation: {_cats(high)} {pct(share(mine, high))} vs {pct(share(rest, high))}, "
            f"{_cats(low)} {pct(share(mine, low))} vs {pct(share(rest, low))}; mean rating {num(m.mean)} vs "
            f"{num(m.rest_mean)} on a 1–{len(ctx.scale)} scale (gap {num(m.gap)}, 95% CI {num(m.gap_ci_low)} to "
            f"{num(m.gap_ci_high)}). A spread of ratings this different would arise by chance "
            f"{chance(m.distribution_p)}; a mean gap this size {chance(m.gap_p)}{_calibration_chance(ctx, m)}")
    return Finding(
        id=f"calibration/{m.manager}", kind="calibration", severity=m.status,
        title=f"Calibration: {m.manager}", text=text, table="calibration", groups=(m.manager,),
        numbers={"manager": m.manager, "team_size": m.team_size, "rated": m.rated, "mean": m.mean,
                 "rest_mean": m.rest_mean, "gap": m.gap, "gap_ci_low": m.gap_ci_low, "gap_ci_high": m.gap_ci_high,
                 "p_value": m.distribution_p, "gap_p": m.gap_p, "test": m.test,
                 "p_adjusted": m.distribution_p_adjusted, "gap_p_adjusted": m.gap_p_adjusted,
                 "family": CALIBRATION, "comparisons": ctx.comparisons(CALIBRATION)},
        summary=_calibration_summary(ctx, m),
    )


def _calibration_chance(ctx: Context, m) -> str:
    """What the two p-values mean once every team's comparisons are allowed for — each judged on its own."""
    n = ctx.comparisons(CALIBRATION)
    if not n or m.distribution_p_adjusted is None:
        return "."
    among = f"the {n:,} team comparisons this audit made"
    adjusted = f"false-discovery-rate adjusted p {pvalue(m.distribution_p_adjusted)} for the spread, " \
               f"{pvalue(m.gap_p_adjusted)} for the mean"
    spread, mean = _below(ctx, m.distribution_p_adjusted), _below(ctx, m.gap_p_adjusted)
    if spread and mean:
        return f"; both stay meaningful after allowing for {among} ({adjusted})."
    if spread or mean:
        kept, lost = ("spread", "mean gap") if spread else ("mean gap", "spread")
        lost_p = m.gap_p if spread else m.distribution_p
        tail = (f"the {lost} does not, so that part may be chance" if _below(ctx, lost_p)
                else f"the {lost} was not unusual to begin with")
        return f". After allowing for {among}, the {kept} stays meaningful; {tail} ({adjusted})."
    smallest = min(p for p in (m.distribution_p, m.gap_p) if p is not None)
    if _below(ctx, smallest):
        return (f" — but this audit made {n:,} team comparisons, and {expected_by_chance(n, smallest)}, "
                f"so this may be chance ({adjusted}).")
    return f"; after allowing for {among}: {adjusted}."


def _calibration_summary(ctx: Context, m) -> str:
    high, _ = ctx.settings.high_and_low(ctx.scale)
    share = lambda counts: sum(counts[ctx.scale.index(c)] for c in high) / max(sum(counts), 1)  # noqa: E731
    way = "lower" if (m.gap or 0) < 0 else "higher"
    both = _below(ctx, m.distribution_p_adjusted) and _below(ctx, m.gap_p_adjusted)
    either = _below(ctx, m.distribution_p_adjusted) or _below(ctx, m.gap_p_adjusted)
    verdict = ("A difference this size is unlikely to be chance, even allowing for the many teams compared." if both
               else "Part of this difference is unlikely to be chance; part could be." if either
               else "A difference this size could be chance, given how many teams were compared.")
    return (f"{m.manager} rated their team {way} than the rest of the organisation: mean {num(m.mean)} vs "
            f"{num(m.rest_mean)}, {_cats(high)} {pct(share(m.counts))} vs {pct(share(m.rest_counts))}. {verdict}")


def _cats(cats: tuple[str, ...]) -> str:
    return "/".join(f"'{c}'" for c in cats)


def _language_findings(language: LanguageReport) -> list[Finding]:
    n = language.counts.get("personality", 0)
    if not n:
        return []
    terms = [t for t in language.terms if t.category == "personality"]
    examples = ", ".join(f"'{t.term}' ×{t.count}" for t in terms[:5])
    people = len({h.person for h in language.hits if h.category == "personality"})
    text = (f"Written feedback describes personality rather than behaviour {n} time{'s' if n != 1 else ''}"
            f" ({examples}) for at least {people} {'person' if people == 1 else 'people'}. Each hit is listed with its "
            "context and a behaviour-focused way to say it.")
    return [Finding(id="language/personality", kind="language", severity=Status.WATCH,
                    title="Personality-focused words in feedback", text=text, table="language", groups=(), summary=text,
                    numbers={"hits": n, "people": people, **{t.term: t.count for t in terms}})]


def quality_findings(ctx: Context, q: QualityReport) -> list[Finding]:
    out = [gap_finding(ctx, g) for g in q.gaps if g.status in (Status.FLAG, Status.WATCH)]
    if q.duplicate_ids:
        ids = ", ".join(q.duplicate_ids[:5]) + ("…" if len(q.duplicate_ids) > 5 else "")
        out.append(_dq("duplicates", Status.FLAG, "Duplicate people",
                       f"{len(q.duplicate_ids)} person id(s) appear more than once ({ids}); they are counted more than once in every rate.",
                       {"duplicate_ids": len(q.duplicate_ids), "duplicate_rows": q.duplicate_rows}))
    for issue in q.out_of_range:
        if issue.count:
            out.append(_dq(f"range/{issue.field}", Status.WATCH, f"Out-of-range values: {issue.field}",
                           f"{issue.count} value(s) of {issue.field} are {issue.detail}.", {"count": issue.count}))
    if q.stale:
        out.append(_dq("stale", Status.WATCH, "Stale reviews",
                       f"{q.stale} people ({pct(q.stale / max(q.population, 1))}) were last reviewed before {q.stale_before}, "
                       f"more than {ctx.settings.stale_months} months before the audit date; their ratings may no longer "
                       f"describe their work. {q.no_review_date} have no review date.",
                       {"stale": q.stale, "no_review_date": q.no_review_date, "stale_before": q.stale_before}))
    for c in q.coverage:
        if c.share < COVERAGE_WATCH:
            out.append(_dq(f"coverage/{c.attribute}", Status.WATCH, f"{c.label} often unknown",
                           f"{c.label} is unknown for {q.population - c.known} people ({pct(1 - c.share)}); results by "
                           f"{c.label.lower()} describe only the {c.known} whose {c.label.lower()} is recorded.",
                           {"known": c.known, "unknown": q.population - c.known, "share_known": c.share}))
    return out


def gap_finding(ctx: Context, g) -> Finding:
    """Missing or stale data that falls unevenly across groups."""
    rows = [r for r in g.rows if r.n >= ctx.settings.min_group]
    hi = max(rows, key=lambda r: r.share)
    lo = min(rows, key=lambda r: r.share)
    label = {"missing": "is missing", "stale": "is stale (older than the threshold)"}[g.issue]
    consequence = {"missing": "Rates computed without these people may be biased against the groups missing most.",
                   "stale": "Ratings of these people may be out of date, so comparisons between the groups are less fair."}[g.issue]
    parts = lambda r: tuple(r.group.split(" × "))  # noqa: E731
    text = (f"{g.field.replace('_', ' ').capitalize()} {label} for {pct(hi.share)} of "
            f"{describe(g.dimension, parts(hi), ctx.labels)} vs {pct(lo.share)} of "
            f"{describe(g.dimension, parts(lo), ctx.labels)}; an uneven gap this size would arise by chance "
            f"{chance(g.p_value)}{_chance(ctx, DATA, g.p_value, g.p_adjusted)} {consequence}")
    summary = (f"{g.field.replace('_', ' ').capitalize()} {label} for {pct(hi.share)} of "
               f"{describe(g.dimension, parts(hi), ctx.labels)} vs {pct(lo.share)} of "
               f"{describe(g.dimension, parts(lo), ctx.labels)}. "
               f"{chance_verdict(g.p_value, g.p_adjusted, ctx.settings.alpha)}")
    return Finding(id=g.id, kind="data_quality", severity=g.status, summary=summary,
                   title=f"Uneven {g.issue} {g.field.replace('_', ' ')} by {g.dimension_label}", text=text, table=g.id,
                   groups=(hi.group, lo.group),
                   numbers={"field": g.field, "issue": g.issue, "highest_group": hi.group, "highest_share": hi.share,
                            "lowest_group": lo.group, "lowest_share": lo.share, "p_value": g.p_value, "test": g.test,
                            **_p_numbers(DATA, ctx, g.p_adjusted)})


def _dq(key: str, severity: str, title: str, text: str, numbers: dict) -> Finding:
    return Finding(id=f"quality/{key}", kind="data_quality", severity=severity, title=title, text=text,
                   table="quality", groups=(), numbers=numbers, summary=text)
