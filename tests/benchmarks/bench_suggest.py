"""Benchmark of the suggestion model on 10,000 employees.

Rows (side by side in one process, best of N, same data):
- training as hrdesk does it (proxy check of 6 features x 5 protected attributes, fit, 5-fold
  cross-validation with reliability) in seconds, against a bare scikit-learn fit of the same
  standardised data as the honest anchor;
- exact contributions for all 10,000 against shap's LinearExplainer on the same model with the whole
  training set as background (target <= 1.0x);
- one employee's full explanation (words, team medians, counterfactual) as a review page needs it.

Run alone with ``python -m tests.benchmarks.bench_suggest``.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from hrdesk.suggest.explain import Explainer
from hrdesk.suggest.pipeline import FEATURE_NAMES, FeatureTable
from hrdesk.suggest.retention import learn
from tests.benchmarks.common import best_of, row

N = 10_000


def organisation(n: int = N, seed: int = 3) -> tuple[FeatureTable, dict[str, np.ndarray]]:
    """A synthetic organisation shaped like the pipeline's output: features, leaving, teams, protected groups."""
    rng = np.random.default_rng(seed)
    X = np.column_stack([
        rng.exponential(4.0, n),  # tenure_years
        rng.integers(1, 5, n).astype(float),  # performance_level
        rng.choice([-1.0, 0.0, 0.0, 0.0, 1.0], n),  # rating_change
        rng.gamma(2.0, 0.4, n),  # years_since_review
        np.minimum(rng.poisson(1.0, n), 8).astype(float),  # special_projects
        rng.integers(0, 4, n).astype(float),  # stalled_goals
    ])
    X[rng.random(n) < 0.05, 1] = np.nan
    logit = -2.2 - 0.15 * X[:, 0] + 0.6 * X[:, 3] - 0.3 * X[:, 4] + 0.25 * X[:, 5]
    left = rng.random(n) < 1 / (1 + np.exp(-logit))
    teams = tuple(f"team{t}" for t in rng.integers(0, 900, n))
    table = FeatureTable(
        employees=tuple(f"e{i}" for i in range(n)), hris_ids=tuple(str(10000 + i) for i in range(n)),
        names=tuple(f"Person {i}" for i in range(n)), teams=teams, managers=teams, features=FEATURE_NAMES, X=X,
        left_voluntarily=left, active=~left, trainable=np.ones(n, bool),
        as_of=np.full(n, np.datetime64("2026-10-31")), opted_out=0, reference=dt.date(2026, 10, 31),
        data_from=dt.date(2000, 1, 1), data_to=dt.date(2026, 10, 31))
    groups = {"sex": rng.choice(np.array(["F", "M"], dtype=object), n),
              "race": rng.choice(np.array(["A", "B", "C", "D"], dtype=object), n),
              "hispanic_latino": rng.choice(np.array(["Yes", "No"], dtype=object), n),
              "disability": np.full(n, None, dtype=object),
              "age_band": rng.choice(np.array(["under 40", "40 and over"], dtype=object), n)}
    return table, groups


def run(repeat: int = 3) -> list[dict]:
    import shap
    from sklearn.linear_model import LogisticRegression

    table, groups = organisation()
    y = table.left_voluntarily
    learned = learn(table.X, y, table.features, groups)
    model = learned.model
    t_train = best_of(lambda: learn(table.X, y, table.features, groups), repeat)
    Z = model.standardise(table.X)
    t_fit = best_of(lambda: LogisticRegression(max_iter=1000).fit(Z, y), repeat)

    explainer_shap = shap.LinearExplainer((model.coef, model.intercept), shap.maskers.Independent(Z, max_samples=len(Z)))
    t_ours = best_of(lambda: model.contributions(table.X), repeat * 10)
    # the same work on both sides: from the raw feature values (imputed, standardised) to contributions
    t_shap = best_of(lambda: explainer_shap.shap_values(model.standardise(table.X)), repeat * 10)
    assert np.allclose(model.contributions(table.X), explainer_shap.shap_values(Z), atol=1e-6)

    stored = {"version": 1, "model": {**model.to_dict(), "threshold_log_odds": learned.cut}}
    explainer = Explainer(stored, table)
    flagged = np.flatnonzero(explainer.flagged())
    person = int(flagged[0])
    t_one = best_of(lambda: explainer.explain_index(person), repeat * 10)
    t_predict = best_of(lambda: model.probability(table.X[person:person + 1]), repeat * 10)
    return [
        row(f"suggest: train on {N:,} (proxy check, fit, 5-fold CV) vs bare sklearn fit", t_train, "s",
            f"sklearn fit {t_fit * 1000:.0f} ms", t_train / t_fit, "< 10 s"),
        row(f"suggest: exact contributions for {N:,} vs shap LinearExplainer", t_ours * 1000, "ms",
            f"shap {t_shap * 1000:.1f} ms", t_ours / t_shap, "<= 1.0x"),
        row("suggest: one employee's full explanation (words, counterfactual)", t_one * 1000, "ms",
            f"bare probability {t_predict * 1e6:.0f} us", t_one / t_predict, "< 50 ms"),
    ]


if __name__ == "__main__":
    from tests.benchmarks.common import print_table

    print_table(run())
