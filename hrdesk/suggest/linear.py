"""A logistic regression stored as numbers, never as pickled code, with exact additive contributions.

The model is: impute each missing value with the training median, standardise
with the training mean and scale, then log-odds = intercept + coef · z.
A person's contribution from feature j is ``coef_j * (z_j - mean_j)`` where
``mean_j`` is the mean of z_j over the training set, and the base value is the
log-odds at that mean. So base value + contributions = the model's log-odds,
exactly; this is what shap's LinearExplainer computes with the whole training
set as its (interventional) background.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np

from hrdesk.errors import InvalidInputError


@dataclass(frozen=True, eq=False)
class LinearModel:
    features: tuple[str, ...]
    medians: np.ndarray  # imputation values, raw units
    center: np.ndarray  # StandardScaler mean_, raw units
    scale: np.ndarray  # StandardScaler scale_, raw units
    coef: np.ndarray  # per standardised feature
    intercept: float
    background: np.ndarray  # mean standardised value over the training set

    @property
    def base_value(self) -> float:
        """The log-odds at the training set's average: what every explanation starts from."""
        return float(self.intercept + self.coef @ self.background)

    @property
    def raw_coef(self) -> np.ndarray:
        """Change in log-odds per one unit of each raw feature."""
        return self.coef / self.scale

    def impute(self, X: np.ndarray) -> np.ndarray:
        X = np.asarray(X, dtype=float)
        return np.where(np.isnan(X), self.medians, X)

    def standardise(self, X: np.ndarray) -> np.ndarray:
        return (self.impute(X) - self.center) / self.scale

    def log_odds(self, X: np.ndarray) -> np.ndarray:
        return self.standardise(X) @ self.coef + self.intercept

    def probability(self, X: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-self.log_odds(X)))

    @cached_property
    def _affine(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per feature: contribution = raw value * slope - offset; and the contribution of a missing value."""
        slope = self.coef / self.scale
        offset = (self.center / self.scale + self.background) * self.coef
        return slope, offset, self.medians * slope - offset

    def contributions(self, X: np.ndarray) -> np.ndarray:
        """(n, k) contributions in log-odds; each row sums with ``base_value`` to that row's log-odds.

        Algebraically ``(standardise(X) - background) * coef``, folded into one multiply and one subtract.
        """
        slope, offset, missing = self._affine
        out = np.multiply(X, slope, dtype=float)
        out -= offset
        gaps = np.isnan(out)
        if gaps.any():
            out[gaps] = np.broadcast_to(missing, out.shape)[gaps]
        return out

    def to_dict(self) -> dict[str, Any]:
        return {"features": list(self.features), "medians": self.medians.tolist(), "center": self.center.tolist(),
                "scale": self.scale.tolist(), "coef": self.coef.tolist(), "intercept": float(self.intercept),
                "background": self.background.tolist()}

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> "LinearModel":
        try:
            k = len(raw["features"])
            arrays = {key: np.asarray(raw[key], dtype=float) for key in ("medians", "center", "scale", "coef", "background")}
            intercept = float(raw["intercept"])
        except (KeyError, TypeError, ValueError):
            raise InvalidInputError("The stored suggestion model is incomplete.",
                                    hint="Train the model again (hrdesk suggest VAULT train).") from None
        if any(a.shape != (k,) for a in arrays.values()) or not all(np.isfinite(a).all() for a in arrays.values()):
            raise InvalidInputError("The stored suggestion model does not fit its own feature list.",
                                    hint="Train the model again (hrdesk suggest VAULT train).")
        return cls(tuple(raw["features"]), intercept=intercept, **arrays)


def fit_logistic(X: np.ndarray, y: np.ndarray, features: tuple[str, ...], *, C: float = 1.0) -> LinearModel:
    """Fit on the rows given (NaN imputed by median, features standardised); returns the model as data."""
    from sklearn.linear_model import LogisticRegression

    X = np.asarray(X, dtype=float)
    known = ~np.isnan(X)
    medians = np.array([np.median(X[known[:, j], j]) if known[:, j].any() else 0.0 for j in range(X.shape[1])])
    filled = np.where(np.isnan(X), medians, X)
    center = filled.mean(axis=0)
    scale = filled.std(axis=0)
    scale = np.where(scale > 0, scale, 1.0)
    Z = (filled - center) / scale
    clf = LogisticRegression(C=C, max_iter=1000)
    clf.fit(Z, y)
    return LinearModel(tuple(features), medians, center, scale, clf.coef_[0].astype(float),
                       float(clf.intercept_[0]), Z.mean(axis=0))
