"""Training on the demo vault: a real model, a complete card, exact additivity, a logged system change."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

from hrdesk.session.actions import changes_system
from hrdesk.suggest.explain import Explainer
from hrdesk.suggest.linear import LinearModel
from hrdesk.suggest.pipeline import FEATURE_NAMES, build_features
from hrdesk.suggest.retention import KIND, train_retention
from hrdesk.suggest.store import ACTION_TRAINED, load_stored
from hrdesk.vault import Vault

from suggest_helpers import PASSPHRASE


@pytest.fixture
def trained(demo_path):
    with Vault.open(demo_path, PASSPHRASE) as vault:
        result = train_retention(vault, trained_by="Test HR")
        stored = load_stored(vault, KIND)
        table = build_features(vault)
        entries = [e for e in vault.audit_entries() if e.action == ACTION_TRAINED]
        protected_reads = [e for e in vault.audit_entries() if e.action == "protected_attributes.read"]
    return result, stored, table, entries, protected_reads


def test_model_card_has_every_section_filled(trained):
    result, stored, table, entries, reads = trained
    card = stored["card"]
    for key in ("purpose", "decision_types", "training", "features", "excluded_attributes", "proxy_check",
                "performance", "fairness", "limitations", "trained_by", "trained_at", "threshold"):
        assert card[key], f"the card's {key} is empty"
    t = card["training"]
    assert t["rows"] == int(table.trainable.sum()) and t["voluntary_leavers"] == int(table.left_voluntarily.sum())
    assert t["period_from"] < t["period_to"]
    assert card["trained_by"] == "Test HR" and card["version"] == result.version == 1
    assert {"sex", "race", "date_of_birth", "disability", "hispanic_latino"} <= set(card["excluded_attributes"]["protected"])
    assert {"engagement", "satisfaction", "absences", "mood"} <= set(card["excluded_attributes"]["wellbeing"])
    assert len(card["proxy_check"]["results"]) == len(FEATURE_NAMES) * 5
    assert 0.5 < card["performance"]["auc"] <= 1 and len(card["performance"]["auc_per_fold"]) == 5
    assert sum(b["n"] for b in card["performance"]["reliability"]) == t["rows"]
    groups = {r["attribute"] for r in card["fairness"]}
    assert {"Sex", "Race/ethnicity", "Age band"} <= groups
    assert any(r["small"] for r in card["fairness"]), "the demo's tiny race groups are marked too small"
    assert all(r["status"] == "too_small" for r in card["fairness"] if r["small"])


def test_training_is_a_logged_system_change_that_reads_protected_attributes_only_for_fairness(trained):
    _result, _stored, _table, entries, reads = trained
    assert len(entries) == 1 and changes_system(ACTION_TRAINED)
    assert entries[0].details["version"] == 1
    assert reads and all(e.details["purpose"] == "fairness" for e in reads)


def test_the_model_is_the_logistic_regression_sklearn_fits(trained):
    _result, stored, table, *_ = trained
    model = LinearModel.from_dict(stored["model"])
    X = model.standardise(table.X[table.trainable])
    y = table.left_voluntarily[table.trainable]
    reference = LogisticRegression(max_iter=1000).fit(X, y)
    np.testing.assert_allclose(model.coef, reference.coef_[0], rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(model.log_odds(table.X[table.trainable]), reference.decision_function(X), atol=1e-4)
    assert roc_auc_score(y, model.log_odds(table.X[table.trainable])) > stored["card"]["performance"]["auc"] - 0.1


def test_base_value_plus_contributions_is_the_log_odds_for_everyone(trained):
    _result, stored, table, *_ = trained
    explainer = Explainer(stored, table)
    for i in range(len(table.employees)):
        e = explainer.explain_index(i)
        total = e.base_value + sum(c.contribution for c in e.contributions)
        assert total == pytest.approx(e.log_odds, abs=1e-9)
        assert e.probability == pytest.approx(1 / (1 + np.exp(-e.log_odds)))
        assert e.log_odds == pytest.approx(float(explainer.model.log_odds(explainer.X[i:i + 1])[0]), abs=1e-9)


def test_retraining_makes_a_new_card_version(demo_path):
    with Vault.open(demo_path, PASSPHRASE) as vault:
        first = train_retention(vault, trained_by="A").version
        second = train_retention(vault, trained_by="B").version
        assert (first, second) == (1, 2) and load_stored(vault, KIND)["card"]["trained_by"] == "B"


def test_the_stored_model_is_numbers_not_code_and_not_readable_on_disk(trained, demo_path):
    _result, stored, *_ = trained
    assert set(stored["model"]) == {"features", "medians", "center", "scale", "coef", "intercept", "background",
                                    "threshold_log_odds"}
    raw = demo_path.read_bytes()
    assert b"Test HR" not in raw and b"years_since_review" not in raw and b"Cram" not in raw


def test_the_trained_action_is_registered_without_importing_the_suggestion_code():
    import subprocess
    import sys

    code = ("import sys; from hrdesk.session import actions; "
            "assert 'hrdesk.suggest' not in sys.modules; a = actions.action('suggest.trained'); "
            "assert actions.is_registered('suggest.trained') and a.system_change and a.writes")
    subprocess.run([sys.executable, "-c", code], check=True)


class _CancelAfter:
    """A real Progress that asks to stop after ``steps`` steps (what the window's Cancel button does)."""

    def __init__(self, steps: int) -> None:
        self.steps, self.done = steps, 0

    def begin(self, label: str, total: int) -> None:
        self.label = label

    def advance(self, steps: int = 1) -> None:
        self.done += steps

    def cancelled(self) -> bool:
        return self.done >= self.steps


@pytest.mark.parametrize("steps", [1, 3, 5])
def test_cancelling_training_changes_nothing(demo_path, steps):
    from hrdesk.errors import CancelledError
    from hrdesk.session import Session
    from hrdesk.suggest.service import train
    from hrdesk.suggest.store import has_model

    with Session.open(demo_path, PASSPHRASE) as session:
        before = len(session.vault.audit_entries())
        with pytest.raises(CancelledError):
            train(session, progress=_CancelAfter(steps))
        assert not has_model(session.vault, KIND)
        added = [e.action for e in session.vault.audit_entries()[before:]]
        assert added == ["protected_attributes.read"]  # the model is rolled back, the record of the read is not
