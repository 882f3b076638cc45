"""Explanations agree with shap to 1e-6, and every counterfactual changes the suggestion when applied."""

from __future__ import annotations

import numpy as np
import pytest
from suggest_helpers import PASSPHRASE

from hrdesk.suggest.explain import Explainer
from hrdesk.suggest.pipeline import SPECS, build_features
from hrdesk.suggest.retention import KIND, train_retention
from hrdesk.suggest.store import load_stored
from hrdesk.vault import Vault


@pytest.fixture(scope="module")
def explainer(demo_master, tmp_path_factory):
    import shutil

    path = tmp_path_factory.mktemp("explain") / "demo.hrdesk"
    shutil.copyfile(demo_master, path)
    with Vault.open(path, PASSPHRASE) as vault:
        train_retention(vault, trained_by="Test HR")
        return Explainer(load_stored(vault, KIND), build_features(vault))


def test_contributions_equal_shaps_linear_explainer_with_the_whole_training_set(explainer):
    shap = pytest.importorskip("shap")
    model = explainer.model
    table = explainer.table
    Z_train = model.standardise(explainer.X[table.trainable])
    Z_all = model.standardise(explainer.X)
    reference = shap.LinearExplainer((model.coef, model.intercept), shap.maskers.Independent(Z_train, max_samples=len(Z_train)))
    expected = reference.shap_values(Z_all)
    ours = model.contributions(explainer.X)
    np.testing.assert_allclose(ours, expected, atol=1e-6, rtol=0)
    assert float(np.ravel(reference.expected_value)[0]) == pytest.approx(model.base_value, abs=1e-6)


def test_every_counterfactual_flips_the_suggestion_and_moves_only_actionable_factors(explainer):
    flagged = np.flatnonzero(explainer.flagged())
    assert len(flagged) >= 3, "the demo flags a few people"
    with_counterfactual = 0
    for i in flagged:
        e = explainer.explain_index(int(i))
        assert e.flagged
        cf = e.counterfactual
        if cf is None:
            continue
        with_counterfactual += 1
        assert 1 <= len(cf.changes) <= 2
        changed = cf.apply(explainer.model.impute(explainer.X[i:i + 1])[0], explainer.model.features)
        assert float(explainer.model.log_odds(changed[None, :])[0]) < explainer.cut  # no longer flagged
        assert cf.log_odds < explainer.cut
        for change in cf.changes:
            spec = SPECS[change.name]
            assert spec.actionable and spec.change, f"{change.name} is not something a person can change"
            moved_up = change.to_value > change.from_value
            assert moved_up == (spec.change == "up")
            assert spec.low is None or change.to_value >= spec.low
            assert spec.high is None or change.to_value <= spec.high
            assert spec.max_step is None or abs(change.to_value - change.from_value) <= spec.max_step
            if spec.integer:
                assert float(change.to_value).is_integer()
    assert with_counterfactual >= 1


def test_explanation_words_name_the_factor_its_value_and_its_number(explainer):
    i = int(np.flatnonzero(explainer.flagged())[0])
    e = explainer.explain_index(i)
    top = e.raised[0]
    assert top.label in top.words.lower() or top.label in top.words
    assert f"{top.contribution:+.2f}" in top.words and "raised" in top.words
    assert "team's median" in top.words or "No " in top.words
    data = e.to_dict()
    for key in ("base_value", "contributions", "log_odds", "probability", "counterfactual", "card_version"):
        assert key in data
    assert {"name", "value", "contribution", "words"} <= set(data["contributions"][0])
    assert data["card_version"] == 1 and data["features_as_of"] and data["data_from"] <= data["data_to"]
