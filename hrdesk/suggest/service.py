"""The current suggestions and explanations, behind the governance gates.

Before go-live nothing is suggested to anyone and the reason is returned
instead; after go-live each suggestion type appears only when the decision
register lets AI inform its decision type. Only consenting employees still
employed are ever scored (the feature pipeline leaves the opted-out out).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from hrdesk.errors import NotEnoughHistoryError, PermissionDeniedError
from hrdesk.suggest import development, retention, wellbeing
from hrdesk.suggest.explain import Explainer, Explanation, not_scored
from hrdesk.suggest.gate import decision_gate, governance_gate
from hrdesk.suggest.pipeline import FeatureTable, build_features, build_team_features
from hrdesk.suggest.store import has_model, load_stored

TYPES = {
    "retention": retention.DECISION,
    "development": development.DECISION,
    "wellbeing": wellbeing.DECISION,
}


@dataclass(frozen=True)
class Suggestion:
    kind: str  # retention | development | wellbeing
    decision: str
    employee_id: str
    name: str
    team: str  # the manager's name: people with the same manager form a team
    team_id: str | None
    because: str
    suggest: str
    probability: float | None = None


@dataclass(frozen=True)
class SuggestionList:
    live: bool
    reason: str
    items: tuple[Suggestion, ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)

    def by_team(self) -> dict[str, list[Suggestion]]:
        out: dict[str, list[Suggestion]] = {}
        for s in self.items:
            out.setdefault(s.team, []).append(s)
        return dict(sorted(out.items()))


@dataclass(frozen=True)
class Gates:
    """What governance allows one viewer now: whether anything is suggested (else why), and which types."""

    live: bool
    reason: str
    allowed: dict[str, Any] = field(default_factory=dict)  # suggestion type -> its decision Gate
    notes: tuple[str, ...] = ()

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(kind for kind, gate in self.allowed.items() if gate.open)


def gates(vault: Any, *, manager: Any = None) -> Gates:
    """Governance live, ``manager`` (a ``governance.training.Manager``; None: HR) allowed to see suggestions,
    and the decision register per suggestion type: everything a suggestion must pass, read once."""
    gate = governance_gate(vault)
    if not gate.open:
        return Gates(False, gate.reason)
    if manager is not None:
        from hrdesk.governance.gate import suggestions_gate

        allowed_manager = suggestions_gate(vault, manager)
        if not allowed_manager.allowed:
            return Gates(False, allowed_manager.reason)
    allowed = {kind: decision_gate(vault, decision) for kind, decision in TYPES.items()}
    notes = [g.reason for g in allowed.values() if not g.open]
    if allowed["retention"].open and not has_model(vault, retention.KIND):
        notes.append("No retention-risk model is trained yet (hrdesk suggest VAULT train).")
    return Gates(True, gate.reason, allowed, tuple(notes))


def current_suggestions(vault: Any, *, table: FeatureTable | None = None, manager: Any = None) -> SuggestionList:
    """Every suggestion governance allows now, or the reason there are none.

    With ``manager`` (a ``governance.training.Manager``): only their teams' suggestions, and none at all unless
    ``governance.gate`` lets that manager see suggestions (trained, in the pilot when there is one).
    """
    allowed = gates(vault, manager=manager)
    if not allowed.live:
        return SuggestionList(False, allowed.reason)
    return scored_suggestions(vault, table or build_features(vault), allowed, manager=manager)


def scored_suggestions(vault: Any, table: FeatureTable, allowed: Gates, *, manager: Any = None,
                       only: str | None = None, explainer: Explainer | None = None) -> SuggestionList:
    """The suggestions ``allowed`` lets through for the people of ``table`` (``only``: one of them, by vault id).

    Every suggestion about a person rests on that person's row and on their team's rows (the explanation's
    medians), and the retention cut is stored with the model; so the suggestions about someone scored from
    their team's table (``build_team_features``) equal those from the whole organisation's.
    """
    chosen = np.ones(len(table.employees), bool) if only is None else np.array([e == only for e in table.employees])
    items: list[Suggestion] = []
    if "retention" in allowed.kinds and has_model(vault, retention.KIND):
        items += _retention(table, chosen, explainer or Explainer(load_stored(vault, retention.KIND), table))
    if "development" in allowed.kinds:
        items += _development(table, chosen)
    if "wellbeing" in allowed.kinds:
        items += _wellbeing(vault, table, chosen, manager=manager, one=only is not None)
    if manager is not None:
        items = [s for s in items if s.team_id in set(manager.team_ids)]
    items.sort(key=lambda s: (s.team, s.name, s.kind))
    return SuggestionList(True, allowed.reason, tuple(items), allowed.notes)


def _team(table: FeatureTable, i: int) -> str:
    return table.managers[i] or "(no manager recorded)"


def _retention(table: FeatureTable, chosen: np.ndarray, explainer: Explainer) -> list[Suggestion]:
    """A retention conversation for each chosen person the model flags, with the factors that raised it."""
    out = []
    for i in (explainer.flagged() & chosen).nonzero()[0]:
        e = explainer.explain_index(int(i))
        out.append(Suggestion("retention", retention.DECISION, table.hris_ids[i], table.names[i], _team(table, i),
                              table.teams[i], "; ".join(c.words for c in e.raised) or "the combination of factors",
                              "Have a retention conversation: ask how they are doing and what would help.",
                              float(e.probability)))
    return out


def _development(table: FeatureTable, chosen: np.ndarray) -> list[Suggestion]:
    """The development catalogue's recommendations for the chosen people."""
    index = {h: i for i, h in enumerate(table.hris_ids)}
    return [Suggestion("development", development.DECISION, r.employee_id, r.name, _team(table, index[r.employee_id]),
                       table.teams[index[r.employee_id]], r.because, f"{r.kind.capitalize()}: {r.suggest}")
            for r in development.recommend(table, development.load_catalogue(), rows=chosen)]


def _wellbeing(vault: Any, table: FeatureTable, chosen: np.ndarray, *, manager: Any, one: bool) -> list[Suggestion]:
    """Well-being check-in prompts for the chosen people still employed (``one``: read their check-ins alone)."""
    active = {e for e, a, c in zip(table.employees, table.active, chosen) if a and c}
    if manager is not None:  # a manager sees a well-being prompt only for people who share check-ins with them
        from hrdesk.records.consent import WELLBEING_SHARING, ConsentRepository

        consents = ConsentRepository(vault)
        active = ({e for e in active if consents.current(e)[WELLBEING_SHARING]} if one
                  else active & consents.granted(WELLBEING_SHARING))
    index = {e: i for i, e in enumerate(table.employees)}
    return [Suggestion("wellbeing", wellbeing.DECISION, table.hris_ids[i], table.names[i], _team(table, i),
                       table.teams[i], p.because, p.prompt)
            for p in wellbeing.wellbeing_prompts(vault, active, read_all=not one) for i in [index[p.employee]]]


def person_suggestions(vault: Any, employee: str, team_id: str | None, *, manager: Any = None,
                       allowed: Gates | None = None, table: FeatureTable | None = None,
                       explainer: Explainer | None = None) -> SuggestionList:
    """The suggestions about one person (``employee``: vault id) that ``manager`` (None: HR) may see now, scored
    from their team alone (``table``/``explainer``: that team's, when the caller keeps them between pages).

    Equal to ``current_suggestions`` filtered to that person, at the cost of one team instead of everyone.
    """
    allowed = allowed or gates(vault, manager=manager)
    if not allowed.live:
        return SuggestionList(False, allowed.reason)
    table = table if table is not None else build_team_features(vault, team_id)
    return scored_suggestions(vault, table, allowed, manager=manager, only=employee, explainer=explainer)


def manager_of(session: Any) -> Any:
    """The signed-in manager as governance knows managers (their teams are the team keys they hold); None for HR."""
    from hrdesk.governance.training import Manager
    from hrdesk.session.actor import Role

    if session.actor.role is not Role.MANAGER:
        return None
    vault = session.vault
    user = vault.user
    return Manager(user.manager_name or user.name, user.employee_id or None, tuple(sorted(vault.held_team_ids())), 0)


def explain_employee(vault: Any, hris_id: str, *, manager: Any = None) -> Explanation:
    """One person's retention-risk explanation; refused before go-live, if the register keeps it human only,
    or (with ``manager``) if that manager may not see suggestions or the person is not in their teams."""
    for gate in (governance_gate(vault), decision_gate(vault, retention.DECISION)):
        if not gate.open:
            raise PermissionDeniedError(gate.reason, hint="No explanation is shown until suggestions are allowed.")
    if manager is not None:
        from hrdesk.governance.gate import suggestions_gate

        allowed = suggestions_gate(vault, manager)
        if not allowed.allowed:
            raise PermissionDeniedError(allowed.reason)
    if not has_model(vault, retention.KIND):
        raise NotEnoughHistoryError("No retention-risk model is trained yet, so there is nothing to explain.",
                                    hint="Train one first: hrdesk suggest VAULT train")
    from hrdesk.records import Records

    person = Records(vault).employees.by_employee_id(hris_id)
    if person is None:
        raise not_scored(hris_id)
    if manager is not None and person.team_id not in set(manager.team_ids):
        raise PermissionDeniedError(f"Employee '{hris_id}' is not in {manager.name}'s teams.")
    explainer = Explainer(load_stored(vault, retention.KIND), build_team_features(vault, person.team_id))
    return explainer.explain(person.employee_id)


def train(session: Any, *, kind: str = "retention", progress: Any = None) -> "retention.TrainResult":
    """Train a model as the session's user, in one transaction (stored with its card, audit-logged)."""
    from hrdesk.errors import InvalidInputError
    from hrdesk.progress import NULL_PROGRESS

    if kind != "retention":
        raise InvalidInputError(f"'{kind}' suggestions are not trained: only the retention-risk model learns from "
                                "history.", hint="Development recommendations follow the editable catalogue and "
                                "well-being prompts follow check-ins; neither needs training.")
    from hrdesk.suggest.proxy import protected_groups

    session.require_hr("train suggestion models", "suggest train")
    name = session.actor.name
    table = session.read(build_features)
    retention.check_table(table)
    # The protected attributes are read (and the read logged) in a transaction of its own: a cancelled training
    # rolls back the model, not the record that they were read.
    groups = session.perform(lambda vault: protected_groups(vault, table.employees, table.reference)).result
    return session.perform(lambda vault: retention.train_retention(
        vault, trained_by=name, progress=progress or NULL_PROGRESS, table=table, groups=groups)).result
