"""The monitoring report as plain text: what ``hrdesk monitor`` prints (and any other reader may reuse)."""

from __future__ import annotations

from collections.abc import Sequence

from hrdesk.monitoring.model import BREACH, WATCH, Alert, MonitoringReport

_MARK = {BREACH: "BREACH", WATCH: "watch"}


def thresholds_lines(report: MonitoringReport) -> list[str]:
    t = report.thresholds
    if t is None:
        return ["Thresholds: none (governance step 6 is not signed)."]
    pilot = ", ".join(t.pilot_teams) if t.pilot_teams else "all teams"
    promised = f"{t.contest_response_days} days" if t.contest_response_days else "not set (step 3)"
    return [f"Thresholds (governance step 6, signed by {t.signed_by}; live since {t.go_live or 'unknown'}):",
            f"  impact ratio floor {t.impact_ratio_floor:.2f}; override band {t.override_band()}; contest rate "
            f"ceiling {t.contest_rate_ceiling:.1%}; minimum group {t.min_group_size}",
            f"  contests answered within {promised}; escalation to {t.escalation_contact} within "
            f"{t.escalation_days} days; pilot: {pilot}"]


def report_text(report: MonitoringReport, alerts: Sequence[Alert]) -> str:
    lines = [f"Monitoring as of {report.until} (computed {report.computed_at[:16].replace('T', ' ')} UTC by "
             f"{report.computed_by or 'HR'}); decisions and contests since {report.since or 'the start'}.",
             report.headline(), ""]
    lines += thresholds_lines(report)
    lines += ["", "Who the suggestions flag, by group:", f"  {report.flag_note}"]
    for r in report.flag_rates:
        lines.append(f"  {_mark(r.judgement)}[{r.kind}] {r.sentence}")
    lines += ["", "Decisions on suggestions, per manager:", f"  {report.decisions_note}"]
    lines += [f"  {_mark(m.judgement)}{m.sentence}" for m in report.managers]
    lines += ["", "Contests:", f"  {report.contests.sentence}"]
    if report.pilot is not None:
        lines += ["", "Does it help? (pilot vs comparison teams)", f"  {report.pilot.sentence}"]
        lines += [f"  {e.sentence}" for e in report.pilot.estimates]
        if report.pilot.estimates:
            lines.append(f"  Method: {report.pilot.estimates[0].method}")
    lines += ["", "Alerts:"] + ([f"  [{a.status}] {a.id}: {a.sentence()}" for a in alerts] or ["  none"])
    lines += [f"Note: {n}" for n in report.notes]
    return "\n".join(lines)


def _mark(judgement: str) -> str:
    mark = _MARK.get(judgement)
    return f"{mark}: " if mark else ""
