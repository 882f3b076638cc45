"""Plain-text rendering of an ``AuditResult`` for the terminal (``hrdesk audit``).

Findings come first — they are what a reader must act on — then the tables
behind them. Manager and intersection tables are long, so the text report
lists their groups that are flagged or watched and summarises the rest;
``--json`` and the CSV export carry every row.
"""

from __future__ import annotations

from hrdesk.fairness.multiplicity import comparisons_text
from hrdesk.fairness.result import STATUS_TEXT, AuditResult, MeanTable, RateTable, Status
from hrdesk.fairness.wording import num, pct

_RULE = "=" * 78


def render_text(result: AuditResult, *, full: bool = False) -> str:
    """The report as text; ``full=True`` prints every row of every table."""
    lines = [
        "hrdesk bias and data-quality audit",
        f"As of {result.reference_date} · {result.population:,} people · rating scale: {' < '.join(result.scale)}",
        f"Groups under {result.settings.min_group} people or {pct(result.settings.min_share)} of the population are "
        "'too small to judge'. Flag = impact ratio under "
        f"{result.settings.impact_threshold:g} and adjusted p < {result.settings.alpha:g}; watch = one of the two.",
        comparisons_text(result.families, result.settings.alpha),
        "'p' is each test's own p-value; 'adj p' allows for all the comparisons in its family (false-discovery-rate "
        "correction, Benjamini–Hochberg; against a most favoured group chosen from K groups the p-value counts K−1 times).",
        *_families(result),
        "",
    ]
    lines += _findings(result)
    for table in result.rates:
        if full or _short(table):
            lines += _rate_table(result, table)
    for table in result.means:
        if full or _short(table):
            lines += _mean_table(result, table)
    lines += _calibration(result, full)
    lines += _quality(result)
    lines += _language(result)
    if result.notes:
        lines += ["", "Notes", *(f"  - {n}" for n in result.notes)]
    return "\n".join(lines) + "\n"


def _families(result: AuditResult) -> list[str]:
    return [f"  - {f.label}: {f.tests:,} comparisons, {f.significant:,} meaningful after correction"
            for f in result.families]


def _short(table: RateTable | MeanTable) -> bool:
    return table.protected and len(table.dimension) == 1


def _findings(result: AuditResult) -> list[str]:
    flags = [f for f in result.findings if f.severity == Status.FLAG]
    watches = [f for f in result.findings if f.severity == Status.WATCH]
    notes = [f for f in result.findings if f.severity == Status.NOTE]
    could_not = f", {len(notes)} could not be judged" if notes else ""
    lines = [_RULE, f"FINDINGS: {len(flags)} flagged, {len(watches)} to watch{could_not}", _RULE]
    if not result.findings:
        lines.append("No findings: no group is below the four-fifths line, and no group fares worse than everyone else "
                     "by a margin that survives the correction for multiple comparisons.")
    for f in result.findings:
        lines.append(f"[{f.severity.upper()}] {f.title}")
        if f.summary and f.summary != f.text:
            lines.append(f"    {f.summary}")  # plain words first, then the statistics
        lines.append(f"    {f.text}")
    return lines


def _rate_table(result: AuditResult, t: RateTable) -> list[str]:
    o = result.outcome(t.outcome)
    head = f"{o.label} by {t.dimension_label}" + (f" (reference: {t.reference})" if t.reference else " (no group large enough to judge)")
    lines = ["", head, "-" * len(head),
             f"  {'group':<34}{'n':>6}{'share':>7}{'rate':>7}{'95% CI':>15}{'ratio':>7}{'p':>8}{'adj p':>8}  status"]
    for r in t.rows:
        ci = f"{pct(r.ci_low)}–{pct(r.ci_high)}"
        lines.append(f"  {r.group[:33]:<34}{r.n:>6}{pct(r.share):>7}{pct(r.rate):>7}{ci:>15}"
                     f"{num(r.impact_ratio):>7}{_p(r.p_value):>8}{_p(r.p_adjusted):>8}  {_status(r.status, r.one_person)}")
    if t.unknown:
        lines.append(f"  {t.unknown} people with {t.dimension_label.lower()} unknown (shown as 'Unknown', not judged).")
    return lines


def _mean_table(result: AuditResult, t: MeanTable) -> list[str]:
    o = result.outcome(t.outcome)
    head = f"{o.label} by {t.dimension_label}" + (f" (reference: {t.reference})" if t.reference else "")
    lines = ["", head, "-" * len(head),
             f"  {'group':<34}{'n':>6}{'mean':>7}{'95% CI':>14}{'gap':>7}{'gap 95% CI':>16}{'p':>8}{'adj p':>8}  status"]
    for r in t.rows:
        lines.append(f"  {r.group[:33]:<34}{r.n:>6}{num(r.mean):>7}{num(r.ci_low) + '–' + num(r.ci_high):>14}"
                     f"{num(r.gap):>7}{num(r.gap_ci_low) + ' to ' + num(r.gap_ci_high):>16}{_p(r.p_value):>8}"
                     f"{_p(r.p_adjusted):>8}  "
                     f"{_status(r.status, None)}")
    return lines


def _calibration(result: AuditResult, full: bool) -> list[str]:
    c = result.calibration
    if not c.managers:
        return []
    lines = ["", "Manager calibration (each team vs the rest of the organisation)", "-" * 64,
             f"  {'manager':<28}{'team':>5}{'rated':>6}  {'counts (' + ' / '.join(c.scale) + ')':<34}{'mean':>6}{'rest':>6}{'p dist':>8}{'adj':>7}{'p mean':>8}{'adj':>7}  status"]
    shown = [m for m in c.managers if full or m.status in (Status.FLAG, Status.WATCH)]
    for m in shown:
        lines.append(f"  {m.manager[:27]:<28}{m.team_size:>5}{m.rated:>6}  {' / '.join(map(str, m.counts)):<34}"
                     f"{num(m.mean):>6}{num(m.rest_mean):>6}{_p(m.distribution_p):>8}{_p(m.distribution_p_adjusted):>7}"
                     f"{_p(m.gap_p):>8}{_p(m.gap_p_adjusted):>7}  {_status(m.status, None)}")
    small = [m for m in c.managers if m.status == Status.TOO_SMALL]
    hidden = len(c.managers) - len(shown)
    lines.append(f"  {hidden} managers with no concern or too small not shown; {len(small)} teams too small to judge."
                 if hidden else f"  {len(small)} teams too small to judge.")
    return lines


def _quality(result: AuditResult) -> list[str]:
    q = result.quality
    lines = ["", "Data quality", "-" * 12]
    lines += [f"  {f.label:<28} missing {f.missing:>6} ({pct(f.share)})" for f in q.fields]
    lines += [f"  {c.label:<28} known   {c.known:>6} ({pct(c.share)})" for c in q.coverage]
    lines.append(f"  Stale reviews (before {q.stale_before}): {q.stale}; no review date: {q.no_review_date}")
    lines.append(f"  Duplicate person ids: {len(q.duplicate_ids)}; duplicate rows: {q.duplicate_rows}")
    lines += [f"  Out of range: {i.field} {i.detail}: {i.count}" for i in q.out_of_range if i.count]
    return lines


def _language(result: AuditResult) -> list[str]:
    lang = result.language
    if not lang.texts:
        return []
    c = lang.counts
    lines = ["", "Feedback language", "-" * 17,
             f"  {lang.texts} texts for {lang.people_with_feedback} people: {c.get('personality', 0)} personality-focused, "
             f"{c.get('masculine', 0)} masculine-coded, {c.get('feminine', 0)} feminine-coded words."]
    for h in [h for h in lang.hits if h.category == "personality"][:20]:
        lines.append(f"  - {h.person}: {h.snippet}")
        lines.append(f"      try: {h.suggestion}")
    return lines


def _p(p: float | None) -> str:
    if p is None:
        return "–"
    return "<0.001" if p < 0.001 else f"{p:.3f}"


def _status(status: str, one_person: bool | None) -> str:
    return STATUS_TEXT[status] + (" (rests on one person)" if one_person else "")
