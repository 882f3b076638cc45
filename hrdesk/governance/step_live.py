"""Steps 4-6's answers: training attestations, how employees were told, and the go-live monitoring plan.

Step 4 (``step-4.json``)::

    {"attestations": [{"managers": "all in scope" | ["Name", ...], "what": "...", "when": "YYYY-MM-DD",
                       "provider": "..."}]}           # may be [] when every manager passed the quiz

Step 5 (``step-5.json``)::

    {"how_communicated": "...", "questions_to": "..."}

Step 6 (``step-6.json``)::

    {"thresholds": {"impact_ratio_floor": 0.8, "override_rate_band": {"low": 0.05, "high": 0.6},
                    "contest_rate_ceiling": 0.05, "min_group_size": 10},
     "escalation": {"contact": "...", "response_days": 5},
     "pilot": {"scope": "all" | "pilot", "pilot_teams": ["Manager name", ...]}}
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from hrdesk.errors import InvalidAnswersError
from hrdesk.governance import answers as a
from hrdesk.governance.training import Manager

ALL_IN_SCOPE = "all in scope"


@dataclass(frozen=True)
class Attestation:
    managers: tuple[Manager, ...]
    what: str
    when: dt.date
    provider: str


def read_attestations(raw: Mapping[str, Any], managers: Sequence[Manager]) -> list[Attestation]:
    answers = a.obj(raw, "")
    by_name = {m.name.casefold(): m for m in managers}
    out = []
    for i, item in enumerate(a.items(answers, "attestations")):
        where = f"attestations[{i}]"
        item = a.obj(item, where)
        named = item.get("managers")
        if named == ALL_IN_SCOPE:
            chosen = tuple(managers)
        elif isinstance(named, list) and named and all(isinstance(n, str) for n in named):
            unknown = [n for n in named if n.casefold() not in by_name]
            if unknown:
                raise InvalidAnswersError(f"{where}.managers", f"'{unknown[0]}' is not a manager whose team is in scope",
                                          hint="Use names from 'hrdesk governance VAULT show 4', or \"all in scope\".")
            chosen = tuple(by_name[n.casefold()] for n in named)
        else:
            raise InvalidAnswersError(f"{where}.managers", f"\"{ALL_IN_SCOPE}\" or a list of manager names is needed")
        when_text = a.text(item, "when", where)
        try:
            when = dt.date.fromisoformat(when_text)
        except ValueError:
            raise InvalidAnswersError(f"{where}.when", f"a date as YYYY-MM-DD is needed, not '{when_text}'") from None
        if when > dt.date.today():
            raise InvalidAnswersError(f"{where}.when", f"{when_text} is in the future; attest training once it is done")
        out.append(Attestation(chosen, a.text(item, "what", where, min_len=a.MIN_TEXT), when,
                               a.text(item, "provider", where)))
    return out


def read_communication(raw: Mapping[str, Any]) -> dict[str, str]:
    answers = a.obj(raw, "")
    return {"how_communicated": a.text(answers, "how_communicated", min_len=a.MIN_TEXT),
            "questions_to": a.text(answers, "questions_to")}


@dataclass(frozen=True)
class GoLive:
    impact_ratio_floor: float
    override_low: float
    override_high: float
    contest_rate_ceiling: float
    min_group_size: int
    escalation_contact: str
    escalation_days: int
    pilot_teams: tuple[str, ...]  # manager names; empty: all teams

    def to_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "pilot_teams": list(self.pilot_teams)}


def read_golive(raw: Mapping[str, Any], managers: Sequence[Manager]) -> GoLive:
    answers = a.obj(raw, "")
    t = a.sub(answers, "thresholds")
    band = a.sub(t, "override_rate_band", "thresholds")
    low = a.number(band, "low", "thresholds.override_rate_band", low=0, high=1)
    high = a.number(band, "high", "thresholds.override_rate_band", low=0, high=1)
    if high <= low:
        raise InvalidAnswersError("thresholds.override_rate_band.high", f"must be above low ({low:g})")
    esc = a.sub(answers, "escalation")
    pilot = a.sub(answers, "pilot")
    scope = a.choice(pilot, "scope", ("all", "pilot"), "pilot")
    teams: tuple[str, ...] = ()
    if scope == "pilot":
        named = a.items(pilot, "pilot_teams", "pilot", min_items=1)
        known = {m.name.casefold(): m.name for m in managers}
        for i, name in enumerate(named):
            if not isinstance(name, str) or name.casefold() not in known:
                raise InvalidAnswersError(f"pilot.pilot_teams[{i}]", f"'{name}' is not a manager whose team is in scope")
        teams = tuple(known[n.casefold()] for n in named)
        if len(teams) == len(managers):
            raise InvalidAnswersError("pilot.pilot_teams", "every team is named, which leaves no comparison group",
                                      hint="Use \"scope\": \"all\" to go live everywhere.")
    return GoLive(
        impact_ratio_floor=a.number(t, "impact_ratio_floor", "thresholds", low=0.5, high=1.0),
        override_low=low, override_high=high,
        contest_rate_ceiling=a.number(t, "contest_rate_ceiling", "thresholds", low=0.0, high=1.0),
        min_group_size=a.integer(t, "min_group_size", "thresholds", low=5, high=1000, unit="people"),
        escalation_contact=a.text(esc, "contact", "escalation"),
        escalation_days=a.integer(esc, "response_days", "escalation", low=1, high=30, unit="days"),
        pilot_teams=teams)
