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
from hrdesk.suggest.pipeline import SPECS, fmt_value, FeatureTable

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
    """The stored model, its threshold and the organisation's feature table, ready to explain anyone in it."""

    def __init__(self, stored: dict[str, Any], table: FeatureTable) -> None:
        self.model = LinearModel.from_dict(stored["model"])
        self.cut = float(stored["model"]["threshold_log_odds"])
        self.version = int(stored["version"])
        self.table = table
        self.cols = [table.features.index(f) for f in self.model.features]
        self.X = table.X[:, self.cols]
        self._team_medians = self._medians()

    def _medians(self) -> dict[str | None, np.ndarray]:
        active = self.table.active
        teams = np.array(self.table.teams, dtype=object)
        out: dict[str | None, np.ndarray] = {}
        for team in set(teams[active]):
            rows = self.X[active & (teams == team)]
            out[team] = np.array([np.median(c[~np.isnan(c)]) if (~np.isnan(c)).any() else np.nan for c in rows.T])
        return out

    def log_odds(self) -> np.ndarray:
        return self.model.log_odds(self.X)

    def flagged(self) -> np.ndarray:
        """Who the model flags among consenting people still employed."""
        return self.table.active & (self.log_odds() >= self.cut)

    def explain_index(self, i: int) -> Explanation:
        row = self.X[i]
        contrib = self.model.contributions(row[None, :])[0]
        lo = float(self.model.base_value + contrib.sum())
        team = self._team_medians.get(self.table.teams[i])
        order = np.argsort(-np.abs(contrib), kind="stable")
        items = tuple(self._words(j, row[j], contrib[j], None if team is None else team[j]) for j in order)
        flagged = bool(self.table.active[i] and lo >= self.cut)
        cf = find_counterfactual(self.model, row, self.cut) if flagged else None
        return Explanation(
            employee_id=self.table.hris_ids[i], name=self.table.names[i], flagged=flagged,
            base_value=self.model.base_value, contributions=items, log_odds=lo,
            probability=1 / (1 + math.exp(-lo)), threshold_probability=1 / (1 + math.exp(-self.cut)),
            counterfactual=cf, features_as_of=str(self.table.as_of[i]),
            data_from=self.table.data_from.isoformat() if self.table.data_from else None,
            data_to=self.table.data_to.isoformat() if self.table.data_to else None, card_version=self.version)

    def explain(self, hris_id: str) -> Explanation:
        i = self.table.index_of(hris_id)
        if i is None:
            raise RecordNotFoundError(f"There is no suggestion for employee '{hris_id}'.",
                                      hint="Check the id; people who opted out of AI processing are never scored.")
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
