"""The smallest realistic change in one or two actionable factors that would change a retention suggestion.

Only features an employee and manager can change together are moved, only in
the direction that is realistic (a review can be held, a project offered, a
stalled goal closed), and only within realistic bounds. Size is measured in
training standard deviations so that years and counts compare fairly. The
model is linear, so the change needed is solved exactly, not searched.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import numpy as np

from hrdesk.suggest.linear import LinearModel
from hrdesk.suggest.pipeline import SPECS, fmt_value

MARGIN = 1e-6  # land strictly on the other side of the threshold


@dataclass(frozen=True)
class Change:
    name: str
    label: str
    from_value: float
    to_value: float
    words: str


@dataclass(frozen=True)
class Counterfactual:
    changes: tuple[Change, ...]
    log_odds: float
    probability: float
    words: str

    def apply(self, row: np.ndarray, features: tuple[str, ...]) -> np.ndarray:
        """The feature row with the changes made (for checking that it flips the suggestion)."""
        out = np.array(row, dtype=float)
        for c in self.changes:
            out[features.index(c.name)] = c.to_value
        return out


def _room(value: float, name: str) -> tuple[float, float]:
    """How far a factor may move (negative, positive) from ``value`` in its realistic direction."""
    spec = SPECS[name]
    if not spec.actionable or not spec.change:
        return 0.0, 0.0
    step = spec.max_step if spec.max_step is not None else math.inf
    if spec.change == "up":
        return 0.0, min((spec.high - value) if spec.high is not None else math.inf, step)
    return -min((value - spec.low) if spec.low is not None else math.inf, step), 0.0


def _snap(name: str, target: float, start: float) -> float:
    spec = SPECS[name]
    if not spec.integer:
        return target
    return float(math.ceil(target - 1e-9)) if target > start else float(math.floor(target + 1e-9))


def find_counterfactual(model: LinearModel, row: np.ndarray, cut: float) -> Counterfactual | None:
    """For a flagged row (log-odds >= ``cut``), the cheapest one- or two-factor change below ``cut``; else None."""
    x = model.impute(row[None, :])[0]
    current = float(model.log_odds(row[None, :])[0])
    need = cut - current - MARGIN  # negative: the log-odds must fall by this much
    if need > 0:
        return None
    b = model.raw_coef
    usable = []
    for j, name in enumerate(model.features):
        lo, hi = _room(x[j], name)
        room = hi if b[j] < 0 else lo  # moving this way lowers the log-odds
        if b[j] != 0 and room != 0:
            usable.append((j, room))
    best: tuple[float, dict[int, float]] | None = None

    def consider(moves: dict[int, float]) -> None:
        nonlocal best
        snapped = {j: _snap(model.features[j], x[j] + d, x[j]) for j, d in moves.items()}
        new = np.array(x)
        for j, v in snapped.items():
            new[j] = v
        if float(model.log_odds(new[None, :])[0]) >= cut:
            return
        cost = sum(abs(v - x[j]) / model.scale[j] for j, v in snapped.items())
        if best is None or cost < best[0]:
            best = (cost, snapped)

    for j, room in usable:
        delta = need / b[j]
        if abs(delta) <= abs(room):
            consider({j: delta})
    for (j, rj), (k, rk) in itertools.permutations(usable, 2):
        if math.isinf(rj):
            continue
        rest = need - b[j] * rj  # move j as far as it goes, k covers the rest
        delta_k = rest / b[k]
        if rest < 0 and abs(delta_k) <= abs(rk):
            consider({j: rj, k: delta_k})
    if best is None:
        return None
    changes = tuple(_change(model.features[j], x[j], v) for j, v in sorted(best[1].items()))
    new = np.array(x)
    for j, v in best[1].items():
        new[j] = v
    lo = float(model.log_odds(new[None, :])[0])
    words = " and ".join(c.words for c in changes)
    return Counterfactual(changes, lo, 1 / (1 + math.exp(-lo)),
                          f"If {words}, this person would no longer be flagged.")


def _change(name: str, start: float, end: float) -> Change:
    spec = SPECS[name]
    words = (f"{spec.label} went from {fmt_value(start, spec.integer)} to {fmt_value(end, spec.integer)} "
             f"({spec.hint})" if spec.hint else f"{spec.label} went from {fmt_value(start, spec.integer)} to "
             f"{fmt_value(end, spec.integer)}")
    return Change(name, spec.label, float(start), float(end), words)
