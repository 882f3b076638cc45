"""Honest performance numbers: cross-validated ROC AUC and reliability on held-out folds.

Each fold's model is fitted exactly as the final one is (same imputation,
scaling and regression), and scored only on people it never saw. No
calibration layer is added afterwards: it would break exact additivity.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from hrdesk.suggest.linear import fit_logistic

FOLDS = 5
RELIABILITY_BINS = 5


@dataclass(frozen=True)
class ReliabilityBin:
    low: float
    high: float
    n: int
    predicted: float | None  # mean held-out probability in the bin
    observed: float | None  # share who actually left


@dataclass(frozen=True)
class Performance:
    folds: int
    auc: float
    auc_per_fold: tuple[float, ...]
    reliability: tuple[ReliabilityBin, ...]
    brier: float


def cross_validate(X: np.ndarray, y: np.ndarray, features: tuple[str, ...], *, folds: int = FOLDS,
                   seed: int = 0) -> Performance:
    from sklearn.metrics import brier_score_loss, roc_auc_score
    from sklearn.model_selection import StratifiedKFold

    folds = max(2, min(folds, int(y.sum()), int((~y).sum())))
    held_out = np.empty(len(y))
    per_fold = []
    for train, test in StratifiedKFold(folds, shuffle=True, random_state=seed).split(X, y):
        model = fit_logistic(X[train], y[train], features)
        held_out[test] = model.probability(X[test])
        per_fold.append(float(roc_auc_score(y[test], held_out[test])))
    edges = np.quantile(held_out, np.linspace(0, 1, RELIABILITY_BINS + 1))
    which = np.clip(np.searchsorted(edges[1:-1], held_out, side="right"), 0, RELIABILITY_BINS - 1)
    bins = []
    for b in range(RELIABILITY_BINS):
        inside = which == b
        n = int(inside.sum())
        bins.append(ReliabilityBin(float(edges[b]), float(edges[b + 1]), n,
                                   float(held_out[inside].mean()) if n else None,
                                   float(y[inside].mean()) if n else None))
    return Performance(folds, float(roc_auc_score(y, held_out)), tuple(per_fold), tuple(bins),
                       float(brier_score_loss(y, held_out)))
