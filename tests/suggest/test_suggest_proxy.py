"""The proxy check flags a planted proxy, agrees with a chi-squared Cramér's V, and the model refuses the proxy."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import chi2_contingency

from hrdesk.suggest.proxy import HARD_THRESHOLD, _bins, cramers_v, proxy_check


def _organisation(n: int = 600, seed: int = 4):
    rng = np.random.default_rng(seed)
    sex = rng.choice(np.array(["F", "M"], dtype=object), n)
    age = rng.choice(np.array(["under 40", "40 and over", None], dtype=object), n)
    honest = rng.normal(3, 1, n)  # unrelated to anything protected
    proxy = np.where(sex == "F", 1.0, 4.0) + rng.normal(0, 0.3, n)  # e.g. a part-time code that tracks sex
    weak = honest + 0.35 * (sex == "F")  # a faint association: kept
    X = np.column_stack([honest, proxy, weak])
    X[rng.random(n) < 0.05, 0] = np.nan  # missing values are a bin of their own
    return X, {"sex": sex, "age_band": age}


def test_a_planted_proxy_is_refused_and_honest_features_pass():
    X, groups = _organisation()
    report = proxy_check(X, ("honest", "planted", "weak"), groups)
    assert report.refused == ("planted",)
    levels = {(r.feature, r.attribute): r.level for r in report.results}
    assert levels[("honest", "sex")] == "ok" and levels[("weak", "sex")] in ("ok", "warn")
    planted = next(r for r in report.results if (r.feature, r.attribute) == ("planted", "sex"))
    assert planted.cramers_v > HARD_THRESHOLD and planted.known == len(X)
    age = next(r for r in report.results if (r.feature, r.attribute) == ("planted", "age_band"))
    assert age.level == "ok" and age.known < len(X)  # unknown ages are left out, not a group


def test_a_soft_association_is_warned_not_refused():
    X, groups = _organisation()
    report = proxy_check(X, ("honest", "planted", "weak"), groups, soft=0.05, hard=0.99)
    assert "planted" in report.warned and report.refused == ()


def test_cramers_v_matches_chi_squared():
    X, groups = _organisation()
    bins = _bins(X[:, 1])
    codes = np.unique(groups["sex"].astype(str), return_inverse=True)[1]
    table = np.zeros((bins.max() + 2, 2))
    np.add.at(table, (bins + 1, codes), 1)
    table = table[table.sum(axis=1) > 0]
    chi2 = chi2_contingency(table, correction=False)[0]
    expected = np.sqrt(chi2 / (table.sum() * (min(table.shape) - 1)))
    assert cramers_v(bins, codes) == pytest.approx(expected, rel=1e-9)


def test_too_few_known_values_are_not_measured_rather_than_called_fine():
    X, groups = _organisation(n=15)
    report = proxy_check(X, ("honest", "planted", "weak"), groups)
    assert {r.level for r in report.results} == {"not measured"} and report.refused == ()


def test_training_refuses_a_feature_planted_to_track_sex(demo_path):
    from suggest_helpers import PASSPHRASE

    from hrdesk.records.fields import Purpose
    from hrdesk.records.protected import for_fairness
    from hrdesk.suggest.retention import KIND, train_retention
    from hrdesk.suggest.store import load_stored
    from hrdesk.vault import Vault

    with Vault.open(demo_path, PASSPHRASE) as vault:
        sex = {e: a.sex for e, a in for_fairness(vault, purpose=Purpose.FAIRNESS).items()}
        with vault.transaction():  # plant: special projects given by sex
            for row in list(vault.rows("employees")):
                vault.update("employees", row.id, {**row.payload, "special_projects": 0 if sex.get(row.id) == "F" else 6},
                             links=row.links)
        card = train_retention(vault, trained_by="Test HR").card
        stored = load_stored(vault, KIND)
    assert card["proxy_check"]["refused"] == ["special_projects"]
    assert card["excluded_attributes"]["refused_as_proxies"] == ["special_projects"]
    assert "special_projects" not in stored["model"]["features"]
    assert "special_projects" not in [f["name"] for f in card["features"]]
