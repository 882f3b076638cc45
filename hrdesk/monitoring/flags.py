"""Who the live suggestions flag, by protected group, judged by the audits engine against step 6's floor.

The flags are exactly what ``hrdesk.suggest.service.current_suggestions``
lists now; the people counted are everyone the suggestions could be about
(consenting, still employed). Each suggestion type becomes one yes/no outcome
of a single audits-engine run (``suggest.fairness.audit_flags``), so the
engine's group-vs-rest tests, its small-group rule (step 6's minimum group
size) and its Benjamini–Hochberg correction across every comparison of the
run decide, not code of our own. A group is a *breach* when the engine flags
it: its impact ratio is below step 6's floor **and** it is flagged
significantly more often than everyone else after the correction. Below the
floor without that evidence is shown as *watch*, not raised.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from hrdesk.monitoring.model import BREACH, NOT_JUDGED, TOO_FEW, WATCH, WITHIN, Breach, FlagRate, Thresholds

if TYPE_CHECKING:
    from hrdesk.suggest.pipeline import FeatureTable
    from hrdesk.suggest.service import SuggestionList
    from hrdesk.vault import Vault

KIND_LABELS = {"retention": "Retention-risk flag", "development": "Development recommendation",
               "wellbeing": "Well-being check-in prompt"}


def flag_rates(vault: "Vault", thresholds: Thresholds | None) -> tuple[tuple[FlagRate, ...], str]:
    """Flag rates per protected group for every suggestion type listed now, and a sentence on what was judged."""
    from hrdesk.suggest.pipeline import build_features
    from hrdesk.suggest.proxy import protected_groups
    from hrdesk.suggest.service import current_suggestions

    table = build_features(vault)
    suggestions = current_suggestions(vault, table=table)
    if not suggestions.live:
        return (), f"No flag rates: no suggestions are made now ({suggestions.reason.rstrip('.')})."
    groups = protected_groups(vault, table.employees, table.reference)  # the read is audit-logged
    rows, note = rates_from(table, suggestions, groups, thresholds)
    return rows, " ".join([note, *suggestions.notes])


def rates_from(table: "FeatureTable", suggestions: "SuggestionList", groups: dict[str, np.ndarray],
               thresholds: Thresholds | None) -> tuple[tuple[FlagRate, ...], str]:
    """The engine's tables for these suggestions and groups (separate from the vault, so tests feed it directly)."""
    from hrdesk.fairness.settings import AuditSettings
    from hrdesk.suggest.fairness import audit_flags

    active = np.asarray(table.active, dtype=bool)
    ids = [h for h, a in zip(table.hris_ids, active) if a]
    if not ids:
        return (), "No flag rates: nobody the suggestions could be about is employed and consenting."
    index = {h: i for i, h in enumerate(ids)}
    kinds = sorted({s.kind for s in suggestions.items}, key=list(KIND_LABELS).index)
    if not kinds:
        return (), "No flag rates: the live suggestions flag nobody now."
    columns: dict[str, tuple[np.ndarray, str]] = {}
    for kind in kinds:
        flags = np.zeros(len(ids), dtype=bool)
        for s in suggestions.items:
            if s.kind == kind and s.employee_id in index:
                flags[index[s.employee_id]] = True
        columns[f"flag_{kind}"] = (flags, KIND_LABELS.get(kind, kind))
    sub = {a: np.asarray(g)[active] for a, g in groups.items()}
    settings = AuditSettings(intersections=False, by_manager=False,
                             min_group=thresholds.min_group_size if thresholds else AuditSettings.min_group,
                             impact_threshold=thresholds.impact_ratio_floor if thresholds else
                             AuditSettings.impact_threshold)
    result = audit_flags(columns, sub, table.reference, settings)
    rows = [_row(kind, table_, r, thresholds) for kind in kinds for table_ in result.rates
            if table_.outcome == f"extra_flag_{kind}" and table_.protected and len(table_.dimension) == 1
            for r in table_.rows]
    if not rows:
        return (), ("No flag rates: no protected attributes are recorded for the people concerned, so flag rates "
                    "by group cannot be measured.")
    families = sum(f.tests for f in result.families if f.key != "supporting")
    note = (f"{len(ids)} people who could receive suggestions; {len(kinds)} suggestion type"
            f"{'s' if len(kinds) != 1 else ''} by protected group, {families} comparisons corrected together "
            f"(Benjamini–Hochberg).")
    return tuple(rows), note


def _row(kind: str, table: Any, r: Any, t: Thresholds | None) -> FlagRate:
    from hrdesk.fairness.result import Status

    floor = t.impact_ratio_floor if t else 0.8
    what = f"{r.group} ({table.dimension_label}): {r.events} of {r.n} flagged"
    rate = f" ({r.rate:.0%})" if r.rate is not None else ""
    if r.status == Status.TOO_SMALL:
        judgement = TOO_FEW
        sentence = f"{what}; a group this small is not judged (fewer than {t.min_group_size if t else 5} people)."
    elif r.status in (Status.REFERENCE, Status.UNKNOWN):
        judgement = NOT_JUDGED
        sentence = what + rate + ("; the least-flagged group, the yardstick." if r.status == Status.REFERENCE
                                  else "; attribute not recorded.")
    else:
        ratio = f"impact ratio {r.impact_ratio:.2f}" if r.impact_ratio is not None else "no impact ratio"
        p = f"adjusted p = {r.p_adjusted:.3g}" if r.p_adjusted is not None else "not tested"
        if r.status == Status.FLAG:
            judgement, why = BREACH, f"below the floor of {floor:.2f} and flagged clearly more often than the rest"
        elif r.impact_ratio is not None and r.impact_ratio < floor:
            judgement, why = WATCH, f"below the floor of {floor:.2f}, but not clearly more often than the rest"
        else:
            judgement, why = WITHIN, f"at or above the floor of {floor:.2f}"
        sentence = f"{what}{rate}, {ratio} ({p}): {why}."
    return FlagRate(kind, table.dimension_label, r.group, r.n, r.events, r.rate, r.impact_ratio, r.p_value,
                    r.p_adjusted, str(r.status), judgement, sentence, r.ci_low, r.ci_high)


def flag_breaches(rows: Sequence[FlagRate]) -> list[Breach]:
    return [Breach(key=f"flags/{r.kind}/{r.attribute}/{r.group}",
                   title=f"{KIND_LABELS.get(r.kind, r.kind)}s fall unevenly on {r.group} ({r.attribute}): impact "
                         f"ratio {r.impact_ratio:.2f}",
                   detail=r.sentence + " Check the model card's proxy checks and the reasons given to this group.",
                   evidence=f"{r.flagged}/{r.n}")
            for r in rows if r.judgement == BREACH and r.impact_ratio is not None]
