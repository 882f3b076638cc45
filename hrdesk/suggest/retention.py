"""Train the retention-risk model on the vault's own history of voluntary leaving, and write its card.

Who is learned from: everyone who has not opted out and is either still
employed or left voluntarily (people dismissed are neither outcome and are
left out). Who is scored: consenting people still employed. Too little
history stops here with a plain message: no model, no suggestions.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import asdict, dataclass
from typing import Any


import numpy as np

from hrdesk import __version__
from hrdesk.errors import NotEnoughHistoryError
from hrdesk.progress import NULL_PROGRESS, Progress, check_cancelled
from hrdesk.records.fields import FIELDS, PROTECTED_FIELDS, Purpose
from hrdesk.suggest.evaluate import Performance, cross_validate
from hrdesk.suggest.fairness import suggestion_fairness
from hrdesk.suggest.linear import LinearModel, fit_logistic
from hrdesk.suggest.pipeline import SPECS, FeatureTable, build_features
from hrdesk.suggest.proxy import ProxyReport, protected_groups, proxy_check
from hrdesk.suggest.store import save_model

KIND = "retention_risk"
DECISION = "retention_risk_conversation"
MIN_ROWS = 50
MIN_EVENTS = 10  # voluntary leavers, and as many people who stayed
FLAG_FACTOR = 2.0  # flagged when the estimated chance of leaving is at least twice the organisation's rate
WHAT = "Training the retention-risk model"

LIMITATIONS = (
    "It learns from this organisation's own past leavers only; when few people have left, its estimates are rough.",
    "It sees records, not reasons: pay, family, the job market and a manager's relationship are invisible to it.",
    "Its numbers are associations in past data, not causes; a change suggested by a counterfactual is a "
    "conversation topic, not a promise.",
    "A flag is a prompt for a conversation, never an evaluation; the manager and HR decide what, if anything, to do.",
    "Groups too small to measure are marked, not judged; fairness there is unknown, not fine.",
)


@dataclass(frozen=True)
class TrainResult:
    version: int
    card: dict[str, Any]


def check_history(rows: int, events: int, stayed: int) -> None:
    """Refuse, in plain words, to learn from too little history."""
    if rows >= MIN_ROWS and events >= MIN_EVENTS and stayed >= MIN_EVENTS:
        return
    raise NotEnoughHistoryError(
        f"There is too little history to suggest retention conversations: {events} voluntary "
        f"leaver{'s' if events != 1 else ''} among {rows} people who can be learned from.",
        hint=f"hrdesk needs at least {MIN_EVENTS} people who left voluntarily, {MIN_EVENTS} who stayed and "
             f"{MIN_ROWS} in all (opted-out employees do not count). No model was trained and nothing is suggested.")


def threshold_log_odds(leaving_rate: float) -> float:
    p = min(0.5, FLAG_FACTOR * leaving_rate)
    return math.log(p / (1 - p))


@dataclass(frozen=True, eq=False)
class Learned:
    """What training learned from the rows it may use: the model, the proxy check, its performance, the cut."""

    model: LinearModel
    columns: tuple[int, ...]  # the kept features' columns in the feature table
    proxies: ProxyReport
    performance: Performance
    leaving_rate: float
    cut: float


def learn(X: np.ndarray, y: np.ndarray, features: tuple[str, ...], groups: dict[str, np.ndarray],
          progress: Progress = NULL_PROGRESS) -> Learned:
    """Proxy check, fit and cross-validation on the training rows (no vault: the benchmark times this too)."""
    check_history(len(y), int(y.sum()), int((~y).sum()))
    proxies = proxy_check(X, features, groups)
    kept = tuple(f for f in features if f not in proxies.refused)
    if not kept:
        raise NotEnoughHistoryError("Every feature stands in for a protected attribute, so no model was trained.",
                                    hint="See the proxy check on the model card.")
    cols = tuple(features.index(f) for f in kept)
    progress.advance()
    check_cancelled(progress, WHAT)
    model = fit_logistic(X[:, cols], y, kept)
    progress.advance()
    performance = cross_validate(X[:, cols], y, kept)
    progress.advance()
    rate = float(y.mean())
    return Learned(model, cols, proxies, performance, rate, threshold_log_odds(rate))


def check_table(table: FeatureTable) -> None:
    """Refuse a feature table with too little history, before anything else is read."""
    y = table.left_voluntarily[table.trainable]
    check_history(len(y), int(y.sum()), int((~y).sum()))


def train_retention(vault: Any, *, trained_by: str, reference: dt.date | None = None,
                    progress: Progress = NULL_PROGRESS, now: dt.datetime | None = None,
                    table: FeatureTable | None = None, groups: dict[str, np.ndarray] | None = None) -> TrainResult:
    """Build features, check proxies, fit, cross-validate, measure fairness, and store model and card.

    ``table`` and ``groups`` may be read beforehand (``service.train`` does, so the protected-attribute read
    stays in the audit log even if training is then cancelled).
    """
    progress.begin(WHAT, 6)
    table = table or build_features(vault, reference=reference)
    mask = table.trainable
    y = table.left_voluntarily[mask]
    check_table(table)
    progress.advance()
    check_cancelled(progress, WHAT)
    if groups is None:
        groups = protected_groups(vault, table.employees, table.reference)
    learned = learn(table.X[mask], y, table.features, {a: g[mask] for a, g in groups.items()}, progress)
    check_cancelled(progress, WHAT)
    scored = table.active
    flags = learned.model.log_odds(table.X[scored][:, list(learned.columns)]) >= learned.cut
    fairness = suggestion_fairness(flags, {a: g[scored] for a, g in groups.items()}, table.reference,
                                   "Retention-risk suggestion")
    progress.advance()
    card = model_card(table, learned.model, learned.proxies, learned.performance, fairness, trained_by=trained_by,
                      leaving_rate=learned.leaving_rate, cut=learned.cut, flagged=int(flags.sum()), now=now)
    check_cancelled(progress, WHAT)
    version = save_model(vault, KIND, {**learned.model.to_dict(), "threshold_log_odds": learned.cut}, card)
    progress.advance()
    return TrainResult(version, {**card, "version": version})


def model_card(table: FeatureTable, model: LinearModel, proxies: Any, performance: Any, fairness: Any, *,
               trained_by: str, leaving_rate: float, cut: float, flagged: int,
               now: dt.datetime | None = None) -> dict[str, Any]:
    """Every section of the card as plain data (JSON-ready)."""
    mask = table.trainable
    wellbeing = sorted(f.name for f in FIELDS if f.purpose is Purpose.WELLBEING)
    return {
        "model": KIND,
        "purpose": "Suggest a retention conversation with employees whose records resemble those of people who "
                   "left voluntarily, so that a manager can ask how they are doing. It is a prompt to talk, "
                   "never an evaluation.",
        "decision_types": [DECISION],
        "training": {
            "period_from": table.data_from.isoformat() if table.data_from else None,
            "period_to": table.data_to.isoformat() if table.data_to else None,
            "reference_date": table.reference.isoformat(),
            "rows": int(mask.sum()), "voluntary_leavers": int(table.left_voluntarily[mask].sum()),
            "stayed": int(table.active[mask].sum()),
            "left_otherwise_excluded": int((~mask).sum()),
            "opted_out_excluded": table.opted_out,
            "scored": int(table.active.sum()), "flagged": flagged,
        },
        "features": [{"name": f, "label": SPECS[f].label, "unit": SPECS[f].unit, "actionable": SPECS[f].actionable,
                      "coefficient": round(float(c), 6), "per_unit": round(float(r), 6)}
                     for f, c, r in zip(model.features, model.coef, model.raw_coef)],
        "excluded_attributes": {"protected": sorted(PROTECTED_FIELDS), "wellbeing": wellbeing,
                                "refused_as_proxies": list(proxies.refused)},
        "proxy_check": {"measure": "Cramér's V", "soft_threshold": proxies.soft, "hard_threshold": proxies.hard,
                        "refused": list(proxies.refused), "warned": list(proxies.warned),
                        "results": [asdict(r) for r in proxies.results]},
        "performance": {"auc": round(performance.auc, 4), "folds": performance.folds,
                        "auc_per_fold": [round(a, 4) for a in performance.auc_per_fold],
                        "brier": round(performance.brier, 4),
                        "reliability": [asdict(b) for b in performance.reliability]},
        "threshold": {"probability": round(1 / (1 + math.exp(-cut)), 4), "log_odds": cut,
                      "rule": f"flagged when the estimated chance of leaving is at least {FLAG_FACTOR:g} times the "
                              f"organisation's rate ({leaving_rate:.1%}), at most 50%"},
        "fairness": [asdict(r) for r in fairness],
        "limitations": list(LIMITATIONS),
        "trained_by": trained_by,
        "trained_at": (now or dt.datetime.now(dt.timezone.utc)).isoformat(timespec="seconds"),
        "hrdesk_version": __version__,
    }
