"""Explanations of a retention suggestion: exact contributions in plain words, a counterfactual, dates, card version.

``Explainer`` is prepared once from the stored model and the feature table
(team medians included), so a review page explains one person in
milliseconds. The numbers are the model's own: base value + contributions =
log-odds, and the probability is the logistic of that.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from hrdesk.errors import RecordNotFoundError
from hrdesk.suggest.counterfactual import Counterfactual, find_counterfactual
from hrdesk.suggest.linear import LinearModel
from hrdesk.suggest.pipeline import SPECS, FeatureTable, fmt_value, period_from, period_to

TOP = 3  # factors shown each way


@dataclass(frozen=True)
class Contribution:
    name: str
    label: str
    value: float | None  # None: not recorded (the training median was used)
    contribution: float  # log-odds
    words: str


@dataclass(frozen=True)
class Explanation:
    employee_id: str
    name: str
    flagged: bool
    base_value: float
    contributions: tuple[Contribution, ...]  # every feature, largest effect first
    log_odds: float
    probability: float
    threshold_probability: float
    counterfactual: Counterfactual | None
    features_as_of: str
    data_from: str | None
    data_to: str | None
    card_version: int

    @property
    def raised(self) -> tuple[Contribution, ...]:
        return tuple(c for c in self.contributions if c.contribution > 0)[:TOP]

    @property
    def lowered(self) -> tuple[Contribution, ...]:
        return tuple(c for c in self.contributions if c.contribution < 0)[:TOP]

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["top_up"] = [c.name for c in self.raised]
        out["top_down"] = [c.name for c in self.lowered]
        out["counterfactual"] = asdict(self.counterfactual) if self.counterfactual else None
        return out


class Explainer:
    """The stored model, its threshold and a feature table (the organisation's, or one team's), ready to explain
    anyone in it.

    An explanation compares a person with their own team (its medians, the period its records span), so it is
    the same from the whole organisation's table as from the team's alone; each team is summarised on first use.
    """

    def __init__(self, stored: dict[str, Any], table: FeatureTable) -> None:
        self.model = LinearModel.from_dict(stored["model"])
        self.cut = float(stored["model"]["threshold_log_odds"])
        self.version = int(stored["version"])
        self.table = table
        self.cols = [table.features.index(f) for f in self.model.features]
        self.X = table.X[:, self.cols]
        self._rows: dict[str | None, list[int]] = {}
        for i, team in enumerate(table.teams):
            self._rows.setdefault(team, []).append(i)
        self._team_medians: dict[str | None, np.ndarray | None] = {}

    def team_median(self, team: str | None) -> np.ndarray | None:
        """Each feature's median over the team's people still employed (None: nobody there is)."""
        if team not in self._team_medians:
            rows = [i for i in self._rows.get(team, ()) if self.table.active[i]]
            self._team_medians[team] = np.array(
                [np.median(c[~np.isnan(c)]) if (~np.isnan(c)).any() else np.nan for c in self.X[rows].T]
            ) if rows else None
        return self._team_medians[team]

    def team_period(self, team: str | None) -> tuple[str | None, str | None]:
        """The oldest and newest dates the team's features were read from (ISO), as the explanation names them."""
        table = self.table
        if table.seen_from is None or table.seen_to is None:
            first, last = table.data_from, table.data_to
        else:
            rows = self._rows.get(team, [])
            first, last = period_from(table.seen_from[rows]), period_to(table.seen_to[rows], table.reference)
        return (first.isoformat() if first else None), (last.isoformat() if last else None)

    def log_odds(self) -> np.ndarray:
        return self.model.log_odds(self.X)

    def flagged(self) -> np.ndarray:
        """Who the model flags among consenting people still employed."""
        return self.table.active & (self.log_odds() >= self.cut)

    def explain_index(self, i: int) -> Explanation:
        row = self.X[i]
        contrib = self.model.contributions(row[None, :])[0]
        lo = float(self.model.base_value + contrib.sum())
        team = self.team_median(self.table.teams[i])
        data_from, data_to = self.team_period(self.table.teams[i])
        order = np.argsort(-np.abs(contrib), kind="stable")
        items = tuple(self._words(j, row[j], contrib[j], None if team is None else team[j]) for j in order)
        flagged = bool(self.table.active[i] and lo >= self.cut)
        cf = find_counterfactual(self.model, row, self.cut) if flagged else None
        return Explanation(
            employee_id=self.table.hris_ids[i], name=self.table.names[i], flagged=flagged,
            base_value=self.model.base_value, contributions=items, log_odds=lo,
            probability=1 / (1 + math.exp(-lo)), threshold_probability=1 / (1 + math.exp(-self.cut)),
            counterfactual=cf, features_as_of=str(self.table.as_of[i]),
            data_from=data_from, data_to=data_to, card_version=self.version)

    def explain(self, hris_id: str) -> Explanation:
        i = self.table.index_of(hris_id)
        if i is None:
            raise not_scored(hris_id)
        return self.explain_index(i)

    def _words(self, j: int, value: float, contribution: float, team_median: float | None) -> Contribution:
        name = self.model.features[j]
        spec = SPECS[name]
        effect = "raised" if contribution > 0 else "lowered" if contribution < 0 else "did not change"
        number = f"{contribution:+.2f}"
        if np.isnan(value):
            text = (f"No {spec.label} is recorded, so the organisation's usual value "
                    f"({fmt_value(self.model.medians[j], spec.integer)}) was assumed; this {effect} the estimate ({number})")
            return Contribution(name, spec.label, None, float(contribution), text)
        text = f"{fmt_value(value, spec.integer)} {spec.label}"
        if team_median is not None and not np.isnan(team_median):
            same = fmt_value(value, spec.integer) == fmt_value(team_median, spec.integer)
            relation = ("the same as" if same else "well above" if value > team_median * 1.5 + 0.5
                        else "above" if value > team_median
                        else "well below" if value < team_median / 1.5 - 0.5 else "below")
            text += f", {relation} the team's median of {fmt_value(team_median, spec.integer)}"
        text += f", {effect} this ({number})"
        return Contribution(name, spec.label, float(value), float(contribution), text[0].upper() + text[1:])


def not_scored(hris_id: str) -> RecordNotFoundError:
    """The refusal for an id nobody scored: unknown, or someone who opted out of AI processing."""
    return RecordNotFoundError(f"There is no suggestion for employee '{hris_id}'.",
                               hint="Check the id; people who opted out of AI processing are never scored.")
