"""Development recommendations: low-growth signals mapped to learning, mentoring or project suggestions.

The rules live in an editable catalogue (``resources/suggest/development.json``):
HR can change the wording, thresholds and suggestions without code. Signals
come from the one feature pipeline (evaluation and development data only).
"""

from __future__ import annotations

import json
import operator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from hrdesk.errors import InvalidInputError
from hrdesk.suggest.pipeline import FEATURE_NAMES, FeatureTable

DECISION = "development_recommendation"
KINDS = ("learning", "mentoring", "project")
_OPS = {">=": operator.ge, "<=": operator.le, ">": operator.gt, "<": operator.lt, "==": operator.eq}


@dataclass(frozen=True)
class Condition:
    signal: str
    op: str
    value: float

    def holds(self, values: np.ndarray) -> np.ndarray:
        with np.errstate(invalid="ignore"):
            return ~np.isnan(values) & _OPS[self.op](values, self.value)


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    conditions: tuple[Condition, ...]
    because: str
    suggest: str


@dataclass(frozen=True)
class Recommendation:
    employee_id: str
    name: str
    team: str | None
    rule: str
    kind: str
    because: str
    suggest: str


def catalogue_paths() -> list[Path]:
    from hrdesk import paths

    return [paths.resource("suggest", "development.json")]


def _condition(raw: Any, rule_id: str) -> Condition:
    if not isinstance(raw, dict) or raw.get("signal") not in FEATURE_NAMES or raw.get("op") not in _OPS:
        raise InvalidInputError(f"The development catalogue rule '{rule_id}' needs a known 'signal' and 'op'.",
                                hint="Signals: " + ", ".join(FEATURE_NAMES) + "; ops: " + ", ".join(_OPS) + ".")
    try:
        return Condition(raw["signal"], raw["op"], float(raw["value"]))
    except (KeyError, TypeError, ValueError):
        raise InvalidInputError(f"The development catalogue rule '{rule_id}' needs a number as 'value'.") from None


def load_catalogue(path: Path | None = None) -> tuple[Rule, ...]:
    """The rules from ``path`` or the catalogue shipped with hrdesk; a clear message if it is malformed."""
    path = path or next((p for p in catalogue_paths() if p.exists()), None)
    if path is None:
        raise InvalidInputError("The development catalogue (resources/suggest/development.json) is missing.")
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
        items = raw["rules"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InvalidInputError(f"The development catalogue {path} cannot be read: {exc}.",
                                hint="It must be JSON with a list of 'rules'.") from None
    rules = []
    for item in items:
        rid = str(item.get("id") or f"rule {len(rules) + 1}")
        if item.get("kind") not in KINDS or not item.get("suggest"):
            raise InvalidInputError(f"The development catalogue rule '{rid}' needs a kind ({', '.join(KINDS)}) "
                                    "and a suggestion.")
        conditions = (_condition(item, rid),) + ((_condition(item["also"], rid),) if item.get("also") else ())
        rules.append(Rule(rid, item["kind"], conditions, str(item.get("because", "")), str(item["suggest"])))
    return tuple(rules)


def _fmt(value: float) -> str:
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"


def _levels(value: float) -> str:
    """'1 level', '2 levels': the catalogue's {levels}, so a reason never reads 'level(s)'."""
    return f"{_fmt(value)} level{'' if value == 1 else 's'}"


def recommend(table: FeatureTable, rules: tuple[Rule, ...], *, rows: np.ndarray | None = None) -> list[Recommendation]:
    """Every rule that holds for a consenting person still employed, in catalogue order per person
    (``rows``: a mask of the people to look at; everyone in the table by default)."""
    out = []
    people = table.active if rows is None else table.active & rows
    hits = {r.id: np.logical_and.reduce([c.holds(table.column(c.signal)) for c in r.conditions]) & people
            for r in rules}
    tenure = table.column("tenure_years")
    for i in np.flatnonzero(people):
        for r in rules:
            if hits[r.id][i]:
                value = table.column(r.conditions[0].signal)[i]
                because = r.because.format(value=_fmt(value), absvalue=_fmt(abs(value)), levels=_levels(abs(value)),
                                           tenure=_fmt(tenure[i]) if not np.isnan(tenure[i]) else "?")
                out.append(Recommendation(table.hris_ids[i], table.names[i], table.teams[i], r.id, r.kind,
                                          because, r.suggest))
    return out
