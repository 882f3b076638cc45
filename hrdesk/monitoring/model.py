"""What monitoring after go-live finds: the report the Monitoring page, ``hrdesk monitor`` and the audit packet read.

One ``MonitoringReport`` per run, stored in the vault (under the governance
key, so an auditor can read it without reading anyone's records) beside the
alerts it raised. Every number says what it is compared with (governance
step 6's thresholds) and anything that could not be judged says so in words:
a list is never silently empty.

Readers use these types and ``hrdesk.monitoring.query``::

    latest_report(vault) -> MonitoringReport | None
    alerts(vault, *, open_only=False) -> list[Alert]
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from hrdesk.fairness._serial import from_jsonable, to_jsonable
from hrdesk.governance.step_live import GoLive

# Judgements of one row against its threshold (kept as plain strings in JSON).
WITHIN = "within"          # inside the threshold
BREACH = "breach"          # outside it: raises an alert
TOO_FEW = "too_few"        # too little data to judge: said in words, never counted as fine
NOT_JUDGED = "not_judged"  # no threshold applies (e.g. the reference group)
WATCH = "watch"            # past the threshold, but not clearly (could be chance after correction): shown, not raised


@dataclass(frozen=True)
class Thresholds(GoLive):
    """Governance step 6's monitoring plan as signed (``GoLive``), step 3's promised contest response time,
    and the go-live day."""

    contest_response_days: int | None = None   # governance step 3; None when step 3 holds no answer
    go_live: dt.date | None = None              # the day step 6 was signed (for the current pilot scope)
    signed_by: str = ""

    def override_band(self) -> str:
        return f"{self.override_low:.0%} to {self.override_high:.0%}"


@dataclass(frozen=True)
class FlagRate:
    """How often one protected group is flagged by one kind of suggestion, judged by the audits engine."""

    kind: str                 # retention | development | wellbeing
    attribute: str            # e.g. "Sex"
    group: str
    n: int
    flagged: int
    rate: float | None
    impact_ratio: float | None   # rate of *not* being flagged over the least-flagged judgeable group's
    p_value: float | None        # the group vs everyone else (the engine's test)
    p_adjusted: float | None     # Benjamini–Hochberg, across every comparison of this run
    engine_status: str           # the audits engine's: reference, ok, watch, flag, too_small, unknown
    judgement: str               # WITHIN | BREACH | TOO_FEW | NOT_JUDGED against step 6's floor
    sentence: str
    ci_low: float | None = None  # the engine's Wilson interval of the rate
    ci_high: float | None = None


@dataclass(frozen=True)
class ManagerDecisions:
    """One manager's decisions on suggestions, against the override band."""

    manager: str
    decisions: int
    accepted: int
    set_aside: int
    disagreed: int
    override_rate: float | None   # (set aside + disagreed) / decisions
    ci_low: float | None          # Wilson interval of the override rate
    ci_high: float | None
    judgement: str
    sentence: str


@dataclass(frozen=True)
class ContestSummary:
    """Contests received, their outcomes and response times against the promised deadline."""

    received: int
    open: int
    overdue: int                  # open and past their due date
    upheld: int
    partly_upheld: int
    not_upheld: int
    answered_on_time: int
    answered_late: int
    median_response_days: float | None
    longest_response_days: int | None
    promised_days: int | None
    decisions: int                # suggestion decisions in the same period (the contest rate's base)
    contest_rate: float | None    # contests / decisions
    rate_judgement: str
    deadline_judgement: str
    sentence: str


@dataclass(frozen=True)
class Breach:
    """Something outside a step-6 threshold; the same ``key`` and ``evidence`` is the same breach."""

    key: str          # what breached, stably named, e.g. "override/above/Jane Doe"
    title: str        # one line, e.g. "Jane Doe overrides 95% of suggestions (band 5% to 60%)"
    detail: str       # the numbers and what to look at
    evidence: str     # the numbers as a short fingerprint: a change in them is a new breach


@dataclass(frozen=True)
class Alert:
    """A breach raised to the escalation contact, and how HR handled it."""

    id: str
    key: str
    title: str
    detail: str
    evidence: str
    contact: str
    raised_on: dt.date
    respond_by: dt.date
    status: str = "open"          # open | handled
    handled_on: dt.date | None = None
    handled_by: str = ""
    handling: str = ""            # what was done, in HR's words

    @property
    def is_open(self) -> bool:
        return self.status == "open"

    def sentence(self) -> str:
        if self.is_open:
            return f"{self.title}. Escalated to {self.contact}, to respond by {self.respond_by.isoformat()}."
        return f"{self.title}. Handled on {self.handled_on} by {self.handled_by}: {self.handling}"


@dataclass(frozen=True)
class PilotEstimate:
    """A difference-in-differences estimate for one outcome: pilot vs comparison teams, before vs after go-live."""

    outcome: str                  # engagement | satisfaction | mood | voluntary_leaving
    label: str
    source: str                   # where the numbers come from, in words
    unit: str                     # e.g. "points on 1-5", "percentage points a month"
    pilot_teams: int
    comparison_teams: int
    periods_before: int
    periods_after: int
    pilot_before: float | None
    pilot_after: float | None
    comparison_before: float | None
    comparison_after: float | None
    effect: float | None
    ci_low: float | None
    ci_high: float | None
    smallest_effect: float        # the smallest change worth detecting (decides "enough data")
    enough_data: bool
    more_months: int | None       # about how many more months at this size, when not enough
    method: str
    sentence: str


@dataclass(frozen=True)
class PilotComparison:
    """'Does it help?': present only when step 6 named pilot teams."""

    go_live: dt.date | None
    pilot_teams: tuple[str, ...]
    estimates: tuple[PilotEstimate, ...]
    sentence: str


@dataclass(frozen=True)
class MonitoringReport:
    """One monitoring run: every comparison with step 6's thresholds, the breaches, and the pilot comparison."""

    computed_at: str              # ISO time of the run
    computed_by: str
    since: dt.date | None         # decisions and contests counted from (go-live by default)
    until: dt.date
    thresholds: Thresholds | None  # None: step 6 is not signed (monitoring then only describes)
    flag_rates: tuple[FlagRate, ...]
    flag_note: str                # why there are no flag rates, or how they were judged
    managers: tuple[ManagerDecisions, ...]
    decisions_note: str
    contests: ContestSummary
    breaches: tuple[Breach, ...]
    pilot: PilotComparison | None
    notes: tuple[str, ...] = field(default_factory=tuple)
    alerts_raised: tuple[str, ...] = ()   # ids of alerts this run raised (not already open)

    def headline(self) -> str:
        if self.thresholds is None:
            return "Monitoring has no thresholds yet: governance step 6 is not signed."
        if not self.breaches:
            return "Everything monitored is within governance step 6's thresholds."
        n = len(self.breaches)
        return f"{n} breach{'es' if n != 1 else ''} of governance step 6's thresholds."

    def to_dict(self) -> dict[str, Any]:
        return _iso(to_jsonable(self))

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> "MonitoringReport":
        return from_jsonable(cls, _dates(cls, raw))


def _dates(cls: type, raw: Any) -> Any:
    """ISO strings back to dates wherever the annotation says ``dt.date`` (``_serial`` keeps them as text)."""
    import dataclasses
    import typing

    if not isinstance(raw, dict) or not dataclasses.is_dataclass(cls):
        return raw
    hints = typing.get_type_hints(cls)
    out = dict(raw)
    for f in dataclasses.fields(cls):
        if f.name not in out:
            continue
        out[f.name] = _value(hints[f.name], out[f.name])
    return out


def _value(tp: Any, value: Any) -> Any:
    import dataclasses
    import types
    import typing

    if value is None:
        return None
    args = [a for a in typing.get_args(tp) if a is not type(None)]
    if typing.get_origin(tp) in (typing.Union, types.UnionType) and len(args) == 1:
        tp = args[0]
    if tp is dt.date and isinstance(value, str):
        return dt.date.fromisoformat(value)
    if dataclasses.is_dataclass(tp):
        return _dates(tp, value)
    if typing.get_origin(tp) is tuple and typing.get_args(tp) and dataclasses.is_dataclass(typing.get_args(tp)[0]):
        return [_dates(typing.get_args(tp)[0], v) for v in value]
    return value


def _iso(value: Any) -> Any:
    """Dates as ISO text, all the way down (JSON has no date)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _iso(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_iso(v) for v in value]
    return value


def alert_to_dict(alert: Alert) -> dict[str, Any]:
    out = _iso(to_jsonable(alert))
    out.pop("id", None)
    return out


def alert_from_dict(row_id: str, raw: dict[str, Any]) -> Alert:
    values = {k: raw[k] for k in Alert.__dataclass_fields__ if k in raw and k != "id"}
    for key in ("raised_on", "respond_by", "handled_on"):
        if values.get(key):
            values[key] = dt.date.fromisoformat(values[key])
    return Alert(id=row_id, **values)
