"""Trained models and their cards, kept encrypted in the vault's meta as plain numbers and text.

Nothing executable is stored: a model is its coefficients, scaler and
imputation values (``LinearModel.to_dict``), so opening a vault never runs
code that came from it. Storing a model is audit-logged as ``suggest.trained``,
a system change: earlier AI-use disclosures become stale and governance
must look at the new model.
"""

from __future__ import annotations

from typing import Any

from hrdesk.errors import RecordNotFoundError

META_PREFIX = "suggest.model."
ACTION_TRAINED = "suggest.trained"  # registered in hrdesk.session.actions (a system change)


def save_model(vault: Any, kind: str, model: dict[str, Any], card: dict[str, Any]) -> int:
    """Store a model with its card under the next version number; returns the version."""
    previous = vault.meta_get(META_PREFIX + kind) or {}
    version = int(previous.get("version", 0)) + 1
    card = {**card, "version": version}
    with vault.transaction():
        vault.meta_set(META_PREFIX + kind, {"version": version, "model": model, "card": card})
        vault.audit(ACTION_TRAINED, target=kind, details={
            "version": version, "training_rows": card.get("training", {}).get("rows"),
            "auc": card.get("performance", {}).get("auc"), "by": card.get("trained_by")})
    return version


def load_stored(vault: Any, kind: str) -> dict[str, Any]:
    stored = vault.meta_get(META_PREFIX + kind)
    if not stored:
        raise RecordNotFoundError("No suggestion model has been trained in this vault yet.",
                            hint="Train one first: hrdesk suggest VAULT train")
    return stored


def has_model(vault: Any, kind: str) -> bool:
    return bool(vault.meta_get(META_PREFIX + kind))
